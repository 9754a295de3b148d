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
    Action, ActorId, ActorKind, Claim, ClaimKind, DateMention, DateRange, EntityKind, Event, EventType, Factuality,
    Interval, PlaceId, PlaceKind, SentenceKind, Span, SubEventType,
};
use marsad_lexicon::in_dateline;
use marsad_text::TokenKind;
use std::collections::{BTreeMap, HashMap};

mod candidates;
mod eventness;
mod factuality;
mod merge;
mod place;
mod roles;
mod time;
mod typing;
mod words;

use candidates::read_trigger;
pub use eventness::{candidate_features, CandidateFeatures, Model, Verdict};
use factuality::factuality;
use merge::{absorb, attach_fatalities, fold_bare_mentions, merge, relabel_recaptures};
use place::{listed_with, locate, main_place};
use roles::roles;
use roles::{complete_actors, ArticleActors};
use time::date_events;
use typing::to_event;
use words::{EventWords, WordClass};

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
            | Action::Capture
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
        Attack => {
            matches!(specific, Storm | Capture | CarBomb | SuicideAttack | Airstrike | Shelling | Bombing | Recapture)
        }
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
    words: &'static EventWords,
    hits: Vec<Hit>,
    /// First and last token of each sentence.
    sentence_tokens: Vec<(usize, usize)>,
    /// The paragraph (line of the text) of each sentence.
    paragraph: Vec<usize>,
    /// The range of `hits` in each sentence.
    sentence_hits: Vec<(usize, usize)>,
    /// Actor mentions by sentence, in text order.
    args: Vec<Vec<Arg>>,
    /// Whether the text names an armed side anywhere (read once: every weak trigger asks).
    armed_side: bool,
    /// Whether the text is a sport report: words of sport in three sentences or more, and in
    /// more sentences than words of armed conflict (read once).
    sport_report: bool,
    /// The persons the lexicon does not hold, found by their titles (`person:NAME`), with the
    /// body their role names, when the lexicon has it.
    persons: HashMap<ActorId, Option<ActorId>>,
    /// Places by sentence: (first token, place, depth in the gazetteer).
    places: Vec<Vec<(usize, PlaceId, usize, Span)>>,
    /// Dates by sentence: (first token, mention index).
    dates: Vec<Vec<(usize, usize)>>,
    date_mentions: &'a [DateMention],
    /// The figures of the document (a statement may be about one).
    claims: &'a [Claim],
    published: Option<NaiveDate>,
}

impl<'a> Doc<'a> {
    fn token_at(&self, offset: usize) -> usize {
        self.ctx.layer.tokens.partition_point(|t| t.span.end <= offset)
    }

    fn tok_text(&self, i: usize) -> &str {
        self.ctx.layer.tokens.get(i).map_or("", |t| t.text(&self.ctx.layer.norm))
    }

