//! Loading the TSV data files into typed records. Malformed rows are errors naming the file
//! and line, so a bad edit to a data file fails the test suite instead of silently dropping
//! names.

use marsad_core::{ActorId, ActorKind, PlaceId, PlaceKind};
use marsad_text::normalize::normalize_str;
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// `data/actors.tsv` with the state bodies of `data/countries.tsv` × `data/state_bodies.tsv`
/// (see `family.rs`), written by the build script.
const ACTORS_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/actors_full.tsv"));
const PLACES_TSV: &str = include_str!("../data/places.tsv");
const CUES_TSV: &str = include_str!("../data/cues.tsv");
const GENERIC_TSV: &str = include_str!("../data/generic_refs.tsv");
const DEMONYMS_TSV: &str = include_str!("../data/demonyms.tsv");

/// The endings of an adjective of nationality after its masculine singular (يمني): feminine,
/// plurals and duals (يمنية، يمنيون، يمنيين، يمنيات، يمنيان، يمنيتين).
const DEMONYM_ENDINGS: [&str; 8] = ["", "ه", "ون", "ين", "ات", "ان", "تين", "تان"];

/// A data-file error: which file, which line, what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {reason}")]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub reason: String,
}

#[derive(Clone, Debug)]
pub struct Actor {
    pub id: ActorId,
    pub kind: ActorKind,
    pub name_en: String,
    pub names_ar: Vec<String>,
    pub parent: Option<ActorId>,
    pub note: String,
    /// How this actor relates to its parent when a generic word names it that way
    /// (`families`: عائلاتهم after a mention of the parent).
    pub relation: String,
    /// ISO 3166-1 alpha-2 code of the country the actor belongs to, its own or its parent
    /// body's (empty for international and transnational actors).
    pub country: String,
}

#[derive(Clone, Debug)]
pub struct Place {
    pub id: PlaceId,
    pub kind: PlaceKind,
    pub name_en: String,
    pub names_ar: Vec<String>,
    pub parent: Option<PlaceId>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// ISO 3166-1 alpha-2 code of the country the place lies in (empty for wider regions).
    pub country: String,
    /// English names of the admin-1 and admin-2 units above the place (ACLED `admin1`, `admin2`).
    pub admin1: String,
    pub admin2: String,
    /// Normalized names of this place that are common words: they name the place only after a
    /// place preposition or noun.
    pub needs_cue: Vec<String>,
    /// Normalized names of this place that are ordinary words: they name the place only after a
    /// place noun or a direction (`بلدة بيان`, `شمال بيان`).
    pub needs_noun: Vec<String>,
    /// True for hand-curated records (evaluation gazetteer, `places_extra.tsv`).
    pub curated: bool,
}

/// The class of a context word (see `data/cues.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueClass {
    PlacePrep,
    PlaceNoun,
    ActorBefore,
    Verb,
    ActorAfter,
    Title,
    Role,
    NameStop,
    OrgNoun,
}

impl CueClass {
    /// The class as one bit of a [`CueIndex`] mask.
    pub(crate) fn bit(self) -> u16 {
        let bit = 1 << self as u16;
        debug_assert!(bit & CueIndex::ALL != 0, "CueIndex::CLASSES counts every class");
        bit
    }

    fn parse(s: &str) -> Option<CueClass> {
        Some(match s {
            "place_prep" => CueClass::PlacePrep,
            "place_noun" => CueClass::PlaceNoun,
            "actor_before" => CueClass::ActorBefore,
            "verb" => CueClass::Verb,
            "actor_after" => CueClass::ActorAfter,
            "title" => CueClass::Title,
            "role" => CueClass::Role,
            "name_stop" => CueClass::NameStop,
            "org_noun" => CueClass::OrgNoun,
            _ => return None,
        })
    }
}

/// The cue words with their classes as bit masks, for lookups at every word of a text. Most words
/// are no cue of the classes asked for: a 4096-slot table over a key of the word's length and
/// its first and last bytes holds the classes of the cue words in each slot, and answers them
/// with one load and no hashing of the whole word; the others are looked up with a fast hash
/// (cue words are short). The table only rules words out, so answers equal the map's.
#[derive(Debug)]
struct CueIndex {
    classes: FxHashMap<String, u16>,
    /// Per slot, the union of the classes of the cue words in it.
    filter: Box<[u16; 1 << CueIndex::SLOT_BITS]>,
}

