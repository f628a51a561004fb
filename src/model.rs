//! The parsed briefing: plain data with byte ranges into the original text.
//!
//! Parsers in `syntax/` produce a [`Document`]; rules, the command line and the server read it.

use crate::actors::ActorDefinition;
use crate::text::TextRange;

/// Markdown briefings have CommonMark headings; plain-text ones have title lines (SPEC §2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    Markdown,
    PlainText,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub flavour: Flavour,
    /// The text with everything that is not prose (markup, code, URLs, comments, front matter,
    /// deleted CriticMarkup text) replaced by spaces, byte for byte, so ranges are shared.
    pub prose: String,
    pub front_matter: Option<FrontMatter>,
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    /// `@ref` mentions; implicit mentions by name are found later against the actor registry.
    pub explicit_mentions: Vec<ExplicitMention>,
    pub footnote_refs: Vec<FootnoteRef>,
    pub footnote_defs: Vec<FootnoteDef>,
    pub citations: Vec<Citation>,
    pub links: Vec<InlineLink>,
    pub section_links: Vec<SectionLink>,
    pub review_notes: Vec<ReviewNote>,
    pub suppressions: Vec<Suppression>,
    /// Ranges that fold in an editor besides sections: front matter, lists, footnote blocks.
    pub folds: Vec<TextRange>,
    /// Problems found while parsing (bad front matter, unknown rules in suppressions).
    pub problems: Vec<SyntaxProblem>,
}

#[derive(Clone, Debug)]
pub struct FrontMatter {
    /// The whole block including the `---` fences.
    pub range: TextRange,
    pub title: Option<String>,
    /// The reference date as written (`YYYY-MM-DD`), when valid.
    pub date: Option<Date>,
    pub bluf: Option<String>,
    pub status: Option<String>,
    pub declared_actors: Vec<DeclaredActor>,
    pub inline_actors: Vec<ActorDefinition>,
    pub sources: Vec<SourceDefinition>,
    /// Per-file rule settings: rule name, severity name, and where the name is.
    pub rule_settings: Vec<(String, String, TextRange)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// An id listed in front-matter `actors:`.
#[derive(Clone, Debug)]
pub struct DeclaredActor {
    pub reference: String,
    pub range: TextRange,
}

/// A citation key defined in front-matter `sources:` or `briefing.toml` `[sources]`.
#[derive(Clone, Debug)]
pub struct SourceDefinition {
    pub key: String,
    pub text: String,
    pub range: TextRange,
}

#[derive(Clone, Debug)]
pub struct Section {
    pub title: String,
    /// 1–6 for Markdown headings; 2 for title lines.
    pub level: u8,
    /// The heading line (or title line), without its line ending.
    pub heading_range: TextRange,
    /// The heading text without `#` marks or Setext underline.
    pub title_range: TextRange,
    /// From the heading to the next heading of the same or a higher level.
    pub range: TextRange,
    /// Index of the enclosing section in `Document::sections`.
    pub parent: Option<usize>,
    /// GitHub-style slug, made unique with `-1`, `-2`… like GitHub does.
    pub slug: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParagraphKind {
    Paragraph,
    ListItem,
    Quote,
    FootnoteDefinition,
}

#[derive(Clone, Debug)]
pub struct Paragraph {
    pub kind: ParagraphKind,
    pub range: TextRange,
    /// Index of the first sentence and one past the last in `Document::sentences`.
    pub sentences: std::ops::Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Sentence {
    /// From the first to the last prose character, trimmed.
    pub range: TextRange,
    pub paragraph: usize,
}

#[derive(Clone, Debug)]
pub struct ExplicitMention {
    /// The reference without `@`, as written.
    pub reference: String,
    /// Includes the `@`.
    pub range: TextRange,
}

#[derive(Clone, Debug)]
pub struct FootnoteRef {
    pub label: String,
    /// `[^label]`.
    pub range: TextRange,
}

#[derive(Clone, Debug)]
pub struct FootnoteDef {
    pub label: String,
    /// `[^label]:` marker.
    pub label_range: TextRange,
    /// The whole definition.
    pub range: TextRange,
    pub text: String,
}

/// `[@key]`, `[@key, p. 4]` or `[@a; @b]`.
#[derive(Clone, Debug)]
pub struct Citation {
    pub range: TextRange,
    pub keys: Vec<(String, TextRange)>,
}

/// `[text](https://…)` or a bare URL.
#[derive(Clone, Debug)]
pub struct InlineLink {
    pub range: TextRange,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SectionTarget {
    /// `[text](#slug)`.
    Slug(String),
    /// `[[Heading text]]`.
    Heading(String),
}

#[derive(Clone, Debug)]
pub struct SectionLink {
    pub target: SectionTarget,
    /// The whole link.
    pub range: TextRange,
    /// The slug or heading text inside the link.
    pub target_range: TextRange,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewKind {
    Comment,
    Highlight,
    Insertion,
    Deletion,
    Substitution,
}

#[derive(Clone, Debug)]
pub struct ReviewNote {
    pub kind: ReviewKind,
    pub range: TextRange,
    /// The comment text, or the inserted / deleted / old text.
    pub text: String,
    /// For a substitution: the new text.
    pub replacement: Option<String>,
}

#[derive(Clone, Debug)]
pub enum SuppressionKind {
    /// Silences the rules on one line (the next non-blank line after the comment).
    NextLine {
        line_range: TextRange,
    },
    Disable,
    Enable,
}

#[derive(Clone, Debug)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// Rule names as written; empty means every rule.
    pub rules: Vec<(String, TextRange)>,
    /// The comment itself.
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    InvalidFrontMatter,
    UnknownRule,
}

#[derive(Clone, Debug)]
pub struct SyntaxProblem {
    pub kind: ProblemKind,
    pub range: TextRange,
    pub message: String,
}

impl Document {
    /// The innermost section that contains `offset`.
    pub fn section_at(&self, offset: usize) -> Option<usize> {
        // Sections are in document order and nested, so the last one that contains the offset is
        // the innermost.
        let candidates = self.sections.partition_point(|s| s.range.start <= offset);
        self.sections[..candidates]
            .iter()
            .rposition(|s| s.range.touches(offset))
    }

    /// The sentence that contains `offset`, by binary search.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let index = self.sentences.partition_point(|s| s.range.end < offset);
        self.sentences
            .get(index)
            .filter(|s| s.range.touches(offset))
            .map(|_| index)
    }
}
