//! Ingest: turn input files of any supported format into a stream of [`Document`]s.
//!
//! Design decisions:
//! - Every reader is an iterator of `Result<Document, ReadError>`: a 1 GB JSONL or WARC file is
//!   read record by record and never sits in memory, and one bad record is one error item, not
//!   the end of the file.
//! - Bad input is normal input for this stage: every failure is a [`ReadError`] naming the
//!   source (and the line or record inside it) and the reason, so the caller reports it and goes
//!   on with the rest of a batch. Nothing here panics on user input.
//! - Compression (gzip, xz) is recognised by magic bytes, the format by the file extension and,
//!   failing that, by sniffing the first decompressed bytes ([`Format::detect`]).
//! - Structured sources (HTML, JSON lines, feeds, WARC) put the headline on the first line of
//!   the text, followed by a blank line, the way a report reads; metadata they carry goes into
//!   [`Document::given`].
//!
//! ```
//! use marsad_ingest::{open_reader, Options};
//! use std::path::Path;
//!
//! let lines = "{\"id\": \"a\", \"text\": \"قصف على البلدة\"}\nnot json\n";
//! let source = open_reader(Path::new("news.jsonl"), Box::new(lines.as_bytes()), None, &Options::default())?;
//! let read: Vec<_> = source.collect();
//! assert_eq!(read[0].as_ref().unwrap().text, "قصف على البلدة");
//! assert!(read[1].as_ref().unwrap_err().to_string().starts_with("news.jsonl:2: not JSON"));
//! # Ok::<(), marsad_ingest::ReadError>(())
//! ```

mod decode;
mod feed;
mod format;
pub mod html;
mod jsonl;
mod open;
mod warc;

pub use decode::{decode, decode_html, DecodeError, Decoded};
pub use format::Format;
pub use jsonl::Fields;
pub use open::{open, open_reader, Progress, Source};

use marsad_core::{DocId, Document, Metadata};
use std::fmt;
use std::path::{Path, PathBuf};

/// Where a failure happened: a file, and the line or record inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: PathBuf,
    pub at: Option<Position>,
}

/// A place inside a multi-document source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// 1-based line of a JSON lines file.
    Line(u64),
    /// 1-based record of a WARC file or item of a feed.
    Record(u64),
}

impl Origin {
    pub fn file(path: &Path) -> Origin {
        Origin { path: path.to_owned(), at: None }
    }
    pub fn line(path: &Path, n: u64) -> Origin {
        Origin { path: path.to_owned(), at: Some(Position::Line(n)) }
    }
    pub fn record(path: &Path, n: u64) -> Origin {
        Origin { path: path.to_owned(), at: Some(Position::Record(n)) }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        match self.at {
            None => Ok(()),
            Some(Position::Line(n)) => write!(f, ":{n}"),
            Some(Position::Record(n)) => write!(f, " record {n}"),
        }
    }
}

/// Why a source, or one record of it, could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{origin}: cannot read: {source}")]
    Io { origin: Origin, source: std::io::Error },
    #[error("{origin}: empty")]
    Empty { origin: Origin },
    #[error("{origin}: binary data, not text ({reason})")]
    Binary { origin: Origin, reason: String },
    #[error("{origin}: {size} bytes or more, over the limit of {limit} bytes for one document")]
    TooLarge { origin: Origin, size: u64, limit: u64 },
    #[error("{origin}: {reason}")]
    Malformed { origin: Origin, reason: String },
    #[error("{origin}: no text field `{field}`")]
    MissingField { origin: Origin, field: String },
    #[error("{origin}: no article text found")]
    NoText { origin: Origin },
}

impl ReadError {
    pub fn origin(&self) -> &Origin {
        match self {
            ReadError::Io { origin, .. }
            | ReadError::Empty { origin }
            | ReadError::Binary { origin, .. }
            | ReadError::TooLarge { origin, .. }
            | ReadError::Malformed { origin, .. }
            | ReadError::MissingField { origin, .. }
            | ReadError::NoText { origin } => origin,
        }
    }

    /// A short label of the kind of failure, for summaries (`empty`, `binary`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            ReadError::Io { .. } => "io",
            ReadError::Empty { .. } => "empty",
            ReadError::Binary { .. } => "binary",
            ReadError::TooLarge { .. } => "too large",
            ReadError::Malformed { .. } => "malformed",
            ReadError::MissingField { .. } => "missing field",
            ReadError::NoText { .. } => "no text",
        }
    }

    pub(crate) fn io(origin: Origin, source: std::io::Error) -> ReadError {
        // Decompressors report corrupt input as I/O errors of kind InvalidData/InvalidInput.
        match source.kind() {
            std::io::ErrorKind::InvalidData | std::io::ErrorKind::InvalidInput | std::io::ErrorKind::UnexpectedEof => {
                ReadError::Malformed { origin, reason: format!("corrupt or truncated data: {source}") }
            }
            _ => ReadError::Io { origin, source },
        }
    }

    pub(crate) fn from_decode(origin: Origin, e: DecodeError) -> ReadError {
        match e {
            DecodeError::Empty => ReadError::Empty { origin },
            DecodeError::Binary(reason) => ReadError::Binary { origin, reason },
        }
    }
}

