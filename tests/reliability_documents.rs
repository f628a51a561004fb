//! Hostile and odd documents (issue 7) through `briefing_lsp::analyze`: each is analysed with
//! every range in bounds and on char boundaries, within bounded time, never a panic. The times
//! are printed (`--nocapture`), not asserted: a watchdog only catches hangs.
//!
//! `BRIEFING_RELIABILITY_SCALE` divides the big sizes (default 1: 10 MB line, 100,000 headings,
//! 100,000 footnotes); the quick mode in CI keeps the full sizes in release-like time because
//! the analysis is linear.

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
