//! Soak test of the language server (issue 7): many random edits over stdio on several open
//! documents, with hovers and completions between them. Checks that every response arrives,
//! that the server's text equals the client's after all the edits, that diagnostics for the
//! final versions are published, and that memory (RSS from /proc) stays flat. Not part of
//! `cargo test`; CI runs a quick mode.
//!
//! ```sh
//! cargo build --bin briefing-lsp --bin soak
//! target/debug/soak --edits 100000            # the full soak (a few minutes)
//! target/debug/soak --edits 10000 --seed 7     # CI's quick mode
//! ```
//! Options: `--edits N` (100000), `--documents N` (4), `--every N` (a hover or completion
//! every N edits, 10), `--seed N`, `--server PATH` (default: `briefing-lsp` next to this
//! binary). Exit code 0 when every check passed, 1 otherwise.

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long one response may take before the soak calls it lost.
const RESPONSE_TIMEOUT: Duration = Duration::from_secs(60);
/// Documents stay between these sizes, so memory can be compared from start to end.
const MIN_DOCUMENT: usize = 2 * 1024;
const MAX_DOCUMENT: usize = 24 * 1024;

const FRAGMENTS: &[&str] = &[
    "# Summary\n",
    "## What Comes Next\n",
    "Title Line\n",
    "Analysts say Moscow rejected 12% of the plan. ",
    "Officials familiar with the talks said it was decided. ",
    "@ukraine ",
    "@kallas ",
    "[^1]",
    "\n[^1]: A source.\n",
    "[@key]",
    "[[Summary]]",
    "[x](#what-comes-next)",
    "{>> check <<}",
    "{~~ old ~> new ~~}",
    "<!-- briefing-ignore vague-attribution -->\n",
    "- item ",
    "> quote ",
    "in the coming days ",
    "NATO, the EU and the U.S.-led coalition ",
    "😀",
    "é",
    "\u{2028}",
    "\r\n",
    "\n",
    "\n\n",
    " ",
    "likely ",
];

struct Options {
    edits: usize,
    documents: usize,
    every: usize,
    seed: u64,
    server: PathBuf,
}

fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("soak: {message}");
            std::process::exit(2);
        }
    };
    match soak(&options) {
        Ok(()) => {}
        Err(message) => {
            eprintln!("soak: FAILED (--seed {}): {message}", options.seed);
            std::process::exit(1);
        }
    }
}

