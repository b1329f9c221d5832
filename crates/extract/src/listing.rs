//! The main content of a page that is a list of items rather than an article: a listing of jobs, homes,
//! headlines, products, posts. Such pages have little running prose, and what they have is often the
//! footer's; their content is a run of sibling elements made from one template (the same tag and class),
//! each an item with a link, a name and a few short lines. The container whose repeated children hold the
//! most text is the listing, and its items' lines are the page's main text.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{Html, Node};

use crate::boilerplate::classify;
use crate::maintext::Block;

/// Fewest sibling items that make a listing.
const MIN_ITEMS: usize = 3;
/// Least text, in bytes, an item holds on average.
const MIN_ITEM_TEXT: usize = 20;

/// Visible text bytes under each element (scripts, styles and templates not counted).
fn text_sizes(doc: &Html) -> HashMap<NodeId, usize> {
    let mut size: HashMap<NodeId, usize> = HashMap::new();
    let mut skip = 0usize;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e)
                    if skip > 0 || matches!(e.name(), "script" | "style" | "noscript" | "template" | "head") =>
                {
                    skip += 1;
                }
                Node::Text(t) if skip == 0 => {
                    if let Some(p) = n.parent() {
                        *size.entry(p.id()).or_default() += t.trim().len();
                    }
                }
                _ => {}
            },
            Edge::Close(n) => {
                if !n.value().is_element() {
                    continue;
                }
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let own = size.get(&n.id()).copied().unwrap_or(0);
                if let Some(p) = n.parent() {
                    *size.entry(p.id()).or_default() += own;
                }
            }
        }
    }
    size
}

/// The items of the page's largest listing: the children of one element that share a tag and class, at
/// least [`MIN_ITEMS`] of them, holding the most text together.
fn items(doc: &Html) -> Vec<NodeId> {
    let size = text_sizes(doc);
    let mut best: (usize, Vec<NodeId>) = (0, Vec::new());
    for node in doc.tree.nodes() {
        let Node::Element(e) = node.value() else { continue };
        if matches!(e.name(), "head" | "script" | "style" | "select" | "svg") {
            continue;
        }
        let mut groups: HashMap<(&str, &str), Vec<NodeId>> = HashMap::new();
        for child in node.children() {
            if let Node::Element(c) = child.value() {
                groups
                    .entry((c.name(), c.attr("class").unwrap_or("")))
                    .or_default()
                    .push(child.id());
            }
        }
        for ((tag, _), members) in groups {
            if members.len() < MIN_ITEMS || matches!(tag, "option" | "br" | "img" | "source" | "meta" | "link") {
                continue;
            }
            let total: usize = members.iter().map(|m| size.get(m).copied().unwrap_or(0)).sum();
            if total >= MIN_ITEM_TEXT * members.len() && total > best.0 {
                best = (total, members);
            }
        }
    }
    best.1
}

/// The lines of the page's largest listing, in order, from its text `blocks` (each with its chain of
/// ancestors); empty when the page has none.
pub(crate) fn listing_text(doc: &Html, blocks: &[Block], chains: &[Vec<NodeId>]) -> Vec<String> {
    let items: HashSet<NodeId> = items(doc).into_iter().collect();
    if items.is_empty() {
        return Vec::new();
    }
    blocks
        .iter()
        .zip(chains)
        .filter(|(_, chain)| chain.iter().any(|id| items.contains(id)))
        .filter(|(b, _)| classify(&b.text).is_none())
        .map(|(b, _)| b.text.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::html::parse;

    fn jobs_page(og_type: &str) -> String {
        let job = |n: usize| {
            format!(
                "<li class=\"job\"><a href=\"/jobs/{n}\"><h3>Software engineer {n}</h3></a> <span>Remote</span>\
                 <span>Full-time, $50,000 to $74,999</span></li>"
            )
        };
        let jobs: String = (1..=8).map(job).collect();
        format!(
            "<html><head><meta property=\"og:type\" content=\"{og_type}\"></head><body><h1>Programming jobs</h1>\
             <ul class=\"jobs\">{jobs}</ul><footer><p>Copyright 2025 Jobs Inc, all rights reserved.</p></footer></body></html>"
        )
    }

    #[test]
    fn a_listing_page_gives_its_items() {
        let d = parse(&jobs_page("website"), None);
        let text = d.paragraphs.join("\n");
        assert!(
            text.contains("Software engineer 1") && text.contains("Software engineer 8"),
            "{text}"
        );
        assert!(text.contains("Remote"), "{text}");
        assert!(!d.is_article);
    }

    #[test]
    fn a_page_declared_an_article_is_not_read_as_a_listing() {
        let d = parse(&jobs_page("article"), None);
        assert!(!d.paragraphs.join("\n").contains("Software engineer 8"));
    }
}
