//! The kinds and values of the phrase tables under `data/`, as enums: a table whose file names
//! a kind or a value its enum lacks does not load (see [`crate::vocab::read_rows`]), and the
//! code compares kinds the compiler checks. Free values (gazetteer ids, numbers) stay data.
//!
//! Design decision: one enum of kinds per file, its variants the labels of the file's `kind`
//! column (snake_case serde names); a value column that holds a closed set is an enum too, read
//! by the kind of its row, so a value that means nothing for its kind is also an error.

use marsad_core::{ClaimKind, Qualifier, Role};
use serde::Deserialize;

use crate::vocab::{label, PhraseKind};

/// The `value` labels that say a row has no value.
fn none(value: &str) -> Option<()> {
    matches!(value, "" | "0").then_some(())
}

/// The kinds of `claims.tsv`: what a figure counts, read from the word that governs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PredicateKind {
    Killed,
    Injured,
    Arrested,
    Surrendered,
    Escaped,
    Attackers,
    Held,
    Strength,
    Displaced,
    /// فقد، خسر: a force's own dead are then its losses in total.
    LossVerb,
    /// يضم: people held when they are detainees, else the size of a force.
    Contains,
    /// A word naming an attack, for [`Cue::Join`].
    AttackNoun,
}

impl PredicateKind {
    /// The claim kind a predicate of this kind says by itself.
    pub fn claim_kind(self) -> Option<ClaimKind> {
        Some(match self {
            PredicateKind::Killed => ClaimKind::Killed,
            PredicateKind::Injured => ClaimKind::Injured,
            PredicateKind::Arrested => ClaimKind::Arrested,
            PredicateKind::Surrendered => ClaimKind::Surrendered,
            PredicateKind::Escaped => ClaimKind::Escaped,
            PredicateKind::Attackers => ClaimKind::Attackers,
            PredicateKind::Held => ClaimKind::Held,
            PredicateKind::Strength => ClaimKind::Strength,
            PredicateKind::Displaced => ClaimKind::Displaced,
            PredicateKind::LossVerb | PredicateKind::Contains | PredicateKind::AttackNoun => return None,
        })
    }
}

/// The value of a row of `claims.tsv`: how the word governs the counted people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cue {
    /// A verb governing the counted people.
    Verb,
    /// A verbal noun governing them.
    Masdar,
    /// A verb whose subject is the counted people: it counts only after them.
    After,
    /// A participle describing them.
    Modifier,
    /// People who gather: a crowd.
    Crowd,
    /// Taking part: attackers only where an attack is named next to it.
    Join,
    /// No cue: an [`PredicateKind::AttackNoun`].
    #[serde(rename = "0")]
    Unmarked,
}

impl PhraseKind for PredicateKind {
    type Value = Cue;

    fn value(self, value: &str) -> Option<Cue> {
        let cue = label::<Cue>(value).ok()?;
        // An attack noun has no cue, every other predicate one.
        ((self == PredicateKind::AttackNoun) == (cue == Cue::Unmarked)).then_some(cue)
    }
}

/// The kinds of `counted.tsv`: nouns that count people or forces.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CountedKind {
    Fighters,
    Members,
    Detainees,
    Civilians,
    Staff,
    /// People with no role of the schema and no side (شخص، رجل).
    Person,
    /// Nouns that say the claim kind themselves.
    Dead,
    Wounded,
    DisplacedPeople,
    /// Relatives of members of a group.
    Families,
    /// More of the people just counted (آخرين).
    Others,
    /// A qualifier of a subset (أجانب).
    Subset,
    /// A word between a number and its group (عناصر من).
    Quantifier,
    /// What most of the people just counted are (معظمهم).
    Mostly,
}

impl CountedKind {
    /// The role of the people a noun of this kind counts, if it is a role of the schema.
    pub fn role(self) -> Option<Role> {
        Some(match self {
            CountedKind::Fighters => Role::Fighters,
            CountedKind::Members => Role::Members,
            CountedKind::Detainees => Role::Detainees,
            CountedKind::Civilians => Role::Civilians,
            CountedKind::Staff => Role::Staff,
            _ => return None,
        })
    }
}

/// The value of a row of `counted.tsv`: what the noun says about who is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Counted {
    Person,
    /// Fighters of an armed group the noun does not name (متشدد).
    Militant,
    /// Women and children.
    Dependants,
    /// Staff who are civilians (medical and aid workers).
    Civilian,
    /// Members of a state's army, police or security forces.
    Soldier,
    Police,
    Security,
}

impl Counted {
    /// The service of a state's force the noun names.
    pub fn service(self) -> Option<Service> {
        match self {
            Counted::Soldier => Some(Service::Army),
            Counted::Police => Some(Service::Police),
            Counted::Security => Some(Service::Forces),
            _ => None,
        }
    }
}

impl PhraseKind for CountedKind {
    type Value = Counted;

    fn value(self, value: &str) -> Option<Counted> {
        label(value).ok()
    }
}

/// The service a noun of a state's force names (`counted.tsv` values soldier, police, security;
/// `nationalities.tsv` force heads army, police, forces).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Army,
    Police,
    /// The security forces as a whole (soldiers and police counted together).
    Forces,
}

impl Service {
    /// Two services counted together are the forces as a whole.
    pub fn join(a: Option<Service>, b: Service) -> Service {
        match a {
            Some(a) if a != b => Service::Forces,
            _ => b,
        }
    }
}

/// The kinds of `nationalities.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NationalityKind {
    /// A nationality adjective or noun; its value the gazetteer id of the country.
    Nationality,
    /// The first words of a force's name before the adjective; its value the service.
    ForceHead,
}

