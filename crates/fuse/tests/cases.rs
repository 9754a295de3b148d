//! Data-driven tests: `testdata/stories.toml` (grouping, near-duplicates, slot verdicts),
//! `testdata/rules.toml` (the contradiction rule pair by pair), `testdata/zero.toml` ("all" /
//! "none" read as zero). Every case is a synthetic report written for this project.

use marsad_core::{
    ActorId, Attribution, Claim, ClaimKind, DateRange, DocId, Document, Interval, Metadata, Qualifier, Span,
};
use marsad_extract::analyze;
use marsad_fuse::slots::{relate, Compared, Relation};
#[path = "support/synthetic.rs"]
#[allow(dead_code)]
mod synthetic;

use marsad_fuse::{fuse, Basis, Options};
use marsad_lexicon::Lexicon;
use serde::Deserialize;
use std::collections::BTreeSet;
use synthetic::{build, ReportSpec};

#[derive(Deserialize)]
struct StoryFile {
    case: Vec<StoryCase>,
}

#[derive(Deserialize)]
struct StoryCase {
    name: String,
    report: Vec<ReportSpec>,
    expected: StoryExpected,
}

#[derive(Deserialize)]
struct StoryExpected {
    stories: Vec<Vec<String>>,
    #[serde(default)]
    near_duplicates: Vec<[String; 2]>,
    #[serde(default)]
    slot: Vec<SlotExpected>,
}

#[derive(Deserialize)]
struct SlotExpected {
    kind: String,
    group: String,
    status: String,
    /// the slot's place, when the case has several slots of one kind and group
    place: Option<String>,
    /// `conflict` when given, else true exactly for a contradiction or a move by 2x or more
    conflict: Option<bool>,
    /// how many claims the slot holds
    claims: Option<usize>,
    /// how many of them restate a figure their own report already gave
    restated: Option<usize>,
}

#[test]
fn story_cases() {
    let file: StoryFile = toml::from_str(include_str!("../testdata/stories.toml")).expect("stories.toml");
    let lex = Lexicon::embedded();
    for case in &file.case {
        let analyses = build(&case.report, analyze).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let f = fuse(&analyses, lex, &Options::default());
        let got: BTreeSet<BTreeSet<String>> =
            f.stories.iter().map(|s| s.reports.iter().map(|r| r.doc.to_string()).collect()).collect();
        let want: BTreeSet<BTreeSet<String>> =
            case.expected.stories.iter().map(|s| s.iter().cloned().collect()).collect();
        assert_eq!(got, want, "{}: stories", case.name);
        let dups: BTreeSet<[String; 2]> = f
            .stories
            .iter()
            .flat_map(|s| &s.reports)
            .filter_map(|r| r.near_duplicate_of.as_ref().map(|d| [r.doc.to_string(), d.to_string()]))
            .collect();
        assert_eq!(dups, case.expected.near_duplicates.iter().cloned().collect(), "{}: near-duplicates", case.name);
        for want in &case.expected.slot {
            let slot = f
                .stories
                .iter()
                .flat_map(|s| &s.slots)
                .find(|s| {
                    s.kind.as_str() == want.kind
                        && s.group.actor.as_ref().is_some_and(|g| g == want.group.as_str())
                        && want.place.as_ref().is_none_or(|p| s.place.as_ref().is_some_and(|q| q == p.as_str()))
                })
                .unwrap_or_else(|| panic!("{}: no slot {} {} {:?}", case.name, want.kind, want.group, want.place));
            assert_eq!(slot.status.as_str(), want.status, "{}: slot {}: {}", case.name, slot.label, slot.reason);
            let flagged = want.status == "contradiction" || slot.pairs.iter().any(|p| p.basis == Basis::Factor2);
            assert_eq!(slot.conflict, want.conflict.unwrap_or(flagged), "{}: {}", case.name, slot.label);
            if let Some(n) = want.claims {
                assert_eq!(slot.claims.len(), n, "{}: {} claims", case.name, slot.label);
            }
            if let Some(n) = want.restated {
                assert_eq!(slot.claims.iter().filter(|c| c.restated).count(), n, "{}: {}", case.name, slot.label);
            }
        }
    }
}

#[test]
fn story_output_is_deterministic_and_marks_duplicates_out_of_the_count() {
    let file: StoryFile = toml::from_str(include_str!("../testdata/stories.toml")).expect("stories.toml");
    let lex = Lexicon::embedded();
    let analyses = build(&file.case[0].report, analyze).expect("case 0");
    let a = serde_json::to_string(&fuse(&analyses, lex, &Options::default())).unwrap();
    let b = serde_json::to_string(&fuse(&analyses, lex, &Options::default())).unwrap();
    assert_eq!(a, b);
    let f = fuse(&analyses, lex, &Options::default());
    let killed = f.stories[0].slots.iter().find(|s| s.kind == ClaimKind::Killed).expect("killed slot");
    let dup: Vec<_> = killed.claims.iter().filter(|c| c.duplicate).collect();
    assert_eq!(dup.len(), 1, "r4 repeats r2's figure");
    assert_eq!(dup[0].doc, DocId::new("r4"));
    assert!(!dup[0].conflict, "a near-duplicate is not compared");
    // the same event under two names and two action labels is one merged event with both reports
    let storm = f.stories[0].events.iter().find(|e| e.reports.len() >= 2).expect("merged event");
    let docs: BTreeSet<&str> = storm.reports.iter().map(|r| r.doc.as_str()).collect();
    assert!(docs.contains("r1") && docs.contains("r2"), "{docs:?}");
    assert_eq!(storm.place.as_ref().map(|p| p.as_str()), Some("sinaa_prison"));
    // the zero claim of r3 ("all escapees arrested") is in the escaped slot
    let escaped = f.stories[0].slots.iter().find(|s| s.kind == ClaimKind::Escaped).expect("escaped slot");
    assert!(escaped.claims.iter().any(|c| c.zero_rule.is_some() && c.lo == 0 && c.doc == DocId::new("r3")));
    // a near-duplicate does not name the story
    assert_ne!(f.stories[0].title.as_deref(), Some("هجوم داعش على سجن غويران يوقع قتلى من قسد"));
    // the timeline is in date order
    let dates: Vec<_> = f.stories[0].timeline.iter().filter_map(|t| t.date.map(|d| d.start)).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    assert!(f.stories[0].timeline.iter().any(|t| t.kind == "claim"));
}

