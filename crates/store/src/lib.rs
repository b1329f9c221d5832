//! Dateline's embedded store: articles, listed links and ingest problems in one SQLite file (WAL mode)
//! under a folder. Nothing to install: the database engine is compiled in.
//!
//! Writes go in batches, one transaction each, so a crash mid-ingest leaves every committed batch intact.
//! Re-ingesting an article with the same id updates its one row. The schema carries a version; opening a
//! store written by a newer Dateline is refused rather than risked.
//!
//! ```
//! use dateline_model::{Article, SCHEMA_VERSION};
//! use dateline_store::Store;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(dir.path()).unwrap();
//! let article = Article { schema_version: SCHEMA_VERSION, id: "a1".into(), text: "Body.".into(), ..Article::default() };
//! store.write_batch(&[article.clone()], &[], &[]).unwrap();
//! store.write_batch(&[article], &[], &[]).unwrap();
//! assert_eq!(store.stats().unwrap().articles, 1);
//! ```

mod changes;
mod copies;
mod statements;
mod stories;

use std::path::{Path, PathBuf};

pub use crate::changes::{roles_in, Changed};
pub use crate::copies::StoredSketch;
use dateline_model::{Article, Link, Problem};
use rusqlite::{params, Connection, OptionalExtension};

/// Version of the database layout this build writes.
pub const STORE_VERSION: u32 = 3;
/// Most bytes of the database file SQLite reads through a memory map.
const MMAP_BYTES: i64 = 2 << 30;

/// File name of the database inside the store folder.
pub const DB_FILE: &str = "dateline.sqlite";

/// Store errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database could not be opened, read or written.
    #[error("store {path}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// The store folder could not be created.
    #[error("cannot create store folder {path}")]
    Folder {
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The store was written by a newer Dateline.
    #[error("store {path} has layout version {found}; this build reads up to {STORE_VERSION}")]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The version found.
        found: u32,
    },
    /// A stored record could not be encoded or decoded.
    #[error("record encoding: {0}")]
    Json(#[from] serde_json::Error),
}

/// Result of store operations.
pub type Result<T> = std::result::Result<T, Error>;

/// Counts over the store.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    /// Articles stored.
    pub articles: u64,
    /// Links listed by feeds and sitemaps.
    pub links: u64,
    /// Problems recorded during ingests.
    pub problems: u64,
    /// Quotations of the stored articles.
    pub quotes: u64,
    /// Distinct entities (people, organisations, places) the stored articles name.
    pub entities: u64,
    /// Articles linked as copies of another (exact, copy or rewrite).
    pub copies: u64,
    /// Stories.
    pub stories: u64,
    /// Earliest and latest publication day among articles.
    pub published_range: Option<(String, String)>,
    /// Articles without a publication date.
    pub undated: u64,
    /// Articles per outlet, most first (top 20).
    pub outlets: Vec<(String, u64)>,
    /// Articles per language, most first.
    pub languages: Vec<(String, u64)>,
}

/// A quotation as the store lists it for a speaker.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredQuote {
    /// Id of the article it is in.
    pub article: String,
    /// What was said.
    pub text: String,
    /// `direct`, `partial` or `indirect`.
    pub kind: String,
    /// The reporting verb.
    pub cue: Option<String>,
}

/// An entity as the store lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredEntity {
    /// Corpus-wide id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// `person`, `organization`, `place` or `other`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Articles that mention it.
    pub articles: u64,
    /// Mentions over all articles.
    pub mentions: u64,
}

/// A LIKE pattern (escaped with `\\`) for names ending with the words of `name`.
fn last_words(name: &str) -> String {
    let escaped: String = name
        .trim()
        .chars()
        .flat_map(|c| match c {
            '%' | '_' | '\\' => vec!['\\', c],
            c => vec![c],
        })
        .collect();
    format!("% {escaped}")
}

