//! Who a figure comes from: the source the report attributes it to.
//!
//! Design decision: attribution is read per sentence from "reporting constructs" of
//! `data/attribution.tsv`: a verb of saying with its complement (قال … إن، أعلنت … أن، أضاف:،
//! أعلن الجيش مقتل، أفاد مسؤولون بوقوع), a noun of saying (إعلانه أن), a verb that states a
//! figure (حددت العدد بـ), "according to" (بحسب، وفق، نقلا عن; also a verb of saying placed
//! after the figure: حسبما قال، كما أفاد), and "it is reported that" (يذكر أن) in the outlet's
//! own voice. A figure belongs to the nearest construct before it unless a clause opener in the
//! outlet's voice (بينما، في حين) comes between them; else to an "according to" anywhere in its
//! sentence; else, when the sentence points back at a report (التقرير), to the last source
//! named; else to the source named last in its paragraph before it (a source named once governs
//! its paragraph until another appears); else to the article itself. The speaker of a verb is
//! the actor between it and its complement (a person first; "مصدر في قسد" is the body it
//! belongs to; the one spoken to, لوكالة رويترز، is not the speaker; after a verb of accusing the
//! accused is not), else the actor just before it, else the speaker already established in the
//! sentence or the previous one (وأضاف:). Quotes opened after a construct carry its speaker into
//! the following sentences until they close. A media office speaks for its parent body. A person
//! the lexicon does not list speaks as `person:NAME`, NAME as the text writes it: found by a
//! title (`Mentions::persons`), as a name set off before a title (فلان، المتحدث باسم …), as a
//! name after a role and its body (وزير الصحة في حكومة … فلان), or by the last name of a person
//! named before (وأضاف فلان).

use crate::tables::{AttributionKind, AttributionValue};
use crate::view::{DocView, Ment};
use crate::vocab::PhraseTable;
use marsad_core::{ActorId, ActorKind, Span};
use std::sync::OnceLock;

const ATTRIBUTION_TSV: &str = include_str!("../data/attribution.tsv");

fn vocab() -> &'static PhraseTable<AttributionKind> {
    static T: OnceLock<PhraseTable<AttributionKind>> = OnceLock::new();
    // The table is embedded and loaded by a test: a failure to load is a build defect.
    T.get_or_init(|| {
        PhraseTable::parse("attribution.tsv", ATTRIBUTION_TSV, true).expect("data/attribution.tsv is valid")
    })
}

/// The rows of `attribution.tsv` each reader looks for, as tables of their own: a lookup at a
/// token walks only the phrases of the kinds it wants, not the prepositions and complementizers
/// (في، من، أن) that start phrases of other kinds at most tokens. A table of some kinds gives
/// the whole table's hits of those kinds in the same order, so the first hit of a kind is the
/// one the whole table gives first.
pub(crate) struct Kinds {
    /// What [`Attributor::sentence`] reads at every token.
    scan: PhraseTable<AttributionKind>,
    /// The reporting constructs alone: what [`Attributor::pass`] reads.
    constructs: PhraseTable<AttributionKind>,
    comp: PhraseTable<AttributionKind>,
    relay: PhraseTable<AttributionKind>,
    unnamed: PhraseTable<AttributionKind>,
    affiliation: PhraseTable<AttributionKind>,
    addressee: PhraseTable<AttributionKind>,
    pub not_count: PhraseTable<AttributionKind>,
    pub holder: PhraseTable<AttributionKind>,
    pub subset: PhraseTable<AttributionKind>,
    pub also: PhraseTable<AttributionKind>,
    pub elided_follow: PhraseTable<AttributionKind>,
    pub size_of: PhraseTable<AttributionKind>,
    pub time_ref: PhraseTable<AttributionKind>,
    pub resumptive: PhraseTable<AttributionKind>,
    /// حسبما، كما، وفق ما before a verb of saying: the report comes after what it covers.
    as_said: PhraseTable<AttributionKind>,
    /// مراسل: an outlet's correspondent speaks for the outlet.
    correspondent: PhraseTable<AttributionKind>,
    pub year_before: PhraseTable<AttributionKind>,
    pub unit_after: PhraseTable<AttributionKind>,
}

pub(crate) fn kinds() -> &'static Kinds {
    static K: OnceLock<Kinds> = OnceLock::new();
    K.get_or_init(|| {
        let v = vocab();
        use AttributionKind::*;
        Kinds {
            scan: v.only(&[ReportVerb, ReportNoun, FigureVerb, According, Impersonal, Reset, Anaphor, Doubt]),
            constructs: v.only(&[ReportVerb, ReportNoun, FigureVerb, According, Impersonal]),
            comp: v.only(&[Comp]),
            relay: v.only(&[Relay]),
            unnamed: v.only(&[Unnamed]),
            affiliation: v.only(&[Affiliation]),
            addressee: v.only(&[Addressee]),
            not_count: v.only(&[NotCount]),
            holder: v.only(&[Holder]),
            subset: v.only(&[Subset]),
            also: v.only(&[Also]),
            elided_follow: v.only(&[ElidedFollow]),
            size_of: v.only(&[SizeOf]),
            time_ref: v.only(&[TimeRef]),
            resumptive: v.only(&[Resumptive]),
            as_said: v.only(&[AsSaid]),
            correspondent: v.only(&[Correspondent]),
            year_before: v.only(&[YearBefore]),
            unit_after: v.only(&[UnitAfter]),
        }
    })
}

