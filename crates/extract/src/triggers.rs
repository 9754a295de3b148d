//! Event trigger words and the cue words read around them, compiled into one automaton.
//!
//! Design decision: triggers (`data/triggers.toml`) and cues (`data/event_cues.toml`) are data;
//! at first use every form is normalized like the text, verbs are inflected for person and
//! number, and all forms go into ONE Aho-Corasick automaton, so a document is scanned once
//! whatever the number of triggers. A match counts only on word boundaries, with the
//! proclitics of [`marsad_text::clitics`] (plus the article and the future prefix) before it
//! and a pronoun suffix after it. Overlapping candidates are resolved per position, longest
//! first, so `لا يزال` (still) hides the negation `لا`, and `حظر التجوال` hides `حظر`.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use marsad_core::{Action, Span, SubEventType};
use marsad_text::clitics::{is_proclitic_seq, is_pronoun_suffix};
use marsad_text::normalize::normalize_str;
use marsad_text::{TextLayer, TokenKind};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const TRIGGERS_TOML: &str = include_str!("../data/triggers.toml");
const CUES_TOML: &str = include_str!("../data/event_cues.toml");

/// A data file that does not parse or names an unknown label.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    #[error("{file}: {source}")]
    Toml { file: &'static str, source: toml::de::Error },
    #[error("{file}: trigger {index}: unknown {what} {value:?}")]
    Label { file: &'static str, index: usize, what: &'static str, value: String },
}

/// One example sentence of a trigger entry, checked by the test suite.
#[derive(Clone, Debug, Deserialize)]
pub struct Example {
    pub text: String,
    /// The action expected, or `none` when no asserted event may come out.
    pub action: String,
}

#[derive(Clone, Debug, Deserialize)]
struct RawTrigger {
    action: String,
    sub_type: String,
    strength: String,
    #[serde(default = "yes")]
    creates: bool,
    #[serde(default)]
    passive: bool,
    #[serde(default)]
    dated: bool,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    blocked: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    not_in_clause: Vec<String>,
    #[serde(default)]
    examples: Vec<Example>,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
struct RawTriggers {
    trigger: Vec<RawTrigger>,
}

#[derive(Deserialize)]
struct RawCues {
    factuality: RawFactuality,
    windows: Windows,
    context: RawWords,
    statement: StatementRules,
    roles: RawRoles,
    clause: RawBreaks,
    mask: RawWords,
    anaphora: RawWords,
    repel: RawWords,
    members: RawWords,
    undergo: RawWords,
}

#[derive(Deserialize)]
struct RawFactuality {
    negated: Vec<String>,
    hypothetical: Vec<String>,
    planned: Vec<String>,
    feared: Vec<String>,
    modal: Vec<String>,
    asserted: Vec<String>,
}

/// How many words before a trigger each kind of modal cue reaches.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct Windows {
    pub negated: usize,
    pub hypothetical: usize,
    pub planned: usize,
    pub feared: usize,
    /// How far before a trigger carrying ل an `undergo` or `repel` cue may stand.
    pub purpose: usize,
}

#[derive(Deserialize)]
struct RawWords {
    words: Vec<String>,
}

/// Who may make a statement.
#[derive(Clone, Debug, Deserialize)]
pub struct StatementRules {
    pub speaker_kinds: Vec<String>,
    pub excluded_parent_kinds: Vec<String>,
}

#[derive(Deserialize)]
struct RawRoles {
    agent: Vec<String>,
    target: Vec<String>,
    between: Vec<String>,
}

#[derive(Deserialize)]
struct RawBreaks {
    breaks: Vec<String>,
}

/// Whether a trigger fires alone or needs an armed-conflict context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    Strong,
    Weak,
}

/// One trigger entry of `triggers.toml`, with its forms normalized.
#[derive(Clone, Debug)]
pub struct Trigger {
    pub action: Action,
    pub sub_type: SubEventType,
    pub strength: Strength,
    pub creates: bool,
    pub passive: bool,
    pub dated: bool,
    pub after: Vec<String>,
    pub blocked: Vec<String>,
    pub before: Vec<String>,
    pub not_before: Vec<String>,
    /// Words that cancel the trigger anywhere in its clause (قتل ... في حادث سير).
    pub not_in_clause: Vec<String>,
    pub examples: Vec<Example>,
}

/// How a trigger form is built, which decides where its arguments are looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Pos {
    Verb,
    Noun,
}

