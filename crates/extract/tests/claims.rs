//! Claims: the data-driven cases of `testdata/claims*.toml`, and properties every claim keeps.

mod common;

use marsad_extract::gold;
use proptest::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    expected: Vec<Expected>,
}

#[derive(Deserialize, Debug)]
struct Expected {
    kind: String,
    lo: u64,
    hi: Option<u64>,
    qualifier: Option<String>,
    group: Option<String>,
    source: Option<String>,
    role: Option<String>,
    uncertain: Option<bool>,
    /// The claim names no group.
    #[serde(default)]
    no_group: bool,
    /// The claim's place; `none` for no place.
    place: Option<String>,
    /// The claim's date (`YYYY-MM-DD` or a range `a/b`); `none` for no date.
    as_of: Option<String>,
}

#[test]
fn claim_cases() {
    let mut failures = Vec::new();
    for (file, case) in common::load::<Case>("claims") {
        let a = common::analyze(&case.text, case.published.as_deref());
        let got = gold::view(&a).claims;
        let render = || {
            got.iter()
                .map(|c| {
                    format!(
                        "{} [{:?},{:?}] {:?} group={:?} source={:?} role={:?} «{}»",
                        c.kind, c.lo, c.hi, c.qualifier, c.group, c.source, c.role, c.evidence
                    )
                })
                .collect::<Vec<_>>()
                .join("\n      ")
        };
        if got.len() != case.expected.len() {
            failures.push(format!(
                "{file}:{}: expected {} claims, got:\n      {}",
                case.name,
                case.expected.len(),
                render()
            ));
            continue;
        }
        for (i, (e, g)) in case.expected.iter().zip(&got).enumerate() {
            let ok = g.kind == e.kind
                && g.lo == Some(e.lo)
                && g.hi == e.hi
                && e.qualifier.as_ref().is_none_or(|q| g.qualifier.as_ref() == Some(q))
                && e.group.as_ref().is_none_or(|x| g.group.as_ref() == Some(x))
                && (!e.no_group || g.group.is_none())
                && e.place.as_ref().is_none_or(|x| g.place.as_deref().unwrap_or("none") == x)
                && e.as_of.as_ref().is_none_or(|x| g.as_of.as_deref().unwrap_or("none") == x)
                && e.source.as_ref().is_none_or(|x| g.source.as_ref() == Some(x))
                && e.role.as_ref().is_none_or(|x| g.role.as_ref() == Some(x))
                && e.uncertain.is_none_or(|u| a.claims[i].uncertain == u);
            if !ok {
                failures.push(format!("{file}:{}: claim {i}: expected {e:?}, got:\n      {}", case.name, render()));
            }
        }
    }
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn doubt_marks_a_claim_uncertain() {
    let a = common::analyze("وأعلن التنظيم أن المئات من عناصره فروا، من دون أن يتسنى التحقق من الرقم.", None);
    assert_eq!(a.claims.len(), 1);
    assert!(a.claims[0].uncertain);
    let a = common::analyze("وأعلن التنظيم أن المئات من عناصره فروا من السجن.", None);
    assert!(!a.claims[0].uncertain);
}

const HEDGES: &[&str] = &["", "نحو ", "أكثر من ", "ما لا يقل عن ", "حوالي ", "قرابة "];
const NOUNS: &[&str] = &["مدنيا", "مقاتلا من تنظيم داعش", "عنصرا من قوات النظام", "شخصا", "سجينا"];
const VERBS: &[&str] = &["قتل", "أصيب", "اعتقلت القوات", "نزح", "فر"];
const SOURCES: &[&str] = &["", "وقال المرصد السوري لحقوق الإنسان إن ", "وذكرت مصادر أن ", "بحسب الأمم المتحدة، "];

proptest! {
    /// Every claim's evidence is a slice of the original text that contains its number.
    #[test]
    fn evidence_contains_the_number(
        h in 0..HEDGES.len(), n in 1u64..100_000, words in any::<bool>(), noun in 0..NOUNS.len(),
        verb in 0..VERBS.len(), src in 0..SOURCES.len(), tail in "[ \u{0621}-\u{064A}]{0,20}",
    ) {
        let number = if words { marsad_text::numbers::to_words(n) } else { n.to_string() };
        let text = format!("{}{} {}{} {}.{}", SOURCES[src], VERBS[verb], HEDGES[h], number, NOUNS[noun], tail);
        let a = common::analyze(&text, Some("2022-01-25"));
        for c in &a.claims {
            prop_assert!(c.evidence.contains(c.number), "{:?} does not contain {:?} in {:?}", c.evidence, c.number, text);
            prop_assert!(c.evidence.slice(&text).is_some(), "{:?} is not a slice of {:?}", c.evidence, text);
            prop_assert!(c.number.slice(&text).is_some());
            prop_assert!(c.interval.hi.is_none_or(|hi| hi >= c.interval.lo));
        }
        prop_assert!(!a.claims.is_empty(), "no claim in {:?}", text);
    }
}

proptest! {
    /// Any text: extraction does not panic and every span it gives is a slice of the text.
    #[test]
    fn any_text_gives_valid_spans(text in "[ \n\u{0621}-\u{065F}\u{0660}-\u{0669}0-9.,،:/«»\"()*+%-]{0,200}") {
        let a = common::analyze(&text, Some("2022-01-25"));
        for c in &a.claims {
            prop_assert!(c.evidence.slice(&text).is_some());
            prop_assert!(c.evidence.contains(c.number));
        }
        for d in &a.dates {
            prop_assert_eq!(d.span.slice(&text), Some(d.text.as_str()));
        }
    }
}

/// The gold view's actors are those the article names and those its figures count: civilians
/// counted are an actor of the article though no word names them as a party.
#[test]
fn the_gold_view_lists_the_groups_its_figures_count() {
    let a = common::analyze("قتل 12 مدنيا في قصف على القرية، بحسب المرصد السوري لحقوق الإنسان.", None);
    assert!(a.claims.iter().any(|c| c.group.as_ref().is_some_and(|g| g.as_str() == "civilians")));
    let actors = gold::view(&a).actors;
    assert!(actors.contains(&"civilians".to_string()), "{actors:?}");
    assert!(!actors.iter().any(|x| x == "article" || x == "unnamed_sources"), "{actors:?}");
}
