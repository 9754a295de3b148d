//! Aligning claims into slots and judging each slot: agree, moved over time, or contradict.
//!
//! A slot holds the claims about one figure, aligned as a reader aligns them:
//! - the same kind;
//! - the same counted group: an actor and its parent organisation are one group when the story
//!   names both for that kind (the Asayish under a parent named elsewhere), and the roles
//!   fighters, members and detainees of one group count the same people while civilians and
//!   staff do not. Kinds that count one population per event (`one_group` in `data/kinds.toml`:
//!   attackers, escapees, the surrendered, the arrested, detainees held) are not split by the
//!   actor a report names, since reports often name the captor, or the speaker's word for the
//!   enemy, instead of the people counted;
//! - the same place: places on one gazetteer parent chain (prison ⊂ neighbourhood ⊂ city ⊂
//!   governorate), or a named region and a place in a division it overlaps
//!   (`data/regions.toml`), speak of the same people; a slot is split only when BOTH claims
//!   have specific, unrelated places, or, for a standing population, when one is country-wide
//!   and the other a single site. A claim without a place joins the slot of its kind and group
//!   when the story has one, except for kinds whose unplaced figures speak of a whole force
//!   (`unplaced = "wide"`: held, strength, losses), which never join a single site's slot;
//!   with several slots, the kind's `unplaced` rule decides.
//!
//! The contradiction rule, pair by pair (hedges first widen the intervals: "about n" is
//! n ± 10 %), is in [`crate::RULE_CONTRADICTION`] and [`crate::RULE_MOVED`]; the estimate rule
//! in [`crate::RULE_ESTIMATE`]. Claims that count a subgroup (بينهم) or come from a
//! near-duplicate report are shown but not compared; a claim said under doubt is compared and
//! its doubt is named in every reason it enters.

use crate::data::{Data, Dynamics, KindRule, Unplaced};
use crate::model::{Basis, ClaimRecord, Estimate, Group, PairNote, PairRelation, Slot, SlotStatus, Span64};
use marsad_core::{ActorId, Analysis, Claim, ClaimKind, DateRange, DocId, PlaceId, PlaceKind, Qualifier, Role};
use marsad_lexicon::Lexicon;
use marsad_text::normalize::normalize_str;

/// A claim as the slot stage sees it.
pub(crate) struct Input<'a> {
    pub a: &'a Analysis,
    pub claim: Claim,
    pub zero_rule: Option<String>,
    pub duplicate: bool,
}

/// Share of "about n" that the figure may be off by.
const ABOUT_TOLERANCE: f64 = 0.10;
/// Stated figures further apart than this factor are a change when their moments differ.
const MOVE_FACTOR: f64 = 2.0;

fn role_class(r: Option<Role>) -> u8 {
    match r {
        Some(Role::Civilians) => 1,
        Some(Role::Staff) => 2,
        _ => 0,
    }
}

fn is_local(lex: &Lexicon, p: &PlaceId) -> bool {
    lex.place(p).is_some_and(|r| !matches!(r.kind, PlaceKind::Country | PlaceKind::Region | PlaceKind::Governorate))
}

/// The interval a claim allows once its hedge is taken into account.
pub fn widened(c: &Claim) -> (u64, Option<u64>) {
    let (lo, hi) = (c.interval.lo, c.interval.hi);
    if c.qualifier == Qualifier::About {
        let n = lo as f64;
        let d = (n * ABOUT_TOLERANCE).ceil().max(1.0) as u64;
        return (lo.saturating_sub(d), hi.map(|h| h + d));
    }
    (lo, hi)
}

fn intersects(a: (u64, Option<u64>), b: (u64, Option<u64>)) -> bool {
    a.0 <= b.1.unwrap_or(u64::MAX) && b.0 <= a.1.unwrap_or(u64::MAX)
}

