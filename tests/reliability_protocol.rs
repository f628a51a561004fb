//! Protocol robustness over real stdio (issue 7): every hostile or odd message gets a proper
//! answer (a result or a JSON-RPC error), and the server still answers afterwards.

mod reliability_common;

use std::time::{Duration, Instant};

use reliability_common::raw::{Options, RawServer, init_params};
use serde_json::{Value, json};

const URI: &str = "file:///tmp/reliability/protocol.brief.md";
const TEXT: &str = "# Summary\n\nAnalysts say Moscow rejected the plan in the coming days.\n\n\
                    ## Next\n\nMore text[^a] from @kallas.\n\n[^a]: A source.\n";

/// JSON-RPC and LSP error codes.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;
const INTERNAL_ERROR: i64 = -32603;
const SERVER_NOT_INITIALIZED: i64 = -32002;
const REQUEST_CANCELLED: i64 = -32800;

/// A server after `initialize`, with one document open.
fn ready() -> RawServer {
    let mut server = RawServer::spawn();
    server.initialize(init_params(None));
    server.open(URI, TEXT);
    server
}

/// The server answers real requests about the open document with results.
fn assert_alive(server: &mut RawServer) {
    let response = server.ping(URI);
    assert!(
        response["result"].is_array(),
        "documentSymbol after the odd message: {response}"
    );
    let hover = server.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 2, "character": 15}}),
    );
    assert!(
        hover["result"]["contents"].is_object(),
        "hover on Moscow: {hover}"
    );
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("not an error response: {response}"))
}

/// The next error response with a null id (JSON-RPC's answer when it cannot read the id).
fn null_id_error(server: &mut RawServer) -> Value {
    server.wait(|m| m.get("error").is_some() && m.get("id") == Some(&Value::Null))
}

