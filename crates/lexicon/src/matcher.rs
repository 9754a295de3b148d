//! Finding and linking entity mentions.
//!
//! Three passes over one document:
//! 1. *Candidates*: every normalized name (actors, places, generic references, surnames of
//!    listed persons) is looked for by the dictionary engine of `marsad_text::dict`, anchored at
//!    each word start and after each proclitic reading of its head (و ف ب ك ل; a name carries
//!    its own article, which ل contracts to لل), reading a whitespace run as one space, so a
//!    name broken by a newline or two spaces still matches. A hit counts only at a word end, or
//!    before a pronoun suffix for a name that is neither definite nor a place.
//!    Place readings of common words (`needs_cue`) are dropped here unless a place cue
//!    precedes them. Because every hit is kept, a long hit rejected here never hides a valid
//!    shorter one.
//! 2. *Selection*: leftmost-longest among the surviving candidates, except that a generic head
//!    running into a name (قوات [الجيش السوري]) gives way to the name.
//! 3. *Linking*, in text order, with what the article has said so far: a name that is both a
//!    country/capital and a government reads as a place after a place preposition or noun,
//!    as an actor after or before a verb or an agent word, and otherwise as its coordinated
//!    neighbours read (`روسيا وتركيا ونظام الأسد`), defaulting to the actor; a generic word
//!    links to the most recent compatible entity already named; a surname links only to a
//!    person named in full before; a place name shared by several places goes to the one of
//!    the kind the noun before it (or before the list it continues) names (محافظة), then to a
//!    country over a namesake unit abroad, then to one in a country the text is about, then to
//!    a curated place or city over a town, then to the gazetteer's order. The countries a text
//!    is about (`CountryContext`) come from the names that link only to records of one
//!    country (places, and actors by their `country`) and from adjectives of nationality; they
//!    also choose among bodies of several countries that share a name (وزارة الداخلية).

use crate::lexicon::{norm_name, CueClass, Lexicon, Place};
use crate::patterns::{compile, Rec};
use marsad_core::{ActorId, ActorKind, ActorMention, LinkKind, PlaceId, PlaceKind, PlaceMention, Span};
use marsad_text::dict::{is_letter, Builder, Clitics, Dict, Endings, Gap, Match};
use marsad_text::TextLayer;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Target {
    Actor(u32),
    Place(u32),
    Generic(u32),
    Surname(u32),
}

pub(crate) struct Automaton {
    /// The patterns, each with its index as its value.
    dict: Dict<u32>,
    /// For each pattern: its normalized name and every record it names.
    names: Vec<String>,
    targets: Vec<Vec<Target>>,
    /// For each pattern, what the first checks of a candidate ask of it, in one small record
    /// (the names and targets live elsewhere on the heap).
    info: Vec<PatInfo>,
    /// For each pattern, by target: whether that place needs a place noun ([`NEEDS_NOUN`]) or a
    /// cue ([`NEEDS_CUE`]) before it under this name, decided once at load instead of comparing
    /// the name with the place's lists at each occurrence.
    needs: Vec<Vec<u8>>,
    /// Pattern index by pattern text, for names rebuilt from context (ellipsis).
    index: HashMap<String, usize>,
}

const NEEDS_NOUN: u8 = 1;
const NEEDS_CUE: u8 = 2;

/// What [`candidate`] asks of a pattern before it looks at the context, computed at load.
#[derive(Clone, Copy, Debug, Default)]
struct PatInfo {
    /// The pattern names a place.
    place: bool,
    /// The pattern names no place that needs a cue or noun under this name: every target
    /// stays, whatever the context.
    unconditional: bool,
}

/// The pattern table `build.rs` compiled from the embedded data files.
const PATTERNS_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/patterns.tsv"));

pub(crate) fn automaton() -> &'static Automaton {
    static A: OnceLock<Automaton> = OnceLock::new();
    A.get_or_init(|| {
        let lex = Lexicon::embedded();
        let rows = PATTERNS_TSV.lines().filter_map(|l| {
            let (text, targets) = l.split_once('\t')?;
            let targets = targets.split(',').filter_map(|t| {
                let (tag, key) = t.split_once(':')?;
                Some((tag.chars().next()?, key.to_string()))
            });
            Some((text.to_string(), targets.collect::<Vec<_>>()))
        });
        Automaton::new(lex, rows)
    })
}

impl Automaton {
    /// Compile the patterns of any lexicon (the embedded one comes precompiled by `build.rs`).
    fn compile(lex: &Lexicon) -> Automaton {
        let mut recs = Vec::new();
        for a in &lex.actors {
            recs.push(Rec {
                tag: 'a',
                key: a.id.to_string(),
                names: a.names_ar.iter().map(String::as_str).collect(),
                person: a.kind == ActorKind::Person,
                curated: true,
            });
        }
        for (i, g) in lex.generic_refs.iter().enumerate() {
            recs.push(Rec {
                tag: 'g',
                key: i.to_string(),
                names: g.words.iter().map(String::as_str).collect(),
                person: false,
                curated: true,
            });
        }
        for p in &lex.places {
            recs.push(Rec {
                tag: 'p',
                key: p.id.to_string(),
                names: p.names_ar.iter().map(String::as_str).collect(),
                person: false,
                curated: p.curated,
            });
        }
        let pats = compile(&recs, &|s: &str| norm_name(s));
        Automaton::new(lex, pats.into_iter().map(|p| (p.text, p.targets)))
    }

    fn new(lex: &Lexicon, rows: impl Iterator<Item = (String, Vec<(char, String)>)>) -> Automaton {
        let mut dict = Builder::new(Gap::Whitespace);
        let mut names = Vec::new();
        let mut targets = Vec::new();
        let mut info = Vec::new();
        let mut needs = Vec::new();
        for (name, tg) in rows {
            let mut t: Vec<Target> = tg
                .iter()
                .filter_map(|(tag, key)| match tag {
                    'a' => lex.actor_index(&ActorId::new(key)).map(|i| Target::Actor(i as u32)),
                    's' => lex.actor_index(&ActorId::new(key)).map(|i| Target::Surname(i as u32)),
                    'p' => lex.place_index(&PlaceId::new(key)).map(|i| Target::Place(i as u32)),
                    'g' => {
                        key.parse::<u32>().ok().filter(|&i| (i as usize) < lex.generic_refs.len()).map(Target::Generic)
                    }
                    _ => None,
                })
                .collect();
            t.sort();
            let conditional = |&tg: &Target| match tg {
                Target::Place(i) => {
                    let p = &lex.places[i as usize];
                    p.needs_noun.contains(&name) || p.needs_cue.contains(&name)
                }
                _ => false,
            };
            let unconditional = !t.iter().any(conditional);
            // Conjunctions and prepositions before any name; a pronoun suffix after a name
            // that is neither definite nor a place: العراقي is the adjective "Iraqi", not
            // العراق + ي.
            let place = t.iter().any(|x| matches!(x, Target::Place(_)));
            info.push(PatInfo { place, unconditional });
            let endings = if name.starts_with("ال") || place { Endings::NONE } else { Endings::PRONOUN };
            let pattern = u32::try_from(names.len()).expect("fewer than 2^32 patterns");
            dict.add(&name, Clitics { endings, ..Clitics::PROCLITICS }, pattern);
            let need = |&tg: &Target| match tg {
                Target::Place(i) => {
                    let p = &lex.places[i as usize];
                    (NEEDS_NOUN * p.needs_noun.contains(&name) as u8) | (NEEDS_CUE * p.needs_cue.contains(&name) as u8)
                }
                _ => 0,
            };
            needs.push(t.iter().map(need).collect());
            names.push(name);
            targets.push(t);
        }
        let dict = dict.build();
        let index = names.iter().enumerate().map(|(i, p)| (p.clone(), i)).collect();
        Automaton { dict, names, targets, info, needs, index }
    }
}

/// How far back (in linked mentions) a generic word looks for what it refers to.
const RECENT: usize = 200;