    /// Whether token `i` is a word of a closed class.
    fn is(&self, i: usize, class: WordClass) -> bool {
        self.words.is(self.tok_text(i), class)
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
        let stop = |i: &usize| toks[*i].kind == TokenKind::Punct && self.is(*i, WordClass::ClauseStop);
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

/// Everything the per-trigger work reads about a document; `None` when no trigger that
/// creates events occurs in it (most articles stop here: with no candidate every later step
/// has nothing to work on).
fn read_doc<'a>(
    ctx: &'a Context<'a>,
    published: Option<NaiveDate>,
    dates: &'a [DateMention],
    claims: &'a [Claim],
) -> Option<Doc<'a>> {
    let trig = Triggers::embedded();
    let hits = trig.scan(ctx.layer);
    if !hits.iter().any(|h| matches!(h.target, Target::Trigger { entry, .. } if trig.entries[entry].creates)) {
        return None;
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
    // A sentence's paragraph: the line its start falls in (lines are in text order).
    let paragraph =
        ctx.layer.sentences.iter().map(|x| ctx.lines.partition_point(|l| l.span.end <= x.span.start)).collect();
    let mut doc = Doc {
        ctx,
        trig,
        words: EventWords::embedded(),
        paragraph,
        hits,
        sentence_tokens,
        sentence_hits,
        args: vec![Vec::new(); n_sent],
        armed_side: false,
        sport_report: false,
        persons: HashMap::new(),
        places: vec![Vec::new(); n_sent],
        dates: vec![Vec::new(); n_sent],
        date_mentions: dates,
        claims,
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
            first > 0
                && (doc.is(first - 1, WordClass::Lam) || doc.is(first - 1, WordClass::Quote))
                && doc.is(first.saturating_sub(2), WordClass::Lam)
        };
        doc.args[m.sentence].push(Arg { first, last, id: m.actor.clone(), kind: m.kind, lam });
    }
    // Persons named by a title (الناطق باسم الحكومة فلان) may speak; as written, they are
    // `person:NAME`, the id the claims' sources give them too.
    for p in &ctx.mentions.persons {
        let m = &p.mention;
        if m.sentence >= n_sent {
            continue;
        }
        let first = doc.token_at(m.span.start);
        let last = doc.token_at(m.span.end.saturating_sub(1)).max(first);
        let id = ActorId::new(&crate::attribution::person_id(ctx.text(m.span)));
        doc.persons.insert(id.clone(), p.body.clone());
        doc.args[m.sentence].push(Arg { first, last, id, kind: ActorKind::Person, lam: false });
    }
    for a in &mut doc.args {
        a.sort_by_key(|a| (a.first, a.last));
    }
    doc.armed_side = doc.args.iter().flatten().any(|a| is_armed(a.kind));
    let sentences_with =
        |cue: Cue| (0..n_sent).filter(|&s| doc.sentence_hits(s).iter().any(|h| h.target == Target::Cue(cue))).count();
    let sport = sentences_with(Cue::Sport);
    doc.sport_report = sport >= doc.words.distances.report && sport > sentences_with(Cue::Context);
    let unarmed = Overlaps::new(ctx.mentions.actors.iter().filter(|a| !is_armed(a.kind)).map(|a| a.span));
    for m in &ctx.mentions.places {
        // A capital named for its government (واشنطن) is an actor here, not a place; a
        // dateline (دبي، الإمارات العربية المتحدة (CNN)) says where the report was filed.
        let metonymy = unarmed.any(m.span);
        if m.sentence >= n_sent || metonymy || in_dateline(&ctx.doc.text, m.span.start, m.span.end) {
            continue;
        }
        let depth = ctx.lexicon.place_chain(&m.place).len();
        let t = doc.token_at(m.span.start);
        doc.places[m.sentence].push((t, m.place.clone(), depth, m.span));
    }
    // Places the gazetteer lacks (ولاية "فلانة"), as `place:NAME`: below a country, depth
    // unknown.
    for e in ctx.entities.iter().filter(|e| e.kind == EntityKind::Place && e.sentence < n_sent) {
        let t = doc.token_at(e.span.start);
        doc.places[e.sentence].push((t, PlaceId::new(&e.id()), 2, e.span));
    }
    for p in &mut doc.places {
        p.sort_by_key(|x| x.0);
    }
    for (i, d) in dates.iter().enumerate() {
        if d.sentence < n_sent && d.value.is_some() {
            let t = doc.token_at(d.span.start);
            doc.dates[d.sentence].push((t, i));
        }
    }
    Some(doc)
}

/// Find the events of one document.
pub fn find(ctx: &Context, published: Option<NaiveDate>, dates: &[DateMention], claims: &[Claim]) -> Vec<Event> {
    let Some(doc) = read_doc(ctx, published, dates, claims) else { return Vec::new() };
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
    // One event per place: a clause that lists places makes the event at each of them. The
    // copies come after the candidates, so figures attach to the first.
    let mut copies = Vec::new();
    for c in cands.iter().filter(|c| {
        !c.dead && c.place_in_text && (is_violent(c.action) || matches!(c.action, Action::Protest | Action::Riot))
    }) {
        for p in listed_with(&doc, c) {
            let mut copy = c.clone();
            copy.geo_precision = doc.ctx.lexicon.place(&p).map_or(2, |x| x.kind.geo_precision());
            copy.place = Some(p);
            copies.push(copy);
        }
    }
    cands.extend(copies);
    date_events(&doc, &mut cands);
    // A statement is placed where the event it is about happened: one whose own sentence names
    // no place takes the place most of the report's violent events are placed at (the first of
    // equals), counting those told as news (not background years back, nor landmarks: بعد معركة
    // الباغوز).
    let news = |c: &Candidate| match (c.date, published) {
        (Some(d), Some(p)) => d.end >= p - Duration::days(doc.words.days.statement),
        _ => true,
    };
    let mut counts: Vec<(&PlaceId, usize, u8)> = Vec::new();
    for c in cands
        .iter()
        .filter(|c| !c.dead && !c.landmark && is_violent(c.action) && c.factuality == Factuality::Asserted && news(c))
    {
        let Some(p) = &c.place else { continue };
        match counts.iter_mut().find(|(q, _, _)| *q == p) {
            Some(x) => x.1 += 1,
            None => counts.push((p, 1, c.geo_precision)),
        }
    }
    let story_place = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, x)| (x.1, std::cmp::Reverse(*i)))
        .map(|(_, (p, _, g))| ((*p).clone(), *g));
    if let Some((p, precision)) = story_place {
        for c in cands.iter_mut().filter(|c| !c.dead && c.action == Action::Statement && !c.place_in_text) {
            c.place = Some(p.clone());
            c.geo_precision = precision.max(2);
        }
    }
    // Statements are news only while the story runs: one dated years back is background.
    if let Some(p) = published {
        for c in cands.iter_mut().filter(|c| c.action == Action::Statement) {
            if c.date.is_some_and(|d| d.end < p - Duration::days(doc.words.days.statement)) {
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
