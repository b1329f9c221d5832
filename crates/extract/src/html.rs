//! HTML pages to an article draft: metadata (title, dates, authors, outlet, language, canonical URL), each
//! with its basis, and the main text found by scoring the DOM for paragraph density.
//!
//! Every walk over the tree is iterative and every walk up it is capped, so deeply nested or huge pages
//! finish in bounded time and stack.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{Html, Node};
use serde_json::Value;

use crate::maintext::{self, is_chrome, BLOCK_TAGS};
use crate::pagedate;
use crate::re;
use crate::Draft;

/// Text blocks searched for a date when nothing better dates the page.
const MAX_DATE_BLOCKS: usize = 400;

static TITLE_SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " :: ", " · ", " » ", " / "];

/// Deepest element nesting passed to the parser; the HTML parser's cost grows with the square of depth.
const MAX_DEPTH: usize = 512;

/// Elements that never nest (void) or whose end tag may be left out: they do not count towards depth.
const FLAT_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
    "!doctype",
];

/// Elements whose content is raw text, skipped whole by [`limit_depth`].
const RAW_TAGS: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "plaintext",
];

/// Where the end tag `</name` (any case) starts at or after `from`.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut j = from;
    while let Some(off) = bytes.get(j..)?.iter().position(|&b| b == b'<') {
        let k = j + off;
        let tag = bytes.get(k + 2..k + 2 + name.len());
        if bytes.get(k + 1) == Some(&b'/') && tag.is_some_and(|t| t.eq_ignore_ascii_case(name)) {
            return Some(k);
        }
        j = k + 1;
    }
    None
}

/// Drops start and end tags nested deeper than `max` (keeping their text), in one linear pass, so that a
/// page of 100k nested elements parses in bounded time. Returns `None` when the page is shallow enough.
fn limit_depth(html: &str, max: usize) -> Option<String> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut depth = 0usize;
    let mut dropped: HashMap<String, usize> = HashMap::new();
    let mut i = 0usize;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + off;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name: String = html[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        let Some(end) = rest.find('>').map(|e| start + e + 1) else {
            break;
        };
        i = end;
        if name.is_empty() || name.starts_with('!') && name != "!doctype" {
            continue;
        }
        if !closing && RAW_TAGS.contains(&name.as_str()) {
            i = find_end_tag(bytes, end, name.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        let self_closing = html[start..end].ends_with("/>");
        if FLAT_TAGS.contains(&name.as_str()) || self_closing {
            continue;
        }
        let drop_it = if closing {
            match dropped.get_mut(&name) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => {
                    depth = depth.saturating_sub(1);
                    false
                }
            }
        } else if depth >= max {
            *dropped.entry(name).or_default() += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop_it {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = end;
        }
    }
    out.map(|mut o| {
        o.push_str(&html[copied..]);
        o
    })
}

/// Whether a headline (two words or more) shares a fifth of its words with another title.
pub(crate) fn same_subject(headline: &str, other: &str) -> bool {
    let words = |s: &str| -> std::collections::HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(headline), words(other));
    let union = a.union(&b).count();
    a.len() >= 2 && union > 0 && a.intersection(&b).count() * 5 >= union
}

/// A `<noscript>` start or end tag.
static NOSCRIPT: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)<(/?)noscript\b[^>]*>"));

