//! What is not the article, line by line: site chrome that scraping leaves in the text. Each rule is a
//! shape that holds across sites (UI phrases in several languages, glued icon names, counters, player
//! timestamps, credits, contact blocks, social and login prompts), never a rule for one site.

use std::sync::LazyLock;

use regex::Regex;

use crate::re;

/// Whole lines that are interface text on news sites, lower case, punctuation-trimmed.
const UI_LINES: &[&str] = &[
    // navigation and chrome
    "skip to main content",
    "skip to content",
    "skip to navigation",
    "jump to content",
    "main menu",
    "menu",
    "search",
    "home",
    "close",
    "back to top",
    "top",
    "next",
    "previous",
    "next article",
    "previous article",
    "all news",
    "latest news",
    "news feed",
    "more news",
    "most read",
    "most popular",
    "popular",
    "trending",
    "related",
    "related news",
    "related articles",
    "related stories",
    "read more",
    "read also",
    "see also",
    "also read",
    "more on this topic",
    "tags",
    "topics",
    "categories",
    // ads and media
    "advertisement",
    "advert",
    "advertising",
    "ad",
    "sponsored",
    "sponsored content",
    "promoted",
    "live",
    "live broadcast",
    "live tv",
    "watch live",
    "live updates",
    "video",
    "videos",
    "photo",
    "photos",
    "gallery",
    "podcast",
    "podcasts",
    "listen",
    "listen to this article",
    "text to speech",
    "play",
    "pause",
    "audio",
    // toggles and tools
    "on",
    "off",
    "select important",
    "font size",
    "print",
    "copy link",
    "link copied",
    "copied",
    "bookmark",
    "save",
    "add to favorites",
    "loading",
    "load more",
    "show more",
    "show comments",
    "hide",
    // sharing, social, subscriptions
    "share",
    "share this",
    "share this article",
    "share on facebook",
    "share on twitter",
    "tweet",
    "email",
    "e-mail",
    "follow us",
    "follow us on social",
    "follow us on social media",
    "stay in touch with us",
    "subscribe",
    "subscribe now",
    "newsletter",
    "sign up for our newsletter",
    "join us on telegram",
    // accounts and site furniture
    "sign in",
    "sign up",
    "log in",
    "login",
    "log out",
    "register",
    "my account",
    "comments",
    "leave a comment",
    "add comment",
    "source link",
    "contact us",
    "about us",
    "privacy policy",
    "terms of use",
    "cookie settings",
    "accept cookies",
    "all rights reserved",
    // other languages: Russian, Ukrainian, Polish, German, French, Spanish
    "озвучить текст",
    "озвучить",
    "слушать",
    "прослушать",
    "прослушать новость",
    "все новости",
    "реклама",
    "поделиться",
    "читать также",
    "читайте также",
    "главное",
    "подписаться",
    "прямой эфир",
    "новости",
    "озвучити текст",
    "слухати",
    "прослухати",
    "усі новини",
    "всі новини",
    "читайте також",
    "поділитися",
    "posłuchaj",
    "odsłuchaj",
    "czytaj także",
    "czytaj też",
    "udostępnij",
    "reklama",
    "wszystkie wiadomości",
    "vorlesen",
    "artikel anhören",
    "anhören",
    "werbung",
    "anzeige",
    "teilen",
    "mehr zum thema",
    "écouter",
    "écouter l'article",
    "publicité",
    "partager",
    "lire aussi",
    "escuchar",
    "escuchar noticia",
    "publicidad",
    "compartir",
    "lee también",
];

/// Names of social networks: a line made only of these is a share bar.
const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "telegram",
    "vk",
    "vkontakte",
    "whatsapp",
    "viber",
    "linkedin",
    "instagram",
    "youtube",
    "tiktok",
    "reddit",
    "pinterest",
    "ok",
    "odnoklassniki",
    "email",
    "e-mail",
    "print",
    "rss",
    "threads",
    "bluesky",
    "mastodon",
    "flipboard",
    "messenger",
    "copy",
    "link",
];

/// Words of icon sets and player controls, which scraped pages glue together (`chevron downicon close`).
const UI_WORDS: &[&str] = &[
    "icon", "chevron", "bookmark", "camera", "check", "close", "download", "edit", "expand", "compress", "file",
    "filter", "flag", "mail", "move", "music", "muted", "pause", "play", "search", "share", "sign", "swipe", "tag",
    "tags", "trash", "arrow", "menu", "burger", "user", "left", "right", "up", "down", "full",
];

