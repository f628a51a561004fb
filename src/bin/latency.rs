//! Latency of the real server binary over stdio, as an editor sees it: start → `initialize`,
//! didOpen → first diagnostics, single keystrokes → diagnostics (100 KB and 1 MB briefings),
//! hover, definition, documentSymbol, completion and references, workspace indexing of 1,000
//! briefings and references across them, idle and peak RSS. Prints a table; given two binaries
//! it runs both and prints them side by side.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --bin latency                         # target/release/briefing-lsp
//! cargo run --release --bin latency -- OLD_BINARY NEW_BINARY # side by side
//! cargo run --release --bin latency -- --quick              # few iterations (CI)
//! ```
//!
//! The debounce is set to 0 (`debounceMs`), so keystroke figures exclude it. Briefings are
//! generated from the bundled example and the public-domain CRS reports in `benches/data/`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, anyhow, bail};
use serde_json::{Value, json};

const TIMEOUT: Duration = Duration::from_secs(60);

fn main() -> Result<()> {
    let mut quick = false;
    let mut only: Option<String> = None;
    let mut binaries = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => quick = true,
            // One part of the run only (`startup`, `editing` or `workspace`), to profile it.
            "--only" => only = Some(args.next().context("--only startup|editing|workspace")?),
            // The generated briefings, to profile the analysis of exactly what is measured
            // (`briefing-lsp check DIR/latency-1m.brief.md`).
            "--write-briefings" => {
                let dir = PathBuf::from(args.next().context("--write-briefings DIR")?);
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                for (name, size) in [
                    ("latency-100k.brief.md", 100 * 1024),
                    ("latency-1m.brief.md", 1024 * 1024),
                ] {
                    let path = dir.join(name);
                    std::fs::write(&path, briefing(size))
                        .with_context(|| format!("cannot write {}", path.display()))?;
                }
                return Ok(());
            }
            "-h" | "--help" => {
                println!(
                    "usage: latency [--quick] [--only startup|editing|workspace] \
                     [SERVER_BINARY [SERVER_BINARY_2]]\n       \
                     latency --write-briefings DIR"
                );
                return Ok(());
            }
            _ => binaries.push(PathBuf::from(arg)),
        }
    }
    if binaries.is_empty() {
        let sibling = std::env::current_exe()?.with_file_name("briefing-lsp");
        binaries.push(sibling);
    }
    if binaries.len() > 2 {
        bail!("at most two server binaries");
    }
    let plan = Plan::new(quick);
    let workspace = Workspace::create(plan.workspace_files)?;
    let mut columns = Vec::new();
    for binary in &binaries {
        eprintln!("== {}", binary.display());
        columns.push(run_all(binary, &plan, &workspace, only.as_deref())?);
    }
    print_table(&binaries, &columns);
    Ok(())
}

/// How many samples of each measurement.
struct Plan {
    starts: usize,
    keystrokes_100k: usize,
    keystrokes_1m: usize,
    requests: usize,
    references: usize,
    workspace_files: usize,
}

impl Plan {
    fn new(quick: bool) -> Plan {
        if quick {
            Plan {
                starts: 3,
                keystrokes_100k: 10,
                keystrokes_1m: 4,
                requests: 20,
                references: 3,
                workspace_files: 50,
            }
        } else {
            Plan {
                starts: 20,
                keystrokes_100k: 400,
                keystrokes_1m: 100,
                requests: 500,
                references: 50,
                workspace_files: 1_000,
            }
        }
    }
}

/// One measured figure: latency samples, a duration, or a size in KB.
#[derive(Clone)]
enum Figure {
    Samples(Vec<Duration>),
    Kilobytes(u64),
    Text(String),
}

type Column = BTreeMap<&'static str, Figure>;

