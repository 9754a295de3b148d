//! Event extraction: every trigger's own examples, the argument and modality cases of
//! `testdata/events.toml`, figures and dates attached to events, and the two exports.

use chrono::NaiveDate;
use marsad_core::{
    Analysis, Attribution, Claim, ClaimKind, DateForm, DateMention, DateRange, DocId, Document, Event, Factuality,
    Interval, Qualifier, Span,
};
use marsad_extract::acled::{AcledWriter, COLUMNS};
use marsad_extract::geojson::GeoJsonWriter;
use marsad_extract::triggers::Triggers;
use marsad_extract::{analyze, events, Context};
use marsad_lexicon::find_mentions;
use marsad_text::TextLayer;
use serde::Deserialize;

fn doc(text: &str) -> Document {
    Document { id: DocId::new("case.txt"), text: text.to_string(), ..Document::default() }
}

fn asserted(a: &Analysis) -> Vec<&Event> {
    a.events.iter().filter(|e| e.factuality == Factuality::Asserted).collect()
}

fn describe(a: &Analysis) -> String {
    a.events
        .iter()
        .map(|e| format!("{}/{:?}/{:?}/{:?}", e.action, e.factuality, e.actors, e.place))
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn every_trigger_example_gives_its_action() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (i, entry) in Triggers::embedded().entries.iter().enumerate() {
        for ex in &entry.examples {
            checked += 1;
            let a = analyze(doc(&ex.text));
            if entry.dated && ex.action.is_some() && a.dates.is_empty() {
                eprintln!("skipped (no date stage output): {}", ex.text);
                continue;
            }
            let got = asserted(&a);
            let ok = match ex.action {
                None => got.is_empty(),
                Some(want) => got.iter().any(|e| e.action == want),
            };
            if !ok {
                failures.push(format!(
                    "trigger {i} ({}): {:?} expected {} got [{}]",
                    entry.action,
                    ex.text,
                    ex.action.map_or("none", |x| x.as_str()),
                    describe(&a)
                ));
            }
        }
    }
    assert!(checked > 60, "only {checked} examples");
    assert!(failures.is_empty(), "{} of {checked} examples fail:\n{}", failures.len(), failures.join("\n"));
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    needs_dates: bool,
    expected: Expected,
}

#[derive(Deserialize, Default)]
struct Expected {
    #[serde(default)]
    none: bool,
    action: Option<String>,
    actors: Option<Vec<String>>,
    actors_contain: Option<Vec<String>>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    sub_type: Option<String>,
    place: Option<String>,
    /// The event's date range as written in the gold view (`2022-01-20/2022-01-23`), or
    /// "none" for no date.
    date: Option<String>,
    factuality: Option<String>,
    #[serde(default)]
    absent: Vec<String>,
    /// How many asserted events of the action must come out.
    count: Option<usize>,
}

fn check(case: &Case) -> Result<(), String> {
    let a = analyze(doc(&case.text));
    if case.needs_dates && a.dates.is_empty() {
        eprintln!("skipped {} (no date stage output)", case.name);
        return Ok(());
    }
    let x = &case.expected;
    if x.none {
        return if asserted(&a).is_empty() { Ok(()) } else { Err(describe(&a)) };
    }
    let action = x.action.as_deref().ok_or("case names no action")?;
    let factuality = x.factuality.as_deref().unwrap_or("asserted");
    let found = a.events.iter().find(|e| {
        e.action.as_str() == action
            && serde_json::to_value(e.factuality).ok().and_then(|v| v.as_str().map(String::from)).as_deref()
                == Some(factuality)
    });
    let Some(e) = found else { return Err(format!("no {action}/{factuality} in [{}]", describe(&a))) };
    let actors: Vec<String> = e.actors.iter().map(|x| x.to_string()).collect();
    if let Some(want) = &x.actors {
        if &actors != want {
            return Err(format!("actors {actors:?}, want {want:?}"));
        }
    }
    if let Some(want) = &x.actors_contain {
        if !want.iter().all(|w| actors.contains(w)) {
            return Err(format!("actors {actors:?} lack {want:?}"));
        }
    }
    if let Some(t) = &x.event_type {
        if e.event_type.as_str() != t {
            return Err(format!("type {}, want {t}", e.event_type));
        }
    }
    if let Some(t) = &x.sub_type {
        if e.sub_type.as_str() != t {
            return Err(format!("sub_type {}, want {t}", e.sub_type));
        }
    }
    if let Some(want) = &x.date {
        let got = e.date.map(|d| d.to_string());
        if got.as_deref() != (want != "none").then_some(want.as_str()) {
            return Err(format!("date {got:?}, want {want}"));
        }
    }
    // `place = "none"`: the event must have no place.
    if let Some(p) = &x.place {
        let want = (p != "none").then_some(p.as_str());
        if e.place.as_ref().map(|p| p.as_str()) != want {
            return Err(format!("place {:?}, want {p}", e.place));
        }
    }
    if let Some(n) = x.count {
        let got = asserted(&a).iter().filter(|e| e.action.as_str() == action).count();
        if got != n {
            return Err(format!("{got} {action} events, want {n}: [{}]", describe(&a)));
        }
    }
    for other in &x.absent {
        if asserted(&a).iter().any(|e| e.action.as_str() == other) {
            return Err(format!("{other} should be absorbed: [{}]", describe(&a)));
        }
    }
    Ok(())
}