static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:\d{1,7}|\d{1,2}:\d{1,2}(?::\d{1,2})?|\d+\s*(?:views?|comments?|shares?|likes?|просмотр\w*|коммент\w*)|(?:image|photo|slide|picture)?\s*\d{1,3} (?:of|/) \d{1,3})$",
    )
});
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:photo|photos|image|picture|pic|illustration|credit|credits|video|фото|фото:|світлина|zdjęcie|fot\.|foto|bild|crédit|imagen|©|\(c\)|copyright)\s*(?::|©|/|by\b|-)",
    )
});
static EMAIL: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\[email[\s\u{a0}]*protected\]|[\w.+-]+@[\w-]+\.[\w.]+"));
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:(?:tel|phone|fax|тел)\.?:?\s*)?[+(]?\d[\d\s().-]{5,}\d$"));
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^\d[\w/-]*\s+(?:[\w.'-]+\s+){0,3}(?:avenue|ave|street|st|road|rd|boulevard|blvd|lane|ln|drive|dr|way|square|sq|place|pl|highway|hwy|court|ct|parkway|pkwy|terrace|crescent|close)\.?,?(?:\s.*)?$",
    )
});
static PROMPT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:you (?:don't|do not) have permission\b|you (?:must|need to) (?:be )?(?:log|sign)|please (?:log|sign) in|(?:log|sign) in to\b|follow us on\b|join us on\b|subscribe to (?:our|the)\b|sign up (?:for|to)\b|download (?:our|the) app|get the app|click here to\b|this (?:article|story) (?:was|is) (?:first )?(?:published|originally)|originally published (?:at|on|by)\b|source:\s*\S.{0,40}$)",
    )
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:by|written by|posted by|published by|words by|por|publicado por|escrito por|von|par|publié par|di|door|av|autor|autorka|author|автор|текст|пишет)\b\s*:?\s*\p{Lu}",
    )
});
static READ_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b\d+\s*(?:min|mins|minutes?)\.?\s+(?:read|de lecture|de lectura|lesezeit)\b|\b(?:lesezeit|reading time|tiempo de lectura|temps de lecture)\s*:?\s*\d",
    )
});

/// Why a paragraph of an HTML page's main text is metadata (byline, date line, reading time) that belongs
/// in the record's fields rather than its text; `None` when it may be article text. Headings are not
/// passed here.
pub(crate) fn meta_line(line: &str) -> Option<&'static str> {
    let chars = line.chars().count();
    if chars > 160 || ends_sentence(line) && line.split_whitespace().count() > 6 {
        return None;
    }
    let words = line.split_whitespace().count();
    if words <= 12 && BYLINE.is_match(line) {
        return Some("byline");
    }
    if READ_TIME.is_match(line) {
        return Some("reading time");
    }
    // An embedded post's signature (`— Name (@handle) March 3, 2022`) attributes a quote: it stays.
    if words <= 20 && !line.contains("(@") && !crate::dates::find_all(line).is_empty() {
        return Some("date line");
    }
    None
}

