//! `marsad bench text`: throughput of the text layer on the staged news corpus, on one thread,
//! next to CAMeL Tools doing comparable work on the same text.
//!
//! `marsad bench extract`: throughput of the whole extraction (`marsad_extract::analyze`) on the
//! same corpus, streamed one article at a time so memory stays flat whatever the corpus size,
//! with the time of each stage and, beside it, the bare scan of the same lexicon automata over
//! the same text: the ceiling a lexicon-driven extractor can approach.
//!
//! The corpus is decompressed by spawning `xz -dc` (setup, not timed). The benchmark asserts
//! the total token and sentence counts on the full corpus, so a behaviour change of the text
//! layer shows up here as a failure, not as a silent speed-up.

use anyhow::{bail, Context};
use marsad_core::{DocId, Document, Metadata};
use marsad_extract::{analyze_timed, triggers::Triggers, Stage};
use marsad_text::{split_sentences, tokenize, Normalizer};
use serde::Deserialize;
use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// Articles in `ant_multisource_v2.1.jsonl.xz`.
const CORPUS_DOCUMENTS: usize = 31_525;
/// Tokens and sentences the text layer finds in the full corpus (title + "\n" + text of each
/// article). Update them, with the reason in the commit message, when a change is intended.
const CORPUS_TOKENS: usize = 9_324_266;
const CORPUS_SENTENCES: usize = 350_663;
/// What full extraction finds in the full corpus: actor mentions, place mentions, dates,
/// claims, events. Update them, with the reason in the commit message, when a change of the
/// extraction is intended.
const CORPUS_FOUND: Found = Found { actors: 236_943, places: 174_641, dates: 87_952, claims: 12_089, events: 38_366 };

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    target: Target,
}

#[derive(clap::Subcommand)]
enum Target {
    /// Normalize, tokenize and split sentences over the news corpus on one thread.
    Text(TextArgs),
    /// Full extraction (text layer, entities, dates, claims, events) over the news corpus on
    /// one thread, streamed one article at a time, next to the bare lexicon scans.
    Extract(ExtractArgs),
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// The corpus: JSON lines with `title` and `text`, xz-compressed [default: as for `bench text`]
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Read only the first N articles (the count check applies to the full corpus only).
    #[arg(long)]
    limit: Option<usize>,
    /// Timed passes over the corpus; the fastest is reported.
    #[arg(long, default_value_t = 1)]
    rounds: usize,
    /// Also print a digest of every analysis (serialized to JSON outside the timing), so two
    /// builds can be shown to produce the same output on the whole corpus.
    #[arg(long)]
    digest: bool,
    /// Write every analysis as a JSON line to this file (outside the timing), to find where
    /// two builds differ.
    #[arg(long)]
    dump: Option<PathBuf>,
}

#[derive(clap::Args)]
struct TextArgs {
    /// The corpus: JSON lines with `title` and `text`, xz-compressed [default:
    /// `$MARSAD_SHARED/data/news_ant_multisource/ant_multisource_v2.1.jsonl.xz`, or `../shared/...` from the
    /// current directory when MARSAD_SHARED is not set]
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Read only the first N articles (the count check applies to the full corpus only).
    #[arg(long)]
    limit: Option<usize>,
    /// Python environment with camel-tools (create it with `bash bench/setup.sh`).
    #[arg(long, default_value = ".venv-bench")]
    venv: PathBuf,
    /// Timed passes over the corpus; the fastest is reported.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Do not time CAMeL Tools.
    #[arg(long)]
    no_camel: bool,
}

#[derive(Deserialize)]
struct Article {
    #[serde(default)]
    title: String,
    #[serde(default)]
    text: String,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    match a.target {
        Target::Text(t) => text(t),
        Target::Extract(e) => extract(e),
    }
}

/// The warm-up article of `bench extract` (our own sentence).
const WARM_UP: &str = "قالت قوات سوريا الديمقراطية إن هجوما على سجن في مدينة الحسكة يوم 20 كانون الثاني 2022 \
     أدى إلى مقتل خمسة عناصر، بحسب المرصد السوري لحقوق الإنسان.";

const CORPUS_PATH: &str = "data/news_ant_multisource/ant_multisource_v2.1.jsonl.xz";

