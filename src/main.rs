//! `briefing-lsp`: argument parsing only; the work is in the library.

use std::path::PathBuf;
use std::process::ExitCode;

use briefing_lsp::cli::{self, CheckOptions, Format};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "briefing-lsp",
    version,
    about = "Language server and checker for briefings"
)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// Write the server's log to this file instead of stderr.
    #[arg(long, global = true)]
    log_file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the language server on stdio (the default).
    Serve,
    /// Check briefings and report findings.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
        /// `--deny warnings` makes warnings fail the run (exit code 1).
        #[arg(long, value_enum)]
        deny: Option<DenyArg>,
    },
    /// Print a briefing's outline.
    Outline {
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = ListFormatArg::Human)]
        format: ListFormatArg,
    },
    /// List the actors a briefing mentions or declares.
    Actors {
        path: PathBuf,
        #[arg(long, value_enum, default_value_t = ListFormatArg::Human)]
        format: ListFormatArg,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum ListFormatArg {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum DenyArg {
    Warnings,
}

fn main() -> ExitCode {
    briefing_lsp::allocator::configure();
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(error) => {
            let _ = error.print();
            let code = if error.use_stderr() {
                cli::EXIT_USAGE_OR_IO
            } else {
                cli::EXIT_CLEAN
            };
            return ExitCode::from(code);
        }
    };
    let code = match args.command.unwrap_or(Command::Serve) {
        Command::Serve => briefing_lsp::server::run(args.log_file.as_deref()),
        Command::Check {
            paths,
            format,
            deny,
        } => {
            let format = match format {
                FormatArg::Human => Format::Human,
                FormatArg::Json => Format::Json,
                FormatArg::Sarif => Format::Sarif,
            };
            cli::run_check(
                &paths,
                &CheckOptions {
                    format,
                    deny_warnings: deny.is_some(),
                },
            )
        }
        Command::Outline { path, format } => cli::run_outline(&path, list_format(format)),
        Command::Actors { path, format } => cli::run_actors(&path, list_format(format)),
    };
    ExitCode::from(code)
}

fn list_format(format: ListFormatArg) -> Format {
    match format {
        ListFormatArg::Human => Format::Human,
        ListFormatArg::Json => Format::Json,
    }
}
