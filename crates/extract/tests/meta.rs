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

#[test]
fn a_date_in_the_opening_sentence_stands_in_for_a_missing_publication_date() {
    let text =
        "تجدد القصف على الأحياء الشرقية\n\nدمشق - 12 آذار 2019 - قال سكان إن القصف تجدد أمس على الأحياء الشرقية للمدينة.";
    let a = common::analyze(text, None);
    let reference = a.reference.expect("a reference date");
    assert_eq!(reference.date.to_string(), "2019-03-12");
    assert!(reference.is_inferred());
    // The gold view keeps the publication date the source or a dateline gives: none here.
    assert_eq!(gold::view(&a).meta.published, None);
    let yesterday = a.dates.iter().find(|d| d.text == "أمس").expect("أمس is found");
    assert_eq!(yesterday.value.map(|v| v.to_string()).as_deref(), Some("2019-03-11"));
    let json = serde_json::to_value(&a).expect("an analysis serializes");
    assert_eq!(json["reference"]["basis"], "inferred");
    assert_eq!(json["reference"]["date"], "2019-03-12");
}

#[test]
fn the_publication_date_is_the_reference_when_known() {
    let a = common::analyze("قال سكان إن القصف تجدد أمس، بعد هدوء استمر منذ 2 آذار 2019.", Some("2019-03-20"));
    let reference = a.reference.expect("a reference date");
    assert_eq!(reference.date.to_string(), "2019-03-20");
    assert!(!reference.is_inferred());
}

#[test]
fn a_date_deep_in_the_text_is_no_reference() {
    let text = "قال سكان إن القصف تجدد أمس.\nوأضافوا أن المدينة تعرضت للقصف مرارا.\nوتقع المدينة في الشمال.\nوكانت قد شهدت معارك في 5 أيار 2017.";
    let a = common::analyze(text, None);
    assert_eq!(a.reference, None);
    assert!(a.dates.iter().any(|d| d.text == "أمس" && d.value.is_none()));
}
