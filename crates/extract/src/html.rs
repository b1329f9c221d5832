//! HTML pages to an article draft: metadata (title, dates, authors, outlet, language, canonical URL), each
//! with its basis, and the main text found by scoring the DOM for paragraph density.
//!
//! Every walk over the tree is iterative and every walk up it is capped, so deeply nested or huge pages
//! finish in bounded time and stack.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use regex::Regex;
use scraper::{Html, Node};
use serde_json::Value;

use crate::boilerplate::{classify, meta_line};
use crate::pagedate;
use crate::re;
use crate::Draft;

/// Text blocks searched for a date when nothing better dates the page.
const MAX_DATE_BLOCKS: usize = 400;

/// How far up the tree scores and text counts travel.
const MAX_UP: usize = 24;

/// Elements whose content is never article text.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "option",
    "iframe",
    "svg",
    "canvas",
    "figure",
    "figcaption",
    "menu",
    "dialog",
    "head",
    "object",
    "embed",
    "video",
    "audio",
    "picture",
    "textarea",
    "input",
];

/// Elements that start a new block of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "dd",
    "dt",
    "dl",
    "header",
    "address",
    "center",
    "body",
    "br",
    "hr",
];

static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)comment|share|sharing|social|related|recommend|promo|newsletter|subscri|cookie|consent|banner|advert|sponsor|sidebar|footer|navbar|\bnav\b|menu|breadcrumb|popup|modal|outbrain|taboola|most-?read|popular|trending|byline|author-?bio|caption|credit|teaser|widget|toolbar|pagination|\btags?\b|disqus|masthead|skip-link|signup|print-only",
    )
});
/// Chrome names that page builders also give the wrappers of the content itself.
static LAYOUT_NAMES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)widget"));
static HIDDEN_STYLE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)display\s*:\s*none|visibility\s*:\s*hidden"));
/// Microdata properties that restate metadata in the page body (often invisible): not article text when
/// they hold no blocks of their own (`mainEntityOfPage` also marks whole article containers).
const METADATA_ITEMPROPS: &[&str] = &[
    "datePublished",
    "dateModified",
    "dateCreated",
    "keywords",
    "mainEntityOfPage",
    "publisher",
    "author",
    "image",
    "logo",
    "thumbnailUrl",
];
static POSITIVE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)article|story|entry|post-?body|main|content|text|body"));
static TITLE_SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " :: ", " · ", " » ", " / "];

