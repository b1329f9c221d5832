//! RSS 0.9x/1.0/2.0, Atom and XML sitemaps. Items that carry the article (`content:encoded`, Atom
//! `content`, or a description long enough to be the body) become documents; the rest, and every sitemap
//! entry, become links: listed, never fetched.

use std::io::Read;

use dateline_model::{ContentKind, Item, Link, Provenance, RawDocument, Severity, SCHEMA_VERSION};
use quick_xml::events::Event;
use quick_xml::Reader;

use super::unescape_entities;
use crate::decode::decode;
use crate::inputs::{problem, problem_iter, read_capped, IngestOptions, ItemIter};

/// Fewest words of item content that count as a full article rather than a teaser.
const FULL_CONTENT_WORDS: usize = 80;

/// Fields gathered from one `<item>`, `<entry>`, `<url>` or `<sitemap>`.
#[derive(Default)]
struct Entry {
    offset: u64,
    title: Option<String>,
    link: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    content: Option<String>,
    summary: Option<String>,
    authors: Vec<String>,
}

/// Reads a whole feed (capped) and lists its items.
pub(super) fn items(input: &str, mut reader: Box<dyn Read + Send>, options: &IngestOptions) -> ItemIter {
    let capped = match read_capped(&mut reader, options.max_record_bytes) {
        Ok(c) => c,
        Err(reason) => return problem_iter(input, Severity::Input, reason),
    };
    let decoded = decode(&capped.bytes, None);
    let mut items = parse(input, &decoded.text);
    if let Some(reason) = capped.cut {
        items.push(problem(input, 0, capped.bytes.len() as u64, Severity::Input, reason));
    }
    Box::new(items.into_iter())
}

/// Which field of an entry an element fills.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    Title,
    Link,
    Published,
    Updated,
    Content,
    Summary,
    Author,
    ChannelTitle,
}

fn field_of(qname: &str, local: &str, in_entry: bool) -> Option<Field> {
    if !in_entry {
        return (local == "title").then_some(Field::ChannelTitle);
    }
    Some(match (qname, local) {
        ("content:encoded", _) | (_, "content") => Field::Content,
        (_, "title") => Field::Title,
        (_, "link" | "loc") => Field::Link,
        (_, "pubDate" | "published" | "issued" | "publication_date") => Field::Published,
        ("dc:date", _) => Field::Published,
        (_, "updated" | "lastmod" | "modified") => Field::Updated,
        (_, "description" | "summary") => Field::Summary,
        (_, "creator" | "name") => Field::Author,
        (_, "author") => Field::Author,
        _ => return None,
    })
}

/// How many open elements an end tag may close at once: more than any feed's nesting.
const END_TAG_REACH: usize = 64;

/// Elements that hold one feed item or sitemap entry.
fn is_entry(local: &str) -> bool {
    matches!(local, "item" | "entry" | "url" | "sitemap")
}

