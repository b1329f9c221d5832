//! `dateline`: the command line. Flags, logging and exit codes live here; the work is done by the stage
//! crates (`dateline-ingest` → `dateline-extract` → `dateline-store`), wired together in `pipeline`.

mod families;
mod output;
#[cfg(feature = "parquet")]
mod parquet_out;
mod pipeline;
mod workbench;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use dateline_entities::Registry;
use dateline_extract::Extractor;
use dateline_ingest::{IngestOptions, InputFormat};
use dateline_model::{ArticleRef, CopyKind, EntityKind, Problem};
use dateline_store::Store;
use indicatif::{ProgressBar, ProgressStyle};

use crate::families::Families;
use crate::output::{Format, Writer};
use crate::pipeline::{Plan, Summary};

/// Exit codes, as documented in README.
mod exit {
    /// Everything read was processed.
    pub(crate) const OK: u8 = 0;
    /// The run could not go on (output or store unwritable, internal error).
    pub(crate) const FAILURE: u8 = 1;
    /// Bad command line (clap uses the same code).
    pub(crate) const USAGE: u8 = 2;
    /// Partial success: some records or inputs were bad and skipped (see the problems report).
    pub(crate) const PARTIAL: u8 = 3;
    /// No article at all came out of the inputs.
    pub(crate) const NOTHING: u8 = 4;
}

/// Dateline: news articles, cleaned and structured, from text, HTML, WARC, feeds and JSONL.
#[derive(Parser)]
#[command(name = "dateline", version, about, long_about = None)]
struct Cli {
    /// More log output on stderr (-v info, -vv debug).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// No progress bar and no summary line.
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract articles and print one record per article.
    Extract(ExtractArgs),
    /// Extract articles into the embedded store.
    Ingest(IngestArgs),
    /// Print counts over the store.
    Stats(StatsArgs),
    /// Search the store's articles: words, phrases, filters, facet counts.
    Search(workbench::SearchArgs),
    /// Find quotations by their words and their speaker (any form of the name).
    Quotes(workbench::QuotesArgs),
    /// Show one article: its metadata (with where its date came from), copies, story, quotations, entities.
    Article(workbench::ArticleArgs),
    /// Write the matching articles with their quotations and entities, streamed: JSON lines or CSV.
    Export(workbench::ExportArgs),
    /// Build the search index again from the store.
    Reindex(workbench::ReindexArgs),
    /// Serve the store: HTTP API (`/api/…`, `/openapi.json`) and web UI (`/`), read-only.
    Serve(workbench::ServeArgs),
    /// List the people, organisations and places in the store, or find one by any name the texts use
    /// (one JSON object per entity with `--json`).
    Entities(EntitiesArgs),
    /// List the copies in the store (exact, copy, rewrite), each with its family's original.
    Links(LinksArgs),
    /// List the stories in the store, most articles first.
    Stories(StoriesArgs),
    /// Show one story: its articles in time order and its statements, first reports marked.
    Story(StoryArgs),
    /// List statements carried by several articles, with who said them and who reported them first.
    Statements(StatementsArgs),
}

#[derive(Args)]
struct StatementsArgs {
    /// Only this speaker (as resolved, any case).
    #[arg(long)]
    speaker: Option<String>,
    /// Fewest articles that must carry a statement.
    #[arg(long, default_value_t = 2)]
    min_reports: usize,
    /// Most statements to print.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Output format: a table for people, JSON lines for programs.
    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    format: ShowFormat,
}

