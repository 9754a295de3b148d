//! Zero claims: "all escapees were recaptured", "no prisoner managed to flee". A statement
//! about all or none of a group is a figure too — zero at large, zero escaped — and it can
//! contradict a number another outlet gives. The rules are data (`data/universal.toml`); this
//! module finds them in a document and turns each into a [`Claim`] with the interval [0, 0].
//!
//! The claim's source is the actor named at the attribution cue before the statement (قال،
//! أعلن، مُعلِنةً ...), else the outlet's own voice; its counted group is an armed group named in
//! the sentence that is not the speaker's side, else the armed group the report names most.

use crate::data::{Data, ZeroForm, ZeroRule};
use marsad_core::{ActorId, ActorKind, Analysis, Attribution, Claim, Interval, Qualifier, Span};
use marsad_lexicon::Lexicon;
use marsad_text::{TextLayer, TokenKind};

/// A zero claim and the rule that read it.
#[derive(Clone, Debug, PartialEq)]
pub struct ZeroClaim {
    pub claim: Claim,
    pub rule: String,
}

/// Find zero claims in an analysed document. Claims the extraction stage already produced for
/// the same kind in the same sentence with the interval [0, 0] are not repeated.
pub fn find(a: &Analysis, lex: &Lexicon) -> Vec<ZeroClaim> {
    find_in(a, &TextLayer::new(&a.doc.text), lex)
}

/// [`find`] with the document's text layer already built.
pub fn find_in(a: &Analysis, layer: &TextLayer, lex: &Lexicon) -> Vec<ZeroClaim> {
    let data = Data::get();
    let mut out = Vec::new();
    for (si, sentence) in layer.sentences.iter().enumerate() {
        let toks: Vec<_> =
            layer.tokens.iter().filter(|t| sentence.span.contains(t.span) && t.kind != TokenKind::Punct).collect();
        let texts: Vec<&str> = toks.iter().map(|t| t.text(&layer.norm)).collect();
        for rule in &data.zero_rules {
            let Some((first, last, anchor)) = fire(rule, &texts) else { continue };
            let exists = a.claims.iter().any(|c| c.sentence == si && c.kind == rule.kind && c.interval.hi == Some(0));
            if exists || out.iter().any(|z: &ZeroClaim| z.claim.sentence == si && z.claim.kind == rule.kind) {
                continue;
            }
            let span = Span::new(toks[first].span.start, toks[last].span.end);
            let attribution = attribution(a, &texts, &toks, si, anchor.min(first), data);
            let group = group(a, si, &attribution.source, lex);
            let place = a
                .places
                .iter()
                .filter(|p| p.sentence == si)
                .max_by_key(|p| (lex.place_chain(&p.place).len(), std::cmp::Reverse(p.span.start)))
                .map(|p| p.place.clone());
            out.push(ZeroClaim {
                claim: Claim {
                    kind: rule.kind,
                    group,
                    role: rule.role,
                    interval: Interval::exact(0),
                    qualifier: Qualifier::Exact,
                    attribution,
                    as_of: None,
                    place,
                    number: span,
                    evidence: span,
                    sentence: si,
                    uncertain: false,
                },
                rule: rule.name.clone(),
            });
        }
    }
    out
}

