//! Incremental analysis (`analyze_incremental`, which reuses the per-sentence rules' findings of
//! unchanged sentences) gives exactly what a fresh `analyze` gives, after every edit of a random
//! sequence of edits on real briefings: typing in a sentence, splitting and joining sentences
//! and paragraphs, adding citations, actor names, hedges and figures, and editing the front
//! matter.

use briefing_lsp::config::Config;
use briefing_lsp::rules::memo::SentenceMemo;
use briefing_lsp::{Context, analyze, analyze_incremental};
use proptest::prelude::*;

const ANNOTATED: &str = include_str!("../examples/annotated/annotated-example.brief.md");
const PEACE_TALKS: &str = include_str!("../examples/peace-talks.txt");
const REPORT: &str =
    include_str!("../benches/data/R47324v18-seabed-mining-in-areas-beyond-national-jurisdict.md");

/// Text an editor types: pieces that change what the sentence rules see.
const INSERTIONS: &[&str] = &[
    "a",
    " ",
    ". ",
    ".",
    "\n",
    "\n\n",
    "# New section\n",
    "[^1]",
    "[^ports]",
    "[x](https://example.org)",
    "Russia",
    "@ukraine ",
    "analysts say ",
    "officials familiar with the talks said ",
    "perhaps ",
    "likely ",
    "40 percent ",
    "$3 billion ",
    "was decided ",
    "yesterday ",
    "\"",
    "`",
    "several European states pledged ",
    "NATO ",
    "LRIP ",
    "low-rate initial production (LRIP) ",
    "QXZ ",
    "<!-- briefing-ignore unsupported-claim -->\n",
    "date: 2026-01-02\n",
    "U.S. ",
];

#[derive(Clone, Debug)]
enum Edit {
    Insert { at: usize, piece: usize },
    Delete { at: usize, length: usize },
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        3 => (any::<usize>(), 0..INSERTIONS.len()).prop_map(|(at, piece)| Edit::Insert { at, piece }),
        1 => (any::<usize>(), 1usize..40).prop_map(|(at, length)| Edit::Delete { at, length }),
    ];
    prop::collection::vec(edit, 1..8)
}

fn boundary_at_or_before(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, edit: &Edit) {
    match edit {
        Edit::Insert { at, piece } => {
            let at = boundary_at_or_before(text, at % (text.len() + 1));
            text.insert_str(at, INSERTIONS[*piece]);
        }
        Edit::Delete { at, length } => {
            let start = boundary_at_or_before(text, at % (text.len() + 1));
            let end = boundary_at_or_before(text, start + length);
            text.replace_range(start..end, "");
        }
    }
}

/// A window of a briefing around `at`, so that cases stay small and cover the whole text.
fn window(text: &str, at: usize, length: usize) -> String {
    let start = boundary_at_or_before(text, at % text.len().max(1));
    let end = boundary_at_or_before(text, start + length);
    text[start..end].to_owned()
}

fn check_sequence(file_name: &str, mut text: String, edits: &[Edit]) -> Result<(), TestCaseError> {
    let context = Context::new(file_name, Config::defaults());
    let mut memo = SentenceMemo::new();
    let first = analyze_incremental(&text, &context, &mut memo);
    prop_assert_eq!(&first.diagnostics, &analyze(&text, &context).diagnostics);
    for edit in edits {
        apply(&mut text, edit);
        let incremental = analyze_incremental(&text, &context, &mut memo);
        let fresh = analyze(&text, &context);
        prop_assert_eq!(
            &incremental.diagnostics,
            &fresh.diagnostics,
            "after {:?}",
            edit
        );
        prop_assert_eq!(
            &incremental.estimative_terms,
            &fresh.estimative_terms,
            "after {:?}",
            edit
        );
        // Names are reused line by line: the same mentions as a fresh search.
        prop_assert_eq!(&incremental.mentions, &fresh.mentions, "after {:?}", edit);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn annotated_example(edits in edits()) {
        check_sequence("annotated.brief.md", ANNOTATED.to_owned(), &edits)?;
    }

    #[test]
    fn plain_text_briefing(edits in edits()) {
        check_sequence("peace-talks.txt", PEACE_TALKS.to_owned(), &edits)?;
    }

    #[test]
    fn report_excerpt(at in any::<usize>(), edits in edits()) {
        check_sequence("report.brief.md", window(REPORT, at, 12_000), &edits)?;
    }
}

/// Settings are part of the key: the same text under another configuration is analysed
/// afresh, and a change of front matter (date, per-file levels) reaches every sentence.
#[test]
fn settings_changes_are_not_served_from_the_memo() {
    let mut memo = SentenceMemo::new();
    let text = "---\ndate: 2026-03-01\n---\nAnalysts say the talks collapsed yesterday.\n";
    let context = Context::new("a.brief.md", Config::defaults());
    analyze_incremental(text, &context, &mut memo);
    let other_config = Context::new("a.brief.md", Config::defaults());
    let changed_date = text.replace("2026-03-01", "2026-04-01");
    for (text, context) in [(text, &other_config), (changed_date.as_str(), &context)] {
        let incremental = analyze_incremental(text, context, &mut memo);
        assert_eq!(incremental.diagnostics, analyze(text, context).diagnostics);
    }
    let off = text.replace("date:", "briefing:\n  relative-time: off\ndate:");
    let incremental = analyze_incremental(&off, &context, &mut memo);
    assert_eq!(incremental.diagnostics, analyze(&off, &context).diagnostics);
    assert!(
        incremental
            .diagnostics
            .iter()
            .all(|d| d.code.name() != "relative-time")
    );
}

/// A keystroke in one sentence leaves the others' findings to the memo.
#[test]
fn unchanged_sentences_are_reused() {
    let context = Context::new("report.brief.md", Config::defaults());
    let mut memo = SentenceMemo::new();
    analyze_incremental(REPORT, &context, &mut memo);
    let sentences = memo.len();
    assert!(sentences > 200, "a meaningful test: {sentences} sentences");
    let at = REPORT.len() / 2 + REPORT[REPORT.len() / 2..].find(" the ").expect("a word");
    let mut edited = REPORT.to_owned();
    edited.insert_str(at, " quickly");
    let incremental = analyze_incremental(&edited, &context, &mut memo);
    assert_eq!(
        incremental.diagnostics,
        analyze(&edited, &context).diagnostics
    );
    assert_eq!(memo.fresh_in_last_run(), 1);
    // Every per-sentence rule skips the reused sentences instead of computing them again.
    assert_eq!(memo.wasted_in_last_run(), 0);
}
