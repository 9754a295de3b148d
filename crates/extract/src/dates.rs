//! Date expressions, absolute and relative, resolved against the publication date.
//!
//! Design decision: a left-to-right scanner over tokens with the vocabulary of
//! `data/dates.tsv` (both Arabic month systems, English months of embedded posts, Hijri months,
//! weekdays, relative day words). One expression is read greedily from its first word: an
//! optional part of the day (مساء، ليلة), then a relative day (أمس), a weekday with or without
//! a marker (الخميس الماضي) or a full date (الجمعة 21 يناير/كانون الثاني 2022). Relative
//! expressions are resolved against the publication date and stay unresolved (`value: None`)
//! without one: a guess would be worse than a gap. A bare weekday is the latest such day on or
//! before publication, a weekday with الماضي the latest one strictly before it. Years and
//! months alone give month or year ranges; "منذ …" and "لليوم الثالث على التوالي" give spans
//! that end at publication.
//!
//! A day of the month is a number or an ordinal word (17 من أبريل، الثامن من فبراير); without
//! a year it takes the reference year, unless its month carries الماضي/المقبل (the latest or
//! next such month) or a weekday beside it names a day of the year before or after. The
//! scanner keeps two anchors as it reads, in text order: the last month named (for الثالث منه)
//! and the last day named (for في اليوم نفسه، في نفس اليوم من عام 1931، بعد 4 أيام). A relative
//! day with its weekday (اليوم الأربعاء، أمس الاثنين) tells which day the text calls today;
//! when that is a day or two before publication, the bare relative days of the text (اليوم،
//! غدا) are resolved against it once the scan is done. Days known by a name (عيد الفطر، يوم
//! النكبة) come from `data/named_days.tsv`. Every step reads a bounded number of tokens at
//! one place, so the scan stays linear in the document.

use crate::tables::DateKind;
use crate::vocab::{read_rows, Hit, PhraseTable, Row};
use crate::Context;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use marsad_core::{DateForm, DateMention, DateRange, Span};
use marsad_text::clitics::PROCLITICS;
use marsad_text::normalize::normalize_str;
use marsad_text::numbers::{find_numbers, NumberMatch};
use marsad_text::wordset::WordFilter;
use marsad_text::{TextLayer, TokenKind};
use rustc_hash::FxHashSet;
use serde::Deserialize;
use std::cell::{Cell, OnceCell, RefCell};
use std::sync::OnceLock;

const DATES_TSV: &str = include_str!("../data/dates.tsv");
const NAMED_DAYS_TSV: &str = include_str!("../data/named_days.tsv");

/// The calendar a named day is fixed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    Gregorian,
    Hijri,
}

/// One row of `data/named_days.tsv`: a day known by a name (عيد الفطر، يوم النكبة).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedDay {
    pub form: String,
    pub calendar: Calendar,
    pub month: u32,
    pub day: u32,
}

/// Why the named days table cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum NamedDaysError {
    #[error("named_days.tsv: {0}")]
    Csv(#[from] csv::Error),
    #[error("named_days.tsv: {form:?} has no day {month}/{day} in its calendar")]
    BadDay { form: String, month: u32, day: u32 },
    #[error("named_days.tsv: {0:?} is listed twice")]
    Duplicate(String),
}

/// Parse a named days table (tab-separated, `#` comments, a header line).
pub fn parse_named_days(tsv: &str) -> Result<Vec<NamedDay>, NamedDaysError> {
    let mut reader = csv::ReaderBuilder::new().delimiter(b'\t').comment(Some(b'#')).from_reader(tsv.as_bytes());
    let mut out: Vec<NamedDay> = Vec::new();
    let mut seen = FxHashSet::default();
    for row in reader.deserialize() {
        let row: NamedDay = row?;
        let max_day = match row.calendar {
            Calendar::Gregorian => 31,
            Calendar::Hijri => 30,
        };
        if !(1..=12).contains(&row.month) || !(1..=max_day).contains(&row.day) {
            return Err(NamedDaysError::BadDay { form: row.form, month: row.month, day: row.day });
        }
        if !seen.insert(normalize_str(&row.form)) {
            return Err(NamedDaysError::Duplicate(row.form));
        }
        out.push(row);
    }
    Ok(out)
}

fn named_days() -> &'static [NamedDay] {
    static T: OnceLock<Vec<NamedDay>> = OnceLock::new();
    // The table is embedded and checked by a test: a failure here is a build defect.
    T.get_or_init(|| parse_named_days(NAMED_DAYS_TSV).expect("data/named_days.tsv is valid"))
}

/// The rows of `dates.tsv`, then the named days as phrases of kind [`DateKind::Named`], their
/// value the row index.
fn date_rows() -> Result<Vec<Row<DateKind>>, crate::vocab::TableError> {
    let mut rows = read_rows("dates.tsv", DATES_TSV)?;
    for (k, d) in named_days().iter().enumerate() {
        let value = i64::try_from(k).expect("fewer than 2^63 named days");
        rows.push(Row::new("named_days.tsv", k + 1, &d.form, DateKind::Named, value)?);
    }
    Ok(rows)
}

fn vocab() -> &'static PhraseTable<DateKind> {
    static T: OnceLock<PhraseTable<DateKind>> = OnceLock::new();
    // The tables are embedded and loaded by a test: a failure to load is a build defect.
    T.get_or_init(|| PhraseTable::from_rows(date_rows().expect("data/dates.tsv is valid"), false))
}

/// Find every date expression of a document.
pub fn find(ctx: &Context, published: Option<NaiveDate>) -> Vec<DateMention> {
    if ctx.layer.tokens.is_empty() {
        return Vec::new();
    }
    scan(&ctx.doc.text, ctx.layer, published, usize::MAX, true, ctx.numbers_cell())
}

/// Find every date expression of a text layer (`text` is its original text).
pub fn find_in(text: &str, layer: &TextLayer, published: Option<NaiveDate>) -> Vec<DateMention> {
    find_before(text, layer, published, usize::MAX)
}

/// The date expressions of [`find_in`] that start before byte `limit` of the original text,
/// without reading further than they reach (the scan is left to right and greedy, so they
/// are the same as the full scan's).
pub fn find_before(text: &str, layer: &TextLayer, published: Option<NaiveDate>, limit: usize) -> Vec<DateMention> {
    if layer.tokens.first().is_none_or(|t| t.span.start >= limit) {
        return Vec::new();
    }
    scan(text, layer, published, limit, true, &OnceCell::new())
}

