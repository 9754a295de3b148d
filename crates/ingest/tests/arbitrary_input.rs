//! No reader panics or loops forever on arbitrary bytes: every input ends in documents and
//! errors naming the source.

use marsad_ingest::{open_reader, Format, Options};
use proptest::prelude::*;
use std::path::Path;

fn read_all(format: Format, bytes: Vec<u8>) -> usize {
    let opts = Options { format: Some(format), max_record: 1 << 16, ..Options::default() };
    match open_reader(Path::new("fuzz"), Box::new(std::io::Cursor::new(bytes)), None, &opts) {
        Ok(source) => source
            .take(10_000)
            .inspect(|r| {
                if let Err(e) = r {
                    assert!(e.to_string().starts_with("fuzz"), "{e}");
                }
            })
            .count(),
        Err(e) => {
            assert!(e.to_string().starts_with("fuzz"), "{e}");
            0
        }
    }
}

/// Bytes that look like the start of a format, then anything.
fn prefixed(prefixes: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    (prop::sample::select(prefixes), prop::collection::vec(any::<u8>(), 0..600)).prop_map(|(p, tail)| {
        let mut v = p.as_bytes().to_vec();
        v.extend(tail);
        v
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn warc_reader_never_panics(bytes in prefixed(&[
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n",
        "WARC/1.0\r\nContent-Length: 99999999999\r\n\r\n",
        "WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 12\r\n\r\n",
        "",
    ])) {
        read_all(Format::Warc, bytes);
    }

    #[test]
    fn html_reader_never_panics(bytes in prefixed(&["<html><body><div class=content><p>", "<meta charset=", "<script type=\"application/ld+json\">{", ""])) {
        read_all(Format::Html, bytes);
    }

    #[test]
    fn jsonl_and_feed_readers_never_panic(bytes in prefixed(&["{\"text\": \"", "<rss version=\"2.0\"><channel><item>", "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>", ""])) {
        read_all(Format::Jsonl, bytes.clone());
        read_all(Format::Feed, bytes);
    }

    #[test]
    fn chunked_http_bodies_never_panic(tail in "[0-9a-fA-F\r\n;x ]{0,80}") {
        let http = format!("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n{tail}");
        let record = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        read_all(Format::Warc, record.into_bytes());
    }
}
