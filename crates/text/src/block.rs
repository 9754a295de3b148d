//! Sixteen bytes at a time over runs of Arabic text.
//!
//! Design decision: the normalizer and the tokenizer both spend most of their time walking
//! runs of two-byte Arabic letters, one character per step, with a hard-to-predict branch
//! wherever a run ends. On x86-64 with SSSE3 they test sixteen bytes at once instead: a
//! character of U+0600..=U+06FF is a lead byte D8–DB and one continuation byte, and whether
//! it belongs to a set of that block is one bit of a 256-bit table indexed by the low two
//! bits of the lead and the low six of the continuation — looked up for sixteen positions
//! with two byte shuffles. [`stops`] gives, as a bit mask, the positions where a walk must
//! look at a character itself; the callers take every byte before the first one whole.
//! Other targets and CPUs without SSSE3 run the scalar loops, and tests pin both to the same
//! output.

/// A set of characters of U+0600..=U+06FF: bit `idx` of 256, where `idx` is
/// `(lead - 0xD8) << 6 | (continuation & 0x3F)` of the character's UTF-8 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ArabicSet([u8; 32]);

impl ArabicSet {
    pub(crate) const fn new() -> ArabicSet {
        ArabicSet([0; 32])
    }

    pub(crate) const fn insert(mut self, idx: usize) -> ArabicSet {
        self.0[idx >> 3] |= 1 << (idx & 7);
        self
    }

    #[cfg(test)]
    pub(crate) fn contains(&self, idx: usize) -> bool {
        self.0[idx >> 3] & (1 << (idx & 7)) != 0
    }
}

/// Whether the running CPU has the instructions [`stops`] uses.
#[inline]
pub(crate) fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("ssse3")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) use x86::*;

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::ArabicSet;
    use std::arch::x86_64::*;

    /// Positions of the sixteen bytes at `p` a walk must stop at: bit `k` is clear when byte
    /// `k` is a continuation byte, an ASCII byte (if `ascii` says so), or the lead of a
    /// character of `set`. The first byte must start a character; then every byte before the
    /// first set bit belongs to a character that passes (a continuation byte is never first
    /// and follows a lead that either passed or stopped the walk). A passing lead at position
    /// 15 has its continuation outside the block: see [`whole_chars`].
    ///
    /// # Safety
    /// SSSE3 must be available and 17 bytes readable at `p` (the continuation of byte 15).
    #[target_feature(enable = "ssse3")]
    #[inline]
    pub(crate) unsafe fn stops(p: *const u8, set: &ArabicSet, ascii: bool) -> u32 {
        // SAFETY: the caller guarantees 17 readable bytes.
        let (v, next) = unsafe { (_mm_loadu_si128(p.cast()), _mm_loadu_si128(p.add(1).cast())) };
        let pass = passing(v, next, set, ascii);
        !(_mm_movemask_epi8(pass) as u32) & 0xFFFF
    }

    /// The byte mask behind [`stops`], for callers that also use the loaded bytes.
    #[target_feature(enable = "ssse3")]
    #[inline]
    pub(crate) fn passing(v: __m128i, next: __m128i, set: &ArabicSet, ascii: bool) -> __m128i {
        let mut pass = _mm_or_si128(continuations(v), members(v, next, set));
        if ascii {
            // Signed compare: ASCII bytes are the non-negative ones.
            pass = _mm_or_si128(pass, _mm_cmpgt_epi8(v, _mm_set1_epi8(-1)));
        }
        pass
    }

    /// 0xFF at the continuation bytes of `v`.
    #[target_feature(enable = "ssse3")]
    #[inline]
    pub(crate) fn continuations(v: __m128i) -> __m128i {
        _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(0xC0u8 as i8)), _mm_set1_epi8(0x80u8 as i8))
    }

    /// 0xFF at the bytes of `v` that are the lead of a character of `set`; `next` holds the
    /// byte after each byte of `v`.
    #[target_feature(enable = "ssse3")]
    #[inline]
    pub(crate) fn members(v: __m128i, next: __m128i, set: &ArabicSet) -> __m128i {
        // SAFETY: `set.0` is 32 readable bytes.
        let (lo, hi) =
            unsafe { (_mm_loadu_si128(set.0.as_ptr().cast()), _mm_loadu_si128(set.0.as_ptr().add(16).cast())) };
        // Byte of the table: (lead & 3) << 3 | (continuation >> 3) & 7, in 0..32. Shifts are
        // per 16-bit lane; the masks keep bits that crossed from the neighbour byte out.
        let row = _mm_slli_epi16(_mm_and_si128(v, _mm_set1_epi8(0x03)), 3);
        let col = _mm_and_si128(_mm_srli_epi16(next, 3), _mm_set1_epi8(0x07));
        let at = _mm_or_si128(row, col);
        // A shuffle index with its high bit set gives 0: `at + 0x70` reads the low half for
        // 0..16 and nothing for 16..32, `at - 16` the high half for 16..32 only.
        let byte = _mm_or_si128(
            _mm_shuffle_epi8(lo, _mm_add_epi8(at, _mm_set1_epi8(0x70))),
            _mm_shuffle_epi8(hi, _mm_sub_epi8(at, _mm_set1_epi8(16))),
        );
        let bits = _mm_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128);
        let bit = _mm_shuffle_epi8(bits, _mm_and_si128(next, _mm_set1_epi8(0x07)));
        let member = _mm_xor_si128(_mm_cmpeq_epi8(_mm_and_si128(byte, bit), _mm_setzero_si128()), _mm_set1_epi8(-1));
        let lead = _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8(0xFCu8 as i8)), _mm_set1_epi8(0xD8u8 as i8));
        _mm_and_si128(lead, member)
    }
}

