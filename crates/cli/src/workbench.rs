//! The analyst's commands over a store: `search`, `quotes`, `article`, `export`, `reindex`. Each reads the
//! store and its search index, bringing the index into step first when an earlier run left it behind.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::Args;
use dateline_model::Article;
use dateline_search::{Filters, Names, QuoteRow, SearchIndex};
use dateline_store::Store;
use serde::Serialize;

use crate::{existing_store, exit, ListFormat};

/// Filters every search-backed command takes.
#[derive(Args, Clone, Default)]
pub(crate) struct FilterArgs {
    /// First publication day (YYYY-MM-DD), included.
    #[arg(long)]
    from: Option<String>,
    /// Last publication day (YYYY-MM-DD), included.
    #[arg(long)]
    to: Option<String>,
    /// Only this outlet (as the articles name it).
    #[arg(long)]
    outlet: Option<String>,
    /// Only articles naming this entity, by any of its names (`Peskov`, `EU`).
    #[arg(long)]
    entity: Option<String>,
    /// Only articles quoting this speaker, by any of their names (`Peskov`, `Mr Peskov`).
    #[arg(long)]
    speaker: Option<String>,
    /// Only this story (its id, as `dateline stories` prints it).
    #[arg(long)]
    story: Option<u64>,
    /// Only this language (ISO 639-1 code).
    #[arg(long)]
    lang: Option<String>,
    /// Originals only: leave out articles that copy or rewrite another.
    #[arg(long)]
    originals: bool,
    /// Quotations only: those at least this sure (0 to 1; the probability a quotation is a statement with the
    /// right speaker, calibrated on real news pages).
    #[arg(long)]
    min_confidence: Option<f32>,
}

impl FilterArgs {
    fn filters(&self) -> Filters {
        Filters {
            from: self.from.clone(),
            to: self.to.clone(),
            outlet: self.outlet.clone(),
            lang: self.lang.clone(),
            entity: self.entity.clone(),
            speaker: self.speaker.clone(),
            story: self.story,
            originals: self.originals,
            min_confidence: self.min_confidence,
        }
    }
}

#[derive(Args)]
pub(crate) struct SearchArgs {
    /// Words to find (BM25 over headline, lead and body): `"a phrase"`, `AND`, `OR`, `-word`, `title:word`.
    /// Everything when left out.
    #[arg(default_value = "")]
    query: String,
    #[command(flatten)]
    filters: FilterArgs,
    /// Most articles to print.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Articles to skip (for the next page).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print the facet counts (outlets, languages, entities, speakers, stories) instead of the articles.
    #[arg(long)]
    facets: bool,
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Output format: a table for people, JSON lines for programs.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Args)]
pub(crate) struct QuotesArgs {
    /// Words of the quotation to find. All quotations when left out.
    #[arg(default_value = "")]
    query: String,
    #[command(flatten)]
    filters: FilterArgs,
    /// Most quotations to print.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Quotations to skip (for the next page).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Output format: a table for people, JSON lines for programs.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
    /// The same as `--format jsonl`.
    #[arg(long, hide = true)]
    json: bool,
}

#[derive(Args)]
pub(crate) struct ArticleArgs {
    /// The article's id (as listings print it) or the id its input gave it (`external_id`).
    id: String,
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Output format: a readable summary, or the whole record as one JSON line.
    #[arg(long, value_enum, default_value_t = crate::ShowFormat::Table)]
    format: crate::ShowFormat,
}

/// Formats of `export`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// One whole article record (with its quotations and entities) per line.
    Jsonl,
    /// One row per record, its kind in the first column: `article`, `quote`, `entity`.
    Csv,
    /// Parquet (a build with `--features parquet`): `-o FILE` gets the articles, `STEM.quotes.parquet` and
    /// `STEM.entities.parquet` beside it the quotations and entities.
    Parquet,
}

#[derive(Args)]
pub(crate) struct ExportArgs {
    /// Words the exported articles must match. All articles when left out.
    #[arg(default_value = "")]
    query: String,
    #[command(flatten)]
    filters: FilterArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
    format: ExportFormat,
    /// Write here rather than to stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
}

#[derive(Args)]
pub(crate) struct ReindexArgs {
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
}

/// The store's search index, brought into step with the store when it is behind (another process
/// indexing at the same time is left to it: this one searches what is there).
pub(crate) fn index_in_step(db: &Path, store: &Store) -> anyhow::Result<SearchIndex> {
    let index = SearchIndex::open(db)?;
    let n = index.catch_up(store)?;
    if n > 0 {
        tracing::info!("indexed {n} articles the index did not hold yet");
    }
    Ok(index)
}

