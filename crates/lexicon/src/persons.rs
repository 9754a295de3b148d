//! Persons the lexicon does not list, found by the title or role before their name:
//! `الصحفي فلان الفلاني`, `المتحدث باسم الجيش فلان الفلاني`, `وزير الخارجية فلان`.
//!
//! A name is two or three Arabic words (a fourth as a family name or with بن، عبد، أبو) after the title (and after the body a role names);
//! it ends at punctuation, a number, a cue word (verbs, prepositions, `name_stop`), or a
//! lexicon mention. A name the lexicon already found as a person is not repeated. The person's
//! id is `person:` + the normalized name: deterministic, and never confused with a lexicon id.

use crate::lexicon::Lexicon;
use crate::matcher::{Mentions, PersonMention};
use marsad_core::{ActorId, ActorKind, ActorMention, LinkKind, Span};
use marsad_text::morph::is_derived_verbal_noun;
use marsad_text::{TextLayer, TokenKind};

const MAX_NAME: usize = 3;

/// Whether a definite word can be an adjective after a title: a relative adjective (الأمريكي،
/// الفلسطينية، الأمميين), a participle (المكلف، المخلوع), or a word of time (السابق، الحالي).
fn is_adjective(w: &str) -> bool {
    let stem = w.strip_prefix("ال").unwrap_or(w);
    ["ي", "ية", "يه", "يين", "يون", "يان"].iter().any(|e| stem.ends_with(e))
        || (stem.starts_with('م') && stem.chars().count() >= 4)
        || matches!(stem, "سابق" | "اسبق" | "حالي" | "جديد" | "عام" | "ركن")
}

/// A word without a leading conjunction و, unless that leaves fewer than three letters.
fn strip_waw(w: &str) -> &str {
    // At least three characters: a third one exists (no need to count them all).
    w.strip_prefix('و').filter(|r| r.chars().nth(2).is_some()).unwrap_or(w)
}

