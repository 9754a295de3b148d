//! Figures about people and forces, with their hedge, counted group and attribution.
//!
//! Design decision: a claim is built around a number found by `marsad_text::numbers`, read
//! outward in its clause:
//! 1. what is not a count of people is dropped first: numbers inside dates, identifiers
//!    (رقم 3314), times and sums (12:32، 3 + 10), page furniture, and numbers whose noun is not
//!    a person or force (7 سجون، 5 أيام);
//! 2. the hedge before or after it (`data/hedges.tsv`) gives the qualifier and the interval;
//!    a range (بين 14 و18 ألف، من 60 إلى 90) takes its scale word to both bounds; figures
//!    coordinated under one prefix hedge ("ما لا يقل عن 180 … و27") share it;
//! 3. the counted noun phrase (`data/counted.tsv` and the actor mentions) gives the role and the
//!    group: a partitive "من" + actor names it (also after a hedge: ستة عناصر على الأقل من
//!    حماس), a civilian category makes it `civilians` (مدنيين، أطفال، مصلين، من أهالي، معظمهم
//!    أطفال), soldiers or police with a nationality are that country's force (`Forces`, read
//!    from the actor lexicon's force names), soldiers without one the state force named before
//!    them in their clause, a pronoun (منهم، عناصره) points back at the previous figure's group,
//!    a word for militants (متشدد) without a name is the armed group the article is about;
//!    people with no side named (أشخاص، 33 فلسطينيا) and totals mixing sides have none;
//! 4. the kind comes from the noun itself (قتيل، جريح، نازح), else from the nearest verb or
//!    verbal noun of `data/claims.tsv` in the clause (before the number, or after its noun
//!    phrase: "… لقوا حتفهم"), else from a participle describing the counted people, else from a
//!    figure it is part of (بينهم) or added to (إضافة إلى), else from the noun's class (a force's
//!    size, people held);
//! 5. the source comes from [`crate::attribution`].
//!
//! The same figure repeated with the same kind, group and source is one claim.

use crate::attribution::{kinds, Kinds, SentenceSources, Sources, ARTICLE};
use crate::tables::{
    AttributionKind, Counted, CountedKind, Cue, HedgeKind, HedgePlace, NationalityKind, PredicateKind, Service,
};
use crate::view::DocView;
use crate::vocab::{Hit, PhraseTable};
use crate::Context;
use marsad_core::{
    ActorId, ActorKind, Attribution, Claim, ClaimKind, DateForm, DateMention, Interval, PlaceId, Qualifier, Role, Span,
};
use marsad_text::numbers::NumberMatch;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const CLAIMS_TSV: &str = include_str!("../data/claims.tsv");
const COUNTED_TSV: &str = include_str!("../data/counted.tsv");
const HEDGES_TSV: &str = include_str!("../data/hedges.tsv");
/// The group of civilians counted as such.
const CIVILIANS: &str = "civilians";
const NATIONALITIES_TSV: &str = include_str!("../data/nationalities.tsv");

// The tables are embedded and loaded by a test: a failure to load is a build defect.

fn predicates() -> &'static PhraseTable<PredicateKind> {
    static T: OnceLock<PhraseTable<PredicateKind>> = OnceLock::new();
    T.get_or_init(|| PhraseTable::parse("claims.tsv", CLAIMS_TSV, true).expect("data/claims.tsv is valid"))
}

fn counted() -> &'static PhraseTable<CountedKind> {
    static T: OnceLock<PhraseTable<CountedKind>> = OnceLock::new();
    T.get_or_init(|| PhraseTable::parse("counted.tsv", COUNTED_TSV, true).expect("data/counted.tsv is valid"))
}

/// Whether token `i` names people (a noun of `counted.tsv` that counts persons of any role, or
/// a nationality): the object a verb of detaining needs (احتجزت الشرطة طالبة، اعتقلوا فلسطينيين).
pub(crate) fn names_people(layer: &marsad_text::TextLayer, i: usize) -> bool {
    use CountedKind::*;
    counted()
        .at(layer, i, true)
        .iter()
        .any(|h| matches!(h.phrase.kind, Fighters | Members | Detainees | Civilians | Staff | Person | Families))
        || nationalities().at(layer, i, true).iter().any(|h| h.phrase.kind == NationalityKind::Nationality)
}

fn nationalities() -> &'static PhraseTable<NationalityKind> {
    static T: OnceLock<PhraseTable<NationalityKind>> = OnceLock::new();
    T.get_or_init(|| {
        PhraseTable::parse("nationalities.tsv", NATIONALITIES_TSV, false).expect("data/nationalities.tsv is valid")
    })
}

/// Each country's forces by service, read from the actor lexicon: a state force or police
/// one of whose names is a force head of `nationalities.tsv` followed by a nationality
/// (الجيش الأفغاني، الشرطة الأفغانية، قوات الأمن الأفغانية). The first actor of the lexicon to
/// name a country's service keeps it.
struct Forces {
    by_country: BTreeMap<(String, Service), ActorId>,
}

impl Forces {
    fn new(lex: &marsad_lexicon::Lexicon) -> Forces {
        let table = nationalities();
        let mut by_country = BTreeMap::new();
        for a in lex.actors.iter().filter(|a| matches!(a.kind, ActorKind::StateForce | ActorKind::Police)) {
            for name in &a.names_ar {
                let layer = marsad_text::TextLayer::new(name);
                let Some(head) =
                    table.at(&layer, 0, false).into_iter().find(|h| h.phrase.kind == NationalityKind::ForceHead)
                else {
                    continue;
                };
                let Some(service) = head.phrase.value.service() else { continue };
                let nat = table
                    .at(&layer, head.end, false)
                    .into_iter()
                    .find(|h| h.phrase.kind == NationalityKind::Nationality);
                if let Some(country) =
                    nat.filter(|n| n.end == layer.tokens.len()).and_then(|n| n.phrase.value.country())
                {
                    by_country.entry((country.to_string(), service)).or_insert_with(|| a.id.clone());
                }
            }
        }
        Forces { by_country }
    }

    /// The force of `country` for `service`: that service's, else the forces as a whole, else
    /// the army.
    fn of(&self, country: &str, service: Service) -> Option<&ActorId> {
        let get = |s: Service| self.by_country.get(&(country.to_string(), s));
        get(service).or_else(|| get(Service::Forces)).or_else(|| get(Service::Army))
    }
}

fn forces() -> &'static Forces {
    static T: OnceLock<Forces> = OnceLock::new();
    T.get_or_init(|| Forces::new(marsad_lexicon::Lexicon::embedded()))
}

fn hedges() -> &'static PhraseTable<HedgeKind> {
    static T: OnceLock<PhraseTable<HedgeKind>> = OnceLock::new();
    T.get_or_init(|| PhraseTable::parse("hedges.tsv", HEDGES_TSV, false).expect("data/hedges.tsv is valid"))
}

/// Where the first phrase at token `i` of a table of one kind of `attribution.tsv` ends.
fn attr_kind(v: &DocView, i: usize, kind: impl Fn(&Kinds) -> &PhraseTable<AttributionKind>) -> Option<usize> {
    kind(kinds()).at(v.layer, i, true).first().map(|h| h.end)
}

/// The counted noun phrase after a number.
#[derive(Debug, Default)]
struct NounPhrase {
    end: usize,
    found: bool,
    role: Option<Role>,
    militant: bool,
    detainee: bool,
    fighter: bool,
    families: bool,
    /// النساء والأطفال: people who depend on fighters.
    dependants: bool,
    subset: bool,
    noun_kind: Option<ClaimKind>,
    group: Option<(ActorId, ActorKind)>,
    /// منهم، عناصره: the group is the previous figure's.
    pronoun: bool,
    /// آخرين: more of the people just counted.
    others: bool,
    holder: Option<ActorId>,
    /// A civilian category is named (مدنيين، أطفال، مصلين، مسعفين), or what most of them are
    /// (معظمهم من الأطفال).
    civilian: bool,
    /// Armed people are named (fighters, soldiers, police): with civilians, a mixed total.
    armed: bool,
    /// Members of a state's force are named, with the service (جنود، شرطة، عناصر أمن).
    service: Option<Service>,
    /// The nationality of the people counted (the country id): أفغانيا، الأفغان.
    nationality: Option<&'static str>,
    /// People with no side are named (شخص، رجل).
    person: bool,
}

