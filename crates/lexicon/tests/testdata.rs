//! Runs the linking cases of `testdata/*.toml` against the embedded lexicon.

use marsad_lexicon::{find_entities, find_mentions};
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
    /// Entities outside the lexicons (`find_entities`), as `person:NAME`, `org:NAME`,
    /// `place:NAME`; `parents`: `NAME=PARENT` for a person and the body its role names.
    #[serde(default)]
    entities: Vec<String>,
    #[serde(default)]
    no_entities: Vec<String>,
    #[serde(default)]
    parents: Vec<String>,
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
            let layer = TextLayer::new(&c.text);
            let m = find_mentions(&layer);
            let found = find_entities(&layer, &m, &c.text);
            let entities: Vec<String> = found.iter().map(|e| e.id()).collect();
            for e in &found {
                assert_eq!(e.span.slice(&c.text), Some(e.name.as_str()), "{}: the span is the name", c.name);
            }
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
                (&c.expected.entities, &entities, "entity"),
            ] {
                for id in want.iter().filter(|id| !got.contains(id)) {
                    why.push(format!("missing {what} {id}"));
                }
            }
            for (bad, got, what) in [
                (&c.expected.no_actors, &actors, "actor"),
                (&c.expected.no_places, &places, "place"),
                (&c.expected.no_entities, &entities, "entity"),
            ] {
                for id in bad.iter().filter(|id| got.contains(id)) {
                    why.push(format!("unexpected {what} {id}"));
                }
            }
            for pair in &c.expected.parents {
                let (name, parent) = pair.split_once('=').unwrap_or_else(|| panic!("{}: bad parent {pair:?}", c.name));
                let got: Vec<Option<&str>> =
                    found.iter().filter(|e| e.name == name).map(|e| e.parent.as_deref()).collect();
                if !got.contains(&Some(parent)) {
                    why.push(format!("{name} has parent {got:?}, not {parent}"));
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
                    "{}: {}\n    actors={actors:?} places={places:?} persons={persons:?} generics={generics:?} entities={entities:?}",
                    c.name,
                    why.join(", ")
                ));
            }
        }
    }
    assert!(n > 0, "no cases found in {}", dir.display());
    assert!(failures.is_empty(), "{} of {n} cases failed:\n{}", failures.len(), failures.join("\n"));
}