/// The figure the report states, for comparing magnitudes.
pub fn stated(c: &Claim) -> f64 {
    let (lo, hi) = (c.interval.lo as f64, c.interval.hi.map(|h| h as f64));
    match c.qualifier {
        Qualifier::Range | Qualifier::Vague => hi.map(|h| (lo.max(1.0) * h.max(1.0)).sqrt()).unwrap_or(lo),
        Qualifier::UpTo => hi.unwrap_or(lo),
        _ => lo,
    }
}

/// A figure in words: `at least 300`, `about 3,500`, `200–999 (vague)`, `0 (all/none)`.
pub fn figure(lo: u64, hi: Option<u64>, q: Qualifier) -> String {
    let n = |x: u64| {
        let s = x.to_string();
        let mut out = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(ch);
        }
        out
    };
    match (q, hi) {
        (_, Some(0)) if lo == 0 => "0".to_string(),
        (Qualifier::AtLeast, _) => format!("at least {}", n(lo)),
        (Qualifier::MoreThan, _) => format!("more than {}", n(lo.saturating_sub(1))),
        (Qualifier::About, _) => format!("about {}", n(lo)),
        (Qualifier::UpTo, Some(h)) => format!("up to {}", n(h)),
        (Qualifier::Range, Some(h)) => format!("{}–{}", n(lo), n(h)),
        (Qualifier::Vague, Some(h)) => format!("{}–{} (vague)", n(lo), n(h)),
        (_, Some(h)) if h == lo => n(lo),
        (_, Some(h)) => format!("{}–{}", n(lo), n(h)),
        (_, None) => format!("{}+", n(lo)),
    }
}

/// What a claim is compared as.
#[derive(Clone, Debug)]
pub struct Compared {
    pub claim: Claim,
    pub moment: Option<DateRange>,
    /// The outlet that carries it: a claim in an outlet's own voice (`article`) is that outlet's.
    pub outlet: String,
}

impl Compared {
    /// Who stands behind the figure: the attributed source, or the outlet for its own voice.
    pub fn source(&self) -> String {
        match self.claim.attribution.source.as_str() {
            "article" => self.outlet.clone(),
            s => s.to_string(),
        }
    }

    fn describe(&self) -> String {
        let when = self.moment.map(|m| format!(", {m}")).unwrap_or_else(|| ", undated".to_string());
        let doubt = if self.claim.uncertain { ", said under doubt" } else { "" };
        format!(
            "{} ({}{}{})",
            figure(self.claim.interval.lo, self.claim.interval.hi, self.claim.qualifier),
            self.source(),
            when,
            doubt
        )
    }
}

/// How two claims of one slot relate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relation {
    Agree,
    /// The figure changed between two moments (evolution, not a contradiction).
    Moved(String),
    Contradiction {
        basis: Basis,
        reason: String,
    },
}

