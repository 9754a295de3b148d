//! Offset-keeping normalization of Arabic text.
//!
//! Design decisions:
//! - Every stage maps one character to at most one character (or removes it), and never to a
//!   longer UTF-8 encoding. That is what makes exact byte alignment cheap: the normalized text
//!   is a subsequence of edited characters of the original, in order.
//! - The enabled stages are composed once, when the [`Normalizer`] is built, into a 256-entry
//!   table for the U+0600–U+06FF block (reached directly from the two-byte UTF-8 lead bytes
//!   D8–DB) and a short check for the few characters outside it. Normalizing is one pass that
//!   copies unchanged runs (ASCII and untouched Arabic) in bulk.
//! - The alignment is stored only where it changes: a sorted list of anchors
//!   `(normalized offset, original offset)`, each starting a run in which both texts advance
//!   byte for byte. Undiacritized news text has a few anchors per line (digits and Arabic
//!   punctuation shrink from two bytes to one), instead of one integer per byte. Lookups are a
//!   binary search ([`Normalized::original_offset`]), or amortized O(1) for increasing offsets
//!   ([`Aligner`]).

use crate::block::ArabicSet;
use marsad_core::Span;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One normalization stage. Each maps or removes single characters, which is what lets the
/// pipeline keep a byte alignment to the original text. Serialized in `snake_case`
/// (`"alef"`, `"ya_maqsura"`, ...), so a pipeline can be configured from TOML or JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// أ إ آ ٱ (and the rarer wavy-hamza forms ٲ ٳ) → ا
    Alef,
    /// ى → ي
    YaMaqsura,
    /// ة → ه
    TaMarbuta,
    /// ؤ → و، ئ → ي
    Hamza,
    /// Remove tatweel ـ
    Tatweel,
    /// Remove harakat, tanwin, shadda, sukun, dagger alef and Quranic marks.
    Diacritics,
    /// Remove zero-width and bidirectional control characters (ZWSP, ZWNJ, ZWJ, LRM, RLM,
    /// ALM, embeddings, isolates, BOM, soft hyphen).
    Invisible,
    /// Arabic-Indic ٠–٩ and Eastern ۰–۹ digits → ASCII.
    Digits,
    /// ، ؛ ؟ ٪ ٫ ٬ ۔ « » “ ” „ ″ → their ASCII counterparts (٫ is the decimal point, ٬ the
    /// thousands separator).
    Punctuation,
    /// ASCII letters to lower case.
    LatinLowercase,
}

impl Stage {
    pub const ALL: &'static [Stage] = &[
        Stage::Alef,
        Stage::YaMaqsura,
        Stage::TaMarbuta,
        Stage::Hamza,
        Stage::Tatweel,
        Stage::Diacritics,
        Stage::Invisible,
        Stage::Digits,
        Stage::Punctuation,
        Stage::LatinLowercase,
    ];

    /// What this stage does to `c`: `None` if it does not touch it, `Some(None)` to remove
    /// it, `Some(Some(x))` to replace it with `x`.
    pub fn apply(self, c: char) -> Option<Option<char>> {
        match self {
            Stage::Alef => matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}').then_some(Some('ا')),
            Stage::YaMaqsura => (c == 'ى').then_some(Some('ي')),
            Stage::TaMarbuta => (c == 'ة').then_some(Some('ه')),
            Stage::Hamza => match c {
                'ؤ' => Some(Some('و')),
                'ئ' => Some(Some('ي')),
                _ => None,
            },
            Stage::Tatweel => (c == 'ـ').then_some(None),
            Stage::Diacritics => is_diacritic(c).then_some(None),
            Stage::Invisible => is_invisible(c).then_some(None),
            Stage::Digits => match c {
                '\u{0660}'..='\u{0669}' => Some(char::from_u32(c as u32 - 0x0660 + '0' as u32)),
                '\u{06F0}'..='\u{06F9}' => Some(char::from_u32(c as u32 - 0x06F0 + '0' as u32)),
                _ => None,
            },
            Stage::Punctuation => match c {
                '،' | '٬' => Some(Some(',')),
                '؛' => Some(Some(';')),
                '؟' => Some(Some('?')),
                '٪' => Some(Some('%')),
                '٫' | '۔' => Some(Some('.')),
                '«' | '»' | '“' | '”' | '„' | '″' => Some(Some('"')),
                _ => None,
            },
            Stage::LatinLowercase => c.is_ascii_uppercase().then_some(Some(c.to_ascii_lowercase())),
        }
    }
}

