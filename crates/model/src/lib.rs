//! Dateline's records: the plain data that flows between stages and into storage.
//!
//! Every stage of the pipeline (ingest → extract → analyse → link → store) speaks in these types and in
//! nothing else, so this crate holds no I/O and depends only on serde.
//!
//! - [`RawDocument`]: one document as an input reader found it, already decoded to Unicode.
//! - [`Article`]: the cleaned record extract produces from a raw document.
//! - [`Link`]: a URL an input listed without content (feed items with only a link, sitemap entries).
//! - [`Problem`]: a record that could not be read or extracted, with where and why.
//! - [`Span`]: a byte range into [`Article::text`].
//! - [`budget`]: the time one document's analysis may take (the one piece that is not a record).
//!
//! **Offsets.** Every offset in every record is a UTF-8 byte offset into the article's cleaned `text`,
//! half-open (`start..end`), on char boundaries: the covered words are `&article.text[start..end]`.

use serde::{Deserialize, Serialize};

pub mod budget;

/// Version of the record schema written by this build. Bumped whenever a persisted field changes meaning.
pub const SCHEMA_VERSION: u32 = 4;

/// Byte range into [`Article::text`]: `start <= end`, both on char boundaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the range.
    pub start: u32,
    /// One past the last byte of the range.
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`, swapping them if given in the wrong order.
    pub fn new(start: u32, end: u32) -> Span {
        if start <= end {
            Span { start, end }
        } else {
            Span { start: end, end: start }
        }
    }

    /// The covered text, or `None` when the span is out of range or not on char boundaries of `text`.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.start as usize..self.end as usize)
    }
}

/// Where a record came from: enough to find it again in the input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Path of the input file as given on the command line (or `-` for stdin).
    pub input: String,
    /// Zero-based index of the record within its input (WARC record, feed item, JSONL line); 0 for a
    /// single-document file.
    pub record: u64,
    /// WARC-Record-ID when the record came from a WARC file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// Byte offset of the record in the (decompressed) input stream.
    pub offset: u64,
}

/// The kind of content a raw document carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ContentKind {
    /// An HTML page (or HTML fragment, as in feed content).
    Html,
    /// Plain text, typically scraped from a page with its boilerplate still in it.
    Text,
}

/// One document as an input reader found it: decoded to Unicode, not yet cleaned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawDocument {
    /// Where the document came from.
    pub provenance: Provenance,
    /// Whether `content` is HTML or plain text.
    pub kind: ContentKind,
    /// The decoded content.
    pub content: String,
    /// URL of the document when the input names it (WARC target URI, feed item link, JSONL `url`).
    pub url: Option<String>,
    /// Title the container gives (feed item title, JSONL `title`), if any.
    pub title: Option<String>,
    /// Publication date the container gives (feed item date, JSONL `published`), as found.
    pub published: Option<String>,
    /// Authors the container names (feed item author).
    pub authors: Vec<String>,
    /// Publisher the container names (the feed's title).
    pub outlet: Option<String>,
    /// When the page was fetched (WARC-Date, else HTTP `Date`), as found; dates after it are rejected.
    pub fetched: Option<String>,
    /// The id the input gave the document (a JSONL line's `id`), kept for users to join results back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Charset the bytes were decoded from and how it was chosen, e.g. `windows-1251 (http header)`.
    pub charset: Option<String>,
    /// Notes from the reader about repairs made while decoding (invalid bytes replaced, …).
    pub warnings: Vec<String>,
}

/// The clean article: the record every later stage (entities, quotes, linking, search) works on.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Version of this record's schema ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Stable identifier: hash of the canonical URL when known, else of the input's own id
    /// ([`Article::external_id`]), else of the input file's name, the record's place in it and the
    /// normalised title and text (so two files with one text are two articles, and a re-ingest is the same).
    pub id: String,
    /// The id the input gave the document (a JSONL line's `id`, string or number, as text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Path of the input file (kept top-level for tools that join on it).
    pub input: String,
    /// Where exactly in the input the article came from.
    pub provenance: Provenance,
    /// URL of the article (canonical URL when the page declares one).
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Standfirst under the headline, when the page has one; not part of `text`.
    pub lead: Option<String>,
    /// Clean body text, paragraphs separated by one blank line. All offsets point into this string.
    pub text: String,
    /// Publication date, ISO 8601: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS][zone]` as precise as the source.
    pub published: Option<String>,
    /// Where `published` came from (e.g. `dateline 'MOSCOW, November 9.'; year from '2021' in body`).
    pub published_basis: Option<String>,
    /// Last modification date, ISO 8601, when the page states one.
    pub modified: Option<String>,
    /// Publisher as the document names it (dateline tag, site name, feed).
    pub outlet: Option<String>,
    /// Place named in the dateline (e.g. `Moscow` from `MOSCOW, November 9. /TASS/.`).
    pub dateline: Option<String>,
    /// Bylines, in order.
    pub authors: Vec<String>,
    /// ISO 639-1 code of the body's language, when it could be told.
    pub language: Option<String>,
    /// Whether the page looks like a single article (false for index pages, galleries, empty bodies).
    pub is_article: bool,
    /// What was repaired or is doubtful about this record.
    pub warnings: Vec<String>,
    /// Who said what: every quotation found in the headline and text, in order (schema 2).
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Who is who: the people, organisations and places the headline and text name, each with every
    /// mention, in order of first mention (schema 3).
    #[serde(default)]
    pub entities: Vec<Entity>,
}

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation, agency, company, party or outlet (`Kremlin`, `TASS`, `NATO`).
    Organization,
    /// A country, region, city or other place.
    Place,
    /// Any other name (events, laws, works).
    Other,
}