/// Parses an HTML page into a draft.
pub(crate) fn parse(html: &str, url: Option<&str>) -> Draft {
    let mut draft = Draft::default();
    let flattened = limit_depth(html, MAX_DEPTH);
    if flattened.is_some() {
        draft
            .warnings
            .push(format!("elements nested deeper than {MAX_DEPTH} were flattened"));
    }
    let doc = Html::parse_document(flattened.as_deref().unwrap_or(html));
    let meta = meta_map(&doc);
    let ld = json_ld(&doc);

    let site = first(&meta, &["og:site_name", "application-name"]).or_else(|| ld_str(&ld, &["publisher", "name"]));
    draft.outlet.clone_from(&site);
    draft.url = first_link(&doc, "canonical")
        .or_else(|| first(&meta, &["og:url"]))
        .filter(|u| u.starts_with("http"));

    let h1 = first_text(&doc, "h1");
    let page_title = first_text(&doc, "title").map(|t| strip_site(&t, site.as_deref()));
    let declared = first(&meta, &["og:title", "twitter:title"])
        .map(|t| strip_site(&t, site.as_deref()))
        .or_else(|| ld_str(&ld, &["headline"]));
    // The headline the reader sees (the first h1) over the one written for search engines and social
    // cards, when it is about the same thing (a fifth of their words shared): pages often reword the latter.
    draft.title = match (&h1, declared) {
        (Some(h), Some(d)) if same_subject(h, &d) => Some(h.clone()),
        (_, Some(d)) => Some(d),
        (h, None) => h.clone().or(page_title),
    };

    let marks = maintext::Landmarks::of(&doc, draft.title.as_deref());
    let strict_blocks = maintext::blocks(&doc, maintext::Mode::Strict, &marks);
    let own_urls: Vec<&str> = [url, draft.url.as_deref(), meta.get("og:url").map(String::as_str)]
        .into_iter()
        .flatten()
        .collect();
    let texts: Vec<&str> = strict_blocks
        .iter()
        .take(MAX_DATE_BLOCKS)
        .map(|b| b.text.as_str())
        .collect();
    let found = pagedate::find(
        &doc,
        flattened.as_deref().unwrap_or(html),
        &meta,
        &ld,
        &own_urls,
        &texts,
    );
    draft.published = found.published.into_iter().map(pagedate::Evidence::into_pair).collect();
    draft.modified = found.modified.map(pagedate::Evidence::into_pair);

    draft.authors = crate::byline::authors(&doc, &ld, &meta, site.as_deref());
    draft.language = doc
        .root_element()
        .value()
        .attr("lang")
        .map(|l| l.split(['-', '_']).next().unwrap_or("").to_lowercase())
        .filter(|l| (2..=3).contains(&l.len()));

    let page_type = first(&meta, &["og:type"]).unwrap_or_default();
    let declared = crate::kind::declared_article(&page_type, &ld);
    let (mut paragraphs, mut listed) = maintext::main_content(&doc, &strict_blocks, &marks, declared);
    let mut microdata = crate::kind::microdata_types(&doc);
    let source = flattened.as_deref().unwrap_or(html);
    if maintext::chars(&paragraphs) < maintext::RETRY_BELOW && NOSCRIPT.is_match(source) {
        // A page that shows its text only without scripts (a forum's view for crawlers inside `<noscript>`,
        // which a parser with scripting on reads as raw text): read again with those elements opened.
        let opened = Html::parse_document(&NOSCRIPT.replace_all(source, "<${1}div>"));
        let marks = maintext::Landmarks::of(&opened, draft.title.as_deref());
        let blocks = maintext::blocks(&opened, maintext::Mode::Strict, &marks);
        let (found, found_listed) = maintext::main_content(&opened, &blocks, &marks, declared);
        if maintext::chars(&found) > maintext::chars(&paragraphs) {
            (paragraphs, listed) = (found, found_listed);
            microdata = crate::kind::microdata_types(&opened);
        }
    }
    let words: usize = paragraphs.iter().map(|p| p.split_whitespace().count()).sum();
    draft.is_article = !listed
        && crate::kind::is_article(
            words,
            &page_type,
            &ld,
            &microdata,
            !draft.published.is_empty(),
            draft.url.as_deref().or(url),
        );
    if !draft.is_article {
        draft
            .warnings
            .push(format!("not an article page: {words} words of main text"));
    }
    if let Some(t) = &draft.title {
        let t = t.to_lowercase();
        draft.paragraphs = paragraphs.into_iter().filter(|p| p.to_lowercase() != t).collect();
    } else {
        draft.paragraphs = paragraphs;
    }
    if draft.is_article {
        let opening = draft.paragraphs.first().map(String::as_str);
        // The element the page names for a standfirst; else the page's description, when it shows it whole
        // before the body (neither the headline again nor words the text holds: a forum's first post).
        let key = |s: &str| crate::squash(s).to_lowercase();
        draft.lead = standfirst(&doc, draft.title.as_deref(), opening, None).or_else(|| {
            let description = first(&meta, &["og:description", "description", "twitter:description"])?;
            let lead = standfirst(&doc, draft.title.as_deref(), opening, Some(&description))?;
            let k = key(&lead);
            let repeated = draft.title.as_deref().map(key) == Some(k.clone())
                || draft.paragraphs.iter().any(|p| key(p).contains(&k));
            (!repeated).then_some(lead)
        });
    }
    draft
}

