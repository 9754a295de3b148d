//! The schema, as a list of migrations applied in order; `PRAGMA user_version` records how
//! many have run. A migration is never edited once released: changes are new entries.

use crate::StoreError;
use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL,          -- the id the source gives (file name, record id, URL)
    hash        BLOB NOT NULL UNIQUE,   -- SHA-256 of text
    source      TEXT NOT NULL,          -- input it was read from
    url         TEXT,
    outlet      TEXT,
    published   TEXT,                   -- YYYY-MM-DD
    title       TEXT,
    author      TEXT,
    text        TEXT NOT NULL,
    fingerprint INTEGER,                -- 64-bit SimHash, NULL for short texts
    analysis    TEXT NOT NULL           -- the Analysis as JSON, without the text
);
CREATE INDEX documents_key ON documents(key);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet);

-- Metadata as given by the source (documents.* holds the resolved values).
CREATE TABLE metadata (
    doc   INTEGER NOT NULL REFERENCES documents(id),
    key   TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (doc, key)
) WITHOUT ROWID;

CREATE TABLE fingerprint_bands (
    band  INTEGER NOT NULL,
    value INTEGER NOT NULL,
    doc   INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (band, value, doc)
) WITHOUT ROWID;

CREATE TABLE near_duplicates (
    doc      INTEGER NOT NULL REFERENCES documents(id),
    of_doc   INTEGER NOT NULL REFERENCES documents(id),
    distance INTEGER NOT NULL,
    PRIMARY KEY (doc, of_doc)
) WITHOUT ROWID;

CREATE TABLE sentences (
    doc   INTEGER NOT NULL REFERENCES documents(id),
    idx   INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    kind  TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE actors (
    doc      INTEGER NOT NULL REFERENCES documents(id),
    sentence INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    actor    TEXT NOT NULL,
    kind     TEXT NOT NULL,
    link     TEXT NOT NULL,
    name     TEXT
);
CREATE INDEX actors_doc ON actors(doc);
CREATE INDEX actors_actor ON actors(actor, doc);

CREATE TABLE places (
    doc           INTEGER NOT NULL REFERENCES documents(id),
    sentence      INTEGER NOT NULL,
    start         INTEGER NOT NULL,
    end           INTEGER NOT NULL,
    place         TEXT NOT NULL,
    kind          TEXT NOT NULL,
    geo_precision INTEGER NOT NULL
);
CREATE INDEX places_doc ON places(doc);
CREATE INDEX places_place ON places(place, doc);

CREATE TABLE dates (
    doc         INTEGER NOT NULL REFERENCES documents(id),
    sentence    INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    form        TEXT NOT NULL,
    value_start TEXT,
    value_end   TEXT,
    precision   INTEGER NOT NULL,
    names_day   INTEGER NOT NULL
);
CREATE INDEX dates_doc ON dates(doc);

CREATE TABLE claims (
    doc          INTEGER NOT NULL REFERENCES documents(id),
    sentence     INTEGER NOT NULL,
    start        INTEGER NOT NULL,   -- evidence span
    end          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    grp          TEXT,
    role         TEXT,
    lo           INTEGER NOT NULL,
    hi           INTEGER,            -- NULL: open above
    qualifier    TEXT NOT NULL,
    source       TEXT NOT NULL,
    cue_start    INTEGER,
    cue_end      INTEGER,
    as_of_start  TEXT,
    as_of_end    TEXT,
    place        TEXT,
    number_start INTEGER NOT NULL,
    number_end   INTEGER NOT NULL,
    uncertain    INTEGER NOT NULL
);
CREATE INDEX claims_doc ON claims(doc);
CREATE INDEX claims_kind ON claims(kind);

CREATE TABLE events (
    doc            INTEGER NOT NULL REFERENCES documents(id),
    sentence       INTEGER NOT NULL,
    start          INTEGER NOT NULL,   -- evidence span
    end            INTEGER NOT NULL,
    event_type     TEXT NOT NULL,
    sub_type       TEXT NOT NULL,
    action         TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    time_precision INTEGER NOT NULL,
    place          TEXT,
    geo_precision  INTEGER NOT NULL,
    actor1         TEXT,
    actor2         TEXT,
    actors         TEXT NOT NULL,      -- JSON array, actor1 first
    assoc_actors   TEXT NOT NULL,      -- JSON array
    fatalities_lo  INTEGER,
    fatalities_hi  INTEGER,
    factuality     TEXT NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    mentions       TEXT NOT NULL       -- JSON array of sentence indexes
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_sub_type ON events(sub_type);
CREATE INDEX events_place ON events(place);

-- Normalized words and their clitic-stripped stems; rowid = documents.id. The text is
-- normalized, lower-cased and space-separated before it gets here, so the plain `ascii`
-- tokenizer (every non-ASCII byte is part of a token) splits it exactly as we did.
CREATE VIRTUAL TABLE search USING fts5(words, stems, content='', tokenize='ascii');
"#,
    // Which extractor analysed each document (crate version + hash of the extraction code and
    // data), so an ingest can tell stale analyses from current ones; NULL for documents stored
    // before it was recorded, which are stale by definition.
    r#"
ALTER TABLE documents ADD COLUMN extractor TEXT;
"#,
];

/// Bring the schema up to date; refuses a database written by a newer schema.
pub fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(StoreError::NewerSchema { found: version, known });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_run_once_and_newer_schemas_are_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, MIGRATIONS.len() as i64);
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(migrate(&mut conn), Err(StoreError::NewerSchema { found: 99, .. })));
    }
}
