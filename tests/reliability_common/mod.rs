//! Shared by the reliability suites: the invariants every analysis must satisfy, the hostile
//! documents of issue 7, a raw stdio client that can send malformed bytes, and small helpers
//! (timing, RSS).
#![allow(dead_code)]

pub mod documents;
pub mod raw;

use std::time::{Duration, Instant};

use briefing_lsp::text::{PositionEncoding, TextRange};
use briefing_lsp::{Analysis, Context, analyze};

/// Checks that every range an analysis hands out lies inside `text` and on char boundaries,
/// that nested indices point at existing items, and that every range converts to an LSP
/// position and back. Returns the first violation.
pub fn check_analysis(text: &str, analysis: &Analysis) -> Result<(), String> {
    let document = &analysis.document;
    let mut ranges: Vec<(&'static str, TextRange)> = Vec::new();
    if document.prose.len() != text.len() {
        return Err(format!(
            "prose mask is {} bytes, text {}",
            document.prose.len(),
            text.len()
        ));
    }
    if let Some(front_matter) = &document.front_matter {
        ranges.push(("front matter", front_matter.range));
        for declared in &front_matter.declared_actors {
            ranges.push(("declared actor", declared.range));
        }
        for source in &front_matter.sources {
            ranges.push(("source", source.range));
        }
        for (_, _, range) in &front_matter.rule_settings {
            ranges.push(("rule setting", *range));
        }
    }
    for (index, section) in document.sections.iter().enumerate() {
        ranges.push(("section heading", section.heading_range));
        ranges.push(("section title", section.title_range));
        ranges.push(("section", section.range));
        if !section.range.contains_range(section.heading_range) {
            return Err(format!("section {index} does not contain its heading"));
        }
        if let Some(parent) = section.parent
            && parent >= index
        {
            return Err(format!("section {index} has parent {parent} after it"));
        }
        if !(1..=6).contains(&section.level) {
            return Err(format!("section {index} has level {}", section.level));
        }
    }
    for (index, paragraph) in document.paragraphs.iter().enumerate() {
        ranges.push(("paragraph", paragraph.range));
        if paragraph.sentences.start > paragraph.sentences.end
            || paragraph.sentences.end > document.sentences.len()
        {
            return Err(format!(
                "paragraph {index} names sentences {:?} of {}",
                paragraph.sentences,
                document.sentences.len()
            ));
        }
    }
    for (index, sentence) in document.sentences.iter().enumerate() {
        ranges.push(("sentence", sentence.range));
        if sentence.paragraph >= document.paragraphs.len() {
            return Err(format!("sentence {index} in a missing paragraph"));
        }
        if index > 0 && document.sentences[index - 1].range.start > sentence.range.start {
            return Err(format!("sentence {index} out of order"));
        }
    }
    for mention in &document.explicit_mentions {
        ranges.push(("explicit mention", mention.range));
    }
    for footnote in &document.footnote_refs {
        ranges.push(("footnote ref", footnote.range));
    }
    for definition in &document.footnote_defs {
        ranges.push(("footnote label", definition.label_range));
        ranges.push(("footnote definition", definition.range));
    }
    for citation in &document.citations {
        ranges.push(("citation", citation.range));
        for (_, key) in &citation.keys {
            ranges.push(("citation key", *key));
        }
    }
    for link in &document.links {
        ranges.push(("link", link.range));
    }
    for link in &document.section_links {
        ranges.push(("section link", link.range));
        ranges.push(("section link target", link.target_range));
    }
    for note in &document.review_notes {
        ranges.push(("review note", note.range));
    }
    for suppression in &document.suppressions {
        ranges.push(("suppression", suppression.range));
        for (_, range) in &suppression.rules {
            ranges.push(("suppressed rule", *range));
        }
        if let briefing_lsp::model::SuppressionKind::NextLine { line_range } = &suppression.kind {
            ranges.push(("suppressed line", *line_range));
        }
    }
    for fold in &document.folds {
        ranges.push(("fold", *fold));
    }
    for problem in &document.problems {
        ranges.push(("syntax problem", problem.range));
    }
    for mention in &analysis.mentions {
        ranges.push(("mention", mention.range));
    }
    for term in &analysis.estimative_terms {
        ranges.push(("estimative term", term.range));
    }
    for diagnostic in &analysis.diagnostics {
        ranges.push(("diagnostic", diagnostic.range));
        for related in &diagnostic.related {
            ranges.push(("related", related.range));
        }
        for fix in &diagnostic.fixes {
            for edit in &fix.edits {
                ranges.push(("fix edit", edit.range));
            }
        }
    }
    for (what, range) in &ranges {
        check_range(text, what, *range)?;
    }
    // Ranges must survive the trip to an LSP position and back; a sample of them is enough
    // (and keeps the check linear on huge documents).
    let stride = (ranges.len() / 2_000).max(1);
    for (what, range) in ranges.into_iter().step_by(stride) {
        for encoding in [PositionEncoding::Utf16, PositionEncoding::Utf8] {
            for offset in [range.start, range.end] {
                let position = analysis.line_index.position(text, offset, encoding);
                let back = analysis.line_index.offset(text, position, encoding);
                if back != offset && !is_inside_crlf(text, offset) {
                    return Err(format!(
                        "{what} {range:?}: offset {offset} -> {position:?} -> {back} ({encoding:?})"
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Between `\r` and `\n`: no LSP position names it, so it cannot round-trip.
fn is_inside_crlf(text: &str, offset: usize) -> bool {
    offset > 0
        && text.as_bytes().get(offset - 1) == Some(&b'\r')
        && text.as_bytes().get(offset) == Some(&b'\n')
}

pub fn check_range(text: &str, what: &str, range: TextRange) -> Result<(), String> {
    if range.start > range.end {
        return Err(format!("{what} {range:?} is inverted"));
    }
    if range.end > text.len() {
        return Err(format!(
            "{what} {range:?} ends past the text ({})",
            text.len()
        ));
    }
    if !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
        return Err(format!("{what} {range:?} is not on char boundaries"));
    }
    Ok(())
}

/// Analyses `text` as `file_name` with the default settings and checks the invariants;
/// returns the analysis and how long it took.
pub fn analyze_checked(file_name: &str, text: &str) -> (Analysis, Duration) {
    let context = Context::new(file_name, briefing_lsp::config::Config::defaults());
    let started = Instant::now();
    let analysis = analyze(text, &context);
    let elapsed = started.elapsed();
    if let Err(violation) = check_analysis(text, &analysis) {
        panic!("{file_name}: {violation}");
    }
    (analysis, elapsed)
}

/// A `key=value` number from the environment, for case counts and edit counts.
pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// Resident set size of a process in KiB, from `/proc/<pid>/status`.
pub fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Peak resident set size ("high water mark") of a process in KiB.
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// What a run of the command line gave.
pub struct CliRun {
    /// `None` when it was killed for running past the time limit.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    /// The largest resident set size seen while it ran, in KiB.
    pub peak_kib: u64,
}

/// Runs the built binary with `args` (under `wrapper` when given, e.g. `setpriv …`), polling
/// its memory until it ends; kills it after `limit`.
pub fn run_cli(args: &[&str], wrapper: &[&str], limit: Duration) -> CliRun {
    let output = tempfile::tempdir().unwrap();
    let (stdout_path, stderr_path) = (output.path().join("out"), output.path().join("err"));
    let binary = env!("CARGO_BIN_EXE_briefing-lsp");
    let mut command = match wrapper.split_first() {
        Some((program, rest)) => {
            let mut command = std::process::Command::new(program);
            command.args(rest).arg(binary);
            command
        }
        None => std::process::Command::new(binary),
    };
    let mut child = command
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&stdout_path).unwrap())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut peak_kib = 0;
    let code = loop {
        if let Some(kib) = peak_rss_kib(child.id()) {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    CliRun {
        code,
        stdout: std::fs::read_to_string(&stdout_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&stderr_path).unwrap_or_default(),
        elapsed: started.elapsed(),
        peak_kib,
    }
}

/// Whether this process runs as root (then permission bits do not stop reads).
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("Uid:"))
                .map(|uids| uids.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}
