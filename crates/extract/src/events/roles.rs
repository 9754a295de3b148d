//! Roles: actor 1 and actor 2 of a candidate from the words around its trigger, and the
//! sides an event leaves implicit, filled from the article's actors.

use super::*;

/// Whether an actor may take part in an event of this action. Persons stand for their
/// organisation (resolved later); fighting needs armed sides, violence may hit civilians.
pub(super) fn participant(kind: ActorKind, action: Action) -> bool {
    use ActorKind::*;
    match action {
        Action::Statement => !matches!(kind, Generic | Outlet),
        Action::Clash
        | Action::Storm
        | Action::Capture
        | Action::Recapture
        | Action::Mutiny
        | Action::Handover
        | Action::BaseEstablished
        | Action::Surrender => matches!(kind, NonStateArmedGroup | StateForce | Police | Person),
        Action::Protest | Action::Riot => matches!(kind, Civilians | Political | Person),
        Action::Agreement => matches!(kind, NonStateArmedGroup | StateForce | Police | Political | Person),
        Action::Displacement => kind == Civilians,
        _ => matches!(kind, NonStateArmedGroup | StateForce | Police | Civilians | Person),
    }
}

/// Word tokens strictly between two token indices.
pub(super) fn word_gap(doc: &Doc, a: usize, b: usize) -> usize {
    let toks = &doc.ctx.layer.tokens;
    (a + 1..b).filter(|&i| toks.get(i).is_some_and(|t| t.kind != TokenKind::Punct)).count()
}

/// Stand-in for "the escapees" (الهاربين، الفارين) used as an argument: the group that
/// escaped, resolved once the article's escapes are known.
pub(super) const ESCAPEES: &str = "@escapees";

