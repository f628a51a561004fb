//! Which numbers state a quantity: not dates, years, labels ("Article 5"), spans of time or
//! list indices.

use std::sync::LazyLock;

use super::super::lexicon::{is_month, word_file};
use super::super::sentence::SentenceView;
use crate::fast_hash::FastSet;

/// Words before a number that make it a label, not a figure: "Article 5", "Resolution 2231".
pub(super) static LABELS: LazyLock<FastSet<&str>> = word_file!("claim-labels");

pub(super) static NUMBER_WORDS: LazyLock<FastSet<&str>> = word_file!("claim-number-words");

/// Nouns that number the parts of an argument (see the data file).
static DISCOURSE_NOUNS: LazyLock<FastSet<&str>> = word_file!("claim-discourse-nouns");

/// "two things", "three fundamental challenges", "two very different paths": a count of the
/// parts of an argument, the noun within three words of the number.
fn counts_discourse(s: &SentenceView, i: usize) -> bool {
    (i + 1..(i + 4).min(s.len()))
        .take_while(|&k| s.is_word(k))
        .any(|k| DISCOURSE_NOUNS.contains(&s.word(k)))
}

/// Units of time: "over the last eight years" is a span, not a figure.
pub(super) static TIME_UNITS: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "years",
        "year",
        "months",
        "month",
        "weeks",
        "week",
        "days",
        "day",
        "hours",
        "hour",
        "minutes",
        "minute",
        "seconds",
        "decades",
        "decade",
        "centuries",
        "nights",
        "times",
        "terms",
    ]
    .into_iter()
    .collect()
});

/// Four digits that read as a 24-hour clock time ("0600", "2230").
fn is_clock_time(text: &str) -> bool {
    let value: u32 = match text.parse() {
        Ok(value) if text.len() == 4 && text.chars().all(|c| c.is_ascii_digit()) => value,
        _ => return false,
    };
    value / 100 < 24 && value % 100 < 60
}

/// A clock time that opens on a zero ("0600"), which no quantity does.
fn is_zero_clock(text: &str) -> bool {
    is_clock_time(text) && text.starts_with('0')
}

