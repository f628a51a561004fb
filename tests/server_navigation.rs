//! Navigation on the annotated example: definition, references, highlights, rename, links,
//! folding and workspace symbols.

mod server_common;

use serde_json::{Value, json};
use server_common::*;

async fn open_annotated(encodings: &[&str]) -> (TestServer, String, String) {
    let root = annotated().parent().unwrap().to_path_buf();
    let mut server = TestServer::start(init_params(encodings, Some(&root), Value::Null)).await;
    let text = std::fs::read_to_string(annotated()).unwrap();
    let uri = server.open_file(&annotated()).await;
    (server, uri, text)
}

fn toml_uri() -> String {
    uri(&annotated().parent().unwrap().join("briefing.toml"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_of_section_links_and_actors() {
    let (mut server, uri, text) = open_annotated(&["utf-16"]).await;
    let (summary_line, _) = find_utf16(&text, "# Summary");

    // `[the summary](#summary)` → the Summary heading.
    let (line, column) = find_utf16(&text, "(#summary)");
    let location = server
        .at("textDocument/definition", &uri, line, column + 3)
        .await;
    assert_eq!(location["uri"], uri);
    assert_eq!(location["range"]["start"]["line"], summary_line);

    // `[[Outlook]]`-style links resolve case-insensitively; add one through an edit.
    let end = text.lines().count() as u32;
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
                {"range": {"start": {"line": end, "character": 0}, "end": {"line": end, "character": 0}},
                 "text": "\nSee [[outlook]].\n"}]}),
        )
        .await;
    let (outlook_line, _) = find_utf16(&text, "## Outlook");
    let location = server.at("textDocument/definition", &uri, end + 1, 7).await;
    assert_eq!(location["range"]["start"]["line"], outlook_line);

    // `@kallas` → the `[actors.kallas]` line of briefing.toml.
    let toml =
        std::fs::read_to_string(annotated().parent().unwrap().join("briefing.toml")).unwrap();
    let (toml_line, _) = find_utf16(&toml, "[actors.kallas]");
    let (line, column) = find_utf16(&text, "@kallas said");
    let location = server
        .at("textDocument/definition", &uri, line, column + 2)
        .await;
    assert_eq!(location["uri"], toml_uri());
    assert_eq!(location["range"]["start"]["line"], toml_line);

    // A built-in actor has no definition; a footnote reference goes to its definition.
    let (line, column) = find_utf16(&text, "@ukraine shipped");
    let location = server
        .at("textDocument/definition", &uri, line, column + 2)
        .await;
    assert_eq!(location, Value::Null);
    let (line, column) = find_utf16(&text, "[^ports]");
    let location = server
        .at("textDocument/definition", &uri, line, column + 3)
        .await;
    let (definition_line, _) = find_utf16(&text, "[^ports]:");
    assert_eq!(location["range"]["start"]["line"], definition_line);

    // A citation key goes to its front-matter source.
    let (line, column) = find_utf16(&text, "[@unctad-2026]");
    let location = server
        .at("textDocument/definition", &uri, line, column + 4)
        .await;
    let (source_line, _) = find_utf16(&text, "unctad-2026:");
    assert_eq!(location["range"]["start"]["line"], source_line);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_shows_workspace_actor_and_sources() {
    let (mut server, uri, text) = open_annotated(&["utf-16"]).await;
    let (line, column) = find_utf16(&text, "@kallas said");
    let hover = server
        .at("textDocument/hover", &uri, line, column + 1)
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.contains("### Kaja Kallas"), "{markdown}");
    assert!(
        markdown.contains("High Representative of the Union"),
        "{markdown}"
    );
    assert!(markdown.contains("European Union"), "{markdown}");
    assert!(markdown.contains("briefing.toml`, line"), "{markdown}");
    assert!(markdown.contains("European Union"), "{markdown}");

    // The front-matter entry shows the same card and leads to the same definition.
    let (line, column) = find_utf16(&text, "- kallas");
    let hover = server
        .at("textDocument/hover", &uri, line, column + 3)
        .await;
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("### Kaja Kallas")
    );
    let location = server
        .at("textDocument/definition", &uri, line, column + 3)
        .await;
    assert_eq!(location["uri"], toml_uri());

    let (line, column) = find_utf16(&text, "[^montreux]");
    let hover = server
        .at("textDocument/hover", &uri, line, column + 2)
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.contains("Montreux, 20 July 1936"), "{markdown}");

    let (line, column) = find_utf16(&text, "[@unctad-2026]");
    let hover = server
        .at("textDocument/hover", &uri, line, column + 3)
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        markdown.contains("UNCTAD, Maritime Trade Update"),
        "{markdown}"
    );

    let (line, column) = find_utf16(&text, "## Background");
    let hover = server
        .at("textDocument/hover", &uri, line, column + 4)
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.contains("| words |"), "{markdown}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_highlights_and_links() {
    let (mut server, uri, text) = open_annotated(&["utf-16"]).await;
    let (line, column) = find_utf16(&text, "[^kallas]");
    let params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column + 3},
                        "context": {"includeDeclaration": true}});
    let references = server.request("textDocument/references", params).await;
    assert_eq!(references.as_array().unwrap().len(), 2, "{references}");

    // Ukraine: `@ukraine`, `Ukraine's` and the front-matter entry.
    let (line, column) = find_utf16(&text, "@ukraine shipped");
    let highlights = server
        .at("textDocument/documentHighlight", &uri, line, column + 2)
        .await;
    let highlights = highlights.as_array().unwrap();
    assert!(highlights.len() >= 3, "{highlights:?}");
    assert!(
        highlights.iter().any(|h| h["kind"] == 3),
        "declaration is a write"
    );

    let links = server
        .request(
            "textDocument/documentLink",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let links = links.as_array().unwrap();
    let (summary_line, _) = find_utf16(&text, "# Summary");
    assert_eq!(links.len(), 1, "only the link that resolves: {links:?}");
    assert!(
        links[0]["target"]
            .as_str()
            .unwrap()
            .ends_with(&format!("#L{}", summary_line + 1))
    );

    let folds = server
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let starts: Vec<i64> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["startLine"].as_i64().unwrap())
        .collect();
    assert!(starts.contains(&0), "front matter folds: {starts:?}");
    assert!(starts.contains(&(summary_line as i64)), "{starts:?}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rename_actor_footnote_and_heading() {
    let (mut server, uri, text) = open_annotated(&["utf-16"]).await;
    // A workspace actor: the `@kallas` mention, the front-matter id and the toml table.
    let (line, column) = find_utf16(&text, "@kallas said");
    let prepared = server
        .at("textDocument/prepareRename", &uri, line, column + 2)
        .await;
    assert_eq!(prepared["placeholder"], "kallas");
    let params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column + 2},
                        "newName": "hr-vp"});
    let edit = server.request("textDocument/rename", params).await;
    let changes = edit["changes"].as_object().unwrap();
    assert_eq!(changes[&uri].as_array().unwrap().len(), 2, "{edit}");
    let toml_edits = changes[&toml_uri()].as_array().unwrap();
    assert_eq!(toml_edits.len(), 1);
    assert_eq!(toml_edits[0]["newText"], "hr-vp");

    // Built-in actors cannot be renamed.
    let (line, column) = find_utf16(&text, "@ukraine shipped");
    let error = server
        .request_raw(
            "textDocument/prepareRename",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column + 2}}),
        )
        .await
        .unwrap_err();
    assert!(error["message"].as_str().unwrap().contains("built-in"));

    // A footnote label: the reference and the definition.
    let (line, column) = find_utf16(&text, "[^ports]");
    let params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column + 3},
                        "newName": "cargo"});
    let edit = server.request("textDocument/rename", params).await;
    assert_eq!(edit["changes"][&uri].as_array().unwrap().len(), 2);

    // A heading and the `(#summary)` link to it.
    let (line, column) = find_utf16(&text, "# Summary");
    let params = json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column + 3},
                        "newName": "Key Judgments"});
    let edit = server.request("textDocument/rename", params).await;
    let edits = edit["changes"][&uri].as_array().unwrap();
    let new_texts: Vec<&str> = edits
        .iter()
        .map(|e| e["newText"].as_str().unwrap())
        .collect();
    assert_eq!(new_texts, ["Key Judgments", "key-judgments"]);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_symbols_come_from_the_index() {
    let root = examples();
    let mut server = TestServer::start(init_params(&["utf-16"], Some(&root), Value::Null)).await;
    // Indexing reports progress and ends; then both briefings are searchable without opening.
    server
        .wait_for("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    let symbols = server
        .request("workspace/symbol", json!({"query": "outlook"}))
        .await;
    let symbols = symbols.as_array().unwrap();
    assert!(
        symbols
            .iter()
            .any(|s| s["name"] == "Outlook" && s["location"]["uri"] == uri(&annotated())),
        "{symbols:?}"
    );
    let symbols = server
        .request("workspace/symbol", json!({"query": "kallas"}))
        .await;
    assert!(
        symbols
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["name"] == "Kaja Kallas" && s["location"]["uri"] == toml_uri()),
        "{symbols}"
    );
    let symbols = server
        .request("workspace/symbol", json!({"query": "What Comes"}))
        .await;
    assert!(
        symbols
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["location"]["uri"] == uri(&peace_talks())),
        "{symbols}"
    );
    // References to an actor reach files that are not open.
    let text = std::fs::read_to_string(annotated()).unwrap();
    let annotated_uri = server.open_file(&annotated()).await;
    let (line, column) = find_utf16(&text, "@ukraine shipped");
    let params = json!({"textDocument": {"uri": annotated_uri}, "position": {"line": line, "character": column + 2},
                        "context": {"includeDeclaration": false}});
    let references = server.request("textDocument/references", params).await;
    assert!(
        references
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["uri"] == uri(&peace_talks())),
        "{references}"
    );
    server.shutdown().await;
}
