use crate::input::for_each_document;
use chrono::NaiveDate;
use marsad_extract::{analyze, gold};
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
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
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
