//! Fusion: group reports of one event into stories and set their claims side by side.
//!
//! [`fuse`] takes the analyses of a batch of reports (from `marsad_extract::analyze`) and
//! returns [`Fusion`]: stories (reports linked by place, date, actors and vocabulary; see
//! [`cluster`]), each with its events merged across reports ([`events`]), its claims aligned
//! into slots and judged for agreement, change over time or contradiction ([`slots`]), and a
//! timeline. [`html::render`] draws it as one self-contained page.
//!
//! Design decisions:
//! - The rules are stated in the output itself ([`Rules`]), so a reader of the JSON knows what
//!   `conflict: true` means without this code.
//! - A statement of "all" or "none" is a figure ([`zero`]): "all escapees were recaptured" is
//!   zero at large and can contradict "hundreds escaped".
//! - Claims are compared only within a slot, and only when they are independent testimony: a
//!   near-duplicate report, a subgroup figure (بينهم) or a figure its report restates is listed
//!   but not compared.
//! - Output order is fixed by dates, ids and input order, never by hash order.
//!
//! ```
//! use marsad_core::{DocId, Document, Metadata};
//! use marsad_fuse::{fuse, Options};
//! use marsad_lexicon::Lexicon;
//!
//! let report = |id: &str, text: &str| {
//!     marsad_extract::analyze(Document { id: DocId::new(id), text: text.into(), given: Metadata::default() })
//! };
//! let a = report("a", "هاجم تنظيم داعش سجن الصناعة في الحسكة وقالت قسد إن قواتها اعتقلت جميع الفارين من السجن.");
//! let b = report("b", "قسد تؤكد اعتقال الفارين من سجن غويران في الحسكة بعد هجوم داعش على السجن.");
//! let lex = Lexicon::embedded();
//! let f = fuse(&[a, b], lex, &Options::default());
//! assert_eq!(f.stories.len(), 1, "two names of one prison, one story");
//! let zero = &f.stories[0].slots[0];
//! assert_eq!((zero.kind.as_str(), zero.claims[0].lo), ("escaped", 0), "all escapees arrested: none at large");
//! let page = marsad_fuse::html::render(&f, lex);
//! assert!(page.contains("dir=\"rtl\""));
//! ```

pub mod cluster;
pub mod data;
pub mod events;
pub mod html;
pub mod map;
pub mod model;
pub mod slots;
mod words;
pub mod zero;

pub use cluster::Options;
pub use model::*;

use marsad_core::{ActorId, Analysis, DateRange, DocId};
use marsad_lexicon::Lexicon;
use std::collections::{BTreeMap, HashMap};

/// How reports are grouped into stories.
pub const RULE_STORY: &str = "Reports are one story when their dates allow it (reports, or their dated events, at most \
gap_days apart), they do not narrate only different events (no matching event and no actor shared between their events), they do not name disjoint sets of armed actors, and they share \
a place at town level or finer (through the gazetteer parent chain; a capital named for its government does not count) \
together with shared vocabulary (TF-IDF cosine of content words) or a matching event, or have very close vocabulary \
alone. Stories grow from the strongest links down while their reports' publication dates stay within max_span_days. \
Near-duplicates (word 3-shingle Jaccard >= 0.6) are always linked and marked.";

/// When two claims of a slot contradict.
pub const RULE_CONTRADICTION: &str = "Two claims contradict when their intervals (\"about n\" widened to n ± 10%) cannot \
both be true: (1) they are disjoint and stated for the same moment (as-of date, else the report's publication date, \
within the kind's same_moment_days); (2) they are disjoint and one has no date, so a change over time cannot be told from \
a disagreement; (3) they are disjoint and the kind is fixed (the size of one attack); (4) a running total (killed, \
injured, arrested, surrendered) falls below an earlier floor. \"All\"/\"none\" statements are the figure 0.";

