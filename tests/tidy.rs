//! Architecture checks (ARCHITECTURE.md habit 1): the analysis core knows nothing of LSP, async
//! or the file system; only `server/` and `cli/` (and binaries) do.

use std::path::{Path, PathBuf};

const CORE: &[&str] = &[
    "src/text",
    "src/syntax",
    "src/model.rs",
    "src/actors",
    "src/config.rs",
    "src/rules",
    "src/analysis.rs",
    "src/outline.rs",
    "src/fast_hash.rs",
];

const FORBIDDEN: &[&str] = &[
    "tower_lsp_server",
    "tokio",
    "std::fs",
    "ls_types",
    "lsp_types",
    "std::net",
    "std::process",
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn analysis_core_has_no_lsp_async_or_file_io() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for part in CORE {
        rust_files(&root.join(part), &mut files);
    }
    assert!(
        files.len() > 20,
        "the core moved? found only {} files",
        files.len()
    );
    let mut violations = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in FORBIDDEN {
                if code.contains(word) {
                    violations.push(format!(
                        "{}:{}: uses `{word}`",
                        file.strip_prefix(root).unwrap().display(),
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "the analysis core must stay free of LSP, async and I/O:\n{}",
        violations.join("\n")
    );
}

#[test]
fn only_server_module_mentions_lsp() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let outside: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(root.join("src/server")))
        .filter(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .contains("tower_lsp_server")
        })
        .map(|f| f.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert!(
        outside.is_empty(),
        "tower_lsp_server outside src/server: {outside:?}"
    );
}
