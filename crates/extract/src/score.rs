//! Scoring gold views against gold files: the measures of `shared/eval/score.py`, computed
//! natively so `marsad eval` needs no Python.

use crate::gold::{GoldClaim, GoldDoc, GoldEvent};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

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

/// The lowest scores a gold set may reach (`eval/broad_floor.toml`): a measure that falls more
/// than `tolerance` below its floor fails the check.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floor {
    pub tolerance: f64,
    /// Measure name ([`Scores::measure`]) -> floor.
    pub floor: BTreeMap<String, f64>,
}

pub const TALLIES: &[&str] = &["claims", "claims_full", "events", "events_core", "dates", "actors", "places"];
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

    /// One measure by name: the F1 of a tally (`entities` for actors and places together) or
    /// the accuracy of an agreement (0 when nothing was compared).
    pub fn measure(&self, name: &str) -> Option<f64> {
        if name == "entities" {
            return Some(self.entities_f1());
        }
        if let Some(t) = self.tallies.get(name) {
            return Some(t.prf().2);
        }
        self.agreements.get(name).map(|a| a.accuracy().unwrap_or(0.0))
    }

    /// The measures that fall more than `floor.tolerance` below their floor, one line each;
    /// a floor naming an unknown measure is an error.
    pub fn below_floor(&self, floor: &Floor) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for (name, min) in &floor.floor {
            let got = self.measure(name).ok_or_else(|| format!("unknown measure in floor: {name}"))?;
            if got < min - floor.tolerance {
                out.push(format!("{name} {got:.3} is below its floor {min:.3} (tolerance {:.3})", floor.tolerance));
            }
        }
        Ok(out)
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
            "claims_f1={:.3} claims_full_f1={:.3} events_f1={:.3} dates_f1={:.3} entities_f1={:.3} events_core_f1={:.3}\n",
            self.f1("claims"),
            self.f1("claims_full"),
            self.f1("events"),
            self.f1("dates"),
            self.entities_f1(),
            self.f1("events_core")
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

/// The id lists a scoring run reads (`actors.tsv`, `gazetteer.tsv`, a gold set's `ids.tsv`):
/// place parents, to relate event places, and Arabic names, to count an output id written as
/// `person:NAME`, `org:NAME` or `place:NAME` as the listed id that has that name.
#[derive(Clone, Debug, Default)]
pub struct IdLists {
    parents: HashMap<String, String>,
    /// Normalized Arabic name -> id; a name two ids share is dropped (`clashes`).
    names: HashMap<String, String>,
    clashes: HashSet<String>,
}

impl IdLists {
    pub fn new() -> IdLists {
        IdLists::default()
    }

    /// Add one TSV with an `id` column and optional `parent_id` and `names_ar` (`|`-separated)
    /// columns. As in `score.py`, a later list overrides an id's parent, and a name keeps the
    /// first id that took it (a second id with that name makes it ambiguous).
    pub fn add_tsv(&mut self, tsv: &str) {
        let mut lines = tsv.lines();
        let Some(head) = lines.next() else { return };
        let head: Vec<&str> = head.split('\t').collect();
        let col = |name: &str| head.iter().position(|h| *h == name);
        let Some(id_col) = col("id") else { return };
        let (parent_col, names_col) = (col("parent_id"), col("names_ar"));
        for line in lines {
            let cols: Vec<&str> = line.split('\t').collect();
            let Some(id) = cols.get(id_col).filter(|s| !s.is_empty()) else { continue };
            if let Some(p) = parent_col.and_then(|j| cols.get(j)).filter(|s| !s.is_empty()) {
                self.parents.insert(id.to_string(), p.to_string());
            }
            for name in names_col.and_then(|j| cols.get(j)).into_iter().flat_map(|n| n.split('|')) {
                let key = norm_name(name);
                if key.is_empty() {
                    continue;
                }
                match self.names.get(&key) {
                    Some(other) if other != id => {
                        self.clashes.insert(key);
                    }
                    Some(_) => {}
                    None => {
                        self.names.insert(key, id.to_string());
                    }
                }
            }
        }
    }

