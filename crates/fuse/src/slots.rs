//! Aligning claims into slots and judging each slot: agree, moved over time, or contradict.
//!
//! A slot holds the claims about one figure: the same kind, the same counted group (actor id;
//! the roles fighters, members and detainees of one group count the same people, civilians
//! and staff do not), and the same place or event (places related through the gazetteer parent
//! chain; town level and finer is kept apart from governorate level and wider, so the 60 men in
//! one prison wing are not compared with a country-wide strength). Unplaced claims follow their
//! kind's `unplaced` rule in `data/kinds.toml`.
//!
//! The contradiction rule, pair by pair (hedges first widen the intervals: "about n" is
//! n ± 10 %), is in [`crate::RULE_CONTRADICTION`] and [`crate::RULE_MOVED`]; the estimate rule
//! in [`crate::RULE_ESTIMATE`]. Claims that count a subgroup (بينهم), are said under doubt, or
//! come from a near-duplicate report are shown but not compared.

use crate::data::{Data, Dynamics, KindRule, Unplaced};
use crate::model::{ClaimRecord, Estimate, Group, PairNote, Slot, Span64};
use marsad_core::{ActorId, Analysis, Claim, ClaimKind, DateRange, PlaceId, PlaceKind, Qualifier, Role};
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

fn days_apart(a: &DateRange, b: &DateRange) -> i64 {
    if a.overlaps(b) {
        0
    } else if a.end < b.start {
        (b.start - a.end).num_days()
    } else {
        (a.start - b.end).num_days()
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
        format!(
            "{} ({}{})",
            figure(self.claim.interval.lo, self.claim.interval.hi, self.claim.qualifier),
            self.source(),
            when
        )
    }
}

