//! Word shapes of Arabic morphology that the extraction asks about.

/// Whether a word as written (with or without the article) has the shape of a verbal noun of
/// a derived verb form: تفعيل (تعزيز، تطوير، تنمية), إفعال (إصلاح، إنشاء), or مفاعلة
/// (مساعدة، مكافحة). These name acts (to strengthen, to reform, to help), so after a verb of
/// aiming (يستهدف تعزيز ...) they are what is aimed at, not a target that is hit.
///
/// إفعال counts only with its hamza written below (إصلاح): written اصلاح it has the shape of the
/// plural أفعال (أحياء، أطفال، أسواق), which names what is struck. Shapes only: a name of the
/// same shape (تكريت) passes too, so callers ask it of words no lexicon mention covers.
pub fn is_derived_verbal_noun(word: &str) -> bool {
    let stem = word.strip_prefix("ال").unwrap_or(word);
    let mut c = [' '; 7];
    let mut n = 0;
    for ch in stem.chars() {
        if n == c.len() {
            return false;
        }
        c[n] = if ch == 'ة' { 'ه' } else { ch };
        n += 1;
    }
    match n {
        // تفعيل، تفعلة; إفعال
        5 => (c[0] == 'ت' && c[3] == 'ي') || (c[0] == 'إ' && c[3] == 'ا'),
        // مفاعلة
        6 => c[0] == 'م' && c[2] == 'ا' && c[5] == 'ه',
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_verbal_nouns_are_told_from_nouns_of_things() {
        for w in ["تعزيز", "التطوير", "تنمية", "تنميه", "إصلاح", "إنشاء", "الإيجاد", "مساعدة", "المكافحة"]
        {
            assert!(is_derived_verbal_noun(w), "{w}");
        }
        // Things and places that are struck: plurals, nouns of other shapes, short words.
        for w in ["مواقع", "تعزيزات", "التجمعات", "مستشفى", "حاجز", "مقر", "القوات", "منازل", "احتفال", ""]
        {
            assert!(!is_derived_verbal_noun(w), "{w}");
        }
        // Plurals أفعال: with أ, or with a bare alef that may be either.
        for w in ["أحياء", "الأطفال", "أسواق", "احياء", "اصلاح"] {
            assert!(!is_derived_verbal_noun(w), "{w}");
        }
    }
}
