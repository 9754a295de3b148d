//! Candidates: a trigger occurrence becomes a candidate event when the words its entry names
//! around it let it stand (complements it needs, figurative objects that cancel it) and, for a
//! weak trigger, when its sentence is about armed conflict.

use super::*;
use marsad_text::morph::is_derived_verbal_noun;

/// What the words an entry names around one occurrence of it say (see [`word_check`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WordCheck {
    Fits,
    /// A figurative or peaceful complement follows (هجوم على الحريات).
    Blocked,
    /// A word before it cancels it (حكم بالإعدام).
    NotBefore,
    /// A word of its clause cancels it (قتل ... في حادث سير).
    NotInClause,
    /// A word it needs before it is missing.
    MissingBefore,
    /// A word it needs after it is missing.
    MissingAfter,
}

/// The checks of a trigger entry against the words around one occurrence: a figurative
/// complement after it (`blocked`), a word before it that cancels it (`not_before`) or one in
/// its clause (`not_in_clause`), and the words it needs before or after it.
pub(super) fn word_check(doc: &Doc, h: &Hit, e: &Trigger, pos: Pos) -> WordCheck {
    let (sent_start, sent_end) = doc.sentence_tokens(h.sentence);
    if e.blocked.in_window(doc.words_after(h.last, doc.words.distances.blocked, sent_end)) {
        return WordCheck::Blocked;
    }
    // يستهدف تعزيز الاستقرار: what is aimed at is an act, named by its verbal noun (a name of
    // the same shape, تكريت, is a mention and is struck).
    let next = h.last + 1;
    if e.aims
        && next <= sent_end
        && doc.ctx.layer.tokens.get(next).is_some_and(|t| is_derived_verbal_noun(doc.ctx.text(t.span)))
        && !doc.args[h.sentence].iter().any(|a| a.first <= next && next <= a.last)
        && !doc.places[h.sentence].iter().any(|&(t, _, _, _)| t == next)
    {
        return WordCheck::Blocked;
    }
    // A verb's subject may stand between it and its complement; a noun's follows at once.
    let d = &doc.words.distances;
    let reach = if pos == Pos::Verb { d.complement } else { d.noun_complement };
    let before_window = doc.words_before(h.first, 3, sent_start);
    if e.not_before.in_window(before_window.clone()) {
        return WordCheck::NotBefore;
    }
    if !e.not_in_clause.is_empty() {
        let clause = doc.clause(h.sentence, h.first);
        let before = doc.words_before(h.first, h.first - clause.start, clause.start);
        let after = doc.words_after(h.last, clause.end.saturating_sub(h.last), clause.end);
        if e.not_in_clause.in_window(before) || e.not_in_clause.in_window(after) {
            return WordCheck::NotInClause;
        }
    }
    if !e.before.is_empty() && !e.before.in_window(before_window) {
        return WordCheck::MissingBefore;
    }
    // A complement the entry needs after it: one of its words, or, for taking ground, a place
    // the gazetteer or the entity finder names as its object, right after it or after على
    // (سيطر المسلحون على بنغازي as سيطر على المدينة; not استولى على صواريخ قرب الحسكة).
    let territorial = matches!(e.action, Action::Capture | Action::Recapture);
    let end = (h.last + reach).min(sent_end);
    let object = |t: usize| t == h.last + 1 || (t > h.last + 1 && doc.is(t - 1, WordClass::ObjectPrep));
    let place_after =
        || territorial && doc.places[h.sentence].iter().any(|&(t, _, _, _)| t > h.last && t <= end && object(t));
    // Detaining and killing need people as their object: a noun that counts persons or a
    // nationality (احتجزت القوات طالبة، قتل ثلاثة سوريين), or a person or civilians named after it.
    let people_after = || {
        e.people_object
            && ((h.last + 1..=end).any(|t| crate::claims::names_people(doc.ctx.layer, t))
                || doc.args[h.sentence].iter().any(|a| {
                    a.first > h.last && a.first <= end && matches!(a.kind, ActorKind::Person | ActorKind::Civilians)
                }))
    };
    if !e.after.is_empty()
        && !e.after.in_window(doc.words_after(h.last, reach, sent_end))
        && !place_after()
        && !people_after()
    {
        return WordCheck::MissingAfter;
    }
    WordCheck::Fits
}

/// Whether the words an entry names around an occurrence let it stand.
pub(super) fn fits_its_words(doc: &Doc, h: &Hit, e: &Trigger, pos: Pos) -> bool {
    word_check(doc, h, e, pos) == WordCheck::Fits
}