/// Actor1 and actor2 of a trigger from the words around it.
pub(super) fn roles(doc: &Doc, h: &Hit, e: &Trigger, pos: Pos, clause: Clause) -> (Option<ActorId>, Option<ActorId>) {
    let s = h.sentence;
    let args: Vec<&Arg> = doc.args[s]
        .iter()
        .filter(|a| participant(a.kind, e.action) && a.first >= clause.start && a.last <= clause.end)
        .filter(|a| a.last < h.first || a.first > h.last)
        .collect();
    let after: Vec<&Arg> = args.iter().copied().filter(|a| a.first > h.last).collect();
    let before: Vec<&Arg> = args.iter().copied().filter(|a| a.last < h.first).collect();
    let target_cue = doc.cue_in(s, Cue::Target, h.last + 1, clause.end).map(|c| c.first);
    let between = doc.cue_in(s, Cue::Between, h.last + 1, (h.last + 3).min(clause.end)).map(|c| c.last);

    // بين X و Y
    if let Some(b) = between {
        let sides: Vec<&&Arg> = after.iter().filter(|a| a.first > b).collect();
        if let Some(x) = sides.first() {
            if let Some(y) = sides.iter().find(|a| a.id != x.id) {
                return (Some(x.id.clone()), Some(y.id.clone()));
            }
        }
    }
    let passive = e.passive || (h.first > 0 && doc.is(h.first - 1, WordClass::PassiveAux));
    // An agent phrase (شنه، على يد، التابع ل) right after the trigger; after a passive
    // anywhere in the clause (طرده من الباغوز ... على يد قسد).
    let agent_reach = if passive { usize::MAX } else { 3 };
    let agent_marked = doc
        .cue_in(s, Cue::Agent, h.last + 1, clause.end)
        .filter(|c| word_gap(doc, h.last, c.first) <= agent_reach)
        .and_then(|c| {
            after.iter().find(|a| {
                a.first > c.last
                    && (word_gap(doc, c.last, a.first) <= 2
                        || (a.kind == ActorKind::Person && word_gap(doc, c.last, a.first) <= 8))
            })
        })
        .map(|a| a.id.clone());
    // The complement of a speech verb (قال إن، أعلن أن) starts a new proposition.
    let complement = (h.last + 1..=clause.end).find(|&i| doc.is(i, WordClass::Complementizer));
    let target_marked =
        target_cue.and_then(|c| after.iter().find(|a| a.first > c && a.first <= c + 4)).map(|a| a.id.clone());
    // A subject is not the object of a preposition (في دمشق، من قسد).
    let governed = |a: &Arg| a.first > 0 && doc.is(a.first - 1, WordClass::GoverningPrep);
    let near_after_as = |gap: usize, subject: bool| {
        after.iter().find(move |a| {
            word_gap(doc, h.last, a.first) < gap
                && !(subject && governed(a))
                && target_cue.is_none_or(|t| a.first < t)
                && complement.is_none_or(|c| a.first < c)
        })
    };
    let near_after = |gap: usize| near_after_as(gap, true);
    let prev = before.last().map(|a| a.id.clone());
    // الهاربين right after a verbal noun (استهداف الهاربين ...) is its agent.
    let escapees_next = pos == Pos::Noun
        && doc.sentence_hits(s).iter().any(|o| {
            o.first == h.last + 1
                && matches!(o.target, Target::Trigger { entry, .. } if doc.trig.entries[entry].action == Action::Escape)
        });
    // The agent follows a verbal noun at once (هجوم داعش), after ل (الهجوم لداعش), or
    // after a members noun (هجوم عناصر داعش).
    let members_between = |a: &Arg| {
        word_gap(doc, h.last, a.first) == 1
            && doc
                .sentence_hits(s)
                .iter()
                .any(|c| c.target == Target::Cue(Cue::Members) && c.first > h.last && c.last < a.first)
    };
    let idafa = near_after(doc.words.distances.idafa_gap)
        .filter(|a| a.lam || word_gap(doc, h.last, a.first) == 0 || members_between(a))
        .map(|a| a.id.clone())
        .or_else(|| escapees_next.then(|| ActorId::new(ESCAPEES)));
    // A pronoun suffix (إعلانه، طرده) points at the nearest actor before, unless a relative
    // pronoun stands between (قسد حددت عدد الذين ألقي القبض عليهم: the pronoun is الذين).
    let relative_between = before.last().is_some_and(|p| (p.last + 1..h.first).any(|i| doc.is(i, WordClass::Relative)));
    let pronoun = if h.suffix && !relative_between { prev.clone() } else { None };

    if e.action == Action::Statement {
        // على لسان X names the speaker; a named person after the verb (its title between)
        // is the speaker before any body named closer.
        let stop = (h.last + 1..=clause.end).find(|&i| doc.is(i, WordClass::SpeechStop));
        let person_after = after
            .iter()
            .find(|a| {
                a.kind == ActorKind::Person
                    && word_gap(doc, h.last, a.first) <= 8
                    && stop.is_none_or(|st| a.first < st)
                    && complement.is_none_or(|c| a.first < c)
                    && target_cue.is_none_or(|t| a.first < t)
            })
            .map(|a| a.id.clone());
        // قالت قسد إنها اعتقلت ...: a plain word that reports the speaker's own action is the
        // source of that event, not one more event; a formal statement (بيان) is one.
        let own_action = pos == Pos::Verb
            && complement.is_some_and(|c| {
                doc.is(c, WordClass::SpeakerComplementizer)
                    && doc.sentence_hits(s).iter().any(|o| {
                        o.first > c
                            && o.first <= c + 3
                            && matches!(o.target, Target::Trigger { entry, .. } if doc.trig.entries[entry].action != Action::Statement)
                    })
            })
            && !doc.sentence_hits(s).iter().any(|o| {
                matches!(o.target, Target::Trigger { entry, pos: Pos::Noun } if doc.trig.entries[entry].action == Action::Statement)
            });
        if own_action {
            return (None, None);
        }
        // A body named right before the verb at the head of its clause is its subject (قطر
        // تدين استهداف السعودية، الجيش المصري يعلن): the noun after is the object.
        let subject_before = before
            .last()
            .filter(|a| word_gap(doc, a.last, h.first) == 0 && word_gap(doc, clause.start, a.first) <= 1)
            .map(|a| a.id.clone());
        let speaker = match pos {
            Pos::Verb => agent_marked
                .or(subject_before)
                .or(person_after)
                .or(near_after(doc.words.distances.subject_gap).map(|a| a.id.clone()))
                .or(prev.clone()),
            Pos::Noun => agent_marked.or(idafa).or(pronoun),
        };
        return (speaker, None);
    }
    // صد الهجوم: the one who repels is the side attacked.
    let repelled = doc
        .sentence_hits(s)
        .iter()
        .any(|c| c.target == Target::Cue(Cue::Repel) && c.last < h.first && word_gap(doc, c.last, h.first) <= 1);
    if repelled {
        return (agent_marked.or(idafa), prev);
    }
    if e.action == Action::Escape {
        // The people who flee are named next to the word.
        let adjacent = args
            .iter()
            .filter(|a| a.kind == ActorKind::NonStateArmedGroup)
            .find(|a| {
                (a.last < h.first && word_gap(doc, a.last, h.first) <= 3)
                    || (a.first > h.last && word_gap(doc, h.last, a.first) <= 1)
            })
            .map(|a| a.id.clone());
        return (adjacent, None);
    }
    if passive {
        // The patient follows the trigger or is its pronoun; the agent is marked.
        // ثلاثة من المدنيين: the partitive من does not hide the patient.
        let patient = near_after_as(doc.words.distances.subject_gap, false).map(|a| a.id.clone()).or(pronoun.clone());
        let agent =
            agent_marked.or(if pronoun.is_some() { None } else { prev }).filter(|a| Some(a) != patient.as_ref());
        return (agent, patient);
    }
    let (agent, patient) = match pos {
        Pos::Verb => {
            let subj = near_after(doc.words.distances.subject_gap).map(|a| a.id.clone()).or(prev.clone());
            let obj = target_marked
                .clone()
                .or_else(|| after.iter().find(|a| Some(&a.id) != subj.as_ref()).map(|a| a.id.clone()))
                .filter(|o| Some(o) != subj.as_ref());
            (subj, obj)
        }
        Pos::Noun if matches!(e.action, Action::Arrest | Action::Abduction) => {
            // اعتقال المتشددين: the genitive of a transitive verbal noun is its object.
            let agent = agent_marked.clone().or(prev.clone());
            let patient = idafa.clone().or(target_marked.clone()).filter(|p| Some(p) != agent.as_ref());
            (agent, patient)
        }
        Pos::Noun => {
            let first_after = after
                .iter()
                .find(|a| target_cue.is_none_or(|t| a.first < t) && complement.is_none_or(|c| a.first < c))
                .map(|a| a.id.clone());
            let agent = agent_marked.clone().or(idafa).or(pronoun).or(prev.clone()).or(first_after);
            let target = target_marked
                .clone()
                .filter(|t| Some(t) != agent.as_ref())
                .or_else(|| after.iter().find(|a| Some(&a.id) != agent.as_ref()).map(|a| a.id.clone()))
                .filter(|t| Some(t) != agent.as_ref());
            (agent, target)
        }
    };
    match e.action {
        Action::Displacement => (agent.or(patient), None),
        _ => (agent, patient),
    }
}

