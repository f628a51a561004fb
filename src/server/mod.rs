//! The language server. (Being built: see issue 4.)

/// Runs the server on stdio until the client exits; returns the process exit code.
pub fn run(_log_file: Option<&std::path::Path>) -> u8 {
    eprintln!("error: the language server is not built yet; use `briefing-lsp check`");
    2
}