/// [`find_before`]; `gated: false` reads every token the slow way (for tests of the gates).
/// `numbers`: the cell of the document's numbers, filled on first use (shared with the claims).
fn scan(
    text: &str,
    layer: &TextLayer,
    published: Option<NaiveDate>,
    limit: usize,
    gated: bool,
    numbers: &OnceCell<Vec<NumberMatch>>,
) -> Vec<DateMention> {
    let recent = RefCell::new(Vec::new());
    let sc = Scanner {
        text,
        layer,
        published,
        numbers,
        recent,
        gated,
        month: Cell::new(None),
        day: Cell::new(None),
        today: Cell::new(None),
    };
    let gates = gates();
    let mut out = Vec::new();
    // The mentions that are a bare relative day (اليوم، غدا), with their offset in days.
    let mut bare = Vec::new();
    let mut i = 0;
    while i < layer.tokens.len() && layer.tokens[i].span.start < limit {
        if gated && (!gates.may_start(layer, i) || !sc.may_find_at(i)) {
            i += 1;
            continue;
        }
        match sc.at(i) {
            Some(found) => {
                i = found.end;
                for (m, offset) in found.mentions {
                    if let (Some(v), true) = (m.value, m.names_day) {
                        if v.is_day() {
                            sc.day.set(Some((v.start, m.sentence)));
                        }
                    }
                    if let Some(off) = offset {
                        bare.push((out.len(), off));
                    }
                    out.push(m);
                }
            }
            None => i += 1,
        }
    }
    // The text's own today, where it differs from publication: its bare relative days follow it.
    if let (Some(today), Some(p)) = (sc.today.get(), published) {
        if today != p {
            for (k, off) in bare {
                let m = &mut out[k];
                m.value = shift(today, off).map(DateRange::day);
                m.precision = m.value.map_or(0, |v| v.time_precision());
            }
        }
    }
    out
}

/// `d` moved by `off` days.
fn shift(d: NaiveDate, off: i64) -> Option<NaiveDate> {
    if off >= 0 {
        d.checked_add_days(Days::new(off as u64))
    } else {
        d.checked_sub_days(Days::new(off.unsigned_abs()))
    }
}

/// The kinds of phrase [`Scanner::at`] asks for at the token an expression starts on; the
/// other kinds (الماضي، على التوالي, ...) are only asked after one of these.
const START_KINDS: &[DateKind] = &[
    DateKind::Since,
    DateKind::Daypart,
    DateKind::Relday,
    DateKind::Weekday,
    DateKind::Month,
    DateKind::Hmonth,
    DateKind::Yearword,
    DateKind::Ago,
    DateKind::After,
    DateKind::Period,
    DateKind::Ordinal,
    DateKind::Sameday,
    DateKind::Named,
];

/// The one word [`Scanner::at`] tests by its text rather than through the table.
const RUNNING_DAY: &str = "لليوم";

/// A set of normalized words as a filter only: `may_contain` is true of every member and of
/// about one other word in thirty, tested with one multiply and one memory access (a
/// `WordFilter`). The sets below only decide which tokens are skipped: a token let through is
/// read in full by the scanner, which finds what it would find without the gates, so a word
/// wrongly let through costs a lookup and changes nothing. Confirming members with a hash set
/// cost more than it saved: the start words (قبل، بعد، اول، يوم، عام) are frequent, and the
/// phrase table looks them up again anyway.
struct WordSet {
    filter: WordFilter,
}

impl WordSet {
    fn new(words: impl IntoIterator<Item = String>) -> WordSet {
        let words: FxHashSet<String> = words.into_iter().collect();
        WordSet { filter: WordFilter::new(words.iter().map(String::as_str)) }
    }

    #[inline]
    fn may_contain(&self, word: &str) -> bool {
        self.filter.may_contain(word)
    }
}

/// Precomputed word sets that let the scanner skip tokens.
struct Gates {
    /// Every normalized word a date expression can start on: a first word of a phrase of a
    /// [`START_KINDS`] kind, bare or behind any proclitic sequence, and [`RUNNING_DAY`].
    ///
    /// Why the gate is exact: at a token, [`Scanner::at`] finds something only through a
    /// phrase table hit of a start kind there (the table splits off a proclitic sequence of
    /// `clitics::PROCLITICS` and looks the rest up among the first words, so a hit means the
    /// token is one of these words), through [`RUNNING_DAY`], or on a number or `@` token,
    /// which [`Gates::may_start`] always lets through. Skipping every other token changes
    /// nothing.
    starts: WordSet,
    /// The first words of the "dayunit" phrases (looked up without clitics).
    day_units: WordSet,
    /// The first word of every phrase of the table, bare or behind any proclitic sequence: a
    /// token that is none of these has no phrase at all, with or without clitics (the same
    /// reasoning as for `starts`).
    firsts: WordSet,
}

impl Gates {
    fn new(phrases: &[crate::vocab::Phrase<DateKind>]) -> Gates {
        let starts = phrases
            .iter()
            .filter(|p| START_KINDS.contains(&p.kind))
            .flat_map(|p| clitic_forms(&p.words[0]))
            .chain([RUNNING_DAY.to_string()]);
        let day_units = phrases.iter().filter(|p| p.kind == DateKind::Dayunit).map(|p| p.words[0].clone());
        let firsts = phrases.iter().flat_map(|p| clitic_forms(&p.words[0]));
        Gates { starts: WordSet::new(starts), day_units: WordSet::new(day_units), firsts: WordSet::new(firsts) }
    }

    /// Whether the phrase table may have a phrase at token `i` (see [`Gates::firsts`]).
    fn may_have_phrase(&self, layer: &TextLayer, i: usize) -> bool {
        layer.tokens.get(i).is_some_and(|t| {
            matches!(t.kind, TokenKind::Word | TokenKind::Latin) && self.firsts.may_contain(t.text(&layer.norm))
        })
    }

    /// Whether a date expression may start at token `i` (see [`Gates::starts`]).
    fn may_start(&self, layer: &TextLayer, i: usize) -> bool {
        let t = &layer.tokens[i];
        match t.kind {
            TokenKind::Number | TokenKind::Mention => true,
            TokenKind::Word | TokenKind::Latin => self.starts.may_contain(t.text(&layer.norm)),
            _ => false,
        }
    }

    /// Whether a "dayunit" word may end a count that starts at token `i` (قبل [ثلاثة] أيام).
    ///
    /// Exact because of how `numbers::find_numbers` reads a count: its first token is a
    /// number or a word, the others are words or a comma ("العشرات، وربما المئات"). So the
    /// unit after a count starting at `i` lies before or on the first later token that is none
    /// of these, and is a word token spelled as a unit's first word.
    fn unit_may_follow(&self, layer: &TextLayer, i: usize) -> bool {
        for (k, t) in layer.tokens.iter().enumerate().skip(i) {
            let s = t.text(&layer.norm);
            if t.kind == TokenKind::Word && self.day_units.may_contain(s) {
                return true;
            }
            let in_count = match t.kind {
                TokenKind::Word => true,
                TokenKind::Number => k == i,
                TokenKind::Punct => s == ",",
                _ => false,
            };
            if !in_count {
                return false;
            }
        }
        false
    }
}

/// A phrase's first word behind every proclitic sequence, with ل contracted on the word's
/// article as the phrase table reads it (ل + اليوم → لليوم, ل + الليلة → لليلة).
fn clitic_forms(first: &str) -> Vec<String> {
    let mut out = Vec::new();
    for pro in PROCLITICS {
        out.push(format!("{pro}{first}"));
        if let Some(rest) = first.strip_prefix("ال").filter(|_| pro.ends_with('ل')) {
            out.push(format!("{pro}ل{rest}"));
            if rest.starts_with('ل') {
                out.push(format!("{pro}{rest}"));
            }
        }
    }
    out
}

