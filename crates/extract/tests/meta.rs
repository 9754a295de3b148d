//! Metadata: the data-driven cases of `testdata/meta*.toml`.

mod common;

use marsad_extract::gold;
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expected: Expected,
}

#[derive(Deserialize, Debug, PartialEq, Default)]
struct Expected {
    title: Option<String>,
    published: Option<String>,
    author: Option<String>,
    outlet: Option<String>,
}

#[test]
fn meta_cases() {
    let mut failures = Vec::new();
    for (file, case) in common::load::<Case>("meta") {
        let m = gold::view(&common::analyze(&case.text, None)).meta;
        let got = Expected { title: m.title, published: m.published, author: m.author, outlet: m.outlet };
        if got != case.expected {
            failures.push(format!("{file}:{}:\n    expected {:?}\n    got      {:?}", case.name, case.expected, got));
        }
    }
    assert!(failures.is_empty(), "{} failing cases:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_command_line_date_overrides_the_dateline() {
    let a = common::analyze("عنوان\n\n2022.01.25 - 12:32\n\nنص الخبر هنا.", Some("2022-02-01"));
    assert_eq!(a.meta.published.map(|d| d.to_string()), Some("2022-02-01".to_string()));
}