fn corpus_path(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| {
        let shared = std::env::var_os("MARSAD_SHARED").map_or_else(|| PathBuf::from("../shared"), PathBuf::from);
        shared.join(CORPUS_PATH)
    })
}

fn text(a: TextArgs) -> anyhow::Result<ExitCode> {
    let corpus = corpus_path(a.corpus.clone());
    let mut docs = Vec::new();
    stream_corpus(&corpus, a.limit, |d| docs.push(d))?;
    let bytes: usize = docs.iter().map(String::len).sum();
    println!("corpus     {} ({} documents, {:.1} MB)", corpus.display(), docs.len(), bytes as f64 / 1e6);

    // Best of `rounds` passes: the machine may be shared, and the best pass is the one least
    // disturbed by other work.
    let mut best: Option<Round> = None;
    for _ in 0..a.rounds.max(1) {
        let r = round(&docs);
        if best.as_ref().is_none_or(|b| r.cpu < b.cpu) {
            best = Some(r);
        }
    }
    let Round { tokens, sentences, cpu, wall, t_norm, t_tok, t_sent } = best.expect("at least one round");
    let mbps = bytes as f64 / cpu / 1e6;
    println!(
        "marsad     {:.1} MB/s, {:.0} documents/s, {} tokens, {} sentences in {:.3} s CPU time on 1 thread, best \
         of {} ({:.3} s wall clock, {:.1} MB/s)",
        mbps,
        docs.len() as f64 / cpu,
        tokens,
        sentences,
        cpu,
        a.rounds.max(1),
        wall,
        bytes as f64 / wall / 1e6
    );
    let share = |d: Duration| 100.0 * d.as_secs_f64() / (t_norm + t_tok + t_sent).as_secs_f64();
    println!(
        "           normalize {:.0}%, tokenize {:.0}%, sentences {:.0}% of the time",
        share(t_norm),
        share(t_tok),
        share(t_sent)
    );

    if a.limit.is_none() && docs.len() == CORPUS_DOCUMENTS {
        if (tokens, sentences) != (CORPUS_TOKENS, CORPUS_SENTENCES) {
            bail!(
                "the text layer's output changed: {tokens} tokens and {sentences} sentences, expected \
                 {CORPUS_TOKENS} and {CORPUS_SENTENCES}; if the change is intended, update the constants in \
                 crates/cli/src/cmd/bench.rs"
            );
        }
        println!("check      token and sentence counts match the recorded ones");
    } else {
        println!("check      counts are recorded for the full corpus only; not checked");
    }

    if a.no_camel {
        return Ok(ExitCode::SUCCESS);
    }
    let python = a.venv.join("bin").join("python");
    if !python.exists() {
        println!(
            "camel      not timed: no Python environment at {} (create it with `bash bench/setup.sh` from the \
             repository root)",
            a.venv.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let camel = run_camel(&python, &docs)?;
    println!(
        "camel      {:.2} MB/s, {:.0} documents/s, {} tokens in {:.1} s CPU time (camel-tools: alef, alef maksura, \
         teh marbuta, dediac, simple_word_tokenize)",
        camel.mb_per_s,
        camel.documents as f64 / camel.seconds,
        camel.tokens,
        camel.seconds
    );
    println!("ratio      marsad is {:.1}x CAMeL Tools", mbps / camel.mb_per_s);
    Ok(ExitCode::SUCCESS)
}

/// One timed pass over the corpus.
struct Round {
    tokens: usize,
    sentences: usize,
    /// CPU time of this thread (wall clock where it cannot be read).
    cpu: f64,
    wall: f64,
    t_norm: Duration,
    t_tok: Duration,
    t_sent: Duration,
}

fn round(docs: &[String]) -> Round {
    let normalizer = Normalizer::matching();
    let (mut tokens, mut sentences) = (0usize, 0usize);
    let (mut t_norm, mut t_tok, mut t_sent) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let start = Instant::now();
    let cpu_start = thread_cpu_time();
    for doc in docs {
        let t0 = Instant::now();
        let norm = normalizer.normalize(doc);
        let t1 = Instant::now();
        let toks = tokenize(&norm);
        let t2 = Instant::now();
        let sents = split_sentences(doc, &norm, &toks);
        let t3 = Instant::now();
        t_norm += t1 - t0;
        t_tok += t2 - t1;
        t_sent += t3 - t2;
        tokens += toks.len();
        sentences += sents.len();
        black_box((norm, toks, sents));
    }
    let wall = start.elapsed().as_secs_f64();
    // CPU time of this thread: what one core spends, whatever else the machine runs.
    let cpu = match (cpu_start, thread_cpu_time()) {
        (Some(a), Some(b)) => (b - a).as_secs_f64(),
        _ => wall,
    };
    Round { tokens, sentences, cpu, wall, t_norm, t_tok, t_sent }
}

/// CPU time this thread has run (`CLOCK_THREAD_CPUTIME_ID`); `None` where it cannot be read.
#[cfg(unix)]
fn thread_cpu_time() -> Option<Duration> {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; clock_gettime only writes into it.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

/// Decompress with `xz -dc` and hand `title` + "\n" + `text` of each article to `each`, one at
/// a time (at most `limit` of them).
fn stream_corpus(path: &Path, limit: Option<usize>, mut each: impl FnMut(String)) -> anyhow::Result<usize> {
    if !path.exists() {
        bail!("{}: corpus not found (pass --corpus PATH)", path.display());
    }
    let mut child = Command::new("xz")
        .arg("-dc")
        .arg(path)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run `xz` to decompress the corpus (install xz-utils)")?;
    let stdout = child.stdout.take().context("xz has no standard output")?;
    let mut count = 0usize;
    for (n, line) in BufReader::with_capacity(1 << 20, stdout).lines().enumerate() {
        if limit.is_some_and(|l| count >= l) {
            break;
        }
        let line = line.with_context(|| format!("{}: line {}: cannot read", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let a: Article = serde_json::from_str(&line)
            .with_context(|| format!("{}: line {}: not a JSON article", path.display(), n + 1))?;
        let mut doc = a.title;
        doc.push('\n');
        doc.push_str(&a.text);
        count += 1;
        each(doc);
    }
    if limit.is_some() {
        // Stop xz early; it may already have exited.
        let _ = child.kill();
        let _ = child.wait();
    } else {
        let out = child.wait_with_output().context("xz did not finish")?;
        if !out.status.success() {
            bail!("{}: xz failed: {}", path.display(), String::from_utf8_lossy(&out.stderr).trim());
        }
    }
    Ok(count)
}

/// Totals of what extraction found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Found {
    actors: usize,
    places: usize,
    dates: usize,
    claims: usize,
    events: usize,
}

/// One timed pass of full extraction over the corpus.
#[derive(Default)]
struct ExtractRound {
    documents: usize,
    bytes: usize,
    found: Found,
    /// CPU time of this thread in `analyze` (wall clock where it cannot be read), and wall clock.
    cpu: f64,
    wall: f64,
    /// Wall-clock time per stage, in the order of [`Stage::ALL`].
    stages: [f64; 6],
    /// CPU and wall time of the bare scans of the entity and trigger automata.
    scan_cpu: f64,
    scan_wall: f64,
    scan_matches: usize,
    /// Digest of the analyses' JSON, when asked for.
    digest: Option<u64>,
}

fn extract(a: ExtractArgs) -> anyhow::Result<ExitCode> {
    let corpus = corpus_path(a.corpus.clone());
    // Compile the automata before timing: that is start-up, not throughput.
    let triggers = Triggers::embedded();
    // A sentence with a name, a place, a date, a figure and a trigger reaches every lazily
    // built table.
    black_box(marsad_extract::analyze(Document {
        id: DocId::new("warm-up"),
        text: WARM_UP.to_string(),
        given: Metadata::default(),
    }));
    println!("corpus     {} (streamed, one article at a time)", corpus.display());

    let mut best: Option<ExtractRound> = None;
    for _ in 0..a.rounds.max(1) {
        let r = extract_round(&corpus, a.limit, triggers, &a)?;
        if best.as_ref().is_none_or(|b| r.cpu < b.cpu) {
            best = Some(r);
        }
    }
    let r = best.expect("at least one round");
    let mb = r.bytes as f64 / 1e6;
    println!("documents  {} ({:.1} MB)", r.documents, mb);
    println!(
        "extract    {:.1} MB/s, {:.0} articles/s in {:.3} s CPU time on 1 thread, best of {} ({:.3} s wall \
         clock: {:.1} MB/s, {:.0} articles/s)",
        mb / r.cpu,
        r.documents as f64 / r.cpu,
        r.cpu,
        a.rounds.max(1),
        r.wall,
        mb / r.wall,
        r.documents as f64 / r.wall
    );
    let staged: f64 = r.stages.iter().sum();
    let split: Vec<String> = Stage::ALL
        .iter()
        .zip(r.stages)
        .map(|(s, t)| format!("{} {:.3} s ({:.0}%)", s.name(), t, 100.0 * t / staged))
        .collect();
    println!("stages     {} (wall clock)", split.join(", "));
    let f = r.found;
    println!(
        "found      {} actor mentions, {} place mentions, {} dates, {} claims, {} events",
        f.actors, f.places, f.dates, f.claims, f.events
    );
    println!(
        "ceiling    bare scan of the entity and trigger automata over the normalized text: {:.1} MB/s in {:.3} s \
         CPU time ({:.3} s wall clock), {} raw matches",
        mb / r.scan_cpu,
        r.scan_cpu,
        r.scan_wall,
        r.scan_matches
    );
    println!("ratio      full extraction runs at {:.2} of the ceiling", r.scan_cpu / r.cpu);
    println!("memory     peak RSS {:.1} MB", max_rss_kb() as f64 / 1024.0);
    if let Some(d) = r.digest {
        println!("digest     {d:016x} (the analyses as JSON)");
    }

    if a.limit.is_none() && r.documents == CORPUS_DOCUMENTS {
        if f != CORPUS_FOUND {
            bail!(
                "the extraction's output changed: found {f:?}, expected {CORPUS_FOUND:?}; if the change is \
                 intended, update CORPUS_FOUND in crates/cli/src/cmd/bench.rs"
            );
        }
        if [f.actors, f.places, f.dates, f.claims, f.events].contains(&0) {
            bail!("extraction found nothing of some kind on the full corpus: {f:?}");
        }
        println!("check      totals match the recorded ones");
    } else {
        println!("check      totals are recorded for the full corpus only; not checked");
    }
    Ok(ExitCode::SUCCESS)
}

fn extract_round(
    corpus: &Path,
    limit: Option<usize>,
    triggers: &Triggers,
    a: &ExtractArgs,
) -> anyhow::Result<ExtractRound> {
    let mut r = ExtractRound::default();
    let mut hasher = a.digest.then(std::hash::DefaultHasher::new);
    let mut dump = match &a.dump {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("{}: cannot create", p.display()))?,
        )),
        None => None,
    };
    let mut failed: Option<anyhow::Error> = None;
    let mut batch: Vec<String> = Vec::with_capacity(BATCH);
    stream_corpus(corpus, limit, |text| {
        batch.push(text);
        if batch.len() == BATCH {
            extract_batch(&mut batch, triggers, &mut r, &mut hasher, &mut dump, &mut failed);
        }
    })?;
    extract_batch(&mut batch, triggers, &mut r, &mut hasher, &mut dump, &mut failed);
    if let Some(e) = failed {
        return Err(e.context("cannot write the dump"));
    }
    if let Some(mut w) = dump {
        w.flush().context("cannot write the dump")?;
    }
    r.digest = hasher.map(|h| std::hash::Hasher::finish(&h));
    Ok(r)
}

/// Articles timed together: the thread's CPU clock is a system call (about half a microsecond
/// here), read around a batch rather than around each article; a batch of articles is small
/// enough that memory stays flat.
const BATCH: usize = 64;

/// Time the bare scans over a batch of articles, then their full extraction, and empty it.
fn extract_batch(
    batch: &mut Vec<String>,
    triggers: &Triggers,
    r: &mut ExtractRound,
    hasher: &mut Option<std::hash::DefaultHasher>,
    dump: &mut Option<std::io::BufWriter<std::fs::File>>,
    failed: &mut Option<anyhow::Error>,
) {
    if batch.is_empty() {
        return;
    }
    let cpu_now = || thread_cpu_time().unwrap_or_default();
    // The bare scans, on normalized copies made outside the timing.
    let normalizer = Normalizer::matching();
    let norms: Vec<String> = batch.iter().map(|t| normalizer.normalize(t).text).collect();
    let (w0, c0) = (Instant::now(), cpu_now());
    for norm in &norms {
        r.scan_matches += marsad_lexicon::bare_scan(norm) + triggers.bare_scan(norm);
    }
    r.scan_cpu += (cpu_now() - c0).as_secs_f64();
    r.scan_wall += w0.elapsed().as_secs_f64();
    drop(norms);

    let check = hasher.is_some() || dump.is_some();
    let texts: Vec<String> = if check { batch.clone() } else { Vec::new() };
    let mut stages = [Duration::ZERO; 6];
    let (w0, c0) = (Instant::now(), cpu_now());
    for text in batch.drain(..) {
        r.documents += 1;
        r.bytes += text.len();
        let doc = Document { id: DocId::new("bench"), text, given: Metadata::default() };
        // Stages are timed on the wall clock, which is read without a system call.
        let mut last = Instant::now();
        let analysis = analyze_timed(doc, |stage| {
            let now = Instant::now();
            stages[stage as usize] += now - last;
            last = now;
        });
        r.found.actors += analysis.actors.len();
        r.found.places += analysis.places.len();
        r.found.dates += analysis.dates.len();
        r.found.claims += analysis.claims.len();
        r.found.events += analysis.events.len();
        drop(analysis);
    }
    r.cpu += (cpu_now() - c0).as_secs_f64();
    r.wall += w0.elapsed().as_secs_f64();
    for (t, d) in r.stages.iter_mut().zip(stages) {
        *t += d.as_secs_f64();
    }
    // The same documents analysed again, outside the timing, for the output checks.
    for text in texts {
        let again = marsad_extract::analyze(Document { id: DocId::new("bench"), text, given: Metadata::default() });
        let json = serde_json::to_string(&again).expect("an analysis serializes");
        if let Some(h) = hasher.as_mut() {
            std::hash::Hash::hash(&json, h);
        }
        if let Some(w) = dump.as_mut() {
            if let Err(e) = writeln!(w, "{json}") {
                failed.get_or_insert(anyhow::Error::from(e));
            }
        }
    }
}

/// Peak resident set size of this process, in KiB (`getrusage` `ru_maxrss`; 0 where unknown).
#[cfg(unix)]
fn max_rss_kb() -> i64 {
    // SAFETY: an all-zero rusage is valid; getrusage only writes into it.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `ru` is a valid, writable rusage.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    if rc == 0 {
        ru.ru_maxrss
    } else {
        0
    }
}

