//! `undefined-acronym`: an all-caps token of 2–6 letters used before it is spelled out as
//! "Full Name (ACR)", unless it is a known actor's name or alias or listed in `[style]
//! acronyms`. Reported once per acronym, at its first use.

use std::sync::LazyLock;

use super::sentence::SentenceView;
use super::triggers;
use super::words::{Token, TokenKind};
use super::{Diagnostic, RuleCode, RuleContext, diagnostic};
use crate::fast_hash::{FastMap, FastSet};
use crate::text::TextRange;

/// Abbreviations every reader knows; spelling them out would be odd. CIA, FBI, GOP, NASA, AI
/// and GDP: the AP Stylebook's "acceptable in all references" (a risk profile that writes
/// "68 percent of GDP" is not expected to spell it out).
static COMMON: LazyLock<FastSet<&str>> = LazyLock::new(|| {
    [
        "OK", "TV", "AM", "PM", "AD", "BC", "CEO", "ID", "PDF", "URL", "UTC", "GMT", "FAQ", "DNA",
        "HIV", "AIDS", "COVID", "USB", "GPS", "ISBN", "CIA", "FBI", "GOP", "NASA", "AI", "GDP",
    ]
    .into_iter()
    .collect()
});

/// Currency codes, amounts when next to a number ("EUR 1.2 billion").
static CURRENCY_CODES: LazyLock<FastSet<&str>> = super::lexicon::word_file!("currency-codes");

/// An all-caps token found in a sentence: a use, or the place where it is spelled out. What a
/// sentence holds depends on that sentence alone, so `rules::memo` keeps it between versions;
/// only [`resolve`] reads across sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AcronymMention {
    pub range: TextRange,
    pub defines: bool,
}

pub fn check(context: &RuleContext, out: &mut Vec<Diagnostic>) {
    let mut mentions = Vec::new();
    for index in 0..context.document.sentences.len() {
        extract(context, index, &mut mentions);
    }
    resolve(context, &mentions, out);
}

/// The acronyms of sentence `index`, in order.
pub fn extract(context: &RuleContext, index: usize, out: &mut Vec<AcronymMention>) {
    if !context.words.sentence_has(index, triggers::CAPITALS) {
        return;
    }
    let s = SentenceView::new(context, index);
    let prose = context.document.prose.as_bytes();
    // Decided at the first acronym of the sentence: most sentences with capitals have none.
    let mut shouting: Option<bool> = None;
    for (i, token) in s.tokens.iter().enumerate() {
        // Most tokens are too long or too short to be acronyms: skip them before slicing, on
        // the bytes of the prose (a token is never empty).
        let (start, end) = (token.start as usize, token.end as usize);
        if token.kind != TokenKind::Word
            || !(2..=MAX_TOKEN).contains(&(end - start))
            || !prose[start].is_ascii_uppercase()
        {
            continue;
        }
        let text = acronym_stem(s.text(i));
        if !is_acronym(text)
            || *shouting.get_or_insert_with(|| is_shouting(s.tokens, prose))
            || next_to_capitals(&s, i)
        {
            continue;
        }
        if is_classification_marking(&s, i) {
            continue;
        }
        // "R&D", "M&A", "MS&A": an ampersand compound, read or defined as one.
        if s.word(i + 1) == "&" || i > 0 && s.word(i - 1) == "&" {
            continue;
        }
        // "MS. PSAKI:", "DR. SMITH": a title in capitals, not an acronym; and a label that
        // opens the sentence ("PSAKI: Good afternoon", "BLUF: …", "NOTE: …") names a speaker
        // or a part, as in a transcript or a cable.
        if matches!(text, "MR" | "MRS" | "MS" | "DR") && s.word(i + 1) == "."
            || s.word(i + 1) == ":" && (0..i).all(|j| !s.is_word(j))
        {
            continue;
        }
        let in_parens = i > 0 && matches!((s.word(i - 1), s.word(i + 1)), ("(", ")") | ("[", "]"));
        // "low-rate initial production (LRIP)" or "LRIP (Low-Rate Initial Production)", or
        // "the Islamic Revolutionary Guard Corps, or IRGC," / "known as IRGC".
        // The name may end in a possessive apostrophe: "Human Services' (HHS's)".
        let name_before =
            |j: usize| s.is_word(j) || matches!(s.word(j), "'" | "’") && j > 0 && s.is_word(j - 1);
        let defines = (in_parens && i >= 2 && name_before(i - 2))
            || (s.word(i + 1) == "(" && s.is_capitalized(i + 2) && !is_acronym(s.text(i + 2)))
            || (i >= 3
                && s.word(i - 1) == "or"
                && s.word(i - 2) == ","
                && s.is_capitalized(i - 3)
                && matches!(s.word(i + 1), "," | ")" | "." | ""))
            || (i >= 2 && s.word(i - 2) == "known" && s.word(i - 1) == "as");
        if CURRENCY_CODES.contains(text) && next_to_number(&s, i) {
            continue;
        }
        // "Fort Irwin, CA": a two-letter code after a place name is an address.
        if text.len() == 2 && i > 0 && s.word(i - 1) == "," {
            continue;
        }
        out.push(AcronymMention {
            range: TextRange::new(start, start + text.len()),
            defines,
        });
    }
}

