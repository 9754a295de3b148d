//! Scoring gold views against gold files: the measures of `shared/eval/score.py`, computed
//! natively so `marsad eval` needs no Python.

use crate::gold::{GoldClaim, GoldDoc, GoldEvent};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Tally {
    fn add(&mut self, tp: usize, fp: usize, fn_: usize) {
        self.tp += tp;
        self.fp += fp;
        self.fn_ += fn_;
    }

    /// Precision, recall, F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.tp + self.fp > 0 { self.tp as f64 / (self.tp + self.fp) as f64 } else { 0.0 };
        let r = if self.tp + self.fn_ > 0 { self.tp as f64 / (self.tp + self.fn_) as f64 } else { 0.0 };
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        (p, r, f)
    }
}

/// Agreement counts: (agreeing, compared).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Agreement {
    pub ok: usize,
    pub n: usize,
}

impl Agreement {
    fn add(&mut self, ok: bool) {
        self.ok += ok as usize;
        self.n += 1;
    }
    pub fn accuracy(&self) -> Option<f64> {
        (self.n > 0).then(|| self.ok as f64 / self.n as f64)
    }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    pub tallies: BTreeMap<&'static str, Tally>,
    pub agreements: BTreeMap<&'static str, Agreement>,
}

pub const TALLIES: &[&str] = &["claims", "claims_full", "events", "dates", "actors", "places"];
pub const AGREEMENTS: &[&str] =
    &["claim_group", "claim_source", "claim_qualifier", "event_type", "event_actors", "published"];

impl Scores {
    pub fn f1(&self, k: &str) -> f64 {
        self.tallies.get(k).map_or(0.0, |t| t.prf().2)
    }

    /// F1 over actors and places together.
    pub fn entities_f1(&self) -> f64 {
        let mut t = Tally::default();
        for k in ["actors", "places"] {
            if let Some(x) = self.tallies.get(k) {
                t.add(x.tp, x.fp, x.fn_);
            }
        }
        t.prf().2
    }

    /// The report `score.py` prints: one line per measure, then the summary line.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for k in TALLIES {
            let t = self.tallies[k];
            let (p, r, f) = t.prf();
            out.push_str(&format!(
                "{k} p={} r={} f1={} tp={} fp={} fn={}\n",
                round3(p),
                round3(r),
                round3(f),
                t.tp,
                t.fp,
                t.fn_
            ));
        }
        for k in AGREEMENTS {
            let a = self.agreements[k];
            let acc = a.accuracy().map_or("None".to_string(), round3);
            out.push_str(&format!("{k} accuracy={acc} n={}\n", a.n));
        }
        out.push_str(&format!(
            "claims_f1={:.3} claims_full_f1={:.3} events_f1={:.3} dates_f1={:.3} entities_f1={:.3}\n",
            self.f1("claims"),
            self.f1("claims_full"),
            self.f1("events"),
            self.f1("dates"),
            self.entities_f1()
        ));
        out
    }
}

fn round3(x: f64) -> String {
    let r = (x * 1000.0).round() / 1000.0;
    if r == r.trunc() {
        format!("{r:.1}")
    } else {
        format!("{r}")
    }
}

/// Place parent links (`id -> parent_id`) used to relate event places.
pub type Parents = HashMap<String, String>;

/// Read `id`/`parent_id` columns of a TSV into `parents` (rows without a parent are skipped).
pub fn load_parents(tsv: &str, parents: &mut Parents) {
    let mut lines = tsv.lines();
    let Some(head) = lines.next() else { return };
    let head: Vec<&str> = head.split('\t').collect();
    let (Some(i), Some(j)) = (head.iter().position(|h| *h == "id"), head.iter().position(|h| *h == "parent_id")) else {
        return;
    };
    for line in lines {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() > i.max(j) && !cols[j].is_empty() {
            parents.insert(cols[i].to_string(), cols[j].to_string());
        }
    }
}