/// One article found, as `search` prints it.
#[derive(Serialize)]
struct ArticleRow {
    id: String,
    external_id: Option<String>,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    score: f32,
    snippet: Option<dateline_search::Snippet>,
}

/// A snippet with its matches in brackets, on one line.
fn marked(s: &dateline_search::Snippet) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &(a, b) in &s.highlights {
        if a < at || b > s.fragment.len() {
            continue;
        }
        out.push_str(s.fragment.get(at..a).unwrap_or(""));
        out.push('[');
        out.push_str(s.fragment.get(a..b).unwrap_or(""));
        out.push(']');
        at = b;
    }
    out.push_str(s.fragment.get(at..).unwrap_or(""));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn search(args: SearchArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let index = index_in_step(&args.db, &store)?;
    let filters = args.filters.filters();
    let names = Names::resolve(&store, &filters)?;
    let mut found = index.search(
        &args.query,
        &filters,
        &names,
        dateline_search::Page {
            limit: args.limit.max(1),
            offset: args.offset,
        },
        dateline_search::Want {
            count: true,
            facets: args.facets,
        },
    )?;
    found.facets.name_entities(&store)?;
    let mut out = io::stdout().lock();
    if args.facets {
        match args.format {
            ListFormat::Table => {
                writeln!(out, "{} articles", found.total.unwrap_or(found.hits.len()))?;
                let f = &found.facets;
                for (name, counts) in [
                    ("outlet", &f.outlet),
                    ("language", &f.language),
                    ("entity", &f.entity),
                    ("speaker", &f.speaker),
                    ("story", &f.story),
                    ("copy", &f.copy),
                ] {
                    let list: Vec<String> = counts.iter().map(|(v, n)| format!("{v} ({n})")).collect();
                    writeln!(out, "{name:<9} {}", list.join(", "))?;
                }
            }
            _ => {
                serde_json::to_writer(&mut out, &found.facets)?;
                writeln!(out)?;
            }
        }
        out.flush()?;
        return Ok(exit::OK);
    }
    if found.hits.is_empty() {
        eprintln!("dateline: nothing found for {:?} in {}", args.query, args.db.display());
        return Ok(exit::NOTHING);
    }
    let mut rows = Vec::new();
    let snippets = index.snippets(&args.query, 180)?;
    for hit in &found.hits {
        let Some(a) = store.article(&hit.id)? else {
            continue;
        };
        let snippet = snippets.as_ref().and_then(|s| s.of(&a.text));
        rows.push(ArticleRow {
            id: a.id,
            external_id: a.external_id,
            title: a.title,
            published: a.published,
            outlet: a.outlet,
            url: a.url,
            score: hit.score,
            snippet,
        });
    }
    match args.format {
        ListFormat::Table => {
            writeln!(out, "{} articles", found.total.unwrap_or(found.hits.len()))?;
            for r in &rows {
                writeln!(
                    out,
                    "{}  {}  {}  {}",
                    r.published.as_deref().and_then(|p| p.get(..10)).unwrap_or("undated   "),
                    r.outlet.as_deref().unwrap_or("-"),
                    r.title.as_deref().unwrap_or("(no headline)"),
                    r.id
                )?;
                if let Some(s) = &r.snippet {
                    writeln!(out, "    {}", marked(s))?;
                }
            }
        }
        ListFormat::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "id",
                "external_id",
                "published",
                "outlet",
                "title",
                "url",
                "score",
                "snippet",
            ])?;
            for r in &rows {
                w.write_record([
                    r.id.as_str(),
                    r.external_id.as_deref().unwrap_or(""),
                    r.published.as_deref().unwrap_or(""),
                    r.outlet.as_deref().unwrap_or(""),
                    r.title.as_deref().unwrap_or(""),
                    r.url.as_deref().unwrap_or(""),
                    &r.score.to_string(),
                    &r.snippet.as_ref().map(marked).unwrap_or_default(),
                ])?;
            }
            w.flush()?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

