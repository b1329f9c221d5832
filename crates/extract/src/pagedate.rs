//! When an HTML page was published (and last modified): every piece of evidence the page offers, from the
//! most explicit to the least, each kept with its basis so that the caller can take the first one that is
//! plausible (not after the crawl). The order, most trusted first:
//!
//! 1. JSON-LD `datePublished` / `dateCreated` of an article object;
//! 2. `<meta>` publication times (`article:published_time`, `dc.date`, `pubdate`…);
//! 3. microdata `itemprop="datePublished"`;
//! 4. publication keys in inline scripts and RDF (`"datePublished": "…"`, `publication_date = "…"`,
//!    `dc:date="…"`): JSON-LD that does not parse still dates the page;
//! 5. `<time>` elements (marked as the publication time first);
//! 6. the date in the page's URL (`/2020/08/24/`, `-20200113`);
//! 7. short visible date lines in elements named for dates (`class="date"`, `post-meta`, `meta`, `fecha`…);
//! 8. the first full date in the page's visible text;
//! 9. the most frequent timestamp (date and clock time) anywhere in the source, scripts included.
//!
//! Structured times in UTC are written for machines: when one falls on the day after a date the page shows
//! its readers (URL, visible line, local-time metadata), the local day is preferred; failing that, a UTC
//! time is read in the zone the page's other times are written in (`23:00:00 -0400`).

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::Days;
use ego_tree::iter::Edge;
use regex::Regex;
use scraper::{Html, Node};
use serde_json::Value;

use crate::dates::{self, DateValue};
use crate::re;

/// Earliest year accepted as a web page's publication date.
const MIN_YEAR: i32 = 1995;

/// Longest visible text, in bytes, read as a date line.
const MAX_DATE_LINE: usize = 160;

/// `<meta>` keys (lower case) that give the publication time, most specific first.
const META_PUBLISHED: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article.published",
    "datepublished",
    "date_published",
    "publish-date",
    "publishdate",
    "publish_date",
    "publication_date",
    "pubdate",
    "originalpublicationdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
    "parsely-pub-date",
    "sailthru.date",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "datecreated",
    "date",
    "dc.date",
    "dcterms.date",
];

/// `<meta>` keys (lower case) that give the last modification time.
const META_MODIFIED: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
];

/// Publication keys in scripts, JSON that failed to parse, and RDF attributes.
static SCRIPT_KEY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"(datePublished|dateCreated|publishDate|publishedDate|published_?[aA]t|publish_?[dD]ate|publication_?[dD]ate|pubDate|date_?[pP]ublished|DateCreation|dc:date|article:published_time)["']?\s*[:=]\s*["']([^"'<>]{6,40})["']"#,
    )
});
static SCRIPT_MODIFIED: LazyLock<Regex> =
    LazyLock::new(|| re(r#"(dateModified|date_?[mM]odified|updated_?[aA]t)["']?\s*[:=]\s*["']([^"'<>]{6,40})["']"#));
/// A date with a clock time anywhere in the page source.
static TIMESTAMP: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)((?:19|20)\d{2})[-/](\d{2})[-/](\d{2})[ T]\d{2}:\d{2}"));
/// A clock time with an explicit UTC offset, anywhere in the page source.
static OFFSET: LazyLock<Regex> =
    LazyLock::new(|| re(r"\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?\s?([+-])(\d{2}):?(\d{2})(?-u:\b)"));
/// Class or id naming an element that shows a date.
static DATE_HINT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)date|time|publi|posted|post-?meta|entry-?meta|article-?meta|\bmeta\b|byline|\bauthor\b|dateline|fecha|datum|data|zeit|czas|дата",
    )
});
/// Dates in URL paths: `/2020/08/24/`, `/2020-08-24-`, `-20200113`, `/2023/october/03/`.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:/|^)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|[-_.]|$)|[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)|(?:/|^)((?:19|20)\d{2})/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(\d{1,2})(?:/|$)",
    )
});

/// A date the page gives, with what it came from.
pub(crate) struct Evidence {
    /// The date as found.
    pub(crate) value: DateValue,
    /// Where it came from, for the record's basis.
    pub(crate) basis: String,
    /// Whether it is a structured machine time (metadata, scripts) rather than what readers see.
    structured: bool,
}

impl Evidence {
    fn is_utc(&self) -> bool {
        matches!(self.value.zone.as_deref(), Some("Z" | "+00:00"))
    }

    /// The date, ISO-formatted, and its basis.
    pub(crate) fn into_pair(self) -> (String, String) {
        (self.value.iso(), self.basis)
    }
}

