//! Clitic analysis for matching: which letters before and after a stem are clitics.
//!
//! Design decision: matching never strips letters off a word blindly (ولاية is not و + لاية,
//! بغداد is not ب + غداد). [`analyze`] offers every grammatical split of a normalized word
//! into proclitics, stem and pronoun suffix whose stem keeps a minimum length, the unsplit
//! word first; the caller keeps the split whose [`Segmentation::lookup_form`] its lexicon
//! knows. The proclitic grammar is the closed Arabic one:
//!
//! ```text
//! [و|ف] ( [ب|ك|ل] [ال] | س )   stem   [pronoun suffix]
//! ```
//!
//! with ل + ال written لل (للجيش), and ل + ال + a stem starting with ل written with two lams
//! (للجنة = ل + اللجنة). A pronoun suffix can hide the end of the stem: ة is written ت
//! (حكومته → حكومة) and the ن of a plural or dual falls (مقاتليه → مقاتلين, مقاتلوهم →
//! مقاتلون, جندياه → جنديان); such splits say which letter to restore ([`Restore`]).

/// Proclitic sequences (normalized forms) allowed before a noun or name. `ال` is not here:
/// lexicon names carry their article themselves.
pub const PROCLITICS: &[&str] = &["", "و", "ف", "ب", "ك", "ل", "وب", "فب", "ول", "فل", "وك", "فك"];

/// Pronoun suffixes (normalized forms) allowed after a noun or name.
pub const SUFFIXES: &[&str] = &["", "ه", "ها", "هم", "هما", "هن", "ي", "نا", "كم", "كما", "كن", "ك"];

/// Shortest stem [`analyze`] offers, in characters.
pub const MIN_STEM_CHARS: usize = 2;

/// Whether `s` is an allowed proclitic sequence (the empty string is).
pub fn is_proclitic_seq(s: &str) -> bool {
    PROCLITICS.contains(&s)
}

/// Whether `s` is an allowed pronoun suffix (the empty string is).
pub fn is_pronoun_suffix(s: &str) -> bool {
    SUFFIXES.contains(&s)
}

/// Conjunction proclitic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Conj {
    /// و
    Wa,
    /// ف
    Fa,
}

/// Preposition proclitic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prep {
    /// ب
    Bi,
    /// ك
    Ka,
    /// ل
    Li,
}

/// The proclitics of one split, outermost first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Proclitics {
    pub conj: Option<Conj>,
    pub prep: Option<Prep>,
    /// The future particle س (before an imperfect verb).
    pub future: bool,
    /// The article ال.
    pub article: bool,
}

impl Proclitics {
    /// Number of clitics.
    pub fn count(&self) -> usize {
        self.conj.is_some() as usize + self.prep.is_some() as usize + self.future as usize + self.article as usize
    }
}

/// What the pronoun suffix hid at the end of the stem.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Restore {
    /// The stem is as written.
    #[default]
    None,
    /// The final ت of the stem is a ta marbuta (normalized ه): حكومت|ه → حكومه.
    TaMarbuta,
    /// A plural or dual ن fell before the suffix: مقاتلي|ه → مقاتلين.
    Nun,
}

/// One split of a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Segmentation<'a> {
    pub proclitics: Proclitics,
    /// The letters of the word the proclitics take (`وبال`, `لل`).
    pub prefix: &'a str,
    /// The stem as written, without the article.
    pub stem: &'a str,
    /// The pronoun suffix as written (empty if none).
    pub suffix: &'a str,
    pub restore: Restore,
}

impl Segmentation<'_> {
    /// The form to look up: the stem with its hidden letter restored, with the article if the
    /// word has one (`وبالحسكه` → `الحسكه`, `للجيش` → `الجيش`, `مقاتليه` → `مقاتلين`).
    pub fn lookup_form(&self) -> String {
        let mut s = String::with_capacity(self.stem.len() + 6);
        if self.proclitics.article {
            s.push_str("ال");
        }
        match self.restore {
            Restore::None => s.push_str(self.stem),
            Restore::TaMarbuta => {
                s.push_str(self.stem.strip_suffix('ت').unwrap_or(self.stem));
                s.push('ه');
            }
            Restore::Nun => {
                s.push_str(self.stem);
                s.push('ن');
            }
        }
        s
    }

    /// Whether nothing was split off.
    pub fn is_whole(&self) -> bool {
        self.prefix.is_empty() && self.suffix.is_empty() && self.restore == Restore::None
    }
}

/// Candidate splits of a normalized word: the word itself first, then splits by increasing
/// number of letters split off, whose stems have at least [`MIN_STEM_CHARS`] characters.
pub fn analyze(word: &str) -> Vec<Segmentation<'_>> {
    analyze_with(word, MIN_STEM_CHARS)
}