/// An open store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the store in folder `dir`. Another process creating the same store at
    /// the same moment holds it alone for a while (switching it to WAL, writing its schema), and SQLite
    /// does not always wait for that on its own: opening is tried again for up to 30 s.
    pub fn open(dir: &Path) -> Result<Store> {
        let started = std::time::Instant::now();
        loop {
            match Store::open_once(dir) {
                Err(Error::Sqlite { source, .. })
                    if is_busy(&source) && started.elapsed() < std::time::Duration::from_secs(30) =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => return other,
            }
        }
    }

    /// One try at [`Store::open`].
    fn open_once(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Folder {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let sql = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let mut conn = Connection::open(&path).map_err(sql)?;
        // Waiting first: two ingests creating one store at the same moment both switch it to WAL and write
        // its schema, and the second must wait for the first rather than fail with `database is locked`.
        conn.busy_timeout(std::time::Duration::from_secs(30)).map_err(sql)?;
        // Switching to WAL takes the database alone, and SQLite does not wait for that on its own: while
        // another process holds it (the first ingest into a new store), [`Store::open`] tries again.
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .map_err(sql)?;
        if !mode.eq_ignore_ascii_case("wal") {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(sql)?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(sql)?;
        // Reads through a memory map rather than a system call per page (SQLite caps the map at 2 GiB):
        // the server reads 20 articles per search.
        conn.pragma_update(None, "mmap_size", MMAP_BYTES).map_err(sql)?;
        // A store of this layout needs nothing set up: opening it takes no write lock, so that a reader (the
        // server) opens it while an ingest writes.
        let found: u32 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(sql)?;
        if found == STORE_VERSION {
            return Ok(Store { conn, path });
        }
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(sql)?;
        let found: u32 = tx.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(sql)?;
        if found > STORE_VERSION {
            return Err(Error::TooNew { path, found });
        }
        let has_external_id = tx
            .prepare("SELECT 1 FROM pragma_table_info('articles') WHERE name = 'external_id'")
            .and_then(|mut st| st.exists([]))
            .map_err(sql)?;
        let had_articles = tx
            .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'articles'")
            .and_then(|mut st| st.exists([]))
            .map_err(sql)?;
        tx.execute_batch(SCHEMA).map_err(sql)?;
        if had_articles && !has_external_id {
            // Layout 1 had no user ids.
            tx.execute_batch("ALTER TABLE articles ADD COLUMN external_id TEXT;")
                .map_err(sql)?;
        }
        tx.execute_batch("CREATE INDEX IF NOT EXISTS articles_external_id ON articles(external_id);")
            .map_err(sql)?;
        let has_seq = tx
            .prepare("SELECT 1 FROM pragma_table_info('articles') WHERE name = 'seq'")
            .and_then(|mut st| st.exists([]))
            .map_err(sql)?;
        if !has_seq {
            // Layouts 1 and 2 did not number changes: the articles' order of arrival stands in.
            tx.execute_batch("ALTER TABLE articles ADD COLUMN seq INTEGER; UPDATE articles SET seq = rowid;")
                .map_err(sql)?;
        }
        tx.execute_batch("CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);")
            .map_err(sql)?;
        if found < 2 {
            // Layout 1 recorded a problem again at each re-ingest of the same input: keep the first.
            tx.execute_batch(
                "DELETE FROM problems WHERE id NOT IN
                   (SELECT min(id) FROM problems GROUP BY input, record, offset, reason);",
            )
            .map_err(sql)?;
        }
        tx.execute_batch("CREATE UNIQUE INDEX IF NOT EXISTS problems_once ON problems(input, record, offset, reason);")
            .map_err(sql)?;
        tx.pragma_update(None, "user_version", STORE_VERSION).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(Store { conn, path })
    }

    /// Begins a write transaction. It takes the write lock at once (`BEGIN IMMEDIATE`), waiting for another
    /// writer within the busy timeout: a transaction that read first and wrote later would fail at once with
    /// `database is locked` when another process had written in between, whatever the timeout.
    fn begin(&mut self) -> rusqlite::Result<rusqlite::Transaction<'_>> {
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
    }

    /// Runs `write` in one transaction and commits it; any SQLite error rolls it back.
    fn write<T>(&mut self, write: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>) -> Result<T> {
        let path = self.path.clone();
        let sql = |source| Error::Sqlite { path, source };
        let run = || {
            let tx = self.begin()?;
            let out = write(&tx)?;
            tx.commit()?;
            Ok(out)
        };
        run().map_err(sql)
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> Error + '_ {
        move |source| Error::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Writes one batch in one transaction: articles (upserted by id), links and problems.
    pub fn write_batch(&mut self, articles: &[Article], links: &[Link], problems: &[Problem]) -> Result<()> {
        let path = self.path.clone();
        let sql = |source| Error::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.begin().map_err(sql)?;
        {
            let mut put = tx
                .prepare_cached(
                    "INSERT INTO articles (id, schema_version, url, title, published, outlet, language, input, record, record_id, body, external_id, updated_at, seq)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, datetime('now'), ?13)
                     ON CONFLICT(id) DO UPDATE SET schema_version=excluded.schema_version, url=excluded.url,
                       seq=CASE WHEN body = excluded.body THEN seq ELSE excluded.seq END,
                       external_id=excluded.external_id,
                       title=excluded.title, published=excluded.published, outlet=excluded.outlet,
                       language=excluded.language, input=excluded.input, record=excluded.record,
                       record_id=excluded.record_id, body=excluded.body, updated_at=excluded.updated_at",
                )
                .map_err(sql)?;
            let mut clear = tx
                .prepare_cached("DELETE FROM quotes WHERE article_id = ?1")
                .map_err(sql)?;
            let mut clear_mentions = tx
                .prepare_cached("DELETE FROM mentions WHERE article_id = ?1")
                .map_err(sql)?;
            let mut entity = tx
                .prepare_cached("INSERT OR IGNORE INTO entities (id, name, type) VALUES (?1, ?2, ?3)")
                .map_err(sql)?;
            let mut mention = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO mentions (article_id, entity_id, idx, text, start, end, in_title, description)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )
                .map_err(sql)?;
            let mut quote = tx
                .prepare_cached(
                    "INSERT INTO quotes (article_id, idx, speaker, kind, cue, via, text, start, end, in_title, confidence)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .map_err(sql)?;
            // Each article written is numbered after every other (an unchanged one keeps its number), so that
            // what follows the store (the search index) picks up what changed since it last looked.
            let mut seq: i64 = tx
                .query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| r.get(0))
                .map_err(sql)?;
            for a in articles {
                seq += 1;
                clear.execute(params![a.id]).map_err(sql)?;
                clear_mentions.execute(params![a.id]).map_err(sql)?;
                for e in &a.entities {
                    entity.execute(params![e.id, e.name, e.kind.as_str()]).map_err(sql)?;
                    for (i, m) in e.mentions.iter().enumerate() {
                        mention
                            .execute(params![
                                a.id,
                                e.id,
                                i as i64,
                                m.text,
                                m.start,
                                m.end,
                                m.in_title,
                                m.description
                            ])
                            .map_err(sql)?;
                    }
                }
                for (i, q) in a.quotes.iter().enumerate() {
                    quote
                        .execute(params![
                            a.id,
                            i as i64,
                            q.speaker,
                            q.kind.as_str(),
                            q.cue,
                            q.via,
                            q.text,
                            q.start,
                            q.end,
                            q.in_title,
                            f64::from(q.confidence)
                        ])
                        .map_err(sql)?;
                }
                let json = serde_json::to_string(a)?;
                put.execute(params![
                    a.id,
                    a.schema_version,
                    a.url,
                    a.title,
                    a.published,
                    a.outlet,
                    a.language,
                    a.input,
                    a.provenance.record as i64,
                    a.provenance.record_id,
                    json,
                    a.external_id,
                    seq
                ])
                .map_err(sql)?;
            }
            let mut link = tx
                .prepare_cached(
                    "INSERT INTO links (url, title, published, input, record) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(url) DO UPDATE SET title=coalesce(excluded.title, title),
                       published=coalesce(excluded.published, published)",
                )
                .map_err(sql)?;
            for l in links {
                link.execute(params![
                    l.url,
                    l.title,
                    l.published,
                    l.provenance.input,
                    l.provenance.record as i64
                ])
                .map_err(sql)?;
            }
            let mut bad = tx
                .prepare_cached(
                    "INSERT INTO problems (input, record, record_id, offset, severity, reason, at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, datetime('now'))
                     ON CONFLICT(input, record, offset, reason) DO NOTHING",
                )
                .map_err(sql)?;
            for p in problems {
                let severity = serde_json::to_value(p.severity)?
                    .as_str()
                    .unwrap_or("record")
                    .to_string();
                bad.execute(params![
                    p.provenance.input,
                    p.provenance.record as i64,
                    p.provenance.record_id,
                    p.provenance.offset as i64,
                    severity,
                    p.reason
                ])
                .map_err(sql)?;
            }
        }
        tx.commit().map_err(sql)
    }

    /// The article with `id`, if stored.
    pub fn article(&self, id: &str) -> Result<Option<Article>> {
        // A statement kept prepared: a search reads one article per result.
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM articles WHERE id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)).optional())
            .map_err(self.err())?;
        body.map(|b| serde_json::from_str(&b).map_err(Error::from)).transpose()
    }

    /// Quotations attributed to `speaker` (case-insensitive, exact canonical name), newest articles first.
    pub fn quotes_by(&self, speaker: &str, limit: usize) -> Result<Vec<StoredQuote>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare(
                "SELECT q.article_id, q.text, q.kind, q.cue FROM quotes q JOIN articles a ON a.id = q.article_id
                 WHERE q.speaker = ?1 COLLATE NOCASE ORDER BY a.published DESC, q.idx LIMIT ?2",
            )
            .map_err(&e)?;
        let rows = st
            .query_map(params![speaker, limit as i64], |r| {
                Ok(StoredQuote {
                    article: r.get(0)?,
                    text: r.get(1)?,
                    kind: r.get(2)?,
                    cue: r.get(3)?,
                })
            })
            .map_err(&e)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
    }

    /// The speaker names quotations use that are `name` (any case) or end with it (`Peskov` for
    /// `Dmitry Peskov`).
    pub fn speakers_named(&self, name: &str) -> Result<Vec<String>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare(
                "SELECT DISTINCT speaker FROM quotes
                 WHERE speaker = ?1 COLLATE NOCASE OR speaker LIKE ?2 ESCAPE '\\' LIMIT 50",
            )
            .map_err(&e)?;
        let rows = st
            .query_map(params![name.trim(), last_words(name)], |r| r.get(0))
            .map_err(&e)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
    }

    /// Every entity id with its canonical name, for a run to keep the names the store already uses.
    pub fn entity_names(&self) -> Result<Vec<(String, String)>> {
        let e = self.err();
        let mut st = self.conn.prepare("SELECT id, name FROM entities").map_err(&e)?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).map_err(&e)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
    }

    /// Entities whose name, or any mention, is `name` or ends with it as its last words (`Wolfowicz` finds
    /// `Aleksandr Wolfowicz`; case-insensitive; all when `None`), of one type
    /// if asked, with how many articles and mentions they have, most articles first.
    pub fn entities(&self, name: Option<&str>, kind: Option<&str>, limit: usize) -> Result<Vec<StoredEntity>> {
        let e = self.err();
        // The last words of a longer name (`Wolfowicz` for `Aleksandr Wolfowicz`), as a LIKE pattern.
        let last_words = name.map(last_words);
        let mut st = self
            .conn
            .prepare(
                "SELECT e.id, e.name, e.type, count(DISTINCT m.article_id), count(m.entity_id)
                 FROM entities e JOIN mentions m ON m.entity_id = e.id
                 WHERE (?1 IS NULL OR e.name = ?1 COLLATE NOCASE OR e.name LIKE ?4 ESCAPE '\\'
                        OR e.id IN (SELECT entity_id FROM mentions
                                    WHERE text = ?1 COLLATE NOCASE OR text LIKE ?4 ESCAPE '\\'))
                   AND (?2 IS NULL OR e.type = ?2)
                 GROUP BY e.id ORDER BY 4 DESC, 5 DESC, e.name LIMIT ?3",
            )
            .map_err(&e)?;
        let rows = st
            .query_map(params![name, kind, limit as i64, last_words], |r| {
                Ok(StoredEntity {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    articles: r.get::<_, i64>(3)? as u64,
                    mentions: r.get::<_, i64>(4)? as u64,
                })
            })
            .map_err(&e)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
    }

    /// Counts over the whole store.
    pub fn stats(&self) -> Result<Stats> {
        let e = self.err();
        let count = |q: &str| self.conn.query_row(q, [], |r| r.get::<_, i64>(0)).map(|n| n as u64);
        let articles = count("SELECT count(*) FROM articles").map_err(&e)?;
        let links = count("SELECT count(*) FROM links").map_err(&e)?;
        let problems = count("SELECT count(*) FROM problems").map_err(&e)?;
        let quotes = count("SELECT count(*) FROM quotes").map_err(&e)?;
        let entities = count("SELECT count(*) FROM entities").map_err(&e)?;
        let copies = count("SELECT count(*) FROM copies WHERE original_id IS NOT NULL").map_err(&e)?;
        let stories = count("SELECT count(DISTINCT story) FROM story_of").map_err(&e)?;
        let undated = count("SELECT count(*) FROM articles WHERE published IS NULL").map_err(&e)?;
        let range: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT min(substr(published,1,10)), max(substr(published,1,10)) FROM articles WHERE published IS NOT NULL",
                [],
                |r| Ok(r.get::<_, Option<String>>(0)?.zip(r.get::<_, Option<String>>(1)?)),
            )
            .map_err(&e)?;
        let group = |q: &str| -> Result<Vec<(String, u64)>> {
            let mut st = self.conn.prepare(q).map_err(&e)?;
            let rows = st
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64)))
                .map_err(&e)?;
            rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
        };
        Ok(Stats {
            articles,
            links,
            problems,
            quotes,
            entities,
            copies,
            stories,
            published_range: range,
            undated,
            outlets: group(
                "SELECT coalesce(outlet, '(none)'), count(*) c FROM articles GROUP BY 1 ORDER BY c DESC, 1 LIMIT 20",
            )?,
            languages: group(
                "SELECT coalesce(language, '(unknown)'), count(*) c FROM articles GROUP BY 1 ORDER BY c DESC, 1",
            )?,
        })
    }
}

