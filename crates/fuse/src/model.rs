//! The output of fusion: stories with their reports, merged events, claim slots and timeline.
//! Field names are a stable contract, documented in `FORMAT.md`.

use marsad_core::{Action, ActorId, ClaimKind, DateRange, DocId, EventType, PlaceId, Qualifier, Role, SubEventType};
use serde::Serialize;

/// Version tag of the JSON format.
pub const FORMAT: &str = "marsad-stories/1";

#[derive(Clone, Debug, Serialize)]
pub struct Fusion {
    pub format: &'static str,
    /// The rules applied, in words, so a reader of the output knows what `conflict` means.
    pub rules: Rules,
    pub stories: Vec<Story>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Rules {
    pub story: String,
    /// Which claims are set side by side in one slot.
    pub slot: String,
    pub contradiction: String,
    pub moved: String,
    pub estimate: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Story {
    /// `story-1`, `story-2`... in order of the earliest report.
    pub id: String,
    /// Headline of the first report that has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Days the story covers (report and event dates), when any is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<DateRange>,
    pub reports: Vec<Report>,
    pub places: Vec<PlaceRef>,
    pub actors: Vec<ActorRef>,
    pub events: Vec<EventRecord>,
    pub slots: Vec<Slot>,
    pub timeline: Vec<TimelineEntry>,
    pub sources: Vec<SourceRef>,
}

/// One report of the story.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub doc: DocId,
    /// The outlet id from the metadata, else the document id.
    pub outlet: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<chrono::NaiveDate>,
    /// Set when this report repeats an earlier one almost word for word: its claims are shown
    /// but are not counted as a second witness.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub near_duplicate_of: Option<DocId>,
    /// Why it joined the story: the report it was linked to and the shared evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linked: Option<Link>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Link {
    pub to: DocId,
    /// Cosine similarity of the two reports' content words (TF-IDF).
    pub text: f64,
    /// The most specific place they share.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceId>,
    pub actors: Vec<ActorId>,
    /// True when they report a matching event.
    pub event: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlaceRef {
    pub id: PlaceId,
    pub name_en: String,
    pub name_ar: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Mentions across the story's reports.
    pub mentions: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct ActorRef {
    pub id: ActorId,
    pub name_en: String,
    pub mentions: usize,
}

/// One real-world event, merged over the reports that narrate it.
#[derive(Clone, Debug, Serialize)]
pub struct EventRecord {
    pub id: String,
    pub action: Action,
    pub event_type: EventType,
    pub sub_type: SubEventType,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceId>,
    pub actors: Vec<ActorId>,
    /// Fatality figures as each report gives them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fatalities: Vec<FatalityRef>,
    pub reports: Vec<EventReport>,
}

#[derive(Clone, Debug, Serialize)]
pub struct FatalityRef {
    pub doc: DocId,
    pub lo: u64,
    pub hi: Option<u64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventReport {
    pub doc: DocId,
    pub outlet: String,
    pub action: Action,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateRange>,
    pub evidence: String,
}

/// The counted group of a slot.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Group {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<ActorId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// Claims about one figure: same kind, same counted group, same place or event.
#[derive(Clone, Debug, Serialize)]
pub struct Slot {
    pub id: String,
    pub kind: ClaimKind,
    pub group: Group,
    /// Always written (null when the slot has no place).
    pub place: Option<PlaceId>,
    /// `surrendered · Islamic State (ISIS) fighters · al-Sina'a (Ghwayran) prison`
    pub label: String,
    pub claims: Vec<ClaimRecord>,
    /// True when two claims cannot both be true (see `rules.contradiction`).
    pub conflict: bool,
    /// Why: the first contradicting pair, or why the slot agrees.
    pub reason: String,
    pub status: SlotStatus,
    /// True when the figure changed between moments (see `rules.moved`).
    pub moved: bool,
    /// Every compared pair that did not simply agree.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pairs: Vec<PairNote>,
    /// Distinct attributed sources (not outlets) behind the claims.
    pub independent_sources: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimate: Option<Estimate>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClaimRecord {
    /// Index of the claim in this slot, the number pairs refer to.
    pub n: usize,
    pub doc: DocId,
    pub outlet: String,
    pub source: ActorId,
    pub lo: u64,
    pub hi: Option<u64>,
    pub qualifier: Qualifier,
    pub role: Option<Role>,
    pub place: Option<PlaceId>,
    pub as_of: Option<DateRange>,
    /// The moment the figure is compared at: `as_of`, else the report's publication date.
    pub moment: Option<DateRange>,
    /// The verbatim evidence (Arabic).
    pub evidence: String,
    /// The whole sentence it stands in.
    pub sentence: String,
    /// A claim of "all"/"none" read as a zero, with the rule that read it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zero_rule: Option<String>,
    /// Counts part of a larger figure (بينهم، منهم): shown, not compared.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub subset: bool,
    /// Said under doubt or negation in the report.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub uncertain: bool,
    /// From a near-duplicate report: shown, not counted.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub duplicate: bool,
    /// The same report already gave this figure from the same source in this slot (a restated
    /// sentence): shown, not counted twice.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub restated: bool,
    /// True when this claim is in a contradicting pair.
    pub conflict: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PairNote {
    pub a: usize,
    pub b: usize,
    pub relation: PairRelation,
    pub basis: Basis,
    pub reason: String,
}

/// What a slot's claims say together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotStatus {
    /// Two claims cannot both be true.
    Contradiction,
    /// The figure changed between moments.
    Moved,
    /// The figures overlap once hedges are widened.
    Agree,
    /// One comparable claim.
    Single,
}

impl SlotStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotStatus::Contradiction => "contradiction",
            SlotStatus::Moved => "moved",
            SlotStatus::Agree => "agree",
            SlotStatus::Single => "single",
        }
    }
}

/// How two claims of a slot that do not simply agree relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PairRelation {
    Contradiction,
    Moved,
}

/// Why two claims contradict each other, or how a figure moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    // Contradictions, strongest evidence first (the order ranks them).
    /// Both at the same moment.
    SameMoment,
    /// A running total fell below an earlier floor.
    RunningTotalFell,
    /// The size of one event changed over time.
    FixedSize,
    /// One side has no date, so a change over time cannot be told from a disagreement.
    Undated,
    // Moves.
    /// Changed by a factor of 2 or more: flagged all the same.
    #[serde(rename = "factor_2")]
    Factor2,
    /// Changed.
    Changed,
}

