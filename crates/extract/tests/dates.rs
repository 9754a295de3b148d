//! Dates: the data-driven cases of `testdata/dates*.toml`.

mod common;

use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    published: Option<String>,
    expected: Vec<Expected>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Expected {
    text: String,
    value: String,
    names_day: bool,
}

#[test]
fn date_cases() {
    let mut failures = Vec::new();
    for (file, case) in common::load::<Case>("dates") {
        let a = common::analyze(&case.text, case.published.as_deref());
        let got: Vec<Expected> = a
            .dates
            .iter()
            .map(|d| Expected {
                text: d.text.clone(),
                value: d.value.map(|v| v.to_string()).unwrap_or_default(),
                names_day: d.names_day,
            })
            .collect();
        if got != case.expected {
            failures.push(format!("{file}:{}:\n    expected {:?}\n    got      {:?}", case.name, case.expected, got));
        }
        for d in &a.dates {
            assert_eq!(d.span.slice(&case.text), Some(d.text.as_str()), "{}: span and text disagree", case.name);
            if let Some(v) = d.value {
                assert_eq!(d.precision, v.time_precision(), "{}: precision", case.name);
            }
        }
    }
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}