pub const ARTICLE: &str = "article";
pub const UNNAMED: &str = "unnamed_sources";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CKind {
    Verb,
    /// يذكر أن، تجدر الإشارة إلى أن: the outlet's own voice.
    Impersonal,
    Noun,
    Figure,
    According,
}

#[derive(Clone, Debug)]
struct Construct {
    kind: CKind,
    start: usize,
    end: usize,
    source: Option<ActorId>,
    /// Where what is said begins ([`Attributor::complement`] at `end`), when the scan needed it:
    /// a verb of saying is a construct only with one, and its speaker is read up to it.
    complement: Option<usize>,
    /// A verb of accusing: the one after it is the accused, the speaker comes before it.
    accuse: bool,
}

/// The attribution of one sentence's figures.
#[derive(Debug)]
pub struct SentenceSources {
    constructs: Vec<Construct>,
    resets: Vec<usize>,
    /// Quote regions `[open, close)` with their speaker.
    quotes: Vec<(usize, usize, Option<ActorId>)>,
    anaphor: bool,
    /// Whether the sentence puts a figure in doubt.
    pub doubt: bool,
    /// Doubt phrases `(start, end, forward)`: a forward one (لم يعرف بعد عدد …) governs the figure
    /// right after it in its clause, if any; a backward one (من دون أن يتسنى التحقق) the nearest
    /// figure before it.
    pub doubts: Vec<(usize, usize, bool)>,
    /// The source named last in the sentences of the same paragraph before this one: it
    /// covers the figures of this sentence that no construct of its own attributes.
    inherited: Option<ActorId>,
}

/// Attribution state carried from sentence to sentence.
#[derive(Debug, Default)]
pub struct Attributor {
    /// The last source the text named.
    last: Option<ActorId>,
    /// A quote left open at the end of the previous sentence, with its speaker.
    open_quote: Option<ActorId>,
    /// The source named last in the current paragraph.
    para: Option<ActorId>,
    /// Persons found by their title or role (`Mentions::persons`) in token coordinates, read
    /// on the first sentence.
    persons: Option<Vec<Ment>>,
}

/// The attribution of sentences read on demand: a sentence is read when a figure in it needs
/// its source, the sentences before it that were not read only carry the state on
/// ([`Attributor::pass`]), and the sentences after the last figure that needs a source are
/// never read. Exact because the state flows forward only and a pass leaves the state a read
/// leaves: what a sentence's figures get is what reading every sentence in order gives.
#[derive(Debug, Default)]
pub struct Sources {
    att: Attributor,
    /// The sentences before this one have been read or passed.
    next: usize,
    current: Option<(usize, SentenceSources)>,
}

impl Sources {
    pub fn new() -> Sources {
        Sources::default()
    }

    /// The attribution of sentence `s`, and the state after it. Sentences are asked for in
    /// order: `s` is the last one asked for or one after it.
    pub fn at(&mut self, v: &DocView, s: usize) -> (&Attributor, &SentenceSources) {
        if self.current.as_ref().is_none_or(|(c, _)| *c != s) {
            debug_assert!(s >= self.next, "sentence {s} asked for after {}", self.next);
            while self.next < s {
                self.att.pass(v, self.next);
                self.next += 1;
            }
            let ss = self.att.sentence(v, s);
            self.next = s + 1;
            self.current = Some((s, ss));
        }
        let (_, ss) = self.current.as_ref().expect("read above");
        (&self.att, ss)
    }
}

/// Whether the quote mark at `i` opens a quoted name: an actor mention closed by a quote mark.
fn wraps_name(v: &DocView, i: usize) -> bool {
    let inside = v.ments[..v.ments.partition_point(|m| m.start < i)].last().is_some_and(|m| m.end > i);
    // One to three words closed by a quote mark and followed by more of the clause (رئيس مجلس
    // "الولاية" فلان إن): a name, not what is said.
    let short = (i + 2..=i + 4).find(|&j| v.is_punct(j)).is_some_and(|j| {
        v.w(j) == "\"" && (i + 1..j).all(|k| !v.is_punct(k)) && !v.is_punct(j + 1) && j + 1 < v.layer.tokens.len()
    });
    inside || short || v.ment_at(i + 1).is_some_and(|m| m.start == i + 1 && v.is_punct(m.end) && v.w(m.end) == "\"")
}

/// Whether token `i` is a noun for a person (شخص، رجل، امرأة) that can be a speaker.
fn counted_person(v: &DocView, i: usize) -> bool {
    crate::claims::person_noun(v, i)
}

