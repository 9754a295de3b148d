//! Normalize, tokenize and split arbitrary UTF-8 and check the span invariants of the text
//! layer: every span slices the original on char boundaries, in order; normalizing is
//! idempotent; any normalized range maps back to a char-boundary range of the original.

#![no_main]

use libfuzzer_sys::fuzz_target;
use marsad_core::Span;
use marsad_text::{normalize_str, Normalizer, TextLayer};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let layer = TextLayer::new(text);
    if let Err(e) = layer.check_spans(text) {
        panic!("{e} in {text:?}");
    }
    for q in layer.quotations(text) {
        assert!(q.slice(text).is_some(), "quotation {q:?} in {text:?}");
    }
    let once = normalize_str(text);
    assert_eq!(normalize_str(&once), once, "normalizing twice differs in {text:?}");
    // Map every pair of normalized offsets derived from the input bytes back.
    let n = Normalizer::matching().normalize(text);
    let len = n.text.len();
    for w in data.windows(2).take(64) {
        let (a, b) = (w[0] as usize * len / 255, w[1] as usize * len / 255);
        let span = n.to_original(Span::new(a.min(b), a.max(b)));
        assert!(span.start <= span.end && span.slice(text).is_some(), "{span:?} in {text:?}");
    }
});