/// A number that states a quantity, not a date, a time, a label or an ordinal.
pub(super) fn is_figure(s: &SentenceView, i: usize) -> bool {
    let text = s.word(i);
    // Look back past the punctuation of "Dec. 20" and "Version: 12".
    let previous = match i.checked_sub(1).map(|p| s.word(p)) {
        Some("." | ":") if i >= 2 => s.word(i - 2),
        Some(word) => word,
        None => "",
    };
    let next = s.word(i + 1);
    let before = if i > 0 { s.word(i - 1) } else { "" };
    // "post-E.O. 14285": the label is the last part of a hyphenated word.
    let previous_label = previous.rsplit('-').next().unwrap_or(previous);
    // "30 U.S.C. §191", "Resolution 2231", "48 Federal Register 10605": references, not
    // quantities; "| 72. |" numbers a row of a table of notes.
    // "Options 2 or 3", "Articles 5 and 6": the second number of a pair is labelled by the
    // word before the first.
    let pair_label = i >= 3
        && matches!(before, "and" | "or")
        && !s.word(i - 2).is_empty()
        && s.word(i - 2).bytes().all(|b| b.is_ascii_digit())
        && LABELS.contains(&s.word(i - 3));
    if LABELS.contains(&previous_label)
        || pair_label
        || LABELS.contains(&next)
        || next == ":"
        || matches!(before, "#" | "/" | "§")
        || (before == "-" && joined(s, i - 1) && !is_range_end(s, i))
        || (before == "|" && next == "." && matches!(s.word(i + 2), "|" | ""))
        || (before == "(" && next == ")")
        // "[2]": a numbered reference to a list of sources ("[2] USDA, World Agricultural
        // Supply…" or a sentence ending in "[4]"), not a quantity.
        || (before == "[" && next == "]")
        || (matches!(next, "/" | "-") && joined(s, i) && !is_hyphenated_percent(s, i))
        || (next == "federal" && s.word(i + 2) == "register")
    {
        return false;
    }
    // "its 100 anniversary" is an ordinal written without its suffix; "25 seconds" and "20
    // minutes" time a speech or an event, they measure nothing worth a source.
    if matches!(
        next,
        "anniversary"
            | "anniversaries"
            | "congress"
            | "congresses"
            | "seconds"
            | "second"
            | "minutes"
            | "minute"
    ) {
        return false;
    }
    // "100 percent certainty", "100 percent sure", "100 percent behind him": a degree of
    // conviction, not a measure.
    if matches!(next, "percent" | "%") && is_conviction(s.word(i + 2)) {
        return false;
    }
    // "DODD 3000.09", "IFPC 2": a number right after an acronym names a directive or a
    // version.
    if i > 0 && s.is_word(i - 1) && is_acronym_text(s.text(i - 1)) && !matches!(next, "%") {
        return false;
    }
    // "firmware 9.9.2", "section 4.2.1": two dots make a version or a section number; a
    // quantity has at most one decimal point.
    if text.matches('.').count() >= 2 {
        return false;
    }
    // A year cut to two digits: "the tax of '77".
    if matches!(before, "'" | "’") && text.len() == 2 {
        return false;
    }
    // The minutes of a clock time: "8:30".
    if before == ":" && i >= 2 && s.is_number(i - 2) {
        return false;
    }
    // Numbers run into letters ("1974April", "F2F") are labels or conversion debris; unit
    // suffixes ("4bn", "10m") are figures.
    let letters = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
    if !letters.is_empty()
        && !matches!(
            letters,
            "bn" | "m" | "mn" | "k" | "tn" | "b" | "st" | "nd" | "rd" | "th" | "s"
        )
        && !is_glued_unit(letters)
    {
        return false;
    }
    if is_glued_unit(letters) {
        return true;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let value: u64 = digits.parse().unwrap_or(0);
    let plain = text.chars().all(|c| c.is_ascii_digit());
    let percent = matches!(next, "%" | "percent" | "per" | "percentage");
    if percent {
        return true;
    }
    // A 24-hour clock time written without a colon, as situation reports do: "a curfew from
    // 1800 to 0600", "at 1430 local time". A quantity never opens on a zero, so a leading zero
    // or a following "local"/"hrs"/"Z" marks the time (years are caught below).
    // The other end of a span marks it too: "from 2200 to 0600".
    if is_clock_time(text)
        && (text.starts_with('0')
            || matches!(next, "local" | "hrs" | "z" | "zulu")
            || (matches!(next, "to" | "until" | "-" | "–") && is_zero_clock(s.word(i + 2)))
            || (matches!(before, "to" | "until" | "-" | "–")
                && i >= 2
                && is_zero_clock(s.word(i - 2))))
    {
        return false;
    }
    // Years and days of the month are dates ("$1600" is an amount).
    let currency = matches!(before, "$" | "€" | "£" | "¥");
    if plain && !currency && digits.len() == 4 && (1000..=2100).contains(&value) {
        return false;
    }
    if plain && value <= 31 && (is_month(previous) || is_month(next) || next == "of") {
        return false;
    }
    // The first day of a range of days: "9–10 December", "9 and 10 December", "from 9 to 12
    // May" (the second day is already a date by the month after it; "9-10" joined by a hyphen
    // is a label above).
    if plain && value <= 31 && (is_day_range_start(s, i) || in_list_of_days(s, i)) {
        return false;
    }
    // Ordinals (1st, 20th), times (10.30, 14:00) and decades (1990s).
    if text.ends_with("st")
        || text.ends_with("nd")
        || text.ends_with("rd")
        || text.ends_with("th")
        || text.ends_with('s')
        || next == ":"
        || matches!(next, "am" | "pm" | "a.m" | "p.m" | "gmt" | "utc" | "cet")
    {
        return false;
    }
    // "24 hours ago" dates something and "10 years from now" looks ahead; neither measures.
    // "5 o'clock" is a time.
    if TIME_UNITS.contains(&next)
        && (s.word(i + 2) == "ago" || (s.word(i + 2) == "from" && s.word(i + 3) == "now"))
    {
        return false;
    }
    let unit = matches!(
        next,
        "%" | "percent" | "per" | "thousand" | "million" | "billion" | "trillion"
    );
    if matches!(next, "o'clock" | "o’clock") || (!unit && counts_discourse(s, i)) {
        return false;
    }
    // A span of time ("the last 20 months") is context, not a figure.
    if plain && TIME_UNITS.contains(&next) && value < 100 && is_span_start(previous) {
        return false;
    }
    // A small bare number with no unit is as likely a list index as a quantity.
    if plain && value <= 1 {
        return false;
    }
    true
}

/// Whether the number at `i` opens a range of days of the month: a day, a link ("–", "-",
/// "and", "to", "through"), a second day and a month.
fn is_day_range_start(s: &SentenceView, i: usize) -> bool {
    matches!(s.word(i + 1), "–" | "-" | "and" | "to" | "through")
        && s.is_number(i + 2)
        && s.word(i + 2).len() <= 2
        && is_month(s.word(i + 3))
        // "from 9 to 12 may fall": the month is written with a capital.
        && s.is_capitalized(i + 3)
}

/// Word `i` is a day in a list of days of one month: the "12" of "on 12 and 15 November",
/// "12, 14 and 15 November", "between 3 and 5 March" or "November 12 and 15". Only the day
/// next to the month is a date by itself; the others are dates as much.
fn in_list_of_days(s: &SentenceView, i: usize) -> bool {
    let is_day = |k: usize| {
        s.is_number(k) && s.word(k).len() <= 2 && s.word(k).parse::<u8>().is_ok_and(|d| d <= 31)
    };
    let is_link = |k: usize| matches!(s.word(k), "and" | "or" | "," | "to" | "&" | "–");
    // Forward to the month after the last day: "12 and 15 November".
    let mut k = i;
    while is_link(k + 1) && is_day(k + 2) {
        k += 2;
    }
    if k > i && is_month(s.word(k + 1)) {
        return true;
    }
    // Back to the month before the first day: "November 12 and 15".
    let mut k = i;
    while k >= 2 && is_link(k - 1) && is_day(k - 2) {
        k -= 2;
    }
    k < i && k >= 1 && is_month(s.word(k - 1))
}

/// What "100 percent" qualifies when it is a degree of conviction: "certainty", "sure".
fn is_conviction(word: &str) -> bool {
    matches!(
        word,
        "certainty" | "certain" | "sure" | "confident" | "confidence" | "committed" | "behind"
    )
}

/// An all-capital word of two to six letters: "DODD", "IFPC".
fn is_acronym_text(text: &str) -> bool {
    (2..=6).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_uppercase())
}