/// The predicate phrases at the tokens of one figure's clause, looked up once: the strong and
/// the weak predicate search walk the same tokens, and a lookup depends on the token alone.
#[derive(Default)]
struct PredicateHits {
    found: Vec<(usize, Vec<Hit<'static, PredicateKind>>)>,
}

impl PredicateHits {
    /// `predicates().at(v.layer, k, true)`, from the memo when token `k` was looked up before.
    fn at(&mut self, v: &DocView, k: usize) -> &[Hit<'static, PredicateKind>] {
        let slot = match self.found.iter().position(|(t, _)| *t == k) {
            Some(slot) => slot,
            None => {
                self.found.push((k, predicates().at(v.layer, k, true)));
                self.found.len() - 1
            }
        };
        &self.found[slot].1
    }
}

/// A figure's value after its hedge.
struct Figure {
    interval: Interval,
    qualifier: Qualifier,
    /// Token range of the number(s).
    start: usize,
    end: usize,
    /// Where the hedge starts, if it comes before.
    hedge_start: Option<usize>,
    /// A prefix hedge that coordinated figures share.
    prefix: Option<Qualifier>,
    span: Span,
}

fn interval(q: Qualifier, lo: u64, hi: u64) -> Interval {
    match q {
        Qualifier::AtLeast => Interval::at_least(lo),
        Qualifier::MoreThan => Interval::at_least(lo + 1),
        Qualifier::UpTo => Interval::between(0, lo),
        Qualifier::Range | Qualifier::Vague => Interval::between(lo, hi),
        Qualifier::Exact | Qualifier::About => Interval::exact(lo),
    }
}

struct Reader<'v, 'a> {
    v: &'v DocView<'a>,
    numbers: &'v [NumberMatch],
    dates: &'v [DateMention],
    chrome: Vec<Span>,
    /// The armed group the article is mostly about, by mention count.
    main_groups: Vec<ActorId>,
    /// The site the article is about: the site or town it names most (first on ties).
    main_site: Option<PlaceId>,
    /// The facility the article names most (first on ties): what an unnamed "سجن" stands for.
    main_facility: Option<PlaceId>,
    /// The country of most of the places the article names, when one country has more than
    /// half of them: whose soldiers and police "soldiers" with no nationality are.
    main_country: Option<PlaceId>,
    /// The publication date (given, else read from the dateline).
    published: Option<chrono::NaiveDate>,
}

/// Find every claim of a document.
/// `published` is the publication date, given or read from the dateline.
pub fn find(ctx: &Context, dates: &[DateMention], published: Option<chrono::NaiveDate>) -> Vec<Claim> {
    let v = DocView::new(ctx);
    let numbers = ctx.numbers();
    let chrome = ctx.lines.iter().filter(|l| l.chrome).map(|l| l.span).collect();
    let mut counts: BTreeMap<ActorId, (usize, usize)> = BTreeMap::new();
    for (k, m) in v.ments.iter().enumerate() {
        if m.kind == ActorKind::NonStateArmedGroup {
            let e = counts.entry(m.actor.clone()).or_insert((0, k));
            e.0 += 1;
        }
    }
    let mut ranked: Vec<(ActorId, (usize, usize))> = counts.into_iter().collect();
    ranked.sort_by_key(|(_, (n, first))| (std::cmp::Reverse(*n), *first));
    let main_groups = ranked.into_iter().map(|(id, _)| id).collect();
    let mut sites: BTreeMap<&PlaceId, (usize, usize)> = BTreeMap::new();
    for (k, m) in ctx.mentions.places.iter().enumerate().filter(|(_, m)| m.geo_precision == 1) {
        sites.entry(&m.place).or_insert((0, k)).0 += 1;
    }
    let main_site =
        sites.into_iter().max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first))).map(|(p, _)| p.clone());
    let mut facilities: BTreeMap<&PlaceId, (usize, usize)> = BTreeMap::new();
    for (k, m) in ctx.mentions.places.iter().enumerate().filter(|(_, m)| m.kind == marsad_core::PlaceKind::Facility) {
        facilities.entry(&m.place).or_insert((0, k)).0 += 1;
    }
    let main_facility =
        facilities.into_iter().max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first))).map(|(p, _)| p.clone());
    let main_country = main_country(ctx);
    let r = Reader { v: &v, numbers, dates, chrome, main_groups, main_site, main_facility, main_country, published };
    r.run()
}

/// The country of more than half of the place mentions of a document, its dateline's left out
/// (a place's country is the last record of its chain; a country is its own).
fn main_country(ctx: &Context) -> Option<PlaceId> {
    let lex = ctx.lexicon;
    let mut counts: BTreeMap<PlaceId, usize> = BTreeMap::new();
    let mut total = 0;
    for m in &ctx.mentions.places {
        // A dateline names where the report was filed, not what it is about.
        if marsad_lexicon::in_dateline(&ctx.doc.text, m.span.start, m.span.end) {
            continue;
        }
        let chain = lex.place_chain(&m.place);
        let Some(country) = chain.last().filter(|p| p.kind == marsad_core::PlaceKind::Country) else { continue };
        *counts.entry(country.id.clone()).or_default() += 1;
        total += 1;
    }
    counts.into_iter().find(|(_, n)| 2 * n > total).map(|(c, _)| c)
}

impl Reader<'_, '_> {
    /// The index of the number starting at token `t`. The numbers are in token order without
    /// overlaps (each starts after the previous one ends), so their first tokens increase:
    /// a binary search, no map per document.
    fn number_at(&self, t: usize) -> Option<usize> {
        self.numbers.binary_search_by_key(&t, |n| n.tokens.0).ok()
    }

    /// The indices of the numbers starting at tokens `a..b`, in order.
    fn numbers_in(&self, a: usize, b: usize) -> std::ops::Range<usize> {
        let first = |t: usize| self.numbers.partition_point(|n| n.tokens.0 < t);
        first(a)..first(b).max(first(a))
    }

    fn run(&self) -> Vec<Claim> {
        let v = self.v;
        // A sentence's attribution is read when a figure in it needs its source.
        let mut sources = Sources::new();
        let mut out: Vec<Claim> = Vec::new();
        let mut consumed_until = 0usize;
        // Claims are read at numbers only, and the attribution state flows forward only: the
        // sentences after the last number that can be a figure at all are not read.
        let live: Vec<bool> = self.numbers.iter().map(|n| !self.never_figure(n)).collect();
        let Some(last_figure) = (0..live.len()).rev().find(|&k| live[k]).map(|k| self.numbers[k].tokens.0) else {
            return out;
        };
        for s in 0..v.sentences.len() {
            let (a, b) = v.sentences[s];
            if a > last_figure {
                break;
            }
            let mut prev_in_sentence: Option<(usize, Claim, Option<Qualifier>)> = None;
            // `consumed_until` only grows: testing it as each number comes skips what testing
            // it before the sentence and again at each number skipped.
            for k in self.numbers_in(a, b).filter(|&k| live[k]) {
                let n = self.numbers[k];
                if n.tokens.0 < consumed_until {
                    continue;
                }
                let Some((mut claim, fig)) = self.claim_at(&mut sources, s, n, prev_in_sentence.as_ref()) else {
                    continue;
                };
                // "ألقي القبض عليهم بـ3500": people arrested or surrendering with no noun of
                // their own are the captives the last such figure of their group counted (not the
                // size of a force still fighting).
                if claim.role.is_none()
                    && claim.group.is_some()
                    && matches!(claim.kind, ClaimKind::Arrested | ClaimKind::Surrendered)
                {
                    let captive = |k: ClaimKind| {
                        matches!(k, ClaimKind::Arrested | ClaimKind::Surrendered | ClaimKind::Held | ClaimKind::Escaped)
                    };
                    claim.role =
                        out.iter().rev().find(|c| c.group == claim.group && captive(c.kind)).and_then(|c| c.role);
                }
                consumed_until = fig.end;
                prev_in_sentence = Some((fig.end, claim.clone(), fig.prefix));
                // The same figure told again by the same source is one claim; told once with the
                // people's group and once without (14 مدنيا … أربعة عشر قتيلا), the group stays.
                let same = |c: &Claim| {
                    c.kind == claim.kind
                        && c.interval == claim.interval
                        && c.attribution.source == claim.attribution.source
                        && (c.group == claim.group || c.group.is_none() || claim.group.is_none())
                };
                match out.iter_mut().find(|c| same(c)) {
                    Some(c) => {
                        if c.group.is_none() {
                            c.group = claim.group;
                        }
                    }
                    None => out.push(claim),
                }
            }
        }
        out
    }

