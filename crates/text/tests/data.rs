//! Data-driven cases from `testdata/*.toml`: normalization, tokens, sentences, quotations and
//! clitic analysis. Each file's cases all run; failures are collected and reported together.

use marsad_text::clitics::{analyze, Segmentation};
use marsad_text::{Normalizer, Stage, TextLayer};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct File<C> {
    case: Vec<C>,
}

fn load<C: for<'de> Deserialize<'de>>(name: &str) -> Vec<C> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let file: File<C> = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(!file.case.is_empty(), "{}: no cases", path.display());
    file.case
}

fn report(file: &str, failures: Vec<String>) {
    assert!(failures.is_empty(), "{file}: {} failing case(s):\n{}", failures.len(), failures.join("\n"));
}

#[derive(Deserialize)]
struct NormCase {
    name: String,
    text: String,
    expected: String,
    stages: Option<Vec<Stage>>,
}

#[test]
fn normalization_cases() {
    let mut failures = Vec::new();
    for c in load::<NormCase>("normalize.toml") {
        let n = match &c.stages {
            Some(s) => Normalizer::new(s),
            None => Normalizer::default(),
        };
        let got = n.normalize(&c.text).text;
        if got != c.expected {
            failures.push(format!("  {}: got {:?}, expected {:?}", c.name, got, c.expected));
        }
    }
    report("normalize.toml", failures);
}

#[derive(Deserialize)]
struct ListCase {
    name: String,
    text: String,
    expected: Vec<String>,
    quotes: Option<Vec<String>>,
}

#[test]
fn token_cases() {
    let mut failures = Vec::new();
    for c in load::<ListCase>("tokens.toml") {
        let layer = TextLayer::new(&c.text);
        let got: Vec<String> = layer
            .tokens
            .iter()
            .map(|t| {
                let kind = serde_json::to_string(&t.kind).expect("kinds serialize");
                format!("{} {}", kind.trim_matches('"'), &c.text[t.span.range()])
            })
            .collect();
        if got != c.expected {
            failures.push(format!("  {}:\n    got      {:?}\n    expected {:?}", c.name, got, c.expected));
        }
    }
    report("tokens.toml", failures);
}

#[test]
fn sentence_cases() {
    let mut failures = Vec::new();
    for c in load::<ListCase>("sentences.toml") {
        let layer = TextLayer::new(&c.text);
        let got: Vec<String> = layer
            .sentences
            .iter()
            .map(|s| {
                let kind = serde_json::to_string(&s.kind).expect("kinds serialize");
                format!("{}: {}", kind.trim_matches('"'), &c.text[s.span.range()])
            })
            .collect();
        if got != c.expected {
            failures.push(format!("  {}:\n    got      {:?}\n    expected {:?}", c.name, got, c.expected));
        }
        if let Some(quotes) = &c.quotes {
            let got: Vec<&str> = layer.quotations(&c.text).iter().map(|q| &c.text[q.range()]).collect();
            if &got != quotes {
                failures.push(format!("  {} (quotes): got {:?}, expected {:?}", c.name, got, quotes));
            }
        }
    }
    report("sentences.toml", failures);
}

#[derive(Deserialize)]
struct CliticCase {
    name: String,
    text: String,
    #[serde(default)]
    expected: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
}

#[test]
fn clitic_cases() {
    let mut failures = Vec::new();
    for c in load::<CliticCase>("clitics.toml") {
        let a = analyze(&c.text);
        let forms: Vec<String> = a.iter().map(Segmentation::lookup_form).collect();
        if !a.first().is_some_and(|s| s.is_whole() && s.stem == c.text) {
            failures.push(format!("  {}: the first candidate is not the whole word: {forms:?}", c.name));
        }
        for e in &c.expected {
            if !forms.contains(e) {
                failures.push(format!("  {}: {e:?} not offered: {forms:?}", c.name));
            }
        }
        for e in &c.absent {
            if forms.contains(e) {
                failures.push(format!("  {}: {e:?} offered: {forms:?}", c.name));
            }
        }
    }
    report("clitics.toml", failures);
}
