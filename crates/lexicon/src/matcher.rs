use crate::Lexicon;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use marsad_core::{ActorMention, LinkKind, PlaceMention, Span};
use marsad_text::clitics::{is_proclitic_seq, is_pronoun_suffix};
use marsad_text::normalize::normalize_str;
use marsad_text::TextLayer;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Actor(usize),
    Place(usize),
}

struct Automaton {
    ac: AhoCorasick,
    /// For each pattern, every record it names.
    targets: Vec<Vec<Target>>,
}

fn automaton() -> &'static Automaton {
    static A: OnceLock<Automaton> = OnceLock::new();
    A.get_or_init(|| build(Lexicon::embedded()))
}

fn build(lex: &Lexicon) -> Automaton {
    let mut by_pattern: std::collections::BTreeMap<String, Vec<Target>> = Default::default();
    let mut add = |name: &str, t: Target| {
        let n = normalize_str(name);
        let n = n.split_whitespace().collect::<Vec<_>>().join(" ");
        if n.is_empty() {
            return;
        }
        // ل + ال contracts to لل: لل‍حسكه for ل + الحسكه.
        if let Some(rest) = n.strip_prefix("ال") {
            let v = by_pattern.entry(format!("لل{rest}")).or_default();
            if !v.contains(&t) {
                v.push(t);
            }
        }
        let v = by_pattern.entry(n).or_default();
        if !v.contains(&t) {
            v.push(t);
        }
    };
    for (i, a) in lex.actors.iter().enumerate() {
        for n in &a.names_ar {
            add(n, Target::Actor(i));
        }
    }
    for (i, p) in lex.places.iter().enumerate() {
        for n in &p.names_ar {
            add(n, Target::Place(i));
        }
    }
    let (patterns, targets): (Vec<String>, Vec<Vec<Target>>) = by_pattern.into_iter().unzip();
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("lexicon patterns compile");
    Automaton { ac, targets }
}

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// Entity mentions of one document.
#[derive(Clone, Debug, Default)]
pub struct Mentions {
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
}

/// Find every actor and place name of the embedded lexicon in a text layer.
pub fn find_mentions(layer: &TextLayer) -> Mentions {
    let lex = Lexicon::embedded();
    let auto = automaton();
    let text = layer.norm.text.as_str();
    let mut out = Mentions::default();
    for m in auto.ac.find_iter(text) {
        let ws = text[..m.start()]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_letter(c))
            .last()
            .map_or(m.start(), |(i, _)| i);
        let we = text[m.end()..].char_indices().find(|&(_, c)| !is_letter(c)).map_or(text.len(), |(i, _)| m.end() + i);
        if !is_proclitic_seq(&text[ws..m.start()]) || !is_pronoun_suffix(&text[m.end()..we]) {
            continue;
        }
        let span = layer.norm.to_original(Span::new(m.start(), m.end()));
        let span = Span::new(span.start, span.end.min(layer.norm.original_offset(we)));
        let sentence = layer.sentences.partition_point(|s| s.span.end <= span.start);
        for t in &auto.targets[m.pattern().as_usize()] {
            match *t {
                Target::Actor(i) => {
                    let a = &lex.actors[i];
                    out.actors.push(ActorMention {
                        span,
                        sentence,
                        actor: a.id.clone(),
                        kind: a.kind,
                        link: LinkKind::Name,
                        name: None,
                    })
                }
                Target::Place(i) => {
                    let p = &lex.places[i];
                    out.places.push(PlaceMention {
                        span,
                        sentence,
                        place: p.id.clone(),
                        kind: p.kind,
                        geo_precision: p.kind.geo_precision(),
                    })
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor_ids(text: &str) -> Vec<String> {
        let l = TextLayer::new(text);
        find_mentions(&l).actors.iter().map(|m| m.actor.to_string()).collect()
    }

    fn place_ids(text: &str) -> Vec<String> {
        let l = TextLayer::new(text);
        find_mentions(&l).places.iter().map(|m| m.place.to_string()).collect()
    }

    #[test]
    fn proclitics_attach_to_names() {
        assert!(place_ids("وصلت التعزيزات بالحسكة").contains(&"hasakah".to_string()));
        assert!(place_ids("والحسكة مدينة").contains(&"hasakah".to_string()));
        assert!(actor_ids("بيان لقسد").contains(&"sdf".to_string()));
        assert!(place_ids("عاد للحسكة").contains(&"hasakah".to_string()));
    }

    #[test]
    fn names_inside_other_words_do_not_match() {
        assert!(actor_ids("مقسدة").is_empty());
    }

    #[test]
    fn spans_point_at_the_original() {
        let text = "هاجم «داعش» سجن غويران";
        let l = TextLayer::new(text);
        let m = find_mentions(&l);
        assert!(m.actors.iter().any(|a| &text[a.span.range()] == "داعش"));
        assert!(m.places.iter().any(|p| &text[p.span.range()] == "سجن غويران"));
    }
}