/// The persons of `Mentions::persons` in token coordinates, each with the id `person:NAME`,
/// NAME as the text writes it (the form ids of names outside the lexicon take in the gold view).
fn persons(v: &DocView) -> Vec<Ment> {
    let toks = &v.layer.tokens;
    let mut out: Vec<Ment> = v
        .ctx
        .mentions
        .persons
        .iter()
        .filter(|p| {
            // A name holds no word of saying (في تصريح لتلفزيون after a title is none).
            let m = &p.mention;
            let start = toks.partition_point(|t| t.span.end <= m.span.start);
            let end = toks.partition_point(|t| t.span.start < m.span.end).max(start + 1);
            let affiliation = !kinds().affiliation.at(v.layer, start, false).is_empty();
            (start..end).all(|i| name_word(v, i) || v.w(i).starts_with("ال")) && !affiliation
        })
        .map(|p| {
            let m = &p.mention;
            let start = toks.partition_point(|t| t.span.end <= m.span.start);
            let end = toks.partition_point(|t| t.span.start < m.span.end).max(start + 1);
            Ment {
                start,
                end,
                span: m.span,
                actor: ActorId::new(&person_id(v.ctx.text(m.span))),
                kind: ActorKind::Person,
            }
        })
        .collect();
    out.sort_by_key(|m| m.start);
    out
}

/// A name set off by a comma before a title or role, right after a verb of saying (قال فلان
/// الفلاني، المتحدث باسم الولاية، إن): the person `person:NAME`. Two to four words, none a cue
/// word of the lexicon, the first without the article.
fn apposed_name(v: &DocView, from: usize, stop: usize) -> Option<Ment> {
    // The name ends at a comma, at وهو، وهي (فلان وهو المتحدث باسم …), or right before the
    // title (فلان الفلاني مدير الخدمة).
    let end =
        (from..stop.min(from + 6)).find(|&i| v.is_punct(i) || matches!(v.w(i), "وهو" | "وهي") || is_title(v, i))?;
    if v.is_punct(end) && v.w(end) != "," {
        return None;
    }
    let next = if is_title(v, end) { end } else { end + 1 };
    // A title the lexicon does not list may stand before the name (القاضي فلان الفلاني، …).
    let from = if v.w(from).starts_with("ال") && end - from >= 3 { from + 1 } else { from };
    if !(2..=4).contains(&(end - from)) || v.w(from).starts_with("ال") || !(from..end).all(|i| name_word(v, i)) {
        return None;
    }
    let mut next = next;
    while v.is_quote(next) {
        next += 1;
    }
    is_title(v, next).then(|| person_at(v, from, end))
}

/// Whether token `i` is a title or role of the lexicon, in the masculine or the feminine
/// (مديرة، المتحدثة: the word without its ة).
fn is_title(v: &DocView, i: usize) -> bool {
    let lex = v.ctx.lexicon;
    let w = v.w(i);
    let (title, role) = lex.title_or_role(w);
    let (ftitle, frole) = w.strip_suffix('ه').map_or((false, false), |m| lex.title_or_role(m));
    title || role || ftitle || frole
}

/// Whether token `i` can be a word of a person's name: an Arabic word of two letters or more,
/// no cue word of the lexicon, no title or role, no word of saying, not glued to لل.
fn name_word(v: &DocView, i: usize) -> bool {
    let lex = v.ctx.lexicon;
    let w = v.w(i);
    if !kinds().affiliation.at(v.layer, i, false).is_empty() {
        return false;
    }
    let (title, role) = lex.title_or_role(w);
    v.layer.tokens.get(i).is_some_and(|t| t.kind == marsad_text::TokenKind::Word)
        && w.chars().count() >= 2
        && !w.starts_with("لل")
        && !lex.is_any_cue(w)
        && !title
        && !role
        && kinds().constructs.at(v.layer, i, true).is_empty()
        && kinds().unnamed.at(v.layer, i, true).is_empty()
}

/// A name after a role or title and what it governs, at the end of a speaker's phrase
/// `[from, stop)`: رئيس مجلس الولاية عبد العزيز بك، وزير الصحة في حكومة … فلان الفلاني. The name is
/// the last two or three words before the end of the phrase (a comma, a quote, the one spoken
/// to), with at least one word between it and the role; none of them is in an actor mention.
fn named_after_role(v: &DocView, from: usize, stop: usize) -> Option<Ment> {
    let lex = v.ctx.lexicon;
    let r = (from..stop.min(from + 12)).find(|&i| {
        let (title, role) = lex.title_or_role(v.w(i));
        title || role
    })?;
    // The phrase ends at a comma or the like (quote marks around a body's name, رئيس مجلس
    // "الولاية" فلان، do not end it); the name may also stand before the one spoken to
    // (فلان للصحافيين) or before a body glued to لل (المبعوث للأمم المتحدة فلان is after it).
    let punct = (r + 1..stop).find(|&i| v.is_punct(i) && !v.is_quote(i)).unwrap_or(stop);
    let spoken_to =
        (r + 1..punct).find(|&i| v.w(i).starts_with("لل") || !kinds().addressee.at(v.layer, i, false).is_empty());
    let in_mention = |i: usize| {
        let k = v.ments.partition_point(|m| m.start <= i);
        k > 0 && v.ments[k - 1].end > i
    };
    for (end, n) in [(punct, 3), (punct, 2)].into_iter().chain(spoken_to.into_iter().flat_map(|e| [(e, 3), (e, 2)])) {
        let Some(start) = end.checked_sub(n).filter(|&s| s > r + 1) else { continue };
        let joined = n == 3 && matches!(v.w(start), "عبد" | "ابو" | "بن" | "ابن");
        let family = n == 3 && v.w(start + 2).starts_with("ال");
        if n == 3 && !joined && !family && !matches!(v.w(start + 1), "عبد" | "ابو" | "بن" | "ابن") {
            continue;
        }
        let ok = (start..end).all(|i| name_word(v, i) && !in_mention(i)) && !v.w(start).starts_with("ال");
        if ok {
            return Some(person_at(v, start, end));
        }
    }
    None
}

