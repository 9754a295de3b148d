//! Test support, not part of the library: synthetic reports for the tests and the example that
//! feeds the browser test. Report texts with the claims and events a reader finds in them,
//! written as TOML (`testdata/*.toml`). Entities come
//! from the real extraction (the caller passes `analyze`); claims and events are given, each
//! pinned to the text by its verbatim evidence, so fusion can be tested before — and
//! independently of — the extraction stages that find them.

use marsad_core::{
    Action, ActorId, Analysis, Attribution, Claim, ClaimKind, DateRange, DocId, Document, Event, Factuality, Interval,
    Metadata, PlaceId, Qualifier, Role, Span, SubEventType,
};
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum SyntheticError {
    #[error("report {report}: evidence {evidence:?} is not in its text")]
    Evidence { report: String, evidence: String },
    #[error("report {report}: unknown {what} {value:?}")]
    Vocabulary { report: String, what: &'static str, value: String },
    #[error("report {report}: bad date {value:?}")]
    Date { report: String, value: String },
    #[error("report {report}: gold annotation: {reason}")]
    Gold { report: String, reason: String },
}

#[derive(Clone, Debug, Deserialize)]
pub struct ReportSpec {
    pub id: String,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    pub text: String,
    #[serde(default)]
    pub claim: Vec<ClaimSpec>,
    #[serde(default)]
    pub event: Vec<EventSpec>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ClaimSpec {
    pub evidence: String,
    pub kind: String,
    pub group: Option<String>,
    pub role: Option<String>,
    pub lo: u64,
    pub hi: Option<u64>,
    pub qualifier: String,
    pub source: String,
    pub as_of: Option<String>,
    pub place: Option<String>,
    #[serde(default)]
    pub uncertain: bool,
}

#[derive(Clone, Debug, Deserialize)]
pub struct EventSpec {
    pub evidence: String,
    pub action: String,
    pub sub_type: String,
    pub date: Option<String>,
    pub place: Option<String>,
    #[serde(default)]
    pub actors: Vec<String>,
}

fn date(report: &str, s: &Option<String>) -> Result<Option<DateRange>, SyntheticError> {
    s.as_deref()
        .map(|v| DateRange::parse(v).ok_or_else(|| SyntheticError::Date { report: report.into(), value: v.into() }))
        .transpose()
}

fn vocab<T>(report: &str, what: &'static str, v: &str, parse: fn(&str) -> Option<T>) -> Result<T, SyntheticError> {
    parse(v).ok_or_else(|| SyntheticError::Vocabulary { report: report.into(), what, value: v.into() })
}

fn locate(a: &Analysis, report: &str, evidence: &str) -> Result<(Span, usize), SyntheticError> {
    let at = a
        .doc
        .text
        .find(evidence)
        .ok_or_else(|| SyntheticError::Evidence { report: report.into(), evidence: evidence.into() })?;
    let span = Span::new(at, at + evidence.len());
    Ok((span, a.sentence_at(at).unwrap_or(0)))
}

/// Build the analyses of synthetic reports: `analyze` finds sentences and entities, the spec
/// gives claims and events.
pub fn build(reports: &[ReportSpec], analyze: impl Fn(Document) -> Analysis) -> Result<Vec<Analysis>, SyntheticError> {
    let mut out = Vec::new();
    for r in reports {
        let published = date(&r.id, &r.published)?.map(|d| d.start);
        let doc = Document {
            id: DocId::new(&r.id),
            text: r.text.clone(),
            given: Metadata { published, outlet: r.outlet.as_deref().map(ActorId::new), ..Metadata::default() },
        };
        let mut a = analyze(doc);
        // the case states the claims (and, when it lists any, the events): what extraction finds
        // in the same text would count them twice
        a.claims.clear();
        if !r.event.is_empty() {
            a.events.clear();
        }
        for c in &r.claim {
            let (span, sentence) = locate(&a, &r.id, &c.evidence)?;
            a.claims.push(Claim {
                kind: vocab(&r.id, "claim kind", &c.kind, ClaimKind::parse)?,
                group: c.group.as_deref().map(ActorId::new),
                role: c.role.as_deref().map(|x| vocab(&r.id, "role", x, Role::parse)).transpose()?,
                interval: Interval { lo: c.lo, hi: c.hi },
                qualifier: vocab(&r.id, "qualifier", &c.qualifier, Qualifier::parse)?,
                attribution: Attribution { source: ActorId::new(&c.source), cue: None },
                as_of: date(&r.id, &c.as_of)?,
                place: c.place.as_deref().map(PlaceId::new),
                number: span,
                evidence: span,
                sentence,
                uncertain: c.uncertain,
            });
        }
        for e in &r.event {
            let (span, sentence) = locate(&a, &r.id, &e.evidence)?;
            let sub_type = vocab(&r.id, "sub-event type", &e.sub_type, SubEventType::parse)?;
            let d = date(&r.id, &e.date)?;
            let place = e.place.as_deref().map(PlaceId::new);
            a.events.push(Event {
                event_type: sub_type.event_type(),
                sub_type,
                action: vocab(&r.id, "action", &e.action, Action::parse)?,
                date: d,
                time_precision: d.map(|d| d.time_precision()).unwrap_or(0),
                geo_precision: if place.is_some() { 1 } else { 0 },
                place,
                actors: e.actors.iter().map(|x| ActorId::new(x)).collect(),
                assoc_actors: Vec::new(),
                fatalities: None,
                factuality: Factuality::Asserted,
                trigger: span,
                evidence: span,
                sentence,
                mentions: vec![sentence],
            });
        }
        out.push(a);
    }
    Ok(out)
}

/// A report with the claims and metadata of its gold annotation (`shared/eval/*.gold.json`,
/// format in `shared/eval/SCHEMA.md`): what a perfect claims stage would find. Each claim is
/// pinned to the text by its verbatim evidence; its number span is the first run of digits in
/// the evidence (the whole evidence when it has none).
pub fn from_gold(
    id: &str,
    text: &str,
    gold_json: &str,
    analyze: impl Fn(Document) -> Analysis,
) -> Result<Analysis, SyntheticError> {
    let bad = |reason: String| SyntheticError::Gold { report: id.into(), reason };
    let gold: serde_json::Value = serde_json::from_str(gold_json).map_err(|e| bad(e.to_string()))?;
    let meta = &gold["meta"];
    let given = Metadata {
        published: meta["published"].as_str().and_then(DateRange::parse).map(|d| d.start),
        outlet: meta["outlet"].as_str().map(ActorId::new),
        title: meta["title"].as_str().map(String::from),
        ..Metadata::default()
    };
    let mut a = analyze(Document { id: DocId::new(id), text: text.into(), given });
    a.claims.clear();
    let claims = gold["claims"].as_array().ok_or_else(|| bad("no claims array".into()))?;
    for c in claims {
        let field = |k: &str| c[k].as_str().ok_or_else(|| bad(format!("claim without {k}")));
        let ev = field("evidence")?;
        let (span, sentence) = locate(&a, id, ev)?;
        let mut run: Option<(usize, usize)> = None;
        for (i, ch) in ev.char_indices().filter(|(_, ch)| ch.is_numeric()) {
            let j = i + ch.len_utf8();
            run = match run {
                None => Some((i, j)),
                Some((s0, e0)) if e0 == i => Some((s0, j)),
                r => r,
            };
        }
        let number = run.map(|(i, j)| Span::new(span.start + i, span.start + j)).unwrap_or(span);
        a.claims.push(Claim {
            kind: vocab(id, "claim kind", field("kind")?, ClaimKind::parse)?,
            group: c["group"].as_str().map(ActorId::new),
            role: c["role"].as_str().map(|r| vocab(id, "role", r, Role::parse)).transpose()?,
            interval: Interval {
                lo: c["lo"].as_u64().ok_or_else(|| bad("claim without lo".into()))?,
                hi: c["hi"].as_u64(),
            },
            qualifier: vocab(id, "qualifier", field("qualifier")?, Qualifier::parse)?,
            attribution: Attribution { source: ActorId::new(field("source")?), cue: None },
            as_of: c["as_of"].as_str().and_then(DateRange::parse),
            place: c["place"].as_str().map(PlaceId::new),
            number,
            evidence: span,
            sentence,
            uncertain: false,
        });
    }
    Ok(a)
}
