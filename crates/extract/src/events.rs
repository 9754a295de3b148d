//! Events from trigger words and their arguments, typed in the ACLED taxonomy.
//!
//! Design decisions:
//! - One scan: [`Triggers::scan`] finds every trigger and cue of a document in one pass; all
//!   later work for a trigger stays inside its sentence (arguments, modality, place, date,
//!   figures), so the cost is linear in the document.
//! - Arguments come from word order around the trigger, not from a parser: the subject of a
//!   verb follows it (VSO) or precedes it in the clause (SVO, or the antecedent of a pronoun
//!   subject); a verbal noun takes its agent from the word after it (هجوم داعش، الهجوم
//!   لداعش), from an agent phrase (شنه، على يد، من قبل) or from the light verb before it
//!   (شن التنظيم هجوما); its target follows على or ضد; بين X و Y names both sides.
//! - Precision before recall: words with peaceful or figurative senses fire only in an
//!   armed-conflict context, modal cues (negation, condition, plan, fear) make an event
//!   non-asserted, and background words (هزيمة، طرد) are kept only with a date of their own.
//! - Mentions of one event in an article merge into one record; an attack absorbed by a
//!   more specific trigger of its clause (شن هجوما بسيارات مفخخة) takes that trigger's type.

use crate::triggers::{Cue, Hit, Pos, Strength, Target, Trigger, Triggers};
use crate::Context;
use chrono::{Duration, NaiveDate};
use marsad_core::{
    Action, ActorId, ActorKind, Claim, ClaimKind, DateMention, DateRange, Event, EventType, Factuality, Interval,
    PlaceId, PlaceKind, SentenceKind, Span, SubEventType,
};
use marsad_text::TokenKind;
use std::collections::BTreeMap;

/// How far (in words) the subject of a verb may follow it.
const SUBJECT_GAP: usize = 4;
/// How far an argument may be from its noun trigger when no marker introduces it.
const IDAFA_GAP: usize = 2;
/// Words after a trigger read for `after` complements.
const COMPLEMENT_WINDOW: usize = 12;
/// Words after a verbal noun read for `after` complements.
const NOUN_COMPLEMENT_WINDOW: usize = 3;
/// Words after a trigger read for `blocked` complements (figurative objects follow at once).
const BLOCKED_WINDOW: usize = 2;
/// How far back the story's first dated day may lie before the publication date.
const CONTEXT_DAYS: i64 = 14;
/// How far back a statement may date and still be news of the story.
const STATEMENT_DAYS: i64 = 45;
/// How far (in words) a date of the sentence outside the trigger's clause may be.
const SENTENCE_DATE_REACH: usize = 8;

/// An actor mention as the event stage sees it: token range and record.
#[derive(Clone, Debug)]
struct Arg {
    first: usize,
    last: usize,
    id: ActorId,
    kind: ActorKind,
    /// The mention is introduced by ل (الهجوم لتنظيم داعش, بيان لقسد).
    lam: bool,
}

/// A token range of a sentence inside which arguments and cues are read.
#[derive(Clone, Copy, Debug)]
struct Clause {
    start: usize,
    end: usize,
}

/// One trigger occurrence with what was read around it.
#[derive(Clone, Debug)]
struct Candidate {
    entry: usize,
    action: Action,
    hit: Hit,
    factuality: Factuality,
    actor1: Option<ActorId>,
    actor2: Option<ActorId>,
    assoc: Vec<ActorId>,
    place: Option<PlaceId>,
    geo_precision: u8,
    date: Option<DateRange>,
    time_precision: u8,
    fatalities: Option<Interval>,
    evidence: Span,
    mentions: Vec<usize>,
    /// The place was read in the event's own clause (not the article's main place).
    place_in_text: bool,
    /// An actor was read around the trigger (not inferred from the article).
    actors_in_text: bool,
    /// The date was read in the event's sentence (not the story span).
    date_in_text: bool,
    /// A verbal noun.
    noun: bool,
    /// A verbal noun after منذ/قبل/بعد: an earlier event used as a landmark.
    landmark: bool,
    /// The landmark word is منذ or قبل.
    since: bool,
    /// Dropped after absorption or merging.
    dead: bool,
    /// The clause of the trigger in its sentence.
    clause: Clause,
}

fn is_armed(kind: ActorKind) -> bool {
    matches!(kind, ActorKind::NonStateArmedGroup | ActorKind::StateForce | ActorKind::Police)
}

fn is_violent(a: Action) -> bool {
    matches!(
        a,
        Action::Attack
            | Action::Storm
            | Action::Clash
            | Action::CarBomb
            | Action::SuicideAttack
            | Action::Airstrike
            | Action::Shelling
            | Action::Bombing
            | Action::Mutiny
            | Action::Recapture
    )
}

/// Specific actions that absorb a generic attack or explosion in their clause.
fn absorbs(specific: Action, generic: Action) -> bool {
    use Action::*;
    match generic {
        Attack => matches!(specific, Storm | CarBomb | SuicideAttack | Airstrike | Shelling | Bombing | Recapture),
        Bombing => matches!(specific, CarBomb | SuicideAttack),
        Shelling => matches!(specific, Airstrike),
        Storm => matches!(specific, Recapture),
        _ => false,
    }
}

/// Everything about the document the per-trigger work reads.
struct Doc<'a> {
    ctx: &'a Context<'a>,
    trig: &'static Triggers,
    hits: Vec<Hit>,
    /// First and last token of each sentence.
    sentence_tokens: Vec<(usize, usize)>,
    /// The range of `hits` in each sentence.
    sentence_hits: Vec<(usize, usize)>,
    /// Actor mentions by sentence, in text order.
    args: Vec<Vec<Arg>>,
    /// Places by sentence: (first token, place, depth in the gazetteer).
    places: Vec<Vec<(usize, PlaceId, usize)>>,
    /// Dates by sentence: (first token, mention index).
    dates: Vec<Vec<(usize, usize)>>,
    date_mentions: &'a [DateMention],
    published: Option<NaiveDate>,
}

impl<'a> Doc<'a> {
    fn token_at(&self, offset: usize) -> usize {
        self.ctx.layer.tokens.partition_point(|t| t.span.end <= offset)
    }

    fn tok_text(&self, i: usize) -> &str {
        self.ctx.layer.tokens.get(i).map_or("", |t| t.text(&self.ctx.layer.norm))
    }

    fn sentence_tokens(&self, s: usize) -> (usize, usize) {
        self.sentence_tokens[s]
    }

    /// Hits of one sentence.
    fn sentence_hits(&self, s: usize) -> &[Hit] {
        let (a, b) = self.sentence_hits[s];
        &self.hits[a..b]
    }

    /// The clause of the sentence around token `t`: bounded by clause-break cues and by
    /// semicolons and colons.
    fn clause(&self, s: usize, t: usize) -> Clause {
        let (sa, sb) = self.sentence_tokens(s);
        let mut start = sa;
        let mut end = sb;
        for h in self.sentence_hits(s) {
            if h.target == Target::Cue(Cue::Break) {
                if h.first <= t && h.first > start {
                    start = h.first;
                } else if h.first > t && h.first <= end {
                    end = h.first - 1;
                    break;
                }
            }
        }
        let toks = &self.ctx.layer.tokens;
        let (lo, hi) = (start, end.min(toks.len().saturating_sub(1)));
        let stop = |i: &usize| toks[*i].kind == TokenKind::Punct && matches!(self.tok_text(*i), ";" | ":");
        if let Some(i) = (lo..t.min(hi + 1)).rev().find(stop) {
            start = i + 1;
        }
        if let Some(i) = (t + 1..=hi).find(stop) {
            end = i - 1;
        }
        Clause { start, end: end.max(start) }
    }