/// [`analyze`] with a chosen minimum stem length in characters.
pub fn analyze_with(word: &str, min_stem: usize) -> Vec<Segmentation<'_>> {
    // The word itself always comes first, whatever its length.
    let mut out = vec![Segmentation {
        proclitics: Proclitics::default(),
        prefix: "",
        stem: word,
        suffix: "",
        restore: Restore::None,
    }];
    for (proclitics, prefix_len, stem_start) in prefixes(word) {
        let rest = &word[stem_start..];
        let prefix = &word[..prefix_len];
        for (suffix_start, restore) in suffixes(rest) {
            let stem = &rest[..suffix_start];
            // The article alone is not a stem (وال).
            if stem.chars().count() < min_stem || stem == "ال" {
                continue;
            }
            if proclitics.future && !stem.starts_with(['ي', 'ت', 'ن', 'ا']) {
                continue;
            }
            let seg = Segmentation { proclitics, prefix, stem, suffix: &rest[suffix_start..], restore };
            if !seg.is_whole() {
                out.push(seg);
            }
        }
    }
    // Stable: keeps the grammar order within equal lengths.
    out.sort_by_key(|s| s.prefix.len() + s.suffix.len() + (s.restore != Restore::None) as usize);
    out
}

/// Proclitic splits of `word`: (proclitics, bytes of the prefix, byte where the stem starts).
/// The stem usually starts where the prefix ends, except in ل + ال + ل… (للجنه), where the
/// article's lam is the stem's first letter.
fn prefixes(word: &str) -> Vec<(Proclitics, usize, usize)> {
    let mut out = vec![(Proclitics::default(), 0, 0)];
    let conjs: [(Option<Conj>, &str); 3] = [(None, ""), (Some(Conj::Wa), "و"), (Some(Conj::Fa), "ف")];
    for (conj, c) in conjs {
        let Some(after_conj) = word.strip_prefix(c) else { continue };
        let base = c.len();
        let mids: [(Option<Prep>, bool, &str); 5] = [
            (None, false, ""),
            (Some(Prep::Bi), false, "ب"),
            (Some(Prep::Ka), false, "ك"),
            (Some(Prep::Li), false, "ل"),
            (None, true, "س"),
        ];
        for (prep, future, m) in mids {
            let Some(after_mid) = after_conj.strip_prefix(m) else { continue };
            let mid_end = base + m.len();
            let p = Proclitics { conj, prep, future, article: false };
            // Before ال (other than after ل, which drops its alef), the split with the article
            // is the one to offer: و + الحسكه is و + ال + حسكه.
            let article_follows = !future && prep != Some(Prep::Li) && after_mid.starts_with("ال");
            if mid_end > 0 && !article_follows {
                out.push((p, mid_end, mid_end));
            }
            if future {
                continue;
            }
            let article = Proclitics { article: true, ..p };
            if prep == Some(Prep::Li) {
                // ل + ال → لل; ل + ال + ل… → لل… with the stem's lam kept.
                if after_mid.starts_with('ل') {
                    let l = 'ل'.len_utf8();
                    out.push((article, mid_end + l, mid_end + l));
                    out.push((article, mid_end, mid_end));
                }
            } else if after_mid.starts_with("ال") {
                let e = mid_end + "ال".len();
                out.push((article, e, e));
            }
        }
    }
    out
}

/// Suffix splits of a stem candidate: (byte where the suffix starts, restore).
fn suffixes(rest: &str) -> Vec<(usize, Restore)> {
    let mut out = vec![(rest.len(), Restore::None)];
    for s in SUFFIXES.iter().filter(|s| !s.is_empty()) {
        let Some(stem) = rest.strip_suffix(s) else { continue };
        out.push((stem.len(), Restore::None));
        if stem.ends_with('ت') {
            out.push((stem.len(), Restore::TaMarbuta));
        }
        // The ن of a sound plural (ـون، ـين) or dual (ـان، ـين) falls before a suffix.
        if *s != "ي" && stem.ends_with(['ي', 'و', 'ا']) {
            out.push((stem.len(), Restore::Nun));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(word: &str) -> Vec<String> {
        analyze(word).iter().map(Segmentation::lookup_form).collect()
    }

    #[test]
    fn known_sequences() {
        assert!(is_proclitic_seq("وب"));
        assert!(is_proclitic_seq(""));
        assert!(!is_proclitic_seq("وا"));
        assert!(is_pronoun_suffix("هم"));
        assert!(!is_pronoun_suffix("ات"));
    }

    #[test]
    fn the_unsplit_word_comes_first() {
        for w in ["ولايه", "بغداد", "لبنان", "وزير", "فرنسا", "بيان", "الحسكه"] {
            let a = analyze(w);
            assert!(a[0].is_whole(), "{w}");
            assert_eq!(a[0].lookup_form(), w);
        }
    }

    #[test]
    fn lam_with_article() {
        assert!(forms("للجيش").contains(&"الجيش".to_string()));
        assert!(forms("للجنه").contains(&"اللجنه".to_string()));
        assert!(forms("وللحكومه").contains(&"الحكومه".to_string()));
        assert!(!forms("لبنان").iter().any(|f| f.starts_with("ال")));
    }

    #[test]
    fn future_particle_only_before_an_imperfect() {
        assert!(analyze("سيقتل").iter().any(|s| s.proclitics.future && s.stem == "يقتل"));
        assert!(!analyze("سوريا").iter().any(|s| s.proclitics.future));
    }
}