pub(crate) fn quotes(args: QuotesArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let index = index_in_step(&args.db, &store)?;
    let filters = args.filters.filters();
    let names = Names::resolve(&store, &filters)?;
    let (total, hits) = index.quotes(&args.query, &filters, &names, args.limit, args.offset)?;
    let rows = QuoteRow::of_hits(&store, &hits)?;
    if rows.is_empty() {
        let who = args
            .filters
            .speaker
            .as_deref()
            .map(|s| format!(" by {s:?}"))
            .unwrap_or_default();
        let words = if args.query.is_empty() {
            String::new()
        } else {
            format!(" matching {:?}", args.query)
        };
        eprintln!("dateline: no quotations{who}{words} in {}", args.db.display());
        return Ok(exit::NOTHING);
    }
    let format = if args.json { ListFormat::Jsonl } else { args.format };
    let mut out = io::stdout().lock();
    match format {
        ListFormat::Table => {
            writeln!(out, "{total} quotations")?;
            for r in &rows {
                let speaker = match (&r.speaker, &r.speaker_as_written) {
                    (Some(s), Some(w)) if w != s => format!("{s} (as \"{w}\")"),
                    (Some(s), _) => s.clone(),
                    (None, _) => "unknown speaker".to_string(),
                };
                writeln!(
                    out,
                    "{speaker}, {} [{}]: {}",
                    r.cue.as_deref().unwrap_or("-"),
                    r.kind,
                    r.text
                )?;
                writeln!(
                    out,
                    "    {}  {}  {}  {}",
                    r.published.as_deref().and_then(|p| p.get(..10)).unwrap_or("undated"),
                    r.outlet.as_deref().unwrap_or("-"),
                    r.title.as_deref().unwrap_or("(no headline)"),
                    r.url.as_deref().unwrap_or(&r.article)
                )?;
            }
        }
        ListFormat::Jsonl => {
            for r in &rows {
                serde_json::to_writer(&mut out, r)?;
                writeln!(out)?;
            }
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            for r in &rows {
                w.serialize(r)?;
            }
            w.flush()?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

pub(crate) fn article(args: ArticleArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let found = match store.article(&args.id)? {
        Some(a) => Some(a),
        None => match store.article_id_of_external(&args.id)? {
            Some(id) => store.article(&id)?,
            None => None,
        },
    };
    let Some(a) = found else {
        eprintln!("dateline: no article {:?} in {}", args.id, args.db.display());
        return Ok(exit::NOTHING);
    };
    let mut out = io::stdout().lock();
    if args.format == crate::ShowFormat::Jsonl {
        serde_json::to_writer(&mut out, &a)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(exit::OK);
    }
    let field = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    writeln!(out, "{}", a.title.as_deref().unwrap_or("(no headline)"))?;
    writeln!(out, "id         {}", a.id)?;
    if let Some(x) = &a.external_id {
        writeln!(out, "input id   {x}")?;
    }
    writeln!(
        out,
        "published  {}{}",
        field(&a.published),
        a.published_basis
            .as_ref()
            .map(|b| format!("  ({b})"))
            .unwrap_or_default()
    )?;
    writeln!(out, "outlet     {}", field(&a.outlet))?;
    writeln!(out, "url        {}", field(&a.url))?;
    if !a.authors.is_empty() {
        writeln!(out, "authors    {}", a.authors.join("; "))?;
    }
    writeln!(out, "language   {}", field(&a.language))?;
    if let Some(s) = store.story_of(&a.id)? {
        writeln!(out, "story      {s}")?;
    }
    for l in store.copies_touching(&a.id)? {
        if l.article.id == a.id {
            writeln!(
                out,
                "{:<10} of {} ({:.2})",
                l.kind.as_str(),
                l.original.id,
                l.similarity
            )?;
        } else {
            writeln!(
                out,
                "copied by  {} ({}, {:.2})",
                l.article.id,
                l.kind.as_str(),
                l.similarity
            )?;
        }
    }
    if let Some(lead) = &a.lead {
        writeln!(out, "\n{lead}")?;
    }
    writeln!(out, "\n{}\n", a.text)?;
    for (i, _) in a.quotes.iter().enumerate() {
        if let Some(r) = QuoteRow::of(&a, i) {
            writeln!(
                out,
                "quote  {}: {}",
                r.speaker.as_deref().unwrap_or("unknown speaker"),
                r.text
            )?;
        }
    }
    for e in &a.entities {
        writeln!(out, "entity {} {} ({})", e.kind.as_str(), e.name, e.id)?;
    }
    out.flush()?;
    Ok(exit::OK)
}

/// Columns of `export --format csv`: the kind of record first, then the fields any kind fills.
const EXPORT_COLUMNS: [&str; 19] = [
    "record",
    "article_id",
    "external_id",
    "url",
    "title",
    "published",
    "outlet",
    "language",
    "kind",
    "speaker",
    "speaker_as_written",
    "cue",
    "via",
    "entity_id",
    "name",
    "start",
    "end",
    "confidence",
    "text",
];

pub(crate) fn export(args: ExportArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let index = index_in_step(&args.db, &store)?;
    let filters = args.filters.filters();
    let names = Names::resolve(&store, &filters)?;
    let ids = index.matching_ids(&args.query, &filters, &names)?;
    // An article as exported: its quotations below `--min-confidence` left out.
    let exported = |id: &str| -> anyhow::Result<Option<Article>> {
        let mut a = store.article(id)?;
        if let Some(a) = a.as_mut() {
            filters.trim_quotes(a);
        }
        Ok(a)
    };
    if args.format == ExportFormat::Parquet {
        return export_parquet(&ids, &exported, args.output.as_deref());
    }
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(io::BufWriter::new(std::fs::File::create(p)?)),
        None => Box::new(io::BufWriter::new(io::stdout().lock())),
    };
    let mut n = 0usize;
    match args.format {
        ExportFormat::Jsonl => {
            let mut out = sink;
            for id in &ids {
                if let Some(a) = exported(id)? {
                    serde_json::to_writer(&mut out, &a)?;
                    writeln!(out)?;
                    n += 1;
                }
            }
            out.flush()?;
        }
        ExportFormat::Parquet => {}
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(sink);
            w.write_record(EXPORT_COLUMNS)?;
            for id in &ids {
                let Some(a) = exported(id)? else {
                    continue;
                };
                n += 1;
                let o = |v: &Option<String>| v.clone().unwrap_or_default();
                let common = [
                    a.id.clone(),
                    o(&a.external_id),
                    o(&a.url),
                    o(&a.title),
                    o(&a.published),
                    o(&a.outlet),
                    o(&a.language),
                ];
                let row = |record: &str, rest: [String; 11]| -> Vec<String> {
                    std::iter::once(record.to_string())
                        .chain(common.iter().cloned())
                        .chain(rest)
                        .collect()
                };
                w.write_record(row(
                    "article",
                    [
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        String::new(),
                        a.text.clone(),
                    ],
                ))?;
                for i in 0..a.quotes.len() {
                    let Some(q) = QuoteRow::of(&a, i) else {
                        continue;
                    };
                    w.write_record(row(
                        "quote",
                        [
                            q.kind,
                            o(&q.speaker),
                            o(&q.speaker_as_written),
                            o(&q.cue),
                            o(&q.via),
                            String::new(),
                            String::new(),
                            q.start.to_string(),
                            q.end.to_string(),
                            q.confidence.to_string(),
                            q.text,
                        ],
                    ))?;
                }
                for e in &a.entities {
                    w.write_record(row(
                        "entity",
                        [
                            e.kind.as_str().to_string(),
                            String::new(),
                            String::new(),
                            String::new(),
                            String::new(),
                            e.id.clone(),
                            e.name.clone(),
                            String::new(),
                            String::new(),
                            String::new(),
                            e.aliases.join("; "),
                        ],
                    ))?;
                }
            }
            w.flush()?;
        }
    }
    if n == 0 {
        eprintln!("dateline: no articles to export from {}", args.db.display());
        return Ok(exit::NOTHING);
    }
    Ok(exit::OK)
}

#[cfg(feature = "parquet")]
fn export_parquet(
    ids: &[String],
    exported: &dyn Fn(&str) -> anyhow::Result<Option<Article>>,
    output: Option<&Path>,
) -> anyhow::Result<u8> {
    let Some(path) = output else {
        anyhow::bail!("--format parquet writes files: give -o FILE.parquet");
    };
    let mut out = crate::parquet_out::ParquetExport::create(path)?;
    let mut n = 0usize;
    for id in ids {
        if let Some(a) = exported(id)? {
            out.write(&a)?;
            n += 1;
        }
    }
    out.finish()?;
    let [a, q, e] = crate::parquet_out::paths(path);
    eprintln!(
        "dateline: {n} articles to {}, {}, {}",
        a.display(),
        q.display(),
        e.display()
    );
    Ok(if n == 0 { exit::NOTHING } else { exit::OK })
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(
    _: &[String],
    _: &dyn Fn(&str) -> anyhow::Result<Option<Article>>,
    _: Option<&Path>,
) -> anyhow::Result<u8> {
    eprintln!("dateline: this build has no Parquet: build it with `cargo build --release --features parquet`");
    Ok(exit::USAGE)
}

pub(crate) fn reindex(args: ReindexArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let index = SearchIndex::open(&args.db)?;
    let n = index.rebuild(&store)?;
    eprintln!(
        "dateline: indexed {n} articles in {}",
        args.db.join(dateline_search::INDEX_DIR).display()
    );
    Ok(exit::OK)
}

#[derive(Args)]
pub(crate) struct ServeArgs {
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Address to listen on. Anything but loopback needs `--token`.
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: std::net::SocketAddr,
    /// Access token every request must carry (`Authorization: Bearer TOKEN`; the UI takes `/?token=TOKEN`).
    #[arg(long, env = "DATELINE_TOKEN", hide_env_values = true)]
    token: Option<String>,
}

pub(crate) fn serve(args: ServeArgs) -> anyhow::Result<u8> {
    if existing_store(&args.db)?.is_none() {
        return Ok(exit::USAGE);
    }
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(dateline_server::serve(args.db, args.bind, args.token))?;
    Ok(exit::OK)
}