fn position(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

fn document_text(server: &mut RawServer, uri: &str) -> Value {
    server.request("briefing/documentText", json!({"uri": uri}))
}

#[test]
fn malformed_json_is_a_parse_error_and_the_server_lives() {
    let mut server = ready();
    // Nesting far beyond serde_json's recursion limit: an error, not a stack overflow.
    let deep = format!(
        r#"{{"jsonrpc": "2.0", "method": "x", "params": {}{}}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    for body in [
        &br#"{"jsonrpc": "2.0", "id": 99, "method": "textDocument/hover", "params": "#[..],
        b"not json at all",
        b"",
        b"\xff\xfe invalid utf-8 \xc0",
        b"{\"jsonrpc\": \"2.0\", \"method\": \"x\"}}}",
        deep.as_bytes(),
    ] {
        server.send_body(body);
        let error = null_id_error(&mut server);
        assert_eq!(error_code(&error), PARSE_ERROR, "{error}");
        assert_alive(&mut server);
    }
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn json_that_is_not_json_rpc_is_an_invalid_request() {
    let mut server = ready();
    // Readable ids are echoed.
    server.send(&json!({"jsonrpc": "1.0", "id": 41, "method": "textDocument/hover"}));
    assert_eq!(error_code(&server.response(41)), INVALID_REQUEST);
    server.send(&json!({"id": "str-id", "method": "textDocument/hover"}));
    let response = server.wait(|m| m["id"] == "str-id");
    assert_eq!(error_code(&response), INVALID_REQUEST);
    // Batches (JSON arrays), scalars and a wrongly typed method have no readable request.
    for body in [
        json!([{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}]),
        json!(7),
        json!({"jsonrpc": "2.0", "id": 5, "method": 12}),
    ] {
        server.send(&body);
        let response =
            server.wait(|m| m.get("error").is_some() && (m["id"].is_null() || m["id"] == 5));
        assert_eq!(error_code(&response), INVALID_REQUEST, "{body}");
        assert_alive(&mut server);
    }
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn wrong_content_length_and_odd_headers() {
    let mut server = ready();

    // Too short: the body is cut, the rest is garbage until the next header.
    let body =
        serde_json::to_string(&json!({"jsonrpc": "2.0", "id": 500, "method": "shutdown"})).unwrap();
    server.send_bytes(format!("Content-Length: 10\r\n\r\n{body}").as_bytes());
    assert_eq!(error_code(&null_id_error(&mut server)), PARSE_ERROR);
    assert_alive(&mut server);

    // Too long: the body swallows the start of the next message, which is lost; the one
    // after it is answered.
    server.send_bytes(format!("Content-Length: {}\r\n\r\n{body}", body.len() + 30).as_bytes());
    let _lost = server.send_request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(error_code(&null_id_error(&mut server)), PARSE_ERROR);
    assert_alive(&mut server);

    // Not a number, negative, missing.
    for header in ["Content-Length: ten", "Content-Length: -5", "X-Nothing: 1"] {
        server.send_bytes(format!("{header}\r\n\r\n").as_bytes());
        assert_eq!(
            error_code(&null_id_error(&mut server)),
            PARSE_ERROR,
            "{header}"
        );
        assert_alive(&mut server);
    }

    // A lowercase header name, three headers and a charset: all fine.
    let body = serde_json::to_string(&json!({"jsonrpc": "2.0", "id": 501, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": URI}}})).unwrap();
    server.send_bytes(
        format!(
            "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf8\r\nX-Extra: y\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    assert!(server.response(501)["result"].is_array());

    // A Content-Length far beyond the message limit: skipped without being allocated. The
    // server waits for the bytes it was promised, so nothing after it can be read: this
    // ends the test.
    server.send_bytes(b"Content-Length: 99999999999999\r\n\r\n{}");
    let started = Instant::now();
    std::thread::sleep(Duration::from_millis(300));
    let rss = reliability_common::rss_kib(server.pid()).unwrap();
    assert!(
        rss < 1024 * 1024,
        "a huge Content-Length was allocated: {rss} KiB after {:?}",
        started.elapsed()
    );
}

#[test]
fn wrong_parameter_types_are_invalid_params() {
    let mut server = ready();
    for (method, params) in [
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": "start"}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": 7}, "position": {"line": 0, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": -1, "character": 0}}),
        ),
        (
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 1e20, "character": 0}}),
        ),
        ("textDocument/documentSymbol", json!([1, 2, 3])),
        ("textDocument/documentSymbol", Value::Null),
        (
            "textDocument/completion",
            json!({"textDocument": {"uri": "not a uri"}, "position": {"line": 0, "character": 0}}),
        ),
        (
            "textDocument/rename",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}, "newName": null}),
        ),
        ("workspace/symbol", json!({"query": 5})),
        ("briefing/documentText", json!({"uri": false})),
    ] {
        let response = server.call(method, params.clone());
        let code = error_code(&response);
        assert_eq!(code, INVALID_PARAMS, "{method} {params}: {response}");
        assert_alive(&mut server);
    }
    // Notifications with wrong types get no answer and change nothing.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI}, "contentChanges": "x"}),
    );
    server.notify("textDocument/didOpen", json!({"textDocument": 5}));
    server.notify("textDocument/didClose", json!([]));
    server.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"briefing": {"rules": 7, "debounceMs": "slow"}}}),
    );
    assert_eq!(document_text(&mut server, URI)["text"], TEXT);
    assert_alive(&mut server);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn unknown_methods_and_notifications() {
    let mut server = ready();
    let response = server.call("briefing/noSuchMethod", json!({}));
    assert_eq!(error_code(&response), METHOD_NOT_FOUND);
    let response = server.call(
        "textDocument/noSuchThing",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(error_code(&response), METHOD_NOT_FOUND);
    // A `$/` request must still be answered (LSP: "must error with MethodNotFound").
    let response = server.call("$/briefing/noSuchRequest", json!({}));
    assert_eq!(error_code(&response), METHOD_NOT_FOUND, "{response}");
    server.notify("briefing/noSuchNotification", json!({"x": 1}));
    server.notify("$/noSuchNotification", json!({}));
    server.notify("$/setTrace", json!({"value": "verbose"}));
    server.notify("$/logTrace", json!({"message": "x"}));
    assert_alive(&mut server);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn requests_before_initialize_and_after_shutdown() {
    let mut server = RawServer::spawn();
    let response = server.call("textDocument/hover", position(URI, 0, 0));
    assert_eq!(error_code(&response), SERVER_NOT_INITIALIZED);
    let response = server.call("shutdown", Value::Null);
    assert_eq!(error_code(&response), SERVER_NOT_INITIALIZED);
    // Notifications before initialize are dropped (LSP), but not fatal.
    server.open(URI, TEXT);
    server.notify("initialized", json!({}));
    server.initialize(init_params(None));
    // The didOpen before initialize was dropped: the document is unknown.
    assert_eq!(document_text(&mut server, URI), Value::Null);
    // A second initialize is an invalid request.
    let response = server.call("initialize", init_params(None));
    assert_eq!(error_code(&response), INVALID_REQUEST);
    server.open(URI, TEXT);
    assert_alive(&mut server);

    assert_eq!(server.call("shutdown", Value::Null)["result"], Value::Null);
    for method in [
        "textDocument/hover",
        "textDocument/documentSymbol",
        "shutdown",
    ] {
        let response = server.call(method, position(URI, 2, 15));
        assert_eq!(
            error_code(&response),
            INVALID_REQUEST,
            "{method} after shutdown"
        );
    }
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    server.notify("exit", Value::Null);
    assert_eq!(server.wait_exit(Duration::from_secs(10)), Some(0));
}

#[test]
fn edits_to_unopened_documents_and_unknown_closes() {
    let mut server = ready();
    let unknown = "file:///tmp/reliability/never-opened.brief.md";
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": unknown, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}),
    );
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": unknown}}),
    );
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "untitled:Untitled-1"}}),
    );
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": unknown}}),
    );
    assert_eq!(document_text(&mut server, unknown), Value::Null);
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/completion",
        "textDocument/prepareRename",
    ] {
        let response = server.call(method, position(unknown, 0, 0));
        assert_eq!(response["result"], Value::Null, "{method}: {response}");
    }
    // Close, then edit the closed document: ignored.
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": URI}}),
    );
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 9}, "contentChanges": [{"text": "gone"}]}),
    );
    assert_eq!(document_text(&mut server, URI), Value::Null);
    server.open(URI, TEXT);
    assert_alive(&mut server);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn out_of_range_and_inverted_edit_ranges_clamp() {
    let mut server = ready();
    let uri = "file:///tmp/reliability/clamp.brief.md";
    server.open(uri, "ab\ncd\n");
    let change = |server: &mut RawServer, version: i32, range: Value, text: &str| {
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": range, "text": text}]}),
        );
    };
    let range = |l1: u64, c1: u64, l2: u64, c2: u64| json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}});
    // Past the end of a line: clamps to the line end.
    change(&mut server, 2, range(0, 99, 0, 99), "X");
    assert_eq!(document_text(&mut server, uri)["text"], "abX\ncd\n");
    // Past the end of the document: appends.
    change(
        &mut server,
        3,
        range(4_000_000_000, 0, 4_000_000_000, 5),
        "Y",
    );
    assert_eq!(document_text(&mut server, uri)["text"], "abX\ncd\nY");
    // Inverted: empty at its start.
    change(&mut server, 4, range(1, 2, 0, 1), "Z");
    assert_eq!(document_text(&mut server, uri)["text"], "abX\ncdZ\nY");
    // Column inside a surrogate pair, and u32::MAX everywhere.
    change(&mut server, 5, range(0, 0, 0, 0), "😀");
    change(&mut server, 6, range(0, 1, 0, 1), "|");
    change(
        &mut server,
        7,
        range(
            u64::from(u32::MAX),
            u64::from(u32::MAX),
            0,
            u64::from(u32::MAX),
        ),
        "",
    );
    let text = document_text(&mut server, uri);
    assert_eq!(text["text"], "|😀abX\ncdZ\nY");
    assert_eq!(text["version"], 7);
    // Range and whole-document changes mixed in one notification.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 8},
               "contentChanges": [{"text": "fresh\r\ntext"}, {"range": range(1, 0, 1, 4), "text": "T"}]}),
    );
    assert_eq!(document_text(&mut server, uri)["text"], "fresh\r\nT");
    // Diagnostics for the final version arrive.
    server.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == 8
    });
    assert_alive(&mut server);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn positions_past_the_end_answer_every_request() {
    let mut server = ready();
    let big = u32::MAX;
    for (line, character) in [(0, big), (2, 10_000), (big, 0), (big, big), (1000, 3)] {
        let at = position(URI, line, character);
        let range = json!({"textDocument": {"uri": URI},
                           "range": {"start": {"line": line, "character": character}, "end": {"line": big, "character": big}}});
        for (method, params) in [
            ("textDocument/hover", at.clone()),
            ("textDocument/definition", at.clone()),
            ("textDocument/completion", at.clone()),
            ("textDocument/documentHighlight", at.clone()),
            ("textDocument/prepareRename", at.clone()),
            (
                "textDocument/references",
                json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}, "context": {"includeDeclaration": true}}),
            ),
            (
                "textDocument/rename",
                json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}, "newName": "x"}),
            ),
            (
                "textDocument/codeAction",
                json!({"textDocument": {"uri": URI}, "range": range["range"], "context": {"diagnostics": []}}),
            ),
            ("textDocument/semanticTokens/range", range.clone()),
            ("textDocument/inlayHint", range.clone()),
        ] {
            let response = server.call(method, params);
            assert!(
                response.get("result").is_some() || response.get("error").is_some(),
                "{method} at {line}:{character}: {response}"
            );
            if let Some(error) = response.get("error") {
                assert_ne!(error["code"], INTERNAL_ERROR, "{method} panicked: {error}");
            }
        }
    }
    assert_alive(&mut server);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn duplicate_did_open_replaces_the_text() {
    let mut server = ready();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "briefing", "version": 5, "text": "# Other\n\nNew text.\n"}}),
    );
    let text = document_text(&mut server, URI);
    assert_eq!(text["text"], "# Other\n\nNew text.\n");
    assert_eq!(text["version"], 5);
    server.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == URI
            && m["params"]["version"] == 5
    });
    let symbols = server.ping(URI);
    assert_eq!(
        symbols["result"][0]["children"][0]["name"], "Other",
        "{symbols}"
    );
    server.open(URI, TEXT);
    assert_alive(&mut server);
    assert_eq!(server.shutdown_and_exit(), 0);
}

