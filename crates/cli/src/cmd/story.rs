use crate::input::for_each_document;
use anyhow::Context;
use marsad_core::Analysis;
use marsad_extract::analyze;
use marsad_fuse::{fuse, html, Options};
use marsad_lexicon::Lexicon;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    /// The stories as JSON (fields documented in crates/fuse/FORMAT.md).
    Json,
    /// One self-contained HTML page: timeline, claims by slot, sources, map.
    Html,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum From {
    /// Report texts: each is analysed first.
    Text,
    /// Analyses as written by `marsad extract --format json|jsonl`.
    Analysis,
}

#[derive(clap::Args)]
pub struct Args {
    /// Report file(s), or `-` for standard input.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// What the files hold.
    #[arg(long, value_enum, default_value = "text")]
    from: From,
    /// Write here instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Reports further apart than this many days are different stories.
    #[arg(long, default_value_t = Options::default().gap_days)]
    gap_days: i64,
    /// Longest span of publication dates of one story, in days.
    #[arg(long, default_value_t = Options::default().max_span_days)]
    max_span_days: i64,
}

fn read_analyses(path: &PathBuf, out: &mut Vec<Analysis>) -> anyhow::Result<()> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut reader = std::io::BufReader::new(file);
    let mut first = String::new();
    // a JSON array (extract --format json) or one analysis per line (--format jsonl)
    let text = {
        reader.read_line(&mut first).with_context(|| format!("cannot read {}", path.display()))?;
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut reader, &mut rest)
            .with_context(|| format!("cannot read {}", path.display()))?;
        first + &rest
    };
    if text.trim_start().starts_with('[') {
        let v: Vec<Analysis> =
            serde_json::from_str(&text).with_context(|| format!("{}: not a JSON array of analyses", path.display()))?;
        out.extend(v);
    } else {
        for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let a: Analysis =
                serde_json::from_str(line).with_context(|| format!("{}:{}: not an analysis", path.display(), n + 1))?;
            out.push(a);
        }
    }
    Ok(())
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let mut analyses = Vec::new();
    let mut failed = 0;
    match a.from {
        From::Text => {
            failed = for_each_document(&a.files, |doc| {
                analyses.push(analyze(doc));
                Ok(())
            })?
            .failed;
        }
        From::Analysis => {
            for p in &a.files {
                if let Err(e) = read_analyses(p, &mut analyses) {
                    eprintln!("marsad: skipped {e:#}");
                    failed += 1;
                }
            }
        }
    }
    let opts = Options { gap_days: a.gap_days, max_span_days: a.max_span_days, ..Options::default() };
    let lex = Lexicon::embedded();
    let fusion = fuse(&analyses, lex, &opts);
    let body = match a.format {
        Format::Json => serde_json::to_string_pretty(&fusion)? + "\n",
        Format::Html => html::render(&fusion, lex),
    };
    match &a.out {
        Some(p) => std::fs::write(p, body).with_context(|| format!("cannot write {}", p.display()))?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(body.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
