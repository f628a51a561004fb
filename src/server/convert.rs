//! Model ↔ protocol: byte ranges to LSP ranges (through `crate::text::LineIndex`, the only
//! place that converts positions), severities, diagnostics, URIs and paths.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::LazyLock;

use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::Uri;

use super::state::Snapshot;
use crate::rules::{Diagnostic, RuleCode, Severity};
use crate::text::{LineIndex, Position, PositionEncoding, TextRange};

/// Text plus its line index and the negotiated encoding: enough to convert positions.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: PositionEncoding,
}

impl<'a> Lines<'a> {
    pub fn of(snapshot: &'a Snapshot) -> Lines<'a> {
        Lines {
            text: &snapshot.text,
            index: &snapshot.analysis.line_index,
            encoding: snapshot.encoding,
        }
    }

    pub fn position(&self, offset: usize) -> lsp::Position {
        let position = self.index.position(self.text, offset, self.encoding);
        lsp::Position::new(position.line, position.character)
    }

    pub fn range(&self, range: TextRange) -> lsp::Range {
        lsp::Range::new(self.position(range.start), self.position(range.end))
    }

    /// A client position as a byte offset, clamped to the text.
    pub fn offset(&self, position: lsp::Position) -> usize {
        self.index.offset(
            self.text,
            Position {
                line: position.line,
                character: position.character,
            },
            self.encoding,
        )
    }

    /// A client range as a byte range; an inverted range becomes empty at its start.
    pub fn text_range(&self, range: lsp::Range) -> TextRange {
        let start = self.offset(range.start);
        let end = self.offset(range.end).max(start);
        TextRange::new(start, end)
    }
}

pub fn encoding_kind(encoding: PositionEncoding) -> lsp::PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => lsp::PositionEncodingKind::UTF16,
    }
}

pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
    }
}

/// The rule's documentation link, parsed once per rule.
fn docs_uri(code: RuleCode) -> Option<Uri> {
    static URIS: LazyLock<HashMap<RuleCode, Uri>> = LazyLock::new(|| {
        RuleCode::ALL
            .into_iter()
            .filter_map(|code| Some((code, Uri::from_str(&code.docs_url()).ok()?)))
            .collect()
    });
    URIS.get(&code).cloned()
}

/// A core diagnostic as LSP: code, link to the rule's docs, source "briefing", related places.
pub fn diagnostic(lines: Lines, uri: &Uri, diagnostic: &Diagnostic) -> lsp::Diagnostic {
    let code_description = docs_uri(diagnostic.code).map(|href| lsp::CodeDescription { href });
    let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .map(|related| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), lines.range(related.range)),
            message: related.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: lines.range(diagnostic.range),
        severity: Some(severity(diagnostic.severity)),
        code: Some(lsp::NumberOrString::String(
            diagnostic.code.name().to_owned(),
        )),
        code_description,
        source: Some("briefing".to_owned()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn diagnostics(snapshot: &Snapshot) -> Vec<lsp::Diagnostic> {
    let lines = Lines::of(snapshot);
    snapshot
        .analysis
        .diagnostics
        .iter()
        .map(|d| diagnostic(lines, &snapshot.uri, d))
        .collect()
}

/// The local path of a `file:` URI; other schemes (untitled, vscode-notebook…) have none.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let path = uri.to_file_path()?.into_owned();
    path.is_absolute().then_some(path)
}

pub fn path_to_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

/// The last path segment, percent-decoded: the outline's fallback title and the flavour's hint.
pub fn file_name(uri: &Uri) -> String {
    let path = uri.path().decode().to_string_lossy().into_owned();
    path.rsplit(['/', '\\']).next().unwrap_or("").to_owned()
}
