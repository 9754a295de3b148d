//! Merging: one record per event. Generic triggers absorbed by specific ones of their
//! clause, bare references folded into the event they name, mentions of one event merged,
//! fatalities attached.

use super::*;

/// Killed figures of a sentence go to the nearest violent event of that sentence; figures
/// for different groups add up.
pub(super) fn attach_fatalities(doc: &Doc, cands: &mut [Candidate], claims: &[Claim]) {
    let mut per_event: BTreeMap<usize, BTreeMap<Option<ActorId>, Interval>> = BTreeMap::new();
    for cl in claims.iter().filter(|c| c.kind == ClaimKind::Killed && !c.uncertain) {
        let t = doc.token_at(cl.number.start);
        let best = cands
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.dead && c.hit.sentence == cl.sentence && is_violent(c.action))
            .min_by_key(|(_, c)| c.hit.first.abs_diff(t));
        if let Some((i, _)) = best {
            let g = per_event.entry(i).or_default();
            let slot = g.entry(cl.group.clone()).or_insert(cl.interval);
            if cl.interval.lo > slot.lo {
                *slot = cl.interval;
            }
        }
    }
    for (i, groups) in per_event {
        let lo = groups.values().map(|v| v.lo).sum();
        let hi = groups.values().try_fold(0u64, |acc, v| v.hi.map(|h| acc + h));
        let c = &mut cands[i];
        c.fatalities = Some(Interval { lo, hi });
        // The side the event hit, where no word around the trigger named it: the people its
        // toll counts (انفجرت سيارة مفخخة ... ما أدى إلى مقتل سبعة مدنيين), the largest group
        // first, never the side that struck.
        if c.actor2.is_none() {
            c.actor2 = groups
                .iter()
                .filter_map(|(g, v)| g.as_ref().map(|g| (g, v.lo)))
                .filter(|(g, _)| c.actor1.as_ref() != Some(*g))
                .max_by_key(|&(_, lo)| lo)
                .map(|(g, _)| g.clone());
        }
    }
}

/// Drop generic triggers that a more specific trigger of the same clause names.
pub(super) fn absorb(doc: &Doc, cands: &mut [Candidate]) {
    for i in 0..cands.len() {
        for j in 0..cands.len() {
            if i == j || cands[j].dead || cands[i].dead {
                continue;
            }
            let (g, sp) = (&cands[i], &cands[j]);
            // A weapon that types an act of its own kind (قصف جوي نفذه طيران التحالف) is
            // that act: the weapon's mention is absorbed.
            let same_kind_weapon =
                doc.trig.entries[g.entry].instrument && !doc.trig.entries[sp.entry].instrument && g.action == sp.action;
            if g.hit.sentence != sp.hit.sentence || !(absorbs(sp.action, g.action) || same_kind_weapon) {
                continue;
            }
            let clause = g.clause;
            if sp.hit.first < clause.start || sp.hit.first > clause.end {
                continue;
            }
            let (a1, a2) = (g.actor1.clone(), g.actor2.clone());
            let spec = &mut cands[j];
            if spec.actor1.is_none() {
                spec.actor1 = a1;
            }
            if spec.actor2.is_none() && a2 != spec.actor1 {
                spec.actor2 = a2;
            }
            cands[i].dead = true;
        }
    }
    // Killings absorbed by any violent event of their sentence.
    for i in 0..cands.len() {
        let e = &doc.trig.entries[cands[i].entry];
        if e.sub_type != SubEventType::Attack || cands[i].action != Action::Attack {
            continue;
        }
        let s = cands[i].hit.sentence;
        if cands.iter().enumerate().any(|(j, o)| j != i && !o.dead && o.hit.sentence == s && is_violent(o.action)) {
            cands[i].dead = true;
        }
    }
}

/// A force storming a site in an article where another group is the aggressor is retaking
/// it: the storm becomes a recapture.
pub(super) fn relabel_recaptures(cands: &mut [Candidate], aggressor: Option<&ActorId>) {
    let Some(agg) = aggressor else { return };
    for c in cands.iter_mut().filter(|c| matches!(c.action, Action::Storm | Action::Capture)) {
        if c.actor1.as_ref().is_some_and(|a| a != agg) && c.actor2.as_ref().is_none_or(|a| a == agg) {
            c.action = Action::Recapture;
        }
    }
}

