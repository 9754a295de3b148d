//! Grouping reports into stories.
//!
//! Two reports are linked when they could tell the same event: their dates allow it (reports
//! or their dated events lie within `gap_days` of each other), they do not narrate disjoint
//! events (when both have asserted events, a pair must match or share an actor: the recapture
//! that follows an assault is the same story, a bombing and a march are not), they do not name
//! disjoint sets of armed actors (when both name some, one must be shared, unless they report a
//! matching event), and they share
//! evidence — a place at town level or finer (through the gazetteer's parent chain: سجن غويران
//! and سجن الصناعة are one id; a prison and its city are related) together with either shared
//! vocabulary (TF-IDF cosine over content words) or a matching event; or very close vocabulary
//! alone. Stories grow from the strongest links down, and two groups merge only while their
//! reports' publication dates stay within `max_span_days` (single linkage alone chains weak
//! links into one story over months). Near-duplicates (the same text
//! republished) are found by the Jaccard overlap of word 3-shingles and always linked.
//!
//! Pairs are compared only when they share a local place within the date gate or a run of three
//! content words (inverted indexes), so a batch of unrelated reports is not compared all
//! against all.

use crate::data::Data;
use crate::events::events_match;
use crate::words::vocab_stem;
use marsad_core::{ActorId, ActorKind, Analysis, DateRange, Factuality, PlaceId, PlaceKind};
use marsad_lexicon::Lexicon;
use marsad_text::{TextLayer, TokenKind};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};

/// Shingles found in more reports than this are boilerplate and propose no pair.
const MAX_SHINGLE_DF: usize = 50;

/// Thresholds of story grouping.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Reports (or their dated events) further apart than this many days are different stories.
    pub gap_days: i64,
    /// Vocabulary cosine that, with a shared place, links two reports.
    pub text_with_place: f64,
    /// Vocabulary cosine that links two reports on its own.
    pub text_alone: f64,
    /// Shingle Jaccard above which a report is a near-duplicate of another.
    pub near_duplicate: f64,
    /// Longest span of publication dates of one story, in days.
    pub max_span_days: i64,
}

impl Default for Options {
    fn default() -> Self {
        Options { gap_days: 7, text_with_place: 0.10, text_alone: 0.45, near_duplicate: 0.6, max_span_days: 10 }
    }
}

/// What a report brings to story grouping.
pub(crate) struct Features {
    pub published: Option<chrono::NaiveDate>,
    pub event_days: Vec<DateRange>,
    /// Place ids with their ancestors, each with the weight of its level.
    pub places: BTreeMap<PlaceId, f64>,
    pub actors: BTreeSet<ActorId>,
    /// Armed actors (armed groups, state forces, police) the report names.
    pub armed: BTreeSet<ActorId>,
    /// Sorted (term, count).
    pub terms: Vec<(u32, u32)>,
    pub shingles: Vec<u64>,
}

fn level_weight(k: PlaceKind) -> f64 {
    match k {
        PlaceKind::Facility | PlaceKind::Neighborhood => 1.0,
        PlaceKind::City | PlaceKind::Town | PlaceKind::Village => 0.6,
        PlaceKind::District | PlaceKind::Subdistrict => 0.4,
        PlaceKind::Governorate | PlaceKind::Region | PlaceKind::Country => 0.15,
    }
}