#[derive(Args)]
struct StoriesArgs {
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Most stories to print.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Output format: a table for people, JSON lines or CSV (a row per article) for programs.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Args)]
struct StoryArgs {
    /// The story's id, as `dateline stories` prints it.
    id: u64,
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Output format: a table for people, JSON lines or CSV (a row per article and per statement, in time
    /// order) for programs.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Args)]
struct LinksArgs {
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Only links of this kind.
    #[arg(long, value_enum)]
    kind: Option<LinkKindArg>,
    /// Output format: a table for people, JSON lines or CSV for programs.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

/// Kinds of copy, as `--kind` takes them.
#[derive(Clone, Copy, clap::ValueEnum)]
enum LinkKindArg {
    Exact,
    Copy,
    Rewrite,
}

/// Formats of a listing of nested records (stories, statements).
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ShowFormat {
    Table,
    Jsonl,
}

/// Formats of a listing.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ListFormat {
    Table,
    Jsonl,
    Csv,
}

/// Options shared by every command that reads inputs.
#[derive(Args)]
struct InputArgs {
    /// Files, folders (read recursively) or `-` for stdin; gzip is undone transparently.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Format of every input (default: told from each input's content).
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    input_format: Option<InputFormat>,
    /// Largest document or record accepted, in bytes after decompression; larger ones are reported.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_record_bytes: usize,
    /// Write every bad record (file, record, offset, reason) to this file as JSONL.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Exit 0 even when some records were bad (for `RDD.pipe` and similar); they are still reported.
    #[arg(long)]
    allow_bad: bool,
    /// Most seconds each analysis stage (entities, quotes) may spend on one document; a stage that reaches
    /// it keeps what it found, stops, and says so in the record's warnings.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    analysis_seconds: f64,
    /// Latest date a publication date may have (default: today); for reproducible runs on old material.
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<chrono::NaiveDate>,
}

#[derive(Args)]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Write records to this file instead of stdout (`-` is stdout).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write links listed by feeds and sitemaps (not fetched) to this file as JSONL.
    #[arg(long, value_name = "FILE")]
    links: Option<PathBuf>,
    /// Articles only: skip the analysis stages (entities, quotes). The fastest path, and the one the
    /// body and date benchmarks compare with extraction-only tools.
    #[arg(long)]
    no_analysis: bool,
}

#[derive(Args)]
struct IngestArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Store folder (created if missing).
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Articles only: skip the analysis stages (entities, quotes); copies, stories and search still follow.
    #[arg(long)]
    no_analysis: bool,
}

#[derive(Args)]
struct StatsArgs {
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Print the counts as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct EntitiesArgs {
    /// A name or any form the texts use (`Wolfowicz`, `Kiev`, `EU`); case does not matter. All when left out.
    name: Option<String>,
    /// Store folder.
    #[arg(long, default_value = "dateline-db", env = "DATELINE_DB")]
    db: PathBuf,
    /// Only this type.
    #[arg(long = "type", value_name = "TYPE", value_enum)]
    kind: Option<EntityType>,
    /// Most entities to print.
    #[arg(long, default_value_t = 50)]
    limit: usize,
    /// Output format: a table for people, JSON lines for programs.
    #[arg(long, value_enum, default_value_t = ShowFormat::Table)]
    format: ShowFormat,
    /// The same as `--format jsonl`.
    #[arg(long, hide = true)]
    json: bool,
}

/// Entity types, as `--type` takes them.
#[derive(Clone, Copy, clap::ValueEnum)]
enum EntityType {
    Person,
    Organization,
    Place,
    Other,
}

impl EntityType {
    fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => EntityKind::Person,
            EntityType::Organization => EntityKind::Organization,
            EntityType::Place => EntityKind::Place,
            EntityType::Other => EntityKind::Other,
        }
        .as_str()
    }
}

fn parse_format(s: &str) -> Result<InputFormat, String> {
    s.parse()
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { exit::USAGE } else { exit::OK });
        }
    };
    let level = match cli.verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    // Installed without the `log` bridge: dependencies' `log` records (the HTML parser reports every
    // recovery from malformed markup, which is normal on the web) stay out of the problem report.
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .with_target(false)
        .without_time()
        .finish();
    let _ = tracing::subscriber::set_global_default(subscriber);
    // A bug that panics on one document costs that document (the pipeline reports it as a problem): one
    // log line with where it happened, not the default hook's message and backtrace in the middle of a run.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
        if pipeline::in_document() {
            tracing::debug!("internal error{at}: {info}");
        } else {
            eprintln!("dateline: internal error{at}, please report it: {info}");
        }
    }));
    let result = match cli.command {
        Command::Extract(args) => extract(args, cli.quiet),
        Command::Ingest(args) => ingest(args, cli.quiet),
        Command::Stats(args) => stats(args),
        Command::Search(args) => workbench::search(args),
        Command::Quotes(args) => workbench::quotes(args),
        Command::Article(args) => workbench::article(args),
        Command::Export(args) => workbench::export(args),
        Command::Reindex(args) => workbench::reindex(args),
        Command::Serve(args) => workbench::serve(args),
        Command::Entities(args) => entities(args),
        Command::Links(args) => links(args),
        Command::Stories(args) => stories(args),
        Command::Story(args) => story(args),
        Command::Statements(args) => statements(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if is_broken_pipe(&err) => ExitCode::from(exit::OK),
        Err(err) => {
            eprintln!("dateline: error: {err:#}");
            ExitCode::from(exit::FAILURE)
        }
    }
}

