//! A filter over a set of words that answers "certainly not in the set" with one multiply and
//! one memory access: a blocked Bloom filter, two bits in one 64-bit block.
//!
//! Design decision: the lexical tables (phrase tables, number words) are looked up at every
//! token of every document, and most tokens are in none of them. Hashing a token for a map
//! and comparing keys costs more than the rest of such a lookup; a bit per sketch of the
//! word's length and first and last eight bytes answers most tokens at once. A set bit only
//! says "maybe": the caller then does the real lookup, so the filter never changes a result.

/// Bits per word inserted, before rounding up to a power of two. Each word sets two bits of one
/// 64-bit block (one memory access per test): about one word in thirty that is not in the set
/// passes.
const BITS_PER_WORD: usize = 8;

/// The bytes of a word shorter than eight bytes as `u64::from_le_bytes` of them padded with
/// zeros: two overlapping reads of two or four bytes, not a byte loop or a call to memcpy.
#[inline]
pub fn short_le(w: &[u8]) -> u64 {
    let n = w.len();
    debug_assert!(n < 8);
    if n >= 4 {
        let lo = u32::from_le_bytes(w[..4].try_into().expect("4 bytes"));
        let hi = u32::from_le_bytes(w[n - 4..].try_into().expect("4 bytes"));
        // The overlapping bytes are the same in both reads.
        u64::from(lo) | (u64::from(hi) << (8 * (n - 4)))
    } else if n >= 2 {
        let lo = u16::from_le_bytes(w[..2].try_into().expect("2 bytes"));
        let hi = u16::from_le_bytes(w[n - 2..].try_into().expect("2 bytes"));
        u64::from(lo) | (u64::from(hi) << (8 * (n - 2)))
    } else {
        w.first().map_or(0, |&b| u64::from(b))
    }
}

#[derive(Clone, Debug)]
pub struct WordFilter {
    bits: Vec<u64>,
    /// log2 of the number of bits.
    log: u32,
}

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter::with_capacity(0)
    }
}

impl WordFilter {
    /// An empty filter sized for `n` words.
    pub fn with_capacity(n: usize) -> WordFilter {
        let bits = (n * BITS_PER_WORD).next_power_of_two().clamp(1 << 12, 1 << 22);
        WordFilter { bits: vec![0; bits / 64], log: bits.trailing_zeros() }
    }

    /// A filter holding `words`.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str> + Clone) -> WordFilter {
        let mut f = WordFilter::with_capacity(words.clone().into_iter().count());
        for w in words {
            f.insert(w);
        }
        f
    }

    pub fn insert(&mut self, word: &str) {
        let (block, mask) = self.bits_of(word.as_bytes());
        self.bits[block] |= mask;
    }

    /// False when `word` was certainly never inserted.
    #[inline]
    pub fn may_contain(&self, word: &str) -> bool {
        let (block, mask) = self.bits_of(word.as_bytes());
        self.bits[block] & mask == mask
    }

    /// The block of a word and its two bits there.
    #[inline]
    fn bits_of(&self, w: &[u8]) -> (usize, u64) {
        let n = w.len();
        let (head, tail) = if n >= 8 {
            let head = u64::from_le_bytes(w[..8].try_into().expect("8 bytes"));
            let tail = u64::from_le_bytes(w[n - 8..].try_into().expect("8 bytes"));
            (head, tail)
        } else {
            (short_le(w), 0)
        };
        let h = (head ^ n as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(26) ^ tail;
        let h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
        let block = (h >> (64 - (self.log - 6))) as usize;
        (block, (1 << (h & 63)) | (1 << ((h >> 6) & 63)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_words_read_as_padded_integers() {
        let bytes = "قال x ab".as_bytes();
        for a in 0..bytes.len() {
            for b in a..(a + 8).min(bytes.len() + 1) {
                let w = &bytes[a..b];
                if w.len() < 8 {
                    let mut padded = [0u8; 8];
                    padded[..w.len()].copy_from_slice(w);
                    assert_eq!(short_le(w), u64::from_le_bytes(padded), "{w:?}");
                }
            }
        }
    }

    #[test]
    fn inserted_words_pass_and_most_others_do_not() {
        let words: Vec<String> = ["قال", "أعلن", "بحسب", "في", "من", "ثلاثة", "عشرات", "x", ""]
            .iter()
            .flat_map(|w| ["", "و", "ب", "ال"].map(|p| format!("{p}{w}")))
            .collect();
        let f = WordFilter::new(words.iter().map(String::as_str));
        assert!(words.iter().all(|w| f.may_contain(w)), "a word inserted always passes");
        let others = "ذهب الرجل الى السوق واشترى خبزا وحليبا ثم عاد الى منزله في المساء مع اولاده الصغار";
        let passed = others.split_whitespace().filter(|w| !words.iter().any(|x| x == w) && f.may_contain(w)).count();
        assert!(passed <= 2, "{passed} words never inserted passed");
    }
}
