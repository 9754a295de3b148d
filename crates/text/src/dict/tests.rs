use super::*;
use crate::normalize::normalize_str;
use proptest::prelude::*;

/// A match as a comparable tuple: (word start, start, end, word end, entry, proclitics, elided,
/// ending, restore).
type Found = (usize, usize, usize, usize, usize, Proclitics, bool, Ending, Restore);

fn key<V>(m: &Match<'_, V>) -> Found {
    (m.word_start, m.start, m.end, m.word_end, m.entry, m.proclitics, m.elided, m.ending, m.restore)
}

fn scan<V>(d: &Dict<V>, text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    d.scan(text, |m| out.push(key(&m)));
    out
}

/// The normalized words a text scan finds, with their values.
fn words<V: Copy>(d: &Dict<V>, text: &str) -> Vec<(String, V)> {
    let mut out = Vec::new();
    d.scan(text, |m| out.push((text[m.start..m.end].to_string(), *m.value)));
    out
}

const NAME: Clitics = Clitics::NOUN;
/// A noun listed without its article (a trigger noun).
const NOUN: Clitics = Clitics { article: true, endings: Endings::PRONOUN.with(Endings::ACCUSATIVE), ..Clitics::NOUN };
const VERB: Clitics =
    Clitics { conj: true, preps: Preps::LI, future: true, imperfect: true, endings: Endings::PRONOUN, ..Clitics::BARE };

fn dict(entries: &[(&str, Clitics)]) -> Dict<usize> {
    let mut b = Builder::new(Gap::Whitespace);
    for (k, (e, c)) in entries.iter().enumerate() {
        b.add(&normalize_str(e), *c, k);
    }
    b.build()
}

/// The leftmost-longest matches: at each start the longest, none overlapping one kept before.
fn longest(mut found: Vec<(usize, usize, usize)>) -> Vec<usize> {
    found.sort_by_key(|&(s, e, k)| (s, std::cmp::Reverse(e), k));
    let mut out = Vec::new();
    let mut covered = 0;
    for (s, e, k) in found {
        if s >= covered {
            out.push(k);
            covered = e;
        }
    }
    out
}

#[test]
fn a_name_inside_another_word_is_no_match() {
    let d = dict(&[("لاية", NAME), ("ولاية", NAME), ("ولاية سيناء", NAME), ("غداد", NAME), ("بغداد", NAME)]);
    let select = |t: &str| {
        let mut v = Vec::new();
        d.scan(t, |m| v.push((m.start, m.end, *m.value)));
        longest(v)
    };
    // ولاية is a word of its own, not و + لاية; بغداد is the city, not ب + غداد: every reading
    // is reported, and the whole word starts first.
    assert_eq!(select("ولايه"), [1]);
    assert_eq!(select("وولايه سيناء"), [2]);
    assert_eq!(select("بغداد وبغداد"), [4, 4]);
    // Letters before a name that are no proclitics hide it.
    assert!(select("مولايه تبغداد").is_empty());
    assert_eq!(words(&d, "زار بغداد"), [("بغداد".to_string(), 4), ("غداد".to_string(), 3)]);
    // غداد is found after ب only because it is an entry that takes ب: whether the word is read
    // so is the caller's choice among all readings (here: the whole word first).
    let d = dict(&[("غداد", Clitics::BARE)]);
    assert!(words(&d, "زار بغداد").is_empty());
}

#[test]
fn proclitics_and_the_article() {
    let d = dict(&[("الحسكة", NAME), ("قصف", NOUN), ("يقصف", VERB), ("لجنة", NOUN)]);
    let found = |t: &str| -> Vec<(String, usize, Proclitics)> {
        let t = normalize_str(t);
        let mut out = Vec::new();
        d.scan(&t, |m| out.push((t[m.start..m.end].to_string(), *m.value, m.proclitics)));
        out
    };
    let p = |conj, prep, article, future| Proclitics { conj, prep, article, future };
    // A name carries its own article; the preposition goes before it, ل contracts with it.
    assert_eq!(found("وبالحسكة"), [("الحسكه".into(), 0, p(Some(Conj::Wa), Some(Prep::Bi), false, false))]);
    assert_eq!(found("وللحسكة"), [("لحسكه".into(), 0, p(Some(Conj::Wa), Some(Prep::Li), false, false))]);
    // A noun listed bare takes the article from the grammar, with ل as لل.
    assert_eq!(found("فبالقصف"), [("قصف".into(), 1, p(Some(Conj::Fa), Some(Prep::Bi), true, false))]);
    assert_eq!(found("للقصف"), [("قصف".into(), 1, p(None, Some(Prep::Li), true, false))]);
    // ل + ال + لجنة is written للجنة: read both as ل + لجنة and as ل + ال + لجنة, reported once.
    assert_eq!(found("للجنة"), [("لجنه".into(), 3, p(None, Some(Prep::Li), false, false))]);
    // A verb takes the future particle and ل, never the article or ب.
    assert_eq!(found("وسيقصف"), [("يقصف".into(), 2, p(Some(Conj::Wa), None, false, true))]);
    assert_eq!(found("ليقصف"), [("يقصف".into(), 2, p(None, Some(Prep::Li), false, false))]);
    assert!(found("بيقصف").is_empty() && found("اليقصف").is_empty());
    // No article after ل other than as لل, no clitic after the article.
    assert!(found("لالقصف").is_empty());
    assert!(found("البالحسكة").is_empty());
}