/// Everything that dates a page.
pub(crate) struct PageDates {
    /// Publication candidates, most trusted first.
    pub(crate) published: Vec<Evidence>,
    /// The last modification time, when stated.
    pub(crate) modified: Option<Evidence>,
}

/// Reads every date the page offers. `ld` holds the article objects of its JSON-LD; `urls` the page's
/// own addresses (as fetched, canonical, `og:url`); `text` its visible text blocks in order.
pub(crate) fn find(
    doc: &Html,
    raw: &str,
    meta: &HashMap<String, String>,
    ld: &[Value],
    urls: &[&str],
    text: &[&str],
) -> PageDates {
    let mut out: Vec<Evidence> = Vec::new();
    // A JSON-LD date written for readers (`Jun 24, 2025`) is a template's field filled from whatever the
    // CMS holds (the day the page was last published), not a machine time: it comes after the dates the
    // page shows.
    let mut written: Vec<Evidence> = Vec::new();
    for key in ["datePublished", "dateCreated"] {
        for obj in ld {
            if let Some(v) = obj.get(key).and_then(Value::as_str) {
                by_form(v, &format!("JSON-LD {key}"), &mut out, &mut written);
            }
        }
    }
    for key in META_PUBLISHED {
        if let Some(v) = meta.get(*key) {
            out.extend(evidence(v, &format!("meta {key}"), true));
        }
    }
    // Other names for the same (`published-date`, `article_publish_time`), in name order.
    let mut other: Vec<(&String, &String)> = meta
        .iter()
        .filter(|(k, _)| !META_PUBLISHED.contains(&k.as_str()) && names_publication(k))
        .collect();
    other.sort();
    for (key, v) in other {
        out.extend(evidence(v, &format!("meta {key}"), true));
    }
    for (v, basis) in microdata(doc) {
        out.extend(evidence(&v, basis, true));
    }
    // The costlier readings run only while they can still decide: nothing found yet, or a UTC time that
    // local evidence may correct.
    let undecided = |out: &[Evidence]| out.first().is_none_or(|e| e.structured && e.is_utc());
    if undecided(&out) {
        for c in SCRIPT_KEY.captures_iter(raw).take(64) {
            if let (Some(k), Some(v)) = (c.get(1), c.get(2)) {
                by_form(
                    v.as_str(),
                    &format!("script or RDF key {}", k.as_str()),
                    &mut out,
                    &mut written,
                );
            }
        }
    }
    for (v, basis, structured) in time_elements(doc) {
        out.extend(evidence(&v, basis, structured));
    }
    for url in urls {
        if let Some(value) = url_date(url) {
            out.push(Evidence {
                value,
                basis: format!("URL '{url}'"),
                structured: false,
            });
        }
    }
    if undecided(&out) {
        out.extend(date_lines(doc).into_iter().find_map(|(line, basis)| {
            let f = dates::find_all(&line).into_iter().find(|f| plausible(&f.value))?;
            Some(Evidence {
                basis: format!("{basis} '{}'", line.get(f.start..f.end).unwrap_or(&line)),
                value: f.value,
                structured: false,
            })
        }));
    }
    out.append(&mut written);
    // The last resorts read much more text: only when nothing else dates the page.
    if out.is_empty() {
        out.extend(text.iter().find_map(|t| {
            let f = dates::find_all(t).into_iter().find(|f| plausible(&f.value))?;
            Some(Evidence {
                basis: format!("page text '{}'", t.get(f.start..f.end).unwrap_or_default()),
                value: f.value,
                structured: false,
            })
        }));
    }
    if out.is_empty() {
        out.extend(frequent_timestamp(raw).map(|(value, seen)| Evidence {
            basis: format!("page source timestamp '{seen}'"),
            value,
            structured: false,
        }));
    }
    prefer_local_day(&mut out);
    if let Some(first) = out.first_mut() {
        read_in_page_zone(first, raw);
    }

    let mut modified = None;
    let mut set = |raw: &str, basis: &str| {
        if modified.is_none() {
            modified = dates::parse(raw).filter(plausible).map(|value| Evidence {
                value,
                basis: format!("{basis} '{}'", raw.trim()),
                structured: true,
            });
        }
    };
    for obj in ld {
        if let Some(v) = obj.get("dateModified").and_then(Value::as_str) {
            set(v, "JSON-LD dateModified");
        }
    }
    for key in META_MODIFIED {
        if let Some(v) = meta.get(*key) {
            set(v, &format!("meta {key}"));
        }
    }
    if let Some(c) = SCRIPT_MODIFIED.captures(raw) {
        if let (Some(k), Some(v)) = (c.get(1), c.get(2)) {
            set(v.as_str(), &format!("script key {}", k.as_str()));
        }
    }
    PageDates {
        published: out,
        modified,
    }
}

