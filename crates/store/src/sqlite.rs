//! The SQLite store: WAL journal (readers never block the writer), `synchronous=NORMAL` (a
//! killed process loses nothing committed; a power cut may lose the last batches but never
//! leaves a torn one), one transaction per batch.

use crate::fts::{snippet, Parsed};
use crate::simhash::{bands, distance, MAX_DISTANCE};
use crate::{schema, ContentHash, Counts, Hit, Item, NearDuplicate, Put, Query, Store, StoreError, Stored};
use marsad_core::{Analysis, DateRange};
use rusqlite::types::ToSql;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction};
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

pub struct SqliteStore {
    conn: Connection,
}

/// Words of context in a search snippet.
const SNIPPET_WORDS: usize = 24;

fn configure(conn: &Connection) -> Result<(), rusqlite::Error> {
    conn.busy_timeout(Duration::from_secs(30))?;
    // 16 KiB pages hold a whole article row and long FTS segments without overflow chains;
    // measured about a fifth less CPU than 4 KiB. Only takes effect on a new database.
    conn.pragma_update(None, "page_size", 16384)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // 64 MiB of page cache: enough for the indexes' hot pages, flat whatever the corpus size.
    conn.pragma_update(None, "cache_size", -65536)?;
    // Checkpoint the WAL every 32 MiB instead of every 4 MiB: the search index rewrites the
    // same pages batch after batch, and each checkpoint copies them into the database again.
    conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
    Ok(())
}