/// When a slot's figure moved over time.
pub const RULE_MOVED: &str =
    "Claims stated for different moments that are disjoint but allowed by the kind's dynamics \
(a running total that grew, a stock that moved), or that overlap but whose stated figures differ by a factor of 2 or \
more (\"at least 300\" on one day, \"about 3,500\" days later), mark a change over time: evolution, not contradiction \
(status moved). A change by a factor of 2 or more is flagged all the same (conflict: true, pair basis factor_2): the two \
figures are compatible as numbers but not as one moment, and an analyst must not read them as the same fact. The \
reason says whether the same source revised its figure or different sources reported at different moments.";

/// Which claims are compared with each other.
pub const RULE_SLOT: &str = "A slot is one figure: a claim kind, a counted group and a place. An actor and its parent \
organisation named for the same kind are one group; fighters, members and detainees of one group count the same \
people, civilians and staff do not. Attackers, escapees, the surrendered, the arrested and detainees held are one \
population per event whatever actor a report names (reports often name the captor instead of the captives). Places \
on one gazetteer parent chain, or a named region and a place in a division it overlaps, align; claims are kept apart \
only when both have specific, unrelated places, or when a standing population (held, strength) is counted for a whole \
country in one and for a single site in the other. A claim without a place joins the slot of its kind and group when \
the story has one. A subgroup figure, a near-duplicate report's figure and a figure its own report restates are \
listed, not compared.";

/// How the estimate of a slot is made.
pub const RULE_ESTIMATE: &str = "Over the comparable claims of the latest moment (within same_moment_days of the latest \
dated claim; all claims when none is dated): consensus = the intersection of their widened intervals (absent when they \
contradict); low = the smallest lower bound, high = the largest upper bound (absent when one is open), best = the median \
stated figure (UCDP low/best/high). The conservative figure is low.";

/// The time rule of each claim kind (`data/kinds.toml`), for callers of [`slots::relate`].
pub fn kind_rules() -> fn(marsad_core::ClaimKind) -> data::KindRule {
    |k| data::Data::get().kind(k)
}

fn rules() -> Rules {
    Rules {
        story: RULE_STORY.into(),
        slot: RULE_SLOT.into(),
        contradiction: RULE_CONTRADICTION.into(),
        moved: RULE_MOVED.into(),
        estimate: RULE_ESTIMATE.into(),
    }
}

/// Fuse a batch of analysed reports into stories.
pub fn fuse(analyses: &[Analysis], lex: &Lexicon, opts: &Options) -> Fusion {
    let mut vocab = HashMap::new();
    // one text layer per report at a time: its features and its zero claims, then it is dropped
    let mut feats = Vec::with_capacity(analyses.len());
    let mut zeros = Vec::with_capacity(analyses.len());
    for a in analyses {
        let layer = marsad_text::TextLayer::new(&a.doc.text);
        feats.push(cluster::features(a, &layer, lex, &mut vocab));
        zeros.push(zero::find_in(a, &layer, lex));
    }
    let grouping = cluster::group(analyses, &feats, lex, opts);
    let mut stories: Vec<(Option<chrono::NaiveDate>, usize, Story)> = grouping
        .groups
        .iter()
        .map(|g| {
            let mut order = g.clone();
            order.sort_by_key(|&i| (analyses[i].meta.published.is_none(), analyses[i].meta.published, i));
            let first = order[0];
            (analyses[first].meta.published, first, story(analyses, &zeros, &order, &grouping, lex))
        })
        .collect();
    stories.sort_by_key(|(d, first, _)| (d.is_none(), *d, *first));
    let stories = stories
        .into_iter()
        .enumerate()
        .map(|(i, (_, _, mut s))| {
            s.id = format!("story-{}", i + 1);
            s
        })
        .collect();
    Fusion { format: FORMAT, rules: rules(), stories }
}

