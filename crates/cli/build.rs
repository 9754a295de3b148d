//! The extractor version recorded with every stored analysis: the crate version plus a hash of
//! everything that decides what extraction finds (the code and embedded data of the `core`,
//! `text`, `lexicon` and `extract` crates). Any change to a rule, a lexicon row or a trigger
//! word gives a new version, so `marsad ingest` can tell which stored analyses are stale.

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut all = Vec::new();
    for krate in ["core", "text", "lexicon", "extract"] {
        for part in ["src", "data"] {
            let dir = crates.join(krate).join(part);
            println!("cargo:rerun-if-changed={}", dir.display());
            files(&dir, &mut all);
        }
    }
    all.sort();
    let mut h = Sha256::new();
    for p in &all {
        let rel = p.strip_prefix(&crates).unwrap_or(p);
        h.update(rel.to_string_lossy().as_bytes());
        h.update([0]);
        h.update(std::fs::read(p).unwrap_or_default());
        h.update([0]);
    }
    let digest = h.finalize();
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    println!("cargo:rustc-env=MARSAD_EXTRACTOR={}+{hex}", std::env::var("CARGO_PKG_VERSION").unwrap_or_default());
}