impl CueIndex {
    /// The number of cue classes, and the mask of them all.
    const CLASSES: usize = 9;
    const ALL: u16 = (1 << Self::CLASSES) - 1;
    const SLOT_BITS: u32 = 12;

    fn new(cues: &HashMap<String, HashSet<CueClass>>) -> CueIndex {
        let mut index = CueIndex { classes: FxHashMap::default(), filter: Box::new([0; 1 << Self::SLOT_BITS]) };
        for (word, classes) in cues {
            let mask = classes.iter().fold(0, |m, c| m | c.bit());
            index.classes.insert(word.clone(), mask);
            index.filter[Self::slot(word)] |= mask;
        }
        index
    }

    /// The word's slot: its length and up to its first and last eight bytes, read as machine
    /// words (no copy of a variable length), mixed by one multiplication.
    #[inline]
    fn slot(word: &str) -> usize {
        let b = word.as_bytes();
        let n = b.len();
        let u64_at = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        let u32_at = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("4 bytes")) as u64;
        let head = if n >= 8 {
            u64_at(0) ^ u64_at(n - 8).rotate_left(29)
        } else if n >= 4 {
            u32_at(0) | (u32_at(n - 4) << 32)
        } else {
            b.iter().fold(0u64, |k, &x| (k << 8) | x as u64)
        };
        let key = head ^ (n as u64).rotate_right(8);
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - Self::SLOT_BITS)) as usize
    }

    /// The classes of a normalized word among those of `mask`, as a mask of [`CueClass::bit`]s
    /// (0: no cue of these classes).
    #[inline]
    fn classes(&self, word: &str, mask: u16) -> u16 {
        if self.filter[Self::slot(word)] & mask == 0 {
            return 0;
        }
        self.classes.get(word).copied().unwrap_or(0) & mask
    }
}

/// A generic word that refers back to an entity named earlier (see `data/generic_refs.tsv`).
#[derive(Clone, Debug)]
pub struct GenericRef {
    pub words: Vec<String>,
    pub actor_kinds: Vec<ActorKind>,
    pub place_kinds: Vec<PlaceKind>,
    pub ids: Vec<String>,
    /// The generic agent the word stands for when nothing compatible was named before.
    pub fallback: Option<ActorId>,
    /// A relation (`families`) to the group named right before, instead of a back-reference.
    pub relation: String,
    /// The head noun of the names the word can stand for (التنظيم → تنظيم داعش، تنظيم القاعدة):
    /// a named actor none of whose names starts with it is not its referent.
    pub head: Option<String>,
}

/// The loaded actor lexicon and gazetteer.
#[derive(Debug)]
pub struct Lexicon {
    pub actors: Vec<Actor>,
    pub places: Vec<Place>,
    pub generic_refs: Vec<GenericRef>,
    cues: HashMap<String, HashSet<CueClass>>,
    cue_index: CueIndex,
    noun_kinds: FxHashMap<String, Vec<PlaceKind>>,
    actor_index: FxHashMap<ActorId, usize>,
    place_index: FxHashMap<PlaceId, usize>,
    /// Every normalized form of an adjective of nationality (with and without the article) and
    /// its country code (see `data/demonyms.tsv`).
    demonyms: FxHashMap<String, String>,
    /// The government of each country the actor table names one for (its `حكومة X` name):
    /// place index to actor index. A country's name as the subject of an act stands for it.
    governments: FxHashMap<u32, u32>,
}

pub(crate) struct Table<'a> {
    file: &'a str,
    head: HashMap<&'a str, usize>,
    pub(crate) rows: Vec<(usize, Vec<&'a str>)>,
}

impl<'a> Table<'a> {
    pub(crate) fn parse(file: &'a str, tsv: &'a str) -> Result<Table<'a>, DataError> {
        let mut lines = tsv.lines().enumerate().filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
        let (_, head_line) =
            lines.next().ok_or_else(|| DataError { file: file.into(), line: 0, reason: "no header row".into() })?;
        let head = head_line.split('\t').enumerate().map(|(i, h)| (h.trim(), i)).collect();
        let rows = lines.map(|(i, l)| (i + 1, l.split('\t').collect())).collect();
        Ok(Table { file, head, rows })
    }

    pub(crate) fn col<'r>(&self, row: &'r [&'a str], name: &str) -> &'a str {
        self.head.get(name).and_then(|&i| row.get(i)).copied().unwrap_or("").trim()
    }

    pub(crate) fn err(&self, line: usize, reason: String) -> DataError {
        DataError { file: self.file.into(), line, reason }
    }
}

