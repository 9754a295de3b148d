//! Shared types of the marsad pipeline.
//!
//! Every stage of marsad (text, lexicon, extract, fuse, ingest, store) speaks in
//! these types instead of depending on each other. The one design rule they
//! encode: every extracted fact carries a [`Span`] of byte offsets into the
//! original [`Document::text`], so `&doc.text[span.range()]` is always the exact
//! evidence a person can check.
//!
//! Closed vocabularies ([`ClaimKind`], [`Qualifier`], [`EventType`], [`Action`],
//! ...) are enums whose serde names are the ones of the gold schema
//! (`shared/eval/SCHEMA.md`); ids ([`ActorId`], [`PlaceId`]) are newtypes.

mod analysis;
mod date;
mod document;
mod ids;
mod span;
mod vocab;

pub use analysis::*;
pub use date::*;
pub use document::*;
pub use ids::*;
pub use span::*;
pub use vocab::*;
