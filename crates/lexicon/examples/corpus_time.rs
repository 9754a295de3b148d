//! CPU time of mention finding and of the bare scan over documents given as JSON strings, one
//! per line, with a hash of the mentions to compare two builds:
//! `cargo run --release -p marsad-lexicon --example corpus_time -- FILE`
use std::hash::{Hash, Hasher};
use std::time::Duration;

/// CPU time of this thread (Linux; the wall clock of a shared machine is noisy).
fn cpu() -> Duration {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    Duration::from_nanos(s.split_whitespace().next().and_then(|x| x.parse().ok()).unwrap_or(0))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: corpus_time FILE")?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let docs: Vec<String> = text.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    let layers: Vec<_> = docs.iter().map(|d| marsad_text::TextLayer::new(d)).collect();
    marsad_lexicon::find_mentions(&layers[0]);
    for round in 0..3 {
        let t0 = cpu();
        let all: Vec<_> = layers.iter().map(marsad_lexicon::find_mentions).collect();
        let t1 = cpu();
        let n: usize = layers.iter().map(|l| marsad_lexicon::bare_scan(&l.norm.text)).sum();
        let t2 = cpu();
        let mut h = std::hash::DefaultHasher::new();
        for m in &all {
            format!("{:?}{:?}{:?}{:?}", m.actors, m.places, m.persons, m.generics).hash(&mut h);
        }
        println!(
            "round {round}: mentions {:?} (hash {:x}), bare scan {:?} ({n} matches)",
            t1 - t0,
            h.finish(),
            t2 - t1
        );
    }
    Ok(())
}