/// Arabic combining marks: harakat, tanwin, shadda, sukun, dagger alef, Quranic annotation
/// signs and the extended-Arabic marks block.
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}' | '\u{06EA}'..='\u{06ED}' | '\u{08D3}'..='\u{08E1}'
        | '\u{08E3}'..='\u{08FF}')
}

/// Zero-width and bidirectional control characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        | '\u{061C}' | '\u{00AD}')
}

/// Output of the composed stages for one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Out {
    Keep,
    Drop,
    /// Replace with these UTF-8 bytes (`len` of them, never more than the input's).
    Map {
        len: u8,
        bytes: [u8; 4],
    },
}

impl Out {
    fn map(c: char) -> Out {
        let mut bytes = [0u8; 4];
        let len = c.encode_utf8(&mut bytes).len() as u8;
        Out::Map { len, bytes }
    }
}

/// A pipeline configuration, as written in TOML or JSON: `stages = ["alef", "digits"]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NormalizerConfig {
    pub stages: Vec<Stage>,
}

/// A composition of stages, applied in one pass. Serializes as its [`NormalizerConfig`].
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(from = "NormalizerConfig", into = "NormalizerConfig")]
pub struct Normalizer {
    stages: Vec<Stage>,
    /// ASCII bytes to their output (identity unless `LatinLowercase`).
    ascii: [u8; 128],
    /// Whether the ASCII bytes that change are exactly the upper-case letters.
    lowercase_only: bool,
    /// Whether ASCII runs can be processed eight bytes at a time (nothing or only case changes).
    ascii_bulk: bool,
    /// Output of every U+0600..=U+06FF character: its length (0 to 2) in the low byte, then
    /// its bytes.
    arabic_out: [u32; 256],
    /// Whether any stage touches characters outside ASCII and the Arabic block.
    touches_other: bool,
    /// The characters of U+0600..=U+06FF no stage changes.
    keep: ArabicSet,
    /// The characters of U+0600..=U+06FF whose output has two bytes (kept or replaced).
    two_bytes: ArabicSet,
}

impl From<NormalizerConfig> for Normalizer {
    fn from(c: NormalizerConfig) -> Self {
        Normalizer::new(&c.stages)
    }
}

impl From<Normalizer> for NormalizerConfig {
    fn from(n: Normalizer) -> Self {
        NormalizerConfig { stages: n.stages }
    }
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(Stage::ALL)
    }
}

impl Normalizer {
    /// Compose `stages`, applied in the order given (a later stage sees what an earlier one
    /// produced).
    pub fn new(stages: &[Stage]) -> Normalizer {
        let mut arabic = Box::new([Out::Keep; 256]);
        for (i, slot) in arabic.iter_mut().enumerate() {
            let c = char::from_u32(0x0600 + i as u32).expect("Arabic block is valid");
            *slot = Self::decide(stages, c);
        }
        let mut ascii = [0u8; 128];
        for (i, slot) in ascii.iter_mut().enumerate() {
            *slot = match Self::decide(stages, i as u8 as char) {
                Out::Map { bytes, .. } => bytes[0],
                // No stage removes ASCII; keep it if one ever did not map it.
                _ => i as u8,
            };
        }
        let ascii_changes = ascii.iter().enumerate().any(|(i, &b)| b != i as u8);
        let lowercase_only = ascii.iter().enumerate().all(|(i, &b)| (b != i as u8) == (i as u8).is_ascii_uppercase());
        let mut arabic_out = [0u32; 256];
        for (i, (o, slot)) in arabic.iter().zip(arabic_out.iter_mut()).enumerate() {
            let c = char::from_u32(0x0600 + i as u32).expect("Arabic block is valid");
            let mut own = [0u8; 4];
            c.encode_utf8(&mut own);
            let [len, b0, b1] = match *o {
                Out::Keep => [2, own[0], own[1]],
                Out::Drop => [0, 0, 0],
                Out::Map { len, bytes } => [len, bytes[0], bytes[1]],
            };
            *slot = u32::from_le_bytes([len, b0, b1, 0]);
        }
        let touches_other =
            stages.iter().any(|s| matches!(s, Stage::Invisible | Stage::Punctuation | Stage::Diacritics));
        let ascii_bulk = !ascii_changes || lowercase_only;
        let keep =
            arabic.iter().enumerate().filter(|(_, o)| **o == Out::Keep).fold(ArabicSet::new(), |s, (i, _)| s.insert(i));
        let two_bytes = (0..256).filter(|&i| arabic_out[i] & 0xFF == 2).fold(ArabicSet::new(), |s, i| s.insert(i));
        Normalizer {
            stages: stages.to_vec(),
            ascii,
            lowercase_only,
            ascii_bulk,
            arabic_out,
            touches_other,
            keep,
            two_bytes,
        }
    }

