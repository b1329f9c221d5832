//! Who wrote an HTML page: the JSON-LD `author` (people, also by `@id` reference; not the organisation that
//! publishes), the author meta tags (a login handle only when nothing better), then the page itself —
//! `rel=author` and `itemprop=author`, links to an author page (`/author/…`), elements named for the author
//! and author boxes (outside comments and teasers), an attribute that holds the author, a forum thread's
//! starter, and `By …` / `Written by …` / `Von …` lines or labels. The publisher's own name given as the
//! author stands only when it is a person's (a personal site's) and the page names no one else; an outlet's
//! or a brand's is no author.

use std::collections::HashMap;
use std::sync::LazyLock;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

/// Most authors a page is given.
const MAX_AUTHORS: usize = 6;
/// More distinct names than this from one kind of element is a listing's or a thread's authors (each
/// teaser or post has its own), not the page's.
const MAX_FROM_PAGE: usize = 4;
/// More distinct names than this from elements merely named for an author is a thread's or a listing's.
const LOOSE_MAX: usize = 2;
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
    // A newsroom credited as a whole (`Redacción`, `Redazione`).
    "newsroom",
    "redaccion",
    "redacción",
    "redazione",
    "rédaction",
    "redaktion",
];
/// Longest text of an author box (name, role, a short bio), in characters.
const MAX_BOX_CHARS: usize = 600;
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
        "[class*=author], [class*=Author], [id*=author], [class*=byline]",
    ]
    .iter()
    .filter_map(|s| Selector::parse(s).ok())
    .collect()
});

/// How many of [`AUTHOR_ELEMENTS`], first, are microdata.
const MICRODATA: usize = 2;
/// How many of [`AUTHOR_ELEMENTS`], first, say outright that they hold the author: microdata, `rel=author`
/// and links to an author's page.
const OUTRIGHT: usize = 4;

/// Lines that introduce the author.
static BY: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::re(
        r"^(?i:by|written by|words by|posted by|article by|text by|story by|von|par|por|di|door|av|autor|author)(?:\s*:)?\s+(.+)$",
    )
});

/// A label alone, its name in the element after it (`<div>Written by</div><div>Jack Shepherd</div>`).
static BY_LABEL: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::re(r"^(?i:by|written by|words by|posted by|article by|text by|story by|von|autor|author)\s*:?$")
});

/// The label forums give a thread's starter, alone in its element, the name in the next one.
static STARTER_LABEL: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::re(r"^(?i:thread starter|topic author|original poster|started by)\s*:?$"));

/// `… started by pelex, Nov 3, 2024`: a thread's starter in a line.
static STARTED_BY: LazyLock<regex::Regex> = LazyLock::new(|| crate::re(r"(?i)\bstarted by\s+([^,]+)"));

/// A forum's name for a member, handle or not (`pelex`, `Pippin06`, `Mod Sharon`): one to four words, no
/// label's word.
fn handle_name(s: &str) -> Option<String> {
    // The name before a separator (`longshot · 03/03/2026`, `pcurry – pcurry`), without an avatar's
    // initial after it (`Ejp55230 E`).
    let s = s.split(['·', '–', '—', '|', '•']).next().unwrap_or_default();
    let mut words: Vec<&str> = s.split_whitespace().collect();
    if words.len() >= 2 && words.last().is_some_and(|w| w.chars().count() == 1) {
        words.pop();
    }
    let s = words.join(" ");
    let ok = (1..=4).contains(&words.len())
        && s.chars().count() <= 40
        && !words.iter().any(|w| LABEL_WORDS.contains(&w.to_lowercase().as_str()));
    ok.then_some(s)
}

/// Elements that keep an author's name in an attribute.
static AUTHOR_ATTRIBUTES: LazyLock<Option<Selector>> =
    LazyLock::new(|| Selector::parse("[data-author-username], [data-author], [author]").ok());

/// Elements forum software names for a member's name.
static USERNAMES: LazyLock<Option<Selector>> =
    LazyLock::new(|| Selector::parse(".username, .bigusername, .user-name, .PostUser-name").ok());