    /// Whether number `n` is no figure whatever its sentence says: [`Reader::skip_number`], or
    /// a lone واحد، واحدة (after a noun an adjective, حافلة واحدة, not a count).
    fn never_figure(&self, n: &NumberMatch) -> bool {
        self.skip_number(n) || (n.from_words && !n.vague && n.lo <= 1 && n.tokens.1 - n.tokens.0 == 1)
    }

    fn skip_number(&self, n: &NumberMatch) -> bool {
        let v = self.v;
        if self.chrome.iter().any(|c| c.contains(n.span)) {
            return true;
        }
        if self.dates.iter().any(|d| d.span.overlaps(n.span)) {
            return true;
        }
        let (a, b) = n.tokens;
        // 12:32، 3 + 10، 50%
        let glued = |i: usize| v.is_punct(i) && matches!(v.w(i), ":" | "+" | "=" | "%" | "/" | "×");
        if glued(b) || (a > 0 && glued(a - 1)) {
            return true;
        }
        if let Some(p) = v.prev_word(a) {
            let pp = if v.w(p) == "ال" { v.prev_word(p) } else { Some(p) };
            if let Some(pp) = pp {
                if attr_kind(v, pp, |t| &t.not_count).is_some_and(|e| e == pp + 1) {
                    return true;
                }
            }
        }
        // 10 في المئة، 5 ملايين دولار: a share or a sum.
        if attr_kind(v, b, |t| &t.unit_after).is_some() {
            return true;
        }
        false
    }

    /// Read the hedge and range around number `n`.
    fn figure(&self, n: NumberMatch, sent_end: usize) -> Figure {
        let v = self.v;
        let (a, mut end) = n.tokens;
        let mut lo = n.lo;
        let mut hi = n.hi.unwrap_or(n.lo);
        let mut span = n.span;
        // Hedge before: the longest phrase ending at the number (or at an article before it: نحو الـ100).
        let anchor = if a > 0 && v.w(a - 1) == "ال" { a - 1 } else { a };
        let mut before: Option<Hit<HedgeKind>> = None;
        for k in anchor.saturating_sub(5)..anchor {
            if let Some(h) = hedges()
                .at(v.layer, k, true)
                .into_iter()
                .find(|h| h.end == anchor && h.phrase.value == HedgePlace::Before)
            {
                before = Some(h);
                break;
            }
        }
        // A range: بين A و B، من A إلى B، A إلى B، A أو B.
        let mut range = false;
        let join = hedges().kind_at(v.layer, end, false, HedgeKind::RangeJoin);
        if let Some(j) = join {
            if let Some(k2) = self.number_at(j.end) {
                let m2 = self.numbers[k2];
                let opened = before.as_ref().is_some_and(|h| h.phrase.kind == HedgeKind::RangeOpen);
                let ok = match j.phrase.value {
                    HedgePlace::And => opened,
                    _ => !n.vague && !m2.vague,
                };
                if ok && !m2.vague && m2.lo >= lo {
                    if m2.scale > 1 && n.scale == 1 && lo < m2.scale {
                        lo *= m2.scale;
                    }
                    hi = m2.hi.unwrap_or(m2.lo);
                    end = m2.tokens.1;
                    span = span.cover(m2.span);
                    range = lo <= hi;
                }
            }
        }
        let hedge_start = before.as_ref().map(|h| h.start);
        let mut q = if range {
            Qualifier::Range
        } else if n.vague {
            Qualifier::Vague
        } else {
            before.as_ref().and_then(|h| h.phrase.kind.qualifier()).unwrap_or(Qualifier::Exact)
        };
        let prefix = if range || n.vague { None } else { before.as_ref().and_then(|h| h.phrase.kind.qualifier()) };
        // A hedge after: 300 على الأقل.
        if q == Qualifier::Exact && end < sent_end {
            if let Some(h) = hedges().at(v.layer, end, false).into_iter().find(|h| h.phrase.value == HedgePlace::After)
            {
                q = h.phrase.kind.qualifier().unwrap_or(q);
                end = h.end;
            }
        }
        if q == Qualifier::UpTo && before.as_ref().is_some_and(|h| h.phrase.kind == HedgeKind::LessThan) && lo > 0 {
            lo -= 1;
        }
        let hedge_start = if q == Qualifier::Exact && !range { None } else { hedge_start };
        Figure { interval: interval(q, lo, hi), qualifier: q, start: a, end, hedge_start, prefix, span }
    }

    /// The counted noun phrase starting at token `j`.
    fn noun_phrase(&self, j: usize, sent_end: usize) -> NounPhrase {
        let v = self.v;
        let mut np = NounPhrase { end: j, ..Default::default() };
        let mut k = j;
        if matches!(v.w(k), "منهم" | "منهن" | "منها") {
            np.found = true;
            np.pronoun = true;
            np.end = k + 1;
            return np;
        }
        while v.is_quote(k) {
            k += 1;
        }
        if v.w(k) == "من" {
            k += 1;
        }
        while v.is_quote(k) {
            k += 1;
        }
        if let Some(m) = v.ment_at(k).filter(|m| m.end <= sent_end && self.counts_people(m.kind)) {
            np.found = true;
            np.group = Some((m.actor.clone(), m.kind));
            if let Some(h) = counted().longest(v.layer, m.start, true) {
                self.take_noun(&mut np, &h);
            } else if m.kind == ActorKind::Civilians {
                np.role = Some(Role::Civilians);
            } else {
                np.role = Some(Role::Members);
            }
            k = m.end;
        } else if let Some(h) = counted().longest(v.layer, k, true).filter(|h| h.proclitic == 0 || k > j) {
            np.found = true;
            self.take_noun(&mut np, &h);
            if h.suffix > 0 {
                np.pronoun = true;
            }
            k = h.end;
        } else if let Some(h) = self.nationality_at(k).filter(|h| h.proclitic == 0 || k > j) {
            // 33 فلسطينيا: people of a nationality, with no side.
            np.found = true;
            np.nationality = h.phrase.value.country();
            k = h.end;
        } else {
            return np;
        }
        // More nouns and modifiers: سجينا ومتشددا، المرتزقة المعتقلين، المقاتلين وأسرهم.
        while k < sent_end {
            let mut q = k;
            while v.is_quote(q) {
                q += 1;
            }
            // جنديا أفغانيا، الجنود وعناصر الشرطة الأفغان: the nationality of the nouns before.
            if let Some(h) = self.nationality_at(q).filter(|h| h.proclitic == 0) {
                np.nationality = np.nationality.or(h.phrase.value.country());
                k = h.end;
                continue;
            }
            if let Some(h) = counted().longest(v.layer, q, true) {
                let coordinated = h.proclitic > 0;
                if h.phrase.kind == CountedKind::Detainees && !coordinated && np.fighter {
                    np.detainee = true;
                    np.role = Some(Role::Detainees);
                } else {
                    self.take_noun(&mut np, &h);
                }
                if h.suffix > 0 && h.phrase.kind == CountedKind::Families {
                    np.pronoun = np.group.is_none();
                }
                k = h.end;
                while v.is_quote(k) && k < sent_end {
                    k += 1;
                }
                continue;
            }
            break;
        }
        // Who they are, after من: 400 شخص من أهالي المدينة، 20 رجلا من المصلين.
        if v.w(k) == "من" && k + 1 < sent_end {
            if let Some(h) = counted().longest(v.layer, k + 1, false).filter(|h| Self::names_civilians(h)) {
                self.take_noun(&mut np, &h);
                k = h.end;
            }
        }
        np.end = k;
        // What most of them are: 40 شخصا، معظمهم من الأطفال.
        let mut p = k;
        if v.is_boundary(p) && matches!(v.w(p), "," | "-") {
            p += 1;
        }
        if counted().at(v.layer, p, true).iter().any(|h| h.phrase.kind == CountedKind::Mostly) {
            let q = if v.w(p + 1) == "من" { p + 2 } else { p + 1 };
            if counted().longest(v.layer, q, true).is_some_and(|h| Self::names_civilians(&h)) {
                np.civilian = true;
            }
        }
        // A group after the noun: عنصر من التنظيم، أسير من عناصر تنظيم داعش.
        if np.group.is_none() {
            if let Some((g, kind, end)) = self.group_after(k, sent_end) {
                np.group = Some((g, kind));
                np.end = end;
            }
        }
        // Those who hold them: لدى قسد، تحت قبضة قسد.
        if let Some(e) = attr_kind(v, np.end, |t| &t.holder) {
            if let Some(m) = v.ment_at(e) {
                np.holder = Some(m.actor.clone());
            }
        }
        np
    }

