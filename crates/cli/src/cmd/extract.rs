//! `marsad extract`: everything found in each report, in the format asked. JSON lines and the
//! gold view are indented when written to a terminal (a person reads them there) and one
//! object per line otherwise (a program reads them).

use super::export::{warn_undated, Rows};
use crate::input::for_each_document;
use chrono::NaiveDate;
use marsad_extract::{acled::AcledWriter, analyze, geojson::GeoJsonWriter, gold};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// A JSON array of full analyses (spans, sentences, everything).
    Json,
    /// One full analysis per line (indented on a terminal).
    Jsonl,
    /// One gold-view object per line (indented on a terminal), in the schema of
    /// shared/eval/SCHEMA.md.
    Gold,
    /// Asserted events as CSV in ACLED's columns and vocabularies.
    AcledCsv,
    /// Asserted events with a located place as a GeoJSON FeatureCollection of Points.
    Geojson,
}

#[derive(clap::Args)]
pub struct Args {
    /// Report file(s), or `-` for standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Publication date (YYYY-MM-DD); overrides what is read from the text.
    #[arg(long)]
    published: Option<NaiveDate>,
    /// acled-csv, geojson: leave out the events without a date instead of writing them with an
    /// empty date.
    #[arg(long)]
    skip_undated: bool,
}

/// Write one JSON object: indented for a person, on one line for a program.
pub fn write_object(out: &mut impl Write, value: &impl Serialize, pretty: bool) -> anyhow::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)?;
    } else {
        serde_json::to_writer(&mut *out, value)?;
    }
    writeln!(out)?;
    Ok(())
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let pretty = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if matches!(a.format, Format::AcledCsv | Format::Geojson) {
        return run_export(&a, out);
    }
    let mut first = true;
    if matches!(a.format, Format::Json) {
        write!(out, "[")?;
    }
    let batch = for_each_document(&a.files, |mut doc| {
        if a.published.is_some() {
            doc.given.published = a.published;
        }
        let analysis = analyze(doc);
        match a.format {
            Format::Json => {
                if !first {
                    write!(out, ",")?;
                }
                writeln!(out)?;
                serde_json::to_writer_pretty(&mut out, &analysis)?;
            }
            Format::Jsonl => write_object(&mut out, &analysis, pretty)?,
            Format::Gold => write_object(&mut out, &gold::view(&analysis), pretty)?,
            Format::AcledCsv | Format::Geojson => unreachable!("exports return early in run"),
        }
        first = false;
        Ok(())
    })?;
    if matches!(a.format, Format::Json) {
        writeln!(out, "\n]")?;
    }
    out.flush()?;
    Ok(if batch.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The event exports: one writer streams every document's events.
fn run_export(a: &Args, out: impl Write) -> anyhow::Result<ExitCode> {
    enum Sink<W: Write> {
        Csv(Box<AcledWriter<W>>),
        Geo(GeoJsonWriter<W>),
    }
    let mut sink = match a.format {
        Format::Geojson => Sink::Geo(GeoJsonWriter::new(out)?.skip_undated(a.skip_undated)),
        _ => Sink::Csv(Box::new(AcledWriter::new(out)?.skip_undated(a.skip_undated))),
    };
    let batch = for_each_document(&a.files, |mut doc| {
        if a.published.is_some() {
            doc.given.published = a.published;
        }
        let analysis = analyze(doc);
        match &mut sink {
            Sink::Csv(w) => w.write(&analysis)?,
            Sink::Geo(w) => w.write(&analysis)?,
        }
        Ok(())
    })?;
    let (undated, rows) = match sink {
        Sink::Csv(w) => {
            let u = w.undated().clone();
            w.finish()?.flush()?;
            (u, Rows::Acled)
        }
        Sink::Geo(w) => {
            let u = w.undated().clone();
            w.finish()?.flush()?;
            (u, Rows::GeoJson)
        }
    };
    warn_undated(&undated, rows, "Run those reports again with --published YYYY-MM-DD (it dates every file given)");
    Ok(if batch.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
