//! Dateline's article extraction: a [`RawDocument`] (plain text or HTML, already decoded) becomes a clean
//! [`Article`].
//!
//! - Plain scraped text: site chrome removed line by line (UI words, icon runs, counters, player times,
//!   credits, contact blocks, social and login prompts, in several languages), the headline kept once,
//!   header / lead / body split, date lines read, a drop cap's lost letter restored from evidence.
//! - HTML: metadata from JSON-LD and `<meta>`; the publication date from every piece of evidence the page
//!   offers (`pagedate`), each with its basis; the main text found by prose-density scoring of the DOM.
//! - Both: the dateline (`MOSCOW, November 9. /TASS/.`) gives place, outlet and day; a missing year is
//!   inferred only from evidence (crawl date, dates the text states) and the basis recorded; dates after
//!   the crawl or today are rejected; the language is detected; the id is stable.
//!
//! ```
//! use dateline_extract::Extractor;
//! use dateline_model::{ContentKind, Provenance, RawDocument};
//!
//! let doc = RawDocument {
//!     provenance: Provenance { input: "a.txt".into(), ..Provenance::default() },
//!     kind: ContentKind::Text,
//!     content: "Advertisement\nPort reopens after storm\n\nLONDON, March 3 (Reuters) - The port reopened \
//!               on Thursday after a week of repairs, its owners said, since early 2022 the busiest.".into(),
//!     url: None, title: None, published: None, authors: vec![], outlet: None, fetched: None,
//!     charset: None, warnings: vec![], external_id: None,
//! };
//! let article = Extractor::new().extract(&doc).unwrap();
//! assert_eq!(article.title.as_deref(), Some("Port reopens after storm"));
//! assert_eq!(article.outlet.as_deref(), Some("Reuters"));
//! assert_eq!(article.dateline.as_deref(), Some("London"));
//! assert_eq!(article.published.as_deref(), Some("2022-03-03"));
//! ```

mod boilerplate;
mod byline;
mod dateline;
mod dates;
#[doc(hidden)]
pub mod fuzzing;
mod html;
mod kind;
mod listing;
mod maintext;
mod pagedate;
mod text;

use chrono::{NaiveDate, Utc};
use dateline_model::{Article, ContentKind, Provenance, RawDocument, SCHEMA_VERSION};

/// `s` with each run of whitespace made one space, and none at either end.
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compiles one of this crate's own patterns: literals in the source, each exercised by the tests.
#[allow(clippy::expect_used)]
pub(crate) fn re(pattern: &str) -> regex::Regex {
    regex::Regex::new(pattern).expect("built-in patterns are valid")
}

/// Why a document gave no article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// Nothing that reads as article text was left after cleaning.
    NoText,
}

impl std::fmt::Display for ExtractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExtractError::NoText => f.write_str("no article text found after removing site chrome"),
        }
    }
}

impl std::error::Error for ExtractError {}

/// What the format-specific parsers hand to the common finishing step.
#[derive(Default, Debug)]
pub(crate) struct Draft {
    title: Option<String>,
    lead: Option<String>,
    paragraphs: Vec<String>,
    /// Publication date candidates (ISO date and its basis), most trusted first.
    published: Vec<(String, String)>,
    modified: Option<(String, String)>,
    authors: Vec<String>,
    outlet: Option<String>,
    url: Option<String>,
    language: Option<String>,
    is_article: bool,
    warnings: Vec<String>,
}

/// Turns raw documents into articles. Cheap to share across threads.
#[derive(Clone, Debug)]
pub struct Extractor {
    today: NaiveDate,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

impl Extractor {
    /// An extractor that treats today's date (UTC) as the latest possible publication date.
    pub fn new() -> Extractor {
        Extractor {
            today: Utc::now().date_naive(),
        }
    }

    /// An extractor with a fixed "today", for reproducible runs over old material.
    pub fn with_today(today: NaiveDate) -> Extractor {
        Extractor { today }
    }

