//! Ingest: turn input bytes into [`Document`]s.
//!
//! Bad input is normal input for this stage: every failure is a [`ReadError`] naming the
//! source and the reason, so the caller can report it and go on with the rest of a batch.

mod decode;

pub use decode::{decode, Decoded};

use marsad_core::{DocId, Document};
use std::path::{Path, PathBuf};

/// Why a source could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: empty file")]
    Empty { path: PathBuf },
    #[error("{path}: binary data, not text ({reason})")]
    Binary { path: PathBuf, reason: String },
}

/// Read one plain-text file into a document whose id is the file's name.
pub fn read_text_file(path: &Path) -> Result<Document, ReadError> {
    let bytes = std::fs::read(path).map_err(|source| ReadError::Io { path: path.to_owned(), source })?;
    document_from_bytes(path, &bytes)
}

/// Decode bytes read from `path` into a document.
pub fn document_from_bytes(path: &Path, bytes: &[u8]) -> Result<Document, ReadError> {
    let d = decode(bytes).map_err(|reason| match reason {
        decode::DecodeError::Empty => ReadError::Empty { path: path.to_owned() },
        decode::DecodeError::Binary(r) => ReadError::Binary { path: path.to_owned(), reason: r },
    })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string());
    Ok(Document { id: DocId::new(&name), text: d.text, given: Default::default() })
}
