//! The analyst view of `shared/eval/SCHEMA.md`: one object per article, with ids only.

use marsad_core::{Analysis, EntityKind, EntityMention, Factuality};
use serde::{Deserialize, Serialize};

/// Pseudo-ids that name who says a figure but are not actors of the article.
pub const PSEUDO_ACTORS: &[&str] = &["article", "unnamed_sources"];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoldDoc {
    pub doc: String,
    #[serde(default)]
    pub meta: GoldMeta,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
    #[serde(default)]
    pub dates: Vec<GoldDate>,
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GoldMeta {
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoldDate {
    pub text: String,
    pub value: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoldClaim {
    pub kind: String,
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub lo: Option<u64>,
    pub hi: Option<u64>,
    pub qualifier: Option<String>,
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoldFatalities {
    pub lo: u64,
    pub hi: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub event_type: String,
    pub sub_type: String,
    pub action: String,
    pub date: Option<String>,
    pub place: Option<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<GoldFatalities>,
}

fn unique<I: IntoIterator<Item = String>>(it: I) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in it {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// The gold view of an analysis. `doc` is the document id's file name.
pub fn view(a: &Analysis) -> GoldDoc {
    let doc = a.doc.id.as_str().rsplit(['/', '\\']).next().unwrap_or("").to_string();
    GoldDoc {
        doc,
        meta: GoldMeta {
            title: a.meta.title.clone(),
            published: a.meta.published.map(|d| d.format("%Y-%m-%d").to_string()),
            outlet: a.meta.outlet.as_ref().map(|o| o.to_string()),
            author: a.meta.author.clone(),
        },
        // Every actor the article names, and those its figures count or cite and its events
        // (as told, not as feared or planned) involve (civilians counted or targeted are an
        // actor of the article).
        actors: unique(
            a.actors
                .iter()
                .map(|m| m.actor.to_string())
                .chain(a.entities.iter().filter(|e| e.kind != EntityKind::Place).map(EntityMention::id))
                .chain(
                    a.claims.iter().flat_map(|c| c.group.iter().chain([&c.attribution.source])).map(|x| x.to_string()),
                )
                .chain(
                    a.events
                        .iter()
                        .filter(|e| e.factuality == Factuality::Asserted)
                        .flat_map(|e| &e.actors)
                        .map(|x| x.to_string()),
                )
                .filter(|id| !PSEUDO_ACTORS.contains(&id.as_str())),
        ),
        places: unique(
            a.places
                .iter()
                .map(|m| m.place.to_string())
                .chain(a.entities.iter().filter(|e| e.kind == EntityKind::Place).map(EntityMention::id)),
        ),
        dates: a
            .dates
            .iter()
            .filter(|d| d.names_day && d.value.is_some())
            .map(|d| GoldDate { text: d.text.clone(), value: d.value.map(|v| v.to_string()) })
            .collect(),
        claims: a
            .claims
            .iter()
            .map(|c| GoldClaim {
                kind: c.kind.to_string(),
                group: c.group.as_ref().map(|g| g.to_string()),
                role: c.role.map(|r| r.to_string()),
                lo: Some(c.interval.lo),
                hi: c.interval.hi,
                qualifier: Some(c.qualifier.to_string()),
                source: Some(c.attribution.source.to_string()),
                as_of: c.as_of.map(|d| d.to_string()),
                place: c.place.as_ref().map(|p| p.to_string()),
                evidence: a.text(c.evidence).to_string(),
            })
            .collect(),
        events: a
            .events
            .iter()
            .filter(|e| e.factuality == Factuality::Asserted)
            .map(|e| GoldEvent {
                event_type: e.event_type.to_string(),
                sub_type: e.sub_type.to_string(),
                action: e.action.to_string(),
                date: e.date.map(|d| d.to_string()),
                place: e.place.as_ref().map(|p| p.to_string()),
                actors: e.actors.iter().map(|x| x.to_string()).collect(),
                fatalities: e.fatalities.map(|f| GoldFatalities { lo: f.lo, hi: f.hi }),
            })
            .collect(),
    }
}
