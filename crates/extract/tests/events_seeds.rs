//! The dev-set targets for events on the seed reports of `shared/` (events F1 ≥ 0.75, event
//! type accuracy ≥ 0.9, event actors accuracy ≥ 0.75 among matched events), scored with the
//! native port of score.py. Skips with a message when `shared/` is absent, or when the date
//! stage finds no date at all in the seeds (events are matched on dates, so the event figures
//! are only meaningful with it).

use marsad_core::{DocId, Document};
use marsad_extract::analyze;
use marsad_extract::gold::{view, GoldDoc};
use marsad_extract::score::{score, IdLists};
use std::path::PathBuf;

/// `MARSAD_SHARED`, else the first `shared/` beside the repository or one of its parents.
fn shared() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("MARSAD_SHARED").map(PathBuf::from) {
        return dir.join("eval").is_dir().then_some(dir);
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.ancestors().skip(2).map(|a| a.join("shared")).find(|d| d.join("eval").is_dir())
}

#[test]
fn seed_events_meet_the_targets() {
    let Some(shared) = shared() else {
        eprintln!("skipped: shared/ not found (set MARSAD_SHARED)");
        return;
    };
    let eval = shared.join("eval");
    let mut gold: Vec<GoldDoc> = Vec::new();
    let mut system: Vec<GoldDoc> = Vec::new();
    let mut dates_found = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&eval)
        .expect("eval dir readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no gold files in {}", eval.display());
    for g in files {
        let gd: GoldDoc = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
        let text = std::fs::read_to_string(shared.join("corpus/seeds").join(&gd.doc))
            .unwrap_or_else(|e| panic!("{}: {e}", gd.doc));
        let a = analyze(Document { id: DocId::new(&gd.doc), text, ..Document::default() });
        dates_found += a.dates.len();
        system.push(view(&a));
        gold.push(gd);
    }
    if dates_found == 0 {
        eprintln!("skipped: the date stage found no dates in the seeds; event targets need it");
        return;
    }
    let mut ids = IdLists::new();
    ids.add_tsv(&std::fs::read_to_string(eval.join("gazetteer.tsv")).unwrap_or_default());
    let s = score(&gold, &system, &ids);
    let f1 = s.f1("events");
    let ty = s.agreements["event_type"].accuracy().unwrap_or(0.0);
    let actors = s.agreements["event_actors"].accuracy().unwrap_or(0.0);
    eprintln!("events_f1={f1:.3} event_type={ty:.3} event_actors={actors:.3}");
    assert!(f1 >= 0.75, "events F1 {f1:.3} < 0.75\n{}", s.report());
    assert!(ty >= 0.9, "event type accuracy {ty:.3} < 0.9");
    assert!(actors >= 0.75, "event actors accuracy {actors:.3} < 0.75");
}