/// What a cue word does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cue {
    Negated,
    Hypothetical,
    Planned,
    Feared,
    Modal,
    Asserted,
    Context,
    Agent,
    Target,
    Between,
    Break,
    /// A compound that names a place or a state (مجمع الاعتقال): hides the trigger inside.
    Mask,
    /// A demonstrative before a trigger (هذا الهجوم).
    Anaphora,
    /// Repelling (صد الهجوم): the subject is the side attacked.
    Repel,
    /// A head noun of a group's members (عناصر، مقاتلي).
    Members,
    /// A word that makes a following trigger with ل something suffered or met (تعرض لهجوم).
    Undergo,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Target {
    Trigger { entry: usize, pos: Pos },
    Cue(Cue),
}

/// One match of the automaton on word boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    /// Span in the original text (clitics included).
    pub span: Span,
    /// First and last token covered (indices into `TextLayer::tokens`).
    pub first: usize,
    pub last: usize,
    pub sentence: usize,
    /// A pronoun suffix follows the matched form (إعلانه، طرده): the pronoun names an
    /// argument told before.
    pub suffix: bool,
    /// The preposition or particle ل precedes the matched form, after any conjunction
    /// (لشن، للاشتباك، ليهرب).
    pub lam: bool,
}

/// The compiled trigger and cue lexicon.
pub struct Triggers {
    pub entries: Vec<Trigger>,
    pub windows: Windows,
    pub statement: StatementRules,
    ac: AhoCorasick,
    targets: Vec<Vec<Target>>,
}

/// Proclitics allowed before a trigger or cue: those of the text layer, the article with
/// them, and the future prefix of verbs.
fn is_trigger_prefix(s: &str) -> bool {
    if is_proclitic_seq(s) {
        return true;
    }
    matches!(
        s,
        "ال" | "وال"
            | "فال"
            | "بال"
            | "كال"
            | "لل"
            | "ولل"
            | "فلل"
            | "وبال"
            | "فبال"
            | "س"
            | "وس"
            | "فس"
            | "ولت"
            | "لي"
            | "لت"
    ) && !s.is_empty()
}

/// Suffixes allowed after a trigger: pronoun suffixes and the accusative alif (هجوما).
fn is_trigger_suffix(s: &str) -> bool {
    is_pronoun_suffix(s) || s == "ا"
}

