//! Training data and held-out scores for the entity tagger of `marsad_lexicon::ner`.
//!
//! ```sh
//! # the features of a tagged corpus, in CRFsuite's format (label TAB feature TAB ...)
//! cargo run --release -p marsad-lexicon --example ner -- features anercorp FILE [--lines N] > train.crf
//! # entity F1 (exact spans; PER, ORG, LOC) of a model on a tagged corpus
//! cargo run --release -p marsad-lexicon --example ner -- eval anercorp FILE [MODEL.tsv]
//! ```
//!
//! Formats: `anercorp` (`token TAG` per line, a blank line or a lone `.` ends a sentence;
//! `--lines N` reads the first N lines only) and `wojood` (`token TAG [TAG...]`, the first tag
//! counts, `$#$` lines skipped). Tags map to PER (PERS, PER), ORG, LOC (LOC, GPE, FAC); others
//! are O.

use marsad_lexicon::ner::{feature_strings, normalize_token, spans, Covered, TagBuffers, TagToken, Tagger, LABELS};
use marsad_lexicon::{find_mentions, Lexicon};
use marsad_text::TextLayer;
use std::collections::BTreeMap;

struct Sentence {
    words: Vec<String>,
    labels: Vec<u8>,
}

fn label(tag: &str) -> u8 {
    let (bio, ty) = tag.split_once('-').unwrap_or(("O", ""));
    let base = match ty {
        "PERS" | "PER" => 1,
        "ORG" => 3,
        "LOC" | "GPE" | "FAC" => 5,
        _ => return 0,
    };
    if bio == "I" {
        base + 1
    } else {
        base
    }
}

fn read(format: &str, text: &str, max_lines: usize) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence { words: Vec::new(), labels: Vec::new() };
    let flush = |cur: &mut Sentence, out: &mut Vec<Sentence>| {
        if !cur.words.is_empty() {
            out.push(std::mem::replace(cur, Sentence { words: Vec::new(), labels: Vec::new() }));
        }
    };
    for line in text.lines().take(max_lines) {
        let line = line.trim_start_matches('\u{feff}');
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        let (words, tag) = match format {
            "wojood" => {
                if fields[0] == "$#$" {
                    continue;
                }
                (&fields[..1], fields.get(1).copied().unwrap_or("O"))
            }
            _ => {
                if fields.len() < 2 {
                    continue;
                }
                (&fields[..fields.len() - 1], fields[fields.len() - 1])
            }
        };
        let y = label(tag);
        for (k, w) in words.iter().enumerate() {
            let w = normalize_token(w);
            if w.is_empty() {
                continue;
            }
            cur.words.push(w);
            // A token of several words: the later ones continue the entity.
            cur.labels.push(if k > 0 && y % 2 == 1 { y + 1 } else { y });
        }
        if format == "anercorp" && words == ["."] || cur.words.len() >= 120 {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Which lexicon mention covers each word, read from the sentence joined by spaces.
fn coverage(words: &[String]) -> Vec<Covered> {
    let mut starts = Vec::with_capacity(words.len());
    let mut text = String::new();
    for w in words {
        if !text.is_empty() {
            text.push(' ');
        }
        starts.push(text.len());
        text.push_str(w);
    }
    let layer = TextLayer::new(&text);
    let m = find_mentions(&layer);
    let mut out = vec![Covered::No; words.len()];
    let spans = m
        .actors
        .iter()
        .map(|a| (a.span, Covered::Actor))
        .chain(m.persons.iter().map(|p| (p.mention.span, Covered::Actor)))
        .chain(m.places.iter().map(|p| (p.span, Covered::Place)));
    for (s, c) in spans {
        for (k, (&st, w)) in starts.iter().zip(words).enumerate() {
            if st < s.end && s.start < st + w.len() {
                out[k] = c;
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: ner features|eval anercorp|wojood FILE [--lines N] [MODEL.tsv]";
    let (Some(mode), Some(format), Some(path)) = (args.first(), args.get(1), args.get(2)) else {
        eprintln!("{usage}");
        std::process::exit(2);
    };
    let mut max_lines = usize::MAX;
    let mut model_path = None;
    let mut rest = args[3..].iter();
    while let Some(a) = rest.next() {
        if a == "--lines" {
            max_lines = rest.next().and_then(|n| n.parse().ok()).unwrap_or(usize::MAX);
        } else {
            model_path = Some(a.clone());
        }
    }
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let sentences = read(format, &text, max_lines);
    let lex = Lexicon::embedded();
    let owned;
    let tagger = match &model_path {
        Some(p) => {
            owned = Tagger::parse(&std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}")))
                .unwrap_or_else(|e| panic!("{p}: {e}"));
            &owned
        }
        None => Tagger::embedded(),
    };
    let mut tally: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    let (mut buf, mut got) = (TagBuffers::default(), Vec::new());
    for s in &sentences {
        let cov = coverage(&s.words);
        let toks: Vec<TagToken<'_>> = s.words.iter().zip(&cov).map(|(w, &c)| TagToken::new(lex, w, c)).collect();
        match mode.as_str() {
            "features" => {
                for (i, y) in s.labels.iter().enumerate() {
                    println!("{}\t{}", LABELS[*y as usize], feature_strings(&toks, i).join("\t"));
                }
                println!();
            }
            "eval" => {
                tagger.tag(&toks, &mut buf, &mut got);
                let gold = spans(&s.labels);
                let sys = spans(&got);
                for kind in ["person", "org", "place"] {
                    let of = |v: &[(usize, usize, marsad_core::EntityKind)]| {
                        v.iter().filter(|e| e.2.prefix() == kind).map(|e| (e.0, e.1)).collect::<Vec<_>>()
                    };
                    let (g, y) = (of(&gold), of(&sys));
                    let tp = y.iter().filter(|e| g.contains(e)).count();
                    let t = tally.entry(kind).or_default();
                    t[0] += tp;
                    t[1] += y.len() - tp;
                    t[2] += g.len() - tp;
                }
            }
            _ => {
                eprintln!("{usage}");
                std::process::exit(2);
            }
        }
    }
    if mode == "eval" {
        let mut all = [0usize; 3];
        let f = |t: [usize; 3]| {
            let p = t[0] as f64 / (t[0] + t[1]).max(1) as f64;
            let r = t[0] as f64 / (t[0] + t[2]).max(1) as f64;
            (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
        };
        for (k, t) in &tally {
            let (p, r, f1) = f(*t);
            println!("{k}\tp {p:.3}\tr {r:.3}\tf1 {f1:.3}\t(tp {} fp {} fn {})", t[0], t[1], t[2]);
            for j in 0..3 {
                all[j] += t[j];
            }
        }
        let (p, r, f1) = f(all);
        println!("all\tp {p:.3}\tr {r:.3}\tf1 {f1:.3}\t({} sentences)", sentences.len());
    }
}
