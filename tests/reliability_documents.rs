//! Hostile and odd documents (issue 7) through `briefing_lsp::analyze`: each is analysed with
//! every range in bounds and on char boundaries, within bounded time, never a panic. The times
//! are printed (`--nocapture`), not asserted: a watchdog only catches hangs.
//!
//! `BRIEFING_RELIABILITY_SCALE` divides the big sizes for `analyze` (default 1: the 10 MB
//! line, 100,000 headings, 100,000 footnotes of the issue; about 40 s in a debug build);
//! `BRIEFING_RELIABILITY_SERVER_SCALE` those sent through the server (default 10).
//! `BRIEFING_RELIABILITY_ONLY=<part of a name>` runs only matching documents.

mod reliability_common;

use std::sync::mpsc::channel;
use std::time::Duration;

use reliability_common::documents::{self, Hostile};
use reliability_common::{analyze_checked, env_usize};

/// Analyses each document on a worker thread; fails if one takes longer than `limit`.
fn analyse_all(documents: Vec<Hostile>, limit: Duration) {
    // `BRIEFING_RELIABILITY_ONLY=emoji` runs only the documents whose name contains it.
    let only = std::env::var("BRIEFING_RELIABILITY_ONLY").unwrap_or_default();
    for document in documents
        .into_iter()
        .filter(|d| d.name.contains(only.as_str()))
    {
        let (sender, receiver) = channel();
        let Hostile {
            name,
            file_name,
            text,
        } = document;
        let bytes = text.len();
        std::thread::spawn(move || {
            let (analysis, elapsed) = analyze_checked(file_name, &text);
            let _ = sender.send((
                analysis.diagnostics.len(),
                analysis.document.sections.len(),
                elapsed,
            ));
        });
        match receiver.recv_timeout(limit) {
            Ok((diagnostics, sections, elapsed)) => println!(
                "{name:<40} {:>10} bytes {:>8.1} ms  {diagnostics} diagnostics, {sections} sections",
                bytes,
                elapsed.as_secs_f64() * 1000.0
            ),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                panic!("{name}: analysis still running after {limit:?} (a hang?)")
            }
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                panic!("{name}: analysis panicked")
            }
        }
    }
}

#[test]
fn small_hostile_documents_analyse_cleanly() {
    analyse_all(documents::small(), Duration::from_secs(60));
}

#[test]
fn large_hostile_documents_analyse_in_bounded_time() {
    let scale = env_usize("BRIEFING_RELIABILITY_SCALE", 1);
    analyse_all(documents::large(scale), Duration::from_secs(600));
}

/// The same documents through the server over stdio: each gets its diagnostics published for
/// its version, and the server answers `documentSymbol` and `hover` on it afterwards.
fn through_the_server(documents: Vec<Hostile>) {
    use reliability_common::raw::{RawServer, init_params};
    use serde_json::json;

    let only = std::env::var("BRIEFING_RELIABILITY_ONLY").unwrap_or_default();
    let mut server = RawServer::spawn();
    server.initialize(init_params(None));
    for (index, document) in documents
        .into_iter()
        .filter(|d| d.name.contains(only.as_str()))
        .enumerate()
    {
        let uri = format!("file:///tmp/reliability/{index}/{}", document.file_name);
        let started = std::time::Instant::now();
        server.open(&uri, &document.text);
        let published = server.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        let elapsed = started.elapsed();
        assert_eq!(published["params"]["version"], 1, "{}", document.name);
        let symbols = server.ping(&uri);
        assert!(symbols["result"].is_array(), "{}: {symbols}", document.name);
        let hover = server.call(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}}),
        );
        assert!(hover.get("error").is_none(), "{}: {hover}", document.name);
        println!(
            "server: {:<40} {:>10} bytes {:>8.1} ms to diagnostics ({} published)",
            document.name,
            document.text.len(),
            elapsed.as_secs_f64() * 1000.0,
            published["params"]["diagnostics"]
                .as_array()
                .map_or(0, Vec::len)
        );
        // Keep the server's memory to one big document at a time.
        server.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn small_hostile_documents_through_the_server() {
    through_the_server(documents::small());
}

/// A tenth of the sizes by default (the full sizes take minutes in a debug build, mostly
/// serialising 200,000 diagnostics); `BRIEFING_RELIABILITY_SERVER_SCALE=1` for the full run.
#[test]
fn large_hostile_documents_through_the_server() {
    let scale = env_usize("BRIEFING_RELIABILITY_SERVER_SCALE", 10);
    through_the_server(documents::large(scale));
}