    fn decide(stages: &[Stage], c: char) -> Out {
        let mut cur = c;
        for s in stages {
            match s.apply(cur) {
                None => {}
                Some(None) => return Out::Drop,
                Some(Some(x)) => cur = x,
            }
        }
        if cur == c {
            Out::Keep
        } else {
            debug_assert!(cur.len_utf8() <= c.len_utf8(), "stages never lengthen a character");
            Out::map(cur)
        }
    }

    /// Every stage on: the form used for matching lexicons.
    pub fn matching() -> &'static Normalizer {
        static N: OnceLock<Normalizer> = OnceLock::new();
        N.get_or_init(Normalizer::default)
    }

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    /// Decision for a character outside ASCII and U+0600..=U+06FF.
    fn other(&self, c: char) -> Out {
        if !self.touches_other {
            return Out::Keep;
        }
        let out = Self::decide(&self.stages, c);
        // A stage that would lengthen a character is not applied (alignment needs it).
        match out {
            Out::Map { len, .. } if len as usize > c.len_utf8() => Out::Keep,
            o => o,
        }
    }

    /// Normalize `text`, keeping the alignment of every output byte to the original.
    ///
    /// The output is written in place into a buffer as long as the input (no stage lengthens a
    /// character). Where the CPU allows it, sixteen bytes are copied at a time, as far as the
    /// first character that changes length (letters replaced by one of the same length are
    /// written over the copy); the rest goes one character at a time: ASCII eight bytes at a
    /// time, Arabic-block characters through a table of their output bytes, with no branch on
    /// whether a character changes. Only a change of length (a removed mark, a digit or comma
    /// that shrinks to ASCII) records an alignment anchor.
    pub fn normalize(&self, text: &str) -> Normalized {
        #[cfg(target_arch = "x86_64")]
        if self.ascii_bulk && crate::block::available() {
            // SAFETY: SSSE3 is available (checked just above).
            return unsafe { self.normalize_ssse3(text) };
        }
        self.normalize_with::<false>(text)
    }

    /// [`Normalizer::normalize`] without the sixteen-byte runs: the reference the fast path is
    /// tested against.
    #[cfg(test)]
    fn normalize_scalar(&self, text: &str) -> Normalized {
        self.normalize_with::<false>(text)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "ssse3")]
    fn normalize_ssse3(&self, text: &str) -> Normalized {
        self.normalize_with::<true>(text)
    }

    #[inline(always)]
    fn normalize_with<const BLOCKS: bool>(&self, text: &str) -> Normalized {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let mut out = vec![0u8; n];
        let mut align = AnchorWriter::with_capacity(n / 128 + 2);
        let (mut i, mut j) = (0usize, 0usize);
        let table: &[u32; 256] = &self.arabic_out;
        // Invariant: j <= i, so any write of the bytes of one input character fits.
        while i < n {
            #[cfg(target_arch = "x86_64")]
            if BLOCKS && i + 17 <= n {
                // Sixteen bytes copied whole (upper-case ASCII lowered on the way); then `i`
                // and `j` move past the leading bytes that are kept as they are, which keeps
                // `j <= i` and the alignment delta unchanged. `j + 16 <= i + 16 < n`: the
                // store fits.
                // SAFETY: the caller checked SSSE3; 17 bytes are readable at `i`.
                let (stop, mut mapped) = unsafe { self.copy_block(bytes, i, &mut out[j..j + 16]) };
                let k = if stop == 0 { crate::block::whole_chars(&bytes[i..]) } else { stop.trailing_zeros() as usize };
                // Arabic letters replaced by one of the same length (ة ى أ ...) before the stop:
                // their table entry over the copy. Lengths are unchanged up to `k`, so output
                // position `j + p` still matches input position `i + p`.
                mapped &= (1u32 << k) - 1;
                while mapped != 0 {
                    let p = mapped.trailing_zeros() as usize;
                    let idx = (((bytes[i + p] - 0xD8) as usize) << 6) | (bytes[i + p + 1] & 0x3F) as usize;
                    out[j + p..j + p + 2].copy_from_slice(&((table[idx] >> 8) as u16).to_le_bytes());
                    mapped &= mapped - 1;
                }
                i += k;
                j += k;
                if stop == 0 {
                    continue;
                }
            }
            let b = bytes[i];
            if b < 0x80 {
                if self.ascii_bulk && i + 8 <= n {
                    let w = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
                    if w & HIGH == 0 {
                        // Upper-case bytes get 0x20 added (their high-bit marker shifted down).
                        let w = if self.lowercase_only { w | (upper_mask(w) >> 2) } else { w };
                        out[j..j + 8].copy_from_slice(&w.to_le_bytes());
                        i += 8;
                        j += 8;
                        continue;
                    }
                }
                out[j] = self.ascii[b as usize];
                i += 1;
                j += 1;
                continue;
            }
            if (0xD8..=0xDB).contains(&b) {
                // U+0600..=U+06FF: lead byte D8..DB, one continuation byte.
                let idx = (((b - 0xD8) as usize) << 6) | (bytes[i + 1] & 0x3F) as usize;
                let e = table[idx];
                let len = (e & 0xFF) as usize;
                out[j..j + 2].copy_from_slice(&((e >> 8) as u16).to_le_bytes());
                i += 2;
                j += len;
                if len != 2 {
                    align.at(j, i);
                }
                continue;
            }
            let c = text[i..].chars().next().expect("on a char boundary");
            let w = c.len_utf8();
            let decision = if self.touches_other { self.other(c) } else { Out::Keep };
            match decision {
                Out::Keep => {
                    out[j..j + w].copy_from_slice(&bytes[i..i + w]);
                    j += w;
                }
                Out::Drop => {}
                Out::Map { len, bytes: mb } => {
                    out[j..j + len as usize].copy_from_slice(&mb[..len as usize]);
                    j += len as usize;
                }
            }
            i += w;
            align.at(j, i);
        }
        out.truncate(j);
        debug_assert!(std::str::from_utf8(&out).is_ok());
        // SAFETY: `out[..j]` is a concatenation of whole UTF-8 characters: each input character
        // is copied whole, replaced by a table entry holding one encoded character, or dropped.
        let text_out = unsafe { String::from_utf8_unchecked(out) };
        Normalized { text: text_out, anchors: align.anchors, original_len: n }
    }

    /// Copy the sixteen bytes at `bytes[i..]` to `out`, upper-case ASCII lowered if the
    /// stages say so. Returns the positions a character-by-character step must handle (as in
    /// [`crate::block::stops`]: not ASCII, not a continuation byte, not the lead of an Arabic
    /// character whose output has two bytes), and the positions of the leads of Arabic
    /// characters replaced by another of two bytes, whose output the copy does not hold yet.
    ///
    /// # Safety
    /// SSSE3 must be available, `i + 17 <= bytes.len()` and `out.len() == 16`.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "ssse3")]
    #[inline]
    unsafe fn copy_block(&self, bytes: &[u8], i: usize, out: &mut [u8]) -> (u32, u32) {
        use crate::block::{continuations, members};
        use std::arch::x86_64::*;
        debug_assert!(i + 17 <= bytes.len() && out.len() == 16);
        // SAFETY: 17 bytes are readable at `i` and 16 writable at `out` (caller's contract).
        unsafe {
            let p = bytes.as_ptr().add(i);
            let v = _mm_loadu_si128(p.cast());
            let next = _mm_loadu_si128(p.add(1).cast());
            let two = members(v, next, &self.two_bytes);
            let kept = members(v, next, &self.keep);
            let ascii = _mm_cmpgt_epi8(v, _mm_set1_epi8(-1));
            let pass = _mm_or_si128(_mm_or_si128(continuations(v), ascii), two);
            let lowered = if self.lowercase_only {
                // Signed compares: bytes from 0x80 up are negative and never upper case.
                let upper = _mm_and_si128(
                    _mm_cmpgt_epi8(v, _mm_set1_epi8(b'A' as i8 - 1)),
                    _mm_cmplt_epi8(v, _mm_set1_epi8(b'Z' as i8 + 1)),
                );
                _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)))
            } else {
                v
            };
            _mm_storeu_si128(out.as_mut_ptr().cast(), lowered);
            let stop = !(_mm_movemask_epi8(pass) as u32) & 0xFFFF;
            let mapped = _mm_movemask_epi8(_mm_andnot_si128(kept, two)) as u32;
            (stop, mapped)
        }
    }
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// In a word of eight ASCII bytes, 0x80 in each byte that is an upper-case letter.
#[inline]
fn upper_mask(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let ge_a = w.wrapping_add(ONES * (0x80 - b'A' as u64));
    let gt_z = w.wrapping_add(ONES * (0x80 - b'Z' as u64 - 1));
    ge_a & !gt_z & HIGH
}