/// The person named by tokens `[start, end)`, with the id `person:NAME`.
fn person_at(v: &DocView, start: usize, end: usize) -> Ment {
    let span = v.span(start, end);
    let name = v.ctx.text(span).split_whitespace().collect::<Vec<_>>().join(" ");
    Ment { start, end, span, actor: ActorId::new(&format!("person:{name}")), kind: ActorKind::Person }
}

/// A resolved source and the span of the cue that gave it.
#[derive(Clone, Debug)]
pub struct Source {
    pub id: ActorId,
    pub cue: Option<Span>,
}

impl Attributor {
    pub fn new() -> Attributor {
        Attributor::default()
    }

    /// Read sentence `s`'s constructs; call once per sentence, in order (or [`Attributor::pass`]).
    pub fn sentence(&mut self, v: &DocView, s: usize) -> SentenceSources {
        self.read(v, s, &kinds().scan)
    }

    /// Carry the state over sentence `s` without reading what its figures need: for a sentence
    /// with no figure. The state comes from the reporting constructs and quote marks alone, and
    /// a table of the construct kinds gives the same constructs at the same tokens as the whole
    /// scan table (the resets, anaphors and doubts it also finds never end a construct's search
    /// at a token), so the state after it is the state [`Attributor::sentence`] leaves.
    pub fn pass(&mut self, v: &DocView, s: usize) {
        self.read(v, s, &kinds().constructs);
    }

    fn read(&mut self, v: &DocView, s: usize, voc: &PhraseTable<AttributionKind>) -> SentenceSources {
        let (a, b) = v.sentences[s];
        if self.persons.is_none() {
            self.persons = Some(persons(v));
        }
        // A paragraph ends where a line ends between two sentences.
        let sents = &v.layer.sentences;
        if s == 0 || v.ctx.doc.text.get(sents[s - 1].span.end..sents[s].span.start).is_none_or(|g| g.contains('\n')) {
            self.para = None;
        }
        let mut out = SentenceSources {
            constructs: vec![],
            resets: vec![],
            quotes: vec![],
            anaphor: false,
            doubt: false,
            doubts: vec![],
            inherited: self.para.clone(),
        };
        // The tokens where a phrase may start, tested first in one tight pass (the tests are
        // independent memory accesses the processor overlaps); at every other token the
        // lookup finds nothing, so the scan goes straight to the next candidate.
        let candidates: Vec<usize> = (a..b).filter(|&i| voc.may_start(v.layer, i)).collect();
        let mut cand = candidates.iter().copied().peekable();
        let mut i = a;
        while i < b {
            while cand.next_if(|&c| c < i).is_some() {}
            let Some(c) = cand.next() else { break };
            i = c;
            let hits = voc.at(v.layer, i, true);
            let mut next = i + 1;
            for h in &hits {
                let kind = match h.phrase.kind {
                    AttributionKind::ReportVerb if h.suffix == 0 => Some(CKind::Verb),
                    AttributionKind::ReportNoun if h.suffix > 0 => Some(CKind::Noun),
                    AttributionKind::FigureVerb if h.suffix == 0 => Some(CKind::Figure),
                    AttributionKind::According => Some(CKind::According),
                    AttributionKind::Impersonal => Some(CKind::Impersonal),
                    AttributionKind::Reset => {
                        out.resets.push(i);
                        None
                    }
                    AttributionKind::Anaphor if h.proclitic == 0 || h.phrase.words.len() == 1 => {
                        out.anaphor = true;
                        None
                    }
                    AttributionKind::Doubt => {
                        out.doubt = true;
                        out.doubts.push((i, h.end, h.phrase.value == AttributionValue::Forward));
                        None
                    }
                    _ => None,
                };
                if let Some(mut kind) = kind {
                    let bi = h.phrase.value == AttributionValue::Bi;
                    let complement = if kind == CKind::Verb { self.complement(v, h.end, b, bi) } else { None };
                    let mut start = i;
                    if kind == CKind::Verb && complement.is_none() {
                        // حسبما قال ناشطون، كما أفاد مصدر أمني: a report after what it covers.
                        let Some(p) = v.prev_word(i).filter(|&p| p >= a) else { continue };
                        let as_said = (p.saturating_sub(1).max(a)..=p)
                            .find(|&q| kinds().as_said.at(v.layer, q, true).iter().any(|h| h.end == i));
                        let Some(q) = as_said else { continue };
                        kind = CKind::According;
                        start = q;
                    }
                    let accuse = h.phrase.value == AttributionValue::Accuse;
                    out.constructs.push(Construct { kind, start, end: h.end, source: None, complement, accuse });
                    next = h.end;
                    break;
                }
            }
            i = next;
        }
        // Resolve speakers in order; an elided speaker takes the one established before it.
        let mut established: Option<ActorId> = None;
        for k in 0..out.constructs.len() {
            let c = out.constructs[k].clone();
            let spoken = self.speaker_of(v, &c, a, b);
            let src = spoken.or_else(|| match c.kind {
                CKind::According => None,
                _ => established.clone().or_else(|| self.open_quote.clone()).or_else(|| self.last.clone()),
            });
            if let Some(s) = &src {
                established = Some(s.clone());
            }
            out.constructs[k].source = src;
        }
        // Quote regions: pairs of quote marks; a region opened right after a construct speaks
        // for it. A quote still open at the start continues the previous sentence's quote.
        let marks: Vec<usize> = (a..b).filter(|&i| v.is_punct(i) && v.w(i) == "\"").collect();
        let mut k = 0;
        if let Some(src) = self.open_quote.take() {
            let close = marks.first().copied().unwrap_or(b);
            out.quotes.push((a, close, Some(src.clone())));
            k = if marks.is_empty() { 0 } else { 1 };
            if marks.is_empty() {
                self.open_quote = Some(src);
            }
        }
        while k < marks.len() {
            let open = marks[k];
            let close = marks.get(k + 1).copied();
            let speaker = out
                .constructs
                .iter()
                .rev()
                .find(|c| c.kind != CKind::According && c.end <= open && open - c.end <= 12)
                .and_then(|c| c.source.clone());
            out.quotes.push((open, close.unwrap_or(b), speaker.clone()));
            if close.is_none() && speaker.is_some() {
                self.open_quote = speaker;
            }
            k += 2;
        }
        if let Some(s) = out.constructs.iter().rev().find_map(|c| c.source.clone()) {
            self.last = Some(s.clone());
            self.para = Some(s);
        }
        out
    }

