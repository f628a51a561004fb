//! Hostile files on disk (issue 7) for `check` and for the server's workspace indexing:
//! invalid UTF-8, binary, a 1 GB (sparse) file, symlink loops, symlinks out of the workspace,
//! a FIFO, an unreadable folder, and hostile `briefing.toml` files. Each is analysed or skipped
//! with a message, within bounded time and memory, never a panic or a hang.
//!
//! Permission bits do not stop root, so when the tests run as root the binary runs as `nobody`
//! through `setpriv` for the unreadable-folder cases.

mod reliability_common;

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::time::Duration;

use reliability_common::raw::{Options, RawServer, file_uri, init_params};
use reliability_common::{CliRun, is_root, run_cli};
use serde_json::{Value, json};

/// Memory no run may exceed (KiB): far below the 1 GB file, far above a real briefing.
const MEMORY_BOUND_KIB: u64 = 512 * 1024;
const TIME_LIMIT: Duration = Duration::from_secs(120);

const GOOD: &str =
    "# Good Heading\n\nOfficials familiar with the talks said Moscow rejected the plan.\n";
const SECRET: &str = "# Secret Outside Heading\n\nThis file is outside the workspace.\n";

/// A workspace full of hostile entries, and a folder outside it that symlinks point to.
struct Tree {
    root: tempfile::TempDir,
    outside: tempfile::TempDir,
}

impl Tree {
    fn new() -> Tree {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let dir = root.path();
        write(&outside.path().join("secret.brief.md"), SECRET.as_bytes());
        write(&dir.join("good.brief.md"), GOOD.as_bytes());
        write(
            &dir.join("notes.txt"),
            b"Plain Title\nSome text follows it.\n",
        );
        write(&dir.join("empty.brief.md"), b"");
        write(
            &dir.join("invalid-utf8.brief.md"),
            b"# Title\n\nCaf\xe9 \xff\xfe\n",
        );
        write(
            &dir.join("binary.txt"),
            b"\x7fELF\x02\x01\x01\0\0\0\0\0 binary",
        );
        // 1 GB without using the disk: a sparse file.
        let huge = std::fs::File::create(dir.join("huge.txt")).unwrap();
        huge.set_len(1 << 30).unwrap();
        symlink(".", dir.join("loop")).unwrap();
        std::fs::create_dir(dir.join("deeper")).unwrap();
        symlink("..", dir.join("deeper").join("back")).unwrap();
        symlink(
            outside.path().join("secret.brief.md"),
            dir.join("outside.brief.md"),
        )
        .unwrap();
        symlink(outside.path(), dir.join("outside-dir")).unwrap();
        symlink(dir.join("nowhere.brief.md"), dir.join("dangling.brief.md")).unwrap();
        symlink("/dev/zero", dir.join("zero.txt")).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(dir.join("fifo.txt"))
            .status()
            .unwrap();
        assert!(fifo.success());
        std::fs::create_dir(dir.join("locked")).unwrap();
        write(&dir.join("locked").join("inside.brief.md"), GOOD.as_bytes());
        // `nobody` must reach everything but the locked folder.
        for path in [dir, outside.path()] {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::set_permissions(dir.join("locked"), std::fs::Permissions::from_mode(0o000))
            .unwrap();
        Tree { root, outside }
    }

    fn path(&self) -> &Path {
        self.root.path()
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::set_permissions(
            self.root.path().join("locked"),
            std::fs::Permissions::from_mode(0o755),
        );
        let _ = self.outside.path();
    }
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap();
}

/// `setpriv` to `nobody` when running as root, so permission bits apply.
fn unprivileged() -> Vec<&'static str> {
    if is_root() {
        vec![
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        Vec::new()
    }
}

fn report(what: &str, run: &CliRun) {
    println!(
        "{what}: exit {:?} in {:.0} ms, peak RSS {} MB",
        run.code,
        run.elapsed.as_secs_f64() * 1000.0,
        run.peak_kib / 1024
    );
}

fn assert_bounded(what: &str, run: &CliRun) {
    assert!(
        run.code.is_some(),
        "{what}: killed after {TIME_LIMIT:?} (a hang?)"
    );
    assert_ne!(run.code, Some(101), "{what}: panicked\n{}", run.stderr);
    assert!(
        run.peak_kib < MEMORY_BOUND_KIB,
        "{what}: used {} MB",
        run.peak_kib / 1024
    );
}

#[test]
fn check_a_hostile_folder() {
    let tree = Tree::new();
    let root = tree.path().to_str().unwrap();
    let run = run_cli(
        &["check", root, "--format", "json"],
        &unprivileged(),
        TIME_LIMIT,
    );
    report("check of a hostile folder", &run);
    assert_bounded("check", &run);
    assert_eq!(
        run.code,
        Some(2),
        "I/O errors give exit code 2\n{}",
        run.stderr
    );
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON even with errors");
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for name in ["good.brief.md", "notes.txt", "empty.brief.md"] {
        assert!(
            paths.iter().any(|p| p.ends_with(name)),
            "{name} checked: {paths:?}"
        );
    }
    // Symlinks are not followed: nothing outside the folder is read, loops cost nothing.
    assert!(!run.stdout.contains("Secret Outside Heading"));
    assert!(
        !paths
            .iter()
            .any(|p| p.contains("loop") || p.contains("back")),
        "{paths:?}"
    );
    // One line per file that could not be read, naming it.
    for name in ["invalid-utf8.brief.md", "binary.txt", "huge.txt", "locked"] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.starts_with("error:") && l.contains(name)),
            "no error line for {name}:\n{}",
            run.stderr
        );
    }
}

