//! Show what the text layer makes of a text: its normalized form, tokens with their original
//! spans, sentences, quotations and the clitic splits of each Arabic word a lexicon could look
//! up.
//!
//! ```text
//! cargo run -p marsad-text --example normalize -- "وقال د. أحمد: «قُتل ٣ من مقاتليه بالحسكة»."
//! echo "نص" | cargo run -p marsad-text --example normalize
//! ```

use marsad_text::clitics::analyze;
use marsad_text::{TextLayer, TokenKind};
use std::io::Read;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = if args.is_empty() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        args.join(" ")
    };
    let layer = TextLayer::new(&text);
    println!("normalized: {}", layer.norm.text);
    println!("\ntokens (start end kind original normalized):");
    for t in &layer.tokens {
        println!(
            "  {}\t{}\t{:?}\t{}\t{}",
            t.span.start,
            t.span.end,
            t.kind,
            &text[t.span.range()],
            t.text(&layer.norm)
        );
    }
    println!("\nsentences:");
    for s in &layer.sentences {
        println!("  {:?}\t{}", s.kind, &text[s.span.range()]);
    }
    for q in layer.quotations(&text) {
        println!("quotation: {}", &text[q.range()]);
    }
    println!("\nclitic splits (lookup forms, whole word first):");
    for t in layer.tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let forms: Vec<String> = analyze(t.text(&layer.norm)).iter().map(|s| s.lookup_form()).collect();
        println!("  {}\t{}", &text[t.span.range()], forms.join(" "));
    }
    Ok(())
}
