//! Panics in feature code become error responses: the request is answered once and the
//! server keeps serving (ARCHITECTURE.md habit 7).

use std::panic::AssertUnwindSafe;

use tower_lsp_server::jsonrpc::{self, Result};

/// Runs synchronous feature code, turning a panic into an error response.
pub fn guard<T>(method: &str, f: impl FnOnce() -> T) -> Result<T> {
    let run = || {
        super::fault::maybe_panic(method);
        f()
    };
    std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        tracing::error!("{method} failed: {message}");
        jsonrpc::Error {
            code: jsonrpc::ErrorCode::InternalError,
            message: format!("briefing-lsp: {method} failed: {message}").into(),
            data: None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_response() {
        let result: Result<()> = guard("hover", || panic!("boom"));
        let error = result.unwrap_err();
        assert_eq!(error.code, jsonrpc::ErrorCode::InternalError);
        assert!(error.message.contains("boom"));
        assert_eq!(guard("hover", || 7).unwrap(), 7);
    }
}