/// A run of text between block boundaries.
pub(crate) struct Block {
    pub(crate) text: String,
    link_chars: usize,
    tag: &'static str,
    owner: NodeId,
}

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
fn same_subject(headline: &str, other: &str) -> bool {
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

    let strict_blocks = blocks(&doc, Mode::Strict);
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

    let title = draft.title.as_deref();
    let mut paragraphs = main_text(&doc, &strict_blocks, Mode::Strict, title);
    let strict = chars(&paragraphs);
    if strict < LOOSE_CHECK_BELOW {
        let loose = main_text(&doc, &blocks(&doc, Mode::Loose), Mode::Loose, title);
        let found = chars(&loose);
        if strict < RETRY_BELOW && found > strict || found > LOOSE_OUTWEIGHS * strict {
            paragraphs = loose;
        }
    }
    // A page with no article text to speak of (and not declared an article) may be a list of items.
    let mut listed = false;
    let page_type = first(&meta, &["og:type"]).unwrap_or_default();
    if chars(&paragraphs) < RETRY_BELOW && !crate::kind::declared_article(&page_type, &ld) {
        let chains: Vec<Vec<NodeId>> = strict_blocks.iter().map(|b| ancestors(&doc, b.owner)).collect();
        let listing = crate::listing::listing_text(&doc, &strict_blocks, &chains);
        if chars(&listing) > chars(&paragraphs) {
            paragraphs = listing;
            listed = true;
        }
    }
    let words: usize = paragraphs.iter().map(|p| p.split_whitespace().count()).sum();
    draft.is_article = !listed && crate::kind::is_article(words, &page_type, &ld, !draft.published.is_empty());
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
        draft.lead = standfirst(
            &doc,
            draft.title.as_deref(),
            draft.paragraphs.first().map(String::as_str),
        );
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

/// The page's standfirst: the first element named for one (class, id, or `itemprop=description`/`abstract`)
/// holding one or two sentences of text that are not the headline.
fn standfirst(doc: &Html, title: Option<&str>, body: Option<&str>) -> Option<String> {
    let title = title.map(str::to_lowercase);
    // The body's first words: a standfirst comes before them.
    let opening: String = body.unwrap_or("").chars().take(30).collect();
    for node in doc.tree.nodes() {
        if let Node::Text(t) = node.value() {
            let t = t.trim();
            if t.len() >= 30 && t.starts_with(opening.as_str()) && !opening.is_empty() {
                return None;
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
        let text = el
            .text()
            .collect::<Vec<_>>()
            .join(" ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let words = text.split(' ').count();
        if (8..=60).contains(&words) && title.as_deref() != Some(&text.to_lowercase()) {
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
    let text: String = node
        .descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
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
                    if kind.contains("Article")
                        || kind.contains("Posting")
                        || kind.contains("NewsArticle")
                        || kind.contains("Report")
                    {
                        out.push(Value::Object(map));
                    }
                }
                _ => {}
            }
        }
    }
    out
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
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
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

/// How much of the page [`blocks`] may skip before scoring.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Skip elements whose class or id names site chrome (`sidebar`, `comments`…; not a layout name alone).
    Strict,
    /// Skip only by tag: for pages whose layout wrappers carry such names around the article itself. Chrome
    /// names still count inside the chosen container.
    Loose,
}

/// Main text shorter than this (in bytes) is replaced by what the [`Mode::Loose`] pass finds, if longer.
const RETRY_BELOW: usize = 500;
/// Main text shorter than this (in bytes) is checked against the [`Mode::Loose`] pass: a page whose article
/// sits under a wrapper with a chrome name (a newsletter archive's `cc-newsletter` section) leaves the strict
/// pass a fragment or the wrong block.
const LOOSE_CHECK_BELOW: usize = 2_500;
/// How many times longer the [`Mode::Loose`] pass's text must be to replace the strict pass's.
const LOOSE_OUTWEIGHS: usize = 3;

fn chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(String::len).sum()
}

fn is_skipped(node: ego_tree::NodeRef<'_, Node>, e: &scraper::node::Element, mode: Mode) -> bool {
    if SKIP_TAGS.contains(&e.name()) {
        // A sidebar or footer that holds the page's main element is one left unclosed (the parser carries it
        // to the end of the page), not a sidebar.
        if matches!(e.name(), "aside" | "footer" | "nav") && holds_main(node) {
            return false;
        }
        return mode == Mode::Strict || e.name() != "form";
    }
    if e.attr("hidden").is_some() && !is_streamed_segment(e) || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if e.attr("style").is_some_and(|st| HIDDEN_STYLE.is_match(st)) {
        return true;
    }
    if e.attr("itemprop")
        .is_some_and(|p| METADATA_ITEMPROPS.iter().any(|m| p.eq_ignore_ascii_case(m)))
        && !node
            .children()
            .any(|c| c.value().as_element().is_some_and(|c| BLOCK_TAGS.contains(&c.name())))
    {
        return true;
    }
    mode == Mode::Strict && is_chrome(node) && !layout_only(node)
}

/// Whether `<main>` lies inside the element.
fn holds_main(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.descendants()
        .skip(1)
        .any(|d| d.value().as_element().is_some_and(|e| e.name() == "main"))
}

/// Whether a hidden element is a segment of a page streamed in pieces (React's `<div hidden id="S:0">`,
/// which a script moves into its place as it arrives): the page's content, shown once loaded.
fn is_streamed_segment(e: &scraper::node::Element) -> bool {
    e.name() == "div"
        && e.attr("id")
            .and_then(|id| id.strip_prefix("S:"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the element's class or id names site chrome rather than content. A wrapper whose first child
/// is a blockquote (an embedded post: `social-embed`) is a quotation, not chrome.
fn is_chrome(node: ego_tree::NodeRef<'_, Node>) -> bool {
    let Some(e) = node.value().as_element() else {
        return false;
    };
    if node
        .children()
        .find_map(|c| c.value().as_element())
        .is_some_and(|c| c.name() == "blockquote")
    {
        return false;
    }
    let attrs = format!("{} {}", e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""));
    if attrs.trim().is_empty() || matches!(e.name(), "body" | "html" | "article" | "main") {
        return false;
    }
    NEGATIVE.is_match(&attrs) && !POSITIVE.is_match(&attrs)
}

/// All text blocks of the page in document order, skipping what can never be article text.
fn blocks(doc: &Html, mode: Mode) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    let mut owners: Vec<(NodeId, &'static str)> = Vec::new();
    let mut current = String::new();
    let mut current_links = 0usize;
    let flush = |out: &mut Vec<Block>, text: &mut String, links: &mut usize, owner: Option<&(NodeId, &'static str)>| {
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let (false, Some(&(owner, tag))) = (t.is_empty(), owner) {
            out.push(Block {
                text: t,
                link_chars: (*links).min(text.len()),
                tag,
                owner,
            });
        }
        text.clear();
        *links = 0;
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    if skip_depth > 0 || is_skipped(node, e, mode) {
                        skip_depth += 1;
                        continue;
                    }
                    let name = e.name();
                    if let Some(tag) = BLOCK_TAGS.iter().find(|t| **t == name) {
                        flush(&mut out, &mut current, &mut current_links, owners.last());
                        if !matches!(*tag, "br" | "hr") {
                            owners.push((node.id(), tag));
                        }
                    } else if name == "a" {
                        link_depth += 1;
                    } else if matches!(name, "td" | "th") {
                        current.push(' ');
                    }
                }
                Node::Text(t) if skip_depth == 0 => {
                    current.push_str(t);
                    if link_depth > 0 {
                        current_links += t.trim().chars().count();
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    let name = e.name();
                    if BLOCK_TAGS.contains(&name) && !matches!(name, "br" | "hr") {
                        flush(&mut out, &mut current, &mut current_links, owners.last());
                        owners.pop();
                    } else if name == "a" {
                        link_depth = link_depth.saturating_sub(1);
                    }
                }
            }
        }
    }
    flush(&mut out, &mut current, &mut current_links, owners.last());
    out
}

/// Ancestors of `id` (itself first), at most `MAX_UP` of them.
pub(crate) fn ancestors(doc: &Html, id: NodeId) -> Vec<NodeId> {
    let mut out = Vec::with_capacity(MAX_UP);
    let mut cur = doc.tree.get(id);
    while let Some(n) = cur {
        if out.len() >= MAX_UP {
            break;
        }
        out.push(n.id());
        cur = n.parent();
    }
    out
}

/// Picks the container with the densest prose and returns its paragraphs, with those of siblings that
/// score nearly as well (articles split by an ad or a related box).
fn main_text(doc: &Html, blocks: &[Block], mode: Mode, title: Option<&str>) -> Vec<String> {
    let mut score: HashMap<NodeId, f64> = HashMap::new();
    let mut chars: HashMap<NodeId, (usize, usize)> = HashMap::new();
    let chains: Vec<Vec<NodeId>> = blocks.iter().map(|b| ancestors(doc, b.owner)).collect();
    for (b, chain) in blocks.iter().zip(&chains) {
        for id in chain {
            let e = chars.entry(*id).or_default();
            e.0 += b.text.len();
            e.1 += b.link_chars;
        }
        let len = b.text.chars().count();
        if len < 25
            || !matches!(
                b.tag,
                "p" | "pre" | "tr" | "blockquote" | "div" | "section" | "article" | "li" | "dd"
            )
        {
            continue;
        }
        let s = 1.0 + b.text.matches([',', '，', '،']).count() as f64 + (len as f64 / 100.0).min(3.0);
        let s = if b.tag == "li" { s * 0.5 } else { s };
        for (i, id) in chain.iter().skip(1).take(3).enumerate() {
            *score.entry(*id).or_default() += s / (1.0 + i as f64);
        }
    }
    let density = |id: &NodeId| {
        chars
            .get(id)
            .map_or(0.0, |&(t, l)| if t == 0 { 0.0 } else { l as f64 / t as f64 })
    };
    let best = score
        .iter()
        .map(|(id, s)| (*id, s * (1.0 - density(id))))
        // Equal scores go to the element first in the document, whatever order the map holds them in.
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)));
    let Some((top, top_score)) = best else {
        return Vec::new();
    };
    let top = widen(doc, top, blocks, &chains, title);
    let parent = doc.tree.get(top).and_then(|n| n.parent()).map(|p| p.id());
    let threshold = (top_score * 0.2).max(10.0);
    let mut chosen = Vec::new();
    let mut chrome = HashMap::new();
    for (b, chain) in blocks.iter().zip(&chains) {
        let inside = chain.contains(&top);
        let sibling = !inside
            && parent.is_some_and(|p| {
                chain.iter().position(|id| *id == p).is_some_and(|pos| {
                    pos > 0 && {
                        let s = chain[pos - 1];
                        score.get(&s).copied().unwrap_or(0.0) * (1.0 - density(&s)) >= threshold
                            || (b.tag == "p" && b.text.len() > 80 && b.link_chars * 4 < b.text.len())
                    }
                })
            });
        if !(inside || sibling) {
            continue;
        }
        let len = b.text.chars().count();
        if b.link_chars * 2 > len {
            continue;
        }
        let heading = matches!(b.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        if len < 15 && !heading {
            continue;
        }
        if classify(&b.text).is_some() || !heading && meta_line(&b.text).is_some() {
            continue;
        }
        let in_chrome = if mode == Mode::Loose {
            inside_chrome(
                doc,
                chain,
                if inside { top } else { parent.unwrap_or(top) },
                &mut chrome,
            )
        } else {
            None
        };
        chosen.push((b.text.clone(), in_chrome));
    }
    // A layout name (`widget`: page builders wrap every paragraph in a `widget-container`) around most of
    // the chosen text is the template's own scaffolding, not chrome: then nothing is dropped for it. Names
    // of sections (comments under a short post, related links) stay dropped whatever their share.
    let layout: usize = chosen
        .iter()
        .filter(|c| c.1 == Some(Chrome::Layout))
        .map(|c| c.0.len())
        .sum();
    let all: usize = chosen.iter().map(|c| c.0.len()).sum();
    let scaffolding = layout * 2 > all;
    chosen
        .into_iter()
        .filter(|(_, in_chrome)| match in_chrome {
            None => true,
            Some(Chrome::Layout) => scaffolding,
            Some(Chrome::Section) => false,
        })
        .map(|(text, _)| text)
        .collect()
}