    /// The source of a figure at token `p` of a sentence read by [`Attributor::sentence`].
    pub fn source_at(&self, v: &DocView, ss: &SentenceSources, p: usize) -> Source {
        if let Some((_, _, Some(src))) = ss.quotes.iter().rev().find(|(o, c, _)| *o <= p && p < *c) {
            return Source { id: src.clone(), cue: None };
        }
        let before = ss.constructs.iter().rev().find(|c| c.kind != CKind::According && c.end <= p);
        if let Some(c) = before {
            let reset = ss.resets.iter().any(|&r| r >= c.end && r < p && !self.in_quote(ss, r));
            if !reset {
                if let Some(src) = &c.source {
                    return Source { id: src.clone(), cue: Some(v.span(c.start, c.end)) };
                }
            }
        }
        if let Some(c) = ss.constructs.iter().find(|c| c.kind == CKind::According && c.source.is_some()) {
            return Source { id: c.source.clone().expect("filtered"), cue: Some(v.span(c.start, c.end)) };
        }
        if ss.anaphor {
            if let Some(l) = &self.last {
                return Source { id: l.clone(), cue: None };
            }
        }
        // A source named before in the paragraph covers its figures until another appears.
        if let Some(src) = &ss.inherited {
            return Source { id: src.clone(), cue: None };
        }
        Source { id: ActorId::new(ARTICLE), cue: None }
    }

    fn in_quote(&self, ss: &SentenceSources, i: usize) -> bool {
        ss.quotes.iter().any(|(o, c, _)| *o < i && i < *c)
    }

    /// The token where what is said begins: a complementizer, a colon or a quote mark within
    /// twenty-five tokens.
    /// A verb that takes what it reports with بـ (`bi`: أفاد مسؤولون بوقوع معركة) has it in a
    /// word glued to بـ after its subject. A verbal noun of a claim (أعلن الجيش مقتل) is what is
    /// said when it comes within six words of the verb, not inside a relative clause.
    fn complement(&self, v: &DocView, from: usize, b: usize, bi: bool) -> Option<usize> {
        // A quote opens what is said unless it wraps a name (صحيفة "التايمز"، «قسد»): then its
        // closing mark opens nothing either.
        let mut closing: Option<usize> = None;
        (from..b.min(from + 25)).find(|&i| {
            let quote = v.is_punct(i) && v.w(i) == "\"";
            if quote && closing == Some(i) {
                closing = None;
                return false;
            }
            if quote && wraps_name(v, i) {
                closing = (i + 1..(i + 12).min(b)).find(|&j| v.is_punct(j) && v.w(j) == "\"");
                return false;
            }
            let relative = || (from..i).any(|k| matches!(v.w(k), "الذي" | "التي" | "الذين"));
            let with_bi = || {
                let w = v.w(i);
                i > from && w.starts_with('ب') && w.chars().count() >= 4 && v.ment_at(i).is_none()
            };
            quote
                || (v.is_punct(i) && v.w(i) == ":")
                || !kinds().comp.at(v.layer, i, false).is_empty()
                || (crate::claims::is_predicate_masdar(v, i) && i < from + 6 && !relative())
                || (bi && with_bi())
        })
    }