/// Short elements that may hold a `By …` line.
static BY_LINES: LazyLock<Option<Selector>> =
    LazyLock::new(|| Selector::parse("p, span, div, li, address, a, strong, small, h2, h3, h4, h5, h6, dt").ok());

/// A person's name as pages write it: two to five words, each starting with a capital, no digits.
fn person_name(s: &str) -> Option<String> {
    let s = crate::squash(s);
    let s = s.trim_matches(|c: char| c == ',' || c == '|' || c == '-' || c == '–' || c.is_whitespace());
    let words: Vec<&str> = s.split(' ').collect();
    let ok = (2..=5).contains(&words.len())
        && s.chars().count() <= MAX_NAME_CHARS
        && !s
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, '@' | '/' | ':' | '?' | '!'))
        && !words.iter().enumerate().any(|(i, w)| {
            let w = w.to_lowercase();
            // A team signs as one (`Workzone Team`, `Podium Staff`); `Staff Writer` is a role.
            let team = matches!(w.as_str(), "team" | "staff") && i > 0 && i + 1 == words.len();
            LABEL_WORDS.contains(&w.as_str()) && !team
        })
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                || matches!(
                    *w,
                    "de" | "van" | "von" | "der" | "da" | "di" | "del" | "la" | "le" | "bin" | "al"
                )
        });
    ok.then(|| s.to_string())
}

/// Names in one credit: `A, B and C` → three. A credit run into other parts of a byline by a separator
/// (`Haley Hoekstra • March 12, 2025`, `Dec. 19, 2025 · Niko Matsakis`) gives the names of its first part
/// that has any.
fn split_names(s: &str) -> Vec<String> {
    s.split(['•', '·', '|', '—', '–'])
        .flat_map(|part| part.split(" - "))
        .map(|part| {
            part.split([',', ';', '&'])
                .flat_map(|p| p.split(" and "))
                .filter_map(person_name)
                .collect::<Vec<String>>()
        })
        .find(|names| !names.is_empty())
        .unwrap_or_default()
}

/// A class or id naming the author (`author`, `post-author`, `author_cont`, `byline`), not a word that
/// holds it (`authorization`, `authorities`).
static AUTHOR_NAME: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::re(r"(?i)(^|[^a-z])(author|authors|authorname|authorbox|byline)([^a-z]|$)"));

/// Names of the blocks whose authors are not the page's: comments, reviews, replies, teasers.
static OTHERS: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::re(r"(?i)comment|review|reply|replies|related|recommend|sidebar|widget|footer|testimonial")
});

/// Whether an element's class or id matches `name`.
fn named(e: &scraper::node::Element, name: &regex::Regex) -> bool {
    e.attr("class").is_some_and(|c| name.is_match(c)) || e.attr("id").is_some_and(|c| name.is_match(c))
}

/// Whether an element's class or id names the author.
fn names_author(e: &scraper::node::Element) -> bool {
    named(e, &AUTHOR_NAME)
}

/// Whether an element's class or id names a block of other people's words (comments, reviews, teasers).
fn others(e: &scraper::node::Element) -> bool {
    named(e, &OTHERS)
}

/// The text of the element after `e`: a label's value (`Written by` then `Jack Shepherd`).
fn next_text(e: ElementRef<'_>) -> Option<String> {
    e.next_siblings().find_map(ElementRef::wrap).map(text_of)
}

/// Whether `e` lies in the same block as `first`: they share an ancestor at most three levels up.
fn same_block(first: ElementRef<'_>, e: ElementRef<'_>) -> bool {
    let near: Vec<_> = first.ancestors().take(3).map(|a| a.id()).collect();
    e.ancestors().take(3).any(|a| near.contains(&a.id()))
}