/// Entity mentions of one document.
#[derive(Clone, Debug, Default)]
pub struct Mentions {
    /// Actors named, or referred to by a generic word, a metonymic capital or a surname.
    pub actors: Vec<ActorMention>,
    pub places: Vec<PlaceMention>,
    /// Persons found by a title or role pattern whom the lexicon does not list; `actor` is
    /// `person:<normalized name>`, `name` the name as written. Kept apart from `actors` because
    /// they have no lexicon id.
    pub persons: Vec<PersonMention>,
    /// Generic agents (kind `generic`: مسلحون، سجناء، ناشطون) and generic words nothing named
    /// before resolves, linked to their generic id. Kept apart from `actors`: they are roles
    /// for claims and events, not actors an article names.
    pub generics: Vec<ActorMention>,
}

/// A person found by pattern (`الصحفي فلان الفلاني`, `المتحدث باسم الجيش فلان`).
#[derive(Clone, Debug, PartialEq)]
pub struct PersonMention {
    pub mention: ActorMention,
    /// The body the role names (`المتحدث باسم الجيش` → the army), when the lexicon has it.
    pub body: Option<ActorId>,
}

/// Characters that sit between words without ending a phrase: spaces and line breaks, quotes,
/// brackets, hashtags.
fn is_transparent(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | ')' | '#' | '‘' | '’' | '*' | '[' | ']') || c.is_whitespace()
}

/// The word before byte `pos`, skipping transparent characters; `None` at punctuation.
fn word_before(t: &str, pos: usize) -> Option<(usize, &str)> {
    let head = &t[..pos];
    let end = head.char_indices().rev().find(|&(_, c)| !is_transparent(c)).map(|(i, c)| i + c.len_utf8())?;
    let start = head[..end].char_indices().rev().take_while(|&(_, c)| is_letter(c)).last().map(|(i, _)| i)?;
    Some((start, &head[start..end]))
}

/// The word after byte `pos`, skipping transparent characters; `None` at punctuation.
fn word_after(t: &str, pos: usize) -> Option<(usize, &str)> {
    let tail = &t[pos..];
    let start = tail.char_indices().find(|&(_, c)| !is_transparent(c)).map(|(i, _)| i)?;
    let len = tail[start..].char_indices().find(|&(_, c)| !is_letter(c)).map_or(tail.len() - start, |(i, _)| i);
    (len > 0).then(|| (pos + start + len, &tail[start..start + len]))
}

/// Whether a word, possibly with و/ف (and for prepositions ب/ل/ك) in front, is a cue of `class`.
fn word_is(lex: &Lexicon, word: &str, class: CueClass) -> bool {
    if lex.is_cue(word, class) {
        return true;
    }
    let mut w = word;
    for p in ['و', 'ف', 'ب', 'ك', 'ل'] {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 2 && lex.is_cue(rest, class) {
                return true;
            }
            w = rest;
        }
    }
    false
}

#[derive(Clone, Debug, PartialEq)]
struct Cand<'a> {
    start: usize,
    end: usize,
    /// Start of the word the match is in (before its proclitics).
    word_start: usize,
    /// End of the word (after a pronoun suffix).
    word_end: usize,
    pattern: usize,
    /// The pattern's targets as they are (borrowed), or those its context allows.
    targets: Cow<'a, [Target]>,
    /// Place targets kept only because the name is joined by و to what precedes it: they stay
    /// if that preceding mention reads as a place (أحياء غويران والمقبرة).
    by_coordination: Vec<Target>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    Actor,
    Place,
}

struct Ctx<'a> {
    lex: &'a Lexicon,
    t: &'a str,
}

impl Ctx<'_> {
    fn prefix<'b>(&'b self, c: &Cand) -> &'b str {
        &self.t[c.word_start..c.start]
    }

    /// A place preposition or noun right before the name, or the clitic ب on it.
    fn place_cue(&self, c: &Cand) -> bool {
        self.prefix(c).contains('ب') || self.place_word_before(c)
    }

    /// A place preposition or noun as the word before the name. The clitic ب alone is too weak
    /// for names that are common words (بعين الاعتبار).
    fn place_word_before(&self, c: &Cand) -> bool {
        if in_dateline(self.t, c.start, c.end) {
            return true;
        }
        let Some((ps, prev)) = word_before(self.t, c.word_start) else { return false };
        // A place noun before an adjective of nationality: العاصمة السورية دمشق.
        if self.lex.demonym_country(prev).is_some() {
            return word_before(self.t, ps).is_some_and(|(_, w)| word_is(self.lex, w, CueClass::PlaceNoun));
        }
        if word_is(self.lex, prev, CueClass::PlacePrep) || word_is(self.lex, prev, CueClass::PlaceNoun) {
            // "مدعومة من واشنطن": من after an agent word introduces an agent, not a place.
            if prev.trim_start_matches('و') == "من" {
                if let Some((_, pp)) = word_before(self.t, ps) {
                    if word_is(self.lex, pp, CueClass::ActorBefore) {
                        return false;
                    }
                }
            }
            return true;
        }
        false
    }

    /// A place noun or a direction right before the name (`بلدة`, `شمال`), or before an
    /// adjective of nationality before it (العاصمة الأفغانية كابول); or a dateline.
    fn place_noun(&self, c: &Cand) -> bool {
        if in_dateline(self.t, c.start, c.end) {
            return true;
        }
        let Some((ps, w)) = word_before(self.t, c.word_start) else { return false };
        if self.lex.demonym_country(w).is_some() {
            return word_before(self.t, ps).is_some_and(|(_, w)| word_is(self.lex, w, CueClass::PlaceNoun));
        }
        word_is(self.lex, w, CueClass::PlaceNoun)
    }

    /// A verb or agent word around the name.
    fn actor_cue(&self, c: &Cand) -> bool {
        if let Some((ps, prev)) = word_before(self.t, c.word_start) {
            if word_is(self.lex, prev, CueClass::ActorBefore) || word_is(self.lex, prev, CueClass::Verb) {
                return true;
            }
            if prev.trim_start_matches('و') == "من" {
                if let Some((_, pp)) = word_before(self.t, ps) {
                    if word_is(self.lex, pp, CueClass::ActorBefore) {
                        return true;
                    }
                }
            }
        }
        if let Some((_, next)) = word_after(self.t, c.word_end) {
            if word_is(self.lex, next, CueClass::Verb) || self.lex.is_cue(next, CueClass::ActorAfter) {
                return true;
            }
        }
        false
    }

    /// Whether `b` continues a list whose previous member ends at `a_end`: nothing but spaces,
    /// quotes, brackets, one comma or و between them.
    fn listed(&self, a_end: usize, b: &Cand) -> bool {
        let gap = &self.t[a_end..b.word_start];
        gap.chars().all(|c| is_transparent(c) || c == ',' || c == '،' || c == 'و')
            && gap.chars().filter(|&c| c == ',' || c == '،').count() <= 1
            && (gap.contains(['،', ',', 'و']) || self.prefix(b).starts_with('و'))
    }

    /// Whether `b` is joined to the mention ending at `a_end` by و (and nothing but spaces,
    /// commas and quotes between).
    fn coordinated(&self, a_end: usize, b: &Cand) -> bool {
        let gap = &self.t[a_end..b.word_start];
        if gap.chars().any(|c| !(is_transparent(c) || c == ',' || c == 'و')) {
            return false;
        }
        let gap_has_waw = gap.contains('و');
        (self.prefix(b).starts_with('و') || gap_has_waw) && gap.chars().filter(|&c| c == ',').count() <= 1
    }
}