impl SqliteStore {
    /// Open (creating if needed) the database at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let open_err = |cause| StoreError::Open { path: path.display().to_string(), cause };
        let mut conn = Connection::open(path).map_err(open_err)?;
        configure(&conn).map_err(open_err)?;
        schema::migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        schema::migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }

    /// A read-only connection for checking, from another thread, whether a text is stored.
    pub fn probe(path: &Path) -> Result<Probe, StoreError> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|cause| StoreError::Open { path: path.display().to_string(), cause })?;
        conn.busy_timeout(Duration::from_secs(30))?;
        Ok(Probe { conn })
    }

    fn nearest(tx: &Transaction, fp: u64) -> Result<Option<NearDuplicate>, rusqlite::Error> {
        let mut stmt = tx.prepare_cached(
            "SELECT b.doc, d.fingerprint FROM fingerprint_bands b JOIN documents d ON d.id = b.doc
             WHERE b.band = ?1 AND b.value = ?2 ORDER BY b.doc LIMIT 64",
        )?;
        let mut best: Option<NearDuplicate> = None;
        for (band, value) in bands(fp).into_iter().enumerate() {
            let rows =
                stmt.query_map(params![band as i64, value], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
            for row in rows {
                let (doc, other) = row?;
                let d = distance(fp, other as u64);
                if d <= MAX_DISTANCE && best.is_none_or(|b| (d, doc) < (b.distance, b.doc)) {
                    best = Some(NearDuplicate { doc, distance: d });
                }
            }
        }
        Ok(best)
    }

    fn insert(tx: &Transaction, item: &Item) -> Result<Put, rusqlite::Error> {
        let existing: Option<(i64, Option<String>)> = tx
            .prepare_cached("SELECT id, extractor FROM documents WHERE hash = ?1")?
            .query_row([&item.hash.0[..]], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((of, extractor)) = existing {
            if item.replace && extractor != item.extractor {
                Self::replace(tx, of, item)?;
                return Ok(Put::Reanalyzed { doc: of });
            }
            return Ok(Put::Duplicate { of });
        }
        let a = &item.analysis;
        let near = match item.fingerprint {
            Some(fp) => Self::nearest(tx, fp)?,
            None => None,
        };
        tx.prepare_cached(
            "INSERT INTO documents (key, hash, source, url, outlet, published, title, author, text, fingerprint, analysis,
                                    extractor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            a.doc.id.as_str(),
            &item.hash.0[..],
            item.source,
            a.meta.url,
            a.meta.outlet.as_ref().map(|o| o.as_str()),
            a.meta.published.map(|d| d.format("%Y-%m-%d").to_string()),
            a.meta.title,
            a.meta.author,
            a.doc.text,
            item.fingerprint.map(|f| f as i64),
            item.json,
            item.extractor,
        ])?;
        let doc = tx.last_insert_rowid();
        tx.prepare_cached("INSERT INTO search (rowid, words, stems) VALUES (?1, ?2, ?3)")?
            .execute(params![doc, item.words, item.stems])?;
        if let Some(fp) = item.fingerprint {
            let mut stmt = tx.prepare_cached("INSERT INTO fingerprint_bands (band, value, doc) VALUES (?1, ?2, ?3)")?;
            for (band, value) in bands(fp).into_iter().enumerate() {
                stmt.execute(params![band as i64, value, doc])?;
            }
        }
        if let Some(n) = near {
            tx.prepare_cached("INSERT INTO near_duplicates (doc, of_doc, distance) VALUES (?1, ?2, ?3)")?
                .execute(params![doc, n.doc, n.distance])?;
        }
        Self::insert_parts(tx, doc, item)?;
        Ok(Put::Stored { doc, near_duplicate_of: near })
    }

    /// Replace the analysis of stored document `doc` (same text) by the item's: the resolved
    /// metadata, the JSON and every extraction row, in the caller's transaction. The text, its
    /// search index and fingerprint depend on the text alone and stay.
    fn replace(tx: &Transaction, doc: i64, item: &Item) -> Result<(), rusqlite::Error> {
        let a = &item.analysis;
        tx.prepare_cached(
            "UPDATE documents SET url = ?1, outlet = ?2, published = ?3, title = ?4, author = ?5, analysis = ?6,
                                  extractor = ?7
             WHERE id = ?8",
        )?
        .execute(params![
            a.meta.url,
            a.meta.outlet.as_ref().map(|o| o.as_str()),
            a.meta.published.map(|d| d.format("%Y-%m-%d").to_string()),
            a.meta.title,
            a.meta.author,
            item.json,
            item.extractor,
            doc,
        ])?;
        for table in ["metadata", "sentences", "actors", "places", "dates", "claims", "events"] {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE doc = ?1"))?.execute([doc])?;
        }
        Self::insert_parts(tx, doc, item)
    }

    fn insert_parts(tx: &Transaction, doc: i64, item: &Item) -> Result<(), rusqlite::Error> {
        let a = &item.analysis;
        let g = &a.doc.given;
        let given = [
            ("title", g.title.clone()),
            ("published", g.published.map(|d| d.format("%Y-%m-%d").to_string())),
            ("outlet", g.outlet.as_ref().map(|o| o.to_string())),
            ("author", g.author.clone()),
            ("url", g.url.clone()),
            // How the bytes were read, when that took a guess or replaced invalid bytes.
            ("encoding", g.decoding.as_ref().map(|d| d.encoding.clone())),
            ("encoding_guessed", g.decoding.as_ref().map(|d| d.guessed.to_string())),
            ("replaced_bytes", g.decoding.as_ref().map(|d| d.replaced.to_string())),
        ];
        let mut stmt = tx.prepare_cached("INSERT INTO metadata (doc, key, value) VALUES (?1, ?2, ?3)")?;
        for (k, v) in given {
            if let Some(v) = v {
                stmt.execute(params![doc, k, v])?;
            }
        }
        let mut stmt =
            tx.prepare_cached("INSERT INTO sentences (doc, idx, start, end, kind) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (i, s) in a.sentences.iter().enumerate() {
            stmt.execute(params![doc, i as i64, s.span.start as i64, s.span.end as i64, label(&s.kind)])?;
        }
        let mut stmt = tx.prepare_cached(
            "INSERT INTO actors (doc, sentence, start, end, actor, kind, link, name) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for m in &a.actors {
            stmt.execute(params![
                doc,
                m.sentence as i64,
                m.span.start as i64,
                m.span.end as i64,
                m.actor.as_str(),
                m.kind.as_str(),
                label(&m.link),
                m.name
            ])?;
        }
        let mut stmt = tx.prepare_cached(
            "INSERT INTO places (doc, sentence, start, end, place, kind, geo_precision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for m in &a.places {
            stmt.execute(params![
                doc,
                m.sentence as i64,
                m.span.start as i64,
                m.span.end as i64,
                m.place.as_str(),
                m.kind.as_str(),
                m.geo_precision
            ])?;
        }
        let mut stmt = tx.prepare_cached(
            "INSERT INTO dates (doc, sentence, start, end, text, form, value_start, value_end, precision, names_day)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?;
        for d in &a.dates {
            let (vs, ve) = range(d.value);
            stmt.execute(params![
                doc,
                d.sentence as i64,
                d.span.start as i64,
                d.span.end as i64,
                d.text,
                label(&d.form),
                vs,
                ve,
                d.precision,
                d.names_day
            ])?;
        }
        let mut stmt = tx.prepare_cached(
            "INSERT INTO claims (doc, sentence, start, end, kind, grp, role, lo, hi, qualifier, source, cue_start, cue_end,
                                 as_of_start, as_of_end, place, number_start, number_end, uncertain)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        )?;
        for c in &a.claims {
            let (as_of_start, as_of_end) = range(c.as_of);
            stmt.execute(params![
                doc,
                c.sentence as i64,
                c.evidence.start as i64,
                c.evidence.end as i64,
                c.kind.as_str(),
                c.group.as_ref().map(|g| g.as_str()),
                c.role.map(|r| r.as_str()),
                c.interval.lo as i64,
                c.interval.hi.map(|h| h as i64),
                c.qualifier.as_str(),
                c.attribution.source.as_str(),
                c.attribution.cue.map(|s| s.start as i64),
                c.attribution.cue.map(|s| s.end as i64),
                as_of_start,
                as_of_end,
                c.place.as_ref().map(|p| p.as_str()),
                c.number.start as i64,
                c.number.end as i64,
                c.uncertain
            ])?;
        }
        let mut stmt = tx.prepare_cached(
            "INSERT INTO events (doc, sentence, start, end, event_type, sub_type, action, date_start, date_end,
                                 time_precision, place, geo_precision, actor1, actor2, actors, assoc_actors,
                                 fatalities_lo, fatalities_hi, factuality, trigger_start, trigger_end, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
        )?;
        for e in &a.events {
            let (ds, de) = range(e.date);
            let ids = |v: &[marsad_core::ActorId]| json(&v.iter().map(|a| a.as_str()).collect::<Vec<_>>());
            stmt.execute(params![
                doc,
                e.sentence as i64,
                e.evidence.start as i64,
                e.evidence.end as i64,
                e.event_type.as_str(),
                e.sub_type.as_str(),
                e.action.as_str(),
                ds,
                de,
                e.time_precision,
                e.place.as_ref().map(|p| p.as_str()),
                e.geo_precision,
                e.actors.first().map(|a| a.as_str()),
                e.actors.get(1).map(|a| a.as_str()),
                ids(&e.actors),
                ids(&e.assoc_actors),
                e.fatalities.map(|f| f.lo as i64),
                e.fatalities.and_then(|f| f.hi.map(|h| h as i64)),
                label(&e.factuality),
                e.trigger.start as i64,
                e.trigger.end as i64,
                json(&e.mentions)
            ])?;
        }
        Ok(())
    }
}