/// Rows of the table, in order: (key, what, target).
const ROWS: &[(&str, &str, &str)] = &[
    ("start", "start → initialize response", "≤ 20 ms"),
    ("idle_rss", "idle RSS after initialize", "≤ 20 MB"),
    ("open_100k", "didOpen → diagnostics, 100 KB", "—"),
    ("keys_100k", "keystroke → diagnostics, 100 KB", "p99 ≤ 5 ms"),
    (
        "symbols_after_edit",
        "documentSymbol after an edit, 100 KB",
        "p99 ≤ 1 ms",
    ),
    ("hover", "hover (actor mention), 100 KB", "p99 ≤ 1 ms"),
    ("definition", "definition (footnote), 100 KB", "p99 ≤ 1 ms"),
    (
        "symbols",
        "documentSymbol (unchanged), 100 KB",
        "p99 ≤ 1 ms",
    ),
    ("completion", "completion after @, 100 KB", "p99 ≤ 1 ms"),
    (
        "rss_100k",
        "RSS with the 100 KB briefing open",
        "≤ 3 × text + 20 MB",
    ),
    ("open_1m", "didOpen → diagnostics, 1 MB", "—"),
    ("keys_1m", "keystroke → diagnostics, 1 MB", "p99 ≤ 25 ms"),
    ("rss_1m", "RSS with the 1 MB briefing open", "≤ 23 MB"),
    (
        "index",
        "workspace indexed (files, MB)",
        "≤ 1 s for 1,000 / 20 MB",
    ),
    (
        "references",
        "references across the workspace",
        "p99 ≤ 20 ms",
    ),
    ("reference_count", "references found", "—"),
    ("peak_rss", "peak RSS (workspace run)", "—"),
];

fn run_all(
    binary: &Path,
    plan: &Plan,
    workspace: &Workspace,
    only: Option<&str>,
) -> Result<Column> {
    let mut column = Column::new();
    let wanted = |part: &str| only.is_none_or(|only| only == part);
    if wanted("startup") {
        startup(binary, plan, &mut column)?;
    }
    if wanted("editing") {
        editing(binary, plan, &mut column)?;
    }
    if wanted("workspace") {
        workspace_run(binary, plan, workspace, &mut column)?;
    }
    Ok(column)
}

fn startup(binary: &Path, plan: &Plan, column: &mut Column) -> Result<()> {
    let mut samples = Vec::new();
    for round in 0..plan.starts {
        let started = Instant::now();
        let mut server = Server::spawn(binary)?;
        server.initialize(None, false)?;
        samples.push(server.arrived - started);
        if round == 0 {
            std::thread::sleep(Duration::from_millis(300));
            column.insert("idle_rss", Figure::Kilobytes(server.rss_kb("VmRSS")));
        }
        server.shutdown()?;
    }
    column.insert("start", Figure::Samples(samples));
    Ok(())
}

fn editing(binary: &Path, plan: &Plan, column: &mut Column) -> Result<()> {
    let mut server = Server::spawn(binary)?;
    server.initialize(None, false)?;
    let text = briefing(100 * 1024);
    let uri = "file:///latency/big.brief.md";
    let started = Instant::now();
    server.open(uri, &text)?;
    let published = server.wait_diagnostics(uri, 1)?;
    let elapsed = server.arrived - started;
    column.insert(
        "open_100k",
        Figure::Text(format!(
            "{} ({} diagnostics, {} KB of JSON)",
            format_duration(elapsed),
            published["params"]["diagnostics"]
                .as_array()
                .map_or(0, Vec::len),
            published.to_string().len() / 1024
        )),
    );

    let mut requests = |method: &str, key: &'static str, positions: &[(u32, u32)]| -> Result<()> {
        let mut samples = Vec::new();
        for round in 0..plan.requests {
            let params = match positions.get(round % positions.len().max(1)) {
                Some(&(line, character)) => position_params(uri, line, character),
                None => json!({"textDocument": {"uri": uri}}),
            };
            let started = Instant::now();
            server.request(method, params)?;
            samples.push(server.arrived - started);
        }
        column.insert(key, Figure::Samples(samples));
        Ok(())
    };
    let mentions = positions_of(&text, "@ukraine", 2);
    requests("textDocument/hover", "hover", &mentions)?;
    requests(
        "textDocument/definition",
        "definition",
        &positions_of(&text, "[^ports]", 3),
    )?;
    requests("textDocument/documentSymbol", "symbols", &[])?;
    requests(
        "textDocument/completion",
        "completion",
        &positions_of(&text, "@ukraine", 1),
    )?;

    let mut document = Document::new(uri, &text);
    let (keys, symbols) = keystrokes(&mut server, &mut document, plan.keystrokes_100k, true)?;
    column.insert("keys_100k", Figure::Samples(keys));
    column.insert("symbols_after_edit", Figure::Samples(symbols));
    column.insert("rss_100k", Figure::Kilobytes(server.rss_kb_when_quiet()));
    server.close(uri)?;

    let text = briefing(1024 * 1024);
    let uri = "file:///latency/huge.brief.md";
    let started = Instant::now();
    server.open(uri, &text)?;
    let published = server.wait_diagnostics(uri, 1)?;
    let elapsed = server.arrived - started;
    column.insert(
        "open_1m",
        Figure::Text(format!(
            "{} ({} diagnostics, {} KB of JSON)",
            format_duration(elapsed),
            published["params"]["diagnostics"]
                .as_array()
                .map_or(0, Vec::len),
            published.to_string().len() / 1024
        )),
    );
    let mut document = Document::new(uri, &text);
    let (keys, _) = keystrokes(&mut server, &mut document, plan.keystrokes_1m, false)?;
    column.insert("keys_1m", Figure::Samples(keys));
    column.insert("rss_1m", Figure::Kilobytes(server.rss_kb_when_quiet()));
    server.shutdown()
}

