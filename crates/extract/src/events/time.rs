//! Date of an event: the date expression of its clause or sentence, else the story's span.

use super::*;

/// Dates: the date expression of the trigger's clause (or of its sentence, close by) nearest
/// to it; else the span from the story's first dated day in the month before publication to
/// publication; else the publication day.
pub(super) fn date_events(doc: &Doc, cands: &mut [Candidate]) {
    let story_start = doc.published.and_then(|p| {
        let window_start = p - Duration::days(doc.words.days.story);
        doc.date_mentions
            .iter()
            .filter(|d| doc.ctx.layer.sentences.get(d.sentence).is_some_and(|x| x.kind != SentenceKind::Dateline))
            .filter_map(|d| d.value)
            .filter(|v| v.start >= window_start && v.end <= p)
            .map(|v| v.start)
            .min()
    });
    for c in cands.iter_mut().filter(|c| !c.dead) {
        let s = c.hit.sentence;
        let e = &doc.trig.entries[c.entry];
        let clause = c.clause;
        let own = doc.dates[s]
            .iter()
            .filter(|(t, _)| {
                let in_clause = *t >= clause.start && *t <= clause.end;
                in_clause || t.abs_diff(c.hit.first) <= doc.words.distances.sentence_date
            })
            .filter(|(t, i)| {
                // منذ + date marks the start of something else's span (الأكبر منذ 2019),
                // unless the trigger sits between منذ and the date.
                let d = &doc.date_mentions[*i];
                let since = *t > 0 && doc.is(t - 1, WordClass::SinceDate) || doc.ctx.text(d.span).starts_with("منذ");
                !(since && c.hit.first < *t && !between_since(doc, s, c.hit.first, *t))
            })
            .filter(|(t, _)| {
                // A date that closes a منذ phrase (لأول مرة منذ غزو أفغانستان في عام 2001) dates
                // the landmark the phrase names, not a trigger outside it.
                let since = (t.saturating_sub(LANDMARK_REACH)..*t)
                    .rev()
                    .take_while(|&i| !doc.is(i, WordClass::Comma))
                    .find(|&i| doc.is(i, WordClass::SinceDate));
                since.is_none_or(|m| (m..=*t).contains(&c.hit.first))
            })
            .filter(|(t, _)| {
                // A date inside a reported proposition (قال إن ... عام 1974) is not the
                // date of the saying, nor one of a date outside it.
                let (a, b) = if *t < c.hit.first { (*t, c.hit.first) } else { (c.hit.last, *t) };
                !(a + 1..b).any(|i| doc.is(i, WordClass::Complementizer) || doc.is(i, WordClass::Quote))
            })
            .min_by_key(|(t, _)| (t.abs_diff(c.hit.first), *t))
            .and_then(|(_, i)| doc.date_mentions[*i].value.map(|v| (v, doc.date_mentions[*i].precision)));
        if let Some((v, precision)) = own {
            c.date_in_text = true;
            c.date = Some(v);
            c.time_precision = if precision > 0 { precision } else { v.time_precision() };
            continue;
        }
        if e.dated {
            c.dead = true;
            continue;
        }
        let Some(p) = doc.published else { continue };
        let range = match story_start {
            Some(start) => DateRange::new(start, p),
            None => DateRange::day(p),
        };
        c.date = Some(range);
        c.time_precision = if range.is_day() { 2 } else { range.time_precision().max(2) };
    }
}

/// How many words before a date a منذ may open the phrase the date closes.
const LANDMARK_REACH: usize = 6;

/// Whether a منذ lies between the trigger and the date (منذ أن هاجم ... الخميس).
pub(super) fn between_since(doc: &Doc, _s: usize, trigger: usize, date: usize) -> bool {
    (trigger.saturating_sub(2)..trigger).any(|i| doc.is(i, WordClass::SinceDate))
        && (trigger..date).all(|i| !doc.is(i, WordClass::SinceDate))
}