    fn cue_in(&self, s: usize, cue: Cue, from: usize, to: usize) -> Option<&Hit> {
        self.sentence_hits(s).iter().find(|h| h.target == Target::Cue(cue) && h.first >= from && h.first <= to)
    }

    /// The normalized words before token `t` (at most `n`, from `limit` on).
    fn words_before(&self, t: usize, n: usize, limit: usize) -> impl Iterator<Item = &str> + Clone {
        (t.saturating_sub(n).max(limit)..t).map(|i| self.tok_text(i))
    }

    /// The normalized words after token `t` (at most `n` words, punctuation skipped, up to
    /// token `limit`), for complement checks.
    fn words_after(&self, t: usize, n: usize, limit: usize) -> impl Iterator<Item = &str> + Clone {
        let toks = &self.ctx.layer.tokens;
        (t + 1..=limit.min(toks.len().saturating_sub(1)))
            .filter(|&i| toks[i].kind != TokenKind::Punct)
            .take(n)
            .map(|i| self.tok_text(i))
    }
}

/// A set of spans answering whether any of them overlaps a given span, in logarithmic time:
/// the spans by start, each with the furthest end reached by it and those before. Some span
/// overlaps `x` iff among those starting before `x` ends, the furthest end passes `x`'s start.
struct Overlaps(Vec<(usize, usize)>);

impl Overlaps {
    fn new(spans: impl Iterator<Item = Span>) -> Overlaps {
        let mut v: Vec<(usize, usize)> = spans.map(|s| (s.start, s.end)).collect();
        v.sort_unstable();
        let mut reach = 0;
        for x in &mut v {
            reach = reach.max(x.1);
            x.1 = reach;
        }
        Overlaps(v)
    }

    /// Whether some span of the set overlaps `x` ([`Span::overlaps`]).
    fn any(&self, x: Span) -> bool {
        let k = self.0.partition_point(|&(start, _)| start < x.end);
        k > 0 && self.0[k - 1].1 > x.start
    }
}

/// Find the events of one document.
pub fn find(ctx: &Context, published: Option<NaiveDate>, dates: &[DateMention], claims: &[Claim]) -> Vec<Event> {
    let trig = Triggers::embedded();
    let hits = trig.scan(ctx.layer);
    // Only a trigger that creates events can make a candidate, and with no candidate every
    // later step has nothing to work on: most articles stop here.
    if !hits.iter().any(|h| matches!(h.target, Target::Trigger { entry, .. } if trig.entries[entry].creates)) {
        return Vec::new();
    }
    let n_sent = ctx.layer.sentences.len();
    let tokens = &ctx.layer.tokens;
    let sentence_tokens = ctx
        .layer
        .sentences
        .iter()
        .map(|x| {
            let a = tokens.partition_point(|t| t.span.end <= x.span.start);
            let b = tokens.partition_point(|t| t.span.start < x.span.end);
            (a, b.max(a + 1) - 1)
        })
        .collect();
    // The hit list is in text order, so by sentence.
    let sentence_hits = (0..n_sent)
        .map(|s| (hits.partition_point(|h| h.sentence < s), hits.partition_point(|h| h.sentence <= s)))
        .collect();
    let mut doc = Doc {
        ctx,
        trig,
        hits,
        sentence_tokens,
        sentence_hits,
        args: vec![Vec::new(); n_sent],
        places: vec![Vec::new(); n_sent],
        dates: vec![Vec::new(); n_sent],
        date_mentions: dates,
        published,
    };
    for m in &ctx.mentions.actors {
        if m.sentence >= n_sent {
            continue;
        }
        let first = doc.token_at(m.span.start);
        let last = doc.token_at(m.span.end.saturating_sub(1)).max(first);
        let lam = doc.tok_text(first).starts_with('ل') && !ctx.text(m.span).starts_with('ل');
        let lam = lam || ctx.text(m.span).starts_with("لـ") || {
            // A ل written as its own token before quotes: لـ«قسد».
            first > 0 && matches!(doc.tok_text(first - 1), "ل" | "\"") && doc.tok_text(first.saturating_sub(2)) == "ل"
        };
        doc.args[m.sentence].push(Arg { first, last, id: m.actor.clone(), kind: m.kind, lam });
    }
    let unarmed = Overlaps::new(ctx.mentions.actors.iter().filter(|a| !is_armed(a.kind)).map(|a| a.span));
    for m in &ctx.mentions.places {
        // A capital named for its government (واشنطن) is an actor here, not a place.
        let metonymy = unarmed.any(m.span);
        if m.sentence >= n_sent || metonymy {
            continue;
        }
        let depth = ctx.lexicon.place_chain(&m.place).len();
        let t = doc.token_at(m.span.start);
        doc.places[m.sentence].push((t, m.place.clone(), depth));
    }
    for (i, d) in dates.iter().enumerate() {
        if d.sentence < n_sent && d.value.is_some() {
            let t = doc.token_at(d.span.start);
            doc.dates[d.sentence].push((t, i));
        }
    }
    let main_place = main_place(&doc);
    let mut cands: Vec<Candidate> = Vec::new();
    for (hi, h) in doc.hits.iter().enumerate() {
        if let Target::Trigger { entry, pos } = h.target {
            if let Some(c) = read_trigger(&doc, hi, entry, pos) {
                cands.push(c);
            }
        }
    }
    absorb(&doc, &mut cands);
    let article = ArticleActors::new(&doc, &cands);
    for c in cands.iter_mut().filter(|c| !c.dead) {
        complete_actors(&doc, &article, c);
        locate(&doc, c, main_place.as_ref());
    }
    date_events(&doc, &mut cands);
    // Statements are news only while the story runs: one dated years back is background.
    if let Some(p) = published {
        for c in cands.iter_mut().filter(|c| c.action == Action::Statement) {
            if c.date.is_some_and(|d| d.end < p - Duration::days(STATEMENT_DAYS)) {
                c.dead = true;
            }
        }
    }
    cands.retain(|c| !c.dead);
    attach_fatalities(&doc, &mut cands, claims);
    relabel_recaptures(&mut cands, article.aggressor.as_ref());
    fold_bare_mentions(&mut cands);
    merge(ctx, &mut cands);
    cands.into_iter().filter(|c| !c.dead).map(|c| to_event(ctx, c)).collect()
}

/// The article's main place: the most mentioned place below country level (ties: first).
fn main_place(doc: &Doc) -> Option<(PlaceId, u8)> {
    let mut counts: BTreeMap<&PlaceId, (usize, usize, u8)> = BTreeMap::new();
    for (i, m) in doc.ctx.mentions.places.iter().enumerate() {
        let e = counts.entry(&m.place).or_insert((0, usize::MAX - i, m.geo_precision));
        e.0 += 1;
    }
    let deep = |p: &PlaceId| doc.ctx.lexicon.place_chain(p).len() >= 2;
    let best = counts
        .iter()
        .filter(|(p, _)| deep(p))
        .max_by_key(|(_, &(n, first, _))| (n, first))
        .or_else(|| counts.iter().max_by_key(|(_, &(n, first, _))| (n, first)));
    best.map(|(p, &(_, _, g))| ((*p).clone(), g))
}