/// The candidate for a match of the name scan, with the targets its context allows, or `None`
/// when a place reading that needs a cue has none and nothing else is left.
///
/// A name written with its article contracted after ل (للحسكة) is spanned from the لل.
fn candidate<'a>(ctx: &Ctx, auto: &'a Automaton, m: &Match<'_, u32>) -> Option<Cand<'a>> {
    let pat = *m.value as usize;
    let start = if m.elided { m.start - 'ل'.len_utf8() } else { m.start };
    let info = auto.info[pat];
    let all = auto.targets[pat].as_slice();
    let mut c = Cand {
        start,
        end: m.end,
        word_start: m.word_start,
        word_end: m.word_end,
        pattern: pat,
        targets: Cow::Borrowed(all),
        by_coordination: Vec::new(),
    };
    // Every target stays (`allowed_targets` would keep each): no copy.
    // ك "like" before a place name compares, it does not place: the context decides.
    if info.unconditional && !(info.place && ctx.t[m.word_start..start].contains('ك')) {
        return (!all.is_empty()).then_some(c);
    }
    c.targets = Cow::Owned(allowed_targets(ctx, auto, &mut c));
    // A common word kept only for its place reading: with the place reading gone and no
    // actor sharing the name, the candidate is gone too.
    (!c.targets.is_empty()).then_some(c)
}

/// The targets of candidate `c`'s pattern that its context allows: a place reading that needs a
/// place noun or a cue keeps it only with one, or when the name is joined by و to what precedes
/// it (then it is also noted in `c.by_coordination`).
fn allowed_targets(ctx: &Ctx, auto: &Automaton, c: &mut Cand) -> Vec<Target> {
    let t = ctx.t;
    let all = auto.targets[c.pattern].as_slice();
    let mut targets = Vec::with_capacity(all.len());
    // Asked only of a place reading that lacks its cue.
    let (pre, ws) = (&t[c.word_start..c.start], c.word_start);
    let joined = || pre.starts_with('و') || word_before(t, ws).is_some_and(|(_, w)| w == "و");
    let needs = &auto.needs[c.pattern];
    let mut cue: Option<bool> = None;
    let mut noun: Option<bool> = None;
    // ك "like" before a name compares, it does not place (كبيرا is no كـ + Beira).
    let like = pre.contains('ك');
    for (&tg, &need) in all.iter().zip(needs) {
        if let Target::Place(_) = tg {
            if like {
                continue;
            }
            if need & NEEDS_NOUN != 0 && !*noun.get_or_insert_with(|| ctx.place_noun(c)) {
                continue;
            }
            // With an actor of the same name (مصر), ب decides for the place: بمصر.
            if need & NEEDS_CUE != 0
                && !*cue.get_or_insert_with(|| {
                    if all.iter().any(|x| matches!(x, Target::Actor(_))) {
                        ctx.place_cue(c)
                    } else {
                        ctx.place_word_before(c)
                    }
                })
            {
                if joined() {
                    c.by_coordination.push(tg);
                    targets.push(tg);
                }
                continue;
            }
        }
        targets.push(tg);
    }
    targets
}

/// Find every actor and place of the embedded lexicon in a text layer.
pub fn find_mentions(layer: &TextLayer) -> Mentions {
    find_with(Lexicon::embedded(), automaton(), layer)
}

/// Run the embedded name scan over a normalized text exactly as [`find_mentions`] runs it (the
/// dictionary engine anchored at each word start and after each proclitic reading, whitespace
/// runs read as one space) and count its matches, with none of the checks that follow: the
/// cost of the scan alone, a ceiling for the mention finder in benchmarks.
pub fn bare_scan(norm: &str) -> usize {
    let mut n = 0;
    automaton().dict.scan(norm, |_| n += 1);
    n
}

/// A mention finder over any lexicon (the embedded one is [`find_mentions`]).
pub struct Matcher<'a> {
    lex: &'a Lexicon,
    auto: Automaton,
}

