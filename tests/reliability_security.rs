//! The security claims of SECURITY.md, each shown where a test can show it:
//!
//! - the server and `check` never run a program, never open a network connection, and never
//!   create, write, rename or delete a file (source scan, and the system calls of the real
//!   binary under `strace`);
//! - the server reads files only under the workspace folders and in the `briefing.toml` chain
//!   of each document, and follows no include, link or path written in a document;
//! - every change it proposes is a `WorkspaceEdit`: files on disk keep their bytes and mtimes.
//!
//! The `strace` tests need `strace` (`apt-get install strace`; `.ci/run` installs it). Without
//! it they fail under CI (`CI` set) and are reported as not run elsewhere.

mod reliability_common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use reliability_common::raw::{Options, RawServer, file_uri, init_params};
use reliability_common::run_cli;
use serde_json::json;

/// Source patterns that would run a program, touch the network or write the file system.
const FORBIDDEN: &[&str] = &[
    "process::Command",
    "Command::new",
    "std::net",
    "TcpStream",
    "TcpListener",
    "UdpSocket",
    "UnixStream",
    "tokio::net",
    "tokio::process",
    "File::create",
    "fs::write",
    "OpenOptions",
    "remove_file",
    "remove_dir",
    "create_dir",
    "fs::rename",
    "fs::copy",
    "set_permissions",
    "hard_link",
    "os::unix::fs::symlink",
    "set_len",
];

/// The one sanctioned write: the log file the user names with `--log-file`.
const ALLOWED: &[(&str, &str)] = &[("src/server/mod.rs", "OpenOptions")];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// `src/` without `src/bin/` (developer tools: the soak, latency and accuracy runners).
#[test]
fn the_product_source_runs_no_program_opens_no_socket_and_writes_no_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.retain(|f| !f.starts_with(root.join("src/bin")));
    assert!(files.len() > 40, "found only {} files", files.len());
    let mut violations = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(root).unwrap().display().to_string();
        let text = std::fs::read_to_string(file).unwrap();
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for pattern in FORBIDDEN {
                if code.contains(pattern) && !ALLOWED.contains(&(relative.as_str(), *pattern)) {
                    violations.push(format!("{relative}:{}: {pattern}", number + 1));
                }
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
    // No network or process crate among the dependencies, and tokio without its `net`,
    // `process` and `fs` features.
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
    for name in [
        "hyper",
        "reqwest",
        "ureq",
        "curl",
        "rustls",
        "openssl",
        "native-tls",
        "h2",
        "socket2",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{name}\"")),
            "depends on {name}"
        );
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let tokio = manifest.lines().find(|l| l.starts_with("tokio ")).unwrap();
    for feature in ["\"net\"", "\"process\"", "\"fs\"", "\"full\""] {
        assert!(!tokio.contains(feature), "tokio with {feature}: {tokio}");
    }
}

/// A workspace with briefings, a config, links and "includes" pointing outside it, and a
/// folder outside that must never be read.
struct Fixture {
    _dir: tempfile::TempDir,
    workspace: PathBuf,
    outside: PathBuf,
}