/// The serde name of a unit enum variant.
fn label<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

fn range(r: Option<DateRange>) -> (Option<String>, Option<String>) {
    match r {
        Some(r) => (Some(r.start.format("%Y-%m-%d").to_string()), Some(r.end.format("%Y-%m-%d").to_string())),
        None => (None, None),
    }
}

impl Store for SqliteStore {
    fn put_batch(&mut self, items: Vec<Item>) -> Result<Vec<Put>, StoreError> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(items.len());
        for item in &items {
            out.push(Self::insert(&tx, item)?);
        }
        tx.commit()?;
        Ok(out)
    }

    fn search(&self, q: &Query) -> Result<Vec<Hit>, StoreError> {
        let parsed = Parsed::new(&q.text);
        if parsed.is_empty() && !q.text.trim().is_empty() {
            return Err(StoreError::Query(format!("no searchable word in {:?}", q.text)));
        }
        let mut sql = String::from(
            "SELECT d.id, d.key, d.title, d.outlet, d.published, d.url, d.text,
                    (SELECT min(n.of_doc) FROM near_duplicates n WHERE n.doc = d.id), ",
        );
        let mut args: Vec<Box<dyn ToSql>> = Vec::new();
        if parsed.is_empty() {
            sql.push_str("NULL FROM documents d WHERE 1");
        } else {
            sql.push_str("bm25(search) FROM search JOIN documents d ON d.id = search.rowid WHERE search MATCH ?");
            args.push(Box::new(parsed.fts_expression()));
        }
        if let Some(since) = q.since {
            sql.push_str(" AND d.published >= ?");
            args.push(Box::new(since.format("%Y-%m-%d").to_string()));
        }
        if let Some(until) = q.until {
            sql.push_str(" AND d.published <= ?");
            args.push(Box::new(until.format("%Y-%m-%d").to_string()));
        }
        if let Some(outlet) = &q.outlet {
            sql.push_str(" AND d.outlet = ? COLLATE NOCASE");
            args.push(Box::new(outlet.clone()));
        }
        if let Some(actor) = &q.actor {
            sql.push_str(
                " AND (EXISTS (SELECT 1 FROM actors a WHERE a.doc = d.id AND a.actor = ?)
                   OR EXISTS (SELECT 1 FROM events e WHERE e.doc = d.id AND (e.actor1 = ? OR e.actor2 = ?)))",
            );
            for _ in 0..3 {
                args.push(Box::new(actor.clone()));
            }
        }
        if let Some(place) = &q.place {
            sql.push_str(
                " AND (EXISTS (SELECT 1 FROM places p WHERE p.doc = d.id AND p.place = ?)
                   OR EXISTS (SELECT 1 FROM events e WHERE e.doc = d.id AND e.place = ?))",
            );
            args.push(Box::new(place.clone()));
            args.push(Box::new(place.clone()));
        }
        if let Some(t) = &q.event_type {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM events e WHERE e.doc = d.id AND e.factuality = 'asserted'
                              AND (e.event_type = ? COLLATE NOCASE OR e.sub_type = ? COLLATE NOCASE OR e.action = ?))",
            );
            for _ in 0..3 {
                args.push(Box::new(t.clone()));
            }
        }
        if parsed.is_empty() {
            sql.push_str(" ORDER BY d.published DESC, d.id LIMIT ?");
        } else {
            sql.push_str(" ORDER BY bm25(search), d.id LIMIT ?");
        }
        args.push(Box::new(q.limit.max(1) as i64));
        let mut stmt = self.conn.prepare(&sql)?;
        let params: Vec<&dyn ToSql> = args.iter().map(|a| a.as_ref()).collect();
        let rows = stmt.query_map(params.as_slice(), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<i64>>(7)?,
                r.get::<_, Option<f64>>(8)?,
            ))
        });
        let rows = rows.map_err(|e| match e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.contains("fts5") => StoreError::Query(msg),
            other => StoreError::Sqlite(other),
        })?;
        let mut hits = Vec::new();
        for row in rows {
            let (doc, id, title, outlet, published, url, text, near_duplicate_of, rank) = row?;
            let snippet = snippet(&text, &parsed, SNIPPET_WORDS);
            hits.push(Hit { doc, id, title, outlet, published, url, near_duplicate_of, rank, snippet });
        }
        Ok(hits)
    }

    fn for_each(&self, f: &mut dyn FnMut(Stored) -> Result<(), StoreError>) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, source, text, analysis FROM documents ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let json: String = r.get(3)?;
            let mut analysis: Analysis = serde_json::from_str(&json)?;
            analysis.doc.text = r.get(2)?;
            f(Stored { doc: r.get(0)?, source: r.get(1)?, analysis })?;
        }
        Ok(())
    }

    fn stale(&self, current: &str) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM documents WHERE extractor IS NULL OR extractor <> ?1",
            [current],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }

    fn counts(&self) -> Result<Counts, StoreError> {
        let n = |table: &str| -> Result<u64, StoreError> {
            Ok(self.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            documents: n("documents")?,
            near_duplicates: n("near_duplicates")?,
            sentences: n("sentences")?,
            actors: n("actors")?,
            places: n("places")?,
            dates: n("dates")?,
            claims: n("claims")?,
            events: n("events")?,
        })
    }
}

