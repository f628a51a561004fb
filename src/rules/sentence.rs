//! A sentence as the language rules see it: its tokens, their lowercased text, and lookups
//! for actor mentions and capitalisation.

use super::RuleContext;
use super::words::{Token, TokenKind, is_capitalized};
use crate::actors::ActorKind;
use crate::analysis::Mention;
use crate::text::TextRange;

pub struct SentenceView<'a> {
    pub index: usize,
    pub tokens: &'a [Token],
    /// Lowercased token texts, parallel to `tokens`.
    pub lower: &'a [&'a str],
    context: &'a RuleContext<'a>,
}

impl<'a> SentenceView<'a> {
    pub fn new(context: &'a RuleContext<'a>, index: usize) -> SentenceView<'a> {
        let (tokens, lower) = context.words.sentence_words(index);
        SentenceView {
            index,
            tokens,
            lower,
            context,
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The original text of token `i`.
    pub fn text(&self, i: usize) -> &'a str {
        self.tokens[i].range().slice(&self.context.document.prose)
    }

    /// The original bytes of token `i` (never empty): for tests of ASCII bytes, without the
    /// character-boundary checks of [`Self::text`].
    pub fn bytes(&self, i: usize) -> &'a [u8] {
        let token = self.tokens[i];
        &self.context.document.prose.as_bytes()[token.start as usize..token.end as usize]
    }

    pub fn is_word(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word)
    }

    pub fn is_number(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Number)
    }

    pub fn is_capitalized(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| is_capitalized(&self.context.document.prose, t))
    }

    pub fn word(&self, i: usize) -> &'a str {
        self.lower.get(i).copied().unwrap_or("")
    }

    /// Tokens `from..to` as one byte range.
    pub fn range(&self, from: usize, to: usize) -> TextRange {
        let to = to.max(from + 1).min(self.tokens.len());
        TextRange::new(
            self.tokens[from].start as usize,
            self.tokens[to - 1].end as usize,
        )
    }

    pub fn whole_range(&self) -> TextRange {
        self.context.document.sentences[self.index].range
    }

    /// The actor mention that overlaps token `i`, if any.
    pub fn mention(&self, i: usize) -> Option<&'a Mention> {
        let range = self.tokens.get(i)?.range();
        let mentions = self.context.mentions;
        let candidate = mentions.partition_point(|m| m.range.end <= range.start);
        mentions.get(candidate).filter(|m| m.range.overlaps(range))
    }

    pub fn mention_kind(&self, i: usize) -> Option<ActorKind> {
        let mention = self.mention(i)?;
        self.context.actors.get(&mention.actor_id).map(|a| a.kind)
    }

    /// The last token index covered by the mention at `i` (mentions can span tokens).
    pub fn mention_end(&self, i: usize) -> usize {
        let Some(mention) = self.mention(i) else {
            return i;
        };
        let mut j = i;
        while j + 1 < self.tokens.len() && (self.tokens[j + 1].start as usize) < mention.range.end {
            j += 1;
        }
        j
    }

    /// The first token index covered by the mention at `i`.
    pub fn mention_start(&self, i: usize) -> usize {
        let Some(mention) = self.mention(i) else {
            return i;
        };
        let mut j = i;
        while j > 0 && (self.tokens[j - 1].end as usize) > mention.range.start {
            j -= 1;
        }
        j
    }

    /// Inside a direct quotation: the writer reports someone else's words.
    pub fn in_quote(&self, i: usize) -> bool {
        (0..i.min(self.len())).fold(false, |open, j| after_mark(open, self.word(j)))
    }

    /// Whether the token that starts at byte `at` is inside a direct quotation, also when the
    /// sentence starts inside one: in `"We agreed. Visas will be eased," she said.` the second
    /// sentence opens inside the quotation, as its first quotation mark closes it (`”`, or a
    /// `"` right after a word or punctuation, with no space before it).
    pub fn in_quotation_at(&self, at: usize) -> bool {
        let prose = self.context.document.prose.as_bytes();
        let is_mark = |j: usize| matches!(self.word(j), "\"" | "“" | "”");
        // Whether the sentence begins inside: its first quotation mark closes one.
        let mut open = match (0..self.len()).find(|&j| is_mark(j)) {
            Some(j) => match self.word(j) {
                "”" => true,
                "“" => false,
                _ => {
                    let start = self.tokens[j].start as usize;
                    j > 0 && start > 0 && !prose[start - 1].is_ascii_whitespace()
                }
            },
            None => return false,
        };
        for (j, token) in self.tokens.iter().enumerate() {
            if token.start as usize >= at {
                break;
            }
            open = after_mark(open, self.word(j));
        }
        open
    }

    /// Whether token `i` is inside a direct quotation (see [`Self::in_quotation_at`]).
    pub fn in_quotation(&self, i: usize) -> bool {
        i < self.len() && self.in_quotation_at(self.tokens[i].start as usize)
    }

    /// Whether the sentence contains a token equal to `word` (lowercase).
    pub fn has_word(&self, word: &str) -> bool {
        self.lower.contains(&word)
    }
}

/// Whether a quotation is open after `word`, given whether one was open before it: a straight
/// quote toggles, curly quotes open and close.
fn after_mark(open: bool, word: &str) -> bool {
    match word {
        "\"" => !open,
        "“" => true,
        "”" => false,
        _ => open,
    }
}
