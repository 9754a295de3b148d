//! The development set: the five seed reports of `shared/corpus/seeds` scored against their
//! gold files with the native scorer. Skipped (with a message) when `shared/` is absent.

mod common;

use marsad_core::{DocId, Document};
use marsad_extract::gold::{self, GoldDoc};
use marsad_extract::score::{score, IdLists};

#[test]
fn dev_set_targets_for_dates_claims_and_metadata() {
    let Some(shared) = common::shared() else {
        eprintln!("skipped: shared data not found (set MARSAD_SHARED)");
        return;
    };
    let eval = shared.join("eval");
    let mut gold_files: Vec<_> = std::fs::read_dir(&eval)
        .expect("eval directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    gold_files.sort();
    let mut gold_docs = Vec::new();
    let mut system = Vec::new();
    for g in gold_files {
        let gd: GoldDoc = serde_json::from_str(&std::fs::read_to_string(&g).expect("gold file")).expect("gold json");
        let text = std::fs::read_to_string(shared.join("corpus/seeds").join(&gd.doc)).expect("seed text");
        let a =
            marsad_extract::analyze(Document { id: DocId::new(&gd.doc), text: text.clone(), ..Document::default() });
        for c in &a.claims {
            assert!(c.evidence.contains(c.number), "{}: evidence without its number", gd.doc);
            assert!(c.evidence.slice(&text).is_some(), "{}: evidence off the text", gd.doc);
        }
        system.push(gold::view(&a));
        gold_docs.push(gd);
    }
    let mut ids = IdLists::new();
    if let Ok(tsv) = std::fs::read_to_string(eval.join("gazetteer.tsv")) {
        ids.add_tsv(&tsv);
    }
    let s = score(&gold_docs, &system, &ids);
    let report = s.report();
    assert!(s.f1("dates") >= 0.95, "dates F1 below 0.95:\n{report}");
    assert!(s.f1("claims") >= 0.88, "claims F1 below 0.88:\n{report}");
    assert!(s.f1("claims_full") >= 0.75, "claims_full F1 below 0.75:\n{report}");
    for (g, got) in gold_docs.iter().zip(&system) {
        assert_eq!(g.meta.published, got.meta.published, "{}: published", g.doc);
    }
}
