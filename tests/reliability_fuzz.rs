//! Fuzzing with proptest (issue 7): random briefings built from briefing syntax fragments, and
//! random edit sequences through the server.
//!
//! Invariants: `analyze` never panics and every range it returns (sections, paragraphs,
//! sentences, mentions, footnotes, citations, links, review notes, suppressions, diagnostics,
//! fixes) is in bounds, on char boundaries and survives conversion to an LSP position and back;
//! after any sequence of incremental edits the server's text equals the same edits applied to a
//! `String`, no request panics, and its diagnostics equal those of a full re-sync of that text.
//!
//! Case counts come from the environment so CI runs a quick mode and a long run is one
//! variable away: `BRIEFING_FUZZ_CASES` (parser, default 512) and `BRIEFING_FUZZ_EDIT_CASES`
//! (edit sequences, default 48). Seeds are the files in `tests/fuzz-seeds/`.

mod reliability_common;
mod server_common;

use std::path::Path;
use std::sync::LazyLock;

use briefing_lsp::text::PositionEncoding;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use reliability_common::{analyze_checked, env_usize};
use serde_json::{Value, json};
use server_common::{TestServer, init_params};

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
});

/// The seed corpus: every file of `tests/fuzz-seeds/` but its README.
static SEEDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-seeds");
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().is_some_and(|n| n != "README.md"))
        .map(|path| {
            (
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            )
        })
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 3, "the seed corpus is missing");
    seeds.into_iter().map(|(_, text)| text).collect()
});

