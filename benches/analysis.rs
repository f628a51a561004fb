//! Throughput of the whole analysis and of its stages on generated briefings of 10 KB, 100 KB,
//! 1 MB and 10 MB, built from the bundled examples and public-domain CRS reports
//! (`benches/data/`), plus inputs built to expose quadratic behaviour (one 10 MB line, 100,000
//! headings, 100,000 footnotes, each also at a tenth of the size so the two can be compared).
//!
//! Run with `cargo bench --bench analysis`; divan reports time and MB/s. Quick mode for CI:
//! `BENCH_QUICK=1 cargo bench --bench analysis -- --sample-count 1 --sample-size 1` (sizes up
//! to 100 KB and the small pathological inputs only).

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use briefing_lsp::actors::ActorSet;
use briefing_lsp::config::Config;
use briefing_lsp::model::{Document, Flavour, ParagraphKind};
use briefing_lsp::rules::memo::SentenceMemo;
use briefing_lsp::rules::{self, Diagnostic, RuleCode, RuleContext, Severity};
use briefing_lsp::text::LineIndex;
use briefing_lsp::{Analysis, Context, analyze, analyze_incremental, syntax};
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    // The allocator as the server and `check` set it up.
    briefing_lsp::allocator::configure();
    divan::main();
}

fn quick() -> bool {
    std::env::var_os("BENCH_QUICK").is_some()
}

fn sizes() -> Vec<usize> {
    if quick() {
        vec![10_000, 100_000]
    } else {
        vec![10_000, 100_000, 1_000_000, 10_000_000]
    }
}

/// The size the per-stage and per-rule benchmarks use.
fn stage_size() -> usize {
    if quick() { 100_000 } else { 1_000_000 }
}

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

#[divan::bench(args = sizes(), sample_count = 10)]
fn full_analysis(bencher: Bencher, size: usize) {
    let text = briefing(size);
    let context = context();
    let _warm = analyze("warm up the gazetteer", &context);
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| analyze(divan::black_box(&text), &context));
}

/// The briefing the stdio latency bench (`src/bin/latency.rs`) edits: the annotated example's
/// front matter (with its own actors and sources), then its body and CRS paragraphs in turn,
/// so mentions, footnotes, citations and headings run through the whole text.
fn annotated_briefing(size: usize) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let example = std::fs::read_to_string(format!(
        "{root}/examples/annotated/annotated-example.brief.md"
    ))
    .unwrap_or_default();
    let split = example.find("\n# Summary").map_or(0, |i| i + 1);
    let (front_matter, body) = example.split_at(split);
    let reports = briefing(600_000);
    let paragraphs: Vec<&str> = reports.split("\n\n").collect();
    let mut text = front_matter.to_owned();
    let (mut copy, mut paragraph) = (0, 0);
    while text.len() < size {
        copy += 1;
        text.push_str(&body.replace("# Summary", &format!("# Summary {copy}")));
        text.push('\n');
        let mut added = 0;
        while added < 8 * 1024 {
            let p = paragraphs[paragraph % paragraphs.len()];
            paragraph += 1;
            text.push_str(p);
            text.push_str("\n\n");
            added += p.len() + 2;
        }
    }
    text
}

#[divan::bench(args = sizes(), sample_count = 10)]
fn full_analysis_annotated(bencher: Bencher, size: usize) {
    let text = annotated_briefing(size);
    let context = context();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| analyze(divan::black_box(&text), &context));
}

/// A keystroke: one character typed at a random place of the annotated briefing, then the
/// incremental analysis the server runs (per-sentence findings of unchanged sentences reused).
#[divan::bench(args = keystroke_sizes(), sample_count = 20)]
fn keystroke_incremental(bencher: Bencher, size: usize) {
    let mut text = annotated_briefing(size);
    let context = context();
    let mut memo = SentenceMemo::new();
    analyze_incremental(&text, &context, &mut memo);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    bencher
        .counter(BytesCount::new(text.len()))
        .bench_local(|| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let mut at = (seed >> 33) as usize % text.len();
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert(at, 'e');
            analyze_incremental(&text, &context, &mut memo)
        });
}

fn keystroke_sizes() -> Vec<usize> {
    if quick() {
        vec![100_000]
    } else {
        vec![100_000, 1_000_000]
    }
}

/// Stages, in the order `analyze` runs them.
mod stage {
    use super::*;

