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
pub mod tables;
pub mod triggers;
pub mod view;
pub mod vocab;

use marsad_core::{Analysis, Document, EntityMention};
use marsad_lexicon::{find_entities, find_mentions, Lexicon, Mentions};
use marsad_text::numbers::{find_numbers, NumberMatch};
use marsad_text::TextLayer;
use std::cell::OnceCell;

/// What every extraction stage may read.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub layer: &'a TextLayer,
    pub mentions: &'a Mentions,
    /// The persons, organisations and places the lexicons do not hold (see
    /// [`Context::with_entities`]); empty unless given.
    pub entities: &'a [EntityMention],
    pub lexicon: &'static Lexicon,
    /// The non-empty lines of the text, with page furniture marked (read once: the metadata
    /// and the claims both need them).
    pub lines: Vec<page::Line>,
    /// The numbers of the text (`numbers::find_numbers`), read once on first use: the dates
    /// need them for a few "قبل" + count, the claims for every figure.
    numbers: OnceCell<Vec<NumberMatch>>,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, layer: &'a TextLayer, mentions: &'a Mentions) -> Context<'a> {
        let lines = page::lines_in(&doc.text, &layer.norm);
        Context { doc, layer, mentions, entities: &[], lexicon: Lexicon::embedded(), lines, numbers: OnceCell::new() }
    }

    /// The context with the entities found outside the lexicons: events are placed at such a
    /// place (`place:NAME`) when their clause names no place of the gazetteer.
    pub fn with_entities(self, entities: &'a [EntityMention]) -> Context<'a> {
        Context { entities, ..self }
    }

    /// The numbers of the text, in order and without overlaps.
    pub fn numbers(&self) -> &[NumberMatch] {
        self.numbers_cell().get_or_init(|| find_numbers(self.layer))
    }

    /// The cell [`Context::numbers`] reads: a stage that may not need the numbers fills it only
    /// when it does.
    pub(crate) fn numbers_cell(&self) -> &OnceCell<Vec<NumberMatch>> {
        &self.numbers
    }

    /// The original text under a span.
    pub fn text(&self, span: marsad_core::Span) -> &str {
        span.slice(&self.doc.text).unwrap_or("")
    }
}

/// Run the whole extraction pipeline over one document.
pub fn analyze(doc: Document) -> Analysis {
    run(doc, |_| {})
}

/// The stages of [`analyze`], in the order they run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    TextLayer,
    Mentions,
    Meta,
    Dates,
    Claims,
    Events,
}

impl Stage {
    pub const ALL: [Stage; 6] =
        [Stage::TextLayer, Stage::Mentions, Stage::Meta, Stage::Dates, Stage::Claims, Stage::Events];

    pub fn name(self) -> &'static str {
        match self {
            Stage::TextLayer => "text layer",
            Stage::Mentions => "mentions",
            Stage::Meta => "meta",
            Stage::Dates => "dates",
            Stage::Claims => "claims",
            Stage::Events => "events",
        }
    }
}

/// [`analyze`], calling `lap(stage)` right after each stage ends, so a caller can time them
/// (the benchmark reads a clock there). The hook is a generic parameter: [`analyze`] passes
/// a closure that does nothing and compiles to the plain pipeline.
pub fn analyze_timed(doc: Document, lap: impl FnMut(Stage)) -> Analysis {
    run(doc, lap)
}

/// The eventness features of every trigger occurrence of a document (see
/// [`events::candidate_features`]): the stages [`analyze`] runs before the events, then the
/// candidates as the eventness model sees them.
pub fn candidate_features(doc: Document) -> Vec<events::CandidateFeatures> {
    let layer = TextLayer::new(&doc.text);
    let mentions = find_mentions(&layer);
    let entities = find_entities(&layer, &mentions, &doc.text);
    let ctx = Context::new(&doc, &layer, &mentions).with_entities(&entities);
    let meta = doc.given.clone().or(meta::extract(&ctx));
    let dates = dates::find(&ctx, meta.published);
    let claims = claims::find(&ctx, &dates, meta.published);
    events::candidate_features(&ctx, meta.published, &dates, &claims)
}

#[inline(always)]
fn run(doc: Document, mut lap: impl FnMut(Stage)) -> Analysis {
    let layer = TextLayer::new(&doc.text);
    lap(Stage::TextLayer);
    let mentions = find_mentions(&layer);
    let entities = find_entities(&layer, &mentions, &doc.text);
    lap(Stage::Mentions);
    let ctx = Context::new(&doc, &layer, &mentions).with_entities(&entities);
    let meta = doc.given.clone().or(meta::extract(&ctx));
    let reference = meta::reference(&ctx, &meta);
    lap(Stage::Meta);
    let dates = dates::find(&ctx, reference.map(|r| r.date));
    lap(Stage::Dates);
    let claims = claims::find(&ctx, &dates, meta.published);
    lap(Stage::Claims);
    let events = events::find(&ctx, meta.published, &dates, &claims);
    lap(Stage::Events);
    let sentences = layer.sentences.clone();
    let (actors, places) = (mentions.actors, mentions.places);
    Analysis { doc, meta, reference, sentences, actors, places, dates, claims, events, entities }
}
