//! Dateline's search: a tantivy index beside the store (`<store>/index`), kept in step with it.
//!
//! The store is the record; the index follows it. Every article the store writes gets a change number
//! ([`dateline_store::Changed`]), and each commit of the index carries the last number it holds, so
//! [`SearchIndex::sync`] indexes what changed since, whatever stopped the last run (`kill -9` between the
//! store's commit and the index's loses nothing: the next sync picks it up). Each article is one document
//! (headline, lead and body in one field for BM25; facets for outlet, language, entities, speakers, story, day, copy) and
//! each of its quotations another (the quoted words, with the article's facets and the speaker's), so that
//! quotations are searchable by their words.

mod query;

use std::path::{Path, PathBuf};

use dateline_model::{Article, EntityKind};
use dateline_store::{Changed, Store};
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{Facet, FacetOptions, Field, IndexRecordOption, Schema, FAST, INDEXED, STRING, TEXT};
use tantivy::{DocAddress, Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

pub use crate::query::{bare_name, Filters, Names};

/// Folder of the index inside the store folder.
pub const INDEX_DIR: &str = "index";
/// Articles read from the store per step of a sync.
const SYNC_BATCH: usize = 500;
/// Articles indexed between two commits of a long sync (each commit records how far it got).
const COMMIT_EVERY: usize = 20_000;
/// Memory the index writer may use.
const WRITER_BYTES: usize = 64 << 20;
/// Values of a facet counted back to the caller.
pub const FACET_VALUES: usize = 10;

/// Search errors.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The index could not be opened, read or written.
    #[error("search index {path}: {source}")]
    Index {
        /// Its folder.
        path: PathBuf,
        /// What tantivy said.
        source: tantivy::TantivyError,
    },
    /// The query is not one the parser reads.
    #[error("query {query:?}: {reason}")]
    Query {
        /// The query as given.
        query: String,
        /// Why.
        reason: String,
    },
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] dateline_store::Error),
}

/// Result of search operations.
pub type Result<T> = std::result::Result<T, Error>;

/// The index's fields.
#[derive(Clone, Copy)]
struct Fields {
    /// `article` or `quote`.
    kind: Field,
    /// The article's id (on its quotations too).
    id: Field,
    /// A quotation's place among its article's.
    quote: Field,
    /// An article's words: its headline twice (headline words weigh double), lead and body, in one field,
    /// so that a word is one posting list to walk rather than a union of three.
    words: Field,
    /// The quoted words (quotations): a field of their own, so that words find articles or quotations
    /// without a filter on the kind (which would walk every document of the kind).
    said: Field,
    /// Days since 1970-01-01 of the publication day.
    day: Field,
    /// A quotation's confidence.
    confidence: Field,
    /// `/outlet/…`, `/lang/…`, `/entity/…`, `/speaker/…`, `/story/…`, `/copy/…`: the filters.
    facets: Field,
    /// The same values as columns, counted by [`SearchIndex::search`] (a facet dictionary walk per query
    /// costs as many steps as there are stories; a column costs as many as there are matches).
    counted: [Field; COUNTED.len()],
}

/// The facets counted for a search: (name in the facets, column).
const COUNTED: [(&str, &str); 6] = [
    ("outlet", "c_outlet"),
    ("lang", "c_lang"),
    ("entity", "c_entity"),
    ("speaker", "c_speaker"),
    ("story", "c_story"),
    ("copy", "c_copy"),
];

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        kind: b.add_text_field("kind", STRING),
        id: b.add_text_field("id", STRING | FAST),
        quote: b.add_u64_field("quote", FAST),
        words: b.add_text_field("words", TEXT),
        said: b.add_text_field("said", TEXT),
        day: b.add_i64_field("day", INDEXED | FAST),
        confidence: b.add_f64_field("confidence", INDEXED),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        counted: COUNTED.map(|(_, column)| b.add_text_field(column, STRING | FAST)),
    };
    (b.build(), fields)
}

/// One article found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Hit {
    /// The article's id.
    pub id: String,
    /// The quotation's place among the article's, for a quotation found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<usize>,
    /// BM25 score.
    pub score: f32,
}

/// The page of results asked for.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Most results.
    pub limit: usize,
    /// Results skipped before them.
    pub offset: usize,
}

/// What a search counts besides the page.
#[derive(Debug, Clone, Copy, Default)]
pub struct Want {
    /// The exact number of matches.
    pub count: bool,
    /// The facet counts (and the number of matches).
    pub facets: bool,
}

