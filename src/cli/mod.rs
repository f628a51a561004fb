//! The command line (SPEC §7): `check`, `outline`, `actors`. Reads files, finds each one's
//! `briefing.toml`, runs the analysis and renders the results.

mod check;
mod files;
mod json;
mod listing;

pub use check::{CheckOptions, run_check};
pub use files::{
    MAX_CONFIG_BYTES, MAX_FILE_BYTES, Workspace, collect_briefings, is_briefing_name,
    read_briefing, read_config,
};
pub use listing::{run_actors, run_outline};

/// Output formats; `sarif` only for `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// SPEC §7 exit codes.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_USAGE_OR_IO: u8 = 2;
