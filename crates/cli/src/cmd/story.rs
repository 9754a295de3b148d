use crate::input::for_each_document;
use anyhow::Context;
use marsad_core::Analysis;
use marsad_extract::analyze;
use marsad_fuse::{fuse, html, Options};
use marsad_lexicon::Lexicon;
use std::io::{Read, Write};
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
    /// Write only stories told by at least this many reports (a page for a large batch stays
    /// readable with 2 or more).
    #[arg(long, default_value_t = 1)]
    min_reports: usize,
}

/// Read the analyses of one file; a line that is not an analysis is reported and skipped.
/// Returns the number of skipped lines.
fn read_analyses(path: &PathBuf, out: &mut Vec<Analysis>) -> anyhow::Result<usize> {
    // a JSON array (extract --format json) or one analysis per line (--format jsonl)
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::stdin().lock().read_to_string(&mut s).context("cannot read standard input")?;
        s
    } else {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?
    };
    if text.trim_start().starts_with('[') {
        let v: Vec<Analysis> =
            serde_json::from_str(&text).with_context(|| format!("{}: not a JSON array of analyses", path.display()))?;
        out.extend(v);
        return Ok(0);
    }
    let mut skipped = 0;
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<Analysis>(line) {
            Ok(a) => out.push(a),
            Err(e) => {
                eprintln!("marsad: skipped {}:{}: not an analysis: {e}", path.display(), n + 1);
                skipped += 1;
            }
        }
    }
    Ok(skipped)
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
                match read_analyses(p, &mut analyses) {
                    Ok(skipped) => failed += skipped,
                    Err(e) => {
                        eprintln!("marsad: skipped {e:#}");
                        failed += 1;
                    }
                }
            }
        }
    }
    let opts = Options { gap_days: a.gap_days, max_span_days: a.max_span_days, ..Options::default() };
    let lex = Lexicon::embedded();
    let mut fusion = fuse(&analyses, lex, &opts);
    fusion.stories.retain(|s| s.reports.len() >= a.min_reports);
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
