//! briefing-lsp: analysis of policy, diplomatic, news and intelligence briefings.
//!
//! Data flows one way: text → [`syntax`] → [`model::Document`] → [`rules`] → diagnostics, with
//! [`actors`] and [`config`] on the side. Only [`server`] knows LSP and only [`server`] and
//! [`cli`] touch files.

pub mod actors;
pub mod allocator;
pub mod analysis;
pub mod cli;
pub mod config;
pub mod fast_hash;
pub mod model;
pub mod outline;
mod parallel;
pub mod rules;
pub mod server;
pub mod syntax;
pub mod text;

pub use analysis::{Analysis, Context, Mention, analyze, analyze_incremental, flavour_for};