fn gates() -> &'static Gates {
    static G: OnceLock<Gates> = OnceLock::new();
    G.get_or_init(|| Gates::new(vocab().phrases()))
}

struct Scanner<'a> {
    text: &'a str,
    layer: &'a TextLayer,
    published: Option<NaiveDate>,
    /// The numbers of the document (in order, without overlaps), read on first use: most
    /// documents have no "قبل" + number, and the metadata's scan of the header needs none.
    numbers: &'a OnceCell<Vec<NumberMatch>>,
    /// The phrases at the last few (token, clitics) asked: reading one expression asks the
    /// table for several kinds at the same token.
    recent: RefCell<Vec<(usize, Vec<Hit<'static, DateKind>>)>>,
    /// Whether the exact shortcuts of [`Gates`] are taken (always, but in tests).
    gated: bool,
    /// The last month named, with its year and the sentence it was named in (for الثالث منه).
    month: Cell<Option<(i32, u32, usize)>>,
    /// The last day named and its sentence (for في اليوم نفسه، بعد 4 أيام).
    day: Cell<Option<(NaiveDate, usize)>>,
    /// The day the text calls today, when a relative day with its weekday tells it
    /// (اليوم الأربعاء).
    today: Cell<Option<NaiveDate>>,
}

struct Found {
    /// The mentions, each with its offset in days when it is a bare relative day (اليوم).
    mentions: Vec<(DateMention, Option<i64>)>,
    end: usize,
}

/// A date read at some token, before it is turned into a mention.
struct Read {
    value: Option<DateRange>,
    end: usize,
    form: DateForm,
    names_day: bool,
    /// The offset of a bare relative day, resolved again against the text's own today.
    bare: Option<i64>,
    /// A day and month whose year is the reference year only because the text gives none.
    yearless: bool,
}

impl Read {
    fn new(value: Option<DateRange>, end: usize, form: DateForm, names_day: bool) -> Read {
        Read { value, end, form, names_day, bare: None, yearless: false }
    }
}

fn weekday_of(n: u32) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// The latest `wd` on or before `d` (`strict`: strictly before).
fn latest_weekday(d: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let mut back = (7 + d.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    if strict && back == 0 {
        back = 7;
    }
    d - Days::new(back as u64)
}

fn next_weekday(d: NaiveDate, wd: Weekday) -> NaiveDate {
    let mut ahead = (7 + wd.num_days_from_monday() - d.weekday().num_days_from_monday()) % 7;
    if ahead == 0 {
        ahead = 7;
    }
    d + Days::new(ahead as u64)
}

fn month_range(y: i32, m: u32) -> Option<DateRange> {
    let start = NaiveDate::from_ymd_opt(y, m, 1)?;
    let end = start.checked_add_months(Months::new(1))? - Days::new(1);
    Some(DateRange::new(start, end))
}

/// The year and month `rel` months from the month of `d` (-1 the month before, 0 its own).
fn month_moved(d: NaiveDate, rel: i64) -> Option<(i32, u32)> {
    let first = d.with_day(1)?;
    let m = match rel {
        r if r < 0 => first.checked_sub_months(Months::new(r.unsigned_abs() as u32))?,
        r => first.checked_add_months(Months::new(r as u32))?,
    };
    Some((m.year(), m.month()))
}

/// The day of a named day nearest `reference` (the year before, of, or after it).
fn nearest_named(day: &NamedDay, reference: NaiveDate) -> Option<NaiveDate> {
    let candidates: Vec<NaiveDate> = match day.calendar {
        Calendar::Gregorian => {
            (-1..=1).filter_map(|dy| NaiveDate::from_ymd_opt(reference.year() + dy, day.month, day.day)).collect()
        }
        Calendar::Hijri => {
            // The Hijri year of the reference date, to within one: a Hijri year is 354 or 355
            // days, and 1 Muharram 1 AH is day 227,015 of the common era.
            let days = i64::from(reference.num_days_from_ce()) - 227_015;
            let h = (days * 30 / 10_631) as i32 + 1;
            (h - 1..=h + 1).filter_map(|y| hijri_to_gregorian(y, day.month, day.day)).collect()
        }
    };
    candidates.into_iter().min_by_key(|d| (*d - reference).num_days().abs())
}

fn year_range(y: i32) -> Option<DateRange> {
    Some(DateRange::new(NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?))
}

/// Convert a date of the tabular Islamic calendar (the arithmetical Hijri calendar, leap years
/// 2, 5, 7, 10, 13, 16, 18, 21, 24, 26 and 29 of each 30-year cycle) to the Gregorian calendar.
/// Dates announced by sighting of the moon may differ from it by a day.
pub fn hijri_to_gregorian(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&m) || !(1..=30).contains(&d) || y < 1 {
        return None;
    }
    let (y, m, d) = (y as i64, m as i64, d as i64);
    // Julian day number (at noon) of the date; 1948440 is 1 Muharram 1 AH.
    let jdn = d + (59 * (m - 1) + 1) / 2 + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + 1948439;
    let from_ce = jdn - 1721425; // JDN of 0001-01-01 is 1721426, which chrono counts as day 1.
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(from_ce).ok()?)
}