fn norm(s: &str) -> String {
    normalize_str(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Inflect a `perfect/imperfect` verb pair for person and number (normalized forms).
fn inflect(pair: &str) -> Vec<String> {
    let (p, i) = pair.split_once('/').unwrap_or((pair, ""));
    let (p, i) = (norm(p), norm(i));
    let mut out = vec![p.clone()];
    // A final ى (normalized ي) drops before the subject suffixes: اعتدى → اعتدت، اعتدوا.
    let stem = p.strip_suffix('ي').filter(|s| s.chars().count() >= 2).unwrap_or(&p).to_string();
    // Third person only: first and second persons (هاجمنا، قلتم) speak inside quotes.
    for suf in ["ت", "وا", "و", "ا", "تا"] {
        out.push(format!("{stem}{suf}"));
        if stem != p {
            out.push(format!("{p}{suf}"));
        }
    }
    if let Some(core) = i.strip_prefix('ي') {
        let short = core.strip_suffix('ي').filter(|s| s.chars().count() >= 2).unwrap_or(core);
        for pre in ["ي", "ت"] {
            out.push(format!("{pre}{core}"));
            for suf in ["ون", "ان", "وا", "و", "ين"] {
                out.push(format!("{pre}{short}{suf}"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

impl Triggers {
    /// The embedded lexicon, compiled once. The data is part of the binary and checked by the
    /// tests, so a parse failure here is a build defect, not a user error.
    pub fn embedded() -> &'static Triggers {
        static T: OnceLock<Triggers> = OnceLock::new();
        T.get_or_init(|| Triggers::parse(TRIGGERS_TOML, CUES_TOML).expect("embedded trigger data is valid"))
    }

    /// Compile trigger and cue data.
    pub fn parse(triggers_toml: &str, cues_toml: &str) -> Result<Triggers, DataError> {
        let raw: RawTriggers =
            toml::from_str(triggers_toml).map_err(|source| DataError::Toml { file: "triggers.toml", source })?;
        let cues: RawCues =
            toml::from_str(cues_toml).map_err(|source| DataError::Toml { file: "event_cues.toml", source })?;
        let mut by_pattern: BTreeMap<String, Vec<Target>> = BTreeMap::new();
        let mut add = |form: &str, t: Target| {
            let n = norm(form);
            if n.is_empty() {
                return;
            }
            let v = by_pattern.entry(n).or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        };
        let mut entries = Vec::new();
        for (index, r) in raw.trigger.into_iter().enumerate() {
            let label = |what: &'static str, value: &str| DataError::Label {
                file: "triggers.toml",
                index,
                what,
                value: value.to_string(),
            };
            let action = Action::parse(&r.action).ok_or_else(|| label("action", &r.action))?;
            let sub_type = SubEventType::parse(&r.sub_type).ok_or_else(|| label("sub_type", &r.sub_type))?;
            let strength = match r.strength.as_str() {
                "strong" => Strength::Strong,
                "weak" => Strength::Weak,
                other => return Err(label("strength", other)),
            };
            for ex in &r.examples {
                if ex.action != "none" && Action::parse(&ex.action).is_none() {
                    return Err(label("example action", &ex.action));
                }
            }
            let entry = entries.len();
            for v in &r.verbs {
                for f in inflect(v) {
                    add(&f, Target::Trigger { entry, pos: Pos::Verb });
                }
            }
            for f in r.nouns.iter().chain(&r.phrases) {
                add(f, Target::Trigger { entry, pos: Pos::Noun });
            }
            entries.push(Trigger {
                action,
                sub_type,
                strength,
                creates: r.creates,
                passive: r.passive,
                dated: r.dated,
                after: r.after.iter().map(|s| norm(s)).collect(),
                blocked: r.blocked.iter().map(|s| norm(s)).collect(),
                before: r.before.iter().map(|s| norm(s)).collect(),
                not_before: r.not_before.iter().map(|s| norm(s)).collect(),
                not_in_clause: r.not_in_clause.iter().map(|s| norm(s)).collect(),
                examples: r.examples,
            });
        }
        let f = &cues.factuality;
        let lists: [(&Vec<String>, Cue); 16] = [
            (&f.negated, Cue::Negated),
            (&f.hypothetical, Cue::Hypothetical),
            (&f.planned, Cue::Planned),
            (&f.feared, Cue::Feared),
            (&f.modal, Cue::Modal),
            (&f.asserted, Cue::Asserted),
            (&cues.context.words, Cue::Context),
            (&cues.roles.agent, Cue::Agent),
            (&cues.roles.target, Cue::Target),
            (&cues.roles.between, Cue::Between),
            (&cues.clause.breaks, Cue::Break),
            (&cues.mask.words, Cue::Mask),
            (&cues.anaphora.words, Cue::Anaphora),
            (&cues.repel.words, Cue::Repel),
            (&cues.members.words, Cue::Members),
            (&cues.undergo.words, Cue::Undergo),
        ];
        for (list, cue) in lists {
            for w in list {
                add(w, Target::Cue(cue));
            }
        }
        let (patterns, targets): (Vec<String>, Vec<Vec<Target>>) = by_pattern.into_iter().unzip();
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("trigger patterns compile");
        Ok(Triggers { entries, windows: cues.windows, statement: cues.statement, ac, targets })
    }

    /// Run the trigger automaton over a normalized text and count its raw matches, with none
    /// of the checks [`Triggers::scan`] makes: the cost of the scan alone, for benchmarks.
    pub fn bare_scan(&self, norm: &str) -> usize {
        self.ac.find_overlapping_iter(norm).count()
    }

    /// Every trigger and cue in a document, in text order; overlapping matches are resolved
    /// longest first. Context cues may overlap other hits (a trigger word is also context).
    pub fn scan(&self, layer: &TextLayer) -> Vec<Hit> {
        let text = layer.norm.text.as_str();
        let tokens = &layer.tokens;
        let mut cands: Vec<(usize, usize, Target, usize, usize, bool, bool)> = Vec::new();
        for m in self.ac.find_overlapping_iter(text) {
            let (s, e) = (m.start(), m.end());
            // Tokens covering the match.
            let first = tokens.partition_point(|t| t.norm.end <= s);
            let Some(ft) = tokens.get(first) else { continue };
            if ft.kind != TokenKind::Word || ft.norm.start > s {
                continue;
            }
            let last = tokens.partition_point(|t| t.norm.start < e).saturating_sub(1);
            let Some(lt) = tokens.get(last) else { continue };
            if last < first || lt.norm.end < e || lt.kind != TokenKind::Word {
                continue;
            }
            let prefix = &text[ft.norm.start..s];
            let suffix = &text[e..lt.norm.end];
            let targets = &self.targets[m.pattern().as_usize()];
            for &t in targets {
                let ok = match t {
                    // Verbs take conjunctions, ل and the future prefix, never the article
                    // or ب (النظام القاتل، برأي are not verbs).
                    // The future س never goes on a two-letter stem (سفر is travel, not س + فر).
                    Target::Trigger { pos: Pos::Verb, .. } => {
                        let short = text[s..e].chars().count() <= 2;
                        matches!(prefix, "" | "و" | "ف" | "ل" | "س" | "وس" | "فس" | "ول" | "فل" | "لي" | "لت" | "ولت")
                            && !(short && prefix.ends_with('س'))
                            && is_trigger_suffix(suffix)
                    }
                    Target::Trigger { .. } => is_trigger_prefix(prefix) && is_trigger_suffix(suffix),
                    // Cues take the conjunctions and prepositions but no suffix, except the
                    // pronoun suffixes of nouns such as مخاوفهم.
                    Target::Cue(_) => {
                        (prefix.is_empty()
                            || matches!(prefix, "و" | "ف" | "ب" | "ل" | "وب" | "ول" | "ال" | "وال" | "بال"))
                            && (suffix.is_empty() || is_pronoun_suffix(suffix))
                    }
                };
                if ok {
                    let lam = prefix.trim_start_matches(['و', 'ف']).starts_with('ل');
                    cands.push((s, e, t, first, last, !suffix.is_empty() && suffix != "ا", lam));
                }
            }
        }
        // Longest first at each start, then drop what a kept non-context hit covers.
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut out: Vec<Hit> = Vec::new();
        let mut covered_to = 0usize;
        for (s, e, t, first, last, suffix, lam) in cands {
            let context = t == Target::Cue(Cue::Context);
            if !context && s < covered_to {
                continue;
            }
            let span = Span::new(tokens[first].span.start, tokens[last].span.end);
            let sentence = layer.sentences.partition_point(|x| x.span.end <= span.start);
            if !context {
                covered_to = e;
            }
            out.push(Hit { target: t, span, first, last, sentence, suffix, lam });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_inflected_for_person_and_number() {
        let f = inflect("هاجم/يهاجم");
        for w in ["هاجم", "هاجمت", "هاجموا", "يهاجم", "تهاجم", "يهاجمون"] {
            assert!(f.contains(&w.to_string()), "{w} missing from {f:?}");
        }
        let f = inflect("اعتدى/يعتدي");
        assert!(f.contains(&"اعتدت".to_string()) && f.contains(&"يعتدون".to_string()), "{f:?}");
    }

    #[test]
    fn data_files_parse_and_every_entry_has_examples() {
        let t = Triggers::parse(TRIGGERS_TOML, CUES_TOML).unwrap();
        assert!(t.entries.len() > 25);
        for (i, e) in t.entries.iter().enumerate() {
            assert!(!e.examples.is_empty(), "trigger {i} ({}) has no example", e.action);
        }
    }

    #[test]
    fn bad_labels_are_reported_with_their_entry() {
        let bad = "[[trigger]]\naction = \"explode\"\nsub_type = \"Other\"\nstrength = \"strong\"\n";
        let err = Triggers::parse(bad, CUES_TOML).err().unwrap().to_string();
        assert!(err.contains("trigger 0") && err.contains("explode"), "{err}");
    }

    fn hits(text: &str) -> Vec<(String, Target)> {
        let l = TextLayer::new(text);
        Triggers::embedded().scan(&l).into_iter().map(|h| (text[h.span.range()].to_string(), h.target)).collect()
    }

    #[test]
    fn clitics_attach_and_words_inside_words_do_not_match() {
        let h = hits("والهجوم بالقصف وسيهاجمون");
        let words: Vec<&str> =
            h.iter().filter(|(_, t)| matches!(t, Target::Trigger { .. })).map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, vec!["والهجوم", "بالقصف", "وسيهاجمون"]);
        let h = hits("المقصفة");
        assert!(h.iter().all(|(_, t)| !matches!(t, Target::Trigger { .. })), "{h:?}");
    }

    #[test]
    fn longer_cue_hides_the_shorter_one() {
        let h = hits("لم يعد الاشتباك ممكنا");
        assert!(h.iter().any(|(_, t)| *t == Target::Cue(Cue::Asserted)));
        assert!(!h.iter().any(|(_, t)| *t == Target::Cue(Cue::Negated)), "{h:?}");
    }
}
