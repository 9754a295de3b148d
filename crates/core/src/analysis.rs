//! What extraction finds in one document. Each item carries the sentence index and the byte
//! span of its evidence in the original text.

use crate::{
    Action, ActorId, ActorKind, ClaimKind, DateRange, Document, EventType, Metadata, PlaceId, PlaceKind, Qualifier,
    Reference, Role, Span, SubEventType,
};
use serde::{Deserialize, Serialize};

/// A sentence (or headline, or dateline) of the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    /// What kind of line this is: body sentences and headlines are both read for facts.
    pub kind: SentenceKind,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    #[default]
    Body,
    /// A short line without final punctuation at the top of the text or between paragraphs.
    Headline,
    /// A dateline or byline (`الحسكة (سوريا) -`, `2022.01.25 - 12:32`, `كتبه ...`).
    Dateline,
}

/// How a mention was linked to its record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// A name the lexicon lists.
    Name,
    /// A generic word (التنظيم، المتشددين) resolved to an organisation the article already named.
    Generic,
    /// A person found by a title or role pattern, linked to the body the role names.
    Pattern,
    /// A place name used for its government (واشنطن for the US government).
    Metonymy,
}

/// An actor mentioned in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorMention {
    pub span: Span,
    pub sentence: usize,
    pub actor: ActorId,
    pub kind: ActorKind,
    pub link: LinkKind,
    /// For persons found by pattern: the name as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The kind of a named entity found outside the lexicons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    /// An organisation, body or group: a ministry, court, agency, party, movement, outlet.
    Org,
    Place,
}

impl EntityKind {
    /// The prefix of the entity's id in the gold view (`person:NAME`, `org:NAME`, `place:NAME`).
    pub fn prefix(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Org => "org",
            EntityKind::Place => "place",
        }
    }
}

/// How an entity outside the lexicons was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntitySource {
    /// A title, role or kind noun before the name (`المتحدث باسم`, `وزارة`, `قرية`).
    Pattern,
    /// The statistical tagger.
    Model,
}

/// A person, organisation or place the lexicons do not hold, named in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityMention {
    /// The name only: no title before it, no clitic glued to its first word.
    pub span: Span,
    pub sentence: usize,
    pub kind: EntityKind,
    /// The name as written (`text[span]`, diacritics and tatweel removed).
    pub name: String,
    /// The body a person's role names (`المتحدث باسم وزارة الصحة` → the ministry), as a lexicon
    /// id or `org:NAME`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    pub source: EntitySource,
}

impl EntityMention {
    /// The entity's id in the gold view: `person:NAME`, `org:NAME` or `place:NAME`.
    pub fn id(&self) -> String {
        format!("{}:{}", self.kind.prefix(), self.name)
    }
}

/// A place mentioned in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceMention {
    pub span: Span,
    pub sentence: usize,
    pub place: PlaceId,
    pub kind: PlaceKind,
    /// ACLED geo precision implied by the match (1..=3).
    pub geo_precision: u8,
}

/// How a date expression relates to the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateForm {
    /// Names its day, month or year in full (`20 يناير 2022`).
    Absolute,
    /// Needs the publication date (`أمس`، `الخميس الماضي`).
    Relative,
    /// A span of days (`منذ الخميس`، `لليوم الثالث على التوالي`).
    Span,
}

/// A date expression found in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub span: Span,
    pub sentence: usize,
    pub text: String,
    pub form: DateForm,
    /// The resolved day or span; `None` when it cannot be resolved (a relative expression in
    /// an article without a publication date).
    pub value: Option<DateRange>,
    /// ACLED time precision of the value (1 day, 2 week, 3 month or more).
    pub precision: u8,
    /// True when the expression names a whole day (what the gold `dates` list holds).
    pub names_day: bool,
}

/// A figure's interval: `hi == None` means open above.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Interval {
    pub lo: u64,
    pub hi: Option<u64>,
}

