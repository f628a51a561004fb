//! In-process protocol tests of each capability on the example briefings.

mod server_common;

use serde_json::{Value, json};
use server_common::*;

async fn start_utf16() -> TestServer {
    TestServer::start(init_params(&["utf-16"], None, Value::Null)).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_negotiates_the_encoding() {
    let server = TestServer::start(init_params(&["utf-8", "utf-16"], None, Value::Null)).await;
    assert_eq!(
        server.initialize_result["capabilities"]["positionEncoding"],
        "utf-8"
    );
    let server = start_utf16().await;
    let capabilities = &server.initialize_result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2);
    for provider in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentHighlightProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "foldingRangeProvider",
        "inlayHintProvider",
    ] {
        assert_eq!(capabilities[provider], true, "{provider}");
    }
    assert!(capabilities["semanticTokensProvider"]["legend"]["tokenTypes"].is_array());
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        capabilities["diagnosticProvider"]["workspaceDiagnostics"],
        true
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn peace_talks_diagnostics_match_the_cli() {
    let mut server = start_utf16().await;
    let uri = server.open_file(&peace_talks()).await;
    let published = server.diagnostics(&uri, 1).await;

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_briefing-lsp"))
        .args(["check", "--format", "json"])
        .arg(peace_talks())
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&output.stdout).unwrap();
    let expected: Vec<(String, String, Value, String)> = cli["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
                d["range"].clone(),
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let severity_name = |n: &Value| match n.as_i64() {
        Some(1) => "error",
        Some(2) => "warning",
        Some(3) => "info",
        _ => "hint",
    };
    let actual: Vec<(String, String, Value, String)> = published
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
                d["range"].clone(),
                severity_name(&d["severity"]).to_owned(),
            )
        })
        .collect();
    assert_eq!(actual, expected);
    for diagnostic in &published {
        assert_eq!(diagnostic["source"], "briefing");
        let href = diagnostic["codeDescription"]["href"].as_str().unwrap();
        assert!(href.ends_with(&format!("#{}", diagnostic["code"].as_str().unwrap())));
    }
    // Pull diagnostics give the same list.
    let pulled = server
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(pulled["kind"], "full");
    assert_eq!(pulled["items"].as_array().unwrap(), &published);
    let unchanged = server
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri}, "previousResultId": pulled["resultId"]}),
        )
        .await;
    assert_eq!(unchanged["kind"], "unchanged");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_on_ottawa_shows_canadas_card() {
    let mut server = start_utf16().await;
    let text = std::fs::read_to_string(peace_talks()).unwrap();
    let uri = server.open_file(&peace_talks()).await;
    let (line, column) = find_utf16(&text, "Ottawa");
    let hover = server
        .at("textDocument/hover", &uri, line, column + 2)
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(markdown.contains("### Canada"), "{markdown}");
    assert!(markdown.contains("state"), "{markdown}");
    assert!(markdown.contains("built-in"), "{markdown}");
    assert!(markdown.contains("What Comes Next"), "{markdown}");
    assert_eq!(hover["range"]["start"]["line"], line);
    assert_eq!(hover["range"]["start"]["character"], column);

    // A heading shows the section's statistics.
    let (line, _) = find_utf16(&text, "What Comes Next");
    let hover = server.at("textDocument/hover", &uri, line, 1).await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        markdown.contains("What Comes Next") && markdown.contains("words"),
        "{markdown}"
    );
    assert!(markdown.contains("United States"), "{markdown}");

    // Nothing under the cursor, and a position far out of range: no hover, no error.
    let hover = server.at("textDocument/hover", &uri, 9999, 9999).await;
    assert_eq!(hover, Value::Null);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_symbols_give_the_four_sections() {
    let mut server = start_utf16().await;
    let uri = server.open_file(&peace_talks()).await;
    let symbols = server
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let root = &symbols[0];
    assert_eq!(root["name"], "peace-talks.txt");
    let names: Vec<&str> = root["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Coordination — Without Weakening Pressure on Moscow",
            "Balancing Diplomacy and Deterrence",
            "Humanitarian Concerns Front and Center",
            "What Comes Next"
        ]
    );
    let lines: Vec<i64> = root["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["selectionRange"]["start"]["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, [2, 5, 10, 12]);
    // The document node's selection range is the preamble (the first two lines).
    assert_eq!(root["selectionRange"]["start"]["line"], 0);
    assert_eq!(root["selectionRange"]["end"]["line"], 2);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_documents_get_empty_results() {
    let mut server = start_utf16().await;
    let uri = "file:///nowhere/missing.brief.md";
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/completion",
        "textDocument/prepareRename",
    ] {
        let params = json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0},
                            "context": {"includeDeclaration": true, "triggerKind": 1}});
        assert_eq!(
            server.request(method, params).await,
            Value::Null,
            "{method}"
        );
    }
    let symbols = server
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    assert_eq!(symbols, Value::Null);
    // Malformed params are an error response, and the server carries on.
    let error = server
        .request_raw("textDocument/hover", json!({"textDocument": {}}))
        .await
        .unwrap_err();
    assert_eq!(error["code"], -32602);
    // A change to a document that was never opened is ignored, not fatal.
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2},
                   "contentChanges": [{"text": "x"}]}),
        )
        .await;
    server.shutdown().await;
}
