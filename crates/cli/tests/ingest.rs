//! `marsad ingest`, `search` and `export` end to end: every reader, idempotent re-ingest,
//! recovery after `kill -9`, search over spelling and clitic variants with filters.

use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn marsad() -> Command {
    Command::cargo_bin("marsad").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn export(db: &Path) -> Vec<serde_json::Value> {
    let out = marsad().args(["export", "--format", "jsonl", "--db"]).arg(db).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn ingest(db: &Path, sources: &[&Path], extra: &[&str]) -> (Option<i32>, String, String) {
    let out = marsad().arg("ingest").arg("--db").arg(db).args(extra).args(sources).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const PAGE: &str = r##"<!DOCTYPE html><html><head><meta charset="utf-8"><title>قصف على الحي | الموقع</title>
<meta property="og:site_name" content="الموقع"><meta property="article:published_time" content="2022-01-22T09:00:00Z">
</head><body><nav><a href="/">الرئيسية</a> <a href="/a">أخبار</a> <a href="/b">رياضة</a></nav>
<div class="main-article"><h1>قصف على الحي</h1>
<p>تعرض الحي الشرقي لقصف مدفعي عنيف، صباح السبت، أدى إلى أضرار كبيرة في المنازل، بحسب سكان.</p>
<p>وقال أحد السكان إن القصف استمر ساعتين، وإن فرق الإسعاف نقلت عددا من الجرحى إلى المستشفى.</p></div>
<div class="social-share"><a href="#">شارك</a></div><footer>كل الحقوق محفوظة للموقع التجريبي</footer></body></html>"##;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>نشرة</title>
<item><title>اعتقال مطلوبين</title><link>https://n.example/1</link><pubDate>Mon, 24 Jan 2022 10:00:00 GMT</pubDate>
<description>أعلنت الشرطة اعتقال ثلاثة مطلوبين في مداهمة ليلية.</description></item>
<item><title>نزوح عائلات</title><link>https://n.example/2</link><pubDate>Tue, 25 Jan 2022 10:00:00 GMT</pubDate>
<description>نزحت عشرات العائلات من القرى الحدودية بسبب القصف.</description></item></channel></rss>"#;

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    r.extend_from_slice(http.as_bytes());
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn article(p: &str) -> String {
    format!("<html><body><article><p>{p}</p></article></body></html>")
}

#[test]
fn every_reader_feeds_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let html = write(dir.path(), "page.html", PAGE.as_bytes());
    let rss = write(dir.path(), "feed.rss", RSS.as_bytes());
    let records = [
        warc_record("https://w.example/1", &article("انفجرت عبوة ناسفة على طريق رئيسي، دون أن تسفر عن إصابات.")),
        warc_record("https://w.example/2", &article("استهدفت طائرة مسيرة سيارة على أطراف البلدة، وقتل من فيها.")),
    ];
    let warc = write(dir.path(), "crawl.warc", &records.concat());
    // Gzip WARC: one gzip member per record, as crawlers write them.
    let mut gz = Vec::new();
    for (i, r) in [
        warc_record("https://g.example/1", &article("تظاهر مئات في الساحة العامة، مطالبين بالإفراج عن المعتقلين.")),
        warc_record("https://g.example/2", &article("فرضت السلطات حظر تجول في المدينة، بعد ليلة من الاشتباكات.")),
    ]
    .iter()
    .enumerate()
    {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(i as u32 + 1));
        enc.write_all(r).unwrap();
        gz.extend(enc.finish().unwrap());
    }
    let warc_gz = write(dir.path(), "crawl.warc.gz", &gz);
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode("سقطت قذائف على السوق المركزي، وأصيب خمسة مدنيين بجروح.");
    let legacy = write(dir.path(), "legacy.txt", &cp1256);
    let jsonl = write(
        dir.path(),
        "custom.jsonl",
        "{\"uid\": \"r-1\", \"body\": \"اندلعت مواجهات بين فصيلين مسلحين في الريف الغربي، مساء الأحد.\", \"when\": \"2022-01-23\", \"site\": \"وكالة محلية\", \"headline\": \"مواجهات في الريف\"}\n"
            .as_bytes(),
    );
    let db = dir.path().join("m.db");
    let fields = [
        "--field",
        "id=uid",
        "--field",
        "text=body",
        "--field",
        "date=when",
        "--field",
        "outlet=site",
        "--field",
        "title=headline",
    ];
    let (code, stdout, stderr) = ingest(&db, &[&html, &rss, &warc, &warc_gz, &legacy, &jsonl], &fields);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(stdout.starts_with("read 9  stored 9  duplicates 0"), "{stdout}");
    let docs = export(&db);
    let by_id = |id: &str| docs.iter().find(|d| d["doc"]["id"] == id).unwrap_or_else(|| panic!("no {id} in {docs:?}"));
    let page = by_id("page.html");
    assert!(page["doc"]["text"].as_str().unwrap().starts_with("قصف على الحي\n"));
    assert!(!page["doc"]["text"].as_str().unwrap().contains("الرئيسية"));
    assert_eq!(page["meta"]["published"], "2022-01-22");
    assert_eq!(page["meta"]["outlet"], "الموقع");
    assert_eq!(by_id("https://n.example/2")["meta"]["published"], "2022-01-25");
    assert!(by_id("https://w.example/2")["doc"]["text"].as_str().unwrap().contains("طائرة مسيرة"));
    assert!(by_id("https://g.example/2")["doc"]["text"].as_str().unwrap().contains("حظر تجول"));
    assert!(by_id("legacy.txt")["doc"]["text"].as_str().unwrap().starts_with("سقطت قذائف"));
    let custom = by_id("r-1");
    assert_eq!(
        custom["doc"]["text"],
        "مواجهات في الريف\n\nاندلعت مواجهات بين فصيلين مسلحين في الريف الغربي، مساء الأحد."
    );
    assert_eq!(custom["meta"]["outlet"], "وكالة محلية");
    assert_eq!(custom["meta"]["published"], "2022-01-23");

    // The same sources again add nothing.
    let (code, stdout, _) = ingest(&db, &[&html, &rss, &warc, &warc_gz, &legacy, &jsonl], &fields);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("read 9  stored 0  duplicates 9"), "{stdout}");
    assert_eq!(export(&db).len(), 9);
}