/// Builds the anchor list while output is written.
struct AnchorWriter {
    anchors: Vec<(usize, usize)>,
    /// `original - normalized` offset of the current run.
    delta: usize,
}

impl AnchorWriter {
    fn with_capacity(n: usize) -> Self {
        let mut anchors = Vec::with_capacity(n);
        anchors.push((0, 0));
        AnchorWriter { anchors, delta: 0 }
    }

    /// The next output byte, at normalized offset `norm`, comes from original offset `orig`.
    #[inline]
    fn at(&mut self, norm: usize, orig: usize) {
        let delta = orig - norm;
        if delta != self.delta {
            self.delta = delta;
            match self.anchors.last_mut() {
                Some(last) if last.0 == norm => *last = (norm, orig),
                _ => self.anchors.push((norm, orig)),
            }
        }
    }
}

/// Normalized text with its byte alignment to the original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// Sorted by normalized offset, first `(0, _)`: from `anchors[k].0` up to the next anchor,
    /// normalized byte `i` comes from original byte `anchors[k].1 + (i - anchors[k].0)`.
    anchors: Vec<(usize, usize)>,
    original_len: usize,
}

impl Normalized {
    /// Original byte offset of normalized byte offset `i`, always on a char boundary of the
    /// original. An offset past the end maps to the original's end; an offset inside a
    /// character maps to the start of the original character that produced it. Characters
    /// removed by normalization just before normalized offset `i` lie before the result.
    /// O(log anchors); use an [`Aligner`] for many increasing offsets.
    pub fn original_offset(&self, i: usize) -> usize {
        let i = self.floor_boundary(i);
        if i >= self.text.len() {
            return self.original_len;
        }
        let k = self.anchors.partition_point(|a| a.0 <= i) - 1;
        let (n, o) = self.anchors[k];
        o + (i - n)
    }

