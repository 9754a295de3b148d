//! Place of an event: the most specific place the text gives for it.
//!
//! Design decision: an event takes the place named in its own clause, else in its sentence,
//! else the place the paragraph has been about (the last place named in an earlier sentence of
//! the same paragraph), else the place of the story's lead (the first sentence that names one).
//! The article's most frequent place is never a default: in a roundup of several stories it
//! belongs to one of them only. It only refines a vaguer reading: when the place found is a
//! country or region, or was read outside the event's clause, and the story's main place lies
//! inside it, the event took place there (the prison a story is about, rather than the
//! province named beside a later clash). Among the places of a clause, the one nearest the
//! trigger wins, unless it is a country or region and the clause also names a place inside it
//! (قصفت الطائرات مواقع في اليمن بمحافظة صعدة: Saada).

use super::*;

/// Where a place was read for an event, from most to least direct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum PlaceSource {
    Clause,
    Sentence,
    Paragraph,
    Lead,
}

/// The place of the sentence's tokens `lo..=hi` nearest token `t`, preferring one inside a
/// coarser one named there; `None` when the range names no place.
fn nearest_in(doc: &Doc, s: usize, lo: usize, hi: usize, t: usize) -> Option<PlaceId> {
    let lex = doc.ctx.lexicon;
    let places: Vec<&(usize, PlaceId, usize, Span)> =
        doc.places[s].iter().filter(|(p, _, _, _)| *p >= lo && *p <= hi).collect();
    let (_, first, _, _) =
        places.iter().min_by_key(|(p, _, depth, _)| (p.abs_diff(t), *p < t, usize::MAX - depth)).copied()?;
    let coarse = lex.place(first).is_some_and(|x| matches!(x.kind, PlaceKind::Country | PlaceKind::Region));
    if coarse {
        // A place of the range inside the coarse one, nearest the trigger.
        let inside = places
            .iter()
            .filter(|(_, q, _, _)| q != first && lex.place_chain(q).iter().any(|x| &x.id == first))
            .min_by_key(|(p, _, _, _)| p.abs_diff(t));
        if let Some((_, q, _, _)) = inside {
            return Some(q.clone());
        }
    }
    Some(first.clone())
}

/// The last place named in sentence `s` (its last place mention).
fn last_in(doc: &Doc, s: usize) -> Option<PlaceId> {
    doc.places[s].iter().max_by_key(|(t, _, _, _)| *t).map(|(_, p, _, _)| p.clone())
}

/// The place of an event candidate and where it was read.
pub(super) fn place_of(doc: &Doc, c: &Candidate) -> Option<(PlaceId, PlaceSource)> {
    let s = c.hit.sentence;
    let (sa, sb) = doc.sentence_tokens(s);
    if let Some(p) = nearest_in(doc, s, c.clause.start, c.clause.end, c.hit.first) {
        return Some((p, PlaceSource::Clause));
    }
    if let Some(p) = nearest_in(doc, s, sa, sb, c.hit.first) {
        return Some((p, PlaceSource::Sentence));
    }
    // Earlier sentences of the same paragraph, nearest first.
    let para = doc.paragraph[s];
    for e in (0..s).rev().take_while(|&e| doc.paragraph[e] == para) {
        if let Some(p) = last_in(doc, e) {
            return Some((p, PlaceSource::Paragraph));
        }
    }
    let lead = (0..doc.places.len()).find(|&e| !doc.places[e].is_empty())?;
    let (la, lb) = doc.sentence_tokens(lead);
    nearest_in(doc, lead, la, lb, la).map(|p| (p, PlaceSource::Lead))
}