#[test]
fn failures_are_reported_and_the_exit_code_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = write(
        dir.path(),
        "mixed.jsonl",
        "{\"text\": \"نص سليم عن غارة جوية.\"}\n{bad json\n{\"body\": 1}\n".as_bytes(),
    );
    let empty = write(dir.path(), "empty.txt", b"");
    let db = dir.path().join("m.db");
    let (code, stdout, stderr) = ingest(&db, &[&jsonl, &empty], &[]);
    assert_eq!(code, Some(1));
    assert!(stdout.starts_with("read 1  stored 1  duplicates 0  near-duplicates 0  failed 3"), "{stdout}");
    let errs: Vec<&str> = stderr.lines().collect();
    assert_eq!(errs.len(), 3, "{stderr}");
    assert!(errs[0].contains("mixed.jsonl:2: not JSON"));
    assert!(errs[1].contains("mixed.jsonl:3: no text field `text`"));
    assert!(errs[2].contains("empty.txt: empty"));
}

/// `n` distinct short reports, as JSON lines.
fn synthetic_corpus(n: usize) -> String {
    let places = ["الحسكة", "حلب", "إدلب", "درعا", "الرقة"];
    let outlets = ["alpha", "beta", "gamma"];
    let mut s = String::new();
    for i in 0..n {
        let text = format!(
            "أفاد مصدر محلي بأن اشتباكات اندلعت في {} مساء اليوم رقم {i}، وأسفرت عن سقوط {} جرحى. وقال المصدر إن قوات الأمن طوقت المنطقة.",
            places[i % places.len()],
            i % 17 + 1
        );
        let line = serde_json::json!({
            "id": format!("doc-{i}"),
            "outlet": outlets[i % outlets.len()],
            "date": format!("2022-01-{:02}", i % 28 + 1),
            "text": text,
        });
        s.push_str(&line.to_string());
        s.push('\n');
    }
    s
}