/// Whether the error is a closed stdout (`dateline stats | head -1`): not a failure, the reader has what it
/// wanted.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let broken = |k: Option<io::ErrorKind>| k == Some(io::ErrorKind::BrokenPipe);
    err.chain().any(|e| {
        broken(e.downcast_ref::<io::Error>().map(io::Error::kind))
            || broken(
                e.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind),
            )
            || e.downcast_ref::<csv::Error>().is_some_and(|c| match c.kind() {
                csv::ErrorKind::Io(io) => io.kind() == io::ErrorKind::BrokenPipe,
                _ => false,
            })
    })
}

/// Reports bad records on stderr and, when asked, to a JSONL file.
struct ProblemLog {
    file: Option<BufWriter<File>>,
}

impl ProblemLog {
    fn new(path: Option<&PathBuf>) -> anyhow::Result<ProblemLog> {
        let file = path
            .map(|p| {
                File::create(p)
                    .with_context(|| format!("cannot create {}", p.display()))
                    .map(BufWriter::new)
            })
            .transpose()?;
        Ok(ProblemLog { file })
    }

    fn report(&mut self, problems: &[Problem]) -> anyhow::Result<()> {
        for p in problems {
            let at = match &p.provenance.record_id {
                Some(id) => format!("record {} ({id})", p.provenance.record),
                None => format!("record {}", p.provenance.record),
            };
            tracing::warn!(
                "{}: {at}, offset {}: {}",
                p.provenance.input,
                p.provenance.offset,
                p.reason
            );
            if let Some(f) = &mut self.file {
                serde_json::to_writer(&mut *f, p)?;
                f.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        if let Some(mut f) = self.file {
            f.flush()?;
        }
        Ok(())
    }
}

/// The run's plan; `outputs` are the files it writes, never read as input.
fn plan(args: &InputArgs, outputs: &[&PathBuf]) -> Plan {
    let stdin = args.paths.iter().any(|p| p == "-");
    let mut exclude: Vec<PathBuf> = outputs.iter().map(|p| p.to_path_buf()).collect();
    exclude.extend(args.errors.clone());
    Plan {
        paths: args.paths.clone(),
        ingest: IngestOptions {
            format: args.input_format,
            max_record_bytes: args.max_record_bytes,
            exclude,
        },
        extractor: args.today.map_or_else(Extractor::new, Extractor::with_today),
        batch_docs: if stdin { 64 } else { 512 },
        batch_bytes: 32 * 1024 * 1024,
        registry: Registry::new(),
        analysis_limit: Some(
            std::time::Duration::try_from_secs_f64(args.analysis_seconds).unwrap_or(std::time::Duration::MAX),
        ),
    }
}

fn progress_bar(quiet: bool) -> Option<ProgressBar> {
    if quiet || !io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

fn tick(bar: &Option<ProgressBar>, s: &Summary) {
    if let Some(b) = bar {
        b.set_message(format!(
            "{} documents, {} articles, {} links, {} problems",
            s.documents, s.articles, s.links, s.problems
        ));
    }
}

/// Peak resident memory of this process in MiB (Linux), for the summary line.
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn summary_line(verb: &str, s: &Summary) -> String {
    let rate = if s.seconds > 0.0 {
        s.documents as f64 / s.seconds
    } else {
        0.0
    };
    let mib = s.bytes as f64 / (1024.0 * 1024.0);
    let rss = peak_rss_mib().map_or(String::new(), |m| format!(", peak RSS {m:.0} MiB"));
    let replaced = if s.replaced > 0 {
        format!("; {} the later version of an earlier record's article", s.replaced)
    } else {
        String::new()
    };
    format!(
        "dateline: {verb} {} articles from {} documents ({} links, {} problems{replaced}) in {:.2}s: {rate:.0} docs/s, {:.1} MiB/s{rss}",
        s.articles, s.documents, s.links, s.problems, s.seconds, if s.seconds > 0.0 { mib / s.seconds } else { 0.0 }
    )
}

/// The exit code of a run over inputs, saying why on stderr when nothing came out.
fn exit_code(s: &Summary, args: &InputArgs) -> u8 {
    let allow_bad = args.allow_bad;
    if s.articles == 0 && s.links == 0 {
        let why = match (s.documents, s.problems) {
            (0, 0) => "no readable files in them".to_string(),
            (0, p) => format!("{p} problem(s), reported above"),
            (d, _) => format!("{d} document(s) read, none an article"),
        };
        eprintln!("dateline: nothing found in {}: {why}", args.paths.join(" "));
        if allow_bad {
            exit::OK
        } else {
            exit::NOTHING
        }
    } else if s.problems > 0 && !allow_bad {
        exit::PARTIAL
    } else {
        exit::OK
    }
}

fn extract(args: ExtractArgs, quiet: bool) -> anyhow::Result<u8> {
    let out: Box<dyn Write> = match args.output.as_ref().filter(|p| p.as_os_str() != "-") {
        Some(p) => Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(io::stdout().lock())),
    };
    let mut writer = Writer::new(args.format, out)?;
    let mut links = args
        .links
        .as_ref()
        .map(|p| {
            File::create(p)
                .with_context(|| format!("cannot create {}", p.display()))
                .map(BufWriter::new)
        })
        .transpose()?;
    let mut problems = ProblemLog::new(args.input.errors.as_ref())?;
    let bar = progress_bar(quiet);
    let outputs: Vec<&PathBuf> = args
        .output
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .chain(&args.links)
        .collect();
    let mut plan = plan(&args.input, &outputs);
    if args.no_analysis {
        plan.analysis_limit = None;
    }
    let summary = pipeline::run(
        plan,
        |batch| {
            for a in &batch.articles {
                writer.write(a)?;
            }
            writer.flush()?;
            if let Some(f) = &mut links {
                for l in &batch.links {
                    serde_json::to_writer(&mut *f, l)?;
                    f.write_all(b"\n")?;
                }
            }
            problems.report(&batch.problems)
        },
        |s| tick(&bar, s),
    )?;
    writer.finish()?;
    if let Some(mut f) = links {
        f.flush()?;
    }
    problems.finish()?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !quiet {
        eprintln!("{}", summary_line("extracted", &summary));
    }
    Ok(exit_code(&summary, &args.input))
}

fn ingest(args: IngestArgs, quiet: bool) -> anyhow::Result<u8> {
    let mut store = Store::open(&args.db)?;
    let mut problems = ProblemLog::new(args.input.errors.as_ref())?;
    let bar = progress_bar(quiet);
    let mut plan = plan(&args.input, &[]);
    if args.no_analysis {
        plan.analysis_limit = None;
    }
    // Entities keep the names earlier ingests gave them.
    for (id, name) in store.entity_names()? {
        plan.registry.seed(id, name);
    }
    let mut families = Families::load(&store)?;
    let summary = pipeline::run(
        plan,
        |batch| {
            store.write_batch(&batch.articles, &batch.links, &batch.problems)?;
            families.take(&batch.articles, &mut store)?;
            problems.report(&batch.problems)
        },
        |s| tick(&bar, s),
    )?;
    families.save(&mut store)?;
    // The search index follows the store; a run stopped before this leaves it for the next to catch up.
    match dateline_search::SearchIndex::open(&args.db).and_then(|index| index.sync(&store)) {
        Ok(n) => tracing::info!("indexed {n} articles for search"),
        Err(e) => tracing::warn!("search index not brought into step ({e}); the next command that searches will"),
    }
    problems.finish()?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !quiet {
        eprintln!("{} into {}", summary_line("ingested", &summary), args.db.display());
        print_stats(&mut io::stdout().lock(), &store.stats()?)?;
    }
    Ok(exit_code(&summary, &args.input))
}

/// The store in `db`, or `None` (after saying so) when no ingest has made one there.
pub(crate) fn existing_store(db: &Path) -> anyhow::Result<Option<Store>> {
    if !db.join(dateline_store::DB_FILE).exists() {
        eprintln!("dateline: no store at {} (run `dateline ingest` first)", db.display());
        return Ok(None);
    }
    Ok(Some(Store::open(db)?))
}

fn stats(args: StatsArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let st = store.stats()?;
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &st)?;
        writeln!(out)?;
    } else {
        print_stats(&mut out, &st)?;
    }
    out.flush()?;
    Ok(exit::OK)
}

