//! A guard in front of the protocol reader: every framed message that `tower-lsp-server` could
//! not decode is replaced by a well-formed request that answers it with a JSON-RPC error.
//!
//! Why: `tower-lsp-server` 0.23 reads stdin through `tokio_util`'s `FramedRead`, which ends the
//! stream after the first decoding error, and the server then stops as if the client had
//! gone. One malformed message (bad JSON, a JSON-RPC version other than "2.0", a lowercase
//! `content-length`, a third header, an unknown charset) ended the session. Here the reader
//! re-frames each message with a canonical header and checks that its body decodes as the
//! library's `Message`; what does not becomes a request to one of the two methods below, so
//! the client gets `-32700 Parse error` (id null) or `-32600 Invalid Request` (with the id
//! when it could be read) and the session goes on. A request for an unknown `$/` method,
//! which the library leaves unanswered, gets `-32601 Method not found`.

use std::io::{BufRead, BufReader, Read};
use std::pin::Pin;
use std::task::{Context, Poll};

use serde::Deserialize;
use serde_json::{Value, json};
use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{self, Request, Response};

use super::Backend;

/// Answers an unreadable message: `-32700 Parse error`.
pub const PARSE_ERROR_METHOD: &str = "$/briefing/parseError";
/// Answers a message that is JSON but not a JSON-RPC 2.0 message: `-32600 Invalid Request`.
pub const INVALID_REQUEST_METHOD: &str = "$/briefing/invalidRequest";

/// Answers a `$/` request the server does not know: `-32601 Method not found`. (The library
/// drops the response to unknown `$/` methods, right for notifications, but LSP says a request
/// must still be answered with MethodNotFound, or the client waits forever.)
pub const METHOD_NOT_FOUND_METHOD: &str = "$/briefing/methodNotFound";

/// Messages larger than this are skipped (read and dropped) and answered with an error, so a
/// client cannot make the server buffer without bound. No briefing comes near it.
pub const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// Header lines longer than this are garbage, not headers.
const MAX_HEADER_LINE: u64 = 64 * 1024;

impl Backend {
    pub async fn parse_error(&self) -> jsonrpc::Result<()> {
        Err(jsonrpc::Error::parse_error())
    }

    pub async fn invalid_request(&self) -> jsonrpc::Result<()> {
        Err(jsonrpc::Error::invalid_request())
    }

    pub async fn method_not_found(&self) -> jsonrpc::Result<()> {
        Err(jsonrpc::Error::method_not_found())
    }
}

const OWN_METHODS: [&str; 3] = [
    PARSE_ERROR_METHOD,
    INVALID_REQUEST_METHOD,
    METHOD_NOT_FOUND_METHOD,
];

/// What `tower-lsp-server` decodes (its `Message` is private; this is the same definition).
#[derive(Deserialize)]
#[serde(untagged)]
enum Incoming {
    #[allow(dead_code)]
    Response(Response),
    Request(Request),
}

/// Reads `input` on a thread of its own and hands the server only messages it can decode.
/// The returned reader ends when `input` ends.
pub fn guard(input: impl Read + Send + 'static) -> impl AsyncRead + Unpin + Send {
    let (sender, receiver) = mpsc::channel(16);
    std::thread::Builder::new()
        .name("briefing-lsp-stdin".to_owned())
        .spawn(move || {
            let mut reader = BufReader::new(input);
            while let Some(frame) = next_frame(&mut reader) {
                if sender.blocking_send(frame).is_err() {
                    return;
                }
            }
        })
        .expect("cannot start the stdin thread");
    ChannelReader {
        receiver,
        chunk: Vec::new(),
        position: 0,
    }
}

/// The next message to hand on, framed; `None` at the end of the input.
fn next_frame(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let length = loop {
        match read_headers(reader)? {
            Headers::Length(length) => break length,
            Headers::Invalid(why) => {
                tracing::warn!("malformed message header: {why}");
                return Some(substitute(PARSE_ERROR_METHOD, Value::Null));
            }
            Headers::Empty => continue,
        }
    };
    if length > MAX_MESSAGE_BYTES {
        tracing::warn!("message of {length} bytes is over the {MAX_MESSAGE_BYTES}-byte limit");
        let skipped = std::io::copy(&mut reader.take(length as u64), &mut std::io::sink()).ok()?;
        if skipped < length as u64 {
            return None;
        }
        return Some(substitute(INVALID_REQUEST_METHOD, Value::Null));
    }
    // Grows as bytes arrive: a huge Content-Length is not allocated up front.
    let mut body = Vec::new();
    reader.take(length as u64).read_to_end(&mut body).ok()?;
    if body.len() < length {
        return None;
    }
    match serde_json::from_slice::<Incoming>(&body) {
        Ok(Incoming::Request(request))
            if request.method().starts_with("$/")
                && !OWN_METHODS.contains(&request.method())
                && request.id().is_some() =>
        {
            let id = serde_json::to_value(request.id()).unwrap_or(Value::Null);
            return Some(substitute(METHOD_NOT_FOUND_METHOD, id));
        }
        Ok(_) => return Some(frame(&body)),
        Err(_) => {}
    }
    Some(match serde_json::from_slice::<Value>(&body) {
        Err(error) => {
            tracing::warn!("malformed message (not JSON): {error}");
            substitute(PARSE_ERROR_METHOD, Value::Null)
        }
        Ok(value) => {
            // Answer with the request's id when it has a usable one (notifications and
            // responses without one get an answer with a null id).
            let id = match value.get("id") {
                Some(id @ (Value::Number(_) | Value::String(_)))
                    if value.get("method").is_some() =>
                {
                    id.clone()
                }
                _ => Value::Null,
            };
            tracing::warn!("invalid JSON-RPC message: {}", abbreviate(&body));
            substitute(INVALID_REQUEST_METHOD, id)
        }
    })
}

