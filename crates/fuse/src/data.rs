//! The fusion stage's data files (`data/`), embedded and compiled once into lookup tables.
//!
//! Words are stored normalized with the matching normalizer of the text layer, so they compare
//! equal to token texts whatever spelling variant the file or the article uses.

use crate::words::Phrases;
use marsad_core::{Action, ClaimKind, PlaceId, Role};
use marsad_text::normalize::normalize_str;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const KINDS_TOML: &str = include_str!("../data/kinds.toml");
const ACTIONS_TOML: &str = include_str!("../data/actions.toml");
const UNIVERSAL_TOML: &str = include_str!("../data/universal.toml");
const STOPWORDS_TXT: &str = include_str!("../data/stopwords.txt");
const SUBSET_TXT: &str = include_str!("../data/subset.txt");
const ATTRIBUTION_TXT: &str = include_str!("../data/attribution.txt");
const REGIONS_TOML: &str = include_str!("../data/regions.toml");

/// How a kind of figure behaves over time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dynamics {
    /// A running total of one event: it can only grow.
    Cumulative,
    /// A standing number at a moment: it may move either way.
    Stock,
    /// A property of one event that never changes.
    Fixed,
}

/// Where a claim without a place goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unplaced {
    /// About the story's own event: joins the slot of that event.
    Event,
    /// About a general population: joins only wide-area slots.
    Wide,
}

#[derive(Clone, Copy, Debug, Deserialize)]
pub struct KindRule {
    pub dynamics: Dynamics,
    pub same_moment_days: i64,
    pub unplaced: Unplaced,
    /// A story counts one population of these people per place: claims are not split by the
    /// actor the report names (see `data/kinds.toml`).
    #[serde(default)]
    pub one_group: bool,
}

/// A zero-claim rule of `data/universal.toml`, with its words and phrases compiled.
#[derive(Debug)]
pub struct ZeroRule {
    pub name: String,
    pub kind: ClaimKind,
    pub role: Option<Role>,
    pub window: usize,
    pub form: ZeroForm,
    pub actions: Phrases,
}

/// A few rules are loaded once: the size of a variant is no cost worth an indirection.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum ZeroForm {
    /// A quantifier of totality over a group noun.
    All { quantifiers: Phrases, postposed: Phrases, nouns: Phrases },
    /// A negation with a "no one" word.
    None { negations: Phrases, nobody: Phrases },
}

/// Everything the fusion stage reads from its data files.
pub struct Data {
    pub kinds: HashMap<ClaimKind, KindRule>,
    pub families: HashMap<Action, String>,
    pub zero_rules: Vec<ZeroRule>,
    pub stopwords: HashSet<String>,
    /// Subset cues.
    pub subset: Phrases,
    /// Words that attribute a statement to the actor named before them.
    pub attribution: Phrases,
    /// Named regions and the first-level divisions they overlap (`data/regions.toml`).
    pub regions: HashMap<PlaceId, Vec<PlaceId>>,
}

#[derive(Deserialize)]
struct UniversalFile {
    #[serde(default)]
    all: Vec<AllRow>,
    #[serde(default)]
    none: Vec<NoneRow>,
}

#[derive(Deserialize)]
struct AllRow {
    name: String,
    kind: String,
    role: Option<String>,
    window: usize,
    quantifiers: Vec<String>,
    postposed: Vec<String>,
    nouns: Vec<String>,
    actions: Vec<String>,
}

#[derive(Deserialize)]
struct NoneRow {
    name: String,
    kind: String,
    role: Option<String>,
    window: usize,
    negations: Vec<String>,
    nobody: Vec<String>,
    actions: Vec<String>,
}

fn phrases(words: &[String]) -> Phrases {
    Phrases::new(words.iter().map(String::as_str))
}

fn lines(txt: &str) -> impl Iterator<Item = String> + '_ {
    txt.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(normalize_str)
}

fn kind(s: &str) -> ClaimKind {
    ClaimKind::parse(s).unwrap_or_else(|| panic!("data/universal.toml: unknown claim kind {s:?}"))
}

fn role(s: &Option<String>) -> Option<Role> {
    s.as_deref().map(|r| Role::parse(r).unwrap_or_else(|| panic!("data/universal.toml: unknown role {r:?}")))
}

