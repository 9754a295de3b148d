//! Numbers: the data-driven cases of `testdata/numbers*.toml` over `marsad_text::numbers`.

mod common;

use marsad_text::numbers::find_numbers;
use marsad_text::TextLayer;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expected: Vec<Expected>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Expected {
    text: String,
    lo: u64,
    hi: u64,
    #[serde(default)]
    vague: bool,
}

#[test]
fn number_cases() {
    let mut failures = Vec::new();
    for (file, case) in common::load::<Case>("numbers") {
        let layer = TextLayer::new(&case.text);
        let got: Vec<Expected> = find_numbers(&layer)
            .iter()
            .map(|m| Expected {
                text: case.text[m.span.range()].to_string(),
                lo: m.lo,
                hi: m.hi.unwrap_or(u64::MAX),
                vague: m.vague,
            })
            .collect();
        if got != case.expected {
            failures.push(format!("{file}:{}:\n    expected {:?}\n    got      {:?}", case.name, case.expected, got));
        }
    }
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}