fn parse_demonyms(tsv: &str) -> Result<FxHashMap<String, String>, DataError> {
    let t = Table::parse("demonyms.tsv", tsv)?;
    let mut out: FxHashMap<String, String> = FxHashMap::default();
    for (line, row) in &t.rows {
        let country = t.col(row, "country");
        if country.is_empty() || !is_country_code(country) {
            return Err(t.err(*line, format!("country {country:?} is no ISO 3166-1 alpha-2 code")));
        }
        for adj in names(t.col(row, "adjectives")) {
            let adj = norm_name(&adj);
            for end in DEMONYM_ENDINGS {
                let form = format!("{adj}{end}");
                for f in [format!("ال{form}"), format!("لل{form}"), form] {
                    if let Some(other) = out.insert(f.clone(), country.to_string()).filter(|o| o != country) {
                        return Err(t.err(*line, format!("{f} names both {other} and {country}")));
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Whether a cell is empty or an ISO 3166-1 alpha-2 code (two capital letters; XK for Kosovo).
fn is_country_code(s: &str) -> bool {
    s.is_empty() || (s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase()))
}

fn names(s: &str) -> Vec<String> {
    s.split('|').map(str::trim).filter(|n| !n.is_empty()).map(String::from).collect()
}

/// The normalized form names are matched in: the text layer's normalization, spaces collapsed.
pub fn norm_name(s: &str) -> String {
    normalize_str(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The government of each country: the political body named `حكومة` + one of the country's
/// names.
fn governments(actors: &[Actor], places: &[Place]) -> FxHashMap<u32, u32> {
    let mut by_name: FxHashMap<String, u32> = FxHashMap::default();
    for (i, a) in actors.iter().enumerate().filter(|(_, a)| a.kind == ActorKind::Political) {
        for n in &a.names_ar {
            if let Some(country) = norm_name(n).strip_prefix("حكومه ") {
                by_name.entry(country.to_string()).or_insert(i as u32);
            }
        }
    }
    let mut out = FxHashMap::default();
    for (i, p) in places.iter().enumerate().filter(|(_, p)| p.kind == PlaceKind::Country) {
        if let Some(&a) = p.names_ar.iter().find_map(|n| by_name.get(&norm_name(n))) {
            out.insert(i as u32, a);
        }
    }
    out
}

impl Lexicon {
    /// The government the actor table names for a country (by place index), if any.
    pub(crate) fn government_of(&self, place: u32) -> Option<u32> {
        self.governments.get(&place).copied()
    }

    /// The lexicon embedded in the binary, loaded once.
    pub fn embedded() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| {
            Lexicon::load(ACTORS_TSV, PLACES_TSV, CUES_TSV, GENERIC_TSV).expect("embedded lexicon data is valid")
        })
    }

    /// Parse actor and place TSVs with the embedded cue and generic-reference tables.
    pub fn parse(actors_tsv: &str, places_tsv: &str) -> Result<Lexicon, DataError> {
        Lexicon::load(actors_tsv, places_tsv, CUES_TSV, GENERIC_TSV)
    }

    /// Parse all four data files.
    pub fn load(actors_tsv: &str, places_tsv: &str, cues_tsv: &str, generic_tsv: &str) -> Result<Lexicon, DataError> {
        let t = Table::parse("actors.tsv", actors_tsv)?;
        let mut actors = Vec::new();
        for (line, row) in &t.rows {
            let id = t.col(row, "id");
            let kind_s = t.col(row, "kind");
            let kind =
                ActorKind::parse(kind_s).ok_or_else(|| t.err(*line, format!("unknown actor kind {kind_s:?}")))?;
            if id.is_empty() {
                return Err(t.err(*line, "empty id".into()));
            }
            let parent = t.col(row, "parent_id");
            let country = t.col(row, "country");
            if !is_country_code(country) {
                return Err(t.err(*line, format!("country {country:?} is no ISO 3166-1 alpha-2 code")));
            }
            actors.push(Actor {
                id: ActorId::new(id),
                kind,
                name_en: t.col(row, "name_en").to_string(),
                names_ar: names(t.col(row, "names_ar")),
                parent: (!parent.is_empty()).then(|| ActorId::new(parent)),
                note: t.col(row, "note").to_string(),
                relation: t.col(row, "relation").to_string(),
                country: country.to_string(),
            });
        }
        let t = Table::parse("places.tsv", places_tsv)?;
        let mut places = Vec::new();
        for (line, row) in &t.rows {
            let id = t.col(row, "id");
            let kind_s = t.col(row, "kind");
            let kind =
                PlaceKind::parse(kind_s).ok_or_else(|| t.err(*line, format!("unknown place kind {kind_s:?}")))?;
            if id.is_empty() {
                return Err(t.err(*line, "empty id".into()));
            }
            let parent = t.col(row, "parent_id");
            let source = t.col(row, "source");
            let country = t.col(row, "country");
            if !is_country_code(country) {
                return Err(t.err(*line, format!("country {country:?} is no ISO 3166-1 alpha-2 code")));
            }
            places.push(Place {
                id: PlaceId::new(id),
                kind,
                name_en: t.col(row, "name_en").to_string(),
                names_ar: names(t.col(row, "names_ar")),
                parent: (!parent.is_empty()).then(|| PlaceId::new(parent)),
                lat: t.col(row, "lat").parse().ok(),
                lon: t.col(row, "lon").parse().ok(),
                country: country.to_string(),
                admin1: t.col(row, "admin1").to_string(),
                admin2: t.col(row, "admin2").to_string(),
                needs_cue: names(t.col(row, "needs_cue")).iter().map(|n| norm_name(n)).collect(),
                needs_noun: names(t.col(row, "needs_noun")).iter().map(|n| norm_name(n)).collect(),
                curated: source.is_empty() || source == "eval" || source == "extra",
            });
        }
        let t = Table::parse("cues.tsv", cues_tsv)?;
        let mut cues: HashMap<String, HashSet<CueClass>> = HashMap::new();
        let mut noun_kinds: FxHashMap<String, Vec<PlaceKind>> = FxHashMap::default();
        for (line, row) in &t.rows {
            let class_s = t.col(row, "class");
            let class =
                CueClass::parse(class_s).ok_or_else(|| t.err(*line, format!("unknown cue class {class_s:?}")))?;
            let cue = norm_name(t.col(row, "cue"));
            for k in t.col(row, "kinds").split(',').map(str::trim).filter(|k| !k.is_empty()) {
                let kind = PlaceKind::parse(k).ok_or_else(|| t.err(*line, format!("unknown place kind {k:?}")))?;
                noun_kinds.entry(cue.clone()).or_default().push(kind);
            }
            cues.entry(cue).or_default().insert(class);
        }
        let t = Table::parse("generic_refs.tsv", generic_tsv)?;
        let mut generic_refs = Vec::new();
        for (line, row) in &t.rows {
            let mut actor_kinds = Vec::new();
            let mut place_kinds = Vec::new();
            for k in t.col(row, "kinds").split(',').map(str::trim).filter(|k| !k.is_empty()) {
                if let Some(a) = ActorKind::parse(k) {
                    actor_kinds.push(a);
                } else if let Some(p) = PlaceKind::parse(k) {
                    place_kinds.push(p);
                } else {
                    return Err(t.err(*line, format!("unknown kind {k:?}")));
                }
            }
            generic_refs.push(GenericRef {
                words: names(t.col(row, "words")),
                actor_kinds,
                place_kinds,
                ids: names(t.col(row, "ids")),
                fallback: Some(t.col(row, "fallback")).filter(|f| !f.is_empty()).map(ActorId::new),
                relation: t.col(row, "relation").to_string(),
                head: Some(t.col(row, "head")).filter(|h| !h.is_empty()).map(String::from),
            });
        }
        let mut actor_index = FxHashMap::default();
        for (i, a) in actors.iter().enumerate() {
            if actor_index.insert(a.id.clone(), i).is_some() {
                return Err(DataError { file: "actors.tsv".into(), line: 0, reason: format!("duplicate id {}", a.id) });
            }
        }
        for a in &actors {
            if let Some(p) = a.parent.as_ref().filter(|p| !actor_index.contains_key(*p)) {
                return Err(DataError {
                    file: "actors.tsv".into(),
                    line: 0,
                    reason: format!("{}: unknown parent {p}", a.id),
                });
            }
        }
        // An actor without a country of its own belongs to its parent body's.
        for i in 0..actors.len() {
            if actors[i].country.is_empty() {
                let mut cur = actors[i].parent.as_ref().and_then(|p| actor_index.get(p).copied());
                let mut steps = 0;
                while let Some(j) = cur.filter(|_| steps < actors.len()) {
                    if !actors[j].country.is_empty() {
                        actors[i].country = actors[j].country.clone();
                        break;
                    }
                    cur = actors[j].parent.as_ref().and_then(|p| actor_index.get(p).copied());
                    steps += 1;
                }
            }
        }
        for g in &generic_refs {
            if let Some(f) = g.fallback.as_ref().filter(|f| !actor_index.contains_key(*f)) {
                return Err(DataError {
                    file: "generic_refs.tsv".into(),
                    line: 0,
                    reason: format!("unknown fallback {f}"),
                });
            }
        }
        let mut place_index = FxHashMap::default();
        for (i, p) in places.iter().enumerate() {
            if place_index.insert(p.id.clone(), i).is_some() {
                return Err(DataError { file: "places.tsv".into(), line: 0, reason: format!("duplicate id {}", p.id) });
            }
        }
        let cue_index = CueIndex::new(&cues);
        let demonyms = parse_demonyms(DEMONYMS_TSV)?;
        let governments = governments(&actors, &places);
        Ok(Lexicon {
            actors,
            places,
            generic_refs,
            cues,
            cue_index,
            noun_kinds,
            actor_index,
            place_index,
            demonyms,
            governments,
        })
    }

    /// The country an adjective of nationality names (اليمنية → YE), for a normalized word with
    /// up to one proclitic (والسوريين; the forms with ال and لل are listed).
    pub fn demonym_country(&self, word: &str) -> Option<&str> {
        // The shortest form is four letters (روسي): eight bytes.
        if word.len() < 8 || !word.ends_with(['ي', 'ه', 'ن', 'ت']) {
            return None;
        }
        if let Some(c) = self.demonyms.get(word) {
            return Some(c);
        }
        let rest = word.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك'])?;
        self.demonyms.get(rest).map(String::as_str)
    }

    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.actor_index.get(id).map(|&i| &self.actors[i])
    }

    pub(crate) fn actor_index(&self, id: &ActorId) -> Option<usize> {
        self.actor_index.get(id).copied()
    }

    pub(crate) fn place_index(&self, id: &PlaceId) -> Option<usize> {
        self.place_index.get(id).copied()
    }

    pub fn place(&self, id: &PlaceId) -> Option<&Place> {
        self.place_index.get(id).map(|&i| &self.places[i])
    }

    /// The classes of a normalized context word.
    pub fn cue(&self, word: &str) -> Option<&HashSet<CueClass>> {
        self.cues.get(word)
    }

    /// The kinds of place a place noun names (`محافظة` → governorate).
    pub fn noun_kinds(&self, word: &str) -> &[PlaceKind] {
        self.noun_kinds.get(word).map_or(&[], Vec::as_slice)
    }

    pub fn is_cue(&self, word: &str, class: CueClass) -> bool {
        self.cue_index.classes(word, class.bit()) != 0
    }

    /// The classes of a normalized context word as a bit mask (bit `1 << class as u16`; 0 for a
    /// word that is no cue): one table load for most words.
    pub fn cue_mask(&self, word: &str) -> u16 {
        self.cue_index.classes(word, CueIndex::ALL)
    }

    /// Whether a normalized word is a context word of any class.
    pub fn is_any_cue(&self, word: &str) -> bool {
        self.cue_index.classes(word, CueIndex::ALL) != 0
    }

    /// Whether a normalized word is a title or a role (`CueClass::Title`, `CueClass::Role`), in
    /// one lookup: the person finder asks it of every word.
    pub fn title_or_role(&self, word: &str) -> (bool, bool) {
        let c = self.cue_index.classes(word, CueClass::Title.bit() | CueClass::Role.bit());
        (c & CueClass::Title.bit() != 0, c & CueClass::Role.bit() != 0)
    }

    /// The place and its ancestors, nearest first.
    pub fn place_chain(&self, id: &PlaceId) -> Vec<&Place> {
        let mut out: Vec<&Place> = Vec::new();
        let mut cur = self.place(id);
        while let Some(p) = cur {
            if out.iter().any(|q| q.id == p.id) {
                break;
            }
            out.push(p);
            cur = p.parent.as_ref().and_then(|pid| self.place(pid));
        }
        out
    }

    /// The actor and its ancestors (parent bodies), nearest first.
    pub fn actor_chain(&self, id: &ActorId) -> Vec<&Actor> {
        let mut out: Vec<&Actor> = Vec::new();
        let mut cur = self.actor(id);
        while let Some(a) = cur {
            if out.iter().any(|q| q.id == a.id) {
                break;
            }
            out.push(a);
            cur = a.parent.as_ref().and_then(|pid| self.actor(pid));
        }
        out
    }

    /// Whether `a` is `b` or one is an ancestor of the other.
    pub fn places_related(&self, a: &PlaceId, b: &PlaceId) -> bool {
        self.place_chain(a).iter().any(|p| &p.id == b) || self.place_chain(b).iter().any(|p| &p.id == a)
    }
}

/// What a name can link to, out of context (see [`Lexicon::lookup`]).
#[derive(Clone, Debug)]
pub enum Entry<'a> {
    Actor(&'a Actor),
    Place(&'a Place),
    Generic(&'a GenericRef),
}

/// One record a name links to and the variant of its names that matched.
#[derive(Clone, Debug)]
pub struct Lookup<'a> {
    pub entry: Entry<'a>,
    pub variant: String,
    /// Whether the match needs context: `needs_cue` / `needs_noun` for places, always for
    /// generic words.
    pub condition: Option<&'static str>,
}

impl Lexicon {
    /// Every record whose id is `query` or one of whose names is `query` (normalized; a leading
    /// proclitic و ف ب ل ك is tried off too), actors first, then places in gazetteer order.
    pub fn lookup(&self, query: &str) -> Vec<Lookup<'_>> {
        let q = norm_name(query.trim());
        let mut forms = vec![q.clone()];
        for p in ["و", "ف", "ب", "ل", "ك", "وب", "ول"] {
            if let Some(rest) = q.strip_prefix(p).filter(|r| r.chars().count() >= 2) {
                forms.push(rest.to_string());
                if p.ends_with('ل') {
                    forms.push(format!("ال{}", rest.strip_prefix('ل').unwrap_or(rest)));
                }
            }
        }
        let hit = |names: &[String]| names.iter().find(|n| forms.contains(&norm_name(n))).cloned();
        let mut out = Vec::new();
        for a in &self.actors {
            if a.id.as_str() == query.trim() {
                out.push(Lookup { entry: Entry::Actor(a), variant: a.id.to_string(), condition: None });
            } else if let Some(v) = hit(&a.names_ar) {
                out.push(Lookup { entry: Entry::Actor(a), variant: v, condition: None });
            }
        }
        for p in &self.places {
            if p.id.as_str() == query.trim() {
                out.push(Lookup { entry: Entry::Place(p), variant: p.id.to_string(), condition: None });
            } else if let Some(v) = hit(&p.names_ar) {
                let n = norm_name(&v);
                let condition = if p.needs_noun.contains(&n) {
                    Some("only after a place noun or direction (بلدة، قرية، شمال ...)")
                } else if p.needs_cue.contains(&n) {
                    Some("only after a place preposition or noun (في، من، مدينة ...)")
                } else {
                    None
                };
                out.push(Lookup { entry: Entry::Place(p), variant: v, condition });
            }
        }
        for g in &self.generic_refs {
            if let Some(v) = hit(&g.words) {
                out.push(Lookup {
                    entry: Entry::Generic(g),
                    variant: v,
                    condition: Some("links to the compatible entity the article named last"),
                });
            }
        }
        out
    }
}

impl Lexicon {
    /// [`Lexicon::lookup`], and when that finds nothing, the forms a person types for a name:
    /// a singular or bare form of a listed name (حوثي for الحوثي، الحوثيون، الحوثيين), or an
    /// English name (`Houthis`, `houthi`, `SDF`, `Raqqa`: the record's English name, the part
    /// before its parentheses or inside them, any letter case, a plural `s` optional).
    pub fn lookup_any(&self, query: &str) -> Vec<Lookup<'_>> {
        let found = self.lookup(query);
        if !found.is_empty() {
            return found;
        }
        let q = norm_name(query.trim());
        if !q.is_empty() && !q.is_ascii() {
            let bare = q.strip_prefix("ال").filter(|r| r.chars().count() >= 2).unwrap_or(&q);
            for form in [
                format!("ال{bare}"),
                format!("ال{bare}ون"),
                format!("ال{bare}ين"),
                format!("ال{bare}ه"),
                format!("{bare}ون"),
                format!("{bare}ين"),
            ] {
                let found = self.lookup(&form);
                if !found.is_empty() {
                    return found;
                }
            }
            return Vec::new();
        }
        self.lookup_english(query)
    }

    /// Records whose English name is `query` (see [`Lexicon::lookup_any`]).
    fn lookup_english(&self, query: &str) -> Vec<Lookup<'_>> {
        fn words(s: &str) -> String {
            let s: String = s
                .chars()
                .filter(|c| !matches!(c, '\'' | '’' | 'ʿ' | 'ʾ'))
                .map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' })
                .collect();
            let w: Vec<&str> = s.split_whitespace().collect();
            let w = match w.first() {
                Some(&("the" | "al" | "ar" | "as" | "ad" | "an" | "at" | "az" | "el")) if w.len() > 1 => &w[1..],
                _ => &w[..],
            };
            w.join(" ")
        }
        let q = words(query);
        if q.is_empty() {
            return Vec::new();
        }
        let singular = |s: &str| s.strip_suffix('s').unwrap_or(s).to_owned();
        let same = |name: &str| {
            let (head, paren) = match name.split_once('(') {
                Some((h, p)) => (h, p.trim_end_matches(')')),
                None => (name, ""),
            };
            [name, head, paren]
                .iter()
                .map(|n| words(n))
                .filter(|n| !n.is_empty())
                .any(|n| n == q || singular(&n) == singular(&q))
        };
        let mut out = Vec::new();
        for a in self.actors.iter().filter(|a| same(&a.name_en)) {
            out.push(Lookup { entry: Entry::Actor(a), variant: a.name_en.clone(), condition: None });
        }
        for p in self.places.iter().filter(|p| same(&p.name_en)) {
            out.push(Lookup { entry: Entry::Place(p), variant: p.name_en.clone(), condition: None });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singular_and_english_names_find_their_records() {
        let lex = Lexicon::embedded();
        let ids = |q: &str| -> Vec<String> {
            lex.lookup_any(q)
                .iter()
                .map(|l| match l.entry {
                    Entry::Actor(a) => a.id.to_string(),
                    Entry::Place(p) => p.id.to_string(),
                    Entry::Generic(_) => "generic".to_string(),
                })
                .collect()
        };
        assert!(lex.lookup("حوثي").is_empty());
        assert_eq!(ids("حوثي"), ["houthis"]);
        assert_eq!(ids("Houthis"), ["houthis"]);
        assert_eq!(ids("houthi"), ["houthis"]);
        assert_eq!(ids("Ansar Allah"), ["houthis"]);
        assert!(ids("Islamic State").contains(&"isis".to_string()));
        assert_eq!(ids("قسد"), ["sdf"]);
        assert_eq!(ids("SDF"), ["sdf"]);
        assert!(ids("no such name").is_empty());
        assert!(ids("كلمة لا توجد").is_empty());
    }

    const CLASSES: [CueClass; 9] = [
        CueClass::PlacePrep,
        CueClass::PlaceNoun,
        CueClass::ActorBefore,
        CueClass::Verb,
        CueClass::ActorAfter,
        CueClass::Title,
        CueClass::Role,
        CueClass::NameStop,
        CueClass::OrgNoun,
    ];

    #[test]
    fn cue_index_answers_as_the_cue_table() {
        let lex = Lexicon::embedded();
        assert!(lex.cues.len() > 100);
        for (word, classes) in &lex.cues {
            assert!(lex.is_any_cue(word), "{word}");
            for class in CLASSES {
                assert_eq!(lex.is_cue(word, class), classes.contains(&class), "{word} {class:?}");
            }
            let (title, role) = lex.title_or_role(word);
            assert_eq!((title, role), (classes.contains(&CueClass::Title), classes.contains(&CueClass::Role)));
        }
        // Words that are no cue, some sharing their first letters or their length with cues.
        for word in ["الحسكه", "مقاتلين", "فيها", "منذ", "قوات", "الصحفيه", "", "ب", "وزيرا", "hello"]
        {
            if !lex.cues.contains_key(word) {
                assert!(!lex.is_any_cue(word), "{word}");
                assert!(CLASSES.iter().all(|&c| !lex.is_cue(word, c)), "{word}");
            }
        }
        assert!(lex.is_cue("في", CueClass::PlacePrep));
    }
}
