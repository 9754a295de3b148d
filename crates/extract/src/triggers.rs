//! Event trigger words and the cue words read around them, compiled into one dictionary.
//!
//! Design decision: triggers (`data/triggers.toml`) and cues (`data/event_cues.toml`) are data;
//! at first use every form is normalized like the text, verbs are inflected for person and
//! number, and all forms go into ONE dictionary of [`marsad_text::dict`], so a document is
//! scanned once whatever the number of triggers. A match counts only on word boundaries, with
//! the clitics its kind takes ([`VERB`], [`NOUN`], [`CUE`]): a verb the conjunctions, ل and the
//! future س; a noun also ب ك and the article; a cue no ك and no accusative alif. Overlapping
//! candidates are resolved per position, longest first, so `لا يزال` (still) hides the
//! negation `لا`, and `حظر التجوال` hides `حظر`.

use marsad_core::{Action, ActorKind, Span, SubEventType};
use marsad_text::dict::{Builder, Clitics, Dict, Ending, Endings, Gap, Prep, Preps};
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
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    /// The action expected; `None` (written `none`) when no asserted event may come out.
    #[serde(deserialize_with = "action_or_none")]
    pub action: Option<Action>,
}

/// An action's name, or `none`.
fn action_or_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Action>, D::Error> {
    let s = String::deserialize(d)?;
    if s == "none" {
        return Ok(None);
    }
    Action::parse(&s).map(Some).ok_or_else(|| serde::de::Error::custom(format!("unknown action {s:?}")))
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTrigger {
    action: Action,
    sub_type: SubEventType,
    strength: Strength,
    #[serde(default = "yes")]
    creates: bool,
    #[serde(default)]
    passive: bool,
    #[serde(default)]
    dated: bool,
    #[serde(default)]
    instrument: bool,
    #[serde(default)]
    aims: bool,
    #[serde(default)]
    people_object: bool,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    except: Vec<String>,
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
#[serde(deny_unknown_fields)]
struct RawTriggers {
    trigger: Vec<RawTrigger>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCues {
    factuality: RawFactuality,
    windows: Windows,
    context: RawContext,
    statement: StatementRules,
    roles: RawRoles,
    clause: RawBreaks,
    after: RawAfter,
    mask: RawWords,
    anaphora: RawWords,
    repel: RawWords,
    members: RawWords,
    sport: RawWords,
    undergo: RawWords,
    /// Named groups of words of other happenings (a cyberattack, a disaster, an accident, an
    /// interception) that no violent act shares its clause with; entries name the groups.
    other_happenings: BTreeMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactuality {
    negated: Vec<String>,
    hypothetical: Vec<String>,
    planned: Vec<String>,
    feared: Vec<String>,
    modal: Vec<String>,
    negated_next: Vec<String>,
    generic_next: Vec<String>,
    only: Vec<String>,
    about: Vec<String>,
    asserted: Vec<String>,
}

/// Words after a trigger that say its event has not happened (الهجوم المحتمل، المرتقب).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAfter {
    hypothetical: Vec<String>,
    planned: Vec<String>,
    onset: Vec<String>,
}

/// How many words before a trigger each kind of modal cue reaches.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Windows {
    pub negated: usize,
    pub hypothetical: usize,
    pub planned: usize,
    pub feared: usize,
    /// How far before a trigger carrying ل an `undergo` or `repel` cue may stand.
    pub purpose: usize,
    /// How many words after a trigger an `[after]` cue may stand.
    pub after: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWords {
    words: Vec<String>,
}

/// Words that make a sentence about armed conflict, and those that make one about a protest.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    words: Vec<String>,
    protest: Vec<String>,
}

/// Who may make a statement.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementRules {
    pub speaker_kinds: Vec<ActorKind>,
    pub excluded_parent_kinds: Vec<ActorKind>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoles {
    agent: Vec<String>,
    target: Vec<String>,
    between: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBreaks {
    breaks: Vec<String>,
}

/// Whether a trigger fires alone or needs an armed-conflict context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// The forms name a weapon, not an act (طائرة مسيرة، الطيران الحربي): they count only
    /// beside a violent act of another entry in their clause, which they then type.
    pub instrument: bool,
    /// A form means "aims at" too (يستهدف تعزيز الاستقرار): a verbal noun of a derived verb
    /// form right after it is what is aimed at, and no event.
    pub aims: bool,
    /// People as the object (a noun that counts persons, a nationality, a person or civilians
    /// named after the trigger) stand for the `after` words (احتجزت القوات طالبة، قتل ثلاثة سوريين).
    pub people_object: bool,
    pub after: Phrases,
    pub blocked: Phrases,
    pub before: Phrases,
    pub not_before: Phrases,
    /// Words that cancel the trigger anywhere in its clause (قتل ... في حادث سير).
    pub not_in_clause: Phrases,
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
    /// A negation of the word right after it only (لا يستهدف): a لا farther back belongs
    /// to another verb (قال إنه لا يعرف من نفذ الهجوم).
    NegatedNext,
    /// "Any" right before a trigger (أي هجمات): an event of any kind, none in particular.
    GenericNext,
    Asserted,
    /// After a trigger: the event is possible, not told as happened (الهجوم المحتمل).
    AfterHypothetical,
    /// After a trigger: the event is expected (الهجوم المرتقب، الوشيك).
    AfterPlanned,
    Context,
    /// A word of a protest (المتظاهرين، هتافات، لافتات): a weak protest trigger in its sentence
    /// is a protest.
    ProtestContext,
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
    /// A word of sport (المباراة، المنتخب): a weak trigger in its sentence is a figure of
    /// the game unless an armed actor is named there.
    Sport,
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
    /// The future prefix س precedes the matched form (ستهاجم، وسيقصف): a verb so marked
    /// tells what is to come.
    pub future: bool,
}

/// The compiled trigger and cue lexicon.
pub struct Triggers {
    pub entries: Vec<Trigger>,
    pub windows: Windows,
    /// Words before a trigger that tell an expected event took place (بدأ الهجوم المرتقب):
    /// the `after` cues then do not apply.
    pub onset: Phrases,
    /// Words after a trigger negated by لا that make "only" or "not only" of it.
    pub only: Phrases,
    /// Words between a modal cue and a trigger that make the trigger what the cue's act is
    /// about (دعا إلى التحقيق في الهجوم): the cue then says nothing of the trigger.
    pub about: Phrases,
    pub statement: StatementRules,
    /// Every trigger and cue form, with the clitics of its kind.
    dict: Dict<Target>,
    /// The forms, what each is and whether it is listed with the article, for the tests'
    /// reference search.
    #[cfg(test)]
    forms: Vec<(String, Target, bool)>,
}

/// The clitics a trigger verb takes: the conjunctions, ل (ليهرب, with the imperfect prefix
/// before a perfect: ليقصف for قصف) and the future س (وسيقصف); a pronoun suffix (قتلوه) or the
/// accusative alif; never the article or ب (النظام القاتل، برأي are no verbs).
pub const VERB: Clitics = Clitics {
    conj: true,
    preps: Preps::LI,
    own_article: false,
    future: true,
    imperfect: true,
    endings: Endings::PRONOUN.with(Endings::ACCUSATIVE),
    ..Clitics::BARE
};

/// The clitics a trigger noun or phrase takes: the conjunctions, prepositions and the article
/// (وبالقصف، للاشتباك), a pronoun suffix (هجومه) or the accusative alif (هجوما); a phrase that
/// starts with a verb also the future س (سيلقى القبض) and, after ل, the imperfect prefix
/// (ليتم القبض، لتتبادل إطلاق النار).
pub const NOUN: Clitics = Clitics {
    article: true,
    future: true,
    imperfect: true,
    endings: Endings::PRONOUN.with(Endings::ACCUSATIVE),
    ..Clitics::PROCLITICS
};

/// The clitics a cue takes: the conjunctions, ب and ل, the article; a pronoun suffix (مخاوفهم).
pub const CUE: Clitics =
    Clitics { conj: true, preps: Preps::BI.with(Preps::LI), article: true, endings: Endings::PRONOUN, ..Clitics::BARE };

/// Words of sport take no suffix: دورية (a patrol) is no دوري + ه.
const SPORT: Clitics = Clitics { endings: Endings::NONE, ..CUE };

/// The clitics a complement or cue word takes in a window of words around a trigger.
const WINDOW: Clitics = Clitics { endings: Endings::PRONOUN.with(Endings::ACCUSATIVE), ..CUE };

// ------------------------------------------------------------------ cue words in a window

/// A list of complement or cue words and phrases (normalized), looked for in a window of words
/// around a trigger.
#[derive(Clone, Debug)]
pub struct Phrases {
    /// The phrases as listed.
    pub list: Vec<String>,
    dict: Dict<()>,
}

impl Phrases {
    fn new(list: impl IntoIterator<Item = String>) -> Phrases {
        let list: Vec<String> = list.into_iter().collect();
        let mut dict = Builder::new(Gap::Space);
        for p in &list {
            dict.add(p, WINDOW, ());
        }
        Phrases { list, dict: dict.build() }
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Whether a phrase of the list starts in one of `words` (normalized words, read as joined
    /// by single spaces), with the clitics of [`WINDOW`]: و ف ب ل and the article before it,
    /// a pronoun suffix or the accusative alif after it.
    pub fn in_window<'a>(&self, words: impl Iterator<Item = &'a str> + Clone) -> bool {
        !self.list.is_empty() && self.dict.in_words(words)
    }
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
        let mut by_pattern: BTreeMap<String, (Vec<Target>, bool)> = BTreeMap::new();
        // Each form with what it is, and whether it is listed with the article (not a hamza and
        // lam, which normalization spells alike: ألقى).
        let mut add = |form: &str, t: Target| {
            let n = norm(form);
            if n.is_empty() {
                return;
            }
            let (v, article) = by_pattern.entry(n).or_default();
            *article |= form.trim_start().starts_with("ال");
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
            let (action, sub_type, strength) = (r.action, r.sub_type, r.strength);
            if r.instrument && strength != Strength::Weak {
                return Err(label("strength (an instrument entry is weak)", "strong"));
            }
            // The groups of `event_cues.toml` the entry names, as one list of words.
            let mut not_in_clause: Vec<&String> = Vec::new();
            for g in &r.not_in_clause {
                let words = cues.other_happenings.get(g).ok_or_else(|| label("not_in_clause group", g))?;
                not_in_clause.extend(words);
            }
            let entry = entries.len();
            // Forms the inflection makes that the entry drops; each must be one it makes.
            let except: Vec<String> = r.except.iter().map(|s| norm(s)).collect();
            for (x, raw) in except.iter().zip(&r.except) {
                if !r.verbs.iter().any(|v| inflect(v).contains(x)) {
                    return Err(label("except form (not an inflected verb form)", raw));
                }
            }
            for v in &r.verbs {
                for f in inflect(v).into_iter().filter(|f| !except.contains(f)) {
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
                instrument: r.instrument,
                aims: r.aims,
                people_object: r.people_object,
                after: Phrases::new(r.after.iter().map(|s| norm(s))),
                blocked: Phrases::new(r.blocked.iter().map(|s| norm(s))),
                before: Phrases::new(r.before.iter().map(|s| norm(s))),
                not_before: Phrases::new(r.not_before.iter().map(|s| norm(s))),
                not_in_clause: Phrases::new(not_in_clause.iter().map(|s| norm(s))),
                examples: r.examples,
            });
        }
        let f = &cues.factuality;
        let lists: [(&Vec<String>, Cue); 22] = [
            (&f.negated, Cue::Negated),
            (&f.hypothetical, Cue::Hypothetical),
            (&f.planned, Cue::Planned),
            (&f.feared, Cue::Feared),
            (&f.modal, Cue::Modal),
            (&f.negated_next, Cue::NegatedNext),
            (&f.generic_next, Cue::GenericNext),
            (&f.asserted, Cue::Asserted),
            (&cues.after.hypothetical, Cue::AfterHypothetical),
            (&cues.after.planned, Cue::AfterPlanned),
            (&cues.context.words, Cue::Context),
            (&cues.context.protest, Cue::ProtestContext),
            (&cues.roles.agent, Cue::Agent),
            (&cues.roles.target, Cue::Target),
            (&cues.roles.between, Cue::Between),
            (&cues.clause.breaks, Cue::Break),
            (&cues.mask.words, Cue::Mask),
            (&cues.anaphora.words, Cue::Anaphora),
            (&cues.repel.words, Cue::Repel),
            (&cues.members.words, Cue::Members),
            (&cues.sport.words, Cue::Sport),
            (&cues.undergo.words, Cue::Undergo),
        ];
        for (list, cue) in lists {
            for w in list {
                add(w, Target::Cue(cue));
            }
        }
        // A word of a phrase may stand in quotes of its own (وقف "دائم" لإطلاق النار).
        let mut dict = Builder::new(Gap::Quoted);
        for (form, (targets, own_article)) in &by_pattern {
            for &t in targets {
                let clitics = match t {
                    Target::Trigger { pos: Pos::Verb, .. } => VERB,
                    Target::Trigger { .. } => NOUN,
                    Target::Cue(Cue::Sport) => SPORT,
                    Target::Cue(_) => CUE,
                };
                dict.add(form, Clitics { own_article: *own_article && clitics.own_article, ..clitics }, t);
            }
        }
        Ok(Triggers {
            entries,
            windows: cues.windows,
            onset: Phrases::new(cues.after.onset.iter().map(|s| norm(s))),
            only: Phrases::new(cues.factuality.only.iter().map(|s| norm(s))),
            about: Phrases::new(cues.factuality.about.iter().map(|s| norm(s))),
            statement: cues.statement,
            dict: dict.build(),
            #[cfg(test)]
            forms: by_pattern.iter().flat_map(|(f, (ts, own))| ts.iter().map(move |&t| (f.clone(), t, *own))).collect(),
        })
    }

    /// Run the trigger dictionary over a normalized text as [`Triggers::scan`] runs it (anchored
    /// at word starts and after the proclitic readings of their heads) and count its raw
    /// matches, with none of the checks: the cost of the scan alone, for benchmarks.
    pub fn bare_scan(&self, norm: &str) -> usize {
        let mut n = 0;
        self.dict.scan(norm, |_| n += 1);
        n
    }

    /// Every trigger and cue in a document, in text order; overlapping matches are resolved
    /// longest first. Context cues may overlap other hits (a trigger word is also context).
    ///
    /// The dictionary is looked up at each word token, which gives the match's first token for
    /// free; a match counts when it ends in a word token too.
    pub fn scan(&self, layer: &TextLayer) -> Vec<Hit> {
        let text = layer.norm.text.as_str();
        let tokens = &layer.tokens;
        let mut cands: Vec<Cand> = Vec::with_capacity(tokens.len() / 8); // about one match in eight word tokens: few regrowths
        for (first, ft) in tokens.iter().enumerate() {
            if ft.kind != TokenKind::Word {
                continue;
            }
            self.dict.at(text, ft.norm.start, ft.norm.end, |m| {
                let (s, e) = (m.start, m.end);
                // The match must start inside this token (not in the next one, after a
                // proclitic that is the whole token).
                if s >= ft.norm.end {
                    return;
                }
                // The last token covered: tokens are in order, and the match is short.
                let mut last = first;
                while tokens.get(last + 1).is_some_and(|t| t.norm.start < e) {
                    last += 1;
                }
                let lt = &tokens[last];
                if lt.norm.end < e || lt.kind != TokenKind::Word {
                    return;
                }
                let p = m.proclitics;
                let suffix = m.ending == Ending::Pronoun;
                cands.push((s, e, *m.value, first, last, suffix, p.prep == Some(Prep::Li), p.future));
            });
        }
        resolve(cands, layer)
    }
}

/// A match before overlaps are resolved: its start and end bytes, what it is, its first and
/// last token, and whether a pronoun suffix, ل or the future س goes with it (as in [`Hit`]).
type Cand = (usize, usize, Target, usize, usize, bool, bool, bool);

/// Resolve overlapping matches: longest first at each start, then drop what a kept
/// non-context hit covers. Context cues may overlap other hits (a trigger word is also
/// context).
fn resolve(mut cands: Vec<Cand>, layer: &TextLayer) -> Vec<Hit> {
    let tokens = &layer.tokens;
    cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<Hit> = Vec::new();
    let mut covered_to = 0usize;
    // The span of the last kept hit: a word in two cue lists (إحباط negates and repels;
    // مرتقب is feared before a trigger and planned after one), or a trigger that is a cue too
    // (نفت states a denial and negates what it denies), keeps both roles.
    let mut kept_span = None;
    // Hits come in increasing span start: the sentence index only moves forward.
    let mut sentence = 0;
    for (s, e, t, first, last, suffix, lam, future) in cands {
        let context = matches!(t, Target::Cue(Cue::Context | Cue::ProtestContext));
        let cue = matches!(t, Target::Cue(_));
        if !context && s < covered_to && !(cue && kept_span == Some((s, e))) {
            continue;
        }
        let span = Span::new(tokens[first].span.start, tokens[last].span.end);
        while layer.sentences.get(sentence).is_some_and(|x| x.span.end <= span.start) {
            sentence += 1;
        }
        if !context {
            covered_to = e;
            kept_span = Some((s, e));
        }
        out.push(Hit { target: t, span, first, last, sentence, suffix, lam, future });
    }
    out
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
        assert!(err.contains("triggers.toml") && err.contains("explode") && err.contains("line 2"), "{err}");
        let bad = "[[trigger]]\naction = \"attack\"\nsub_type = \"Attack\"\nstrength = \"strog\"\n";
        let err = Triggers::parse(bad, CUES_TOML).err().unwrap().to_string();
        assert!(err.contains("strog"), "{err}");
    }

    #[test]
    fn every_group_of_other_happenings_is_named_and_an_unknown_one_refused() {
        let cues: RawCues = toml::from_str(CUES_TOML).unwrap();
        let triggers: RawTriggers = toml::from_str(TRIGGERS_TOML).unwrap();
        for g in cues.other_happenings.keys() {
            assert!(triggers.trigger.iter().any(|t| t.not_in_clause.contains(g)), "group {g} is named by no trigger");
        }
        let bad = "[[trigger]]\naction = \"attack\"\nsub_type = \"Attack\"\nstrength = \"weak\"\nnot_in_clause = [\"flood\"]\n";
        let err = Triggers::parse(bad, CUES_TOML).err().unwrap().to_string();
        assert!(err.contains("not_in_clause group") && err.contains("flood"), "{err}");
    }

    #[test]
    fn unknown_fields_and_kinds_are_refused() {
        let typo =
            "[[trigger]]\naction = \"attack\"\nsub_type = \"Attack\"\nstrength = \"strong\"\nverb = [\"هاجم\"]\n";
        let err = Triggers::parse(typo, CUES_TOML).err().unwrap().to_string();
        assert!(err.contains("verb"), "{err}");
        let cues = CUES_TOML.replacen("\"research\"", "\"researcher\"", 1);
        assert_ne!(cues, CUES_TOML);
        let err = Triggers::parse(TRIGGERS_TOML, &cues).err().unwrap().to_string();
        assert!(err.contains("event_cues.toml") && err.contains("researcher"), "{err}");
    }

    #[test]
    fn a_strong_instrument_entry_is_refused() {
        // A weapon that fired alone would make an event of every drone sold or flown.
        let bad = "[[trigger]]\naction = \"airstrike\"\nsub_type = \"Air/drone strike\"\nstrength = \"strong\"\n\
                   instrument = true\nnouns = [\"طائرة مسيرة\"]\n";
        let err = Triggers::parse(bad, CUES_TOML).err().unwrap().to_string();
        assert!(err.contains("trigger 0") && err.contains("instrument"), "{err}");
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

    /// The written heads a form of a kind may carry, by strings: (the letters before the form,
    /// the letters of the form not written after them, ل among them, the future س among them).
    fn heads(c: &Clitics, form: &str) -> Vec<(String, usize, bool, bool)> {
        let mut out: Vec<(String, usize, bool, bool)> = Vec::new();
        let mut push = |h: String, drop: usize, lam: bool, future: bool| {
            if !out.iter().any(|x| x.0 == h && x.1 == drop) {
                out.push((h, drop, lam, future));
            }
        };
        let first = form.split(' ').next().unwrap_or("");
        let imperfect = first.starts_with(['ي', 'ت', 'ن', 'ا']) && first.chars().count() >= 3;
        for conj in ["", "و", "ف"].into_iter().filter(|&x| x.is_empty() || c.conj) {
            push(conj.to_string(), 0, false, false);
            if c.article {
                push(format!("{conj}ال"), 0, false, false);
            }
            if c.future && imperfect {
                push(format!("{conj}س"), 0, false, true);
            }
            for (prep, p) in [(Prep::Bi, "ب"), (Prep::Ka, "ك"), (Prep::Li, "ل")] {
                if !c.preps.contains(prep) {
                    continue;
                }
                let lam = prep == Prep::Li;
                push(format!("{conj}{p}"), 0, lam, false);
                if lam && c.imperfect {
                    push(format!("{conj}لي"), 0, true, false);
                    push(format!("{conj}لت"), 0, true, false);
                }
                if lam {
                    if c.article {
                        push(format!("{conj}لل"), 0, true, false);
                    }
                    // ل + the form's own article: its alef dropped, or its alef and lam when
                    // the form goes on with a lam.
                    if let Some(rest) = form.strip_prefix("ال").filter(|_| c.own_article) {
                        push(format!("{conj}ل"), "ا".len(), true, false);
                        if rest.starts_with('ل') {
                            push(format!("{conj}ل"), "ال".len(), true, false);
                        }
                    }
                } else if c.article {
                    push(format!("{conj}{p}ال"), 0, false, false);
                }
            }
        }
        out
    }

    /// The scan by string comparison: at each word token, every form of the lexicon with every
    /// head its kind allows; the rest of the last token an ending its kind allows.
    fn scan_reference(t: &Triggers, layer: &TextLayer) -> Vec<Hit> {
        let text = layer.norm.text.as_str();
        let tokens = &layer.tokens;
        let mut cands: Vec<Cand> = Vec::new();
        for (first, ft) in tokens.iter().enumerate().filter(|(_, x)| x.kind == TokenKind::Word) {
            for (form, target, own) in &t.forms {
                let kind = match target {
                    Target::Trigger { pos: Pos::Verb, .. } => VERB,
                    Target::Trigger { .. } => NOUN,
                    Target::Cue(Cue::Sport) => SPORT,
                    Target::Cue(_) => CUE,
                };
                let kind = Clitics { own_article: *own && kind.own_article, ..kind };
                for (head, drop, lam, future) in heads(&kind, form) {
                    let s = ft.norm.start + head.len();
                    if !text[ft.norm.start..].starts_with(&head) || !text[s..].starts_with(&form[drop..]) {
                        continue;
                    }
                    let e = s + form.len() - drop;
                    if s >= ft.norm.end {
                        continue;
                    }
                    let last = tokens.partition_point(|x| x.norm.start < e) - 1;
                    let lt = &tokens[last];
                    if lt.norm.end < e || lt.kind != TokenKind::Word {
                        continue;
                    }
                    let rest = &text[e..lt.norm.end];
                    let long = form.contains(' ') || form.chars().count() >= 2;
                    let ending = if rest.is_empty() {
                        Ending::None
                    } else if rest == "ا" {
                        Ending::Accusative
                    } else if marsad_text::clitics::is_pronoun_suffix(rest) {
                        Ending::Pronoun
                    } else {
                        continue;
                    };
                    if ending != Ending::None && !(long && kind.endings.contains(ending)) {
                        continue;
                    }
                    let cand = (s, e, *target, first, last, ending == Ending::Pronoun, lam, future);
                    if !cands.contains(&cand) {
                        cands.push(cand);
                    }
                }
            }
        }
        resolve(cands, layer)
    }

    #[test]
    fn scan_agrees_with_the_string_reference() {
        let t = Triggers::embedded();
        let mut texts: Vec<String> = [
            "والهجوم بالقصف وسيهاجمون المقصفة، ولن يتم تبادل إطلاق النار.",
            "قال الجيش إن مسلحين هاجموا حاجزا للشرطة؛ واشتبكوا مع عناصره: وقتلوا ثلاثة.",
            "و الهجوم ب القصف لل اشتباك فـالقصف بـ12 صاروخا و3 قذائف F16الغارة",
            "هجومه وهجومها هجومهم هجوما هجومات الهجومي اعتقالهم واعتقلوه سيعتقلون سفر ليقصف لتقصف",
            "لا يزال حظر التجوال ساريا، ولم يعد الاشتباك ممكنا #الحسكة_اليوم @قسد http://x.com/هجوم",
            "«الهجوم» (القصف) [اشتباك] - اعتقال... ؟اغتيال! ـبالقصف وـالهجوم للاشتباكات وللطيران",
            "ﻻ ﻫﺠﻮﻡ هُجُومٌ عَلَى الحاجز بالقَصْفِ وَالاشْتِبَاكَاتِ سيقتل ستهاجم وسنقصف",
            "و",
            "ف ال",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        texts.extend(t.entries.iter().flat_map(|e| e.examples.iter().map(|x| x.text.clone())).take(60));
        let mut n = 0;
        for text in &texts {
            let layer = TextLayer::new(text);
            let hits = t.scan(&layer);
            assert_eq!(hits, scan_reference(t, &layer), "{text}");
            n += hits.len();
        }
        assert!(n > 100, "only {n} hits");
    }

    /// Whether a phrase starts in a window, by strings: some word of the window, and the words
    /// after it joined by spaces, begin with a head [`WINDOW`] allows and the phrase, and the
    /// rest of the phrase's last word is nothing, a pronoun suffix or the accusative alif.
    fn window_reference(window: &[&str], phrase: &str) -> bool {
        (0..window.len()).any(|k| {
            let joined = window[k..].join(" ");
            heads(&WINDOW, phrase).iter().any(|(head, drop, _, _)| {
                let Some(rest) = joined.strip_prefix(head.as_str()).and_then(|r| r.strip_prefix(&phrase[*drop..]))
                else {
                    return false;
                };
                let rest = &rest[..rest.find(' ').unwrap_or(rest.len())];
                let long = phrase.contains(' ') || phrase.chars().count() >= 2;
                rest.is_empty() || long && (rest == "ا" || marsad_text::clitics::is_pronoun_suffix(rest))
            })
        })
    }

    #[test]
    fn phrases_in_a_window_agree_with_the_string_reference() {
        // Windows as the event stage reads them: normalized words, punctuation included.
        let windows = [
            "من منطقه الحي",
            "ومن منطقه",
            "من منطقته",
            "من المنطقه ، الشرقيه",
            "من  منطقه",
            "منمنطقه من",
            "والدفاع عنها بالدفاع عن",
            "الدفاع عنهما",
            "الدفاع عنوان",
            "للدفاع الجوي",
            "وبالقصف المدفعي والقصفي القصفا القصفهم قصفكما",
            "فالقصف القصف القصف",
            "كالقصف سالقصف اقصف قص",
            "بابابا ابا بابا",
            "ببابا بابات",
            "رميا بالرصاص رميا",
            "ورميا بالرصاصه",
            "F16 2024 ، : « »",
            "",
        ];
        let lists: Vec<Vec<&str>> = vec![
            vec!["من منطقه", "الدفاع عن", "الدفاع الجوي", "رميا بالرصاص"],
            vec!["قصف", "القصف", "مدفعي"],
            vec!["بابا", "ابا"],
            vec!["من من", "منطقه"],
            vec!["قص", "ا"],
        ];
        let data = Triggers::embedded()
            .entries
            .iter()
            .flat_map(|e| [&e.after, &e.blocked, &e.before, &e.not_before, &e.not_in_clause].map(|p| p.list.clone()));
        let lists: Vec<Vec<String>> =
            lists.into_iter().map(|l| l.into_iter().map(str::to_string).collect()).chain(data).collect();
        let mut found = 0;
        for list in &lists {
            let phrases = Phrases::new(list.iter().cloned());
            for window in windows {
                let words: Vec<&str> = window.split(' ').collect();
                let expected = list.iter().any(|p| window_reference(&words, p));
                assert_eq!(phrases.in_window(words.iter().copied()), expected, "{list:?} in {window:?}");
                found += expected as usize;
            }
        }
        assert!(found > 20, "the windows hold too few of the phrases: {found}");
    }

    #[test]
    fn longer_cue_hides_the_shorter_one() {
        let h = hits("لم يعد الاشتباك ممكنا");
        assert!(h.iter().any(|(_, t)| *t == Target::Cue(Cue::Asserted)));
        assert!(!h.iter().any(|(_, t)| *t == Target::Cue(Cue::Negated)), "{h:?}");
    }
}
