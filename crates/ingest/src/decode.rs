//! Encoding detection and decoding: BOMs, UTF-8, and legacy Arabic encodings (Windows-1256,
//! ISO-8859-6) guessed by `chardetng`.
//!
//! Order of evidence: a BOM, then a declared charset (HTTP header, HTML `<meta>`), then valid
//! UTF-8, then mostly-valid UTF-8 (a few corrupt bytes in a UTF-8 file are replaced rather than
//! the whole file being misread as a legacy code page), then chardetng's guess.

use encoding_rs::Encoding;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary(String),
}

/// Decoded text and the encoding it was read as.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
    /// True when some bytes were invalid in that encoding and replaced by U+FFFD.
    pub lossy: bool,
}

/// Decode bytes to text. Empty input and binary data are errors.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, lossy) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded { text: text.into_owned(), encoding: enc, lossy });
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul > 0 {
        return Err(DecodeError::Binary(format!("{nul} NUL bytes in the first {} bytes", head.len())));
    }
    decode_undeclared(bytes, head)
}

/// Decode an HTML page: BOM, then the charset of the HTTP header, then `<meta charset>` in the
/// first 1024 bytes, then the same guesses as [`decode`].
pub fn decode_html(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, lossy) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(Decoded { text: text.into_owned(), encoding: enc, lossy });
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.iter().filter(|&&b| b == 0).count() > 0 {
        return Err(DecodeError::Binary("NUL bytes in an HTML page".into()));
    }
    let declared = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())).or_else(|| meta_charset(bytes));
    if let Some(enc) = declared {
        // A page declaring a legacy charset is sometimes UTF-8 all the same; valid UTF-8 wins.
        if enc != encoding_rs::UTF_8 {
            if let Ok(s) = std::str::from_utf8(bytes) {
                if !s.is_ascii() {
                    return Ok(Decoded { text: s.to_owned(), encoding: encoding_rs::UTF_8, lossy: false });
                }
            }
        }
        let (text, lossy) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded { text: text.into_owned(), encoding: enc, lossy });
    }
    decode_undeclared(bytes, head)
}

/// The charset an HTML page declares in its first 1024 bytes (`<meta charset="...">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=...">`).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut j = from + i + "charset".len();
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |k| j + k);
        if let Some(enc) = Encoding::for_label(&lower[j..end]) {
            // An ASCII-compatible page cannot truly be UTF-16 (the HTML standard's rule).
            return Some(if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                encoding_rs::UTF_8
            } else {
                enc
            });
        }
        from = from + i + 1;
    }
    None
}

fn decode_undeclared(bytes: &[u8], head: &[u8]) -> Result<Decoded, DecodeError> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: s.to_owned(), encoding: encoding_rs::UTF_8, lossy: false });
    }
    if mostly_utf8(bytes) {
        let (text, _, _) = encoding_rs::UTF_8.decode(bytes);
        return Ok(Decoded { text: text.into_owned(), encoding: encoding_rs::UTF_8, lossy: true });
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    if controls * 20 > head.len() {
        return Err(DecodeError::Binary(format!("{controls} control bytes in the first {} bytes", head.len())));
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(Some(b"sy"), true);
    let (text, _, lossy) = enc.decode(bytes);
    Ok(Decoded { text: text.into_owned(), encoding: enc, lossy })
}

/// UTF-8 with a few corrupt bytes: far more valid multi-byte characters than invalid runs.
/// Legacy Arabic code pages almost never form valid multi-byte UTF-8 sequences.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    multibyte >= 10 * invalid.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1256_arabic_is_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("قتل سبعة عناصر في هجوم على سجن الحسكة");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "قتل سبعة عناصر في هجوم على سجن الحسكة");
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1256);
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(decode(b"").unwrap_err(), DecodeError::Empty);
        assert_eq!(decode(b" \n\t").unwrap_err(), DecodeError::Empty);
        assert!(matches!(decode(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13]).unwrap_err(), DecodeError::Binary(_)));
    }

    #[test]
    fn a_few_corrupt_bytes_keep_utf8() {
        let mut bytes = "هجوم على سجن الحسكة وقتل سبعة عناصر من القوات في اشتباكات استمرت أياما".as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        assert!(d.lossy);
        assert!(d.text.contains("سجن الحسكة"));
    }

    #[test]
    fn html_meta_charset_is_honoured() {
        let body = "<html><head><meta charset=\"windows-1256\"></head><body><p>سجن الحسكة</p></body></html>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(body);
        let d = decode_html(&bytes, None).unwrap();
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1256);
        assert!(d.text.contains("سجن الحسكة"));
        let (iso, _, _) = encoding_rs::ISO_8859_6
            .encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-6\"><p>سجن</p>");
        assert!(decode_html(&iso, None).unwrap().text.contains("سجن"));
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "سجن".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "سجن");
    }

    #[test]
    fn iso_8859_6_arabic_is_decoded() {
        let text = "قتل سبعة عناصر في هجوم على سجن الحسكة، وأصيب آخرون بجروح في الاشتباكات التي استمرت حتى المساء.";
        let (bytes, _, _) = encoding_rs::ISO_8859_6.encode(text);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text, "read as {}", d.encoding.name());
    }
}