    /// A group named right after a counted noun, through من, quote marks and quantifiers
    /// (عنصر من التنظيم، أسير من عناصر تنظيم داعش): its id, kind and where its mention ends.
    fn group_after(&self, k: usize, sent_end: usize) -> Option<(ActorId, ActorKind, usize)> {
        let v = self.v;
        let mut p = k;
        let mut steps = 0;
        while p < sent_end && steps < 4 {
            if let Some(m) = v.ment_at(p) {
                return self.counts_people(m.kind).then(|| (m.actor.clone(), m.kind, m.end));
            }
            let w = v.w(p);
            let quant = counted().at(v.layer, p, true).iter().any(|h| h.phrase.kind == CountedKind::Quantifier);
            if w == "من" || v.is_quote(p) || quant {
                p += 1;
                steps += 1;
                continue;
            }
            break;
        }
        None
    }

    fn take_noun(&self, np: &mut NounPhrase, h: &Hit<CountedKind>) {
        let kind = h.phrase.kind;
        match kind {
            // القتلى والجرحى: the first noun says the kind.
            CountedKind::Dead => np.noun_kind = np.noun_kind.or(Some(ClaimKind::Killed)),
            CountedKind::Wounded => np.noun_kind = np.noun_kind.or(Some(ClaimKind::Injured)),
            CountedKind::DisplacedPeople => np.noun_kind = np.noun_kind.or(Some(ClaimKind::Displaced)),
            CountedKind::Families => np.families = true,
            CountedKind::Subset => np.subset = true,
            CountedKind::Others => np.others = true,
            _ => {}
        }
        if h.phrase.value == Counted::Militant {
            np.militant = true;
        }
        if h.phrase.value == Counted::Dependants {
            np.dependants = true;
        }
        if Self::names_civilians(h) {
            np.civilian = true;
        }
        if kind == CountedKind::Person {
            np.person = true;
        }
        if let Some(service) = h.phrase.value.service() {
            np.service = Some(Service::join(np.service, service));
        }
        if kind == CountedKind::Fighters || np.service.is_some() || h.phrase.value == Counted::Militant {
            np.armed = true;
        }
        match kind {
            CountedKind::Fighters => {
                np.fighter = true;
                np.role = Some(Role::Fighters);
            }
            CountedKind::Detainees => {
                np.detainee = true;
                if !np.fighter {
                    np.role = Some(Role::Detainees);
                }
            }
            CountedKind::Members => {
                np.fighter = true;
                if np.role.is_none() {
                    np.role = Some(Role::Members);
                }
            }
            CountedKind::Families => {
                if np.role.is_none() {
                    np.role = Some(Role::Civilians);
                }
            }
            k => {
                if let Some(r) = k.role() {
                    if np.role.is_none() {
                        np.role = Some(r);
                    }
                }
            }
        }
    }

    /// Whether a noun of `counted.tsv` names a civilian category.
    fn names_civilians(h: &Hit<CountedKind>) -> bool {
        h.phrase.kind == CountedKind::Civilians || h.phrase.value == Counted::Civilian
    }

