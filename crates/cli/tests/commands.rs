//! The commands agree with each other: `--format` is always the output format, every option
//! says what it does, `entity` takes several names in the forms people type them, and a
//! mistyped path leaves nothing behind.

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

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = marsad().args(args).output().unwrap();
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// The `# NAME` headings and record ids `marsad entity` printed.
fn entity_lines(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter(|l| !l.starts_with('\t'))
        .map(|l| if l.starts_with('#') { l.to_owned() } else { l.split('\t').take(2).collect::<Vec<_>>().join(" ") })
        .collect()
}

#[test]
fn entity_looks_up_each_name_in_arabic_english_or_singular() {
    let (code, out, err) = run(&["entity", "قسد", "حوثي", "Houthis", "دير", "الزور"]);
    assert_eq!(code, Some(0), "{err}");
    let lines = entity_lines(&out);
    let heads: Vec<&String> = lines.iter().filter(|l| l.starts_with('#')).collect();
    assert_eq!(heads, ["# قسد", "# حوثي", "# Houthis", "# دير الزور"], "{out}");
    let after = |head: &str| lines[lines.iter().position(|l| l == head).unwrap() + 1].clone();
    assert_eq!(after("# قسد"), "actor sdf");
    assert_eq!(after("# حوثي"), "actor houthis");
    assert_eq!(after("# Houthis"), "actor houthis");
    assert!(after("# دير الزور").starts_with("place deir_ez_zor"), "{out}");

    let (code, out, err) = run(&["entity", "داعش", "كلمةمجهولة"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("actor\tisis\t"), "{out}");
    assert_eq!(err.trim(), "marsad: no actor, place or generic word in the lexicon is named \"كلمةمجهولة\"");
}

/// Option lines of a `--help` page and whether each has a description.
fn undescribed(help: &str) -> Vec<String> {
    let lines: Vec<&str> = help.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let t = l.trim_start();
        if !(t.starts_with("--") || (t.starts_with('-') && t.chars().nth(1).is_some_and(char::is_alphabetic))) {
            continue;
        }
        // clap puts a description after the option on its line (short help) or on the next
        // (long help); a default value alone (`[default: marsad.db]`) describes nothing.
        let rest = t.split_once("  ").map_or("", |(_, r)| r.trim());
        let inline = !rest.is_empty() && !rest.starts_with('[');
        let next = lines.get(i + 1).is_some_and(|n| {
            let m = n.trim();
            n.starts_with("          ") && !m.is_empty() && !m.starts_with('[') && !m.starts_with('-')
        });
        if !inline && !next {
            out.push(t.to_owned());
        }
    }
    out
}

#[test]
fn every_option_of_search_and_export_is_described() {
    for cmd in ["search", "export"] {
        for flag in ["-h", "--help"] {
            let (code, help, _) = run(&[cmd, flag]);
            assert_eq!(code, Some(0));
            assert_eq!(undescribed(&help), Vec::<String>::new(), "marsad {cmd} {flag}:\n{help}");
            assert!(help.contains("--db") && help.contains("--format"), "{help}");
        }
    }
}

