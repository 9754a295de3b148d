//! `marsad ingest`: read sources, analyse every article in parallel, store everything.
//!
//! Pipeline: one reader thread → bounded queue → N analysis workers → bounded queue → the
//! writer (this thread), which puts results back in input order and writes them in batches,
//! one transaction each. A fixed number of tickets bounds the documents in flight anywhere in
//! the pipeline (including the writer's reordering buffer), so memory stays flat whatever the
//! corpus size. Writing in input order makes the database the same from run to run, and
//! makes an interrupted run plus a re-run equal a clean run: already-stored texts are
//! recognised by their hash before analysis and skipped.
//!
//! Every analysis is stored with the extractor version ([`EXTRACTOR`]: crate version + hash of
//! the extraction code and data). A stored text analysed by another version is stale: it is
//! counted, and with `--reanalyze` analysed again and its extractions replaced in the batch
//! transaction, so an interrupted re-analysis resumes where it stopped and a finished one is
//! a no-op.

use crate::input::{decoding_warning, expand, open, Guarded};
use anyhow::Context;
use crossbeam_channel::{bounded, Receiver, Sender};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use marsad_core::Document;
use marsad_ingest::{Fields, Format, Options, ReadError};
use marsad_store::{ContentHash, Item, Presence, Put, SqliteStore, Store};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    /// Files or directories to read (text, HTML, JSON lines, RSS/Atom, WARC; .gz/.xz), or `-`.
    #[arg(required = true)]
    sources: Vec<PathBuf>,
    /// Database file (created if missing).
    #[arg(long, default_value = "marsad.db")]
    db: PathBuf,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Analysis threads (default: one per core).
    #[arg(long, short)]
    jobs: Option<usize>,
    /// Read every source as this format instead of detecting it (text, html, jsonl, rss, warc).
    // Its former name `--format` stays as a hidden alias, so scripts keep working; shown, it
    // would read as the output format it names in every other command.
    #[arg(long = "input-format", alias = "format", value_name = "FORMAT", value_parser = parse_format)]
    input_format: Option<Format>,
    /// JSON lines field name, as NAME=FIELD (e.g. `--field text=body --field date=published_at`).
    #[arg(long = "field", value_name = "NAME=FIELD")]
    fields: Vec<String>,
    /// Documents written per transaction (larger batches leave fewer search-index segments to merge).
    #[arg(long, default_value_t = 2048)]
    batch: usize,
    /// Analyse again the texts already stored by an older extractor, replacing their extractions.
    #[arg(long)]
    reanalyze: bool,
}

/// The version of the extraction that produced an analysis (set by build.rs).
pub const EXTRACTOR: &str = env!("MARSAD_EXTRACTOR");

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).ok_or_else(|| format!("unknown format `{s}` (text, html, jsonl, rss, warc)"))
}

/// A document read, numbered in input order, with the index of its source.
struct Read {
    seq: u64,
    source: usize,
    doc: Result<Document, ReadError>,
    /// What to tell the user about how the document's bytes were decoded.
    warning: Option<String>,
}