/// Parses feed text into documents, links and problems. Only whole items become documents or links: an item
/// whose field is never closed, one that a new item or the end of the input interrupts, and one cut by an
/// XML error are each reported, and the items around them kept.
fn parse(input: &str, text: &str) -> Vec<Item> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut out = Vec::new();
    let mut outlet: Option<String> = None;
    let mut entry: Option<Entry> = None;
    // The field being read, with its element's depth.
    let mut field: Option<(Field, usize)> = None;
    let mut buf = String::new();
    // Local names of the open elements.
    let mut open: Vec<String> = Vec::new();
    let mut index = 0u64;
    // Why the item being read is not whole.
    let mut broken: Option<String> = None;
    let report = |out: &mut Vec<Item>, index: u64, offset: u64, reason: String| {
        out.push(problem(input, index, offset, Severity::Record, reason));
    };
    loop {
        let pos = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(err) => {
                out.push(problem(
                    input,
                    index,
                    pos,
                    Severity::Input,
                    format!("malformed feed XML: {err}; the items before it are kept"),
                ));
                entry = None;
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let qname = String::from_utf8_lossy(e.name().as_ref()).to_string();
                let local = String::from_utf8_lossy(e.local_name().as_ref()).to_string();
                open.push(local.clone());
                let depth = open.len();
                if is_entry(&local) {
                    if let Some(en) = entry.take() {
                        let why = match field.take() {
                            Some(_) => "a field of it is never closed",
                            None => "it is never closed",
                        };
                        report(&mut out, index, en.offset, format!("feed item {index}: {why}; skipped"));
                        index += 1;
                    }
                    field = None;
                    buf.clear();
                    broken = None;
                    entry = Some(Entry {
                        offset: pos,
                        ..Entry::default()
                    });
                    continue;
                }
                if field.is_some() {
                    // Markup inside a field (Atom xhtml content): keep it as HTML.
                    buf.push('<');
                    buf.push_str(&String::from_utf8_lossy(&e));
                    buf.push('>');
                    continue;
                }
                if local == "link" {
                    if let Some(en) = &mut entry {
                        link_href(&e, en);
                    }
                }
                if let Some(f) = field_of(&qname, &local, entry.is_some()) {
                    if f == Field::ChannelTitle && outlet.is_some() {
                        continue;
                    }
                    field = Some((f, depth));
                    buf.clear();
                }
            }
            Event::Empty(e) => {
                if field.is_some() {
                    buf.push('<');
                    buf.push_str(&String::from_utf8_lossy(&e));
                    buf.push_str("/>");
                } else if e.local_name().as_ref() == b"link" {
                    if let Some(en) = &mut entry {
                        link_href(&e, en);
                    }
                }
            }
            Event::Text(t) if field.is_some() => buf.push_str(&unescape_entities(&String::from_utf8_lossy(&t))),
            Event::CData(t) if field.is_some() => buf.push_str(&String::from_utf8_lossy(&t)),
            Event::End(e) => {
                let local = String::from_utf8_lossy(e.local_name().as_ref()).to_string();
                // The element this end tag closes: the innermost open one of its name, looked for among
                // the innermost few (a stray end tag in a deeply nested page costs no scan of them all).
                // A stray end tag closes nothing.
                let reach = open.len().saturating_sub(END_TAG_REACH);
                let Some(at) = open[reach..].iter().rposition(|o| *o == local).map(|k| reach + k) else {
                    if field.is_some() {
                        buf.push_str("</");
                        buf.push_str(&local);
                        buf.push('>');
                    }
                    continue;
                };
                let depth = at + 1;
                match field {
                    Some((_, d)) if d > depth => {
                        // The field's element is closed by an outer end tag: it was never closed itself.
                        let name = open.get(d - 1).cloned().unwrap_or_default();
                        broken.get_or_insert(format!("<{name}> is never closed"));
                        field = None;
                        buf.clear();
                    }
                    Some((f, d)) if d == depth => {
                        let value = buf.trim().to_string();
                        buf.clear();
                        field = None;
                        store(f, value, &mut entry, &mut outlet);
                    }
                    Some(_) => {
                        buf.push_str("</");
                        buf.push_str(&local);
                        buf.push('>');
                    }
                    None => {}
                }
                if field.is_none() && is_entry(&local) {
                    if let Some(en) = entry.take() {
                        match broken.take() {
                            Some(why) => {
                                report(&mut out, index, en.offset, format!("feed item {index}: {why}; skipped"))
                            }
                            None => out.push(finish(input, index, en, outlet.as_deref())),
                        }
                        index += 1;
                    }
                }
                open.truncate(at);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(en) = entry {
        report(
            &mut out,
            index,
            en.offset,
            format!("feed item {index}: the input ends inside it (truncated?); skipped"),
        );
    } else if !open.is_empty() && !out.iter().any(|i| matches!(i, Item::Problem(_))) {
        let unclosed = open.iter().map(|o| format!("<{o}>")).collect::<Vec<_>>().join(", ");
        out.push(problem(
            input,
            index,
            text.len() as u64,
            Severity::Input,
            format!("the feed ends with {unclosed} still open (truncated?); the items before it are kept"),
        ));
    }
    if out.is_empty() {
        out.push(problem(
            input,
            0,
            0,
            Severity::Input,
            "feed or sitemap with no items".into(),
        ));
    }
    out
}

fn link_href(e: &quick_xml::events::BytesStart<'_>, en: &mut Entry) {
    let mut href = None;
    let mut rel = None;
    for attr in e.attributes().flatten() {
        let value = unescape_entities(&String::from_utf8_lossy(&attr.value));
        match attr.key.local_name().as_ref() {
            b"href" => href = Some(value),
            b"rel" => rel = Some(value),
            _ => {}
        }
    }
    if let Some(h) = href {
        if rel.as_deref().is_none_or(|r| r == "alternate") && en.link.is_none() {
            en.link = Some(h);
        }
    }
}

fn store(f: Field, value: String, entry: &mut Option<Entry>, outlet: &mut Option<String>) {
    if value.is_empty() {
        return;
    }
    if f == Field::ChannelTitle {
        *outlet = Some(value);
        return;
    }
    let Some(en) = entry else { return };
    match f {
        Field::Title => en.title = Some(value),
        Field::Link => {
            en.link.get_or_insert(value);
        }
        Field::Published => en.published = Some(value),
        Field::Updated => en.updated = Some(value),
        Field::Content => en.content = Some(value),
        Field::Summary => en.summary = Some(value),
        Field::Author => {
            let name = strip_tags(&value).split_whitespace().collect::<Vec<_>>().join(" ");
            if !name.is_empty() {
                en.authors.push(name);
            }
        }
        Field::ChannelTitle => {}
    }
}

/// Counts the words of an HTML fragment's text.
fn words(html: &str) -> usize {
    strip_tags(html).split_whitespace().count()
}

/// The text of an HTML fragment, tags replaced by spaces.
fn strip_tags(html: &str) -> String {
    let mut in_tag = false;
    let mut text = String::with_capacity(html.len());
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn finish(input: &str, index: u64, en: Entry, outlet: Option<&str>) -> Item {
    let provenance = Provenance {
        input: input.to_string(),
        record: index,
        record_id: None,
        offset: en.offset,
    };
    let published = en.published.clone().or(en.updated.clone());
    let body = en
        .content
        .clone()
        .filter(|c| words(c) >= FULL_CONTENT_WORDS)
        .or_else(|| en.summary.clone().filter(|s| words(s) >= FULL_CONTENT_WORDS));
    match (body, en.link) {
        (Some(content), url) => Item::Document(Box::new(RawDocument {
            provenance,
            kind: ContentKind::Html,
            content,
            url,
            title: en.title,
            published,
            authors: en.authors,
            fetched: None,
            outlet: outlet.map(str::to_string),
            charset: None,
            external_id: None,
            warnings: Vec::new(),
        })),
        (None, Some(url)) => Item::Link(Box::new(Link {
            schema_version: SCHEMA_VERSION,
            url,
            title: en.title,
            published,
            provenance,
        })),
        (None, None) => Item::Problem(dateline_model::Problem {
            provenance,
            severity: Severity::Record,
            reason: "feed item with neither content nor link".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_body() -> String {
        "<p>The minister said the border would stay open for trade and travel.</p>".repeat(10)
    }

    #[test]
    fn rss_items_with_content_are_documents_others_links() {
        let rss = format!(
            r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example Wire</title>
<item><title>Full &amp; long</title><link>http://x.example/1</link><pubDate>Tue, 09 Nov 2021 10:00:00 GMT</pubDate>
<dc:creator>Jane Roe</dc:creator><content:encoded><![CDATA[{}]]></content:encoded></item>
<item><title>Teaser</title><link>http://x.example/2</link><description>Short &nbsp;teaser.</description></item>
</channel></rss>"#,
            long_body()
        );
        let got = parse("f.xml", &rss);
        assert_eq!(got.len(), 2, "{got:?}");
        let Item::Document(d) = &got[0] else { panic!("{got:?}") };
        assert_eq!(d.title.as_deref(), Some("Full & long"));
        assert_eq!(d.outlet.as_deref(), Some("Example Wire"));
        assert_eq!(d.authors, vec!["Jane Roe"]);
        assert_eq!(d.published.as_deref(), Some("Tue, 09 Nov 2021 10:00:00 GMT"));
        assert!(matches!(&got[1], Item::Link(l) if l.url == "http://x.example/2"));
    }

    #[test]
    fn atom_entries_and_sitemaps() {
        let atom = format!(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Site</title>
<entry><title>A</title><link rel="alternate" href="http://a.example/1"/><published>2021-11-09T10:00:00Z</published>
<author><name>Ann</name></author><content type="html">{}</content></entry>
<entry><title>B</title><link href="http://a.example/2"/><updated>2021-11-10</updated><summary>Brief.</summary></entry></feed>"#,
            long_body().replace('<', "&lt;").replace('>', "&gt;")
        );
        let got = parse("a.atom", &atom);
        assert!(
            matches!(&got[0], Item::Document(d) if d.url.as_deref() == Some("http://a.example/1") && d.content.starts_with("<p>") && d.authors == ["Ann"])
        );
        assert!(matches!(&got[1], Item::Link(l) if l.published.as_deref() == Some("2021-11-10")));

        let sitemap = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://s.example/a</loc><news:news><news:publication_date>2021-11-09</news:publication_date><news:title>Story</news:title></news:news></url>
<url><loc>http://s.example/b</loc><lastmod>2021-11-08</lastmod></url></urlset>"#;
        let got = parse("sitemap.xml", sitemap);
        assert_eq!(got.len(), 2);
        assert!(
            matches!(&got[0], Item::Link(l) if l.url == "http://s.example/a" && l.title.as_deref() == Some("Story"))
        );
    }

    #[test]
    fn broken_xml_keeps_earlier_items() {
        let got = parse(
            "bad.xml",
            "<rss><channel><item><link>http://x/1</link></item><item><link>http://x/2</link></item></channel><<<",
        );
        assert!(matches!(&got[0], Item::Link(_)));
        assert!(
            got.iter().filter(|i| matches!(i, Item::Link(_))).count() >= 2,
            "{got:?}"
        );
    }

    #[test]
    fn items_that_are_not_whole_are_reported_and_the_rest_kept() {
        let problems = |got: &[Item]| got.iter().filter(|i| matches!(i, Item::Problem(_))).count();
        let links = |got: &[Item]| got.iter().filter(|i| matches!(i, Item::Link(_))).count();
        // Cut in the middle of the second item.
        let got = parse(
            "cut.xml",
            "<rss><channel><title>W</title><item><title>One</title><link>http://x/1</link></item><item><title>Tw",
        );
        assert_eq!((links(&got), problems(&got)), (1, 1), "{got:?}");
        // Cut between items.
        let got = parse("cut.xml", "<rss><channel><item><link>http://x/1</link></item>");
        assert_eq!((links(&got), problems(&got)), (1, 1), "{got:?}");
        // An RSS title never closed inside an item.
        let got = parse(
            "t.xml",
            "<rss><channel><item><title>Broken<link>http://x/1</link></item>\
             <item><title>Fine</title><link>http://x/2</link></item></channel></rss>",
        );
        assert_eq!((links(&got), problems(&got)), (1, 1), "{got:?}");
        assert!(matches!(&got[1], Item::Link(l) if l.url == "http://x/2"), "{got:?}");
        // An Atom entry without `</title>`.
        let got = parse(
            "a.xml",
            "<feed><entry><title>A<link href=\"http://a/1\"/><summary>s</summary></entry>\
             <entry><title>B</title><link href=\"http://a/2\"/></entry></feed>",
        );
        assert_eq!((links(&got), problems(&got)), (1, 1), "{got:?}");
        // A whole feed reports nothing.
        let got = parse(
            "ok.xml",
            "<rss><channel><item><link>http://x/1</link></item></channel></rss>",
        );
        assert_eq!((links(&got), problems(&got)), (1, 0), "{got:?}");
    }
}
