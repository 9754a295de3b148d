//! The event exports (`extract` and `export`, ACLED CSV and GeoJSON): every row names the
//! report it came from, and events without a date are said, once, not left silent.

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

/// A strike with its own date, and one dated only by "yesterday".
const DATED: &str = "قتل ثلاثة مدنيين في غارة جوية استهدفت سوقا في مدينة إدلب يوم 21 كانون الثاني 2022.";
const RELATIVE: &str = "قصفت طائرات حربية مدينة إدلب أمس، ما أدى إلى مقتل ثلاثة مدنيين.";

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_reader(bytes);
    let header = r.headers().unwrap().iter().map(str::to_owned).collect();
    (header, r.records().map(Result::unwrap).collect())
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn rows_from_the_store_carry_the_document_id_and_url() {
    let dir = tempfile::tempdir().unwrap();
    let line = serde_json::json!({
        "id": "idlib-market", "url": "https://news.example/2022/01/idlib;market", "date": "2022-01-22", "text": DATED
    });
    let corpus = write(dir.path(), "c.jsonl", format!("{line}\n").as_bytes());
    let db = dir.path().join("m.db");
    let st = marsad().args(["ingest", "--quiet", "--db"]).arg(&db).arg(&corpus).output().unwrap();
    assert!(st.status.success(), "{}", stderr(&st));

    let out = marsad().args(["export", "--format", "acled-csv", "--db"]).arg(&db).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (header, rows) = csv_rows(&out.stdout);
    assert_eq!(header, marsad_extract::acled::COLUMNS, "ACLED's columns, none added");
    assert!(!rows.is_empty());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for r in &rows {
        let tags: Vec<&str> = r[col("tags")].split("; ").collect();
        assert!(tags.contains(&"doc idlib-market"), "{tags:?}");
        // A `;` in the URL would split the tag: it is escaped.
        assert!(tags.contains(&"url https://news.example/2022/01/idlib%3Bmarket"), "{tags:?}");
        assert!(r[col("notes")].contains(DATED), "the sentence stays in notes");
    }

    let out = marsad().args(["export", "--format", "geojson", "--db"]).arg(&db).output().unwrap();
    let geo: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), rows.len());
    for f in features {
        let p = &f["properties"];
        assert_eq!(p["doc"], "idlib-market");
        assert_eq!(p["url"], "https://news.example/2022/01/idlib;market");
        assert_eq!(p["evidence_sentence"], DATED);
    }
}

#[test]
fn rows_from_files_carry_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "market.txt", DATED.as_bytes());
    let out = marsad().args(["extract", "--format", "acled-csv"]).arg(&file).output().unwrap();
    let (header, rows) = csv_rows(&out.stdout);
    let tags = header.iter().position(|h| h == "tags").unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r[tags].split("; ").any(|t| t == "doc market.txt")), "{rows:?}");
}

#[test]
fn undated_rows_are_said_once_with_their_documents() {
    let dir = tempfile::tempdir().unwrap();
    let dated = write(dir.path(), "dated.txt", DATED.as_bytes());
    let relative = write(dir.path(), "relative.txt", RELATIVE.as_bytes());
    let run = |extra: &[&str]| {
        let out = marsad()
            .args(["extract", "--format", "acled-csv"])
            .args(extra)
            .arg(&dated)
            .arg(&relative)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let (header, rows) = csv_rows(&out.stdout);
        let date = header.iter().position(|h| h == "event_date").unwrap();
        (rows.iter().map(|r| r[date].to_owned()).collect::<Vec<_>>(), stderr(&out))
    };

    let (dates, err) = run(&[]);
    assert_eq!(dates, ["2022-01-21", ""]);
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(warnings[0].contains("no event_date in 1 of 2 ACLED rows"), "{err}");
    assert!(warnings[0].contains("relative.txt (1)") && !warnings[0].contains("dated.txt"), "{err}");
    assert!(warnings[0].contains("--published YYYY-MM-DD") && warnings[0].contains("--skip-undated"), "{err}");

    let (dates, err) = run(&["--skip-undated"]);
    assert_eq!(dates, ["2022-01-21"]);
    assert!(err.contains("left out 1 of 2 ACLED rows without event_date"), "{err}");

    let (dates, err) = run(&["--published", "2022-03-05"]);
    assert_eq!(dates, ["2022-01-21", "2022-03-04"]);
    assert_eq!(err, "");

    // GeoJSON: the same count, features without a date left out on request.
    let out = marsad().args(["extract", "--format", "geojson", "--skip-undated"]).arg(&dated).arg(&relative).output();
    let out = out.unwrap();
    let geo: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(geo["features"].as_array().unwrap().len(), 1);
    assert!(stderr(&out).contains("left out 1 of 2 GeoJSON features without date"), "{}", stderr(&out));
}

#[test]
fn export_dates_stored_reports_with_the_publication_date_given() {
    let dir = tempfile::tempdir().unwrap();
    let relative = write(dir.path(), "relative.txt", RELATIVE.as_bytes());
    let db = dir.path().join("m.db");
    assert!(marsad().args(["ingest", "--quiet", "--db"]).arg(&db).arg(&relative).output().unwrap().status.success());
    let export = |extra: &[&str]| {
        let out = marsad().args(["export", "--format", "acled-csv", "--db"]).arg(&db).args(extra).output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        let (header, rows) = csv_rows(&out.stdout);
        let date = header.iter().position(|h| h == "event_date").unwrap();
        (rows.iter().map(|r| r[date].to_owned()).collect::<Vec<_>>(), stderr(&out))
    };
    let (dates, err) = export(&[]);
    assert_eq!(dates, [""]);
    assert!(err.contains("no event_date in 1 of 1 ACLED rows") && err.contains("relative.txt (1)"), "{err}");
    let (dates, err) = export(&["--published", "2022-03-05"]);
    assert_eq!((dates, err), (vec!["2022-03-04".to_owned()], String::new()));
    let (dates, _) = export(&["--skip-undated"]);
    assert!(dates.is_empty());
}
