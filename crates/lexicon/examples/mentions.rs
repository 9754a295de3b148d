//! Print every mention the lexicon finds in a text file, one per line:
//! `kind id link "surface"` (for checking linking by eye).
//! `cargo run --release -p marsad-lexicon --example mentions -- FILE`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: mentions FILE")?;
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let m = marsad_lexicon::find_mentions(&marsad_text::TextLayer::new(&text));
    let s = |sp: marsad_core::Span| text.get(sp.range()).unwrap_or("").replace('\n', " ");
    for a in &m.actors {
        println!("actor\t{}\t{:?}\t{}", a.actor, a.link, s(a.span));
    }
    for p in &m.places {
        println!("place\t{}\t{}\t{}", p.place, p.kind, s(p.span));
    }
    for p in &m.persons {
        let body = p.body.as_ref().map_or("-".to_string(), |b| b.to_string());
        println!("person\t{}\tbody={body}\t{}", p.mention.actor, s(p.mention.span));
    }
    for g in &m.generics {
        println!("generic\t{}\t{:?}\t{}", g.actor, g.link, s(g.span));
    }
    Ok(())
}