/// Reading options shared by every reader.
#[derive(Debug, Clone)]
pub struct Options {
    /// Force a format instead of detecting it.
    pub format: Option<Format>,
    /// Field names of JSON lines records.
    pub fields: Fields,
    /// Largest document (raw bytes of one file, line or record) read; larger ones are errors.
    pub max_record: u64,
}

/// 16 MiB: far above any news article, far below what would hurt memory with a few in flight.
pub const DEFAULT_MAX_RECORD: u64 = 16 << 20;

impl Default for Options {
    fn default() -> Self {
        Options { format: None, fields: Fields::default(), max_record: DEFAULT_MAX_RECORD }
    }
}

/// Read one plain-text file into a document whose id is the file's name.
pub fn read_text_file(path: &Path) -> Result<Document, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::io(Origin::file(path), source))?;
    document_from_bytes(path, &bytes)
}

/// Decode the bytes of a plain-text source into a document named after the file.
pub fn document_from_bytes(path: &Path, bytes: &[u8]) -> Result<Document, ReadError> {
    let d = decode(bytes).map_err(|e| ReadError::from_decode(Origin::file(path), e))?;
    if d.text.trim().is_empty() {
        return Err(ReadError::Empty { origin: Origin::file(path) });
    }
    let given = Metadata { decoding: d.note(), ..Metadata::default() };
    Ok(Document { id: DocId::new(&file_name(path)), text: d.text, given })
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// Put the headline on the first line of the text unless the body already starts with it.
pub(crate) fn with_headline(title: Option<&str>, body: &str) -> String {
    match title.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) if body.lines().map(str::trim).find(|l| !l.is_empty()) != Some(t) => {
            let mut s = String::with_capacity(t.len() + 2 + body.len());
            s.push_str(t);
            s.push_str("\n\n");
            s.push_str(body);
            s
        }
        _ => body.to_owned(),
    }
}

/// Parse a publication date: `YYYY-MM-DD` optionally followed by a time (ISO 8601, RFC 3339),
/// or an RFC 2822 date (`Tue, 20 Feb 2018 10:00:00 GMT`).
pub fn parse_date(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        if let Ok(d) = chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d") {
            return Some(d);
        }
        if let Ok(d) = chrono::NaiveDate::parse_from_str(head, "%Y/%m/%d") {
            return Some(d);
        }
    }
    chrono::DateTime::parse_from_rfc2822(s).ok().map(|d| d.date_naive())
}

/// The host of a URL without a leading `www.`: the outlet when nothing better names it.
pub fn url_host(u: &str) -> Option<String> {
    let parsed = url::Url::parse(u.trim()).ok()?;
    let host = parsed.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_owned())
}

/// A document from extracted text and metadata; an empty body is an error.
pub(crate) fn build(
    origin: Origin,
    id: String,
    title: Option<String>,
    body: &str,
    given: Metadata,
) -> Result<Document, ReadError> {
    if body.trim().is_empty() {
        return Err(ReadError::NoText { origin });
    }
    let text = with_headline(title.as_deref(), body);
    Ok(Document { id: DocId::new(&id), text, given: Metadata { title, ..given } })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_forms() {
        let d = chrono::NaiveDate::from_ymd_opt(2022, 1, 25);
        assert_eq!(parse_date("2022-01-25"), d);
        assert_eq!(parse_date("2022-01-25T12:32:00+03:00"), d);
        assert_eq!(parse_date("Tue, 25 Jan 2022 12:32:00 GMT"), d);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn headline_is_not_repeated() {
        assert_eq!(with_headline(Some("عنوان"), "نص"), "عنوان\n\nنص");
        assert_eq!(with_headline(Some("عنوان"), "عنوان\nنص"), "عنوان\nنص");
        assert_eq!(with_headline(Some("عنوان"), "عنوان آخر"), "عنوان\n\nعنوان آخر");
        assert_eq!(with_headline(None, "نص"), "نص");
    }

    #[test]
    fn origins_name_the_line_or_record() {
        assert_eq!(Origin::line(Path::new("a.jsonl"), 3).to_string(), "a.jsonl:3");
        assert_eq!(Origin::record(Path::new("a.warc"), 2).to_string(), "a.warc record 2");
    }

    #[test]
    fn host_without_www() {
        assert_eq!(url_host("https://www.example.com/a/b").as_deref(), Some("example.com"));
        assert_eq!(url_host("not a url"), None);
    }
}