/// How many words after a trigger negated by لا a word of "only" may stand (لا يستهدف في
/// هذه المنطقة سوى المسلحين).
const ONLY_WINDOW: usize = 5;

/// Modality of a trigger from the cues before it in its clause. Without such a cue, a verb
/// carrying the future prefix س is planned, and a trigger carrying ل names a purpose (لشن
/// هجوم، للاشتباك معه، ليهرب) and so is planned, unless a word before it makes it something
/// suffered or met (تعرضت لهجوم، تصدت لهجوم، عمليات لتبادل الأسرى).
fn factuality(doc: &Doc, s: usize, h: &Hit, clause: Clause) -> Factuality {
    let (first, last) = (h.first, h.last);
    let w = doc.trig.windows;
    let mut best: Option<(usize, Factuality)> = None;
    for h in doc.sentence_hits(s) {
        if h.first >= first || h.first < clause.start {
            continue;
        }
        if (h.last + 1..first).any(|i| doc.tok_text(i) == ",") {
            continue;
        }
        let dist = first - h.last;
        // The trigger is what the cue's act is about (دعا إلى التحقيق في الهجوم): no modality.
        if dist > 1 && doc.trig.about.in_window((h.last + 1..first).map(|i| doc.tok_text(i))) {
            continue;
        }
        let f = match h.target {
            Target::Cue(Cue::Negated) if dist <= w.negated => Factuality::Negated,
            Target::Cue(Cue::Hypothetical) if dist <= w.hypothetical => Factuality::Hypothetical,
            Target::Cue(Cue::Planned) if dist <= w.planned => Factuality::Planned,
            Target::Cue(Cue::Feared) if dist <= w.feared => Factuality::Feared,
            Target::Cue(Cue::Modal) if dist <= w.hypothetical => {
                // قد before an imperfect verb; not before a perfect or the auxiliary تم.
                let next = doc.tok_text(h.last + 1);
                let imperfect = next.starts_with(['ي', 'ت', 'ن']) && !next.starts_with("تم");
                if !imperfect {
                    continue;
                }
                Factuality::Hypothetical
            }
            // لا right before the trigger, alone or after a conjunction (not إلا، بلا), and
            // not in "only" or "not only" (لا تستهدف سوى المسلحين، لا يتظاهرون فقط ضد ...).
            Target::Cue(Cue::NegatedNext) if dist == 1 => {
                if !matches!(doc.tok_text(h.first), "لا" | "ولا" | "فلا")
                    || doc.trig.only.in_window(doc.words_after(last, ONLY_WINDOW, clause.end))
                {
                    continue;
                }
                Factuality::Negated
            }
            _ => continue,
        };
        // Negation outranks the others; otherwise the closest cue decides.
        let rank = if f == Factuality::Negated { 0 } else { dist + 1 };
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, f));
        }
    }
    if let Some((_, f)) = best {
        return f;
    }
    // An adjective after the trigger (الهجوم المحتمل، الهجوم الكيميائي المرتقب), unless a
    // word before it tells the event began (بدأ الهجوم المرتقب).
    let began = || doc.trig.onset.in_window(doc.words_before(first, 3, clause.start));
    // Hits are in text order: stop past the window.
    for c in doc.sentence_hits(s) {
        if c.first > h.last + w.after || c.first > clause.end {
            break;
        }
        if c.first <= h.last {
            continue;
        }
        // Not after من: من المتوقع أن opens a clause of its own (التظاهرات من المتوقع أن تستمر).
        if (h.last + 1..c.first).any(|i| doc.tok_text(i) == ",") || doc.tok_text(c.first - 1) == "من" {
            continue;
        }
        match c.target {
            Target::Cue(Cue::AfterHypothetical) if !began() => return Factuality::Hypothetical,
            Target::Cue(Cue::AfterPlanned) if !began() => return Factuality::Planned,
            _ => {}
        }
    }
    // A verb in the future (ستهاجم، وسيقصف) tells what is to come, not what happened.
    if h.future && matches!(h.target, Target::Trigger { pos: Pos::Verb, .. }) {
        return Factuality::Planned;
    }
    if h.lam {
        let met = doc.sentence_hits(s).iter().any(|c| {
            matches!(c.target, Target::Cue(Cue::Undergo | Cue::Repel))
                && c.last < first
                && c.first >= clause.start
                && first - c.last <= w.purpose
        });
        if !met {
            return Factuality::Planned;
        }
    }
    Factuality::Asserted
}

/// The checks of a trigger entry against the words around one occurrence: a figurative
/// complement after it (`blocked`), a word before it that cancels it (`not_before`) or one in
/// its clause (`not_in_clause`), and the words it needs before or after it.
fn fits_its_words(doc: &Doc, h: &Hit, e: &Trigger, pos: Pos) -> bool {
    let (sent_start, sent_end) = doc.sentence_tokens(h.sentence);
    if e.blocked.in_window(doc.words_after(h.last, BLOCKED_WINDOW, sent_end)) {
        return false;
    }
    // A verb's subject may stand between it and its complement; a noun's follows at once.
    let reach = if pos == Pos::Verb { COMPLEMENT_WINDOW } else { NOUN_COMPLEMENT_WINDOW };
    let before_window = doc.words_before(h.first, 3, sent_start);
    if e.not_before.in_window(before_window.clone()) {
        return false;
    }
    if !e.not_in_clause.is_empty() {
        let clause = doc.clause(h.sentence, h.first);
        let before = doc.words_before(h.first, h.first - clause.start, clause.start);
        let after = doc.words_after(h.last, clause.end.saturating_sub(h.last), clause.end);
        if e.not_in_clause.in_window(before) || e.not_in_clause.in_window(after) {
            return false;
        }
    }
    if !e.before.is_empty() && !e.before.in_window(before_window) {
        return false;
    }
    e.after.is_empty() || e.after.in_window(doc.words_after(h.last, reach, sent_end))
}

/// Whether a violent act other than `entry`, and not itself a weapon, is named in the clause
/// of hit `h` by a trigger that its own words let stand.
fn violent_act_in_clause(doc: &Doc, h: &Hit, entry: usize, clause: Clause) -> bool {
    doc.sentence_hits(h.sentence).iter().any(|o| {
        let Target::Trigger { entry: oe, pos: opos } = o.target else { return false };
        let other = &doc.trig.entries[oe];
        oe != entry
            && !other.instrument
            && is_violent(other.action)
            && o.first >= clause.start
            && o.first <= clause.end
            && fits_its_words(doc, o, other, opos)
    })
}

