//! A stdio client for the built binary that can also send malformed bytes, close stdin, and
//! watch the process (exit, RSS, stderr).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long any single answer may take before the test calls it a hang. Generous: debug
/// builds on two shared cores are slow; this only catches servers that never answer.
pub const HANG: Duration = Duration::from_secs(60);

/// What the reader thread saw on stdout.
pub enum Output {
    Message(Value),
    /// Bytes that are not a framed JSON-RPC message: a protocol violation by the server.
    Garbage(String),
}

pub struct RawServer {
    pub child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Output>,
    pub backlog: Vec<Value>,
    next_id: i64,
    /// Where the server's stderr (its log) goes.
    pub log_path: PathBuf,
    _log_dir: tempfile::TempDir,
}

pub struct Options<'a> {
    pub env: Vec<(&'a str, &'a str)>,
    pub current_dir: Option<&'a Path>,
    /// Runs the binary under this wrapper (e.g. `strace -f -o file`).
    pub wrapper: Vec<String>,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            env: vec![("RUST_LOG", "info")],
            current_dir: None,
            wrapper: Vec::new(),
        }
    }
}

impl RawServer {
    pub fn spawn() -> RawServer {
        RawServer::spawn_with(Options::default())
    }

    pub fn spawn_with(options: Options) -> RawServer {
        let binary = env!("CARGO_BIN_EXE_briefing-lsp");
        let mut command = match options.wrapper.split_first() {
            Some((program, args)) => {
                let mut command = Command::new(program);
                command.args(args).arg(binary);
                command
            }
            None => Command::new(binary),
        };
        let log_dir = tempfile::tempdir().unwrap();
        let log_path = log_dir.path().join("stderr.log");
        let log = std::fs::File::create(&log_path).unwrap();
        command
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log));
        for (key, value) in &options.env {
            command.env(key, value);
        }
        if let Some(dir) = options.current_dir {
            command.current_dir(dir);
        }
        let mut child = command.spawn().expect("the binary starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        std::thread::spawn(move || read_messages(stdout, sender));
        RawServer {
            child,
            stdin,
            messages,
            backlog: Vec::new(),
            next_id: 1,
            log_path,
            _log_dir: log_dir,
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes bytes as they are, no framing added.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Frames a body with a correct Content-Length.
    pub fn send_body(&mut self, body: &[u8]) {
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend_from_slice(body);
        self.send_bytes(&framed);
    }

    pub fn send(&mut self, message: &Value) {
        self.send_body(serde_json::to_string(message).unwrap().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn next_id(&mut self) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The response (result or error) to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait(|m| m["id"] == id && m.get("method").is_none())
    }

    /// Sends a request and returns the whole response object.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Sends a request that must succeed; returns its result.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(response.get("error").is_none(), "{method}: {response}");
        response["result"].clone()
    }

    pub fn initialize(&mut self, params: Value) -> Value {
        let result = self.request("initialize", params);
        self.notify("initialized", json!({}));
        result
    }

    /// The next message matching `predicate`, answering the server's own requests on the way.
    pub fn wait(&mut self, predicate: impl Fn(&Value) -> bool) -> Value {
        self.wait_for(HANG, predicate)
            .unwrap_or_else(|| panic!("no answer within {HANG:?}; log:\n{}", self.log()))
    }

    pub fn wait_for(
        &mut self,
        timeout: Duration,
        predicate: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(&predicate) {
            return Some(self.backlog.remove(i));
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.messages.recv_timeout(left) {
                Ok(Output::Message(message)) => message,
                Ok(Output::Garbage(garbage)) => panic!("the server wrote garbage: {garbage}"),
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed stdout; log:\n{}", self.log())
                }
            };
            if message.get("method").is_some()
                && message.get("id").is_some()
                && self.stdin.is_some()
            {
                // A request from the server: null answers all it asks (registration,
                // configuration, progress).
                let id = message["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
            if predicate(&message) {
                return Some(message);
            }
            self.backlog.push(message);
            // Keep memory bounded in long runs: old notifications are of no use.
            if self.backlog.len() > 10_000 {
                self.backlog.drain(..5_000);
            }
        }
    }

    /// Collects messages until nothing arrives for `quiet`.
    pub fn settle(&mut self, quiet: Duration) {
        while let Ok(Output::Message(message)) = self.messages.recv_timeout(quiet) {
            self.backlog.push(message);
        }
    }

    /// Proves the server is alive: a request that must be answered (an error is an answer).
    pub fn ping(&mut self, uri: &str) -> Value {
        self.call(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "briefing", "version": 1, "text": text}}),
        );
    }

    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Waits for the process to end; `None` when it is still running after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<i32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status.code().unwrap_or(-1));
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// CPU time (user + system) the process has used so far, in clock ticks.
    pub fn cpu_ticks(&self) -> Option<u64> {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).ok()?;
        // Fields after the command name, which is in parentheses and may contain spaces.
        let after = &stat[stat.rfind(')')? + 2..];
        let fields: Vec<&str> = after.split(' ').collect();
        let user: u64 = fields.get(11)?.parse().ok()?;
        let system: u64 = fields.get(12)?.parse().ok()?;
        Some(user + system)
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log_path).unwrap_or_default()
    }

    /// `shutdown` then `exit`; returns the exit code.
    pub fn shutdown_and_exit(&mut self) -> i32 {
        let response = self.call("shutdown", Value::Null);
        assert!(response.get("error").is_none(), "shutdown: {response}");
        self.notify("exit", Value::Null);
        self.wait_exit(Duration::from_secs(10))
            .expect("the server exits after shutdown and exit")
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_messages(stdout: impl Read, sender: std::sync::mpsc::Sender<Output>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut header = String::new();
            match reader.read_line(&mut header) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            match header.split_once(':') {
                Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                    length = value.trim().parse::<usize>().ok();
                }
                Some(_) => {}
                None => {
                    let _ = sender.send(Output::Garbage(header.to_owned()));
                    return;
                }
            }
        }
        let Some(length) = length else {
            let _ = sender.send(Output::Garbage("a message without Content-Length".into()));
            return;
        };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let output = match serde_json::from_slice(&body) {
            Ok(value) => Output::Message(value),
            Err(_) => Output::Garbage(String::from_utf8_lossy(&body).into_owned()),
        };
        if sender.send(output).is_err() {
            return;
        }
    }
}

/// Initialize params of a plain editor, with an optional workspace folder.
pub fn init_params(root: Option<&Path>) -> Value {
    let folders = root.map_or(
        Value::Null,
        |r| json!([{"uri": file_uri(r), "name": "root"}]),
    );
    json!({
        "processId": null,
        "rootUri": null,
        "workspaceFolders": folders,
        "capabilities": {
            "general": {"positionEncodings": ["utf-16"]},
            "workspace": {"configuration": true, "workspaceFolders": true,
                          "didChangeWatchedFiles": {"dynamicRegistration": true}},
            "window": {"workDoneProgress": true},
            "textDocument": {
                "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                "publishDiagnostics": {"versionSupport": true}
            }
        }
    })
}

pub fn file_uri(path: &Path) -> String {
    tower_lsp_server::ls_types::Uri::from_file_path(path)
        .unwrap()
        .as_str()
        .to_owned()
}
