//! Editing help and encodings: completion, code actions, semantic tokens, inlay hints, and
//! positions in UTF-16 and UTF-8 with an emoji before them.

mod server_common;

use serde_json::{Value, json};
use server_common::*;

const EMOJI_DOC: &str = "# Summary 🇺🇦\n\n🙂 Ottawa 🙂 and @kallas agree[^a].\n\n[^a]: A source.\n";

fn change(uri: &str, version: i64, start: (u32, u32), end: (u32, u32), text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [
        {"range": {"start": {"line": start.0, "character": start.1},
                   "end": {"line": end.0, "character": end.1}}, "text": text}]})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_after_an_emoji_in_both_encodings() {
    for (encoding, find) in [
        ("utf-16", find_utf16 as fn(&str, &str) -> (u32, u32)),
        ("utf-8", find_utf8),
    ] {
        let mut server = TestServer::start(init_params(&[encoding], None, Value::Null)).await;
        let uri = "file:///tmp/emoji.brief.md";
        server.open(uri, "briefing", EMOJI_DOC).await;
        let (line, column) = find(EMOJI_DOC, "Ottawa");
        let hover = server.at("textDocument/hover", uri, line, column + 1).await;
        assert!(
            hover["contents"]["value"]
                .as_str()
                .unwrap()
                .contains("Canada"),
            "{encoding}: {hover}"
        );
        assert_eq!(hover["range"]["start"]["character"], column, "{encoding}");
        assert_eq!(hover["range"]["end"]["character"], column + 6, "{encoding}");

        // An edit after the emoji lands where the client meant it.
        let (line, column) = find(EMOJI_DOC, "agree");
        server
            .notify(
                "textDocument/didChange",
                change(uri, 2, (line, column), (line, column + 5), "concur"),
            )
            .await;
        let text = server.text(uri).await;
        assert_eq!(
            text["text"],
            EMOJI_DOC.replace("agree", "concur"),
            "{encoding}"
        );
        assert_eq!(text["version"], 2);
        // A column inside the emoji (UTF-16: between surrogates; UTF-8: inside the bytes)
        // clamps to the emoji's start instead of splitting it.
        let (line, column) = find(EMOJI_DOC, "🙂 Ottawa");
        server
            .notify(
                "textDocument/didChange",
                change(uri, 3, (line, column + 1), (line, column + 1), "X"),
            )
            .await;
        let text = server.text(uri).await;
        assert!(
            text["text"].as_str().unwrap().contains("X🙂 Ottawa"),
            "{encoding}: {text}"
        );
        server.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_range_and_inverted_edits_clamp() {
    let mut server = TestServer::start(init_params(&["utf-16"], None, Value::Null)).await;
    let uri = "file:///tmp/clamp.txt";
    server.open(uri, "briefing", "ab\r\ncd").await;
    // Past the end of a line: the end of that line (before its CRLF).
    server
        .notify(
            "textDocument/didChange",
            change(uri, 2, (0, 99), (0, 99), "!"),
        )
        .await;
    assert_eq!(server.text(uri).await["text"], "ab!\r\ncd");
    // Past the last line: the end of the text.
    server
        .notify(
            "textDocument/didChange",
            change(uri, 3, (50, 0), (60, 3), "?"),
        )
        .await;
    assert_eq!(server.text(uri).await["text"], "ab!\r\ncd?");
    // Inverted: an insertion at the start.
    server
        .notify(
            "textDocument/didChange",
            change(uri, 4, (1, 2), (0, 0), "_"),
        )
        .await;
    assert_eq!(server.text(uri).await["text"], "ab!\r\ncd_?");
    // A full replacement.
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 5}, "contentChanges": [{"text": "new"}]}),
        )
        .await;
    assert_eq!(server.text(uri).await["text"], "new");
    let published = server.diagnostics(uri, 5).await;
    assert!(published.is_empty());
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_after_triggers() {
    let root = annotated().parent().unwrap().to_path_buf();
    let mut server = TestServer::start(init_params(&["utf-16"], Some(&root), Value::Null)).await;
    let text = std::fs::read_to_string(annotated()).unwrap();
    let uri = server.open_file(&annotated()).await;
    let end = text.lines().count() as u32;
    let mut version = 1;
    let mut complete_after = async |server: &mut TestServer, typed: &str| -> Vec<Value> {
        version += 1;
        server
            .notify(
                "textDocument/didChange",
                change(&uri, version, (end, 0), (end + 5, 0), typed),
            )
            .await;
        let column = typed.encode_utf16().count() as u32;
        let result = server
            .at("textDocument/completion", &uri, end, column)
            .await;
        result.as_array().cloned().unwrap_or_default()
    };
    let labels = |items: &[Value]| -> Vec<String> {
        items
            .iter()
            .map(|i| i["label"].as_str().unwrap().to_owned())
            .collect()
    };
    let items = complete_after(&mut server, "Ask @kal").await;
    assert!(labels(&items).contains(&"kallas".to_owned()));
    let kallas = items.iter().find(|i| i["label"] == "kallas").unwrap();
    assert_eq!(kallas["textEdit"]["range"]["start"]["character"], 5);
    // Actor items are lean; their documentation comes with `completionItem/resolve`.
    assert!(kallas.get("documentation").is_none(), "{kallas}");
    let resolved = server
        .request("completionItem/resolve", kallas.clone())
        .await;
    assert_eq!(resolved["label"], "kallas");
    assert!(
        resolved["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("Kaja Kallas"),
        "{resolved}"
    );
    let gazetteer = items.iter().find(|i| i["label"] == "ukraine").unwrap();
    let resolved = server
        .request("completionItem/resolve", gazetteer.clone())
        .await;
    assert!(
        resolved["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("Ukraine"),
        "{resolved}"
    );

    let items = complete_after(&mut server, "Shipping[^").await;
    assert_eq!(
        labels(&items),
        ["kallas", "montreux", "ports", "unused"],
        "{items:?}"
    );
    let items = complete_after(&mut server, "Shipping [@").await;
    assert_eq!(labels(&items), ["eeas-1118", "unctad-2026"]);
    let items = complete_after(&mut server, "See [it](#").await;
    assert!(labels(&items).contains(&"european-union".to_owned()));
    let items = complete_after(&mut server, "See [[Out").await;
    let outlook = items.iter().find(|i| i["label"] == "Outlook").unwrap();
    assert_eq!(outlook["textEdit"]["newText"], "Outlook]]");
    assert_eq!(outlook["textEdit"]["range"]["start"]["character"], 6);
    let items = complete_after(&mut server, "mail press@exa").await;
    assert!(items.is_empty());
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_actions_offer_fixes_and_ignore() {
    let mut server = TestServer::start(init_params(&["utf-16"], None, Value::Null)).await;
    let uri = server.open_file(&peace_talks()).await;
    let diagnostics = server.diagnostics(&uri, 1).await;
    let relative = diagnostics
        .iter()
        .find(|d| d["code"] == "relative-time")
        .expect("relative-time on peace-talks");
    let params = json!({"textDocument": {"uri": uri}, "range": relative["range"],
                        "context": {"diagnostics": [relative]}});
    let actions = server.request("textDocument/codeAction", params).await;
    let actions = actions.as_array().unwrap();
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore relative-time on this line")
        .unwrap();
    assert_eq!(ignore["kind"], "quickfix");
    let edit = &ignore["edit"]["changes"][&uri][0];
    assert_eq!(edit["newText"], "<!-- briefing-ignore relative-time -->\n");
    assert_eq!(edit["range"]["start"]["character"], 0);
    assert_eq!(
        edit["range"]["start"]["line"],
        relative["range"]["start"]["line"]
    );

    // Applying the ignore silences that diagnostic.
    let line = relative["range"]["start"]["line"].as_u64().unwrap() as u32;
    server
        .notify(
            "textDocument/didChange",
            change(
                &uri,
                2,
                (line, 0),
                (line, 0),
                "<!-- briefing-ignore relative-time -->\n",
            ),
        )
        .await;
    let after = server.diagnostics(&uri, 2).await;
    let silenced_line = line + 1;
    assert!(
        !after
            .iter()
            .any(|d| d["code"] == "relative-time" && d["range"]["start"]["line"] == silenced_line),
        "{after:?}"
    );

    // A diagnostic with a fix in the core offers it as a workspace edit.
    let with_fix = "# Summary\n\nSee [[Sumary]].\n";
    let fix_uri = "file:///tmp/fix.brief.md";
    server.open(fix_uri, "briefing", with_fix).await;
    let diagnostics = server.diagnostics(fix_uri, 1).await;
    let broken = diagnostics
        .iter()
        .find(|d| d["code"] == "broken-section-link")
        .unwrap();
    let params = json!({"textDocument": {"uri": fix_uri}, "range": broken["range"], "context": {"diagnostics": []}});
    let actions = server.request("textDocument/codeAction", params).await;
    let first = &actions[0];
    assert_eq!(first["isPreferred"], true);
    assert_eq!(first["edit"]["changes"][fix_uri][0]["newText"], "Summary");

    // A hedge's fixes are choices of likelihood: none is applied by "auto fix".
    let hedge_uri = "file:///tmp/hedge.brief.md";
    server
        .open(
            hedge_uri,
            "briefing",
            "# Summary

The ceasefire will probably not hold.
",
        )
        .await;
    let diagnostics = server.diagnostics(hedge_uri, 1).await;
    let hedge = diagnostics
        .iter()
        .find(|d| d["code"] == "estimative-language")
        .unwrap();
    let params = json!({"textDocument": {"uri": hedge_uri}, "range": hedge["range"], "context": {"diagnostics": []}});
    let actions = server.request("textDocument/codeAction", params).await;
    let actions = actions.as_array().unwrap();
    assert_eq!(actions[0]["title"], "Replace with `unlikely` (20–45%)");
    assert!(
        actions.iter().all(|a| a["isPreferred"].is_null()),
        "{actions:?}"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn semantic_tokens_and_inlay_hints() {
    let options = json!({"inlayHints": true});
    let mut server = TestServer::start(init_params(&["utf-16"], None, options)).await;
    let text = "# Summary\n\nCanada will likely agree[^a]. {>> check <<}\n\n[^a]: Source.\n";
    let uri = "file:///tmp/tokens.brief.md";
    server.open(uri, "briefing", text).await;
    let legend =
        server.initialize_result["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"]
            .clone();
    let legend: Vec<&str> = legend
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    let tokens = server
        .request(
            "textDocument/semanticTokens/full",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    // Decode (line, start, length, type) from the relative encoding.
    let mut decoded = Vec::new();
    let (mut line, mut start) = (0, 0);
    for chunk in data.chunks(5) {
        if chunk[0] > 0 {
            start = 0;
        }
        line += chunk[0];
        start += chunk[1];
        decoded.push((line, start, chunk[2], legend[chunk[3] as usize]));
    }
    assert!(decoded.contains(&(2, 0, 6, "state")), "{decoded:?}");
    assert!(decoded.contains(&(2, 24, 4, "citation")), "{decoded:?}");
    assert!(decoded.iter().any(|t| t.3 == "reviewNote"), "{decoded:?}");
    assert!(
        decoded.contains(&(2, 12, 6, "estimativeTerm")),
        "{decoded:?}"
    );
    let hints = server
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0},
                                                        "end": {"line": 9, "character": 0}}}),
        )
        .await;
    assert_eq!(hints[0]["position"], json!({"line": 2, "character": 18}));
    assert!(hints[0]["label"].as_str().unwrap().contains('%'));
    let hover = server.at("textDocument/hover", uri, 2, 14).await;
    assert!(hover["contents"]["value"].as_str().unwrap().contains('%'));
    let ranged = server
        .request(
            "textDocument/semanticTokens/range",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0},
                                                        "end": {"line": 1, "character": 0}}}),
        )
        .await;
    assert_eq!(ranged["data"], json!([]));
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_are_off_by_default() {
    let mut server = TestServer::start(init_params(&["utf-16"], None, Value::Null)).await;
    let uri = "file:///tmp/hints.brief.md";
    server
        .open(uri, "briefing", "# Summary\n\nCanada will likely agree.\n")
        .await;
    let hints = server
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0},
                                                        "end": {"line": 9, "character": 0}}}),
        )
        .await;
    assert_eq!(hints, json!([]));
    server.shutdown().await;
}
