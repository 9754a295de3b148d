//! Compiles the lexicon data files into the matcher's pattern table once, at build time:
//! every name normalized, its quoted variants added, and shared names merged, so a process only
//! parses a ready table before building its dictionary.

#[path = "src/family.rs"]
mod family;
#[path = "src/patterns.rs"]
mod patterns;

use patterns::{compile, render, Rec};
use std::path::Path;

fn table(text: &str) -> (Vec<&str>, Vec<Vec<&str>>) {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let head: Vec<&str> = lines.next().unwrap_or("").split('\t').map(str::trim).collect();
    (head, lines.map(|l| l.split('\t').map(str::trim).collect()).collect())
}

fn col<'a>(head: &[&str], row: &[&'a str], name: &str) -> &'a str {
    head.iter().position(|h| *h == name).and_then(|i| row.get(i)).copied().unwrap_or("")
}

fn names(s: &str) -> Vec<&str> {
    s.split('|').map(str::trim).filter(|n| !n.is_empty()).collect()
}

fn main() {
    let data = Path::new("data");
    for f in ["actors.tsv", "places.tsv", "generic_refs.tsv", "countries.tsv", "state_bodies.tsv"] {
        println!("cargo:rerun-if-changed=data/{f}");
    }
    println!("cargo:rerun-if-changed=src/patterns.rs");
    println!("cargo:rerun-if-changed=src/family.rs");
    let read = |f: &str| std::fs::read_to_string(data.join(f)).unwrap_or_else(|e| panic!("data/{f}: {e}"));
    let norm = |s: &str| marsad_text::normalize::normalize_str(s).split_whitespace().collect::<Vec<_>>().join(" ");
    let out_dir = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR is set by cargo")).to_path_buf();
    let actors = family::expand(&read("actors.tsv"), &read("countries.tsv"), &read("state_bodies.tsv"), &norm)
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out_dir.join("actors_full.tsv"), &actors).unwrap_or_else(|e| panic!("actors_full.tsv: {e}"));
    let (places, generic) = (read("places.tsv"), read("generic_refs.tsv"));
    let mut recs = Vec::new();
    let (h, rows) = table(&actors);
    for r in &rows {
        recs.push(Rec {
            tag: 'a',
            key: col(&h, r, "id").to_string(),
            names: names(col(&h, r, "names_ar")),
            person: col(&h, r, "kind") == "person",
            curated: true,
        });
    }
    let (h, rows) = table(&generic);
    for (i, r) in rows.iter().enumerate() {
        recs.push(Rec {
            tag: 'g',
            key: i.to_string(),
            names: names(col(&h, r, "words")),
            person: false,
            curated: true,
        });
    }
    let (h, rows) = table(&places);
    for r in &rows {
        let source = col(&h, r, "source");
        recs.push(Rec {
            tag: 'p',
            key: col(&h, r, "id").to_string(),
            names: names(col(&h, r, "names_ar")),
            person: false,
            curated: source.is_empty() || source == "eval" || source == "extra",
        });
    }
    let patterns = compile(&recs, &norm);
    let out = out_dir.join("patterns.tsv");
    std::fs::write(&out, render(&patterns)).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