/// A facet's values with their counts, most first.
pub type FacetCounts = Vec<(String, u64)>;

/// Counts of the matching articles by facet.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Facets {
    /// By outlet.
    pub outlet: FacetCounts,
    /// By language.
    pub language: FacetCounts,
    /// By entity id.
    pub entity: FacetCounts,
    /// By speaker, as resolved.
    pub speaker: FacetCounts,
    /// By story id.
    pub story: FacetCounts,
    /// Originals (`original`) and copies (`copy`).
    pub copy: FacetCounts,
}

impl Facets {
    /// Gives the entity facet's values as the store names them, in place of their ids.
    pub fn name_entities(&mut self, store: &Store) -> Result<()> {
        for (id, _) in &mut self.entity {
            if let Some(name) = store.entity_name(id)? {
                *id = name;
            }
        }
        Ok(())
    }
}

/// What a search found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Found {
    /// How many match in all, when they were counted (counting walks every match: a plain listing that
    /// does not need it stops at the best ones).
    pub total: Option<usize>,
    /// Whether more match after this page.
    pub more: bool,
    /// The page asked for, best first.
    pub hits: Vec<Hit>,
    /// Counts of all that match, by facet (articles only).
    pub facets: Facets,
}

/// Where a snippet lies in a text and what it highlights.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Snippet {
    /// The fragment of the text.
    pub fragment: String,
    /// Byte ranges of the fragment that matched the query.
    pub highlights: Vec<(usize, usize)>,
}

/// A quotation with what a reader needs to cite it and find it: its article's headline, date, outlet and
/// URL, the speaker as resolved and as the article names them there.
#[derive(Debug, Clone, serde::Serialize)]
pub struct QuoteRow {
    /// The words.
    pub text: String,
    /// `direct`, `partial` or `indirect`.
    pub kind: String,
    /// The speaker as resolved.
    pub speaker: Option<String>,
    /// The speaker as the article names them there (`he`, `the Kremlin spokesman`).
    pub speaker_as_written: Option<String>,
    /// The verb or phrase that reports it.
    pub cue: Option<String>,
    /// The outlet it came through (`told the BBC`).
    pub via: Option<String>,
    /// How sure the attribution is.
    pub confidence: f32,
    /// The article's id.
    pub article: String,
    /// The id its input gave the article.
    pub external_id: Option<String>,
    /// The article's headline.
    pub title: Option<String>,
    /// The article's publication date.
    pub published: Option<String>,
    /// The article's outlet.
    pub outlet: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// Byte offsets of the quotation in the article's text (or headline when `in_title`).
    pub start: u32,
    /// End of it.
    pub end: u32,
    /// Whether it is in the headline.
    pub in_title: bool,
}

impl QuoteRow {
    /// The quotation `idx` of an article, as a row.
    pub fn of(a: &Article, idx: usize) -> Option<QuoteRow> {
        let q = a.quotes.get(idx)?;
        Some(QuoteRow {
            text: q.text.clone(),
            kind: q.kind.as_str().to_string(),
            speaker: q.speaker.clone(),
            speaker_as_written: q.speaker_mention.as_ref().map(|m| m.text.clone()),
            cue: q.cue.clone(),
            via: q.via.clone(),
            confidence: q.confidence,
            article: a.id.clone(),
            external_id: a.external_id.clone(),
            title: a.title.clone(),
            published: a.published.clone(),
            outlet: a.outlet.clone(),
            url: a.url.clone(),
            start: q.start,
            end: q.end,
            in_title: q.in_title,
        })
    }
}

/// Finds the snippets of one query (see [`SearchIndex::snippets`]).
pub struct Snippets(tantivy::snippet::SnippetGenerator);

impl Snippets {
    /// A snippet of `text` around what the query matches in it, the matches marked; `None` when it
    /// matches nothing there.
    pub fn of(&self, text: &str) -> Option<Snippet> {
        let s = self.0.snippet(text);
        if s.highlighted().is_empty() {
            return None;
        }
        Some(Snippet {
            fragment: s.fragment().to_string(),
            highlights: s.highlighted().iter().map(|r| (r.start, r.end)).collect(),
        })
    }
}

