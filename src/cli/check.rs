//! `check`: human (rustc-style), JSON (SPEC §7) and SARIF 2.1.0 output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde_json::{Value, json};

use super::files::{collect_briefings, read_briefing};
use super::json::{json_actors, json_diagnostic, json_outline};
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE_OR_IO, Format, Workspace};
use crate::analysis::{Analysis, Context, analyze};
use crate::rules::{Diagnostic, RuleCode, Severity};
use crate::text::{LineIndex, PositionEncoding};

pub struct CheckOptions {
    pub format: Format,
    pub deny_warnings: bool,
}

/// One checked file: a briefing with its analysis, or a config file with its problems.
struct Checked {
    path: String,
    text: String,
    line_index: LineIndex,
    diagnostics: Vec<Diagnostic>,
    analysis: Option<Analysis>,
}

pub fn run_check(inputs: &[PathBuf], options: &CheckOptions) -> u8 {
    let mut workspace = Workspace::default();
    let (files, mut errors) = collect_briefings(inputs, &mut workspace);
    let progress = Progress::new(files.len());
    let mut checked = Vec::new();
    for (done, path) in files.iter().enumerate() {
        progress.update(done, path);
        match read_briefing(path) {
            Ok(text) => {
                let (config, _) = workspace.config_for(path);
                let context = Context::new(&display(path), config);
                let analysis = analyze(&text, &context);
                checked.push(Checked {
                    path: display(path),
                    line_index: analysis.line_index.clone(),
                    diagnostics: analysis.diagnostics.clone(),
                    analysis: Some(analysis),
                    text,
                });
            }
            Err(error) => errors.push(error),
        }
    }
    progress.finish();
    let mut config_files: Vec<_> = workspace
        .loaded_configs()
        .filter(|(_, loaded)| !loaded.diagnostics.is_empty())
        .collect();
    config_files.sort_by_key(|(path, _)| (*path).clone());
    for (path, loaded) in config_files {
        checked.push(Checked {
            path: display(path),
            line_index: LineIndex::new(&loaded.text),
            text: loaded.text.clone(),
            diagnostics: loaded.diagnostics.clone(),
            analysis: None,
        });
    }

    for error in &errors {
        eprintln!("error: {error}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let written = match options.format {
        Format::Human => write_human(&mut out, &checked),
        Format::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&json_report(&checked)).unwrap_or_default()
        ),
        Format::Sarif => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&sarif_report(&checked)).unwrap_or_default()
        ),
    };
    if written.is_err() {
        // A closed pipe (`| head`) is not worth a panic.
        return EXIT_USAGE_OR_IO;
    }

    let all = checked.iter().flat_map(|c| &c.diagnostics);
    let failing = all.clone().any(|d| {
        d.severity == Severity::Error || (options.deny_warnings && d.severity == Severity::Warning)
    });
    if !errors.is_empty() || (files.is_empty() && checked.is_empty()) {
        EXIT_USAGE_OR_IO
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let relative = cwd
        .as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .unwrap_or(path);
    relative.display().to_string()
}

fn counts(checked: &[Checked]) -> [usize; 4] {
    let mut counts = [0; 4];
    for d in checked.iter().flat_map(|c| &c.diagnostics) {
        counts[d.severity as usize] += 1;
    }
    counts
}

fn json_report(checked: &[Checked]) -> Value {
    let files: Vec<Value> = checked
        .iter()
        .map(|c| {
            let diagnostics: Vec<_> = c.diagnostics.iter().map(|d| json_diagnostic(&c.text, &c.line_index, d)).collect();
            let (outline, actors) = match &c.analysis {
                Some(a) => (json!(json_outline(&c.text, a)), json!(json_actors(a.actor_summaries(&c.text)))),
                None => (json!([]), json!([])),
            };
            json!({"path": c.path, "diagnostics": diagnostics, "outline": outline, "actors": actors})
        })
        .collect();
    let [hints, infos, warnings, errors] = counts(checked);
    json!({"files": files, "summary": {"files": checked.len(), "errors": errors, "warnings": warnings, "infos": infos, "hints": hints}})
}

