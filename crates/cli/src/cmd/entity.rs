use marsad_lexicon::{Entry, Lexicon};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// An Arabic name as written (قسد، بالحسكة، واشنطن) or a lexicon id (sdf, hasakah).
    #[arg(required = true)]
    name: Vec<String>,
}

/// Print every lexicon record a name links to, out of context: id, kind, English name, the
/// parent chain (actors) or coordinates and admin chain (places), and the variant that matched.
pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let query = a.name.join(" ");
    let lex = Lexicon::embedded();
    let found = lex.lookup(&query);
    if found.is_empty() {
        eprintln!("marsad: no actor, place or generic word in the lexicon is named {query:?}");
        return Ok(ExitCode::from(1));
    }
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for l in &found {
        match l.entry {
            Entry::Actor(x) => {
                writeln!(out, "actor\t{}\t{}\t{}", x.id, x.kind, x.name_en)?;
                let chain: Vec<String> = lex.actor_chain(&x.id).iter().map(|p| p.id.to_string()).collect();
                writeln!(out, "\tchain\t{}", chain.join(" > "))?;
            }
            Entry::Place(p) => {
                writeln!(out, "place\t{}\t{}\t{}", p.id, p.kind, p.name_en)?;
                let coords = match (p.lat, p.lon) {
                    (Some(la), Some(lo)) => format!("{la:.4},{lo:.4}"),
                    _ => "unknown".to_string(),
                };
                writeln!(out, "\tcoordinates\t{coords}\tgeo_precision {}", p.kind.geo_precision())?;
                writeln!(
                    out,
                    "\tadmin\tcountry={} admin1={} admin2={}",
                    if p.country.is_empty() { "-" } else { &p.country },
                    if p.admin1.is_empty() { "-" } else { &p.admin1 },
                    if p.admin2.is_empty() { "-" } else { &p.admin2 }
                )?;
                let chain: Vec<String> = lex.place_chain(&p.id).iter().map(|q| q.id.to_string()).collect();
                writeln!(out, "\tchain\t{}", chain.join(" > "))?;
            }
            Entry::Generic(g) => {
                let kinds: Vec<String> = g
                    .actor_kinds
                    .iter()
                    .map(|k| k.to_string())
                    .chain(g.place_kinds.iter().map(|k| k.to_string()))
                    .chain(g.ids.iter().cloned())
                    .collect();
                writeln!(out, "generic\t{}", kinds.join(","))?;
                if let Some(f) = &g.fallback {
                    writeln!(out, "\tfallback\t{f}")?;
                }
            }
        }
        writeln!(out, "\tmatched\t{}", l.variant)?;
        if let Some(c) = l.condition {
            writeln!(out, "\tcondition\t{c}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