/// Whether a violent act other than `entry`, and not itself a weapon, is told as having
/// happened in the clause of hit `h`, by a trigger that its own words let stand (a weapon
/// beside a planned strike, ستقصف طائراته, strikes nothing yet).
pub(super) fn violent_act_in_clause(doc: &Doc, h: &Hit, entry: usize, clause: Clause) -> bool {
    doc.sentence_hits(h.sentence).iter().any(|o| {
        let Target::Trigger { entry: oe, pos: opos } = o.target else { return false };
        let other = &doc.trig.entries[oe];
        oe != entry
            && !other.instrument
            && is_violent(other.action)
            && o.first >= clause.start
            && o.first <= clause.end
            && fits_its_words(doc, o, other, opos)
            && factuality(doc, o.sentence, o, clause) == Factuality::Asserted
    })
}

/// What makes a weak trigger's sentence about armed conflict (see [`Screen::weak`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WeakContext {
    /// The entry is strong, or a statement: no context is asked of it.
    NotAsked,
    /// An armed actor (or, for protests, civilians) is named in the sentence.
    Armed,
    /// A word of armed conflict stands in the sentence.
    Context,
    /// Another event word of the sentence lets it stand.
    OtherTrigger,
    /// The sentence before it in its paragraph names an armed actor or a word of armed
    /// conflict: the paragraph is about the conflict (ووقعت الهجمات في المدينة after a
    /// sentence on the group that carried them out).
    Paragraph,
    /// A word of sport in its clause and no armed actor: a figure of a game.
    Sport,
    /// Nothing in the sentence is about armed conflict.
    None,
}

/// What the rules say of one trigger occurrence, before its modality.
#[derive(Clone, Copy, Debug)]
pub(super) struct Screen {
    /// A demonstrative right before it (هذا الهجوم): it refers to an event told before.
    pub anaphora: bool,
    pub words: WordCheck,
    /// A weapon named beside no violent act of its clause.
    pub instrument_alone: bool,
    /// A statement whose sentence has nothing of the conflict (no armed actor, conflict word
    /// or other event).
    pub statement_off_topic: bool,
    pub weak: WeakContext,
}

impl Screen {
    /// Whether the rules let the occurrence stand as a candidate event.
    pub fn passes(&self) -> bool {
        !self.anaphora
            && self.words == WordCheck::Fits
            && !self.instrument_alone
            && !self.statement_off_topic
            && !matches!(self.weak, WeakContext::Sport | WeakContext::None)
    }
}

/// The rule checks of one trigger occurrence.
pub(super) fn screen(doc: &Doc, h: &Hit, entry: usize, pos: Pos, clause: Clause) -> Screen {
    let e: &Trigger = &doc.trig.entries[entry];
    let s = h.sentence;
    let anaphora = doc.sentence_hits(s).iter().any(|c| c.target == Target::Cue(Cue::Anaphora) && c.last + 1 == h.first);
    let words = word_check(doc, h, e, pos);
    // A weapon named beside no act (تزويد الحوثيين بالطائرات المسيرة) is no event; beside
    // one (قصفت طائرة مسيرة) it types the act, which it absorbs.
    let instrument_alone = e.instrument && !violent_act_in_clause(doc, h, entry, clause);
    let args = &doc.args[s];
    // Statements count only about the conflict: an armed actor, a conflict word or another
    // event in the sentence (a government restoring diplomatic ties is not one).
    let statement_off_topic = e.action == Action::Statement
        && {
            let armed = args.iter().any(|a| is_armed(a.kind));
            let context = doc.sentence_hits(s).iter().any(|c| {
            c.target == Target::Cue(Cue::Context)
                || matches!(c.target, Target::Trigger { entry: oe, .. } if doc.trig.entries[oe].action != Action::Statement)
        });
            !armed && !context
        };
    let weak = if e.action == Action::Statement {
        WeakContext::NotAsked
    } else if e.strength == Strength::Weak {
        weak_context(doc, h, entry, clause)
    } else if of_a_match(doc, h, e, clause) {
        // A strong word too can be a match's (غاراته من طرفي الملعب، أعمال شغب أوقفت المباراة).
        WeakContext::Sport
    } else {
        WeakContext::NotAsked
    };
    Screen { anaphora, words, instrument_alone, statement_off_topic, weak }
}

/// Whether a trigger tells of a match (هجمات المنتخب، استسلام الفريق، شغب الجماهير في الملعب):
/// no armed side or government in its sentence (طائرات الجيش قصفت ملعبا is an air strike), and
/// a word of sport in its clause or a sport report around it.
fn of_a_match(doc: &Doc, h: &Hit, e: &Trigger, clause: Clause) -> bool {
    let s = h.sentence;
    let protest = matches!(e.action, Action::Protest | Action::Riot);
    let armed = doc.args[s]
        .iter()
        .any(|a| is_armed(a.kind) || a.kind == ActorKind::Political || (protest && a.kind == ActorKind::Civilians));
    !armed
        && (doc.sport_report
            || doc
                .sentence_hits(s)
                .iter()
                .any(|c| c.target == Target::Cue(Cue::Sport) && c.first >= clause.start && c.first <= clause.end))
}