pub(crate) fn features(a: &Analysis, layer: &TextLayer, lex: &Lexicon, vocab: &mut HashMap<String, u32>) -> Features {
    let data = Data::get();
    let mut places = BTreeMap::new();
    // a capital named for its government (واشنطن، طهران، دمشق — also names of government actors)
    // says who acted, not where: it is not a place the story happened in
    let governments: Vec<marsad_core::Span> =
        a.actors.iter().filter(|m| m.kind == ActorKind::Political).map(|m| m.span).collect();
    for m in a.places.iter().filter(|m| !governments.iter().any(|g| g.overlaps(m.span))) {
        for p in lex.place_chain(&m.place) {
            places.insert(p.id.clone(), level_weight(p.kind));
        }
        places.entry(m.place.clone()).or_insert(level_weight(m.kind));
    }
    let actors = a
        .actors
        .iter()
        .filter(|m| !matches!(m.kind, ActorKind::Outlet | ActorKind::Media | ActorKind::Generic | ActorKind::Research))
        .map(|m| m.actor.clone())
        .collect();
    let armed = a
        .actors
        .iter()
        .filter(|m| matches!(m.kind, ActorKind::NonStateArmedGroup | ActorKind::StateForce | ActorKind::Police))
        .map(|m| m.actor.clone())
        .collect();
    let event_days = a.events.iter().filter(|e| e.factuality == Factuality::Asserted).filter_map(|e| e.date).collect();
    let mut counts: BTreeMap<u32, u32> = BTreeMap::new();
    let mut words: Vec<u32> = Vec::new();
    for t in layer.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let w = t.text(&layer.norm);
        if data.stopwords.contains(w) {
            continue;
        }
        let stem = vocab_stem(w);
        if stem.chars().count() < 3 || data.stopwords.contains(stem) {
            continue;
        }
        let next = vocab.len() as u32;
        let id = *vocab.entry(stem.to_string()).or_insert(next);
        *counts.entry(id).or_default() += 1;
        words.push(id);
    }
    let mut shingles: Vec<u64> = words
        .windows(3)
        .map(|w| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    Features {
        published: a.meta.published,
        event_days,
        places,
        actors,
        armed,
        terms: counts.into_iter().collect(),
        shingles,
    }
}

/// Why two reports were linked.
#[derive(Clone, Debug)]
pub(crate) struct Evidence {
    pub text: f64,
    pub place: Option<PlaceId>,
    pub actors: Vec<ActorId>,
    pub event: bool,
    pub near_duplicate: bool,
}

/// The groups of report indices (each sorted), and for every linked pair its evidence.
pub(crate) struct Grouping {
    pub groups: Vec<Vec<usize>>,
    pub links: BTreeMap<(usize, usize), Evidence>,
}

fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

fn time_compatible(a: &Features, b: &Features, gap: i64) -> bool {
    if !a.event_days.is_empty() && !b.event_days.is_empty() {
        return a.event_days.iter().any(|x| b.event_days.iter().any(|y| x.days_apart(y) <= gap));
    }
    match (a.published, b.published) {
        (Some(x), Some(y)) => (x - y).num_days().abs() <= gap,
        _ => true,
    }
}

