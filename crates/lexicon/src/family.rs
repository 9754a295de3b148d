//! The bodies of every state in the news, named from two small tables instead of row by row:
//! `data/countries.tsv` (a country's names and relative adjectives) and `data/state_bodies.tsv`
//! (government, army, police, ministries, with Arabic name patterns). `الجيش {m}` with the
//! adjective `المصري` names the Egyptian army, `وزارة الداخلية {f}` with `الكويتية` the Kuwaiti
//! interior ministry.
//!
//! The expansion is a text transform of `actors.tsv` (this file is also compiled into the build
//! script, which makes the matcher's patterns from its result): curated rows win. Where a
//! curated actor already holds one of a body's generated names (the US army is `us_forces`),
//! the other generated names become variants of that actor; a generated id that a curated row
//! has takes only the missing names; a body whose names two curated actors share is left alone.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

/// A table's header and its rows with their line numbers.
type Rows = (Vec<String>, Vec<(usize, Vec<String>)>);

/// `actors.tsv` with the state bodies of every country added. `norm` is the normalization names
/// are compared in. Errors name the file and line.
pub fn expand(actors: &str, countries: &str, bodies: &str, norm: &dyn Fn(&str) -> String) -> Result<String, String> {
    let rows = |file: &str, text: &'_ str| -> Result<Rows, String> {
        let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let head = lines.next().ok_or(format!("{file}: no header row"))?.1;
        let head = head.split('\t').map(|h| h.trim().to_string()).collect();
        Ok((head, lines.map(|(i, l)| (i + 1, l.split('\t').map(|c| c.trim().to_string()).collect())).collect()))
    };
    let col = |head: &[String], row: &[String], name: &str| -> String {
        head.iter().position(|h| h == name).and_then(|i| row.get(i)).cloned().unwrap_or_default()
    };
    let list =
        |s: &str| -> Vec<String> { s.split('|').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect() };

    let (ah, mut arows) = rows("actors.tsv", actors)?;
    let (ch, crows) = rows("countries.tsv", countries)?;
    let (bh, brows) = rows("state_bodies.tsv", bodies)?;
    let (id_c, names_c) = (
        ah.iter().position(|h| h == "id").ok_or("actors.tsv: no id column")?,
        ah.iter().position(|h| h == "names_ar").ok_or("actors.tsv: no names_ar column")?,
    );
    for (_, r) in &mut arows {
        r.resize(ah.len(), String::new());
    }
    let body_suffixes: Vec<String> = brows.iter().map(|(_, r)| col(&bh, r, "suffix")).collect();
    for (line, r) in &brows {
        let parent = col(&bh, r, "parent");
        if !parent.is_empty() && !body_suffixes.contains(&parent) {
            return Err(format!("state_bodies.tsv line {line}: unknown parent {parent}"));
        }
        if col(&bh, r, "suffix").is_empty() || col(&bh, r, "kind").is_empty() {
            return Err(format!("state_bodies.tsv line {line}: empty suffix or kind"));
        }
    }
    // Curated names: normalized name -> the row holding it (None when several do).
    let mut holder: HashMap<String, Option<usize>> = HashMap::new();
    for (i, (_, r)) in arows.iter().enumerate() {
        for n in list(&r[names_c]) {
            holder.entry(norm(&n)).and_modify(|h| *h = h.filter(|&j| j == i)).or_insert(Some(i));
        }
    }
    let mut by_id: HashMap<String, usize> = arows.iter().enumerate().map(|(i, (_, r))| (r[id_c].clone(), i)).collect();
    let mut stems: Vec<String> = Vec::new();
    for (line, c) in &crows {
        let stem = col(&ch, c, "stem");
        if stem.is_empty() || !stem.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') || stems.contains(&stem) {
            return Err(format!("countries.tsv line {line}: bad or duplicate stem {stem:?}"));
        }
        stems.push(stem.clone());
        let words = [
            ("{m}", list(&col(&ch, c, "nisba_m"))),
            ("{f}", list(&col(&ch, c, "nisba_f"))),
            ("{c}", list(&col(&ch, c, "names_ar"))),
        ];
        let fill = |pattern: &str| -> Vec<String> {
            match words.iter().find(|(ph, _)| pattern.contains(ph)) {
                Some((ph, ws)) => ws.iter().map(|w| pattern.replace(ph, w)).collect(),
                None => vec![pattern.to_string()],
            }
        };
        let mut ids: HashMap<String, String> = HashMap::new();
        let mut pending: Vec<(usize, String)> = Vec::new();
        for (_, b) in &brows {
            let names: Vec<String> = list(&col(&bh, b, "names_ar")).iter().flat_map(|p| fill(p)).collect();
            if names.is_empty() {
                continue;
            }
            let norms: Vec<String> = names.iter().map(|n| norm(n)).collect();
            let held: Vec<Option<usize>> = norms.iter().filter_map(|n| holder.get(n).copied()).collect();
            let suffix = col(&bh, b, "suffix");
            let id = format!("{stem}_{suffix}");
            let target = if held.contains(&None) {
                None
            } else if let Some(&Some(first)) = held.first() {
                held.iter().all(|h| *h == Some(first)).then_some(first)
            } else if let Some(&i) = by_id.get(&id) {
                Some(i)
            } else {
                let mut r = vec![String::new(); ah.len()];
                let set = |r: &mut Vec<String>, name: &str, v: String| {
                    if let Some(i) = ah.iter().position(|h| h == name) {
                        r[i] = v;
                    }
                };
                set(&mut r, "id", id.clone());
                set(&mut r, "kind", col(&bh, b, "kind"));
                set(&mut r, "name_en", col(&bh, b, "name_en").replace("{adj}", &col(&ch, c, "adj_en")));
                set(&mut r, "note", "state body named from countries.tsv and state_bodies.tsv".into());
                arows.push((0, r));
                by_id.insert(id.clone(), arows.len() - 1);
                let parent = col(&bh, b, "parent");
                if !parent.is_empty() {
                    pending.push((arows.len() - 1, parent));
                }
                Some(arows.len() - 1)
            };
            let Some(t) = target else { continue };
            ids.insert(suffix, arows[t].1[id_c].clone());
            for (n, key) in names.into_iter().zip(norms) {
                if let Entry::Vacant(e) = holder.entry(key) {
                    e.insert(Some(t));
                    let cell = &mut arows[t].1[names_c];
                    if !cell.is_empty() {
                        cell.push('|');
                    }
                    cell.push_str(&n);
                }
            }
        }
        if let Some(p_c) = ah.iter().position(|h| h == "parent_id") {
            for (i, p) in pending {
                arows[i].1[p_c] = ids.get(&p).cloned().unwrap_or_default();
            }
        }
    }
    let mut out = ah.join("\t");
    out.push('\n');
    for (_, r) in &arows {
        out.push_str(&r.join("\t"));
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::expand;
    use crate::{norm_name, Lexicon};
    use marsad_core::{ActorId, ActorKind};
    use std::collections::HashMap;

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
        let mut seen: HashMap<String, &str> = HashMap::new();
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
        let actors = "id\tkind\tname_en\tnames_ar\tparent_id\tnote\trelation\n";
        let countries = "stem\tname_en\tadj_en\tnames_ar\tnisba_m\tnisba_f\nx\tX\tX\tس\tالسي\tالسية\n";
        let norm = |s: &str| norm_name(s);
        let body = |kind: &str, parent: &str| {
            format!("suffix\tkind\tname_en\tnames_ar\tparent\narmy\t{kind}\tx\tالجيش {{m}}\t{parent}\n")
        };
        assert!(expand(actors, countries, &body("state_force", "government"), &norm).is_err(), "unknown parent");
        let bad_stem = "stem\tname_en\tadj_en\tnames_ar\tnisba_m\tnisba_f\nBad Stem\tX\tX\tس\tالسي\tالسية\n";
        assert!(expand(actors, bad_stem, &body("state_force", ""), &norm).is_err(), "bad stem");
        // An unknown kind passes the expansion and is rejected by the actor loader.
        let out = expand(actors, countries, &body("army", ""), &norm).expect("expands");
        assert!(out.contains("x_army\tarmy\t"));
        assert!(Lexicon::parse(&out, "id\tkind\tname_en\tnames_ar\n").is_err());
    }
}
