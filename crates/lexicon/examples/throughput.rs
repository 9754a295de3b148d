//! Throughput of mention finding over a large text file, separate from the text layer:
//! `cargo run --release -p marsad-lexicon --example throughput -- FILE`
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: throughput FILE")?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    // Articles are separated by blank lines in the benchmark file; each is one document.
    let docs: Vec<&str> = text.split("\n\n").filter(|d| !d.trim().is_empty()).collect();
    marsad_lexicon::Lexicon::embedded();
    let t0 = Instant::now();
    let layers: Vec<_> = docs.iter().map(|d| marsad_text::TextLayer::new(d)).collect();
    let t1 = Instant::now();
    let mut n = 0;
    for l in &layers {
        let m = marsad_lexicon::find_mentions(l);
        n += m.actors.len() + m.places.len();
    }
    let t2 = Instant::now();
    let mb = text.len() as f64 / 1e6;
    println!(
        "{} docs, {mb:.1} MB: text layer {:?}, mentions {:?} ({:.1} MB/s), {n} mentions",
        docs.len(),
        t1 - t0,
        t2 - t1,
        mb / (t2 - t1).as_secs_f64()
    );
    Ok(())
}