/// The pair rule (see [`crate::RULE_CONTRADICTION`] and [`crate::RULE_MOVED`]).
pub fn relate(a: &Compared, b: &Compared, rule: KindRule) -> Relation {
    let (wa, wb) = (widened(&a.claim), widened(&b.claim));
    let same_source = a.source() == b.source();
    let who = if same_source {
        format!("the same source ({}) revised its figure", a.source())
    } else {
        "the figure changed between reports".to_string()
    };
    let ordered = match (a.moment, b.moment) {
        (Some(x), Some(y)) if x.days_apart(&y) > rule.same_moment_days => {
            Some(if x.start <= y.start { (a, b) } else { (b, a) })
        }
        _ => None,
    };
    if intersects(wa, wb) {
        return match ordered {
            Some((early, late)) if ratio(&a.claim, &b.claim) >= MOVE_FACTOR => Relation::Moved(format!(
                "{} → {}: compatible as numbers ({} contains {}) but not as one moment: the figure moved {} \
                 between the two dates ({who}), so the two must not be read as the same fact",
                early.describe(),
                late.describe(),
                interval_text(widened(&early.claim)),
                figure(late.claim.interval.lo, late.claim.interval.hi, late.claim.qualifier),
                factor_text(ratio(&a.claim, &b.claim)),
            )),
            _ => Relation::Agree,
        };
    }
    let pair = format!("{} vs {}", a.describe(), b.describe());
    let Some((early, late)) = ordered else {
        return match (a.moment, b.moment) {
            (Some(_), Some(_)) => Relation::Contradiction {
                basis: Basis::SameMoment,
                reason: format!("{pair}: cannot both be true at the same moment"),
            },
            _ => Relation::Contradiction {
                basis: Basis::Undated,
                reason: format!(
                    "{pair}: cannot both be true, and a report without a date cannot tell a change over time from a disagreement"
                ),
            },
        };
    };
    let (we, wl) = (widened(&early.claim), widened(&late.claim));
    match rule.dynamics {
        Dynamics::Fixed => Relation::Contradiction {
            basis: Basis::FixedSize,
            reason: format!("{pair}: the size of one event does not change over time"),
        },
        Dynamics::Cumulative if wl.1.is_some_and(|h| h < we.0) => Relation::Contradiction {
            basis: Basis::RunningTotalFell,
            reason: format!(
                "{} → {}: a running total cannot fall below an earlier floor",
                early.describe(),
                late.describe()
            ),
        },
        _ => {
            let r = ratio(&early.claim, &late.claim);
            let warn = if r >= MOVE_FACTOR {
                format!(
                    "; it moved {} between the two dates, so the two must not be read as the same fact",
                    factor_text(r)
                )
            } else {
                String::new()
            };
            Relation::Moved(format!("{} → {}: {who}{warn}", early.describe(), late.describe()))
        }
    }
}

/// How many times larger the larger stated figure is (infinite against zero).
pub fn ratio(a: &Claim, b: &Claim) -> f64 {
    let (sa, sb) = (stated(a), stated(b));
    match (sa.min(sb), sa.max(sb)) {
        (_, hi) if hi <= 0.0 => 1.0,
        (lo, _) if lo <= 0.0 => f64::INFINITY,
        (lo, hi) => hi / lo,
    }
}

fn factor_text(r: f64) -> String {
    if r.is_finite() {
        format!("by a factor of {:.1}", r)
    } else {
        "to or from zero".to_string()
    }
}

/// `[300, ∞)`, `[3,150, 3,850]`.
fn interval_text((lo, hi): (u64, Option<u64>)) -> String {
    let n = |x: u64| figure(x, Some(x), Qualifier::Exact);
    match hi {
        Some(h) => format!("[{}, {}]", n(lo), n(h)),
        None => format!("[{}, ∞)", n(lo)),
    }
}

/// Claims counting a subgroup: a subset cue (بينهم، منهم) among the three words before the number.
pub(crate) fn is_subset(a: &Analysis, c: &Claim) -> bool {
    let data = Data::get();
    let sentence_start = a.sentences.get(c.sentence).map(|s| s.span.start).unwrap_or(0);
    // spans come from outside (stored analyses): clamp them to the text before slicing
    let end = c.number.start.min(a.doc.text.len());
    let mut from = end.saturating_sub(60).max(sentence_start.min(end));
    while from < end && !a.doc.text.is_char_boundary(from) {
        from += 1;
    }
    let before = normalize_str(a.doc.text.get(from..end).unwrap_or(""));
    let words: Vec<&str> = before.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    data.subset.within(&words[words.len().saturating_sub(3)..])
}

/// Places that can hold the same figure: one on the other's parent chain, or a named region and
/// a place in a first-level division the region overlaps (`data/regions.toml`).
pub fn places_align(lex: &Lexicon, a: &PlaceId, b: &PlaceId) -> bool {
    if a == b || lex.places_related(a, b) {
        return true;
    }
    let regions = &Data::get().regions;
    let covers = |r: &PlaceId, p: &PlaceId| {
        let inner = lex.place_chain(p);
        lex.place_chain(r).iter().filter_map(|x| regions.get(&x.id)).flatten().any(|d| inner.iter().any(|q| &q.id == d))
    };
    covers(a, b) || covers(b, a)
}