/// A document big enough that its analysis takes a while in a debug build.
fn slow_text() -> String {
    "# Summary\n\nOfficials familiar with the talks said Moscow rejected 12% of the plan. [[Nowhere]]\n\n"
        .repeat(20_000)
}

#[test]
fn cancel_running_and_finished_requests() {
    let mut server = ready();
    // A finished request: cancelling it changes nothing.
    let id = server.send_request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(server.response(id)["result"].is_array());
    server.notify("$/cancelRequest", json!({"id": id}));
    server.notify("$/cancelRequest", json!({"id": 123_456}));
    server.notify("$/cancelRequest", json!({"id": "no-such-id"}));
    server.notify("$/cancelRequest", json!({}));
    assert_alive(&mut server);

    // A running request: it is answered, with its result or RequestCancelled.
    let uri = "file:///tmp/reliability/slow.brief.md";
    let text = slow_text();
    server.open(uri, &text);
    server.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2},
               "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "x"}]}),
    );
    let id = server.send_request("textDocument/hover", position(uri, 2, 40));
    server.notify("$/cancelRequest", json!({"id": id}));
    let response = server.response(id);
    if let Some(error) = response.get("error") {
        assert_eq!(error["code"], REQUEST_CANCELLED, "{response}");
    }
    // Cancelling must not lose the analysis of the current version: its diagnostics are
    // published and the next request gets an answer about the new text.
    server.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["version"] == 2
    });
    let hover = server.call("textDocument/hover", position(uri, 2, 40));
    assert!(
        hover["result"]["contents"].is_object(),
        "hover after a cancel: {hover}"
    );
    assert_alive(&mut server);
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn closed_stdin_ends_the_server_promptly_without_spinning() {
    for initialized in [false, true] {
        let mut server = RawServer::spawn();
        if initialized {
            server.initialize(init_params(None));
            server.open(URI, TEXT);
            assert_alive(&mut server);
        }
        server.close_stdin();
        let started = Instant::now();
        let code = server.wait_exit(Duration::from_secs(10));
        assert_eq!(
            code,
            Some(1),
            "exit code after stdin closed (initialized: {initialized})"
        );
        println!("stdin closed -> exit in {:?}", started.elapsed());
        // A server that spun or hung instead would not have exited at all.
    }
    // Closed in the middle of a message: same.
    let mut server = RawServer::spawn();
    server.initialize(init_params(None));
    server.send_bytes(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":");
    server.close_stdin();
    assert_eq!(server.wait_exit(Duration::from_secs(10)), Some(1));
}

