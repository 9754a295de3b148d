//! Factuality: whether a candidate is told as having happened, or as negated, hypothetical,
//! planned or feared, from the cues of its clause and the form of the trigger.

use super::*;

/// Modality of a trigger from the cues before it in its clause. Without such a cue, a verb
/// carrying the future prefix س is planned, and a trigger carrying ل names a purpose (لشن
/// هجوم، للاشتباك معه، ليهرب) and so is planned, unless a word before it makes it something
/// suffered or met (تعرضت لهجوم، تصدت لهجوم، عمليات لتبادل الأسرى).
pub(super) fn factuality(doc: &Doc, s: usize, h: &Hit, clause: Clause) -> Factuality {
    let (first, last) = (h.first, h.last);
    let w = doc.trig.windows;
    let mut best: Option<(usize, Factuality)> = None;
    for h in doc.sentence_hits(s) {
        // A verb of denial that opens the clause (نفت روسيا تنفيذ أي غارة) negates it, though a
        // statement trigger ends the clause before its complement.
        let opens = h.target == Target::Cue(Cue::Negated) && h.last + 3 >= clause.start;
        if h.first >= first || (h.first < clause.start && !opens) {
            continue;
        }
        if (h.last + 1..first).any(|i| doc.is(i, WordClass::Comma)) {
            continue;
        }
        let dist = first - h.last;
        // The trigger is what the cue's act is about (دعا إلى التحقيق في الهجوم): no modality.
        if dist > 1 && doc.trig.about.in_window((h.last + 1..first).map(|i| doc.tok_text(i))) {
            continue;
        }
        let f = match h.target {
            Target::Cue(Cue::Negated) if dist <= w.negated => Factuality::Negated,
            Target::Cue(Cue::Hypothetical) if dist <= w.hypothetical => Factuality::Hypothetical,
            Target::Cue(Cue::Planned) if dist <= w.planned => Factuality::Planned,
            Target::Cue(Cue::Feared) if dist <= w.feared => Factuality::Feared,
            Target::Cue(Cue::Modal) if dist <= w.hypothetical => {
                // قد before an imperfect verb; not before a perfect or the auxiliary تم.
                let next = doc.tok_text(h.last + 1);
                let imperfect = next.starts_with(['ي', 'ت', 'ن']) && !next.starts_with("تم");
                if !imperfect {
                    continue;
                }
                Factuality::Hypothetical
            }
            // لا right before the trigger, alone or after a conjunction (not إلا، بلا), and
            // not in "only" or "not only" (لا تستهدف سوى المسلحين، لا يتظاهرون فقط ضد ...).
            Target::Cue(Cue::NegatedNext) if dist == 1 => {
                if !doc.is(h.first, WordClass::NegationParticle)
                    || doc.trig.only.in_window(doc.words_after(last, doc.words.distances.only, clause.end))
                {
                    continue;
                }
                Factuality::Negated
            }
            // أي right before the trigger (رفضها لأي هجمات): any such event, none that happened.
            Target::Cue(Cue::GenericNext) if dist == 1 => Factuality::Hypothetical,
            _ => continue,
        };
        // Negation outranks the others; otherwise the closest cue decides.
        let rank = if f == Factuality::Negated { 0 } else { dist + 1 };
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, f));
        }
    }
    if let Some((_, f)) = best {
        return f;
    }
    // An adjective after the trigger (الهجوم المحتمل، الهجوم الكيميائي المرتقب), unless a
    // word before it tells the event began (بدأ الهجوم المرتقب).
    let began = || doc.trig.onset.in_window(doc.words_before(first, 3, clause.start));
    // Hits are in text order: stop past the window.
    for c in doc.sentence_hits(s) {
        if c.first > h.last + w.after || c.first > clause.end {
            break;
        }
        if c.first <= h.last {
            continue;
        }
        // Not after من: من المتوقع أن opens a clause of its own (التظاهرات من المتوقع أن تستمر).
        if (h.last + 1..c.first).any(|i| doc.is(i, WordClass::Comma))
            || doc.is(c.first - 1, WordClass::ExpectationOpener)
        {
            continue;
        }
        match c.target {
            Target::Cue(Cue::AfterHypothetical) if !began() => return Factuality::Hypothetical,
            Target::Cue(Cue::AfterPlanned) if !began() => return Factuality::Planned,
            _ => {}
        }
    }
    // A verb in the future (ستهاجم، وسيقصف) tells what is to come, not what happened.
    if h.future && matches!(h.target, Target::Trigger { pos: Pos::Verb, .. }) {
        return Factuality::Planned;
    }
    if h.lam {
        let met = doc.sentence_hits(s).iter().any(|c| {
            matches!(c.target, Target::Cue(Cue::Undergo | Cue::Repel))
                && c.last < first
                && c.first >= clause.start
                && first - c.last <= w.purpose
        });
        if !met {
            return Factuality::Planned;
        }
    }
    Factuality::Asserted
}
