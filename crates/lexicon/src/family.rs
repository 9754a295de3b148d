//! The bodies of every state in the news, named from two small tables instead of row by row:
//! `data/countries.tsv` (a country's names and relative adjectives) and `data/state_bodies.tsv`
//! (government, army, police, ministries, with Arabic name patterns). `الجيش {m}` with the
//! adjective `المصري` names the Egyptian army, `وزارة الداخلية {f}` with `الكويتية` the Kuwaiti
//! interior ministry.
//!
//! Curated rows of `actors.tsv` win: where a curated actor already holds one of a body's
//! generated names (the US army is `us_forces`), the other generated names become variants of
//! that actor; a generated id that a curated row has takes only the missing names; a name two
//! curated actors share is left alone.

use crate::lexicon::{norm_name, Actor, DataError, Table};
use marsad_core::{ActorId, ActorKind};
use rustc_hash::FxHashMap;

pub(crate) const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");
pub(crate) const BODIES_TSV: &str = include_str!("../data/state_bodies.tsv");

struct Country<'a> {
    stem: &'a str,
    adj_en: &'a str,
    names: Vec<&'a str>,
    nisba_m: Vec<&'a str>,
    nisba_f: Vec<&'a str>,
}

fn list(s: &str) -> Vec<&str> {
    s.split('|').map(str::trim).filter(|n| !n.is_empty()).collect()
}

/// The names a pattern gives for a country (none when it lacks the placeholder's words).
fn fill(pattern: &str, c: &Country<'_>) -> Vec<String> {
    for (ph, words) in [("{m}", &c.nisba_m), ("{f}", &c.nisba_f), ("{c}", &c.names)] {
        if pattern.contains(ph) {
            return words.iter().map(|w| pattern.replace(ph, w)).collect();
        }
    }
    vec![pattern.to_string()]
}

