//! The language server (SPEC §6): the only module that knows LSP.
//!
//! `tower-lsp-server` runs handlers concurrently, so document mutations (`didOpen`,
//! `didChange`, `didClose`) finish under a `std::sync::Mutex` before any `.await`, analysis runs
//! on immutable [`state::Snapshot`]s, and results for a revision that is no longer current are
//! dropped. Feature code is synchronous and pure; [`backend`] wires it to the protocol and
//! catches panics so a bug answers one request with an error instead of ending the session.

mod actions;
mod actor_refs;
mod backend;
mod capabilities;
mod completion;
mod config;
mod convert;
mod diagnostics;
mod direct;
mod documents;
mod fault;
mod framing;
mod guard;
mod hover;
mod memory;
mod navigation;
mod output;
mod rename;
mod semantic;
mod state;
mod symbols;
mod sync;
mod targets;
mod workspace;

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use tower_lsp_server::{ClientSocket, LspService, Server};

pub use backend::{Backend, DocumentTextParams, DocumentTextResult};

/// The custom request that returns the server's copy of a document (for tests and debugging).
pub const DOCUMENT_TEXT_METHOD: &str = "briefing/documentText";

/// Builds the service and the client socket; `run` serves it on stdio, tests drive it directly.
pub fn service() -> (LspService<Backend>, ClientSocket) {
    LspService::build(Backend::new)
        .custom_method(DOCUMENT_TEXT_METHOD, Backend::document_text)
        .custom_method(framing::PARSE_ERROR_METHOD, Backend::parse_error)
        .custom_method(framing::INVALID_REQUEST_METHOD, Backend::invalid_request)
        .custom_method(framing::METHOD_NOT_FOUND_METHOD, Backend::method_not_found)
        .finish()
}

/// Runs the server on stdio until the client exits; returns the process exit code: 0 after
/// `shutdown` then `exit`, 1 when the input ends or `exit` comes without `shutdown` (LSP spec).
pub fn run(log_file: Option<&Path>) -> u8 {
    if let Err(error) = init_logging(log_file) {
        eprintln!("error: cannot open the log file: {error}");
        return 2;
    }
    install_panic_hook();
    crate::allocator::configure();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .thread_name("briefing-lsp")
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            tracing::error!("cannot start the async runtime: {error}");
            return 2;
        }
    };
    tracing::info!("briefing-lsp {} starting", env!("CARGO_PKG_VERSION"));
    let clean = runtime.block_on(async {
        let (service, socket) = service();
        let shared = Arc::clone(service.inner().shared());
        let output = match output::Output::start(std::io::stdout()) {
            Ok(output) => output,
            Err(error) => {
                tracing::error!("cannot start the output thread: {error}");
                return false;
            }
        };
        let _ = shared.output.set(output.clone());
        // Malformed messages are answered with errors instead of ending the session.
        let stdin = framing::guard(std::io::stdin());
        // References and completion answers are printed straight into the output.
        let service = direct::Direct::new(service, output.clone());
        Server::new(stdin, output.stdout(), socket)
            .serve(service)
            .await;
        // What is queued (the answer to `shutdown`, last diagnostics) is written before exit.
        output.finish(std::time::Duration::from_millis(500));
        shared.shutdown_requested.load(Ordering::SeqCst)
    });
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    tracing::info!("briefing-lsp exiting");
    if clean { 0 } else { 1 }
}

/// Logs go to stderr or to `--log-file`, never stdout (the protocol channel). `RUST_LOG`
/// filters them; the default is `info`.
fn init_logging(log_file: Option<&Path>) -> std::io::Result<()> {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_target(false);
    let result = match log_file {
        Some(path) => {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)?;
            builder.with_writer(std::sync::Mutex::new(file)).try_init()
        }
        None => builder.with_writer(std::io::stderr).try_init(),
    };
    // A subscriber may already be installed (tests); that is not an error.
    let _ = result;
    Ok(())
}

/// Panics are caught per request; the hook only makes sure they reach the log.
fn install_panic_hook() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        tracing::error!("panic: {info}");
        default_hook(info);
    }));
}