fn rows(db: &Path) -> String {
    // The whole export: equal exports mean nothing was lost or doubled.
    let out = marsad().args(["export", "--db"]).arg(db).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_killed_ingest_resumes_to_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write(dir.path(), "corpus.jsonl", synthetic_corpus(3000).as_bytes());
    let clean = dir.path().join("clean.db");
    let t = Instant::now();
    let (code, stdout, _) = ingest(&clean, &[&corpus], &["--quiet", "--batch", "64"]);
    let clean_time = t.elapsed();
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("read 3000  stored 3000  duplicates 0"), "{stdout}");
    let expected = rows(&clean);
    assert_eq!(expected.lines().count(), 3000);

    // Kill at a point that changes from run to run, somewhere in the middle of the work.
    let seed = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() as u64;
    let fraction = 0.2 + (seed % 600) as f64 / 1000.0;
    let killed = dir.path().join("killed.db");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("marsad"))
        .args(["ingest", "--quiet", "--batch", "64", "--db"])
        .arg(&killed)
        .arg(&corpus)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(clean_time.mul_f64(fraction).max(Duration::from_millis(50)));
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let partial = rows(&killed).lines().count();
    eprintln!("killed after {:.0}% of a clean run's time: {partial} documents stored", fraction * 100.0);
    assert!(partial <= 3000);

    let (code, stdout, _) = ingest(&killed, &[&corpus], &["--quiet", "--batch", "64"]);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with(&format!("read 3000  stored {}  duplicates {partial}", 3000 - partial)), "{stdout}");
    assert_eq!(rows(&killed), expected);
}

#[test]
fn search_finds_variants_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        ("a", "one", "2022-01-20", "حاول مسلحون إقتحام السجن المركزي فجر الخميس."),
        ("b", "two", "2022-01-21", "تواصلت الاشتباكات بعد الاقتحام الفاشل للمبنى والاقتحام الثاني."),
        ("c", "one", "2022-01-23", "قالت القوات إنها تصدت لمحاولة باقتحام الحاجز."),
        ("d", "two", "2022-01-22", "ارتفعت أسعار الذهب في الأسواق المحلية."),
    ];
    let jsonl: String = lines
        .iter()
        .map(|(id, outlet, date, text)| {
            format!("{}\n", serde_json::json!({"id": id, "outlet": outlet, "date": date, "text": text}))
        })
        .collect();
    let corpus = write(dir.path(), "c.jsonl", jsonl.as_bytes());
    let db = dir.path().join("m.db");
    assert_eq!(ingest(&db, &[&corpus], &[]).0, Some(0));
    let search = |args: &[&str]| -> Vec<String> {
        let out = marsad().arg("search").args(args).arg("--json").arg("--db").arg(&db).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let mut ids: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    for q in ["اقتحام", "إقتحام", "والاقتحام", "باقتحام", "الإقتحام"] {
        assert_eq!(search(&[q]), vec!["a", "b", "c"], "{q}");
    }
    assert_eq!(search(&["اقتحام", "--outlet", "one"]), vec!["a", "c"]);
    assert_eq!(search(&["اقتحام", "--since", "2022-01-21", "--until", "2022-01-22"]), vec!["b"]);
    assert_eq!(search(&["اقتحام", "--limit", "1"]).len(), 1);
    assert_eq!(search(&["اقتحام", "--event-type", "Battles", "--actor", "no_such_actor"]), Vec::<String>::new());
    let out = marsad().args(["search", "إقتحام", "--db"]).arg(&db).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[إقتحام]") && text.contains("[والاقتحام]") && text.contains("[باقتحام]"), "{text}");
}

