//! Server latency on a 100 KB briefing, in-process (no stdio transport): hover and
//! documentSymbol request latency, and edit → published diagnostics with the debounce set to
//! 0 (so the figure is the time after the debounce). Prints p50 / p99 / max.
//!
//! Run with `cargo bench --bench server_latency`; `BENCH_QUICK=1` takes a few samples only
//! (CI). The real binary over stdio is measured by `cargo run --release --bin latency`.

#[path = "../tests/server_common/mod.rs"]
mod server_common;

use std::time::{Duration, Instant};

use serde_json::json;
use server_common::*;

fn big_briefing() -> String {
    let body = std::fs::read_to_string(annotated()).unwrap();
    let (front_matter, rest) = body.split_at(body.find("\n# Summary").unwrap() + 1);
    let mut text = front_matter.to_owned();
    let mut copy = 0;
    while text.len() < 100 * 1024 {
        copy += 1;
        text.push_str(&rest.replace("# Summary", &format!("# Summary {copy}")));
    }
    text
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{name:<32} n={:<5} p50={:>9.3?} p99={:>9.3?} max={:>9.3?}",
        samples.len(),
        at(0.5),
        at(0.99),
        samples[samples.len() - 1]
    );
}

/// `full` samples, or a few when `BENCH_QUICK` is set.
fn rounds(full: usize) -> usize {
    if std::env::var_os("BENCH_QUICK").is_some() {
        full.min(5)
    } else {
        full
    }
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let text = big_briefing();
        // The core's share, for reference: analysis and outline without the server.
        let context = briefing_lsp::Context::new("big.brief.md", briefing_lsp::config::Config::defaults());
        let mut analyses = Vec::new();
        let mut outlines = Vec::new();
        for _ in 0..rounds(20) {
            let started = Instant::now();
            let analysis = briefing_lsp::analyze(&text, &context);
            analyses.push(started.elapsed());
            let started = Instant::now();
            let outline = briefing_lsp::outline::document_outline(&analysis, text.len());
            outlines.push(started.elapsed());
            assert!(!outline.children.is_empty());
        }
        report("core: analyze", analyses);
        report("core: document_outline", outlines);
        let options = json!({"debounceMs": 0});
        let mut server = TestServer::start(init_params(&["utf-16"], None, options)).await;
        let uri = "file:///bench/big.brief.md";
        server.open(uri, "briefing", &text).await;
        let started = Instant::now();
        server.diagnostics(uri, 1).await;
        println!("{} bytes; open → first diagnostics {:?}", text.len(), started.elapsed());

        let lines: Vec<&str> = text.lines().collect();
        let targets: Vec<(u32, u32)> = lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.find("@ukraine").map(|c| (i as u32, c as u32 + 2)))
            .collect();
        let mut hover = Vec::new();
        for round in 0..rounds(1000) {
            let (line, character) = targets[round % targets.len()];
            let started = Instant::now();
            let result = server.at("textDocument/hover", uri, line, character).await;
            hover.push(started.elapsed());
            assert!(result["contents"]["value"].as_str().unwrap().contains("Ukraine"));
        }
        report("hover (actor card)", hover);

        let mut symbols = Vec::new();
        for _ in 0..rounds(300) {
            let started = Instant::now();
            server
                .request("textDocument/documentSymbol", json!({"textDocument": {"uri": uri}}))
                .await;
            symbols.push(started.elapsed());
        }
        report("documentSymbol", symbols);

        let mut edits = Vec::new();
        for version in 2..=(1 + rounds(100) as i64) {
            let line = (version * 7 % lines.len() as i64) as u32;
            let change = json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [
                {"range": {"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}},
                 "text": "x"}]});
            let started = Instant::now();
            server.notify("textDocument/didChange", change).await;
            server.diagnostics(uri, version).await;
            edits.push(started.elapsed());
        }
        report("edit → diagnostics (debounce 0)", edits);
        server.shutdown().await;
    });
}