/// Read one trigger occurrence: checks, modality and arguments inside its sentence.
fn read_trigger(doc: &Doc, hi: usize, entry: usize, pos: Pos) -> Option<Candidate> {
    let h = doc.hits[hi];
    let e: &Trigger = &doc.trig.entries[entry];
    if !e.creates {
        return None;
    }
    let s = h.sentence;
    let clause = doc.clause(s, h.first);
    if doc.sentence_hits(s).iter().any(|c| c.target == Target::Cue(Cue::Anaphora) && c.last + 1 == h.first) {
        return None;
    }
    if !fits_its_words(doc, &h, e, pos) {
        return None;
    }
    // A weapon named beside no act (تزويد الحوثيين بالطائرات المسيرة) is no event; beside
    // one (قصفت طائرة مسيرة) it types the act, which it absorbs.
    if e.instrument && !violent_act_in_clause(doc, &h, entry, clause) {
        return None;
    }
    let args = &doc.args[s];
    // Statements count only about the conflict: an armed actor, a conflict word or another
    // event in the sentence (a government restoring diplomatic ties is not one).
    if e.action == Action::Statement {
        let armed = args.iter().any(|a| is_armed(a.kind));
        let context = doc.sentence_hits(s).iter().any(|c| {
            c.target == Target::Cue(Cue::Context)
                || matches!(c.target, Target::Trigger { entry: oe, .. } if doc.trig.entries[oe].action != Action::Statement)
        });
        if !armed && !context {
            return None;
        }
    }
    if e.strength == Strength::Weak && e.action != Action::Statement {
        let protest = matches!(e.action, Action::Protest | Action::Riot);
        let armed = args.iter().any(|a| is_armed(a.kind) || (protest && a.kind == ActorKind::Civilians));
        // Attacks, fights and surrenders of a match (هجمات المنتخب، استسلام الفريق).
        if !armed
            && doc
                .sentence_hits(s)
                .iter()
                .any(|c| c.target == Target::Cue(Cue::Sport) && c.first >= clause.start && c.first <= clause.end)
        {
            return None;
        }
        let context = doc
            .sentence_hits(s)
            .iter()
            .any(|c| c.target == Target::Cue(Cue::Context) && (c.last < h.first || c.first > h.last));
        // Another event word of the sentence: a strong one anywhere, a violent one of another
        // kind in the same clause (سقطت قذيفة ... وقتلت طفلا); only one that its own words
        // let stand (استعادة الصناعات is no recapture, so it lends no context).
        let other_trigger = || {
            doc.sentence_hits(s).iter().any(|o| {
                let Target::Trigger { entry: oe, pos: opos } = o.target else { return false };
                let other = &doc.trig.entries[oe];
                oe != entry
                    && other.action != Action::Statement
                    && (other.strength == Strength::Strong
                        || (is_violent(other.action)
                            && other.action != e.action
                            && o.first >= clause.start
                            && o.first <= clause.end))
                    && fits_its_words(doc, o, other, opos)
            })
        };
        if !armed && !context && !other_trigger() {
            return None;
        }
    }
    let factuality = factuality(doc, s, &h, clause);
    let (actor1, actor2) = roles(doc, &h, e, pos, clause);
    let actors_in_text = actor1.is_some() || actor2.is_some();
    // منذ الهدنة، بعد معركة الباغوز: a noun right after since/before/after names an earlier
    // event as a landmark: it joins the event told elsewhere, or stands alone after بعد.
    let landmark_word = if h.first > 0 { doc.tok_text(h.first - 1) } else { "" };
    let landmark = pos == Pos::Noun && matches!(landmark_word, "منذ" | "قبل" | "بعد" | "وبعد" | "ومنذ");
    let since = matches!(landmark_word, "منذ" | "ومنذ" | "قبل");
    let evidence = doc.ctx.layer.sentences[s].span;
    Some(Candidate {
        entry,
        action: e.action,
        hit: h,
        factuality,
        actor1,
        actor2,
        assoc: Vec::new(),
        place: None,
        geo_precision: 0,
        date: None,
        time_precision: 0,
        fatalities: None,
        evidence,
        mentions: vec![s],
        place_in_text: false,
        actors_in_text: actors_in_text && !landmark,
        date_in_text: false,
        noun: pos == Pos::Noun,
        landmark,
        since,
        dead: false,
        clause,
    })
}

/// Whether an actor may take part in an event of this action. Persons stand for their
/// organisation (resolved later); fighting needs armed sides, violence may hit civilians.
fn participant(kind: ActorKind, action: Action) -> bool {
    use ActorKind::*;
    match action {
        Action::Statement => !matches!(kind, Generic | Outlet | Research),
        Action::Clash
        | Action::Storm
        | Action::Recapture
        | Action::Mutiny
        | Action::Handover
        | Action::BaseEstablished
        | Action::Surrender => matches!(kind, NonStateArmedGroup | StateForce | Police | Person),
        Action::Protest | Action::Riot => matches!(kind, Civilians | Political | Person),
        Action::Agreement => matches!(kind, NonStateArmedGroup | StateForce | Police | Political | Person),
        Action::Displacement => kind == Civilians,
        _ => matches!(kind, NonStateArmedGroup | StateForce | Police | Civilians | Person),
    }
}

/// Word tokens strictly between two token indices.
fn word_gap(doc: &Doc, a: usize, b: usize) -> usize {
    let toks = &doc.ctx.layer.tokens;
    (a + 1..b).filter(|&i| toks.get(i).is_some_and(|t| t.kind != TokenKind::Punct)).count()
}

/// Stand-in for "the escapees" (الهاربين، الفارين) used as an argument: the group that
/// escaped, resolved once the article's escapes are known.
const ESCAPEES: &str = "@escapees";

