//! Storage: documents and their extractions in SQLite, behind a trait.
