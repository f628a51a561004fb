//! Line starts of a text and conversions between byte offsets and LSP-style positions.
//!
//! Only `\n`, `\r\n` and a lone `\r` end a line, as in LSP. Unicode line and paragraph
//! separators, form feeds and NEL are ordinary characters here.

use super::floor_char_boundary;

/// How columns are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PositionEncoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units, the LSP default.
    Utf16,
}

/// A 0-based line and a column in the code units of some [`PositionEncoding`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// The byte offset of every line start of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
    /// UTF-16 length of the text before every `CHECKPOINT`-th byte (floored to a char
    /// boundary); empty for ASCII text. Lets UTF-16 columns on very long lines (a 10 MB
    /// single-line paste) be computed in O(CHECKPOINT) instead of O(line length), which made
    /// converting many positions on one line quadratic.
    utf16_checkpoints: Vec<usize>,
}

/// Bytes between two UTF-16 checkpoints; prefixes shorter than this are simply scanned.
const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 64 + 1);
        line_starts.push(0);
        let mut after_cr = usize::MAX;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // The `\n` of a `\r\n` moves the line start the `\r` recorded one byte on.
            if bytes[i] == b'\n' && after_cr == i {
                *line_starts.last_mut().expect("pushed above") = i + 1;
            } else {
                line_starts.push(i + 1);
            }
            if bytes[i] == b'\r' {
                after_cr = i + 1;
            }
        }
        let mut utf16_checkpoints = Vec::new();
        if !text.is_ascii() {
            let (mut units, mut previous) = (0, 0);
            for k in 0..=text.len() / CHECKPOINT {
                let boundary = floor_char_boundary(text, k * CHECKPOINT);
                units += utf16_len(&text[previous..boundary]);
                utf16_checkpoints.push(units);
                previous = boundary;
            }
        }
        LineIndex {
            line_starts,
            len: text.len(),
            utf16_checkpoints,
        }
    }

    /// UTF-16 code units in `text[..offset]` (`offset` on a char boundary).
    fn utf16_before(&self, text: &str, offset: usize) -> usize {
        if self.utf16_checkpoints.is_empty() {
            return offset;
        }
        let k = offset / CHECKPOINT;
        let boundary = floor_char_boundary(text, k * CHECKPOINT);
        self.utf16_checkpoints[k] + utf16_len(&text[boundary..offset])
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line that contains `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte offset where `line` starts; past the last line, the end of the text.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// The byte range of `line` without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        (start, end.max(start))
    }

    /// Converts a byte offset to a position; offsets inside a character or past the end clamp.
    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line_of(offset);
        let line_start = self.line_start(line);
        let prefix = &text[line_start..offset];
        let character = match encoding {
            PositionEncoding::Utf8 => prefix.len(),
            PositionEncoding::Utf16 if prefix.len() <= CHECKPOINT => utf16_len(prefix),
            PositionEncoding::Utf16 => {
                self.utf16_before(text, offset) - self.utf16_before(text, line_start)
            }
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    /// Converts a position to a byte offset. A line past the end gives the end of the text; a
    /// column past the end of its line gives the end of the line; a column inside a character
    /// (half of a UTF-16 surrogate pair, a byte inside a UTF-8 sequence) gives its start.
    pub fn offset(&self, text: &str, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        if line >= self.line_starts.len() {
            return self.len;
        }
        let (start, end) = self.line_range(text, line);
        let wanted = position.character as usize;
        match encoding {
            PositionEncoding::Utf8 => floor_char_boundary(text, (start + wanted).min(end)),
            // ASCII text: UTF-16 columns are byte columns.
            PositionEncoding::Utf16 if self.utf16_checkpoints.is_empty() => {
                (start + wanted).min(end)
            }
            PositionEncoding::Utf16 => {
                // On a long line, start scanning from the last checkpoint at or before the
                // wanted column instead of from the start of the line.
                let (mut scan_from, mut units) = (start, 0);
                if end - start > 2 * CHECKPOINT {
                    let line_units = self.utf16_before(text, start);
                    let first = start / CHECKPOINT + 1;
                    let last = end / CHECKPOINT;
                    let k = first + self.checkpoints_up_to(first, last, line_units + wanted);
                    if k > first {
                        let k = k - 1;
                        scan_from = floor_char_boundary(text, k * CHECKPOINT);
                        units = self.utf16_before(text, scan_from) - line_units;
                    }
                }
                for (i, c) in text[scan_from..end].char_indices() {
                    let next = units + c.len_utf16();
                    if next > wanted {
                        return scan_from + i;
                    }
                    units = next;
                }
                end
            }
        }
    }

    /// How many checkpoints `first..=last` lie at or before `units` UTF-16 code units.
    fn checkpoints_up_to(&self, first: usize, last: usize, units: usize) -> usize {
        self.utf16_checkpoints[first..=last].partition_point(|&u| u <= units)
    }
}

fn utf16_len(text: &str) -> usize {
    // One unit per character (every byte but a continuation byte 0b10xx_xxxx starts one), two
    // for a character outside the BMP (a four-byte sequence, lead byte 0xF0 and up). Counted
    // eight bytes at a time: bit 7 of each byte of the masks below marks the byte.
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let mut units = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // Most of a briefing is ASCII: eight characters.
        if w & HIGH == 0 {
            units += 8;
            continue;
        }
        let continuation = w & !(w << 1) & HIGH;
        let four_byte_lead = w & (w << 1) & (w << 2) & (w << 3) & HIGH;
        units += 8 - marked_bytes(continuation) + marked_bytes(four_byte_lead);
    }
    units
        + chunks
            .remainder()
            .iter()
            .map(|&b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
            .sum::<usize>()
}

/// How many bytes of `mask` have bit 7 set (its other bits clear): the multiplication adds the
/// bytes' low bits into the top byte. Without a `popcnt` instruction in the baseline x86-64
/// target, `count_ones` is a dozen instructions.
fn marked_bytes(mask: u64) -> usize {
    ((mask >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_lf_crlf_and_lone_cr_only() {
        let text = "a\nb\r\nc\rd\u{2028}e\u{c}f";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_range(text, 1), (2, 3));
        assert_eq!(index.line_range(text, 3), (7, text.len()));
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "x😀y\né";
        let index = LineIndex::new(text);
        let y = text.find('y').unwrap();
        assert_eq!(
            index.position(text, y, PositionEncoding::Utf16),
            Position {
                line: 0,
                character: 3
            }
        );
        assert_eq!(
            index.position(text, y, PositionEncoding::Utf8),
            Position {
                line: 0,
                character: 5
            }
        );
        // Column 2 is inside the surrogate pair: it clamps to the emoji's start.
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 0,
                    character: 2
                },
                PositionEncoding::Utf16
            ),
            1
        );
    }

    /// Long lines take the checkpoint path; it must agree with a plain scan everywhere,
    /// including inside surrogate pairs and past the end of a line.
    #[test]
    fn long_lines_convert_like_a_plain_scan() {
        let line = "ab😀é中\u{2028}x".repeat(700);
        let text = format!("short\n{line}\r\n{line}\rtail 😀");
        let index = LineIndex::new(&text);
        let naive_column = |offset: usize| {
            let line_start = index.line_start(index.line_of(offset));
            text[line_start..offset].encode_utf16().count() as u32
        };
        let naive_offset = |line: usize, wanted: usize| {
            let (start, end) = index.line_range(&text, line);
            let mut units = 0;
            for (i, c) in text[start..end].char_indices() {
                if units + c.len_utf16() > wanted {
                    return start + i;
                }
                units += c.len_utf16();
            }
            end
        };
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            let position = index.position(&text, offset, PositionEncoding::Utf16);
            assert_eq!(position.character, naive_column(offset), "offset {offset}");
        }
        for line in 0..index.line_count() {
            let (start, end) = index.line_range(&text, line);
            let units = text[start..end].encode_utf16().count();
            for wanted in (0..units + 3).step_by(7).chain([units, units + 1]) {
                let position = Position {
                    line: line as u32,
                    character: wanted as u32,
                };
                assert_eq!(
                    index.offset(&text, position, PositionEncoding::Utf16),
                    naive_offset(line, wanted),
                    "line {line} column {wanted}"
                );
            }
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 0,
                    character: 99
                },
                PositionEncoding::Utf16
            ),
            2
        );
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 7,
                    character: 0
                },
                PositionEncoding::Utf8
            ),
            6
        );
        assert_eq!(
            index.position(text, 99, PositionEncoding::Utf8),
            Position {
                line: 1,
                character: 2
            }
        );
        // The offset between \r and \n belongs to the first line's ending.
        assert_eq!(index.line_of(3), 0);
    }

    proptest::proptest! {
        /// Line starts and UTF-16 lengths agree with a plain scan over the characters.
        #[test]
        fn agrees_with_a_plain_scan(text in "(a|\\r|\\n|\\r\\n|é|漢|😀| ){0,60}") {
            let mut starts = vec![0];
            let mut chars = text.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\n' => starts.push(i + 1),
                    '\r' if chars.peek().is_some_and(|(_, next)| *next == '\n') => {}
                    '\r' => starts.push(i + 1),
                    _ => {}
                }
            }
            let index = LineIndex::new(&text);
            proptest::prop_assert_eq!(&index.line_starts, &starts);
            let units: usize = text.chars().map(char::len_utf16).sum();
            proptest::prop_assert_eq!(utf16_len(&text), units);
        }
    }
}