    fn speaker_of(&mut self, v: &DocView, c: &Construct, a: usize, b: usize) -> Option<ActorId> {
        match c.kind {
            CKind::Noun => {
                // إعلانه: the owner is the nearest actor before.
                v.ments.iter().rev().find(|m| m.end <= c.start && c.start - m.end <= 40).map(|m| {
                    if m.actor == UNNAMED {
                        m.actor.clone()
                    } else {
                        v.speaker(&m.actor, m.kind)
                    }
                })
            }
            CKind::According => {
                let end = (c.end + 5).min(b);
                if let Some(m) = self.mentions_in(v, c.end, end).iter().find(|m| m.actor != ARTICLE) {
                    return Some(self.resolve(v, m, c.start, a, b));
                }
                // بحسب مصدر أمني، وفق المصادر الطبية.
                self.unnamed_word(v, c.end, (c.end + 3).min(b))
            }
            CKind::Impersonal => Some(ActorId::new(ARTICLE)),
            CKind::Verb | CKind::Figure => {
                let complement = c.complement.or_else(|| self.complement(v, c.end, b, false));
                let stop = complement.unwrap_or(c.end);
                // نقلت رويترز عن مصدر أمني: the one relayed from speaks.
                let relay = (c.end..stop).find(|&i| !kinds().relay.at(v.layer, i, false).is_empty());
                if let Some(r) = relay {
                    if let Some(m) = v.ment_at(r + 1).filter(|m| m.end <= stop.max(r + 2)) {
                        return Some(self.resolve(v, m, c.start, a, b));
                    }
                    if let Some(u) = self.unnamed_word(v, r + 1, (r + 3).min(b)) {
                        return Some(u);
                    }
                }
                // After a verb of accusing comes the accused, after its subject if that follows
                // the verb (اتهمت حماس إسرائيل بقتل، حماس تتهم إسرائيل بقتل).
                let accuse = c.accuse;
                let mut window: Vec<_> =
                    self.mentions_in(v, c.end, stop).into_iter().filter(|m| !self.addressee(v, m)).collect();
                if accuse && window.len() < 2 {
                    window.clear();
                }
                if let Some(m) = window.iter().find(|m| m.kind == ActorKind::Person) {
                    return Some(self.resolve(v, m, c.start, a, b));
                }
                // A person the lexicon does not list: by the last name of one named before, set
                // off before a title (قال فلان، المتحدث باسم …)، or after a role and its body
                // (قال وزير الصحة في حكومة … فلان الفلاني).
                if let Some(p) = self.surname(v, c.end, c.start).filter(|_| !accuse) {
                    return Some(p);
                }
                let named = if accuse {
                    None
                } else {
                    apposed_name(v, c.end, stop).or_else(|| named_after_role(v, c.end, stop))
                };
                if let Some(p) = named {
                    // Named once in full, the person may be named by the last name later.
                    let id = p.actor.clone();
                    if let Some(ps) = self.persons.as_mut() {
                        let at = ps.partition_point(|m| m.start < p.start);
                        ps.insert(at, p);
                    }
                    return Some(id);
                }
                if let Some(m) = window.first() {
                    return Some(self.resolve(v, m, c.start, a, b));
                }
                if let Some(u) = self.unnamed_word(v, c.end, stop).filter(|_| !accuse) {
                    return Some(u);
                }
                // A speaker before the verb: كانت «قسد» حددت، قائد قسد، مظلوم عبدي، قال.
                let lo = c.start.saturating_sub(8).max(a);
                let before: Vec<_> = v.ments_in(lo, c.start).filter(|m| !self.addressee(v, m)).collect();
                let pick = before.iter().rev().find(|m| m.kind == ActorKind::Person).or(before.last());
                if let Some(m) = pick {
                    return Some(self.resolve(v, m, c.start, a, b));
                }
                if let Some(u) = self.unnamed_word(v, lo, c.start) {
                    return Some(u);
                }
                // A subject that is no actor we know ("وذكر رجل يسكن المنطقة إن"): someone unnamed.
                let said_by_someone = (c.end..stop).any(|i| !v.is_punct(i) && counted_person(v, i));
                said_by_someone.then(|| ActorId::new(UNNAMED))
            }
        }
    }

    /// The actor mentions and the persons found by title within tokens `[a, b)`, in text order;
    /// a person covers a lexicon mention inside its name.
    fn mentions_in(&self, v: &DocView, a: usize, b: usize) -> Vec<Ment> {
        let persons = self.persons.as_deref().unwrap_or(&[]);
        let from = persons.partition_point(|m| m.start < a);
        let here: Vec<&Ment> = persons[from..].iter().take_while(|m| m.start < b).filter(|m| m.end <= b).collect();
        let mut out: Vec<Ment> =
            v.ments_in(a, b).filter(|m| !here.iter().any(|p| p.span.overlaps(m.span))).cloned().collect();
        out.extend(here.into_iter().cloned());
        out.sort_by_key(|m| m.start);
        out
    }

