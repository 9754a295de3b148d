//! Eventness: whether a trigger occurrence tells a real event that happened.
//!
//! Design decision: one stage decides it, from the structure around the trigger rather than
//! from one veto list per word. The rules of the other modules each read one thing — the
//! words an entry names around its trigger (complements, blocked objects), the context a weak
//! word needs, the modal cues of its clause (negation, condition, plan, fear, the future
//! prefix, a purpose ل), dates far back, quotes, a headline — and this stage reads them all at
//! once as features of a linear model (logistic regression) trained on labelled sentences:
//! the `train` split of the project's sentence set plus the rules' own example sentences
//! (`tools/train_eventness.py`; the model is `data/eventness.tsv`). Features name rule
//! verdicts and closed word classes, and the words right around the trigger; a feature the
//! model has no weight for counts zero, so the model degrades to its bias and the rule
//! verdicts, never to an error. Without a model (an empty file) the rules decide alone.
//!
//! The decision ([`Verdict`]): the modality the rules read (negated, hypothetical, planned,
//! feared) stands, and so does their rejection of an occurrence (a blocked or missing
//! complement, a weak word with nothing of armed conflict around it, a weapon beside no act);
//! an asserted event of the rules is kept when the model scores it at or above its threshold.
//! The model can only take events away: trained on sentences read alone, it would otherwise
//! make events of weak words whose context a whole article gives or denies.

use super::candidates::{Screen, WeakContext, WordCheck};
use super::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::Hasher;
use std::sync::OnceLock;

const MODEL_TSV: &str = include_str!("../../data/eventness.tsv");

/// How many words before a trigger a modal cue is read as a feature.
const CUE_REACH: usize = 8;
/// How many days before publication a date of the sentence makes it history.
const HISTORY_DAYS: i64 = 365;

/// A linear model over hashed features.
#[derive(Debug)]
pub struct Model {
    bias: f32,
    /// The probability an occurrence the rules let stand must reach.
    threshold: f32,
    weights: FxHashMap<u64, f32>,
}

/// A model file that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("eventness.tsv:{line}: {reason}")]
pub struct ModelError {
    line: usize,
    reason: String,
}

/// The hash of feature `template=value`, computed the same way at load and at scoring.
fn key(template: &str, value: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(template.as_bytes());
    h.write_u8(b'=');
    h.write(value.as_bytes());
    h.finish()
}

impl Model {
    /// The embedded model, or `None` when the file holds no weights.
    pub fn embedded() -> Option<&'static Model> {
        static M: OnceLock<Option<Model>> = OnceLock::new();
        M.get_or_init(|| {
            let m = Model::parse(MODEL_TSV).expect("embedded eventness model is valid");
            (!m.weights.is_empty()).then_some(m)
        })
        .as_ref()
    }

    /// Read `bias`, `threshold` and `template=value<TAB>weight` lines; `#` starts a comment.
    pub fn parse(tsv: &str) -> Result<Model, ModelError> {
        let mut m = Model { bias: 0.0, threshold: 0.5, weights: FxHashMap::default() };
        for (i, line) in tsv.lines().enumerate() {
            let err = |reason: &str| ModelError { line: i + 1, reason: reason.to_string() };
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, w) = line.split_once('\t').ok_or_else(|| err("no tab"))?;
            let w: f32 = w.parse().map_err(|_| err("weight is not a number"))?;
            match name {
                "bias" => m.bias = w,
                "threshold" => m.threshold = w,
                _ => {
                    let (t, v) = name.split_once('=').ok_or_else(|| err("feature without ="))?;
                    if m.weights.insert(key(t, v), w).is_some() {
                        return Err(err("feature listed twice"));
                    }
                }
            }
        }
        Ok(m)
    }

    /// The probability that the features describe a real event.
    fn probability(&self, sum: f32) -> f32 {
        1.0 / (1.0 + (-(self.bias + sum)).exp())
    }
}

/// Where features go: summed under a model, or written out by name for training.
trait Sink {
    fn add(&mut self, template: &str, value: &str);
}