/// Elements that hold an article's standfirst (the summary under its headline).
static STANDFIRST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)standfirst|\bdek\b|subhead|sub-?title|\blede\b|article-?(intro|summary|lead|description)|intro-?text|summary-?text|headline-?(sub|summary)",
    )
});

/// Names of an author's note, which standfirst names can share (`author-summary`).
static AUTHOR_NOTE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)author|bio|profile"));

/// How many words a standfirst holds: one or two sentences.
const LEAD_WORDS: std::ops::RangeInclusive<usize> = 8..=60;

/// The page's standfirst: the first element named for one (class, id, or `itemprop=description`/`abstract`)
/// holding one or two sentences of text that are not the headline.
fn standfirst(doc: &Html, title: Option<&str>, body: Option<&str>, description: Option<&str>) -> Option<String> {
    let title = title.map(str::to_lowercase);
    // The body's first words: a standfirst comes before them.
    let opening: String = body.unwrap_or("").chars().take(30).collect();
    // The page's description, when the page shows it whole before the body (a summary under the headline).
    let description = description
        .map(crate::squash)
        .filter(|d| LEAD_WORDS.contains(&d.split(' ').count()));
    let described: String = description.as_deref().unwrap_or("").chars().take(30).collect();
    for node in doc.tree.nodes() {
        if let Node::Text(t) = node.value() {
            let t = t.trim();
            if t.len() >= 30 && t.starts_with(opening.as_str()) && !opening.is_empty() {
                return None;
            }
            if !described.is_empty() && t.starts_with(described.as_str()) {
                let shown = node
                    .parent()
                    .and_then(scraper::ElementRef::wrap)
                    .filter(|p| !matches!(p.value().name(), "title" | "script" | "style" | "noscript"))
                    .filter(|p| !p.ancestors().any(is_chrome))
                    .map(|p| crate::squash(&p.text().collect::<Vec<_>>().join(" ")));
                if shown.is_some() && shown == description {
                    return description;
                }
            }
            continue;
        }
        let Some(e) = node.value().as_element() else { continue };
        let named = format!("{} {}", e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""));
        let prop = e
            .attr("itemprop")
            .is_some_and(|p| p == "description" || p == "abstract");
        if !(prop && e.name() != "meta" || STANDFIRST.is_match(&named))
            || matches!(e.name(), "meta" | "script" | "style" | "img")
        {
            continue;
        }
        // Not a teaser's or a promotion's summary, nor an author's note, nor a wrapper of many blocks.
        if node.ancestors().any(is_chrome) || AUTHOR_NOTE.is_match(&named) {
            continue;
        }
        let blocks = node
            .descendants()
            .filter_map(|d| d.value().as_element())
            .filter(|d| BLOCK_TAGS.contains(&d.name()) || matches!(d.name(), "script" | "style" | "nav" | "ul"))
            .count();
        if blocks > 1 {
            continue;
        }
        let Some(el) = scraper::ElementRef::wrap(node) else {
            continue;
        };
        let text = crate::squash(&el.text().collect::<Vec<_>>().join(" "));
        let words = text.split(' ').count();
        if LEAD_WORDS.contains(&words) && title.as_deref() != Some(&text.to_lowercase()) {
            return Some(text);
        }
    }
    None
}

