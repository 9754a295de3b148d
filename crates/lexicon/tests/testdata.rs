//! Runs the linking cases of `testdata/*.toml` against the embedded lexicon.

use marsad_lexicon::find_mentions;
use marsad_text::TextLayer;
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expected: Expected,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    places: Vec<String>,
    #[serde(default)]
    persons: Vec<String>,
    #[serde(default)]
    generics: Vec<String>,
    #[serde(default)]
    no_actors: Vec<String>,
    #[serde(default)]
    no_places: Vec<String>,
    /// `words=actor`: the mention whose text is exactly `words` links to `actor`.
    #[serde(default)]
    links: Vec<String>,
}

#[test]
fn testdata_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut failures = Vec::new();
    let mut n = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("testdata dir").flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "toml")) {
        let text = std::fs::read_to_string(path).expect("readable testdata");
        let file: File = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for c in file.case {
            n += 1;
            let m = find_mentions(&TextLayer::new(&c.text));
            let actors: Vec<String> = m.actors.iter().map(|a| a.actor.to_string()).collect();
            let places: Vec<String> = m.places.iter().map(|p| p.place.to_string()).collect();
            let persons: Vec<String> = m.persons.iter().map(|p| p.mention.actor.to_string()).collect();
            let generics: Vec<String> = m.generics.iter().map(|a| a.actor.to_string()).collect();
            let mut why = Vec::new();
            for (want, got, what) in [
                (&c.expected.actors, &actors, "actor"),
                (&c.expected.places, &places, "place"),
                (&c.expected.persons, &persons, "person"),
                (&c.expected.generics, &generics, "generic"),
            ] {
                for id in want.iter().filter(|id| !got.contains(id)) {
                    why.push(format!("missing {what} {id}"));
                }
            }
            for (bad, got, what) in
                [(&c.expected.no_actors, &actors, "actor"), (&c.expected.no_places, &places, "place")]
            {
                for id in bad.iter().filter(|id| got.contains(id)) {
                    why.push(format!("unexpected {what} {id}"));
                }
            }
            for link in &c.expected.links {
                let (words, id) = link.split_once('=').unwrap_or_else(|| panic!("{}: bad link {link:?}", c.name));
                let got: Vec<&str> = m
                    .actors
                    .iter()
                    .chain(&m.generics)
                    .filter(|a| &c.text[a.span.start..a.span.end] == words)
                    .map(|a| a.actor.as_str())
                    .collect();
                if !got.contains(&id) {
                    why.push(format!("{words} links to {got:?}, not {id}"));
                }
            }
            if !why.is_empty() {
                failures.push(format!(
                    "{}: {}\n    actors={actors:?} places={places:?} persons={persons:?} generics={generics:?}",
                    c.name,
                    why.join(", ")
                ));
            }
        }
    }
    assert!(n > 0, "no cases found in {}", dir.display());
    assert!(failures.is_empty(), "{} of {n} cases failed:\n{}", failures.len(), failures.join("\n"));
}
