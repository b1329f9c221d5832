//! The main content of an HTML page: its text in blocks, the container holding the densest prose (widened
//! to take an article split over several wrappers whole, up to its own headline), chrome left out by name
//! and link density, and, for a page with no article text, its listing ([`crate::listing`]).

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use regex::Regex;
use scraper::{Html, Node};

use crate::boilerplate::{classify, is_contact, meta_line};
use crate::html::same_subject;
use crate::re;

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

/// What makes a figure text: its table or quotation.
const FIGURE_TEXT: &[&str] = &["table", "blockquote"];

/// Elements that start a new block of text.
pub(crate) const BLOCK_TAGS: &[&str] = &[
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
        r"(?i)comment|reviews|share|sharing|social|related|recommend|promo|newsletter|subscri|cookie|consent|banner|advert|sponsor|sidebar|footer|navbar|\bnav\b|menu|breadcrumb|popup|modal|outbrain|taboola|most-?read|popular|trending|byline|author-?bio|caption|credit|teaser|widget|toolbar|pagination|\btags?\b|disqus|masthead|skip-link|signup|print-only",
    )
});
/// Chrome names that page builders also give the wrappers of the content itself.
static LAYOUT_NAMES: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)widget"));
/// Class names of text for screen readers only (`, opens new tab` after a link), which no reader sees.
static SCREEN_READER_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader(?:-text|-only)?|a11y(?:-hidden|-only|-text)?|assistive-text)(?:$|\s)",
    )
});
/// Most text, in bytes, that an element for screen readers only holds.
const SCREEN_READER_TEXT: usize = 200;
/// Lines shorter than this (in characters) are kept only inside the main element, and only when not links.
const SHORT_LINE: usize = 15;
/// Least characters outside links that make a link-dense list item an annotated entry ([`annotated_link`]).
const ANNOTATION_CHARS: usize = 10;
/// Least text, in bytes, of a hidden wrapper that may be the whole page revealed by a script.
const PAGE_WRAPPER_TEXT: usize = 2_000;
/// How much more net prose a wrapper must hold than the best so far to be taken when widening ([`widen`]).
const WIDEN_GAIN: f64 = 1.15;
/// Most text, in bytes, of the box around a form ([`form_boxes`]).
const FORM_BOX_TEXT: usize = 800;
/// Class names of posts embedded from social networks.
static EMBED: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)embed|tweet|instagram|tiktok"));
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
/// Class or id names of a comment section or one comment (`comments-body`, `comment-content`): a content word
/// in them names the comment's content, not the article's.
static COMMENT_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:^|\s)(?:comments?|comment-?(?:body|content|text|list)|comments-?(?:body|area|section|list|wrap(?:per)?|container|head|post)|commentlist)(?:$|\s)",
    )
});

/// A run of text between block boundaries.
pub(crate) struct Block {
    pub(crate) text: String,
    link_chars: usize,
    tag: &'static str,
    owner: NodeId,
}

/// How much of the page [`blocks`] may skip before scoring.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Skip elements whose class or id names site chrome (`sidebar`, `comments`…; not a layout name alone).
    Strict,
    /// Skip only by tag: for pages whose layout wrappers carry such names around the article itself. Chrome
    /// names still count inside the chosen container.
    Loose,
}

/// Main text shorter than this (in bytes) is replaced by what the [`Mode::Loose`] pass finds, if longer.
pub(crate) const RETRY_BELOW: usize = 500;
/// Main text shorter than this (in bytes) is checked against the [`Mode::Loose`] pass: a page whose article
/// sits under a wrapper with a chrome name (a newsletter archive's `cc-newsletter` section) leaves the strict
/// pass a fragment or the wrong block.
const LOOSE_CHECK_BELOW: usize = 2_500;
/// How many times longer the [`Mode::Loose`] pass's text must be to replace the strict pass's.
const LOOSE_OUTWEIGHS: usize = 3;

