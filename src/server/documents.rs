//! Open documents: a `ropey` buffer per document, edited in arrival order.
//!
//! Ropey is built with `cr_lines` and without `unicode_lines`, so its lines end exactly where
//! LSP's do (`\n`, `\r\n`, `\r`). Columns are converted by `crate::text::LineIndex` on the one
//! line an edit touches, which clamps positions past the end of a line or of the text.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use ropey::Rope;
use tower_lsp_server::ls_types as lsp;

use super::state::{InFlight, Snapshot};
use crate::rules::memo::SentenceMemo;
use crate::text::{LineIndex, Position, PositionEncoding};

pub struct OpenDocument {
    pub rope: Rope,
    pub version: i32,
    pub revision: u64,
    pub path: Option<PathBuf>,
    pub file_name: String,
    /// The latest analysis; current when its revision equals `revision`.
    pub latest: Option<Arc<Snapshot>>,
    /// The analysis of the current revision, when one has been started.
    pub in_flight: Option<Arc<InFlight>>,
    /// Findings per sentence of the last analysis, reused by the next (`rules::memo`).
    pub memo: Arc<Mutex<SentenceMemo>>,
}

impl OpenDocument {
    pub fn new(
        text: &str,
        version: i32,
        revision: u64,
        path: Option<PathBuf>,
        file_name: String,
    ) -> OpenDocument {
        OpenDocument {
            rope: Rope::from_str(text),
            version,
            revision,
            path,
            file_name,
            latest: None,
            in_flight: None,
            memo: Arc::default(),
        }
    }

    /// Applies one change event. Positions out of range clamp; an inverted range is treated
    /// as empty at its start.
    pub fn apply(
        &mut self,
        change: &lsp::TextDocumentContentChangeEvent,
        encoding: PositionEncoding,
    ) {
        match change.range {
            None => self.rope = Rope::from_str(&change.text),
            Some(range) => {
                let start = byte_offset(&self.rope, range.start, encoding);
                let end = byte_offset(&self.rope, range.end, encoding).max(start);
                let start_char = self.rope.byte_to_char(start);
                let end_char = self.rope.byte_to_char(end);
                if end_char > start_char {
                    self.rope.remove(start_char..end_char);
                }
                if !change.text.is_empty() {
                    self.rope.insert(start_char, &change.text);
                }
            }
        }
    }
}

/// The byte offset of a client position in the rope, clamped.
pub fn byte_offset(rope: &Rope, position: lsp::Position, encoding: PositionEncoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let line_text = rope.line(line).to_string();
    let column = LineIndex::new(&line_text).offset(
        &line_text,
        Position {
            line: 0,
            character: position.character,
        },
        encoding,
    );
    line_start + column
}