#[test]
fn the_elided_article_is_marked() {
    let d = dict(&[("الحسكة", NAME), ("اللجنة", NAME)]);
    let t = "وللحسكه وللجنه بالحسكه";
    let mut found = Vec::new();
    d.scan(t, |m| found.push((&t[m.word_start..m.prefix_end], &t[m.start..m.end], m.elided)));
    assert_eq!(found, [("ول", "لحسكه", true), ("ول", "لجنه", true), ("ب", "الحسكه", false)]);
}

#[test]
fn pronoun_suffixes_and_hidden_letters() {
    let restoring = Clitics { restore: true, ..NAME };
    let d = dict(&[("حكومة", restoring), ("مقاتلين", restoring), ("قوات", NAME), ("بيان", Clitics::PROCLITICS)]);
    let t = normalize_str("حكومته ومقاتليه قواتهم قواتا وبيانه حكومتنا مقاتلي");
    let mut found = Vec::new();
    d.scan(&t, |m| found.push((t[m.start..m.end].to_string(), t[m.end..m.word_end].to_string(), m.restore)));
    assert_eq!(
        found,
        [
            ("حكومت".to_string(), "ه".to_string(), Restore::TaMarbuta),
            ("مقاتلي".to_string(), "ه".to_string(), Restore::Nun),
            ("قوات".to_string(), "هم".to_string(), Restore::None),
            ("حكومت".to_string(), "نا".to_string(), Restore::TaMarbuta),
        ]
    );
    // Without restores, the written ت is no ta marbuta.
    let d = dict(&[("حكومة", NAME)]);
    assert!(scan(&d, &t).is_empty());
}

#[test]
fn endings_by_kind() {
    let d = dict(&[("هجوم", NOUN), ("هجوم", Clitics::PROCLITICS)]);
    let t = "هجوما هجومهم هجومات هجوم";
    let mut found = Vec::new();
    d.scan(t, |m| found.push((&t[m.end..m.word_end], *m.value, m.ending)));
    assert_eq!(
        found,
        [("ا", 0, Ending::Accusative), ("هم", 0, Ending::Pronoun), ("", 0, Ending::None), ("", 1, Ending::None)]
    );
    // A single letter takes no ending; the last word of a phrase does, whatever its length.
    let d = dict(&[("ب", NAME), ("التصدي ل", NAME)]);
    assert!(scan(&d, "به").is_empty());
    assert_eq!(scan(&d, "ب").len(), 1);
    assert_eq!(scan(&d, "التصدي لها").len(), 1);
}

#[test]
fn phrases_run_across_gaps_and_every_match_is_reported() {
    let d = dict(&[("قوات", NAME), ("قوات سوريا الديمقراطية", NAME), ("إطلاق النار", NOUN)]);
    let t = normalize_str("وقوات سوريا\n\n الديمقراطية أوقفت إطلاق  النار، قوات سوريا");
    let found = words(&d, &t);
    assert_eq!(
        found,
        [
            ("قوات".to_string(), 0),
            ("قوات سوريا\n\n الديمقراطيه".to_string(), 1),
            ("اطلاق  النار".to_string(), 2),
            ("قوات".to_string(), 0)
        ]
    );
    // The last word of a phrase takes the ending, the first its proclitics.
    let t = normalize_str("بإطلاق النارهم وإطلاقهم النار");
    assert_eq!(words(&d, &t), [("اطلاق النار".to_string(), 2)]);
    // Gaps as the dictionary reads them.
    for (gap, n) in [(Gap::Space, 0), (Gap::Whitespace, 1), (Gap::Emphasis, 2), (Gap::Quoted, 1)] {
        let mut b = Builder::new(gap);
        b.add("القي القبض علي", Clitics::BARE, ());
        let d = b.build();
        let count = |t: &str| scan(&d, t).len();
        assert_eq!(count("القي  القبض علي") + count("القي **القبض** علي"), n, "{gap:?}");
        assert_eq!(count("القي القبض علي"), 1);
        assert_eq!(count("القي القبض، علي"), 0);
    }
}