/// The page's main text from its strict-pass `blocks` (found with `marks`, which the loose pass reuses): the
/// strict pass, checked against the loose one, and for a page with no article text to speak of that is not
/// `declared` an article, its listing. Returns the paragraphs and whether they are a listing's.
pub(crate) fn main_content(
    doc: &Html,
    strict_blocks: &[Block],
    marks: &Landmarks<'_>,
    declared: bool,
) -> (Vec<String>, bool) {
    let title = marks.title;
    let mut paragraphs = main_text(doc, strict_blocks, Mode::Strict, title);
    let strict = chars(&paragraphs);
    if strict < LOOSE_CHECK_BELOW {
        let loose = main_text(doc, &blocks(doc, Mode::Loose, marks), Mode::Loose, title);
        let found = chars(&loose);
        if strict < RETRY_BELOW && found > strict || found > LOOSE_OUTWEIGHS * strict {
            paragraphs = loose;
        }
    }
    if chars(&paragraphs) < RETRY_BELOW && !declared {
        let chains: Vec<Vec<NodeId>> = strict_blocks.iter().map(|b| ancestors(doc, b.owner)).collect();
        let listing = crate::listing::listing_text(doc, strict_blocks, &chains);
        if chars(&listing) > chars(&paragraphs) {
            return (listing, true);
        }
    }
    (paragraphs, false)
}

/// Whether a list item inside the main element is a link with words of its own (`Tuning PostgreSQL by Frank
/// Wiles`): an entry of a reading list, where a menu's or a teaser list's items are links alone.
fn annotated_link(b: &Block, len: usize) -> bool {
    b.tag == "li" && len.saturating_sub(b.link_chars) >= ANNOTATION_CHARS && b.link_chars * 20 <= len * 17
}

pub(crate) fn chars(paragraphs: &[String]) -> usize {
    paragraphs.iter().map(String::len).sum()
}

/// What every pass over a page shares, found once: its headline, the elements around the page's own
/// headline ([`headline_wrappers`]) and the boxes around its forms ([`form_boxes`]).
pub(crate) struct Landmarks<'a> {
    title: Option<&'a str>,
    keep: HashSet<NodeId>,
    boxes: HashSet<NodeId>,
}

impl<'a> Landmarks<'a> {
    /// The landmarks of `doc`, whose headline is `title`.
    pub(crate) fn of(doc: &Html, title: Option<&'a str>) -> Landmarks<'a> {
        let keep = headline_wrappers(doc, title);
        Landmarks {
            title,
            boxes: form_boxes(doc, &keep),
            keep,
        }
    }
}

/// What [`is_skipped`] knows of the page beyond the element: the pass, the page's [`Landmarks`], and the size
/// of the page's whole text, counted once when first needed.
struct Page<'m> {
    mode: Mode,
    marks: &'m Landmarks<'m>,
    text: OnceCell<usize>,
}

