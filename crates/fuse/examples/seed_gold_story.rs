//! Write the analyses of the seed reports with their gold claims (what a perfect claims stage
//! would find) as JSON lines, the input of `marsad story --from analysis`:
//!
//!     cargo run -p marsad-fuse --example seed_gold_story -- SHARED_DIR OUT.jsonl

use std::io::Write;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: seed_gold_story SHARED_DIR OUT.jsonl";
    let shared = PathBuf::from(args.next().ok_or(usage)?);
    let out = args.next().ok_or(usage)?;
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(shared.join("corpus/seeds"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
    for p in &seeds {
        let name = p.file_name().ok_or("seed without a name")?.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(p)?;
        let gold = std::fs::read_to_string(shared.join("eval").join(name.replace(".txt", ".gold.json")))?;
        let a = marsad_fuse::synthetic::from_gold(&name, &text, &gold, marsad_extract::analyze)?;
        serde_json::to_writer(&mut w, &a)?;
        writeln!(w)?;
    }
    w.flush()?;
    println!("{out}: {} analyses", seeds.len());
    Ok(())
}