    /// The id an output value stands for: `kind:NAME` becomes the listed id with that name
    /// (when exactly one id has it); anything else is itself.
    pub fn resolve<'a>(&'a self, v: &'a str) -> &'a str {
        let Some((kind, name)) = v.split_once(':') else { return v };
        if !matches!(kind, "person" | "org" | "place") {
            return v;
        }
        let key = norm_name(name);
        if self.clashes.contains(&key) {
            return v;
        }
        self.names.get(&key).map_or(v, String::as_str)
    }

    fn resolve_opt(&self, v: &Option<String>) -> Option<String> {
        v.as_deref().map(|x| self.resolve(x).to_string())
    }

    /// A copy of a system view with every `kind:NAME` id resolved.
    pub fn resolve_doc(&self, d: &GoldDoc) -> GoldDoc {
        let mut d = d.clone();
        let all = |v: &mut Vec<String>| {
            for x in v.iter_mut() {
                *x = self.resolve(x).to_string();
            }
        };
        all(&mut d.actors);
        all(&mut d.places);
        for c in &mut d.claims {
            c.group = self.resolve_opt(&c.group);
            c.source = self.resolve_opt(&c.source);
            c.place = self.resolve_opt(&c.place);
        }
        for e in &mut d.events {
            e.place = self.resolve_opt(&e.place);
            all(&mut e.actors);
        }
        d
    }

    fn ancestors<'a>(&'a self, id: &'a str) -> Vec<&'a str> {
        let mut seen: Vec<&str> = Vec::new();
        let mut cur = Some(id);
        while let Some(p) = cur {
            if p.is_empty() || seen.contains(&p) {
                break;
            }
            seen.push(p);
            cur = self.parents.get(p).map(String::as_str);
        }
        seen
    }

    /// Whether two event places are the same or one lies inside the other.
    pub fn places_related(&self, a: Option<&str>, b: Option<&str>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => {
                self.ancestors(b).contains(&a) || self.ancestors(a).contains(&b)
            }
            _ => a.filter(|s| !s.is_empty()) == b.filter(|s| !s.is_empty()),
        }
    }
}

/// The light normalization names are compared under: no diacritics, tatweel or joiners; one
/// alef; ى as ي; ة as ه; a leading ال dropped from words of four letters or more.
pub fn norm_name(s: &str) -> String {
    let s: String = s
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{0652}' | '\u{0640}' | '\u{200C}'..='\u{200F}'))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            c => c,
        })
        .collect();
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| if w.starts_with("ال") && w.chars().count() > 3 { &w["ال".len()..] } else { w })
        .collect();
    words.join(" ")
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
/// Pairs are (gold index, system index).
pub fn match_claims(gold: &[GoldClaim], got: &[GoldClaim]) -> Vec<(usize, usize)> {
    let mut used = HashSet::new();
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
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
            pairs.push((gi, k));
        }
    }
    pairs
}

/// Whether a system event matches a gold event: same action, overlapping dates, related
/// places.
fn event_matches(g: &GoldEvent, s: &GoldEvent, ids: &IdLists) -> bool {
    s.action == g.action
        && dates_overlap(s.date.as_deref(), g.date.as_deref())
        && ids.places_related(s.place.as_deref(), g.place.as_deref())
}

/// Event matching: same action, overlapping dates, related places; first match wins. Pairs
/// are (gold index, system index).
pub fn match_events(gold: &[&GoldEvent], got: &[&GoldEvent], ids: &IdLists) -> Vec<(usize, usize)> {
    let mut used = HashSet::new();
    let mut pairs = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if let Some(k) = (0..got.len()).find(|k| !used.contains(k) && event_matches(g, got[*k], ids)) {
            used.insert(k);
            pairs.push((gi, k));
        }
    }
    pairs
}

fn tally<'a>(t: &'a mut BTreeMap<&'static str, Tally>, k: &str) -> &'a mut Tally {
    t.get_mut(k).expect("known measure")
}

fn agreement<'a>(a: &'a mut BTreeMap<&'static str, Agreement>, k: &str) -> &'a mut Agreement {
    a.get_mut(k).expect("known measure")
}