fn is_skipped(node: ego_tree::NodeRef<'_, Node>, e: &scraper::node::Element, page: &Page) -> bool {
    let mode = page.mode;
    if SKIP_TAGS.contains(&e.name()) {
        // A sidebar or footer that holds the page's main element is one left unclosed (the parser carries it
        // to the end of the page), not a sidebar.
        if matches!(e.name(), "aside" | "footer" | "nav") && holds_main(node) {
            return false;
        }
        // A figure that holds a table or a block quotation (a block editor's `wp-block-table`) is text.
        if e.name() == "figure" && holds_text_figure(node) {
            return false;
        }
        return mode == Mode::Strict || e.name() != "form";
    }
    if page.marks.boxes.contains(&node.id()) {
        return true;
    }
    if e.attr("hidden").is_some() && !is_streamed_segment(e) || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if e.attr("style").is_some_and(|st| HIDDEN_STYLE.is_match(st)) && !reveals_page(node, &page.text) {
        return true;
    }
    // (A few words: a class name that reads so but holds paragraphs names something else.)
    if e.attr("class").is_some_and(|c| SCREEN_READER_ONLY.is_match(c)) && short_text(node) {
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
    mode == Mode::Strict
        && !page.marks.keep.contains(&node.id())
        && chrome_kind(node) == Some(Chrome::Section)
        // (A highlighter's `hljs-comment` inside code names a token, not the page's comments.)
        && !node
            .ancestors()
            .any(|a| a.value().as_element().is_some_and(|e| matches!(e.name(), "pre" | "code")))
}

/// Whether a figure holds a table or a quotation rather than a picture.
/// A post embedded from a social network (`wp-block-embed`, `twitter-tweet`) is not.
fn holds_text_figure(node: ego_tree::NodeRef<'_, Node>) -> bool {
    let embedded = |e: &scraper::node::Element| e.attr("class").is_some_and(|c| EMBED.is_match(c));
    node.value().as_element().is_some_and(|e| !embedded(e))
        && node.descendants().skip(1).any(|d| {
            d.value()
                .as_element()
                .is_some_and(|e| FIGURE_TEXT.contains(&e.name()) && !embedded(e))
        })
}

/// Whether `<main>` lies inside the element.
fn holds_main(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.descendants()
        .skip(1)
        .any(|d| d.value().as_element().is_some_and(|e| e.name() == "main"))
}

/// Whether the element holds under [`SCREEN_READER_TEXT`] bytes of text.
fn short_text(node: ego_tree::NodeRef<'_, Node>) -> bool {
    text_size(node, SCREEN_READER_TEXT) < SCREEN_READER_TEXT
}

/// Bytes of text the element holds, counted up to `limit`.
fn text_size(node: ego_tree::NodeRef<'_, Node>, limit: usize) -> usize {
    let mut size = 0usize;
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            let code = d
                .parent()
                .and_then(|p| {
                    p.value()
                        .as_element()
                        .map(|e| matches!(e.name(), "script" | "style" | "template"))
                })
                .unwrap_or(false);
            if !code {
                size += t.trim().len();
            }
            if size >= limit {
                break;
            }
        }
    }
    size
}

