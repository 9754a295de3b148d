//! Which reader a source goes to: by extension first (after `.gz`/`.xz`), else by content.

use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// One plain-text article per file.
    Text,
    /// One HTML page per file; boilerplate is removed.
    Html,
    /// One JSON object per line.
    Jsonl,
    /// An RSS or Atom feed: one document per item.
    Feed,
    /// A WARC archive: one document per HTML or text response.
    Warc,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" | "json" => Format::Jsonl,
            "rss" | "atom" | "feed" | "xml" => Format::Feed,
            "warc" => Format::Warc,
            _ => return None,
        })
    }

    /// The format a file name implies, ignoring a compression suffix.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").or_else(|| name.strip_suffix(".xz")).unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        match ext {
            "txt" | "text" => Some(Format::Text),
            "xml" => None, // a feed or something else: sniff
            other => Format::parse(other),
        }
    }

    /// Guess the format from the first bytes of (decompressed) content.
    pub fn sniff(head: &[u8]) -> Format {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
        let head = &head[start..];
        if head.starts_with(b"WARC/") {
            return Format::Warc;
        }
        if head.starts_with(b"{") {
            return Format::Jsonl;
        }
        let lower: Vec<u8> = head.iter().take(2048).map(u8::to_ascii_lowercase).collect();
        let has = |needle: &[u8]| memchr::memmem::find(&lower, needle).is_some();
        if head.starts_with(b"<") {
            if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
                return Format::Feed;
            }
            if has(b"<html") || has(b"<!doctype html") || has(b"<body") || has(b"<p") || has(b"<div") {
                return Format::Html;
            }
        }
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_then_content() {
        assert_eq!(Format::from_extension(Path::new("a/news.jsonl.xz")), Some(Format::Jsonl));
        assert_eq!(Format::from_extension(Path::new("crawl.warc.gz")), Some(Format::Warc));
        assert_eq!(Format::from_extension(Path::new("page.HTM")), Some(Format::Html));
        assert_eq!(Format::from_extension(Path::new("feed.xml")), None);
        assert_eq!(Format::from_extension(Path::new("README")), None);
        assert_eq!(Format::sniff(b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(Format::sniff(b"  {\"text\": 1}"), Format::Jsonl);
        assert_eq!(Format::sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"), Format::Feed);
        assert_eq!(Format::sniff(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff("قتل سبعة".as_bytes()), Format::Text);
    }
}
