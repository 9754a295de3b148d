//! Encoding detection and decoding: BOMs, UTF-8, and legacy Arabic encodings (Windows-1256,
//! ISO-8859-6) guessed by `chardetng`.
//!
//! Order of evidence: a BOM, then a declared charset (HTTP header, HTML `<meta>`), then valid
//! UTF-8, then mostly-valid UTF-8, then chardetng's guess.
//!
//! Design decision: bytes that are mostly valid UTF-8 are read as UTF-8, the invalid ones
//! replaced by U+FFFD, however short the file. "Mostly" is counted in bytes: at least two
//! thirds of the non-ASCII bytes belong to valid UTF-8 sequences. Arabic in Windows-1256 or
//! ISO-8859-6 is one byte per letter, letter after letter, and almost never forms a valid
//! UTF-8 sequence (only a letter before a comma or question mark can), so the rule does not
//! take legacy text for UTF-8, while a UTF-8 report with a few corrupt bytes is no longer read
//! as Windows-1256 mojibake. Every decision beyond reading valid text is reported in
//! [`Decoded::note`] (the encoding, whether it was guessed, the bytes replaced), which the
//! readers keep in the document's metadata so the caller can say so and the store keeps it.

use encoding_rs::Encoding;
use marsad_core::Decoding;

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
    /// How many bytes were invalid and replaced (for multi-byte legacy encodings and UTF-16,
    /// how many replacement characters were written).
    pub replaced: u64,
    /// True when the encoding was neither declared (BOM, charset) nor evident (valid or mostly
    /// valid UTF-8) but guessed from the bytes.
    pub guessed: bool,
}

impl Decoded {
    fn new(text: String, encoding: &'static Encoding, lossy: bool, guessed: bool, bytes: &[u8]) -> Decoded {
        let replaced = if !lossy {
            0
        } else if encoding == encoding_rs::UTF_8 {
            bytes.utf8_chunks().map(|c| c.invalid().len() as u64).sum()
        } else {
            text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count() as u64
        };
        Decoded { text, encoding, lossy, replaced, guessed }
    }

    /// The decision to keep with the document and to tell the user about: `None` when the
    /// bytes were read as declared or as valid UTF-8 and nothing was replaced.
    pub fn note(&self) -> Option<Decoding> {
        (self.guessed || self.replaced > 0).then(|| Decoding {
            encoding: self.encoding.name().to_owned(),
            guessed: self.guessed,
            replaced: self.replaced,
        })
    }
}

/// Decode bytes to text. Empty input and binary data are errors.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        let (text, lossy) = enc.decode_without_bom_handling(rest);
        return Ok(Decoded::new(text.into_owned(), enc, lossy, false, rest));
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
        let rest = &bytes[bom_len..];
        let (text, lossy) = enc.decode_without_bom_handling(rest);
        return Ok(Decoded::new(text.into_owned(), enc, lossy, false, rest));
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
                    return Ok(Decoded::new(s.to_owned(), encoding_rs::UTF_8, false, false, bytes));
                }
            }
        }
        let (text, lossy) = enc.decode_without_bom_handling(bytes);
        return Ok(Decoded::new(text.into_owned(), enc, lossy, false, bytes));
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
        return Ok(Decoded::new(s.to_owned(), encoding_rs::UTF_8, false, false, bytes));
    }
    if mostly_utf8(bytes) {
        let (text, _) = encoding_rs::UTF_8.decode_without_bom_handling(bytes);
        return Ok(Decoded::new(text.into_owned(), encoding_rs::UTF_8, true, false, bytes));
    }
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)).count();
    if controls * 20 > head.len() {
        return Err(DecodeError::Binary(format!("{controls} control bytes in the first {} bytes", head.len())));
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    let enc = det.guess(Some(b"sy"), true);
    let (text, lossy) = enc.decode_without_bom_handling(bytes);
    Ok(Decoded::new(text.into_owned(), enc, lossy, true, bytes))
}

/// UTF-8 with some corrupt bytes: at least two thirds of the non-ASCII bytes are parts of
/// valid UTF-8 sequences (see the module documentation for why legacy Arabic never is).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().len() - chunk.valid().bytes().filter(u8::is_ascii).count();
        invalid += chunk.invalid().len();
    }
    valid > 0 && valid >= 2 * invalid
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

    /// The bug this pins: three words of UTF-8 with two corrupt bytes were read as
    /// Windows-1256 (the old rule wanted ten valid characters per invalid run), silently.
    #[test]
    fn a_short_utf8_text_with_corrupt_bytes_stays_utf8_and_says_so() {
        let bytes = ["اشتبك".as_bytes(), &[0xFF], " مسلحون".as_bytes(), &[0xC3], " مع دورية".as_bytes()].concat();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, encoding_rs::UTF_8);
        assert_eq!(d.replaced, 2);
        assert!(d.text.contains("دورية"), "{}", d.text);
        assert_eq!(d.note(), Some(Decoding { encoding: "UTF-8".into(), guessed: false, replaced: 2 }));
    }

    #[test]
    fn valid_or_declared_text_needs_no_note_and_a_guess_gets_one() {
        let valid = decode("داهمت دورية منزلا في القرية".as_bytes()).unwrap();
        assert_eq!(valid.note(), None);
        let (html, _, _) = encoding_rs::WINDOWS_1256.encode("<meta charset=\"windows-1256\"><p>داهمت دورية منزلا</p>");
        assert_eq!(decode_html(&html, None).unwrap().note(), None);
        // Legacy text whose commas and question marks after letters form valid UTF-8 pairs.
        let text = "هل انتهت الاشتباكات؟ قال مسؤول، في بيان، إن القوات داهمت القرية، واعتقلت ثلاثة مطلوبين؟";
        for enc in [encoding_rs::WINDOWS_1256, encoding_rs::ISO_8859_6] {
            let (bytes, _, _) = enc.encode(text);
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, text, "read as {}", d.encoding.name());
            let note = d.note().expect("a guessed encoding is noted");
            assert!(note.guessed && note.replaced == 0, "{note:?}");
        }
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