/// Tokens `i` and `i + 1` touch: "2021-22", not "21 -- about".
fn joined(s: &SentenceView, i: usize) -> bool {
    match (s.tokens.get(i), s.tokens.get(i + 1)) {
        (Some(a), Some(b)) => a.end == b.start,
        _ => false,
    }
}

/// The second number of a range of amounts: "$20-25 billion", "10-15 percent".
fn is_range_end(s: &SentenceView, i: usize) -> bool {
    i >= 2
        && s.is_number(i - 2)
        && matches!(
            s.word(i + 1),
            "%" | "percent" | "million" | "billion" | "trillion"
        )
}

/// A unit run into its number by a transcription slip: "141percent", "20million".
fn is_glued_unit(letters: &str) -> bool {
    matches!(letters, "percent" | "million" | "billion" | "trillion")
}

/// "a 15- percent drop": a number whose hyphen joins it to "percent".
fn is_hyphenated_percent(s: &SentenceView, i: usize) -> bool {
    s.word(i + 1) == "-" && matches!(s.word(i + 2), "percent" | "%")
}

pub(super) fn is_span_start(word: &str) -> bool {
    matches!(
        word,
        "last"
            | "next"
            | "past"
            | "coming"
            | "first"
            | "recent"
            | "few"
            | "the"
            | "in"
            | "within"
            | "those"
            | "these"
            | "every"
    )
}

/// A number word that counts something: "eleven times", "two million barrels".
pub(super) fn is_count(s: &SentenceView, i: usize) -> bool {
    let word = s.word(i);
    if matches!(word, "percent" | "percentage") {
        return i > 0
            && (s.is_number(i - 1) || NUMBER_WORDS.contains(&s.word(i - 1)))
            && !is_conviction(s.word(i + 1));
    }
    if word == "per" {
        return s.word(i + 1) == "cent" && i > 0 && s.is_number(i - 1);
    }
    if word == "half" {
        return s.word(i + 1) == "of" || (i > 0 && matches!(s.word(i - 1), "by" | "than"));
    }
    let next = s.word(i + 1);
    // "the Five Eyes", "the Big Three": a capitalised number word inside a sentence is part of
    // a name.
    if i > 0
        && s.is_capitalized(i)
        && s.is_capitalized(i + 1)
        && !matches!(s.word(i - 1), "." | ":" | "?" | "!")
    {
        return false;
    }
    // "the Group of Seven", "the Gang of Four": a capitalised number word after "of" and a
    // capitalised word ends a name, whatever follows ("Group of Seven foreign ministers").
    if i >= 2
        && s.is_capitalized(i)
        && s.word(i - 1) == "of"
        && s.is_capitalized(i - 2)
        && s.is_word(i - 2)
    {
        return false;
    }
    // "two of them", "the two sides" are not quantities worth a source; "two years ago" is time.
    if matches!(
        next,
        "of" | "sides"
            | "seconds"
            | "leaders"
            | "countries"
            | "men"
            | "days"
            | "weeks"
            | "months"
            | "years"
            | "hours"
            | "minutes"
            | "-"
            | ","
            | "."
            | "or"
            | "and"
    ) && !matches!(
        word,
        "million"
            | "billion"
            | "trillion"
            | "thousand"
            | "thousands"
            | "hundreds"
            | "millions"
            | "billions"
            | "dozens"
    ) {
        return false;
    }
    // "the two sides", "our two neighbours", "my three sons": known things, not a count.
    if i > 0
        && matches!(
            s.word(i - 1),
            "the"
                | "these"
                | "those"
                | "both"
                | "all"
                | "number"
                | "last"
                | "next"
                | "past"
                | "first"
                | "our"
                | "my"
                | "your"
        )
    {
        return false;
    }
    if TIME_UNITS.contains(&next) && (i == 0 || is_span_start(s.word(i - 1))) {
        return false;
    }
    let unit = matches!(
        next,
        "thousand" | "million" | "billion" | "trillion" | "percent"
    );
    if (!unit && counts_discourse(s, i))
        || (TIME_UNITS.contains(&next) && s.word(i + 2) == "from" && s.word(i + 3) == "now")
    {
        return false;
    }
    s.is_word(i + 1)
        || s.is_number(i + 1)
        || matches!(word, "million" | "billion" | "trillion" | "twice")
}