/// Whether an element hidden by its style wraps most of the page's text: a page kept invisible until its
/// scripts have run (`<div style="visibility:hidden">` around everything), not content hidden from readers.
/// `page_text` caches the size of the page's whole text.
fn reveals_page(node: ego_tree::NodeRef<'_, Node>, page_text: &OnceCell<usize>) -> bool {
    text_size(node, PAGE_WRAPPER_TEXT) >= PAGE_WRAPPER_TEXT
        && text_size(node, usize::MAX) * 2 > *page_text.get_or_init(|| text_size(node.tree().root(), usize::MAX))
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
pub(crate) fn is_chrome(node: ego_tree::NodeRef<'_, Node>) -> bool {
    chrome_kind(node).is_some()
}

/// What the element's class or id names, when chrome ([`is_chrome`]): a section of the page that is not the
/// article, or only a layout name (`widget-container`) that page builders also give the content's own
/// wrappers.
fn chrome_kind(node: ego_tree::NodeRef<'_, Node>) -> Option<Chrome> {
    let e = node.value().as_element()?;
    if node
        .children()
        .find_map(|c| c.value().as_element())
        .is_some_and(|c| c.name() == "blockquote")
    {
        return None;
    }
    let attrs = format!("{} {}", e.attr("class").unwrap_or(""), e.attr("id").unwrap_or(""));
    if attrs.trim().is_empty() || matches!(e.name(), "body" | "html" | "article" | "main") {
        return None;
    }
    if COMMENT_NAMES.is_match(&attrs) {
        return Some(Chrome::Section);
    }
    if !NEGATIVE.is_match(&attrs) || POSITIVE.is_match(&attrs) {
        return None;
    }
    if NEGATIVE.is_match(&LAYOUT_NAMES.replace_all(&attrs, " ")) {
        Some(Chrome::Section)
    } else {
        Some(Chrome::Layout)
    }
}

/// All text blocks of the page in document order, skipping what can never be article text (and the boxes
/// around its forms, from `marks`). An element that holds the page's own headline (an `h1` about the title
/// `marks` holds) is never skipped for its name: a page builder's `section-hero cc-newsletter` around a
/// newsletter issue is the article's wrapper, not a sign-up box.
pub(crate) fn blocks(doc: &Html, mode: Mode, marks: &Landmarks<'_>) -> Vec<Block> {
    let page = Page {
        mode,
        marks,
        text: OnceCell::new(),
    };
    let mut out: Vec<Block> = Vec::new();
    let mut skip_depth = 0usize;
    let mut link_depth = 0usize;
    let mut owners: Vec<(NodeId, &'static str)> = Vec::new();
    let mut current = String::new();
    let mut current_links = 0usize;
    let flush = |out: &mut Vec<Block>, text: &mut String, links: &mut usize, owner: Option<&(NodeId, &'static str)>| {
        let t = crate::squash(text);
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
                    if skip_depth > 0 || is_skipped(node, e, &page) {
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

/// Per block, whether it lies in a list that a sentence of the text introduces (`Many patches were sent
/// for review:`): the list is the text's own, links or not, where a menu or a list of related stories
/// follows a heading or nothing.
fn introduced_lists(doc: &Html, blocks: &[Block], chains: &[Vec<NodeId>]) -> Vec<bool> {
    let list_of = |chain: &Vec<NodeId>| {
        chain.iter().copied().find(|id| {
            doc.tree
                .get(*id)
                .and_then(|n| n.value().as_element().map(|e| matches!(e.name(), "ul" | "ol")))
                .unwrap_or(false)
        })
    };
    let lists: Vec<Option<NodeId>> = chains.iter().map(list_of).collect();
    let mut introduced: HashMap<NodeId, bool> = HashMap::new();
    for (i, list) in lists.iter().enumerate() {
        let Some(list) = list else { continue };
        introduced.entry(*list).or_insert_with(|| {
            i.checked_sub(1).is_some_and(|p| {
                let intro = &blocks[p];
                lists[p] != Some(*list)
                    && intro.text.len() >= 20
                    && intro.link_chars * 3 < intro.text.len()
                    && intro.text.trim_end().ends_with(':')
            })
        });
    }
    lists
        .iter()
        .map(|l| l.is_some_and(|l| introduced.get(&l).copied().unwrap_or(false)))
        .collect()
}

/// The elements around the page's own headline: the first `h1` shown, when it is about `title`, and its
/// ancestors (later copies of the headline sit in share boxes, related lists and hidden dialogs).
fn headline_wrappers(doc: &Html, title: Option<&str>) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    let Some(title) = title else { return out };
    let shown = |n: &ego_tree::NodeRef<'_, Node>| {
        !n.ancestors().any(|a| {
            a.value().as_element().is_some_and(|e| {
                e.attr("hidden").is_some()
                    || e.attr("aria-hidden") == Some("true")
                    || e.attr("style").is_some_and(|st| HIDDEN_STYLE.is_match(st))
            })
        })
    };
    let first = doc
        .root_element()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "h1") && shown(n));
    if let Some(h1) = first {
        let text: String = h1
            .descendants()
            .filter_map(|d| d.value().as_text().map(|t| &**t))
            .collect();
        if same_subject(title, &text) {
            out.extend(h1.ancestors().map(|a| a.id()));
            out.insert(h1.id());
        }
    }
    out
}

/// The boxes around the page's forms that ask for an email address, a phone number or a message: for
/// each, the form and the largest element around it holding under [`FORM_BOX_TEXT`] bytes of text beside
/// the form's own labels (a sign-up box's pitch and legal line, an ebook offer), unless it holds the page's
/// own headline. A form that wraps the whole page (ASP.NET's) has no box.
fn form_boxes(doc: &Html, keep: &HashSet<NodeId>) -> HashSet<NodeId> {
    let mut out = HashSet::new();
    for form in doc.root_element().descendants() {
        let is_form = form.value().as_element().is_some_and(|e| e.name() == "form");
        if !is_form || !asks_for_contact(form) {
            continue;
        }
        // A lead form's own labels (`First Name*`, `Company*`, `This field is hidden …`) are not counted.
        let own = text_size(form, usize::MAX);
        let mut best = None;
        let mut cur = Some(form);
        while let Some(n) = cur {
            let Some(e) = n.value().as_element() else { break };
            if matches!(e.name(), "body" | "html" | "main" | "article")
                || keep.contains(&n.id())
                || text_size(n, own + FORM_BOX_TEXT) >= own + FORM_BOX_TEXT
            {
                break;
            }
            best = Some(n.id());
            cur = n.parent();
        }
        out.extend(best);
    }
    out
}

/// Whether a form asks for an email address, a phone number or a message, as sign-up, text-alert and
/// contact forms do, where a shop's cart form has buttons and hidden fields and a search form a query.
fn asks_for_contact(form: ego_tree::NodeRef<'_, Node>) -> bool {
    form.descendants().any(|d| {
        d.value().as_element().is_some_and(|e| {
            e.name() == "textarea"
                || e.name() == "input"
                    && matches!(
                        e.attr("type").map(str::to_ascii_lowercase).as_deref(),
                        Some("email" | "tel")
                    )
        })
    })
}

/// Ancestors of `id` (itself first), at most `MAX_UP` of them.
fn ancestors(doc: &Html, id: NodeId) -> Vec<NodeId> {
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
    let listed = introduced_lists(doc, blocks, &chains);
    let top = widen(doc, top, (blocks, &listed), &chains, title);
    let parent = doc.tree.get(top).and_then(|n| n.parent()).map(|p| p.id());
    let threshold = (top_score * 0.2).max(10.0);
    let mut chosen = Vec::new();
    let mut chrome = HashMap::new();
    for ((b, chain), listed) in blocks.iter().zip(&chains).zip(&listed) {
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
        if b.link_chars * 2 > len && !(inside && (*listed || annotated_link(b, len))) {
            continue;
        }
        let heading = matches!(b.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        // A short line inside the main element is text (a name, an address, a table's row) unless a link.
        if len < SHORT_LINE && !heading && !(inside && b.link_chars == 0) {
            continue;
        }
        // Contact lines (an address, a phone number) inside the main element are a directory's entries; outside
        // it, a footer's.
        let boilerplate = classify(&b.text).is_some_and(|why| !(inside && is_contact(why)));
        if boilerplate || !heading && meta_line(&b.text).is_some() {
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

/// The ancestor of `top` (or `top` itself) whose subtree holds the most prose net of everything else:
/// articles split into several wrappers (one per paragraph group, an ad between them) are taken whole,
/// while a step up that adds mostly links and short lines is not taken.
fn widen(
    doc: &Html,
    top: NodeId,
    (blocks, listed): (&[Block], &[bool]),
    chains: &[Vec<NodeId>],
    title: Option<&str>,
) -> NodeId {
    let candidates = ancestors(doc, top);
    // Per candidate: net prose, its `h1`s about the page's title (its own headline), and its linked `h1`s
    // about something else (other pieces' headlines; an unlinked one heads a section of the article).
    let mut tally: HashMap<NodeId, (f64, usize, usize)> = candidates.iter().map(|id| (*id, (0.0, 0, 0))).collect();
    for ((b, chain), listed) in blocks.iter().zip(chains).zip(listed) {
        let len = b.text.len() as f64;
        let prose = b.text.len() >= 25 && b.link_chars * 3 < b.text.len() && !matches!(b.tag, "li" | "h1" | "h2");
        // Plain list items and subheadings are the article's too (a list of tips, a section's heading): they
        // neither add prose nor count against a wrapper, as links and short lines do; nor do the items of a
        // list the text introduces.
        let plain = *listed || b.link_chars * 2 < b.text.len() && matches!(b.tag, "li" | "h2" | "h3" | "h4");
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
        let chrome = doc.tree.get(*id).and_then(chrome_kind) == Some(Chrome::Section);
        if chrome || h_other > other {
            break;
        }
        if net > best_net * WIDEN_GAIN {
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
        let kind = *memo
            .entry(*id)
            .or_insert_with(|| doc.tree.get(*id).and_then(chrome_kind));
        match kind {
            Some(Chrome::Section) => return kind,
            Some(Chrome::Layout) => found = kind,
            None => {}
        }
    }
    found
}

#[cfg(test)]
#[path = "maintext_tests.rs"]
mod tests;