enum Headers {
    Length(usize),
    Invalid(String),
    /// A stray blank line between messages.
    Empty,
}

/// Reads header lines up to the blank line. `None` at the end of the input.
fn read_headers(reader: &mut impl BufRead) -> Option<Headers> {
    let mut length: Option<Result<usize, String>> = None;
    let mut lines = 0;
    loop {
        let mut line = Vec::new();
        let read = reader
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)
            .ok()?;
        if read == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            return Some(match length {
                Some(Ok(length)) => Headers::Length(length),
                Some(Err(why)) => Headers::Invalid(why),
                None if lines == 0 => Headers::Empty,
                None => Headers::Invalid("no Content-Length header".to_owned()),
            });
        }
        lines += 1;
        // Garbage before a header (the rest of a body whose Content-Length was too short):
        // resynchronise at the header name.
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            let value = line[at + "content-length:".len()..].trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| format!("bad Content-Length `{}`", abbreviate(value.as_bytes()))),
            );
        }
    }
}

/// A request to one of the error methods: the server answers it with that error and `id`.
fn substitute(method: &str, id: Value) -> Vec<u8> {
    let body = json!({"jsonrpc": "2.0", "id": id, "method": method});
    frame(body.to_string().as_bytes())
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

fn abbreviate(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]);
    text.into_owned()
}

/// The server's end of the channel, as the `AsyncRead` `tower-lsp-server` wants.
struct ChannelReader {
    receiver: mpsc::Receiver<Vec<u8>>,
    chunk: Vec<u8>,
    position: usize,
}

impl AsyncRead for ChannelReader {
    fn poll_read(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        if this.position == this.chunk.len() {
            match this.receiver.poll_recv(context) {
                Poll::Ready(Some(chunk)) => {
                    this.chunk = chunk;
                    this.position = 0;
                }
                // The input ended: reading nothing signals the end.
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
        let n = buf.remaining().min(this.chunk.len() - this.position);
        buf.put_slice(&this.chunk[this.position..this.position + n]);
        this.position += n;
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Value> {
        let mut reader = BufReader::new(input);
        let mut out = Vec::new();
        while let Some(frame) = next_frame(&mut reader) {
            let text = String::from_utf8(frame).unwrap();
            let (header, body) = text.split_once("\r\n\r\n").unwrap();
            assert_eq!(header, format!("Content-Length: {}", body.len()));
            out.push(serde_json::from_str(body).unwrap());
        }
        out
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn good_messages_pass_unchanged() {
        let request = r#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#;
        let out = frames(format!("{}{}", framed(request), framed(request)).as_bytes());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0]["method"], "textDocument/hover");
    }

    #[test]
    fn bad_messages_become_error_requests() {
        let input = [
            framed(r#"{"jsonrpc":"2.0","id":1,"method":"#),
            framed(r#"{"jsonrpc":"1.0","id":7,"method":"x"}"#),
            framed("[1, 2]"),
            "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=latin1\r\nX-Other: 1\r\n\r\n{}".to_owned(),
            "Content-Length: x\r\n\r\n".to_owned(),
            "\r\n".to_owned(),
            "garbage\r\n\r\n".to_owned(),
            framed(r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#),
        ]
        .concat();
        let out = frames(input.as_bytes());
        let methods: Vec<&str> = out.iter().map(|m| m["method"].as_str().unwrap()).collect();
        assert_eq!(
            methods,
            [
                PARSE_ERROR_METHOD,
                INVALID_REQUEST_METHOD,
                INVALID_REQUEST_METHOD,
                INVALID_REQUEST_METHOD,
                PARSE_ERROR_METHOD,
                PARSE_ERROR_METHOD,
                "initialized"
            ]
        );
        assert_eq!(out[1]["id"], 7);
        assert_eq!(out[0]["id"], Value::Null);
    }

    #[test]
    fn unknown_dollar_requests_are_answered_but_notifications_are_not() {
        let input = [
            framed(r#"{"jsonrpc":"2.0","id":"a","method":"$/unknown"}"#),
            framed(r#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#),
        ]
        .concat();
        let out = frames(input.as_bytes());
        assert_eq!(out[0]["method"], METHOD_NOT_FOUND_METHOD);
        assert_eq!(out[0]["id"], "a");
        assert_eq!(out[1]["method"], "$/cancelRequest");
    }

    #[test]
    fn a_short_content_length_resynchronises_at_the_next_header() {
        let good = r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#;
        let input = format!(
            "Content-Length: 5\r\n\r\n{{\"jsonrpc\":\"2.0\",\"id\":1}}{}",
            framed(good)
        );
        let out = frames(input.as_bytes());
        assert_eq!(out.last().unwrap()["method"], "shutdown", "{out:?}");
    }

    #[test]
    fn a_huge_content_length_is_not_allocated() {
        let input = "Content-Length: 99999999999\r\n\r\n{}";
        assert!(frames(input.as_bytes()).is_empty());
    }
}