const BRIEFING: &str = "---\ntitle: Security Fixture\nactors:\n  - id: envoy\n    name: Special Envoy\n    kind: person\nsources:\n  leak: /etc/passwd\n---\n\n# Summary\n\n@envoy met @ukraine officials. Analysts say the plan collapsed[^1].\nSee [[../outside/secret]] and [the file](../outside/secret.brief.md) and ![x](/etc/shadow).\n<!-- include: ../outside/secret.brief.md -->\n{{< include /etc/passwd >}}\n\n[^1]: file:///etc/passwd\n";

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let workspace = dir.path().join("workspace");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(workspace.join("briefs")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(workspace.join("briefing.toml"), "[rules]\nrelative-time = \"off\"\n[actors.kallas]\nname = \"Kaja Kallas\"\nkind = \"person\"\n").unwrap();
        std::fs::write(workspace.join("briefs/one.brief.md"), BRIEFING).unwrap();
        std::fs::write(
            workspace.join("briefs/two.txt"),
            "Plain Title\nOfficials said @kallas agreed.\n",
        )
        .unwrap();
        std::fs::write(outside.join("secret.brief.md"), "# Secret\n").unwrap();
        std::fs::write(outside.join("briefing.toml"), "[rules]\n").unwrap();
        std::os::unix::fs::symlink(
            outside.join("secret.brief.md"),
            workspace.join("link.brief.md"),
        )
        .unwrap();
        std::os::unix::fs::symlink(&outside, workspace.join("outside-dir")).unwrap();
        Fixture {
            _dir: dir,
            workspace,
            outside,
        }
    }

    /// Path → (bytes, mtime) of every file under the fixture.
    fn snapshot(&self) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
        let mut out = BTreeMap::new();
        for root in [&self.workspace, &self.outside] {
            for entry in walk(root) {
                let metadata = std::fs::symlink_metadata(&entry).unwrap();
                if metadata.is_file() {
                    out.insert(
                        entry.clone(),
                        (std::fs::read(&entry).unwrap(), metadata.modified().unwrap()),
                    );
                }
            }
        }
        out
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if std::fs::symlink_metadata(&path).unwrap().is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Whether `strace` can run here; fails under CI when it cannot.
fn strace_available() -> bool {
    let available = std::process::Command::new("strace")
        .args(["-o", "/dev/null", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have strace: apt-get install strace"
        );
        println!("strace is not installed: the system-call checks did not run");
    }
    available
}

/// The system calls the traced process made that matter here.
#[derive(Default, Debug)]
struct Trace {
    executed: Vec<String>,
    network: Vec<String>,
    /// (path, flags) of every successful open.
    opened: Vec<(String, String)>,
    changed: Vec<String>,
}

const TRACED: &str = "trace=execve,socket,connect,bind,listen,accept,accept4,sendto,open,openat,creat,unlink,unlinkat,rename,renameat,renameat2,mkdir,mkdirat,rmdir,truncate,ftruncate,chmod,fchmod,fchmodat,link,linkat,symlink,symlinkat";

