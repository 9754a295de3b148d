//! Opening a source: decompression by magic bytes, format detection, and the streaming reader
//! for that format, with a byte counter on the raw input for progress reports.

use crate::{feed, html, jsonl, warc, Format, Options, Origin, ReadError};
use marsad_core::Document;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Bytes of the raw (possibly compressed) input consumed so far; shared with the reader.
#[derive(Clone, Debug, Default)]
pub struct Progress(Arc<AtomicU64>);

impl Progress {
    pub fn bytes(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

struct Counting<R> {
    inner: R,
    n: Progress,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n.0.fetch_add(k as u64, Ordering::Relaxed);
        Ok(k)
    }
}

type Docs = Box<dyn Iterator<Item = Result<Document, ReadError>> + Send>;

/// An open source: an iterator of documents (or errors, one per bad record).
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    /// Size of the raw input in bytes, when known.
    pub size: Option<u64>,
    pub progress: Progress,
    docs: Docs,
}

impl Iterator for Source {
    type Item = Result<Document, ReadError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.docs.next()
    }
}

/// Open a file.
pub fn open(path: &Path, opts: &Options) -> Result<Source, ReadError> {
    let file = File::open(path).map_err(|e| ReadError::io(Origin::file(path), e))?;
    let meta = file.metadata().map_err(|e| ReadError::io(Origin::file(path), e))?;
    if meta.is_dir() {
        return Err(ReadError::Malformed { origin: Origin::file(path), reason: "is a directory".into() });
    }
    open_reader(path, Box::new(file), Some(meta.len()), opts)
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const XZ_MAGIC: &[u8] = &[0xfd, b'7', b'z', b'X', b'Z', 0];

/// Open any byte stream (standard input, an archive member) named `path` in messages.
pub fn open_reader(
    path: &Path,
    raw: Box<dyn Read + Send>,
    size: Option<u64>,
    opts: &Options,
) -> Result<Source, ReadError> {
    let origin = Origin::file(path);
    let progress = Progress::default();
    let mut buf = BufReader::with_capacity(256 << 10, Counting { inner: raw, n: progress.clone() });
    let head = buf.fill_buf().map_err(|e| ReadError::io(origin.clone(), e))?;
    let mut reader: Box<dyn BufRead + Send> = if head.starts_with(GZIP_MAGIC) {
        Box::new(BufReader::with_capacity(256 << 10, flate2::bufread::MultiGzDecoder::new(buf)))
    } else if head.starts_with(XZ_MAGIC) {
        Box::new(BufReader::with_capacity(256 << 10, xz2::bufread::XzDecoder::new_multi_decoder(buf)))
    } else {
        Box::new(buf)
    };
    let head = reader.fill_buf().map_err(|e| ReadError::io(origin.clone(), e))?;
    if head.is_empty() {
        return Err(ReadError::Empty { origin });
    }
    let format = opts.format.or_else(|| Format::from_extension(path)).unwrap_or_else(|| Format::sniff(head));
    let limit = opts.max_record;
    let p = path.to_owned();
    let docs: Docs = match format {
        Format::Text => Box::new(std::iter::once_with(move || {
            let bytes = read_limited(&mut reader, &p, limit)?;
            crate::document_from_bytes(&p, &bytes)
        })),
        Format::Html => Box::new(std::iter::once_with(move || {
            let bytes = read_limited(&mut reader, &p, limit)?;
            html::document(&bytes, None, Origin::file(&p), &crate::file_name(&p), None)
        })),
        Format::Feed => {
            // A feed is one small XML document: parse it whole, then hand out its items.
            let mut once = Some(reader);
            let mut items: Option<std::vec::IntoIter<Result<Document, ReadError>>> = None;
            Box::new(std::iter::from_fn(move || {
                if let Some(mut r) = once.take() {
                    items = Some(match read_limited(&mut r, &p, limit) {
                        Ok(bytes) => feed::documents(&bytes, &p).into_iter(),
                        Err(e) => vec![Err(e)].into_iter(),
                    });
                }
                items.as_mut()?.next()
            }))
        }
        Format::Jsonl => Box::new(jsonl::Reader::new(reader, path, opts.fields.clone(), limit)),
        Format::Warc => Box::new(warc::Reader::new(reader, path, limit)),
    };
    Ok(Source { path: path.to_owned(), format, size, progress, docs })
}

/// Read a whole single-document source, refusing one over `limit` bytes.
fn read_limited(r: &mut dyn BufRead, path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    r.take(limit + 1).read_to_end(&mut bytes).map_err(|e| ReadError::io(Origin::file(path), e))?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { origin: Origin::file(path), size: limit + 1, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docs(name: &str, bytes: Vec<u8>) -> Vec<Result<Document, ReadError>> {
        match open_reader(Path::new(name), Box::new(std::io::Cursor::new(bytes)), None, &Options::default()) {
            Ok(s) => s.collect(),
            Err(e) => vec![Err(e)],
        }
    }

    const JSONL: &str = "{\"id\": \"a\", \"text\": \"نص أول\"}\n{\"id\": \"b\", \"text\": \"نص ثان\"}\n";

    #[test]
    fn compressed_json_lines_by_magic_bytes() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(JSONL.as_bytes()).unwrap();
        let mut xz = xz2::write::XzEncoder::new(Vec::new(), 6);
        xz.write_all(JSONL.as_bytes()).unwrap();
        for (name, bytes) in
            [("n.jsonl.gz", gz.finish().unwrap()), ("n.jsonl.xz", xz.finish().unwrap()), ("noext", JSONL.into())]
        {
            let ids: Vec<String> = docs(name, bytes).into_iter().map(|d| d.unwrap().id.to_string()).collect();
            assert_eq!(ids, ["a", "b"], "{name}");
        }
    }

    #[test]
    fn corrupt_compressed_input_is_an_error_not_a_panic() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(JSONL.repeat(200).as_bytes()).unwrap();
        let mut bytes = gz.finish().unwrap();
        let n = bytes.len();
        bytes.truncate(n / 2);
        let out = docs("cut.jsonl.gz", bytes);
        let err = out.iter().find_map(|d| d.as_ref().err()).expect("an error");
        assert!(err.to_string().starts_with("cut.jsonl.gz:"), "{err}");
    }

    #[test]
    fn empty_sources_and_formats_by_content() {
        assert_eq!(docs("e.jsonl", Vec::new())[0].as_ref().unwrap_err().to_string(), "e.jsonl: empty");
        let html = docs(
            "page",
            b"<!doctype html><html><body><p>\xd9\x86\xd8\xb5 \xd9\x82\xd8\xb5\xd9\x8a\xd8\xb1</p></body></html>"
                .to_vec(),
        );
        assert_eq!(html[0].as_ref().unwrap().text, "نص قصير");
    }
}
