//! Time the one-off costs of the lexicon: parsing the data files and compiling the automaton.
//! `cargo run --release -p marsad-lexicon --example startup`
use std::time::Instant;

fn main() {
    let t0 = Instant::now();
    let lex = marsad_lexicon::Lexicon::embedded();
    let t1 = Instant::now();
    let layer = marsad_text::TextLayer::new("قصفت القوات الروسية مدينة إدلب");
    let m = marsad_lexicon::find_mentions(&layer);
    let t2 = Instant::now();
    println!(
        "actors={} places={} load={:?} first_match(with automaton build)={:?} mentions={}",
        lex.actors.len(),
        lex.places.len(),
        t1 - t0,
        t2 - t1,
        m.actors.len() + m.places.len()
    );
}