/// Score system views against gold views (matched by `doc` file name; a missing system view
/// scores as empty). `kind:NAME` ids of the system views are resolved through `ids` first.
pub fn score(gold: &[GoldDoc], system: &[GoldDoc], ids: &IdLists) -> Scores {
    let mut tallies: BTreeMap<&'static str, Tally> = TALLIES.iter().map(|k| (*k, Tally::default())).collect();
    let mut agree: BTreeMap<&'static str, Agreement> = AGREEMENTS.iter().map(|k| (*k, Agreement::default())).collect();
    for (g, s) in pair_docs(gold, system, ids) {
        score_doc(g, &s, ids, &mut tallies, &mut agree);
    }
    Scores { tallies, agreements: agree }
}

/// Gold views in `doc` order, each with its system view (ids resolved; empty when missing).
fn pair_docs<'a>(gold: &'a [GoldDoc], system: &[GoldDoc], ids: &IdLists) -> Vec<(&'a GoldDoc, GoldDoc)> {
    let by_doc: HashMap<&str, &GoldDoc> = system.iter().map(|d| (file_name(&d.doc), d)).collect();
    let mut gold: Vec<&GoldDoc> = gold.iter().collect();
    gold.sort_by(|a, b| a.doc.cmp(&b.doc));
    gold.into_iter()
        .map(|g| {
            let s = by_doc.get(file_name(&g.doc)).map_or_else(GoldDoc::default, |s| ids.resolve_doc(s));
            (g, s)
        })
        .collect()
}

fn score_doc(
    g: &GoldDoc,
    s: &GoldDoc,
    ids: &IdLists,
    tallies: &mut BTreeMap<&'static str, Tally>,
    agree: &mut BTreeMap<&'static str, Agreement>,
) {
    set_score(
        g.dates.iter().map(|d| d.value.clone()),
        s.dates.iter().map(|d| d.value.clone()),
        tally(tallies, "dates"),
    );
    set_score(g.actors.iter(), s.actors.iter(), tally(tallies, "actors"));
    set_score(g.places.iter(), s.places.iter(), tally(tallies, "places"));
    agreement(agree, "published").add(g.meta.published == s.meta.published);

    let pairs = match_claims(&g.claims, &s.claims);
    tally(tallies, "claims").add(pairs.len(), s.claims.len() - pairs.len(), g.claims.len() - pairs.len());
    let full = pairs
        .iter()
        .filter(|(a, b)| g.claims[*a].group == s.claims[*b].group && g.claims[*a].source == s.claims[*b].source)
        .count();
    tally(tallies, "claims_full").add(full, s.claims.len() - full, g.claims.len() - full);
    for (a, b) in &pairs {
        let (a, b) = (&g.claims[*a], &s.claims[*b]);
        agreement(agree, "claim_group").add(a.group == b.group);
        agreement(agree, "claim_source").add(a.source == b.source);
        agreement(agree, "claim_qualifier").add(a.qualifier == b.qualifier);
    }

    let ge: Vec<&GoldEvent> = g.events.iter().collect();
    let se: Vec<&GoldEvent> = s.events.iter().collect();
    let epairs = match_events(&ge, &se, ids);
    tally(tallies, "events").add(epairs.len(), se.len() - epairs.len(), ge.len() - epairs.len());
    for (a, b) in &epairs {
        let (a, b) = (ge[*a], se[*b]);
        agreement(agree, "event_type").add((&a.event_type, &a.sub_type) == (&b.event_type, &b.sub_type));
        let sa: HashSet<&String> = a.actors.iter().collect();
        let sb: HashSet<&String> = b.actors.iter().collect();
        agreement(agree, "event_actors").add(sa == sb);
    }
    // events_core: the same match over every event but statements.
    let gc: Vec<&GoldEvent> = ge.iter().copied().filter(|e| e.action != "statement").collect();
    let sc: Vec<&GoldEvent> = se.iter().copied().filter(|e| e.action != "statement").collect();
    let cpairs = match_events(&gc, &sc, ids);
    tally(tallies, "events_core").add(cpairs.len(), sc.len() - cpairs.len(), gc.len() - cpairs.len());
}

