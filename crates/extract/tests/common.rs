//! Shared helpers of the extraction tests: loading TOML cases and running the pipeline.

#![allow(dead_code)]

use chrono::NaiveDate;
use marsad_core::{Analysis, DocId, Document, Metadata};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
pub struct Cases<T> {
    pub case: Vec<T>,
}

pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Every case of the testdata files whose names start with `prefix`.
pub fn load<T: DeserializeOwned>(prefix: &str) -> Vec<(String, T)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(testdata())
        .expect("testdata directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            n.starts_with(prefix) && n.ends_with(".toml")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no testdata/{prefix}*.toml");
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("readable testdata");
        let cases: Cases<T> = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        out.extend(cases.case.into_iter().map(|c| (name.clone(), c)));
    }
    out
}

pub fn analyze(text: &str, published: Option<&str>) -> Analysis {
    let given = Metadata {
        published: published.map(|p| NaiveDate::parse_from_str(p, "%Y-%m-%d").expect("published is YYYY-MM-DD")),
        ..Metadata::default()
    };
    marsad_extract::analyze(Document { id: DocId::new("case.txt"), text: text.to_string(), given })
}

/// The shared data directory (`MARSAD_SHARED`, else `../shared` beside the repository).
pub fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("MARSAD_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    dir.join("eval").is_dir().then_some(dir)
}