/// Whether the chrome words in an element's class and id are layout names only (`widget-container`).
fn layout_only(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.value().as_element().is_some_and(|e| {
        let attrs = format!("{} {}", e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""));
        !NEGATIVE.is_match(&LAYOUT_NAMES.replace_all(&attrs, " "))
    })
}

/// The ancestor of `top` (or `top` itself) whose subtree holds the most prose net of everything else:
/// articles split into several wrappers (one per paragraph group, an ad between them) are taken whole,
/// while a step up that adds mostly links and short lines is not taken.
fn widen(doc: &Html, top: NodeId, blocks: &[Block], chains: &[Vec<NodeId>], title: Option<&str>) -> NodeId {
    let candidates = ancestors(doc, top);
    // Per candidate: net prose, its `h1`s about the page's title (its own headline), and its linked `h1`s
    // about something else (other pieces' headlines; an unlinked one heads a section of the article).
    let mut tally: HashMap<NodeId, (f64, usize, usize)> = candidates.iter().map(|id| (*id, (0.0, 0, 0))).collect();
    for (b, chain) in blocks.iter().zip(chains) {
        let len = b.text.len() as f64;
        let prose = b.text.len() >= 25 && b.link_chars * 3 < b.text.len() && !matches!(b.tag, "li" | "h1" | "h2");
        // Plain list items and subheadings are the article's too (a list of tips, a section's heading): they
        // neither add prose nor count against a wrapper, as links and short lines do.
        let plain = b.link_chars * 2 < b.text.len() && matches!(b.tag, "li" | "h2" | "h3" | "h4");
        let value = if prose {
            len - b.link_chars as f64
        } else if plain {
            0.0
        } else {
            -len
        };
        let own = b.tag == "h1" && title.is_some_and(|t| same_subject(t, &b.text));
        for id in chain {
            if let Some(v) = tally.get_mut(id) {
                v.0 += value;
                v.1 += usize::from(own);
                v.2 += usize::from(b.tag == "h1" && !own && b.link_chars * 2 > b.text.len());
            }
        }
    }
    let at = |id: &NodeId| tally.get(id).copied().unwrap_or((0.0, 0, 0));
    let (mut best, (mut best_net, own, other)) = (top, at(&top));
    for id in candidates.iter().skip(1) {
        let (net, h_own, h_other) = at(id);
        // Page builders name the wrappers of the content itself `widget`: not chrome to widen over.
        let chrome = doc.tree.get(*id).is_some_and(|n| is_chrome(n) && !layout_only(n));
        if chrome || h_other > other {
            break;
        }
        if net > best_net * 1.25 {
            (best, best_net) = (*id, net);
        }
        // The wrapper that takes in the page's own headline holds the article whole; above it is the page.
        if h_own > own {
            break;
        }
    }
    best
}