struct Sum<'m> {
    model: &'m Model,
    sum: f32,
}

impl Sink for Sum<'_> {
    fn add(&mut self, template: &str, value: &str) {
        if let Some(w) = self.model.weights.get(&key(template, value)) {
            self.sum += w;
        }
    }
}

impl Sink for Vec<String> {
    fn add(&mut self, template: &str, value: &str) {
        self.push(format!("{template}={value}"));
    }
}

fn word_check_name(w: WordCheck) -> &'static str {
    match w {
        WordCheck::Fits => "fits",
        WordCheck::Blocked => "blocked",
        WordCheck::NotBefore => "not_before",
        WordCheck::NotInClause => "not_in_clause",
        WordCheck::MissingBefore => "missing_before",
        WordCheck::MissingAfter => "missing_after",
    }
}

fn weak_name(w: WeakContext) -> &'static str {
    match w {
        WeakContext::NotAsked => "not_asked",
        WeakContext::Armed => "armed",
        WeakContext::Context => "context",
        WeakContext::OtherTrigger => "other_trigger",
        WeakContext::Paragraph => "paragraph",
        WeakContext::Sport => "sport",
        WeakContext::None => "none",
    }
}

fn cue_name(c: Cue) -> Option<&'static str> {
    Some(match c {
        Cue::Negated => "negated",
        Cue::Hypothetical => "hypothetical",
        Cue::Planned => "planned",
        Cue::Feared => "feared",
        Cue::Modal => "modal",
        Cue::NegatedNext => "negated_next",
        Cue::GenericNext => "generic_next",
        Cue::AfterHypothetical => "after_hypothetical",
        Cue::AfterPlanned => "after_planned",
        Cue::Undergo => "undergo",
        Cue::Repel => "repel",
        Cue::Sport => "sport",
        Cue::ProtestContext => "protest_context",
        _ => return None,
    })
}

fn factuality_name(f: Factuality) -> &'static str {
    match f {
        Factuality::Asserted => "asserted",
        Factuality::Negated => "negated",
        Factuality::Hypothetical => "hypothetical",
        Factuality::Planned => "planned",
        Factuality::Feared => "feared",
    }
}