fn parse_args() -> Result<Options, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut options = Options {
        edits: 100_000,
        documents: 4,
        every: 10,
        seed: 0x5eed,
        server: exe.with_file_name("briefing-lsp"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        let number = |v: String| v.replace('_', "").parse::<u64>().map_err(|e| e.to_string());
        match arg.as_str() {
            "--edits" => options.edits = number(value()?)? as usize,
            "--documents" => options.documents = (number(value()?)? as usize).max(1),
            "--every" => options.every = (number(value()?)? as usize).max(1),
            "--seed" => options.seed = number(value()?)?,
            "--server" => options.server = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

fn soak(options: &Options) -> Result<(), String> {
    let mut rng = Rng(options.seed.max(1));
    let mut server = Server::spawn(&options.server)?;
    let started = Instant::now();
    server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "textDocument": {"publishDiagnostics": {"versionSupport": true}}}}),
    )?;
    server.notify("initialized", json!({}))?;

    let seed_text = include_str!("../../examples/peace-talks.txt");
    let mut documents: Vec<Document> = (0..options.documents)
        .map(|i| Document {
            uri: format!("file:///tmp/briefing-soak/doc-{i}.brief.md"),
            text: seed_text.repeat(2),
            version: 1,
        })
        .collect();
    for document in &documents {
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": document.uri, "languageId": "briefing",
                                    "version": 1, "text": document.text}}),
        )?;
    }

    let mut requests = 0;
    let mut rss_samples: Vec<(usize, u64)> = Vec::new();
    let warm_up = options.edits / 10;
    let sample_every = (options.edits / 20).max(1);
    for edit in 0..options.edits {
        let document = &mut documents[rng.below(options.documents)];
        let change = random_change(&mut rng, &mut document.text);
        document.version += 1;
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": document.uri, "version": document.version},
                   "contentChanges": [change]}),
        )?;
        if edit % options.every == options.every - 1 {
            let offset = rng.boundary(&document.text);
            let position = position(&document.text, offset);
            let method = if rng.below(2) == 0 {
                "textDocument/hover"
            } else {
                "textDocument/completion"
            };
            let response = server.call(
                method,
                json!({"textDocument": {"uri": document.uri}, "position": position}),
            )?;
            if let Some(error) = response.get("error") {
                return Err(format!("{method} after edit {edit}: {error}"));
            }
            requests += 1;
        }
        if edit >= warm_up && (edit - warm_up).is_multiple_of(sample_every) {
            rss_samples.push((edit, server.rss_kib()?));
        }
    }

    // No lost edit: the server's copy equals the client's, and diagnostics for the final
    // version of every document arrive.
    for document in &documents {
        let text = server.request("briefing/documentText", json!({"uri": document.uri}))?;
        requests += 1;
        if text["text"].as_str() != Some(document.text.as_str()) {
            return Err(format!("{}: the server's text differs", document.uri));
        }
        if text["version"] != document.version {
            return Err(format!(
                "{}: version {} != {}",
                document.uri, text["version"], document.version
            ));
        }
    }
    for document in &documents {
        server.wait_for_diagnostics(&document.uri, document.version)?;
    }
    rss_samples.push((options.edits, server.rss_kib()?));
    server.request("shutdown", Value::Null)?;
    server.notify("exit", Value::Null)?;
    let code = server.wait_exit(Duration::from_secs(10))?;

    let elapsed = started.elapsed();
    let first = rss_samples.first().map_or(0, |s| s.1);
    let last = rss_samples.last().map_or(0, |s| s.1);
    let peak = rss_samples.iter().map(|s| s.1).max().unwrap_or(0);
    println!(
        "soak (--seed {}): {} edits on {} documents, {requests} requests answered, {} diagnostics published, \
         in {:.1} s; RSS after warm-up {} MB, at the end {} MB, peak {} MB; exit code {code}",
        options.seed,
        options.edits,
        options.documents,
        server.diagnostics_seen,
        elapsed.as_secs_f64(),
        first / 1024,
        last / 1024,
        peak / 1024,
    );
    println!(
        "soak: RSS samples (edit, MB): {}",
        rss_samples
            .iter()
            .map(|(edit, kib)| format!("({edit}, {})", kib / 1024))
            .collect::<Vec<_>>()
            .join(" ")
    );
    // Flat: the end within 50% (plus 32 MB of allocator slack) of the level after warm-up.
    if last > first + first / 2 + 32 * 1024 {
        return Err(format!(
            "memory grew from {} MB to {} MB",
            first / 1024,
            last / 1024
        ));
    }
    if code != 0 {
        return Err(format!("exit code {code} after shutdown and exit"));
    }
    Ok(())
}

struct Document {
    uri: String,
    text: String,
    version: i64,
}

/// A random edit applied to `text`, as the LSP change that does the same.
fn random_change(rng: &mut Rng, text: &mut String) -> Value {
    let start = rng.boundary(text);
    let insert = if text.len() > MAX_DOCUMENT {
        String::new()
    } else {
        (0..rng.below(3) + usize::from(text.len() < MIN_DOCUMENT))
            .map(|_| FRAGMENTS[rng.below(FRAGMENTS.len())])
            .collect()
    };
    let delete = if text.len() < MIN_DOCUMENT {
        0
    } else {
        rng.below(if text.len() > MAX_DOCUMENT { 400 } else { 40 })
    };
    let mut end = (start + delete).min(text.len());
    while !text.is_char_boundary(end) || splits_crlf(text, end) {
        end += 1;
    }
    let range = json!({"start": position(text, start), "end": position(text, end)});
    text.replace_range(start..end, &insert);
    json!({"range": range, "text": insert})
}

/// Between `\r` and `\n`: no LSP position names it.
fn splits_crlf(text: &str, offset: usize) -> bool {
    offset > 0
        && text.as_bytes().get(offset - 1) == Some(&b'\r')
        && text.as_bytes().get(offset) == Some(&b'\n')
}

