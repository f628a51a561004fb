//! Words of the prose, computed once per document and shared by the language rules: tokens
//! with byte ranges, their text in an ASCII-lowercased copy of the prose to compare against word
//! lists without allocating, and the tokens of each sentence.

use super::triggers;
use crate::model::Document;
use crate::text::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: TokenKind,
}

impl Token {
    pub fn range(&self) -> TextRange {
        TextRange::new(self.start as usize, self.end as usize)
    }
}

pub struct Words<'a> {
    /// The prose with ASCII letters lowercased: same length, same offsets.
    pub lower: &'a str,
    /// The words of consecutive runs of sentences, each read on its own thread: one part, or
    /// two for a large document. They are not copied into one list.
    parts: Vec<WordsPart<'a>>,
}

/// The words of a run of sentences ([`Words::part`]), to be joined with the rest
/// ([`Words::joined`]).
pub struct WordsPart<'a> {
    /// The index of the run's first sentence.
    first_sentence: usize,
    tokens: Vec<Token>,
    /// The lowercased text of each token, parallel to `tokens`: every rule that looks at a
    /// sentence reads them.
    lower_words: Vec<&'a str>,
    /// For each sentence of the run, its tokens as `tokens[start..end]`.
    sentence_tokens: Vec<(u32, u32)>,
    /// For each sentence of the run, the trigger families of its words (`triggers.rs`).
    sentence_families: Vec<u32>,
}

impl<'a> Words<'a> {
    /// The words of every sentence; `lower` is the prose ASCII-lowercased.
    pub fn new(document: &Document, lower: &'a str) -> Words<'a> {
        let sentences = 0..document.sentences.len();
        Words::whole(lower, WordsPart::read(document, lower, sentences, None))
    }

    /// The words of the sentences marked `true` only; the others have no tokens and no
    /// trigger families. For an analysis that reuses the other sentences' findings
    /// (`rules::memo`): after a keystroke, one sentence of thousands is read.
    pub fn of_sentences(document: &Document, lower: &'a str, only: &[bool]) -> Words<'a> {
        let sentences = 0..document.sentences.len();
        Words::whole(
            lower,
            WordsPart::read(document, lower, sentences, Some(only)),
        )
    }

    /// The words of a run of sentences, so that two threads can read the words of a large
    /// document: [`Words::joined`] puts the parts of consecutive runs together.
    pub fn part(
        document: &Document,
        lower: &'a str,
        sentences: std::ops::Range<usize>,
    ) -> WordsPart<'a> {
        WordsPart::read(document, lower, sentences, None)
    }

    fn whole(lower: &'a str, part: WordsPart<'a>) -> Words<'a> {
        Words {
            lower,
            parts: vec![part],
        }
    }

    /// Joins the words of sentences `0..k` and `k..n` ([`Words::part`]).
    pub fn joined(lower: &'a str, first: WordsPart<'a>, second: WordsPart<'a>) -> Words<'a> {
        Words {
            lower,
            parts: vec![first, second],
        }
    }

    /// The part that holds sentence `index`, and the sentence's index in it.
    fn part_of(&self, index: usize) -> (&WordsPart<'a>, usize) {
        let part = match self.parts.len() {
            1 => &self.parts[0],
            _ => {
                let after = self.parts.partition_point(|p| p.first_sentence <= index);
                &self.parts[after.saturating_sub(1)]
            }
        };
        (part, index - part.first_sentence)
    }

    /// The tokens of sentence `index`.
    pub fn sentence(&self, index: usize) -> &[Token] {
        self.sentence_words(index).0
    }

    /// The tokens of sentence `index` and their lowercased texts.
    pub fn sentence_words(&self, index: usize) -> (&[Token], &[&'a str]) {
        let (part, local) = self.part_of(index);
        let (start, end) = part.sentence_tokens[local];
        let tokens = start as usize..end as usize;
        (&part.tokens[tokens.clone()], &part.lower_words[tokens])
    }

    /// Whether sentence `index` has a word of any of the `families`.
    pub fn sentence_has(&self, index: usize, families: u32) -> bool {
        let (part, local) = self.part_of(index);
        part.sentence_families
            .get(local)
            .is_some_and(|f| f & families != 0)
    }

    /// The token's text, ASCII-lowercased.
    pub fn lower(&self, token: &Token) -> &'a str {
        &self.lower[token.start as usize..token.end as usize]
    }
}

impl<'a> WordsPart<'a> {
    /// The words of `sentences`, or of those of them marked in `only`.
    fn read(
        document: &Document,
        lower: &'a str,
        sentences: std::ops::Range<usize>,
        only: Option<&[bool]>,
    ) -> WordsPart<'a> {
        let first_sentence = sentences.start;
        let all = &document.sentences[sentences.clone()];
        let capacity = if only.is_some() {
            0
        } else {
            all.last()
                .zip(all.first())
                .map_or(0, |(last, first)| (last.range.end - first.range.start) / 5)
        };
        let mut tokens = Vec::with_capacity(capacity);
        let mut lower_words = Vec::with_capacity(capacity);
        let mut sentence_tokens = Vec::with_capacity(all.len());
        let mut sentence_families = Vec::with_capacity(all.len());
        let table = triggers::table();
        let prose = document.prose.as_bytes();
        for (index, sentence) in sentences.zip(all) {
            let first = tokens.len();
            if only.is_some_and(|only| !only.get(index).copied().unwrap_or(false)) {
                sentence_tokens.push((first as u32, first as u32));
                sentence_families.push(0);
                continue;
            }
            tokenize(&document.prose, sentence.range, &mut tokens);
            sentence_tokens.push((first as u32, tokens.len() as u32));
            let mut families = 0;
            for token in &tokens[first..] {
                let (start, end) = (token.start as usize, token.end as usize);
                let lowered = &lower[start..end];
                lower_words.push(lowered);
                families |= match token.kind {
                    TokenKind::Number => triggers::NUMBER,
                    TokenKind::Punct => 0,
                    TokenKind::Word => {
                        // A token is never empty; most words start lowercase, decided at one load.
                        let original = &prose[start..end];
                        // An acronym, alone or before a possessive or a hyphen ("TPLF’s",
                        // "UNHCR-run"; `undefined_acronym::acronym_stem` decides).
                        let capitals = original[0].is_ascii_uppercase() && original.len() >= 2 && {
                            let n = original
                                .iter()
                                .take_while(|b| b.is_ascii_uppercase())
                                .count();
                            (2..=6).contains(&n)
                                && (n == original.len()
                                    || matches!(original[n], b'\'' | b'-' | 0xE2))
                        };
                        let capitals = if capitals { triggers::CAPITALS } else { 0 };
                        table.families(lowered) | capitals
                    }
                };
            }
            sentence_families.push(families);
        }
        WordsPart {
            first_sentence,
            tokens,
            lower_words,
            sentence_tokens,
            sentence_families,
        }
    }
}