/// Lower-cases a line and trims the punctuation and arrows that decorate UI text.
fn key(line: &str) -> String {
    line.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reasons [`classify`] gives for a line of contact details.
const EMAIL_LINE: &str = "e-mail address";
const PHONE_LINE: &str = "phone number";
const ADDRESS_LINE: &str = "street address";

/// Whether a reason [`classify`] gave is a line of contact details (an address, a phone number, an e-mail
/// address): a footer's outside the main text, a directory's entry inside it.
pub(crate) fn is_contact(reason: &str) -> bool {
    [EMAIL_LINE, PHONE_LINE, ADDRESS_LINE].contains(&reason)
}

/// Why `line` is boilerplate, or `None` when it may be article text. `line` is one trimmed line.
pub(crate) fn classify(line: &str) -> Option<&'static str> {
    let k = key(line);
    if k.is_empty() {
        return Some("no words");
    }
    if UI_LINES.contains(&k.as_str()) {
        return Some("interface text");
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let short = line.chars().count() <= 120;
    if COUNTER.is_match(line.trim()) {
        return Some("counter or player time");
    }
    if short && CREDIT.is_match(line) {
        return Some("photo credit");
    }
    if words.len() <= 12 && EMAIL.is_match(line) {
        return Some(EMAIL_LINE);
    }
    if short && PHONE.is_match(line.trim()) && line.chars().filter(char::is_ascii_digit).count() >= 7 {
        return Some(PHONE_LINE);
    }
    if line.chars().count() <= 60 && ADDRESS.is_match(line.trim()) && !ends_sentence(line) {
        return Some(ADDRESS_LINE);
    }
    if short && PROMPT.is_match(line.trim()) {
        return Some("social or login prompt");
    }
    if words.len() >= 2 && words.len() <= 12 && words.iter().all(|w| SOCIAL.contains(&key(w).as_str())) {
        return Some("share bar");
    }
    if is_icon_run(line) {
        return Some("run of icon names");
    }
    None
}

/// A run of UI icon names glued together: many `icon` fragments, or mostly icon vocabulary without any
/// sentence punctuation.
fn is_icon_run(line: &str) -> bool {
    let lower = line.to_lowercase();
    if lower.matches("icon").count() >= 3 {
        return true;
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 6 || lower.contains(". ") {
        return false;
    }
    let ui = words
        .iter()
        .filter(|w| UI_WORDS.iter().any(|u| w.starts_with(u) || w.ends_with(u)))
        .count();
    ui * 10 >= words.len() * 7
}

/// Whether a line ends like a sentence (closing quotes and brackets aside).
pub(crate) fn ends_sentence(line: &str) -> bool {
    let t = line
        .trim_end()
        .trim_end_matches(['"', '”', '“', '’', '‘', '»', '«', '\'', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_metadata_lines_from_short_paragraphs() {
        for line in [
            "By Jane Roe, Staff Writer",
            "Publicado por: Ana Lima - Categoria: Saúde",
            "Nov 19, 2019 at 6:46 pm ET • 2 min read",
            "| November 18, 2019 12:26 PM",
            "21.03.2021 - Tags: council bridge",
            "Автор: Иван Петров",
        ] {
            assert!(meta_line(line).is_some(), "{line}");
        }
        for line in [
            "By the time the vote came, the bridge had been debated for three years and most had left.",
            "The vote is set for March 3, 2022, the council said in a statement on Tuesday.",
            "Bye-bye, summer",
            "Votes were counted until 3 am.",
            "— City Council (@citycouncil) March 3, 2022",
        ] {
            assert!(meta_line(line).is_none(), "{line}");
        }
    }

    #[test]
    fn catches_chrome_of_many_sites() {
        for line in [
            "Skip to main content",
            "Advertisement",
            "All news",
            "Live broadcast",
            "Select important",
            "On",
            "Off",
            "Озвучить текст",
            "Source link",
            "Follow us on social",
            "Stay in Touch With Us",
            "Podcasts",
            "0",
            "0:00",
            "14:40",
            "13:8",
            "1,234".replace(',', "").as_str(),
            "Photo: RIA Novosti/Ramil Sitdikov",
            "Фото: ТАСС",
            "[email protected]",
            "news@example.com",
            "+263 775 679 494",
            "Tel: (202) 555-0143",
            "3-68th Avenue",
            "12 Downing Street",
            "You don't have permission to register",
            "Facebook Twitter Telegram",
            "Share this article »",
            "Posłuchaj",
            "Vorlesen",
            "icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon",
            "Please log in to comment",
            "READ MORE",
        ] {
            assert!(classify(line).is_some(), "should be boilerplate: {line:?}");
        }
    }

    #[test]
    fn keeps_article_text() {
        for line in [
            "Poland wants NATO to move more troops closer to Russia",
            "\"Absolutely right,\" he added.",
            "On November 8, several thousand migrants approached the Polish border.",
            "Live ammunition was used at the border, the ministry said.",
            "Photographs of the crossing were shared widely on Monday.",
            "Share prices fell 3% in Warsaw.",
            "Source: the ministry declined to comment further on the matter when asked on Tuesday by reporters from several outlets.",
            "In 2019, 12 people crossed the border.",
            "Mr Putin travelled to Minsk to meet President Alexander Lukashenko for the first time since 2019.",
        ] {
            assert_eq!(classify(line), None, "should be kept: {line:?}");
        }
    }
}