/// Actor1 and actor2 of a trigger from the words around it.
fn roles(doc: &Doc, h: &Hit, e: &Trigger, pos: Pos, clause: Clause) -> (Option<ActorId>, Option<ActorId>) {
    let s = h.sentence;
    let args: Vec<&Arg> = doc.args[s]
        .iter()
        .filter(|a| participant(a.kind, e.action) && a.first >= clause.start && a.last <= clause.end)
        .filter(|a| a.last < h.first || a.first > h.last)
        .collect();
    let after: Vec<&Arg> = args.iter().copied().filter(|a| a.first > h.last).collect();
    let before: Vec<&Arg> = args.iter().copied().filter(|a| a.last < h.first).collect();
    let target_cue = doc.cue_in(s, Cue::Target, h.last + 1, clause.end).map(|c| c.first);
    let between = doc.cue_in(s, Cue::Between, h.last + 1, (h.last + 3).min(clause.end)).map(|c| c.last);

    // بين X و Y
    if let Some(b) = between {
        let sides: Vec<&&Arg> = after.iter().filter(|a| a.first > b).collect();
        if let Some(x) = sides.first() {
            if let Some(y) = sides.iter().find(|a| a.id != x.id) {
                return (Some(x.id.clone()), Some(y.id.clone()));
            }
        }
    }
    let passive = e.passive || {
        let p = doc.tok_text(h.first.saturating_sub(1));
        h.first > 0 && matches!(p, "تم" | "جري" | "وتم" | "يتم" | "سيتم")
    };
    // An agent phrase (شنه، على يد، التابع ل) right after the trigger; after a passive
    // anywhere in the clause (طرده من الباغوز ... على يد قسد).
    let agent_reach = if passive { usize::MAX } else { 3 };
    let agent_marked = doc
        .cue_in(s, Cue::Agent, h.last + 1, clause.end)
        .filter(|c| word_gap(doc, h.last, c.first) <= agent_reach)
        .and_then(|c| {
            after.iter().find(|a| {
                a.first > c.last
                    && (word_gap(doc, c.last, a.first) <= 2
                        || (a.kind == ActorKind::Person && word_gap(doc, c.last, a.first) <= 8))
            })
        })
        .map(|a| a.id.clone());
    // The complement of a speech verb (قال إن، أعلن أن) starts a new proposition.
    let complement = (h.last + 1..=clause.end).find(|&i| matches!(doc.tok_text(i), "ان" | "انه" | "انها"));
    let target_marked =
        target_cue.and_then(|c| after.iter().find(|a| a.first > c && a.first <= c + 4)).map(|a| a.id.clone());
    // A subject is not the object of a preposition (في دمشق، من قسد).
    let governed = |a: &Arg| {
        a.first > 0
            && matches!(
                doc.tok_text(a.first - 1),
                "في" | "من" | "على" | "الي" | "عن" | "مع" | "لدي" | "ضد" | "بين" | "قرب"
            )
    };
    let near_after_as = |gap: usize, subject: bool| {
        after.iter().find(move |a| {
            word_gap(doc, h.last, a.first) < gap
                && !(subject && governed(a))
                && target_cue.is_none_or(|t| a.first < t)
                && complement.is_none_or(|c| a.first < c)
        })
    };
    let near_after = |gap: usize| near_after_as(gap, true);
    let prev = before.last().map(|a| a.id.clone());
    // الهاربين right after a verbal noun (استهداف الهاربين ...) is its agent.
    let escapees_next = pos == Pos::Noun
        && doc.sentence_hits(s).iter().any(|o| {
            o.first == h.last + 1
                && matches!(o.target, Target::Trigger { entry, .. } if doc.trig.entries[entry].action == Action::Escape)
        });
    // The agent follows a verbal noun at once (هجوم داعش), after ل (الهجوم لداعش), or
    // after a members noun (هجوم عناصر داعش).
    let members_between = |a: &Arg| {
        word_gap(doc, h.last, a.first) == 1
            && doc
                .sentence_hits(s)
                .iter()
                .any(|c| c.target == Target::Cue(Cue::Members) && c.first > h.last && c.last < a.first)
    };
    let idafa = near_after(IDAFA_GAP)
        .filter(|a| a.lam || word_gap(doc, h.last, a.first) == 0 || members_between(a))
        .map(|a| a.id.clone())
        .or_else(|| escapees_next.then(|| ActorId::new(ESCAPEES)));
    // A pronoun suffix (إعلانه، طرده) points at the nearest actor before, unless a relative
    // pronoun stands between (قسد حددت عدد الذين ألقي القبض عليهم: the pronoun is الذين).
    let relative_between = before.last().is_some_and(|p| {
        (p.last + 1..h.first).any(|i| matches!(doc.tok_text(i), "الذين" | "الذي" | "التي" | "اللذين" | "اللواتي"))
    });
    let pronoun = if h.suffix && !relative_between { prev.clone() } else { None };

    if e.action == Action::Statement {
        // على لسان X names the speaker; a named person after the verb (its title between)
        // is the speaker before any body named closer.
        let stop = (h.last + 1..=clause.end).find(|&i| matches!(doc.tok_text(i), "مع" | "خلال" | "على" | "في" | "عن"));
        let person_after = after
            .iter()
            .find(|a| {
                a.kind == ActorKind::Person
                    && word_gap(doc, h.last, a.first) <= 8
                    && stop.is_none_or(|st| a.first < st)
                    && complement.is_none_or(|c| a.first < c)
                    && target_cue.is_none_or(|t| a.first < t)
            })
            .map(|a| a.id.clone());
        // قالت قسد إنها اعتقلت ...: a plain word that reports the speaker's own action is the
        // source of that event, not one more event; a formal statement (بيان) is one.
        let own_action = pos == Pos::Verb
            && complement.is_some_and(|c| {
                matches!(doc.tok_text(c), "انه" | "انها")
                    && doc.sentence_hits(s).iter().any(|o| {
                        o.first > c
                            && o.first <= c + 3
                            && matches!(o.target, Target::Trigger { entry, .. } if doc.trig.entries[entry].action != Action::Statement)
                    })
            })
            && !doc.sentence_hits(s).iter().any(|o| {
                matches!(o.target, Target::Trigger { entry, pos: Pos::Noun } if doc.trig.entries[entry].action == Action::Statement)
            });
        if own_action {
            return (None, None);
        }
        let speaker = match pos {
            Pos::Verb => {
                agent_marked.or(person_after).or(near_after(SUBJECT_GAP).map(|a| a.id.clone())).or(prev.clone())
            }
            Pos::Noun => agent_marked.or(idafa).or(pronoun),
        };
        return (speaker, None);
    }
    // صد الهجوم: the one who repels is the side attacked.
    let repelled = doc
        .sentence_hits(s)
        .iter()
        .any(|c| c.target == Target::Cue(Cue::Repel) && c.last < h.first && word_gap(doc, c.last, h.first) <= 1);
    if repelled {
        return (agent_marked.or(idafa), prev);
    }
    if e.action == Action::Escape {
        // The people who flee are named next to the word.
        let adjacent = args
            .iter()
            .filter(|a| a.kind == ActorKind::NonStateArmedGroup)
            .find(|a| {
                (a.last < h.first && word_gap(doc, a.last, h.first) <= 3)
                    || (a.first > h.last && word_gap(doc, h.last, a.first) <= 1)
            })
            .map(|a| a.id.clone());
        return (adjacent, None);
    }
    if passive {
        // The patient follows the trigger or is its pronoun; the agent is marked.
        // ثلاثة من المدنيين: the partitive من does not hide the patient.
        let patient = near_after_as(SUBJECT_GAP, false).map(|a| a.id.clone()).or(pronoun.clone());
        let agent =
            agent_marked.or(if pronoun.is_some() { None } else { prev }).filter(|a| Some(a) != patient.as_ref());
        return (agent, patient);
    }
    let (agent, patient) = match pos {
        Pos::Verb => {
            let subj = near_after(SUBJECT_GAP).map(|a| a.id.clone()).or(prev.clone());
            let obj = target_marked
                .clone()
                .or_else(|| after.iter().find(|a| Some(&a.id) != subj.as_ref()).map(|a| a.id.clone()))
                .filter(|o| Some(o) != subj.as_ref());
            (subj, obj)
        }
        Pos::Noun if matches!(e.action, Action::Arrest | Action::Abduction) => {
            // اعتقال المتشددين: the genitive of a transitive verbal noun is its object.
            let agent = agent_marked.clone().or(prev.clone());
            let patient = idafa.clone().or(target_marked.clone()).filter(|p| Some(p) != agent.as_ref());
            (agent, patient)
        }
        Pos::Noun => {
            let first_after = after
                .iter()
                .find(|a| target_cue.is_none_or(|t| a.first < t) && complement.is_none_or(|c| a.first < c))
                .map(|a| a.id.clone());
            let agent = agent_marked.clone().or(idafa).or(pronoun).or(prev.clone()).or(first_after);
            let target = target_marked
                .clone()
                .filter(|t| Some(t) != agent.as_ref())
                .or_else(|| after.iter().find(|a| Some(&a.id) != agent.as_ref()).map(|a| a.id.clone()))
                .filter(|t| Some(t) != agent.as_ref());
            (agent, target)
        }
    };
    match e.action {
        Action::Displacement => (agent.or(patient), None),
        _ => (agent, patient),
    }
}

/// The article's armed actors, for the side an event leaves implicit.
struct ArticleActors {
    /// Armed actors by number of mentions, most first (ties: first mention).
    ranked: Vec<ActorId>,
    /// The non-state group that carries out most of the article's attacks: the side that
    /// started the fighting.
    aggressor: Option<ActorId>,
    /// The group whose members escape in the article's asserted escapes.
    escapees: Option<ActorId>,
}

