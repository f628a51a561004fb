//! Property: random edit sequences sent to the server give the same text as the same edits
//! applied to a `String`, with positions in UTF-16 or UTF-8.

mod server_common;

use std::sync::LazyLock;

use proptest::prelude::*;
use serde_json::{Value, json};
use server_common::*;

static RUNTIME: LazyLock<tokio::runtime::Runtime> = LazyLock::new(|| {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
});

/// Short texts over an alphabet with every kind of line ending and multibyte characters.
fn text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("a"),
        Just("Word "),
        Just(" "),
        Just("\n"),
        Just("\r\n"),
        Just("\r"),
        Just("é"),
        Just("🙂"),
        Just("# Head\n"),
        Just("@kallas "),
        Just("[^x]"),
    ];
    proptest::collection::vec(pieces, 0..12).prop_map(|p| p.concat())
}

/// (start selector, length selector, inserted text).
fn edit() -> impl Strategy<Value = (usize, usize, String)> {
    (any::<usize>(), 0usize..8, text())
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

/// An independent position computation: lines end at `\n`, `\r\n` or `\r`.
fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let (mut line, mut line_start) = (0, 0);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < offset {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
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
    let prefix = &text[line_start..offset];
    let character = if utf8 {
        prefix.len()
    } else {
        prefix.encode_utf16().count()
    };
    json!({"line": line, "character": character})
}

async fn run(initial: String, edits: Vec<(usize, usize, String)>, utf8: bool) -> (String, String) {
    let encoding = if utf8 { "utf-8" } else { "utf-16" };
    let mut server = TestServer::start(init_params(&[encoding], None, Value::Null)).await;
    let uri = "file:///tmp/property.brief.md";
    server.open(uri, "briefing", &initial).await;
    let mut model = initial;
    for (version, (start_selector, length, new_text)) in edits.into_iter().enumerate() {
        let offsets = addressable(&model);
        let start_index = start_selector % offsets.len();
        let end_index = (start_index + length).min(offsets.len() - 1);
        let (start, end) = (offsets[start_index], offsets[end_index]);
        let range =
            json!({"start": position(&model, start, utf8), "end": position(&model, end, utf8)});
        model.replace_range(start..end, &new_text);
        server
            .notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": uri, "version": version + 2},
                       "contentChanges": [{"range": range, "text": new_text}]}),
            )
            .await;
    }
    let text = server.text(uri).await["text"].as_str().unwrap().to_owned();
    // The server still answers on whatever text resulted.
    let _ = server
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    server.shutdown().await;
    (text, model)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn edits_through_the_server_equal_edits_on_a_string(
        initial in text(),
        edits in proptest::collection::vec(edit(), 1..24),
        utf8 in any::<bool>(),
    ) {
        let (server_text, model) = RUNTIME.block_on(run(initial, edits, utf8));
        prop_assert_eq!(server_text, model);
    }
}
