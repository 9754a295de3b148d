//! Training data of the eventness model: every trigger occurrence that could make an event,
//! with its features, as JSON lines (read by `tools/train_eventness.py`).
//!
//! Usage: `cargo run --release -p marsad-extract --example eventness_data -- SENTENCES.jsonl`
//!
//! Three sources, one line per text:
//! - the labelled sentences (`{id, text, date, split}` records; each sentence is read alone,
//!   as a one-sentence report published on its article's date, as the sentence scorer reads
//!   it); the labels stay in their own file, joined by the trainer;
//! - the example sentences of `data/triggers.toml`, with the action each must give (`none`
//!   for none), source `trigger_example`;
//! - the cases of `testdata/events.toml`, with their expected action (or `none`), source
//!   `case`.
//!
//! Each line: `{source, id, split, expected, candidates: [{sentence, action, verdict,
//! features}]}` (`verdict`: what the rules alone make of the occurrence); `expected` is null for the labelled sentences.

use chrono::NaiveDate;
use marsad_core::{DocId, Document, Metadata};
use marsad_extract::candidate_features;
use marsad_extract::triggers::Triggers;
use serde::Deserialize;
use serde_json::{json, Value};
use std::io::{BufRead, Write};

#[derive(Deserialize)]
struct Sentence {
    id: String,
    text: String,
    date: Option<String>,
    #[serde(default)]
    split: Option<String>,
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expected: Expected,
}

#[derive(Deserialize)]
struct Expected {
    #[serde(default)]
    none: bool,
    action: Option<String>,
}

fn line(
    source: &str,
    id: &str,
    split: Option<&str>,
    expected: Option<&str>,
    text: &str,
    date: Option<NaiveDate>,
) -> Value {
    let doc = Document {
        id: DocId::new(id),
        text: text.to_string(),
        given: Metadata { published: date, ..Metadata::default() },
    };
    let cands: Vec<Value> = candidate_features(doc)
        .into_iter()
        .map(|c| json!({"sentence": c.sentence, "action": c.action.as_str(), "verdict": c.verdict.as_str(), "features": c.features}))
        .collect();
    json!({"source": source, "id": id, "split": split, "expected": expected, "candidates": cands})
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: eventness_data SENTENCES.jsonl")?;
    let out = std::io::stdout();
    let mut out = out.lock();
    let file = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
    for (n, l) in std::io::BufReader::new(file).lines().enumerate() {
        let l = l?;
        if l.trim().is_empty() {
            continue;
        }
        let s: Sentence = serde_json::from_str(&l).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let date = s.date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        writeln!(out, "{}", line("sentences", &s.id, s.split.as_deref(), None, &s.text, date))?;
    }
    for (i, entry) in Triggers::embedded().entries.iter().enumerate() {
        for (k, ex) in entry.examples.iter().enumerate() {
            let id = format!("trigger{i}.{k}");
            writeln!(
                out,
                "{}",
                line("trigger_example", &id, None, Some(ex.action.map_or("none", |a| a.as_str())), &ex.text, None)
            )?;
        }
    }
    let cases_path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/events.toml");
    let cases: Cases = toml::from_str(&std::fs::read_to_string(cases_path)?)?;
    for c in cases.case {
        let expected = if c.expected.none { Some("none") } else { c.expected.action.as_deref() };
        writeln!(out, "{}", line("case", &c.name, None, expected, &c.text, None))?;
    }
    Ok(())
}
