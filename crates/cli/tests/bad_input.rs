//! `marsad extract` and `marsad tokens` on bad input: each bad file gets one clear line naming
//! it, the good files are processed, the exit code says whether anything failed, no panics.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn marsad() -> Command {
    Command::cargo_bin("marsad").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

const REPORT: &str = "قتل سبعة عناصر من القوات في هجوم على سجن في المدينة، وفق مصدر أمني.";

/// Ids of the documents `marsad extract --format jsonl` printed.
fn ids(stdout: &[u8]) -> Vec<String> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_batch_with_bad_files_reports_each_and_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", REPORT.as_bytes());
    let empty = write(dir.path(), "empty.txt", b"");
    let binary = write(dir.path(), "image.txt", &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1]);
    let mut huge = vec![b'a'; 50 << 20];
    huge.push(b'\n');
    let long_line = write(dir.path(), "long.txt", &huge);
    drop(huge);
    let missing = dir.path().join("missing.txt");
    let out = marsad().arg("extract").args([&good, &empty, &binary, &long_line, &missing]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(ids(&out.stdout), vec!["good.txt"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(lines[0].contains("empty.txt: empty"), "{}", lines[0]);
    assert!(lines[1].contains("image.txt: binary data"), "{}", lines[1]);
    assert!(lines[2].contains("long.txt: ") && lines[2].contains("over the limit"), "{}", lines[2]);
    assert!(lines[3].contains("missing.txt: cannot read"), "{}", lines[3]);
    assert!(!stderr.contains("panicked"));
}

#[test]
fn legacy_and_corrupt_encodings_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(REPORT);
    let legacy = write(dir.path(), "legacy.txt", &cp1256);
    let mut corrupt = REPORT.as_bytes().to_vec();
    corrupt.insert(4, 0xFF);
    corrupt.insert(30, 0xC3);
    let corrupt = write(dir.path(), "corrupt.txt", &corrupt);
    let broken = write(
        dir.path(),
        "broken.html",
        format!("<html><body><div class=content><p>{REPORT}<p>وفقرة ثانية بلا إغلاق، عن حصيلة الجرحى<div><b>").as_bytes(),
    );
    let out = marsad().arg("extract").args([&legacy, &corrupt, &broken]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let docs: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0]["doc"]["text"], REPORT);
    let corrupt_text = docs[1]["doc"]["text"].as_str().unwrap();
    assert!(corrupt_text.contains('\u{FFFD}') && corrupt_text.contains("سجن في المدينة"), "{corrupt_text}");
    let html_text = docs[2]["doc"]["text"].as_str().unwrap();
    assert!(html_text.starts_with(REPORT) && html_text.contains("وفقرة ثانية"), "{html_text}");
}

#[test]
fn tokens_reports_bad_files_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", REPORT.as_bytes());
    let empty = write(dir.path(), "blank.txt", b"  \n\n ");
    let out = marsad().arg("tokens").args([&good, &empty]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("# good.txt\n"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim(), format!("marsad: skipped {}: empty", empty.display()));
    let ok = marsad().arg("tokens").arg(&good).output().unwrap();
    assert_eq!(ok.status.code(), Some(0));
}

/// A short UTF-8 report with two corrupt bytes used to be read as Windows-1256 mojibake with
/// no word said: it is read as UTF-8, and the replacement is reported with the file name and
/// the count, and kept in the document's metadata.
#[test]
fn corrupt_bytes_are_replaced_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = ["اشتبك".as_bytes(), &[0xFF], " مسلحون".as_bytes(), &[0xC3], " مع دورية".as_bytes()].concat();
    let corrupt = write(dir.path(), "short.txt", &bytes);
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(REPORT);
    let legacy = write(dir.path(), "legacy.txt", &cp1256);
    let good = write(dir.path(), "good.txt", REPORT.as_bytes());
    let out = marsad().arg("extract").args([&corrupt, &legacy, &good]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let docs: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let text = docs[0]["doc"]["text"].as_str().unwrap();
    assert!(text.contains("مسلحون") && text.contains("دورية"), "read as UTF-8: {text}");
    assert_eq!(
        docs[0]["doc"]["given"]["decoding"],
        serde_json::json!({"encoding": "UTF-8", "guessed": false, "replaced": 2})
    );
    assert_eq!(docs[1]["doc"]["given"]["decoding"]["guessed"], true);
    assert!(docs[2]["doc"]["given"].get("decoding").is_none());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(
        lines[0],
        format!("marsad: warning: {}: read as UTF-8, 2 invalid bytes replaced by U+FFFD", corrupt.display())
    );
    assert!(
        lines[1].starts_with(&format!(
            "marsad: warning: {}: not UTF-8 and no charset declared: read as windows-1256 (guessed)",
            legacy.display()
        )),
        "{stderr}"
    );

    // The store keeps the decision next to the document's other given metadata.
    let db = dir.path().join("m.db");
    let out = marsad().args(["ingest", "--quiet", "--db"]).arg(&db).arg(&corrupt).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stderr).unwrap().contains("short.txt: read as UTF-8, 2 invalid bytes replaced"));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let replaced: String =
        conn.query_row("SELECT value FROM metadata WHERE key = 'replaced_bytes'", [], |r| r.get(0)).unwrap();
    assert_eq!(replaced, "2");
}