/// Types a character at a random place in the body, then deletes it, each change waiting for
/// its diagnostics. Returns keystroke latencies and (when asked) documentSymbol after each.
fn keystrokes(
    server: &mut Server,
    document: &mut Document,
    count: usize,
    with_symbols: bool,
) -> Result<(Vec<Duration>, Vec<Duration>)> {
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let mut keys = Vec::new();
    let mut symbols = Vec::new();
    for _ in 0..count.div_ceil(2) {
        let (line, character) = document.random_position(&mut random);
        for change in [
            json!({"range": range(line, character, line, character), "text": "x"}),
            json!({"range": range(line, character, line, character + 1), "text": ""}),
        ] {
            document.version += 1;
            let started = Instant::now();
            server.notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": document.uri, "version": document.version},
                    "contentChanges": [change],
                }),
            )?;
            server.wait_diagnostics(&document.uri, document.version)?;
            keys.push(server.arrived - started);
            if with_symbols {
                let started = Instant::now();
                server.request(
                    "textDocument/documentSymbol",
                    json!({"textDocument": {"uri": document.uri}}),
                )?;
                symbols.push(server.arrived - started);
            }
        }
    }
    Ok((keys, symbols))
}

fn workspace_run(
    binary: &Path,
    plan: &Plan,
    workspace: &Workspace,
    column: &mut Column,
) -> Result<()> {
    let mut server = Server::spawn(binary)?;
    server.initialize(Some(&workspace.root), true)?;
    let started = Instant::now();
    server.notify("initialized", json!({}))?;
    server.wait_for(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end")?;
    let elapsed = server.arrived - started;
    column.insert(
        "index",
        Figure::Text(format!(
            "{} ({} files, {:.1} MB)",
            format_duration(elapsed),
            workspace.files.len(),
            workspace.bytes as f64 / 1e6
        )),
    );
    let path = &workspace.files[0];
    let text = std::fs::read_to_string(path)?;
    let uri = file_uri(path);
    server.open(&uri, &text)?;
    server.wait_diagnostics(&uri, 1)?;
    let (line, character) = positions_of(&text, "@ukraine", 2)
        .first()
        .copied()
        .ok_or_else(|| anyhow!("no @ukraine in the workspace file"))?;
    let mut samples = Vec::new();
    let mut found = 0;
    for _ in 0..plan.references {
        let mut params = position_params(&uri, line, character);
        params["context"] = json!({"includeDeclaration": true});
        let started = Instant::now();
        let result = server.request("textDocument/references", params)?;
        samples.push(server.arrived - started);
        found = result.as_array().map_or(0, Vec::len);
    }
    column.insert("references", Figure::Samples(samples));
    column.insert("reference_count", Figure::Text(found.to_string()));
    column.insert("peak_rss", Figure::Kilobytes(server.rss_kb("VmHWM")));
    server.shutdown()
}

/// A running server and the client side of the protocol.
struct Server {
    child: Child,
    stdin: ChildStdin,
    /// Messages with the time their header arrived: the server had finished writing them
    /// then, and the client's JSON parsing is not the server's latency.
    messages: Receiver<(Instant, Value)>,
    next_id: i64,
    /// When the last message `wait_for` returned started to arrive.
    arrived: Instant,
}

impl Server {
    fn spawn(binary: &Path) -> Result<Server> {
        let mut child = Command::new(binary)
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {}", binary.display()))?;
        let stdin = child.stdin.take().context("stdin")?;
        let stdout = child.stdout.take().context("stdout")?;
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    return;
                }
            }
        });
        Ok(Server {
            child,
            stdin,
            messages,
            next_id: 1,
            arrived: Instant::now(),
        })
    }

    fn initialize(&mut self, root: Option<&Path>, progress: bool) -> Result<()> {
        let folders = root.map_or(Value::Null, |r| json!([{"uri": file_uri(r), "name": "ws"}]));
        self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root.map(file_uri),
                "workspaceFolders": folders,
                "initializationOptions": {"debounceMs": 0},
                "capabilities": {
                    "general": {"positionEncodings": ["utf-16"]},
                    "workspace": {"configuration": true, "workspaceFolders": true},
                    "window": {"workDoneProgress": progress},
                    "textDocument": {
                        "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                        "publishDiagnostics": {"versionSupport": true}
                    }
                }
            }),
        )?;
        if root.is_none() {
            self.notify("initialized", json!({}))?;
        }
        Ok(())
    }

    fn send(&mut self, message: &Value) -> Result<()> {
        let body = serde_json::to_string(message)?;
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())?;
        self.stdin.flush()?;
        Ok(())
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<()> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        let response = self.wait_for(|m| m["id"] == id && m.get("method").is_none())?;
        if let Some(error) = response.get("error") {
            bail!("{method} failed: {error}");
        }
        Ok(response["result"].clone())
    }

    /// The next message matching `wanted`; answers the server's own requests on the way.
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Result<Value> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (arrived, message) = match self.messages.recv_timeout(left) {
                Ok(received) => received,
                Err(RecvTimeoutError::Timeout) => bail!("timed out waiting for the server"),
                Err(RecvTimeoutError::Disconnected) => bail!("the server exited"),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                let result = match message["method"].as_str() {
                    Some("workspace/configuration") => json!([{"debounceMs": 0}]),
                    _ => Value::Null,
                };
                self.send(&json!({"jsonrpc": "2.0", "id": message["id"], "result": result}))?;
            }
            if wanted(&message) {
                self.arrived = arrived;
                return Ok(message);
            }
        }
    }

    fn wait_diagnostics(&mut self, uri: &str, version: i32) -> Result<Value> {
        self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        })
    }

    fn open(&mut self, uri: &str, text: &str) -> Result<()> {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "briefing", "version": 1, "text": text}}),
        )
    }

    fn close(&mut self, uri: &str) -> Result<()> {
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        )
    }

    /// A field of `/proc/<pid>/status` in KB (`VmRSS`, `VmHWM`); 0 where there is none.
    fn rss_kb(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()));
        status
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with(field))
                    .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
            })
            .and_then(|kb| kb.parse().ok())
            .unwrap_or(0)
    }

    /// RSS once typing has paused for a second (the server gives memory back when quiet).
    fn rss_kb_when_quiet(&self) -> u64 {
        std::thread::sleep(Duration::from_secs(1));
        self.rss_kb("VmRSS")
    }

    fn shutdown(mut self) -> Result<()> {
        self.request("shutdown", Value::Null)?;
        self.notify("exit", Value::Null)?;
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if self.child.try_wait()?.is_some() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        self.child.kill()?;
        Ok(())
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut length = None;
    let mut arrived = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        arrived.get_or_insert_with(Instant::now);
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some((arrived?, serde_json::from_slice(&body).ok()?))
}

