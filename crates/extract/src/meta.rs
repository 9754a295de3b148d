//! Publication metadata guessed from the text itself: title, date, byline, outlet.

use crate::Context;
use marsad_core::Metadata;

/// Guess metadata from the text. Fields the source gave are filled in by the caller.
pub fn extract(ctx: &Context) -> Metadata {
    let title = ctx
        .layer
        .sentences
        .first()
        .filter(|s| s.kind == marsad_core::SentenceKind::Headline)
        .map(|s| ctx.text(s.span).trim().to_string());
    Metadata { title, ..Metadata::default() }
}