/// What makes the sentence of a weak trigger about armed conflict, if anything.
fn weak_context(doc: &Doc, h: &Hit, entry: usize, clause: Clause) -> WeakContext {
    let e: &Trigger = &doc.trig.entries[entry];
    let s = h.sentence;
    let args = &doc.args[s];
    let protest = matches!(e.action, Action::Protest | Action::Riot);
    let armed = args.iter().any(|a| is_armed(a.kind) || (protest && a.kind == ActorKind::Civilians));
    if of_a_match(doc, h, e, clause) {
        return WeakContext::Sport;
    }
    if armed {
        return WeakContext::Armed;
    }
    // A report of several sentences that names no armed actor anywhere is about something else
    // (a match, a market, a film): a weak word's conflict reading needs an armed side.
    let report = doc.args.len() >= doc.words.distances.report;
    // A ceasefire is agreed by sides the lexicon may not hold (طرفا النزاع): its sentence decides.
    if report && !protest && e.action != Action::Agreement && !doc.armed_side {
        return WeakContext::None;
    }
    let context = doc.sentence_hits(s).iter().any(|c| {
        (c.target == Target::Cue(Cue::Context) || (protest && c.target == Target::Cue(Cue::ProtestContext)))
            && (c.last < h.first || c.first > h.last)
    });
    if context {
        return WeakContext::Context;
    }
    // Another event word of the sentence: a strong one anywhere, a violent one of another
    // kind in the same clause (سقطت قذيفة ... وقتلت طفلا); only one that its own words
    // let stand (استعادة الصناعات is no recapture, so it lends no context).
    let other_trigger = doc.sentence_hits(s).iter().any(|o| {
        let Target::Trigger { entry: oe, pos: opos } = o.target else { return false };
        let other = &doc.trig.entries[oe];
        oe != entry
            && other.action != Action::Statement
            && (other.strength == Strength::Strong
                || (is_violent(other.action)
                    && other.action != e.action
                    && o.first >= clause.start
                    && o.first <= clause.end))
            && fits_its_words(doc, o, other, opos)
    });
    if other_trigger {
        return WeakContext::OtherTrigger;
    }
    let prev = s.checked_sub(1).filter(|&p| doc.paragraph[p] == doc.paragraph[s]);
    let armed_before = prev.is_some_and(|p| {
        doc.args[p].iter().any(|a| is_armed(a.kind))
            || doc.sentence_hits(p).iter().any(|c| c.target == Target::Cue(Cue::Context))
    });
    if armed_before {
        WeakContext::Paragraph
    } else {
        WeakContext::None
    }
}

/// Read one trigger occurrence: checks, eventness and modality, and arguments inside its
/// sentence.
pub(super) fn read_trigger(doc: &Doc, hi: usize, entry: usize, pos: Pos) -> Option<Candidate> {
    let h = doc.hits[hi];
    let e: &Trigger = &doc.trig.entries[entry];
    if !e.creates {
        return None;
    }
    let s = h.sentence;
    let clause = doc.clause(s, h.first);
    let screen = screen(doc, &h, entry, pos, clause);
    let factuality = eventness::decide(doc, &h, entry, pos, clause, &screen)?;
    let (actor1, actor2) = roles(doc, &h, e, pos, clause);
    let actors_in_text = actor1.is_some() || actor2.is_some();
    // منذ الهدنة، بعد معركة الباغوز: a noun right after since/before/after names an earlier
    // event as a landmark: it joins the event told elsewhere, or stands alone after بعد.
    let before = h.first.checked_sub(1);
    let landmark = pos == Pos::Noun && before.is_some_and(|i| doc.is(i, WordClass::Landmark));
    let since = before.is_some_and(|i| doc.is(i, WordClass::Since));
    let evidence = doc.ctx.layer.sentences[s].span;
    Some(Candidate {
        entry,
        action: e.action,
        hit: h,
        factuality,
        actor1,
        actor2,
        assoc: Vec::new(),
        place: None,
        geo_precision: 0,
        date: None,
        time_precision: 0,
        fatalities: None,
        evidence,
        mentions: vec![s],
        place_in_text: false,
        actors_in_text: actors_in_text && !landmark,
        date_in_text: false,
        noun: pos == Pos::Noun,
        landmark,
        since,
        dead: false,
        clause,
    })
}