/// How many of the sixteen bytes at `bytes[0..]` to take when [`stops`] found none: all, but
/// the last one if it is a lead whose continuation lies past the block.
#[inline]
pub(crate) fn whole_chars(bytes: &[u8]) -> usize {
    16 - usize::from(bytes[15] >= 0xC0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_what_was_inserted() {
        let s = ArabicSet::new().insert(0).insert(9).insert(255);
        assert!(s.contains(0) && s.contains(9) && s.contains(255));
        assert!(!s.contains(1) && !s.contains(8) && !s.contains(254));
    }

    /// The stop mask agrees with a byte-by-byte reading of the same rule.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn stops_agree_with_a_scalar_reading() {
        if !available() {
            eprintln!("SSSE3 not available: nothing to compare");
            return;
        }
        // Letters in the set, letters out of it, ASCII, and characters of other blocks.
        let set = (0..256usize).filter(|i| !i.is_multiple_of(3)).fold(ArabicSet::new(), |s, i| s.insert(i));
        let text = "قال المتحدث، إن «القوات» تقدمت ١٢ كم — ABC xyz\u{200C}ـة ۱۴۴۳ هـ… ڤيديو ی ۔ end";
        let b = text.as_bytes();
        for ascii in [false, true] {
            for start in (0..b.len().saturating_sub(16)).filter(|&s| text.is_char_boundary(s)) {
                // SAFETY: checked above; `start + 17 <= len` as `start < len - 16`.
                let got = unsafe { stops(b[start..].as_ptr(), &set, ascii) };
                let mut want = 0u32;
                for k in 0..16 {
                    let x = b[start + k];
                    let pass = (x & 0xC0) == 0x80
                        || (ascii && x < 0x80)
                        || ((x & 0xFC) == 0xD8
                            && set.contains(((x as usize & 3) << 6) | (b[start + k + 1] & 0x3F) as usize));
                    if !pass {
                        want |= 1 << k;
                    }
                }
                assert_eq!(got, want, "at {start}, ascii {ascii}");
            }
        }
    }
}