#[test]
fn argument_and_modality_cases() {
    let cases: Cases = toml::from_str(include_str!("../testdata/events.toml")).expect("testdata/events.toml parses");
    assert!(cases.case.len() >= 30);
    let failures: Vec<String> =
        cases.case.iter().filter_map(|c| check(c).err().map(|e| format!("{}: {e}", c.name))).collect();
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), cases.case.len(), failures.join("\n"));
}

/// Run the event stage alone with dates and figures built by hand.
fn events_with(text: &str, published: Option<NaiveDate>, dates: &[DateMention], claims: &[Claim]) -> Vec<Event> {
    let d = doc(text);
    let layer = TextLayer::new(text);
    let mentions = find_mentions(&layer);
    let ctx = Context::new(&d, &layer, &mentions);
    events::find(&ctx, published, dates, claims)
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the case text"));
    Span::new(start, start + needle.len())
}

fn killed(text: &str, number: &str, group: &str, interval: Interval) -> Claim {
    Claim {
        kind: ClaimKind::Killed,
        group: Some(marsad_core::ActorId::new(group)),
        role: None,
        interval,
        qualifier: if interval.hi.is_none() { Qualifier::AtLeast } else { Qualifier::Exact },
        attribution: Attribution { source: marsad_core::ActorId::new("article"), cue: None },
        as_of: None,
        place: None,
        number: span_of(text, number),
        evidence: span_of(text, number),
        sentence: 0,
        uncertain: false,
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn date_mention(text: &str, expr: &str, sentence: usize, value: &str) -> DateMention {
    DateMention {
        span: span_of(text, expr),
        sentence,
        text: expr.to_string(),
        form: DateForm::Relative,
        value: DateRange::parse(value),
        precision: DateRange::parse(value).map_or(0, |v| v.time_precision()),
        names_day: true,
    }
}

#[test]
fn killed_figures_become_the_event_fatalities() {
    let text = "قتل سبعة عناصر من قوات سوريا الديمقراطية في هجوم شنه تنظيم داعش على حاجز في الحسكة.";
    let ev = events_with(text, None, &[], &[killed(text, "سبعة", "sdf", Interval::exact(7))]);
    let attack = ev.iter().find(|e| e.action.as_str() == "attack").expect("an attack");
    assert_eq!(attack.fatalities, Some(Interval::exact(7)));
}

#[test]
fn figures_for_different_groups_add_up_and_stay_open() {
    let text = "قتل ما لا يقل عن 180 من عناصر داعش و27 من قوات سوريا الديمقراطية في اشتباكات داخل سجن الصناعة.";
    let claims = [killed(text, "180", "isis", Interval::at_least(180)), killed(text, "27", "sdf", Interval::exact(27))];
    let ev = events_with(text, None, &[], &claims);
    let clash = ev.iter().find(|e| e.action.as_str() == "clash").expect("a clash");
    assert_eq!(clash.fatalities, Some(Interval { lo: 207, hi: None }));
}

#[test]
fn an_event_takes_the_date_of_its_sentence() {
    let text = "هاجم تنظيم داعش سجن الصناعة في الحسكة الخميس الماضي.";
    let dates = [date_mention(text, "الخميس الماضي", 0, "2022-01-20")];
    let ev = events_with(text, Some(day("2022-01-25")), &dates, &[]);
    let e = ev.iter().find(|e| e.action.as_str() == "attack").expect("an attack");
    assert_eq!(e.date, DateRange::parse("2022-01-20"));
    assert_eq!(e.time_precision, 1);
}

#[test]
fn an_undated_event_spans_the_story_to_publication() {
    let text =
        "بدأ الهجوم على سجن الصناعة الخميس الماضي.\nواعتقلت قوات سوريا الديمقراطية عشرات من عناصر داعش في الحسكة.";
    let dates = [date_mention(text, "الخميس الماضي", 0, "2022-01-20")];
    let ev = events_with(text, Some(day("2022-01-25")), &dates, &[]);
    let arrest = ev.iter().find(|e| e.action.as_str() == "arrest").expect("an arrest");
    assert_eq!(arrest.date, DateRange::parse("2022-01-20/2022-01-25"));
    assert_eq!(arrest.time_precision, 2);
}

#[test]
fn an_event_told_as_history_keeps_its_own_date() {
    let text = "يعد هذا الهجوم الأكبر منذ هزيمة داعش في الباغوز في مارس 2019.";
    let dates = [date_mention(text, "مارس 2019", 0, "2019-03-01/2019-03-31")];
    let ev = events_with(text, Some(day("2022-01-25")), &dates, &[]);
    let r = ev.iter().find(|e| e.action.as_str() == "recapture").expect("a recapture");
    assert_eq!(r.date, DateRange::parse("2019-03-01/2019-03-31"));
    assert!(ev.iter().all(|e| e.action.as_str() != "attack" || e.factuality != Factuality::Asserted));
}

#[test]
fn mentions_of_one_event_merge() {
    let text = "هاجم تنظيم داعش سجن الصناعة في الحسكة.\nوأسفر هجوم داعش على السجن عن قتلى.";
    let ev = events_with(text, None, &[], &[]);
    let attacks: Vec<&Event> = ev.iter().filter(|e| e.action.as_str() == "attack").collect();
    assert_eq!(attacks.len(), 1, "{ev:?}");
    assert_eq!(attacks[0].mentions, vec![0, 1]);
}

#[test]
fn evidence_and_trigger_spans_point_at_the_text() {
    let text = "اندلعت اشتباكات عنيفة بين الجيش السوري وتنظيم داعش في ريف حمص.";
    let ev = events_with(text, None, &[], &[]);
    let e = ev.first().expect("an event");
    assert_eq!(&text[e.trigger.range()], "اشتباكات عنيفة");
    assert_eq!(&text[e.evidence.range()], text);
}

const SAMPLE: &[&str] = &[
    "هاجم مسلحو داعش حاجزا لقوات سوريا الديمقراطية في الحسكة.",
    "شنت طائرات التحالف الدولي غارات على مواقع داعش قرب الباغوز.",
    "أطلق عناصر داعش النار على المدنيين في سوق دير الزور.",
    "تظاهر مئات الأهالي في مدينة الحسكة احتجاجا على انقطاع المياه.",
];

#[test]
fn acled_csv_has_acled_columns_in_order() {
    let mut w = AcledWriter::new(Vec::new()).unwrap();
    for (i, t) in SAMPLE.iter().enumerate() {
        let mut d = doc(t);
        d.id = DocId::new(&format!("sample{i}.txt"));
        d.given.published = Some(day("2022-01-25"));
        w.write(&analyze(d)).unwrap();
    }
    let bytes = w.finish().unwrap();
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let expected = [
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
    assert_eq!(header, expected);
    assert_eq!(COLUMNS.as_slice(), expected.as_slice());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert!(rows.len() >= 4, "{rows:?}");
    let col = |name: &str| expected.iter().position(|c| *c == name).unwrap();
    let mut ids = std::collections::BTreeSet::new();
    for row in &rows {
        assert_eq!(row.len(), 31);
        assert!(ids.insert(row[col("event_id_cnty")].to_string()), "duplicate id");
        assert!(row[col("event_id_cnty")].starts_with("SYR"));
        assert_eq!(&row[col("iso")], "760");
        assert_eq!(&row[col("region")], "Middle East");
        assert_eq!(&row[col("event_date")], "2022-01-25");
        assert!(row[col("fatalities")].parse::<u64>().is_ok());
        let lat: f64 = row[col("latitude")].parse().unwrap();
        let lon: f64 = row[col("longitude")].parse().unwrap();
        assert!((32.0..38.0).contains(&lat) && (35.0..43.0).contains(&lon), "{lat},{lon}");
        assert!(!row[col("actor1")].is_empty());
    }
    let vac = rows.iter().find(|r| &r[col("event_type")] == "Violence against civilians").expect("a VAC row");
    assert_eq!(&vac[col("civilian_targeting")], "Civilian targeting");
    assert_eq!(&vac[col("interaction")], "27");
    let protest = rows.iter().find(|r| &r[col("event_type")] == "Protests").expect("a protest row");
    assert_eq!(&protest[col("disorder_type")], "Demonstrations");
}

#[test]
fn acled_csv_is_deterministic() {
    let run = || {
        let mut w = AcledWriter::new(Vec::new()).unwrap();
        for t in SAMPLE {
            w.write(&analyze(doc(t))).unwrap();
        }
        w.finish().unwrap()
    };
    assert_eq!(run(), run());
}

#[test]
fn geojson_features_are_points_in_range() {
    let mut w = GeoJsonWriter::new(Vec::new()).unwrap();
    for t in SAMPLE {
        w.write(&analyze(doc(t))).unwrap();
    }
    let bytes = w.finish().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().expect("features");
    assert!(features.len() >= 4);
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().expect("coordinates");
        assert_eq!(c.len(), 2);
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        // Syria: longitude first.
        assert!(lon > lat, "[{lon}, {lat}] is not [lon, lat]");
        assert!(f["properties"]["evidence"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(f["properties"]["event_type"].is_string());
    }
}

#[test]
fn empty_input_gives_an_empty_collection_and_a_header_only_csv() {
    let v: serde_json::Value =
        serde_json::from_slice(&GeoJsonWriter::new(Vec::new()).unwrap().finish().unwrap()).unwrap();
    assert_eq!(v["features"].as_array().map(|a| a.len()), Some(0));
    let csv = AcledWriter::new(Vec::new()).unwrap().finish().unwrap();
    assert_eq!(String::from_utf8(csv).unwrap().lines().count(), 1);
}