/// `meta` name/property/itemprop → content, first value of each key kept, keys lower case.
fn meta_map(doc: &Html) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for node in doc.tree.nodes() {
        let Node::Element(e) = node.value() else { continue };
        if e.name() != "meta" {
            continue;
        }
        let Some(content) = e.attr("content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        for key in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(k) = e.attr(key) {
                out.entry(k.trim().to_lowercase())
                    .or_insert_with(|| content.to_string());
            }
        }
    }
    out
}

fn first(meta: &HashMap<String, String>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| meta.get(&k.to_lowercase()).cloned())
}

/// Text of the first element named `tag`, whitespace collapsed.
fn first_text(doc: &Html, tag: &str) -> Option<String> {
    let node = doc
        .tree
        .nodes()
        .find(|n| matches!(n.value(), Node::Element(e) if e.name() == tag))?;
    // Not the text of a style sheet or a script inside it.
    let code = |d: &ego_tree::NodeRef<'_, Node>| {
        d.ancestors()
            .any(|a| matches!(a.value(), Node::Element(e) if matches!(e.name(), "style" | "script")))
    };
    let text: String = node
        .descendants()
        .filter(|d| !code(d))
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    let text = crate::squash(&text);
    (!text.is_empty()).then_some(text)
}

fn first_link(doc: &Html, rel: &str) -> Option<String> {
    doc.tree.nodes().find_map(|n| match n.value() {
        Node::Element(e) if e.name() == "link" && e.attr("rel").is_some_and(|r| r.eq_ignore_ascii_case(rel)) => {
            e.attr("href").map(str::to_string)
        }
        _ => None,
    })
}

/// Article-like objects from every JSON-LD block (also inside `@graph` and arrays).
fn json_ld(doc: &Html) -> Vec<Value> {
    let mut out = Vec::new();
    // People the graph names by `@id`, for the authors that refer to them (`"author": {"@id": "…#Person"}`).
    let mut people: HashMap<String, Value> = HashMap::new();
    for n in doc.tree.nodes() {
        let Node::Element(e) = n.value() else { continue };
        if e.name() != "script" || !e.attr("type").is_some_and(|t| t.contains("ld+json")) {
            continue;
        }
        let raw: String = n
            .children()
            .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
            .collect();
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                Value::Array(items) => stack.extend(items),
                Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        stack.push(graph);
                    }
                    let kind = map.get("@type").map(|t| t.to_string()).unwrap_or_default();
                    if kind.contains("\"Person\"") && map.contains_key("name") {
                        if let Some(id) = map.get("@id").and_then(Value::as_str) {
                            people.insert(id.to_string(), Value::Object(map.clone()));
                        }
                    }
                    // A question-and-answer page's question is its posting (`QAPage` → `mainEntity`).
                    if kind.contains("QAPage") {
                        if let Some(main) = map.remove("mainEntity") {
                            stack.push(main);
                        }
                    }
                    if kind.contains("Article")
                        || kind.contains("Posting")
                        || kind.contains("NewsArticle")
                        || kind.contains("Report")
                        || kind.contains("\"Question\"")
                    {
                        out.push(Value::Object(map));
                    }
                }
                _ => {}
            }
        }
    }
    for obj in &mut out {
        if let Some(author) = obj.get_mut("author") {
            resolve_refs(author, &people);
        }
    }
    out
}

/// Replaces `{"@id": …}` references (alone or in a list) by the nodes they name.
fn resolve_refs(v: &mut Value, nodes: &HashMap<String, Value>) {
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| resolve_refs(i, nodes)),
        Value::Object(m) if !m.contains_key("name") => {
            if let Some(node) = m.get("@id").and_then(Value::as_str).and_then(|id| nodes.get(id)) {
                *v = node.clone();
            }
        }
        _ => {}
    }
}

