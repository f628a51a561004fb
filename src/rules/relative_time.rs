//! `relative-time`: relative time that goes stale once the briefing is read on another day
//! ("yesterday", "last week", "in the coming days"). With a front-matter `date`, the quick fix
//! offers the absolute date or range.

use super::lexicon::{CalendarPart, CalendarUnit, LEXICON, RelativeSpan};
use super::sentence::SentenceView;
use super::triggers;
use super::{Diagnostic, Fix, RuleCode, RuleContext, diagnostic};
use crate::model::Date;

/// Every relative-time phrase is listed; its required word selects the sentence (`triggers.rs`).
pub(super) fn trigger_words() -> Box<dyn Iterator<Item = &'static str>> {
    Box::new(std::iter::empty())
}

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let date = context
        .document
        .front_matter
        .as_ref()
        .and_then(|fm| fm.date);
    // One buffer for every sentence's bare words.
    let mut bare: Vec<&str> = Vec::new();
    for index in context.sentence_indices() {
        if !context.sentence_has(index, triggers::RELATIVE_TIME) {
            continue;
        }
        let s = SentenceView::new(context, index);
        // "Last year's budget": match the phrase without the possessive.
        bare.clear();
        bare.extend(s.lower.iter().map(|w| {
            if !w.ends_with('s') {
                return *w;
            }
            w.strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w)
        }));
        let mut i = 0;
        while i < s.len() {
            let Some((phrase, length)) = LEXICON.relative_times.match_at(&bare, i) else {
                i += 1;
                continue;
            };
            if !is_relative_use(&s, i, length) {
                i += length;
                continue;
            }
            let range = s.range(i, i + length);
            let written = range.slice(&context.document.prose);
            let mut d = diagnostic(
                RuleCode::RelativeTime,
                range,
                format!("`{written}` goes stale: give the date"),
            );
            if let Some((from, to)) = date
                .zip(LEXICON.relative_spans[phrase])
                .and_then(|(date, span)| resolve(span, date))
            {
                let absolute = describe(from, to);
                d.message = format!("`{written}` goes stale: give the date ({absolute})").into();
                if let Some(replacement) = replacement(&s, i, length, written, from, to) {
                    d.fixes.push(Fix::replace(
                        format!("Replace with `{replacement}`"),
                        range,
                        replacement,
                    ));
                }
            }
            out.push(d);
            i += length;
        }
    }
}

/// Filters uses that are not relative to the reading day: "as soon as possible", "soon after
/// the vote", "shortly before midnight", "the last week of March", "Russia Today".
fn is_relative_use(s: &SentenceView, i: usize, length: usize) -> bool {
    // Quoted words keep the speaker's day.
    if s.in_quotation(i) {
        return false;
    }
    let first = s.word(i);
    let previous = if i > 0 { s.word(i - 1) } else { "" };
    let next = s.word(i + length);
    match first {
        // "shortly before the vote" dates by the vote, like "soon after".
        "soon" | "shortly" => {
            !(previous == "as"
                || matches!(
                    next,
                    "as" | "after" | "afterwards" | "thereafter" | "enough" | "before"
                ))
        }
        // "USA Today", "Radio 4's Today programme", "the Today show": a capital inside a
        // sentence makes "Today" part of a name, unless it opens a clause after ":" or a quote.
        "today" => {
            !(s.is_capitalized(i)
                && i > 0
                && !matches!(previous, ":" | "\"" | "“" | "‘" | "(" | "—" | "–" | "-"))
        }
        // "More recently, …" orders events in the narrative; it does not date them.
        "recently" => !matches!(previous, "more" | "most" | "only" | "as"),
        // "the last week of March" and "last-minute" are no relative time; "next week to
        // discuss" and "last month to meet" are (a purpose clause follows the phrase).
        "last" | "next" => !matches!(next, "of" | "-") && previous != "the",
        _ => true,
    }
}

/// The first and last day `span` stands for, seen from `date`; `None` when the part is empty
/// ("earlier this month" on the 1st).
fn resolve(span: RelativeSpan, date: Date) -> Option<(Date, Date)> {
    let (from, to) = match span {
        RelativeSpan::Days(from, to) => (date.add_days(from), date.add_days(to)),
        RelativeSpan::Weekday {
            weekday,
            forward,
            unambiguous,
        } => {
            let today = date.days_since_monday();
            // The nearest such weekday strictly after (or before) the date.
            let offset = if forward {
                (weekday - today - 1).rem_euclid(7) + 1
            } else {
                -((today - weekday - 1).rem_euclid(7) + 1)
            };
            // Within the date's own week, "next Friday" (or "last Monday") may mean this
            // one or the one a week further: no date is offered.
            let same_week = (0..7).contains(&(today + offset));
            if same_week && !unambiguous {
                return None;
            }
            let day = date.add_days(offset);
            (day, day)
        }
        RelativeSpan::Calendar(unit, part) => {
            let (start, end) = unit_around(unit, date);
            match part {
                CalendarPart::Current => (start, end),
                CalendarPart::SoFar => (start, date.add_days(-1)),
                CalendarPart::Rest => (date.add_days(1), end),
                CalendarPart::Previous => unit_around(unit, start.add_days(-1)),
                CalendarPart::Next => unit_around(unit, end.add_days(1)),
            }
        }
    };
    (from <= to).then_some((from, to))
}

