use anyhow::Context;
use marsad_extract::gold::GoldDoc;
use marsad_extract::score::{load_parents, score, Parents};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Directory of `*.gold.json` files (and optionally `gazetteer.tsv` with place parents).
    #[arg(long)]
    gold: PathBuf,
    /// Output of `marsad extract --format gold` (JSON lines or a JSON array).
    output: PathBuf,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
}

fn load_views(path: &PathBuf) -> anyhow::Result<Vec<GoldDoc>> {
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
    let mut parents = Parents::new();
    if let Ok(tsv) = std::fs::read_to_string(a.gold.join("gazetteer.tsv")) {
        load_parents(&tsv, &mut parents);
    }
    let system = load_views(&a.output)?;
    let scores = score(&gold, &system, &parents);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&scores)?);
    } else {
        print!("{}", scores.report());
    }
    Ok(ExitCode::SUCCESS)
}