    /// Front matter, Markdown blocks, inline markup, prose mask and sentence splitting.
    #[divan::bench(args = sizes(), sample_count = 10)]
    fn parse(bencher: Bencher, size: usize) {
        let text = briefing(size);
        bencher
            .counter(BytesCount::new(text.len()))
            .bench(|| syntax::parse(divan::black_box(&text), Flavour::Markdown));
    }

    /// Sentence splitting alone, over the paragraphs of the parsed document.
    #[divan::bench(sample_count = 10)]
    fn sentences(bencher: Bencher) {
        let text = briefing(stage_size());
        let document = syntax::parse(&text, Flavour::Markdown);
        bencher.counter(BytesCount::new(text.len())).bench(|| {
            let mut out = Vec::new();
            for (index, paragraph) in document.paragraphs.iter().enumerate() {
                if paragraph.kind != ParagraphKind::FootnoteDefinition {
                    syntax::sentences::split(&document.prose, paragraph.range, index, &mut out);
                }
            }
            out
        });
    }

    #[divan::bench(args = sizes(), sample_count = 10)]
    fn actor_matching(bencher: Bencher, size: usize) {
        let text = briefing(size);
        let config: Arc<Config> = Config::defaults();
        let document = syntax::parse(&text, Flavour::Markdown);
        let actors = ActorSet::new(&config.registry, &[]);
        bencher
            .counter(BytesCount::new(text.len()))
            .bench(|| actors.find_names(divan::black_box(&document.prose)));
    }

    #[divan::bench(sample_count = 10)]
    fn line_index(bencher: Bencher) {
        let text = briefing(stage_size());
        bencher
            .counter(BytesCount::new(text.len()))
            .bench(|| LineIndex::new(divan::black_box(&text)));
    }

    /// The rule context: words, trigger families and citation marks of every sentence.
    #[divan::bench(sample_count = 10)]
    fn rule_context(bencher: Bencher) {
        let fixture = Fixture::new(stage_size());
        bencher
            .counter(BytesCount::new(fixture.text.len()))
            .bench(|| fixture.with_context(|context| context.words.sentence_has(0, u32::MAX)));
    }

    /// Every rule at once, on a context built outside the timing.
    #[divan::bench(sample_count = 10)]
    fn all_rules(bencher: Bencher) {
        let fixture = Fixture::new(stage_size());
        fixture.with_context(|context| {
            bencher
                .counter(BytesCount::new(fixture.text.len()))
                .bench(|| rules::run_all(context));
        });
    }

    /// Suppression comments applied to the diagnostics.
    #[divan::bench(sample_count = 10)]
    fn suppressions(bencher: Bencher) {
        let fixture = Fixture::new(stage_size());
        let diagnostics = fixture.with_context(rules::run_all);
        bencher
            .counter(BytesCount::new(fixture.text.len()))
            .with_inputs(|| diagnostics.clone())
            .bench_local_values(|mut diagnostics| {
                rules::apply_suppressions(
                    &fixture.analysis.document,
                    &fixture.analysis.line_index,
                    &fixture.text,
                    &mut diagnostics,
                );
                diagnostics
            });
    }
}

type Check = fn(&RuleContext, &mut Vec<Diagnostic>);

const RULES: &[&str] = &[
    "vague-attribution",
    "anonymous-source",
    "unsupported-claim",
    "missing-actor",
    "vague-actor",
    "estimative-language",
    "estimative-terms",
    "relative-time",
    "undefined-acronym",
    "long-sentence",
    "broken-section-link",
    "document-rules",
];

fn rule(name: &str) -> Check {
    match name {
        "vague-attribution" => rules::vague_attribution::check,
        "anonymous-source" => rules::anonymous_source::check,
        "unsupported-claim" => rules::unsupported_claim::check,
        "missing-actor" => rules::missing_actor::check,
        "vague-actor" => rules::vague_actor::check,
        "estimative-language" => rules::estimative_language::check,
        "estimative-terms" => |context, _| {
            divan::black_box(rules::estimative_language::standard_terms(context));
        },
        "relative-time" => rules::relative_time::check,
        "undefined-acronym" => rules::undefined_acronym::check,
        "long-sentence" => rules::long_sentence::check,
        "broken-section-link" => rules::broken_section_link::check,
        // The cheap document-level rules together.
        _ => |context, out| {
            rules::unknown_actor::check(context, out);
            rules::undeclared_actor::check(context, out);
            rules::unused_actor::check(context, out);
            rules::dangling_footnote::check(context, out);
            rules::unused_footnote::check(context, out);
            rules::duplicate_section::check(context, out);
            rules::empty_section::check(context, out);
            rules::missing_section::check(context, out);
            rules::missing_bluf::check(context, out);
            rules::review_note::check(context, out);
        },
    }
}