/// Per document, what the system missed and added against gold, side by side: claims
/// (matched ones whose group or source differ too), events (a missed event beside the system
/// events of the same action, with what differs), dates and entities. Documents with nothing
/// to say are left out; `only` keeps the documents whose name contains it.
pub fn explain(gold: &[GoldDoc], system: &[GoldDoc], ids: &IdLists, only: Option<&str>) -> String {
    let mut out = String::new();
    for (g, s) in pair_docs(gold, system, ids) {
        if only.is_some_and(|o| !g.doc.contains(o)) {
            continue;
        }
        let mut t: BTreeMap<&'static str, Tally> = TALLIES.iter().map(|k| (*k, Tally::default())).collect();
        let mut a: BTreeMap<&'static str, Agreement> = AGREEMENTS.iter().map(|k| (*k, Agreement::default())).collect();
        score_doc(g, &s, ids, &mut t, &mut a);
        let body = explain_doc(g, &s, ids);
        if body.is_empty() {
            continue;
        }
        let brief = |k: &str| {
            let x = t[k];
            format!("{k} {}/{}/{}", x.tp, x.fp, x.fn_)
        };
        out.push_str(&format!(
            "== {}  (tp/fp/fn: {}, {}, {}, {}, {}, {})\n",
            file_name(&g.doc),
            brief("claims"),
            brief("claims_full"),
            brief("events"),
            brief("dates"),
            brief("actors"),
            brief("places")
        ));
        out.push_str(&body);
        out.push('\n');
    }
    out
}

fn or_dash(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("-")
}

fn claim_line(c: &GoldClaim) -> String {
    let hi = c.hi.map_or("open".to_string(), |h| h.to_string());
    let lo = c.lo.map_or("?".to_string(), |l| l.to_string());
    format!(
        "{} [{lo},{hi}] group={} source={}  «{}»",
        c.kind,
        or_dash(&c.group),
        or_dash(&c.source),
        c.evidence.chars().take(90).collect::<String>()
    )
}

fn event_line(e: &GoldEvent) -> String {
    format!(
        "{} ({} / {}) date={} place={} actors=[{}]{}",
        e.action,
        e.event_type,
        e.sub_type,
        or_dash(&e.date),
        or_dash(&e.place),
        e.actors.join(", "),
        e.fatalities.as_ref().map_or(String::new(), |f| format!(
            " fatalities={}-{}",
            f.lo,
            f.hi.map_or("open".to_string(), |h| h.to_string())
        ))
    )
}