#[test]
fn a_quoted_word_inside_a_phrase_reads_as_the_phrase() {
    let mut b = Builder::new(Gap::Quoted);
    b.add("وقف دائم لاطلاق النار", Clitics::BARE, ());
    let d = b.build();
    for t in ["وقف \"دائم\" لاطلاق النار", "وقف «دائم» لاطلاق النار", "وقف “دائم” لاطلاق النار", "وقف دائم لاطلاق النار"]
    {
        assert_eq!(scan(&d, t).len(), 1, "{t}");
    }
    assert_eq!(scan(&d, "وقف دائم، لاطلاق النار").len(), 0);
}

#[test]
fn entries_starting_with_a_quote() {
    let d = dict(&[("\"داعش\"", Clitics::PROCLITICS), ("جيش \"الاسلام\"", Clitics::PROCLITICS)]);
    let t = "و\"داعش\" قال \"داعش\" x\"داعش\" جيش \"الاسلام\" ابو\"داعش\"";
    let found: Vec<&str> = {
        let mut v = Vec::new();
        d.scan(t, |m| v.push(&t[m.start..m.end]));
        v
    };
    // After و and after a space, not after other letters (x, ابو).
    assert_eq!(found, ["\"داعش\"", "\"داعش\"", "جيش \"الاسلام\""]);
}

#[test]
fn word_sequences_and_single_words() {
    let d = dict(&[("من منطقة", NOUN), ("الدفاع عن", Clitics::NOUN)]);
    let w = |s: &str| normalize_str(s);
    let window = [w("قال"), w("ومن"), w("منطقة"), w("الدفاع")];
    assert!(d.in_words(window.iter().map(String::as_str)));
    assert!(!d.in_words(window[2..].iter().map(String::as_str)));
    let window = [w("والدفاع"), w("عنهما")];
    assert!(d.in_words(window.iter().map(String::as_str)));
    let mut n = 0;
    d.at_words(window.iter().map(String::as_str), |m| {
        assert_eq!((m.words, m.end, m.word_end), (2, "والدفاع عن".len(), "والدفاع عنهما".len()));
        n += 1;
    });
    assert_eq!(n, 1);
    let mut found = Vec::new();
    dict(&[("خمسين", Clitics::PROCLITICS)])
        .lookup("وبخمسين", |m| found.push((m.prefix_end, m.proclitics.count())));
    assert_eq!(found, [("وب".len(), 2)]);
}

#[test]
fn a_word_is_read_at_a_token_bound() {
    // A token's end bounds its first word: f16 is no f + 16.
    let d = dict(&[("f", Clitics::NOUN)]);
    let t = "f16 f";
    let mut found = Vec::new();
    d.at(t, 0, 3, |m| found.push(m.end));
    d.at(t, 4, 5, |m| found.push(m.end));
    assert_eq!(found, [5]);
}

#[test]
fn stripping_uses_the_grammar() {
    let all = Clitics { article: true, ..Clitics::PROCLITICS };
    for (w, stem) in [("والاقتحام", "اقتحام"), ("فبالاقتحام", "اقتحام"), ("للاقتحام", "اقتحام"), ("ولبنان", "بنان")]
    {
        assert_eq!(strip_proclitics(w, &all, 3), stem, "{w}");
    }
}

// ------------------------------------------------------------------ the string reference

/// The written forms of an entry's head with the proclitics its kind allows: (letters before
/// the entry, letters of the entry's text dropped after them, the code, elided), by strings.
fn written_heads(entry: &str, c: &Clitics) -> Vec<(String, usize, usize, bool)> {
    let mut out = Vec::new();
    let codes = c.codes(entry.split(' ').next().unwrap_or(""));
    let conjs = [(0, ""), (1, "و"), (2, "ف")];
    let preps = [(1, "ب"), (2, "ك"), (3, "ل")];
    let mut push = |head: String, drop: usize, code: usize, elided: bool| {
        if codes & 1 << code != 0 {
            out.push((head, drop, code, elided));
        }
    };
    for (cj, cs) in conjs {
        push(cs.to_string(), 0, grammar::code(cj, 0, 0), false);
        push(format!("{cs}ال"), 0, grammar::code(cj, 0, 1), false);
        push(format!("{cs}س"), 0, grammar::code(cj, 0, 2), false);
        for (pr, ps) in preps {
            push(format!("{cs}{ps}"), 0, grammar::code(cj, pr, 0), false);
            if pr == 3 {
                push(format!("{cs}لي"), 0, grammar::code(cj, 3, 3), false);
                push(format!("{cs}لت"), 0, grammar::code(cj, 3, 3), false);
                // ل + ال: لل + entry, or ل + entry when it starts with ل.
                push(format!("{cs}لل"), 0, grammar::code(cj, 3, 1), false);
                if entry.starts_with('ل') {
                    push(format!("{cs}ل"), 0, grammar::code(cj, 3, 1), false);
                }
                // ل + an entry's own article: its alef dropped, or its alef and lam when the
                // entry goes on with a lam.
                if let Some(rest) = entry.strip_prefix("ال") {
                    push(format!("{cs}ل"), "ا".len(), grammar::code(cj, 3, 4), true);
                    if rest.starts_with('ل') {
                        push(format!("{cs}ل"), "ال".len(), grammar::code(cj, 3, 4), true);
                    }
                }
            } else {
                push(format!("{cs}{ps}ال"), 0, grammar::code(cj, pr, 1), false);
            }
        }
    }
    out
}