/// A country-wide (or wider) figure and one for a single site (a facility, a neighbourhood) are
/// different figures of a standing population (the strength of a group in a country against
/// the holdouts in one prison wing), though the site lies in the country.
fn apart_in_scale(lex: &Lexicon, a: &PlaceId, b: &PlaceId) -> bool {
    let kind = |p: &PlaceId| lex.place(p).map(|r| (r.kind, r.parent.is_none()));
    let whole = |p: &PlaceId| matches!(kind(p), Some((PlaceKind::Country, _)) | Some((PlaceKind::Region, true)));
    let site = |p: &PlaceId| matches!(kind(p), Some((PlaceKind::Facility | PlaceKind::Neighborhood, _)));
    (whole(a) && site(b)) || (whole(b) && site(a))
}

/// The widest ancestor of `g` (its parent organisation, and so on up) that `named` holds, else
/// `g`: an actor and its parent organisation are counted together when the story names both.
fn widest_named(lex: &Lexicon, g: &ActorId, named: &[&ActorId]) -> ActorId {
    let mut best = g.clone();
    let mut cur = lex.actor(g).and_then(|a| a.parent.clone());
    let mut seen = vec![g.clone()];
    while let Some(p) = cur {
        if seen.contains(&p) {
            break;
        }
        if named.contains(&&p) {
            best = p.clone();
        }
        cur = lex.actor(&p).and_then(|a| a.parent.clone());
        seen.push(p);
    }
    best
}

/// The most frequent of `groups`; ties go to the one `story` counts most, then the first.
fn majority(groups: &[&ActorId], story: &[(ActorId, usize)]) -> Option<ActorId> {
    let mut counts: Vec<(&ActorId, usize)> = Vec::new();
    for g in groups {
        match counts.iter_mut().find(|(x, _)| x == g) {
            Some((_, n)) => *n += 1,
            None => counts.push((g, 1)),
        }
    }
    let wide = |g: &ActorId| story.iter().find(|(x, _)| x == g).map_or(0, |(_, n)| *n);
    counts
        .iter()
        .enumerate()
        .max_by_key(|(k, (g, n))| (*n, wide(g), std::cmp::Reverse(*k)))
        .map(|(_, (g, _))| (*g).clone())
}

/// Split the claims of one kind and group by place (see the module doc): the most specific
/// places first, each joining the largest aligned slot; unplaced claims last.
fn by_place(members: &[usize], inputs: &[Input], rule: KindRule, lex: &Lexicon) -> Vec<(Option<PlaceId>, Vec<usize>)> {
    let mut placed: Vec<(usize, PlaceId)> =
        members.iter().filter_map(|&i| inputs[i].claim.place.clone().map(|p| (i, p))).collect();
    placed.sort_by_key(|(_, p)| std::cmp::Reverse(lex.place_chain(p).len()));
    let mut groups: Vec<(PlaceId, Vec<usize>)> = Vec::new();
    for (i, p) in placed {
        let best = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| places_align(lex, &g.0, &p))
            .filter(|(_, g)| rule.unplaced != Unplaced::Wide || !apart_in_scale(lex, &g.0, &p))
            .max_by_key(|(k, g)| (g.1.len(), std::cmp::Reverse(*k)))
            .map(|(k, _)| k);
        match best {
            Some(k) => groups[k].1.push(i),
            None => groups.push((p, vec![i])),
        }
    }
    let mut out: Vec<(Option<PlaceId>, Vec<usize>)> = groups.into_iter().map(|(p, v)| (Some(p), v)).collect();
    let unplaced: Vec<usize> = members.iter().copied().filter(|&i| inputs[i].claim.place.is_none()).collect();
    if unplaced.is_empty() {
        return out;
    }
    let largest = |want_local: Option<bool>, out: &[(Option<PlaceId>, Vec<usize>)]| {
        out.iter()
            .enumerate()
            .filter(|(_, g)| want_local.is_none_or(|l| g.0.as_ref().is_some_and(|p| is_local(lex, p) == l)))
            .max_by_key(|(k, g)| (g.1.len(), std::cmp::Reverse(*k)))
            .map(|(k, _)| k)
    };
    // A figure of a wide kind without a place speaks of the whole force: it joins a slot of a
    // wide place, never the one slot of a single site, however few slots there are.
    let target = match (out.len(), rule.unplaced) {
        (0, _) => None,
        (_, Unplaced::Wide) => largest(Some(false), &out),
        (1, Unplaced::Event) => Some(0),
        (_, Unplaced::Event) => largest(Some(true), &out).or_else(|| largest(None, &out)),
    };
    match target {
        Some(k) => out[k].1.extend(unplaced),
        None => out.push((None, unplaced)),
    }
    out
}