/// A read-only view for asking whether a text is already stored.
pub struct Probe {
    conn: Connection,
}

/// Whether a text is stored, and by which extractor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Absent,
    /// Stored, analysed by the extractor asked about.
    Current,
    /// Stored, analysed by another (or an unrecorded) extractor.
    Stale,
}

impl Probe {
    pub fn contains(&self, hash: &ContentHash) -> Result<bool, StoreError> {
        let found = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?
            .query_row([&hash.0[..]], |_| Ok(()))
            .optional()?;
        Ok(found.is_some())
    }

    /// Whether the text is stored, and whether its analysis came from `extractor`.
    pub fn presence(&self, hash: &ContentHash, extractor: &str) -> Result<Presence, StoreError> {
        let found: Option<Option<String>> = self
            .conn
            .prepare_cached("SELECT extractor FROM documents WHERE hash = ?1")?
            .query_row([&hash.0[..]], |r| r.get(0))
            .optional()?;
        Ok(match found {
            None => Presence::Absent,
            Some(Some(e)) if e == extractor => Presence::Current,
            Some(_) => Presence::Stale,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use marsad_core::{DocId, Document, Metadata};

    fn item(id: &str, text: &str, outlet: &str, published: &str) -> Item {
        let doc = Document { id: DocId::new(id), text: text.to_owned(), given: Metadata::default() };
        let meta = Metadata {
            outlet: Some(outlet.into()),
            published: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            ..Metadata::default()
        };
        Item::new(Analysis { doc, meta, ..Analysis::default() }, "test").unwrap()
    }

    fn corpus() -> SqliteStore {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let items = vec![
            item("a", "حاول مسلحون إقتحام السجن المركزي فجر الخميس.", "one", "2022-01-20"),
            item("b", "تواصلت الاشتباكات بعد محاولة والاقتحام الفاشلة.", "two", "2022-01-21"),
            item("c", "أعلنت القوات إحباط هجوم وقالت إن باقتحام المبنى انتهت العملية.", "one", "2022-01-23"),
            item("d", "ارتفعت أسعار الذهب في الأسواق.", "two", "2022-01-22"),
        ];
        let puts = s.put_batch(items).unwrap();
        assert!(puts.iter().all(|p| matches!(p, Put::Stored { .. })));
        s
    }

    fn ids(hits: &[Hit]) -> Vec<&str> {
        let mut v: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        v.sort();
        v
    }

    #[test]
    fn search_finds_normalized_and_cliticized_variants() {
        let s = corpus();
        for q in ["اقتحام", "إقتحام", "الاقتحام", "والاقتحام"] {
            let hits = s.search(&Query { text: q.into(), limit: 10, ..Query::default() }).unwrap();
            assert_eq!(ids(&hits), vec!["a", "b", "c"], "query {q}");
        }
        let hits = s.search(&Query { text: "اقتحام".into(), limit: 10, ..Query::default() }).unwrap();
        let a = hits.iter().find(|h| h.id == "a").unwrap();
        assert_eq!(a.snippet.highlights.len(), 1);
        assert_eq!(&a.snippet.text[a.snippet.highlights[0].range()], "إقتحام");
    }

    #[test]
    fn the_exact_form_ranks_first() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        s.put_batch(vec![
            item("clitic", "بدأت القوات باقتحام الحي الشرقي صباحا.", "x", "2022-01-20"),
            item("exact", "بدأت القوات الاقتحام للحي الشرقي صباحا.", "x", "2022-01-20"),
        ])
        .unwrap();
        let hits = s.search(&Query { text: "الاقتحام".into(), limit: 10, ..Query::default() }).unwrap();
        assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), vec!["exact", "clitic"]);
        let hits = s.search(&Query { text: "باقتحام".into(), limit: 10, ..Query::default() }).unwrap();
        assert_eq!(hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), vec!["clitic", "exact"]);
    }

    #[test]
    fn filters_narrow_the_results() {
        let s = corpus();
        let q = |f: &dyn Fn(&mut Query)| {
            let mut q = Query { text: "اقتحام".into(), limit: 10, ..Query::default() };
            f(&mut q);
            s.search(&q).unwrap()
        };
        assert_eq!(ids(&q(&|q| q.outlet = Some("one".into()))), vec!["a", "c"]);
        assert_eq!(ids(&q(&|q| q.since = chrono::NaiveDate::from_ymd_opt(2022, 1, 21))), vec!["b", "c"]);
        assert_eq!(ids(&q(&|q| q.until = chrono::NaiveDate::from_ymd_opt(2022, 1, 21))), vec!["a", "b"]);
        assert_eq!(ids(&q(&|q| q.actor = Some("isis".into()))), Vec::<&str>::new());
        let all = s.search(&Query { limit: 10, outlet: Some("two".into()), ..Query::default() }).unwrap();
        assert_eq!(all.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), vec!["d", "b"]);
        assert!(matches!(
            s.search(&Query { text: "،".into(), limit: 1, ..Query::default() }),
            Err(StoreError::Query(_))
        ));
    }

    #[test]
    fn same_text_twice_is_a_duplicate() {
        let mut s = corpus();
        let before = s.counts().unwrap();
        let puts =
            s.put_batch(vec![item("a2", "حاول مسلحون إقتحام السجن المركزي فجر الخميس.", "x", "2022-01-20")]).unwrap();
        assert_eq!(puts, vec![Put::Duplicate { of: 1 }]);
        assert_eq!(s.counts().unwrap(), before);
    }

    #[test]
    fn near_duplicates_are_stored_and_linked() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let mut body = String::new();
        for i in 0..15 {
            body.push_str(&format!("أفادت مصادر محلية بوقوع اشتباكات في الحي {i} وسط المدينة. "));
        }
        let puts = s
            .put_batch(vec![
                item("orig", &body, "one", "2022-01-20"),
                item("copy", &format!("{body} المصدر: وكالات"), "two", "2022-01-20"),
            ])
            .unwrap();
        let Put::Stored { doc: first, .. } = puts[0] else { panic!("{puts:?}") };
        let Put::Stored { near_duplicate_of: Some(n), .. } = puts[1] else { panic!("{puts:?}") };
        assert_eq!(n.doc, first);
        let hits = s.search(&Query { text: "اشتباكات".into(), limit: 10, ..Query::default() }).unwrap();
        let copy = hits.iter().find(|h| h.id == "copy").unwrap();
        assert_eq!(copy.near_duplicate_of, Some(first));
        assert_eq!(hits.iter().find(|h| h.id == "orig").unwrap().near_duplicate_of, None);
        assert_eq!(s.counts().unwrap().documents, 2);
        assert_eq!(s.counts().unwrap().near_duplicates, 1);
    }

    #[test]
    fn a_newer_extractor_replaces_the_analysis_in_place() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let text = "حاول مسلحون إقتحام السجن المركزي فجر الخميس.";
        let first = item("a", text, "one", "2022-01-20").extractor("v1");
        s.put_batch(vec![first]).unwrap();
        assert_eq!(s.stale("v1").unwrap(), 0);
        assert_eq!(s.stale("v2").unwrap(), 1);

        // Not asked to replace: a duplicate, whatever the version.
        let again = item("a", text, "one", "2022-01-20").extractor("v2");
        assert_eq!(s.put_batch(vec![again]).unwrap(), vec![Put::Duplicate { of: 1 }]);

        // A new analysis with a place mention, from a newer extractor, twice in one batch.
        let newer = || {
            let mut it = item("a", text, "two", "2022-01-21").extractor("v2").replacing();
            it.analysis.places.push(marsad_core::PlaceMention {
                sentence: 0,
                span: marsad_core::Span::new(0, 4),
                place: marsad_core::PlaceId::new("aleppo"),
                kind: marsad_core::PlaceKind::City,
                geo_precision: 1,
            });
            Item::new(it.analysis, "test").unwrap().extractor("v2").replacing()
        };
        let puts = s.put_batch(vec![newer(), newer()]).unwrap();
        assert_eq!(puts, vec![Put::Reanalyzed { doc: 1 }, Put::Duplicate { of: 1 }]);
        let c = s.counts().unwrap();
        assert_eq!((c.documents, c.places), (1, 1));
        assert_eq!(s.stale("v2").unwrap(), 0);
        let mut outlets = Vec::new();
        s.for_each(&mut |st| {
            outlets.push(st.analysis.meta.outlet.map(|o| o.to_string()));
            Ok(())
        })
        .unwrap();
        assert_eq!(outlets, vec![Some("two".to_owned())]);
        let outlet: String = s.conn.query_row("SELECT outlet FROM documents", [], |r| r.get(0)).unwrap();
        assert_eq!(outlet, "two");
        // The same version again changes nothing.
        assert_eq!(s.put_batch(vec![newer()]).unwrap(), vec![Put::Duplicate { of: 1 }]);
        assert_eq!(s.counts().unwrap(), c);
    }

    #[test]
    fn a_decoding_decision_is_kept_in_the_metadata() {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let mut it = item("bad", "داهمت دورية منزلا في \u{FFFD}القرية.", "one", "2022-01-20");
        it.analysis.doc.given.decoding =
            Some(marsad_core::Decoding { encoding: "UTF-8".into(), guessed: false, replaced: 3 });
        let it = Item::new(it.analysis, "test").unwrap();
        s.put_batch(vec![it, item("good", "داهمت دورية منزلا آخر.", "one", "2022-01-20")]).unwrap();
        let rows: Vec<(i64, String, String)> = s
            .conn
            .prepare("SELECT doc, key, value FROM metadata ORDER BY doc, key")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let row = |k: &str, v: &str| (1, k.to_owned(), v.to_owned());
        assert_eq!(rows, vec![row("encoding", "UTF-8"), row("encoding_guessed", "false"), row("replaced_bytes", "3")]);
        let mut notes = Vec::new();
        s.for_each(&mut |st| {
            notes.push(st.analysis.doc.given.decoding.map(|d| d.replaced));
            Ok(())
        })
        .unwrap();
        assert_eq!(notes, vec![Some(3), None]);
    }

    #[test]
    fn export_restores_the_analysis_with_its_text() {
        let s = corpus();
        let mut seen = Vec::new();
        s.for_each(&mut |st| {
            seen.push((st.doc, st.analysis.doc.id.to_string(), st.analysis.doc.text.len()));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen.len(), 4);
        assert_eq!(seen[0].1, "a");
        assert!(seen.iter().all(|(_, _, n)| *n > 0));
    }
}