fn entities(args: EntitiesArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let kind = args.kind.map(EntityType::as_str);
    let found = store.entities(args.name.as_deref(), kind, args.limit)?;
    let what = match (&args.name, kind) {
        (Some(n), _) => format!("no entity named {n:?} in {}", args.db.display()),
        (None, Some(k)) => format!("no entity of type {k} in {}", args.db.display()),
        (None, None) => format!("no entities in {}", args.db.display()),
    };
    let json = args.json || args.format == ShowFormat::Jsonl;
    let line = |e: &dateline_store::StoredEntity| {
        format!(
            "{}  {:<12} {}  ({} articles, {} mentions)",
            e.id, e.kind, e.name, e.articles, e.mentions
        )
    };
    if args.name.is_none() {
        return print_rows(&found, json, &what, line);
    }
    // Looked up by name: each with the forms and roles the texts give it and the articles naming it.
    let mut cards = Vec::with_capacity(found.len());
    for entity in found {
        // Its latest articles, read once for the listing and for the roles they give it.
        let mut records = Vec::new();
        for id in store.entity_articles(&entity.id, ENTITY_ARTICLES)? {
            records.extend(store.article(&id)?);
        }
        cards.push(EntityCard {
            aliases: store.entity_aliases(&entity.id, 20)?,
            roles: dateline_store::roles_in(&entity.id, &records),
            in_articles: records.iter().map(dateline_model::StoryArticle::of).collect(),
            entity,
        });
    }
    print_rows(&cards, json, &what, |c| {
        let counted = |list: &[(String, u64)]| {
            list.iter()
                .map(|(s, n)| format!("{s} ({n})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = line(&c.entity);
        if !c.aliases.is_empty() {
            out.push_str(&format!("\n    named   {}", counted(&c.aliases)));
        }
        if !c.roles.is_empty() {
            out.push_str(&format!("\n    roles   {}", counted(&c.roles)));
        }
        for a in &c.in_articles {
            out.push_str(&format!(
                "\n    {}  {:<20} {}  {}",
                a.published
                    .as_deref()
                    .map_or("undated   ", |p| p.get(..10).unwrap_or(p)),
                a.outlet.as_deref().unwrap_or("-"),
                a.title.as_deref().unwrap_or("(no headline)"),
                a.url.as_deref().unwrap_or(&a.id)
            ));
        }
        out
    })
}

/// Articles shown (and read for roles) per entity looked up by name.
const ENTITY_ARTICLES: usize = 20;

/// An entity looked up by name, with what a user needs to follow it.
#[derive(serde::Serialize)]
struct EntityCard {
    #[serde(flatten)]
    entity: dateline_store::StoredEntity,
    /// The forms the texts give it, most used first, with how often.
    aliases: Vec<(String, u64)>,
    /// The titles and roles the articles give it, with how many articles give each.
    roles: Vec<(String, u64)>,
    /// The latest articles naming it.
    in_articles: Vec<dateline_model::StoryArticle>,
}

/// Prints rows read from the store, as JSON lines or as `line` gives them; the exit code says whether
/// there were any, and `none` says on stderr what was not found.
fn links(args: LinksArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let kind = args.kind.map(|k| match k {
        LinkKindArg::Exact => CopyKind::Exact,
        LinkKindArg::Copy => CopyKind::Copy,
        LinkKindArg::Rewrite => CopyKind::Rewrite,
    });
    let found = store.copies(kind)?;
    if found.is_empty() {
        eprintln!("dateline: no copies in {}", args.db.display());
        return Ok(exit::NOTHING);
    }
    let mut out = io::stdout().lock();
    match args.format {
        ListFormat::Jsonl => {
            for l in &found {
                serde_json::to_writer(&mut out, l)?;
                writeln!(out)?;
            }
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "article",
                "article_external_id",
                "original",
                "original_external_id",
                "kind",
                "similarity",
            ])?;
            for l in &found {
                w.write_record([
                    l.article.id.as_str(),
                    l.article.external_id.as_deref().unwrap_or(""),
                    l.original.id.as_str(),
                    l.original.external_id.as_deref().unwrap_or(""),
                    l.kind.as_str(),
                    &l.similarity.to_string(),
                ])?;
            }
            w.flush()?;
        }
        ListFormat::Table => {
            for l in &found {
                let name = |r: &ArticleRef| match &r.external_id {
                    Some(x) => format!("{} ({x})", r.id),
                    None => r.id.clone(),
                };
                writeln!(
                    out,
                    "{}  {:<7} {:.3}  of {}",
                    name(&l.article),
                    l.kind.as_str(),
                    l.similarity,
                    name(&l.original)
                )?;
            }
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

fn stories(args: StoriesArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let found = store.stories(None, args.limit)?;
    print_stories(&found, args.format, &format!("no stories in {}", args.db.display()))
}

fn story(args: StoryArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let found = store.stories(Some(args.id), 1)?;
    print_stories(
        &found,
        args.format,
        &format!("no story {} in {}", args.id, args.db.display()),
    )
}

fn statements(args: StatementsArgs) -> anyhow::Result<u8> {
    let Some(store) = existing_store(&args.db)? else {
        return Ok(exit::USAGE);
    };
    let mut found = store.statements(args.speaker.as_deref(), args.min_reports)?;
    found.truncate(args.limit);
    if found.is_empty() {
        eprintln!(
            "dateline: no statement carried by {} or more articles in {}",
            args.min_reports,
            args.db.display()
        );
        return Ok(exit::NOTHING);
    }
    let mut out = io::stdout().lock();
    for s in &found {
        if args.format == ShowFormat::Jsonl {
            serde_json::to_writer(&mut out, s)?;
            writeln!(out)?;
            continue;
        }
        writeln!(
            out,
            "{}: {}  ({} reports)",
            s.speaker.as_deref().unwrap_or("(unnamed)"),
            s.text,
            s.reports.len()
        )?;
        for (k, r) in s.reports.iter().enumerate() {
            writeln!(
                out,
                "  {} {}  {}  {}",
                if k == 0 { "first" } else { "     " },
                r.published.as_deref().unwrap_or("undated   "),
                r.outlet.as_deref().unwrap_or("-"),
                r.external_id.as_deref().unwrap_or(&r.article)
            )?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

/// Prints stories as JSON lines, or as a table (with the timeline when there is one).
fn print_stories(found: &[dateline_model::Story], format: ListFormat, none: &str) -> anyhow::Result<u8> {
    if found.is_empty() {
        eprintln!("dateline: {none}");
        return Ok(exit::NOTHING);
    }
    let mut out = io::stdout().lock();
    if format == ListFormat::Csv {
        write_stories_csv(found, &mut out)?;
        out.flush()?;
        return Ok(exit::OK);
    }
    for s in found {
        if format == ListFormat::Jsonl {
            serde_json::to_writer(&mut out, s)?;
            writeln!(out)?;
            continue;
        }
        writeln!(
            out,
            "story {}  [{}]  {} .. {}  {} articles, {} outlets, {} independent",
            s.id,
            s.label,
            s.first_seen.as_deref().unwrap_or("?"),
            s.last_seen.as_deref().unwrap_or("?"),
            s.articles.len(),
            s.outlets.len(),
            s.independent_sources.len()
        )?;
        if s.timeline.is_empty() && found.len() > 1 {
            continue;
        }
        for (k, a) in s.articles.iter().enumerate() {
            writeln!(
                out,
                "  {} {}  {}  {}{}",
                if k == 0 { "first" } else { "     " },
                a.published.as_deref().unwrap_or("undated   "),
                a.outlet.as_deref().unwrap_or("-"),
                a.title.as_deref().unwrap_or("(no headline)"),
                a.copy_of.as_ref().map_or(String::new(), |o| format!("  (copy of {o})"))
            )?;
        }
        for t in &s.timeline {
            writeln!(
                out,
                "  {} {}  {}: {}{}",
                t.published.as_deref().unwrap_or("undated   "),
                t.outlet.as_deref().unwrap_or("-"),
                t.speaker.as_deref().unwrap_or("(unnamed)"),
                t.text,
                if t.first { "  [first]" } else { "" }
            )?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

/// Stories as CSV: a row per article (`entry` = `article`, its headline as `text`) and, for a story's
/// timeline, per statement (`entry` = `statement`, with its speaker), each with its story's id and label;
/// `first` marks a story's first report and a statement's first carrier.
fn write_stories_csv(found: &[dateline_model::Story], out: &mut impl Write) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "story",
        "label",
        "entry",
        "published",
        "outlet",
        "article",
        "external_id",
        "text",
        "speaker",
        "url",
        "copy_of",
        "first",
    ])?;
    for s in found {
        let id = s.id.to_string();
        for (k, a) in s.articles.iter().enumerate() {
            w.write_record([
                id.as_str(),
                &s.label,
                "article",
                a.published.as_deref().unwrap_or(""),
                a.outlet.as_deref().unwrap_or(""),
                &a.id,
                a.external_id.as_deref().unwrap_or(""),
                a.title.as_deref().unwrap_or(""),
                "",
                a.url.as_deref().unwrap_or(""),
                a.copy_of.as_deref().unwrap_or(""),
                if k == 0 { "true" } else { "false" },
            ])?;
        }
        for t in &s.timeline {
            let article = s.articles.iter().find(|a| a.id == t.article);
            w.write_record([
                id.as_str(),
                &s.label,
                "statement",
                t.published.as_deref().unwrap_or(""),
                t.outlet.as_deref().unwrap_or(""),
                &t.article,
                article.and_then(|a| a.external_id.as_deref()).unwrap_or(""),
                &t.text,
                t.speaker.as_deref().unwrap_or(""),
                article.and_then(|a| a.url.as_deref()).unwrap_or(""),
                "",
                if t.first { "true" } else { "false" },
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

fn print_rows<T: serde::Serialize>(
    rows: &[T],
    json: bool,
    none: &str,
    line: impl Fn(&T) -> String,
) -> anyhow::Result<u8> {
    if rows.is_empty() {
        eprintln!("dateline: {none}");
        return Ok(exit::NOTHING);
    }
    let mut out = io::stdout().lock();
    for row in rows {
        if json {
            serde_json::to_writer(&mut out, row)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", line(row))?;
        }
    }
    out.flush()?;
    Ok(exit::OK)
}

fn print_stats(out: &mut impl Write, st: &dateline_store::Stats) -> io::Result<()> {
    writeln!(out, "articles  {}", st.articles)?;
    match &st.published_range {
        Some((a, b)) => writeln!(out, "published {a} .. {b} ({} undated)", st.undated)?,
        None => writeln!(out, "published (none dated; {} undated)", st.undated)?,
    }
    writeln!(out, "links     {}", st.links)?;
    writeln!(out, "problems  {}", st.problems)?;
    writeln!(out, "quotes    {}", st.quotes)?;
    writeln!(out, "entities  {}", st.entities)?;
    writeln!(out, "copies    {}", st.copies)?;
    writeln!(out, "stories   {}", st.stories)?;
    let join = |v: &[(String, u64)]| {
        v.iter()
            .map(|(k, n)| format!("{k} ({n})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    writeln!(out, "outlets   {}", join(&st.outlets))?;
    writeln!(out, "languages {}", join(&st.languages))?;
    out.flush()
}