enum Outcome {
    Analysed(Box<Item>),
    AlreadyStored,
    Failed(String, &'static str),
}

struct Done {
    seq: u64,
    /// Bytes of article text.
    bytes: u64,
    outcome: Outcome,
    warning: Option<String>,
}

#[derive(Default)]
struct Summary {
    read: u64,
    text_bytes: u64,
    stored: u64,
    duplicates: u64,
    near_duplicates: u64,
    reanalyzed: u64,
    failed: u64,
    reasons: BTreeMap<&'static str, u64>,
    /// Documents read with a guessed encoding or with invalid bytes replaced.
    decoding: u64,
}

/// Documents allowed in flight at once (each holds its text, analysis and index columns).
const TICKETS: usize = 1024;

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let mut opts = Options { format: a.input_format, ..Options::default() };
    let mut fields = Fields::default();
    for f in &a.fields {
        fields.set(f).map_err(anyhow::Error::msg)?;
    }
    opts.fields = fields;
    let jobs = a.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())).max(1);
    let sources = expand(&a.sources);
    // Nothing to read (every path missing or unreadable): say so and leave no empty database.
    let readable = |s: &Result<PathBuf, ReadError>| match s {
        Ok(p) => p.as_os_str() == "-" || std::fs::File::open(p).is_ok(),
        Err(_) => false,
    };
    if !sources.iter().any(readable) {
        for s in &sources {
            match s {
                Ok(p) => {
                    if let Err(source) = std::fs::File::open(p) {
                        eprintln!(
                            "marsad: skipped {}",
                            ReadError::Io { origin: marsad_ingest::Origin::file(p), source }
                        );
                    }
                }
                Err(e) => eprintln!("marsad: skipped {e}"),
            }
        }
        eprintln!("marsad: nothing to read; {} was not created or changed", a.db.display());
        return Ok(ExitCode::from(1));
    }
    let mut store = SqliteStore::open(&a.db)?;
    let total: u64 =
        sources.iter().filter_map(|s| s.as_ref().ok()).filter_map(|p| p.metadata().ok()).map(|m| m.len()).sum();
    let names: Vec<String> = sources
        .iter()
        .map(|s| match s {
            Ok(p) => p.display().to_string(),
            Err(e) => e.origin().path.display().to_string(),
        })
        .collect();

    let bar = progress_bar(a.quiet, total);
    let bytes_done = Arc::new(AtomicU64::new(0));
    let (tickets_tx, tickets_rx) = bounded::<()>(TICKETS);
    for _ in 0..TICKETS {
        tickets_tx.send(()).expect("ticket channel has room");
    }
    let (read_tx, read_rx) = bounded::<Read>(jobs * 16);
    let (done_tx, done_rx) = bounded::<Done>(jobs * 16);

    let reader = {
        let bytes_done = bytes_done.clone();
        std::thread::spawn(move || read_all(sources, opts, read_tx, tickets_rx, bytes_done))
    };
    let mut workers = Vec::new();
    for _ in 0..jobs {
        let probe = SqliteStore::probe(&a.db)?;
        let (rx, tx) = (read_rx.clone(), done_tx.clone());
        let names = names.clone();
        let reanalyze = a.reanalyze;
        workers.push(std::thread::spawn(move || analyse(rx, tx, probe, &names, reanalyze)));
    }
    drop((read_rx, done_tx));

    let start = Instant::now();
    let mut summary = Summary::default();
    let mut pending: BTreeMap<u64, (u64, Outcome, Option<String>)> = BTreeMap::new();
    let mut next = 0u64;
    let mut batch: Vec<Item> = Vec::with_capacity(a.batch);
    let mut last_draw = Instant::now();
    let mut write = |batch: &mut Vec<Item>, summary: &mut Summary| -> anyhow::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        for put in store.put_batch(std::mem::take(batch)).context("cannot write to the database")? {
            match put {
                Put::Stored { near_duplicate_of, .. } => {
                    summary.stored += 1;
                    summary.near_duplicates += near_duplicate_of.is_some() as u64;
                }
                Put::Duplicate { .. } => summary.duplicates += 1,
                Put::Reanalyzed { .. } => {
                    // Already stored, so a duplicate for the accounting of the sources.
                    summary.duplicates += 1;
                    summary.reanalyzed += 1;
                }
            }
        }
        Ok(())
    };
    for done in done_rx.iter() {
        pending.insert(done.seq, (done.bytes, done.outcome, done.warning));
        while let Some((bytes, outcome, warning)) = pending.remove(&next) {
            next += 1;
            summary.text_bytes += bytes;
            if let Some(w) = warning {
                summary.decoding += 1;
                bar.suspend(|| eprintln!("{w}"));
            }
            match outcome {
                Outcome::Analysed(item) => {
                    summary.read += 1;
                    batch.push(*item);
                }
                Outcome::AlreadyStored => {
                    summary.read += 1;
                    summary.duplicates += 1;
                }
                Outcome::Failed(msg, kind) => {
                    summary.failed += 1;
                    *summary.reasons.entry(kind).or_default() += 1;
                    bar.suspend(|| eprintln!("marsad: skipped {msg}"));
                }
            }
            if batch.len() >= a.batch {
                write(&mut batch, &mut summary)?;
            }
            // Free the ticket only once the result has left the reorder buffer.
            let _ = tickets_tx.try_send(());
        }
        if last_draw.elapsed() > Duration::from_millis(200) {
            last_draw = Instant::now();
            bar.set_position(bytes_done.load(Ordering::Relaxed));
            let rate = summary.read as f64 / start.elapsed().as_secs_f64().max(1e-9);
            bar.set_message(format!("{} articles, {rate:.0}/s", summary.read));
        }
    }
    write(&mut batch, &mut summary)?;
    reader.join().map_err(|_| anyhow::anyhow!("reader thread panicked"))?;
    for w in workers {
        w.join().map_err(|_| anyhow::anyhow!("analysis thread panicked"))?;
    }
    bar.finish_and_clear();
    let secs = start.elapsed().as_secs_f64();
    let counts = store.counts()?;
    println!(
        "read {}  stored {}  duplicates {}  near-duplicates {}  failed {}",
        summary.read, summary.stored, summary.duplicates, summary.near_duplicates, summary.failed
    );
    for (kind, n) in &summary.reasons {
        println!("  failed: {n} {kind}");
    }
    if summary.decoding > 0 {
        println!(
            "decoded with a guessed encoding or invalid bytes replaced: {} (warnings above; kept in the metadata table)",
            summary.decoding
        );
    }
    if a.reanalyze {
        println!("reanalyzed {} (extractor {EXTRACTOR})", summary.reanalyzed);
    }
    let stale = store.stale(EXTRACTOR)?;
    if stale > 0 {
        println!(
            "stale {stale}: stored documents analysed by an older extractor than {EXTRACTOR}{}",
            if a.reanalyze { " (not in these sources)" } else { "; run again with --reanalyze to update them" }
        );
    }
    println!(
        "{:.1} s, {:.0} articles/s, {:.2} MB/s of article text; database {}: {} documents, {} events, {} claims",
        secs,
        summary.read as f64 / secs.max(1e-9),
        summary.text_bytes as f64 / 1e6 / secs.max(1e-9),
        a.db.display(),
        counts.documents,
        counts.events,
        counts.claims
    );
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn progress_bar(quiet: bool, total: u64) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    // Standard input has no known size: a spinner with the rate instead of a bar with an ETA.
    let (len, template) = if total > 0 {
        (Some(total), "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} ETA {eta}")
    } else {
        (None, "{spinner} [{elapsed_precise}] {msg}")
    };
    let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr_with_hz(5));
    bar.set_style(ProgressStyle::with_template(template).expect("valid template"));
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Read every source in order; failures to open a source travel down the pipeline like
/// documents, so they are reported in order.
fn read_all(
    sources: Vec<Result<PathBuf, ReadError>>,
    opts: Options,
    tx: Sender<Read>,
    tickets: Receiver<()>,
    bytes_done: Arc<AtomicU64>,
) {
    let mut seq = 0u64;
    let mut finished_bytes = 0u64;
    let mut send = |source: usize, doc: Result<Document, ReadError>, warning: Option<String>| -> bool {
        if tickets.recv().is_err() {
            return false;
        }
        let ok = tx.send(Read { seq, source, doc, warning }).is_ok();
        seq += 1;
        ok
    };
    for (i, s) in sources.into_iter().enumerate() {
        let source = match s.and_then(|p| open(&p, &opts)) {
            Ok(s) => s,
            Err(e) => {
                if !send(i, Err(e), None) {
                    return;
                }
                continue;
            }
        };
        let progress = source.progress.clone();
        let size = source.size.unwrap_or(0);
        let (path, format) = (source.path.clone(), source.format);
        for doc in Guarded::new(source) {
            bytes_done.store(finished_bytes + progress.bytes(), Ordering::Relaxed);
            let warning = doc.as_ref().ok().and_then(|d| decoding_warning(&path, format, d));
            if !send(i, doc, warning) {
                return;
            }
        }
        finished_bytes += size;
        bytes_done.store(finished_bytes, Ordering::Relaxed);
    }
}