/// Pieces of briefing syntax, whole and broken, and of odd text.
fn fragment() -> impl Strategy<Value = String> {
    let fixed = prop_oneof![
        Just("# Summary\n"),
        Just("## What Comes Next\n"),
        Just("###### Deep\n"),
        Just("Title Line\n"),
        Just("Setext\n===\n"),
        Just("---\ntitle: T\nactors: [ukraine, eu]\n---\n"),
        Just("---\n"),
        Just("[^1]"),
        Just("[^1]: A source.\n"),
        Just("[^"),
        Just("[@key]"),
        Just("[@a; @b, p. 4]"),
        Just("[@"),
        Just("[[Summary]]"),
        Just("[["),
        Just("]]"),
        Just("[x](#what-comes-next)"),
        Just("[x](https://example.org/a)"),
        Just("{>> note <<}"),
        Just("{>>"),
        Just("<<}"),
        Just("{~~ old ~> new ~~}"),
        Just("{++ add ++}"),
        Just("{-- del --}"),
        Just("{=="),
        Just("<!-- briefing-ignore vague-attribution -->\n"),
        Just("<!-- briefing-disable unsupported-claim -->"),
        Just("<!-- briefing-enable -->"),
        Just("<!--"),
        Just("-->"),
        Just("`code`"),
        Just("```\n"),
        Just("- item "),
        Just("  1. nested "),
        Just("> quote "),
        Just("@ukraine "),
        Just("@kallas"),
        Just("press@example.org "),
        Just("Analysts say Moscow's offer collapsed after 30 percent cuts. "),
        Just("Officials familiar with the talks said it was decided. "),
        Just("It is believed that U.S.-led talks may possibly fail, maybe. "),
        Just("Russia–Ukraine U.K. Mr. Dr. No. 10 e.g. 3.5 ... "),
        Just("in the coming days "),
        Just("GDP NATO EU "),
        Just("😀"),
        Just("🇺🇦"),
        Just("👨‍👩‍👧"),
        Just("é"),
        Just("中文"),
        Just("مرحبا"),
        Just("\u{200f}"),
        Just("\u{feff}"),
        Just("\u{2028}"),
        Just("\u{2029}"),
        Just("\u{85}"),
        Just("\u{c}"),
        Just("\u{b}"),
        Just("\0"),
        Just("\t"),
        Just("\n"),
        Just("\n\n"),
        Just("\r\n"),
        Just("\r"),
        Just(" "),
    ];
    prop_oneof![
        8 => fixed.prop_map(str::to_owned),
        1 => "[a-zA-Z0-9 .,;:!?()\\[\\]#*_`~>{}@^=+|/\\\\<-]{0,16}",
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

/// Random text: fragments alone, or fragments spliced into a seed.
fn briefing() -> impl Strategy<Value = String> {
    let fragments = proptest::collection::vec(fragment(), 0..48).prop_map(|f| f.concat());
    let spliced = (
        0..SEEDS.len(),
        proptest::collection::vec((any::<usize>(), 0usize..64, fragment()), 0..12),
    )
        .prop_map(|(seed, splices)| {
            let mut text = SEEDS[seed].clone();
            for (at, delete, insert) in splices {
                let start = boundary(&text, at % (text.len() + 1));
                let end = boundary(&text, (start + delete).min(text.len()));
                text.replace_range(start..end.max(start), &insert);
            }
            text
        });
    prop_oneof![fragments, spliced]
}

/// The nearest char boundary at or after `offset`.
fn boundary(text: &str, mut offset: usize) -> usize {
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset.min(text.len())
}

#[test]
fn the_parser_keeps_its_invariants_on_random_briefings() {
    let cases = env_usize("BRIEFING_FUZZ_CASES", 512);
    let mut runner = TestRunner::new(Config {
        cases: cases as u32,
        failure_persistence: None,
        ..Config::default()
    });
    let started = std::time::Instant::now();
    let bytes = std::cell::Cell::new(0);
    runner
        .run(&(briefing(), any::<bool>()), |(text, plain)| {
            let file_name = if plain { "fuzz.txt" } else { "fuzz.brief.md" };
            bytes.set(bytes.get() + text.len());
            // `analyze_checked` panics with the violated invariant; proptest shrinks it.
            analyze_checked(file_name, &text);
            Ok(())
        })
        .unwrap();
    println!(
        "parser fuzz: {cases} inputs ({} KB) in {:?}",
        bytes.get() / 1024,
        started.elapsed()
    );
}

/// One edit: where (a selector over the addressable offsets), how much to replace, and what.
fn edit() -> impl Strategy<Value = (usize, usize, String)> {
    (
        any::<usize>(),
        0usize..24,
        proptest::collection::vec(fragment(), 0..3).prop_map(|f| f.concat()),
    )
}

/// Offsets an LSP position can name: char boundaries, but not between `\r` and `\n`.
fn addressable(text: &str) -> Vec<usize> {
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .filter(|&i| {
            !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n'))
        })
        .collect()
}

/// An LSP position computed independently of the server: lines end at `\n`, `\r\n`, `\r`.
fn position(text: &str, offset: usize) -> Value {
    let (mut line, mut line_start, mut i) = (0, 0, 0);
    let bytes = text.as_bytes();
    while i < offset {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') && i + 1 < offset => {
                i += 2;
                line += 1;
                line_start = i;
                continue;
            }
            b'\r' | b'\n' => {
                line += 1;
                line_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let character = text[line_start..offset].encode_utf16().count();
    json!({"line": line, "character": character})
}

/// Applies `edits` through the server, with requests in between; returns what the server
/// says about the result, next to the model.
async fn edit_sequence(
    initial: String,
    edits: Vec<(usize, usize, String)>,
    batch: usize,
) -> Result<(), TestCaseError> {
    let mut server = TestServer::start(init_params(&["utf-16"], None, Value::Null)).await;
    let uri = "file:///tmp/reliability/fuzz.brief.md";
    server.open(uri, "briefing", &initial).await;
    let mut model = initial;
    let mut version = 1;
    for chunk in edits.chunks(batch.max(1)) {
        // Several changes in one notification apply in order, each to the previous result.
        let mut changes = Vec::new();
        for (selector, length, new_text) in chunk {
            let offsets = addressable(&model);
            let start_index = selector % offsets.len();
            let end_index = (start_index + length).min(offsets.len() - 1);
            let (start, end) = (offsets[start_index], offsets[end_index]);
            changes.push(json!({
                "range": {"start": position(&model, start), "end": position(&model, end)},
                "text": new_text,
            }));
            model.replace_range(start..end, new_text);
        }
        version += 1;
        server
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
            )
            .await;
        // A request between edits, at a position that may be anywhere.
        let (line, character) = (version % 7, (version * 13) % 40);
        for method in ["textDocument/hover", "textDocument/completion"] {
            let answer = server
                .request_raw(
                    method,
                    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
                )
                .await;
            prop_assert!(answer.is_ok(), "{method} failed: {answer:?}");
        }
    }
    let text = server.text(uri).await;
    prop_assert_eq!(text["text"].as_str().unwrap(), model.as_str());
    prop_assert_eq!(text["version"].as_i64().unwrap(), version);

    // Incremental result equals full re-analysis: the diagnostics of the edited document
    // equal those after replacing it whole with the same text.
    let pull = json!({"textDocument": {"uri": uri}});
    let incremental = server
        .request("textDocument/diagnostic", pull.clone())
        .await;
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version + 1}, "contentChanges": [{"text": model}]}),
        )
        .await;
    let full = server.request("textDocument/diagnostic", pull).await;
    prop_assert_eq!(&incremental["items"], &full["items"]);
    for method in [
        "textDocument/documentSymbol",
        "textDocument/foldingRange",
        "textDocument/semanticTokens/full",
    ] {
        let answer = server
            .request_raw(method, json!({"textDocument": {"uri": uri}}))
            .await;
        prop_assert!(answer.is_ok(), "{method} failed: {answer:?}");
    }
    // And they are the library's findings on that text, position for position.
    let (analysis, _) = analyze_checked("fuzz.brief.md", &model);
    let lsp = |offset: usize| {
        let p = analysis
            .line_index
            .position(&model, offset, PositionEncoding::Utf16);
        json!({"line": p.line, "character": p.character})
    };
    let expected: Vec<(String, Value)> = analysis
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.name().to_owned(),
                json!({"start": lsp(d.range.start), "end": lsp(d.range.end)}),
            )
        })
        .collect();
    let mut got: Vec<(String, Value)> = full["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_owned(), d["range"].clone()))
        .collect();
    let mut expected = expected;
    let key = |(code, range): &(String, Value)| (code.clone(), range.to_string());
    got.sort_by_key(key);
    expected.sort_by_key(key);
    prop_assert_eq!(got, expected);
    server.shutdown().await;
    Ok(())
}

