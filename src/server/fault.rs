//! A test hook for ARCHITECTURE.md habit 7 ("a panic inside a handler is caught and the server
//! keeps serving"): with `BRIEFING_LSP_INJECT_PANIC=hover,didChange` in its environment, the
//! server panics inside those handlers' guards, so a test of the real binary can show the panic
//! becomes one error response and the next request is answered. Unset, it costs one read of
//! a cached empty list per request.

use std::sync::OnceLock;

/// The environment variable: a comma-separated list of method names as `guard` knows them.
pub const INJECT_PANIC_ENV: &str = "BRIEFING_LSP_INJECT_PANIC";

/// Panics when `method` is listed in [`INJECT_PANIC_ENV`].
pub fn maybe_panic(method: &str) {
    static METHODS: OnceLock<Vec<String>> = OnceLock::new();
    let methods = METHODS.get_or_init(|| {
        std::env::var(INJECT_PANIC_ENV)
            .unwrap_or_default()
            .split(',')
            .map(|m| m.trim().to_owned())
            .filter(|m| !m.is_empty())
            .collect()
    });
    if methods.iter().any(|m| m == method) {
        panic!("panic injected into {method} by {INJECT_PANIC_ENV}");
    }
}
