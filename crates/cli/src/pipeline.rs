//! The glue that runs the stages in order: a reader thread streams items from the inputs in bounded
//! batches; each batch is extracted and analysed (entities, quotes) on all cores (rayon), in input order;
//! entities are then given their corpus-wide names in order, and the batch is handed to a sink.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::sync_channel;
use std::thread;
use std::time::{Duration, Instant};

use dateline_entities::Registry;
use dateline_extract::Extractor;
use dateline_ingest::{IngestOptions, Inputs};
use dateline_model::budget::Budget;
use dateline_model::{Article, Item, Link, Problem, Severity};
use dateline_text::Document;
use rayon::prelude::*;

/// One processed batch, in input order within each list.
#[derive(Default)]
pub(crate) struct Batch {
    pub(crate) articles: Vec<Article>,
    pub(crate) links: Vec<Link>,
    pub(crate) problems: Vec<Problem>,
}

/// What became of one item.
enum Outcome {
    /// A document that gave an article (with its content size).
    Article(Box<Article>, usize),
    /// A document that gave no article (with its content size).
    Failed(Problem, usize),
    /// A listed link.
    Link(Box<Link>),
    /// A record the reader could not read.
    Unread(Problem),
}

/// Totals of a run.
#[derive(Default, Debug)]
pub(crate) struct Summary {
    pub(crate) documents: u64,
    pub(crate) articles: u64,
    pub(crate) links: u64,
    pub(crate) problems: u64,
    /// Articles that took the id of an earlier record of the run ([`Seen`]).
    pub(crate) replaced: u64,
    pub(crate) bytes: u64,
    pub(crate) seconds: f64,
}

/// How a run reads and batches its inputs.
pub(crate) struct Plan {
    pub(crate) paths: Vec<String>,
    pub(crate) ingest: IngestOptions,
    pub(crate) extractor: Extractor,
    /// Most documents per batch.
    pub(crate) batch_docs: usize,
    /// Most content bytes per batch: bounds memory whatever the document sizes.
    pub(crate) batch_bytes: usize,
    /// The names entities already have in the corpus.
    pub(crate) registry: Registry,
    /// The time each analysis stage (entities, quotes) may take on one document, stopping where it is when
    /// it is spent; `None` skips them (records carry the article only).
    pub(crate) analysis_limit: Option<Duration>,
}

/// Runs the pipeline, calling `sink` with each batch and `progress` with running totals.
pub(crate) fn run(
    plan: Plan,
    mut sink: impl FnMut(Batch) -> anyhow::Result<()>,
    mut progress: impl FnMut(&Summary),
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let (tx, rx) = sync_channel::<Vec<Item>>(2);
    let Plan {
        paths,
        ingest,
        extractor,
        batch_docs,
        batch_bytes,
        mut registry,
        analysis_limit,
    } = plan;
    let reader = thread::Builder::new().name("dateline-read".into()).spawn(move || {
        let mut batch = Vec::with_capacity(batch_docs);
        let mut bytes = 0usize;
        for item in Inputs::new(paths, ingest) {
            if let Item::Document(d) = &item {
                bytes += d.content.len();
            }
            batch.push(item);
            if batch.len() >= batch_docs || bytes >= batch_bytes {
                if tx.send(std::mem::take(&mut batch)).is_err() {
                    return;
                }
                bytes = 0;
            }
        }
        if !batch.is_empty() {
            let _ = tx.send(batch);
        }
    })?;
    let mut summary = Summary::default();
    let mut seen = Seen::default();
    for items in rx {
        let outcomes: Vec<Outcome> = items
            .into_par_iter()
            .map(|item| match item {
                Item::Document(doc) => {
                    // A bug that panics on one document costs that document, not the run.
                    IN_DOCUMENT.with(|d| d.set(true));
                    let made = panic::catch_unwind(AssertUnwindSafe(|| {
                        let mut article = extractor.extract(&doc)?;
                        if let Some(limit) = analysis_limit {
                            analyse(&mut article, limit);
                        }
                        Ok::<_, dateline_extract::ExtractError>(article)
                    }));
                    IN_DOCUMENT.with(|d| d.set(false));
                    let reason = match made {
                        Ok(Ok(article)) => return Outcome::Article(Box::new(article), doc.content.len()),
                        Ok(Err(err)) => err.to_string(),
                        Err(payload) => format!("internal error, please report it: {}", panic_text(&*payload)),
                    };
                    Outcome::Failed(
                        Problem {
                            provenance: doc.provenance.clone(),
                            severity: Severity::Record,
                            reason,
                        },
                        doc.content.len(),
                    )
                }
                Item::Link(l) => Outcome::Link(l),
                Item::Problem(p) => Outcome::Unread(p),
            })
            .collect();
        let mut batch = Batch::default();
        for outcome in outcomes {
            match outcome {
                Outcome::Article(a, bytes) => {
                    summary.documents += 1;
                    summary.articles += 1;
                    summary.bytes += bytes as u64;
                    let mut a = *a;
                    if seen.repeats(&a) {
                        summary.replaced += 1;
                    }
                    registry.unify(&mut a);
                    batch.articles.push(a);
                }
                Outcome::Failed(p, bytes) => {
                    summary.documents += 1;
                    summary.bytes += bytes as u64;
                    batch.problems.push(p);
                }
                Outcome::Link(l) => batch.links.push(*l),
                Outcome::Unread(p) => batch.problems.push(p),
            }
        }
        summary.links += batch.links.len() as u64;
        summary.problems += batch.problems.len() as u64;
        tracing::debug!(
            "batch: {} articles, {} links, {} problems",
            batch.articles.len(),
            batch.links.len(),
            batch.problems.len()
        );
        sink(batch)?;
        progress(&summary);
    }
    let _ = reader.join();
    summary.seconds = started.elapsed().as_secs_f64();
    tracing::info!(
        "{} documents ({} MiB) read in {:.2}s on {} threads",
        summary.documents,
        summary.bytes / (1024 * 1024),
        summary.seconds,
        rayon::current_num_threads()
    );
    Ok(summary)
}

