//! Model ↔ protocol: byte ranges to LSP ranges (through `crate::text::LineIndex`, the only
//! place that converts positions), severities, diagnostics, URIs and paths.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::LazyLock;

use serde::ser::{Serialize, SerializeStruct, Serializer};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::ls_types::Uri;

use super::state::Snapshot;
use crate::rules::{Diagnostic, RuleCode, Severity};
use crate::text::{LineIndex, Position, PositionEncoding, TextRange};

/// Text plus its line index and the negotiated encoding: enough to convert positions.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: PositionEncoding,
}

impl<'a> Lines<'a> {
    pub fn of(snapshot: &'a Snapshot) -> Lines<'a> {
        Lines {
            text: &snapshot.text,
            index: &snapshot.analysis.line_index,
            encoding: snapshot.encoding,
        }
    }

    pub fn position(&self, offset: usize) -> lsp::Position {
        let position = self.index.position(self.text, offset, self.encoding);
        lsp::Position::new(position.line, position.character)
    }

    pub fn range(&self, range: TextRange) -> lsp::Range {
        lsp::Range::new(self.position(range.start), self.position(range.end))
    }

    /// A client position as a byte offset, clamped to the text.
    pub fn offset(&self, position: lsp::Position) -> usize {
        self.index.offset(
            self.text,
            Position {
                line: position.line,
                character: position.character,
            },
            self.encoding,
        )
    }

    /// A client range as a byte range; an inverted range becomes empty at its start.
    pub fn text_range(&self, range: lsp::Range) -> TextRange {
        let start = self.offset(range.start);
        let end = self.offset(range.end).max(start);
        TextRange::new(start, end)
    }
}

pub fn encoding_kind(encoding: PositionEncoding) -> lsp::PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => lsp::PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => lsp::PositionEncodingKind::UTF16,
    }
}

pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
    }
}

/// The rule's documentation link, parsed once per rule.
fn docs_uri(code: RuleCode) -> Option<&'static Uri> {
    static URIS: LazyLock<HashMap<RuleCode, Uri>> = LazyLock::new(|| {
        RuleCode::ALL
            .into_iter()
            .filter_map(|code| Some((code, Uri::from_str(&code.docs_url()).ok()?)))
            .collect()
    });
    URIS.get(&code)
}

/// `source` of every diagnostic.
const SOURCE: &str = "briefing";

/// A core diagnostic as LSP: code, link to the rule's docs, source "briefing", related places.
pub fn diagnostic(lines: Lines, uri: &Uri, diagnostic: &Diagnostic) -> lsp::Diagnostic {
    let code_description =
        docs_uri(diagnostic.code).map(|href| lsp::CodeDescription { href: href.clone() });
    let related: Vec<lsp::DiagnosticRelatedInformation> = diagnostic
        .related
        .iter()
        .map(|related| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), lines.range(related.range)),
            message: related.message.clone(),
        })
        .collect();
    lsp::Diagnostic {
        range: lines.range(diagnostic.range),
        severity: Some(severity(diagnostic.severity)),
        code: Some(lsp::NumberOrString::String(
            diagnostic.code.name().to_owned(),
        )),
        code_description,
        source: Some(SOURCE.to_owned()),
        message: diagnostic.message.to_string(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn diagnostics(snapshot: &Snapshot) -> Vec<lsp::Diagnostic> {
    let lines = Lines::of(snapshot);
    snapshot
        .analysis
        .diagnostics
        .iter()
        .map(|d| diagnostic(lines, &snapshot.uri, d))
        .collect()
}

/// The `textDocument/publishDiagnostics` notification of a snapshot's findings, serialised
/// straight from the analysis: the same JSON, byte for byte, as the JSON-RPC message of
/// `lsp::PublishDiagnosticsParams` built from [`diagnostics`] (a test checks), without an
/// `lsp::Diagnostic` or a `serde_json::Value` per finding.
pub struct PublishDiagnostics<'a> {
    pub uri: &'a Uri,
    pub version: Option<i32>,
    pub diagnostics: Findings<'a>,
}

/// What a publish carries: a snapshot's findings, or diagnostics already converted.
pub enum Findings<'a> {
    Snapshot(&'a Snapshot),
    Converted(&'a [lsp::Diagnostic]),
}

impl Serialize for PublishDiagnostics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Params<'b>(&'b PublishDiagnostics<'b>);
        impl Serialize for Params<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let publish = self.0;
                let fields = 2 + usize::from(publish.version.is_some());
                let mut params = serializer.serialize_struct("PublishDiagnosticsParams", fields)?;
                params.serialize_field("uri", publish.uri)?;
                match publish.diagnostics {
                    Findings::Snapshot(snapshot) => {
                        params.serialize_field("diagnostics", &SnapshotFindings(snapshot))?
                    }
                    Findings::Converted(items) => params.serialize_field("diagnostics", items)?,
                }
                if let Some(version) = publish.version {
                    params.serialize_field("version", &version)?;
                }
                params.end()
            }
        }
        let mut message = serializer.serialize_struct("Request", 3)?;
        message.serialize_field("jsonrpc", "2.0")?;
        message.serialize_field("method", "textDocument/publishDiagnostics")?;
        message.serialize_field("params", &Params(self))?;
        message.end()
    }
}

