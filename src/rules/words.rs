//! Words of the prose, computed once per document and shared by the language rules: tokens
//! with byte ranges, an ASCII-lowercased copy of the prose to compare against word lists without
//! allocating, and the tokens of each sentence.

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

pub struct Words {
    /// The prose with ASCII letters lowercased: same length, same offsets.
    pub lower: String,
    pub tokens: Vec<Token>,
    /// For each sentence, its tokens as `tokens[start..end]`.
    pub sentence_tokens: Vec<(u32, u32)>,
    /// For each sentence, the trigger families of its words (`triggers.rs`).
    pub sentence_families: Vec<u32>,
}

/// The words of a run of sentences, to be joined with the rest ([`Words::joined`]).
pub struct WordsPart(Words);

impl Words {
    pub fn new(document: &Document) -> Words {
        let lower = document.prose.to_ascii_lowercase();
        let sentences = 0..document.sentences.len();
        Words::read(document, &lower, 0, sentences, None).with_lower(lower)
    }

    /// The words of the sentences marked `true` only; the others have no tokens and no
    /// trigger families. For an analysis that reuses the other sentences' findings
    /// (`rules::memo`): after a keystroke, one sentence of thousands is read.
    pub fn of_sentences(document: &Document, only: &[bool]) -> Words {
        let lower = document.prose.to_ascii_lowercase();
        let sentences = 0..document.sentences.len();
        Words::read(document, &lower, 0, sentences, Some(only)).with_lower(lower)
    }

    /// The words of a run of sentences, so that two threads can read the words of a large
    /// document: [`Words::joined`] puts the parts of consecutive runs together.
    pub fn part(document: &Document, sentences: std::ops::Range<usize>) -> WordsPart {
        // Each part lowercases the prose from its first sentence to the next part's.
        let cut = |index: usize| match index {
            0 => 0,
            _ => document
                .sentences
                .get(index)
                .map_or(document.prose.len(), |s| s.range.start),
        };
        let prose = cut(sentences.start)..cut(sentences.end);
        let lower = document.prose[prose.clone()].to_ascii_lowercase();
        let words = Words::read(document, &lower, prose.start, sentences, None);
        WordsPart(words.with_lower(lower))
    }

    fn with_lower(mut self, lower: String) -> Words {
        self.lower = lower;
        self
    }

    /// The words of `sentences`; `lower` is the lowercased prose from `lower_start` on, and
    /// the result's `lower` is empty.
    fn read(
        document: &Document,
        lower: &str,
        lower_start: usize,
        sentences: std::ops::Range<usize>,
        only: Option<&[bool]>,
    ) -> Words {
        let all = &document.sentences[sentences.clone()];
        let capacity = if only.is_some() {
            0
        } else {
            all.last()
                .zip(all.first())
                .map_or(0, |(last, first)| (last.range.end - first.range.start) / 5)
        };
        let mut tokens = Vec::with_capacity(capacity);
        let mut sentence_tokens = Vec::with_capacity(all.len());
        let mut sentence_families = Vec::with_capacity(all.len());
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
                families |= match token.kind {
                    TokenKind::Number => triggers::NUMBER,
                    TokenKind::Punct => 0,
                    TokenKind::Word => {
                        let original = &document.prose[start..end];
                        let capitals = (2..=6).contains(&original.len())
                            && original.bytes().all(|b| b.is_ascii_uppercase());
                        let capitals = if capitals { triggers::CAPITALS } else { 0 };
                        let lowered = &lower[start - lower_start..end - lower_start];
                        triggers::families(lowered) | capitals
                    }
                };
            }
            sentence_families.push(families);
        }
        Words {
            lower: String::new(),
            tokens,
            sentence_tokens,
            sentence_families,
        }
    }

    /// Joins the words of sentences `0..k` and `k..n` ([`Words::part`]).
    pub fn joined(first: WordsPart, second: WordsPart) -> Words {
        let (mut words, second) = (first.0, second.0);
        let offset = words.tokens.len() as u32;
        words.tokens.extend(second.tokens);
        words.sentence_tokens.extend(
            second
                .sentence_tokens
                .iter()
                .map(|(start, end)| (start + offset, end + offset)),
        );
        words.sentence_families.extend(second.sentence_families);
        words.lower.push_str(&second.lower);
        words
    }

    pub fn sentence(&self, index: usize) -> &[Token] {
        let (start, end) = self.sentence_tokens[index];
        &self.tokens[start as usize..end as usize]
    }

    /// Whether sentence `index` has a word of any of the `families`.
    pub fn sentence_has(&self, index: usize, families: u32) -> bool {
        self.sentence_families
            .get(index)
            .is_some_and(|f| f & families != 0)
    }

    /// The token's text, ASCII-lowercased.
    pub fn lower(&self, token: &Token) -> &str {
        &self.lower[token.start as usize..token.end as usize]
    }
}

fn tokenize(prose: &str, range: TextRange, out: &mut Vec<Token>) {
    let text = &prose[range.start..range.end];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (c, width) = char_at(text, i);
        if c.is_whitespace() {
            i += width;
            continue;
        }
        let start = range.start + i;
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            let mut end = i + width;
            let mut j = end;
            while j < bytes.len() {
                let (next, next_width) = char_at(text, j);
                if next.is_alphanumeric() {
                    j += next_width;
                    end = j;
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
                    break;
                }
                j = after;
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
            i = end.max(j);
        } else {
            out.push(Token {
                start: start as u32,
                end: (start + width) as u32,
                kind: TokenKind::Punct,
            });
            i += width;
        }
    }
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
    }
}
