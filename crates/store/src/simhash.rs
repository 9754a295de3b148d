//! Near-duplicate fingerprints: a 64-bit SimHash over normalized word 3-shingles.
//!
//! Two reports of one wire story, retouched by different outlets, differ in a few words: their
//! SimHashes differ in a few bits. Candidates are found without a scan by splitting the hash
//! into four 16-bit bands (two hashes within Hamming distance 3 share at least one band
//! exactly), each band an indexed column. The hash function is FNV-1a with a SplitMix64
//! finalizer, written out here so stored fingerprints stay valid across Rust releases.

use crate::fts::terms;

/// Largest Hamming distance between the fingerprints of near-duplicates.
pub const MAX_DISTANCE: u32 = 3;

/// Fewest words a document needs for its fingerprint to mean anything.
pub const MIN_WORDS: usize = 30;

fn fnv1a(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The hash of one normalized word, as [`from_word_hashes`] takes it.
pub fn word_hash(word: &str) -> u64 {
    fnv1a(word.as_bytes(), 0xcbf2_9ce4_8422_2325)
}

/// The fingerprint of a text, or `None` when it is too short to compare.
pub fn simhash(text: &str) -> Option<u64> {
    let mut words: Vec<u64> = Vec::new();
    terms(text, |w, _| words.push(word_hash(w)));
    from_word_hashes(&words)
}

/// The fingerprint of a text given the [`word_hash`] of each of its normalized words.
pub fn from_word_hashes(words: &[u64]) -> Option<u64> {
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut votes = [0i32; 64];
    for w in words.windows(3) {
        let h = mix(w[0] ^ w[1].rotate_left(21) ^ w[2].rotate_left(42));
        for (bit, v) in votes.iter_mut().enumerate() {
            *v += if h >> bit & 1 == 1 { 1 } else { -1 };
        }
    }
    Some(votes.iter().enumerate().fold(0u64, |acc, (bit, &v)| if v > 0 { acc | 1 << bit } else { acc }))
}

/// The four 16-bit bands of a fingerprint.
pub fn bands(h: u64) -> [i64; 4] {
    [(h & 0xffff) as i64, (h >> 16 & 0xffff) as i64, (h >> 32 & 0xffff) as i64, (h >> 48) as i64]
}

pub fn distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(extra: &str) -> String {
        let mut s = String::new();
        for i in 0..12 {
            s.push_str(&format!("قالت مصادر محلية إن اشتباكات اندلعت في الحي رقم {i} واستمرت ساعات. "));
        }
        s.push_str(extra);
        s
    }

    #[test]
    fn retouched_copies_are_near_and_other_texts_far() {
        let a = simhash(&report("")).unwrap();
        let b = simhash(&report("وأضافت المصادر.")).unwrap();
        assert!(distance(a, b) <= MAX_DISTANCE, "{}", distance(a, b));
        let mut other = String::new();
        for i in 0..12 {
            other.push_str(&format!(
                "ارتفعت أسعار النفط في الأسواق العالمية لليوم {i} على التوالي وسط توقعات بزيادة الطلب. "
            ));
        }
        assert!(distance(a, simhash(&other).unwrap()) > 10);
        assert_eq!(simhash("نص قصير"), None);
    }

    #[test]
    fn bands_cover_the_hash() {
        let h = 0x1234_5678_9abc_def0;
        assert_eq!(bands(h), [0xdef0, 0x9abc, 0x5678, 0x1234]);
    }
}