impl EntityKind {
    /// The lower-case name used in records and the store (`person`, `organization`, `place`, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organization => "organization",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// Words of an article that refer to an entity. Offsets are UTF-8 byte offsets into [`Article::text`], or
/// into [`Article::title`] when `in_title` is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    /// The words as written: a name with its title or role (`Kremlin Spokesman Dmitry Peskov`, `Mr Putin`),
    /// or a description (`the Kremlin press secretary`).
    pub text: String,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Whether the mention is in the headline rather than the text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_title: bool,
    /// Whether the words describe the entity (`the Polish leader`) rather than name it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub description: bool,
}

/// A person, organisation or place an article names, with every mention of it there. The `id` and `name`
/// are the same in every article that names the same entity, whatever the spelling (`Volfovich` and
/// `Wolfowicz`, `Kiev` and `Kyiv`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Corpus-wide identifier, derived from the entity's resolution key (stable across runs).
    pub id: String,
    /// Canonical name (`Dmitry Peskov`, `Kyiv`, `European Union`).
    pub name: String,
    /// Person, organisation, place or other.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Other names the article uses for it (`Peskov`, `Dmitry S. Peskov`, `Kiev`, `EU`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Titles and roles the article gives it (`Kremlin Spokesman`, `Poland’s president`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Adjectives of nationality the article uses for a country (`Belarusian`); they are not mentions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<String>,
    /// Every mention, in order (headline first).
    pub mentions: Vec<EntityMention>,
}

/// How a statement is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// The speaker's words in quotation marks.
    Direct,
    /// Reported speech that quotes some of the speaker's words (`called it "stupid"`).
    Partial,
    /// Reported speech without quotation marks (`he said that …`).
    Indirect,
}

impl QuoteKind {
    /// The kind's name, as records and the store spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Indirect => "indirect",
        }
    }
}

/// Words of the text that name something, with their place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// The words as written.
    pub text: String,
    /// Byte offset of the first byte in the quote's string (`text`, or `title` for headline quotes).
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

/// One quotation: what was said, by whom, with which verb, through which outlet. Offsets are UTF-8 byte
/// offsets into [`Article::text`], or into [`Article::title`] when `in_title` is set.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The content: the quoted words (direct) or the reported clause (partial, indirect), without the
    /// quotation marks that enclose a whole direct quote.
    pub text: String,
    /// The pieces of a quote interrupted by its attribution (`"A," he said, "B."`), in order; empty when the
    /// quote is one piece.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fragments: Vec<String>,
    /// Direct, partial or indirect.
    pub kind: QuoteKind,
    /// The speaker as the document names them in full (`Dmitry Peskov` for "he", "Mr Peskov" or "the Kremlin
    /// press secretary"), or the organisation (`Kremlin`); `None` when the text does not say.
    pub speaker: Option<String>,
    /// The words that attribute the quote (`the Kremlin press secretary`, `he`).
    pub speaker_mention: Option<Mention>,
    /// The reporting verb or phrase (`said`, `according to`, `pointed out`).
    pub cue: Option<String>,
    /// The outlet the statement came through (`told the BBC` → `BBC`).
    pub via: Option<String>,
    /// First byte of the content.
    pub start: u32,
    /// One past the last byte of the content.
    pub end: u32,
    /// Whether the quote is in the headline rather than the text.
    #[serde(default)]
    pub in_title: bool,
    /// How sure the extractor is of the content and speaker together, 0 to 1.
    pub confidence: f32,
}

/// An article as links name it: Dateline's id and the input's own id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArticleRef {
    /// [`Article::id`].
    pub id: String,
    /// [`Article::external_id`], when the input gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

/// How a copy relates to its original, closest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CopyKind {
    /// The same body, word for word (case, spacing and punctuation aside).
    Exact,
    /// The same body in other surroundings: syndicated, cut short, lightly edited.
    Copy,
    /// The same report in other words: rewritten or spun.
    Rewrite,
}