/// A verbal noun of a weak trigger with no actor, place or date of its own (الهجمات الأخيرة،
/// كان هجوما منظما) refers to an event told elsewhere: it joins the article's first event of
/// that action, or is dropped when there is none.
pub(super) fn fold_bare_mentions(cands: &mut [Candidate]) {
    let trig = Triggers::embedded();
    for i in 0..cands.len() {
        let c = &cands[i];
        let weak = trig.entries[c.entry].strength == Strength::Weak;
        let generic = matches!(c.action, Action::Attack | Action::Clash | Action::Storm);
        let bare = weak && generic && c.noun && !c.actors_in_text && !c.place_in_text;
        if c.dead || c.date_in_text || !(bare || c.landmark) {
            continue;
        }
        let (action, factuality, sentence) = (c.action, c.factuality, c.hit.sentence);
        let host = cands.iter().enumerate().position(|(j, o)| {
            j != i
                && !o.dead
                && (o.actors_in_text || o.place_in_text || o.date_in_text)
                && o.factuality == factuality
                && (o.action == action || (action == Action::Attack && o.action == Action::Storm))
        });
        if let Some(j) = host {
            if !cands[j].mentions.contains(&sentence) {
                cands[j].mentions.push(sentence);
            }
        } else if c.landmark && !c.since {
            // بعد حظر التجوال: an event told as the landmark of a later one still happened
            // in the story; منذ/قبل reach back past it and are dropped.
            continue;
        }
        cands[i].dead = true;
    }
}

pub(super) fn compatible<T: PartialEq>(a: &Option<T>, b: &Option<T>) -> bool {
    a.is_none() || b.is_none() || a == b
}

/// Merge mentions of one event: same action (an attack joins a storm of the same side),
/// compatible sides, related places and overlapping dates.
pub(super) fn merge(ctx: &Context, cands: &mut [Candidate]) {
    let lex = ctx.lexicon;
    for i in 0..cands.len() {
        if cands[i].dead {
            continue;
        }
        for j in i + 1..cands.len() {
            if cands[j].dead {
                continue;
            }
            let (a, b) = (&cands[i], &cands[j]);
            // A storm is an attack that breaks into a site and takes it: the attack and the
            // taking by the same side are the storm.
            let storm_part = |x: Action| matches!(x, Action::Attack | Action::Capture);
            let same_action = a.action == b.action
                || (a.action == Action::Storm && storm_part(b.action) && a.actor1 == b.actor1)
                || (b.action == Action::Storm && storm_part(a.action) && a.actor1 == b.actor1);
            if !same_action || a.factuality != b.factuality {
                continue;
            }
            let symmetric = matches!(a.action, Action::Clash | Action::Mutiny | Action::Agreement);
            let straight = compatible(&a.actor1, &b.actor1) && compatible(&a.actor2, &b.actor2);
            let crossed = symmetric && compatible(&a.actor1, &b.actor2) && compatible(&a.actor2, &b.actor1);
            if !straight && !crossed {
                continue;
            }
            let places_ok = match (&a.place, &b.place) {
                (Some(x), Some(y)) => lex.places_related(x, y),
                _ => true,
            };
            let dates_ok = match (&a.date, &b.date) {
                (Some(x), Some(y)) => x.overlaps(y),
                (None, None) => true,
                _ => false,
            };
            if !places_ok || !dates_ok {
                continue;
            }
            let mut b = cands[j].clone();
            if !straight {
                std::mem::swap(&mut b.actor1, &mut b.actor2);
            }
            let a = &mut cands[i];
            if b.action == Action::Storm {
                a.action = Action::Storm;
            }
            a.actor1 = a.actor1.take().or(b.actor1);
            a.actor2 = a.actor2.take().or(b.actor2);
            // A place read in the text beats the article's main place; then the more
            // specific place and the narrower date win.
            if b.place_in_text && !a.place_in_text && b.place.is_some() {
                a.place = b.place;
                a.geo_precision = b.geo_precision;
                a.place_in_text = true;
            } else if let (Some(pa), Some(pb)) = (&a.place, &b.place) {
                if b.place_in_text == a.place_in_text && lex.place_chain(pb).len() > lex.place_chain(pa).len() {
                    a.place = Some(pb.clone());
                    a.geo_precision = b.geo_precision;
                }
            } else if a.place.is_none() {
                a.place = b.place;
                a.geo_precision = b.geo_precision;
            }
            if let (Some(da), Some(db)) = (a.date, b.date) {
                if db.days() < da.days() {
                    a.date = Some(db);
                    a.time_precision = b.time_precision;
                }
            }
            a.fatalities = match (a.fatalities, b.fatalities) {
                (Some(x), Some(y)) => Some(if y.lo > x.lo { y } else { x }),
                (x, y) => x.or(y),
            };
            for m in b.mentions {
                if !a.mentions.contains(&m) {
                    a.mentions.push(m);
                }
            }
            cands[j].dead = true;
        }
    }
}