/// The day that timestamps in the source name most often (the first of equals), with one as written.
fn frequent_timestamp(raw: &str) -> Option<(DateValue, String)> {
    let mut counts: Vec<(DateValue, String, usize)> = Vec::new();
    for m in TIMESTAMP.find_iter(raw).take(256) {
        let Some(v) = dates::parse(m.as_str()).filter(plausible) else {
            continue;
        };
        match counts.iter_mut().find(|c| c.0.date == v.date) {
            Some(c) => c.2 += 1,
            None => counts.push((v, m.as_str().to_string(), 1)),
        }
    }
    let best = counts.iter().map(|c| c.2).max()?;
    counts.into_iter().find(|c| c.2 == best).map(|(mut v, seen, _)| {
        v.time = None;
        (v, seen)
    })
}

/// A date read from `raw` (one whole date string), when it parses and is plausible.
fn evidence(raw: &str, basis: &str, structured: bool) -> Option<Evidence> {
    let value = dates::parse(raw).filter(plausible)?;
    Some(Evidence {
        value,
        basis: format!("{basis} '{}'", raw.trim()),
        structured,
    })
}

/// Not before the web's news era; the future is judged by the caller, who knows the crawl date.
fn plausible(v: &DateValue) -> bool {
    chrono::Datelike::year(&v.date) >= MIN_YEAR
}

/// The date in a URL's path, when it has one.
pub(crate) fn url_date(url: &str) -> Option<DateValue> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |i| &path[i..]);
    let c = URL_DATE.captures(path)?;
    let (y, m, d) = match (c.get(1), c.get(4), c.get(7)) {
        (Some(y), _, _) => (y.as_str(), c.get(2)?.as_str().to_string(), c.get(3)?),
        (None, Some(y), _) => (y.as_str(), c.get(5)?.as_str().to_string(), c.get(6)?),
        (None, None, Some(y)) => {
            let month = dates::month(c.get(8)?.as_str())?;
            (y.as_str(), month.to_string(), c.get(9)?)
        }
        _ => return None,
    };
    dates::parse(&format!("{y}-{m:0>2}-{:0>2}", d.as_str())).filter(plausible)
}

/// When the first candidate is a machine time in UTC and a date readers see (or a structured one in local
/// time or without a zone) is the day before, that earlier local day is what the page means: move it to
/// the front.
fn prefer_local_day(out: &mut Vec<Evidence>) {
    let Some(first) = out.first() else { return };
    if !(first.structured && first.is_utc()) {
        return;
    }
    // No zone news is published in lies more than ten hours behind UTC (Hawaii): a time from 10:00 on is
    // that day everywhere west (a URL's day before, `2020/07/08` for `2020-07-09T10:04:04Z`, is the draft's).
    if first.value.time.is_some_and(|(h, _, _)| h >= 10) || day_as_time(&first.value) {
        return;
    }
    let Some(day_before) = first.value.date.checked_sub_days(Days::new(1)) else {
        return;
    };
    let local = out
        .iter()
        .position(|e| e.value.date == day_before && (!e.structured || !e.is_utc()));
    if let Some(i) = local {
        let e = out.remove(i);
        out.insert(0, e);
    }
}

/// The UTC offset, in minutes, that most of the page's other zoned times use, when it is not zero.
fn page_offset(raw: &str) -> Option<i32> {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for c in OFFSET.captures_iter(raw).take(256) {
        let (Some(sign), Some(h), Some(m)) = (c.get(1), c.get(2), c.get(3)) else {
            continue;
        };
        let (Ok(h), Ok(m)) = (h.as_str().parse::<i32>(), m.as_str().parse::<i32>()) else {
            continue;
        };
        if h > 14 || m > 59 {
            continue;
        }
        let minutes = (h * 60 + m) * if sign.as_str() == "-" { -1 } else { 1 };
        *counts.entry(minutes).or_default() += 1;
    }
    let (&minutes, _) = counts.iter().max_by_key(|(m, n)| (**n, -m.abs(), **m))?;
    (minutes != 0).then_some(minutes)
}