/// Build the slots of one story. `published` gives each claim's report date.
pub(crate) fn build(inputs: Vec<Input>, lex: &Lexicon) -> Vec<Slot> {
    let data = Data::get();
    // a zero claim names no group of its own ("all the escapees"): it speaks of the group the
    // story already counts for that kind, the most frequent one
    let mut inputs = inputs;
    for i in 0..inputs.len() {
        if inputs[i].zero_rule.is_none() || inputs[i].claim.group.is_some() {
            continue;
        }
        let groups: Vec<&ActorId> = inputs
            .iter()
            .filter(|o| o.claim.kind == inputs[i].claim.kind)
            .filter_map(|o| o.claim.group.as_ref())
            .collect();
        inputs[i].claim.group = majority(&groups, &[]);
    }
    // an actor and its parent organisation named for the same kind are one group
    let named: Vec<(ClaimKind, ActorId)> =
        inputs.iter().filter_map(|i| i.claim.group.clone().map(|g| (i.claim.kind, g))).collect();
    for inp in inputs.iter_mut() {
        if let Some(g) = inp.claim.group.clone() {
            let same: Vec<&ActorId> = named.iter().filter(|(k, _)| *k == inp.claim.kind).map(|(_, g)| g).collect();
            inp.claim.group = Some(widest_named(lex, &g, &same));
        }
    }
    // how often the story names each group for kinds of one population: breaks ties of a slot
    let mut story_groups: Vec<(ActorId, usize)> = Vec::new();
    for g in inputs.iter().filter(|i| data.kind(i.claim.kind).one_group).filter_map(|i| i.claim.group.as_ref()) {
        match story_groups.iter_mut().find(|(x, _)| x == g) {
            Some((_, n)) => *n += 1,
            None => story_groups.push((g.clone(), 1)),
        }
    }
    type Key = (ClaimKind, Option<ActorId>, u8);
    let mut keys: Vec<(Key, Vec<usize>)> = Vec::new();
    for (i, inp) in inputs.iter().enumerate() {
        let group = if data.kind(inp.claim.kind).one_group { None } else { inp.claim.group.clone() };
        let k = (inp.claim.kind, group, role_class(inp.claim.role));
        match keys.iter_mut().find(|(x, _)| *x == k) {
            Some((_, v)) => v.push(i),
            None => keys.push((k, vec![i])),
        }
    }
    let mut slots = Vec::new();
    for ((kind, group, _), members) in keys {
        let rule = data.kind(kind);
        for (place, idx) in by_place(&members, &inputs, rule, lex) {
            let group = if rule.one_group {
                // each report votes once for a group: a restated sentence is not a second vote
                let mut votes: Vec<(&DocId, &ActorId)> = idx
                    .iter()
                    .filter_map(|&i| inputs[i].claim.group.as_ref().map(|g| (&inputs[i].a.doc.id, g)))
                    .collect();
                votes.sort();
                votes.dedup();
                let named: Vec<&ActorId> = votes.iter().map(|(_, g)| *g).collect();
                majority(&named, &story_groups)
            } else {
                group.clone()
            };
            slots.push(judge(kind, &group, place, idx.iter().map(|&i| &inputs[i]).collect(), rule, lex));
        }
    }
    slots.sort_by(|a, b| (a.kind, &a.group, &a.place).cmp(&(b.kind, &b.group, &b.place)));
    for (i, s) in slots.iter_mut().enumerate() {
        s.id = format!("s{}", i + 1);
    }
    slots
}

