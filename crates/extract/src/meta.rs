//! Publication metadata guessed from the text itself: title, date, byline, outlet.
//!
//! Design decision: only the header (the lines before the first paragraph) may give the title,
//! the publication date and a byline, and only the signature (the last content line) and an
//! explicit link may give the outlet besides the text's own references to itself ("مصادر
//! «الأخبار»"). A date in an embedded post or in the body is never the publication date;
//! an article without a dateline has none. Page furniture never gives anything.

use crate::page::{self, Line};
use crate::Context;
use marsad_core::{ActorId, ActorKind, DateForm, Metadata, Reference, ReferenceBasis};
use marsad_text::normalize::normalize_str;
use marsad_text::TokenKind;
use memchr::memmem::Finder;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const OUTLETS_TSV: &str = include_str!("../data/outlets.tsv");

fn domains() -> &'static Vec<(String, String)> {
    static D: OnceLock<Vec<(String, String)>> = OnceLock::new();
    D.get_or_init(|| {
        OUTLETS_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .map(|(d, o)| (d.trim().to_lowercase(), o.trim().to_string()))
            .collect()
    })
}

/// Guess metadata from the text. Fields the source gave are filled in by the caller.
pub fn extract(ctx: &Context) -> Metadata {
    let text = ctx.doc.text.as_str();
    let lines = &ctx.lines;
    let content: Vec<Line> = lines.iter().filter(|l| !l.chrome).cloned().collect();
    let header = page::header(text, &content);
    // Each header line normalized (for the byline and embed tests below): the slice of the
    // layer's normalized text between the normalized offsets of its ends, as normalization
    // maps each character on its own.
    let norm = &ctx.layer.norm;
    let header_norm: Vec<&str> = header
        .iter()
        .map(|l| &norm.text[norm.normalized_offset(l.span.start)..norm.normalized_offset(l.span.end)])
        .collect();
    // Only dates inside the header are read below: scan no further.
    let dates = crate::dates::find_before(text, ctx.layer, None, header.last().map_or(0, |l| l.span.end));
    // A dateline is a line that is mostly its date (2022.01.25 - 12:32، الجمعة، ٢٨ يناير ٢٠٢٢) or a
    // byline with a date; a date inside a sentence of the opening lines is not one.
    let published =
        header.iter().zip(&header_norm).filter(|(_, n)| !page::is_embed_signature_norm(n)).find_map(|(l, n)| {
            let line = &text[l.span.range()];
            let byline = page::byline_opener(n).is_some() || line.contains('|');
            dates
                .iter()
                .find(|d| d.names_day && l.span.contains(d.span) && (byline || d.span.len() * 5 >= l.span.len() * 2))
                .and_then(|d| d.value.map(|v| v.start))
        });
    let title = title(text, &content, header, header_norm.first().copied(), &dates);
    let (sig_author, sig_outlet) = signature(ctx, &content);
    // A byline is a line of its own under the title: "كتبه حسين الخطيب |".
    let author = header
        .iter()
        .zip(&header_norm)
        .skip(usize::from(title.is_some()))
        .filter(|(l, _)| l.words_up_to(text, 13) <= 12)
        .find_map(|(l, n)| byline(&text[l.span.range()], n))
        .or(sig_author);
    let outlet = sig_outlet.or_else(|| link_outlet(text, lines)).or_else(|| self_reference(ctx));
    Metadata { title, published, outlet, author, ..Metadata::default() }
}

/// How many sentences from the top of the text a date may stand in for the publication date.
const REFERENCE_SENTENCES: usize = 3;

/// The day the document's relative dates are resolved against: its publication date, else
/// the first full date (day, month and year) printed in its opening sentences — the dateline
/// of a wire report that runs into its first sentence ("دمشق - 12 آذار 2019 - قال ..."), or
/// the date a report opens with — marked as inferred. `None` when neither exists.
pub fn reference(ctx: &Context, meta: &Metadata) -> Option<Reference> {
    if let Some(date) = meta.published {
        return Some(Reference { date, basis: ReferenceBasis::Published });
    }
    let limit = ctx.layer.sentences.get(REFERENCE_SENTENCES - 1).or(ctx.layer.sentences.last())?.span.end;
    // Without a reference only dates that print their year resolve.
    crate::dates::find_before(&ctx.doc.text, ctx.layer, None, limit)
        .into_iter()
        .filter(|d| d.span.start < limit && d.form == DateForm::Absolute && d.names_day)
        .find_map(|d| d.value.filter(|v| v.is_day()))
        .map(|v| Reference { date: v.start, basis: ReferenceBasis::Inferred })
}

fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end();
    (t.ends_with('.') && !t.ends_with("..")) || t.ends_with(':')
}

/// The first header line, when it reads as a headline: short, not a sentence, not a date or
/// byline, and followed by more text (`first_norm`: that line normalized).
fn title(
    text: &str,
    content: &[Line],
    header: &[Line],
    first_norm: Option<&str>,
    dates: &[marsad_core::DateMention],
) -> Option<String> {
    let (first, first_norm) = (header.first()?, first_norm?);
    let s = &text[first.span.range()];
    let is_date = dates.iter().any(|d| first.span.contains(d.span) && d.span.len() * 2 >= first.span.len());
    if first.words_up_to(text, 31) > 30 || ends_sentence(s) || is_date || content.len() < 2 {
        return None;
    }
    if byline(s, first_norm).is_some() {
        return None;
    }
    Some(s.to_string())
}