impl CopyKind {
    /// The kind's name, as records and the store spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            CopyKind::Exact => "exact",
            CopyKind::Copy => "copy",
            CopyKind::Rewrite => "rewrite",
        }
    }
}

/// A copy and the article it copies: the root of its family, the earliest published (else the first
/// ingested) of the articles that are the same text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CopyLink {
    /// The copy.
    pub article: ArticleRef,
    /// The family's original.
    pub original: ArticleRef,
    /// How the copy relates to the article it matched.
    pub kind: CopyKind,
    /// How much they share, 0–1.
    pub similarity: f32,
}

/// An article as a story lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryArticle {
    /// [`Article::id`].
    pub id: String,
    /// [`Article::external_id`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// The original it copies, when it is a copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copy_of: Option<String>,
}

impl StoryArticle {
    /// The listing of an article (not a copy, as far as it says).
    pub fn of(a: &Article) -> StoryArticle {
        StoryArticle {
            id: a.id.clone(),
            external_id: a.external_id.clone(),
            title: a.title.clone(),
            published: a.published.clone(),
            outlet: a.outlet.clone(),
            url: a.url.clone(),
            copy_of: None,
        }
    }
}

/// A statement in a story's timeline: who said what, in which article, first or again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoryStatement {
    /// The article that carries it.
    pub article: String,
    /// When that article was published.
    pub published: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// The speaker, as resolved.
    pub speaker: Option<String>,
    /// What was said.
    pub text: String,
    /// Whether this is the first article of the story to carry these words.
    pub first: bool,
}

/// A story: one event or development, its articles in time order, and who carried it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Story {
    /// Story id (stable within a store).
    pub id: u64,
    /// Its strongest terms.
    pub label: String,
    /// Earliest and latest publication dates of its articles.
    pub first_seen: Option<String>,
    /// See `first_seen`.
    pub last_seen: Option<String>,
    /// Its articles, earliest first (undated last); the first is its first report.
    pub articles: Vec<StoryArticle>,
    /// Outlets that carried it.
    pub outlets: Vec<String>,
    /// Outlets with an article of their own in it, not only copies of another's.
    pub independent_sources: Vec<String>,
    /// Statements in time order (`dateline story ID` only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<StoryStatement>,
}

/// One article's report of a statement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementReport {
    /// [`Article::id`].
    pub article: String,
    /// [`Article::external_id`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// When the article was published.
    pub published: Option<String>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// The words as this article gives them.
    pub text: String,
}

/// One statement carried by several articles (copies, or reports quoting the same words with small
/// differences): who said it, and every article that reported it, earliest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// The speaker, as resolved (the first report's).
    pub speaker: Option<String>,
    /// The words, as the first report gives them.
    pub text: String,
    /// The reports, earliest first (undated last): the first reported it first.
    pub reports: Vec<StatementReport>,
}

/// A URL an input listed without content: a feed item with only a link, or a sitemap entry. Reported,
/// never fetched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Version of this record's schema ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The listed URL.
    pub url: String,
    /// Title the listing gives, if any.
    pub title: Option<String>,
    /// Date the listing gives (publication or last modification), as found.
    pub published: Option<String>,
    /// Where the listing was found.
    pub provenance: Provenance,
}

/// How serious a [`Problem`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The record was skipped; later records of the same input were still read.
    Record,
    /// The rest of the input could not be read (truncated archive, unreadable file).
    Input,
}

/// A record or input that could not be processed: which file, which record, where, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// Where the problem was found.
    pub provenance: Provenance,
    /// Whether one record or the rest of the input was lost.
    pub severity: Severity,
    /// Human-readable reason.
    pub reason: String,
}

/// Anything an input reader yields: a document to extract, a link to report, or a problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// A document with content.
    Document(Box<RawDocument>),
    /// A listed URL without content.
    Link(Box<Link>),
    /// A record that could not be read.
    Problem(Problem),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_orders_and_slices_on_char_boundaries() {
        let text = "Київ said";
        let s = Span::new(8, 0);
        assert_eq!(s, Span { start: 0, end: 8 });
        assert_eq!(s.slice(text), Some("Київ"));
        assert_eq!(Span::new(0, 1).slice(text), None, "inside a two-byte char");
        assert_eq!(Span::new(0, 99).slice(text), None);
    }

    #[test]
    fn a_quote_kind_is_named_as_records_spell_it() {
        for kind in [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Indirect] {
            assert_eq!(serde_json::to_value(kind).ok(), Some(serde_json::json!(kind.as_str())));
        }
    }

    #[test]
    fn article_round_trips_through_json() {
        let a = Article {
            schema_version: SCHEMA_VERSION,
            id: "x".into(),
            title: Some("T".into()),
            text: "Body.".into(),
            authors: vec!["A B".into()],
            ..Article::default()
        };
        let json = serde_json::to_string(&a).unwrap_or_default();
        let back: Article = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(a, back);
    }
}