pub(crate) fn label(kind: ClaimKind, group: &Group, place: Option<&PlaceId>, lex: &Lexicon) -> String {
    let mut parts = vec![kind.as_str().replace('_', " ")];
    let who = group.actor.as_ref().map(|g| lex.actor(g).map(|a| a.name_en.clone()).unwrap_or_else(|| g.to_string()));
    let role = group.role.map(|r| r.as_str().to_string());
    match (who, role) {
        (Some(w), Some(r)) => parts.push(format!("{w} {r}")),
        (Some(w), None) => parts.push(w),
        (None, Some(r)) => parts.push(r),
        (None, None) => {}
    }
    if let Some(p) = place {
        parts.push(lex.place(p).map(|r| r.name_en.clone()).unwrap_or_else(|| p.to_string()));
    }
    parts.join(" · ")
}

fn judge(
    kind: ClaimKind,
    group_actor: &Option<ActorId>,
    place: Option<PlaceId>,
    mut members: Vec<&Input>,
    rule: KindRule,
    lex: &Lexicon,
) -> Slot {
    let moment = |inp: &Input| inp.claim.as_of.or(inp.a.meta.published.map(DateRange::day));
    members.sort_by_key(|inp| (moment(inp).is_none(), moment(inp)));
    // the slot's role: the most frequent among its claims (first on ties)
    let mut roles: Vec<(Role, usize)> = Vec::new();
    for r in members.iter().filter_map(|m| m.claim.role) {
        match roles.iter_mut().find(|(x, _)| *x == r) {
            Some((_, n)) => *n += 1,
            None => roles.push((r, 1)),
        }
    }
    let role = roles.iter().enumerate().max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i))).map(|(_, (r, _))| *r);
    let group = Group { actor: group_actor.clone(), role };
    let mut claims: Vec<ClaimRecord> = members
        .iter()
        .enumerate()
        .map(|(n, inp)| {
            let c = &inp.claim;
            let sentence =
                inp.a.sentences.get(c.sentence).map(|s| inp.a.text(s.span).trim().to_string()).unwrap_or_default();
            ClaimRecord {
                n,
                doc: inp.a.doc.id.clone(),
                outlet: crate::events::outlet(inp.a),
                source: c.attribution.source.clone(),
                lo: c.interval.lo,
                hi: c.interval.hi,
                qualifier: c.qualifier,
                role: c.role,
                place: c.place.clone(),
                as_of: c.as_of,
                moment: moment(inp),
                evidence: inp.a.text(c.evidence).trim().to_string(),
                sentence,
                zero_rule: inp.zero_rule.clone(),
                subset: is_subset(inp.a, c),
                uncertain: c.uncertain,
                duplicate: inp.duplicate,
                restated: false,
                conflict: false,
            }
        })
        .collect();
    // a report that restates its own figure from the same source is one testimony
    for i in 0..claims.len() {
        let c = &claims[i];
        let key = (&c.doc, &c.source, c.lo, c.hi, c.zero_rule.is_some());
        let earlier = claims[..i].iter().any(|e| (&e.doc, &e.source, e.lo, e.hi, e.zero_rule.is_some()) == key);
        claims[i].restated = earlier;
    }
    let comparable: Vec<usize> =
        claims.iter().filter(|c| !c.subset && !c.duplicate && !c.restated).map(|c| c.n).collect();
    let compared: Vec<Compared> = members
        .iter()
        .map(|inp| Compared { claim: inp.claim.clone(), moment: moment(inp), outlet: crate::events::outlet(inp.a) })
        .collect();
    let mut pairs = Vec::new();
    for (x, &i) in comparable.iter().enumerate() {
        for &j in &comparable[x + 1..] {
            match relate(&compared[i], &compared[j], rule) {
                Relation::Agree => {}
                Relation::Moved(reason) => {
                    let basis = if ratio(&compared[i].claim, &compared[j].claim) >= MOVE_FACTOR {
                        Basis::Factor2
                    } else {
                        Basis::Changed
                    };
                    pairs.push(PairNote { a: i, b: j, relation: PairRelation::Moved, basis, reason })
                }
                Relation::Contradiction { basis, reason } => {
                    claims[i].conflict = true;
                    claims[j].conflict = true;
                    pairs.push(PairNote { a: i, b: j, relation: PairRelation::Contradiction, basis, reason })
                }
            }
        }
    }
    let contradiction = pairs.iter().any(|p| p.relation == PairRelation::Contradiction);
    let moved = pairs.iter().any(|p| p.relation == PairRelation::Moved);
    // a figure that moved by a factor of 2 or more between two moments is flagged too: an analyst
    // must not read the two as one fact
    let conflict = contradiction || pairs.iter().any(|p| p.basis == Basis::Factor2);
    let (status, reason) = if contradiction {
        // the strongest evidence first: same moment, then a falling total or a fixed size, then
        // an undated side
        let best = pairs.iter().filter(|p| p.relation == PairRelation::Contradiction).min_by_key(|p| p.basis);
        (SlotStatus::Contradiction, best.map(|p| p.reason.clone()).unwrap_or_default())
    } else if moved {
        // the largest move first
        let first = pairs
            .iter()
            .find(|p| p.basis == Basis::Factor2)
            .or_else(|| pairs.iter().find(|p| p.relation == PairRelation::Moved));
        (SlotStatus::Moved, first.map(|p| p.reason.clone()).unwrap_or_default())
    } else if comparable.len() >= 2 {
        (SlotStatus::Agree, format!("the {} compared figures overlap once hedges are widened", comparable.len()))
    } else {
        (SlotStatus::Single, "one comparable claim".to_string())
    };
    // an outlet's own voice is that outlet: "article" in two outlets is two sources
    let mut sources: Vec<String> = comparable.iter().map(|&i| compared[i].source()).collect();
    sources.sort();
    sources.dedup();
    let independent_sources = sources.len();
    let estimate = estimate(&compared, &comparable, rule);
    Slot {
        id: String::new(),
        kind,
        label: label(kind, &group, place.as_ref(), lex),
        group,
        place,
        claims,
        conflict,
        reason,
        status,
        moved,
        pairs,
        independent_sources,
        estimate,
    }
}