pub(crate) fn find(lex: &Lexicon, layer: &TextLayer, found: &Mentions) -> Vec<PersonMention> {
    let toks = &layer.tokens;
    let norm = &layer.norm;
    let word = |i: usize| toks[i].text(norm);
    // Lexicon mentions by the original byte where they start, and where they end.
    // Mentions are sorted by start: look them up by binary search, not by scanning.
    let actor_in = |lo: usize, hi: usize| {
        let i = found.actors.partition_point(|a| a.span.start < lo);
        found.actors[i..].iter().take_while(|a| a.span.start < hi).next()
    };
    let actor_at = |start: usize| actor_in(start, start + 1);
    let mention_covers = |s: Span| {
        // Names are short: a mention covering `s` starts less than 512 bytes before it.
        let from = s.start.saturating_sub(512);
        let a0 = found.actors.partition_point(|a| a.span.start < from);
        let p0 = found.places.partition_point(|p| p.span.start < from);
        let hit = |m: Span| m.start <= s.start && s.start < m.end;
        found.actors[a0..].iter().take_while(|a| a.span.start <= s.start).any(|a| hit(a.span))
            || found.places[p0..].iter().take_while(|p| p.span.start <= s.start).any(|p| hit(p.span))
    };
    let mut out: Vec<PersonMention> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let (title, role) = lex.title_or_role(strip_waw(word(i)));
        if !role && !title {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        // Two-word roles: المتحدث الرسمي، الناطق الرسمي، الأمين العام.
        if j < toks.len() && matches!(word(j), "الرسمي" | "العام" | "الاعلامي" | "الإعلامي")
        {
            j += 1;
        }
        let mut body: Option<ActorId> = None;
        // Role or title + (باسم | في | لدى | عن)? + BODY
        let linked = j < toks.len() && matches!(word(j), "باسم" | "في" | "لدي" | "عن" | "ب");
        if linked {
            j += 1;
        }
        if j < toks.len() {
            // A body right after the role: the person belongs to it.
            if let Some(a) = actor_at(toks[j].span.start).or_else(|| {
                // With a clitic (لقوات، بالجيش) the mention starts inside the token.
                actor_in(toks[j].span.start + 1, toks[j].span.end)
            }) {
                // A definite title is a whole noun phrase: a bare name after it (اتهم الوزير
                // التنظيم ...) is another argument of the sentence, not the title's body, and
                // no name follows.
                let definite = strip_waw(word(i)).starts_with("ال");
                if definite && !linked && a.span.start == toks[j].span.start && a.kind != ActorKind::Person {
                    i = j;
                    continue;
                }
                if a.kind == ActorKind::Person {
                    // The lexicon already knows this person.
                    i = j + 1;
                    continue;
                }
                body = Some(a.actor.clone());
                while j < toks.len() && toks[j].span.start < a.span.end {
                    j += 1;
                }
            } else if role {
                // A role without a known body: skip its complement, a construct ending in a
                // definite word (وزير الخارجية، رئيس جهاز المخابرات العامة).
                let mut k = j;
                while k < toks.len() && k < j + 2 && toks[k].kind == TokenKind::Word && !word(k).starts_with("ال") {
                    k += 1;
                }
                if k < toks.len() && toks[k].kind == TokenKind::Word && word(k).starts_with("ال") {
                    j = k + 1;
                }
            }
        }
        // Adjectives after the title (الأمريكي، السابق) or the role's complement (وزير الخارجية
        // الإيراني): definite words; a given name never starts with ال.
        let mut skipped = 0;
        while j < toks.len() && toks[j].kind == TokenKind::Word && word(j).starts_with("ال") && skipped < 3 {
            if mention_covers(toks[j].span) {
                break;
            }
            // Only an adjective qualifies the title; a definite noun (اتهم الوزير التنظيم
            // بتحريض ...) is another argument of the sentence, and no name follows.
            let (title, role) = lex.title_or_role(word(j));
            if !is_adjective(word(j)) && !title && !role {
                j = toks.len();
                break;
            }
            j += 1;
            skipped += 1;
        }
        while j < toks.len() && toks[j].kind == TokenKind::Punct && matches!(word(j), "," | "-") {
            j += 1;
        }
        let start = j;
        let mut max = MAX_NAME;
        while j < toks.len() && j - start < max && toks[j].kind == TokenKind::Word {
            let w = word(j);
            let first = j == start;
            if lex.is_any_cue(w) || (w.starts_with('و') && lex.is_any_cue(strip_waw(w))) {
                break;
            }
            if (w.starts_with('و') && !first) || (first && w.starts_with("ال")) || w.chars().count() < 2 {
                break;
            }
            // A conjunction or preposition glued to a word ends the name (وهو، بالقدس، لوكالة).
            if w.strip_prefix(['و', 'ل', 'ب']).is_some_and(|r| lex.is_any_cue(r))
                || ["بال", "لل", "وال", "كال", "فال"].iter().any(|p| w.starts_with(p))
            {
                break;
            }
            // A third word is part of the name (جان إيف لودريان، ذبيح الله مجاهد), unless it has
            // the shape of a verbal noun (دعوة أشرف غني تمديد الهدنة) or carries a pronoun
            // (أعلن فلان الفلاني استقالته); a fourth only as a family name (ال...) or after بن،
            // عبد، أبو.
            let joined = j > start && matches!(word(j - 1), "بن" | "عبد" | "ابو" | "ال" | "بنت" | "ابن");
            let plain = !w.starts_with("ال") && !joined;
            let pronoun = ["ته", "تها", "هم", "هما"].iter().any(|x| w.ends_with(x));
            if plain && (j - start >= 3 || (j - start == 2 && (is_derived_verbal_noun(w) || pronoun))) {
                break;
            }
            if mention_covers(toks[j].span) {
                break;
            }
            // Compound names: بن، عبد، أبو، آل join the next word.
            if matches!(w, "بن" | "عبد" | "ابو" | "ال" | "بنت" | "ابن") {
                max += 1;
            }
            j += 1;
        }
        // A name never ends on the word that joins the next (عبد، أبو، بن).
        while j > start + 2 && matches!(word(j - 1), "بن" | "عبد" | "ابو" | "ال" | "بنت" | "ابن") {
            j -= 1;
        }
        let n = j - start;
        if n >= 2 {
            let span = Span::new(toks[start].span.start, toks[j - 1].span.end);
            let name_norm: Vec<&str> = (start..j).map(word).collect();
            let sentence = layer.sentences.partition_point(|s| s.span.end <= span.start);
            let name = name_norm.join(" ");
            out.push(PersonMention {
                mention: ActorMention {
                    span,
                    sentence,
                    actor: ActorId::new(&format!("person:{}", name_norm.join("_"))),
                    kind: ActorKind::Person,
                    link: LinkKind::Pattern,
                    // The normalized name; the original is `text[span]`.
                    name: Some(name),
                },
                body,
            });
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_waw;

    #[test]
    fn strip_waw_keeps_three_letters() {
        for (word, stripped) in
            [("والصحفي", "الصحفي"), ("ولد", "ولد"), ("وزير", "زير"), ("و", "و"), ("وab", "وab"), ("", "")]
        {
            assert_eq!(strip_waw(word), stripped, "{word}");
            let counted = word.strip_prefix('و').filter(|r| r.chars().count() >= 3).unwrap_or(word);
            assert_eq!(strip_waw(word), counted, "{word}");
        }
    }
}