fn strace_wrapper(output: &Path) -> Vec<String> {
    [
        "strace",
        "-f",
        "-qq",
        "-e",
        TRACED,
        "-o",
        output.to_str().unwrap(),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

fn read_trace(path: &Path) -> Trace {
    let mut trace = Trace::default();
    for line in std::fs::read_to_string(path).unwrap().lines() {
        // "1234  openat(AT_FDCWD, \"/path\", O_RDONLY|O_CLOEXEC) = 3"
        let call = line
            .split_once(' ')
            .map_or(line, |(_, rest)| rest.trim_start());
        let name = call.split('(').next().unwrap_or("");
        let failed = call.contains(") = -1");
        match name {
            "execve" => trace.executed.push(call.to_owned()),
            "socket" | "connect" | "bind" | "listen" | "accept" | "accept4" | "sendto" => {
                trace.network.push(call.to_owned())
            }
            "open" | "openat" if !failed => {
                let path = call.split('"').nth(1).unwrap_or("").to_owned();
                let flags = call.split('"').nth(2).unwrap_or("").to_owned();
                trace.opened.push((path, flags));
            }
            "creat" | "unlink" | "unlinkat" | "rename" | "renameat" | "renameat2" | "mkdir"
            | "mkdirat" | "rmdir" | "truncate" | "ftruncate" | "chmod" | "fchmod" | "fchmodat"
            | "link" | "linkat" | "symlink" | "symlinkat" => trace.changed.push(call.to_owned()),
            _ => {}
        }
    }
    trace
}

/// Paths any process opens to start (the dynamic loader, libc, the runtime's CPU count).
fn is_system_path(path: &str) -> bool {
    [
        "/etc/ld.so.cache",
        "/lib",
        "/usr/lib",
        "/proc/self/",
        "/sys/fs/cgroup/",
        "/sys/devices/system/cpu",
        "/dev/null",
        "/dev/urandom",
        "/proc/sys/vm/overcommit_memory",
    ]
    .iter()
    .any(|prefix| path.starts_with(prefix))
        || path.starts_with("/proc/") && path.contains("/cgroup")
        || path.starts_with("/proc/") && path.ends_with("/mountinfo")
}

/// `briefing.toml` (and, for the walk, ignore files) in `dir` or any folder above it: the
/// configuration chain.
fn in_chain(path: &str, dirs: &[&Path]) -> bool {
    dirs.iter().any(|dir| {
        dir.ancestors().any(|ancestor| {
            ["briefing.toml", ".gitignore", ".ignore", ".git"]
                .iter()
                .any(|name| Path::new(path) == ancestor.join(name))
        })
    })
}

fn assert_trace_is_clean(what: &str, trace: &Trace, allowed: &dyn Fn(&str) -> bool) {
    assert_eq!(
        trace.executed.len(),
        1,
        "{what} ran a program: {:#?}",
        trace.executed
    );
    assert!(
        trace.network.is_empty(),
        "{what} used the network: {:#?}",
        trace.network
    );
    assert!(
        trace.changed.is_empty(),
        "{what} changed the file system: {:#?}",
        trace.changed
    );
    for (path, flags) in &trace.opened {
        assert!(
            !flags.contains("O_WRONLY") && !flags.contains("O_RDWR") && !flags.contains("O_CREAT"),
            "{what} opened {path} for writing: {flags}"
        );
        assert!(
            is_system_path(path) || allowed(path),
            "{what} read {path}, outside what it may read"
        );
    }
}

#[test]
fn check_reads_only_its_inputs_and_their_config_chain_and_changes_nothing() {
    if !strace_available() {
        return;
    }
    let fixture = Fixture::new();
    let before = fixture.snapshot();
    let trace_path = fixture.workspace.parent().unwrap().join("check.trace");
    for format in ["human", "json", "sarif"] {
        let wrapper = strace_wrapper(&trace_path);
        let wrapper: Vec<&str> = wrapper.iter().map(String::as_str).collect();
        let run = run_cli(
            &[
                "check",
                fixture.workspace.to_str().unwrap(),
                "--format",
                format,
                "--deny",
                "warnings",
            ],
            &wrapper,
            Duration::from_secs(120),
        );
        assert!(
            matches!(run.code, Some(0..=2)),
            "check: {:?}\n{}",
            run.code,
            run.stderr
        );
        let trace = read_trace(&trace_path);
        let workspace = fixture.workspace.to_str().unwrap().to_owned();
        assert_trace_is_clean("check", &trace, &|path| {
            path.starts_with(&workspace) || in_chain(path, &[&fixture.workspace])
        });
        assert!(
            trace
                .opened
                .iter()
                .any(|(p, _)| p.ends_with("one.brief.md")),
            "{trace:#?}"
        );
        // Symlinks out of the folder are not followed; the document's "includes" are text.
        for (path, _) in &trace.opened {
            assert!(
                !path.contains("outside") && !path.contains("secret"),
                "check read {path}"
            );
            assert!(!path.starts_with("/etc/passwd") && !path.starts_with("/etc/shadow"));
        }
    }
    assert_eq!(fixture.snapshot(), before, "check changed its inputs");
}

#[test]
fn the_server_reads_only_the_workspace_and_config_chain_and_writes_nothing() {
    if !strace_available() {
        return;
    }
    let fixture = Fixture::new();
    let before = fixture.snapshot();
    let trace_path = fixture.workspace.parent().unwrap().join("server.trace");
    let mut server = RawServer::spawn_with(Options {
        wrapper: strace_wrapper(&trace_path),
        ..Options::default()
    });
    server.initialize(init_params(Some(&fixture.workspace)));
    server.wait(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");

    // Open a briefing, ask for everything that proposes changes, and save.
    let one = fixture.workspace.join("briefs/one.brief.md");
    let uri = file_uri(&one);
    server.open(&uri, BRIEFING);
    server.wait(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
    let at = |needle: &str| {
        let offset = BRIEFING.find(needle).unwrap();
        let line = BRIEFING[..offset].matches('\n').count();
        let column = offset - BRIEFING[..offset].rfind('\n').map_or(0, |i| i + 1);
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": column + 1}})
    };
    let mut rename = at("@envoy");
    rename["newName"] = json!("emissary");
    let edit = server.request("textDocument/rename", rename);
    assert!(
        edit.get("changes").is_some() || edit.get("documentChanges").is_some(),
        "rename gives a WorkspaceEdit: {edit}"
    );
    let mut rename = at("[^1]");
    rename["newName"] = json!("note");
    server.request("textDocument/rename", rename);
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 30, "character": 0}}, "context": {"diagnostics": []}}),
    );
    assert!(
        actions.as_array().is_some_and(|a| !a.is_empty()),
        "{actions}"
    );
    for method in [
        "textDocument/hover",
        "textDocument/definition",
        "textDocument/references",
        "textDocument/completion",
    ] {
        let mut params = at("@envoy");
        params["context"] = json!({"includeDeclaration": true});
        server.call(method, params);
    }
    server.request(
        "textDocument/documentLink",
        json!({"textDocument": {"uri": uri}}),
    );
    server.request("workspace/symbol", json!({"query": ""}));
    server.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": uri}}),
    );
    server.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": file_uri(&fixture.workspace.join("briefing.toml")), "type": 2},
                           {"uri": file_uri(&fixture.workspace.join("briefs/two.txt")), "type": 2}]}),
    );
    server.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    // A document from outside the workspace: its text comes from the client; only its
    // briefing.toml chain is read.
    let outside_uri = file_uri(&fixture.outside.join("elsewhere.brief.md"));
    server.open(&outside_uri, "# Elsewhere\n\nText.\n");
    server.wait(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == outside_uri
    });
    assert_eq!(server.shutdown_and_exit(), 0);

    let trace = read_trace(&trace_path);
    let workspace = fixture.workspace.to_str().unwrap().to_owned();
    assert_trace_is_clean("the server", &trace, &|path| {
        path.starts_with(&workspace) || in_chain(path, &[&fixture.workspace, &fixture.outside])
    });
    for (path, _) in &trace.opened {
        assert!(
            !path.contains("secret"),
            "the server followed a link or include to {path}"
        );
        assert!(
            !path.starts_with("/etc/passwd") && !path.starts_with("/etc/shadow"),
            "the server read {path}"
        );
    }
    assert!(
        trace.opened.iter().any(|(p, _)| p.ends_with("two.txt")),
        "the workspace was indexed"
    );
    assert_eq!(
        fixture.snapshot(),
        before,
        "the server changed files on disk"
    );
}

/// Without `strace`: the same runs leave every file's bytes and mtime as they were.
#[test]
fn check_and_the_server_leave_files_untouched() {
    let fixture = Fixture::new();
    let before = fixture.snapshot();
    let run = run_cli(
        &["check", fixture.workspace.to_str().unwrap()],
        &[],
        Duration::from_secs(60),
    );
    assert!(matches!(run.code, Some(0..=2)), "{}", run.stderr);
    let run = run_cli(
        &[
            "outline",
            fixture
                .workspace
                .join("briefs/one.brief.md")
                .to_str()
                .unwrap(),
        ],
        &[],
        Duration::from_secs(60),
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut server = RawServer::spawn();
    server.initialize(init_params(Some(&fixture.workspace)));
    let uri = file_uri(&fixture.workspace.join("briefs/one.brief.md"));
    server.open(&uri, BRIEFING);
    let rename = server.call(
        "textDocument/rename",
        json!({"textDocument": {"uri": uri}, "position": {"line": 12, "character": 2}, "newName": "x"}),
    );
    assert!(rename.get("error").is_none() || rename["error"]["code"] != -32603);
    assert_eq!(server.shutdown_and_exit(), 0);
    assert_eq!(fixture.snapshot(), before);
}