    /// Extracts the article from one document.
    pub fn extract(&self, doc: &RawDocument) -> Result<Article, ExtractError> {
        let mut draft = match doc.kind {
            ContentKind::Html => html::parse(&doc.content, doc.url.as_deref()),
            ContentKind::Text => {
                let mut d = text::parse(&doc.content, doc.title.as_deref());
                d.is_article = true;
                d
            }
        };
        let norm = crate::squash;
        let headline_only = doc.kind == ContentKind::Text
            && draft.paragraphs.is_empty()
            && doc
                .title
                .as_deref()
                .is_some_and(|t| !t.trim().is_empty() && norm(t) == norm(&doc.content));
        if headline_only {
            // A one-sentence item its source stored as both headline and text: the sentence is the story.
            draft.paragraphs.push(norm(&doc.content));
        }
        if draft.paragraphs.is_empty() {
            // A page without main text still has a record worth keeping when its metadata names it.
            let has_metadata = draft.title.is_some() || !draft.published.is_empty();
            if doc.kind == ContentKind::Text || !has_metadata {
                return Err(ExtractError::NoText);
            }
            draft.is_article = false;
        }
        if draft.title.is_none() {
            // (A container's date line given as its headline dated the text instead.)
            draft.title = doc.title.clone().filter(|t| !text::only_date(t));
        }
        let mut warnings = doc.warnings.clone();
        warnings.append(&mut draft.warnings);

        // A dateline opens the body; paragraphs above it are the standfirst.
        let found = draft
            .paragraphs
            .iter()
            .take(3)
            .enumerate()
            .find_map(|(k, p)| dateline::parse(p).map(|d| (k, d)));
        if let Some((k, _)) = found.as_ref().filter(|(k, _)| *k > 0) {
            let lead: Vec<String> = draft.paragraphs.drain(..*k).collect();
            draft.lead = Some(lead.join(" "));
        }
        let dl = found.map(|(_, d)| d);
        let text = draft.paragraphs.join("\n\n");

        let fetched = doc.fetched.as_deref().and_then(dates::parse).map(|v| v.date);
        let latest = fetched.map_or(self.today, |f| f.min(self.today));
        let mut published = None;
        let container = doc
            .published
            .as_deref()
            .and_then(|raw| dates::parse(raw).map(|v| (v.iso(), format!("container date '{raw}'"))));
        for candidate in container.into_iter().chain(std::mem::take(&mut draft.published)) {
            match candidate
                .0
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            {
                Some(d) if d > latest + chrono::Days::new(1) => {
                    warnings.push(format!(
                        "rejected date {} ({}): after the crawl or today",
                        candidate.0, candidate.1
                    ));
                }
                Some(_) => {
                    published = Some(candidate);
                    break;
                }
                None => {}
            }
        }
        if published.is_none() && doc.kind == ContentKind::Text {
            // A text whose record gives its address: the date in the URL's path (a page reads it with its
            // other dates).
            published = doc
                .url
                .as_deref()
                .and_then(|u| pagedate::url_date(u).map(|v| (v, u)))
                .filter(|(v, _)| v.date <= latest + chrono::Days::new(1))
                .map(|(v, u)| (v.iso(), format!("URL '{u}'")));
        }
        if published.is_none() {
            let evidence = format!(
                "{}\n{}\n{}",
                draft.title.as_deref().unwrap_or(""),
                draft.lead.as_deref().unwrap_or(""),
                text
            );
            let dated = dl
                .as_ref()
                .and_then(|d| d.day.clone().map(|day| (day, "dateline")))
                .or_else(|| {
                    draft
                        .paragraphs
                        .first()
                        .and_then(|p| dateline::reported_day(p))
                        .map(|day| (day, "first paragraph"))
                });
            if let Some(((m, d, words), place)) = dated {
                match dateline::year_for(m, d, &evidence, fetched, latest) {
                    Some((date, year_basis)) => {
                        published = Some((
                            date.format("%Y-%m-%d").to_string(),
                            format!("{place} '{words}'; {year_basis}"),
                        ));
                    }
                    None => warnings.push(format!(
                        "{place} gives '{words}' but nothing in the document gives its year"
                    )),
                }
            }
        }

        let url = draft.url.or_else(|| doc.url.clone());
        let outlet = dl
            .as_ref()
            .and_then(|d| d.outlet.clone())
            .or(draft.outlet)
            .or_else(|| doc.outlet.clone())
            .or_else(|| url.as_deref().and_then(host));
        let language = detect_language(&text).or(draft.language);
        let mut authors = draft.authors;
        if authors.is_empty() {
            authors.clone_from(&doc.authors);
        }
        let id = article_id(
            url.as_deref(),
            doc.external_id.as_deref(),
            &doc.provenance,
            draft.title.as_deref(),
            &text,
        );
        let (published, published_basis) = published.unzip();
        Ok(Article {
            schema_version: SCHEMA_VERSION,
            id,
            external_id: doc.external_id.clone(),
            input: doc.provenance.input.clone(),
            provenance: doc.provenance.clone(),
            url,
            title: draft.title,
            lead: draft.lead,
            text,
            published,
            published_basis,
            modified: draft.modified.map(|m| m.0),
            outlet,
            dateline: dl.map(|d| d.place),
            authors,
            language,
            is_article: draft.is_article,
            warnings,
            quotes: Vec::new(),
            entities: Vec::new(),
        })
    }
}

/// ISO 639-1 code of the text's language when detection is confident (ISO 639-3 where no two-letter
/// code exists).
fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(2000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code = info.lang().code();
    let two = match code {
        "eng" => "en",
        "rus" => "ru",
        "ukr" => "uk",
        "bel" => "be",
        "pol" => "pl",
        "deu" => "de",
        "fra" => "fr",
        "spa" => "es",
        "ita" => "it",
        "por" => "pt",
        "nld" => "nl",
        "ces" => "cs",
        "slk" => "sk",
        "bul" => "bg",
        "srp" => "sr",
        "hrv" => "hr",
        "slv" => "sl",
        "ron" => "ro",
        "hun" => "hu",
        "fin" => "fi",
        "swe" => "sv",
        "dan" => "da",
        "nob" => "nb",
        "tur" => "tr",
        "ara" => "ar",
        "heb" => "he",
        "pes" => "fa",
        "hin" => "hi",
        "jpn" => "ja",
        "cmn" => "zh",
        "kor" => "ko",
        "ell" => "el",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "kat" => "ka",
        "hye" => "hy",
        "aze" => "az",
        "uzb" => "uz",
        "vie" => "vi",
        "tha" => "th",
        "ind" => "id",
        "mkd" => "mk",
        "cat" => "ca",
        "epo" => "eo",
        other => other,
    };
    Some(two.to_string())
}

/// Host of a URL without `www.`, the outlet of last resort.
fn host(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1)?;
    let h = rest.split(['/', '?', '#', ':', '@']).next()?;
    let h = h.strip_prefix("www.").unwrap_or(h);
    (!h.is_empty()).then(|| h.to_lowercase())
}