impl Scanner<'_> {
    fn word(&self, i: usize) -> &str {
        self.layer.tokens.get(i).map_or("", |t| t.text(&self.layer.norm))
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.layer.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct && t.text(&self.layer.norm) == p)
    }

    /// The first phrase at token `i`, longest first (`PhraseTable::at`), that `want` accepts;
    /// with `clitics`, its first word may carry a proclitic sequence.
    ///
    /// The table is asked once per token, with clitics: its answer without clitics is the
    /// hits of that answer that carry none, in the same order (both lists are the same stable
    /// sort of the phrases found on the bare word, the clitic list with more phrases).
    fn phrase_at(
        &self,
        i: usize,
        clitics: bool,
        want: impl Fn(&Hit<DateKind>) -> bool,
    ) -> Option<Hit<'static, DateKind>> {
        const KEEP: usize = 8;
        let mut recent = self.recent.borrow_mut();
        // Most asks are of the token asked last (the one an expression is being read at): search
        // from the newest entry. Each token is in the list at most once.
        let k = match recent.iter().rposition(|(j, _)| *j == i) {
            Some(k) => k,
            None => {
                if recent.len() == KEEP {
                    recent.remove(0);
                }
                let hits = if !self.gated || gates().may_have_phrase(self.layer, i) {
                    vocab().at(self.layer, i, true)
                } else {
                    Vec::new()
                };
                recent.push((i, hits));
                recent.len() - 1
            }
        };
        recent[k].1.iter().find(|h| (clitics || h.proclitic == 0) && want(h)).copied()
    }

    fn hit(&self, i: usize, kind: DateKind) -> Option<Hit<'static, DateKind>> {
        self.phrase_at(i, false, |h| h.phrase.kind == kind)
    }

    /// A hit that may carry a conjunction or preposition (والخميس، بالأمس).
    fn hit_clitic(&self, i: usize, kind: DateKind) -> Option<Hit<'static, DateKind>> {
        self.phrase_at(i, true, |h| h.phrase.kind == kind)
    }

    fn value(h: &Hit<DateKind>) -> i64 {
        h.phrase.value
    }

    /// Plain digits (no separators) at `i`, within `range`.
    fn int_at(&self, i: usize, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
        let t = self.layer.tokens.get(i)?;
        if t.kind != TokenKind::Number {
            return None;
        }
        let v: u32 = self.word(i).parse().ok()?;
        range.contains(&v).then_some(v)
    }

    fn mention(&self, start: usize, r: Read) -> (DateMention, Option<i64>) {
        let first = &self.layer.tokens[start];
        let last = &self.layer.tokens[r.end - 1];
        let at = if first.kind == TokenKind::Mention { '@'.len_utf8() } else { self.proclitic_len(start) };
        let span = Span::new(first.span.start + at, last.span.end);
        let precision = r.value.map_or(0, |v| v.time_precision());
        let m = DateMention {
            span,
            sentence: self.sentence_of(start),
            text: self.text[span.range()].to_string(),
            form: r.form,
            value: r.value,
            precision,
            names_day: r.names_day,
        };
        (m, r.bare)
    }

    /// The index of the sentence token `i` starts in.
    fn sentence_of(&self, i: usize) -> usize {
        let at = self.layer.tokens.get(i).map_or(usize::MAX, |t| t.span.start);
        self.layer.sentences.partition_point(|s| s.span.end <= at)
    }

    /// An anchor set in sentence `anchored` that a phrase at token `i` may refer back to: one
    /// of the same sentence or the sentence before.
    fn near(&self, anchored: usize, i: usize) -> bool {
        self.sentence_of(i) <= anchored + 1
    }

    /// Original byte length of a proclitic و/ب/ل on a first word that is not itself listed. A
    /// ل that carries the phrase's contracted article (لليوم) stays in the expression, as the
    /// article would.
    fn proclitic_len(&self, i: usize) -> usize {
        let Some(h) = self.phrase_at(i, true, |_| true) else { return 0 };
        let bytes = if h.elided { h.proclitic.saturating_sub('ل'.len_utf8()) } else { h.proclitic };
        if bytes == 0 {
            return 0;
        }
        let t = &self.layer.tokens[i];
        self.layer.norm.original_offset(t.norm.start + bytes) - t.span.start
    }

    /// False when [`Scanner::at`] surely finds nothing at token `i` (a token [`Gates::may_start`]
    /// let through). Exact by reading `at`'s paths:
    /// - at a word (Arabic or Latin) other than [`RUNNING_DAY`], every path starts with a
    ///   phrase of the table at `i` (منذ, a part of day, a relative day, a weekday, a month, an
    ///   ordinal, a named day, a year word, a period, قبل, بعد): without one, nothing. The
    ///   lookup is kept for `at`.
    /// - at a number, only a full date can start (`absolute_at`): a numeric date needs a dot in
    ///   the token or a `/`, `-` or `.` right after it, a day and month a phrase (the month, or
    ///   من before it) at the next token.
    ///
    /// `at` also moves the month anchor where it reads a month: only on these paths.
    fn may_find_at(&self, i: usize) -> bool {
        let t = &self.layer.tokens[i];
        match t.kind {
            TokenKind::Word | TokenKind::Latin => {
                self.word(i) == RUNNING_DAY || self.phrase_at(i, true, |_| true).is_some()
            }
            TokenKind::Number => {
                self.word(i).contains('.')
                    || matches!(self.word(i + 1), "/" | "-" | ".")
                    || gates().may_have_phrase(self.layer, i + 1)
            }
            _ => true,
        }
    }

    fn at(&self, i: usize) -> Option<Found> {
        // منذ X: a span from X to publication, plus X itself.
        if self.hit_clitic(i, DateKind::Since).is_some() {
            if let Some(mut inner) = self.day_at(i + 1) {
                // منذ 20 ديسمبر in June: a day since which time runs is past, so a day and month
                // after the reference date are of the year before.
                if let (Some(v), Some(p), true) = (inner.value, self.published, inner.yearless) {
                    if v.start > p {
                        inner.value = v.start.with_year(v.start.year() - 1).map(DateRange::day);
                    }
                }
                let mut mentions = vec![];
                let span_value = match (inner.value, self.published) {
                    (Some(v), Some(p)) if v.start <= p => Some(DateRange::new(v.start, p)),
                    _ => None,
                };
                let end = inner.end;
                mentions.push(self.mention(i + 1, inner));
                mentions.push(self.mention(i, Read::new(span_value, end, DateForm::Span, false)));
                return Some(Found { mentions, end });
            }
            return None;
        }
        // لليوم الثالث على التوالي: the n-th day running, ending at publication.
        if self.word(i) == "لليوم" {
            if let Some(o) = self.hit(i + 1, DateKind::Ordinal) {
                let n = Self::value(&o).max(1) as u64;
                let mut end = o.end;
                if let Some(r) = self.hit(end, DateKind::Running) {
                    end = r.end;
                }
                let value = self.published.map(|p| DateRange::new(p - Days::new(n - 1), p));
                let r = Read::new(value, end, DateForm::Span, false);
                return Some(Found { mentions: vec![self.mention(i, r)], end });
            }
        }
        // 3 و4 يونيو: two days of one month.
        if let (Some(d), true, Some(_)) =
            (self.int_at(i, 1..=31), self.hit(i + 1, DateKind::And).is_some(), self.int_at(i + 2, 1..=31))
        {
            if let Some(second) =
                self.absolute_at(i + 2, None).filter(|r| r.names_day && r.value.is_some_and(|v| v.is_day()))
            {
                let first = second.value.and_then(|v| v.start.with_day(d)).map(DateRange::day);
                let end = second.end;
                let mentions = vec![
                    self.mention(i, Read::new(first, i + 1, DateForm::Absolute, true)),
                    self.mention(i + 2, second),
                ];
                return Some(Found { mentions, end });
            }
        }
        let r = self.day_at(i).or_else(|| self.period_at(i))?;
        let end = r.end;
        Some(Found { mentions: vec![self.mention(i, r)], end })
    }

    /// A day expression at `i`: [part of day] then a relative day, weekday or full date.
    fn day_at(&self, i: usize) -> Option<Read> {
        let mut j = i;
        let mut parts = 0;
        loop {
            // يوم النكبة: a named day, whose first word may be a part-of-day word.
            if let Some(r) = self.named_at(j) {
                return Some(r);
            }
            if parts == 2 {
                break;
            }
            match self.hit_clitic(j, DateKind::Daypart) {
                // يوم is a part-of-day word only before a day expression, never alone.
                Some(h) => {
                    j = h.end;
                    parts += 1;
                }
                None => break,
            }
        }
        if let Some(s) = self.hit_clitic(j, DateKind::Sameday) {
            return self.same_day_at(s.end);
        }
        if let Some(h) = self.hit_clitic(j, DateKind::Relday) {
            return self.relday_at(&h);
        }
        if let Some(w) = self.hit_clitic(j, DateKind::Weekday) {
            let wd = weekday_of(Self::value(&w) as u32)?;
            if let Some(abs) = self.date_after(w.end, Some(wd)) {
                return Some(abs);
            }
            if let Some(m) = self.hit(w.end, DateKind::Past) {
                let value = self.published.map(|p| DateRange::day(latest_weekday(p, wd, true)));
                return Some(Read::new(value, m.end, DateForm::Relative, true));
            }
            // الخميس قبل الماضي: the one before the last.
            if let Some(m) = self.hit(w.end, DateKind::Ago).and_then(|a| self.hit(a.end, DateKind::Past)) {
                let value = self.published.map(|p| DateRange::day(latest_weekday(p, wd, true) - Days::new(7)));
                return Some(Read::new(value, m.end, DateForm::Relative, true));
            }
            if let Some(m) = self.hit(w.end, DateKind::Next) {
                let value = self.published.map(|p| DateRange::day(next_weekday(p, wd)));
                return Some(Read::new(value, m.end, DateForm::Relative, true));
            }
            let value = self.published.map(|p| DateRange::day(latest_weekday(p, wd, false)));
            return Some(Read::new(value, w.end, DateForm::Relative, true));
        }
        if let Some(r) = self.absolute_at(j, None) {
            return Some(r);
        }
        if parts == 0 {
            return self.lapse_at(i);
        }
        None
    }

    /// The full date that names the same day as a day word ending before token `k`: after a
    /// comma (الجمعة، 28 يناير 2022), الموافق (الخميس الموافق 12 يونيو) or nothing.
    fn date_after(&self, k: usize, wd: Option<Weekday>) -> Option<Read> {
        let mut k = k;
        if self.is_punct(k, ",") {
            k += 1;
        }
        if self.hit(k, DateKind::Equal).is_some() {
            k += 1;
        }
        let mut abs = self.absolute_at(k, wd).filter(|a| a.names_day)?;
        abs.form = DateForm::Absolute;
        Some(abs)
    }

    /// A relative day (`h`: اليوم، أمس، غدا) and what may follow it: its weekday (أمس الاثنين,
    /// which also tells the text's own today), the date it is (اليوم (1 أبريل)), or a relative
    /// pronoun (اليوم الذي: "the day that", no day by itself).
    fn relday_at(&self, h: &Hit<DateKind>) -> Option<Read> {
        let off = Self::value(h);
        let mut end = h.end;
        if self.hit(end, DateKind::Relpron).is_some() {
            return None;
        }
        let base = self.published.and_then(|p| shift(p, off));
        if let Some(w) = self.hit(end, DateKind::Weekday) {
            end = w.end;
            let wd = weekday_of(Self::value(&w) as u32)?;
            // اليوم الخميس الموافق 12 يونيو: the date says which day.
            if let Some(abs) = self.date_after(end, Some(wd)).filter(|_| self.hit(end, DateKind::Equal).is_some()) {
                return Some(abs);
            }
            // The day of that weekday nearest the relative day: a text written the day before
            // publication says "اليوم الأربعاء" of a Wednesday published on Thursday.
            let day = base.map(|b| {
                let back = latest_weekday(b, wd, false);
                if (b - back).num_days() <= 3 {
                    back
                } else {
                    next_weekday(b, wd)
                }
            });
            if let (Some(d), Some(p)) = (day, self.published) {
                let today = shift(d, -off);
                if self.today.get().is_none() && today.is_some_and(|t| t <= p && (p - t).num_days() <= 2) {
                    self.today.set(today);
                }
            }
            return Some(Read::new(day.map(DateRange::day), end, DateForm::Relative, true));
        }
        if let Some(abs) = self.date_after(end, None).filter(|_| self.hit(end, DateKind::Equal).is_some()) {
            return Some(abs);
        }
        // اليوم (1 أبريل): the date in brackets is the day meant.
        if self.is_punct(end, "(") {
            if let Some(abs) = self.absolute_at(end + 1, None) {
                if abs.names_day && self.is_punct(abs.end, ")") {
                    return Some(Read::new(abs.value, abs.end + 1, DateForm::Absolute, true));
                }
            }
        }
        let mut r = Read::new(base.map(DateRange::day), end, DateForm::Relative, true);
        r.bare = Some(off);
        Some(r)
    }

    /// After في اليوم نفسه / في نفس اليوم (ending before token `k`): the day last named, or its
    /// day and month in the year that follows (من عام 1931).
    fn same_day_at(&self, k: usize) -> Option<Read> {
        // في نفس اليوم الذي ...: the day of what the clause tells, not the one named before.
        if self.hit(k, DateKind::Relpron).is_some() {
            return None;
        }
        let last = self.day.get().map(|(d, _)| d);
        let (year, end) = match self.year_after(k) {
            Some((y, end)) => (Some(y), end),
            None => (None, k),
        };
        let value = match (last, year) {
            (Some(d), Some(y)) => NaiveDate::from_ymd_opt(y, d.month(), d.day()),
            (d, None) => d,
            (None, Some(_)) => None,
        };
        Some(Read::new(value.map(DateRange::day), end, DateForm::Relative, true))
    }

    /// عيد الفطر، يوم النكبة: a named day, the occurrence nearest the reference date.
    fn named_at(&self, i: usize) -> Option<Read> {
        let h = self.hit_clitic(i, DateKind::Named)?;
        let day = named_days().get(usize::try_from(Self::value(&h)).ok()?)?;
        let value = self.published.and_then(|p| nearest_named(day, p)).map(DateRange::day);
        Some(Read::new(value, h.end, DateForm::Relative, true))
    }

    /// قبل يومين، قبل 3 أيام، قبل أسبوع: a day counted back from publication; بعد 4 أيام: a day
    /// counted on from the day named last in this sentence or the one before, else from
    /// publication. A lapse from something else (بعد يومين من الهجوم) is no day we know.
    fn lapse_at(&self, i: usize) -> Option<Read> {
        let after = if self.hit_clitic(i, DateKind::Ago).is_some() {
            false
        } else if self.hit_clitic(i, DateKind::After).is_some() {
            true
        } else {
            return None;
        };
        let mut j = i + 1;
        // Most "قبل" and "بعد" read no count of days: skip reading the document's numbers then.
        if self.gated && !gates().unit_may_follow(self.layer, j) {
            return None;
        }
        let mut count = 1u64;
        let numbers = self.numbers.get_or_init(|| find_numbers(self.layer));
        let number = numbers.binary_search_by_key(&j, |m| m.tokens.0).ok().map(|k| &numbers[k]);
        let counted = number.is_some();
        if let Some(n) = number {
            if n.vague || n.lo == 0 || n.lo > 366 {
                return None;
            }
            count = n.lo;
            j = n.tokens.1;
        }
        let unit = self.hit(j, DateKind::Dayunit)?;
        // A plural (أيام) needs its number; "قبل أيام" is no particular day.
        let per = match Self::value(&unit) {
            0 if counted => 1,
            0 => return None,
            // "يوما بعد يوم" (day after day): after a single day, only with its count.
            1 if after && !counted => return None,
            v => v as u64,
        };
        let days = count * per;
        let mut k = unit.end;
        if self.hit(k, DateKind::Only).is_some() {
            k += 1;
        }
        if self.hit(k, DateKind::Of).is_some() || self.hit(k, DateKind::From).is_some() {
            return None;
        }
        let value = if after {
            let anchor = self.day.get().filter(|&(_, s)| self.near(s, i)).map(|(d, _)| d).or(self.published);
            anchor.and_then(|d| d.checked_add_days(Days::new(days)))
        } else {
            self.published.and_then(|p| p.checked_sub_days(Days::new(days)))
        };
        Some(Read::new(value.map(DateRange::day), unit.end, DateForm::Relative, days < 7))
    }

    /// الأسبوع الماضي، الشهر الجاري، العام المقبل.
    fn period_at(&self, i: usize) -> Option<Read> {
        let p = self.hit_clitic(i, DateKind::Period)?;
        let (rel, end) = self.marker_at(p.end)?;
        let value = self.published.and_then(|d| match (Self::value(&p), rel) {
            (7, -1) => Some(DateRange::new(d - Days::new(7), d - Days::new(1))),
            (7, 0) => Some(DateRange::new(d - Days::new(6), d)),
            (7, _) => Some(DateRange::new(d + Days::new(1), d + Days::new(7))),
            (30, r) => {
                let (y, m) = month_moved(d, r)?;
                month_range(y, m)
            }
            (_, r) => year_range(d.year() + r as i32),
        });
        Some(Read::new(value, end, DateForm::Relative, false))
    }

    /// الماضي (-1)، الجاري (0)، المقبل (1) at `i`, with the token after it.
    fn marker_at(&self, i: usize) -> Option<(i64, usize)> {
        if let Some(m) = self.hit(i, DateKind::Past) {
            Some((-1, m.end))
        } else if let Some(m) = self.hit(i, DateKind::Current) {
            Some((0, m.end))
        } else {
            self.hit(i, DateKind::Next).map(|m| (1, m.end))
        }
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        self.int_at(i, 1000..=2200).map(|y| y as i32)
    }

    /// The year that follows a day and month at `k`: 2017، ، 2017، من عام 1943، عام 2001، من
    /// العام الماضي; with the token after it.
    fn year_after(&self, k: usize) -> Option<(i32, usize)> {
        let mut k = k;
        if self.is_punct(k, ",") {
            k += 1;
        }
        if let Some(y) = self.year_at(k) {
            return Some((y, k + 1));
        }
        let q = if self.hit(k, DateKind::Of).is_some() { k + 1 } else { k };
        if self.hit(q, DateKind::Yearword).is_some() {
            if let Some(y) = self.year_at(q + 1) {
                return Some((y, q + 2));
            }
        }
        let p = self.hit(q, DateKind::Period).filter(|p| Self::value(p) == 365)?;
        let (rel, end) = self.marker_at(p.end)?;
        Some((self.published?.year() + rel as i32, end))
    }

    /// Month names at `i`, possibly paired ("يناير/كانون الثاني", "فبراير/ شباط", "أكتوبر
    /// (تشرين الأول)").
    fn month_at(&self, i: usize) -> Option<(u32, bool, usize)> {
        let (h, hijri) = match self.hit(i, DateKind::Month) {
            Some(h) => (h, false),
            None => (self.hit(i, DateKind::Hmonth)?, true),
        };
        let m = Self::value(&h) as u32;
        let mut end = h.end;
        if !hijri && self.is_punct(end, "/") {
            if let Some(h2) = self.hit(end + 1, DateKind::Month) {
                end = h2.end;
            }
        } else if !hijri && self.is_punct(end, "(") {
            if let Some(h2) = self.hit(end + 1, DateKind::Month).filter(|h2| Self::value(h2) as u32 == m) {
                if self.is_punct(h2.end, ")") {
                    end = h2.end + 1;
                }
            }
        }
        Some((m, hijri, end))
    }

    /// The year of a day and month given without one: the reference year, or the year of the
    /// latest (`rel` -1, الماضي) or next (1, المقبل) such month; a weekday named with the day
    /// that falls on it only the year before or after moves it there.
    fn year_of(&self, m: u32, d: u32, rel: Option<i64>, wd: Option<Weekday>) -> Option<NaiveDate> {
        let p = self.published?;
        let y = match rel {
            Some(-1) if m >= p.month() => p.year() - 1,
            Some(1) if m <= p.month() => p.year() + 1,
            _ => p.year(),
        };
        let date = NaiveDate::from_ymd_opt(y, m, d);
        match (rel, wd, date) {
            (None, Some(wd), Some(this)) if this.weekday() != wd => [y - 1, y + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                .find(|other| other.weekday() == wd)
                .or(date),
            _ => date,
        }
    }

    /// A day of the month `d` read before token `k` (a number or an ordinal word): then [من] a
    /// month, with a year or a marker, or منه (the month last named), or من الشهر الجاري.
    fn day_of_month(&self, start: usize, d: u32, k: usize, wd: Option<Weekday>) -> Option<Read> {
        if self.hit(k, DateKind::Ofit).is_some() {
            let (y, m, _) = self.month.get().filter(|&(_, _, s)| self.near(s, start))?;
            let value = NaiveDate::from_ymd_opt(y, m, d).map(DateRange::day);
            return Some(Read::new(value, k + 1, DateForm::Absolute, true));
        }
        let k = if self.hit(k, DateKind::Of).is_some() { k + 1 } else { k };
        // الـ 12 من الشهر الجاري; في 20 الجاري (of the current month, its name left out).
        let marker = match self.hit(k, DateKind::Period).filter(|p| Self::value(p) == 30) {
            Some(p) => Some(self.marker_at(p.end)),
            None => self.hit(k, DateKind::Current).map(|_| self.marker_at(k)),
        };
        if let Some(marker) = marker {
            let (rel, end) = marker?;
            let value = self
                .published
                .and_then(|p| month_moved(p, rel))
                .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, m, d))
                .map(DateRange::day);
            if let Some(v) = value {
                self.month.set(Some((v.start.year(), v.start.month(), self.sentence_of(start))));
            }
            return Some(Read::new(value, end, DateForm::Relative, true));
        }
        let (m, hijri, mut end) = self.month_at(k)?;
        let year = self.year_after(end);
        let mut rel = None;
        match year {
            Some((_, e)) => end = e,
            None => {
                if let Some((r, e)) = self.marker_at(end) {
                    rel = Some(r);
                    end = e;
                }
            }
        }
        let year = year.map(|(y, _)| y);
        let marked = self.hit(end, DateKind::Hijri);
        let hijri = hijri || marked.is_some() && year.is_some_and(|y| y < 1600);
        if let (Some(h), true) = (marked, hijri) {
            end = h.end;
        }
        let date = match year {
            Some(y) if hijri => hijri_to_gregorian(y, m, d),
            Some(y) => NaiveDate::from_ymd_opt(y, m, d),
            None if hijri => None,
            None => self.year_of(m, d, rel, wd),
        };
        if let (Some(v), false) = (date, hijri) {
            self.month.set(Some((v.year(), m, self.sentence_of(start))));
        }
        let mut r = Read::new(date.map(DateRange::day), end, DateForm::Absolute, true);
        r.yearless = year.is_none() && rel.is_none() && wd.is_none();
        Some(r)
    }

    fn absolute_at(&self, i: usize, wd: Option<Weekday>) -> Option<Read> {
        let t = self.layer.tokens.get(i)?;
        if t.kind == TokenKind::Number {
            if let Some(r) = self.numeric_at(i) {
                return Some(r);
            }
            // 20 يناير/كانون الثاني [،] 2022 [هـ]، 17 من أبريل، 12 من الشهر الجاري
            let d = self.int_at(i, 1..=31)?;
            return self.day_of_month(i, d, i + 1, wd);
        }
        if matches!(t.kind, TokenKind::Latin | TokenKind::Mention) {
            // January 23, 2022; also glued to a handle in a copied post: (@January 23, 2022)
            let (m, _, end) = if t.kind == TokenKind::Mention {
                let w = self.word(i).trim_start_matches('@');
                let p = vocab()
                    .phrases()
                    .iter()
                    .find(|p| p.kind == DateKind::Month && p.words.len() == 1 && p.words[0] == w)?;
                (u32::try_from(p.value).ok()?, false, i + 1)
            } else {
                self.month_at(i).filter(|(_, h, _)| !h)?
            };
            let d = self.int_at(end, 1..=31)?;
            let mut k = end + 1;
            if self.is_punct(k, ",") {
                k += 1;
            }
            let y = self.year_at(k)?;
            let date = NaiveDate::from_ymd_opt(y, m, d)?;
            return Some(Read::new(Some(DateRange::day(date)), k + 1, DateForm::Absolute, true));
        }
        // الثامن من فبراير، العاشر من تموز 2017، الثالث منه
        if let Some(o) = self.hit_clitic(i, DateKind::Ordinal) {
            let d = u32::try_from(Self::value(&o)).ok().filter(|d| (1..=31).contains(d))?;
            return self.day_of_month(i, d, o.end, wd);
        }
        // مارس/آذار 2019: a month.
        if let Some((m, hijri, end)) = self.month_at(i) {
            let mut k = end;
            if self.is_punct(k, ",") {
                k += 1;
            }
            let Some(y) = self.year_at(k) else {
                // A month alone (وشهد أغسطس، في أغسطس الماضي) is no date, but the anchor of a
                // day of it named next (في الثالث منه).
                if !hijri {
                    let rel = self.marker_at(end).map(|(r, _)| r);
                    if let Some(v) = self.year_of(m, 1, rel, None) {
                        self.month.set(Some((v.year(), m, self.sentence_of(i))));
                    }
                }
                return None;
            };
            if hijri {
                let start = hijri_to_gregorian(y, m, 1)?;
                let next = if m == 12 { hijri_to_gregorian(y + 1, 1, 1)? } else { hijri_to_gregorian(y, m + 1, 1)? };
                let mut end = k + 1;
                if let Some(h) = self.hit(end, DateKind::Hijri) {
                    end = h.end;
                }
                let value = Some(DateRange::new(start, next - Days::new(1)));
                return Some(Read::new(value, end, DateForm::Absolute, false));
            }
            self.month.set(Some((y, m, self.sentence_of(i))));
            return Some(Read::new(month_range(y, m), k + 1, DateForm::Absolute, false));
        }
        // عام 2014: a year.
        if self.hit_clitic(i, DateKind::Yearword).is_some() {
            let y = self.year_at(i + 1)?;
            if !(1900..=2100).contains(&y) {
                return None;
            }
            return Some(Read::new(year_range(y), i + 2, DateForm::Absolute, false));
        }
        None
    }

    /// 2022.01.25, 25/01/2022, 2022-01-25 (year first or day first).
    fn numeric_at(&self, i: usize) -> Option<Read> {
        let w = self.word(i);
        let (parts, end): ([u32; 3], usize) = if w.split('.').count() == 3 {
            let mut p = w.split('.').map(|p| p.parse().ok());
            ([p.next()??, p.next()??, p.next()??], i + 1)
        } else {
            // Separate tokens joined by / or - with nothing between them.
            let sep = self.word(i + 1);
            if !matches!(sep, "/" | "-" | ".") || self.word(i + 3) != sep {
                return None;
            }
            let toks = &self.layer.tokens;
            if toks.len() <= i + 4 || (i..i + 4).any(|k| toks[k].span.end != toks[k + 1].span.start) {
                return None;
            }
            ([self.word(i).parse().ok()?, self.word(i + 2).parse().ok()?, self.word(i + 4).parse().ok()?], i + 5)
        };
        let (y, m, d) = if parts[0] > 31 { (parts[0], parts[1], parts[2]) } else { (parts[2], parts[1], parts[0]) };
        if !(1900..=2100).contains(&y) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
        Some(Read::new(Some(DateRange::day(date)), end, DateForm::Absolute, true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded date table, with the named days, loads: no unknown kind, no value that is
    /// no number, no repeated row.
    #[test]
    fn the_embedded_table_loads() {
        let rows = date_rows().unwrap();
        assert!(rows.iter().any(|r| r.kind == DateKind::Named));
        assert!(rows.len() >= 190, "{}", rows.len());
    }

    #[test]
    fn tabular_hijri_dates() {
        // 1 Muharram 1 AH is 16 July 622 (Julian), 19 July 622 proleptic Gregorian.
        assert_eq!(hijri_to_gregorian(1, 1, 1), NaiveDate::from_ymd_opt(622, 7, 19));
        // 1 Ramadan 1443 is 3 April 2022 in the tabular calendar (sighted on 2 April in some
        // countries: the one-day difference the doc comment warns about).
        assert_eq!(hijri_to_gregorian(1443, 9, 1), NaiveDate::from_ymd_opt(2022, 4, 3));
        assert_eq!(hijri_to_gregorian(1443, 13, 1), None);
    }

    /// Sentences written for this test, with date expressions of every kind, behind clitics,
    /// next to numbers and counts, and words that look like date words but start none.
    const GATE_TEXTS: &[&str] = &[
        "قال المتحدث يوم الخميس الماضي إن القوات دخلت البلدة مساء أمس، وذلك بعد غد من الإعلان.",
        "وفي الجمعة 21 يناير/كانون الثاني 2022 سقط 3 قتلى، وبالأمس أصيب 12 آخرون.",
        "منذ الأحد المقبل تتواصل المعارك لليوم الثالث على التوالي في الريف الشرقي.",
        "اعتقل قبل يومين خمسة أشخاص، وأفرج عن آخرين قبل 3 أيام، وقبل أسبوع نزح المئات قبل أن يعودوا.",
        "قبل ثلاثة آلاف وخمسمائة يوم، وقبل العشرات، وربما المئات من الأيام، وقبل عام 2014.",
        "نشر في 2022.01.25 وفي 25/01/2022 وفي 2022-01-25 ثم في 12 رمضان 1443 هـ وفي ربيع الأول 1444.",
        "(@January 23, 2022) posted on March 5, 2021 before June 2020 and Jan 7 2019.",
        "خلال الشهر الجاري والعام الماضي والأسبوع المقبل، وفي آذار 2019 وفي عام 1850 وفي سنة 2030.",
        "الساعة 12:30 من ظهر اليوم وفجر الغد، ولليوم العاشر، والعام، والعامل، وعامين.",
        "ليلة السبت صباح الأحد، يوم الإثنين، يوم 5 مايو، ويوميات الحرب، واليومين، وأيام 5.",
        "بعد ذلك وبعد غد، وأول من أمس وأول مرة، وقبل 5 / 3 والعدد 12-4 و3.5 و7 . 2021 و20 أيار، و31 شباط.",
        "يوم 3 وعام 2021 وفي 4 رجب وظهر اليوم ثم عصر يوم 9 حزيران 2020، و12 @May 2020 و(@May 5, 2020).",
        "وفي 17 من أبريل والـ 20 من الشهر الجاري وبالثامن من فبراير/شباط الجاري والحادي والعشرين من تموز2019.",
        "وشهد مارس معارك، ففي الثالث منه وفي اليوم ذاته ونفس اليوم من عام 1982 وبعد 3 أيام وبعد يومين من ذلك.",
        "قال اليوم الأربعاء إن أمس الثلاثاء واليوم الذي تلاه واليوم (3 مارس) وعيد الفطر ويوم النكبة أيام صعبة.",
        "في 19 أكتوبر (تشرين الأول) 2012 و22 مايو الماضي و5 من عام 1967 والأول من نوعه و3 من المسلحين.",
    ];

    #[test]
    fn gates_change_nothing() {
        let published = NaiveDate::from_ymd_opt(2022, 1, 25);
        for text in GATE_TEXTS {
            let layer = TextLayer::new(text);
            for p in [published, None] {
                let gated = scan(text, &layer, p, usize::MAX, true, &OnceCell::new());
                let slow = scan(text, &layer, p, usize::MAX, false, &OnceCell::new());
                assert_eq!(format!("{gated:?}"), format!("{slow:?}"), "{text}");
            }
            assert!(!scan(text, &layer, published, usize::MAX, true, &OnceCell::new()).is_empty(), "no date in {text}");
        }
    }

    #[test]
    fn start_gate_lets_every_phrase_start_through() {
        // Every token with a phrase of a start kind, with or without clitics, passes.
        let g = gates();
        for text in GATE_TEXTS {
            let layer = TextLayer::new(text);
            for i in 0..layer.tokens.len() {
                let hits = vocab().at(&layer, i, true);
                if hits.iter().any(|h| START_KINDS.contains(&h.phrase.kind)) {
                    assert!(g.may_start(&layer, i), "{} in {text}", layer.tokens[i].text(&layer.norm));
                }
                if !hits.is_empty() {
                    assert!(g.may_have_phrase(&layer, i), "{} in {text}", layer.tokens[i].text(&layer.norm));
                }
            }
        }
    }

    #[test]
    fn word_sets_let_every_member_through() {
        let words = ["اليوم", "امس", "وبالامس", "january", "لليوم"];
        let set = WordSet::new(words.iter().map(|w| w.to_string()));
        for w in words {
            assert!(set.may_contain(w));
        }
        // And turn most other words away (the filter's point, not its exactness).
        let text = "قال المتحدث إن القوات دخلت البلدة وقتلت عشرة من المسلحين واعتقلت آخرين في الريف الشرقي";
        let others = normalize_str(text);
        let passed = others.split_whitespace().filter(|w| set.may_contain(w)).count();
        assert!(passed <= 2, "{passed} of 15 other words let through");
    }

    #[test]
    fn the_named_days_table_is_valid() {
        let days = parse_named_days(NAMED_DAYS_TSV).expect("the embedded table parses");
        assert!(days.iter().any(|d| d.form == "عيد الفطر" && d.calendar == Calendar::Hijri));
    }

    #[test]
    fn named_days_rows_are_checked() {
        let head = "form\tcalendar\tmonth\tday\n";
        let dup = format!("{head}عيد الفطر\thijri\t10\t1\nعيد الفطر\thijri\t10\t1\n");
        assert!(matches!(parse_named_days(&dup), Err(NamedDaysError::Duplicate(_))));
        let bad = format!("{head}يوم ما\thijri\t13\t1\n");
        assert!(matches!(parse_named_days(&bad), Err(NamedDaysError::BadDay { .. })));
        let calendar = format!("{head}يوم ما\tjulian\t1\t1\n");
        assert!(matches!(parse_named_days(&calendar), Err(NamedDaysError::Csv(_))));
        let extra = "form\tcalendar\tmonth\tday\tnote\nيوم ما\thijri\t1\t1\tx\n";
        assert!(matches!(parse_named_days(extra), Err(NamedDaysError::Csv(_))));
    }

    #[test]
    fn a_named_day_is_the_occurrence_nearest_the_reference() {
        let fitr = NamedDay { form: "عيد الفطر".into(), calendar: Calendar::Hijri, month: 10, day: 1 };
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        // 1 Shawwal 1443 is 3 May 2022 and 1 Shawwal 1444 is 22 April 2023 (tabular).
        assert_eq!(nearest_named(&fitr, day("2022-01-10")), Some(day("2022-05-03")));
        assert_eq!(nearest_named(&fitr, day("2022-12-31")), Some(day("2023-04-22")));
        let nakba = NamedDay { form: "يوم النكبة".into(), calendar: Calendar::Gregorian, month: 5, day: 15 };
        assert_eq!(nearest_named(&nakba, day("2018-11-01")), Some(day("2018-05-15")));
        assert_eq!(nearest_named(&nakba, day("2019-03-02")), Some(day("2019-05-15")));
    }

    #[test]
    fn months_moved_across_years() {
        let d = NaiveDate::from_ymd_opt(2022, 1, 25).unwrap();
        assert_eq!(month_moved(d, -1), Some((2021, 12)));
        assert_eq!(month_moved(d, 0), Some((2022, 1)));
        assert_eq!(month_moved(d, 12), Some((2023, 1)));
    }

    #[test]
    fn weekday_arithmetic() {
        let tue = NaiveDate::from_ymd_opt(2022, 1, 25).unwrap();
        assert_eq!(latest_weekday(tue, Weekday::Thu, true), NaiveDate::from_ymd_opt(2022, 1, 20).unwrap());
        assert_eq!(latest_weekday(tue, Weekday::Tue, false), tue);
        assert_eq!(latest_weekday(tue, Weekday::Tue, true), NaiveDate::from_ymd_opt(2022, 1, 18).unwrap());
        assert_eq!(next_weekday(tue, Weekday::Thu), NaiveDate::from_ymd_opt(2022, 1, 27).unwrap());
    }
}