#[derive(Deserialize)]
struct RuleFile {
    case: Vec<RuleCase>,
}

#[derive(Deserialize)]
struct RuleCase {
    name: String,
    kind: String,
    a: Side,
    b: Side,
    expected: String,
}

#[derive(Deserialize)]
struct Side {
    lo: u64,
    hi: Option<u64>,
    qualifier: String,
    source: String,
    moment: Option<String>,
    outlet: Option<String>,
}

fn compared(kind: ClaimKind, s: &Side) -> Compared {
    Compared {
        claim: Claim {
            kind,
            group: None,
            role: None,
            interval: Interval { lo: s.lo, hi: s.hi },
            qualifier: Qualifier::parse(&s.qualifier).expect("qualifier"),
            attribution: Attribution { source: ActorId::new(&s.source), cue: None },
            as_of: None,
            place: None,
            number: Span::default(),
            evidence: Span::default(),
            sentence: 0,
            uncertain: false,
        },
        moment: s.moment.as_deref().map(|m| DateRange::parse(m).expect("moment")),
        outlet: s.outlet.clone().unwrap_or_else(|| "outlet".into()),
    }
}

#[test]
fn contradiction_rule_cases() {
    let file: RuleFile = toml::from_str(include_str!("../testdata/rules.toml")).expect("rules.toml");
    let kinds = marsad_fuse::kind_rules();
    for c in &file.case {
        let kind = ClaimKind::parse(&c.kind).expect("kind");
        let rule = kinds(kind);
        for (a, b) in [(&c.a, &c.b), (&c.b, &c.a)] {
            let got = match relate(&compared(kind, a), &compared(kind, b), rule) {
                Relation::Agree => "agree",
                Relation::Moved(_) => "moved",
                Relation::Contradiction { .. } => "contradiction",
            };
            assert_eq!(got, c.expected, "{}", c.name);
        }
    }
}

#[derive(Deserialize)]
struct ZeroFile {
    case: Vec<ZeroCase>,
}

#[derive(Deserialize)]
struct ZeroCase {
    name: String,
    text: String,
    context: String,
    expected: Vec<ZeroExpected>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct ZeroExpected {
    kind: String,
    source: String,
    group: String,
}

#[test]
fn zero_claim_cases() {
    let file: ZeroFile = toml::from_str(include_str!("../testdata/zero.toml")).expect("zero.toml");
    let lex = Lexicon::embedded();
    for c in &file.case {
        let text = format!("{}\n{}", c.context, c.text);
        let a = analyze(Document { id: DocId::new("t"), text: text.clone(), given: Metadata::default() });
        let got: Vec<ZeroExpected> = marsad_fuse::zero::find(&a, lex)
            .into_iter()
            .map(|z| {
                assert!(c.text.contains(a.text(z.claim.evidence)), "{}: evidence inside the sentence", c.name);
                assert_eq!(z.claim.interval, Interval::exact(0));
                ZeroExpected {
                    kind: z.claim.kind.as_str().into(),
                    source: z.claim.attribution.source.to_string(),
                    group: z.claim.group.map(|g| g.to_string()).unwrap_or_default(),
                }
            })
            .collect();
        assert_eq!(got, c.expected, "{}", c.name);
    }
}

#[test]
fn own_voice_of_two_outlets_is_two_sources() {
    let kinds = marsad_fuse::kind_rules();
    let side = |outlet: &str, lo: u64, moment: &str| Side {
        lo,
        hi: Some(lo),
        qualifier: "exact".into(),
        source: "article".into(),
        moment: Some(moment.into()),
        outlet: Some(outlet.into()),
    };
    let (a, b) = (side("sahifa", 12, "2023-01-03"), side("qanat", 18, "2023-01-05"));
    match relate(&compared(ClaimKind::Killed, &a), &compared(ClaimKind::Killed, &b), kinds(ClaimKind::Killed)) {
        Relation::Moved(reason) => assert!(reason.contains("changed between reports"), "{reason}"),
        other => panic!("expected moved, got {other:?}"),
    }
    let c = side("sahifa", 18, "2023-01-05");
    match relate(&compared(ClaimKind::Killed, &a), &compared(ClaimKind::Killed, &c), kinds(ClaimKind::Killed)) {
        Relation::Moved(reason) => assert!(reason.contains("same source (sahifa)"), "{reason}"),
        other => panic!("expected moved, got {other:?}"),
    }
}