/// What names an element between a block and the chosen container as chrome.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Chrome {
    /// A section of the page that is not the article (comments, related links, a sidebar).
    Section,
    /// Only a layout name (`widget`) that page builders also give the content's own wrappers.
    Layout,
}

/// Whether an element between a block and `top` (the chosen container, or its parent for a sibling's
/// block) names site chrome: a section anywhere on the way, else a layout name; `memo` caches the answer
/// per element.
fn inside_chrome(
    doc: &Html,
    chain: &[NodeId],
    top: NodeId,
    memo: &mut HashMap<NodeId, Option<Chrome>>,
) -> Option<Chrome> {
    let mut found = None;
    for id in chain.iter().take_while(|id| **id != top) {
        let kind = *memo.entry(*id).or_insert_with(|| {
            let node = doc.tree.get(*id)?;
            match (is_chrome(node), layout_only(node)) {
                (false, _) => None,
                (true, true) => Some(Chrome::Layout),
                (true, false) => Some(Chrome::Section),
            }
        });
        match kind {
            Some(Chrome::Section) => return kind,
            Some(Chrome::Layout) => found = kind,
            None => {}
        }
    }
    found
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
    fn a_page_builder_article_is_kept_and_its_related_box_dropped() {
        let widget = |n: usize| {
            format!(
                "<div class=\"builder-element builder-widget\"><div class=\"builder-widget-container\"><p>Paragraph {n} \
                 of the story says, at some length and with a comma or two, what happened at the harbour on \
                 Tuesday and why it matters.</p></div></div>"
            )
        };
        let body: String = (1..=6).map(widget).collect();
        let page = format!(
            "<html><head><title>Harbour reopens</title></head><body><div class=\"builder-widget-wrap\">\
             <div class=\"builder-widget\"><div class=\"builder-widget-container\"><h1>Harbour reopens</h1></div></div>\
             {body}<div class=\"related-posts builder-widget\"><p>Read also: an older story about the harbour \
             and its long history of storms, repairs and closures over the years.</p></div></div></body></html>"
        );
        let d = parse(&page, None);
        let text = d.paragraphs.join("\n");
        for n in 1..=6 {
            assert!(text.contains(&format!("Paragraph {n} ")), "{n}: {text}");
        }
        assert!(!text.contains("Read also"), "{text}");
    }

    #[test]
    fn a_streamed_segment_is_read_and_other_hidden_text_is_not() {
        let para = "<p>The council approved the new bridge on Tuesday, ending a debate that had run for three years, \
                    and the mayor welcomed the vote.</p>";
        let page = format!(
            "<html><body><h1>Bridge approved</h1><template id=\"B:0\"></template>\
             <div hidden>{}</div><div hidden id=\"S:0\"><article>{para}{para}</article></div></body></html>",
            para.replace("bridge", "tunnel")
        );
        let d = parse(&page, None);
        let text = d.paragraphs.join("\n");
        assert!(text.contains("new bridge"), "{text}");
        assert!(!text.contains("tunnel"), "{text}");
    }

    #[test]
    fn an_article_under_a_chrome_named_section_outweighs_a_small_block_elsewhere() {
        let para = |n: usize| {
            format!(
                "<p>Step {n} of the protocol, explained with care, and with the reasons, the doses and the timing \
                 that the research behind it supports.</p>"
            )
        };
        let article: String = (1..=20).map(para).collect();
        let note = "<p>Thank you, this episode was wonderful, and I learned a lot from it, every single day.</p>";
        let notes = note.repeat(7);
        let page = format!(
            "<html><body><main><section class=\"section-hero cc-newsletter\"><article>{article}</article></section>\
             <div class=\"reader-notes\">{notes}</div></main></body></html>"
        );
        let d = parse(&page, None);
        let text = d.paragraphs.join("\n");
        assert!(text.contains("Step 1 ") && text.contains("Step 20 "), "{text}");
    }

    #[test]
    fn an_unclosed_aside_does_not_swallow_the_page() {
        let para = "<p>The council approved the new bridge on Tuesday, ending a debate that had run for three years, \
                    and the mayor welcomed the vote.</p>";
        let page = format!(
            "<html><body><aside class=\"banner\"><a href=\"/sale\">Sale now on</a>\
             <main><h1>Bridge approved</h1>{para}{para}</main></body></html>"
        );
        let text = parse(&page, None).paragraphs.join("\n");
        assert!(text.contains("new bridge"), "{text}");
        let page = format!(
            "<html><body><main><h1>Bridge approved</h1>{para}</main><aside>{}</aside></body></html>",
            para.replace("bridge", "tunnel")
        );
        let text = parse(&page, None).paragraphs.join("\n");
        assert!(!text.contains("tunnel"), "{text}");
    }

    #[test]
    fn lists_of_tips_do_not_keep_the_article_from_being_taken_whole() {
        let para = "<p>Moving to a plant-based diet works best in small steps, taken at your own pace, with meals \
                    you already like and a few new ones each week.</p>";
        let tips: String = (1..=12).map(|n| format!("<li>Tip {n}: swap one meal</li>")).collect();
        let page = format!(
            "<html><body><div class=\"post\"><div class=\"wrap\"><div class=\"part\">{para}{para}</div></div>\
             <div class=\"wrap\"><div class=\"part\"><h2>Tips</h2><ul>{tips}</ul><h2>More tips</h2><ul>{tips}</ul></div></div>\
             <div class=\"wrap\"><div class=\"part\">{}</div></div></div></body></html>",
            para.replace("small steps", "the last steps")
        );
        let text = parse(&page, None).paragraphs.join("\n");
        assert!(text.contains("Tip 12") && text.contains("the last steps"), "{text}");
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
        );
        assert_eq!(lead, None);
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