fn story(
    analyses: &[Analysis],
    zeros: &[Vec<zero::ZeroClaim>],
    order: &[usize],
    grouping: &cluster::Grouping,
    lex: &Lexicon,
) -> Story {
    let link = |i: usize, j: usize| grouping.links.get(&(i.min(j), i.max(j)));
    let mut reports = Vec::new();
    let mut duplicate: BTreeMap<usize, DocId> = BTreeMap::new();
    for (k, &i) in order.iter().enumerate() {
        let a = &analyses[i];
        let earlier = &order[..k];
        let near = earlier.iter().find(|&&j| link(i, j).is_some_and(|e| e.near_duplicate));
        if let Some(&j) = near {
            duplicate.insert(i, analyses[j].doc.id.clone());
        }
        // the strongest link to an earlier report, preferring one that is not a near-duplicate
        let strongest = |skip_duplicates: bool| {
            earlier
                .iter()
                .filter(|&&j| !(skip_duplicates && duplicate.contains_key(&j)))
                .filter_map(|&j| link(i, j).map(|e| (j, e)))
                .max_by(|x, y| x.1.text.total_cmp(&y.1.text).then_with(|| y.0.cmp(&x.0)))
        };
        let best = strongest(!duplicate.contains_key(&i)).or_else(|| strongest(false));
        reports.push(Report {
            doc: a.doc.id.clone(),
            outlet: events::outlet(a),
            title: a.meta.title.clone(),
            published: a.meta.published,
            near_duplicate_of: duplicate.get(&i).cloned(),
            linked: best.map(|(j, e)| Link {
                to: analyses[j].doc.id.clone(),
                text: (e.text * 1000.0).round() / 1000.0,
                place: e.place.clone(),
                actors: e.actors.clone(),
                event: e.event,
            }),
        });
    }
    let docs: Vec<&Analysis> = order.iter().map(|&i| &analyses[i]).collect();
    let events = events::merge(&docs, lex);
    let mut inputs = Vec::new();
    for &i in order {
        let a = &analyses[i];
        let dup = duplicate.contains_key(&i);
        for c in &a.claims {
            inputs.push(slots::Input { a, claim: c.clone(), zero_rule: None, duplicate: dup });
        }
        for z in &zeros[i] {
            inputs.push(slots::Input { a, claim: z.claim.clone(), zero_rule: Some(z.rule.clone()), duplicate: dup });
        }
    }
    let slots = slots::build(inputs, lex);
    let timeline = timeline(&events, &slots, lex);
    let sources = sources(&slots, lex);
    let mut place_counts: BTreeMap<&marsad_core::PlaceId, usize> = BTreeMap::new();
    let mut actor_counts: BTreeMap<&ActorId, usize> = BTreeMap::new();
    for a in &docs {
        // a capital named for its government (دمشق for the Syrian government) is not a place of
        // the story
        let governments: Vec<marsad_core::Span> =
            a.actors.iter().filter(|m| m.kind == marsad_core::ActorKind::Political).map(|m| m.span).collect();
        for m in a.places.iter().filter(|m| !governments.iter().any(|g| g.overlaps(m.span))) {
            *place_counts.entry(&m.place).or_default() += 1;
        }
        for m in &a.actors {
            *actor_counts.entry(&m.actor).or_default() += 1;
        }
    }
    let mut places: Vec<PlaceRef> = place_counts
        .into_iter()
        .map(|(id, n)| {
            let p = lex.place(id);
            PlaceRef {
                id: id.clone(),
                name_en: p.map(|p| p.name_en.clone()).unwrap_or_else(|| id.to_string()),
                name_ar: p.and_then(|p| p.names_ar.first().cloned()).unwrap_or_default(),
                lat: p.and_then(|p| p.lat),
                lon: p.and_then(|p| p.lon),
                mentions: n,
            }
        })
        .collect();
    places.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    let mut actors: Vec<ActorRef> = actor_counts
        .into_iter()
        .map(|(id, n)| ActorRef {
            id: id.clone(),
            name_en: lex.actor(id).map(|a| a.name_en.clone()).unwrap_or_else(|| id.to_string()),
            mentions: n,
        })
        .collect();
    actors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    let published: Vec<DateRange> = docs.iter().filter_map(|a| a.meta.published.map(DateRange::day)).collect();
    let window = published
        .iter()
        .copied()
        .reduce(|x, y| x.cover(&y))
        .or_else(|| events.iter().filter_map(|e| e.date).reduce(|x, y| x.cover(&y)));
    Story {
        id: String::new(),
        title: central_title(analyses, order, grouping, &duplicate),
        window,
        reports,
        places,
        actors,
        events,
        slots,
        timeline,
        sources,
    }
}