/// A string at `path` in the first article object that has it (`["publisher", "name"]`).
fn ld_str(ld: &[Value], path: &[&str]) -> Option<String> {
    ld.iter().find_map(|obj| {
        let mut v = obj;
        for key in path {
            v = v.get(key)?;
            if let Value::Array(items) = v {
                v = items.first()?;
            }
        }
        v.as_str().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
    })
}

/// Strips the site name that `<title>` and `og:title` often append (`Headline | Site`).
fn strip_site(title: &str, site: Option<&str>) -> String {
    let t = crate::squash(title);
    for sep in TITLE_SEPARATORS {
        let parts: Vec<&str> = t.split(sep).collect();
        if parts.len() < 2 {
            continue;
        }
        if let Some(site) = site {
            let kept: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| !p.trim().eq_ignore_ascii_case(site.trim()))
                .collect();
            if kept.len() < parts.len() && !kept.is_empty() {
                return kept.join(sep);
            }
        }
        // Without a site name, drop a short last part (the usual place of the site name).
        let last = parts.last().copied().unwrap_or_default();
        if last.split_whitespace().count() <= 4 && parts.len() == 2 && parts[0].split_whitespace().count() >= 3 {
            return parts[0].to_string();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en-GB"><head>
<title>Bridge approved after long debate | Riverside Gazette</title>
<meta property="og:site_name" content="Riverside Gazette">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2022-03-01T09:30:00+01:00">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://gazette.example/news/bridge">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
<article><h1>Bridge approved after long debate</h1>
<p class="byline">By Jane Roe</p>
<p>The city council approved the new bridge on Tuesday, ending a debate that had run for three years, and the mayor welcomed the vote.</p>
<p>Construction is expected to begin in the spring, officials said, and the bridge should open within two years of the start.</p>
<div class="related-articles"><a href="/a">Other story one about the river</a><a href="/b">Other story two about the council</a></div>
<p>Opponents, who had argued for a tunnel instead, said they would keep campaigning against the plan at the next election.</p>
<h2>What happens next</h2>
<p>The council will publish the tender documents next month, and contractors will have six weeks to respond to it.</p>
</article>
<footer>Copyright Riverside Gazette. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn extracts_metadata_with_basis() {
        let d = parse(PAGE, Some("https://gazette.example/news/bridge?utm_source=x"));
        assert_eq!(d.title.as_deref(), Some("Bridge approved after long debate"));
        assert_eq!(d.outlet.as_deref(), Some("Riverside Gazette"));
        assert_eq!(d.authors, vec!["Jane Roe"]);
        assert_eq!(d.language.as_deref(), Some("en"));
        assert_eq!(d.url.as_deref(), Some("https://gazette.example/news/bridge"));
        let (date, basis) = d.published.first().unwrap();
        assert_eq!(date, "2022-03-01T09:30:00+01:00");
        assert!(basis.contains("meta"));
    }

    #[test]
    fn keeps_article_paragraphs_and_drops_chrome() {
        let d = parse(PAGE, None);
        let text = d.paragraphs.join("\n");
        assert!(text.starts_with("The city council approved"), "{text}");
        assert!(text.contains("What happens next"));
        assert!(text.ends_with("six weeks to respond to it."));
        for junk in ["cookies", "Other story", "Copyright", "By Jane Roe", "Home"] {
            assert!(!text.contains(junk), "{junk} leaked: {text}");
        }
        assert!(d.is_article);
    }

    #[test]
    fn an_article_in_sections_is_taken_whole_up_to_its_headline() {
        let para = |topic: &str| {
            format!(
                "<p>The {topic} section explains, in some detail and with examples, how the garden beds are planned, \
                 planted and watered through the season, and what each step costs.</p>"
            )
        };
        let section = |topic: &str| {
            format!(
                "<div class=\"page-section\"><div class=\"page-section--body\"><div class=\"body-content\">{}{}</div></div></div>",
                para(topic),
                para(topic)
            )
        };
        let page = format!(
            "<html><head><title>Planning a kitchen garden</title></head><body><div class=\"page\">\
             <div class=\"article-content\"><h1>Planning a kitchen garden</h1>{}<h2>Planting</h2>{}<h2>Watering</h2>{}</div>\
             <div class=\"more-box\"><h3>Elsewhere</h3><a href=\"/elsewhere\">{}</a></div></div></body></html>",
            section("first"),
            section("second"),
            section("third"),
            para("unrelated")
        );
        let d = parse(&page, None);
        let text = d.paragraphs.join("\n");
        for topic in ["first", "second", "third"] {
            assert!(text.contains(&format!("The {topic} section")), "{topic}: {text}");
        }
        assert!(!text.contains("unrelated"), "{text}");
    }

    #[test]
    fn the_standfirst_under_the_headline_is_the_lead() {
        let page = r#"<html><body><h1>Bridge approved</h1>
<p class="article-standfirst">The council voted after a year of debate over the crossing and its cost.</p>
<aside class="related"><p class="dek">Another story entirely, with a summary of its own here.</p></aside>
<article><p>The city council approved the new bridge on Tuesday after a long debate among its members.</p></article>
</body></html>"#;
        let lead = standfirst(
            &Html::parse_document(page),
            Some("Bridge approved"),
            Some("The city council approved the new bridge on Tuesday"),
            None,
        );
        assert_eq!(
            lead.as_deref(),
            Some("The council voted after a year of debate over the crossing and its cost.")
        );
        // Without one, a related story's summary is no lead.
        let late = page.replace("article-standfirst", "plain");
        let lead = standfirst(
            &Html::parse_document(&late),
            Some("Bridge approved"),
            Some("The city council approved the new bridge on Tuesday"),
            None,
        );
        assert_eq!(lead, None);
    }

    #[test]
    fn a_description_the_page_shows_under_its_headline_is_the_lead() {
        let page = r#"<html><head><meta property="og:type" content="article">
            <meta property="article:published_time" content="2019-11-20"><meta property="og:description" content="The government's move aims to prevent
            the building from becoming a pilgrimage site for neo-Nazis."></head><body><h1>House to become a police
            station</h1><h2 class="summary-x">The government's move aims to prevent the building from becoming a
            pilgrimage site for neo-Nazis.</h2><article><p>VIENNA — The house where the dictator was born will be
            turned into a police station, the interior minister said on Tuesday, ending years of dispute.</p>
            <p>The building has stood empty for years while the state and its owner argued in court.</p>PARAS</article>
            </body></html>"#
            .replace(
                "PARAS",
                &"<p>Officials said the works would begin next year and take about two years to finish.</p>".repeat(8),
            );
        let page = page.as_str();
        let d = parse(page, None);
        assert_eq!(
            d.lead.as_deref(),
            Some("The government's move aims to prevent the building from becoming a pilgrimage site for neo-Nazis.")
        );
        // A description the page does not show, or shows as its text's first words, is no lead.
        let hidden = page
            .replace("<h2 class=\"summary-x\">", "<!--")
            .replace("neo-Nazis.</h2>", "-->");
        assert_eq!(parse(&hidden, None).lead, None);
    }

    #[test]
    fn text_shown_only_without_scripts_is_read() {
        let post = "<div class=\"post\"><p>I updated the driver yesterday and the crash is gone, but the fan now \
                    runs at full speed all the time. Has anyone seen this?</p></div>";
        let page = format!(
            "<html><head><title>Fan runs at full speed</title></head><body><div id=\"app\"></div>\
             <noscript><div class=\"topic\">{post}{post}</div></noscript></body></html>"
        );
        let d = parse(&page, None);
        assert!(d.paragraphs.join("\n").contains("crash is gone"), "{:?}", d.paragraphs);
    }

    #[test]
    fn text_for_screen_readers_only_is_not_kept() {
        let page = "<html><body><h1>Bridge approved</h1><p>The council approved the new bridge on Tuesday, \
                    <a href=\"/vote\">after a vote<span class=\"visually-hidden\">, opens new tab</span></a>, ending \
                    a debate that had run for three years, and the mayor welcomed it.</p></body></html>";
        let text = parse(page, None).paragraphs.join("\n");
        assert!(text.contains("after a vote, ending"), "{text}");
        // A class that reads so but wraps paragraphs (a story river's `sr-only` body) is content.
        let page = page.replace("<p>", "<div class=\"sr-only\"><p>").replace(
            "</p>",
            " The bridge will cross the river at its narrowest point, where the old ferry ran.</p></div>",
        );
        let text = parse(&page, None).paragraphs.join("\n");
        assert!(text.contains("the mayor welcomed it"), "{text}");
    }

    #[test]
    fn json_ld_authors_named_by_reference_are_found() {
        let d = parse(
            r##"<html><head><script type="application/ld+json">{"@graph": [
                {"@type": "BlogPosting", "headline": "Hardened images", "author": {"@id": "https://x.com/#p"}},
                {"@type": "Person", "@id": "https://x.com/#p", "name": "Christian Dupuis"}]}</script></head>
                <body><h1>Hardened images</h1><p>Text.</p></body></html>"##,
            None,
        );
        assert_eq!(d.authors, ["Christian Dupuis"]);
    }

    #[test]
    fn a_headline_s_style_sheet_is_no_part_of_it() {
        let d = parse(
            "<html><body><h1><style>.css-1a{cursor:pointer}</style>Augustinus Bader <span>The Cream</span></h1>\
             <p>Text.</p></body></html>",
            None,
        );
        assert_eq!(d.title.as_deref(), Some("Augustinus Bader The Cream"));
    }

    #[test]
    fn strips_site_names_from_titles() {
        assert_eq!(
            strip_site("Bridge approved | Riverside Gazette", Some("Riverside Gazette")),
            "Bridge approved"
        );
        assert_eq!(
            strip_site("Bridge approved after debate - Gazette", None),
            "Bridge approved after debate"
        );
        assert_eq!(strip_site("Russia - Ukraine talks", None), "Russia - Ukraine talks");
    }

    #[test]
    fn fifty_megabyte_page_is_read_whole() {
        let para = "<p>Paragraph text of a very long page, with commas, clauses and enough words to count.</p>\n";
        let mut page = String::from("<html><head><title>Long page</title></head><body><article>");
        while page.len() < 50 << 20 {
            page.push_str(para);
        }
        page.push_str(
            "<p>The last paragraph is kept as well, after fifty megabytes of text.</p></article></body></html>",
        );
        let d = parse(&page, None);
        assert!(d.paragraphs.len() > 500_000, "{}", d.paragraphs.len());
        assert!(d.paragraphs.last().is_some_and(|p| p.starts_with("The last paragraph")));
    }

    #[test]
    fn deep_nesting_finishes_without_overflow() {
        let depth = 100_000;
        let page = format!("<html><body>{}<p>Deep text that is long enough to count as a paragraph, with commas, here.</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        let d = parse(&page, None);
        assert!(
            d.paragraphs.iter().any(|p| p.contains("Deep text")),
            "{:?}",
            d.paragraphs
        );
        assert!(d.warnings.iter().any(|w| w.contains("flattened")));
    }

    #[test]
    fn depth_limit_keeps_text_and_shallow_pages_untouched() {
        assert_eq!(limit_depth("<div><p>a<div>b</div></div>", 5), None);
        let out = limit_depth("<div><div><div>x</div><script>if (a<b) {}</script></div></div>", 2).unwrap();
        assert_eq!(out, "<div><div>x<script>if (a<b) {}</script></div></div>");
    }
}