/// Canonical form of a URL for identity: lower-case scheme and host, no fragment, no tracking parameters,
/// no trailing slash.
pub fn canonical_url(url: &str) -> String {
    let url = url.trim();
    let (base, _fragment) = url.split_once('#').unwrap_or((url, ""));
    let (path, query) = base.split_once('?').unwrap_or((base, ""));
    let (scheme, rest) = path.split_once("://").unwrap_or(("http", path));
    let (host, tail) = rest.split_once('/').map_or((rest, ""), |(h, t)| (h, t));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let k = p.split('=').next().unwrap_or("").to_lowercase();
            !(k.starts_with("utm_") || matches!(k.as_str(), "fbclid" | "gclid" | "ocid" | "cmpid" | "ref" | "rss"))
        })
        .collect();
    let mut out = format!("{}://{host}/{}", scheme.to_lowercase(), tail.trim_end_matches('/'));
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out
}

/// Stable id: hash of the canonical URL when known, with the input's own id for the document when it gives
/// one; else of that id alone; else of the input file's name, the record's index in it, and the normalised
/// headline and text. Two files holding one text are two articles (linked later as copies), and so are two
/// records the input tells apart by their ids though they share a URL (a live page's versions, kept by a
/// user under two ids); one page crawled twice is one article; the same file ingested again, from any
/// folder, is the same article.
fn article_id(
    url: Option<&str>,
    external_id: Option<&str>,
    source: &Provenance,
    title: Option<&str>,
    text: &str,
) -> String {
    let key = match (url, external_id) {
        (Some(u), None) => format!("url:{}", canonical_url(u)),
        (Some(u), Some(e)) => format!("url:{}\nid:{e}", canonical_url(u)),
        (None, Some(e)) => format!("id:{e}"),
        (None, None) => {
            let norm = |s: &str| crate::squash(s).to_lowercase();
            let file = std::path::Path::new(&source.input)
                .file_name()
                .map_or_else(|| source.input.clone(), |f| f.to_string_lossy().into_owned());
            format!(
                "text:{file}#{}\n{}\n{}",
                source.record,
                norm(title.unwrap_or("")),
                norm(text)
            )
        }
    };
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(key.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_model::Provenance;

    fn doc(kind: ContentKind, content: &str) -> RawDocument {
        RawDocument {
            provenance: Provenance {
                input: "t".into(),
                ..Provenance::default()
            },
            kind,
            content: content.into(),
            url: None,
            title: None,
            published: None,
            authors: vec![],
            outlet: None,
            fetched: None,
            charset: None,
            external_id: None,
            warnings: vec![],
        }
    }

    fn today() -> Extractor {
        Extractor::with_today(NaiveDate::from_ymd_opt(2026, 11, 22).unwrap())
    }

    #[test]
    fn lead_above_dateline_is_split_off() {
        let d = doc(
            ContentKind::Text,
            "All news\n\nFerry service resumes\n\nThe operator says crossings will run \"as often as the weather allows, including at night\"\n\n\
             OSLO, March 4. /NTB/. The ferry service resumed on Friday after storms, the operator said, the first since 2023.",
        );
        let a = today().extract(&d).unwrap();
        assert_eq!(a.title.as_deref(), Some("Ferry service resumes"));
        assert!(a.lead.as_deref().unwrap().starts_with("The operator says"));
        assert!(a.text.starts_with("OSLO, March 4. /NTB/."));
        assert_eq!(a.outlet.as_deref(), Some("NTB"));
        assert_eq!(a.dateline.as_deref(), Some("Oslo"));
        assert_eq!(a.published.as_deref(), Some("2023-03-04"));
        assert!(a.published_basis.unwrap().contains("dateline"));
    }

    #[test]
    fn a_text_without_a_date_takes_the_one_in_its_url() {
        let text = "Lohan checks in\n\nThe actress checked into the Betty Ford Center late Thursday, her lawyer said.";
        let mut d = doc(ContentKind::Text, text);
        d.url = Some("http://articles.example.com/2013/05/03/local/lohan-rehab".into());
        let a = today().extract(&d).unwrap();
        assert_eq!(a.published.as_deref(), Some("2013-05-03"));
        assert!(a.published_basis.unwrap().starts_with("URL"));
        // A date the text gives comes first; a URL date after today is no date.
        let mut d = doc(ContentKind::Text, &format!("May 2, 2013\n\n{text}"));
        d.url = Some("http://articles.example.com/2013/05/03/local/lohan-rehab".into());
        assert_eq!(today().extract(&d).unwrap().published.as_deref(), Some("2013-05-02"));
        let mut d = doc(ContentKind::Text, text);
        d.url = Some("http://articles.example.com/2031/05/03/local/lohan-rehab".into());
        assert_eq!(today().extract(&d).unwrap().published, None);
    }

    #[test]
    fn no_year_evidence_means_no_date() {
        let d = doc(
            ContentKind::Text,
            "Talks end\n\nOSLO, March 4. /NTB/. The talks ended on Friday without agreement, officials said.",
        );
        let a = today().extract(&d).unwrap();
        assert_eq!(a.published, None);
        assert!(a.warnings.iter().any(|w| w.contains("year")));
    }

    #[test]
    fn future_dates_are_rejected() {
        let mut d = doc(
            ContentKind::Text,
            "Talks end\n\nThe talks ended on Friday without agreement, officials said in a statement.",
        );
        d.published = Some("2031-01-01".into());
        let a = today().extract(&d).unwrap();
        assert_eq!(a.published, None);
        assert!(a.warnings.iter().any(|w| w.contains("rejected")));
    }

    #[test]
    fn html_without_main_text_keeps_its_metadata() {
        let page = "<html><head><title>Photo gallery: the storm</title><meta property=\"article:published_time\" content=\"2023-01-02\"></head><body><nav>Home</nav></body></html>";
        let a = today().extract(&doc(ContentKind::Html, page)).unwrap();
        assert!(!a.is_article);
        assert_eq!(a.published.as_deref(), Some("2023-01-02"));
        assert_eq!(a.text, "");
    }

    #[test]
    fn a_text_that_is_its_headline_is_kept() {
        let mut d = doc(ContentKind::Text, "The parliament election is over in Turkmenistan.");
        d.title = Some("The parliament election is over in Turkmenistan.".into());
        let a = today().extract(&d).unwrap_or_default();
        assert_eq!(a.text, "The parliament election is over in Turkmenistan.");
    }

    #[test]
    fn empty_text_is_an_error() {
        assert_eq!(
            today().extract(&doc(ContentKind::Text, "Advertisement\n\nShare\n")),
            Err(ExtractError::NoText)
        );
        assert_eq!(
            today().extract(&doc(ContentKind::Html, "<html><body><nav>Home</nav></body></html>")),
            Err(ExtractError::NoText)
        );
    }

    #[test]
    fn ids_are_stable_and_url_based() {
        assert_eq!(
            canonical_url("HTTPS://WWW.Example.com/a/b/?utm_source=x&id=3#top"),
            "https://example.com/a/b?id=3"
        );
        let here = |input: &str| Provenance {
            input: input.into(),
            ..Provenance::default()
        };
        let a = article_id(Some("https://example.com/a"), None, &here("a"), Some("T"), "x");
        let b = article_id(
            Some("https://www.example.com/a/?utm_medium=rss"),
            None,
            &here("b"),
            Some("U"),
            "y",
        );
        assert_eq!(a, b);
        // Records the input tells apart by their ids are two articles, whatever URL they share.
        let with =
            |ext: &str, input: &str| article_id(Some("https://example.com/a"), Some(ext), &here(input), None, "x");
        assert_ne!(with("7", "a.jsonl"), with("8", "a.jsonl"));
        assert_ne!(with("7", "a.jsonl"), a);
        assert_eq!(with("7", "a.jsonl"), with("7", "b.jsonl"));
        let id = |input: &str, ext: Option<&str>, text: &str| article_id(None, ext, &here(input), Some("T"), text);
        assert_ne!(id("a.txt", None, "x"), id("a.txt", None, "y"));
        // One text in two files is two articles; one file read from two folders is one.
        assert_ne!(id("a.txt", None, "x"), id("b.txt", None, "x"));
        assert_eq!(id("in/a.txt", None, "x"), id("/data/in/a.txt", None, "x"));
        // The input's own id decides when there is no URL.
        assert_eq!(id("a.jsonl", Some("42"), "x"), id("b.jsonl", Some("42"), "y"));
        assert_eq!(a.len(), 32);
    }

    #[test]
    fn detects_language() {
        assert_eq!(
            detect_language("Президент заявил журналистам, что переговоры продолжатся на следующей неделе в Минске.")
                .as_deref(),
            Some("ru")
        );
        assert_eq!(
            detect_language("The president told reporters that the talks would continue next week in Minsk.")
                .as_deref(),
            Some("en")
        );
    }
}