/// Whether a metadata name speaks of the publication (`published`, `published-date`; not its publisher, a
/// change or an expiry): what is not a date in it is dropped when read.
fn names_publication(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("publish")
        && !["publisher", "modif", "updat", "expir", "revis"]
            .iter()
            .any(|w| n.contains(w))
}

/// A structured date's evidence, put with the page's dates (`out`) when written for machines, else with those
/// read after the dates the page shows (`written`).
fn by_form(v: &str, basis: &str, out: &mut Vec<Evidence>, written: &mut Vec<Evidence>) {
    let found = evidence(v, basis, true);
    if machine_form(v) {
        out.extend(found);
    } else {
        written.extend(found);
    }
}

/// Whether a structured date is written for machines (`2025-06-24…`), not for readers (`Jun 24, 2025`).
fn machine_form(v: &str) -> bool {
    v.trim().chars().take(4).all(|c| c.is_ascii_digit())
}

/// Whether a time is midnight exactly: a day written as a time (`2025-12-19T00:00:00+00:00`), not a moment
/// whose day another zone would change.
fn day_as_time(v: &DateValue) -> bool {
    v.time.is_some_and(|(h, m, s)| (h, m, s.unwrap_or(0)) == (0, 0, 0))
}

/// A structured UTC time whose day differs in the page's own zone takes that local day.
fn read_in_page_zone(e: &mut Evidence, raw: &str) {
    let (Some((h, m, _)), true) = (e.value.time, e.structured && e.is_utc() && !day_as_time(&e.value)) else {
        return;
    };
    let Some(offset) = page_offset(raw) else { return };
    let Some(utc) = e.value.date.and_hms_opt(h, m, 0) else {
        return;
    };
    let local = utc + chrono::Duration::minutes(i64::from(offset));
    if local.date() != e.value.date {
        e.basis = format!(
            "{}, read in the page's zone {}{:02}:{:02}",
            e.basis,
            if offset < 0 { '-' } else { '+' },
            offset.abs() / 60,
            offset.abs() % 60
        );
        e.value = DateValue {
            date: local.date(),
            time: None,
            zone: None,
        };
    }
}

/// `itemprop="datePublished"` on any element: its `content` or `datetime`, else its text.
fn microdata(doc: &Html) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for n in doc.tree.nodes() {
        let Node::Element(e) = n.value() else { continue };
        if !e
            .attr("itemprop")
            .is_some_and(|p| p.split_whitespace().any(|p| p.eq_ignore_ascii_case("datePublished")))
            || of_a_reply(n)
        {
            continue;
        }
        if let Some(v) = e.attr("content").or_else(|| e.attr("datetime")) {
            out.push((v.to_string(), "microdata datePublished"));
        } else {
            out.push((short_text(n), "microdata datePublished text"));
        }
    }
    out
}

/// Whether a microdata property belongs to a reply (its item is a `Comment`, `Answer` or `Review`): a
/// comment's date under a question or a post is not the page's.
fn of_a_reply(n: ego_tree::NodeRef<'_, Node>) -> bool {
    n.ancestors()
        .filter_map(|a| a.value().as_element())
        .find(|a| a.attr("itemscope").is_some())
        .and_then(|a| a.attr("itemtype"))
        .is_some_and(|t| {
            let t = t.rsplit('/').next().unwrap_or(t);
            matches!(t, "Comment" | "Answer" | "Review")
        })
}

/// `<time>` elements: those marked as the publication time first, then the others; `datetime` attribute
/// (structured) or the element's text (visible).
fn time_elements(doc: &Html) -> Vec<(String, &'static str, bool)> {
    let mut marked = Vec::new();
    let mut other = Vec::new();
    for n in doc.tree.nodes() {
        let Node::Element(e) = n.value() else { continue };
        if e.name() != "time" {
            continue;
        }
        let is_marked = e.attr("pubdate").is_some()
            || e.attr("itemprop")
                .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            || e.attr("class")
                .is_some_and(|c| c.contains("publish") || c.contains("entry-date"));
        let found = match e.attr("datetime") {
            Some(dt) => (dt.to_string(), "<time datetime>", true),
            None => (short_text(n), "<time> text", false),
        };
        if is_marked {
            marked.push(found);
        } else {
            other.push(found);
        }
    }
    marked.extend(other);
    marked
}

