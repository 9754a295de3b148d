use crate::input::for_each_document;
use chrono::NaiveDate;
use marsad_extract::{acled::AcledWriter, analyze, geojson::GeoJsonWriter, gold};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// A JSON array of full analyses (spans, sentences, everything).
    Json,
    /// One full analysis per line.
    Jsonl,
    /// One gold-view object per line, in the schema of shared/eval/SCHEMA.md.
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
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Publication date (YYYY-MM-DD); overrides what is read from the text.
    #[arg(long)]
    published: Option<NaiveDate>,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
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
            Format::Jsonl => {
                serde_json::to_writer(&mut out, &analysis)?;
                writeln!(out)?;
            }
            Format::Gold => {
                serde_json::to_writer(&mut out, &gold::view(&analysis))?;
                writeln!(out)?;
            }
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
        Format::Geojson => Sink::Geo(GeoJsonWriter::new(out)?),
        _ => Sink::Csv(Box::new(AcledWriter::new(out)?)),
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
    match sink {
        Sink::Csv(w) => w.finish()?.flush()?,
        Sink::Geo(w) => w.finish()?.flush()?,
    }
    Ok(if batch.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