#[test]
fn a_silent_client_costs_no_cpu() {
    let mut server = ready();
    assert_alive(&mut server);
    std::thread::sleep(Duration::from_millis(500));
    let before = server.cpu_ticks().unwrap();
    std::thread::sleep(Duration::from_secs(2));
    let used = server.cpu_ticks().unwrap() - before;
    // Clock ticks are 1/100 s: an idle server uses (almost) none; a spinning one 200.
    assert!(used < 20, "an idle server used {used} ticks in 2 s");
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_panic_in_a_handler_answers_that_request_and_the_server_goes_on() {
    let mut server = RawServer::spawn_with(Options {
        env: vec![
            ("BRIEFING_LSP_INJECT_PANIC", "hover,didChange"),
            ("RUST_LOG", "info"),
        ],
        ..Options::default()
    });
    server.initialize(init_params(None));
    server.open(URI, TEXT);
    let response = server.call("textDocument/hover", position(URI, 2, 15));
    assert_eq!(error_code(&response), INTERNAL_ERROR, "{response}");
    assert!(
        response["error"]["message"]
            .as_str()
            .unwrap()
            .contains("panic injected")
    );
    // The next request is answered.
    assert!(server.ping(URI)["result"].is_array());
    // A panic in a notification handler (while it holds the state lock) is no worse.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": URI, "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    assert!(server.ping(URI)["result"].is_array());
    let response = server.call("textDocument/hover", position(URI, 0, 0));
    assert_eq!(error_code(&response), INTERNAL_ERROR);
    let completion = server.call("textDocument/completion", position(URI, 0, 0));
    assert!(completion.get("error").is_none(), "{completion}");
    assert!(
        server.log().contains("panic injected"),
        "the panic is logged"
    );
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_panic_while_opening_a_document_leaves_the_server_serving() {
    let mut server = RawServer::spawn_with(Options {
        env: vec![
            ("BRIEFING_LSP_INJECT_PANIC", "didOpen"),
            ("RUST_LOG", "info"),
        ],
        ..Options::default()
    });
    server.initialize(init_params(None));
    server.open(URI, TEXT);
    // The document did not open; requests on it are answered, not lost.
    let hover = server.call("textDocument/hover", position(URI, 2, 15));
    assert!(hover.get("error").is_none(), "{hover}");
    assert!(
        server.log().contains("panic injected"),
        "the panic is logged"
    );
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn a_twenty_megabyte_message_is_read() {
    let mut server = ready();
    let uri = "file:///tmp/reliability/big.txt";
    let text = "Officials said the plan collapsed. ".repeat(600_000);
    server.open(uri, &text);
    let symbols = server.ping(uri);
    assert!(symbols["result"].is_array(), "{symbols}");
    assert_alive(&mut server);
    assert_eq!(server.shutdown_and_exit(), 0);
}
