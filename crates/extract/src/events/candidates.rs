//! Candidates: a trigger occurrence becomes a candidate event when the words its entry names
//! around it let it stand (complements it needs, figurative objects that cancel it) and, for a
//! weak trigger, when its sentence is about armed conflict.

use super::*;

/// The checks of a trigger entry against the words around one occurrence: a figurative
/// complement after it (`blocked`), a word before it that cancels it (`not_before`) or one in
/// its clause (`not_in_clause`), and the words it needs before or after it.
pub(super) fn fits_its_words(doc: &Doc, h: &Hit, e: &Trigger, pos: Pos) -> bool {
    let (sent_start, sent_end) = doc.sentence_tokens(h.sentence);
    if e.blocked.in_window(doc.words_after(h.last, doc.words.distances.blocked, sent_end)) {
        return false;
    }
    // A verb's subject may stand between it and its complement; a noun's follows at once.
    let d = &doc.words.distances;
    let reach = if pos == Pos::Verb { d.complement } else { d.noun_complement };
    let before_window = doc.words_before(h.first, 3, sent_start);
    if e.not_before.in_window(before_window.clone()) {
        return false;
    }
    if !e.not_in_clause.is_empty() {
        let clause = doc.clause(h.sentence, h.first);
        let before = doc.words_before(h.first, h.first - clause.start, clause.start);
        let after = doc.words_after(h.last, clause.end.saturating_sub(h.last), clause.end);
        if e.not_in_clause.in_window(before) || e.not_in_clause.in_window(after) {
            return false;
        }
    }
    if !e.before.is_empty() && !e.before.in_window(before_window) {
        return false;
    }
    e.after.is_empty() || e.after.in_window(doc.words_after(h.last, reach, sent_end))
}

/// Whether a violent act other than `entry`, and not itself a weapon, is named in the clause
/// of hit `h` by a trigger that its own words let stand.
pub(super) fn violent_act_in_clause(doc: &Doc, h: &Hit, entry: usize, clause: Clause) -> bool {
    doc.sentence_hits(h.sentence).iter().any(|o| {
        let Target::Trigger { entry: oe, pos: opos } = o.target else { return false };
        let other = &doc.trig.entries[oe];
        oe != entry
            && !other.instrument
            && is_violent(other.action)
            && o.first >= clause.start
            && o.first <= clause.end
            && fits_its_words(doc, o, other, opos)
    })
}

/// Read one trigger occurrence: checks, modality and arguments inside its sentence.
pub(super) fn read_trigger(doc: &Doc, hi: usize, entry: usize, pos: Pos) -> Option<Candidate> {
    let h = doc.hits[hi];
    let e: &Trigger = &doc.trig.entries[entry];
    if !e.creates {
        return None;
    }
    let s = h.sentence;
    let clause = doc.clause(s, h.first);
    if doc.sentence_hits(s).iter().any(|c| c.target == Target::Cue(Cue::Anaphora) && c.last + 1 == h.first) {
        return None;
    }
    if !fits_its_words(doc, &h, e, pos) {
        return None;
    }
    // A weapon named beside no act (تزويد الحوثيين بالطائرات المسيرة) is no event; beside
    // one (قصفت طائرة مسيرة) it types the act, which it absorbs.
    if e.instrument && !violent_act_in_clause(doc, &h, entry, clause) {
        return None;
    }
    let args = &doc.args[s];
    // Statements count only about the conflict: an armed actor, a conflict word or another
    // event in the sentence (a government restoring diplomatic ties is not one).
    if e.action == Action::Statement {
        let armed = args.iter().any(|a| is_armed(a.kind));
        let context = doc.sentence_hits(s).iter().any(|c| {
            c.target == Target::Cue(Cue::Context)
                || matches!(c.target, Target::Trigger { entry: oe, .. } if doc.trig.entries[oe].action != Action::Statement)
        });
        if !armed && !context {
            return None;
        }
    }
    if e.strength == Strength::Weak && e.action != Action::Statement {
        let protest = matches!(e.action, Action::Protest | Action::Riot);
        let armed = args.iter().any(|a| is_armed(a.kind) || (protest && a.kind == ActorKind::Civilians));
        // Attacks, fights and surrenders of a match (هجمات المنتخب، استسلام الفريق).
        if !armed
            && doc
                .sentence_hits(s)
                .iter()
                .any(|c| c.target == Target::Cue(Cue::Sport) && c.first >= clause.start && c.first <= clause.end)
        {
            return None;
        }
        let context = doc
            .sentence_hits(s)
            .iter()
            .any(|c| c.target == Target::Cue(Cue::Context) && (c.last < h.first || c.first > h.last));
        // Another event word of the sentence: a strong one anywhere, a violent one of another
        // kind in the same clause (سقطت قذيفة ... وقتلت طفلا); only one that its own words
        // let stand (استعادة الصناعات is no recapture, so it lends no context).
        let other_trigger = || {
            doc.sentence_hits(s).iter().any(|o| {
                let Target::Trigger { entry: oe, pos: opos } = o.target else { return false };
                let other = &doc.trig.entries[oe];
                oe != entry
                    && other.action != Action::Statement
                    && (other.strength == Strength::Strong
                        || (is_violent(other.action)
                            && other.action != e.action
                            && o.first >= clause.start
                            && o.first <= clause.end))
                    && fits_its_words(doc, o, other, opos)
            })
        };
        if !armed && !context && !other_trigger() {
            return None;
        }
    }
    let factuality = factuality(doc, s, &h, clause);
    let (actor1, actor2) = roles(doc, &h, e, pos, clause);
    let actors_in_text = actor1.is_some() || actor2.is_some();
    // منذ الهدنة، بعد معركة الباغوز: a noun right after since/before/after names an earlier
    // event as a landmark: it joins the event told elsewhere, or stands alone after بعد.
    let before = h.first.checked_sub(1);
    let landmark = pos == Pos::Noun && before.is_some_and(|i| doc.is(i, WordClass::Landmark));
    let since = before.is_some_and(|i| doc.is(i, WordClass::Since));
    let evidence = doc.ctx.layer.sentences[s].span;
    Some(Candidate {
        entry,
        action: e.action,
        hit: h,
        factuality,
        actor1,
        actor2,
        assoc: Vec::new(),
        place: None,
        geo_precision: 0,
        date: None,
        time_precision: 0,
        fatalities: None,
        evidence,
        mentions: vec![s],
        place_in_text: false,
        actors_in_text: actors_in_text && !landmark,
        date_in_text: false,
        noun: pos == Pos::Noun,
        landmark,
        since,
        dead: false,
        clause,
    })
}