/// The headline of the report most linked within the story (the earliest on ties), so a story
/// is named by its core rather than by a side report that joined it.
/// Near-duplicates neither name the story nor count as links.
fn central_title(
    analyses: &[Analysis],
    order: &[usize],
    grouping: &cluster::Grouping,
    duplicate: &BTreeMap<usize, DocId>,
) -> Option<String> {
    let score = |i: usize| -> f64 {
        order
            .iter()
            .filter(|&&j| j != i)
            .filter_map(|&j| grouping.links.get(&(i.min(j), i.max(j))))
            .filter(|e| !e.near_duplicate)
            .map(|e| e.text)
            .sum()
    };
    order
        .iter()
        .filter(|&&i| analyses[i].meta.title.is_some() && !duplicate.contains_key(&i))
        .map(|&i| (i, score(i)))
        .fold(None::<(usize, f64)>, |best, (i, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((i, s)),
        })
        .and_then(|(i, _)| analyses[i].meta.title.clone())
}

/// Dated events, then every change of a slot's figure in order of its moment.
fn timeline(events: &[EventRecord], slots: &[Slot], lex: &Lexicon) -> Vec<TimelineEntry> {
    let mut out = Vec::new();
    for e in events {
        let place = e.place.as_ref().map(|p| lex.place(p).map(|r| r.name_en.clone()).unwrap_or_else(|| p.to_string()));
        let actors: Vec<&str> = e.actors.iter().map(|a| a.as_str()).collect();
        let mut label = format!("{} ({})", e.action, e.sub_type);
        if let Some(p) = place {
            label.push_str(&format!(" at {p}"));
        }
        if !actors.is_empty() {
            label.push_str(&format!(" — {}", actors.join(", ")));
        }
        out.push(TimelineEntry {
            date: e.date,
            kind: "event",
            refers: e.id.clone(),
            label,
            docs: e.reports.iter().map(|r| r.doc.clone()).collect(),
        });
    }
    for s in slots {
        let mut last: Option<(u64, Option<u64>)> = None;
        for c in s.claims.iter().filter(|c| c.moment.is_some() && !c.subset && !c.duplicate && !c.restated) {
            if last == Some((c.lo, c.hi)) {
                continue;
            }
            last = Some((c.lo, c.hi));
            out.push(TimelineEntry {
                date: c.moment,
                kind: "claim",
                refers: s.id.clone(),
                label: format!(
                    "{}: {} — {} via {}",
                    s.label,
                    slots::figure(c.lo, c.hi, c.qualifier),
                    match c.source.as_str() {
                        "article" => "the outlet".to_string(),
                        id => lex.actor(&c.source).map(|a| a.name_en.clone()).unwrap_or_else(|| id.to_string()),
                    },
                    lex.actor(&ActorId::new(&c.outlet)).map(|a| a.name_en.clone()).unwrap_or_else(|| c.outlet.clone())
                ),
                docs: vec![c.doc.clone()],
            });
        }
    }
    out.sort_by_key(|t| (t.date.is_none(), t.date.map(|d| d.start), t.kind != "event"));
    out
}

fn sources(slots: &[Slot], lex: &Lexicon) -> Vec<SourceRef> {
    let mut by: BTreeMap<&ActorId, (Vec<String>, usize)> = BTreeMap::new();
    for c in slots.iter().flat_map(|s| &s.claims) {
        let e = by.entry(&c.source).or_default();
        if !e.0.contains(&c.outlet) {
            e.0.push(c.outlet.clone());
        }
        e.1 += 1;
    }
    by.into_iter()
        .map(|(id, (mut outlets, claims))| {
            outlets.sort();
            SourceRef {
                source: id.clone(),
                name_en: lex.actor(id).map(|a| a.name_en.clone()).unwrap_or_else(|| id.to_string()),
                outlets,
                claims,
            }
        })
        .collect()
}
