//! `marsad export`: everything stored, in storage order, as full analyses, gold views, ACLED
//! CSV rows or a GeoJSON map. The event exports reuse the streaming writers of
//! `marsad_extract::{acled, geojson}` (the same ones `marsad extract` uses), one document at a
//! time, so exporting a store of any size keeps memory flat.

use crate::cmd::extract::write_object;
use chrono::NaiveDate;
use marsad_extract::acled::{AcledWriter, Undated};
use marsad_extract::{analyze, geojson::GeoJsonWriter, gold};
use marsad_store::{SqliteStore, Store, StoreError};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// A JSON array of full analyses, as `marsad extract --format json`.
    Json,
    /// One full analysis per line (text, spans, sentences, everything), as `marsad extract`
    /// (indented on a terminal).
    Jsonl,
    /// One gold-view object per line, in the schema of shared/eval/SCHEMA.md (indented on a
    /// terminal).
    Gold,
    /// ACLED-format CSV, one row per asserted event; `tags` holds `doc ID` and `url URL`.
    AcledCsv,
    /// A GeoJSON FeatureCollection of the located, asserted events, each with its document id,
    /// URL and evidence sentence.
    Geojson,
}

#[derive(clap::Args)]
pub struct Args {
    /// Database file written by `marsad ingest`.
    #[arg(long, default_value = "marsad.db")]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Analyse again, with this publication date (YYYY-MM-DD), the stored documents that have
    /// none, so their relative dates (أمس، الخميس الماضي) can be resolved.
    #[arg(long)]
    published: Option<NaiveDate>,
    /// acled-csv, geojson: leave out the events without a date instead of writing them with an
    /// empty date.
    #[arg(long)]
    skip_undated: bool,
}

/// Where the documents go.
enum Sink<W: Write> {
    Json(W, bool),
    Jsonl(W),
    Gold(W),
    Acled(Box<AcledWriter<W>>),
    Geo(GeoJsonWriter<W>),
}

fn io(e: impl std::fmt::Display) -> StoreError {
    StoreError::Io(std::io::Error::other(e.to_string()))
}

/// What the rows of an event export are called, in a warning.
#[derive(Clone, Copy)]
pub enum Rows {
    Acled,
    GeoJson,
}

/// Documents named in an undated-events warning before the rest are counted.
const NAMED_DOCUMENTS: usize = 10;

/// Say once, on stderr, how many exported events have no date, in which documents, and what
/// to do about it (`hint`: how to give a publication date in this command, as a sentence).
pub fn warn_undated(u: &Undated, rows: Rows, hint: &str) {
    if u.events == 0 {
        return;
    }
    let (what, field) = match rows {
        Rows::Acled => ("ACLED rows", "event_date"),
        Rows::GeoJson => ("GeoJSON features", "date"),
    };
    let mut docs: Vec<String> = u.docs.iter().take(NAMED_DOCUMENTS).map(|(d, n)| format!("{d} ({n})")).collect();
    if u.docs.len() > NAMED_DOCUMENTS {
        docs.push(format!("and {} more documents", u.docs.len() - NAMED_DOCUMENTS));
    }
    let why = "their reports give no date for them, or only a relative one and no publication date";
    if u.skipped {
        eprintln!(
            "marsad: warning: left out {} of {} {what} without {field} (--skip-undated): {why}; documents: {}",
            u.events,
            u.of,
            docs.join(", ")
        );
    } else {
        eprintln!(
            "marsad: warning: no {field} in {} of {} {what}: {why}; documents: {}. {hint}; or give --skip-undated to leave them out",
            u.events,
            u.of,
            docs.join(", ")
        );
    }
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    if !a.db.exists() {
        anyhow::bail!("{}: no such database (create it with `marsad ingest`)", a.db.display());
    }
    let store = SqliteStore::open(&a.db)?;
    let stdout = std::io::stdout();
    let pretty = stdout.is_terminal();
    let out = std::io::BufWriter::new(stdout.lock());
    let mut sink = match a.format {
        Format::Json => Sink::Json(out, true),
        Format::Jsonl => Sink::Jsonl(out),
        Format::Gold => Sink::Gold(out),
        Format::AcledCsv => Sink::Acled(Box::new(AcledWriter::new(out)?.skip_undated(a.skip_undated))),
        Format::Geojson => Sink::Geo(GeoJsonWriter::new(out)?.skip_undated(a.skip_undated)),
    };
    if let Sink::Json(out, _) = &mut sink {
        write!(out, "[")?;
    }
    store.for_each(&mut |stored| {
        let mut analysis = stored.analysis;
        if a.published.is_some() && analysis.meta.published.is_none() {
            let mut doc = analysis.doc;
            doc.given.published = a.published;
            analysis = analyze(doc);
        }
        match &mut sink {
            Sink::Json(out, first) => {
                if !*first {
                    write!(out, ",")?;
                }
                writeln!(out)?;
                serde_json::to_writer_pretty(&mut *out, &analysis)?;
                *first = false;
            }
            Sink::Jsonl(out) => write_object(out, &analysis, pretty).map_err(io)?,
            Sink::Gold(out) => write_object(out, &gold::view(&analysis), pretty).map_err(io)?,
            Sink::Acled(w) => w.write(&analysis).map_err(io)?,
            Sink::Geo(w) => w.write(&analysis).map_err(io)?,
        }
        Ok(())
    })?;
    let hint = "Give --published YYYY-MM-DD to analyse again, with that date, the documents stored without one";
    match sink {
        Sink::Json(mut out, _) => {
            writeln!(out, "\n]")?;
            out.flush()?
        }
        Sink::Jsonl(mut out) | Sink::Gold(mut out) => out.flush()?,
        Sink::Acled(w) => {
            let u = w.undated().clone();
            w.finish()?.flush()?;
            warn_undated(&u, Rows::Acled, hint);
        }
        Sink::Geo(w) => {
            let u = w.undated().clone();
            w.finish()?.flush()?;
            warn_undated(&u, Rows::GeoJson, hint);
        }
    }
    Ok(ExitCode::SUCCESS)
}