impl<'a> Matcher<'a> {
    /// Compile a lexicon's names (normalizing them at run time).
    pub fn new(lex: &'a Lexicon) -> Matcher<'a> {
        Matcher { lex, auto: Automaton::compile(lex) }
    }

    pub fn find(&self, layer: &TextLayer) -> Mentions {
        find_with(self.lex, &self.auto, layer)
    }

    /// The number of distinct patterns (normalized names and variants) the automaton holds.
    pub fn pattern_count(&self) -> usize {
        self.auto.names.len()
    }
}

fn find_with(lex: &Lexicon, auto: &Automaton, layer: &TextLayer) -> Mentions {
    // Offsets are into the normalized text; a name may run across a line break or a run of
    // spaces (the scan reads each whitespace run as one space, and `is_transparent` treats
    // whitespace as the space it stands for).
    let t = layer.norm.text.as_str();
    let ctx = Ctx { lex, t };

    // 1. Candidates.
    let mut cands: Vec<Cand> = Vec::new();
    auto.dict.scan(t, |m| cands.extend(candidate(&ctx, auto, &m)));

    // 2. Leftmost-longest selection.
    cands.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)).then(a.pattern.cmp(&b.pattern)));
    // A generic head that runs into a name (قوات [الجيش السوري]، عناصر [الجيش العراقي]) gives way
    // to the name: the words read as "forces of" the body named.
    let generic = |c: &Cand| c.targets.iter().all(|t| matches!(t, Target::Generic(_)));
    let named = |c: &Cand| c.targets.iter().any(|t| matches!(t, Target::Actor(_)));
    let mut selected: Vec<usize> = Vec::new();
    let mut last_end = 0;
    for (i, c) in cands.iter().enumerate() {
        if c.start < last_end {
            continue;
        }
        if generic(c) && cands[i + 1..].iter().take_while(|d| d.start < c.end).any(|d| d.end > c.end && named(d)) {
            continue;
        }
        selected.push(i);
        last_end = c.end;
    }

    // The countries the text is about, to choose among places and bodies sharing a name.
    let context = CountryContext::of(lex, layer, selected.iter().map(|&i| &cands[i]));

    // 3. Linking.
    let mut out = Mentions::default();
    let mut readings: Vec<Option<Reading>> = vec![None; selected.len()];
    // Readings fixed by cues or by the kind of record, then spread along coordinations.
    for (k, &i) in selected.iter().enumerate() {
        if !cands[i].by_coordination.is_empty() {
            let follows_place = k > 0
                && readings[k - 1] == Some(Reading::Place)
                && ctx.coordinated(cands[selected[k - 1]].end, &cands[i]);
            if !follows_place {
                let drop = std::mem::take(&mut cands[i].by_coordination);
                cands[i].targets.to_mut().retain(|t| !drop.contains(t));
            }
        }
        let c = &cands[i];
        let has_actor = c.targets.iter().any(|t| matches!(t, Target::Actor(_)));
        let has_place = c.targets.iter().any(|t| matches!(t, Target::Place(_)));
        readings[k] = match (has_actor, has_place) {
            (true, true) => {
                if ctx.place_cue(c) {
                    Some(Reading::Place)
                } else if ctx.actor_cue(c) {
                    Some(Reading::Actor)
                } else {
                    None
                }
            }
            (true, false) => Some(Reading::Actor),
            // A country the lexicon lists no government for reads as its neighbours do in a
            // list (فرنسا وإسبانيا وإيطاليا: the governments when France's acts), unless a
            // place word precedes it; alone it stays a place (the default reading has no actor).
            (false, true) if c.targets.iter().all(|t| is_country(lex, t)) && !ctx.place_cue(c) => None,
            (false, true) => Some(Reading::Place),
            _ => match c.targets.first() {
                Some(Target::Generic(g)) if !lex.generic_refs[*g as usize].actor_kinds.is_empty() => {
                    Some(Reading::Actor)
                }
                Some(Target::Surname(_)) => Some(Reading::Actor),
                _ => None,
            },
        };
    }
    // Coordination chains: an undecided member takes the reading of the nearest decided one.
    let mut chain_start = 0;
    for k in 0..=selected.len() {
        let joined = k > 0 && k < selected.len() && ctx.coordinated(cands[selected[k - 1]].end, &cands[selected[k]]);
        if k == selected.len() || (k > 0 && !joined) {
            let decided: Vec<(usize, Reading)> = (chain_start..k).filter_map(|j| readings[j].map(|r| (j, r))).collect();
            for (j, r) in readings.iter_mut().enumerate().take(k).skip(chain_start) {
                if r.is_none() {
                    *r = decided.iter().min_by_key(|(d, _)| d.abs_diff(j)).map(|&(_, r)| r);
                }
            }
            chain_start = k;
        }
    }

    // The sentence of a span: mentions come in text order, so a cursor moves forward over the
    // sentences (a binary search answers a span that starts before the previous one).
    let mut cursor = (0, 0);
    let mut sentence_of = |span: Span| {
        let sentences = &layer.sentences;
        let (mut k, last) = cursor;
        if span.start < last {
            k = sentences.partition_point(|s| s.span.end <= span.start);
        }
        while k < sentences.len() && sentences[k].span.end <= span.start {
            k += 1;
        }
        cursor = (k, span.start);
        k
    };
    // Original spans by a forward cursor: mentions come in text order, so most offsets only move
    // forward (amortized O(1)); an offset behind the cursor (a name inside the previous one) is
    // answered by a binary search, so every span is the one `Normalized::to_original` gives.
    let mut aligner = layer.norm.aligner();
    let mut orig_span = |s: usize, e: usize| aligner.to_original(Span::new(s, e));
    let mut named_actors: Vec<(usize, u32)> = Vec::new(); // (order, actor index)
    let mut named_places: Vec<u32> = Vec::new();
    let mut named_set: FxHashSet<u32> = FxHashSet::default();
    // The end of the last place linked and the kinds its noun named: a list it heads passes
    // them on (محافظات مأرب، الجوف).
    let mut list_kinds: Option<(usize, &[PlaceKind])> = None;

    for (k, &i) in selected.iter().enumerate() {
        let c = &cands[i];
        let span = orig_span(c.start, c.end);
        let sentence = sentence_of(span);
        let reading = readings[k].unwrap_or(Reading::Actor);
        let push_actor = |out: &mut Mentions, ai: u32, link: LinkKind| {
            let a = &lex.actors[ai as usize];
            let m = ActorMention { span, sentence, actor: a.id.clone(), kind: a.kind, link, name: None };
            if a.kind == ActorKind::Generic {
                out.generics.push(m);
            } else {
                out.actors.push(m);
            }
        };
        let mut linked_actor: Option<u32> = None;
        let mut linked_place: Option<u32> = None;
        match c.targets.first() {
            Some(Target::Generic(g)) if !lex.generic_refs[*g as usize].relation.is_empty() => {
                // "X وعائلاتهم": the actor standing in that relation to X.
                let rel = &lex.generic_refs[*g as usize].relation;
                let prev = k.checked_sub(1).map(|p| &cands[selected[p]]);
                let joined = prev.is_some_and(|p| ctx.coordinated(p.end, c));
                if let (true, Some(&(pk, x))) = (joined, named_actors.last()) {
                    let parent = &lex.actors[x as usize].id;
                    let related =
                        lex.actors.iter().position(|a| &a.relation == rel && a.parent.as_ref() == Some(parent));
                    if let Some(ri) = related.filter(|_| pk + 1 == k) {
                        push_actor(&mut out, ri as u32, LinkKind::Generic);
                    }
                }
            }
            Some(Target::Generic(g)) => {
                let g = &lex.generic_refs[*g as usize];
                // The body a named actor stands for under this word: itself, or, for a member of
                // a listed group that is not an armed body itself (its news agency, its leader),
                // that group.
                let target = |ai: u32| -> Option<u32> {
                    let a = &lex.actors[ai as usize];
                    // A generic word stands for a body, never for a person of it.
                    if a.kind == ActorKind::Person && !g.actor_kinds.contains(&ActorKind::Person) && g.ids.is_empty() {
                        return None;
                    }
                    // التنظيم is a body named تنظيم ...: not a force or a party named otherwise.
                    if let Some(h) = g.head.as_deref() {
                        let named = a.names_ar.iter().any(|n| n.strip_prefix(h).is_some_and(|r| r.starts_with(' ')));
                        if !named {
                            return None;
                        }
                    }
                    if g.actor_kinds.contains(&a.kind) {
                        return Some(ai);
                    }
                    if g.ids.is_empty() {
                        return None;
                    }
                    let chain = lex.actor_chain(&a.id);
                    let listed = chain.iter().position(|x| g.ids.iter().any(|id| id == x.id.as_str()))?;
                    if listed == 0 || chain[..listed].iter().any(|x| x.kind == chain[listed].kind) {
                        Some(ai)
                    } else {
                        lex.actor_index(&chain[listed].id).map(|i| i as u32)
                    }
                };
                if let Some(ai) = named_actors.iter().rev().take(RECENT).find_map(|&(_, ai)| target(ai)) {
                    push_actor(&mut out, ai, LinkKind::Generic);
                    linked_actor = Some(ai);
                } else if let Some(fb) = g.fallback.as_ref().and_then(|f| lex.actor_index(f)) {
                    push_actor(&mut out, fb as u32, LinkKind::Generic);
                } else if !g.place_kinds.is_empty() {
                    if let Some(&pi) = named_places
                        .iter()
                        .rev()
                        .take(RECENT)
                        .find(|&&pi| g.place_kinds.contains(&lex.places[pi as usize].kind))
                    {
                        let p = &lex.places[pi as usize];
                        out.places.push(place_mention(p, span, sentence));
                    }
                }
            }
            Some(Target::Surname(ai)) if named_set.contains(ai) => {
                push_actor(&mut out, *ai, LinkKind::Name);
                linked_actor = Some(*ai);
            }
            _ => {}
        }
        let first_actor = context.actor(lex, &c.targets);
        let places: Vec<u32> =
            c.targets.iter().filter_map(|t| if let Target::Place(p) = t { Some(*p) } else { None }).collect();
        match reading {
            Reading::Actor if first_actor.is_some() => {
                let ai = first_actor.unwrap_or_default();
                let metonymy = !places.is_empty();
                push_actor(&mut out, ai, if metonymy { LinkKind::Metonymy } else { LinkKind::Name });
                linked_actor = Some(ai);
            }
            _ if !places.is_empty() => {
                // The kind noun before the name (محافظة الحسكة), or before the list the name
                // continues (محافظات مأرب، الجوف وعدن), picks among same-named places, then the
                // country the article is about, then the gazetteer's order.
                let own_kinds = word_before(t, c.word_start).map_or(&[][..], |(_, w)| noun_kinds_of(lex, w));
                let noun_kinds = match list_kinds {
                    Some((end, kinds)) if own_kinds.is_empty() && ctx.listed(end, c) => kinds,
                    _ => own_kinds,
                };
                let best = places
                    .iter()
                    .copied()
                    .enumerate()
                    .max_by_key(|&(n, p)| {
                        let place = &lex.places[p as usize];
                        let kind_ok = noun_kinds.contains(&place.kind);
                        // Curated places, countries, admin-1 units and cities before towns of the
                        // same name (الرياض the capital, not a village called الرياض).
                        let primary = place.curated
                            || matches!(place.kind, PlaceKind::Country | PlaceKind::Governorate | PlaceKind::City);
                        // A place in a country the text is about comes before a better-known
                        // namesake elsewhere (a town in Yemen, not its namesake in Iraq).
                        // A country's name names the country before a namesake unit abroad
                        // (جورجيا), unless a kind noun says otherwise (ولاية جورجيا).
                        let country = place.kind == PlaceKind::Country;
                        let weight = context.weight(&place.country);
                        (kind_ok, country, context.holds(&place.country), primary, weight, std::cmp::Reverse(n))
                    })
                    .map(|(_, p)| p)
                    .unwrap_or(places[0]);
                // Two records of one place: the curated one.
                let best = same_place_primary(lex, &places, best);
                let p = &lex.places[best as usize];
                out.places.push(place_mention(p, span, sentence));
                linked_place = Some(best);
                // A country that acts (قالت إيطاليا، رفضت قطر الطلب) stands for its government
                // too, where the actor table names one.
                if p.kind == PlaceKind::Country && first_actor.is_none() && ctx.actor_cue(c) {
                    if let Some(gi) = lex.government_of(best) {
                        let g = &lex.actors[gi as usize];
                        out.actors.push(ActorMention {
                            span,
                            sentence,
                            actor: g.id.clone(),
                            kind: g.kind,
                            link: LinkKind::Metonymy,
                            name: None,
                        });
                        linked_actor = Some(gi);
                    }
                }
                list_kinds = Some((c.end, noun_kinds));
            }
            _ => {
                if let Some(ai) = first_actor {
                    push_actor(&mut out, ai, LinkKind::Name);
                    linked_actor = Some(ai);
                }
            }
        }
        if let Some(ai) = linked_actor.filter(|&ai| lex.actors[ai as usize].kind != ActorKind::Generic) {
            named_actors.push((k, ai));
            named_set.insert(ai);
        }
        if let Some(pi) = linked_place {
            named_places.push(pi);
        }
        // Names inside a longer name: "X led by Y" makes Y an actor too; a country, or a place
        // after a preposition, inside an actor or region name is a place the article mentions
        // (صحوات العراق، الحدود مع العراق، معهد الشرق الأوسط في واشنطن).
        let mut inner_seen: Vec<(usize, usize)> = Vec::new();
        for inner in cands[cands.partition_point(|x| x.start < c.start)..cands.partition_point(|x| x.start < c.end)]
            .iter()
            .filter(|x| x.end <= c.end && (x.start, x.end) != (c.start, c.end))
        {
            if inner_seen.contains(&(inner.start, inner.end)) {
                continue;
            }
            inner_seen.push((inner.start, inner.end));
            let inner_actor = inner.targets.iter().find_map(|t| if let Target::Actor(a) = t { Some(*a) } else { None });
            let inner_place = inner.targets.iter().find_map(|t| if let Target::Place(p) = t { Some(*p) } else { None });
            let before = word_before(t, inner.word_start).map(|(_, w)| w);
            // A preposition proper: directions (شمال، شرق) inside a name are part of it.
            let prep = before
                .is_some_and(|w| word_is(lex, w, CueClass::PlacePrep) && !word_is(lex, w, CueClass::PlaceNoun))
                || ctx.prefix(inner).contains('ب');
            let lead =
                before.is_some_and(|w| word_is(lex, w, CueClass::ActorBefore) || word_is(lex, w, CueClass::Verb));
            let outer_actor = linked_actor.is_some();
            if let Some(ai) = inner_actor.filter(|_| lead && outer_actor) {
                if Some(ai) != linked_actor && lex.actors[ai as usize].kind != ActorKind::Generic {
                    let a = &lex.actors[ai as usize];
                    out.actors.push(ActorMention {
                        span: orig_span(inner.start, inner.end),
                        sentence,
                        actor: a.id.clone(),
                        kind: a.kind,
                        link: LinkKind::Metonymy,
                        name: None,
                    });
                    named_actors.push((k, ai));
                    named_set.insert(ai);
                }
            } else if let Some(pi) = inner_place {
                let p = &lex.places[pi as usize];
                // A country that ends the longer name is its genitive (صحوات العراق، الحدود مع
                // العراق); inside a fixed name (قوات سوريا الديمقراطية) it is not a mention.
                let country = p.kind == PlaceKind::Country && inner_actor.is_none() && inner.end == c.end;
                if (country || (prep && outer_actor)) && Some(pi) != linked_place {
                    out.places.push(place_mention(p, orig_span(inner.start, inner.end), sentence));
                    named_places.push(pi);
                }
            }
        }
        // Ellipsis: القوات الأمريكية والروسية = the US forces and the Russian forces.
        if let Some(ai) = linked_actor {
            let name = &auto.names[c.pattern];
            if let (Some((head, _)), Some((we, next))) = (name.rsplit_once(' '), word_after(t, c.word_end)) {
                if let Some(adj) = next.strip_prefix('و').filter(|w| w.starts_with("ال")) {
                    let other = auto.index.get(&format!("{head} {adj}")).and_then(|&pi| {
                        auto.targets[pi].iter().find_map(|t| if let Target::Actor(a) = t { Some(*a) } else { None })
                    });
                    if let Some(bi) = other.filter(|&b| b != ai && lex.actors[b as usize].kind != ActorKind::Generic) {
                        let a = &lex.actors[bi as usize];
                        out.actors.push(ActorMention {
                            span: orig_span(we - next.len() + 'و'.len_utf8(), we),
                            sentence,
                            actor: a.id.clone(),
                            kind: a.kind,
                            link: LinkKind::Name,
                            name: None,
                        });
                        named_actors.push((k, bi));
                        named_set.insert(bi);
                    }
                }
            }
        }
    }
    out.actors.sort_by_key(|m| (m.span.start, m.span.end));
    out.places.sort_by_key(|m| (m.span.start, m.span.end));
    out.generics.sort_by_key(|m| (m.span.start, m.span.end));
    out.persons = crate::persons::find(lex, layer, &out);
    out
}