#[test]
fn check_hostile_paths_named_on_the_command_line() {
    let tree = Tree::new();
    let dir = tree.path();
    for name in [
        "huge.txt",
        "fifo.txt",
        "zero.txt",
        "binary.txt",
        "invalid-utf8.brief.md",
        "dangling.brief.md",
        "locked/inside.brief.md",
    ] {
        let path = dir.join(name);
        let run = run_cli(
            &["check", path.to_str().unwrap()],
            &unprivileged(),
            TIME_LIMIT,
        );
        report(name, &run);
        assert_bounded(name, &run);
        assert_eq!(run.code, Some(2), "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(name.rsplit('/').next().unwrap()),
            "{name}: the error names the file: {}",
            run.stderr
        );
        assert_eq!(
            run.stderr.lines().count(),
            1,
            "{name}: one line: {}",
            run.stderr
        );
    }
    // outline and actors too.
    for command in ["outline", "actors"] {
        for name in ["huge.txt", "fifo.txt", "binary.txt"] {
            let run = run_cli(
                &[command, dir.join(name).to_str().unwrap()],
                &[],
                TIME_LIMIT,
            );
            assert_bounded(command, &run);
            assert_eq!(run.code, Some(2), "{command} {name}: {}", run.stderr);
        }
    }
}

