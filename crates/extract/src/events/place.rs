//! Place of an event: the place its clause names, else the article's main place.

use super::*;

/// The article's main place: the most mentioned place below country level (ties: first).
pub(super) fn main_place(doc: &Doc) -> Option<(PlaceId, u8)> {
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

/// Place: the most specific place of the clause, else the place nearest the trigger in the
/// sentence, else the article's main place.
pub(super) fn locate(doc: &Doc, c: &mut Candidate, main_place: Option<&(PlaceId, u8)>) {
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