fn ancestors<'a>(id: &'a str, parents: &'a Parents) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    let mut cur = Some(id);
    while let Some(p) = cur {
        if p.is_empty() || seen.contains(&p) {
            break;
        }
        seen.push(p);
        cur = parents.get(p).map(String::as_str);
    }
    seen
}

fn places_related(a: Option<&str>, b: Option<&str>, parents: &Parents) -> bool {
    match (a, b) {
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => {
            ancestors(b, parents).contains(&a) || ancestors(a, parents).contains(&b)
        }
        _ => a.filter(|s| !s.is_empty()) == b.filter(|s| !s.is_empty()),
    }
}

fn dates_overlap(a: Option<&str>, b: Option<&str>) -> bool {
    match (a.filter(|s| !s.is_empty()), b.filter(|s| !s.is_empty())) {
        (Some(a), Some(b)) => {
            let (a0, a1) = a.split_once('/').unwrap_or((a, a));
            let (b0, b1) = b.split_once('/').unwrap_or((b, b));
            a0 <= b1 && b0 <= a1
        }
        (None, None) => true,
        _ => false,
    }
}

fn set_score<T: Eq + std::hash::Hash>(
    gold: impl IntoIterator<Item = T>,
    got: impl IntoIterator<Item = T>,
    t: &mut Tally,
) {
    let g: HashSet<T> = gold.into_iter().collect();
    let s: HashSet<T> = got.into_iter().collect();
    t.add(g.intersection(&s).count(), s.difference(&g).count(), g.difference(&s).count());
}

/// Greedy claim matching: same kind and interval, preferring agreement on group, then source.
pub fn match_claims<'a>(gold: &'a [GoldClaim], got: &'a [GoldClaim]) -> Vec<(&'a GoldClaim, &'a GoldClaim)> {
    let mut used = HashSet::new();
    let mut pairs = Vec::new();
    for g in gold {
        let mut best: Option<(usize, i32)> = None;
        for (k, s) in got.iter().enumerate() {
            if used.contains(&k) || s.kind != g.kind || (s.lo, s.hi) != (g.lo, g.hi) {
                continue;
            }
            let score = (s.group == g.group) as i32 * 2 + (s.source == g.source) as i32;
            if best.is_none_or(|(_, b)| score > b) {
                best = Some((k, score));
            }
        }
        if let Some((k, _)) = best {
            used.insert(k);
            pairs.push((g, &got[k]));
        }
    }
    pairs
}

/// Event matching: same action, overlapping dates, related places; first match wins.
pub fn match_events<'a>(
    gold: &'a [GoldEvent],
    got: &'a [GoldEvent],
    parents: &Parents,
) -> Vec<(&'a GoldEvent, &'a GoldEvent)> {
    let mut used = HashSet::new();
    let mut pairs = Vec::new();
    for g in gold {
        for (k, s) in got.iter().enumerate() {
            if used.contains(&k) {
                continue;
            }
            if s.action == g.action
                && dates_overlap(s.date.as_deref(), g.date.as_deref())
                && places_related(s.place.as_deref(), g.place.as_deref(), parents)
            {
                used.insert(k);
                pairs.push((g, s));
                break;
            }
        }
    }
    pairs
}