/// The client's copy of an open document, to place keystrokes.
struct Document {
    uri: String,
    version: i32,
    /// UTF-16 lengths of the lines.
    line_lengths: Vec<u32>,
    /// The first line after the front matter: keystrokes go into the body.
    body_start: usize,
}

impl Document {
    fn new(uri: &str, text: &str) -> Document {
        let line_lengths: Vec<u32> = text
            .lines()
            .map(|l| l.encode_utf16().count() as u32)
            .collect();
        let body_start = text.lines().position(|l| l.starts_with('#')).unwrap_or(0);
        Document {
            uri: uri.to_owned(),
            version: 1,
            line_lengths,
            body_start,
        }
    }

    fn random_position(&self, random: &mut Random) -> (u32, u32) {
        let lines = self.line_lengths.len() - self.body_start;
        let line = self.body_start + random.below(lines as u64) as usize;
        // A UTF-16 column may split a surrogate pair; the server clamps, and ASCII dominates.
        let character = random.below(u64::from(self.line_lengths[line]) + 1) as u32;
        (line as u32, character)
    }
}

/// xorshift64*: reproducible keystroke places without a dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % bound.max(1)
    }
}

fn range(line: u32, start: u32, end_line: u32, end: u32) -> Value {
    json!({"start": {"line": line, "character": start}, "end": {"line": end_line, "character": end}})
}