/// Among places sharing a name, the curated record of the same kind that lies within about
/// 40 km of `best`, when `best` is a generated one: the same place listed twice (a curated
/// city and a source's copy of it filed under another country).
fn same_place_primary(lex: &Lexicon, places: &[u32], best: u32) -> u32 {
    let b = &lex.places[best as usize];
    if b.curated {
        return best;
    }
    let near = |p: &Place| match (p.lat, p.lon, b.lat, b.lon) {
        (Some(a), Some(o), Some(c), Some(d)) => (a - c).abs() < 0.4 && (o - d).abs() < 0.4,
        _ => false,
    };
    places
        .iter()
        .copied()
        .find(|&p| {
            let q = &lex.places[p as usize];
            p != best && q.kind == b.kind && q.curated && near(q)
        })
        .unwrap_or(best)
}

fn is_country(lex: &Lexicon, t: &Target) -> bool {
    matches!(t, Target::Place(p) if lex.places[*p as usize].kind == PlaceKind::Country)
}

/// Whether `[s, e)` lies in a dateline: a line among the first of the text (after a title)
/// made of names separated by commas up to the outlet in brackets or a dash
/// (`دبي، الإمارات العربية المتحدة (CNN) --`). The names in it are places.
pub fn in_dateline(t: &str, s: usize, e: usize) -> bool {
    const HEAD: usize = 800;
    const MAX: usize = 120;
    if s > HEAD + MAX {
        return false;
    }
    let line = t[..s].rfind('\n').map_or(0, |i| i + 1);
    if line > HEAD || !t[line..s].chars().all(|c| is_letter(c) || c == ' ' || c == '،' || c == ',') {
        return false;
    }
    let mut comma = false;
    for (i, ch) in t[line..].char_indices() {
        if i > MAX {
            return false;
        }
        match ch {
            '(' | '–' | '—' | '-' => return comma && line + i >= e,
            '،' | ',' => comma = true,
            c if is_letter(c) || c == ' ' => {}
            _ => return false,
        }
    }
    false
}

/// The kinds of place a noun names, with a proclitic on it or not (ومحافظة).
fn noun_kinds_of<'l>(lex: &'l Lexicon, w: &str) -> &'l [PlaceKind] {
    let k = lex.noun_kinds(w);
    if k.is_empty() {
        lex.noun_kinds(w.trim_start_matches(['و', 'ف', 'ب', 'ل', 'ك']))
    } else {
        k
    }
}

/// The countries a text is about, each with the weight of the evidence for it: names that link
/// to records of one country only (the country itself, a place no other country shares, a body
/// of that country), and adjectives of nationality (اليمنية).
#[derive(Debug, Default)]
struct CountryContext<'l> {
    weights: FxHashMap<&'l str, usize>,
    top: usize,
}