/// The short lines an element shows, for the first that is a name: the text of its descendants that hold
/// no element (an author box's name, role and bio lines: `Luke Kim`, then its date), then of those that
/// hold only inline ones, then its whole text when short; none for a block longer than an author box.
fn own_lines(e: ElementRef<'_>) -> Vec<String> {
    let text = text_of(e);
    let chars = text.trim().chars().count();
    // A box with a name, a role and a short bio; not a page's wrapper that happens to be named so.
    if chars > MAX_BOX_CHARS {
        return Vec::new();
    }
    // The innermost lines first (a name apart from the role beside it: `Harry Rabinowitz` before
    // `Harry Rabinowitz Tech Reporter`), then lines made of inline pieces, then the whole.
    let leaves = own_descendant_lines(e).filter(|(_, leaf)| *leaf).map(|(t, _)| t);
    // Lines parted by breaks (`<p class="author">Andrew Gerrand<br>4 August 2010</p>`).
    let broken = e
        .descendants()
        .filter_map(|n| n.value().as_text().map(|t| t.trim().to_string()))
        .filter(|t| !t.is_empty() && t.chars().count() <= MAX_NAME_CHARS)
        .take(20);
    let inline = own_descendant_lines(e).filter(|(_, leaf)| !*leaf).map(|(t, _)| t);
    let whole = (chars <= MAX_NAME_CHARS).then_some(text);
    leaves.chain(broken).chain(inline).chain(whole).collect()
}

/// The text of each of `e`'s descendants that holds no block of its own, in order (`e` itself among them),
/// and whether it holds no element at all.
fn own_descendant_lines<'a>(e: ElementRef<'a>) -> impl Iterator<Item = (String, bool)> + 'a {
    e.descendants()
        .filter_map(ElementRef::wrap)
        .filter(|d| {
            d.children()
                .all(|c| !c.value().is_element() || inline(c.value().as_element()))
        })
        .map(|d| (text_of(d), !d.children().any(|c| c.value().is_element())))
        .filter(|(t, _)| !t.trim().is_empty() && t.trim().chars().count() <= MAX_NAME_CHARS)
        .take(20)
}

/// Whether an element is inline text (a link, emphasis), not a block.
fn inline(e: Option<&scraper::node::Element>) -> bool {
    matches!(e.map(|x| x.name()), Some("a" | "span" | "strong" | "b" | "em" | "i"))
}

fn text_of(e: ElementRef<'_>) -> String {
    e.text().collect::<Vec<_>>().join(" ")
}