/// Add the state bodies of every country to `actors`.
pub(crate) fn expand(actors: &mut Vec<Actor>, countries_tsv: &str, bodies_tsv: &str) -> Result<(), DataError> {
    let ct = Table::parse("countries.tsv", countries_tsv)?;
    let bt = Table::parse("state_bodies.tsv", bodies_tsv)?;
    let mut countries = Vec::new();
    for (line, row) in &ct.rows {
        let stem = ct.col(row, "stem");
        if stem.is_empty() || !stem.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return Err(ct.err(*line, format!("bad stem {stem:?}")));
        }
        if countries.iter().any(|c: &Country<'_>| c.stem == stem) {
            return Err(ct.err(*line, format!("duplicate stem {stem}")));
        }
        countries.push(Country {
            stem,
            adj_en: ct.col(row, "adj_en"),
            names: list(ct.col(row, "names_ar")),
            nisba_m: list(ct.col(row, "nisba_m")),
            nisba_f: list(ct.col(row, "nisba_f")),
        });
    }
    let mut bodies = Vec::new();
    for (line, row) in &bt.rows {
        let kind_s = bt.col(row, "kind");
        let kind = ActorKind::parse(kind_s).ok_or_else(|| bt.err(*line, format!("unknown actor kind {kind_s:?}")))?;
        let parent = bt.col(row, "parent");
        bodies.push((bt.col(row, "suffix"), kind, bt.col(row, "name_en"), list(bt.col(row, "names_ar")), parent, *line));
    }
    for (suffix, _, _, _, parent, line) in &bodies {
        if !parent.is_empty() && !bodies.iter().any(|b| b.0 == *parent) {
            return Err(bt.err(*line, format!("{suffix}: unknown parent {parent}")));
        }
    }
    // Curated names: normalized name -> the actor holding it (None when several do).
    let mut holder: FxHashMap<String, Option<usize>> = FxHashMap::default();
    for (i, a) in actors.iter().enumerate() {
        for n in &a.names_ar {
            holder.entry(norm_name(n)).and_modify(|h| *h = h.filter(|&j| j == i)).or_insert(Some(i));
        }
    }
    let mut by_id: FxHashMap<String, usize> = actors.iter().enumerate().map(|(i, a)| (a.id.to_string(), i)).collect();
    for c in &countries {
        // The id each body of this country ends up with, for the parents.
        let mut ids: FxHashMap<&str, ActorId> = FxHashMap::default();
        let mut pending_parent: Vec<(usize, &str)> = Vec::new();
        for (suffix, kind, name_en, patterns, parent, _) in &bodies {
            let names: Vec<String> = patterns.iter().flat_map(|p| fill(p, c)).collect();
            if names.is_empty() {
                continue;
            }
            let norms: Vec<String> = names.iter().map(|n| norm_name(n)).collect();
            let held: Vec<Option<usize>> = norms.iter().filter_map(|n| holder.get(n).copied()).collect();
            let id = format!("{}_{suffix}", c.stem);
            let target = if held.contains(&None) {
                None
            } else if let Some(&Some(first)) = held.first() {
                held.iter().all(|h| *h == Some(first)).then_some(first)
            } else {
                by_id.get(&id).copied().or_else(|| {
                    actors.push(Actor {
                        id: ActorId::new(&id),
                        kind: *kind,
                        name_en: name_en.replace("{adj}", c.adj_en),
                        names_ar: Vec::new(),
                        parent: None,
                        note: "state body named from countries.tsv and state_bodies.tsv".into(),
                        relation: String::new(),
                    });
                    by_id.insert(id.clone(), actors.len() - 1);
                    if !parent.is_empty() {
                        pending_parent.push((actors.len() - 1, parent));
                    }
                    Some(actors.len() - 1)
                })
            };
            let Some(t) = target else { continue };
            ids.insert(suffix, actors[t].id.clone());
            for (n, key) in names.into_iter().zip(norms) {
                if !holder.contains_key(&key) {
                    holder.insert(key, Some(t));
                    actors[t].names_ar.push(n);
                }
            }
        }
        for (i, p) in pending_parent {
            actors[i].parent = ids.get(p).cloned();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lexicon;

    #[test]
    fn every_country_gets_its_bodies_and_curated_rows_win() {
        let lex = Lexicon::embedded();
        let kuwait = lex.actor(&ActorId::new("kuwaiti_interior_ministry")).expect("generated");
        assert_eq!(kuwait.kind, ActorKind::Police);
        assert!(kuwait.names_ar.iter().any(|n| n == "وزارة الداخلية الكويتية"));
        assert_eq!(kuwait.parent.as_ref().map(|p| p.as_str()), Some("kuwaiti_government"));
        // The curated US forces take the generated names of the US army: no second id.
        assert!(lex.actor(&ActorId::new("us_army")).is_none());
        // A country without a relative adjective gets the constructs only.
        let mali = lex.actor(&ActorId::new("malian_army")).expect("generated");
        assert_eq!(mali.names_ar, vec!["جيش مالي".to_string()]);
        // No name is held by two actors because of the family.
        let mut seen: FxHashMap<String, &str> = FxHashMap::default();
        for a in lex.actors.iter().filter(|a| a.note.contains("countries.tsv")) {
            for n in &a.names_ar {
                if let Some(other) = seen.insert(norm_name(n), a.id.as_str()) {
                    panic!("{n}: {other} and {}", a.id);
                }
            }
        }
    }

    #[test]
    fn bad_rows_are_rejected() {
        let mut actors = Vec::new();
        let bodies = "suffix\tkind\tname_en\tnames_ar\tparent\narmy\tstate_force\tx\tالجيش {m}\tgovernment\n";
        let countries = "stem\tname_en\tadj_en\tnames_ar\tnisba_m\tnisba_f\nx\tX\tX\tس\tالسي\tالسية\n";
        assert!(expand(&mut actors, countries, bodies).is_err(), "unknown parent");
        let bodies = "suffix\tkind\tname_en\tnames_ar\tparent\narmy\tarmy\tx\tالجيش {m}\t\n";
        assert!(expand(&mut actors, countries, bodies).is_err(), "unknown kind");
        let countries = "stem\tname_en\tadj_en\tnames_ar\tnisba_m\tnisba_f\nBad Stem\tX\tX\tس\tالسي\tالسية\n";
        let bodies = "suffix\tkind\tname_en\tnames_ar\tparent\narmy\tstate_force\tx\tالجيش {m}\t\n";
        assert!(expand(&mut actors, countries, bodies).is_err(), "bad stem");
    }
}
