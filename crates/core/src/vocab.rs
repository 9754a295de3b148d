//! Closed vocabularies. Serde names follow `shared/eval/SCHEMA.md` and ACLED's labels.

use serde::{Deserialize, Serialize};

macro_rules! str_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $s)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }

            /// Parse the serde name; `None` for anything else.
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

str_enum!(
    /// What a figure counts.
    ClaimKind {
        Killed = "killed",
        Injured = "injured",
        Arrested = "arrested",
        Surrendered = "surrendered",
        Escaped = "escaped",
        Attackers = "attackers",
        Held = "held",
        Strength = "strength",
        Displaced = "displaced",
        LossesTotal = "losses_total",
    }
);

str_enum!(
    /// The hedge on a figure, which fixes its interval.
    Qualifier {
        Exact = "exact",
        AtLeast = "at_least",
        MoreThan = "more_than",
        About = "about",
        UpTo = "up_to",
        Range = "range",
        Vague = "vague",
    }
);

str_enum!(
    /// The role of the people a figure counts.
    Role {
        Fighters = "fighters",
        Detainees = "detainees",
        Civilians = "civilians",
        Members = "members",
        Staff = "staff",
    }
);

str_enum!(
    /// Kinds of actor in the actor lexicon.
    ActorKind {
        NonStateArmedGroup = "non_state_armed_group",
        StateForce = "state_force",
        Police = "police",
        Political = "political",
        InternationalOrg = "international_org",
        Media = "media",
        Outlet = "outlet",
        Research = "research",
        Civilians = "civilians",
        Person = "person",
        Generic = "generic",
    }
);

str_enum!(
    /// Kinds of place in the gazetteer.
    PlaceKind {
        Country = "country",
        Region = "region",
        Governorate = "governorate",
        District = "district",
        Subdistrict = "subdistrict",
        City = "city",
        Town = "town",
        Village = "village",
        Neighborhood = "neighborhood",
        Facility = "facility",
    }
);

impl PlaceKind {
    /// ACLED geo-precision implied by matching a place of this kind: 1 = the exact town or a
    /// site in it, 2 = a nearby or surrounding area, 3 = only a wider region is known.
    pub fn geo_precision(&self) -> u8 {
        match self {
            PlaceKind::City | PlaceKind::Town | PlaceKind::Village | PlaceKind::Neighborhood | PlaceKind::Facility => 1,
            PlaceKind::District | PlaceKind::Subdistrict => 2,
            PlaceKind::Country | PlaceKind::Region | PlaceKind::Governorate => 3,
        }
    }
}

str_enum!(
    /// ACLED event types.
    EventType {
        Battles = "Battles",
        ExplosionsRemoteViolence = "Explosions/Remote violence",
        ViolenceAgainstCivilians = "Violence against civilians",
        Protests = "Protests",
        Riots = "Riots",
        StrategicDevelopments = "Strategic developments",
    }
);

impl EventType {
    /// ACLED disorder type of this event type.
    pub fn disorder_type(&self) -> &'static str {
        match self {
            EventType::Protests | EventType::Riots => "Demonstrations",
            EventType::StrategicDevelopments => "Strategic developments",
            _ => "Political violence",
        }
    }
}

str_enum!(
    /// ACLED sub-event types.
    SubEventType {
        ArmedClash = "Armed clash",
        GovernmentRegainsTerritory = "Government regains territory",
        NonStateActorOvertakesTerritory = "Non-state actor overtakes territory",
        ChemicalWeapon = "Chemical weapon",
        AirDroneStrike = "Air/drone strike",
        SuicideBomb = "Suicide bomb",
        ShellingArtilleryMissile = "Shelling/artillery/missile attack",
        RemoteExplosive = "Remote explosive/landmine/IED",
        Grenade = "Grenade",
        SexualViolence = "Sexual violence",
        Attack = "Attack",
        AbductionForcedDisappearance = "Abduction/forced disappearance",
        PeacefulProtest = "Peaceful protest",
        ProtestWithIntervention = "Protest with intervention",
        ExcessiveForceAgainstProtesters = "Excessive force against protesters",
        ViolentDemonstration = "Violent demonstration",
        MobViolence = "Mob violence",
        Agreement = "Agreement",
        Arrests = "Arrests",
        ChangeToGroupActivity = "Change to group/activity",
        DisruptedWeaponsUse = "Disrupted weapons use",
        HeadquartersOrBaseEstablished = "Headquarters or base established",
        LootingPropertyDestruction = "Looting/property destruction",
        NonViolentTransferOfTerritory = "Non-violent transfer of territory",
        Other = "Other",
    }
);

impl SubEventType {
    /// The ACLED event type this sub-event type belongs to.
    pub fn event_type(&self) -> EventType {
        use SubEventType::*;
        match self {
            ArmedClash | GovernmentRegainsTerritory | NonStateActorOvertakesTerritory => EventType::Battles,
            ChemicalWeapon | AirDroneStrike | SuicideBomb | ShellingArtilleryMissile | RemoteExplosive | Grenade => {
                EventType::ExplosionsRemoteViolence
            }
            SexualViolence | Attack | AbductionForcedDisappearance => EventType::ViolenceAgainstCivilians,
            PeacefulProtest | ProtestWithIntervention | ExcessiveForceAgainstProtesters => EventType::Protests,
            ViolentDemonstration | MobViolence => EventType::Riots,
            Agreement
            | Arrests
            | ChangeToGroupActivity
            | DisruptedWeaponsUse
            | HeadquartersOrBaseEstablished
            | LootingPropertyDestruction
            | NonViolentTransferOfTerritory
            | Other => EventType::StrategicDevelopments,
        }
    }
}

str_enum!(
    /// marsad's finer event label, beneath ACLED's sub-event type. `handover`: a force leaves
    /// or hands over a place without a fight; `base_established`: a force sets up a base.
    Action {
        Attack = "attack",
        Storm = "storm",
        Clash = "clash",
        CarBomb = "car_bomb",
        SuicideAttack = "suicide_attack",
        Airstrike = "airstrike",
        Shelling = "shelling",
        Bombing = "bombing",
        Arrest = "arrest",
        Abduction = "abduction",
        Escape = "escape",
        Surrender = "surrender",
        Recapture = "recapture",
        Capture = "capture",
        Displacement = "displacement",
        Curfew = "curfew",
        Mutiny = "mutiny",
        Protest = "protest",
        Riot = "riot",
        Looting = "looting",
        Agreement = "agreement",
        Statement = "statement",
        Handover = "handover",
        BaseEstablished = "base_established",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_names_match_schema() {
        assert_eq!(serde_json::to_string(&ClaimKind::LossesTotal).unwrap(), "\"losses_total\"");
        assert_eq!(
            serde_json::to_string(&EventType::ExplosionsRemoteViolence).unwrap(),
            "\"Explosions/Remote violence\""
        );
        assert_eq!(SubEventType::parse("Remote explosive/landmine/IED"), Some(SubEventType::RemoteExplosive));
        assert_eq!(Qualifier::parse("nonsense"), None);
    }

    #[test]
    fn every_sub_event_type_has_its_event_type() {
        assert_eq!(SubEventType::AirDroneStrike.event_type(), EventType::ExplosionsRemoteViolence);
        assert_eq!(SubEventType::Arrests.event_type(), EventType::StrategicDevelopments);
        assert_eq!(SubEventType::ALL.len(), 25);
    }
}