#[test]
fn edit_sequences_through_the_server_equal_full_re_analysis() {
    let cases = env_usize("BRIEFING_FUZZ_EDIT_CASES", 48);
    let mut runner = TestRunner::new(Config {
        cases: cases as u32,
        failure_persistence: None,
        ..Config::default()
    });
    let started = std::time::Instant::now();
    let edits_applied = std::cell::Cell::new(0);
    runner
        .run(
            &(
                briefing(),
                proptest::collection::vec(edit(), 1..40),
                1usize..4,
            ),
            |(initial, edits, batch)| {
                edits_applied.set(edits_applied.get() + edits.len());
                RUNTIME.block_on(edit_sequence(initial, edits, batch))
            },
        )
        .unwrap();
    println!(
        "edit fuzz: {cases} sequences, {} edits in {:?}",
        edits_applied.get(),
        started.elapsed()
    );
}

/// Inputs the fuzzer found that once broke an invariant, kept as regression tests.
const REGRESSIONS: &[&str] = &[
    // suppress.rs sliced `text[start + 4..end - 3]` with `-->` found inside `<!-->`: a panic.
    "<!--> quote ",
    "<!-->",
    "<!--->",
    "<!-- briefing-ignore -->-->",
    // plain.rs sliced a footnote label from the line start, not from `[^` after (multi-byte)
    // leading whitespace: a panic.
    "\u{2028}[^1]: A source.\n",
    " \u{a0}[^x]: y",
    "\t[^]: empty",
    // front_matter.rs made a one-byte error range inside an emoji; `check` then panicked
    // rendering it.
    "---\nactors:\n  - 😀  - id: x\n---\n# T\n",
    "---\ntitle: [😀\n---\n",
];

#[test]
fn inputs_the_fuzzer_found() {
    for text in REGRESSIONS {
        for file_name in ["regression.brief.md", "regression.txt"] {
            analyze_checked(file_name, text);
        }
    }
}