/// Every match of the entries in `text` by string comparison: at each run of letters and each
/// written head of each entry, the text (gaps read as one space) equals the head and the entry,
/// and the rest of the word is an ending the entry's kind allows. Endings hiding a letter are
/// left to the unit tests.
fn reference(entries: &[(String, Clitics)], text: &str) -> Vec<Found> {
    // The text with each whitespace run as one space, and where each byte came from.
    let mut flat = String::new();
    let mut map = Vec::new();
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                flat.push(' ');
                map.push(i);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        flat.push(c);
        map.extend(i..i + c.len_utf8());
    }
    map.push(text.len());
    let orig = |k: usize| map[k];
    let mut out = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut prev_letter = false;
    for (i, c) in flat.char_indices() {
        let letter = is_letter(c);
        // a word may start at any character that does not follow a letter
        if !prev_letter {
            starts.push(i);
        }
        prev_letter = letter;
    }
    for &ws in &starts {
        let starts_letter = flat[ws..].chars().next().is_some_and(is_letter);
        for (k, (entry, c)) in entries.iter().enumerate() {
            // A quick test first: the entry after its first two letters (which an elided article
            // may drop) occurs in the text.
            if !flat.contains(entry.char_indices().nth(2).map_or("", |(i, _)| &entry[i..])) {
                continue;
            }
            for (head, drop, code, elided) in written_heads(entry, c) {
                if !starts_letter && !head.is_empty() {
                    continue;
                }
                let body = &entry[drop..];
                let s = ws + head.len();
                if !flat[ws..].starts_with(&head) || !flat[s..].starts_with(body) {
                    continue;
                }
                // The head must be proclitics of this word: no gap inside it.
                if head.contains(' ') {
                    continue;
                }
                let e = s + body.len();
                let we = flat[e..].char_indices().find(|&(_, ch)| !is_letter(ch)).map_or(flat.len(), |(j, _)| e + j);
                let ending = grammar::ending(&flat.as_bytes()[e..we]);
                let long = entry.contains(' ') || entry.chars().count() >= 2;
                let allowed = ending == Ending::None || (long && c.endings.contains(ending));
                if ending == Ending::Other || !allowed {
                    continue;
                }
                out.push((
                    orig(ws),
                    orig(s),
                    orig(e),
                    orig(we),
                    k,
                    grammar::proclitics(code),
                    elided,
                    ending,
                    Restore::None,
                ));
            }
        }
    }
    out.sort_by_key(|f| (f.0, f.1, f.2, f.4, f.3));
    out.dedup_by_key(|f| (f.0, f.1, f.2, f.4));
    out
}

/// The engine's matches in the reference's order, one reading per (start, end, entry).
fn engine(entries: &[(String, Clitics)], text: &str) -> Vec<Found> {
    let mut b = Builder::new(Gap::Whitespace);
    for (k, (e, c)) in entries.iter().enumerate() {
        b.add(e, *c, k);
    }
    let d = b.build();
    let mut out = scan(&d, text);
    out.sort_by_key(|f| (f.0, f.1, f.2, f.4, f.3));
    out.dedup_by_key(|f| (f.0, f.1, f.2, f.4));
    out
}