/// The authors a page names, in the order it names them.
pub(crate) fn authors(doc: &Html, ld: &[Value], meta: &HashMap<String, String>, site: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // Handles (`andrew.keaveney`, `kffnirmitap`), template slots (`page.head.extra.author`) and the
    // publisher's own name: kept only when the page names no one better.
    let mut stand_ins: Vec<String> = Vec::new();
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
                // A person, even of the same name as the site (a personal blog's).
                Value::Object(m) if m.get("@type").and_then(Value::as_str) == Some("Person") => {
                    match m.get("name").and_then(Value::as_str).map(str::trim) {
                        Some(n) if !n.is_empty() && !is_handle(n) && !out.iter().any(|o| o == n) => {
                            if out.len() < MAX_AUTHORS {
                                out.push(n.to_string());
                            }
                            None
                        }
                        other => other.map(str::to_string),
                    }
                }
                Value::Object(m) => m.get("name").and_then(Value::as_str).map(str::to_string),
                _ => None,
            };
            if let Some(n) = name {
                push(&mut out, &mut stand_ins, site, n.trim().to_string());
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
            let v = BY
                .captures(v.trim())
                .and_then(|c| c.get(1))
                .map_or(v.trim(), |m| m.as_str().trim());
            push(&mut out, &mut stand_ins, site, v.to_string());
            if !out.is_empty() {
                return out;
            }
        }
    }
    for (k, selector) in AUTHOR_ELEMENTS.iter().enumerate() {
        // The last, loosest selector (any element named for the author) is not read inside comments,
        // reviews or teasers. Past the microdata (which names the author outright), an element is read line
        // by line, its first line that is a name kept: `Harry Rabinowitz`, not the role run into it.
        let loose = k + 1 == AUTHOR_ELEMENTS.len();
        // Each element that names someone, with the names, in page order.
        let mut named: Vec<(ElementRef<'_>, Vec<String>)> = Vec::new();
        for e in doc.select(selector).take(50) {
            if loose
                && (!names_author(e.value()) || e.ancestors().filter_map(ElementRef::wrap).any(|a| others(a.value())))
            {
                continue;
            }
            let texts = if k >= MICRODATA { own_lines(e) } else { vec![text_of(e)] };
            let found = texts.iter().find_map(|text| {
                let text = BY
                    .captures(text.trim())
                    .and_then(|c| c.get(1))
                    .map_or(text.as_str(), |m| m.as_str());
                let names = split_names(text);
                // Microdata, `rel=author` and a link to the author's page say outright that it is the
                // author: a member's handle or a name of one word counts (`JosephF`, `Amanda`).
                let names = if names.is_empty() && k < OUTRIGHT {
                    handle_name(text).into_iter().collect()
                } else {
                    names
                };
                Some(names).filter(|n| !n.is_empty())
            });
            if let Some(found) = found {
                named.push((e, found));
            }
        }
        let mut distinct: Vec<&String> = named.iter().flat_map(|(_, n)| n).collect();
        distinct.sort();
        distinct.dedup();
        // A page of many people's names (a thread, a listing) names no one author.
        if distinct.len() > if loose { LOOSE_MAX } else { MAX_FROM_PAGE } {
            continue;
        }
        // The first element's names, and others' inside the same block (a byline of several names), not
        // the teasers' and comments' names further down.
        if let Some(&(first, _)) = named.first() {
            for (_, found) in named.iter().filter(|(e, _)| same_block(first, *e)) {
                for n in found {
                    push(&mut out, &mut stand_ins, site, n.clone());
                }
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    // An author kept in an attribute (`data-author-username="drat"`, `<shreddit-post author="…">`): the
    // page's first.
    if let Some(sel) = AUTHOR_ATTRIBUTES.as_ref() {
        let first = doc.select(sel).next().and_then(|e| {
            let e = e.value();
            ["data-author-username", "data-author", "author"]
                .iter()
                .find_map(|a| e.attr(a))
                .filter(|v| !v.starts_with("http"))
                .and_then(handle_name)
        });
        if let Some(n) = first {
            push(&mut out, &mut stand_ins, site, n);
            if !out.is_empty() {
                return out;
            }
        }
    }
    // A forum's member names (`class="username"`): the first post's, outside quoted replies and reviews.
    if let Some(sel) = USERNAMES.as_ref() {
        let first = doc
            .select(sel)
            .find(|e| !e.ancestors().filter_map(ElementRef::wrap).any(|a| others(a.value())))
            .and_then(|e| handle_name(&text_of(e)));
        if let Some(n) = first {
            out.push(n);
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
            if BY_LABEL.is_match(text) {
                for n in next_text(e).map(|t| split_names(&t)).unwrap_or_default() {
                    push(&mut out, &mut stand_ins, site, n);
                }
                if !out.is_empty() {
                    return out;
                }
            }
            // A thread's starter, by the label forums give it: the name that follows, handle or not.
            let started = if STARTER_LABEL.is_match(text) {
                next_text(e)
            } else {
                STARTED_BY
                    .captures(text)
                    .and_then(|c| c.get(1))
                    .map(|m| m.as_str().to_string())
            };
            if let Some(n) = started.as_deref().and_then(handle_name) {
                // A handle is the name here, not a stand-in for a better one.
                out.push(n);
                return out;
            }
            // A heading's bare `By …` is a menu's (`By Event Type`); `Written by …` names an author there too.
            let heading = matches!(e.value().name(), "h2" | "h3" | "h4" | "h5" | "h6");
            let bare = text.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by "));
            if let Some(names) = BY.captures(text).and_then(|c| c.get(1)).filter(|_| !(heading && bare)) {
                for n in split_names(names.as_str()) {
                    push(&mut out, &mut stand_ins, site, n);
                }
                if !out.is_empty() {
                    return out;
                }
            }
        }
    }
    if out.is_empty() {
        stand_ins.truncate(1);
        return stand_ins;
    }
    out
}

/// Adds a name to the authors found, unless it is no name; a handle (see [`is_handle`]) goes to
/// `stand_ins`, kept only when the page names no one else, and so does the publisher's name when it is a
/// person's (a personal site's: `Cory Dransfeldt` on Cory Dransfeldt's blog); an outlet's is no author.
fn push(out: &mut Vec<String>, stand_ins: &mut Vec<String>, site: Option<&str>, n: String) {
    if no_name(&n) || n.starts_with("http") || out.contains(&n) || out.len() >= MAX_AUTHORS {
        return;
    }
    let publisher = site.is_some_and(|s| s.eq_ignore_ascii_case(&n));
    if !is_handle(&n) && !publisher {
        out.push(n);
    } else if (!publisher || personal(&n)) && !stand_ins.contains(&n) {
        stand_ins.push(n);
    }
}

/// Words of an outlet's or a business's name, never of a person's (`BBC News`, `Help Net Security`).
const OUTLET_WORDS: &[&str] = &[
    "news", "post", "times", "daily", "journal", "press", "media", "magazine", "agency", "blog", "blogs", "store",
    "shop", "team", "group", "online", "network", "radio", "channel", "security", "travel", "expert", "official",
    "company", "services", "studio", "care", "social", "review", "tribune", "herald", "gazette", "weekly",
];

/// Whether a site's name reads as a person's (a personal site's: `Cory Dransfeldt`), not an outlet's or a
/// brand's (`BBC News`, `Agenzia ANSA`, `The Frontier Post`, `Swoogo`): two or three capitalised words in
/// lower case after their first letter, none an outlet's word or a determiner.
fn personal(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    (2..=3).contains(&words.len())
        && !matches!(
            words[0].to_lowercase().as_str(),
            "the" | "a" | "an" | "your" | "our" | "my"
        )
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().any(char::is_lowercase)
                && w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
                && !OUTLET_WORDS.contains(&w.to_lowercase().as_str())
        })
}

/// Whether a value is no one's name: a site's address, a label's word alone (`Admin`, `Redacción`), without
/// letters (`262588213843476`) or a script's unset value (`undefined`, `null`). (A user name that looks
/// like an id, `3d23d65-ddc6-4ce5`, is still one.)
fn no_name(n: &str) -> bool {
    // A site's address (`ElVallenc.cat`, `a1plus.am`, `ETMarkets.com`) names no one; a handle with dots
    // (`sara.r.peter`) or an address to write to still does.
    let domain = !n.contains(['@', ' '])
        && n.rsplit_once('.').is_some_and(|(head, tld)| {
            !head.is_empty()
                && (tld.len() == 2 && tld.chars().all(|c| c.is_ascii_lowercase())
                    || matches!(tld, "com" | "net" | "org" | "info" | "cat" | "news" | "blog"))
        });
    domain
        || LABEL_WORDS.contains(&n.trim().to_lowercase().as_str())
        || !n.contains(char::is_alphabetic)
        || ["undefined", "null", "none", "nan"]
            .iter()
            .any(|w| n.eq_ignore_ascii_case(w))
}

/// Whether a name from the metadata is a login handle or a template's slot rather than a name: one word
/// with a dot, an underscore or a digit in it, or all in lower case.
fn is_handle(n: &str) -> bool {
    !n.contains(char::is_whitespace)
        && (n.contains(['.', '_']) || n.contains(|c: char| c.is_ascii_digit()) || !n.contains(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(html: &str) -> Vec<String> {
        authors(&Html::parse_document(html), &[], &HashMap::new(), Some("Gazette"))
    }

    #[test]
    fn ids_and_unset_values_are_no_names() {
        for junk in ["undefined", "262588213843476", "", "—"] {
            assert!(no_name(junk), "{junk}");
        }
        for name in ["Jane Roe", "ggailey777", "Ejp55230", "Zoë", "3d23d65-ddc6-4ce5"] {
            assert!(!no_name(name), "{name}");
        }
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
        // The publisher credited alone is no author (an outlet's name), beside a person the person.
        assert!(found(r#"<a rel="author" href="/x">Gazette</a>"#).is_empty());
        assert_eq!(
            found(r#"<a rel="author" href="/x">Gazette</a> <p>By Ana Lopez</p>"#),
            ["Ana Lopez"]
        );
    }

    #[test]
    fn author_boxes_name_the_author_and_threads_name_no_one() {
        // An element named for the author holding a box: its first line that is a name.
        let html = r#"<div class="elementor-author-box"><img alt="x"><div class="elementor-author-box__text">
            <h4 class="elementor-author-box__name"> Liz Kenny </h4><p>Liz writes about consulting careers and
            the case interviews that lead to them, having coached candidates for ten years.</p></div></div>"#;
        assert_eq!(found(html), ["Liz Kenny"]);
        assert_eq!(
            found(r#"<span class="post-hero__author">Lisa Pham</span>"#),
            ["Lisa Pham"]
        );
        // Not a word that merely holds `author`, nor the authors of comments.
        assert!(found(r#"<div class="authorization">Sign In</div>"#).is_empty());
        assert!(found(r#"<ol class="comment-list"><li><span class="author">Tom Keller</span></li></ol>"#).is_empty());
        // Many people's names from such elements are a thread's posts.
        let thread = r#"<div class="post"><span class="author">Ed Selley</span></div>
            <div class="post"><span class="author">Chris Hall</span></div>
            <div class="post"><span class="author">Joe Carter</span></div>"#;
        assert!(found(thread).is_empty());
    }

    #[test]
    fn handles_in_the_metadata_give_way_to_the_page_s_names() {
        let meta = HashMap::from([("author".to_string(), "andrew.keaveney".to_string())]);
        let doc = Html::parse_document(r#"<span class="byline-name">Denise Everheart</span>"#);
        assert_eq!(authors(&doc, &[], &meta, None), ["Denise Everheart"]);
        // Alone, the handle is what there is.
        assert_eq!(
            authors(&Html::parse_document("<p>Hi</p>"), &[], &meta, None),
            ["andrew.keaveney"]
        );
    }

    #[test]
    fn bylines_as_pages_write_them() {
        // A credit run into its date by a separator.
        let dated =
            r#"<div class="post-detail-byline-date">By Haley Hoekstra &bull; <span>March 12, 2025</span></div>"#;
        assert_eq!(found(dated), ["Haley Hoekstra"]);
        // Lines parted by a break.
        assert_eq!(
            found(r#"<p class="author">Andrew Gerrand<br>4 August 2010</p>"#),
            ["Andrew Gerrand"]
        );
        // A heading that labels the name after it, or credits it.
        assert_eq!(
            found("<div><h3>Author</h3><p>  Lisa D. Ellis</p></div>"),
            ["Lisa D. Ellis"]
        );
        assert_eq!(
            found("<h3>Written by Cassidy Horton</h3><p>Cassidy Horton is a writer.</p>"),
            ["Cassidy Horton"]
        );
        // A menu's heading is no credit.
        assert!(found("<nav><h4>By Event Type</h4><ul><li>Conferences</li></ul></nav>").is_empty());
        // A link to the author's page names them in one word too.
        assert_eq!(
            found(r#"<p>by <a href="/author/amanda/">Amanda</a> · Dec 20, 2025</p>"#),
            ["Amanda"]
        );
        // A team signs as one; a role is no name.
        assert_eq!(found(r#"<p class="authorName">Podium Staff</p>"#), ["Podium Staff"]);
        assert!(found("<p>By Staff Writer</p>").is_empty());
    }

    #[test]
    fn the_publishers_name_is_the_author_only_when_the_page_names_no_one_else() {
        let meta = HashMap::from([("author".to_string(), "Cory Dransfeldt".to_string())]);
        let site = Some("Cory Dransfeldt");
        let alone = Html::parse_document("<p>Hi</p>");
        assert_eq!(authors(&alone, &[], &meta, site), ["Cory Dransfeldt"]);
        let named = Html::parse_document(r#"<span class="byline-name">Meaghan Weeden</span>"#);
        assert_eq!(authors(&named, &[], &meta, site), ["Meaghan Weeden"]);
        // An outlet's name, an address or a newsroom is no author, alone or not.
        let outlet = HashMap::from([("author".to_string(), "BBC News".to_string())]);
        assert!(authors(&alone, &[], &outlet, Some("BBC News")).is_empty());
        for credit in ["ElVallenc.cat", "Redacción", "ETMarkets.com"] {
            let meta = HashMap::from([("author".to_string(), credit.to_string())]);
            assert!(authors(&alone, &[], &meta, None).is_empty(), "{credit}");
        }
        // A handle with dots is still someone's.
        let handle = HashMap::from([("author".to_string(), "sara.r.peter".to_string())]);
        assert_eq!(authors(&alone, &[], &handle, None), ["sara.r.peter"]);
    }

    #[test]
    fn labels_before_names_and_people_named_like_their_site() {
        assert_eq!(found("<p>by: Ziyi Xu, Dec 17, 2025</p>"), ["Ziyi Xu"]);
        assert_eq!(
            found("<div><div>Written by</div><div>Jack Shepherd</div><div>Hi! I am Jack.</div></div>"),
            ["Jack Shepherd"]
        );
        // A person the JSON-LD names is the author even when the blog is named for them.
        let ld = [serde_json::json!({"@type": "Article", "author": [{"@type": "Person", "name": "Russell Miller"}]})];
        let doc = Html::parse_document("<p>Hi</p>");
        assert_eq!(
            authors(&doc, &ld, &HashMap::new(), Some("Russell Miller")),
            ["Russell Miller"]
        );
    }

    #[test]
    fn a_thread_s_starter_is_its_author() {
        let xenforo = r#"<ul><li><i class="fa-user"></i><span class="u-srOnly">Thread starter</span>
            <a href="/members/pippin06.26211932/" class="username">Pippin06</a></li></ul>"#;
        assert_eq!(found(xenforo), ["Pippin06"]);
        let started = r#"<p id="pageDescription">Discussion in '<a href="/f/65">Hosting Advice</a>' started by
            <a href="/members/pelex.1378134/">pelex</a>, Nov 3, 2024.</p>"#;
        assert_eq!(found(started), ["pelex"]);
        let phpbb = r#"<div class="post"><a href="./memberlist.php?u=1" class="username">b.scherer</a></div>
            <div class="post"><a href="./memberlist.php?u=2" class="username">galitsyn</a></div>"#;
        assert_eq!(found(phpbb), ["b.scherer"]);
        let microdata = r#"<div itemprop="author" itemscope><span itemprop="name">JosephF</span></div>"#;
        assert_eq!(found(microdata), ["JosephF"]);
        let question = r#"<div class="question" data-questionid="964" data-author-username="drat">Q</div>"#;
        assert_eq!(found(question), ["drat"]);
    }

    #[test]
    fn text_by_lines_and_an_author_box_s_first_name() {
        assert_eq!(
            found(r#"<div class="attribution">Text by <a href="/contributor/hunter-dukes/">Hunter Dukes</a></div>"#),
            ["Hunter Dukes"]
        );
        let boxed = r#"<div class="resource-author-details"><p>Luke Kim</p><small>December 17, 2025</small></div>"#;
        assert_eq!(found(boxed), ["Luke Kim"]);
    }

    #[test]
    fn names_apart_from_roles_and_handles_apart_from_their_trim() {
        let role = r#"<div class="author-name"><a href="/u/h">Harry Rabinowitz</a> <span>Tech Reporter</span></div>"#;
        assert_eq!(found(role), ["Harry Rabinowitz"]);
        let handle =
            r#"<span class="u-srOnly">Thread starter</span><a class="username">longshot · 03/03/2026 20:53</a>"#;
        assert_eq!(found(&format!("<div>{handle}</div>")), ["longshot"]);
    }

    #[test]
    fn the_publisher_is_no_author() {
        let ld =
            [serde_json::json!({"@type": "Article", "author": {"@type": "Organization", "name": "Cleveland Clinic"}})];
        let doc = Html::parse_document(r#"<div class="author-name">Holly Wilgus</div>"#);
        assert_eq!(authors(&doc, &ld, &HashMap::new(), None), ["Holly Wilgus"]);
    }
}
