//! Runs every fixture in `tests/fixtures/rules/<code>.txt`: each case is a briefing and the
//! findings of that rule expected in it, side by side (format in `tests/data/README.md`).

use std::path::Path;

use briefing_lsp::config::Config;
use briefing_lsp::{Context, analyze};

struct Case {
    name: String,
    text: String,
    config: Option<String>,
    expected: Vec<(String, String)>,
}

fn parse_cases(file: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    for block in file.split("\n=== ").skip(1) {
        let (name, rest) = block.split_once('\n').unwrap_or((block, ""));
        let (body, expect) = rest
            .split_once("--- expect")
            .expect("case without `--- expect`");
        let (text, config) = match body.split_once("--- config\n") {
            Some((text, config)) => (text, Some(config.to_owned())),
            None => (body, None),
        };
        let expected = expect
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|line| {
                let (code, snippet) = line
                    .split_once(':')
                    .expect("expectation `code: \"snippet\"`");
                let snippet = snippet.trim().trim_matches('"').to_owned();
                (code.trim().to_owned(), snippet)
            })
            .collect();
        cases.push(Case {
            name: name.trim().to_owned(),
            text: text.trim_end().to_owned() + "\n",
            config,
            expected,
        });
    }
    cases
}

fn check_file(path: &Path) -> Vec<String> {
    let code = path.file_stem().unwrap().to_str().unwrap().to_owned();
    let file = std::fs::read_to_string(path).unwrap();
    let mut failures = Vec::new();
    let cases = parse_cases(&file);
    assert!(!cases.is_empty(), "{}: no cases", path.display());
    for case in cases {
        let loaded = Config::load(case.config.as_deref().map(|c| ("briefing.toml", c)), None);
        let context = Context::new("case.brief.md", loaded.config);
        let analysis = analyze(&case.text, &context);
        let found: Vec<_> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code.name() == code)
            .collect();
        let mut matched = vec![false; found.len()];
        for (expected_code, snippet) in &case.expected {
            assert_eq!(
                expected_code,
                &code,
                "{}: case `{}` expects another rule",
                path.display(),
                case.name
            );
            let Some(at) = case.text.find(snippet.as_str()) else {
                failures.push(format!(
                    "[{code}] {}: snippet {snippet:?} is not in the text",
                    case.name
                ));
                continue;
            };
            let wanted = at..at + snippet.len().max(1);
            match found.iter().position(|d| {
                d.range.start < wanted.end && wanted.start < d.range.end.max(d.range.start + 1)
            }) {
                Some(index) => matched[index] = true,
                None => failures.push(format!(
                    "[{code}] {}: missing finding on {snippet:?}",
                    case.name
                )),
            }
        }
        for (d, was_matched) in found.iter().zip(&matched) {
            if !was_matched {
                failures.push(format!(
                    "[{code}] {}: unexpected finding on {:?}: {}",
                    case.name,
                    &case.text[d.range.start..d.range.end],
                    d.message
                ));
            }
        }
    }
    failures
}

#[test]
fn rule_fixtures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let mut failures = Vec::new();
    for path in &paths {
        failures.extend(check_file(path));
    }
    assert!(
        failures.is_empty(),
        "{} fixture failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
