//! What every fuzz target checks: the invariants of Dateline's records, beyond "no panic".
//!
//! - every offset lies on a char boundary inside its text (the title for what is in the title), and a
//!   mention's `text` is exactly the words at its offsets;
//! - a publication date is never after "today" nor after the crawl date (an RFC 3339 time or ISO day in
//!   1900–2100; the extractor reads nothing else as one), with one day's grace for a page's local time
//!   zone;
//! - confidences are probabilities;
//! - a record survives a round trip through JSON unchanged.

use chrono::NaiveDate;
use dateline_model::{Article, Item, RawDocument};

/// The "today" every target extracts with, so that runs are reproducible.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

/// Checks a span of `base`: inside it, on char boundaries.
fn span<'t>(base: &'t str, start: u32, end: u32, what: &str) -> &'t str {
    let (s, e) = (start as usize, end as usize);
    assert!(s <= e && e <= base.len(), "{what}: {s}..{e} outside 0..{}", base.len());
    assert!(
        base.is_char_boundary(s) && base.is_char_boundary(e),
        "{what}: {s}..{e} not on char boundaries"
    );
    &base[s..e]
}

/// The day a date string starts with (`2021-11-09`, `2021-11-09T10:00:00Z`).
fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Checks every invariant of an article; `fetched` is the crawl date its document carried.
pub fn check_article(a: &Article, fetched: Option<&str>) {
    let title = a.title.as_deref().unwrap_or("");
    for q in &a.quotes {
        let base = if q.in_title { title } else { a.text.as_str() };
        span(base, q.start, q.end, "quote");
        if let Some(m) = &q.speaker_mention {
            assert_eq!(
                span(base, m.start, m.end, "speaker mention"),
                m.text,
                "speaker mention text"
            );
        }
        assert!((0.0..=1.0).contains(&q.confidence), "confidence {}", q.confidence);
    }
    for e in &a.entities {
        assert!(!e.name.is_empty(), "entity without a name");
        for m in &e.mentions {
            let base = if m.in_title { title } else { a.text.as_str() };
            assert_eq!(
                span(base, m.start, m.end, "entity mention"),
                m.text,
                "entity mention text"
            );
        }
    }
    if let Some(p) = &a.published {
        let d = day(p).unwrap_or_else(|| panic!("published {p:?} is not ISO 8601"));
        let grace = chrono::Days::new(1);
        assert!(d <= today() + grace, "published {p} after today");
        let crawl = fetched.and_then(|f| {
            chrono::DateTime::parse_from_rfc3339(f)
                .ok()
                .map(|t| t.date_naive())
                .or_else(|| NaiveDate::parse_from_str(f, "%Y-%m-%d").ok())
        });
        if let Some(f) = crawl.filter(|f| (1900..=2100).contains(&chrono::Datelike::year(f))) {
            assert!(d <= f + grace, "published {p} after the crawl date {f}");
        }
    }
    let json = serde_json::to_string(a).unwrap_or_else(|e| panic!("serialise: {e}"));
    let back: Article = serde_json::from_str(&json).unwrap_or_else(|e| panic!("deserialise: {e}"));
    assert_eq!(&back, a, "JSON round trip");
}

/// Checks what an input reader gave: documents and links round-trip through JSON, problems say why.
pub fn check_item(item: &Item) {
    match item {
        Item::Document(d) => {
            let json = serde_json::to_string(d.as_ref()).unwrap_or_else(|e| panic!("serialise: {e}"));
            let back: RawDocument = serde_json::from_str(&json).unwrap_or_else(|e| panic!("deserialise: {e}"));
            assert_eq!(&back, d.as_ref(), "JSON round trip");
        }
        Item::Link(l) => assert!(!l.url.is_empty(), "a link without a URL"),
        Item::Problem(p) => assert!(!p.reason.is_empty(), "a problem without a reason"),
    }
}

/// Extracts a document with the fixed "today" and checks the article.
pub fn extract_and_check(doc: &RawDocument) {
    static EXTRACTOR: std::sync::LazyLock<dateline_extract::Extractor> =
        std::sync::LazyLock::new(|| dateline_extract::Extractor::with_today(today()));
    if let Ok(article) = EXTRACTOR.extract(doc) {
        check_article(&article, doc.fetched.as_deref());
    }
}

/// Reads `data` as one input (gzip, sniffing, charsets) in `format` (or sniffed) and checks each item
/// (extraction has targets of its own: `text`, `html`).
pub fn ingest_and_check(data: &[u8], format: Option<dateline_ingest::InputFormat>) {
    let options = dateline_ingest::IngestOptions {
        format,
        max_record_bytes: 1 << 20,
        ..Default::default()
    };
    let reader: Box<dyn std::io::Read + Send> = Box::new(std::io::Cursor::new(data.to_vec()));
    for item in dateline_ingest::Inputs::from_reader("fuzz-input", reader, options).take(10_000) {
        check_item(&item);
    }
}

/// A raw document of `kind` holding `data` as text; the first byte chooses whether it carries a crawl date.
pub fn document(data: &[u8], kind: dateline_model::ContentKind) -> RawDocument {
    let (flag, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    RawDocument {
        provenance: dateline_model::Provenance::default(),
        kind,
        content: String::from_utf8_lossy(rest).into_owned(),
        url: (flag & 2 != 0).then(|| "https://news.example/2021/11/09/story".to_string()),
        title: None,
        published: None,
        authors: Vec::new(),
        outlet: None,
        fetched: (flag & 1 != 0).then(|| "2021-11-10T08:00:00Z".to_string()),
        charset: None,
        external_id: None,
        warnings: Vec::new(),
    }
}

/// A cleaned article from fuzz bytes: the first line its headline, the rest its text.
pub fn article(data: &[u8]) -> dateline_model::Article {
    let text = String::from_utf8_lossy(data);
    let (title, body) = text.split_once('\n').unwrap_or(("", &text));
    dateline_model::Article {
        title: Some(title.to_string()),
        text: body.to_string(),
        ..Default::default()
    }
}
