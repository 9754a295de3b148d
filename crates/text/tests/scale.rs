//! A 50 MB single line (no line break to reset state) must go through the whole layer in
//! linear time. Run in release: `cargo test --release -p marsad-text --test scale -- --ignored`.

use marsad_text::TextLayer;
use std::time::Instant;

#[test]
#[ignore = "50 MB of text: run with --release"]
fn a_50_mb_single_line_is_linear() {
    // Quotes that close, quotes that never close, brackets, abbreviations, numbers, e-mail-like
    // runs, ellipses: every rule that looks ahead or pairs.
    let unit = "قال د. أحمد إن «القوات تقدمت. ثم انسحبت» (في بيان. مقتضب) و«لن نتراجع. وقتل ١٢٬٠٠٠ بـ3500 \
                a.b.c.d.e.f.g.h@x (( [[ \"\" … انتهى... ";
    let text = unit.repeat(50_000_000 / unit.len() + 1);
    let start = Instant::now();
    let layer = TextLayer::new(&text);
    let secs = start.elapsed().as_secs_f64();
    eprintln!("{:.1} MB in {secs:.2} s", text.len() as f64 / 1e6);
    assert!(layer.check_spans(&text).is_ok());
    assert!(layer.sentences.len() > 100_000, "{} sentences", layer.sentences.len());
    assert!(secs < 5.0, "{:.1} MB took {secs:.2} s", text.len() as f64 / 1e6);
}