    /// Normalized byte offset of original byte offset `o` (a char boundary of the original):
    /// where the output of the characters before `o` ends. Each character is normalized on
    /// its own, so for char boundaries `a <= b` of the original, `text[n(a)..n(b)]` is the
    /// normalization of `original[a..b]` (a test checks it). O(log anchors).
    pub fn normalized_offset(&self, o: usize) -> usize {
        if o >= self.original_len {
            return self.text.len();
        }
        // Both coordinates of the anchors increase. Within the run of the last anchor at or
        // before `o`, offsets shift by a constant; characters dropped after the run end before
        // the next anchor's normalized offset, which bounds the result.
        let k = self.anchors.partition_point(|a| a.1 <= o);
        let Some(&(n, start)) = k.checked_sub(1).map(|k| &self.anchors[k]) else {
            // Everything before the first anchor was dropped.
            return 0;
        };
        let next = self.anchors.get(k).map_or(self.text.len(), |a| a.0);
        (n + (o - start)).min(next)
    }

    /// Map a span of the normalized text to the span of the original it came from. Characters
    /// removed by normalization right after the span (diacritics of its last letter) are
    /// included.
    pub fn to_original(&self, span: Span) -> Span {
        let start = self.original_offset(span.start);
        Span::new(start, self.original_offset(span.end).max(start))
    }