fn sarif_report(checked: &[Checked]) -> Value {
    let rules: Vec<Value> = RuleCode::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.name(),
                "shortDescription": {"text": code.summary()},
                "helpUri": code.docs_url(),
                "defaultConfiguration": {"level": code.default_severity().map_or("none", sarif_level)},
            })
        })
        .collect();
    let mut results = Vec::new();
    for c in checked {
        for d in &c.diagnostics {
            let start = c
                .line_index
                .position(&c.text, d.range.start, PositionEncoding::Utf16);
            let end = c
                .line_index
                .position(&c.text, d.range.end, PositionEncoding::Utf16);
            let fixes: Vec<Value> = d
                .fixes
                .iter()
                .map(|fix| {
                    let replacements: Vec<Value> = fix
                        .edits
                        .iter()
                        .map(|e| json!({"deletedRegion": {"charOffset": e.range.start, "charLength": e.range.len()}, "insertedContent": {"text": e.new_text}}))
                        .collect();
                    json!({"description": {"text": fix.title}, "artifactChanges": [{"artifactLocation": {"uri": c.path}, "replacements": replacements}]})
                })
                .collect();
            results.push(json!({
                "ruleId": d.code.name(),
                "ruleIndex": RuleCode::ALL.iter().position(|r| *r == d.code),
                "level": sarif_level(d.severity),
                "message": {"text": &*d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": c.path},
                    "region": {"startLine": start.line + 1, "startColumn": start.character + 1, "endLine": end.line + 1, "endColumn": end.character + 1},
                }}],
                "fixes": fixes,
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "briefing-lsp", "version": env!("CARGO_PKG_VERSION"), "informationUri": crate::rules::DOCS_BASE, "rules": rules}},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    })
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn write_human(out: &mut impl Write, checked: &[Checked]) -> std::io::Result<()> {
    let renderer = if std::io::stdout().is_terminal() {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for c in checked {
        for d in &c.diagnostics {
            let first_line = c.line_index.line_of(d.range.start);
            let last_line = c.line_index.line_of(d.range.end.max(d.range.start));
            let start = c.line_index.line_start(first_line);
            let (_, end) = c.line_index.line_range(&c.text, last_line);
            let source = &c.text[start..end.max(start)];
            let span = (d.range.start - start)..(d.range.end.min(end).max(d.range.start) - start);
            let level = match d.severity {
                Severity::Error => Level::ERROR,
                Severity::Warning => Level::WARNING,
                Severity::Info => Level::INFO,
                Severity::Hint => Level::NOTE.with_name("hint"),
            };
            let mut group = level.primary_title(&*d.message).id(d.code.name()).element(
                Snippet::source(source)
                    .line_start(first_line + 1)
                    .path(c.path.as_str())
                    .annotation(AnnotationKind::Primary.span(span)),
            );
            // The first fix, and how many more an editor offers (a hedge has seven).
            if let Some(fix) = d.fixes.first() {
                let more = match d.fixes.len() - 1 {
                    0 => String::new(),
                    1 => " (1 more fix in the editor)".to_owned(),
                    n => format!(" ({n} more fixes in the editor)"),
                };
                group =
                    group.element(Level::HELP.message(format!("quick fix: {}{more}", fix.title)));
            }
            writeln!(out, "{}\n", renderer.render(&[group]))?;
        }
    }
    let [hints, infos, warnings, errors] = counts(checked);
    writeln!(
        out,
        "{} file(s) checked: {errors} error(s), {warnings} warning(s), {infos} info, {hints} hint(s)",
        checked.len()
    )
}

/// A progress line on stderr, only when stderr is a terminal and there is more than one file.
struct Progress {
    total: usize,
    enabled: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            enabled: total > 1 && std::io::stderr().is_terminal(),
        }
    }

    fn update(&self, done: usize, path: &Path) {
        if self.enabled {
            const WIDTH: usize = 30;
            let filled = WIDTH * done / self.total.max(1);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            eprint!(
                "\r\x1b[2K[{}{}] {done}/{} {name}",
                "=".repeat(filled),
                " ".repeat(WIDTH - filled),
                self.total
            );
        }
    }

    fn finish(&self) {
        if self.enabled {
            eprint!("\r\x1b[2K");
        }
    }
}