/// From this many findings on, a publish is serialised on two threads.
const PARALLEL_FINDINGS: usize = 512;

impl PublishDiagnostics<'_> {
    /// Appends the message's JSON to `out`: the bytes `serde_json::to_writer` gives (a test
    /// checks), with the findings of a large briefing serialised half on each of two threads.
    /// On a 1 MB briefing, serialising about a megabyte of diagnostics was a fifth of a
    /// keystroke's time.
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let snapshot = match self.diagnostics {
            Findings::Snapshot(snapshot)
                if snapshot.analysis.diagnostics.len() >= PARALLEL_FINDINGS =>
            {
                snapshot
            }
            _ => return serde_json::to_writer(out, self),
        };
        let lines = Lines::of(snapshot);
        let all = &snapshot.analysis.diagnostics[..];
        let (first, second) = all.split_at(all.len() / 2);
        let write_items = |items: &[Diagnostic], out: &mut Vec<u8>| -> serde_json::Result<()> {
            for (n, diagnostic) in items.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                let finding = Finding {
                    lines,
                    uri: &snapshot.uri,
                    diagnostic,
                };
                serde_json::to_writer(&mut *out, &finding)?;
            }
            Ok(())
        };
        out.extend_from_slice(
            br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
        );
        serde_json::to_writer(&mut *out, self.uri)?;
        out.extend_from_slice(br#","diagnostics":["#);
        // About 350 bytes a finding: reserve once instead of growing by doubling.
        let half = second.len() * 384;
        out.reserve(half);
        let (written, rest) = std::thread::scope(|scope| {
            let rest = scope.spawn(|| {
                let mut bytes = Vec::with_capacity(half);
                write_items(second, &mut bytes).map(|()| bytes)
            });
            (write_items(first, out), rest.join())
        });
        written?;
        let rest = match rest {
            Ok(rest) => rest?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        out.push(b',');
        out.extend_from_slice(&rest);
        out.push(b']');
        if let Some(version) = self.version {
            out.extend_from_slice(br#","version":"#);
            serde_json::to_writer(&mut *out, &version)?;
        }
        out.extend_from_slice(b"}}");
        Ok(())
    }
}

/// A snapshot's findings as a JSON array of LSP diagnostics.
struct SnapshotFindings<'a>(&'a Snapshot);

impl Serialize for SnapshotFindings<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let snapshot = self.0;
        let lines = Lines::of(snapshot);
        serializer.collect_seq(snapshot.analysis.diagnostics.iter().map(|d| Finding {
            lines,
            uri: &snapshot.uri,
            diagnostic: d,
        }))
    }
}

/// One finding as an LSP diagnostic: the fields of `lsp::Diagnostic`, in its order.
struct Finding<'a> {
    lines: Lines<'a>,
    uri: &'a Uri,
    diagnostic: &'a Diagnostic,
}

impl Serialize for Finding<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Href<'b> {
            href: &'b Uri,
        }
        struct Related<'b>(&'b Finding<'b>);
        impl Serialize for Related<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let finding = self.0;
                serializer.collect_seq(finding.diagnostic.related.iter().map(|related| {
                    RelatedInformation {
                        location: Location {
                            uri: finding.uri,
                            range: finding.lines.range(related.range),
                        },
                        message: &related.message,
                    }
                }))
            }
        }
        #[derive(serde::Serialize)]
        struct Location<'b> {
            uri: &'b Uri,
            range: lsp::Range,
        }
        #[derive(serde::Serialize)]
        struct RelatedInformation<'b> {
            location: Location<'b>,
            message: &'b str,
        }
        let diagnostic = self.diagnostic;
        let href = docs_uri(diagnostic.code);
        let related = !diagnostic.related.is_empty();
        let fields = 5 + usize::from(href.is_some()) + usize::from(related);
        let mut out = serializer.serialize_struct("Diagnostic", fields)?;
        out.serialize_field("range", &self.lines.range(diagnostic.range))?;
        out.serialize_field("severity", &severity(diagnostic.severity))?;
        out.serialize_field("code", diagnostic.code.name())?;
        if let Some(href) = href {
            out.serialize_field("codeDescription", &Href { href })?;
        }
        out.serialize_field("source", SOURCE)?;
        out.serialize_field("message", &*diagnostic.message)?;
        if related {
            out.serialize_field("relatedInformation", &Related(self))?;
        }
        out.end()
    }
}