/// The name in a byline: "كتبه حسين الخطيب | 23 يناير، 2022" → حسين الخطيب (`norm_line`: the
/// line normalized).
fn byline(line: &str, norm_line: &str) -> Option<String> {
    page::byline_opener(norm_line)?;
    let mut words = line.split_whitespace();
    words.next()?;
    let rest: Vec<&str> = words.collect();
    let mut name = Vec::new();
    for w in rest {
        let w = w.trim_start_matches(':');
        if w.is_empty() {
            continue;
        }
        if w.contains(['|', '-', '–', '—', '،', ',']) || w.chars().any(|c| c.is_ascii_digit()) {
            let head: String = w.split(['|', '-', '–', '—', '،', ',']).next().unwrap_or("").to_string();
            if !head.is_empty() && !head.chars().any(|c| c.is_ascii_digit()) {
                name.push(head);
            }
            break;
        }
        name.push(w.to_string());
        if name.len() == 4 {
            break;
        }
    }
    // A name and then the end of the line or a separator; a longer phrase is a sentence
    // that happens to start with كتب.
    let rest_words = line.split_whitespace().count() - 1;
    let separated = line.contains(['|', ':', '-', '–', '—']) || line.chars().any(|c| c.is_numeric());
    (!name.is_empty() && name.len() <= 4 && (separated || rest_words <= 4)).then(|| name.join(" "))
}

fn outlet_kind(k: ActorKind) -> bool {
    matches!(k, ActorKind::Outlet)
}

/// A signature as the last content line: "وسيم اليوسف-إعلام مسد" gives the author and the
/// outlet.
fn signature(ctx: &Context, content: &[Line]) -> (Option<String>, Option<ActorId>) {
    let Some(last) = content.last() else { return (None, None) };
    if last.words_up_to(&ctx.doc.text, 8) > 7 || content.len() < 2 {
        return (None, None);
    }
    let s = &ctx.doc.text[last.span.range()];
    let Some(cut) = s.find(['-', '|', '–', '—', '/']) else { return (None, None) };
    let outlet = ctx
        .mentions
        .actors
        .iter()
        .find(|m| last.span.contains(m.span) && outlet_kind(m.kind) && m.span.start > last.span.start + cut)
        .map(|m| m.actor.clone());
    let Some(outlet) = outlet else { return (None, None) };
    let name = s[..cut].trim();
    let words = name.split_whitespace().count();
    let author = (1..=4).contains(&words).then(|| name.to_string());
    (author, Some(outlet))
}

/// The outlet of the article's own link (رابط المقال : https://www.noonpost.com/...).
fn link_outlet(text: &str, lines: &[Line]) -> Option<ActorId> {
    // Most texts have no link: two scans of the whole text instead of two per line.
    static HTTP: OnceLock<(Finder<'static>, Finder<'static>)> = OnceLock::new();
    let (http, www) = HTTP.get_or_init(|| (Finder::new("http"), Finder::new("www.")));
    if http.find(text.as_bytes()).is_none() && www.find(text.as_bytes()).is_none() {
        return None;
    }
    for l in lines.iter().filter(|l| !l.chrome) {
        let s = &text[l.span.range()];
        let Some(at) = s.find("http").or_else(|| s.find("www.")) else { continue };
        let before = normalize_str(&s[..at]);
        if !(page::is_source_line(before.trim()) || before.trim().is_empty() || l.span.start + at > text.len() / 2) {
            continue;
        }
        let url = s[at..].split(|c: char| c.is_whitespace() || c == '>' || c == '<').next().unwrap_or("");
        let host = url.split("://").nth(1).unwrap_or(url).split('/').next().unwrap_or("").to_lowercase();
        if let Some((_, id)) = domains().iter().find(|(d, _)| host == *d || host.ends_with(&format!(".{d}"))) {
            return Some(ActorId::new(id));
        }
    }
    None
}

/// An outlet the text names as itself: its sources ("مصادر «الأخبار»", once is enough) or
/// the one people speak to ("قال لـ «نون بوست»", at least twice).
fn self_reference(ctx: &Context) -> Option<ActorId> {
    let layer = ctx.layer;
    let mut score: BTreeMap<ActorId, (u32, u32)> = BTreeMap::new();
    for m in ctx.mentions.actors.iter().filter(|m| outlet_kind(m.kind)) {
        let i = layer.tokens.partition_point(|t| t.span.end <= m.span.start);
        let Some(tok) = layer.tokens.get(i) else { continue };
        // A clitic ل on the name itself: لنون بوست.
        let glued = normalize_str(&ctx.doc.text[tok.span.start..m.span.start]);
        let mut j = i;
        while j > 0 && layer.tokens[j - 1].kind == TokenKind::Punct && layer.tokens[j - 1].text(&layer.norm) == "\"" {
            j -= 1;
        }
        let prev = if j > 0 { layer.tokens[j - 1].text(&layer.norm) } else { "" };
        let e = score.entry(m.actor.clone()).or_default();
        if matches!(prev, "مصادر" | "مصدر") {
            e.0 += 1;
        } else if prev == "ل" || glued == "ل" {
            e.1 += 1;
        }
    }
    score
        .into_iter()
        .filter(|(_, (src, to))| *src >= 1 || *to >= 2)
        .max_by_key(|(_, (s, t))| s * 2 + t)
        .map(|(id, _)| id)
}