/// Folders each with one briefing and a hostile `briefing.toml`.
fn hostile_configs() -> (tempfile::TempDir, Vec<(&'static str, PathBuf)>) {
    let root = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    let mut add = |name: &'static str, config: &dyn Fn(&Path)| {
        let slug: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let dir = root.path().join(slug);
        std::fs::create_dir(&dir).unwrap();
        config(&dir.join("briefing.toml"));
        write(&dir.join("a.brief.md"), GOOD.as_bytes());
        out.push((name, dir));
    };
    add("1 GB briefing.toml", &|path| {
        std::fs::File::create(path)
            .unwrap()
            .set_len(1 << 30)
            .unwrap();
    });
    add("deeply nested arrays", &|path| {
        let depth = 100_000;
        write(
            path,
            format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth)).as_bytes(),
        );
    });
    add("deeply nested inline tables", &|path| {
        let depth = 100_000;
        write(
            path,
            format!("x = {}1{}\n", "{a = ".repeat(depth), "}".repeat(depth)).as_bytes(),
        );
    });
    add("deeply nested table headers", &|path| {
        let key = vec!["a"; 10_000].join(".");
        write(path, format!("[actors.{key}]\nname = 1\n").as_bytes());
    });
    add("invalid UTF-8", &|path| {
        write(path, b"[rules]\nx = \"\xff\xfe\"\n")
    });
    add("binary", &|path| write(path, b"\0\0\0\x7fELF"));
    add("100,000 actors", &|path| {
        let mut text = String::new();
        for i in 0..100_000 {
            text.push_str(&format!(
                "[actors.a{i}]\nname = \"Actor {i}\"\nkind = \"person\"\naliases = [\"Alias{i}\"]\n"
            ));
        }
        write(path, text.as_bytes());
    });
    add("wrong types everywhere", &|path| {
        write(path, b"include = 5\nbuiltin-actors = \"yes\"\n[rules]\nx = []\n[style]\nmax-sentence-words = -1\nacronyms = 3\n[actors.k]\nname = []\nkind = 7\n[sources]\na = {b = 1}\n[sections]\nrequired = \"Summary\"\n");
    });
    add("a symlink to /dev/zero", &|path| {
        symlink("/dev/zero", path).unwrap()
    });
    add("a FIFO", &|path| {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    });
    (root, out)
}

#[test]
fn check_with_hostile_briefing_toml() {
    let (_root, cases) = hostile_configs();
    for (name, dir) in cases {
        let run = run_cli(
            &["check", dir.to_str().unwrap(), "--format", "json"],
            &[],
            TIME_LIMIT,
        );
        report(name, &run);
        assert_bounded(name, &run);
        let report: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}\n{}", run.stdout, run.stderr));
        assert!(
            report["files"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["path"].as_str().unwrap().ends_with("a.brief.md")),
            "{name}: the briefing is still checked"
        );
    }
}

/// Waits until the server's workspace indexing has ended.
fn wait_for_index(server: &mut RawServer) {
    server.wait(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
}

#[test]
fn the_server_indexes_a_hostile_workspace() {
    let tree = Tree::new();
    let wrapper: Vec<String> = unprivileged().into_iter().map(str::to_owned).collect();
    let mut server = RawServer::spawn_with(Options {
        wrapper,
        ..Options::default()
    });
    let started = std::time::Instant::now();
    server.initialize(init_params(Some(tree.path())));
    wait_for_index(&mut server);
    println!("indexed a hostile workspace in {:?}", started.elapsed());
    let symbols = server.request("workspace/symbol", json!({"query": ""}));
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Good Heading"), "{names:?}");
    assert!(
        !names.contains(&"Secret Outside Heading"),
        "read outside the workspace: {names:?}"
    );
    let peak = reliability_common::peak_rss_kib(server.pid()).unwrap();
    println!("server peak RSS {} MB", peak / 1024);
    assert!(
        peak < MEMORY_BOUND_KIB,
        "the server used {} MB",
        peak / 1024
    );
    // Each skipped file or folder has a log line naming it.
    let log = server.log();
    for name in ["invalid-utf8.brief.md", "binary.txt", "huge.txt", "locked"] {
        assert!(
            log.lines().any(|l| l.contains(name)),
            "no log line for {name}:\n{log}"
        );
    }
    assert_eq!(server.shutdown_and_exit(), 0);
}

#[test]
fn the_server_survives_hostile_briefing_toml() {
    let (root, cases) = hostile_configs();
    let mut server = RawServer::spawn();
    server.initialize(init_params(Some(root.path())));
    wait_for_index(&mut server);
    for (name, dir) in cases {
        let uri = file_uri(&dir.join("a.brief.md"));
        server.open(&uri, GOOD);
        server.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        let symbols = server.ping(&uri);
        assert!(symbols["result"].is_array(), "{name}: {symbols}");
        let peak = reliability_common::peak_rss_kib(server.pid()).unwrap();
        println!("{name}: server peak RSS {} MB", peak / 1024);
        assert!(
            peak < MEMORY_BOUND_KIB,
            "{name}: the server used {} MB",
            peak / 1024
        );
    }
    assert_eq!(server.shutdown_and_exit(), 0);
}
