//! `relative-time`: relative time that goes stale once the briefing is read on another day
//! ("yesterday", "last week", "in the coming days"). With a front-matter `date`, the quick fix
//! offers the absolute date or range.

use super::lexicon::LEXICON;
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
            if let (Some(date), Some((from, to))) = (date, LEXICON.relative_spans[phrase]) {
                let absolute = describe(date.add_days(from), date.add_days(to));
                d.message = format!("`{written}` goes stale: give the date ({absolute})").into();
                d.fixes.push(Fix::replace(
                    format!("Replace with `{absolute}`"),
                    range,
                    absolute,
                ));
            }
            out.push(d);
            i += length;
        }
    }
}

/// Filters uses that are not relative to the reading day: "as soon as possible", "soon after
/// the vote", "the last week of March", "Russia Today".
fn is_relative_use(s: &SentenceView, i: usize, length: usize) -> bool {
    // Quoted words keep the speaker's day.
    if s.in_quote(i) {
        return false;
    }
    let first = s.word(i);
    let previous = if i > 0 { s.word(i - 1) } else { "" };
    let next = s.word(i + length);
    match first {
        "soon" => {
            !(previous == "as"
                || matches!(
                    next,
                    "as" | "after" | "afterwards" | "thereafter" | "enough"
                ))
        }
        "today" => !(s.is_capitalized(i) && i > 0 && s.is_capitalized(i - 1)),
        // "More recently, …" orders events in the narrative; it does not date them.
        "recently" => !matches!(previous, "more" | "most" | "only" | "as"),
        "last" | "next" => !matches!(next, "of" | "to" | "-") && previous != "the",
        _ => true,
    }
}

fn describe(from: Date, to: Date) -> String {
    if from == to {
        format!("on {}", long_date(from))
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
