//! Merging events across reports: one record per real-world event.
//!
//! Two reported events are the same when their actions are of one family (`data/actions.toml`:
//! a car bomb and a storming are one assault), their places are related through the gazetteer
//! (or one is unplaced), their dates overlap within a day (or one is undated), and their actors
//! are compatible (they share one, or one side names none). Each record lists every report of
//! it with the report's own wording.

use crate::data::Data;
use crate::model::{EventRecord, EventReport, FatalityRef};
use marsad_core::{Analysis, DateRange, Event};
use marsad_lexicon::Lexicon;

fn widen(d: &DateRange, days: i64) -> DateRange {
    DateRange::new(d.start - chrono::Duration::days(days), d.end + chrono::Duration::days(days))
}

/// Whether two reported events can be one real-world event.
pub fn events_match(a: &Event, b: &Event, lex: &Lexicon) -> bool {
    let data = Data::get();
    data.family(a.action) == data.family(b.action)
        && match (&a.place, &b.place) {
            (Some(x), Some(y)) => lex.places_related(x, y),
            _ => true,
        }
        && match (&a.date, &b.date) {
            (Some(x), Some(y)) => widen(x, 1).overlaps(y),
            _ => true,
        }
        && (a.actors.is_empty() || b.actors.is_empty() || a.actors.iter().any(|x| b.actors.contains(x)))
}

pub(crate) fn outlet(a: &Analysis) -> String {
    a.meta.outlet.as_ref().map(|o| o.to_string()).unwrap_or_else(|| a.doc.id.to_string())
}

/// Merge the events of a story's reports. `docs` are the analyses in story order.
pub(crate) fn merge(docs: &[&Analysis], lex: &Lexicon) -> Vec<EventRecord> {
    // (representative event, record)
    let mut merged: Vec<(Event, EventRecord)> = Vec::new();
    for a in docs {
        for e in &a.events {
            let report = EventReport {
                doc: a.doc.id.clone(),
                outlet: outlet(a),
                action: e.action,
                date: e.date,
                evidence: a.text(e.evidence).trim().to_string(),
            };
            let fatality = e.fatalities.map(|f| FatalityRef { doc: a.doc.id.clone(), lo: f.lo, hi: f.hi });
            match merged.iter_mut().find(|(rep, _)| events_match(rep, e, lex)) {
                Some((rep, rec)) => {
                    // keep the most specific place and the narrowest date any report gives
                    if let Some(p) = &e.place {
                        let deeper =
                            rec.place.as_ref().is_none_or(|q| lex.place_chain(p).len() > lex.place_chain(q).len());
                        if deeper {
                            rec.place = Some(p.clone());
                            rep.place = Some(p.clone());
                        }
                    }
                    if let Some(d) = e.date {
                        if rec.date.is_none_or(|r| d.days() < r.days()) {
                            rec.date = Some(d);
                        }
                    }
                    for x in &e.actors {
                        if !rec.actors.contains(x) {
                            rec.actors.push(x.clone());
                            rep.actors.push(x.clone());
                        }
                    }
                    rec.fatalities.extend(fatality);
                    rec.reports.push(report);
                }
                None => {
                    let rec = EventRecord {
                        id: String::new(),
                        action: e.action,
                        event_type: e.event_type,
                        sub_type: e.sub_type,
                        date: e.date,
                        place: e.place.clone(),
                        actors: e.actors.clone(),
                        fatalities: fatality.into_iter().collect(),
                        reports: vec![report],
                    };
                    merged.push((e.clone(), rec));
                }
            }
        }
    }
    let mut out: Vec<EventRecord> = merged.into_iter().map(|(_, r)| r).collect();
    // dated events in order of date, undated after; ties keep report order
    out.sort_by_key(|r| (r.date.is_none(), r.date));
    for (i, r) in out.iter_mut().enumerate() {
        r.id = format!("e{}", i + 1);
    }
    out
}