/// The LSP position (UTF-16) of a byte offset; lines end at `\n`, `\r\n` or `\r`.
fn position(text: &str, offset: usize) -> Value {
    let (mut line, mut line_start, mut i) = (0, 0, 0);
    let bytes = text.as_bytes();
    while i < offset {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 1;
        }
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            line += 1;
            line_start = i + 1;
        }
        i += 1;
    }
    let character = text[line_start..offset].encode_utf16().count();
    json!({"line": line, "character": character})
}

/// xorshift64*: enough randomness for a soak, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// A random offset of `text` that an LSP position can name.
    fn boundary(&mut self, text: &str) -> usize {
        let mut offset = self.below(text.len() + 1);
        while !text.is_char_boundary(offset) || splits_crlf(text, offset) {
            offset += 1;
        }
        offset
    }
}

/// The server process, with a thread that reads its stdout continuously (so its
/// notifications never block it) and hands on responses.
struct Server {
    child: Child,
    stdin: ChildStdin,
    responses: Receiver<Value>,
    next_id: i64,
    diagnostics_seen: usize,
    /// (uri, version) of every publishDiagnostics seen.
    published: std::sync::Arc<std::sync::Mutex<std::collections::HashSet<(String, i64)>>>,
}

impl Server {
    fn spawn(path: &PathBuf) -> Result<Server, String> {
        let mut child = Command::new(path)
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", path.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin")?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (sender, responses) = channel();
        let published =
            std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashSet::new()));
        let seen = std::sync::Arc::clone(&published);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if message["method"] == "textDocument/publishDiagnostics" {
                    let uri = message["params"]["uri"].as_str().unwrap_or("").to_owned();
                    let version = message["params"]["version"].as_i64().unwrap_or(-1);
                    seen.lock().unwrap().insert((uri, version));
                } else if message.get("id").is_some() && message.get("method").is_none() {
                    if sender.send(message).is_err() {
                        return;
                    }
                } else if message.get("id").is_some() {
                    // A request from the server: answered by the main thread's next write
                    // would race; the soak client announces no capability that causes one.
                }
            }
        });
        Ok(Server {
            child,
            stdin,
            responses,
            next_id: 1,
            diagnostics_seen: 0,
            published,
        })
    }

    fn send(&mut self, message: &Value) -> Result<(), String> {
        let body = message.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len())
            .and_then(|()| self.stdin.flush())
            .map_err(|e| format!("the server stopped reading: {e}"))
    }

    fn notify(&mut self, method: &str, params: Value) -> Result<(), String> {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }

    fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))?;
        match self.responses.recv_timeout(RESPONSE_TIMEOUT) {
            Ok(response) if response["id"] == id => Ok(response),
            Ok(other) => Err(format!("an unexpected response: {other}")),
            Err(RecvTimeoutError::Timeout) => Err(format!(
                "{method} (id {id}): no response in {RESPONSE_TIMEOUT:?}"
            )),
            Err(RecvTimeoutError::Disconnected) => {
                Err(format!("{method} (id {id}): the server closed stdout"))
            }
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let response = self.call(method, params)?;
        match response.get("error") {
            Some(error) => Err(format!("{method}: {error}")),
            None => Ok(response["result"].clone()),
        }
    }

    fn wait_for_diagnostics(&mut self, uri: &str, version: i64) -> Result<(), String> {
        let deadline = Instant::now() + RESPONSE_TIMEOUT;
        let key = (uri.to_owned(), version);
        while Instant::now() < deadline {
            {
                let published = self.published.lock().unwrap();
                self.diagnostics_seen = published.len();
                if published.contains(&key) {
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Err(format!("no diagnostics for {uri} version {version}"))
    }

    fn rss_kib(&self) -> Result<u64, String> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .map_err(|e| format!("cannot read the server's memory: {e}"))?;
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .ok_or_else(|| "no VmRSS".to_owned())
    }

    fn wait_exit(&mut self, timeout: Duration) -> Result<i32, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().map_err(|e| e.to_string())? {
                return Ok(status.code().unwrap_or(-1));
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                return Err("the server did not exit".to_owned());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
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
    serde_json::from_slice(&body).ok()
}