impl Interval {
    pub const fn exact(n: u64) -> Self {
        Interval { lo: n, hi: Some(n) }
    }
    pub const fn at_least(n: u64) -> Self {
        Interval { lo: n, hi: None }
    }
    pub const fn between(lo: u64, hi: u64) -> Self {
        Interval { lo, hi: Some(hi) }
    }
    /// Whether some value lies in both.
    pub fn intersects(&self, other: &Interval) -> bool {
        let hi_a = self.hi.unwrap_or(u64::MAX);
        let hi_b = other.hi.unwrap_or(u64::MAX);
        self.lo <= hi_b && other.lo <= hi_a
    }
}

/// Who the report says a figure or statement comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attribution {
    /// Actor id, or the pseudo-ids `article` (the outlet's own voice) and `unnamed_sources`.
    pub source: ActorId,
    /// The cue that attributes it (`قال`، `بحسب`، `بيان`), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<Span>,
}

/// One figure the article reports about the conflict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    pub kind: ClaimKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<ActorId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    pub interval: Interval,
    pub qualifier: Qualifier,
    pub attribution: Attribution,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_of: Option<DateRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceId>,
    /// The number (or count word) itself.
    pub number: Span,
    /// A short verbatim part of the sentence that states the figure.
    pub evidence: Span,
    pub sentence: usize,
    /// Said under negation or doubt (لم يعرف بعد، لم يتسن التحقق).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
}

/// Whether an event is reported as having happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Factuality {
    #[default]
    Asserted,
    Negated,
    Hypothetical,
    Planned,
    Feared,
}

/// An event the article narrates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_type: EventType,
    pub sub_type: SubEventType,
    pub action: Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateRange>,
    /// ACLED time precision (1..=3); 0 when undated.
    pub time_precision: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceId>,
    /// ACLED geo precision (1..=3); 0 when no place.
    pub geo_precision: u8,
    /// Actor1 first, then actor2.
    pub actors: Vec<ActorId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assoc_actors: Vec<ActorId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fatalities: Option<Interval>,
    pub factuality: Factuality,
    /// The trigger word(s).
    pub trigger: Span,
    /// Evidence span (usually the trigger's clause or sentence).
    pub evidence: Span,
    pub sentence: usize,
    /// Every sentence that mentions this event, after merging mentions within the article.
    #[serde(default)]
    pub mentions: Vec<usize>,
}

/// Everything extracted from one document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Analysis {
    pub doc: Document,
    /// Metadata: given by the source where it was, else guessed from the text.
    pub meta: Metadata,
    /// The day relative dates were resolved against: the publication date, or a date the text
    /// prints near its top when no publication date is known (then marked inferred); `None`
    /// when neither exists and relative dates stay unresolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<Reference>,
    pub sentences: Vec<Sentence>,
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
    pub dates: Vec<DateMention>,
    pub claims: Vec<Claim>,
    pub events: Vec<Event>,
    /// Persons, organisations and places the lexicons do not hold (absent from older output).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntityMention>,
}

impl Analysis {
    /// The text under a span of this document (empty if the span is not valid for it).
    pub fn text(&self, span: Span) -> &str {
        span.slice(&self.doc.text).unwrap_or("")
    }

    /// Index of the sentence containing byte offset `at`.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= at);
        (i < self.sentences.len() && self.sentences[i].span.start <= at).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_intersect_with_open_ends() {
        assert!(Interval::at_least(300).intersects(&Interval::exact(3500)));
        assert!(!Interval::exact(7).intersects(&Interval::at_least(27)));
        assert!(Interval::between(20, 999).intersects(&Interval::exact(100)));
    }

    #[test]
    fn sentence_at_finds_the_enclosing_sentence() {
        let a = Analysis {
            sentences: vec![
                Sentence { span: Span::new(0, 10), kind: SentenceKind::Body },
                Sentence { span: Span::new(11, 20), kind: SentenceKind::Body },
            ],
            ..Default::default()
        };
        assert_eq!(a.sentence_at(3), Some(0));
        assert_eq!(a.sentence_at(15), Some(1));
        assert_eq!(a.sentence_at(10), None);
        assert_eq!(a.sentence_at(25), None);
    }
}