#[cfg(not(unix))]
fn max_rss_kb() -> i64 {
    0
}

#[derive(Deserialize)]
struct CamelResult {
    documents: usize,
    tokens: usize,
    seconds: f64,
    mb_per_s: f64,
}

/// Write the documents to a temporary file and time `bench/camel_bench.py` on them.
fn run_camel(python: &Path, docs: &[String]) -> anyhow::Result<CamelResult> {
    let dir = std::env::temp_dir().join(format!("marsad-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let result = (|| {
        let script = dir.join("camel_bench.py");
        std::fs::write(&script, include_str!("../../../../bench/camel_bench.py"))
            .with_context(|| format!("{}: cannot write", script.display()))?;
        let input = dir.join("docs.jsonl");
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(&input).with_context(|| format!("{}: cannot create", input.display()))?,
        );
        for d in docs {
            serde_json::to_writer(&mut w, d)?;
            w.write_all(b"\n")?;
        }
        w.flush().with_context(|| format!("{}: cannot write", input.display()))?;
        drop(w);
        let out = Command::new(python)
            .arg(&script)
            .arg(&input)
            .output()
            .with_context(|| format!("cannot run {}", python.display()))?;
        if !out.status.success() {
            bail!("camel_bench.py failed: {}", String::from_utf8_lossy(&out.stderr).trim());
        }
        serde_json::from_slice::<CamelResult>(&out.stdout)
            .with_context(|| format!("camel_bench.py printed no result: {}", String::from_utf8_lossy(&out.stdout)))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}