/// The calendar week (Monday to Sunday), month or year that holds `date`: first and last day.
fn unit_around(unit: CalendarUnit, date: Date) -> (Date, Date) {
    match unit {
        CalendarUnit::Week => {
            let monday = date.add_days(-date.days_since_monday());
            (monday, monday.add_days(6))
        }
        CalendarUnit::Month => (
            Date { day: 1, ..date },
            Date {
                day: date.days_in_month(),
                ..date
            },
        ),
        CalendarUnit::Year => (
            Date {
                month: 1,
                day: 1,
                ..date
            },
            Date {
                month: 12,
                day: 31,
                ..date
            },
        ),
    }
}

/// The words that replace the phrase where it stands: "in 2025" alone, "2025" after a
/// preposition ("since last year" → "since 2025"), "2025's" for a possessive ("last year's
/// budget"); a range ("between 9 and 15 March 2026") only alone, as "by between…" or
/// "between…'s" would not read. Capitalised like the phrase.
fn replacement(
    s: &SentenceView,
    i: usize,
    length: usize,
    written: &str,
    from: Date,
    to: Date,
) -> Option<String> {
    let last = s.word(i + length - 1);
    let possessive = ["'s", "’s"]
        .into_iter()
        .find(|suffix| last.ends_with(suffix));
    let after_preposition = i > 0
        && matches!(
            s.word(i - 1),
            "by" | "until"
                | "till"
                | "since"
                | "from"
                | "before"
                | "after"
                | "during"
                | "through"
                | "throughout"
                | "for"
                | "of"
                | "over"
                | "within"
                | "to"
                | "at"
        );
    let text = match (single(from, to), possessive) {
        (Some((_, when)), Some(suffix)) => format!("{when}{suffix}"),
        (Some((_, when)), None) if after_preposition => when,
        (Some((preposition, when)), None) => format!("{preposition} {when}"),
        (None, None) if !after_preposition => describe(from, to),
        (None, _) => return None,
    };
    Some(if written.starts_with(char::is_uppercase) {
        let mut chars = text.chars();
        chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    } else {
        text
    })
}

/// A span that one date, month or year names: the preposition it takes and the words.
fn single(from: Date, to: Date) -> Option<(&'static str, String)> {
    let whole_month = from.day == 1 && to.day == to.days_in_month();
    if from.year == to.year && from.month == 1 && to.month == 12 && whole_month {
        return Some(("in", from.year.to_string()));
    }
    if from.year == to.year && from.month == to.month && whole_month {
        return Some(("in", format!("{} {}", month_name(from.month), from.year)));
    }
    (from == to).then(|| ("on", long_date(from)))
}

fn describe(from: Date, to: Date) -> String {
    if let Some((preposition, when)) = single(from, to) {
        format!("{preposition} {when}")
    } else if from.year == to.year && from.month == to.month {
        format!("between {} and {}", from.day, long_date(to))
    } else if from.year == to.year {
        format!(
            "between {} {} and {}",
            from.day,
            month_name(from.month),
            long_date(to)
        )
    } else {
        format!("between {} and {}", long_date(from), long_date(to))
    }
}

fn long_date(date: Date) -> String {
    format!("{} {} {}", date.day, month_name(date.month), date.year)
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(month.clamp(1, 12) - 1) as usize]
}

impl Date {
    /// 0 on a Monday, 6 on a Sunday (proleptic Gregorian calendar).
    pub fn days_since_monday(self) -> i64 {
        // Days since 1970-01-01, a Thursday (H. Hinnant's days_from_civil).
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        let days = era * 146_097 + day_of_era - 719_468;
        (days + 3).rem_euclid(7)
    }

