//! `marsad search`: full-text search of the store with Arabic normalization and filters.

use chrono::NaiveDate;
use marsad_store::{Query, SqliteStore, Store};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Words to find (all must occur; "quoted words" form a phrase). Variants in spelling
    /// (إ/أ/ا، ة/ه، diacritics) and clitics (و، ب، ال...) match.
    query: String,
    /// Database file written by `marsad ingest`.
    #[arg(long, default_value = "marsad.db")]
    db: PathBuf,
    /// Published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    since: Option<NaiveDate>,
    /// Published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    until: Option<NaiveDate>,
    /// Outlet as stored: its lexicon id (e.g. `noonpost`), else the name or web host the source
    /// gave; any letter case.
    #[arg(long)]
    outlet: Option<String>,
    /// Actor id mentioned (e.g. `isis`).
    #[arg(long)]
    actor: Option<String>,
    /// Place id mentioned (e.g. `hasakah`).
    #[arg(long)]
    place: Option<String>,
    /// ACLED event type or sub-event type, or marsad action, of an asserted event.
    #[arg(long)]
    event_type: Option<String>,
    /// Most hits to show, best first.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// The same as `--format json` (the name it had before).
    #[arg(long, hide = true)]
    json: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Numbered hits with their snippet, matches highlighted (in colour on a terminal).
    Text,
    /// One JSON object per hit.
    Json,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if !a.db.exists() {
        anyhow::bail!("{}: no such database (create it with `marsad ingest`)", a.db.display());
    }
    let store = SqliteStore::open(&a.db)?;
    let query = Query {
        text: a.query,
        since: a.since,
        until: a.until,
        outlet: a.outlet,
        actor: a.actor,
        place: a.place,
        event_type: a.event_type,
        limit: a.limit,
    };
    let hits = store.search(&query)?;
    let json = a.json || a.format == Format::Json;
    let out = std::io::stdout();
    let tty = out.is_terminal();
    let mut out = std::io::BufWriter::new(out.lock());
    let (open, close) = if tty { ("\x1b[1;33m", "\x1b[0m") } else { ("[", "]") };
    for (i, h) in hits.iter().enumerate() {
        if json {
            serde_json::to_writer(&mut out, h)?;
            writeln!(out)?;
            continue;
        }
        let title = h.title.as_deref().unwrap_or("");
        let about: Vec<&str> = [h.outlet.as_deref(), h.published.as_deref()].into_iter().flatten().collect();
        let near = h.near_duplicate_of.map(|d| format!(" (near-duplicate of #{d})")).unwrap_or_default();
        writeln!(out, "{}. #{} {} [{}] {}{near}", i + 1, h.doc, h.id, about.join(", "), title)?;
        writeln!(out, "   {}", h.snippet.marked(open, close))?;
    }
    out.flush()?;
    if hits.is_empty() && !json {
        eprintln!("marsad: no match");
    }
    Ok(ExitCode::SUCCESS)
}
