//! Properties of the text layer over generated text: Arabic-heavy strings with the
//! punctuation, digits, marks and controls the layer treats specially, and arbitrary Unicode.

use marsad_core::Span;
use marsad_text::{normalize_str, Normalizer, Stage, TextLayer};
use proptest::prelude::*;

/// Arabic letters, marks, digits and punctuation, Latin, quotes, brackets, dashes, line breaks,
/// invisible controls: the characters the layer's rules are about.
fn arabic_text() -> impl Strategy<Value = String> {
    "[\u{0600}-\u{06FF}\u{0621}-\u{064A}\u{0621}-\u{064A} a-zA-Z0-9.,:;!?@#_/«»“”\"()\\[\\]|\\-–…\n\r\u{200B}-\u{200F}\u{FEFF}\u{0640}\u{064B}-\u{0652}٠-٩۰-۹]{0,120}"
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![arabic_text(), any::<String>()]
}

fn stages() -> impl Strategy<Value = Vec<Stage>> {
    proptest::sample::subsequence(Stage::ALL.to_vec(), 0..=Stage::ALL.len())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalizing_twice_equals_once(text in any_text(), stages in stages()) {
        let once = normalize_str(&text);
        prop_assert_eq!(normalize_str(&once), once);
        let n = Normalizer::new(&stages);
        let once = n.normalize(&text).text;
        prop_assert_eq!(n.normalize(&once).text, once);
    }

    #[test]
    fn token_and_sentence_spans_slice_the_original(text in any_text()) {
        let layer = TextLayer::new(&text);
        prop_assert!(layer.check_spans(&text).is_ok(), "{:?}", layer.check_spans(&text));
        // A token's original text normalizes to its normalized text.
        for t in &layer.tokens {
            prop_assert_eq!(normalize_str(&text[t.span.range()]), t.text(&layer.norm));
        }
        // Every token lies in exactly one sentence, in order.
        let mut s = 0;
        for t in &layer.tokens {
            while s < layer.sentences.len() && layer.sentences[s].span.end <= t.span.start {
                s += 1;
            }
            prop_assert!(s < layer.sentences.len() && layer.sentences[s].span.contains(t.span), "token {:?}", t);
        }
        // Each quotation lies inside one sentence.
        for q in layer.quotations(&text) {
            prop_assert!(layer.sentences.iter().any(|s| s.span.contains(q)), "quotation {:?}", q);
        }
    }

    #[test]
    fn any_normalized_span_maps_to_a_char_boundary_span(text in any_text(), stages in stages(), a in any::<usize>(), b in any::<usize>()) {
        let n = Normalizer::new(&stages).normalize(&text);
        let len = n.text.len() + 1;
        let (a, b) = (a % len, b % len);
        let span = n.to_original(Span::new(a.min(b), a.max(b)));
        prop_assert!(span.start <= span.end && span.end <= text.len());
        prop_assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        let mut al = n.aligner();
        prop_assert_eq!(al.to_original(Span::new(a.min(b), a.max(b))), span);
    }

    #[test]
    fn no_panic_with_any_stage_set(text in any_text(), stages in stages()) {
        let layer = TextLayer::with(&Normalizer::new(&stages), &text);
        prop_assert!(layer.check_spans(&text).is_ok(), "{:?}", layer.check_spans(&text));
    }
}
