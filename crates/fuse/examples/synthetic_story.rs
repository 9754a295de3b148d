//! Write the analyses of a synthetic story case (`testdata/stories.toml`) as JSON lines, the
//! input of `marsad story --from analysis`. Used for the demo page and the browser test where
//! the real seed reports are absent.
//!
//!     cargo run -p marsad-fuse --example synthetic_story -- OUT.jsonl [CASE-INDEX]

#[path = "../tests/support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use serde::Deserialize;
use std::io::Write;
use synthetic::{build, ReportSpec};

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    report: Vec<ReportSpec>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args.next().ok_or("usage: synthetic_story OUT.jsonl [CASE-INDEX]")?;
    let index: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(0);
    let file: File = toml::from_str(include_str!("../testdata/stories.toml"))?;
    let case = file.case.get(index).ok_or_else(|| format!("no case {index}"))?;
    let analyses = build(&case.report, marsad_extract::analyze)?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(&out)?);
    for a in &analyses {
        serde_json::to_writer(&mut w, a)?;
        writeln!(w)?;
    }
    w.flush()?;
    println!("{out}: {} analyses", analyses.len());
    Ok(())
}
