use crate::Fusion;
use marsad_lexicon::Lexicon;
pub fn render(_f: &Fusion, _lex: &Lexicon) -> String {
    String::new()
}