/// Score system views against gold views (matched by `doc` file name; a missing system view
/// scores as empty).
pub fn score(gold: &[GoldDoc], system: &[GoldDoc], parents: &Parents) -> Scores {
    let mut tallies: BTreeMap<&'static str, Tally> = TALLIES.iter().map(|k| (*k, Tally::default())).collect();
    let mut agree: BTreeMap<&'static str, Agreement> = AGREEMENTS.iter().map(|k| (*k, Agreement::default())).collect();
    let by_doc: HashMap<&str, &GoldDoc> = system.iter().map(|d| (file_name(&d.doc), d)).collect();
    let empty = GoldDoc::default();
    let mut gold: Vec<&GoldDoc> = gold.iter().collect();
    gold.sort_by(|a, b| a.doc.cmp(&b.doc));
    for g in gold {
        let s = by_doc.get(file_name(&g.doc)).copied().unwrap_or(&empty);
        let t = tallies.get_mut("dates").expect("known key");
        set_score(g.dates.iter().map(|d| d.value.clone()), s.dates.iter().map(|d| d.value.clone()), t);
        set_score(g.actors.iter(), s.actors.iter(), tallies.get_mut("actors").expect("known key"));
        set_score(g.places.iter(), s.places.iter(), tallies.get_mut("places").expect("known key"));
        agree.get_mut("published").expect("known key").add(g.meta.published == s.meta.published);

        let pairs = match_claims(&g.claims, &s.claims);
        tallies.get_mut("claims").expect("known key").add(
            pairs.len(),
            s.claims.len() - pairs.len(),
            g.claims.len() - pairs.len(),
        );
        let full = pairs.iter().filter(|(a, b)| a.group == b.group && a.source == b.source).count();
        tallies.get_mut("claims_full").expect("known key").add(full, s.claims.len() - full, g.claims.len() - full);
        for (a, b) in &pairs {
            agree.get_mut("claim_group").expect("known key").add(a.group == b.group);
            agree.get_mut("claim_source").expect("known key").add(a.source == b.source);
            agree.get_mut("claim_qualifier").expect("known key").add(a.qualifier == b.qualifier);
        }

        let epairs = match_events(&g.events, &s.events, parents);
        tallies.get_mut("events").expect("known key").add(
            epairs.len(),
            s.events.len() - epairs.len(),
            g.events.len() - epairs.len(),
        );
        for (a, b) in &epairs {
            agree
                .get_mut("event_type")
                .expect("known key")
                .add((&a.event_type, &a.sub_type) == (&b.event_type, &b.sub_type));
            let sa: HashSet<&String> = a.actors.iter().collect();
            let sb: HashSet<&String> = b.actors.iter().collect();
            agree.get_mut("event_actors").expect("known key").add(sa == sb);
        }
    }
    Scores { tallies, agreements: agree }
}

fn file_name(p: &str) -> &str {
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(kind: &str, lo: u64, hi: Option<u64>, group: &str, source: &str) -> GoldClaim {
        GoldClaim {
            kind: kind.into(),
            group: Some(group.into()),
            role: None,
            lo: Some(lo),
            hi,
            qualifier: None,
            source: Some(source.into()),
            as_of: None,
            place: None,
            evidence: String::new(),
        }
    }

    #[test]
    fn claims_match_on_kind_and_interval_and_prefer_group() {
        let gold = vec![claim("killed", 7, Some(7), "sdf", "article")];
        let got = vec![claim("killed", 7, Some(7), "isis", "article"), claim("killed", 7, Some(7), "sdf", "x")];
        let pairs = match_claims(&gold, &got);
        assert_eq!(pairs.len(), 1);
        assert_eq!(pairs[0].1.group.as_deref(), Some("sdf"));
    }

    #[test]
    fn places_relate_through_ancestors_and_dates_overlap() {
        let mut parents = Parents::new();
        load_parents("id\tparent_id\nsinaa_prison\tghwayran\nghwayran\thasakah\n", &mut parents);
        assert!(places_related(Some("sinaa_prison"), Some("hasakah"), &parents));
        assert!(!places_related(Some("hasakah"), Some("damascus"), &parents));
        assert!(places_related(None, None, &parents));
        assert!(dates_overlap(Some("2022-01-20/2022-01-24"), Some("2022-01-24")));
        assert!(!dates_overlap(Some("2022-01-20"), None));
    }

    #[test]
    fn report_ends_with_the_summary_line() {
        let gold =
            vec![GoldDoc { doc: "a.txt".into(), actors: vec!["isis".into(), "sdf".into()], ..Default::default() }];
        let sys = vec![GoldDoc { doc: "dir/a.txt".into(), actors: vec!["isis".into()], ..Default::default() }];
        let s = score(&gold, &sys, &Parents::new());
        assert_eq!(s.tallies["actors"], Tally { tp: 1, fp: 0, fn_: 1 });
        assert!(s.report().lines().last().unwrap().contains("entities_f1=0.667"));
    }
}