/// Token range `[first, last]` of the statement when the rule fires in this sentence, and the
/// token where its quantifier or negation phrase starts.
fn fire(rule: &ZeroRule, toks: &[&str]) -> Option<(usize, usize, usize)> {
    // the action nearest to the phrase, looking after it first (اعتقال جميع الهاربين has it
    // before, جميع الفارين أعيد اعتقالهم after)
    let near_action = |from: usize, to: usize| -> Option<(usize, usize)> {
        let after =
            (to..(to + rule.window).min(toks.len())).find_map(|j| rule.actions.at(toks, j).map(|n| (j, j + n - 1)));
        after.or_else(|| {
            (from.saturating_sub(rule.window)..from)
                .rev()
                .find_map(|j| rule.actions.at(toks, j).filter(|n| j + n <= from).map(|n| (j, j + n - 1)))
        })
    };
    match &rule.form {
        ZeroForm::All { quantifiers, postposed, nouns } => {
            for i in 0..toks.len() {
                // quantifier, then the group noun (one word may stand between: جميع العناصر الفارين)
                if let Some(q) = quantifiers.at(toks, i) {
                    for gap in 0..=1 {
                        if let Some(n) = nouns.at(toks, i + q + gap) {
                            let end = i + q + gap + n;
                            if let Some((a0, a1)) = near_action(i, end) {
                                return Some((i.min(a0), (end - 1).max(a1), i));
                            }
                        }
                    }
                }
                // the group noun, then a post-posed quantifier within three words
                if let Some(n) = nouns.at(toks, i) {
                    for k in i + n..(i + n + 3).min(toks.len()) {
                        if let Some(q) = postposed.at(toks, k) {
                            let end = k + q;
                            if let Some((a0, a1)) = near_action(i, end) {
                                return Some((i.min(a0), (end - 1).max(a1), i));
                            }
                        }
                    }
                }
            }
            None
        }
        ZeroForm::None { negations, nobody } => {
            for i in 0..toks.len() {
                if negations.at(toks, i).is_none() {
                    continue;
                }
                let hi = (i + 1 + rule.window).min(toks.len());
                let who = (i + 1..hi).find(|&j| nobody.is_word(toks[j]));
                let act = (i + 1..hi).find_map(|j| rule.actions.at(toks, j).map(|n| j + n - 1));
                if let (Some(w), Some(a)) = (who, act) {
                    return Some((i, w.max(a), i));
                }
            }
            None
        }
    }
}

/// The source of a statement: the actor at the nearest attribution cue before it — the one
/// right after the cue (قالت قسد، بحسب بيان قسد، إعلان «قسد») when there is one, else the
/// nearest before it (قسد ... مُعلِنةً، مظلوم عبدي قال).
fn attribution(
    a: &Analysis,
    texts: &[&str],
    toks: &[&marsad_text::Token],
    si: usize,
    first: usize,
    data: &Data,
) -> Attribution {
    let cue = (0..first).rev().find(|&j| data.attribution.is_word(texts[j]));
    let Some(cue) = cue else {
        return Attribution { source: ActorId::new("article"), cue: None };
    };
    let cue_span = toks[cue].span;
    let stop = toks[first].span.start;
    let near_after = toks.get(cue + 3).map(|t| t.span.start).unwrap_or(stop).min(stop);
    let in_sentence = || a.actors.iter().filter(|m| m.sentence == si && m.kind != ActorKind::Generic);
    let after = in_sentence()
        .filter(|m| m.span.start >= cue_span.end && m.span.start < near_after)
        .min_by_key(|m| m.span.start);
    let before = in_sentence().filter(|m| m.span.end <= cue_span.start).max_by_key(|m| m.span.end);
    match after.or(before) {
        Some(m) => Attribution { source: m.actor.clone(), cue: Some(cue_span) },
        None => Attribution { source: ActorId::new("article"), cue: Some(cue_span) },
    }
}

/// Whether one actor is the other or an ancestor of it in the actor lexicon.
pub fn actors_related(lex: &Lexicon, a: &ActorId, b: &ActorId) -> bool {
    let chain = |x: &ActorId| {
        let mut out = vec![x.clone()];
        let mut cur = lex.actor(x).and_then(|r| r.parent.clone());
        while let Some(p) = cur {
            if out.contains(&p) {
                break;
            }
            cur = lex.actor(&p).and_then(|r| r.parent.clone());
            out.push(p);
        }
        out
    };
    chain(a).contains(b) || chain(b).contains(a)
}

fn group(a: &Analysis, si: usize, source: &ActorId, lex: &Lexicon) -> Option<ActorId> {
    let armed = |k: ActorKind| matches!(k, ActorKind::NonStateArmedGroup | ActorKind::StateForce | ActorKind::Police);
    let other_side = |id: &ActorId| !actors_related(lex, id, source);
    if let Some(m) = a.actors.iter().find(|m| m.sentence == si && armed(m.kind) && other_side(&m.actor)) {
        return Some(m.actor.clone());
    }
    let mut counts: Vec<(ActorId, usize)> = Vec::new();
    for m in a.actors.iter().filter(|m| armed(m.kind) && other_side(&m.actor)) {
        match counts.iter_mut().find(|(id, _)| *id == m.actor) {
            Some((_, n)) => *n += 1,
            None => counts.push((m.actor.clone(), 1)),
        }
    }
    // most mentioned; ties go to the one named first
    counts.iter().enumerate().max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i))).map(|(_, (id, _))| id.clone())
}