fn explain_doc(g: &GoldDoc, s: &GoldDoc, ids: &IdLists) -> String {
    let mut out = String::new();
    let pairs = match_claims(&g.claims, &s.claims);
    let (gm, sm): (HashSet<usize>, HashSet<usize>) =
        (pairs.iter().map(|p| p.0).collect(), pairs.iter().map(|p| p.1).collect());
    for (a, b) in &pairs {
        let (x, y) = (&g.claims[*a], &s.claims[*b]);
        if x.group != y.group || x.source != y.source {
            out.push_str(&format!(
                "  claim   differs  {}\n                   got group={} source={}\n",
                claim_line(x),
                or_dash(&y.group),
                or_dash(&y.source)
            ));
        }
    }
    for (_, c) in g.claims.iter().enumerate().filter(|(i, _)| !gm.contains(i)) {
        out.push_str(&format!("  claim   missed   {}\n", claim_line(c)));
    }
    for (_, c) in s.claims.iter().enumerate().filter(|(i, _)| !sm.contains(i)) {
        out.push_str(&format!("  claim   extra    {}\n", claim_line(c)));
    }
    let ge: Vec<&GoldEvent> = g.events.iter().collect();
    let se: Vec<&GoldEvent> = s.events.iter().collect();
    let epairs = match_events(&ge, &se, ids);
    let (gm, sm): (HashSet<usize>, HashSet<usize>) =
        (epairs.iter().map(|p| p.0).collect(), epairs.iter().map(|p| p.1).collect());
    for (a, b) in &epairs {
        let (x, y) = (ge[*a], se[*b]);
        let mut sx: Vec<&String> = x.actors.iter().collect();
        let mut sy: Vec<&String> = y.actors.iter().collect();
        sx.sort();
        sy.sort();
        if sx != sy || (&x.event_type, &x.sub_type) != (&y.event_type, &y.sub_type) {
            out.push_str(&format!("  event   differs  {}\n                   got {}\n", event_line(x), event_line(y)));
        }
    }
    for (_, e) in ge.iter().enumerate().filter(|(i, _)| !gm.contains(i)) {
        out.push_str(&format!("  event   missed   {}\n", event_line(e)));
        // The unmatched system events of the same action: what kept them apart.
        for (_, o) in se.iter().enumerate().filter(|(k, o)| !sm.contains(k) && o.action == e.action) {
            let mut why = Vec::new();
            if !dates_overlap(o.date.as_deref(), e.date.as_deref()) {
                why.push(format!("date {}", or_dash(&o.date)));
            }
            if !ids.places_related(o.place.as_deref(), e.place.as_deref()) {
                why.push(format!("place {}", or_dash(&o.place)));
            }
            out.push_str(&format!("            near:  {}\n", why.join(", ")));
        }
    }
    for (_, e) in se.iter().enumerate().filter(|(k, _)| !sm.contains(k)) {
        out.push_str(&format!("  event   extra    {}\n", event_line(e)));
    }
    let set_diff = |label: &str, gold: Vec<String>, got: Vec<String>, out: &mut String| {
        let (g, s): (BTreeSet<String>, BTreeSet<String>) = (gold.into_iter().collect(), got.into_iter().collect());
        let missed: Vec<&String> = g.difference(&s).collect();
        let extra: Vec<&String> = s.difference(&g).collect();
        if !missed.is_empty() {
            out.push_str(&format!(
                "  {label:<7} missed   {}\n",
                missed.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
        if !extra.is_empty() {
            out.push_str(&format!(
                "  {label:<7} extra    {}\n",
                extra.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(", ")
            ));
        }
    };
    // Dates score on values; the text is shown beside each value that differs.
    let (gv, sv): (BTreeSet<&Option<String>>, BTreeSet<&Option<String>>) =
        (g.dates.iter().map(|d| &d.value).collect(), s.dates.iter().map(|d| &d.value).collect());
    let keep = |d: &GoldDoc, other: &BTreeSet<&Option<String>>| -> Vec<String> {
        d.dates
            .iter()
            .filter(|x| !other.contains(&x.value))
            .map(|x| format!("{} ({})", or_dash(&x.value), x.text))
            .collect()
    };
    set_diff("date", keep(g, &sv), keep(s, &gv), &mut out);
    set_diff("actor", g.actors.clone(), s.actors.clone(), &mut out);
    set_diff("place", g.places.clone(), s.places.clone(), &mut out);
    out
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
        assert_eq!(pairs, vec![(0, 1)]);
    }

    #[test]
    fn places_relate_through_ancestors_and_dates_overlap() {
        let mut ids = IdLists::new();
        ids.add_tsv("id\tparent_id\nsinaa_prison\tghwayran\nghwayran\thasakah\n");
        assert!(ids.places_related(Some("sinaa_prison"), Some("hasakah")));
        assert!(!ids.places_related(Some("hasakah"), Some("damascus")));
        assert!(ids.places_related(None, None));
        assert!(dates_overlap(Some("2022-01-20/2022-01-24"), Some("2022-01-24")));
        assert!(!dates_overlap(Some("2022-01-20"), None));
    }

    #[test]
    fn report_ends_with_the_summary_line() {
        let gold =
            vec![GoldDoc { doc: "a.txt".into(), actors: vec!["isis".into(), "sdf".into()], ..Default::default() }];
        let sys = vec![GoldDoc { doc: "dir/a.txt".into(), actors: vec!["isis".into()], ..Default::default() }];
        let s = score(&gold, &sys, &IdLists::new());
        assert_eq!(s.tallies["actors"], Tally { tp: 1, fp: 0, fn_: 1 });
        assert!(s.report().lines().last().unwrap().contains("entities_f1=0.667"));
    }

    #[test]
    fn names_resolve_to_the_one_listed_id_that_has_them() {
        let mut ids = IdLists::new();
        ids.add_tsv("id\tkind\tnames_ar\tparent_id\nabu_salim\tperson\tأبو سالم الحمداني|أبو سالم\tband\n");
        ids.add_tsv("id\tnames_ar\nnorth_gate\tالبوابة الشمالية\nwest_gate\tالبوابة|البوابة الغربية\nx\tالبوابة\n");
        // Alef forms, a leading ال and ta marbuta are compared lightly.
        assert_eq!(ids.resolve("person:ابو سالم الحمدانى"), "abu_salim");
        assert_eq!(ids.resolve("place:بوابة الشمالية"), "north_gate");
        // A name two ids share stays as written; so do plain ids and other prefixes.
        assert_eq!(ids.resolve("place:البوابة"), "place:البوابة");
        assert_eq!(ids.resolve("west_gate"), "west_gate");
        assert_eq!(ids.resolve("thing:أبو سالم"), "thing:أبو سالم");
        assert!(ids.places_related(Some("abu_salim"), Some("band")));
    }

    fn event(action: &str, date: &str, place: &str) -> GoldEvent {
        GoldEvent {
            event_type: "Battles".into(),
            sub_type: "Armed clash".into(),
            action: action.into(),
            date: Some(date.into()),
            place: Some(place.into()),
            actors: vec![],
            fatalities: None,
        }
    }

    #[test]
    fn events_core_leaves_statements_out_and_names_count_as_ids() {
        let mut ids = IdLists::new();
        ids.add_tsv("id\tnames_ar\tparent_id\nal_bustan\tالبستان\tnorth\n");
        let gold = vec![GoldDoc {
            doc: "a".into(),
            events: vec![event("clash", "2020-05-01", "al_bustan"), event("statement", "2020-05-02", "north")],
            ..Default::default()
        }];
        let sys = vec![GoldDoc {
            doc: "a".into(),
            events: vec![
                event("clash", "2020-04-30/2020-05-01", "place:البستان"),
                event("statement", "2020-05-09", "north"),
            ],
            ..Default::default()
        }];
        let s = score(&gold, &sys, &ids);
        assert_eq!(s.tallies["events"], Tally { tp: 1, fp: 1, fn_: 1 });
        assert_eq!(s.tallies["events_core"], Tally { tp: 1, fp: 0, fn_: 0 });
        let text = explain(&gold, &sys, &ids, None);
        assert!(text.contains("event   missed   statement"), "{text}");
        assert!(text.contains("near:  date 2020-05-09"), "{text}");
        assert!(!text.contains("missed   clash"), "{text}");
    }

    #[test]
    fn a_measure_more_than_the_tolerance_below_its_floor_is_named() {
        let gold = vec![GoldDoc { doc: "a".into(), actors: vec!["x".into(), "y".into()], ..Default::default() }];
        let sys = vec![GoldDoc { doc: "a".into(), actors: vec!["x".into()], ..Default::default() }];
        let s = score(&gold, &sys, &IdLists::new());
        // entities F1 is 2/3 here.
        let floor: Floor = toml::from_str("tolerance = 0.02\n[floor]\nentities = 0.68\nevents = 0.0\n").unwrap();
        assert!(s.below_floor(&floor).unwrap().is_empty());
        let floor: Floor = toml::from_str("tolerance = 0.02\n[floor]\nentities = 0.70\n").unwrap();
        let fails = s.below_floor(&floor).unwrap();
        assert_eq!(fails.len(), 1);
        assert!(fails[0].starts_with("entities 0.667"), "{fails:?}");
        let floor: Floor = toml::from_str("tolerance = 0.02\n[floor]\nentitie = 0.1\n").unwrap();
        assert!(s.below_floor(&floor).is_err());
    }
}