    /// A person named before by their full name and now by their last name alone, at token
    /// `i` (وأضاف مالكزاي، كما أكد بك): the person, if one named before token `before` ends with
    /// that word.
    fn surname(&self, v: &DocView, i: usize, before: usize) -> Option<ActorId> {
        let w = v.w(i);
        if w.chars().count() < 2 || v.is_punct(i) {
            return None;
        }
        let persons = self.persons.as_deref().unwrap_or(&[]);
        let named = persons.iter().chain(v.ments.iter().filter(|m| m.kind == ActorKind::Person));
        named
            .filter(|m| m.end <= before && m.end > m.start + 1 && v.w(m.end - 1) == w)
            .max_by_key(|m| m.end)
            .map(|m| m.actor.clone())
    }

    /// An anonymous source named by a common noun the lexicon need not list (المصادر، ناشطون).
    /// "مسؤول في X", "متحدث باسم X" is X.
    fn unnamed_word(&self, v: &DocView, from: usize, to: usize) -> Option<ActorId> {
        let i = (from..to).find(|&i| kinds().unnamed.at(v.layer, i, true).iter().any(|h| h.suffix == 0))?;
        if let Some(body) = self.affiliated(v, i + 1, to) {
            return Some(body);
        }
        // مراسلنا، مراسل "القناة": a correspondent of no outlet the lexicon knows is the
        // publishing outlet's own (another outlet's is that outlet: [`Attributor::resolve`]).
        if !kinds().correspondent.at(v.layer, i, true).is_empty() {
            return Some(ActorId::new(ARTICLE));
        }
        // المتحدث، الناطق alone, definite: the spokesman named before, who spoke last.
        let w = v.w(i);
        let role = w.starts_with("ال") && v.ctx.lexicon.title_or_role(w).1;
        Some(self.last.clone().filter(|_| role).unwrap_or_else(|| ActorId::new(UNNAMED)))
    }

    /// A body named within three words after `from` through an affiliation word (في، من، باسم).
    fn affiliated(&self, v: &DocView, from: usize, b: usize) -> Option<ActorId> {
        for k in from..(from + 3).min(b) {
            let aff = !kinds().affiliation.at(v.layer, k, false).is_empty();
            if aff {
                if let Some(o) = v.ment_at(k + 1) {
                    if o.kind != ActorKind::Outlet && o.actor != UNNAMED {
                        return Some(v.speaker(&o.actor, o.kind));
                    }
                }
            }
        }
        None
    }

    /// Whether a mention is the one spoken to (لوكالة رويترز، لـ«نون بوست»).
    fn addressee(&self, v: &DocView, m: &crate::view::Ment) -> bool {
        let tok = &v.layer.tokens[m.start];
        if tok.span.start < m.span.start {
            // A clitic glued to the name: لقسد is "to the SDF" only for outlets.
            let glued = &v.ctx.doc.text[tok.span.start..m.span.start];
            return glued.ends_with('ل') && m.kind == ActorKind::Outlet;
        }
        let Some(p) = v.prev_word(m.start) else { return false };
        kinds().addressee.at(v.layer, p, false).iter().any(|h| h.end == p + 1)
    }

    /// The source a mention stands for: a person or body; an anonymous source tied to a body
    /// (مصدر عسكري في قسد) is that body; an outlet's sources (مصادر «الأخبار») stay anonymous;
    /// a body's own sources (مصادرها) are the body.
    fn resolve(&self, v: &DocView, m: &crate::view::Ment, cue: usize, a: usize, b: usize) -> ActorId {
        if m.actor == UNNAMED {
            let own = v.w(m.start).len() > "مصادر".len() && v.w(m.start).starts_with("مصادر")
                || v.w(m.start).starts_with("مصدر") && v.w(m.start).len() > "مصدر".len();
            if own {
                if let Some(o) = v.ments_in(a, cue).filter(|o| o.actor != UNNAMED).last() {
                    return v.speaker(&o.actor, o.kind);
                }
            }
            return self.affiliated(v, m.end, b).unwrap_or_else(|| m.actor.clone());
        }
        if m.kind == ActorKind::Outlet {
            if let Some(p) = v.prev_word(m.start) {
                // مراسل "العربية": an outlet's correspondent is the outlet; the publishing
                // outlet's own correspondent is its own voice.
                if !kinds().correspondent.at(v.layer, p, true).is_empty() {
                    let own = v.ctx.doc.given.outlet.as_ref().is_some_and(|o| o.as_str() == m.actor.as_str());
                    return if own { ActorId::new(ARTICLE) } else { m.actor.clone() };
                }
                if !kinds().unnamed.at(v.layer, p, false).is_empty() {
                    return ActorId::new(UNNAMED);
                }
            }
        }
        v.speaker(&m.actor, m.kind)
    }
}