fn position_params(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// UTF-16 positions `offset` characters into each occurrence of `needle`.
fn positions_of(text: &str, needle: &str, offset: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (number, line) in text.lines().enumerate() {
        for (at, _) in line.match_indices(needle) {
            let column = line[..at].encode_utf16().count() as u32;
            out.push((number as u32, column + offset));
        }
    }
    out
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn source_text() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut text = String::new();
    let mut reports: Vec<PathBuf> = std::fs::read_dir(format!("{root}/benches/data"))
        .map(|dir| dir.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    reports.retain(|p| {
        p.extension().is_some_and(|e| e == "md")
            && !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("SOURCE"))
    });
    reports.sort();
    for path in reports {
        if let Ok(content) = std::fs::read_to_string(&path) {
            text.push_str(&content);
            text.push_str("\n\n");
        }
    }
    text
}

fn annotated_example() -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    std::fs::read_to_string(format!(
        "{root}/examples/annotated/annotated-example.brief.md"
    ))
    .unwrap_or_default()
}

/// The annotated example's front matter, then its body and CRS report text in turn (so the
/// briefing has actor mentions, footnotes and citations throughout) up to `size` bytes.
fn briefing(size: usize) -> String {
    let example = annotated_example();
    let split = example.find("\n# Summary").map_or(0, |i| i + 1);
    let (front_matter, body) = example.split_at(split);
    let reports = source_text();
    let paragraphs: Vec<&str> = reports.split("\n\n").collect();
    let mut text = front_matter.to_owned();
    let mut copy = 0;
    let mut paragraph = 0;
    while text.len() < size {
        copy += 1;
        text.push_str(&body.replace("# Summary", &format!("# Summary {copy}")));
        text.push('\n');
        let mut added = 0;
        while added < 8 * 1024 && !paragraphs.is_empty() {
            let p = paragraphs[paragraph % paragraphs.len()];
            paragraph += 1;
            text.push_str(p);
            text.push_str("\n\n");
            added += p.len() + 2;
        }
    }
    text
}

/// A temporary folder of generated briefings, about 20 KB each.
struct Workspace {
    root: PathBuf,
    files: Vec<PathBuf>,
    bytes: usize,
}

impl Workspace {
    fn create(count: usize) -> Result<Workspace> {
        let root = std::env::temp_dir().join(format!("briefing-latency-{}", std::process::id()));
        std::fs::create_dir_all(&root)?;
        let example = annotated_example();
        let reports = source_text();
        let paragraphs: Vec<&str> = reports.split("\n\n").collect();
        let mut files = Vec::with_capacity(count);
        let mut bytes = 0;
        let mut paragraph = 0;
        for index in 0..count {
            let mut text = example.clone();
            while text.len() < 20_000 && !paragraphs.is_empty() {
                text.push_str("\n\n");
                text.push_str(paragraphs[paragraph % paragraphs.len()]);
                paragraph += 1;
            }
            let path = root.join(format!("briefing-{index:04}.brief.md"));
            std::fs::write(&path, &text)?;
            bytes += text.len();
            files.push(path);
        }
        Ok(Workspace { root, files, bytes })
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn format_duration(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros < 1_000.0 {
        format!("{micros:.0} µs")
    } else if micros < 1_000_000.0 {
        format!("{:.2} ms", micros / 1e3)
    } else {
        format!("{:.2} s", micros / 1e6)
    }
}

fn describe(figure: Option<&Figure>) -> String {
    match figure {
        None => "—".to_owned(),
        Some(Figure::Kilobytes(kb)) => format!("{:.1} MB", *kb as f64 / 1024.0),
        Some(Figure::Text(text)) => text.clone(),
        Some(Figure::Samples(samples)) => {
            let mut sorted = samples.clone();
            sorted.sort();
            if sorted.is_empty() {
                return "—".to_owned();
            }
            let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize];
            format!(
                "p50 {} · p99 {} (n={})",
                format_duration(at(0.5)),
                format_duration(at(0.99)),
                sorted.len()
            )
        }
    }
}

fn print_table(binaries: &[PathBuf], columns: &[Column]) {
    let mut header = vec!["measurement".to_owned(), "target".to_owned()];
    header.extend(binaries.iter().map(|b| b.display().to_string()));
    let mut rows = vec![header];
    for (key, what, target) in ROWS {
        let mut row = vec![(*what).to_owned(), (*target).to_owned()];
        row.extend(columns.iter().map(|c| describe(c.get(key))));
        rows.push(row);
    }
    let widths: Vec<usize> = (0..rows[0].len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    for (n, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect();
        println!("| {} |", cells.join(" | "));
        if n == 0 {
            let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
            println!("|-{}-|", rule.join("-|-"));
        }
    }
    let nproc = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':').map(|(_, v)| v.trim().to_owned()))
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    println!("\n{nproc} CPUs, {cpu}");
}
