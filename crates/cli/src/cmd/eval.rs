use anyhow::Context;
use marsad_extract::gold::GoldDoc;
use marsad_extract::score::{explain, score, Floor, IdLists};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Directory of `*.gold.json` files. The id lists `gazetteer.tsv` and `actors.tsv` are read
    /// from it and from its parent directories (the nearest of each), for place parents and
    /// Arabic names.
    #[arg(long)]
    gold: PathBuf,
    /// Output of `marsad extract --format gold` (JSON lines or a JSON array).
    output: PathBuf,
    /// More id lists (TSV with `id`, and `names_ar` and `parent_id` where known), such as a gold
    /// set's `ids.tsv`: ids written `person:NAME`, `org:NAME` or `place:NAME` count as the
    /// listed id with that Arabic name. Repeat the option for several lists.
    #[arg(long)]
    ids: Vec<PathBuf>,
    /// Before the scores, list per document what was missed and what was extra (claims,
    /// events, dates, actors, places), side by side with gold.
    #[arg(long)]
    explain: bool,
    /// With --explain: only the documents whose name contains this text.
    #[arg(long, requires = "explain")]
    doc: Option<String>,
    /// A TOML file of floors (`tolerance`, and a `[floor]` table of measure = value, such as
    /// `eval/broad_floor.toml`): exit with status 1 when a measure falls more than the
    /// tolerance below its floor.
    #[arg(long)]
    floor: Option<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
}

fn load_views(path: &Path) -> anyhow::Result<Vec<GoldDoc>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    if text.starts_with('[') {
        return serde_json::from_str(text)
            .with_context(|| format!("{}: not a JSON array of gold views", path.display()));
    }
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| serde_json::from_str(l).with_context(|| format!("{}:{}: not a gold view", path.display(), i + 1)))
        .collect()
}

/// The id lists of a gold directory: the given ones first, then the nearest `gazetteer.tsv`
/// and `actors.tsv` in the directory or above it.
fn id_lists(gold: &Path, extra: &[PathBuf]) -> anyhow::Result<IdLists> {
    let mut ids = IdLists::new();
    for p in extra {
        let tsv = std::fs::read_to_string(p).with_context(|| format!("{}: cannot read id list", p.display()))?;
        ids.add_tsv(&tsv);
    }
    for name in ["gazetteer.tsv", "actors.tsv"] {
        let found = gold.ancestors().take(3).map(|d| d.join(name)).find(|p| p.is_file());
        if let Some(p) = found {
            let tsv = std::fs::read_to_string(&p).with_context(|| format!("{}: cannot read id list", p.display()))?;
            ids.add_tsv(&tsv);
        }
    }
    Ok(ids)
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let mut gold = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&a.gold)
        .with_context(|| format!("{}: cannot read gold directory", a.gold.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    entries.sort();
    for p in entries {
        let text = std::fs::read_to_string(&p).with_context(|| format!("{}: cannot read", p.display()))?;
        gold.push(serde_json::from_str::<GoldDoc>(&text).with_context(|| format!("{}: not a gold file", p.display()))?);
    }
    let ids = id_lists(&a.gold, &a.ids)?;
    let system = load_views(&a.output)?;
    if a.explain {
        print!("{}", explain(&gold, &system, &ids, a.doc.as_deref()));
    }
    let scores = score(&gold, &system, &ids);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", scores.report());
    }
    if let Some(path) = &a.floor {
        let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        let floor: Floor = toml::from_str(&text).with_context(|| format!("{}: not a floor file", path.display()))?;
        let fails = scores.below_floor(&floor).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        for f in &fails {
            eprintln!("marsad eval: {f}");
        }
        if !fails.is_empty() {
            return Ok(ExitCode::from(1));
        }
        eprintln!("marsad eval: every measure of {} holds its floor", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
