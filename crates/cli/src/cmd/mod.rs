pub mod bench;
pub mod eval;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod search;
pub mod story;
pub mod tokens;
