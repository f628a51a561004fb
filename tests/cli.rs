//! The command line as a user runs it: outputs, exit codes and one-line errors (SPEC §7).

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_briefing-lsp"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    let (_, stdout, stderr) = run(args);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}\n{stderr}"))
}

#[test]
fn outline_of_the_seed_briefing_is_the_four_sections() {
    let value = json(&["outline", "examples/peace-talks.txt", "--format", "json"]);
    let sections: Vec<(String, u64)> = value["outline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["name"].as_str().unwrap().to_owned(),
                n["range"]["start"]["line"].as_u64().unwrap() + 1,
            )
        })
        .collect();
    assert_eq!(
        sections,
        vec![
            (
                "Coordination — Without Weakening Pressure on Moscow".to_owned(),
                3
            ),
            ("Balancing Diplomacy and Deterrence".to_owned(), 6),
            ("Humanitarian Concerns Front and Center".to_owned(), 11),
            ("What Comes Next".to_owned(), 13),
        ]
    );
}

#[test]
fn actors_of_the_seed_briefing() {
    let value = json(&["actors", "examples/peace-talks.txt", "--format", "json"]);
    let actor = |id: &str| {
        value["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(actor("ukraine")["mentions"], 5);
    assert_eq!(actor("russia")["mentions"], 3);
    assert!(
        actor("russia")["forms"]
            .as_array()
            .unwrap()
            .contains(&"Moscow".into())
    );
    let canada = actor("canada");
    for form in ["Canadian", "Ottawa"] {
        assert!(
            canada["forms"].as_array().unwrap().contains(&form.into()),
            "{canada}"
        );
    }
    let united_states = actor("united-states");
    for form in ["U.S.", "Washington"] {
        assert!(
            united_states["forms"]
                .as_array()
                .unwrap()
                .contains(&form.into()),
            "{united_states}"
        );
    }
}

#[test]
fn check_json_has_the_spec_shape_and_the_seed_findings() {
    let (code, stdout, _) = run(&["check", "examples/peace-talks.txt", "--format", "json"]);
    assert_eq!(code, 0, "no error-level finding on the seed briefing");
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let file = &value["files"][0];
    assert_eq!(file["path"], "examples/peace-talks.txt");
    let findings: Vec<(String, u64, String)> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["range"]["start"]["line"].as_u64().unwrap() + 1,
                d["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let attribution_lines: Vec<u64> = findings
        .iter()
        .filter(|(code, _, _)| code == "vague-attribution" || code == "anonymous-source")
        .map(|(_, line, _)| *line)
        .collect();
    for line in [2, 4, 7, 14] {
        assert!(
            attribution_lines.contains(&line),
            "no attribution finding on line {line}: {findings:?}"
        );
    }
    let relative: Vec<u64> = findings
        .iter()
        .filter(|(c, _, _)| c == "relative-time")
        .map(|(_, l, _)| *l)
        .collect();
    assert_eq!(relative, vec![2, 14]);
    assert!(findings.iter().all(|(_, _, severity)| severity != "error"));
    // Nothing on the headings (lines 3, 6, 11, 13) or the list items (8, 9).
    assert!(
        findings
            .iter()
            .all(|(_, line, _)| ![3, 6, 8, 9, 11, 13].contains(line)),
        "{findings:?}"
    );
    for key in ["files", "errors", "warnings", "infos", "hints"] {
        assert!(value["summary"][key].is_u64(), "summary.{key}");
    }
    assert!(file["outline"].is_array() && file["actors"].is_array());
}

#[test]
fn sarif_is_2_1_0() {
    let value = json(&["check", "examples/annotated", "--format", "sarif"]);
    assert_eq!(value["version"], "2.1.0");
    let results = value["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "broken-section-link"));
    assert!(results.iter().all(|r| {
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap()
            >= 1
    }));
}

#[test]
fn deny_warnings_fails_the_run() {
    assert_eq!(run(&["check", "examples/peace-talks.txt"]).0, 0);
    assert_eq!(
        run(&["check", "examples/peace-talks.txt", "--deny", "warnings"]).0,
        1
    );
}

#[test]
fn bad_inputs_get_one_line_errors_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"abc\0def").unwrap();
    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"Caf\xe9 au lait\n").unwrap();
    let empty_dir = dir.path().join("empty");
    std::fs::create_dir(&empty_dir).unwrap();
    let missing = dir.path().join("missing.txt");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/peace-talks.txt");
    let args: Vec<String> = [&binary, &latin1, &empty_dir, &missing, &seed]
        .iter()
        .map(|p| p.display().to_string())
        .chain(["--format".into(), "json".into()])
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = run(&["check"].into_iter().chain(args).collect::<Vec<_>>());
    assert_eq!(code, 2, "I/O errors make the exit code 2");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 4, "{stderr}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("binary.txt") && e.contains("binary"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("latin1.txt") && e.contains("UTF-8"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("empty") && e.contains("no briefings"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("missing.txt") && e.contains("no such file"))
    );
    let value: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        value["summary"]["files"], 1,
        "the good file is still checked"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["check"]).0, 2);
    assert_eq!(run(&["check", "x", "--format", "yaml"]).0, 2);
}

#[test]
fn broken_config_is_reported_in_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("briefing.toml"),
        "[rules]\nvague-attribution = \"loud\"\nno-such-rule = \"off\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.brief.md"),
        "# Summary\n\nAnalysts say it works.\n",
    )
    .unwrap();
    let value = json(&[
        "check",
        &dir.path().display().to_string(),
        "--format",
        "json",
    ]);
    let files = value["files"].as_array().unwrap();
    let config = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("briefing.toml"))
        .expect("config file entry");
    let codes: Vec<&str> = config["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, vec!["invalid-config", "unknown-rule"]);
    assert_eq!(config["diagnostics"][0]["range"]["start"]["line"], 1);
}

#[test]
fn human_output_shows_the_first_fix_and_counts_the_others() {
    let (_, stdout, _) = run(&["check", "examples/annotated/annotated-example.brief.md"]);
    assert!(
        stdout.contains(
            "quick fix: Replace with `roughly even chance` (45–55%) (6 more fixes in the editor)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("quick fix: Insert a citation\n"),
        "{stdout}"
    );
}
