//! WARC archives (plain, or gzip with one member per record — the caller's multi-member gzip
//! decoder makes both one stream), read record by record.
//!
//! `response` records carrying HTTP go through the HTTP layer (status, chunked transfer,
//! gzip/deflate content encoding, charset) and, when the payload is HTML, through the HTML
//! reader; `resource` and `conversion` records (WET text) are read as they are. Requests,
//! metadata, non-2xx responses and non-text payloads are not documents and are passed over.

use crate::{document_from_bytes, html, Origin, ReadError};
use marsad_core::{DocId, Document};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

pub struct Reader {
    r: Box<dyn BufRead + Send>,
    path: PathBuf,
    limit: u64,
    record: u64,
    done: bool,
}

/// Headers of a WARC or HTTP block, names lower-cased, first value kept.
struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn parse(lines: &str) -> Headers {
        Headers(
            lines
                .lines()
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
                .collect(),
        )
    }
}

/// A `Content-Type` value split into its media type and charset.
fn media_type(ct: &str) -> (String, Option<String>) {
    let mut parts = ct.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned());
    (mime, charset)
}

impl Reader {
    pub fn new(r: Box<dyn BufRead + Send>, path: &Path, limit: u64) -> Reader {
        Reader { r, path: path.to_owned(), limit, record: 0, done: false }
    }

    fn fail(&mut self, reason: impl Into<String>) -> ReadError {
        self.done = true;
        ReadError::Malformed { origin: Origin::record(&self.path, self.record), reason: reason.into() }
    }

    /// The header block of the next record, or `None` at the end of the archive.
    fn header_block(&mut self) -> Result<Option<String>, ReadError> {
        let mut block = String::new();
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = (&mut self.r).take(64 << 10).read_until(b'\n', &mut line).map_err(|e| {
                self.done = true;
                ReadError::io(Origin::record(&self.path, self.record + 1), e)
            })?;
            if n == 0 {
                return if block.is_empty() { Ok(None) } else { Err(self.fail("archive ends inside a record header")) };
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if block.is_empty() {
                    continue; // the blank lines that end the previous record
                }
                return Ok(Some(block));
            }
            block.push_str(text);
            block.push('\n');
        }
    }

    fn next_record(&mut self) -> Option<Result<Document, ReadError>> {
        loop {
            let block = match self.header_block() {
                Ok(Some(b)) => b,
                Ok(None) => return None,
                Err(e) => return Some(Err(e)),
            };
            self.record += 1;
            if !block.starts_with("WARC/") {
                return Some(Err(self.fail("not a WARC record (no WARC/ version line)")));
            }
            let headers = Headers::parse(&block);
            let Some(len) = headers.get("content-length").and_then(|v| v.parse::<u64>().ok()) else {
                return Some(Err(self.fail("record without a valid Content-Length")));
            };
            let origin = Origin::record(&self.path, self.record);
            if len > self.limit {
                if let Err(e) = std::io::copy(&mut (&mut self.r).take(len), &mut std::io::sink()) {
                    self.done = true;
                    return Some(Err(ReadError::io(origin, e)));
                }
                return Some(Err(ReadError::TooLarge { origin, size: len, limit: self.limit }));
            }
            let mut body = Vec::with_capacity(len as usize);
            if let Err(e) = (&mut self.r).take(len).read_to_end(&mut body) {
                self.done = true;
                return Some(Err(ReadError::io(origin, e)));
            }
            if (body.len() as u64) < len {
                return Some(Err(self.fail(format!("record truncated: {} of {len} bytes", body.len()))));
            }
            let warc_type = headers.get("warc-type").unwrap_or("").to_ascii_lowercase();
            let uri = headers.get("warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_owned());
            let id = uri.clone().or_else(|| headers.get("warc-record-id").map(str::to_owned));
            let id = id.unwrap_or_else(|| format!("{}#{}", crate::file_name(&self.path), self.record));
            let content_type = headers.get("content-type").unwrap_or("").to_owned();
            let payload = match warc_type.as_str() {
                "response" if content_type.to_ascii_lowercase().starts_with("application/http") => {
                    match http_payload(&body, self.limit) {
                        Ok(Some(p)) => p,
                        Ok(None) => continue,
                        Err(reason) => return Some(Err(ReadError::Malformed { origin, reason })),
                    }
                }
                "response" | "resource" | "conversion" => {
                    let (mime, charset) = media_type(&content_type);
                    Payload { mime, charset, bytes: body }
                }
                _ => continue,
            };
            return match payload.mime.as_str() {
                "text/html" | "application/xhtml+xml" => {
                    Some(html::document(&payload.bytes, payload.charset.as_deref(), origin, &id, uri.as_deref()))
                }
                "text/plain" => Some(document_from_bytes(&self.path, &payload.bytes).map(|mut d| {
                    d.id = DocId::new(&id);
                    d.given.url = uri;
                    d
                })),
                _ => continue,
            };
        }
    }
}

