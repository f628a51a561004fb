//! Throughput of the whole analysis and of its stages on generated briefings of 10 KB, 100 KB,
//! 1 MB and 10 MB, built from the bundled examples and public-domain CRS reports
//! (`benches/data/`). Run with `cargo bench --bench analysis`; divan reports time and MB/s.

use std::sync::{Arc, LazyLock};

use briefing_lsp::config::Config;
use briefing_lsp::model::Flavour;
use briefing_lsp::{Context, analyze, syntax};
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

const SIZES: &[usize] = &[10_000, 100_000, 1_000_000, 10_000_000];

/// Markdown text made by repeating the examples and the CRS reports up to `size` bytes.
fn briefing(size: usize) -> String {
    static SOURCE: LazyLock<String> = LazyLock::new(|| {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut text = String::new();
        let mut paths = vec![
            format!("{root}/examples/annotated/annotated-example.brief.md"),
            format!("{root}/examples/peace-talks.txt"),
        ];
        let mut reports: Vec<String> = std::fs::read_dir(format!("{root}/benches/data"))
            .map(|dir| {
                dir.filter_map(|e| e.ok())
                    .map(|e| e.path().display().to_string())
                    .filter(|p| p.ends_with(".md") && !p.contains("SOURCE"))
                    .collect()
            })
            .unwrap_or_default();
        reports.sort();
        paths.extend(reports);
        for path in paths {
            if let Ok(content) = std::fs::read_to_string(&path) {
                text.push_str(&content);
                text.push_str("\n\n");
            }
        }
        text
    });
    let mut text = String::with_capacity(size + SOURCE.len());
    let mut section = 0;
    while text.len() < size {
        section += 1;
        text.push_str(&format!("\n## Part {section}\n\n"));
        text.push_str(&SOURCE);
    }
    let mut end = size.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

fn context() -> Context {
    Context {
        file_name: "bench.brief.md".into(),
        flavour: Flavour::Markdown,
        config: Config::defaults(),
    }
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn full_analysis(bencher: Bencher, size: usize) {
    let text = briefing(size);
    let context = context();
    let _warm = analyze("warm up the gazetteer", &context);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| analyze(divan::black_box(&text), &context));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_only(bencher: Bencher, size: usize) {
    let text = briefing(size);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| syntax::parse(divan::black_box(&text), Flavour::Markdown));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn actor_matching(bencher: Bencher, size: usize) {
    let text = briefing(size);
    let config: Arc<Config> = Config::defaults();
    let document = syntax::parse(&text, Flavour::Markdown);
    let actors = briefing_lsp::actors::ActorSet::new(&config.registry, &[]);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| actors.find_names(divan::black_box(&document.prose)));
}
