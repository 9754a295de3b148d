//! `marsad entity NAME...`: what each name links to in the lexicons, out of context.

use marsad_lexicon::{Entry, Lexicon, Lookup};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Names to look up, each on its own: Arabic as written (قسد، بالحسكة، حوثي), English
    /// (Houthis, SDF, Raqqa), or a lexicon id (sdf, hasakah). Words that together form one
    /// name are read as that name (الدولة الإسلامية); quote a name to keep it whole.
    #[arg(required = true)]
    name: Vec<String>,
}

/// The names asked, each with what it links to: the longest run of words that names something
/// first, so `قسد داعش` is two names and `دير الزور` one. Words that name nothing come back
/// with no record.
fn resolve<'l>(lex: &'l Lexicon, words: &[String]) -> Vec<(String, Vec<Lookup<'l>>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = (i + 1..=words.len()).rev().find_map(|j| {
            let q = words[i..j].join(" ");
            let hits = lex.lookup_any(&q);
            (!hits.is_empty()).then_some((j, q, hits))
        });
        match found {
            Some((j, q, hits)) => {
                out.push((q, hits));
                i = j;
            }
            None => {
                out.push((words[i].clone(), Vec::new()));
                i += 1;
            }
        }
    }
    out
}

/// Print every lexicon record each name links to: a `# NAME` line, then per record its id,
/// kind, English name, the parent chain (actors) or coordinates and admin chain (places), and
/// the variant that matched. Names that link to nothing are reported on stderr (exit code 1).
pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let lex = Lexicon::embedded();
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let mut missing = 0;
    for (query, found) in resolve(lex, &a.name) {
        if found.is_empty() {
            out.flush()?;
            eprintln!("marsad: no actor, place or generic word in the lexicon is named {query:?}");
            missing += 1;
            continue;
        }
        writeln!(out, "# {query}")?;
        for l in &found {
            record(&mut out, lex, l)?;
        }
    }
    out.flush()?;
    Ok(if missing > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn record(out: &mut impl Write, lex: &Lexicon, l: &Lookup) -> std::io::Result<()> {
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
    Ok(())
}
