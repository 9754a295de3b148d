//! `marsad story`: reports in, stories out; a file that cannot be read is named on stderr, the
//! rest is fused, and the exit code says something failed.

use assert_cmd::Command;

const A: &str = "هاجم مسلحون من تنظيم داعش سجن الصناعة في مدينة الحسكة، وقالت قوات سوريا الديمقراطية إن 12 من عناصرها قتلوا في الهجوم.";
const B: &str = "قالت قوات سوريا الديمقراطية إن 12 من عناصرها قتلوا في هجوم لتنظيم داعش على سجن الصناعة في الحسكة، وإن البحث جار عن الفارين.";

#[test]
fn story_fuses_the_readable_reports_and_names_the_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
    std::fs::write(&a, A).unwrap();
    std::fs::write(&b, B).unwrap();
    let missing = dir.path().join("missing.txt");
    let out = Command::cargo_bin("marsad")
        .unwrap()
        .args(["story", "--format", "json"])
        .args([&a, &b, &missing])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a missing file makes the run fail");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.txt"), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["format"], "marsad-stories/1");
    let stories = v["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "two reports of one attack are one story");
    assert_eq!(stories[0]["reports"].as_array().unwrap().len(), 2);
    let slots = stories[0]["slots"].as_array().unwrap();
    for slot in slots {
        assert!(["agree", "moved", "contradiction", "single"].contains(&slot["status"].as_str().unwrap()));
    }
    // the same twelve dead in both reports: one slot, agreeing, not flagged
    let killed = slots.iter().find(|s| s["kind"] == "killed").expect("a killed slot");
    assert_eq!(killed["claims"].as_array().unwrap().len(), 2, "{killed}");
    assert_eq!((killed["status"].as_str(), killed["conflict"].as_bool()), (Some("agree"), Some(false)));
}
