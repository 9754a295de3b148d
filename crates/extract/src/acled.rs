//! ACLED-format CSV export of asserted events.
//!
//! Design decision: the columns, their order and their vocabularies are ACLED's (codebook,
//! 2023), so an analyst can load marsad's output next to ACLED data. English names,
//! coordinates and admin levels come from the embedded lexicons; country codes and ACLED
//! regions from `data/countries.tsv`. ACLED's `fatalities` is a single conservative figure:
//! the low bound of marsad's interval; the interval itself goes to `tags`. A date range is
//! written as its middle day with the matching `time_precision`, as ACLED does. The writer
//! streams: one row per event, event ids numbered per country in input order, nothing kept
//! but the counters (and the ids of documents with undated rows), so the output is
//! deterministic and memory stays bounded.
//!
//! Every row can be traced to its report without a column ACLED does not have: `source` is
//! the outlet (ACLED's meaning: who published it), `notes` ends with the sentence the event
//! was read from, and `tags` carries `doc ID` and, when the report has one, `url URL` — the
//! column ACLED fills with `;`-separated free-form tags, so filtering the CSV on
//! `tags contains "doc ID"` finds every row of one report. A `;` inside an id or URL is
//! written `%3B` so it cannot split the tag.

use chrono::{Datelike, NaiveDate};
use marsad_core::{ActorId, ActorKind, Analysis, DateRange, Event, EventType, Factuality, PlaceKind};
use marsad_lexicon::{Lexicon, Place};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::OnceLock;

/// ACLED's columns, in ACLED's order.
pub const COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

const COUNTRIES_TSV: &str = include_str!("../data/countries.tsv");

/// A country row of `countries.tsv`.
#[derive(Clone, Debug)]
pub struct Country {
    pub id: String,
    pub name_en: String,
    pub iso: u16,
    pub iso3: String,
    pub region: String,
}

/// The embedded country table.
pub fn countries() -> &'static [Country] {
    static C: OnceLock<Vec<Country>> = OnceLock::new();
    C.get_or_init(|| {
        COUNTRIES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                Some(Country {
                    id: c.first()?.to_string(),
                    name_en: c.get(1)?.to_string(),
                    iso: c.get(2)?.parse().ok()?,
                    iso3: c.get(3)?.to_string(),
                    region: c.get(4)?.to_string(),
                })
            })
            .collect()
    })
}

fn country_of(place: &Place) -> Option<&'static Country> {
    countries()
        .iter()
        .find(|c| c.id == place.id.as_str())
        .or_else(|| countries().iter().find(|c| c.name_en == place.name_en))
}

/// Errors of the export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing output: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// ACLED interaction code of an actor (1 state forces … 8 external/other).
pub fn inter_code(lex: &Lexicon, id: &ActorId) -> u8 {
    let Some(a) = lex.actor(id) else { return 8 };
    match a.kind {
        ActorKind::StateForce | ActorKind::Police => 1,
        ActorKind::NonStateArmedGroup => 2,
        ActorKind::Political if a.name_en.to_lowercase().contains("government") => 1,
        ActorKind::Political => 3,
        ActorKind::Civilians => 7,
        ActorKind::Person => a.parent.as_ref().map_or(8, |p| inter_code(lex, p)),
        _ => 8,
    }
}

/// ACLED's interaction: both codes, lower first; a lone actor gives `x0`.
pub fn interaction(inter1: Option<u8>, inter2: Option<u8>) -> String {
    match (inter1, inter2) {
        (Some(a), Some(b)) => format!("{}{}", a.min(b), a.max(b)),
        (Some(a), None) | (None, Some(a)) => format!("{a}0"),
        (None, None) => String::new(),
    }
}

fn middle(d: &DateRange) -> NaiveDate {
    d.start + chrono::Duration::days((d.days() - 1) / 2)
}

