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
use crate::text::PositionEncoding;

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

/// The byte offset of a client position in the rope, clamped like `LineIndex::offset`: a
/// column past the end of its line gives the end of the line (before its break), a column
/// inside a character gives its start. Reads the line in place (no copy of it).
pub fn byte_offset(rope: &Rope, position: lsp::Position, encoding: PositionEncoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let line_start = rope.line_to_byte(line);
    let wanted = position.character as usize;
    let (mut units, mut bytes) = (0, 0);
    for c in rope.line(line).chars() {
        // With `cr_lines`, `\n` and `\r` only ever end a line.
        if c == '\n' || c == '\r' {
            break;
        }
        let width = match encoding {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
        };
        if units + width > wanted {
            break;
        }
        units += width;
        bytes += c.len_utf8();
    }
    line_start + bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{LineIndex, Position};

    /// The offset the server computed before: through a `LineIndex` of a copy of the line.
    fn copied_line_offset(
        rope: &Rope,
        position: lsp::Position,
        encoding: PositionEncoding,
    ) -> usize {
        let line = position.line as usize;
        if line >= rope.len_lines() {
            return rope.len_bytes();
        }
        let line_text = rope.line(line).to_string();
        let column = LineIndex::new(&line_text).offset(
            &line_text,
            Position {
                line: 0,
                character: position.character,
            },
            encoding,
        );
        rope.line_to_byte(line) + column
    }

    #[test]
    fn byte_offset_agrees_with_the_line_index() {
        let texts = [
            "",
            "abc",
            "abc\n",
            "a\r\nbé\rc\n\nd",
            "ü𝄞x\r\n\r\n😀😀\n",
            "line one\nline two is longer\r\nthird ✓ line",
        ];
        for text in texts {
            let rope = Rope::from_str(text);
            for line in 0..5 {
                for character in 0..25 {
                    for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                        let position = lsp::Position::new(line, character);
                        assert_eq!(
                            byte_offset(&rope, position, encoding),
                            copied_line_offset(&rope, position, encoding),
                            "{text:?} {line}:{character} {encoding:?}"
                        );
                    }
                }
            }
        }
    }
}
