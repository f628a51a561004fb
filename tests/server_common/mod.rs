//! An in-process LSP client for the server tests: drives `LspService` through tower's
//! `Service`, answers the server's own requests (registration, configuration, progress) and
//! collects its notifications.
#![allow(dead_code)]

pub mod stdio;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use briefing_lsp::server::{Backend, service};
use futures::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tower::{Service, ServiceExt};
use tower_lsp_server::LspService;
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::ls_types::Uri;

pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

pub fn peace_talks() -> PathBuf {
    examples().join("peace-talks.txt")
}

pub fn annotated() -> PathBuf {
    examples()
        .join("annotated")
        .join("annotated-example.brief.md")
}

pub fn uri(path: &Path) -> String {
    Uri::from_file_path(path).unwrap().as_str().to_owned()
}

/// Initialize params with the capabilities a full-featured editor sends.
pub fn init_params(encodings: &[&str], root: Option<&Path>, options: Value) -> Value {
    let folders = root.map_or(Value::Null, |r| json!([{"uri": uri(r), "name": "root"}]));
    json!({
        "processId": null,
        "rootUri": null,
        "workspaceFolders": folders,
        "initializationOptions": options,
        "capabilities": {
            "general": {"positionEncodings": encodings},
            "workspace": {
                "configuration": true,
                "didChangeWatchedFiles": {"dynamicRegistration": true},
                "workspaceFolders": true
            },
            "window": {"workDoneProgress": true},
            "textDocument": {
                "documentSymbol": {"hierarchicalDocumentSymbolSupport": true},
                "publishDiagnostics": {"versionSupport": true}
            }
        }
    })
}

pub struct TestServer {
    service: LspService<Backend>,
    notifications: tokio::sync::mpsc::UnboundedReceiver<Value>,
    /// Requests the server sent to the client, in order.
    pub server_requests: Arc<Mutex<Vec<Value>>>,
    /// What the client answers to `workspace/configuration`.
    pub settings: Arc<Mutex<Value>>,
    next_id: i64,
    pub initialize_result: Value,
}

impl TestServer {
    pub async fn start(params: Value) -> TestServer {
        let (service, socket) = service();
        let (mut requests, mut responses) = socket.split();
        let (notify_tx, notifications) = tokio::sync::mpsc::unbounded_channel();
        let server_requests = Arc::new(Mutex::new(Vec::new()));
        let settings = Arc::new(Mutex::new(Value::Null));
        let recorded = Arc::clone(&server_requests);
        let answer_settings = Arc::clone(&settings);
        tokio::spawn(async move {
            while let Some(request) = requests.next().await {
                let value = serde_json::to_value(&request).unwrap();
                match request.id() {
                    Some(id) => {
                        recorded.lock().unwrap().push(value);
                        let result = if request.method() == "workspace/configuration" {
                            json!([answer_settings.lock().unwrap().clone()])
                        } else {
                            Value::Null
                        };
                        let _ = responses.send(Response::from_ok(id.clone(), result)).await;
                    }
                    None => {
                        let _ = notify_tx.send(value);
                    }
                }
            }
        });
        let mut server = TestServer {
            service,
            notifications,
            server_requests,
            settings,
            next_id: 1,
            initialize_result: Value::Null,
        };
        server.initialize_result = server.request("initialize", params).await;
        server.notify("initialized", json!({})).await;
        server
    }

    pub async fn request_raw(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.next_id;
        self.next_id += 1;
        let request = Request::build(method.to_owned())
            .params(params)
            .id(id)
            .finish();
        let response = self
            .service
            .ready()
            .await
            .unwrap()
            .call(request)
            .await
            .unwrap()
            .expect("a request gets a response");
        let (_, body) = response.into_parts();
        body.map_err(|e| serde_json::to_value(e).unwrap())
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.request_raw(method, params)
            .await
            .unwrap_or_else(|e| panic!("{method} failed: {e}"))
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        let request = Request::build(method.to_owned()).params(params).finish();
        let response = self
            .service
            .ready()
            .await
            .unwrap()
            .call(request)
            .await
            .unwrap();
        assert!(response.is_none(), "a notification gets no response");
    }

    /// Waits for a notification matching `method` and `predicate` (others are dropped).
    pub async fn wait_for(&mut self, method: &str, predicate: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        let mut skipped = Vec::new();
        loop {
            let Ok(next) = tokio::time::timeout_at(deadline, self.notifications.recv()).await
            else {
                panic!("timed out waiting for {method}; skipped: {skipped:#?}");
            };
            let next = next.expect("notification channel open");
            if next["method"] == method && predicate(&next["params"]) {
                return next["params"].clone();
            }
            if next["method"] != "$/progress" {
                skipped.push(next);
            }
        }
    }

    /// Waits until the server has sent the client a request for `method`.
    pub async fn server_request(&self, method: &str) -> Value {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let found = self
                .server_requests
                .lock()
                .unwrap()
                .iter()
                .find(|r| r["method"] == method)
                .cloned();
            if let Some(request) = found {
                return request;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the server never sent {method}"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// Drains notifications already received.
    pub fn drain(&mut self) -> Vec<Value> {
        let mut out = Vec::new();
        while let Ok(value) = self.notifications.try_recv() {
            out.push(value);
        }
        out
    }

    pub async fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        )
        .await;
    }

    pub async fn open_file(&mut self, path: &Path) -> String {
        let uri = uri(path);
        let text = std::fs::read_to_string(path).unwrap();
        self.open(&uri, "briefing", &text).await;
        uri
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self
            .wait_for("textDocument/publishDiagnostics", |p| {
                p["uri"] == uri && p["version"] == version
            })
            .await;
        params["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub async fn at(&mut self, method: &str, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        )
        .await
    }

    pub async fn text(&mut self, uri: &str) -> Value {
        self.request("briefing/documentText", json!({"uri": uri}))
            .await
    }

    pub async fn shutdown(mut self) {
        let result = self.request("shutdown", Value::Null).await;
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null).await;
    }
}

/// The 0-based (line, UTF-16 column) of the first occurrence of `needle` in `text`.
pub fn find_utf16(text: &str, needle: &str) -> (u32, u32) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() as u32;
    let column = text[line_start..offset].encode_utf16().count() as u32;
    (line, column)
}

/// The same in UTF-8 bytes.
pub fn find_utf8(text: &str, needle: &str) -> (u32, u32) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..offset].matches('\n').count() as u32;
    (line, (offset - line_start) as u32)
}