    /// A nationality of `nationalities.tsv` at token `i`.
    fn nationality_at(&self, i: usize) -> Option<Hit<'static, NationalityKind>> {
        nationalities().at(self.v.layer, i, true).into_iter().find(|h| h.phrase.kind == NationalityKind::Nationality)
    }

    /// The group a mention of the counted people stands for: a civilian category of the actor
    /// lexicon (الصحفيين، المتظاهرين) is `civilians`; the families of a group stay its families.
    fn group_of_mention(&self, id: &ActorId, kind: ActorKind) -> ActorId {
        if kind == ActorKind::Civilians && id.as_str() != CIVILIANS {
            let families = self.v.ctx.lexicon.actor(id).is_some_and(|a| a.relation == "families");
            if !families {
                return ActorId::new(CIVILIANS);
            }
        }
        id.clone()
    }

    fn counts_people(&self, k: ActorKind) -> bool {
        matches!(
            k,
            ActorKind::NonStateArmedGroup
                | ActorKind::StateForce
                | ActorKind::Police
                | ActorKind::Civilians
                | ActorKind::Generic
                | ActorKind::Political
        )
    }

    /// The nearest predicate of the clause: before the number or after its noun phrase.
    #[allow(clippy::too_many_arguments)]
    fn predicate(
        &self,
        fig: &Figure,
        np_end: usize,
        a: usize,
        b: usize,
        strong: bool,
        memo: &mut PredicateHits,
    ) -> Option<(ClaimKind, Span, bool)> {
        let v = self.v;
        let accept = |h: &Hit<PredicateKind>| (h.phrase.value == Cue::Modifier) != strong;
        let mut best: Option<(usize, ClaimKind, Span, bool)> = None;
        // Backward, within the clause.
        let from = fig.hedge_start.unwrap_or(fig.start);
        let mut dist = 0;
        let mut k = from;
        while k > a && dist < 6 {
            k -= 1;
            if v.is_boundary(k) {
                break;
            }
            if v.is_punct(k) {
                continue;
            }
            dist += 1;
            for &h in memo.at(v, k) {
                // A verbal noun governs the figure right after it (مقتل 25، اعتقال النظام 476); a
                // verb may have its subject between (اعتقلت هيئة تحرير الشام 46).
                let near = (h.phrase.value != Cue::Masdar || dist <= 3)
                    && (h.phrase.value != Cue::Join || self.attack_named(h.start, a, b));
                if h.end <= from && accept(&h) && h.phrase.value != Cue::After && near {
                    if let Some(kind) = self.kind_of(&h) {
                        best = Some((dist - 1, kind, v.span(h.start, h.end), h.phrase.kind == PredicateKind::Contains));
                        break;
                    }
                }
            }
            if best.is_some() {
                break;
            }
        }
        // Forward, after the noun phrase; a comma costs three words.
        let mut dist = 0;
        let mut k = np_end;
        while k < b && dist < 7 {
            if v.is_boundary(k) {
                if matches!(v.w(k), "." | ":" | ";") {
                    break;
                }
                dist += 3;
                k += 1;
                continue;
            }
            if v.is_punct(k) {
                k += 1;
                continue;
            }
            // آلاف يشيعون جثامين الأطفال الذين قتلوا: a relative clause of another noun.
            if k > np_end && matches!(v.w(k), "الذين" | "التي" | "الذي" | "اللواتي" | "اللذين")
            {
                break;
            }
            let complement = k > 0 && matches!(v.w(k - 1), "من" | "علي" | "الي");
            let hit = memo.at(v, k).iter().copied().find(|h| {
                accept(h)
                        && self.kind_of(h).is_some()
                        && (h.phrase.value != Cue::Masdar || complement)
                        && h.phrase.value != Cue::Join
                        // قتل 107 منهم: a verb right before another number is that number's.
                        && self.number_at(h.end).is_none()
            });
            if let Some(h) = hit {
                // قتل المهاجمون سبعة أشخاص وأصابوا 50 آخرين: a verb joined by a conjunction opens
                // the next clause; it governs the figure before only when nothing before does.
                let coordinated = h.proclitic > 0 && h.phrase.value == Cue::Verb;
                if best.as_ref().is_none_or(|(d, _, _, _)| dist < *d && !coordinated) {
                    let kind = self.kind_of(&h).expect("checked");
                    best = Some((dist, kind, v.span(h.start, h.end), h.phrase.kind == PredicateKind::Contains));
                }
                break;
            }
            // Another figure's number ends the forward reach (شيع الآلاف جثامين 29 طفلا قتلوا:
            // the verb is the 29's), unless it is coordinated with this one and shares its verb
            // (ما لا يقل عن 180 سجينا و27 من القوات قتلوا).
            if k > np_end && self.number_at(k).is_some() && v.w(k - 1) != "و" {
                break;
            }
            dist += 1;
            k += 1;
        }
        best.map(|(_, k, s, c)| (k, s, c))
    }

    /// Whether an attack is named within four words of token `i` (for شارك).
    fn attack_named(&self, i: usize, a: usize, b: usize) -> bool {
        let v = self.v;
        (i.saturating_sub(4).max(a)..(i + 5).min(b))
            .any(|k| predicates().at(v.layer, k, true).iter().any(|h| h.phrase.kind == PredicateKind::AttackNoun))
    }

    fn kind_of(&self, h: &Hit<PredicateKind>) -> Option<ClaimKind> {
        match h.phrase.kind {
            PredicateKind::LossVerb => Some(ClaimKind::LossesTotal),
            PredicateKind::Contains => Some(ClaimKind::Held),
            kind => kind.claim_kind(),
        }
    }

    fn claim_at(
        &self,
        sources: &mut Sources,
        s: usize,
        n: NumberMatch,
        prev: Option<&(usize, Claim, Option<Qualifier>)>,
    ) -> Option<(Claim, Figure)> {
        let v = self.v;
        let (a, b) = v.sentences[s];
        // `run` passes figures only: `never_figure` is false of `n`.
        let mut fig = self.figure(n, b);
        // Figures coordinated after a prefix hedge share it: ما لا يقل عن 180 … و27.
        let coordinated = fig.start > a && (v.w(fig.start - 1) == "و") && fig.hedge_start.is_none();
        if coordinated && fig.qualifier == Qualifier::Exact {
            if let Some((end, _, Some(q))) = prev {
                if fig.start - end <= 8 {
                    fig.qualifier = *q;
                    fig.interval = interval(*q, n.lo, n.hi.unwrap_or(n.lo));
                    fig.prefix = Some(*q);
                }
            }
        }
        let mut np = self.noun_phrase(fig.end, b);
        let subset = (a..fig.hedge_start.unwrap_or(fig.start))
            .rev()
            .take(3)
            .any(|k| attr_kind(v, k, |t| &t.subset).is_some_and(|e| e >= fig.hedge_start.unwrap_or(fig.start)));
        // و79 جرحوا: a coordinated figure whose own verb follows it.
        let own_verb = coordinated
            && predicates()
                .at(v.layer, fig.end, true)
                .iter()
                .any(|h| h.proclitic == 0 && matches!(h.phrase.value, Cue::Verb | Cue::After));
        let elided = !np.found && {
            let next = fig.end;
            next >= b
                || (v.is_punct(next) && !v.is_quote(next))
                || attr_kind(v, next, |t| &t.elided_follow).is_some()
                // (74) عبوة: a number in brackets or quotes is bare only if no word follows.
                || (v.is_quote(next) && {
                    let mut q = next;
                    while v.is_quote(q) && q < b {
                        q += 1;
                    }
                    q >= b || v.is_punct(q) || attr_kind(v, q, |t| &t.elided_follow).is_some()
                })
                // قتل 3 وأصيب 12: the next clause starts; و79 جرحوا: the figure's own verb follows.
                || own_verb
                || predicates().at(v.layer, next, true).iter().any(|h| h.proclitic > 0 && h.phrase.value == Cue::Verb)
                // وجرح المئات حين: a verb right before a vague count with no noun counts people
                // (a plain number there has its noun after it: يغادرون ثلاث بلدات).
                || n.vague && {
                    let first = fig.hedge_start.unwrap_or(fig.start);
                    (first.saturating_sub(2).max(a)..first).any(|k| {
                        predicates().at(v.layer, k, true).iter().any(|h| {
                            h.end == first
                                && h.phrase.value == Cue::Verb
                                && self.kind_of(h).is_some_and(|k| {
                                    matches!(
                                        k,
                                        ClaimKind::Killed
                                            | ClaimKind::Injured
                                            | ClaimKind::Arrested
                                            | ClaimKind::Surrendered
                                            | ClaimKind::Escaped
                                            | ClaimKind::Displaced
                                    )
                                })
                        })
                    })
                }
        };
        if !np.found && !elided && !subset {
            return None;
        }
        // منذ 2011، في 2017: a year written in digits with no noun is no count of people.
        if !np.found && fig.qualifier == Qualifier::Exact && self.is_year(n, a) {
            return None;
        }
        // Read only for a figure kept: the lookups above decide whether it is one.
        let also = (a..fig.hedge_start.unwrap_or(fig.start))
            .rev()
            .take(4)
            .any(|k| attr_kind(v, k, |t| &t.also).is_some_and(|e| e >= fig.hedge_start.unwrap_or(fig.start)));
        let also = also || coordinated;
        let mut np_end = np.end.max(fig.end);
        // A hedge after the noun: مقتل "23 مقاتلا" على الأقل.
        if fig.qualifier == Qualifier::Exact && np.found {
            let mut k = np_end;
            while v.is_quote(k) && k < b {
                k += 1;
            }
            if let Some(h) = hedges().at(v.layer, k, false).into_iter().find(|h| h.phrase.value == HedgePlace::After) {
                if let Some(q) = h.phrase.kind.qualifier() {
                    fig.qualifier = q;
                    fig.interval = interval(q, n.lo, n.hi.unwrap_or(n.lo));
                    np_end = h.end;
                    // ستة عناصر على الأقل من حركة حماس: the group after the hedge.
                    if np.group.is_none() {
                        if let Some((g, kind, end)) = self.group_after(np_end, b) {
                            np.group = Some((g, kind));
                            np_end = end;
                        }
                    }
                }
            }
        }
        // The kind.
        // Both searches walk the same tokens: the lookups of the first serve the second.
        let mut memo = PredicateHits::default();
        let strong = self.predicate(&fig, np_end, a, b, true, &mut memo);
        let weak = self.predicate(&fig, np_end, a, b, false, &mut memo);
        let prev_claim = prev.map(|p| &p.1);
        let mut cue: Option<Span> = None;
        // Asked up to three times below, always of the same tokens: read once.
        let force_before = std::cell::OnceCell::new();
        let fig_start = fig.start;
        let force_noun_before = || *force_before.get_or_init(|| self.force_noun_before(fig_start, a));
        let kind = if let Some(k) = np.noun_kind {
            if strong.as_ref().is_some_and(|(k, _, _)| *k == ClaimKind::LossesTotal) {
                ClaimKind::LossesTotal
            } else {
                k
            }
        } else if let (true, Some(p)) = (subset, prev_claim) {
            p.kind
        } else if let Some((k, span, contains)) = strong.filter(|(k, _, _)| *k != ClaimKind::LossesTotal || np.fighter)
        {
            cue = Some(span);
            // يضم: a prison holds detainees, a faction has fighters.
            if contains && !np.detainee && !np.families {
                ClaimKind::Strength
            } else {
                k
            }
        } else if let (true, Some(p)) = (also, prev_claim) {
            p.kind
        } else if let Some((k, span, _)) = weak {
            cue = Some(span);
            k
        } else if (np.families && np.fighter) || (np.detainee && !np.fighter) {
            // المقاتلين وأسرهم، 12 ألف أسير: people held.
            ClaimKind::Held
        } else if (np.fighter && np.role == Some(Role::Fighters) && !elided) || (elided && force_noun_before()) {
            // Fighters with no verb: the size of a force (جيوب فيها 60 إلى 90 مرتزقا).
            ClaimKind::Strength
        } else {
            return None;
        };
        // "قتل 3 وأصيب 12": a verb right before a bare number counts people.
        let governed = cue.is_some_and(|c| {
            let first = v.layer.tokens[fig.hedge_start.unwrap_or(fig.start)].span.start;
            c.end <= first && v.ctx.doc.text[c.end..first].trim().is_empty()
        });
        if elided
            && !np.found
            && !subset
            && !governed
            && !own_verb
            && !force_noun_before()
            && !self.count_word_before(fig.start, a)
        {
            return None;
        }
        // The source.
        let (att, ss) = sources.at(v, s);
        let src = att.source_at(v, ss, fig.start);
        // The group.
        // Civilians named as such and no armed people beside them; families with no group
        // named are civilians too, unless held beside a group's members (below).
        let civilian = (np.civilian || (np.families && kind != ClaimKind::Held)) && !np.armed;
        let group = if let Some((g, k)) = &np.group {
            // من المدنيين والمقاتلين: a total that mixes sides.
            (*k != ActorKind::Civilians || !np.armed).then(|| self.group_of_mention(g, *k))
        } else if civilian {
            Some(ActorId::new(CIVILIANS))
        } else if np.service.is_some() {
            // Soldiers or police: the force of their nationality, else the state force named
            // before them in their clause; never the armed group the article is about.
            let service = np.service.unwrap_or(Service::Army);
            match np.nationality {
                Some(c) => forces().of(c, service).cloned(),
                // Else the force of that service of the country the article is about.
                None => self
                    .force_before(fig.hedge_start.unwrap_or(fig.start), a)
                    .or_else(|| self.soldiers_named_before(fig.start, service))
                    .or_else(|| self.main_country.as_ref().and_then(|c| forces().of(c.as_str(), service)).cloned()),
            }
        } else if (np.nationality.is_some() || np.person) && !np.armed {
            // 33 فلسطينيا، 17 ألف شخص: people of a nationality or with no side named belong to
            // no side.
            None
        } else if subset && matches!(np.role, Some(Role::Civilians | Role::Staff)) && !np.families {
            None
        } else if subset || np.others {
            prev_claim.and_then(|c| c.group.clone())
        } else if np.pronoun {
            prev_claim.and_then(|c| c.group.clone()).or_else(|| self.antecedent(fig.start))
        } else if np.militant || np.detainee {
            self.main_group(&[&src.id, np.holder.as_ref().unwrap_or(&src.id)])
        } else if matches!(kind, ClaimKind::Strength | ClaimKind::LossesTotal) {
            self.actor_before(fig.start, a).or_else(|| self.main_group(&[&src.id]))
        } else if (np.fighter && np.role == Some(Role::Fighters))
            || (elided && !matches!(kind, ClaimKind::Killed | ClaimKind::Injured | ClaimKind::Displaced))
        {
            self.main_group(&[&src.id, np.holder.as_ref().unwrap_or(&src.id)])
        } else {
            None
        };
        // A force that reports surrenders, arrests or people it holds counts its adversary, not
        // itself: a generic word linked to the speaker is the other side. (A group announcing
        // that its own members broke out or attacked does count itself.)
        let group = match group {
            Some(g)
                if g == src.id && matches!(kind, ClaimKind::Surrendered | ClaimKind::Arrested | ClaimKind::Held) =>
            {
                self.main_group(&[&src.id]).or(Some(g))
            }
            g => g,
        };
        // Women and children or families held with no group named (in camps, after a figure of
        // detained members) are the families of the group held beside them, else of the group
        // the article is about — when the actor data has such a body.
        let group = match group {
            g if (g.is_none() || g.as_ref().is_some_and(|g| g.as_str() == CIVILIANS))
                && kind == ClaimKind::Held
                && (np.dependants || np.families)
                && np.group.is_none() =>
            {
                let civilians = g;
                prev_claim
                    .filter(|c| c.kind == ClaimKind::Held)
                    .and_then(|c| c.group.clone())
                    .or_else(|| self.main_group(&[&src.id]))
                    // People a group itself holds (يحتجز تنظيم داعش 50 من النساء) are its hostages.
                    .filter(|g| {
                        // The subject before the figure, not a group counted by an earlier figure.
                        let from = prev_claim.map_or(0, |c| c.number.start);
                        let subject = v
                            .ments_in(a, fig.start)
                            .filter(|m| m.span.end <= from || prev_claim.is_none())
                            .any(|m| &m.actor == g);
                        !subject && np.holder.as_ref() != Some(g)
                    })
                    .and_then(|g| self.families_of(&g))
                    .or(civilians)
            }
            g => g,
        };
        // A crowd that gathers (تجمع، احتشد، تظاهر) with no side named is a crowd of civilians.
        let crowd = kind == ClaimKind::Strength
            && cue.is_some_and(|c| {
                let t = v.layer.tokens.partition_point(|t| t.span.start < c.start);
                predicates().at(v.layer, t, true).iter().any(|h| h.phrase.value == Cue::Crowd)
            });
        let group = match group {
            None if crowd && !np.armed && np.service.is_none() => Some(ActorId::new(CIVILIANS)),
            g => g,
        };
        // Civilians who flee are displaced, not escapees.
        let kind = if kind == ClaimKind::Escaped && np.role == Some(Role::Civilians) && !np.families {
            ClaimKind::Displaced
        } else {
            kind
        };
        let role = match kind {
            ClaimKind::Escaped if np.role != Some(Role::Civilians) => Some(Role::Detainees),
            ClaimKind::Held if np.families && np.role == Some(Role::Civilians) && np.group.is_some() => {
                Some(Role::Civilians)
            }
            ClaimKind::Held if np.families => None,
            ClaimKind::LossesTotal => Some(Role::Fighters),
            // Members of a force who attack are its fighters.
            ClaimKind::Attackers if matches!(np.role, Some(Role::Members) | None) => Some(Role::Fighters),
            _ if np.others || ((subset || np.pronoun) && np.role.is_none()) => prev_claim.and_then(|c| c.role),
            _ if np.role.is_none() && elided && force_noun_before() => Some(Role::Fighters),
            _ => np.role,
        };
        // Evidence: the hedge, number and noun phrase, with a predicate right next to them.
        let mut ev = v.span(fig.hedge_start.unwrap_or(fig.start), np_end);
        ev = ev.cover(fig.span);
        if let Some(c) = cue {
            let near = c.end <= ev.start && ev.start - c.end <= 24 || c.start >= ev.end && c.start - ev.end <= 40;
            if near {
                ev = ev.cover(c);
            }
        }
        let sentence_span = v.layer.sentences[s].span;
        let ev = Span::new(ev.start.max(sentence_span.start), ev.end.min(sentence_span.end));
        let claim = Claim {
            kind,
            group,
            role,
            interval: fig.interval,
            qualifier: fig.qualifier,
            attribution: Attribution { source: src.id, cue: src.cue },
            as_of: self.as_of_figure(s, fig.hedge_start.unwrap_or(fig.start), kind),
            place: self.place(
                s,
                fig.start,
                !matches!(kind, ClaimKind::Held | ClaimKind::Strength | ClaimKind::LossesTotal | ClaimKind::Displaced),
            ),
            number: fig.span,
            evidence: ev,
            sentence: s,
            uncertain: ss.doubt && self.doubted(ss, a, b, fig.start, fig.end),
        };
        Some((claim, fig))
    }

    /// Whether number `n` (in a sentence starting at token `a`) is a year: four digits of a year
    /// after a word that introduces one (عام، منذ) or right after a date (25 آب/أغسطس 2017).
    fn is_year(&self, n: NumberMatch, a: usize) -> bool {
        let v = self.v;
        let digits = !n.from_words && !n.vague && n.hi.is_none_or(|h| h == n.lo) && (1900..=2100).contains(&n.lo);
        if !digits || n.tokens.0 <= a {
            return false;
        }
        let Some(p) = v.prev_word(n.tokens.0) else { return false };
        let start = v.layer.tokens[n.tokens.0].span.start;
        let after_date =
            self.dates.iter().any(|d| d.span.end <= start && v.ctx.doc.text[d.span.end..start].trim().len() <= 1);
        after_date || attr_kind(v, p, |t| &t.year_before).is_some_and(|e| e == p + 1)
    }

    fn force_noun_before(&self, p: usize, a: usize) -> bool {
        let v = self.v;
        (p.saturating_sub(10).max(a)..p).any(|k| {
            counted()
                .longest(v.layer, k, true)
                .is_some_and(|h| matches!(h.phrase.kind, CountedKind::Fighters | CountedKind::Members))
        })
    }

    fn count_word_before(&self, p: usize, a: usize) -> bool {
        let v = self.v;
        (p.saturating_sub(6).max(a)..p).any(|k| {
            let w = v.w(k);
            w.starts_with("عدد") || w.starts_with("اعداد")
        })
    }

    /// The nearest actor before token `p` in the sentence (the subject of يحتفظ، فقدت).
    fn actor_before(&self, p: usize, a: usize) -> Option<ActorId> {
        self.v
            .ments_in(a, p)
            .filter(|m| self.counts_people(m.kind) && m.actor != crate::attribution::UNNAMED)
            .last()
            .map(|m| m.actor.clone())
    }

    /// The state force or police named last before token `p` in its clause (…دورية للجيش
    /// الإسرائيلي، ما أدى إلى إصابة ثلاثة جنود): whose soldiers a bare جنود are.
    fn force_before(&self, p: usize, a: usize) -> Option<ActorId> {
        let from = (a..p).rev().find(|&k| self.v.is_punct(k) && matches!(self.v.w(k), "." | ";")).map_or(a, |k| k + 1);
        self.v
            .ments_in(from, p)
            .filter(|m| matches!(m.kind, ActorKind::StateForce | ActorKind::Police))
            .last()
            .map(|m| m.actor.clone())
    }

    /// The force of soldiers or police of the same service named with their nationality
    /// earlier in the document (إصابة جنود إسرائيليين … ثلاثة جنود أصيبوا): the same men.
    fn soldiers_named_before(&self, p: usize, service: Service) -> Option<ActorId> {
        let v = self.v;
        // Within the last two thousand tokens: a bounded walk whatever the document's length.
        (p.saturating_sub(2000)..p).rev().find_map(|k| {
            let h = counted().longest(v.layer, k, true)?;
            if h.phrase.value.service() != Some(service) {
                return None;
            }
            // The nationality right after the noun, or after a noun coordinated with it.
            (h.end..(h.end + 3).min(p))
                .find_map(|q| self.nationality_at(q))
                .and_then(|n| forces().of(n.phrase.value.country()?, service).cloned())
        })
    }

    /// The antecedent of a pronoun: the nearest armed group or force before `p`.
    fn antecedent(&self, p: usize) -> Option<ActorId> {
        self.v
            .ments
            .iter()
            .rev()
            .find(|m| m.end <= p && matches!(m.kind, ActorKind::NonStateArmedGroup | ActorKind::StateForce))
            .map(|m| m.actor.clone())
    }

    /// The facility the article is about when sentence `a..b` names one by a bare noun (اقتحمت جزءا
    /// من سجن): the words of the facility rows of `generic_refs.tsv`, with or without the article.
    fn facility_named(&self, a: usize, b: usize) -> Option<PlaceId> {
        let f = self.main_facility.as_ref()?;
        let lex = self.v.ctx.lexicon;
        let nouns = lex.generic_refs.iter().filter(|g| g.place_kinds.contains(&marsad_core::PlaceKind::Facility));
        let words: Vec<&str> = nouns.flat_map(|g| g.words.iter().map(|w| w.strip_prefix("ال").unwrap_or(w))).collect();
        (a..b)
            .any(|k| {
                let w = self.v.w(k);
                let w = w.strip_prefix("ال").unwrap_or(w);
                words.contains(&w)
            })
            .then(|| f.clone())
    }

    /// Whether a doubt phrase of sentence `a..b` governs the figure at tokens `start..end`: the
    /// figure right after a forward one in its clause, the nearest figure before a backward one.
    fn doubted(&self, ss: &SentenceSources, a: usize, b: usize, start: usize, end: usize) -> bool {
        let v = self.v;
        let figure_in = |x: usize, y: usize| self.numbers_in(x, y).any(|k| !self.skip_number(&self.numbers[k]));
        ss.doubts.iter().any(|&(d, e, forward)| {
            if forward {
                start >= e && start < b && !(e..start).any(|k| v.is_boundary(k)) && !figure_in(e, start)
            } else {
                end <= d && start >= a && !figure_in(end, d)
            }
        })
    }

    /// The body of a group's families in the actor data (`relation` families, parent the group).
    fn families_of(&self, g: &ActorId) -> Option<ActorId> {
        self.v
            .ctx
            .lexicon
            .actors
            .iter()
            .find(|a| a.relation == "families" && a.parent.as_ref() == Some(g))
            .map(|a| a.id.clone())
    }

    /// The armed group the article is mostly about, other than the given ones.
    fn main_group(&self, not: &[&ActorId]) -> Option<ActorId> {
        self.main_groups.iter().find(|g| !not.contains(g)).cloned()
    }

    /// The date of a figure: its sentence's, except that a standing size told in a relative clause
    /// (القوات التي يبلغ عددها 2000) after the sentence's date is not dated by it.
    fn as_of_figure(&self, s: usize, p: usize, kind: ClaimKind) -> Option<marsad_core::DateRange> {
        let v = self.v;
        let date = self.as_of(s)?;
        if matches!(kind, ClaimKind::Strength | ClaimKind::Held) {
            let (a, _) = v.sentences[s];
            if let Some(k) = (p.saturating_sub(3).max(a)..p).find(|&k| attr_kind(v, k, |t| &t.size_of).is_some()) {
                let at = v.layer.tokens[k].span.start;
                let dated_before = self.dates.iter().filter(|d| d.sentence == s).all(|d| d.span.end <= at);
                if dated_before {
                    return None;
                }
            }
        }
        Some(date)
    }

    /// The date a sentence's figures stand for: the first day or month it names, unless the
    /// figure counts "since" then (منذ أن هاجم … الخميس الماضي): a running total stands for the
    /// publication date.
    fn as_of(&self, s: usize) -> Option<marsad_core::DateRange> {
        let (a, b) = self.v.sentences[s];
        let first = self
            .dates
            .iter()
            .filter(|d| d.sentence == s && d.form != DateForm::Span && d.value.is_some())
            .find(|d| !self.dates.iter().any(|e| e.form == DateForm::Span && e.span.contains(d.span)))?;
        let since = (a..b).any(|k| self.v.w(k) == "منذ" && self.v.layer.tokens[k].span.start < first.span.start);
        if since && first.value.is_some_and(|v| v.is_day()) {
            return self.published.map(marsad_core::DateRange::day).or(first.value);
        }
        first.value
    }

    /// The place of a figure: the most specific place named in its clause, else a site or town
    /// named elsewhere in its sentence, else, for a figure of an event (not a standing count),
    /// the site the article is about.
    fn place(&self, s: usize, p: usize, event: bool) -> Option<PlaceId> {
        let v = self.v;
        let (a, b) = v.sentences[s];
        let lo = (a..p).rev().find(|&k| v.is_boundary(k)).map_or(a, |k| k + 1);
        let hi = (p..b).find(|&k| v.is_boundary(k)).unwrap_or(b);
        let clause = Span::new(v.layer.tokens[lo].span.start, v.layer.tokens[hi.max(lo + 1) - 1].span.end);
        let at = v.layer.tokens[p].span.start;
        // A place inside a past event used as a time (بعد معركة الباغوز) is not where figures stand.
        let timed = |m: &marsad_core::PlaceMention| {
            let i = v.layer.tokens.partition_point(|t| t.span.end <= m.span.start);
            (i.saturating_sub(3)..i).any(|k| attr_kind(v, k, |t| &t.time_ref) == Some(i))
        };
        let in_sentence = v.ctx.mentions.places.iter().filter(|m| m.sentence == s && !timed(m));
        // "سجون منتشرة في شمال شرق سوريا يحتجز فيها 5 آلاف": the place named right before the
        // resumptive pronoun.
        let resumptive = (p.saturating_sub(3).max(a)..p).any(|k| attr_kind(v, k, |t| &t.resumptive) == Some(k + 1));
        if resumptive {
            let near = in_sentence
                .clone()
                .filter(|m| m.span.end <= at)
                .max_by_key(|m| (m.span.end, std::cmp::Reverse(m.span.start)));
            if let Some(m) = near {
                return Some(m.place.clone());
            }
        }
        // Figures for two coordinated places of one rank (في سوريا والعراق، في الإسكندرية وطنطا) stand
        // at the place that contains both, else at none.
        let mut here: Vec<&marsad_core::PlaceMention> =
            in_sentence.clone().filter(|m| clause.contains(m.span)).collect();
        if let Some(top) = here.iter().map(|m| m.geo_precision).min() {
            here.retain(|m| m.geo_precision == top);
            let joined = here.windows(2).find(|w| {
                w[0].place != w[1].place
                    && w[0].span.end <= w[1].span.start
                    && v.ctx.doc.text[w[0].span.end..w[1].span.start].trim() == "و"
            });
            if let Some(w) = joined {
                let lex = v.ctx.lexicon;
                let other = lex.place_chain(&w[1].place);
                return lex
                    .place_chain(&w[0].place)
                    .into_iter()
                    .skip(1)
                    .find(|p| other.iter().any(|q| q.id == p.id))
                    .map(|p| p.id.clone());
            }
        }
        let best = |it: &mut dyn Iterator<Item = &marsad_core::PlaceMention>| {
            it.min_by_key(|m| (m.geo_precision, m.span.start.abs_diff(at))).map(|m| m.place.clone())
        };
        best(&mut in_sentence.clone().filter(|m| clause.contains(m.span)))
            .or_else(|| best(&mut in_sentence.filter(|m| m.geo_precision == 1)))
            .or_else(|| event.then(|| self.facility_named(a, b)).flatten())
            .or_else(|| event.then(|| self.main_site.clone()).flatten())
    }
}