#[test]
fn format_names_the_output_and_ingest_reads_with_input_format() {
    let (_, help, _) = run(&["ingest", "--help"]);
    assert!(help.contains("--input-format <FORMAT>"), "{help}");
    assert!(!help.contains("--format"), "ingest's --format is a hidden alias now:\n{help}");
    let (_, help, _) = run(&["search", "--help"]);
    assert!(!help.contains("--json"), "{help}");

    let dir = tempfile::tempdir().unwrap();
    // A JSON lines file without the extension: read as text unless told.
    let line = serde_json::json!({"id": "r1", "text": "اعتقلت دورية ثلاثة مطلوبين في مداهمة ليلية."});
    let src = write(dir.path(), "feed.dump", format!("{line}\n").as_bytes());
    for (flag, db) in [("--input-format", "a.db"), ("--format", "b.db")] {
        let db = dir.path().join(db);
        let (code, out, err) =
            run(&["ingest", "--quiet", flag, "jsonl", "--db", db.to_str().unwrap(), src.to_str().unwrap()]);
        assert_eq!(code, Some(0), "{flag}: {err}");
        assert!(out.starts_with("read 1  stored 1"), "{flag}: {out}");
        let (code, out, err) = run(&["export", "--format", "json", "--db", db.to_str().unwrap()]);
        assert_eq!(code, Some(0), "{err}");
        let docs: serde_json::Value = serde_json::from_str(&out).expect("export --format json is one JSON array");
        assert_eq!(docs.as_array().map(|a| a.len()), Some(1));
        assert_eq!(docs[0]["doc"]["id"], "r1", "read as JSON lines with {flag}");
    }

    let db = dir.path().join("a.db");
    let db = db.to_str().unwrap();
    let (code, out, _) = run(&["search", "مطلوبين", "--format", "json", "--db", db]);
    assert_eq!(code, Some(0));
    let hit: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(hit["id"], "r1");
    let (_, old, _) = run(&["search", "مطلوبين", "--json", "--db", db]);
    assert_eq!(old, out, "--json still works");
}

#[test]
fn help_lists_both_benchmarks() {
    let (_, help, _) = run(&["--help"]);
    let bench = help.lines().find(|l| l.trim_start().starts_with("bench")).unwrap();
    assert!(bench.contains("text") && bench.contains("extract"), "{bench}");
    let (_, help, _) = run(&["bench", "--help"]);
    assert!(help.lines().next().is_some_and(|l| l.contains("extract")), "{help}");
}

#[test]
fn ingest_of_a_missing_path_creates_no_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let missing = dir.path().join("no-such-corpus.jsonl");
    let (code, out, err) = run(&["ingest", "--quiet", "--db", db.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert_eq!(out, "");
    assert!(err.contains("no-such-corpus.jsonl: cannot read"), "{err}");
    assert!(err.contains("nothing to read"), "{err}");
    assert!(!db.exists(), "no database file for nothing read");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // One real source among missing ones: the store is made and the missing ones named.
    let real = write(dir.path(), "r.txt", "اعتقلت دورية ثلاثة مطلوبين في مداهمة ليلية.".as_bytes());
    let (code, out, err) =
        run(&["ingest", "--quiet", "--db", db.to_str().unwrap(), missing.to_str().unwrap(), real.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    assert!(out.starts_with("read 1  stored 1"), "{out}");
    assert!(err.contains("no-such-corpus.jsonl: cannot read"), "{err}");
    assert!(db.exists());
}

/// Run marsad with its standard output on a pseudo-terminal, as a person at a terminal does;
/// what it wrote there, with the terminal's `\r\n` back to `\n`.
#[cfg(unix)]
fn on_a_terminal(args: &[&std::ffi::OsStr]) -> String {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new file descriptors, which are owned below and nowhere else.
    let rc =
        unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    let (mut master, slave) = unsafe { (std::fs::File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("marsad"))
        .args(args)
        .stdout(std::process::Stdio::from(slave))
        .spawn()
        .unwrap();
    // Reading ends with an error (EIO) once the child has closed the terminal's last handle.
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = master.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    assert!(child.wait().unwrap().success());
    String::from_utf8(out).unwrap().replace("\r\n", "\n")
}

#[cfg(unix)]
#[test]
fn json_lines_are_indented_on_a_terminal_and_one_per_line_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let report = write(dir.path(), "r.txt", "اعتقلت دورية ثلاثة مطلوبين في مداهمة ليلية.".as_bytes());
    let args = ["extract".as_ref(), "--format".as_ref(), "gold".as_ref(), report.as_os_str()];
    let piped = marsad().args(args).output().unwrap();
    let piped = String::from_utf8(piped.stdout).unwrap();
    assert_eq!(piped.lines().count(), 1, "one object per line in a pipe: {piped}");
    let shown = on_a_terminal(&args);
    assert!(shown.lines().count() > 10 && shown.contains("\n  \"doc\": \"r.txt\""), "indented on a terminal: {shown}");
    let a: serde_json::Value = serde_json::from_str(&piped).unwrap();
    let b: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(a, b, "the same object either way");
}