    /// A cursor for mapping many offsets in increasing order in amortized O(1) each.
    pub fn aligner(&self) -> Aligner<'_> {
        Aligner { norm: self, k: 0, at: self.anchors[0], next: self.anchors.get(1).map_or(usize::MAX, |x| x.0) }
    }

    pub fn original_len(&self) -> usize {
        self.original_len
    }

    /// Number of alignment anchors (a measure of how much normalization changed lengths).
    pub fn anchor_count(&self) -> usize {
        self.anchors.len()
    }

    fn floor_boundary(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.text.len();
        }
        let mut i = i;
        while !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

/// Maps normalized offsets to original ones, walking the anchors forward. Offsets given out of
/// order are still mapped correctly (by a binary search).
#[derive(Clone, Debug)]
pub struct Aligner<'a> {
    norm: &'a Normalized,
    /// Index of the current anchor.
    k: usize,
    /// The current anchor and where the next one starts (`usize::MAX` if none).
    at: (usize, usize),
    next: usize,
}

impl Aligner<'_> {
    #[inline]
    pub fn original_offset(&mut self, i: usize) -> usize {
        let n = self.norm;
        if i >= n.text.len() {
            return n.original_len;
        }
        let i = if n.text.is_char_boundary(i) { i } else { n.floor_boundary(i) };
        self.at_boundary(i)
    }

    /// [`Aligner::original_offset`] of an offset known to be a char boundary below the
    /// normalized length.
    #[inline]
    fn at_boundary(&mut self, i: usize) -> usize {
        if i >= self.next || i < self.at.0 {
            self.seek(i);
        }
        self.at.1 + (i - self.at.0)
    }

    /// Original span of a token: `span` lies on char boundaries of the normalized text.
    #[inline]
    pub(crate) fn token_span(&mut self, span: Span) -> Span {
        let start = self.at_boundary(span.start);
        let end = if span.end >= self.norm.text.len() { self.norm.original_len } else { self.at_boundary(span.end) };
        Span::new(start, end)
    }

    #[cold]
    fn seek(&mut self, i: usize) {
        let a = &self.norm.anchors;
        if i < self.at.0 {
            self.k = a.partition_point(|x| x.0 <= i) - 1;
        } else {
            while self.k + 1 < a.len() && a[self.k + 1].0 <= i {
                self.k += 1;
            }
        }
        self.at = a[self.k];
        self.next = a.get(self.k + 1).map_or(usize::MAX, |x| x.0);
    }

    #[inline]
    pub fn to_original(&mut self, span: Span) -> Span {
        let start = self.original_offset(span.start);
        Span::new(start, self.original_offset(span.end).max(start))
    }
}