/// Findings from the acronyms of the whole document in order: each acronym used before the
/// place it is spelled out (or never spelled out), once, at its first use.
pub fn resolve(context: &RuleContext, mentions: &[AcronymMention], out: &mut Vec<Diagnostic>) {
    AcronymUses::of(&context.document.prose, mentions).report(context, out);
}

/// Where each acronym of a run of sentences is first used and first spelled out: all
/// [`resolve`] needs. Uses before the first definition are reported at the first of them,
/// and a use after it never is, so the first use and the first definition decide. Each half
/// of a document is summed up on its own thread, and the halves are then joined
/// ([`AcronymUses::followed_by`]) at the cost of one lookup per acronym, not per use.
#[derive(Default)]
pub struct AcronymUses<'a> {
    by_acronym: FastMap<&'a str, FirstUses>,
}

#[derive(Clone, Copy, Default)]
struct FirstUses {
    use_range: Option<TextRange>,
    definition: Option<usize>,
}

impl<'a> AcronymUses<'a> {
    /// The first uses and definitions among `mentions`, which are in document order.
    pub fn of(prose: &'a str, mentions: &[AcronymMention]) -> AcronymUses<'a> {
        let mut uses = AcronymUses::default();
        for mention in mentions {
            let first = uses
                .by_acronym
                .entry(mention.range.slice(prose))
                .or_default();
            if mention.defines {
                first.definition.get_or_insert(mention.range.start);
            } else {
                first.use_range.get_or_insert(mention.range);
            }
        }
        uses
    }

    /// These uses followed, later in the document, by `later`'s.
    pub fn followed_by(mut self, later: AcronymUses<'a>) -> AcronymUses<'a> {
        for (acronym, after) in later.by_acronym {
            let first = self.by_acronym.entry(acronym).or_default();
            first.use_range = first.use_range.or(after.use_range);
            first.definition = first.definition.or(after.definition);
        }
        self
    }

    /// The findings: each acronym first used before it is first spelled out, unless it is
    /// known (`is_known`), at its first use.
    pub fn report(&self, context: &RuleContext, out: &mut Vec<Diagnostic>) {
        let before = out.len();
        for (acronym, first) in &self.by_acronym {
            let Some(range) = first.use_range else {
                continue;
            };
            if first.definition.is_some_and(|at| at < range.start) || is_known(context, acronym) {
                continue;
            }
            out.push(diagnostic(
                RuleCode::UndefinedAcronym,
                range,
                format!("`{acronym}` is used before it is spelled out: write the full name followed by ({acronym}) at first use"),
            ));
        }
        // By place, as one scan of the document reports them.
        out[before..].sort_by_key(|d| d.range.start);
    }
}

/// The longest token that can hold an acronym: six letters and a suffix ("ECOWAS-brokered").
const MAX_TOKEN: usize = 6 + 12;

/// The acronym a token may start with: "TPLF’s" and "IRGC-backed" are uses of TPLF and IRGC.
/// Only before a lowercase word: "MQ-9" and "AH-64" are designations, not "MQ" and "AH".
fn acronym_stem(token: &str) -> &str {
    if let Some(stem) = token
        .strip_suffix("'s")
        .or_else(|| token.strip_suffix("’s"))
    {
        return stem;
    }
    match token.split_once('-') {
        Some((stem, rest)) if rest.starts_with(|c: char| c.is_ascii_lowercase()) => stem,
        _ => token,
    }
}

fn is_acronym(text: &str) -> bool {
    (2..=6).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_uppercase())
        && !is_roman_numeral(text)
}

fn is_roman_numeral(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C' | b'D' | b'M'))
}

fn is_known(context: &RuleContext, acronym: &str) -> bool {
    COMMON.contains(&acronym)
        || context.config.acronyms.contains(acronym)
        || context.actors.resolve(acronym).is_some_and(|actor| {
            actor.name == acronym || actor.aliases.iter().any(|a| a == acronym)
        })
        || is_name_in_capitals(context, acronym)
}

/// A known name written in capitals, as in the item slugs of a cable or a daily brief ("1.
/// IRAN. Tehran announced…", "PERU:"): the actor's name or an alias that is a word ("Iran",
/// "Mali"), not an acronym, spelled the same ignoring case.
fn is_name_in_capitals(context: &RuleContext, word: &str) -> bool {
    context.actors.resolve(word).is_some_and(|actor| {
        std::iter::once(&actor.name)
            .chain(&actor.aliases)
            .any(|name| {
                name.eq_ignore_ascii_case(word) && name.bytes().any(|b| b.is_ascii_lowercase())
            })
    })
}

/// A sentence written mostly in capitals ("SENIOR ADMINISTRATION OFFICIAL: …") has no acronyms
/// to define.
fn is_shouting(tokens: &[Token], prose: &[u8]) -> bool {
    let (mut words, mut caps) = (0, 0);
    for (i, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Word {
            continue;
        }
        // Bytes, not text: most words start with a lowercase letter, decided at one load.
        let bytes = &prose[token.start as usize..token.end as usize];
        words += 1;
        caps += usize::from(bytes.len() > 1 && !bytes.iter().any(u8::is_ascii_lowercase));
        // Even if every token left were a word in capitals, they would not be the majority.
        if 2 * caps + (tokens.len() - i - 1) <= words {
            return false;
        }
    }
    words >= 3 && caps * 2 > words
}

/// A classification or portion marking of an intelligence product, not an acronym to spell
/// out: "(S//NF)", "(U//FOUO)", "SECRET//NOFORN" (a word next to "//"), and "(TS)" or "(C)"
/// in parentheses that open the sentence (ICD 710 / CAPCO marking syntax).
fn is_classification_marking(s: &SentenceView, i: usize) -> bool {
    let slash = |j: usize| j < s.len() && s.text(j) == "/";
    let after_slashes = i >= 2 && slash(i - 1) && slash(i - 2);
    let before_slashes = slash(i + 1) && slash(i + 2);
    let opening_parens = i == 1 && s.word(0) == "(" && s.word(2) == ")";
    after_slashes || before_slashes || opening_parens
}

/// "EUR 1.2 billion", "1,500 USD", "900 million SEK".
fn next_to_number(s: &SentenceView, i: usize) -> bool {
    let number = |j: usize| s.tokens.get(j).is_some_and(|t| t.kind == TokenKind::Number);
    let scale = |j: usize| {
        matches!(
            s.word(j),
            "thousand" | "million" | "billion" | "trillion" | "bn"
        ) && j > 0
            && number(j - 1)
    };
    number(i + 1) || i.checked_sub(1).is_some_and(|j| number(j) || scale(j))
}

/// Part of a phrase in capitals ("NAYAK FARMS:", "MS. JEAN-PIERRE:"), not an acronym.
fn next_to_capitals(s: &SentenceView, i: usize) -> bool {
    let capitals = |j: usize| {
        // Most words start with a lowercase letter: decided at one byte.
        s.is_word(j)
            && !s.bytes(j)[0].is_ascii_lowercase()
            && s.text(j).chars().filter(|c| c.is_alphabetic()).count() > 1
            && !s.text(j).chars().any(char::is_lowercase)
    };
    let previous = (i.saturating_sub(2)..i).rev().find(|&j| s.is_word(j));
    let next = (i + 1..(i + 3).min(s.len())).find(|&j| s.is_word(j));
    previous.is_some_and(capitals) || next.is_some_and(capitals)
}