/// Whether token `i` is a verbal noun of a claim, alone or after the preposition بـ (مقتل،
/// بمقتل، باعتقال): what a verb of saying reports (أعلن الجيش مقتل، أفاد ناشطون بمقتل).
pub(crate) fn is_predicate_masdar(v: &DocView, i: usize) -> bool {
    predicates()
        .at(v.layer, i, true)
        .iter()
        .any(|h| h.phrase.value == Cue::Masdar && (h.proclitic == 0 || v.w(i).starts_with('ب')))
}

/// Whether token `i` is a noun counting people (used to spot an unnamed speaker).
pub(crate) fn person_noun(v: &DocView, i: usize) -> bool {
    counted().at(v.layer, i, true).iter().any(|h| {
        h.suffix == 0
            && matches!(
                h.phrase.kind,
                CountedKind::Civilians
                    | CountedKind::Members
                    | CountedKind::Fighters
                    | CountedKind::Staff
                    | CountedKind::Person
            )
    })
}

/// Whether a source id is the article's own voice.
pub fn is_article(id: &ActorId) -> bool {
    id.as_str() == ARTICLE
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_lexicon::Lexicon;

    /// Every embedded table of the claims loads: no unknown kind or value, no repeated row.
    #[test]
    fn the_embedded_tables_load() {
        let sizes = [
            PhraseTable::<PredicateKind>::parse("claims.tsv", CLAIMS_TSV, true).unwrap().phrases().len(),
            PhraseTable::<CountedKind>::parse("counted.tsv", COUNTED_TSV, true).unwrap().phrases().len(),
            PhraseTable::<HedgeKind>::parse("hedges.tsv", HEDGES_TSV, false).unwrap().phrases().len(),
            PhraseTable::<NationalityKind>::parse("nationalities.tsv", NATIONALITIES_TSV, false)
                .unwrap()
                .phrases()
                .len(),
        ];
        assert!(sizes.iter().all(|&n| n >= 40), "{sizes:?}");
    }

    /// Every nationality names a country of the gazetteer, and every such country has a force
    /// (its army, else its police) found from the actor lexicon's force names.
    #[test]
    fn every_nationality_is_a_country_with_a_force() {
        let lex = Lexicon::embedded();
        let forces = Forces::new(lex);
        let mut countries: Vec<&str> = nationalities().phrases().iter().filter_map(|p| p.value.country()).collect();
        countries.dedup();
        assert!(countries.len() >= 40, "{} countries", countries.len());
        for c in countries {
            let place = lex.place(&PlaceId::new(c));
            assert!(
                place.is_some_and(|p| p.kind == marsad_core::PlaceKind::Country),
                "{c} is no country of the gazetteer"
            );
            assert!(
                forces.of(c, Service::Army).or_else(|| forces.of(c, Service::Police)).is_some(),
                "no force for {c}"
            );
        }
    }

    /// A service falls back to the forces as a whole, then to the army.
    #[test]
    fn a_country_force_by_service() {
        let forces = Forces::new(Lexicon::embedded());
        let id = |c: &str, s: Service| forces.of(c, s).map(|a| a.as_str().to_string());
        assert_eq!(id("afghanistan", Service::Army).as_deref(), Some("afghan_forces"));
        assert_eq!(id("afghanistan", Service::Police).as_deref(), Some("afghan_police"));
        assert_eq!(id("turkey", Service::Police).as_deref(), Some("turkish_police"));
        assert_eq!(id("israel", Service::Army).as_deref(), Some("israeli_army"));
        // South Sudan's police is in no table: its army stands for it
        assert_eq!(id("south_sudan", Service::Police).as_deref(), Some("south_sudan_army"));
        assert_eq!(id("mauritania", Service::Police).as_deref(), Some("mauritanian_police"));
        assert_eq!(Service::join(Some(Service::Army), Service::Police), Service::Forces);
        assert_eq!(Service::join(None, Service::Police), Service::Police);
    }
}
