//! The built binary over real stdio: lifecycle, the seed briefing, and ordering under 500
//! pipelined incremental changes.

mod server_common;

use std::time::Duration;

use serde_json::{Value, json};
use server_common::stdio::StdioServer;
use server_common::*;

#[test]
fn lifecycle_and_the_seed_briefing() {
    let mut server = StdioServer::spawn();
    let result = server.initialize(init_params(&["utf-16"], None, Value::Null));
    assert_eq!(result["serverInfo"]["name"], "briefing-lsp");
    let text = std::fs::read_to_string(peace_talks()).unwrap();
    let uri = uri(&peace_talks());
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let published = server
        .wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
    assert_eq!(published["params"]["version"], 1);
    let codes: Vec<&str> = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"relative-time"), "{codes:?}");
    assert!(
        !published["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["severity"] == 1)
    );

    let (line, column) = find_utf16(&text, "Ottawa");
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("Canada")
    );
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(symbols[0]["children"].as_array().unwrap().len(), 4);
    // An unknown method is an error response, and the server carries on.
    let id = server.send_request("briefing/noSuchMethod", json!({}));
    let response = server.wait(|m| m["id"] == id);
    assert_eq!(response["error"]["code"], -32601);
    assert_eq!(server.shutdown_and_exit(), 0);
}

/// The server's own requests (watcher registration, configuration) go unanswered here: `exit`
/// must still end the process promptly.
#[test]
fn exit_without_shutdown_is_an_error_exit() {
    let mut server = StdioServer::spawn();
    server.initialize(init_params(&["utf-16"], None, Value::Null));
    assert_eq!(server.exit_without_shutdown(), 1);
}

/// The (line, UTF-16 column) of a byte offset.
fn position(text: &str, offset: usize) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count();
    let character = text[line_start..offset].encode_utf16().count();
    json!({"line": line, "character": character})
}

#[test]
fn five_hundred_pipelined_changes_apply_in_order() {
    let mut server = StdioServer::spawn();
    server.initialize(init_params(&["utf-16"], None, Value::Null));
    let uri = "file:///tmp/pipelined.txt";
    let mut expected = String::from("Summary line\n");
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "briefing", "version": 1, "text": expected}}),
    );
    let mut version = 1;
    for i in 0..500 {
        version += 1;
        // Insertions at the end and at the start, replacements and deletions, some with
        // multibyte text, so that applying them out of order would show.
        let (start, end, new_text) = match i % 5 {
            0 => (
                expected.len(),
                expected.len(),
                format!("Analysts say {i}. "),
            ),
            1 => (0, 0, format!("é{i}\n")),
            2 => {
                let start = expected.find('\n').map_or(0, |n| n + 1);
                (start, (start + 3).min(expected.len()), "🙂".to_owned())
            }
            3 => (expected.len(), expected.len(), "\nnext week ".to_owned()),
            _ => {
                let start = expected.char_indices().nth(2).map_or(0, |(i, _)| i);
                let end = expected.char_indices().nth(4).map_or(start, |(i, _)| i);
                (start, end, String::new())
            }
        };
        let range = json!({"start": position(&expected, start), "end": position(&expected, end)});
        expected.replace_range(start..end, &new_text);
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": new_text}]}),
        );
    }
    let text = server.request("briefing/documentText", json!({"uri": uri}));
    assert_eq!(text["version"], version);
    assert_eq!(text["text"], expected);

    // Diagnostics arrive for the last version, and nothing older is published after it.
    server.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
    });
    let versions: Vec<i64> = server
        .backlog
        .drain(..)
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(versions.is_sorted(), "published out of order: {versions:?}");
    server.settle(Duration::from_millis(400));
    let later: Vec<&Value> = server
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .collect();
    assert!(
        later.is_empty(),
        "published after the last version: {later:?}"
    );
    assert_eq!(server.shutdown_and_exit(), 0);
}
