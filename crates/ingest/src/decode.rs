//! Encoding detection and decoding: BOMs, UTF-8, and legacy Arabic encodings (Windows-1256,
//! ISO-8859-6) guessed by `chardetng`.

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
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: s.to_owned(), encoding: encoding_rs::UTF_8, lossy: false });
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
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "سجن".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&bytes).unwrap().text, "سجن");
    }
}