/// The most frequent id (ties: first seen).
fn most_frequent(ids: impl Iterator<Item = ActorId>) -> Option<ActorId> {
    let mut counts: Vec<(ActorId, usize)> = Vec::new();
    for id in ids {
        match counts.iter_mut().find(|(x, _)| *x == id) {
            Some((_, n)) => *n += 1,
            None => counts.push((id, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(id, _)| id)
}

impl ArticleActors {
    fn new(doc: &Doc, cands: &[Candidate]) -> ArticleActors {
        let mut counts: BTreeMap<ActorId, (usize, usize)> = BTreeMap::new();
        for (i, m) in doc.ctx.mentions.actors.iter().enumerate() {
            if is_armed(m.kind) {
                let e = counts.entry(m.actor.clone()).or_insert((0, usize::MAX - i));
                e.0 += 1;
            }
        }
        let mut ranked: Vec<(ActorId, (usize, usize))> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let nsag = |a: &ActorId| doc.ctx.lexicon.actor(a).is_some_and(|x| x.kind == ActorKind::NonStateArmedGroup);
        let asserted = || cands.iter().filter(|c| !c.dead && c.factuality == Factuality::Asserted);
        let escapees = most_frequent(
            asserted().filter(|c| c.action == Action::Escape).filter_map(|c| c.actor1.clone()).filter(nsag),
        );
        let aggressor = most_frequent(
            asserted()
                .filter(|c| matches!(c.action, Action::Attack | Action::CarBomb | Action::SuicideAttack))
                .filter_map(|c| c.actor1.clone())
                .map(|a| if a.as_str() == ESCAPEES { escapees.clone().unwrap_or(a) } else { a })
                .filter(nsag),
        );
        ArticleActors { ranked: ranked.into_iter().map(|(a, _)| a).collect(), aggressor, escapees }
    }

    /// The side opposite `a`: the other member of the main pair, or the aggressor for a
    /// third party.
    fn opponent(&self, a: &ActorId) -> Option<ActorId> {
        let top: Vec<&ActorId> = self.ranked.iter().take(2).collect();
        if top.contains(&a) {
            return top.into_iter().find(|x| *x != a).cloned();
        }
        self.aggressor.clone().filter(|x| x != a).or_else(|| top.first().map(|x| (*x).clone()))
    }
}

/// Fill the sides an event leaves implicit and apply the per-action actor rules.
fn complete_actors(doc: &Doc, article: &ArticleActors, c: &mut Candidate) {
    let lex = doc.ctx.lexicon;
    let kind = |id: &ActorId| lex.actor(id).map(|a| a.kind);
    // Persons act for their organisation in violent and territorial events; media centres
    // speak for theirs.
    let up = |id: ActorId, statement: bool| -> Option<ActorId> {
        let a = lex.actor(&id)?;
        let parent = a.parent.as_ref().and_then(|p| lex.actor(p));
        match a.kind {
            ActorKind::Person if !statement => parent.filter(|p| is_armed(p.kind)).map(|p| p.id.clone()),
            // A party's media office speaks for the party; a news agency (even an aligned
            // one) is a speaker of its own.
            ActorKind::Media if !a.name_en.contains("Agency") => {
                Some(parent.filter(|p| is_armed(p.kind)).map_or(id, |p| p.id.clone()))
            }
            _ => Some(id),
        }
    };
    let statement = c.action == Action::Statement;
    let escapees = article.escapees.clone().or(article.aggressor.clone());
    let resolve = |a: ActorId| if a.as_str() == ESCAPEES { escapees.clone() } else { Some(a) };
    c.actor1 = c.actor1.take().and_then(resolve).and_then(|a| up(a, statement));
    c.actor2 = c.actor2.take().and_then(resolve).and_then(|a| up(a, statement));
    match c.action {
        Action::Statement => {
            c.actor2 = None;
            let ok = c.actor1.as_ref().is_some_and(|a| speaker_ok(doc, a));
            if !ok {
                c.dead = true;
            }
        }
        Action::Escape | Action::Surrender | Action::Mutiny if c.actor1.is_none() => {
            c.actor1 = article.aggressor.clone().or_else(|| article.ranked.first().cloned());
        }
        // Arrests are made by the side that holds the ground, not by the side that attacked.
        Action::Arrest if c.actor1.is_some() && c.actor1 == article.aggressor => {
            let a = c.actor1.take();
            c.actor1 = c
                .actor2
                .take()
                .filter(|x| Some(x) != a.as_ref())
                .or_else(|| a.as_ref().and_then(|x| article.opponent(x)));
            c.actor2 = a;
        }
        Action::Displacement => {
            let civ = ActorId::new("civilians");
            c.actor1 = match c.actor1.take() {
                Some(a) if kind(&a) == Some(ActorKind::Civilians) => Some(a),
                _ => lex.actor(&civ).map(|a| a.id.clone()),
            };
            c.actor2 = None;
        }
        Action::Curfew => {
            c.actor2 = None;
        }
        _ => {}
    }
    if matches!(c.action, Action::Escape | Action::Displacement | Action::Curfew | Action::Statement) {
        return;
    }
    // Civilians are the side violence hits, never the side that strikes: civilians read as
    // the agent were the subject of another verb of the sentence.
    if is_violent(c.action) && c.actor1.as_ref().and_then(kind) == Some(ActorKind::Civilians) {
        c.actor1 = None;
    }
    // A defeat named without its loser (هزيمته، القضاء على خلافته) is the aggressor's.
    if c.action == Action::Recapture && c.actor1.is_none() && c.actor2.is_none() {
        c.actor2 = article.aggressor.clone().or_else(|| article.ranked.first().cloned());
    }
    // The implicit side: for fighting, the opponent in the article; for a surrender, the
    // side surrendered to; for an arrest, the group the article's arrests are about.
    if c.actor2.is_none() && (is_violent(c.action) || matches!(c.action, Action::Arrest | Action::Surrender)) {
        if let Some(a1) = &c.actor1 {
            c.actor2 = article.opponent(a1);
        } else if let Some(a2) = c.actor2.clone() {
            c.actor1 = article.opponent(&a2);
        }
    }
    if c.actor1.is_none() && c.actor2.is_some() && is_violent(c.action) {
        c.actor1 = c.actor2.as_ref().and_then(|a2| article.opponent(a2));
    }
    if c.actor1 == c.actor2 {
        c.actor2 = None;
    }
}

/// Whether an actor may make a statement that counts as an event: a party or an official,
/// not an outlet, a researcher or an unnamed source.
fn speaker_ok(doc: &Doc, id: &ActorId) -> bool {
    let lex = doc.ctx.lexicon;
    let rules = &doc.trig.statement;
    let Some(a) = lex.actor(id) else { return false };
    if !rules.speaker_kinds.iter().any(|k| k == a.kind.as_str()) {
        return false;
    }
    if a.kind == ActorKind::Person {
        let Some(p) = a.parent.as_ref().and_then(|p| lex.actor(p)) else { return false };
        if rules.excluded_parent_kinds.iter().any(|k| k == p.kind.as_str()) {
            return false;
        }
    }
    true
}

/// Place: the most specific place of the clause, else the place nearest the trigger in the
/// sentence, else the article's main place.
fn locate(doc: &Doc, c: &mut Candidate, main_place: Option<&(PlaceId, u8)>) {
    let s = c.hit.sentence;
    let clause = c.clause;
    let places = &doc.places[s];
    let lex = doc.ctx.lexicon;
    // The place named nearest the trigger in its clause (usually right after it: في، ب).
    let in_clause = places
        .iter()
        .filter(|(t, _, _)| *t >= clause.start && *t <= clause.end)
        .min_by_key(|(t, _, depth)| (t.abs_diff(c.hit.first), *t < c.hit.first, usize::MAX - depth));
    let mut chosen = in_clause.map(|(_, p, _)| p.clone());
    // A region or a country is vaguer than the article's main place in it.
    if let (Some(p), Some((m, _))) = (&chosen, main_place) {
        let coarse = lex.place(p).is_some_and(|x| matches!(x.kind, PlaceKind::Country | PlaceKind::Region));
        let country = |q: &PlaceId| lex.place_chain(q).last().map(|x| x.id.clone());
        if coarse && country(p) == country(m) && !lex.place_chain(p).iter().any(|x| &x.id == m) {
            chosen = None;
        }
    }
    c.place_in_text = chosen.is_some();
    match chosen {
        Some(p) => {
            c.geo_precision = lex.place(&p).map_or(3, |x| x.kind.geo_precision());
            c.place = Some(p);
        }
        None => {
            if let Some((p, g)) = main_place {
                c.place = Some(p.clone());
                // Only the article's main place: never more precise than "near".
                c.geo_precision = (*g).max(2);
            }
        }
    }
}

/// Dates: the date expression of the trigger's clause (or of its sentence, close by) nearest
/// to it; else the span from the story's first dated day in the month before publication to
/// publication; else the publication day.
fn date_events(doc: &Doc, cands: &mut [Candidate]) {
    let story_start = doc.published.and_then(|p| {
        let window_start = p - Duration::days(CONTEXT_DAYS);
        doc.date_mentions
            .iter()
            .filter(|d| doc.ctx.layer.sentences.get(d.sentence).is_some_and(|x| x.kind != SentenceKind::Dateline))
            .filter_map(|d| d.value)
            .filter(|v| v.start >= window_start && v.end <= p)
            .map(|v| v.start)
            .min()
    });
    for c in cands.iter_mut().filter(|c| !c.dead) {
        let s = c.hit.sentence;
        let e = &doc.trig.entries[c.entry];
        let clause = c.clause;
        let own = doc.dates[s]
            .iter()
            .filter(|(t, _)| {
                let in_clause = *t >= clause.start && *t <= clause.end;
                in_clause || t.abs_diff(c.hit.first) <= SENTENCE_DATE_REACH
            })
            .filter(|(t, i)| {
                // منذ + date marks the start of something else's span (الأكبر منذ 2019),
                // unless the trigger sits between منذ and the date.
                let d = &doc.date_mentions[*i];
                let since = *t > 0 && doc.tok_text(t - 1) == "منذ" || doc.ctx.text(d.span).starts_with("منذ");
                !(since && c.hit.first < *t && !between_since(doc, s, c.hit.first, *t))
            })
            .filter(|(t, _)| {
                // A date inside a reported proposition (قال إن ... عام 1974) is not the
                // date of the saying, nor one of a date outside it.
                let (a, b) = if *t < c.hit.first { (*t, c.hit.first) } else { (c.hit.last, *t) };
                !(a + 1..b).any(|i| matches!(doc.tok_text(i), "ان" | "انه" | "انها" | "\""))
            })
            .min_by_key(|(t, _)| (t.abs_diff(c.hit.first), *t))
            .and_then(|(_, i)| doc.date_mentions[*i].value.map(|v| (v, doc.date_mentions[*i].precision)));
        if let Some((v, precision)) = own {
            c.date_in_text = true;
            c.date = Some(v);
            c.time_precision = if precision > 0 { precision } else { v.time_precision() };
            continue;
        }
        if e.dated {
            c.dead = true;
            continue;
        }
        let Some(p) = doc.published else { continue };
        let range = match story_start {
            Some(start) => DateRange::new(start, p),
            None => DateRange::day(p),
        };
        c.date = Some(range);
        c.time_precision = if range.is_day() { 2 } else { range.time_precision().max(2) };
    }
}

/// Whether a منذ lies between the trigger and the date (منذ أن هاجم ... الخميس).
fn between_since(doc: &Doc, _s: usize, trigger: usize, date: usize) -> bool {
    (trigger.saturating_sub(2)..trigger).any(|i| doc.tok_text(i) == "منذ")
        && (trigger..date).all(|i| doc.tok_text(i) != "منذ")
}

/// Killed figures of a sentence go to the nearest violent event of that sentence; figures
/// for different groups add up.
fn attach_fatalities(doc: &Doc, cands: &mut [Candidate], claims: &[Claim]) {
    let mut per_event: BTreeMap<usize, BTreeMap<Option<ActorId>, Interval>> = BTreeMap::new();
    for cl in claims.iter().filter(|c| c.kind == ClaimKind::Killed && !c.uncertain) {
        let t = doc.token_at(cl.number.start);
        let best = cands
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.dead && c.hit.sentence == cl.sentence && is_violent(c.action))
            .min_by_key(|(_, c)| c.hit.first.abs_diff(t));
        if let Some((i, _)) = best {
            let g = per_event.entry(i).or_default();
            let slot = g.entry(cl.group.clone()).or_insert(cl.interval);
            if cl.interval.lo > slot.lo {
                *slot = cl.interval;
            }
        }
    }
    for (i, groups) in per_event {
        let lo = groups.values().map(|v| v.lo).sum();
        let hi = groups.values().try_fold(0u64, |acc, v| v.hi.map(|h| acc + h));
        cands[i].fatalities = Some(Interval { lo, hi });
    }
}

/// Drop generic triggers that a more specific trigger of the same clause names.
fn absorb(doc: &Doc, cands: &mut [Candidate]) {
    for i in 0..cands.len() {
        for j in 0..cands.len() {
            if i == j || cands[j].dead || cands[i].dead {
                continue;
            }
            let (g, sp) = (&cands[i], &cands[j]);
            if g.hit.sentence != sp.hit.sentence || !absorbs(sp.action, g.action) {
                continue;
            }
            let clause = g.clause;
            if sp.hit.first < clause.start || sp.hit.first > clause.end {
                continue;
            }
            let (a1, a2) = (g.actor1.clone(), g.actor2.clone());
            let spec = &mut cands[j];
            if spec.actor1.is_none() {
                spec.actor1 = a1;
            }
            if spec.actor2.is_none() && a2 != spec.actor1 {
                spec.actor2 = a2;
            }
            cands[i].dead = true;
        }
    }
    // Killings absorbed by any violent event of their sentence.
    for i in 0..cands.len() {
        let e = &doc.trig.entries[cands[i].entry];
        if e.sub_type != SubEventType::Attack || cands[i].action != Action::Attack {
            continue;
        }
        let s = cands[i].hit.sentence;
        if cands.iter().enumerate().any(|(j, o)| j != i && !o.dead && o.hit.sentence == s && is_violent(o.action)) {
            cands[i].dead = true;
        }
    }
}

/// A force storming a site in an article where another group is the aggressor is retaking
/// it: the storm becomes a recapture.
fn relabel_recaptures(cands: &mut [Candidate], aggressor: Option<&ActorId>) {
    let Some(agg) = aggressor else { return };
    for c in cands.iter_mut().filter(|c| c.action == Action::Storm) {
        if c.actor1.as_ref().is_some_and(|a| a != agg) && c.actor2.as_ref().is_none_or(|a| a == agg) {
            c.action = Action::Recapture;
        }
    }
}

/// A verbal noun of a weak trigger with no actor, place or date of its own (الهجمات الأخيرة،
/// كان هجوما منظما) refers to an event told elsewhere: it joins the article's first event of
/// that action, or is dropped when there is none.
fn fold_bare_mentions(cands: &mut [Candidate]) {
    let trig = Triggers::embedded();
    for i in 0..cands.len() {
        let c = &cands[i];
        let weak = trig.entries[c.entry].strength == Strength::Weak;
        let generic = matches!(c.action, Action::Attack | Action::Clash | Action::Storm);
        let bare = weak && generic && c.noun && !c.actors_in_text && !c.place_in_text;
        if c.dead || c.date_in_text || !(bare || c.landmark) {
            continue;
        }
        let (action, factuality, sentence) = (c.action, c.factuality, c.hit.sentence);
        let host = cands.iter().enumerate().position(|(j, o)| {
            j != i
                && !o.dead
                && (o.actors_in_text || o.place_in_text || o.date_in_text)
                && o.factuality == factuality
                && (o.action == action || (action == Action::Attack && o.action == Action::Storm))
        });
        if let Some(j) = host {
            if !cands[j].mentions.contains(&sentence) {
                cands[j].mentions.push(sentence);
            }
        } else if c.landmark && !c.since {
            // بعد حظر التجوال: an event told as the landmark of a later one still happened
            // in the story; منذ/قبل reach back past it and are dropped.
            continue;
        }
        cands[i].dead = true;
    }
}

fn compatible<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Merge mentions of one event: same action (an attack joins a storm of the same side),
/// compatible sides, related places and overlapping dates.
fn merge(ctx: &Context, cands: &mut [Candidate]) {
    let lex = ctx.lexicon;
    for i in 0..cands.len() {
        if cands[i].dead {
            continue;
        }
        for j in i + 1..cands.len() {
            if cands[j].dead {
                continue;
            }
            let (a, b) = (&cands[i], &cands[j]);
            let same_action = a.action == b.action
                || (a.action == Action::Storm && b.action == Action::Attack && a.actor1 == b.actor1)
                || (b.action == Action::Storm && a.action == Action::Attack && a.actor1 == b.actor1);
            if !same_action || a.factuality != b.factuality {
                continue;
            }
            let symmetric = matches!(a.action, Action::Clash | Action::Mutiny | Action::Agreement);
            let straight = compatible(&a.actor1, &b.actor1) && compatible(&a.actor2, &b.actor2);
            let crossed = symmetric && compatible(&a.actor1, &b.actor2) && compatible(&a.actor2, &b.actor1);
            if !straight && !crossed {
                continue;
            }
            let places_ok = match (&a.place, &b.place) {
                (Some(x), Some(y)) => lex.places_related(x, y),
                _ => true,
            };
            let dates_ok = match (&a.date, &b.date) {
                (Some(x), Some(y)) => x.overlaps(y),
                (None, None) => true,
                _ => false,
            };
            if !places_ok || !dates_ok {
                continue;
            }
            let mut b = cands[j].clone();
            if !straight {
                std::mem::swap(&mut b.actor1, &mut b.actor2);
            }
            let a = &mut cands[i];
            if b.action == Action::Storm {
                a.action = Action::Storm;
            }
            a.actor1 = a.actor1.take().or(b.actor1);
            a.actor2 = a.actor2.take().or(b.actor2);
            // A place read in the text beats the article's main place; then the more
            // specific place and the narrower date win.
            if b.place_in_text && !a.place_in_text && b.place.is_some() {
                a.place = b.place;
                a.geo_precision = b.geo_precision;
                a.place_in_text = true;
            } else if let (Some(pa), Some(pb)) = (&a.place, &b.place) {
                if b.place_in_text == a.place_in_text && lex.place_chain(pb).len() > lex.place_chain(pa).len() {
                    a.place = Some(pb.clone());
                    a.geo_precision = b.geo_precision;
                }
            } else if a.place.is_none() {
                a.place = b.place;
                a.geo_precision = b.geo_precision;
            }
            if let (Some(da), Some(db)) = (a.date, b.date) {
                if db.days() < da.days() {
                    a.date = Some(db);
                    a.time_precision = b.time_precision;
                }
            }
            a.fatalities = match (a.fatalities, b.fatalities) {
                (Some(x), Some(y)) => Some(if y.lo > x.lo { y } else { x }),
                (x, y) => x.or(y),
            };
            for m in b.mentions {
                if !a.mentions.contains(&m) {
                    a.mentions.push(m);
                }
            }
            cands[j].dead = true;
        }
    }
}

/// The ACLED type of an event from its action and sides.
fn sub_type(ctx: &Context, c: &Candidate, default: SubEventType) -> SubEventType {
    let kind = |a: &Option<ActorId>| a.as_ref().and_then(|id| ctx.lexicon.actor(id)).map(|a| a.kind);
    let state = |a: &Option<ActorId>| matches!(kind(a), Some(ActorKind::StateForce | ActorKind::Police));
    match c.action {
        Action::Attack | Action::Storm | Action::Clash if kind(&c.actor2) == Some(ActorKind::Civilians) => {
            SubEventType::Attack
        }
        Action::Attack if default == SubEventType::Attack && kind(&c.actor2).is_some_and(is_armed) => {
            SubEventType::ArmedClash
        }
        Action::Storm | Action::Recapture if state(&c.actor1) => SubEventType::GovernmentRegainsTerritory,
        Action::Storm | Action::Recapture => SubEventType::NonStateActorOvertakesTerritory,
        Action::Abduction if state(&c.actor1) => SubEventType::Arrests,
        _ => default,
    }
}

fn to_event(ctx: &Context, c: Candidate) -> Event {
    let default = Triggers::embedded().entries[c.entry].sub_type;
    let sub = sub_type(ctx, &c, default);
    let event_type: EventType = sub.event_type();
    let mut actors: Vec<ActorId> = c.actor1.iter().cloned().collect();
    actors.extend(c.actor2.iter().cloned());
    let mut mentions = c.mentions;
    mentions.sort_unstable();
    Event {
        event_type,
        sub_type: sub,
        action: c.action,
        date: c.date,
        time_precision: if c.date.is_some() { c.time_precision.max(1) } else { 0 },
        place: c.place,
        geo_precision: c.geo_precision,
        actors,
        assoc_actors: c.assoc,
        fatalities: c.fatalities,
        factuality: c.factuality,
        trigger: c.hit.span,
        evidence: c.evidence,
        sentence: c.hit.sentence,
        mentions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_index_agrees_with_a_scan_of_the_spans() {
        // Spans from a small linear congruential generator: nested, touching, equal, empty.
        let mut state = 7u64;
        let mut next = |n: u64| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) % n) as usize
        };
        let mut overlapping = 0;
        for _ in 0..200 {
            let spans: Vec<Span> = (0..next(8))
                .map(|_| {
                    let start = next(60);
                    Span::new(start, start + next(12))
                })
                .collect();
            let set = Overlaps::new(spans.iter().copied());
            for start in 0..70 {
                for len in 0..6 {
                    let x = Span::new(start, start + len);
                    let expected = spans.iter().any(|s| s.overlaps(x));
                    assert_eq!(set.any(x), expected, "{x:?} against {spans:?}");
                    overlapping += expected as usize;
                }
            }
        }
        assert!(overlapping > 1000, "too few overlaps tried: {overlapping}");
    }
}