/// The features of one trigger occurrence.
#[allow(clippy::too_many_arguments)]
fn features(
    doc: &Doc,
    h: &Hit,
    entry: usize,
    pos: Pos,
    clause: Clause,
    screen: &Screen,
    rule: Factuality,
    out: &mut impl Sink,
) {
    let e: &Trigger = &doc.trig.entries[entry];
    let s = h.sentence;
    let (sa, sb) = doc.sentence_tokens(s);
    let action = e.action.as_str();
    let pos_name = if pos == Pos::Verb { "verb" } else { "noun" };
    out.add("action", action);
    out.add("action_pos", &format_pair(action, pos_name));
    out.add("strength", if e.strength == Strength::Weak { "weak" } else { "strong" });
    // The form as written, clitics included: the words the model knows best.
    let form: String = (h.first..=h.last).map(|i| doc.tok_text(i)).collect::<Vec<_>>().join(" ");
    out.add("form", &form);
    if h.future {
        out.add("future", "1");
    }
    if h.lam {
        out.add("lam", "1");
    }
    if h.suffix {
        out.add("suffix", "1");
    }
    if pos == Pos::Verb {
        let w = doc.tok_text(h.first).trim_start_matches(['و', 'ف']);
        if w.starts_with(['ي', 'ت', 'ن']) && !w.starts_with("تم") {
            out.add("imperfect", "1");
        }
    }
    // The rules' verdicts.
    if screen.anaphora {
        out.add("anaphora", "1");
    }
    out.add("words", word_check_name(screen.words));
    if screen.instrument_alone {
        out.add("instrument_alone", "1");
    }
    if screen.statement_off_topic {
        out.add("statement_off_topic", "1");
    }
    out.add("weak", weak_name(screen.weak));
    out.add("rules", if screen.passes() { "pass" } else { "fail" });
    out.add("factuality", factuality_name(rule));
    out.add("action_factuality", &format_pair(action, factuality_name(rule)));
    // Cues of the clause before the trigger, and after it.
    for c in doc.sentence_hits(s) {
        let Target::Cue(cue) = c.target else { continue };
        let Some(name) = cue_name(cue) else { continue };
        if c.last < h.first && c.first >= clause.start && h.first - c.last <= CUE_REACH {
            out.add("cue_before", name);
            if h.first - c.last <= 2 {
                out.add("cue_adjacent", name);
            }
        } else if c.first > h.last && c.first <= clause.end && c.first - h.last <= CUE_REACH {
            out.add("cue_after", name);
        }
    }
    // Who is named around it.
    let args = &doc.args[s];
    let in_clause = |a: &&Arg| a.first >= clause.start && a.last <= clause.end;
    if args.iter().filter(in_clause).any(|a| is_armed(a.kind)) {
        out.add("armed", "clause");
    } else if args.iter().any(|a| is_armed(a.kind)) {
        out.add("armed", "sentence");
    }
    if args.iter().filter(in_clause).any(|a| a.kind == ActorKind::Civilians) {
        out.add("civilians", "clause");
    }
    if args.iter().any(|a| a.last < h.first && in_clause(&a)) {
        out.add("actor_before", "1");
    }
    if args.iter().any(|a| a.first > h.last && in_clause(&a)) {
        out.add("actor_after", "1");
    }
    // Figures of the sentence.
    for c in doc.claims.iter().filter(|c| c.sentence == s) {
        out.add("claim", c.kind.as_str());
        let t = doc.token_at(c.number.start);
        if t.abs_diff(h.first) <= 6 {
            out.add("claim_near", c.kind.as_str());
        }
    }
    // Other event words of the sentence.
    for o in doc.sentence_hits(s) {
        let Target::Trigger { entry: oe, .. } = o.target else { continue };
        if oe == entry || o.first == h.first {
            continue;
        }
        let other = &doc.trig.entries[oe];
        let same_clause = o.first >= clause.start && o.first <= clause.end;
        out.add(if same_clause { "other_clause" } else { "other_sentence" }, other.action.as_str());
    }
    // Time: a date of the clause or sentence, and whether it lies far back.
    let mut dated = "none";
    for &(t, i) in &doc.dates[s] {
        let d = &doc.date_mentions[i];
        let near = t >= clause.start && t <= clause.end;
        if near || dated == "none" {
            dated = if near { "clause" } else { "sentence" };
        }
        if let (Some(v), Some(p)) = (d.value, doc.published) {
            if v.end < p - Duration::days(HISTORY_DAYS) {
                out.add("date_history", if near { "clause" } else { "sentence" });
            }
        }
    }
    out.add("date", dated);
    let places = &doc.places[s];
    if places.iter().any(|(t, _, _, _)| *t >= clause.start && *t <= clause.end) {
        out.add("place", "clause");
    } else if !places.is_empty() {
        out.add("place", "sentence");
    }
    let kind = doc.ctx.layer.sentences[s].kind;
    if kind == SentenceKind::Headline {
        out.add("headline", "1");
    }
    // Inside a quotation: an odd number of quote marks before it in the sentence.
    let quotes = (sa..h.first).filter(|&i| doc.is(i, WordClass::Quote)).count();
    if quotes % 2 == 1 {
        out.add("in_quote", "1");
    }
    // The words right around it.
    for (k, i) in (h.first.saturating_sub(2).max(sa)..h.first).rev().enumerate() {
        out.add(if k == 0 { "w-1" } else { "w-2" }, doc.tok_text(i));
    }
    for (k, i) in (h.last + 1..=(h.last + 2).min(sb)).enumerate() {
        out.add(if k == 0 { "w+1" } else { "w+2" }, doc.tok_text(i));
    }
}