    /// The date `days` later (or earlier, when negative).
    pub fn add_days(self, days: i64) -> Date {
        let mut date = self;
        let step = days.signum();
        for _ in 0..days.unsigned_abs().min(4000) {
            if step > 0 {
                if date.day < date.days_in_month() {
                    date.day += 1;
                } else if date.month < 12 {
                    date = Date {
                        day: 1,
                        month: date.month + 1,
                        ..date
                    };
                } else {
                    date = Date {
                        year: date.year + 1,
                        month: 1,
                        day: 1,
                    };
                }
            } else if date.day > 1 {
                date.day -= 1;
            } else if date.month > 1 {
                let previous = Date {
                    month: date.month - 1,
                    day: 1,
                    ..date
                };
                date = Date {
                    day: previous.days_in_month(),
                    ..previous
                };
            } else {
                date = Date {
                    year: date.year - 1,
                    month: 12,
                    day: 31,
                };
            }
        }
        date
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    fn fix(span: RelativeSpan, on: Date) -> Option<String> {
        resolve(span, on).map(|(from, to)| describe(from, to))
    }

    /// The replacement each relative-time finding of `body` offers, dated 14 March 2026.
    fn replacements(body: &str) -> Vec<String> {
        let text = format!("---\ndate: 2026-03-14\n---\n\n# A\n\n{body}\n");
        let context =
            crate::analysis::Context::new("t.brief.md", crate::config::Config::defaults());
        crate::analysis::analyze(&text, &context)
            .diagnostics
            .iter()
            .filter(|d| d.code == RuleCode::RelativeTime)
            .map(|d| {
                d.fixes
                    .first()
                    .map_or("-".into(), |f| f.edits[0].new_text.clone())
            })
            .collect()
    }

    #[test]
    fn replacements_fit_where_the_phrase_stands() {
        assert_eq!(
            replacements(
                "Last year's budget was cut. Yesterday, the vote was held. Prices rose since \
                 last year. The law applies until next month. The mandate ends by next week. \
                 Talks resume next week."
            ),
            [
                "2025's",
                "On 13 March 2026",
                "2025",
                "April 2026",
                "-",
                "between 16 and 22 March 2026"
            ]
        );
    }

    #[test]
    fn weekdays() {
        assert_eq!(date(1970, 1, 1).days_since_monday(), 3); // Thursday
        assert_eq!(date(2026, 11, 20).days_since_monday(), 4); // Friday
        assert_eq!(date(2026, 11, 23).days_since_monday(), 0); // Monday
        assert_eq!(date(2024, 2, 29).days_since_monday(), 3); // Thursday
        assert_eq!(date(2000, 1, 2).days_since_monday(), 6); // Sunday
    }

    #[test]
    fn named_weekdays_resolve_only_when_one_day_is_meant() {
        let weekday = |weekday, forward, unambiguous| RelativeSpan::Weekday {
            weekday,
            forward,
            unambiguous,
        };
        let friday = date(2026, 11, 20);
        let monday = date(2026, 11, 23);
        // "last Friday" on a Friday is the Friday before; "next Tuesday" the one next week.
        assert_eq!(
            fix(weekday(4, false, false), friday).as_deref(),
            Some("on 13 November 2026")
        );
        assert_eq!(
            fix(weekday(1, true, false), friday).as_deref(),
            Some("on 24 November 2026")
        );
        // "last Monday" on a Friday, "next Friday" on a Monday: this week's or the other's.
        assert_eq!(fix(weekday(0, false, false), friday), None);
        assert_eq!(fix(weekday(4, true, false), monday), None);
        // "this past Monday", "this coming Friday": the nearest one.
        assert_eq!(
            fix(weekday(0, false, true), friday).as_deref(),
            Some("on 16 November 2026")
        );
        assert_eq!(
            fix(weekday(4, true, true), monday).as_deref(),
            Some("on 27 November 2026")
        );
    }

    #[test]
    fn calendar_units_are_whole_weeks_months_and_years() {
        use CalendarPart::*;
        use CalendarUnit::*;
        let friday = date(2026, 11, 20);
        let calendar = RelativeSpan::Calendar;
        assert_eq!(
            fix(calendar(Week, Next), friday).as_deref(),
            Some("between 23 and 29 November 2026")
        );
        assert_eq!(
            fix(calendar(Week, Previous), friday).as_deref(),
            Some("between 9 and 15 November 2026")
        );
        assert_eq!(
            fix(calendar(Week, SoFar), friday).as_deref(),
            Some("between 16 and 19 November 2026")
        );
        assert_eq!(
            fix(calendar(Month, Previous), date(2026, 3, 14)).as_deref(),
            Some("in February 2026")
        );
        assert_eq!(
            fix(calendar(Month, Next), date(2026, 12, 31)).as_deref(),
            Some("in January 2027")
        );
        assert_eq!(
            fix(calendar(Year, Next), date(2026, 3, 14)).as_deref(),
            Some("in 2027")
        );
        assert_eq!(
            fix(calendar(Year, SoFar), date(2026, 3, 14)).as_deref(),
            Some("between 1 January and 13 March 2026")
        );
        assert_eq!(
            fix(calendar(Month, Rest), date(2026, 2, 27)).as_deref(),
            Some("on 28 February 2026")
        );
        // Nothing of the month is left, or has gone by: no fix.
        assert_eq!(fix(calendar(Month, Rest), date(2026, 2, 28)), None);
        assert_eq!(fix(calendar(Month, SoFar), date(2026, 3, 1)), None);
        assert_eq!(
            fix(RelativeSpan::Days(1, 7), friday).as_deref(),
            Some("between 21 and 27 November 2026")
        );
    }
}
