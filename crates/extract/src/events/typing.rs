//! ACLED typing: the sub-event type of an event from its action and sides, and the final
//! `Event` record.

use super::*;

/// The ACLED type of an event from its action and sides.
pub(super) fn sub_type(ctx: &Context, c: &Candidate, default: SubEventType) -> SubEventType {
    let kind = |a: &Option<ActorId>| a.as_ref().and_then(|id| ctx.lexicon.actor(id)).map(|a| a.kind);
    let state = |a: &Option<ActorId>| matches!(kind(a), Some(ActorKind::StateForce | ActorKind::Police));
    match c.action {
        Action::Attack | Action::Storm | Action::Clash if kind(&c.actor2) == Some(ActorKind::Civilians) => {
            SubEventType::Attack
        }
        Action::Attack if default == SubEventType::Attack && kind(&c.actor2).is_some_and(is_armed) => {
            SubEventType::ArmedClash
        }
        Action::Storm | Action::Recapture | Action::Capture if state(&c.actor1) => {
            SubEventType::GovernmentRegainsTerritory
        }
        Action::Storm | Action::Recapture | Action::Capture => SubEventType::NonStateActorOvertakesTerritory,
        Action::Abduction if state(&c.actor1) => SubEventType::Arrests,
        _ => default,
    }
}

pub(super) fn to_event(ctx: &Context, c: Candidate) -> Event {
    let default = Triggers::embedded().entries[c.entry].sub_type;
    let sub = sub_type(ctx, &c, default);
    let event_type: EventType = sub.event_type();
    // A site a government force takes is one it regains.
    let action = match c.action {
        Action::Capture if sub == SubEventType::GovernmentRegainsTerritory => Action::Recapture,
        a => a,
    };
    let mut actors: Vec<ActorId> = c.actor1.iter().cloned().collect();
    actors.extend(c.actor2.iter().cloned());
    let mut mentions = c.mentions;
    mentions.sort_unstable();
    Event {
        event_type,
        sub_type: sub,
        action,
        date: c.date,
        time_precision: if c.date.is_some() { c.time_precision.max(1) } else { 0 },
        place: c.place,
        geo_precision: c.geo_precision,
        actors,
        assoc_actors: c.assoc,
        fatalities: c.fatalities,
        factuality: c.factuality,
        trigger: c.hit.span,
        evidence: c.evidence,
        sentence: c.hit.sentence,
        mentions,
    }
}
