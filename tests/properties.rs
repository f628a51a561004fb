//! Property tests: position conversions round-trip on random text with CRLF, lone CR, emoji and
//! CJK; the parser and the rules never panic and every range they return is in bounds and on
//! char boundaries.

use briefing_lsp::config::Config;
use briefing_lsp::model::Flavour;
use briefing_lsp::text::{LineIndex, PositionEncoding, TextRange};
use briefing_lsp::{Context, analyze};
use proptest::prelude::*;

/// Text from pieces that stress line endings and multi-byte characters.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("a".to_owned()),
        Just("é".to_owned()),
        Just("😀".to_owned()),
        Just("中文".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        Just("\n".to_owned()),
        Just(" ".to_owned()),
        Just("\u{2028}".to_owned()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

/// Briefing-like text: headings, lists, footnotes, citations, links, annotations, comments.
fn briefing_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("# Summary\n".to_owned()),
        Just("## Outlook\n".to_owned()),
        Just("Title Line\n".to_owned()),
        Just("---\ntitle: T\ndate: 2026-11-20\nactors: [ukraine, @x]\n---\n".to_owned()),
        Just("Analysts say Russia's offer collapsed after 30 percent cuts.".to_owned()),
        Just(" Officials familiar with the talks said it was decided".to_owned()),
        Just(" maybe likely almost certainly".to_owned()),
        Just("[^1]".to_owned()),
        Just("[^1]: Source text.\n".to_owned()),
        Just("[@key, p. 4]".to_owned()),
        Just("[[Summary]]".to_owned()),
        Just("[x](#outlook)".to_owned()),
        Just("[x](https://example.org)".to_owned()),
        Just("{>> note <<}".to_owned()),
        Just("{~~ old ~> new ~~}".to_owned()),
        Just("{--".to_owned()),
        Just("<!-- briefing-ignore vague-attribution -->\n".to_owned()),
        Just("<!-- briefing-disable".to_owned()),
        Just("`code` ".to_owned()),
        Just("```\nfenced\n".to_owned()),
        Just("- item\n".to_owned()),
        Just("> quote\n".to_owned()),
        Just("@kallas ".to_owned()),
        Just("U.S.-led NATO EU ".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\r".to_owned()),
        tricky_text(),
        "[a-zA-Z .,;:!?()\\[\\]#*_`~>{}@^-]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn assert_range(text: &str, range: TextRange, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what}: {range:?} out of bounds ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what}: {range:?} not on char boundaries"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn positions_round_trip(text in tricky_text()) {
        let index = LineIndex::new(&text);
        for (offset, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            // The offset between \r and \n is inside a line ending: it has no position of its own.
            if offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text.as_bytes().get(offset) == Some(&b'\n') {
                continue;
            }
            for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                let position = index.position(&text, offset, encoding);
                prop_assert_eq!(index.offset(&text, position, encoding), offset, "{:?} {:?}", encoding, position);
            }
        }
    }

    #[test]
    fn arbitrary_positions_clamp_to_char_boundaries(text in tricky_text(), line in 0u32..80, character in 0u32..200) {
        let index = LineIndex::new(&text);
        for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
            let offset = index.offset(&text, briefing_lsp::text::Position { line, character }, encoding);
            prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
        }
    }

    #[test]
    fn analysis_never_panics_and_ranges_are_valid(text in briefing_text(), plain in any::<bool>()) {
        let flavour = if plain { Flavour::PlainText } else { Flavour::Markdown };
        let context = Context { file_name: "case.brief.md".into(), flavour, config: Config::defaults() };
        let analysis = analyze(&text, &context);
        let document = &analysis.document;
        prop_assert_eq!(document.prose.len(), text.len());
        for s in &document.sections {
            assert_range(&text, s.range, "section");
            assert_range(&text, s.heading_range, "heading");
            assert_range(&text, s.title_range, "title");
        }
        for p in &document.paragraphs { assert_range(&text, p.range, "paragraph"); }
        for s in &document.sentences { assert_range(&text, s.range, "sentence"); }
        for m in &analysis.mentions { assert_range(&text, m.range, "mention"); }
        for r in &document.footnote_refs { assert_range(&text, r.range, "footnote ref"); }
        for d in &document.footnote_defs { assert_range(&text, d.range, "footnote def"); assert_range(&text, d.label_range, "label"); }
        for c in &document.citations { assert_range(&text, c.range, "citation"); for (_, k) in &c.keys { assert_range(&text, *k, "key"); } }
        for l in &document.section_links { assert_range(&text, l.range, "link"); assert_range(&text, l.target_range, "target"); }
        for n in &document.review_notes { assert_range(&text, n.range, "review note"); }
        for t in &analysis.estimative_terms { assert_range(&text, t.range, "estimative term"); }
        for d in &analysis.diagnostics {
            assert_range(&text, d.range, d.code.name());
            for fix in &d.fixes { for edit in &fix.edits { assert_range(&text, edit.range, "fix"); } }
            for related in &d.related { assert_range(&text, related.range, "related"); }
        }
    }
}