#[test]
fn event_exports_read_from_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        ("air", "2022-01-22", "قتل ثلاثة مدنيين وأصيب خمسة آخرون في غارة جوية استهدفت سوقا شعبية في مدينة إدلب، يوم الجمعة 21 كانون الثاني 2022، بحسب الدفاع المدني."),
        ("gold", "2022-01-22", "ارتفعت أسعار الذهب في الأسواق المحلية خلال الأسبوع الماضي."),
    ];
    let jsonl: String = lines
        .iter()
        .map(|(id, date, text)| format!("{}\n", serde_json::json!({"id": id, "date": date, "text": text})))
        .collect();
    let corpus = write(dir.path(), "c.jsonl", jsonl.as_bytes());
    let db = dir.path().join("m.db");
    assert_eq!(ingest(&db, &[&corpus], &["--quiet"]).0, Some(0));
    let export = |format: &str| {
        let out = marsad().args(["export", "--format", format, "--db"]).arg(&db).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };

    let csv_bytes = export("acled-csv");
    let mut csv = csv::Reader::from_reader(csv_bytes.as_slice());
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header, marsad_extract::acled::COLUMNS);
    let rows: Vec<csv::StringRecord> = csv.records().map(|r| r.unwrap()).collect();
    assert!(!rows.is_empty(), "{}", String::from_utf8_lossy(&csv_bytes));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for r in &rows {
        assert_eq!(r.len(), header.len());
        assert_eq!(&r[col("event_type")], "Explosions/Remote violence", "{r:?}");
        assert_eq!(&r[col("country")], "Syria");
        assert_eq!(&r[col("event_date")], "2022-01-21");
        assert!(r[col("latitude")].parse::<f64>().is_ok() && r[col("longitude")].parse::<f64>().is_ok());
    }

    let geo: serde_json::Value = serde_json::from_slice(&export("geojson")).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), rows.len());
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c.len(), 2);
        let (lon, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat), "{c:?}");
        assert_eq!(f["properties"]["doc"], "air");
    }
}

#[test]
fn reanalyze_replaces_stale_extractions_once() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = write(dir.path(), "corpus.jsonl", synthetic_corpus(40).as_bytes());
    let db = dir.path().join("m.db");
    let (code, stdout, _) = ingest(&db, &[&corpus], &["--quiet"]);
    assert_eq!(code, Some(0));
    assert!(!stdout.contains("stale"), "{stdout}");
    let current = rows(&db);
    let count = |sql: &str| -> i64 {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.query_row(sql, [], |r| r.get(0)).unwrap()
    };
    let claims = count("SELECT count(*) FROM claims");
    assert!(claims > 0);

    // What an older extractor would have left: another version, no claims for 10 documents.
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "UPDATE documents SET extractor = 'old', analysis = json_set(analysis, '$.claims', json('[]')) WHERE id <= 10;
             DELETE FROM claims WHERE doc <= 10;",
        )
        .unwrap();
    }
    assert!(count("SELECT count(*) FROM claims") < claims);
    assert_ne!(rows(&db), current);

    // A plain ingest skips them and says they are stale.
    let (code, stdout, _) = ingest(&db, &[&corpus], &["--quiet"]);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("read 40  stored 0  duplicates 40"), "{stdout}");
    assert!(stdout.contains("stale 10:"), "{stdout}");

    // --reanalyze brings exactly those back to what a fresh ingest gives.
    let (code, stdout, _) = ingest(&db, &[&corpus], &["--quiet", "--reanalyze"]);
    assert_eq!(code, Some(0));
    assert!(stdout.starts_with("read 40  stored 0  duplicates 40"), "{stdout}");
    assert!(stdout.contains("reanalyzed 10 "), "{stdout}");
    assert!(!stdout.contains("stale"), "{stdout}");
    assert_eq!(count("SELECT count(*) FROM claims"), claims);
    assert_eq!(count("SELECT count(*) FROM documents"), 40);
    assert_eq!(rows(&db), current);

    // Done once, nothing left to do.
    let (_, stdout, _) = ingest(&db, &[&corpus], &["--quiet", "--reanalyze"]);
    assert!(stdout.contains("reanalyzed 0 "), "{stdout}");
}