/// The id of a person the lexicon does not hold: `person:` and the name as written, its words
/// separated by single spaces.
pub(crate) fn person_id(name: &str) -> String {
    format!("person:{}", name.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Context;
    use marsad_core::{DocId, Document, Metadata};
    use marsad_lexicon::find_mentions;
    use marsad_text::TextLayer;

    /// The embedded table loads: no unknown kind or value, no repeated row.
    #[test]
    fn the_embedded_table_loads() {
        let t = PhraseTable::<AttributionKind>::parse("attribution.tsv", ATTRIBUTION_TSV, true).unwrap();
        assert!(t.phrases().len() >= 300, "{}", t.phrases().len());
    }

    /// The state after each sentence, read with [`Attributor::sentence`] or with
    /// [`Attributor::pass`] at the sentences `passed` says.
    /// The last source named, the speaker of a quote left open, the paragraph's source.
    type State = (Option<ActorId>, Option<ActorId>, Option<ActorId>);

    fn states(text: &str, passed: impl Fn(usize) -> bool) -> Vec<State> {
        let doc = Document { id: DocId::new("case.txt"), text: text.to_string(), given: Metadata::default() };
        let layer = TextLayer::new(&doc.text);
        let mentions = find_mentions(&layer);
        let ctx = Context::new(&doc, &layer, &mentions);
        let v = DocView::new(&ctx);
        let mut att = Attributor::new();
        (0..v.sentences.len())
            .map(|s| {
                if passed(s) {
                    att.pass(&v, s);
                } else {
                    att.sentence(&v, s);
                }
                (att.last.clone(), att.open_quote.clone(), att.para.clone())
            })
            .collect()
    }

    /// Reading only the sentences asked for gives each of them the attribution and the state
    /// that reading every sentence in order gives.
    #[test]
    fn sentences_read_on_demand_get_what_reading_all_gives() {
        let text = "قال المرصد السوري لحقوق الإنسان إن الاشتباكات مستمرة. وأضاف: \"القصف لم يتوقف بعد\nوالطائرات تحلق فوق المدينة\". أعلنت وزارة الدفاع أن قواتها تقدمت، بينما نفى مصدر في قسد ذلك. وأكد أن المعارك عنيفة. التقرير يشير إلى مقتل 5 أشخاص.";
        let doc = Document { id: DocId::new("case.txt"), text: text.to_string(), given: Metadata::default() };
        let layer = TextLayer::new(&doc.text);
        let mentions = find_mentions(&layer);
        let ctx = Context::new(&doc, &layer, &mentions);
        let v = DocView::new(&ctx);
        let n = v.sentences.len();
        assert!(n >= 4, "{n} sentences");
        let mut all = Attributor::new();
        let read: Vec<String> = (0..n)
            .map(|s| {
                let ss = all.sentence(&v, s);
                format!("{ss:?} {all:?}")
            })
            .collect();
        for asked in [vec![n - 1], vec![1, 3], vec![0, 0, 2, 2, n - 1], (0..n).collect()] {
            let mut lazy = Sources::new();
            for &s in &asked {
                let (att, ss) = lazy.at(&v, s);
                assert_eq!(format!("{ss:?} {att:?}"), read[s], "sentence {s} of {asked:?}");
            }
        }
    }

    /// Passing over a sentence leaves the state reading it leaves: sources named, elided
    /// speakers, quotes left open across sentences, resets and doubts in between.
    #[test]
    fn passing_a_sentence_carries_the_same_state() {
        let texts = [
            "قال المرصد السوري لحقوق الإنسان إن الاشتباكات مستمرة. وأضاف: \"القصف لم يتوقف بعد\nوالطائرات تحلق فوق المدينة\". في حين لم يعرف بعد مصير الأسرى.",
            "أعلنت وزارة الدفاع أن قواتها تقدمت، بينما نفى مصدر في قسد ذلك. وأكد أن المعارك عنيفة.              وبحسب الوكالة فإن الطرق مغلقة. وذكر رجل يسكن المنطقة أن الأهالي غادروا.",
            "نقلت رويترز عن مصدر أمني قوله إن الهجوم فشل. وفي المقابل، لا توجد أرقام. التقرير يشير إلى ذلك.",
            "قال نبيل الكرمي، المتحدث باسم الشرطة، إن الطريق مغلق. وأضاف الكرمي أن السير متوقف.\nحسبما قال ناشطون فإن القصف مستمر. يذكر أن المدينة محاصرة.",
        ];
        let quoted = states(texts[0], |_| false);
        assert!(quoted.iter().any(|(_, open, _)| open.is_some()), "no quote left open: {quoted:?}");
        for text in texts {
            let read = states(text, |_| false);
            assert!(read.iter().any(|(last, _, _)| last.is_some()), "no source named in {text:?}");
            for pattern in [|s: usize| s.is_multiple_of(2), |s: usize| !s.is_multiple_of(2), |_: usize| true] {
                assert_eq!(states(text, pattern), read, "{text:?}");
            }
        }
    }
}