/// The article's armed actors, for the side an event leaves implicit.
pub(super) struct ArticleActors {
    /// Armed actors by number of mentions, most first (ties: first mention).
    ranked: Vec<ActorId>,
    /// The non-state group that carries out most of the article's attacks: the side that
    /// started the fighting.
    pub(super) aggressor: Option<ActorId>,
    /// The group whose members escape in the article's asserted escapes.
    escapees: Option<ActorId>,
}

/// The most frequent id (ties: first seen).
pub(super) fn most_frequent(ids: impl Iterator<Item = ActorId>) -> Option<ActorId> {
    let mut counts: Vec<(ActorId, usize)> = Vec::new();
    for id in ids {
        match counts.iter_mut().find(|(x, _)| *x == id) {
            Some((_, n)) => *n += 1,
            None => counts.push((id, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.into_iter().find(|(_, n)| *n == best).map(|(id, _)| id)
}

impl ArticleActors {
    pub(super) fn new(doc: &Doc, cands: &[Candidate]) -> ArticleActors {
        let mut counts: BTreeMap<ActorId, (usize, usize)> = BTreeMap::new();
        for (i, m) in doc.ctx.mentions.actors.iter().enumerate() {
            if is_armed(m.kind) {
                let e = counts.entry(m.actor.clone()).or_insert((0, usize::MAX - i));
                e.0 += 1;
            }
        }
        let mut ranked: Vec<(ActorId, (usize, usize))> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let nsag = |a: &ActorId| doc.ctx.lexicon.actor(a).is_some_and(|x| x.kind == ActorKind::NonStateArmedGroup);
        let asserted = || cands.iter().filter(|c| !c.dead && c.factuality == Factuality::Asserted);
        let escapees = most_frequent(
            asserted().filter(|c| c.action == Action::Escape).filter_map(|c| c.actor1.clone()).filter(nsag),
        );
        let aggressor = most_frequent(
            asserted()
                .filter(|c| matches!(c.action, Action::Attack | Action::CarBomb | Action::SuicideAttack))
                .filter_map(|c| c.actor1.clone())
                .map(|a| if a.as_str() == ESCAPEES { escapees.clone().unwrap_or(a) } else { a })
                .filter(nsag),
        );
        ArticleActors { ranked: ranked.into_iter().map(|(a, _)| a).collect(), aggressor, escapees }
    }

    /// The side opposite `a`: the other member of the main pair, or the aggressor for a
    /// third party.
    fn opponent(&self, a: &ActorId) -> Option<ActorId> {
        let top: Vec<&ActorId> = self.ranked.iter().take(2).collect();
        if top.contains(&a) {
            return top.into_iter().find(|x| *x != a).cloned();
        }
        self.aggressor.clone().filter(|x| x != a).or_else(|| top.first().map(|x| (*x).clone()))
    }
}

/// The actor of violence whose perpetrator the text does not name.
const UNIDENTIFIED: &str = "unidentified_gunmen";
/// The actor of a protest or riot whose crowd the text names by no side.
const PROTESTERS: &str = "protesters";

/// Fill the sides an event leaves implicit and apply the per-action actor rules.
pub(super) fn complete_actors(doc: &Doc, article: &ArticleActors, c: &mut Candidate) {
    let lex = doc.ctx.lexicon;
    let kind = |id: &ActorId| lex.actor(id).map(|a| a.kind);
    // Persons act for their organisation in violent and territorial events; media centres
    // speak for theirs.
    let up = |id: ActorId, statement: bool| -> Option<ActorId> {
        // A person the lexicon does not hold speaks as themself and acts for the armed body
        // their role names.
        if let Some(body) = doc.persons.get(&id) {
            return if statement {
                Some(id)
            } else {
                body.as_ref().and_then(|b| lex.actor(b)).filter(|b| is_armed(b.kind)).map(|b| b.id.clone())
            };
        }
        let a = lex.actor(&id)?;
        let parent = a.parent.as_ref().and_then(|p| lex.actor(p));
        match a.kind {
            ActorKind::Person if !statement => parent.filter(|p| is_armed(p.kind)).map(|p| p.id.clone()),
            // A party's media office speaks for the party; a news agency (even an aligned
            // one) is a speaker of its own.
            ActorKind::Media if !a.name_en.contains("Agency") => {
                Some(parent.filter(|p| is_armed(p.kind)).map_or(id, |p| p.id.clone()))
            }
            _ => Some(id),
        }
    };
    let statement = c.action == Action::Statement;
    let escapees = article.escapees.clone().or(article.aggressor.clone());
    let resolve = |a: ActorId| if a.as_str() == ESCAPEES { escapees.clone() } else { Some(a) };
    c.actor1 = c.actor1.take().and_then(resolve).and_then(|a| up(a, statement));
    c.actor2 = c.actor2.take().and_then(resolve).and_then(|a| up(a, statement));
    match c.action {
        Action::Statement => {
            c.actor2 = None;
            let ok = c.actor1.as_ref().is_some_and(|a| speaker_ok(doc, a));
            if !ok {
                c.dead = true;
            }
        }
        Action::Escape | Action::Surrender | Action::Mutiny if c.actor1.is_none() => {
            c.actor1 = article.aggressor.clone().or_else(|| article.ranked.first().cloned());
        }
        // Arrests are made by the side that holds the ground, not by the side that attacked.
        Action::Arrest if c.actor1.is_some() && c.actor1 == article.aggressor => {
            let a = c.actor1.take();
            c.actor1 = c
                .actor2
                .take()
                .filter(|x| Some(x) != a.as_ref())
                .or_else(|| a.as_ref().and_then(|x| article.opponent(x)));
            c.actor2 = a;
        }
        Action::Displacement => {
            let civ = ActorId::new("civilians");
            c.actor1 = match c.actor1.take() {
                Some(a) if kind(&a) == Some(ActorKind::Civilians) => Some(a),
                _ => lex.actor(&civ).map(|a| a.id.clone()),
            };
            c.actor2 = None;
        }
        Action::Curfew => {
            c.actor2 = None;
        }
        // A crowd the text names by no side is protesters (ACLED's Protesters / Rioters),
        // and so is a crowd of civilians (تظاهر آلاف السكان).
        Action::Protest | Action::Riot if c.actor1.as_ref().is_none_or(|a| kind(a) == Some(ActorKind::Civilians)) => {
            c.actor1 = lex.actor(&ActorId::new(PROTESTERS)).map(|a| a.id.clone()).or(c.actor1.take());
        }
        _ => {}
    }
    if matches!(c.action, Action::Escape | Action::Displacement | Action::Curfew | Action::Statement) {
        return;
    }
    // Civilians are the side violence hits, never the side that strikes: civilians read as
    // the agent were the subject of another verb of the sentence.
    if is_violent(c.action) && c.actor1.as_ref().and_then(kind) == Some(ActorKind::Civilians) {
        c.actor1 = None;
    }
    // A defeat named without its loser (هزيمته، القضاء على خلافته) is the aggressor's.
    if c.action == Action::Recapture && c.actor1.is_none() && c.actor2.is_none() {
        c.actor2 = article.aggressor.clone().or_else(|| article.ranked.first().cloned());
    }
    // A bomb, a car bomb or a suicide attack whose text names no perpetrator was set off by
    // an unidentified armed group (ACLED's convention): the side the article fights is not
    // guessed for it, as it is for open fighting.
    let planted = matches!(c.action, Action::CarBomb | Action::SuicideAttack | Action::Bombing);
    // The implicit side: for fighting, the opponent in the article; for a surrender, the
    // side surrendered to; for an arrest, the group the article's arrests are about.
    if c.actor2.is_none() && (is_violent(c.action) || matches!(c.action, Action::Arrest | Action::Surrender)) {
        if let Some(a1) = &c.actor1 {
            c.actor2 = article.opponent(a1);
        } else if let Some(a2) = c.actor2.clone().filter(|_| !planted) {
            c.actor1 = article.opponent(&a2);
        }
    }
    if c.actor1.is_none() && c.actor2.is_some() && is_violent(c.action) && !planted {
        c.actor1 = c.actor2.as_ref().and_then(|a2| article.opponent(a2));
    }
    if c.actor1.is_none() && planted {
        c.actor1 = lex.actor(&ActorId::new(UNIDENTIFIED)).map(|a| a.id.clone());
    }
    if c.actor1 == c.actor2 {
        c.actor2 = None;
    }
}

/// Whether an actor may make a statement that counts as an event: a party or an official,
/// not an outlet, a researcher or an unnamed source.
pub(super) fn speaker_ok(doc: &Doc, id: &ActorId) -> bool {
    let lex = doc.ctx.lexicon;
    let rules = &doc.trig.statement;
    let excluded = |body: &ActorId| lex.actor(body).is_none_or(|p| rules.excluded_parent_kinds.contains(&p.kind));
    // A person named by a title speaks unless the body of the role is a research centre or an
    // outlet.
    if let Some(body) = doc.persons.get(id) {
        return body.as_ref().is_none_or(|b| !excluded(b));
    }
    let Some(a) = lex.actor(id) else { return false };
    if !rules.speaker_kinds.contains(&a.kind) {
        return false;
    }
    if a.kind == ActorKind::Person {
        let Some(p) = a.parent.as_ref() else { return false };
        if excluded(p) {
            return false;
        }
    }
    true
}