/// Each rule alone on the stage-size briefing.
#[divan::bench(args = RULES, sample_count = 10)]
fn rules(bencher: Bencher, name: &str) {
    let fixture = Fixture::new(stage_size());
    let check = rule(name);
    fixture.with_context(|context| {
        bencher
            .counter(BytesCount::new(fixture.text.len()))
            .bench(|| {
                let mut out = Vec::new();
                check(context, &mut out);
                out
            });
    });
}

/// An analysed briefing from which rule contexts can be built again.
struct Fixture {
    text: String,
    config: Arc<Config>,
    analysis: Analysis,
    levels: HashMap<RuleCode, Option<Severity>>,
}

impl Fixture {
    fn new(size: usize) -> Fixture {
        let text = briefing(size);
        let context = context();
        let analysis = analyze(&text, &context);
        let levels = RuleCode::ALL
            .into_iter()
            .map(|code| (code, context.config.level(code)))
            .collect();
        Fixture {
            text,
            config: context.config,
            analysis,
            levels,
        }
    }

    fn document(&self) -> &Document {
        &self.analysis.document
    }

    fn with_context<T>(&self, f: impl FnOnce(&RuleContext) -> T) -> T {
        let actors = ActorSet::new(&self.config.registry, &[]);
        let lower = self.document().prose.to_ascii_lowercase();
        let words = rules::Words::new(self.document(), &lower);
        let context = RuleContext::new(
            &self.text,
            self.document(),
            &self.analysis.line_index,
            &self.config,
            &actors,
            &self.analysis.mentions,
            &self.levels,
            &words,
            rules::Citations::new(self.document(), self.config.citation_scope),
        );
        f(&context)
    }
}

/// Inputs that expose quadratic behaviour: each at two sizes, ten times apart, so linear code
/// shows ten times the time and the same MB/s.
const PATHOLOGICAL: &[&str] = &[
    "single-line/1MB",
    "single-line/10MB",
    "headings/10000",
    "headings/100000",
    "footnotes/10000",
    "footnotes/100000",
    "broken-links/1000",
    "broken-links/10000",
];

fn pathological_inputs() -> Vec<&'static str> {
    PATHOLOGICAL
        .iter()
        .copied()
        .filter(|name| {
            !quick()
                || name.ends_with("/1MB")
                || name == &"headings/10000"
                || name == &"footnotes/10000"
                || name == &"broken-links/1000"
        })
        .collect()
}

fn pathological_text(name: &str) -> String {
    let (kind, amount) = name.split_once('/').unwrap_or((name, "1"));
    let count: usize = match amount {
        "1MB" => 1_000_000,
        "10MB" => 10_000_000,
        n => n.parse().unwrap_or(1),
    };
    let mut text = String::new();
    match kind {
        // One paragraph without a line break: prose, citations, mentions and URLs.
        "single-line" => {
            let sentence = "Officials said that Russia will likely expand strikes by 40% next week \
                 [^1] according to sources (https://example.org/a) and the NATO envoy @ukraine. ";
            while text.len() < count {
                text.push_str(sentence);
            }
            text.truncate(count);
        }
        "headings" => {
            for i in 0..count {
                let level = "#".repeat(1 + i % 3);
                text.push_str(&format!(
                    "{level} Heading {i}\n\nSome text in part {i}.\n\n"
                ));
            }
        }
        "footnotes" => {
            for i in 0..count {
                text.push_str(&format!("Claim number {i} is reported.[^n{i}]\n\n"));
            }
            for i in 0..count {
                text.push_str(&format!("[^n{i}]: Source {i}, https://example.org/{i}\n"));
            }
        }
        // A heading and two links per part: one good, one to a part that does not exist, so
        // each broken one needs a "did you mean" search over all headings (distinct broken
        // targets × headings, kept linear by a budget proportional to the briefing's size).
        _ => {
            for i in 0..count {
                text.push_str(&format!(
                    "## Part {i}\n\nSee [the part](#part-{}) and [[Part {}]].\n\n",
                    i / 2,
                    i + count
                ));
            }
        }
    }
    text
}

#[divan::bench(args = pathological_inputs(), sample_count = 3)]
fn pathological(bencher: Bencher, name: &str) {
    let text = pathological_text(name);
    let context = context();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| analyze(divan::black_box(&text), &context));
}