/// Whether SQLite said another connection holds the database.
fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Tables; `IF NOT EXISTS` so opening is idempotent.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    schema_version INTEGER NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    outlet TEXT,
    language TEXT,
    input TEXT NOT NULL,
    record INTEGER NOT NULL,
    record_id TEXT,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    external_id TEXT,
    seq INTEGER
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles(outlet);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    speaker TEXT,
    kind TEXT NOT NULL,
    cue TEXT,
    via TEXT,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    in_title INTEGER NOT NULL,
    confidence REAL NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    in_title INTEGER NOT NULL,
    description INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id, idx)
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE TABLE IF NOT EXISTS links (
    url TEXT PRIMARY KEY,
    title TEXT,
    published TEXT,
    input TEXT NOT NULL,
    record INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS copies (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE,
    external_id TEXT,
    published TEXT,
    original_id TEXT,
    kind TEXT,
    similarity REAL,
    sketch BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS copies_original ON copies(original_id);
CREATE TABLE IF NOT EXISTS story_of (
    article_id TEXT PRIMARY KEY,
    story INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS story_of_story ON story_of(story);
CREATE TABLE IF NOT EXISTS story_labels (
    story INTEGER PRIMARY KEY,
    label TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS problems (
    id INTEGER PRIMARY KEY,
    input TEXT NOT NULL,
    record INTEGER NOT NULL,
    record_id TEXT,
    offset INTEGER NOT NULL,
    severity TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
";

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_model::{Entity, EntityKind, EntityMention, Provenance, Quote, QuoteKind, Severity, SCHEMA_VERSION};

    fn article(id: &str, title: &str) -> Article {
        Article {
            schema_version: SCHEMA_VERSION,
            id: id.into(),
            title: Some(title.into()),
            text: "Body.".into(),
            published: Some("2021-11-09".into()),
            outlet: Some("TASS".into()),
            language: Some("en".into()),
            ..Article::default()
        }
    }

    #[test]
    fn a_store_opens_and_reads_while_another_connection_writes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        s.write_batch(&[article("a", "One")], &[], &[]).unwrap();
        // An ingest in the middle of a batch holds the write lock.
        let writer = Connection::open(dir.path().join(DB_FILE)).unwrap();
        writer.execute_batch("BEGIN IMMEDIATE; DELETE FROM problems;").unwrap();
        // Opening takes no lock (else it would wait out the busy timeout and fail: database is locked).
        let reader = Store::open(dir.path()).unwrap();
        assert_eq!(reader.article("a").unwrap().unwrap().title.as_deref(), Some("One"));
        writer.execute_batch("ROLLBACK;").unwrap();
    }

    #[test]
    fn an_article_moved_to_another_story_is_numbered_as_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        s.write_batch(&[article("a", "One"), article("b", "Two")], &[], &[])
            .unwrap();
        assert_eq!(s.max_story().unwrap(), None);
        let joined = [("a".to_string(), 1), ("b".to_string(), 1)];
        s.write_stories(&joined, &[(1, "one".into())], None).unwrap();
        let before = s.last_change().unwrap();
        // The same stories again change nothing; a move renumbers the article that moved.
        s.write_stories(&joined, &[], None).unwrap();
        assert_eq!(s.last_change().unwrap(), before);
        s.write_stories(&[("a".to_string(), 7)], &[(7, "seven".into())], None)
            .unwrap();
        assert_eq!(s.story_of("a").unwrap(), Some(7));
        assert_eq!(s.max_story().unwrap(), Some(7));
        let changed = s.changed_after(before, 10).unwrap();
        assert_eq!(changed.len(), 1);
        assert_eq!((changed[0].article.id.as_str(), changed[0].story), ("a", Some(7)));
    }

    #[test]
    fn upserts_and_counts() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let problem = Problem {
            provenance: Provenance::default(),
            severity: Severity::Record,
            reason: "bad".into(),
        };
        s.write_batch(&[article("a", "One"), article("b", "Two")], &[], &[problem])
            .unwrap();
        s.write_batch(&[article("a", "One, revised")], &[], &[]).unwrap();
        let st = s.stats().unwrap();
        assert_eq!((st.articles, st.problems), (2, 1));
        assert_eq!(st.outlets, vec![("TASS".to_string(), 2)]);
        assert_eq!(st.published_range, Some(("2021-11-09".into(), "2021-11-09".into())));
        assert_eq!(s.article("a").unwrap().unwrap().title.as_deref(), Some("One, revised"));
    }

    #[test]
    fn entities_keep_their_first_name_and_are_found_by_any_mention() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let entity = |name: &str, mention: &str| Entity {
            id: "per-1".into(),
            name: name.into(),
            kind: EntityKind::Person,
            aliases: vec![],
            roles: vec![],
            demonyms: vec![],
            mentions: vec![EntityMention {
                text: mention.into(),
                start: 0,
                end: mention.len() as u32,
                in_title: false,
                description: false,
            }],
        };
        let mut a = article("a", "One");
        a.entities = vec![entity("Alexander Volfovich", "Volfovich")];
        let mut b = article("b", "Two");
        b.entities = vec![entity("Aleksandr Wolfowicz", "Wolfowicz")];
        s.write_batch(&[a.clone(), b], &[], &[]).unwrap();
        s.write_batch(&[a], &[], &[]).unwrap();
        let found = s.entities(Some("wolfowicz"), None, 10).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].name.as_str(), found[0].articles, found[0].mentions),
            ("Alexander Volfovich", 2, 2)
        );
        assert_eq!(
            s.entity_names().unwrap(),
            vec![("per-1".to_string(), "Alexander Volfovich".to_string())]
        );
        assert!(s.entities(None, Some("place"), 10).unwrap().is_empty());
        assert_eq!(s.stats().unwrap().entities, 1);
    }

    #[test]
    fn quotes_are_kept_per_speaker_and_replaced_on_update() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let mut a = article("a", "One");
        let quote = Quote {
            text: "We are ready".into(),
            fragments: vec![],
            kind: QuoteKind::Direct,
            speaker: Some("Dmitry Peskov".into()),
            speaker_mention: None,
            cue: Some("said".into()),
            via: None,
            start: 0,
            end: 12,
            in_title: false,
            confidence: 0.9,
        };
        a.quotes = vec![quote.clone(), quote];
        s.write_batch(&[a.clone()], &[], &[]).unwrap();
        s.write_batch(&[a], &[], &[]).unwrap();
        assert_eq!(s.stats().unwrap().quotes, 2);
        let got = s.quotes_by("dmitry peskov", 10).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].kind, "direct");
    }

    #[test]
    fn committed_batches_survive_reopen_and_newer_layout_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = Store::open(dir.path()).unwrap();
            s.write_batch(&[article("a", "One")], &[], &[]).unwrap();
        }
        assert_eq!(Store::open(dir.path()).unwrap().stats().unwrap().articles, 1);
        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        conn.pragma_update(None, "user_version", STORE_VERSION + 1).unwrap();
        drop(conn);
        assert!(matches!(Store::open(dir.path()), Err(Error::TooNew { .. })));
    }

    #[test]
    fn a_problem_met_again_is_recorded_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let problem = Problem {
            provenance: Provenance {
                input: "bad.txt".into(),
                ..Provenance::default()
            },
            severity: Severity::Input,
            reason: "empty input".into(),
        };
        for _ in 0..3 {
            s.write_batch(&[], &[], std::slice::from_ref(&problem)).unwrap();
        }
        assert_eq!(s.stats().unwrap().problems, 1);
    }
}