fn analyse(rx: Receiver<Read>, tx: Sender<Done>, probe: marsad_store::Probe, names: &[String], reanalyze: bool) {
    for r in rx.iter() {
        let bytes = r.doc.as_ref().map_or(0, |d| d.text.len() as u64);
        let outcome = match r.doc {
            Err(e) => Outcome::Failed(e.to_string(), e.kind()),
            Ok(doc) => match probe.presence(&ContentHash::of(&doc.text), EXTRACTOR) {
                Ok(Presence::Current) => Outcome::AlreadyStored,
                Ok(Presence::Stale) if !reanalyze => Outcome::AlreadyStored,
                Ok(_) | Err(_) => {
                    // A probe failure only costs the shortcut: the writer deduplicates anyway.
                    let name = format!("{}: {}", names[r.source], doc.id);
                    // A bug in one extraction stage must cost one document, not the run.
                    match std::panic::catch_unwind(AssertUnwindSafe(|| marsad_extract::analyze(doc))) {
                        Ok(analysis) => match Item::new(analysis, &names[r.source]) {
                            Ok(item) => {
                                let item = item.extractor(EXTRACTOR);
                                Outcome::Analysed(Box::new(if reanalyze { item.replacing() } else { item }))
                            }
                            Err(e) => Outcome::Failed(format!("{name}: {e}"), "unstorable"),
                        },
                        Err(panic) => {
                            let why = panic
                                .downcast_ref::<&str>()
                                .map(|s| s.to_string())
                                .or_else(|| panic.downcast_ref::<String>().cloned())
                                .unwrap_or_default();
                            Outcome::Failed(format!("{name}: extraction failed: {why}"), "extraction failed")
                        }
                    }
                }
            },
        };
        if tx.send(Done { seq: r.seq, bytes, outcome, warning: r.warning }).is_err() {
            return;
        }
    }
}