impl<'l> CountryContext<'l> {
    fn of<'c>(lex: &'l Lexicon, layer: &TextLayer, cands: impl Iterator<Item = &'c Cand<'c>>) -> CountryContext<'l> {
        let mut cx = CountryContext::default();
        for c in cands {
            let mut one: Option<&'l str> = None;
            let mut several = false;
            for tg in c.targets.iter() {
                let country = match *tg {
                    Target::Place(p) => lex.places[p as usize].country.as_str(),
                    Target::Actor(a) => lex.actors[a as usize].country.as_str(),
                    _ => "",
                };
                if country.is_empty() {
                    continue;
                }
                match one {
                    None => one = Some(country),
                    Some(o) if o != country => several = true,
                    _ => {}
                }
            }
            if let Some(country) = one.filter(|_| !several) {
                *cx.weights.entry(country).or_default() += 1;
            }
        }
        for tok in layer.tokens.iter().filter(|t| t.is_word()) {
            if let Some(country) = lex.demonym_country(tok.text(&layer.norm)) {
                *cx.weights.entry(country).or_default() += 1;
            }
        }
        cx.top = cx.weights.values().copied().max().unwrap_or(0);
        cx
    }

    fn weight(&self, country: &str) -> usize {
        self.weights.get(country).copied().unwrap_or(0)
    }

    /// Whether the text is about this country: it has evidence, at least a third of the
    /// best-attested country's.
    fn holds(&self, country: &str) -> bool {
        let w = self.weight(country);
        w > 0 && w * 3 >= self.top
    }

    /// The actor a name links to among its actor targets: one of a country the text is about
    /// when bodies of several countries share the name (وزارة الداخلية), else the first. When
    /// the text is about other countries only, a name shared by several countries' bodies
    /// names none of those listed.
    fn actor(&self, lex: &Lexicon, targets: &[Target]) -> Option<u32> {
        let mut actors = targets.iter().filter_map(|t| if let Target::Actor(a) = t { Some(*a) } else { None });
        let first = actors.next()?;
        let country = |a: u32| lex.actors[a as usize].country.as_str();
        let c0 = country(first);
        let rest: Vec<u32> = actors.collect();
        if rest.iter().all(|&a| country(a) == c0) {
            return Some(first);
        }
        let all = || std::iter::once(first).chain(rest.iter().copied());
        let mut best: Option<(usize, u32)> = None;
        for a in all().filter(|&a| self.holds(country(a))) {
            let w = self.weight(country(a));
            if best.is_none_or(|(bw, _)| w > bw) {
                best = Some((w, a));
            }
        }
        if let Some((_, a)) = best {
            return Some(a);
        }
        let shared = all().all(|a| !country(a).is_empty());
        if self.top > 0 && shared {
            return None;
        }
        Some(first)
    }
}