/// `a_b`: two closed labels read as one feature.
fn format_pair(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len() + 1);
    s.push_str(a);
    s.push('_');
    s.push_str(b);
    s
}

/// What the rules alone make of a trigger occurrence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// An asserted event: the model may still find it is none.
    Event,
    /// Told as negated, hypothetical, planned or feared: the modality stands.
    Modal,
    /// The rules rule it out.
    NoEvent,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Event => "event",
            Verdict::Modal => "modal",
            Verdict::NoEvent => "no_event",
        }
    }
}

fn verdict(screen: &Screen, rule: Factuality) -> Verdict {
    match (screen.passes(), rule) {
        (false, _) => Verdict::NoEvent,
        (true, Factuality::Asserted) => Verdict::Event,
        (true, _) => Verdict::Modal,
    }
}

/// Whether a trigger occurrence is an event, and its modality: `None` when it is none.
pub(super) fn decide(
    doc: &Doc,
    h: &Hit,
    entry: usize,
    pos: Pos,
    clause: Clause,
    screen: &Screen,
) -> Option<Factuality> {
    let rule = factuality(doc, h.sentence, h, clause);
    match verdict(screen, rule) {
        Verdict::NoEvent => None,
        Verdict::Modal => Some(rule),
        Verdict::Event => {
            let Some(model) = Model::embedded() else { return Some(rule) };
            let mut sum = Sum { model, sum: 0.0 };
            features(doc, h, entry, pos, clause, screen, rule, &mut sum);
            (model.probability(sum.sum) >= model.threshold).then_some(rule)
        }
    }
}

/// One trigger occurrence as the eventness model sees it, for training.
#[derive(Clone, Debug)]
pub struct CandidateFeatures {
    pub sentence: usize,
    pub action: Action,
    /// What the rules alone make of it.
    pub verdict: Verdict,
    pub features: Vec<String>,
}

/// The features of every trigger occurrence of a document that could make an event, in text
/// order (the input of `tools/train_eventness.py`).
pub fn candidate_features(
    ctx: &Context,
    published: Option<NaiveDate>,
    dates: &[DateMention],
    claims: &[Claim],
) -> Vec<CandidateFeatures> {
    let Some(doc) = read_doc(ctx, published, dates, claims) else { return Vec::new() };
    let mut out = Vec::new();
    for h in &doc.hits {
        let Target::Trigger { entry, pos } = h.target else { continue };
        let e = &doc.trig.entries[entry];
        if !e.creates {
            continue;
        }
        let clause = doc.clause(h.sentence, h.first);
        let screen = candidates::screen(&doc, h, entry, pos, clause);
        let rule = factuality(&doc, h.sentence, h, clause);
        let mut names: Vec<String> = Vec::new();
        features(&doc, h, entry, pos, clause, &screen, rule, &mut names);
        out.push(CandidateFeatures {
            sentence: h.sentence,
            action: e.action,
            verdict: verdict(&screen, rule),
            features: names,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_lines_parse_and_bad_lines_are_named() {
        let m = Model::parse("# comment\nbias\t-1.5\nthreshold\t0.4\naction=attack\t2\nfuture=1\t-3\n").unwrap();
        assert_eq!((m.bias, m.threshold), (-1.5, 0.4));
        assert_eq!(m.weights.get(&key("action", "attack")), Some(&2.0));
        assert_eq!(m.weights.get(&key("future", "1")), Some(&-3.0));
        assert!((m.probability(1.5) - 0.5).abs() < 1e-6);
        let e = Model::parse("bias\t0\naction=attack\tx\n").unwrap_err();
        assert_eq!(e.to_string(), "eventness.tsv:2: weight is not a number");
        assert!(Model::parse("action=attack\t1\naction=attack\t2\n").is_err());
        assert!(Model::parse("noequals\t1\n").is_err());
    }

    #[test]
    fn the_embedded_model_loads() {
        // An empty model is allowed (the rules then decide alone); a present one must parse.
        Model::parse(MODEL_TSV).unwrap();
    }
}
