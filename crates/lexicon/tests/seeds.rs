//! Entity linking over the development reports: the actor and place sets (what the gold view
//! lists) must reach F1 >= 0.92 against the gold annotations. Skips when the shared data are
//! not present.

use marsad_lexicon::find_mentions;
use marsad_text::TextLayer;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Pseudo-ids that name who says a figure but are not actors of the article.
const PSEUDO: &[&str] = &["article", "unnamed_sources"];

fn shared() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MARSAD_SHARED") {
        return Some(PathBuf::from(p));
    }
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The repository root's sibling `shared/`, also from a worktree one level deeper.
    [here.join("../../../shared"), here.join("../../../../shared")].into_iter().find(|p| p.join("eval").is_dir())
}

#[test]
fn seed_entities_f1() {
    let Some(shared) = shared() else {
        eprintln!("skipping seed_entities_f1: shared data not found (set MARSAD_SHARED)");
        return;
    };
    let eval = shared.join("eval");
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(&eval)
        .expect("eval dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    gold_files.sort();
    assert!(!gold_files.is_empty(), "no gold files in {}", eval.display());
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for gf in &gold_files {
        let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(gf).expect("gold")).expect("json");
        let doc = gold["doc"].as_str().expect("doc name");
        let text = std::fs::read_to_string(shared.join("corpus/seeds").join(doc)).expect("seed text");
        let m = find_mentions(&TextLayer::new(&text));
        let got_a: BTreeSet<String> =
            m.actors.iter().map(|a| a.actor.to_string()).filter(|a| !PSEUDO.contains(&a.as_str())).collect();
        let got_p: BTreeSet<String> = m.places.iter().map(|p| p.place.to_string()).collect();
        let ids = |k: &str| -> BTreeSet<String> {
            gold[k]
                .as_array()
                .map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect())
                .unwrap_or_default()
        };
        for (g, s) in [(ids("actors"), got_a), (ids("places"), got_p)] {
            tp += g.intersection(&s).count();
            fp += s.difference(&g).count();
            fn_ += g.difference(&s).count();
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    eprintln!("seed entities: P={p:.3} R={r:.3} F1={f1:.3} (tp={tp} fp={fp} fn={fn_})");
    assert!(f1 >= 0.92, "entity F1 {f1:.3} < 0.92 (P={p:.3} R={r:.3}, tp={tp} fp={fp} fn={fn_})");
}