/// Entries and kinds the property test draws from.
const ENTRIES: &[&str] = &[
    "الحسكه",
    "اللجنه",
    "لجنه",
    "قصف",
    "يقصف",
    "قوات",
    "قوات سوريا",
    "قوات سوريا الديمقراطيه",
    "سوريا",
    "بيان",
    "ب",
    "هجوم",
    "اطلاق النار",
    "الجيش",
    "جيش",
    "\"داعش\"",
    "ab",
    "اب",
];
const KINDS: &[Clitics] = &[
    Clitics::BARE,
    Clitics::PROCLITICS,
    Clitics::NOUN,
    NOUN,
    VERB,
    Clitics { prep_min_chars: 4, ..Clitics::PROCLITICS },
    Clitics { preps: Preps::BI.with(Preps::LI), endings: Endings::ACCUSATIVE, ..Clitics::PROCLITICS },
    Clitics { own_article: false, ..Clitics::NOUN },
];
/// Pieces texts are glued from.
const PIECES: &[&str] = &[
    "و",
    "ف",
    "ب",
    "ك",
    "ل",
    "ال",
    "لل",
    "س",
    "ي",
    "ه",
    "هم",
    "ا",
    "ات",
    "الحسكه",
    "لجنه",
    "قصف",
    "قوات",
    "سوريا",
    "الديمقراطيه",
    "بيان",
    "هجوم",
    "اطلاق",
    "النار",
    "جيش",
    "\"",
    "داعش",
    "ab",
    " ",
    "  ",
    "\n",
    "،",
    "3",
];

/// Entries of letters the pieces never hold, enough to give a dictionary its dense tables and
/// start filter.
fn fillers() -> Vec<(String, Clitics)> {
    let letters: Vec<char> = "ثذضظغخشصطز".chars().collect();
    let mut out = Vec::new();
    for a in &letters {
        for b in &letters {
            for c in &letters[..3] {
                out.push((format!("{a}{b}{c}"), Clitics::NOUN));
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_engine_finds_what_string_comparison_finds(
        entries in proptest::collection::vec((0..ENTRIES.len(), 0..KINDS.len()), 1..8),
        pieces in proptest::collection::vec(0..PIECES.len(), 0..40),
        dense in any::<bool>(),
    ) {
        let mut entries: Vec<(String, Clitics)> = entries.iter().map(|&(e, k)| (ENTRIES[e].to_string(), KINDS[k])).collect();
        if dense {
            entries.extend(fillers());
        }
        let text: String = pieces.iter().map(|&p| PIECES[p]).collect();
        prop_assert_eq!(engine(&entries, &text), reference(&entries, &text), "{:?}", text);
    }

    #[test]
    fn the_end_filter_keeps_every_word_an_entry_fills(
        entries in proptest::collection::vec((0..ENTRIES.len(), 0..KINDS.len()), 1..8),
        pieces in proptest::collection::vec(0..PIECES.len(), 1..6),
    ) {
        let mut b = Builder::new(Gap::Whitespace);
        for (k, &(e, c)) in entries.iter().enumerate() {
            b.add(ENTRIES[e], KINDS[c], k);
        }
        let d = b.build();
        let word: String = pieces.iter().map(|&p| PIECES[p]).collect();
        let mut fills = false;
        d.lookup(&word, |m| fills |= m.end == word.len() && m.ending == Ending::None);
        prop_assert!(!fills || d.may_end(&word), "{:?}", word);
    }
}

#[test]
fn the_end_filter_reads_the_last_two_letters() {
    let d = dict(&[("خمسين", Clitics::PROCLITICS), ("الحسكه", Clitics::PROCLITICS), ("اب", Clitics::PROCLITICS)]);
    for w in ["خمسين", "وبخمسين", "للحسكه", "لب", "اب"] {
        assert!(d.may_end(&normalize_str(w)), "{w}");
    }
    for w in ["خمسه", "ستون", "قال", "ب"] {
        assert!(!d.may_end(&normalize_str(w)), "{w}");
    }
}

#[test]
fn the_engine_agrees_with_the_reference_on_written_sentences() {
    let mut entries: Vec<(String, Clitics)> =
        ENTRIES.iter().enumerate().map(|(k, e)| (e.to_string(), KINDS[k % KINDS.len()])).collect();
    entries.extend(fillers());
    let texts = [
        "وللحسكه قالت قوات سوريا الديمقراطيه إن قواتهم صدت هجوما على سجن في الحسكه",
        "وبالقصف والقصف للقصف فسيقصف ليقصف بيقصف وللجنه للجنه اللجنه باللجنه",
        "قوات\n\nسوريا  الديمقراطيه و\"داعش\" ab abc ابو\"داعش\" 3قصف قصف3 ،قوات",
    ];
    let mut n = 0;
    for t in texts {
        let t = normalize_str(t);
        let found = engine(&entries, &t);
        assert_eq!(found, reference(&entries, &t), "{t}");
        n += found.len();
    }
    assert!(n > 15, "{n}");
}