/// UCDP-style low / best / high over the latest moment, and the consensus interval.
#[derive(Clone, Debug, Serialize)]
pub struct Estimate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moment: Option<DateRange>,
    /// Claims the estimate is computed from.
    pub claims: Vec<usize>,
    /// What every one of those claims allows (hedges widened), when they overlap.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consensus: Option<Span64>,
    pub low: u64,
    pub best: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<u64>,
    /// The conservative figure: `low`.
    pub conservative: u64,
    pub rule: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Span64 {
    pub lo: u64,
    pub hi: Option<u64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimelineEntry {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateRange>,
    /// `event` or `claim`.
    pub kind: &'static str,
    /// Event id or slot id.
    #[serde(rename = "ref")]
    pub refers: String,
    pub label: String,
    pub docs: Vec<DocId>,
}

#[derive(Clone, Debug, Serialize)]
pub struct SourceRef {
    /// Attributed source id (`sdf`, `unnamed_sources`, `article`...).
    pub source: ActorId,
    pub name_en: String,
    /// Outlets that carry its claims.
    pub outlets: Vec<String>,
    pub claims: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_bases_keep_their_names_in_json() {
        let names = |v: &[Basis]| v.iter().map(|b| serde_json::to_string(b).unwrap()).collect::<Vec<_>>();
        assert_eq!(
            names(&[
                Basis::SameMoment,
                Basis::RunningTotalFell,
                Basis::FixedSize,
                Basis::Undated,
                Basis::Factor2,
                Basis::Changed
            ]),
            [
                "\"same_moment\"",
                "\"running_total_fell\"",
                "\"fixed_size\"",
                "\"undated\"",
                "\"factor_2\"",
                "\"changed\""
            ]
        );
        for s in [SlotStatus::Contradiction, SlotStatus::Moved, SlotStatus::Agree, SlotStatus::Single] {
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.as_str()));
        }
        assert_eq!(serde_json::to_string(&PairRelation::Moved).unwrap(), "\"moved\"");
        // the order ranks contradictions: the strongest evidence first
        assert!(Basis::SameMoment < Basis::RunningTotalFell && Basis::FixedSize < Basis::Undated);
    }
}
