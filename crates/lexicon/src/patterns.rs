//! Turning lexicon records into matcher patterns. Shared by `build.rs`, which runs it once at
//! build time over the data files, and by tests that compile ad-hoc lexicons; nothing here
//! depends on the rest of the crate.

use std::collections::{BTreeMap, BTreeSet};

/// What a pattern names: `a` actor, `p` place, `g` generic word (key = row number), `s`
/// surname of a listed person.
pub type Tag = char;

pub struct Rec<'a> {
    pub tag: Tag,
    pub key: String,
    pub names: Vec<&'a str>,
    /// Persons also get their family name as a surname pattern.
    pub person: bool,
    /// Generated places never take a name a generic word uses.
    pub curated: bool,
}

/// One pattern: the normalized name searched for, and the records it names. Clitics are the
/// matcher's business (a name with its article also takes ل as لل: للحسكة).
pub struct Pattern {
    pub text: String,
    pub targets: Vec<(Tag, String)>,
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// Pattern text → targets, ordered so the output is deterministic.
type Table = BTreeMap<String, Vec<(Tag, String)>>;

/// Compile records into patterns; `norm` is the matching normalization with spaces collapsed.
pub fn compile(recs: &[Rec], norm: &dyn Fn(&str) -> String) -> Vec<Pattern> {
    let mut by: Table = BTreeMap::new();
    let add = |by: &mut Table, name: &str, t: (Tag, String)| {
        let n = norm(name);
        if letters(&n) < 2 {
            return;
        }
        let e = by.entry(n).or_default();
        if !e.contains(&t) {
            e.push(t);
        }
    };
    for r in recs.iter().filter(|r| r.tag != 'p') {
        for n in &r.names {
            add(&mut by, n, (r.tag, r.key.clone()));
            // A name whose head stands outside quotes: صحيفة «التايمز», قناة "الحرة".
            if r.tag == 'a' && !n.contains('"') && !n.contains('«') {
                if let Some((head, rest)) = n.split_once(' ') {
                    add(&mut by, &format!("{head} \"{rest}\""), (r.tag, r.key.clone()));
                }
            }
        }
        if r.person {
            if let Some(full) = r.names.first() {
                let toks: Vec<&str> = full.split_whitespace().collect();
                if toks.len() >= 2 && toks[toks.len() - 1].chars().count() >= 4 {
                    add(&mut by, toks[toks.len() - 1], ('s', r.key.clone()));
                }
            }
        }
    }
    // Generic words (التحالف، السجن) are never names of generated places; names shared with
    // actors stay, and context decides between the readings.
    let taken: BTreeSet<String> =
        by.iter().filter(|(_, t)| t.iter().any(|(g, _)| *g == 'g')).map(|(k, _)| k.clone()).collect();
    for r in recs.iter().filter(|r| r.tag == 'p') {
        for n in &r.names {
            if !r.curated && taken.contains(&norm(n)) {
                continue;
            }
            add(&mut by, n, ('p', r.key.clone()));
        }
    }
    by.into_iter()
        .map(|(text, mut targets)| {
            // Lexicon names win over generic words and surnames spelled the same.
            if targets.iter().any(|(t, _)| *t == 'a' || *t == 'p') {
                targets.retain(|(t, _)| *t == 'a' || *t == 'p');
            }
            Pattern { text, targets }
        })
        .collect()
}

/// The generated table: `text \t tag:key,tag:key` per line.
#[cfg_attr(not(test), allow(dead_code))] // the library reads the table build.rs rendered
pub fn render(patterns: &[Pattern]) -> String {
    let mut out = String::new();
    for p in patterns {
        let t: Vec<String> = p.targets.iter().map(|(g, k)| format!("{g}:{k}")).collect();
        out.push_str(&format!("{}\t{}\n", p.text, t.join(",")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_and_surname_variants() {
        let recs = [
            Rec {
                tag: 'a', key: "times".into(), names: vec!["صحيفة التايمز"], person: false, curated: true
            },
            Rec { tag: 'a', key: "someone".into(), names: vec!["سامي الحداد"], person: true, curated: true },
            Rec { tag: 'g', key: "0".into(), names: vec!["السجن"], person: false, curated: true },
            Rec {
                tag: 'p', key: "village".into(), names: vec!["السجن", "الحسكة"], person: false, curated: false
            },
        ];
        let table = render(&compile(&recs, &|s: &str| s.to_string()));
        assert!(table.contains("صحيفة \"التايمز\"\ta:times\n"), "{table}");
        assert!(table.contains("الحداد\ts:someone\n"), "{table}");
        assert!(table.contains("الحسكة\tp:village\n"), "{table}");
        // The contraction with ل (للحسكة) is the matcher's grammar, not a pattern.
        assert!(!table.contains("للحسكة"), "{table}");
        // A generated place does not take a generic word as its name.
        assert!(table.contains("السجن\tg:0\n"), "{table}");
    }
}