impl QuoteRow {
    /// The rows of quotations found, read from the store (each article once for its run of hits).
    pub fn of_hits(store: &Store, hits: &[Hit]) -> Result<Vec<QuoteRow>> {
        let mut rows = Vec::with_capacity(hits.len());
        let mut last: Option<Article> = None;
        for hit in hits {
            if last.as_ref().is_none_or(|a| a.id != hit.id) {
                last = store.article(&hit.id)?;
            }
            if let Some(row) = last.as_ref().and_then(|a| QuoteRow::of(a, hit.quote.unwrap_or(0))) {
                rows.push(row);
            }
        }
        Ok(rows)
    }
}

/// The search index of one store.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    f: Fields,
    path: PathBuf,
}

/// Days since 1970-01-01 of an ISO date's day.
pub fn day_number(iso: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok()?;
    Some((d - chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days())
}

fn facet(kind: &str, value: &str) -> Facet {
    Facet::from_path([kind, value])
}

/// Puts a facet value on a document, and in its column when it is one that searches count.
fn add_facet(f: Fields, doc: &mut TantivyDocument, x: &Facet) {
    doc.add_facet(f.facets, x.clone());
    let path = x.to_path();
    if let (Some(kind), Some(value)) = (path.first(), path.get(1)) {
        if let Some(i) = COUNTED.iter().position(|(k, _)| k == kind) {
            doc.add_text(f.counted[i], value);
        }
    }
}

/// Facets with values by the thousand (a value per entity, speaker, story): each segment hands on only
/// its most frequent [`MANY_VALUES_PER_SEGMENT`] (tantivy's default, ten times as many as are shown, turns
/// a dictionary's worth of story numbers back into words for a common word). The others keep the default.
const MANY_VALUES: [&str; 3] = ["entity", "speaker", "story"];
/// See [`MANY_VALUES`]: the counts of the values shown may so miss a segment where a value was not among
/// its first; on the 1M-article store this took faceted search from 335 to 384 requests/s.
const MANY_VALUES_PER_SEGMENT: usize = FACET_VALUES * 2;

/// The aggregation that counts the most frequent values of each counted facet.
fn facet_request() -> serde_json::Value {
    let mut request = serde_json::Map::new();
    for (name, column) in COUNTED {
        let mut terms = serde_json::json!({"field": column, "size": FACET_VALUES});
        if MANY_VALUES.contains(&name) {
            terms["segment_size"] = serde_json::json!(MANY_VALUES_PER_SEGMENT);
        }
        request.insert(name.to_string(), serde_json::json!({ "terms": terms }));
    }
    serde_json::Value::Object(request)
}

/// The facet counts of [`facet_request`]'s results.
fn facets_of(results: &serde_json::Value) -> Facets {
    let count = |name: &str| -> FacetCounts {
        results[name]["buckets"]
            .as_array()
            .map(|buckets| {
                buckets
                    .iter()
                    .filter_map(|b| Some((b["key"].as_str()?.to_string(), b["doc_count"].as_u64()?)))
                    .collect()
            })
            .unwrap_or_default()
    };
    Facets {
        outlet: count("outlet"),
        language: count("lang"),
        entity: count("entity"),
        speaker: count("speaker"),
        story: count("story"),
        copy: count("copy"),
    }
}

/// An aggregation request or result that does not convert, as an index error.
fn invalid(err: impl Fn(tantivy::TantivyError) -> Error) -> impl Fn(serde_json::Error) -> Error {
    move |e| err(tantivy::TantivyError::InvalidArgument(e.to_string()))
}

/// The id and quotation columns of the segment last read from (a hit's id is read from its column, not
/// from a stored document: no block of documents is decompressed per hit).
#[derive(Default)]
struct Columns {
    segment: Option<u32>,
    id: Option<tantivy::columnar::StrColumn>,
    quote: Option<tantivy::columnar::Column<u64>>,
}

impl Columns {
    /// The article id and quotation number of the document at `addr`.
    fn read(
        &mut self,
        searcher: &tantivy::Searcher,
        addr: DocAddress,
    ) -> tantivy::Result<(Option<String>, Option<usize>)> {
        if self.segment != Some(addr.segment_ord) {
            let fast = searcher.segment_reader(addr.segment_ord).fast_fields();
            self.id = fast.str("id")?;
            self.quote = fast.u64("quote").ok();
            self.segment = Some(addr.segment_ord);
        }
        let mut id = None;
        if let Some(column) = &self.id {
            if let Some(ord) = column.ords().first(addr.doc_id) {
                let mut s = String::new();
                if column.ord_to_str(ord, &mut s)? {
                    id = Some(s);
                }
            }
        }
        let quote = self
            .quote
            .as_ref()
            .and_then(|c| c.first(addr.doc_id))
            .map(|q| q as usize);
        Ok((id, quote))
    }
}

impl SearchIndex {
    /// Opens (creating if needed) the index of the store in folder `store_dir`.
    pub fn open(store_dir: &Path) -> Result<SearchIndex> {
        let path = store_dir.join(INDEX_DIR);
        let err = |source| Error::Index {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(&path).map_err(|e| err(e.into()))?;
        let (schema, f) = schema();
        let dir = tantivy::directory::MmapDirectory::open(&path).map_err(|e| err(e.into()))?;
        let index = match Index::open_or_create(dir, schema.clone()) {
            Ok(index) => index,
            Err(tantivy::TantivyError::SchemaError(_)) => {
                // An index an earlier version laid out otherwise: made again from the store by the next sync.
                tracing::info!("search index {} has another layout: building it again", path.display());
                std::fs::remove_dir_all(&path).map_err(|e| err(e.into()))?;
                std::fs::create_dir_all(&path).map_err(|e| err(e.into()))?;
                let dir = tantivy::directory::MmapDirectory::open(&path).map_err(|e| err(e.into()))?;
                Index::open_or_create(dir, schema).map_err(err)?
            }
            Err(e) => return Err(err(e)),
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(err)?;
        Ok(SearchIndex { index, reader, f, path })
    }

    fn err(&self) -> impl Fn(tantivy::TantivyError) -> Error + '_ {
        move |source| Error::Index {
            path: self.path.clone(),
            source,
        }
    }

    /// The store change the index holds everything up to.
    pub fn indexed_up_to(&self) -> Result<i64> {
        let metas = self.index.load_metas().map_err(self.err())?;
        Ok(metas.payload.and_then(|p| p.parse().ok()).unwrap_or(0))
    }

    /// Whether the index holds everything the store does.
    pub fn in_step(&self, store: &Store) -> Result<bool> {
        Ok(self.indexed_up_to()? >= store.last_change()?)
    }

    /// Brings the index into step with the store when it is behind, and sees the result; returns how many
    /// articles it indexed. A sync that fails (another process indexing at the same time) is said in the
    /// log and leaves the index as it was, to be searched as it is.
    pub fn catch_up(&self, store: &Store) -> Result<usize> {
        if self.in_step(store)? {
            return Ok(0);
        }
        let n = match self.sync(store) {
            Ok(n) => n,
            Err(e) => {
                tracing::warn!("search index not brought into step ({e}); searching what it holds");
                0
            }
        };
        self.reload()?;
        Ok(n)
    }

    /// Indexes what the store wrote since the index last looked; returns how many articles. Another
    /// process indexing at the same time makes this an error ([`Error::Index`], lock busy).
    pub fn sync(&self, store: &Store) -> Result<usize> {
        let mut after = self.indexed_up_to()?;
        if after >= store.last_change()? {
            return Ok(0);
        }
        let mut writer: IndexWriter = self
            .index
            .writer_with_num_threads(1, WRITER_BYTES)
            .map_err(self.err())?;
        let mut done = 0;
        let mut since_commit = 0;
        loop {
            let batch = store.changed_after(after, SYNC_BATCH)?;
            let Some(last) = batch.last().map(|c| c.seq) else {
                break;
            };
            for c in &batch {
                writer.delete_term(Term::from_field_text(self.f.id, &c.article.id));
                for doc in self.documents(c) {
                    writer.add_document(doc).map_err(self.err())?;
                }
            }
            done += batch.len();
            since_commit += batch.len();
            after = last;
            if since_commit >= COMMIT_EVERY {
                self.commit(&mut writer, after)?;
                since_commit = 0;
            }
        }
        self.commit(&mut writer, after)?;
        writer.wait_merging_threads().map_err(self.err())?;
        self.reader.reload().map_err(self.err())?;
        Ok(done)
    }

    /// Empties the index and indexes the whole store again; returns how many articles.
    pub fn rebuild(&self, store: &Store) -> Result<usize> {
        {
            let mut writer: IndexWriter = self
                .index
                .writer_with_num_threads(1, WRITER_BYTES)
                .map_err(self.err())?;
            writer.delete_all_documents().map_err(self.err())?;
            self.commit(&mut writer, 0)?;
        }
        self.sync(store)
    }

    fn commit(&self, writer: &mut IndexWriter, up_to: i64) -> Result<()> {
        let mut prepared = writer.prepare_commit().map_err(self.err())?;
        prepared.set_payload(&up_to.to_string());
        prepared.commit().map_err(self.err())?;
        Ok(())
    }

    /// The documents of one article: itself and each of its quotations.
    fn documents(&self, c: &Changed) -> Vec<TantivyDocument> {
        let f = self.f;
        let a: &Article = &c.article;
        let mut common: Vec<Facet> = Vec::new();
        if let Some(o) = &a.outlet {
            common.push(facet("outlet", o));
        }
        if let Some(l) = &a.language {
            common.push(facet("lang", l));
        }
        if let Some(s) = c.story {
            common.push(facet("story", &s.to_string()));
        }
        common.push(facet("copy", if c.original.is_some() { "copy" } else { "original" }));
        let day = a.published.as_deref().and_then(day_number);
        let base = |doc: &mut TantivyDocument, kind: &str| {
            doc.add_text(f.kind, kind);
            doc.add_text(f.id, &a.id);
            if let Some(d) = day {
                doc.add_i64(f.day, d);
            }
            for x in &common {
                add_facet(f, doc, x);
            }
        };
        let mut article = TantivyDocument::default();
        base(&mut article, "article");
        if let Some(t) = &a.title {
            article.add_text(f.words, t);
            article.add_text(f.words, t);
        }
        if let Some(l) = &a.lead {
            article.add_text(f.words, l);
        }
        article.add_text(f.words, &a.text);
        for e in &a.entities {
            if e.kind != EntityKind::Other {
                add_facet(f, &mut article, &facet("entity", &e.id));
            }
        }
        let mut speakers: Vec<&str> = a.quotes.iter().filter_map(|q| q.speaker.as_deref()).collect();
        speakers.sort_unstable();
        speakers.dedup();
        for s in speakers {
            add_facet(f, &mut article, &facet("speaker", s));
        }
        let mut docs = vec![article];
        for (i, q) in a.quotes.iter().enumerate() {
            let mut doc = TantivyDocument::default();
            base(&mut doc, "quote");
            doc.add_u64(f.quote, i as u64);
            doc.add_text(f.said, &q.text);
            doc.add_f64(f.confidence, f64::from(q.confidence));
            if let Some(s) = &q.speaker {
                add_facet(f, &mut doc, &facet("speaker", s));
            }
            docs.push(doc);
        }
        docs
    }

    /// Articles matching `query` (BM25 over title, lead and body; phrases in quotes, `AND`, `OR`, `-`;
    /// empty for all) and `filters`: the page `offset..offset + limit`, the total, and facet counts.
    pub fn search(&self, query: &str, filters: &Filters, names: &Names, page: Page, want: Want) -> Result<Found> {
        let q = self.query(query, "article", filters, names)?;
        let searcher = self.reader.searcher();
        // One more than the page says whether another follows.
        let top = TopDocs::with_limit(page.limit + 1)
            .and_offset(page.offset)
            .order_by_score();
        // One pass over what matches gives the page, the count and the facets.
        let (mut top, total, facets) = if want.facets {
            let (top, n, counted) = searcher
                .search(&*q, &(top, Count, self.collector(facet_request())?))
                .map_err(self.err())?;
            let counted = serde_json::to_value(counted).map_err(invalid(self.err()))?;
            (top, Some(n), facets_of(&counted))
        } else if want.count {
            let (top, n) = searcher.search(&*q, &(top, Count)).map_err(self.err())?;
            (top, Some(n), Facets::default())
        } else {
            (searcher.search(&*q, &top).map_err(self.err())?, None, Facets::default())
        };
        let more = top.len() > page.limit;
        top.truncate(page.limit);
        let hits = self.hits(&searcher, top)?;
        Ok(Found {
            total,
            more,
            hits,
            facets,
        })
    }

    /// A collector for an aggregation request (tantivy's JSON form).
    fn collector(&self, request: serde_json::Value) -> Result<tantivy::aggregation::AggregationCollector> {
        use tantivy::aggregation::agg_req::Aggregations;
        use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
        let request: Aggregations = serde_json::from_value(request).map_err(invalid(self.err()))?;
        let context = AggContextParams::new(AggregationLimitsGuard::default(), self.index.tokenizers().clone());
        Ok(AggregationCollector::from_aggs(request, context))
    }

    /// Runs an aggregation request over what `q` matches; its results as JSON.
    fn aggregate(
        &self,
        searcher: &tantivy::Searcher,
        q: &dyn tantivy::query::Query,
        request: serde_json::Value,
    ) -> Result<serde_json::Value> {
        let results = searcher.search(q, &self.collector(request)?).map_err(self.err())?;
        serde_json::to_value(results).map_err(invalid(self.err()))
    }

    /// The ids of every article matching `query` and `filters`, in the order they were indexed: for an
    /// export, however many.
    pub fn matching_ids(&self, query: &str, filters: &Filters, names: &Names) -> Result<Vec<String>> {
        let q = self.query(query, "article", filters, names)?;
        let searcher = self.reader.searcher();
        let mut found: Vec<DocAddress> = searcher
            .search(&*q, &tantivy::collector::DocSetCollector)
            .map_err(self.err())?
            .into_iter()
            .collect();
        found.sort_unstable();
        let mut ids = Vec::with_capacity(found.len());
        let mut columns = Columns::default();
        for addr in found {
            let (id, _) = columns.read(&searcher, addr).map_err(self.err())?;
            ids.extend(id);
        }
        Ok(ids)
    }

    /// Quotations matching `query` (their words; empty for all) and `filters`, best first.
    pub fn quotes(
        &self,
        query: &str,
        filters: &Filters,
        names: &Names,
        limit: usize,
        offset: usize,
    ) -> Result<(usize, Vec<Hit>)> {
        let q = self.query(query, "quote", filters, names)?;
        let searcher = self.reader.searcher();
        let top = TopDocs::with_limit(limit.max(1)).and_offset(offset).order_by_score();
        let (top, total) = searcher.search(&*q, &(top, Count)).map_err(self.err())?;
        let hits = if limit == 0 {
            Vec::new()
        } else {
            self.hits(&searcher, top)?
        };
        Ok((total, hits))
    }

    /// Articles matching `query` and `filters` per publication day (`YYYY-MM-DD`, in day order): the
    /// attention a subject got over time.
    pub fn attention(&self, query: &str, filters: &Filters, names: &Names) -> Result<FacetCounts> {
        let q = self.query(query, "article", filters, names)?;
        let searcher = self.reader.searcher();
        let request = serde_json::json!({"days": {"histogram": {"field": "day", "interval": 1.0, "min_doc_count": 1}}});
        let results = self.aggregate(&searcher, &*q, request)?;
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        let days = results["days"]["buckets"]
            .as_array()
            .map(|buckets| {
                buckets
                    .iter()
                    .filter_map(|b| {
                        let day = epoch + chrono::Days::new(u64::try_from(b["key"].as_f64()? as i64).ok()?);
                        Some((day.format("%Y-%m-%d").to_string(), b["doc_count"].as_u64()?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(days)
    }

    /// What finds snippets for `query` in texts (made once per query, used for each hit); `None` when the
    /// query is empty.
    pub fn snippets(&self, query: &str, max_chars: usize) -> Result<Option<Snippets>> {
        if query.trim().is_empty() {
            return Ok(None);
        }
        let Some(q) = self.parse(query, "article")? else {
            return Ok(None);
        };
        let searcher = self.reader.searcher();
        let mut generator =
            tantivy::snippet::SnippetGenerator::create(&searcher, &*q, self.f.words).map_err(self.err())?;
        generator.set_max_num_chars(max_chars);
        Ok(Some(Snippets(generator)))
    }

    fn hits(&self, searcher: &tantivy::Searcher, top: Vec<(f32, DocAddress)>) -> Result<Vec<Hit>> {
        let mut hits = Vec::with_capacity(top.len());
        let mut columns = Columns::default();
        for (score, addr) in top {
            let (id, quote) = columns.read(searcher, addr).map_err(self.err())?;
            hits.push(Hit {
                id: id.unwrap_or_default(),
                quote,
                score,
            });
        }
        Ok(hits)
    }

    /// How many articles the index holds.
    pub fn len(&self) -> Result<usize> {
        let q = tantivy::query::TermQuery::new(Term::from_field_text(self.f.kind, "article"), IndexRecordOption::Basic);
        self.reader.searcher().search(&q, &Count).map_err(self.err())
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.len()? == 0)
    }

    /// Sees what was committed since the index was opened (another process's sync).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload().map_err(self.err())
    }
}

#[cfg(test)]
mod tests;
