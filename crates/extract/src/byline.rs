//! Who wrote an HTML page: the JSON-LD `author` (people, not the organisation that publishes), the author
//! meta tags, then the page itself — `rel=author` and `itemprop=author`, links to an author page
//! (`/author/…`), elements named for the author's name, and `By …` / `Written by …` / `Von …` lines.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

/// Most authors a page is given.
const MAX_AUTHORS: usize = 6;
/// More distinct names than this from one kind of element is a listing's or a thread's authors (each
/// teaser or post has its own), not the page's.
const MAX_FROM_PAGE: usize = 4;
/// Words of a label, never of a name (`Written By`, `Posted By Admin`).
const LABEL_WORDS: &[&str] = &[
    "written",
    "by",
    "author",
    "authors",
    "posted",
    "published",
    "updated",
    "editor",
    "editors",
    "team",
    "staff",
    "admin",
    "contributor",
    "reviewed",
    "medically",
    "fact",
    "checked",
    "read",
    "more",
    "about",
    "view",
    "all",
    "posts",
    "profile",
    "follow",
    "anonymous",
];
/// Longest name, in characters.
const MAX_NAME_CHARS: usize = 60;

/// Elements that carry an author's name, strongest first.
static AUTHOR_ELEMENTS: LazyLock<Vec<Selector>> = LazyLock::new(|| {
    [
        "[itemprop~=author] [itemprop~=name]",
        "[itemprop~=author]",
        "a[rel~=author]",
        "a[href*='/author/'], a[href*='/authors/'], a[href*='/autor/'], a[href*='/auteur/']",
        "[class*=author-name], [class*=authorName], [class*=author__name], [class*=AuthorName], [class*=byline__name], [class*=byline-name]",
    ]
    .iter()
    .filter_map(|s| Selector::parse(s).ok())
    .collect()
});

/// Lines that introduce the author.
static BY: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::re(r"^(?i:by|written by|words by|von|par|por|di|door|av|autor:?|author:?)\s+(.+)$"));

/// Short elements that may hold a `By …` line.
static BY_LINES: LazyLock<Option<Selector>> =
    LazyLock::new(|| Selector::parse("p, span, div, li, address, a, strong").ok());

/// A person's name as pages write it: two to five words, each starting with a capital, no digits.
fn person_name(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_matches(|c: char| c == ',' || c == '|' || c == '-' || c == '–' || c.is_whitespace());
    let words: Vec<&str> = s.split(' ').collect();
    let ok = (2..=5).contains(&words.len())
        && s.chars().count() <= MAX_NAME_CHARS
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '@' | '/' | ':' | '?' | '!'))
        && !words.iter().any(|w| LABEL_WORDS.contains(&w.to_lowercase().as_str()))
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "de" | "van" | "von" | "der" | "da" | "di" | "del" | "la" | "le" | "bin" | "al"
                )
        });
    ok.then(|| s.to_string())
}

/// Names in one credit: `A, B and C` → three.
fn split_names(s: &str) -> Vec<String> {
    s.split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .filter_map(person_name)
        .collect()
}

fn text_of(e: ElementRef<'_>) -> String {
    e.text().collect::<Vec<_>>().join(" ")
}

/// The authors a page names, in the order it names them.
pub(crate) fn authors(doc: &Html, ld: &[Value], meta: &HashMap<String, String>, site: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let push = |out: &mut Vec<String>, n: String| {
        let publisher = site.is_some_and(|s| s.eq_ignore_ascii_case(&n));
        if !n.is_empty() && !n.starts_with("http") && !publisher && !out.contains(&n) && out.len() < MAX_AUTHORS {
            out.push(n);
        }
    };
    for obj in ld {
        let list = match obj.get("author") {
            Some(Value::Array(items)) => items.clone(),
            Some(v) => vec![v.clone()],
            None => continue,
        };
        for a in list {
            let name = match &a {
                Value::String(s) => Some(s.clone()),
                // The organisation that publishes is no author.
                Value::Object(m) if m.get("@type").and_then(Value::as_str) == Some("Organization") => None,
                Value::Object(m) => m.get("name").and_then(Value::as_str).map(str::to_string),
                _ => None,
            };
            if let Some(n) = name {
                push(&mut out, n.trim().to_string());
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    for key in [
        "author",
        "article:author",
        "dc.creator",
        "byl",
        "parsely-author",
        "sailthru.author",
    ] {
        if let Some(v) = meta.get(key) {
            let v = v.trim_start_matches("By ").trim_start_matches("by ").trim();
            push(&mut out, v.to_string());
            if !out.is_empty() {
                return out;
            }
        }
    }
    for selector in AUTHOR_ELEMENTS.iter() {
        let mut names: Vec<String> = Vec::new();
        for e in doc.select(selector).take(50) {
            let text = text_of(e);
            let text = BY
                .captures(text.trim())
                .and_then(|c| c.get(1))
                .map_or(text.clone(), |m| m.as_str().to_string());
            for n in split_names(&text) {
                if !names.contains(&n) {
                    names.push(n);
                }
            }
        }
        if names.len() > MAX_FROM_PAGE {
            continue;
        }
        for n in names {
            push(&mut out, n);
        }
        if !out.is_empty() {
            return out;
        }
    }
    if let Some(lines) = BY_LINES.as_ref() {
        for e in doc.select(lines).take(4000) {
            // Only an element's own short line, not a container's text.
            if e.children().any(|c| {
                c.value().is_element()
                    && !matches!(
                        c.value().as_element().map(|x| x.name()),
                        Some("a" | "span" | "strong" | "b")
                    )
            }) {
                continue;
            }
            let text = text_of(e);
            let text = text.trim();
            if text.len() > 80 {
                continue;
            }
            if let Some(names) = BY.captures(text).and_then(|c| c.get(1)) {
                for n in split_names(names.as_str()) {
                    push(&mut out, n);
                }
                if !out.is_empty() {
                    return out;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(html: &str) -> Vec<String> {
        authors(&Html::parse_document(html), &[], &HashMap::new(), Some("Gazette"))
    }

    #[test]
    fn the_page_names_its_authors() {
        assert_eq!(found(r#"<a rel="author" href="/u/1">Jane Roe</a>"#), ["Jane Roe"]);
        assert_eq!(
            found(r#"<div class="author-name">Stephen Jesudunsin</div>"#),
            ["Stephen Jesudunsin"]
        );
        assert_eq!(
            found(r#"<span><a href="/authors/trevor-jackins">Trevor Jackins</a></span>"#),
            ["Trevor Jackins"]
        );
        assert_eq!(found("<p>By Ana Lopez and Tom Berg</p>"), ["Ana Lopez", "Tom Berg"]);
        assert_eq!(found("<p>Von Katrin Schmidt</p>"), ["Katrin Schmidt"]);
        assert!(found("<p>By the way, this is not a byline at all.</p>").is_empty());
        assert!(found(r#"<a rel="author" href="/x">Gazette</a>"#).is_empty());
    }

    #[test]
    fn the_publisher_is_no_author() {
        let ld =
            [serde_json::json!({"@type": "Article", "author": {"@type": "Organization", "name": "Cleveland Clinic"}})];
        let doc = Html::parse_document(r#"<div class="author-name">Holly Wilgus</div>"#);
        assert_eq!(authors(&doc, &ld, &HashMap::new(), None), ["Holly Wilgus"]);
    }
}