fn estimate(compared: &[Compared], comparable: &[usize], rule: KindRule) -> Option<Estimate> {
    if comparable.is_empty() {
        return None;
    }
    let latest = comparable.iter().filter_map(|&i| compared[i].moment).max_by_key(|m| m.end);
    let chosen: Vec<usize> = match latest {
        Some(l) => comparable
            .iter()
            .copied()
            .filter(|&i| compared[i].moment.is_some_and(|m| m.days_apart(&l) <= rule.same_moment_days))
            .collect(),
        None => comparable.to_vec(),
    };
    let mut lo = 0u64;
    let mut hi: Option<u64> = None;
    let mut first = true;
    let mut empty = false;
    for &i in &chosen {
        let (a, b) = widened(&compared[i].claim);
        if first {
            (lo, hi) = (a, b);
            first = false;
        } else {
            lo = lo.max(a);
            hi = match (hi, b) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
        }
        if hi.is_some_and(|h| h < lo) {
            empty = true;
        }
    }
    let consensus = (!empty).then_some(Span64 { lo, hi });
    let low = chosen.iter().map(|&i| compared[i].claim.interval.lo).min().unwrap_or(0);
    let high = if chosen.iter().all(|&i| compared[i].claim.interval.hi.is_some()) {
        chosen.iter().filter_map(|&i| compared[i].claim.interval.hi).max()
    } else {
        None
    };
    let mut figures: Vec<f64> = chosen.iter().map(|&i| stated(&compared[i].claim)).collect();
    figures.sort_by(f64::total_cmp);
    let best = figures[(figures.len() - 1) / 2].round() as u64;
    Some(Estimate {
        moment: latest,
        claims: chosen,
        consensus,
        low,
        best,
        high,
        conservative: low,
        rule: crate::RULE_ESTIMATE.to_string(),
    })
}
