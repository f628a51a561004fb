//! Golden files for whole briefings: outline, actors and every finding of the bundled examples,
//! reviewed by hand and kept in `tests/snapshots/` (insta).

use std::path::Path;

use briefing_lsp::config::Config;
use briefing_lsp::outline::{OutlineNode, document_outline};
use briefing_lsp::{Context, analyze};

fn render(path: &str, config_path: Option<&str>) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    let config_text = config_path.map(|c| std::fs::read_to_string(root.join(c)).unwrap());
    let loaded = Config::load(config_path.zip(config_text.as_deref()), None);
    assert!(
        loaded.file_diagnostics.is_empty(),
        "{:?}",
        loaded.file_diagnostics
    );
    let analysis = analyze(&text, &Context::new(path, loaded.config));
    let mut out = String::new();
    out.push_str("# outline\n");
    let root_node = document_outline(&analysis, text.len());
    outline(&analysis, &root_node, 0, &mut out);
    out.push_str("# actors\n");
    for actor in analysis.actor_summaries(&text) {
        out.push_str(&format!(
            "{} ({}, {}): {} mention(s) as {}{}\n",
            actor.name,
            actor.id,
            actor.kind,
            actor.mentions,
            actor.forms.join(", "),
            if actor.declared { "; declared" } else { "" }
        ));
    }
    out.push_str("# diagnostics\n");
    for d in &analysis.diagnostics {
        let line = analysis.line_index.line_of(d.range.start) + 1;
        let fixes: Vec<&str> = d.fixes.iter().map(|f| f.title.as_str()).collect();
        out.push_str(&format!(
            "{line}: {} [{}] {:?} — {}{}\n",
            d.code.name(),
            d.severity.name(),
            &text[d.range.start..d.range.end],
            d.message,
            if fixes.is_empty() {
                String::new()
            } else {
                format!(" (fixes: {})", fixes.join("; "))
            }
        ));
    }
    out
}

fn outline(analysis: &briefing_lsp::Analysis, node: &OutlineNode, depth: usize, out: &mut String) {
    let line = analysis.line_index.line_of(node.selection_range.start) + 1;
    out.push_str(&format!(
        "{:indent$}{} {} (line {line})\n",
        "",
        node.kind.name(),
        node.name,
        indent = depth * 2
    ));
    for child in &node.children {
        outline(analysis, child, depth + 1, out);
    }
}

#[test]
fn peace_talks() {
    insta::assert_snapshot!(render("examples/peace-talks.txt", None));
}

#[test]
fn annotated_example() {
    insta::assert_snapshot!(render(
        "examples/annotated/annotated-example.brief.md",
        Some("examples/annotated/briefing.toml")
    ));
}