/// Most article ids a run remembers to tell when a record repeats an earlier one's (with their inputs'
/// paths, some 30 MiB at most); past that, repeats of the first ones are still told.
const SEEN_IDS: usize = 1 << 18;

/// The article ids a run has given, to warn when a record takes an earlier one's: two records of one page
/// (the same URL and no input ids, or the same input id) are one article, the later replacing the earlier
/// in a store, and a user who meant two articles should hear of it.
#[derive(Default)]
struct Seen {
    /// Id → (input, record).
    ids: std::collections::HashMap<u128, (u32, u64)>,
    /// The inputs' paths end to end, and where each one ends, by number.
    paths: String,
    ends: Vec<usize>,
}

impl Seen {
    /// Whether article `a` has the id of an earlier record of the run (saying so on stderr).
    fn repeats(&mut self, a: &Article) -> bool {
        let key = u128::from_str_radix(&a.id, 16).unwrap_or_else(|_| {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            a.id.hash(&mut h);
            u128::from(h.finish())
        });
        let from = &a.provenance;
        if let Some(&(input, record)) = self.ids.get(&key) {
            let earlier = self.path(input as usize);
            tracing::warn!(
                "{}: record {}: the same article as record {record} of {earlier} (the same URL or input id): \
                 one article, this record its later version",
                from.input,
                from.record
            );
            return true;
        }
        if self.ids.len() < SEEN_IDS {
            let same = self
                .ends
                .len()
                .checked_sub(1)
                .is_some_and(|l| self.path(l) == from.input);
            if !same {
                self.paths.push_str(&from.input);
                self.ends.push(self.paths.len());
            }
            let input = u32::try_from(self.ends.len() - 1).unwrap_or(u32::MAX);
            self.ids.insert(key, (input, from.record));
        }
        false
    }

    /// The path of input number `i`.
    fn path(&self, i: usize) -> &str {
        let start = i.checked_sub(1).and_then(|j| self.ends.get(j)).copied().unwrap_or(0);
        self.ends
            .get(i)
            .and_then(|&end| self.paths.get(start..end))
            .unwrap_or("")
    }
}

/// The analysis of one article: the headline and text read once into a [`Document`] that the entity stage
/// and then the quote stage read, each with the whole time `limit` (one that spends it stops and says so);
/// then speakers and entities are made to agree.
fn analyse(article: &mut Article, limit: Duration) {
    let max = dateline_entities::MAX_TEXT_BYTES.min(dateline_quotes::MAX_TEXT_BYTES);
    let doc = Document::new(
        article.title.as_deref(),
        dateline_model::budget::prefix(&article.text, max),
    );
    let text_len = article.text.len();
    {
        let _budget = Budget::start(limit);
        article.entities = dateline_entities::annotate_document(&doc, text_len, &mut article.warnings);
    }
    {
        let _budget = Budget::start(limit);
        article.quotes = dateline_quotes::annotate_document(&doc, text_len, &article.entities, &mut article.warnings);
    }
    dateline_entities::link_quotes(article);
}

thread_local! {
    /// Set while this thread works on one document, whose panic the pipeline catches and reports.
    static IN_DOCUMENT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is working on one document (a panic here is reported as that document's problem).
pub(crate) fn in_document() -> bool {
    IN_DOCUMENT.with(std::cell::Cell::get)
}

/// The message a panic carried, when it was text.
fn panic_text(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("no message")
}