/// The value of a row of `nationalities.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NationalityValue {
    /// The gazetteer id of a country (free: the gazetteer's, checked by a test against it).
    Country(String),
    Service(Service),
}

impl NationalityValue {
    pub fn country(&self) -> Option<&str> {
        match self {
            NationalityValue::Country(c) => Some(c),
            NationalityValue::Service(_) => None,
        }
    }

    pub fn service(&self) -> Option<Service> {
        match self {
            NationalityValue::Service(s) => Some(*s),
            NationalityValue::Country(_) => None,
        }
    }
}

impl PhraseKind for NationalityKind {
    type Value = NationalityValue;

    fn value(self, value: &str) -> Option<NationalityValue> {
        match self {
            NationalityKind::Nationality => {
                (!value.is_empty() && none(value).is_none()).then(|| NationalityValue::Country(value.to_string()))
            }
            NationalityKind::ForceHead => label(value).ok().map(NationalityValue::Service),
        }
    }
}

/// The kinds of `hedges.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HedgeKind {
    AtLeast,
    MoreThan,
    About,
    UpTo,
    LessThan,
    /// A word that opens a range (بين A و B).
    RangeOpen,
    /// من of من A إلى B.
    RangeFrom,
    /// The word that joins a range's two bounds.
    RangeJoin,
}

impl HedgeKind {
    /// The qualifier a hedge of this kind gives a figure.
    pub fn qualifier(self) -> Option<Qualifier> {
        Some(match self {
            HedgeKind::AtLeast => Qualifier::AtLeast,
            HedgeKind::MoreThan => Qualifier::MoreThan,
            HedgeKind::About => Qualifier::About,
            HedgeKind::UpTo | HedgeKind::LessThan => Qualifier::UpTo,
            HedgeKind::RangeOpen | HedgeKind::RangeFrom | HedgeKind::RangeJoin => return None,
        })
    }
}

/// The value of a row of `hedges.tsv`: where the hedge stands, or, for a range's join, which
/// word it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HedgePlace {
    /// Before the number.
    Before,
    /// After the number or its noun.
    After,
    /// و of بين A و B.
    And,
    /// أو of A أو B.
    Or,
    /// إلى of من A إلى B.
    To,
}

impl PhraseKind for HedgeKind {
    type Value = HedgePlace;

    fn value(self, value: &str) -> Option<HedgePlace> {
        let place = label::<HedgePlace>(value).ok()?;
        let joins = matches!(place, HedgePlace::And | HedgePlace::Or | HedgePlace::To);
        ((self == HedgeKind::RangeJoin) == joins).then_some(place)
    }
}

/// The kinds of `attribution.tsv` (described in its header).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttributionKind {
    ReportVerb,
    Impersonal,
    ReportNoun,
    FigureVerb,
    According,
    Comp,
    Relay,
    Unnamed,
    Affiliation,
    Addressee,
    Anaphor,
    Reset,
    Doubt,
    Subset,
    Also,
    Holder,
    NotCount,
    ElidedFollow,
    Resumptive,
    SizeOf,
    TimeRef,
    AsSaid,
    Correspondent,
    YearBefore,
    UnitAfter,
}

/// The value of a row of `attribution.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttributionValue {
    None,
    /// A reporting verb that may give what it reports with بـ.
    Bi,
    /// A verb of accusing: its speaker comes before it.
    Accuse,
    /// A doubt on the figure right after it in its clause.
    Forward,
    /// A doubt on the nearest figure before it.
    Back,
}

impl PhraseKind for AttributionKind {
    type Value = AttributionValue;

    fn value(self, value: &str) -> Option<AttributionValue> {
        if none(value).is_some() {
            return Some(AttributionValue::None);
        }
        Some(match (self, value) {
            (AttributionKind::ReportVerb, "bi") => AttributionValue::Bi,
            (AttributionKind::ReportVerb, "accuse") => AttributionValue::Accuse,
            (AttributionKind::Doubt, "forward") => AttributionValue::Forward,
            (AttributionKind::Doubt, "back") => AttributionValue::Back,
            _ => return None,
        })
    }
}

/// The kinds of `dates.tsv` (described in its header), and the named days of
/// `named_days.tsv`, which join the date table as [`DateKind::Named`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    Month,
    Hmonth,
    Weekday,
    Relday,
    Daypart,
    Past,
    Next,
    Current,
    Period,
    Yearword,
    Hijri,
    Since,
    Ago,
    Dayunit,
    Ordinal,
    Running,
    After,
    Of,
    Ofit,
    Sameday,
    Relpron,
    Equal,
    And,
    Only,
    From,
    /// A day known by a name; its value the row of `named_days.tsv`. Not a label of
    /// `dates.tsv`: the named days are added from their own table.
    #[serde(skip)]
    Named,
}

impl PhraseKind for DateKind {
    /// A number: a month, a weekday, an offset or a length in days (0 when the kind has none).
    type Value = i64;

    fn value(self, value: &str) -> Option<i64> {
        value.parse().ok()
    }
}

/// The kinds of `page.tsv`: page furniture that is not article content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    /// A line that is a button, a form or a prompt.
    Chrome,
    /// A mark that makes any line holding it furniture.
    ChromeMark,
    /// A word that opens a byline.
    Byline,
    /// The start of a line naming a source.
    SourceLine,
    /// A mark of an embedded post.
    EmbedMark,
}

impl PhraseKind for PageKind {
    type Value = ();

    fn value(self, value: &str) -> Option<()> {
        none(value)
    }
}