/// The article's main place: the most mentioned place below country level (ties: first),
/// the dateline's left out.
pub(super) fn main_place(doc: &Doc) -> Option<PlaceId> {
    let mut counts: BTreeMap<&PlaceId, (usize, usize)> = BTreeMap::new();
    let text = &doc.ctx.doc.text;
    for (i, m) in doc.ctx.mentions.places.iter().enumerate() {
        if in_dateline(text, m.span.start, m.span.end) {
            continue;
        }
        counts.entry(&m.place).or_insert((0, usize::MAX - i)).0 += 1;
    }
    let deep = |p: &PlaceId| doc.ctx.lexicon.place_chain(p).len() >= 2;
    counts.into_iter().filter(|(p, _)| deep(p)).max_by_key(|(_, key)| *key).map(|(p, _)| p.clone())
}

/// Set an event candidate's place and geographic precision. `main` is the article's main
/// place, which refines a vaguer reading (see the module docs).
pub(super) fn locate(doc: &Doc, c: &mut Candidate, main: Option<&PlaceId>) {
    let lex = doc.ctx.lexicon;
    let Some((mut p, source)) = place_of(doc, c) else { return };
    if let Some(m) = main {
        let coarse = lex.place(&p).is_some_and(|x| matches!(x.kind, PlaceKind::Country | PlaceKind::Region));
        // A region has no children in the gazetteer: a place of its country counts as inside.
        let country = |q: &PlaceId| lex.place_chain(q).last().map(|x| x.id.clone());
        let inside = *m != p && (lex.place_chain(m).iter().any(|x| x.id == p) || (coarse && country(m) == country(&p)));
        if inside && (coarse || source > PlaceSource::Clause) {
            p = m.clone();
        }
    }
    c.place_in_text = source <= PlaceSource::Sentence;
    let precision = lex.place(&p).map_or(3, |x| x.kind.geo_precision());
    // A place read outside the event's sentence is never more precise than "near".
    c.geo_precision = if c.place_in_text { precision } else { precision.max(2) };
    c.place = Some(p);
}

/// The other places listed with an event's place in its clause (غارات على صعدة والجوف،
/// جبهتا صعدة وحجة): different places make different events. A place that holds the other
/// (حلب، سوريا) is an apposition, not a list.
pub(super) fn listed_with(doc: &Doc, c: &Candidate) -> Vec<PlaceId> {
    let Some(own) = &c.place else { return Vec::new() };
    let lex = doc.ctx.lexicon;
    let text = &doc.ctx.doc.text;
    let clause: Vec<&(usize, PlaceId, usize, Span)> =
        doc.places[c.hit.sentence].iter().filter(|x| x.0 >= c.clause.start && x.0 <= c.clause.end).collect();
    let Some(k) = clause.iter().position(|x| &x.1 == own) else { return Vec::new() };
    // Only a conjunction or a comma (and hashtag marks) between two names.
    let joined = |a: &Span, b: &Span| {
        text.get(a.end..b.start).is_some_and(|between| {
            let w: String = between.chars().filter(|ch| !ch.is_whitespace() && *ch != '#').collect();
            matches!(w.as_str(), "و" | "،" | "," | "،و" | ",و")
        })
    };
    let mut chain = vec![k];
    let mut i = k;
    while i + 1 < clause.len() && joined(&clause[i].3, &clause[i + 1].3) {
        i += 1;
        chain.push(i);
    }
    let mut i = k;
    while i > 0 && joined(&clause[i - 1].3, &clause[i].3) {
        i -= 1;
        chain.push(i);
    }
    let ids: Vec<&PlaceId> = chain.iter().map(|&i| &clause[i].1).collect();
    // An apposition anywhere in the chain (صعدة، اليمن) makes it no list at all; so do
    // quarters and sites of a town (أحياء غويران والزهور), which share its location.
    let nested = ids.iter().enumerate().any(|(a, x)| ids[a + 1..].iter().any(|y| lex.places_related(x, y)));
    let sites = ids
        .iter()
        .any(|p| lex.place(p).is_none_or(|x| matches!(x.kind, PlaceKind::Neighborhood | PlaceKind::Facility)));
    if nested || sites {
        return Vec::new();
    }
    ids[1..].iter().map(|&p| p.clone()).collect()
}