/// A mention of gazetteer record `p` at `span`.
fn place_mention(p: &Place, span: Span, sentence: usize) -> PlaceMention {
    PlaceMention { span, sentence, place: p.id.clone(), kind: p.kind, geo_precision: p.kind.geo_precision() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use marsad_text::clitics::{is_proclitic_seq, is_pronoun_suffix};

    /// The candidates of a text by an independent string search, as the mention finder found
    /// them before the dictionary engine: an Aho-Corasick automaton over every name and its
    /// form with ل + its article contracted (للحسكه), run unanchored and overlapping over a
    /// copy of the normalized text with each whitespace run collapsed to one space; a match
    /// kept only after a proclitic sequence from its word start (a contracted form after a
    /// conjunction only), before a pronoun suffix or nothing (nothing for a definite name or a
    /// place); offsets mapped back to the normalized text. The scan must give exactly these.
    fn candidates_unanchored<'a>(lex: &Lexicon, auto: &'a Automaton, norm: &str) -> Vec<Cand<'a>> {
        let mut text = String::new();
        let mut map = Vec::new();
        let mut in_space = false;
        for (i, c) in norm.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    text.push(' ');
                    map.push(i);
                }
                in_space = true;
                continue;
            }
            in_space = false;
            text.push(c);
            map.extend(i..i + c.len_utf8());
        }
        map.push(norm.len());
        // Every name, then every contracted form, with the pattern it stands for.
        static AC: OnceLock<(AhoCorasick, Vec<(usize, bool)>)> = OnceLock::new();
        assert!(std::ptr::eq(auto, automaton()), "the unanchored search is built for the embedded lexicon");
        let (ac, forms) = AC.get_or_init(|| {
            let mut texts: Vec<String> = auto.names.clone();
            let mut forms: Vec<(usize, bool)> = (0..texts.len()).map(|p| (p, false)).collect();
            for (p, name) in auto.names.iter().enumerate() {
                if let Some(rest) = name.strip_prefix("ال") {
                    // ل + ال + لجنه is written للجنه.
                    texts.push(if rest.starts_with('ل') { format!("ل{rest}") } else { format!("لل{rest}") });
                    forms.push((p, true));
                }
            }
            let ac = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&texts).expect("patterns compile");
            (ac, forms)
        });
        let ctx = Ctx { lex, t: &text };
        let mut out = Vec::new();
        for m in ac.find_overlapping_iter(&text) {
            let (s, e) = (m.start(), m.end());
            let (pat, contracted) = forms[m.pattern().as_usize()];
            let ws = text[..s].char_indices().rev().take_while(|&(_, c)| is_letter(c)).last().map_or(s, |(i, _)| i);
            let pre = &text[ws..s];
            if !(is_proclitic_seq(pre) && (!contracted || matches!(pre, "" | "و" | "ف"))) {
                continue;
            }
            let we = text[e..].char_indices().find(|&(_, c)| !is_letter(c)).map_or(text.len(), |(i, _)| e + i);
            let name = &auto.names[pat];
            let place = auto.targets[pat].iter().any(|x| matches!(x, Target::Place(_)));
            if !is_pronoun_suffix(&text[e..we]) || (we > e && (name.starts_with("ال") || place)) {
                continue;
            }
            let mut c = Cand {
                start: s,
                end: e,
                word_start: ws,
                word_end: we,
                pattern: pat,
                targets: Cow::Owned(Vec::new()),
                by_coordination: Vec::new(),
            };
            c.targets = Cow::Owned(allowed_targets(&ctx, auto, &mut c));
            if c.targets.is_empty() {
                continue;
            }
            (c.start, c.end) = (map[c.start], map[c.end - 1] + 1);
            (c.word_start, c.word_end) = (map[c.word_start], map[c.word_end]);
            out.push(c);
        }
        out
    }

    fn candidates_scanned<'a>(lex: &Lexicon, auto: &'a Automaton, norm: &str) -> Vec<Cand<'a>> {
        let ctx = Ctx { lex, t: norm };
        let mut out = Vec::new();
        auto.dict.scan(norm, |m| out.extend(candidate(&ctx, auto, &m)));
        out
    }

    fn assert_same_candidates(text: &str) -> usize {
        let norm = marsad_text::normalize::Normalizer::matching().normalize(text).text;
        let key = |c: &Cand| (c.start, c.end, c.pattern);
        let mut old = candidates_unanchored(Lexicon::embedded(), automaton(), &norm);
        let mut new = candidates_scanned(Lexicon::embedded(), automaton(), &norm);
        old.sort_by_key(key);
        new.sort_by_key(key);
        // Both search ways may find one name twice at one place (ل + لجنه read two ways).
        old.dedup_by_key(|c| key(c));
        new.dedup_by_key(|c| key(c));
        for c in old.iter_mut().chain(new.iter_mut()) {
            c.targets = Cow::Owned(c.targets.to_vec());
        }
        assert_eq!(old, new, "{text:?}");
        new.len()
    }

    #[test]
    fn place_conditions_are_those_of_the_gazetteer() {
        for (auto, lex) in
            [(automaton(), Lexicon::embedded()), (&Matcher::new(Lexicon::embedded()).auto, Lexicon::embedded())]
        {
            let (mut noun, mut cue) = (0, 0);
            for (pat, targets) in auto.targets.iter().enumerate() {
                let name = &auto.names[pat];
                assert_eq!(auto.needs[pat].len(), targets.len(), "{name}");
                for (&tg, &need) in targets.iter().zip(&auto.needs[pat]) {
                    let (n, c) = match tg {
                        Target::Place(i) => {
                            let p = &lex.places[i as usize];
                            (p.needs_noun.iter().any(|n| n == name), p.needs_cue.iter().any(|n| n == name))
                        }
                        _ => (false, false),
                    };
                    assert_eq!((need & NEEDS_NOUN != 0, need & NEEDS_CUE != 0), (n, c), "{name} {tg:?}");
                    noun += n as usize;
                    cue += c as usize;
                }
                let conditional = auto.needs[pat].iter().any(|&n| n != 0);
                assert_eq!(auto.info[pat].unconditional, !conditional, "{name}");
            }
            assert!(noun > 0 && cue > 10, "{noun} place readings need a noun, {cue} a cue");
        }
    }

    #[test]
    fn candidates_borrow_their_targets_unless_the_context_decides() {
        // Place names that are common words (with and without their cue), definite names with
        // suffixes, contracted لل, coordination, Latin text and digits.
        let mut texts = vec![
            "وصلت القوات إلى بلدة بيان وبيان الحكومة صدر أمس في 3 مدن، ومنها العراقي والعراق وللعراق".to_string(),
            "قال الجيش إن قواته دخلت عين العرب وعين الاعتبار والبحر الأبيض بالحسكة ولحلب and Reuters 2024".to_string(),
            "مصر وبمصر وفي مصر أعلنت مصر أن الجزيرة والجزيرة نت ذكرتا الباب ومدينة الباب والسجن".to_string(),
        ];
        let cases: toml::Value = toml::from_str(include_str!("../testdata/mentions.toml")).expect("testdata parses");
        texts.extend(cases["case"].as_array().expect("cases").iter().map(|c| c["text"].as_str().expect("text").into()));
        let (lex, auto) = (Lexicon::embedded(), automaton());
        let (mut n, mut borrowed) = (0, 0);
        for text in &texts {
            let norm = marsad_text::normalize::Normalizer::matching().normalize(text).text;
            let ctx = Ctx { lex, t: &norm };
            auto.dict.scan(&norm, |m| {
                let new = candidate(&ctx, auto, &m);
                if let Some(c) = &new {
                    let mut c2 = c.clone();
                    assert_eq!(c.targets.as_ref(), allowed_targets(&ctx, auto, &mut c2).as_slice(), "{text:?}");
                }
                n += new.is_some() as usize;
                borrowed += new.is_some_and(|c| matches!(c.targets, Cow::Borrowed(_))) as usize;
            });
        }
        assert!(n > 50 && borrowed < n, "{n} candidates, {borrowed} with their targets as they are");
    }

    #[test]
    fn anchored_scan_finds_what_the_unanchored_search_kept() {
        let texts = [
            "قالت قوات سوريا الديمقراطية إن مقاتليها صدوا هجوما لتنظيم داعش على سجن غويران في الحسكة.",
            // Names across line breaks, runs of spaces, tabs and no-break spaces.
            "قوات\nسوريا   الديمقراطية\tو«هيئة تحرير\u{a0}\u{a0}الشام»\r\n\nوالقوات  الروسية\u{2003}في ريف إدلب  ",
            // Proclitics and pronoun suffixes: وب، لل، فل، ول; حكومته، قواتهم.
            "وبالحسكة وللحسكة فلحزب الله ولقسد وبدير الزور، وحلبهم والعراقي وحكومته وقواتهم كقسد",
            // Quotes, brackets, hashtags and a name in quotes after its head.
            "\"داعش\" (قسد) #الحسكة [حلب] قوات \"سوريا الديمقراطية\" ‘إدلب’ *الرقة*",
            // Names inside words, at the very start and end, after digits and punctuation.
            "مقسدة ولاية داعشي 3قسد،حلب.إدلب؛الرقة؟دمشق!بغداد",
            "   \n",
            "",
            "قسد",
        ];
        let found: usize = texts.iter().map(|t| assert_same_candidates(t)).sum();
        assert!(found > 30, "only {found} candidates: the texts no longer exercise the lexicon");
    }

    #[test]
    fn anchored_scan_agrees_on_every_pattern_in_varied_contexts() {
        // Every pattern, behind each proclitic sequence and before each pronoun suffix, its
        // spaces written as different whitespace runs, glued to neighbours in different ways.
        let patterns: Vec<(&String, usize)> = automaton().names.iter().zip(0..).collect();
        let procl = marsad_text::clitics::PROCLITICS;
        let suffixes = marsad_text::clitics::SUFFIXES;
        let spaces = [" ", "\n", "  ", "\u{a0}", " \n\t"];
        let glue = [" ", "", "،", "\n\n", "ال"];
        let mut text = String::new();
        for (k, (p, _)) in patterns.iter().enumerate() {
            text.push_str(glue[k % glue.len()]);
            text.push_str(procl[k % procl.len()]);
            text.push_str(&p.replace(' ', spaces[k % spaces.len()]));
            text.push_str(suffixes[(k / 3) % suffixes.len()]);
            if k % 500 == 499 {
                assert_same_candidates(&text);
                text.clear();
            }
        }
        assert_same_candidates(&text);
    }

    #[test]
    fn anchored_scan_agrees_on_the_test_sentences_and_seeds() {
        let cases: toml::Value = toml::from_str(include_str!("../testdata/mentions.toml")).expect("testdata parses");
        let mut n = 0;
        for case in cases["case"].as_array().expect("cases") {
            assert_same_candidates(case["text"].as_str().expect("text"));
            n += 1;
        }
        assert!(n > 20);
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
        let Ok(dir) = std::fs::read_dir(&seeds) else {
            eprintln!("skipping the seeds: {} not found", seeds.display());
            return;
        };
        for f in dir.flatten() {
            let text = std::fs::read_to_string(f.path()).expect("seed reads");
            assert_same_candidates(&text);
        }
    }

    /// The same over a corpus of JSON strings, one document a line (`MARSAD_SCAN_DOCS=FILE cargo
    /// test --release -p marsad-lexicon -- --ignored`).
    #[test]
    #[ignore = "needs a corpus file in MARSAD_SCAN_DOCS"]
    fn anchored_scan_agrees_on_a_corpus() {
        let Some(path) = std::env::var_os("MARSAD_SCAN_DOCS") else { return };
        let docs = std::fs::read_to_string(&path).expect("corpus file reads");
        let mut n = 0;
        for line in docs.lines() {
            let text: String = serde_json::from_str(line).expect("a JSON string per line");
            n += assert_same_candidates(&text);
        }
        eprintln!("{n} candidates agree");
    }

    fn actor_ids(text: &str) -> Vec<String> {
        find_mentions(&TextLayer::new(text)).actors.iter().map(|m| m.actor.to_string()).collect()
    }

    fn place_ids(text: &str) -> Vec<String> {
        find_mentions(&TextLayer::new(text)).places.iter().map(|m| m.place.to_string()).collect()
    }

    #[test]
    fn proclitics_attach_to_names() {
        assert!(place_ids("وصلت التعزيزات بالحسكة").contains(&"hasakah".to_string()));
        assert!(place_ids("في الرقة والحسكة").contains(&"hasakah".to_string()));
        assert!(actor_ids("بيان لقسد").contains(&"sdf".to_string()));
        assert!(place_ids("عاد للحسكة").contains(&"hasakah".to_string()));
    }

    #[test]
    fn bare_gaza_is_the_strip_and_the_city_is_named_as_such() {
        // News writes «غزة» alone for the Strip (the war on Gaza, its border, its siege); the
        // city is «مدينة غزة».
        assert_eq!(place_ids("تظاهر آلاف الفلسطينيين على حدود غزة"), ["gaza_strip"]);
        assert_eq!(place_ids("قصفت الطائرات مواقع في قطاع غزة"), ["gaza_strip"]);
        assert_eq!(place_ids("سقط صاروخ على حي في مدينة غزة"), ["gaza_city"]);
    }

    #[test]
    fn names_inside_other_words_do_not_match() {
        assert!(actor_ids("مقسدة").is_empty());
        assert!(place_ids("ولاية").is_empty());
    }

    #[test]
    fn spans_point_at_the_original() {
        let text = "هاجم «داعش» سجن غويران\n\nوقالت قوات   سوريا الديمقراطية";
        let m = find_mentions(&TextLayer::new(text));
        assert!(m.actors.iter().any(|a| &text[a.span.range()] == "داعش"));
        assert!(m.actors.iter().any(|a| &text[a.span.range()] == "قوات   سوريا الديمقراطية"));
        assert!(m.places.iter().any(|p| &text[p.span.range()] == "سجن غويران"));
    }

    #[test]
    fn a_rejected_long_match_does_not_hide_a_shorter_valid_one() {
        // "النهر الكبير" is a place only after a place cue; without one, the actor "النهر" at
        // the same position must still be found.
        let actors =
            "id\tkind\tname_en\tnames_ar\tparent_id\tnote\nriver_group\tnon_state_armed_group\tRiver\tالنهر\t\t\n";
        let places = "id\tkind\tname_en\tnames_ar\tparent_id\tlat\tlon\tcountry\tadmin1\tadmin2\tneeds_cue\tneeds_noun\tsource\n\
                      big_river\ttown\tBig River\tالنهر الكبير\t\t\t\tSY\t\t\tالنهر الكبير\t\textra\n";
        let cues = include_str!("../data/cues.tsv");
        let lex = Lexicon::load(actors, places, cues, "words\tkinds\tids\tfallback\n").expect("test lexicon parses");
        let matcher = Matcher::new(&lex);
        let m = matcher.find(&TextLayer::new("أعلن النهر الكبير مسؤوليته"));
        assert_eq!(m.actors.iter().map(|a| a.actor.as_str()).collect::<Vec<_>>(), ["river_group"]);
        assert!(m.places.is_empty());
        let m = matcher.find(&TextLayer::new("وصلوا إلى النهر الكبير"));
        assert_eq!(m.places.iter().map(|p| p.place.as_str()).collect::<Vec<_>>(), ["big_river"]);
    }

    #[test]
    fn the_country_of_the_text_chooses_among_bodies_sharing_a_name() {
        let actors = "id\tkind\tname_en\tnames_ar\tparent_id\tnote\trelation\tcountry\n\
                      sy_gov\tpolitical\tSyrian government\tالحكومة السورية\t\t\t\tSY\n\
                      sy_moi\tpolice\tSyrian interior ministry\tوزارة الداخلية\tsy_gov\t\t\t\n\
                      iq_moi\tpolice\tIraqi interior ministry\tوزارة الداخلية\t\t\t\tIQ\n";
        let places = "id\tkind\tname_en\tnames_ar\tparent_id\tlat\tlon\tcountry\tadmin1\tadmin2\tneeds_cue\tneeds_noun\tsource\n";
        let cues = include_str!("../data/cues.tsv");
        let lex = Lexicon::load(actors, places, cues, "words\tkinds\tids\tfallback\n").expect("test lexicon parses");
        assert_eq!(lex.actor(&ActorId::new("sy_moi")).map(|a| a.country.as_str()), Some("SY"), "inherited");
        let matcher = Matcher::new(&lex);
        let ids = |text: &str| -> Vec<String> {
            matcher.find(&TextLayer::new(text)).actors.iter().map(|a| a.actor.to_string()).collect()
        };
        // The adjective of nationality tells which country's ministry.
        assert_eq!(ids("أعلنت وزارة الداخلية اعتقال خمسة عراقيين"), ["iq_moi"]);
        assert_eq!(ids("أعلنت وزارة الداخلية اعتقال خمسة سوريين قرب الحدود"), ["sy_moi"]);
        // So does a body of that country named elsewhere in the text.
        assert_eq!(ids("رحبت الحكومة السورية بالقرار، وقالت وزارة الداخلية إنها ستنفذه"), ["sy_gov", "sy_moi"]);
        // A text about a third country: the ministry is neither of those listed.
        assert!(ids("أعلنت وزارة الداخلية اعتقال خمسة كويتيين").is_empty());
        // No country at all: the first listed, as before.
        assert_eq!(ids("أعلنت وزارة الداخلية اعتقال خمسة أشخاص"), ["sy_moi"]);
    }

    #[test]
    fn a_bad_country_code_is_a_data_error() {
        let actors =
            "id\tkind\tname_en\tnames_ar\tparent_id\tnote\trelation\tcountry\nx\tpolitical\tX\tاكس\t\t\t\tSyria\n";
        let places = "id\tkind\tname_en\tnames_ar\tparent_id\tlat\tlon\tcountry\tadmin1\tadmin2\tneeds_cue\tneeds_noun\tsource\n";
        let err = Lexicon::parse(actors, places).expect_err("a country name is no code");
        assert!(err.to_string().contains("actors.tsv:2"), "{err}");
    }

    #[test]
    fn build_time_table_equals_runtime_compilation() {
        let lex = Lexicon::embedded();
        let runtime = Matcher::new(lex);
        let built = automaton();
        assert_eq!(runtime.auto.names, built.names);
        assert_eq!(runtime.auto.targets, built.targets);
        assert!(runtime.pattern_count() > 5000, "only {} patterns", runtime.pattern_count());
    }

    #[test]
    fn mentions_carry_the_sentence_they_start_in() {
        let text = "قصفت القوات الروسية إدلب. وقالت قسد إن داعش هاجم الحسكة!\n\nثم ردت هيئة تحرير الشام في حلب؟ \
                    لا تعليق من Reuters على 3 غارات في دمشق. وأعلنت دمشق والقوات الروسية ذلك.";
        let layer = TextLayer::new(text);
        let m = find_mentions(&layer);
        let expected = |span: Span| layer.sentences.partition_point(|s| s.span.end <= span.start);
        let spans: Vec<(Span, usize)> = m
            .actors
            .iter()
            .chain(&m.generics)
            .map(|a| (a.span, a.sentence))
            .chain(m.places.iter().map(|p| (p.span, p.sentence)))
            .collect();
        assert!(spans.len() >= 8, "{spans:?}");
        assert!(layer.sentences.len() >= 4);
        for (span, sentence) in spans {
            assert_eq!(sentence, expected(span), "{}", &text[span.range()]);
        }
    }

    /// Spans come from a forward cursor that also steps back (a name inside the previous one):
    /// every offset must map as `Normalized::to_original` maps it, on text whose normalization
    /// drops diacritics and tatweel and rewrites hamza forms.
    #[test]
    fn cursor_spans_equal_binary_search_spans() {
        let text = "قصفتْ القوّاتُ الروسيـــة مدينةَ إدلب،\n  وأعلنت «هيئة تحرير الشام» في ريف حلب 3 غارات؛ Reuters.";
        let layer = TextLayer::new(text);
        let n = &layer.norm;
        assert_ne!(n.text.len(), text.len(), "normalization must change lengths here");
        let len = n.text.len();
        // Increasing offsets, with backward steps as inner names make them.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for s in (0..len).step_by(5) {
            spans.push((s, (s + 9).min(len)));
            spans.push((s.saturating_sub(7), (s + 3).min(len)));
        }
        spans.push((len, len));
        let mut al = n.aligner();
        for (s, e) in spans {
            assert_eq!(al.to_original(Span::new(s, e)), n.to_original(Span::new(s, e)), "{s}..{e}");
        }
        let m = find_mentions(&layer);
        let names: Vec<&str> = m.actors.iter().map(|a| &text[a.span.range()]).collect();
        assert!(names.contains(&"القوّاتُ الروسيـــة"), "{names:?}");
        assert!(names.contains(&"هيئة تحرير الشام"), "{names:?}");
    }

    #[test]
    fn output_is_deterministic() {
        let text = "قصفت القوات الروسية مدينة إدلب وقالت موسكو إن الغارات استهدفت هيئة تحرير الشام في ريف إدلب";
        let a = find_mentions(&TextLayer::new(text));
        let b = find_mentions(&TextLayer::new(text));
        assert_eq!(a.actors, b.actors);
        assert_eq!(a.places, b.places);
        assert!(!a.actors.is_empty() && !a.places.is_empty());
    }
}