impl Iterator for Reader {
    type Item = Result<Document, ReadError>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        self.next_record()
    }
}

struct Payload {
    mime: String,
    charset: Option<String>,
    bytes: Vec<u8>,
}

/// The payload of an HTTP response: `Ok(None)` for a non-2xx status.
fn http_payload(block: &[u8], limit: u64) -> Result<Option<Payload>, String> {
    let split = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("HTTP response without the end of its headers")?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let status_line = head.lines().next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {status_line:?}"))?;
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let headers = Headers::parse(head.split_once('\n').map_or("", |(_, rest)| rest));
    let (mime, charset) = media_type(headers.get("content-type").unwrap_or("text/html"));
    let mut bytes = block[split.1..].to_vec();
    if headers.get("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        bytes = dechunk(&bytes).ok_or("bad chunked transfer encoding")?;
    }
    match headers.get("content-encoding").map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        Some("gzip") | Some("x-gzip") => bytes = inflate(flate2::read::MultiGzDecoder::new(&bytes[..]), limit)?,
        Some("deflate") => bytes = inflate(flate2::read::ZlibDecoder::new(&bytes[..]), limit)?,
        Some("identity") | None => {}
        Some(other) => return Err(format!("unsupported content encoding {other:?}")),
    }
    Ok(Some(Payload { mime, charset, bytes }))
}

fn inflate(r: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    r.take(limit + 1).read_to_end(&mut out).map_err(|e| format!("bad compressed HTTP body: {e}"))?;
    if out.len() as u64 > limit {
        return Err(format!("HTTP body over the limit of {limit} bytes once decompressed"));
    }
    Ok(out)
}

fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let eol = memchr::memmem::find(b, b"\r\n")?;
        let size_field = std::str::from_utf8(&b[..eol]).ok()?;
        let size = usize::from_str_radix(size_field.split(';').next()?.trim(), 16).ok()?;
        b = &b[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size..)?.strip_prefix(b"\r\n").unwrap_or(&b[size..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, ct: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
            uri.len(),
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn read(bytes: Vec<u8>) -> Vec<Result<Document, ReadError>> {
        Reader::new(Box::new(std::io::Cursor::new(bytes)), Path::new("c.warc"), 1 << 20).collect()
    }

    #[test]
    fn http_responses_and_chunked_bodies() {
        let page = "<html><head><title>عنوان</title></head><body><article><p>نص المقال الطويل بما يكفي، عن اشتباكات في المدينة.</p></article></body></html>";
        let mut chunked = format!("{:x}\r\n", 20).into_bytes();
        chunked.extend_from_slice(&page.as_bytes()[..20]);
        chunked.extend_from_slice(format!("\r\n{:x}\r\n", page.len() - 20).as_bytes());
        chunked.extend_from_slice(&page.as_bytes()[20..]);
        chunked.extend_from_slice(b"\r\n0\r\n\r\n");
        let mut http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        http.extend_from_slice(&chunked);
        let mut bytes = record("warcinfo", "", "application/warc-fields", b"software: x\r\n");
        bytes.extend(record(
            "request",
            "https://e.example/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        bytes.extend(record("response", "https://e.example/a", "application/http; msgtype=response", &http));
        bytes.extend(record(
            "response",
            "https://e.example/404",
            "application/http; msgtype=response",
            b"HTTP/1.1 404 Not Found\r\n\r\n",
        ));
        let docs = read(bytes);
        assert_eq!(docs.len(), 1);
        let d = docs[0].as_ref().unwrap();
        assert_eq!(d.id, "https://e.example/a");
        assert_eq!(d.text, "عنوان\n\nنص المقال الطويل بما يكفي، عن اشتباكات في المدينة.");
    }

    #[test]
    fn truncated_archive_is_an_error_naming_the_record() {
        let mut bytes = record("resource", "file:a.txt", "text/plain", "نص أول".as_bytes());
        let mut second = record("resource", "file:b.txt", "text/plain", "نص ثان طويل".as_bytes());
        second.truncate(second.len() - 10);
        bytes.extend(second);
        let docs = read(bytes);
        assert_eq!(docs[0].as_ref().unwrap().text, "نص أول");
        let err = docs[1].as_ref().unwrap_err().to_string();
        assert!(err.starts_with("c.warc record 2: record truncated"), "{err}");
        assert_eq!(docs.len(), 2);
    }
}