/// Normalize a string for matching (every stage on) and return only the text.
pub fn normalize_str(s: &str) -> String {
    Normalizer::matching().normalize(s).text
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Reference alignment: one offset per normalized byte, built char by char.
    fn naive(n: &Normalizer, text: &str) -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut offs = Vec::new();
        for (i, c) in text.char_indices() {
            match Normalizer::decide(&n.stages, c) {
                Out::Drop => {}
                Out::Keep => {
                    for k in 0..c.len_utf8() {
                        offs.push(i + k);
                    }
                    out.push(c);
                }
                Out::Map { len, bytes } => {
                    let s = std::str::from_utf8(&bytes[..len as usize]).unwrap();
                    for k in 0..s.len() {
                        offs.push(i + k);
                    }
                    out.push_str(s);
                }
            }
        }
        offs.push(text.len());
        (out, offs)
    }

    #[test]
    fn variants_of_one_word_normalize_alike() {
        assert_eq!(normalize_str("إقتحام"), normalize_str("اقتحام"));
        assert_eq!(normalize_str("مُسْتَشْفَى"), "مستشفي");
        assert_eq!(normalize_str("الحسكـــة"), "الحسكه");
        assert_eq!(normalize_str("٢٨ ۲۰۲۲"), "28 2022");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let text = "قُتِلَ ٢٧ من «قسد»";
        let n = Normalizer::matching().normalize(text);
        let at = n.text.find("27").unwrap();
        let orig = n.to_original(Span::new(at, at + 2));
        assert_eq!(&text[orig.range()], "٢٧");
        let at = n.text.find("قتل").unwrap();
        assert_eq!(&text[n.to_original(Span::new(at, at + "قتل".len())).range()], "قُتِلَ");
    }

    #[test]
    fn a_stage_can_be_switched_off() {
        let n = Normalizer::new(&[Stage::Alef]);
        assert_eq!(n.normalize("أحمد ة").text, "احمد ة");
    }

    #[test]
    fn compact_alignment_agrees_with_a_per_byte_table() {
        let texts = [
            "",
            "\u{200F}",
            "\u{200F}أَحْمَدُ\u{200F}",
            "ABC «قسد» ١٢٬٠٠٠ و٣٫٥ ـــ ؟ “x” é \u{FEFF}end\u{200B}",
            "مُسْتَشْفَى الـ٣٥٠٠ بـ3500 Reuters؛ ۱۴۴۳ هـ",
            // Long ASCII runs go eight bytes at a time; `@ [ \` {` border the upper-case range.
            "The Quick Brown Fox Jumps Over @AZ[`az{ QWERTYUIOPASDFGHJKLZXCVBNM 0123456789 ÀÉ",
        ];
        for stages in [Stage::ALL, &[Stage::Digits][..], &[][..], &[Stage::Diacritics, Stage::LatinLowercase][..]] {
            let n = Normalizer::new(stages);
            for text in texts {
                let got = n.normalize(text);
                let (want, offs) = naive(&n, text);
                assert_eq!(got.text, want, "{text:?}");
                let mut al = got.aligner();
                for (i, &o) in offs.iter().enumerate() {
                    if got.text.is_char_boundary(i) {
                        assert_eq!(got.original_offset(i), o, "{text:?} at {i}");
                        assert_eq!(al.original_offset(i), o, "{text:?} at {i}");
                    }
                }
            }
        }
    }

    /// A slice of the original between any two char boundaries normalizes to the slice of
    /// the normalized text between their normalized offsets.
    #[test]
    fn normalized_offsets_cut_the_normalization_of_a_slice() {
        let texts = [
            "",
            "\u{200F}",
            "\u{200F}\u{200F}أَحْمَدُ\u{200F}\u{064E}",
            "ABC «قسد» ١٢٬٠٠٠ و٣٫٥ ـــ ؟ “x” é \u{FEFF}end\u{200B}",
            "مُسْتَشْفَى الـ٣٥٠٠ بـ3500 Reuters؛ ۱۴۴۳ هـ\n  شارك\u{00A0}الخبر \u{064E}\u{064F}\n",
            "قُتِلَ ٢٧ من «قسد» في الحسكـــة،\tوأُصيبَ ١٠ آخرون. PIC.Twitter.com/AbC",
        ];
        for text in texts {
            let n = Normalizer::matching().normalize(text);
            let cuts: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            for (k, &a) in cuts.iter().enumerate() {
                for &b in &cuts[k..] {
                    let (na, nb) = (n.normalized_offset(a), n.normalized_offset(b));
                    assert_eq!(n.text[na..nb], normalize_str(&text[a..b]), "{text:?} {a}..{b}");
                }
            }
        }
    }

    /// Text for comparing two paths: our own sentences cut at every length and offset, so that
    /// changed characters, ASCII and other blocks fall on every position of a sixteen-byte
    /// block, plus pseudo-random strings over an alphabet of letters the stages keep and
    /// change, marks, digits, punctuation, Latin and other scripts.
    pub(crate) fn mixed_texts() -> Vec<String> {
        let sentences = [
            "قال المتحدث باسم الشرطة إن القوات اعتقلت ١٢ مسلحا في مدينة الحسكة يوم الجمعة.",
            "وأكّد مُسْتَشْفَى الـ٣٥٠٠ بـ3500 Reuters؛ «قسد» تقدّمت ۱۴۴۳ هـ… ABC Def\u{200F}وفي",
            "سيطرت الفصائل على قرى ريف إدلب الجنوبي، ونزح ٢٠٠ عائلة إلى مخيمات أطمة. PIC.Twitter.com/AbC",
            "سطر أول\nسطر ثان\r\nثالث\u{2028}رابع\u{2029}خامس.\n\n«اقتباس»\n \n  (قوس)\r",
            "ڤيديو: گزارش ی ۔ ٪٥٠ ٫ ٬ ـــ ئ ؤ ى ة إ آ ٱ \u{FEFF}x\u{200C}y é ñ 中文 😀 \t\r\n",
        ];
        let mut texts: Vec<String> = Vec::new();
        for s in sentences {
            let cuts: Vec<usize> = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).collect();
            for &a in cuts.iter().take(40) {
                texts.push(s[a..].to_string());
            }
            for &b in cuts.iter().rev().take(40) {
                texts.push(s[..b].to_string());
            }
        }
        let alphabet: Vec<char> =
            "ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىةـًٌٍَُِّْٰ٠١٩۰۹،؛؟٪٫٬۔«»“” \n.,-AZaz09é\u{200F}\u{FEFF}ڤگی😀".chars().collect();
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for len in 0..300 {
            let mut s = String::new();
            for _ in 0..len {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                // Mostly kept letters and spaces, as in news text; every character now and then.
                let k = (state >> 33) as usize;
                s.push(if k.is_multiple_of(4) { alphabet[k / 4 % alphabet.len()] } else { alphabet[k % 28] });
            }
            texts.push(s);
        }
        texts
    }

    /// The sixteen-byte runs give exactly the scalar output: text and alignment.
    #[test]
    fn block_copies_agree_with_the_scalar_path() {
        let texts = mixed_texts();
        for stages in [Stage::ALL, &[Stage::Digits][..], &[][..], &[Stage::Diacritics, Stage::LatinLowercase][..]] {
            let n = Normalizer::new(stages);
            for text in &texts {
                assert_eq!(n.normalize(text), n.normalize_scalar(text), "{stages:?} {text:?}");
            }
        }
    }

    #[test]
    fn stages_round_trip_through_serde() {
        let json = serde_json_like(Stage::ALL);
        assert_eq!(
            json,
            "alef,ya_maqsura,ta_marbuta,hamza,tatweel,diacritics,invisible,digits,punctuation,latin_lowercase"
        );
    }

    #[test]
    fn a_pipeline_is_configured_from_toml() {
        let n: Normalizer = toml::from_str("stages = [\"alef\", \"digits\"]").unwrap();
        assert_eq!(n.stages(), &[Stage::Alef, Stage::Digits]);
        assert_eq!(n.normalize("أ٣ة").text, "ا3ة");
        assert_eq!(toml::to_string(&n).unwrap().trim(), "stages = [\"alef\", \"digits\"]");
    }

    fn serde_json_like(stages: &[Stage]) -> String {
        #[derive(Serialize)]
        struct P<'a> {
            stages: &'a [Stage],
        }
        let s = toml::to_string(&P { stages }).unwrap();
        #[derive(Deserialize)]
        struct Q {
            stages: Vec<Stage>,
        }
        let back: Q = toml::from_str(&s).unwrap();
        assert_eq!(back.stages, stages);
        s.trim().trim_start_matches("stages = [").trim_end_matches(']').replace(['"', ' '], "")
    }
}
