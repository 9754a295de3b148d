//! Storage: documents and everything extracted from them, in an embedded database, behind the
//! [`Store`] trait so a server database can take its place.
//!
//! Design decisions:
//! - One document and all its extractions are written in the same transaction, and documents
//!   are written in batches of many per transaction: a crash at any point leaves whole
//!   documents or none, and re-running the same ingest completes the store.
//! - A document is identified by the SHA-256 of its text: storing the same text twice is a
//!   no-op that reports the document already stored ([`Put::Duplicate`]). Near-duplicates
//!   (retouched copies of one wire story) are stored and linked, never dropped.
//! - The expensive preparation of a document (hashing, normalizing and stemming for the search
//!   index, fingerprinting, JSON) happens in [`Item::new`], on the caller's worker threads; the
//!   single writer only runs SQL.
//! - The full [`Analysis`] is kept as JSON next to relational tables of its parts: the tables
//!   serve search filters and SQL users, the JSON gives a lossless export whatever fields the
//!   extraction types grow.
//!
//! ```
//! use marsad_core::{Analysis, DocId, Document};
//! use marsad_store::{Item, Put, Query, SqliteStore, Store};
//!
//! let mut store = SqliteStore::open_in_memory()?;
//! let doc = Document { id: DocId::new("r1"), text: "حاول مسلحون إقتحام السجن.".into(), ..Default::default() };
//! let item = Item::new(Analysis { doc, ..Default::default() }, "example")?;
//! assert!(matches!(store.put_batch(vec![item])?[0], Put::Stored { .. }));
//! let hits = store.search(&Query { text: "والاقتحام".into(), limit: 10, ..Default::default() })?;
//! assert_eq!(hits[0].snippet.marked("[", "]"), "حاول مسلحون [إقتحام] السجن");
//! # Ok::<(), marsad_store::StoreError>(())
//! ```

pub mod fts;
mod schema;
pub mod simhash;
mod sqlite;

pub use fts::Snippet;
pub use sqlite::{Presence, Probe, SqliteStore};

use chrono::NaiveDate;
use marsad_core::Analysis;
use sha2::{Digest, Sha256};
use std::fmt;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open database: {cause}")]
    Open { path: String, cause: rusqlite::Error },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored analysis is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("database schema version {found} is newer than this program's {known}")]
    NewerSchema { found: i64, known: i64 },
    #[error("bad search query: {0}")]
    Query(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// SHA-256 of a document's text: its identity for deduplication.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentHash(pub [u8; 32]);

impl ContentHash {
    pub fn of(text: &str) -> ContentHash {
        ContentHash(Sha256::digest(text.as_bytes()).into())
    }
}

impl fmt::Debug for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in &self.0[..8] {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// A document ready to be written: the analysis and everything derived from it for storage.
pub struct Item {
    pub analysis: Analysis,
    /// Where it was read from (the input path).
    pub source: String,
    pub hash: ContentHash,
    words: String,
    stems: String,
    fingerprint: Option<u64>,
    json: String,
    /// The extractor that produced the analysis (see [`Item::extractor`]).
    extractor: Option<String>,
    /// Replace the stored analysis of the same text when it came from another extractor.
    replace: bool,
}

impl Item {
    /// Prepare an analysed document for storage (the CPU-heavy part of writing it).
    pub fn new(mut analysis: Analysis, source: &str) -> Result<Item, StoreError> {
        let hash = ContentHash::of(&analysis.doc.text);
        let (words, stems, fingerprint) = fts::index_columns(&analysis.doc.text);
        // The text is stored once, in its own column; the JSON holds everything else.
        let text = std::mem::take(&mut analysis.doc.text);
        let json = serde_json::to_string(&analysis);
        analysis.doc.text = text;
        Ok(Item {
            analysis,
            source: source.to_owned(),
            hash,
            words,
            stems,
            fingerprint,
            json: json?,
            extractor: None,
            replace: false,
        })
    }

    /// Record which extractor produced the analysis (a version string that changes whenever
    /// the extraction code or its data change).
    pub fn extractor(mut self, version: &str) -> Item {
        self.extractor = Some(version.to_owned());
        self
    }

    /// When the same text is already stored from a different extractor, replace its analysis
    /// and every extraction table row with this one instead of reporting a duplicate.
    pub fn replacing(mut self) -> Item {
        self.replace = true;
        self
    }

    /// Normalized words of the text, space-separated (the search index's `words` column).
    pub fn words(&self) -> &str {
        &self.words
    }

    /// Clitic-stripped stems of the words, space-separated (the `stems` column).
    pub fn stems(&self) -> &str {
        &self.stems
    }

    /// Near-duplicate fingerprint; `None` for texts too short to compare.
    pub fn fingerprint(&self) -> Option<u64> {
        self.fingerprint
    }

    /// The analysis as JSON, without the text.
    pub fn analysis_json(&self) -> &str {
        &self.json
    }
}

/// What happened to one item of a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// Stored as a new document; linked to an earlier near-duplicate when there is one.
    Stored { doc: i64, near_duplicate_of: Option<NearDuplicate> },
    /// The same text is already stored as `of`.
    Duplicate { of: i64 },
    /// The same text was stored from another extractor; its analysis has been replaced.
    Reanalyzed { doc: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NearDuplicate {
    pub doc: i64,
    /// Hamming distance of the fingerprints (0..=3).
    pub distance: u32,
}

/// A search: text (optional when filters are given) and filters.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub actor: Option<String>,
    pub place: Option<String>,
    /// An ACLED event type, sub-event type, or marsad action label.
    pub event_type: Option<String>,
    pub limit: usize,
}

/// One search result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    pub doc: i64,
    pub id: String,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    /// The stored document this one is a near-duplicate of.
    pub near_duplicate_of: Option<i64>,
    /// BM25 score (lower is better), `None` for filter-only searches.
    pub rank: Option<f64>,
    pub snippet: Snippet,
}

/// A stored document with its analysis, as exported.
#[derive(Debug, Clone)]
pub struct Stored {
    pub doc: i64,
    pub source: String,
    pub analysis: Analysis,
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    pub documents: u64,
    pub near_duplicates: u64,
    pub sentences: u64,
    pub actors: u64,
    pub places: u64,
    pub dates: u64,
    pub claims: u64,
    pub events: u64,
}

/// A store of documents and their extractions.
pub trait Store {
    /// Write a batch in one transaction, in order; items whose text is already stored (before
    /// or earlier in the batch) are reported as duplicates and not written.
    fn put_batch(&mut self, items: Vec<Item>) -> Result<Vec<Put>, StoreError>;
    /// Full-text search with filters, best first.
    fn search(&self, query: &Query) -> Result<Vec<Hit>, StoreError>;
    /// Every stored document in storage order.
    fn for_each(&self, f: &mut dyn FnMut(Stored) -> Result<(), StoreError>) -> Result<(), StoreError>;
    fn counts(&self) -> Result<Counts, StoreError>;
    /// Stored documents whose analysis came from an extractor other than `current` (or from an
    /// unrecorded one).
    fn stale(&self, current: &str) -> Result<u64, StoreError>;
}