/// Short texts (and `title` attributes) of elements whose class or id names a date, in document order,
/// outside scripts and styles.
fn date_lines(doc: &Html) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    let mut skip = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => {
                let Node::Element(e) = n.value() else { continue };
                if skip > 0 || matches!(e.name(), "script" | "style" | "noscript" | "template" | "head") {
                    skip += 1;
                    continue;
                }
                let named = format!("{} {}", e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""));
                if named.trim().is_empty() || !DATE_HINT.is_match(&named) {
                    continue;
                }
                if let Some(t) = e.attr("title").filter(|t| t.len() <= MAX_DATE_LINE) {
                    out.push((t.to_string(), "date element title"));
                }
                let text = short_text(n);
                if !text.is_empty() && text.len() <= MAX_DATE_LINE {
                    out.push((text, "visible date line"));
                }
            }
            Edge::Close(n) => {
                if skip > 0 && n.value().is_element() {
                    skip -= 1;
                }
            }
        }
    }
    out
}

/// An element's text, whitespace collapsed, read only as far as a date line could reach.
fn short_text(n: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in n.descendants() {
        if let Some(t) = d.value().as_text() {
            s.push_str(t);
            s.push(' ');
            if s.len() > MAX_DATE_LINE * 2 {
                break;
            }
        }
    }
    crate::squash(&s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates_of(page: &str, url: &str) -> Vec<String> {
        let doc = Html::parse_document(page);
        find(&doc, page, &HashMap::new(), &[], &[url], &[])
            .published
            .into_iter()
            .map(|e| e.value.iso())
            .collect()
    }

    #[test]
    fn reads_a_date_line_in_an_element_named_meta() {
        let page = r#"<html><body><h1>Counteroffensive, envoy says</h1><ul class="nav meta"><li>
            <a href="/time/2020-10-13">13 Oct 2020 18:29</a></li><li>1479</li></ul>
            <p>Text of the story, which names no date.</p></body></html>"#;
        assert_eq!(dates_of(page, "https://a.example/news/1"), ["2020-10-13T18:29"]);
    }

    #[test]
    fn reads_urls() {
        assert_eq!(
            url_date("https://a.example/2020/08/24/670291/x")
                .map(|v| v.iso())
                .as_deref(),
            Some("2020-08-24")
        );
        assert_eq!(
            url_date("https://a.example/world/story-20200113")
                .map(|v| v.iso())
                .as_deref(),
            Some("2020-01-13")
        );
        assert_eq!(
            url_date("https://a.example/2020-02-17-title")
                .map(|v| v.iso())
                .as_deref(),
            Some("2020-02-17")
        );
        assert_eq!(
            url_date("https://a.example/blog/2023/october/03/how-many")
                .map(|v| v.iso())
                .as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(url_date("https://a.example/news/120200622120908039/x"), None);
        assert_eq!(url_date("https://a.example/p/2020/99/99/x"), None);
    }

    #[test]
    fn reads_scripts_rdf_and_visible_lines() {
        let page = r#"<html><head><script>var x = { "datePublished": "2020-10-04T15:05:21+08:00", // note
        }</script></head><body><p>Hello</p></body></html>"#;
        assert_eq!(dates_of(page, "")[0], "2020-10-04T15:05:21+08:00");
        let page =
            r#"<html><body><!-- <rdf:Description dc:date="2020-07-03T17:16:22+09:00" /> --><p>x</p></body></html>"#;
        assert_eq!(dates_of(page, "")[0], "2020-07-03T17:16:22+09:00");
        let page = r#"<html><body><h1>Title</h1><span class="date"> 17/03/2020 </span><p>Text.</p></body></html>"#;
        assert_eq!(dates_of(page, "")[0], "2020-03-17");
        let page = r#"<html><body><li class="x"><time>2020/07/13 01:10</time></li></body></html>"#;
        assert_eq!(dates_of(page, "")[0], "2020-07-13T01:10");
        let page = r#"<html><body><p class="author">by <strong>Minoa</strong> &raquo; Tue Aug 27, 2019 5:58 am</p>
        <div class="content">Text.</div></body></html>"#;
        assert_eq!(dates_of(page, "")[0][..10], *"2019-08-27");
    }

    #[test]
    fn other_metadata_names_of_the_publication_date_are_read() {
        assert!(names_publication("published-date") && names_publication("article_publish_time"));
        assert!(names_publication("published"));
        assert!(!names_publication("last-published-update-date") && !names_publication("article:publisher"));
        let page = "<html><body><p>Text.</p></body></html>";
        let doc = Html::parse_document(page);
        let meta = HashMap::from([("published-date".to_string(), "2021-02-16".to_string())]);
        let found = find(&doc, page, &meta, &[], &[], &[]);
        assert_eq!(found.published[0].value.iso(), "2021-02-16");
    }

    #[test]
    fn a_replys_microdata_date_is_not_the_pages() {
        let page = r#"<html><body><div itemscope itemtype="https://schema.org/Question"><h1>Q</h1>
        <time datetime="2012-06-29 10:51:01Z">13 years ago</time>
        <div itemprop="comment" itemscope itemtype="https://schema.org/Comment">
        <div itemprop="datePublished">2016-03-17 13:23:29 +00:00</div></div></div></body></html>"#;
        assert_eq!(dates_of(page, "")[0], "2012-06-29T10:51:01Z");
        let page = r#"<html><body><article itemscope itemtype="https://schema.org/BlogPosting">
        <span itemprop="datePublished">2016-03-17</span></article></body></html>"#;
        assert_eq!(dates_of(page, "")[0], "2016-03-17");
    }

    #[test]
    fn a_structured_date_written_for_readers_comes_after_the_shown_date() {
        let page = r#"<html><head><script>var x = { "datePublished": "Jun 24, 2025" }</script></head><body>
        <div class="text__date">August 25, 2024</div><p>Text.</p></body></html>"#;
        assert_eq!(dates_of(page, "")[0], "2024-08-25");
        let page = r#"<html><head><script>var x = { "datePublished": "2025-06-24" }</script></head><body>
        <div class="text__date">August 25, 2024</div><p>Text.</p></body></html>"#;
        assert_eq!(dates_of(page, "")[0], "2025-06-24");
        let page = r#"<html><head><script>var x = { "datePublished": "Jun 24, 2025" }</script></head><body>
        <p>Text.</p></body></html>"#;
        assert_eq!(dates_of(page, "")[0], "2025-06-24");
    }

    #[test]
    fn prefers_the_local_day_over_a_utc_time_of_the_next_morning() {
        let page = r#"<html><head><script type="application/ld+json">{}</script>
        <meta property="article:published_time" content="2020-02-18T02:18:11Z"></head><body></body></html>"#;
        let doc = Html::parse_document(page);
        let mut meta = HashMap::new();
        meta.insert("article:published_time".to_string(), "2020-02-18T02:18:11Z".to_string());
        let found = find(&doc, page, &meta, &[], &["https://a.example/2020/02/17/story"], &[]);
        assert_eq!(found.published[0].value.iso(), "2020-02-17");
        assert!(found.published[0].basis.starts_with("URL"));
        let found = find(&doc, page, &meta, &[], &["https://a.example/2020/02/18/story"], &[]);
        assert_eq!(found.published[0].value.iso(), "2020-02-18T02:18:11Z");
        // An afternoon in UTC is the same day in every zone west of it: a related story's date the day
        // before does not displace it.
        meta.insert("article:published_time".to_string(), "2020-02-18T16:11:22Z".to_string());
        let found = find(&doc, page, &meta, &[], &["https://a.example/2020/02/17/story"], &[]);
        assert_eq!(found.published[0].value.iso(), "2020-02-18T16:11:22Z");
        // So is ten in the morning, down to Hawaii: the URL's day before is the draft's.
        meta.insert("article:published_time".to_string(), "2020-02-18T10:04:04Z".to_string());
        let found = find(&doc, page, &meta, &[], &["https://a.example/2020/02/17/story"], &[]);
        assert_eq!(found.published[0].value.iso(), "2020-02-18T10:04:04Z");
        meta.insert("article:published_time".to_string(), "2020-02-18T02:18:11Z".to_string());
        let zoned = format!("{page}<script>var show = {{\"date\": \"Fri, 01 May 2020 23:00:00 -0400\"}}</script>");
        let found = find(&doc, &zoned, &meta, &[], &[], &[]);
        assert_eq!(found.published[0].value.iso(), "2020-02-17");
        assert!(
            found.published[0].basis.contains("-04:00"),
            "{}",
            found.published[0].basis
        );
        // Midnight exactly is the day itself: neither a teaser's day before nor the page's zone moves it.
        meta.insert(
            "article:published_time".to_string(),
            "2025-12-19T00:00:00+00:00".to_string(),
        );
        let teasers = r#"<html><body><time datetime="2025-12-18">18 Dec</time></body></html>"#;
        let doc = Html::parse_document(teasers);
        let found = find(&doc, &format!("{teasers}{zoned}"), &meta, &[], &[], &[]);
        assert_eq!(found.published[0].value.iso(), "2025-12-19T00:00:00+00:00");
    }
}