/// The verb phrase of an event's note, with its object (`attacked`, then actor 2) and without
/// one (`carried out air strikes`, not a preposition left hanging).
fn verb(action: marsad_core::Action) -> (&'static str, &'static str) {
    use marsad_core::Action::*;
    match action {
        Attack => ("attacked", "carried out an attack"),
        Storm => ("stormed and took", "stormed and took ground"),
        Clash => ("clashed with", "clashed"),
        CarBomb => ("attacked with a car bomb", "set off a car bomb"),
        SuicideAttack => ("carried out a suicide attack on", "carried out a suicide attack"),
        Airstrike => ("carried out air strikes on", "carried out air strikes"),
        Shelling => ("shelled", "shelled"),
        Bombing => ("set off explosives against", "set off explosives"),
        Arrest => ("arrested", "made arrests"),
        Abduction => ("abducted", "abducted people"),
        Escape => ("escaped", "escaped"),
        Surrender => ("surrendered to", "surrendered"),
        Recapture => ("retook ground from", "retook ground"),
        Capture => ("captured", "captured ground"),
        Displacement => ("were displaced", "were displaced"),
        Curfew => ("imposed a curfew", "imposed a curfew"),
        Mutiny => ("mutinied against", "mutinied"),
        Protest => ("protested", "protested"),
        Riot => ("rioted", "rioted"),
        Looting => ("looted or destroyed property", "looted or destroyed property"),
        Agreement => ("reached an agreement with", "reached an agreement"),
        Statement => ("made a statement", "made a statement"),
        Handover => ("handed over ground", "handed over ground"),
        BaseEstablished => ("set up a base", "set up a base"),
    }
}

/// The events an export left without a date (or skipped for lacking one), and their reports.
///
/// ACLED requires `event_date`; an event is undated when its report gives no date for it and
/// no publication date to resolve a relative one against. The exporters count them so the
/// command line can say so once, with the documents to look at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Undated {
    /// Rows (or features) written or skipped without a date.
    pub events: usize,
    /// Rows (or features) considered in all, dated or not.
    pub of: usize,
    /// Ids of the documents with undated events, in input order, each once, and how many.
    pub docs: Vec<(String, usize)>,
    /// Whether the undated events were left out of the output.
    pub skipped: bool,
}

impl Undated {
    /// Count one event of document `doc`.
    pub fn count(&mut self, doc: &str, dated: bool) {
        self.of += 1;
        if dated {
            return;
        }
        self.events += 1;
        match self.docs.last_mut() {
            Some((d, n)) if d == doc => *n += 1,
            _ => self.docs.push((doc.to_owned(), 1)),
        }
    }
}

/// The traceability tags of a row: `doc ID` and `url URL`, a `;` in either escaped.
pub fn trace_tags(a: &Analysis) -> Vec<String> {
    let esc = |s: &str| s.replace(';', "%3B");
    let mut tags = vec![format!("doc {}", esc(a.doc.id.as_str()))];
    if let Some(u) = a.meta.url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        tags.push(format!("url {}", esc(u)));
    }
    tags
}

/// Streams ACLED rows for analyses.
pub struct AcledWriter<W: Write> {
    csv: csv::Writer<W>,
    counters: BTreeMap<String, u64>,
    undated: Undated,
}

impl<W: Write> AcledWriter<W> {
    /// Start the CSV and write the header.
    pub fn new(out: W) -> Result<AcledWriter<W>, ExportError> {
        let mut csv = csv::Writer::from_writer(out);
        csv.write_record(COLUMNS)?;
        Ok(AcledWriter { csv, counters: BTreeMap::new(), undated: Undated::default() })
    }

    /// Leave out the events without a date instead of writing them with an empty `event_date`
    /// (they are still counted in [`AcledWriter::undated`]).
    pub fn skip_undated(mut self, skip: bool) -> AcledWriter<W> {
        self.undated.skipped = skip;
        self
    }

    /// Write one row per asserted event of an analysis.
    pub fn write(&mut self, a: &Analysis) -> Result<(), ExportError> {
        let lex = Lexicon::embedded();
        for e in a.events.iter().filter(|e| e.factuality == Factuality::Asserted) {
            self.undated.count(a.doc.id.as_str(), e.date.is_some());
            if e.date.is_none() && self.undated.skipped {
                continue;
            }
            let row = self.row(lex, a, e);
            self.csv.write_record(&row)?;
        }
        Ok(())
    }