/// Group reports into stories.
pub(crate) fn group(analyses: &[Analysis], feats: &[Features], lex: &Lexicon, opts: &Options) -> Grouping {
    let n = feats.len();
    // TF-IDF vectors, unit length; smoothed idf so that a batch of two still weighs shared words
    let mut df: HashMap<u32, u32> = HashMap::new();
    for f in feats {
        for (t, _) in &f.terms {
            *df.entry(*t).or_default() += 1;
        }
    }
    let vecs: Vec<Vec<(u32, f64)>> = feats
        .iter()
        .map(|f| {
            let mut v: Vec<(u32, f64)> = f
                .terms
                .iter()
                .map(|(t, c)| (*t, (1.0 + (*c as f64).ln()) * (1.0 + n as f64 / df[t] as f64).ln()))
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect();
    // Candidate pairs, so that a large batch is not compared all against all. A link needs a
    // shared place at town level or finer, or text close enough to share a run of three content
    // words; so pairs are proposed by a shared local place (within the date gate) or by a
    // shared 3-word shingle that is not boilerplate (found in at most MAX_SHINGLE_DF reports).
    let mut by_shingle: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, f) in feats.iter().enumerate() {
        for h in &f.shingles {
            by_shingle.entry(*h).or_default().push(i);
        }
    }
    let mut by_place: BTreeMap<&PlaceId, Vec<usize>> = BTreeMap::new();
    for (i, f) in feats.iter().enumerate() {
        for (p, w) in &f.places {
            if *w >= 0.6 {
                by_place.entry(p).or_default().push(i);
            }
        }
    }
    let mut candidates: BTreeSet<(usize, usize)> = BTreeSet::new();
    for list in by_shingle.values().filter(|l| l.len() <= MAX_SHINGLE_DF) {
        for (k, &i) in list.iter().enumerate() {
            for &j in &list[k + 1..] {
                candidates.insert((i.min(j), i.max(j)));
            }
        }
    }
    for list in by_place.values() {
        for (k, &i) in list.iter().enumerate() {
            for &j in &list[k + 1..] {
                if time_compatible(&feats[i], &feats[j], opts.gap_days) {
                    candidates.insert((i.min(j), i.max(j)));
                }
            }
        }
    }
    let mut links = BTreeMap::new();
    let mut strength: Vec<(f64, usize, usize)> = Vec::new();
    for (i, j) in candidates {
        let (a, b) = (&feats[i], &feats[j]);
        let text = cosine(&vecs[i], &vecs[j]);
        let near_duplicate = jaccard(&a.shingles, &b.shingles) >= opts.near_duplicate;
        let shared_place = a.places.iter().filter(|(p, _)| b.places.contains_key(*p)).max_by(|x, y| {
            x.1.total_cmp(y.1).then_with(|| lex.place_chain(x.0).len().cmp(&lex.place_chain(y.0).len()))
        });
        let place_weight = shared_place.map(|(_, w)| *w).unwrap_or(0.0);
        let asserted = |a: &Analysis| a.events.iter().filter(|e| e.factuality == Factuality::Asserted).count();
        let both_events = asserted(&analyses[i]) > 0 && asserted(&analyses[j]) > 0;
        let event = analyses[i].events.iter().any(|x| {
            x.factuality == Factuality::Asserted
                && analyses[j].events.iter().any(|y| y.factuality == Factuality::Asserted && events_match(x, y, lex))
        });
        // reports whose events are all different and involve different actors tell different
        // events; a follow-up (the recapture after the assault, same actors) is the same story
        let shared_event_actor = analyses[i]
            .events
            .iter()
            .any(|x| analyses[j].events.iter().any(|y| x.actors.iter().any(|act| y.actors.contains(act))));
        let linked = near_duplicate
            || (time_compatible(a, b, opts.gap_days)
                && (!both_events || event || shared_event_actor)
                && (event || a.armed.is_empty() || b.armed.is_empty() || !a.armed.is_disjoint(&b.armed))
                && ((place_weight >= 0.6 && (text >= opts.text_with_place || event)) || text >= opts.text_alone));
        if linked {
            let score = if near_duplicate { 3.0 } else { text + 0.5 * place_weight + if event { 1.0 } else { 0.0 } };
            strength.push((score, i, j));
            links.insert(
                (i, j),
                Evidence {
                    text,
                    place: shared_place.map(|(p, _)| p.clone()),
                    actors: a.actors.intersection(&b.actors).cloned().collect(),
                    event,
                    near_duplicate,
                },
            );
        }
    }
    // Strongest links first; two groups merge only while the reports' publication dates stay
    // within max_span_days, so a chain of weak links cannot grow one story over months.
    strength.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| (x.1, x.2).cmp(&(y.1, y.2))));
    let mut parent: Vec<usize> = (0..n).collect();
    let mut span: Vec<Option<(chrono::NaiveDate, chrono::NaiveDate)>> =
        feats.iter().map(|f| f.published.map(|d| (d, d))).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    for (score, i, j) in strength {
        let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
        if ri == rj {
            continue;
        }
        let merged = match (span[ri], span[rj]) {
            (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
            (x, y) => x.or(y),
        };
        let within = merged.is_none_or(|(lo, hi)| (hi - lo).num_days() <= opts.max_span_days);
        if within || score >= 3.0 {
            let (keep, gone) = (ri.min(rj), ri.max(rj));
            parent[gone] = keep;
            span[keep] = merged;
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    Grouping { groups: groups.into_values().collect(), links }
}
