//! `outline` and `actors`.

use std::path::Path;

use serde_json::json;

use super::files::read_briefing;
use super::json::{json_actors, json_outline};
use super::{EXIT_CLEAN, EXIT_USAGE_OR_IO, Format, Workspace};
use crate::analysis::{Analysis, Context, analyze};
use crate::outline::{OutlineNode, document_outline};

fn load(path: &Path) -> Result<(String, Analysis), String> {
    let text = read_briefing(path)?;
    let mut workspace = Workspace::default();
    let (config, _) = workspace.config_for(path);
    let context = Context::new(&path.display().to_string(), config);
    let analysis = analyze(&text, &context);
    Ok((text, analysis))
}

pub fn run_outline(path: &Path, format: Format) -> u8 {
    let (text, analysis) = match load(path) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_USAGE_OR_IO;
        }
    };
    match format {
        Format::Json | Format::Sarif => {
            let value = json!({"path": path.display().to_string(), "title": analysis.title, "outline": json_outline(&text, &analysis)});
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
        Format::Human => {
            let root = document_outline(&analysis, text.len());
            println!("{}", root.name);
            print_nodes(&analysis, &root.children, 1);
        }
    }
    EXIT_CLEAN
}

fn print_nodes(analysis: &Analysis, nodes: &[OutlineNode], depth: usize) {
    for node in nodes {
        let line = analysis.line_index.line_of(node.selection_range.start) + 1;
        println!(
            "{:indent$}{} (line {line})",
            "",
            node.name,
            indent = depth * 2
        );
        print_nodes(analysis, &node.children, depth + 1);
    }
}

pub fn run_actors(path: &Path, format: Format) -> u8 {
    let (text, analysis) = match load(path) {
        Ok(loaded) => loaded,
        Err(error) => {
            eprintln!("error: {error}");
            return EXIT_USAGE_OR_IO;
        }
    };
    let summaries = analysis.actor_summaries(&text);
    match format {
        Format::Json | Format::Sarif => {
            let value =
                json!({"path": path.display().to_string(), "actors": json_actors(summaries)});
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
        Format::Human => {
            for s in summaries {
                let declared = if s.declared { ", declared" } else { "" };
                println!(
                    "{} ({}, {}{declared}): {} mention(s) as {}",
                    s.name,
                    s.id,
                    s.kind,
                    s.mentions,
                    s.forms.join(", ")
                );
            }
        }
    }
    EXIT_CLEAN
}
