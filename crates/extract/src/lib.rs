//! The extraction stage: from a document's text layer and entity mentions to metadata,
//! dates, claims and events, each with the span of its evidence.
//!
//! [`analyze`] runs the stages in order; each stage is a module with one job and reads what
//! the earlier ones found through a [`Context`]. [`gold`] renders an [`Analysis`] in the
//! analyst view of `shared/eval/SCHEMA.md`.

pub mod acled;
pub mod attribution;
pub mod claims;
pub mod dates;
pub mod events;
pub mod geojson;
pub mod gold;
pub mod meta;
pub mod page;
pub mod score;
pub mod triggers;
pub mod view;
pub mod vocab;

use marsad_core::{Analysis, Document};
use marsad_lexicon::{find_mentions, Lexicon, Mentions};
use marsad_text::TextLayer;

/// What every extraction stage may read.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub layer: &'a TextLayer,
    pub mentions: &'a Mentions,
    pub lexicon: &'static Lexicon,
}

impl Context<'_> {
    /// The original text under a span.
    pub fn text(&self, span: marsad_core::Span) -> &str {
        span.slice(&self.doc.text).unwrap_or("")
    }
}

/// Run the whole extraction pipeline over one document.
pub fn analyze(doc: Document) -> Analysis {
    let layer = TextLayer::new(&doc.text);
    let mentions = find_mentions(&layer);
    let ctx = Context { doc: &doc, layer: &layer, mentions: &mentions, lexicon: Lexicon::embedded() };
    let meta = doc.given.clone().or(meta::extract(&ctx));
    let dates = dates::find(&ctx, meta.published);
    let claims = claims::find(&ctx, &dates);
    let events = events::find(&ctx, meta.published, &dates, &claims);
    let sentences = layer.sentences.clone();
    let (actors, places) = (mentions.actors, mentions.places);
    Analysis { doc, meta, sentences, actors, places, dates, claims, events }
}