/// What an ASCII byte is to the tokenizer; bytes from 0x80 (parts of other characters) are
/// decoded and classified as characters.
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
const OTHER: u8 = 8;
const ALNUM: u8 = LETTER | DIGIT;

static BYTE_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            OTHER
        } else if byte.is_ascii_alphabetic() {
            LETTER
        } else if byte.is_ascii_digit() {
            DIGIT
        } else if matches!(byte, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            // `char::is_whitespace` in ASCII.
            SPACE
        } else {
            0
        };
        b += 1;
    }
    table
};

/// Splits `prose[range]` into words, numbers and punctuation. ASCII, nearly all of the prose,
/// is classified a byte at a time through `BYTE_CLASS`; other characters by `char` methods.
pub(super) fn tokenize(prose: &str, range: TextRange, out: &mut Vec<Token>) {
    let text = &prose[range.start..range.end];
    let bytes = text.as_bytes();
    let token = |start: usize, end: usize, kind| Token {
        start: (range.start + start) as u32,
        end: (range.start + end) as u32,
        kind,
    };
    let mut i = 0;
    while i < bytes.len() {
        let class = BYTE_CLASS[bytes[i] as usize];
        let (c, width) = match class {
            SPACE => {
                i += 1;
                continue;
            }
            OTHER => char_at(text, i),
            _ => (char::from(bytes[i]), 1),
        };
        let alphanumeric = match class {
            OTHER => c.is_alphanumeric(),
            _ => class & ALNUM != 0,
        };
        if alphanumeric {
            let numeric = class == DIGIT;
            let (end, next) = word_end(text, i + width, numeric);
            let kind = if numeric {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(token(i, end, kind));
            i = next;
        } else {
            if !(width > 1 && c.is_whitespace()) {
                out.push(token(i, i + width, TokenKind::Punct));
            }
            i += width;
        }
    }
}

/// Where the word or number whose first character ends at `j` ends, and where to read on:
/// past the space after it, most often, so that the next token is read at once.
#[inline(always)]
fn word_end(text: &str, mut j: usize, numeric: bool) -> (usize, usize) {
    let bytes = text.as_bytes();
    let class = |i: usize| BYTE_CLASS[bytes[i] as usize];
    while j < bytes.len() {
        if let Some(chunk) = bytes.get(j..j + 8) {
            let run = ascii_alnum_run(chunk);
            j += run;
            if run == 8 {
                continue;
            }
        }
        let next_class = class(j);
        if next_class == SPACE {
            return (j, j + 1);
        }
        if next_class & ALNUM != 0 {
            j += 1;
            continue;
        }
        let (next, next_width) = match next_class {
            OTHER => char_at(text, j),
            _ => (char::from(bytes[j]), 1),
        };
        if next_width > 1 && next.is_alphanumeric() {
            j += next_width;
            continue;
        }
        // Joiners inside a word: apostrophes (Ukraine's), hyphens (war-risk), dots in
        // abbreviations (U.S) and decimal or thousands separators in numbers (4.1, 30,000).
        let joins = match next {
            '\'' | '’' | '-' => !numeric,
            '.' => true,
            ',' => numeric,
            _ => false,
        };
        let after = j + next_width;
        let joined = joins
            && after < bytes.len()
            && if numeric {
                bytes[after].is_ascii_digit()
            } else {
                char_at(text, after).0.is_alphanumeric()
            };
        if !joined {
            return (j, j);
        }
        j = after;
    }
    (j, j)
}

/// How many of the eight bytes, from the first, are ASCII letters or digits: the bytes are
/// tested as one 64-bit word (each byte's range test in its high bit, without carries between
/// bytes, as the high bits are cleared first), a word at a time for most words.
#[inline]
fn ascii_alnum_run(chunk: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut word = [0u8; 8];
    word.copy_from_slice(chunk);
    let w = u64::from_le_bytes(word);
    let ascii = !w & HIGH;
    let low = w & !HIGH;
    // Byte in lo..=hi: (x + 0x80 - lo) has its high bit set and (x + 0x7f - hi) has not.
    let in_range = |x: u64, lo: u8, hi: u8| {
        (x + ONES * u64::from(0x80 - lo)) & !(x + ONES * u64::from(0x7f - hi)) & HIGH
    };
    let letter = in_range(low | (ONES * 0x20), b'a', b'z');
    let digit = in_range(low, b'0', b'9');
    let stop = !(letter | digit) & ascii | (w & HIGH);
    (stop.trailing_zeros() / 8) as usize
}

/// The character at byte `i` (a char boundary) and its width, without decoding ASCII.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        (char::from(b), 1)
    } else {
        let c = text[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

/// Whether the token's original text starts with an uppercase letter.
pub fn is_capitalized(prose: &str, token: &Token) -> bool {
    prose[token.start as usize..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The tokenizer as first written, over chars: the byte-level one must agree with it.
    fn reference_tokenize(prose: &str, range: TextRange, out: &mut Vec<Token>) {
        let text = &prose[range.start..range.end];
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            let start = range.start + i;
            if c.is_alphanumeric() {
                let numeric = c.is_ascii_digit();
                let mut end = i + c.len_utf8();
                while let Some(&(j, next)) = chars.peek() {
                    if next.is_alphanumeric() {
                        end = j + next.len_utf8();
                        chars.next();
                        continue;
                    }
                    // Joiners inside a word: apostrophes (Ukraine's), hyphens (war-risk), dots in
                    // abbreviations (U.S) and decimal or thousands separators in numbers (4.1, 30,000).
                    let joins = match next {
                        '\'' | '’' | '-' => !numeric,
                        '.' => true,
                        ',' => numeric,
                        _ => false,
                    };
                    let after = text[j + next.len_utf8()..].chars().next();
                    let joined = joins
                        && after.is_some_and(|a| {
                            if numeric {
                                a.is_ascii_digit()
                            } else {
                                a.is_alphanumeric()
                            }
                        });
                    if !joined {
                        break;
                    }
                    chars.next();
                }
                let kind = if numeric {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                out.push(Token {
                    start: start as u32,
                    end: (range.start + end) as u32,
                    kind,
                });
            } else {
                out.push(Token {
                    start: start as u32,
                    end: (start + c.len_utf8()) as u32,
                    kind: TokenKind::Punct,
                });
            }
        }
    }

    /// Every byte value in every position of the eight, around every other byte value.
    #[test]
    fn ascii_alnum_run_of_every_byte() {
        for b in 0..=255u8 {
            for position in 0..8 {
                for fill in [b'a', b'Z', b'5', b' ', 0xC3] {
                    let mut chunk = [fill; 8];
                    chunk[position] = b;
                    let expected = chunk
                        .iter()
                        .take_while(|b| b.is_ascii_alphanumeric())
                        .count();
                    assert_eq!(ascii_alnum_run(&chunk), expected, "{chunk:?}");
                }
            }
        }
    }

    fn tokens(
        text: &str,
        tokenizer: fn(&str, TextRange, &mut Vec<Token>),
    ) -> Vec<(u32, u32, TokenKind)> {
        let mut out = Vec::new();
        tokenizer(text, TextRange::new(0, text.len()), &mut out);
        out.iter().map(|t| (t.start, t.end, t.kind)).collect()
    }

    proptest! {
        #[test]
        fn agrees_with_the_reference(text in "([a-zA-Z0-9 .,'’\\-]|é|Ü|—|\u{a0}|漢|4\\.1|U\\.S\\.){0,40}") {
            prop_assert_eq!(tokens(&text, tokenize), tokens(&text, reference_tokenize));
        }

        #[test]
        fn ascii_alnum_run_counts_leading_alphanumerics(chunk in proptest::array::uniform8(any::<u8>())) {
            let expected = chunk.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            prop_assert_eq!(ascii_alnum_run(&chunk), expected);
        }
    }
}