impl Data {
    /// The embedded data, parsed once. The files ship inside the binary and are checked by the
    /// tests, so a parse failure here is a build defect, not bad user input.
    pub fn get() -> &'static Data {
        static D: OnceLock<Data> = OnceLock::new();
        D.get_or_init(Data::parse)
    }

    fn parse() -> Data {
        let raw: HashMap<String, KindRule> = toml::from_str(KINDS_TOML).expect("data/kinds.toml");
        let kinds = raw
            .into_iter()
            .map(|(k, v)| (ClaimKind::parse(&k).unwrap_or_else(|| panic!("data/kinds.toml: unknown kind {k:?}")), v))
            .collect();
        let raw: HashMap<String, Vec<String>> = toml::from_str(ACTIONS_TOML).expect("data/actions.toml");
        let mut families = HashMap::new();
        for (family, actions) in raw {
            for a in actions {
                let action = Action::parse(&a).unwrap_or_else(|| panic!("data/actions.toml: unknown action {a:?}"));
                families.insert(action, family.clone());
            }
        }
        let u: UniversalFile = toml::from_str(UNIVERSAL_TOML).expect("data/universal.toml");
        let mut zero_rules = Vec::new();
        for r in u.all {
            zero_rules.push(ZeroRule {
                name: r.name,
                kind: kind(&r.kind),
                role: role(&r.role),
                window: r.window,
                actions: phrases(&r.actions),
                form: ZeroForm::All {
                    quantifiers: phrases(&r.quantifiers),
                    postposed: phrases(&r.postposed),
                    nouns: phrases(&r.nouns),
                },
            });
        }
        for r in u.none {
            zero_rules.push(ZeroRule {
                name: r.name,
                kind: kind(&r.kind),
                role: role(&r.role),
                window: r.window,
                actions: phrases(&r.actions),
                form: ZeroForm::None { negations: phrases(&r.negations), nobody: phrases(&r.nobody) },
            });
        }
        Data {
            kinds,
            families,
            zero_rules,
            stopwords: lines(STOPWORDS_TXT).collect(),
            subset: Phrases::new(lines(SUBSET_TXT).collect::<Vec<_>>().iter().map(String::as_str)),
            attribution: Phrases::new(lines(ATTRIBUTION_TXT).collect::<Vec<_>>().iter().map(String::as_str)),
            regions: {
                let raw: HashMap<String, Vec<String>> = toml::from_str(REGIONS_TOML).expect("data/regions.toml");
                raw.into_iter()
                    .map(|(r, ds)| (PlaceId::new(&r), ds.iter().map(|d| PlaceId::new(d)).collect()))
                    .collect()
            },
        }
    }

    /// The time rule of a claim kind (every kind is listed; the test checks it).
    pub fn kind(&self, k: ClaimKind) -> KindRule {
        self.kinds.get(&k).copied().unwrap_or(KindRule {
            dynamics: Dynamics::Stock,
            same_moment_days: 0,
            unplaced: Unplaced::Event,
            one_group: false,
        })
    }

    /// The family of an action (the action's own name when the file lists none).
    pub fn family(&self, a: Action) -> &str {
        self.families.get(&a).map(String::as_str).unwrap_or(a.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_claim_kind_has_a_time_rule() {
        let d = Data::get();
        for k in ClaimKind::ALL {
            assert!(d.kinds.contains_key(k), "data/kinds.toml lacks {k}");
        }
    }

    #[test]
    fn data_files_load_normalized() {
        let d = Data::get();
        assert!(d.stopwords.contains("الي"), "إلى is stored normalized");
        assert!(d.attribution.is_word("ومعلنه"));
        assert_eq!(d.family(Action::CarBomb), d.family(Action::Storm));
        assert_ne!(d.family(Action::Escape), d.family(Action::Arrest));
        assert!(d.zero_rules.iter().any(|r| matches!(r.form, ZeroForm::None { .. })));
    }

    #[test]
    fn regions_name_gazetteer_places() {
        let lex = marsad_lexicon::Lexicon::embedded();
        for (region, divisions) in &Data::get().regions {
            assert!(lex.place(region).is_some(), "data/regions.toml: {region} is not in the gazetteer");
            for d in divisions {
                assert!(lex.place(d).is_some(), "data/regions.toml: {region} covers unknown {d}");
            }
        }
    }
}
