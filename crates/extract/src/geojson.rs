//! GeoJSON export of asserted events: a FeatureCollection of Points.
//!
//! Design decision: the writer streams features as it receives analyses (the collection's
//! head first, `]}` at [`GeoJsonWriter::finish`]), so a corpus of any size goes out with
//! bounded memory. Coordinates are `[longitude, latitude]` (RFC 7946) of the event's place or
//! of its nearest ancestor with coordinates; an event without a located place has no geometry
//! to give and is left out of the map (it stays in the JSON and CSV outputs).
//!
//! Every feature names its report: `doc` (the document id), `url` (`null` when the report has
//! none), `evidence` (the words the event was read from) and `evidence_sentence` (the whole
//! sentence around them), so a point on a map leads back to what was said and where.

use crate::acled::{ExportError, Undated};
use marsad_core::{Analysis, Factuality};
use marsad_lexicon::Lexicon;
use serde_json::{json, Value};
use std::io::Write;

/// Streams GeoJSON features.
pub struct GeoJsonWriter<W: Write> {
    out: W,
    first: bool,
    undated: Undated,
}

impl<W: Write> GeoJsonWriter<W> {
    pub fn new(mut out: W) -> Result<GeoJsonWriter<W>, ExportError> {
        out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
        Ok(GeoJsonWriter { out, first: true, undated: Undated::default() })
    }

    /// Leave out the events without a date (they are still counted in
    /// [`GeoJsonWriter::undated`]).
    pub fn skip_undated(mut self, skip: bool) -> GeoJsonWriter<W> {
        self.undated.skipped = skip;
        self
    }

    /// The undated features met so far.
    pub fn undated(&self) -> &Undated {
        &self.undated
    }

    /// Write the located, asserted events of an analysis.
    pub fn write(&mut self, a: &Analysis) -> Result<(), ExportError> {
        for f in features(a) {
            let dated = !f["properties"]["date"].is_null();
            self.undated.count(a.doc.id.as_str(), dated);
            if !dated && self.undated.skipped {
                continue;
            }
            if !self.first {
                self.out.write_all(b",")?;
            }
            self.out.write_all(b"\n")?;
            serde_json::to_writer(&mut self.out, &f)?;
            self.first = false;
        }
        Ok(())
    }

    /// Close the collection and give back the output.
    pub fn finish(mut self) -> Result<W, ExportError> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The GeoJSON features of an analysis's located, asserted events.
pub fn features(a: &Analysis) -> Vec<Value> {
    let lex = Lexicon::embedded();
    let doc = a.doc.id.to_string();
    let mut out = Vec::new();
    for e in a.events.iter().filter(|e| e.factuality == Factuality::Asserted) {
        let Some(place) = &e.place else { continue };
        let chain = lex.place_chain(place);
        let Some((lat, lon)) = chain.iter().find_map(|p| Some((p.lat?, p.lon?))) else { continue };
        let names = |ids: &[marsad_core::ActorId]| -> Vec<String> {
            ids.iter().map(|id| lex.actor(id).map_or(id.to_string(), |x| x.name_en.clone())).collect()
        };
        out.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "doc": doc,
                "url": a.meta.url,
                "event_type": e.event_type.as_str(),
                "sub_event_type": e.sub_type.as_str(),
                "action": e.action.as_str(),
                "date": e.date.map(|d| d.to_string()),
                "time_precision": e.time_precision,
                "place": place.as_str(),
                "location": chain.first().map(|p| p.name_en.clone()),
                "geo_precision": e.geo_precision,
                "actors": e.actors.iter().map(|x| x.as_str()).collect::<Vec<_>>(),
                "actor_names": names(&e.actors),
                "assoc_actors": e.assoc_actors.iter().map(|x| x.as_str()).collect::<Vec<_>>(),
                "fatalities_lo": e.fatalities.map(|f| f.lo),
                "fatalities_hi": e.fatalities.and_then(|f| f.hi),
                "evidence": a.text(e.evidence),
                "evidence_sentence": a.sentences.get(e.sentence).map(|s| a.text(s.span).trim()),
                "trigger": a.text(e.trigger),
                "sentence": e.sentence,
            }
        }));
    }
    out
}
