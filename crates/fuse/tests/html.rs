//! The HTML report: one self-contained page, Arabic right-to-left, contradictions marked.

use marsad_extract::analyze;
#[path = "support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use marsad_fuse::{fuse, html, Options};
use marsad_lexicon::Lexicon;
use serde::Deserialize;
use synthetic::{build, ReportSpec};

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    report: Vec<ReportSpec>,
}

fn page() -> String {
    let file: File = toml::from_str(include_str!("../testdata/stories.toml")).expect("stories.toml");
    let analyses = build(&file.case[0].report, analyze).expect("case 0");
    let lex = Lexicon::embedded();
    html::render(&fuse(&analyses, lex, &Options::default()), lex)
}

#[test]
fn page_is_self_contained() {
    let p = page();
    assert!(p.starts_with("<!DOCTYPE html>"));
    for needle in ["<link", "<script src", "@import", "url(", "https://", "http://cdn"] {
        assert!(!p.contains(needle), "page refers to something outside itself: {needle}");
    }
    // the only URL is the SVG namespace
    assert_eq!(p.matches("http://").count(), p.matches("http://www.w3.org/2000/svg").count());
    assert!(p.contains("<svg class=\"map\""), "map is inline SVG");
    assert!(p.matches("<path class=\"unit").count() >= 30, "governorate outlines are drawn");
}

#[test]
fn arabic_is_right_to_left_and_contradictions_are_marked() {
    let p = page();
    assert!(p.contains("<td class=\"ev\" lang=\"ar\" dir=\"rtl\">"));
    assert!(p.contains("<bdi lang=\"ar\" dir=\"rtl\">"), "Arabic runs in English text are isolated");
    assert!(p.contains("<tr class=\"claim conflict\" data-conflict=\"true\">"));
    assert!(p.contains("data-conflict=\"false\""));
    assert_eq!(html::escape("<b a='1'>\"x\" & y</b>"), "&lt;b a=&#39;1&#39;&gt;&quot;x&quot; &amp; y&lt;/b&gt;");
}

#[test]
fn page_is_deterministic() {
    assert_eq!(page(), page());
}

/// A figure from a report that gives no date and has no publication date is marked as such
/// where its date would be; the same figure from a dated report is not.
#[test]
fn undated_figures_are_marked() {
    use marsad_core::{DocId, Document, Metadata};
    let text = "قال مصدر طبي إن خمسة مدنيين قتلوا في قصف مدفعي على بلدة في ريف إدلب.";
    let report = |id: &str, published: Option<&str>| {
        let given = Metadata {
            published: published.map(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").unwrap()),
            ..Metadata::default()
        };
        analyze(Document { id: DocId::new(id), text: text.to_owned(), given })
    };
    let lex = Lexicon::embedded();
    let render = |analyses: &[marsad_core::Analysis]| html::render(&fuse(analyses, lex, &Options::default()), lex);

    let undated = render(&[report("undated.txt", None)]);
    assert_eq!(undated.matches("data-undated=\"true\"").count(), 1, "one undated figure row");
    assert!(undated.contains("<span class=\"tag undated\">undated: the report gives no date"));
    assert!(undated.contains("<b>1</b><span>undated figures</span>"));

    let dated = render(&[report("dated.txt", Some("2022-03-02"))]);
    assert!(dated.contains("<tr class=\"claim"), "the figure is listed");
    assert!(!dated.contains("data-undated"));
    assert!(dated.contains("<b>0</b><span>undated figures</span>"));
}