/// How two claims of one slot relate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Relation {
    Agree,
    /// The figure changed between two moments (evolution, not a contradiction).
    Moved(String),
    /// `basis`: `same_moment`, `running_total_fell`, `fixed_size` or `undated`.
    Contradiction {
        basis: &'static str,
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
        (Some(x), Some(y)) if days_apart(&x, &y) > rule.same_moment_days => {
            Some(if x.start <= y.start { (a, b) } else { (b, a) })
        }
        _ => None,
    };
    if intersects(wa, wb) {
        let (sa, sb) = (stated(&a.claim), stated(&b.claim));
        let ratio = match (sa.min(sb), sa.max(sb)) {
            (_, hi) if hi <= 0.0 => 1.0,
            (lo, _) if lo <= 0.0 => f64::INFINITY,
            (lo, hi) => hi / lo,
        };
        return match ordered {
            Some((early, late)) if ratio >= MOVE_FACTOR => {
                Relation::Moved(format!("{} → {}: {who}", early.describe(), late.describe()))
            }
            _ => Relation::Agree,
        };
    }
    let pair = format!("{} vs {}", a.describe(), b.describe());
    let Some((early, late)) = ordered else {
        return match (a.moment, b.moment) {
            (Some(_), Some(_)) => Relation::Contradiction {
                basis: "same_moment",
                reason: format!("{pair}: cannot both be true at the same moment"),
            },
            _ => Relation::Contradiction {
                basis: "undated",
                reason: format!(
                    "{pair}: cannot both be true, and a report without a date cannot tell a change over time from a disagreement"
                ),
            },
        };
    };
    let (we, wl) = (widened(&early.claim), widened(&late.claim));
    match rule.dynamics {
        Dynamics::Fixed => Relation::Contradiction {
            basis: "fixed_size",
            reason: format!("{pair}: the size of one event does not change over time"),
        },
        Dynamics::Cumulative if wl.1.is_some_and(|h| h < we.0) => Relation::Contradiction {
            basis: "running_total_fell",
            reason: format!(
                "{} → {}: a running total cannot fall below an earlier floor",
                early.describe(),
                late.describe()
            ),
        },
        _ => Relation::Moved(format!("{} → {}: {who}", early.describe(), late.describe())),
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
    let tail = &words[words.len().saturating_sub(3)..];
    data.subset
        .iter()
        .any(|cue| tail.windows(cue.len()).any(|w| w.iter().zip(cue).all(|(t, c)| crate::words::word_eq(t, c))))
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
        let mut counts: Vec<(ActorId, usize)> = Vec::new();
        for other in inputs.iter().filter(|o| o.claim.kind == inputs[i].claim.kind) {
            if let Some(g) = &other.claim.group {
                match counts.iter_mut().find(|(x, _)| x == g) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((g.clone(), 1)),
                }
            }
        }
        let best = counts.iter().enumerate().max_by_key(|(k, (_, n))| (*n, std::cmp::Reverse(*k)));
        inputs[i].claim.group = best.map(|(_, (g, _))| g.clone());
    }
    type Key = (ClaimKind, Option<ActorId>, u8);
    let mut keys: Vec<(Key, Vec<usize>)> = Vec::new();
    for (i, inp) in inputs.iter().enumerate() {
        let k = (inp.claim.kind, inp.claim.group.clone(), role_class(inp.claim.role));
        match keys.iter_mut().find(|(x, _)| *x == k) {
            Some((_, v)) => v.push(i),
            None => keys.push((k, vec![i])),
        }
    }
    let mut slots = Vec::new();
    for ((kind, group, _), members) in keys {
        let rule = data.kind(kind);
        // (anchor place, local, members)
        let mut groups: Vec<(Option<PlaceId>, bool, Vec<usize>)> = Vec::new();
        let mut local: Vec<usize> = Vec::new();
        let mut wide: Vec<usize> = Vec::new();
        let mut unplaced: Vec<usize> = Vec::new();
        for &i in &members {
            match &inputs[i].claim.place {
                Some(p) if is_local(lex, p) => local.push(i),
                Some(_) => wide.push(i),
                None => unplaced.push(i),
            }
        }
        let depth = |i: &usize| lex.place_chain(inputs[*i].claim.place.as_ref().expect("placed")).len();
        local.sort_by_key(|i| std::cmp::Reverse(depth(i)));
        for i in local {
            let p = inputs[i].claim.place.clone().expect("placed");
            match groups.iter_mut().find(|g| g.1 && g.0.as_ref().is_some_and(|q| lex.places_related(q, &p))) {
                Some(g) => g.2.push(i),
                None => groups.push((Some(p), true, vec![i])),
            }
        }
        for i in wide {
            let p = inputs[i].claim.place.clone().expect("placed");
            match groups.iter_mut().find(|g| !g.1 && g.0.as_ref().is_none_or(|q| lex.places_related(q, &p))) {
                Some(g) => {
                    if g.0.is_none() {
                        g.0 = Some(p);
                    }
                    g.2.push(i)
                }
                None => groups.push((Some(p), false, vec![i])),
            }
        }
        for i in unplaced {
            let target = match rule.unplaced {
                Unplaced::Event => {
                    let best_local = groups
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| g.1)
                        .max_by_key(|(k, g)| (g.2.len(), std::cmp::Reverse(*k)));
                    best_local
                        .or_else(|| groups.iter().enumerate().max_by_key(|(k, g)| (g.2.len(), std::cmp::Reverse(*k))))
                        .map(|(k, _)| k)
                }
                Unplaced::Wide => groups
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| !g.1)
                    .max_by_key(|(k, g)| (g.2.len(), std::cmp::Reverse(*k)))
                    .map(|(k, _)| k),
            };
            match target {
                Some(k) => groups[k].2.push(i),
                None => groups.push((None, false, vec![i])),
            }
        }
        for (place, _, idx) in groups {
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
                conflict: false,
            }
        })
        .collect();
    let comparable: Vec<usize> =
        claims.iter().filter(|c| !c.subset && !c.uncertain && !c.duplicate).map(|c| c.n).collect();
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
                    pairs.push(PairNote { a: i, b: j, relation: "moved", basis: "changed", reason })
                }
                Relation::Contradiction { basis, reason } => {
                    claims[i].conflict = true;
                    claims[j].conflict = true;
                    pairs.push(PairNote { a: i, b: j, relation: "contradiction", basis, reason })
                }
            }
        }
    }
    let conflict = pairs.iter().any(|p| p.relation == "contradiction");
    let moved = pairs.iter().any(|p| p.relation == "moved");
    let (status, reason) = if conflict {
        // the strongest evidence first: same moment, then a falling total or a fixed size, then
        // an undated side
        let rank =
            |b: &str| ["same_moment", "running_total_fell", "fixed_size", "undated"].iter().position(|x| *x == b);
        let best = pairs.iter().filter(|p| p.relation == "contradiction").min_by_key(|p| rank(p.basis));
        ("contradiction", best.map(|p| p.reason.clone()).unwrap_or_default())
    } else if moved {
        ("moved", pairs.iter().find(|p| p.relation == "moved").map(|p| p.reason.clone()).unwrap_or_default())
    } else if comparable.len() >= 2 {
        ("agree", format!("the {} compared figures overlap once hedges are widened", comparable.len()))
    } else {
        ("single", "one comparable claim".to_string())
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
            .filter(|&i| compared[i].moment.is_some_and(|m| days_apart(&m, &l) <= rule.same_moment_days))
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
