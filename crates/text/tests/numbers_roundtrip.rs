//! Number words round-trip: writing a number in words and reading it back gives the number.

use marsad_text::numbers::{find_numbers, parse_words, to_words};
use marsad_text::TextLayer;
use proptest::prelude::*;

#[test]
fn every_number_up_to_a_million_round_trips() {
    for n in 0..=1_000_000u64 {
        let w = to_words(n);
        assert_eq!(parse_words(&w), Some(n), "{n} written as {w:?}");
    }
}

proptest! {
    #[test]
    fn large_numbers_round_trip(n in 0u64..5_000_000_000) {
        let w = to_words(n);
        prop_assert_eq!(parse_words(&w), Some(n), "{} written as {:?}", n, w);
    }

    #[test]
    fn a_number_in_a_sentence_is_found_whole(n in 1u64..1_000_000) {
        let text = format!("قال المصدر إن {} شخصا قتلوا.", to_words(n));
        let layer = TextLayer::new(&text);
        let found = find_numbers(&layer);
        prop_assert_eq!(found.len(), 1, "{:?}", text);
        prop_assert_eq!(found[0].lo, n);
        prop_assert!(text.get(found[0].span.range()).is_some());
    }
}
