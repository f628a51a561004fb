//! Large answers written straight to the output. `tower-lsp-server` turns every result into a
//! `serde_json::Value` tree before printing it; for the answers that can be large (references
//! across the workspace: thousands of locations; completion after `@`: every actor) that tree
//! costs more than the request itself. On stdio, this service in front of the library's
//! answers those two requests itself and serialises the result straight into the output
//! queue (`output.rs`); anything else, an error, a request before `initialize` has been
//! answered or after `shutdown`, goes to the library as before.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::task::{Context, Poll};

use serde::Serialize;
use serde::de::DeserializeOwned;
use tower::Service;
use tower_lsp_server::jsonrpc::{Id, Request, Response};
use tower_lsp_server::ls_types as lsp;
use tower_lsp_server::{ExitedError, LspService};

use super::Backend;
use super::output::Output;
use super::state::Shared;

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

pub struct Direct {
    inner: LspService<Backend>,
    shared: Arc<Shared>,
    output: Output,
}

impl Direct {
    pub fn new(inner: LspService<Backend>, output: Output) -> Direct {
        let shared = Arc::clone(inner.inner().shared());
        Direct {
            inner,
            shared,
            output,
        }
    }
}

/// A successful JSON-RPC response, as the library would print it.
#[derive(Serialize)]
struct Answer<'a, T> {
    jsonrpc: &'static str,
    result: &'a T,
    id: &'a Id,
}

/// Serialises a successful response; `Response`'s own field order.
pub fn send_result<T: Serialize>(output: &Output, id: &Id, result: &T) -> bool {
    output.send(&Answer {
        jsonrpc: "2.0",
        result,
        id,
    })
}

fn params<P: DeserializeOwned>(request: &Request) -> Option<P> {
    serde_json::from_value(request.params()?.clone()).ok()
}

impl Service<Request> for Direct {
    type Response = Option<Response>;
    type Error = ExitedError;
    type Future = BoxFuture<Result<Option<Response>, ExitedError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), ExitedError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let ready = self.shared.initialized.load(Ordering::SeqCst)
            && !self.shared.shutdown_requested.load(Ordering::SeqCst);
        if let (true, Some(id)) = (ready, request.id().cloned()) {
            let shared = Arc::clone(&self.shared);
            let output = self.output.clone();
            match request.method() {
                "textDocument/references" => {
                    if let Some(params) = params::<lsp::ReferenceParams>(&request) {
                        return Box::pin(async move {
                            let result = super::backend::references(&shared, params).await;
                            Ok(answer(&output, id, result))
                        });
                    }
                }
                "textDocument/completion" => {
                    if let Some(params) = params::<lsp::CompletionParams>(&request) {
                        return Box::pin(async move {
                            let result = super::backend::completion(&shared, params).await;
                            Ok(answer(&output, id, result))
                        });
                    }
                }
                _ => {}
            }
        }
        Box::pin(self.inner.call(request))
    }
}

/// Writes a result itself (no response left for the library); an error goes back as usual.
fn answer<T: Serialize>(
    output: &Output,
    id: Id,
    result: tower_lsp_server::jsonrpc::Result<T>,
) -> Option<Response> {
    match result {
        Ok(result) => {
            send_result(output, &id, &result);
            None
        }
        Err(error) => Some(Response::from_error(id, error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_are_printed_as_the_library_prints_them() {
        let location = lsp::Location::new(
            "file:///a%20b/x.brief.md".parse().unwrap(),
            lsp::Range::new(lsp::Position::new(1, 2), lsp::Position::new(3, 4)),
        );
        let results = [
            serde_json::to_value(Some(vec![location.clone(), location])).unwrap(),
            serde_json::to_value(None::<Vec<lsp::Location>>).unwrap(),
        ];
        for id in [Id::Number(7), Id::String("x\"y".to_owned()), Id::Null] {
            for result in &results {
                let ours = serde_json::to_string(&Answer {
                    jsonrpc: "2.0",
                    result,
                    id: &id,
                })
                .unwrap();
                let library =
                    serde_json::to_string(&Response::from_ok(id.clone(), result.clone())).unwrap();
                assert_eq!(ours, library);
            }
        }
    }
}