    /// The undated events met so far.
    pub fn undated(&self) -> &Undated {
        &self.undated
    }

    /// Flush and give back the output.
    pub fn finish(self) -> Result<W, ExportError> {
        self.csv.into_inner().map_err(|e| ExportError::Io(e.into_error()))
    }

    fn row(&mut self, lex: &Lexicon, a: &Analysis, e: &Event) -> Vec<String> {
        let chain: Vec<&Place> = e.place.as_ref().map(|p| lex.place_chain(p)).unwrap_or_default();
        let country_place = chain.iter().find(|p| p.kind == PlaceKind::Country).copied();
        let country = country_place.and_then(country_of);
        let country_name = country.map(|c| c.name_en.clone()).or(country_place.map(|p| p.name_en.clone()));
        let cname = country_name.clone().unwrap_or_default();
        let iso3 = country.map_or("XXX".to_string(), |c| c.iso3.clone());
        let n = self.counters.entry(iso3.clone()).or_insert(0);
        *n += 1;
        let event_id = format!("{iso3}{n}");

        let name = |id: &ActorId| -> String {
            match lex.actor(id) {
                Some(x) if x.kind == ActorKind::Civilians && !cname.is_empty() => format!("Civilians ({cname})"),
                Some(x) => x.name_en.clone(),
                None => id.to_string(),
            }
        };
        let (mut actor1, mut inter1) = match e.actors.first() {
            Some(id) => (name(id), Some(inter_code(lex, id))),
            None => (String::new(), None),
        };
        if actor1.is_empty() {
            let (label, code) = match e.event_type {
                EventType::Protests => ("Protesters", 6),
                EventType::Riots => ("Rioters", 5),
                _ => ("Unidentified Armed Group", 8),
            };
            actor1 = if cname.is_empty() { label.to_string() } else { format!("{label} ({cname})") };
            inter1 = Some(code);
        }
        let (actor2, inter2) = match e.actors.get(1) {
            Some(id) => (name(id), Some(inter_code(lex, id))),
            None => (String::new(), None),
        };
        let assoc = e.assoc_actors.iter().map(&name).collect::<Vec<_>>().join("; ");
        let violent = matches!(
            e.event_type,
            EventType::Battles | EventType::ExplosionsRemoteViolence | EventType::ViolenceAgainstCivilians
        );
        let civilian_targeting =
            if violent && (inter2 == Some(7) || e.event_type == EventType::ViolenceAgainstCivilians) {
                "Civilian targeting"
            } else {
                ""
            };
        let admin = |k: PlaceKind| chain.iter().find(|p| p.kind == k).map(|p| p.name_en.clone()).unwrap_or_default();
        let located = chain.iter().find(|p| p.lat.is_some() && p.lon.is_some());
        let coord = |v: Option<f64>| v.map(|x| format!("{x:.4}")).unwrap_or_default();
        let (event_date, year) = match &e.date {
            Some(d) => {
                let m = middle(d);
                (m.format("%Y-%m-%d").to_string(), m.year().to_string())
            }
            None => (String::new(), String::new()),
        };
        let source = a
            .meta
            .outlet
            .as_ref()
            .map(|o| lex.actor(o).map_or(o.to_string(), |x| x.name_en.clone()))
            .unwrap_or_else(|| a.doc.id.to_string());
        // A place the gazetteer lacks (`place:NAME`) is written with its name as the report
        // spells it.
        let location = chain.first().map(|p| p.name_en.clone()).unwrap_or_else(|| {
            e.place.as_ref().and_then(|p| p.as_str().strip_prefix("place:")).unwrap_or_default().to_string()
        });
        let fatalities = e.fatalities.map_or(0, |f| f.lo);
        let mut tags: Vec<String> = Vec::new();
        if let Some(f) = e.fatalities {
            if f.hi != Some(f.lo) {
                tags.push(format!("fatalities {}-{}", f.lo, f.hi.map_or("open".to_string(), |h| h.to_string())));
            }
        }
        if let Some(d) = e.date.filter(|d| !d.is_day()) {
            tags.push(format!("date range {d}"));
        }
        tags.push(format!("action {}", e.action));
        tags.extend(trace_tags(a));
        let evidence = a.text(e.evidence).split_whitespace().collect::<Vec<_>>().join(" ");
        let (with_object, alone) = verb(e.action);
        let mut notes = format!("{} {}", actor1, if actor2.is_empty() { alone } else { with_object });
        if !actor2.is_empty() {
            notes.push(' ');
            notes.push_str(&actor2);
        }
        if !location.is_empty() {
            notes.push_str(&format!(" in {location}"));
        }
        notes.push_str(&format!(". Source sentence: {evidence}"));
        let timestamp = a
            .meta
            .published
            .and_then(|p| p.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().timestamp().to_string())
            .unwrap_or_default();
        vec![
            event_id,
            event_date,
            year,
            if e.date.is_some() { e.time_precision.to_string() } else { String::new() },
            e.event_type.disorder_type().to_string(),
            e.event_type.to_string(),
            e.sub_type.to_string(),
            actor1,
            String::new(),
            inter1.map(|i| i.to_string()).unwrap_or_default(),
            actor2,
            assoc,
            inter2.map(|i| i.to_string()).unwrap_or_default(),
            interaction(inter1, inter2),
            civilian_targeting.to_string(),
            country.map(|c| c.iso.to_string()).unwrap_or_default(),
            country.map(|c| c.region.clone()).unwrap_or_default(),
            country_name.unwrap_or_default(),
            admin(PlaceKind::Governorate),
            admin(PlaceKind::District),
            admin(PlaceKind::Subdistrict),
            location,
            coord(located.and_then(|p| p.lat)),
            coord(located.and_then(|p| p.lon)),
            if e.place.is_some() { e.geo_precision.to_string() } else { String::new() },
            source,
            String::new(),
            notes,
            fatalities.to_string(),
            tags.join("; "),
            timestamp,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_without_a_second_actor_leaves_no_preposition_hanging() {
        for &a in marsad_core::Action::ALL {
            let alone = verb(a).1;
            let last = alone.rsplit(' ').next().unwrap_or("");
            assert!(!["on", "with", "to", "from", "against"].contains(&last), "{a}: {alone:?}");
        }
    }

    #[test]
    fn interaction_puts_the_lower_code_first() {
        assert_eq!(interaction(Some(2), Some(1)), "12");
        assert_eq!(interaction(Some(6), None), "60");
        assert_eq!(interaction(None, None), "");
    }

    #[test]
    fn inter_codes_follow_actor_kinds() {
        let lex = Lexicon::embedded();
        assert_eq!(inter_code(lex, &ActorId::new("isis")), 2);
        assert_eq!(inter_code(lex, &ActorId::new("global_coalition")), 1);
        assert_eq!(inter_code(lex, &ActorId::new("civilians")), 7);
        assert_eq!(inter_code(lex, &ActorId::new("no_such_actor")), 8);
    }

    #[test]
    fn country_table_has_codes_for_the_gazetteer_countries() {
        let lex = Lexicon::embedded();
        for p in lex.places.iter().filter(|p| p.kind == PlaceKind::Country) {
            assert!(country_of(p).is_some(), "no ISO code for {}", p.id);
        }
        let syria = countries().iter().find(|c| c.id == "syria").unwrap();
        assert_eq!((syria.iso, syria.iso3.as_str(), syria.region.as_str()), (760, "SYR", "Middle East"));
    }

    #[test]
    fn ranges_are_written_as_their_middle_day() {
        let d = DateRange::parse("2022-01-20/2022-01-24").unwrap();
        assert_eq!(middle(&d).to_string(), "2022-01-22");
    }
}
