//! `marsad export`: everything stored, in storage order, as full analyses, gold views, ACLED
//! CSV rows or a GeoJSON map. The event exports reuse the streaming writers of
//! `marsad_extract::{acled, geojson}` (the same ones `marsad extract` uses), one document at a
//! time, so exporting a store of any size keeps memory flat.

use marsad_extract::{acled::AcledWriter, geojson::GeoJsonWriter, gold};
use marsad_store::{SqliteStore, Store, StoreError};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// One full analysis per line (text, spans, sentences, everything), as `marsad extract`.
    Jsonl,
    /// One gold-view object per line, in the schema of shared/eval/SCHEMA.md.
    Gold,
    /// ACLED-format CSV, one row per asserted event.
    AcledCsv,
    /// A GeoJSON FeatureCollection of the located, asserted events.
    Geojson,
}

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value = "marsad.db")]
    db: PathBuf,
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
}

/// Where the documents go.
enum Sink<W: Write> {
    Jsonl(W),
    Gold(W),
    Acled(Box<AcledWriter<W>>),
    Geo(GeoJsonWriter<W>),
}

fn io(e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(std::io::Error::other(e.to_string()))
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if !a.db.exists() {
        anyhow::bail!("{}: no such database (create it with `marsad ingest`)", a.db.display());
    }
    let store = SqliteStore::open(&a.db)?;
    let out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut sink = match a.format {
        Format::Jsonl => Sink::Jsonl(out),
        Format::Gold => Sink::Gold(out),
        Format::AcledCsv => Sink::Acled(Box::new(AcledWriter::new(out)?)),
        Format::Geojson => Sink::Geo(GeoJsonWriter::new(out)?),
    };
    store.for_each(&mut |stored| {
        match &mut sink {
            Sink::Jsonl(out) => {
                serde_json::to_writer(&mut *out, &stored.analysis)?;
                writeln!(out)?;
            }
            Sink::Gold(out) => {
                serde_json::to_writer(&mut *out, &gold::view(&stored.analysis))?;
                writeln!(out)?;
            }
            Sink::Acled(w) => w.write(&stored.analysis).map_err(io)?,
            Sink::Geo(w) => w.write(&stored.analysis).map_err(io)?,
        }
        Ok(())
    })?;
    match sink {
        Sink::Jsonl(mut out) | Sink::Gold(mut out) => out.flush()?,
        Sink::Acled(w) => w.finish()?.flush()?,
        Sink::Geo(w) => w.finish()?.flush()?,
    }
    Ok(ExitCode::SUCCESS)
}
