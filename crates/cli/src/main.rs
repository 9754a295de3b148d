//! The `marsad` command line: a thin layer over the library crates.

mod cmd;
mod input;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "marsad", version, about = "Sourced, cross-checked conflict events from Arabic news reports")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Show tokens and sentences with their byte spans (for debugging the text layer).
    Tokens(cmd::tokens::Args),
    /// Extract metadata, entities, dates, claims and events from reports.
    Extract(cmd::extract::Args),
    /// Score gold-view output against gold annotations.
    Eval(cmd::eval::Args),
    /// Group reports into stories: claims side by side, contradictions, timeline (JSON or HTML).
    Story(cmd::story::Args),
    /// Read sources, analyse every article in parallel and store everything in a database.
    Ingest(cmd::ingest::Args),
    /// Full-text search of the database, with Arabic normalization and filters.
    Search(cmd::search::Args),
    /// Export the database.
    Export(cmd::export::Args),
    /// Measure throughput: `bench text` (the text layer), `bench extract` (full extraction).
    Bench(cmd::bench::Args),
    /// Show what each name links to in the actor lexicon and gazetteer.
    Entity(cmd::entity::Args),
}

/// Let a closed pipe end the process quietly, as for other Unix filters (`marsad eval
/// --explain | head`), instead of a panic in `print!`.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to its default before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Tokens(a) => cmd::tokens::run(a),
        Command::Extract(a) => cmd::extract::run(a),
        Command::Eval(a) => cmd::eval::run(a),
        Command::Story(a) => cmd::story::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Search(a) => cmd::search::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Bench(a) => cmd::bench::run(a),
        Command::Entity(a) => cmd::entity::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("marsad: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
