//! `marsad export`: everything stored, in storage order.

use marsad_extract::gold;
use marsad_store::{SqliteStore, Store};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// One full analysis per line (text, spans, sentences, everything), as `marsad extract`.
    Jsonl,
    /// One gold-view object per line, in the schema of shared/eval/SCHEMA.md.
    Gold,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "marsad.db")]
    db: PathBuf,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if !a.db.exists() {
        anyhow::bail!("{}: no such database (create it with `marsad ingest`)", a.db.display());
    }
    let store = SqliteStore::open(&a.db)?;
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    store.for_each(&mut |stored| {
        match a.format {
            Format::Jsonl => serde_json::to_writer(&mut out, &stored.analysis).map_err(std::io::Error::from)?,
            Format::Gold => {
                serde_json::to_writer(&mut out, &gold::view(&stored.analysis)).map_err(std::io::Error::from)?
            }
        }
        writeln!(out)?;
        Ok(())
    })?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