/// The local path of a `file:` URI; other schemes (untitled, vscode-notebook…) have none.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let path = uri.to_file_path()?.into_owned();
    path.is_absolute().then_some(path)
}

pub fn path_to_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

/// The last path segment, percent-decoded: the outline's fallback title and the flavour's hint.
pub fn file_name(uri: &Uri) -> String {
    let path = uri.path().decode().to_string_lossy().into_owned();
    path.rsplit(['/', '\\']).next().unwrap_or("").to_owned()
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::jsonrpc::Request;

    use super::*;
    use crate::server::state::PendingAnalysis;

    fn snapshot(text: &str, encoding: PositionEncoding) -> Snapshot {
        PendingAnalysis {
            uri: Uri::from_str("file:///tmp/a%20b/brief.brief.md").unwrap(),
            version: Some(7),
            revision: 1,
            path: None,
            text: text.to_owned(),
            file_name: "brief.brief.md".to_owned(),
            config: crate::config::Config::defaults(),
            config_source: None,
            encoding,
            memo: None,
        }
        .run()
    }

    /// What the library sends for `client.publish_diagnostics(uri, diagnostics, version)`.
    fn library_json(uri: &Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) -> String {
        let params = lsp::PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
        let request = Request::build("textDocument/publishDiagnostics")
            .params(serde_json::to_value(params).unwrap())
            .finish();
        serde_json::to_string(&request).unwrap()
    }

    /// A large briefing's findings are serialised on two threads: the same bytes.
    #[test]
    fn a_large_publish_is_written_as_serde_writes_it() {
        let annotated = include_str!("../../examples/annotated/annotated-example.brief.md");
        let mut text = annotated.to_owned();
        for n in 0..800 {
            text.push_str(&format!(
                "\n# Part {n}\n\nÇa « va » — officials said \"x\\y\" it rose {n}% in 2024. \
                 Analysts say prices were cut by {n} percent.[^a{n}]\n\n[^a{n}]: x\n[^a{n}]: y\n"
            ));
        }
        for encoding in [PositionEncoding::Utf16, PositionEncoding::Utf8] {
            let snapshot = snapshot(&text, encoding);
            let count = snapshot.analysis.diagnostics.len();
            assert!(
                count >= PARALLEL_FINDINGS,
                "a meaningful test: {count} findings"
            );
            for version in [Some(7), None] {
                let message = PublishDiagnostics {
                    uri: &snapshot.uri,
                    version,
                    diagnostics: Findings::Snapshot(&snapshot),
                };
                let mut written = b"prefix".to_vec();
                message.write_json(&mut written).unwrap();
                let mut expected = b"prefix".to_vec();
                expected.extend(serde_json::to_vec(&message).unwrap());
                assert_eq!(String::from_utf8(written), String::from_utf8(expected));
            }
        }
    }

    #[test]
    fn publish_is_serialised_as_the_library_would() {
        let annotated = include_str!("../../examples/annotated/annotated-example.brief.md");
        // Duplicate headings and footnotes give related information; non-ASCII text and a
        // quote and a backslash in messages exercise escaping and UTF-16 columns.
        let extra = "\n# Summary\n\n# Summary\n\nÇa « va » — officials said \"x\\y\" it is \
                     likely 40% rose.[^a]\n\n[^a]: x\n[^a]: y\n";
        for encoding in [PositionEncoding::Utf16, PositionEncoding::Utf8] {
            let snapshot = snapshot(&format!("{annotated}{extra}"), encoding);
            assert!(
                snapshot
                    .analysis
                    .diagnostics
                    .iter()
                    .any(|d| !d.related.is_empty())
            );
            for version in [Some(7), None] {
                let direct = serde_json::to_string(&PublishDiagnostics {
                    uri: &snapshot.uri,
                    version,
                    diagnostics: Findings::Snapshot(&snapshot),
                })
                .unwrap();
                let expected = library_json(&snapshot.uri, diagnostics(&snapshot), version);
                assert_eq!(direct, expected);
                let converted = diagnostics(&snapshot);
                let direct = serde_json::to_string(&PublishDiagnostics {
                    uri: &snapshot.uri,
                    version,
                    diagnostics: Findings::Converted(&converted),
                })
                .unwrap();
                assert_eq!(direct, expected);
            }
        }
        let empty = snapshot("", PositionEncoding::Utf16);
        let mut written = Vec::new();
        let message = PublishDiagnostics {
            uri: &empty.uri,
            version: None,
            diagnostics: Findings::Snapshot(&empty),
        };
        message.write_json(&mut written).unwrap();
        assert_eq!(written, serde_json::to_vec(&message).unwrap());
        let direct = serde_json::to_string(&PublishDiagnostics {
            uri: &empty.uri,
            version: None,
            diagnostics: Findings::Converted(&[]),
        })
        .unwrap();
        assert_eq!(direct, library_json(&empty.uri, Vec::new(), None));
    }
}
