//! Plain scraped text to an article draft: chrome removed, the headline kept once, header / lead / body
//! split, date lines read, a drop-cap's lost letter restored where the text shows the word.
//!
//! The shape assumed is the one scrapers produce: one paragraph per line (or per blank-line block), site
//! chrome before and after, the headline somewhere in the short lines above the first paragraph of prose.

use std::sync::LazyLock;

use regex::Regex;

use crate::boilerplate::{classify, ends_sentence};
use crate::dates;
use crate::Draft;

/// Cleans control characters and odd spaces: NBSP and its kin become spaces, zero-width characters and C0
/// controls go, line ends become `\n`.
pub(crate) fn normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\t' | '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2002}'..='\u{200a}' | '\u{3000}' => out.push(' '),
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One non-empty line with whether a blank line came before it.
struct Line {
    text: String,
    after_blank: bool,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut blank = true;
    for l in text.lines() {
        let t = crate::squash(l);
        if t.is_empty() {
            blank = true;
            continue;
        }
        out.push(Line {
            text: t,
            after_blank: blank,
        });
        blank = false;
    }
    out
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Whether a line reads as a paragraph of running text rather than a headline or a label.
pub(crate) fn is_prose(line: &str) -> bool {
    let words = word_count(line);
    if words < 8 {
        return false;
    }
    let trimmed = line.trim_end_matches(['"', '”', '“', '’', '»', '\'', ')', ' ']);
    let period = trimmed.ends_with(['.', '…', ':', ';']);
    let exclaim = trimmed.ends_with(['!', '?']) && words >= 15;
    period || exclaim || (words >= 20 && line.contains([',', '.']))
}

/// Words a header line may put before its date: `Published:`, `Last updated`, `Опубликовано`, each with
/// whether it announces an update. Longer labels come first.
const DATE_LABELS: &[(&str, bool)] = &[
    ("first published", false),
    ("last updated", true),
    ("last modified", true),
    ("date", false),
    ("published", false),
    ("posted", false),
    ("updated", true),
    ("modified", true),
    ("опубликовано", false),
    ("обновлено", true),
    ("дата", false),
    ("data", false),
    ("datum", false),
    ("publié le", false),
    ("mis à jour", true),
    ("publicado", false),
    ("actualizado", true),
];

/// What may stand between a header line's label and its date: `on`, a weekday (`Tuesday,` `Fri.`), a
/// clock time with its zone (`8:41 p.m. EST,`).
static BEFORE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re(
        r"(?i)^(?:on\s+|at\s+)?(?:\d{1,2}:\s?\d{2}\s*(?:[ap]\.?\s?m\.?)?\s*(?:[a-z]{2,4}\b)?,?\s+)?(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+)?",
    )
});

/// A line that is a clock time and its zone only (after any label).
static CLOCK_LINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::re(r"(?i)^(?:at\s+)?\d{1,2}:\s?\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?\s*(?:[a-z]{2,4})?\.?$")
});

/// A line without its leading date label (`Published:`, `Last updated`), and whether the label announces an
/// update.
fn strip_label(line: &str) -> (&str, bool) {
    let lower = line.to_lowercase();
    for &(label, is_update) in DATE_LABELS {
        if lower.starts_with(label) {
            let after = line.get(label.len()..).unwrap_or_default();
            if after.starts_with([' ', ':']) {
                return (after.trim_start_matches([' ', ':']), is_update);
            }
        }
    }
    (line, false)
}

/// A date at the start of a header line, after an optional label (`date`, `Published on`, `Опубликовано`)
/// and weekday: the value, whether the label says it is an update, and what follows the date on the line.
fn date_line(line: &str) -> Option<(dates::DateValue, bool, String, String)> {
    let (rest, update) = strip_label(line);
    let skip = BEFORE_DATE.find(rest).map_or(0, |m| m.end());
    let rest = rest.get(skip..).unwrap_or(rest);
    let found = dates::find_all(rest).into_iter().next().filter(|f| f.start == 0)?;
    let words = rest.get(..found.end).unwrap_or_default().to_string();
    let tail = rest.get(found.end..).unwrap_or_default();
    let tail = tail
        .trim_start_matches([' ', ',', '|', '-', '–', '—', '/', '·'])
        .trim()
        .to_string();
    Some((found.value, update, words, tail))
}

/// Whether a line's words are a date and labels around it only (`21 July 2013 Last updated at 11:11
/// GMT`), nothing a headline would say.
pub(crate) fn only_date(line: &str) -> bool {
    date_line(line).is_some_and(|(_, _, _, tail)| labels_only(&tail))
}

/// Whether what follows a date on a line is labels and a clock time at most (`Last updated at 11:11 GMT`).
fn labels_only(tail: &str) -> bool {
    let lower = tail.to_lowercase();
    let rest = strip_label(&lower).0;
    let rest = rest.strip_prefix("at ").unwrap_or(rest);
    word_count(rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == ':' || c == ' ')) <= 2
}

/// Parses scraped text into a draft. `known_title` is a headline the container supplied (feed, JSONL).
pub(crate) fn parse(raw: &str, known_title: Option<&str>) -> Draft {
    let text = normalise(raw);
    let mut draft = Draft::default();
    let mut removed = 0usize;
    let mut kept: Vec<Line> = Vec::new();
    let mut gap = false;
    for mut line in lines(&text) {
        if classify(&line.text).is_some() {
            removed += 1;
            // Dropped chrome still separates the lines around it.
            gap = true;
            continue;
        }
        line.after_blank |= gap;
        gap = false;
        kept.push(line);
    }
    if removed > 0 {
        draft.warnings.push(format!("removed {removed} line(s) of site chrome"));
    }

    let body_start = kept.iter().position(|l| is_prose(&l.text)).unwrap_or(kept.len());
    let mut header: Vec<String> = Vec::new();
    for line in &kept[..body_start] {
        match date_line(&line.text) {
            Some((value, update, words, tail)) => {
                let basis = format!("date line '{words}'");
                if update {
                    draft.modified.get_or_insert((value.iso(), basis));
                } else {
                    draft.published.push((value.iso(), basis));
                }
                if !tail.is_empty() {
                    header.push(tail);
                }
            }
            // A label with a clock time and no date (`Updated 4:08 p.m. ET`) is no headline.
            None if CLOCK_LINE.is_match(strip_label(&line.text).0) => {}
            None => header.push(line.text.clone()),
        }
    }
    let mut body: Vec<Line> = kept.into_iter().skip(body_start).collect();

    // A container's "headline" that is only a date line (scrapers take the first line) dates the text
    // instead, and the headline is looked for in the text.
    let known_title = known_title.map(crate::squash);
    let known_title = match known_title.as_deref().and_then(date_line) {
        Some((value, update, words, tail)) if labels_only(&tail) => {
            let basis = format!("date line '{words}'");
            if update {
                draft.modified.get_or_insert((value.iso(), basis));
            } else {
                draft.published.insert(0, (value.iso(), basis));
            }
            None
        }
        _ => known_title,
    };
    match known_title {
        Some(t) => draft.title = Some(t),
        // A text of one short line and nothing else is that line, not a headline over nothing.
        None if body.is_empty() && header.len() == 1 => {}
        None => {
            if let Some(at) = choose_title(&header) {
                draft.title = Some(header[at].clone());
                // A longer line right under the headline is its standfirst.
                let lead: Vec<&String> = header[at + 1..].iter().filter(|h| word_count(h) >= 10).collect();
                if !lead.is_empty() && !body.is_empty() {
                    draft.lead = Some(lead.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" "));
                }
            }
        }
    }
    if body.is_empty() {
        // No prose at all: what is left under the headline is the body.
        let title = draft.title.clone();
        body = header
            .into_iter()
            .filter(|h| Some(h) != title.as_ref())
            .map(|text| Line {
                text,
                after_blank: true,
            })
            .collect();
    } else if header.len() > 1 || (header.len() == 1 && draft.title.is_none()) {
        let dropped = header.len() - usize::from(draft.title.is_some());
        if dropped > 0 {
            draft
                .warnings
                .push(format!("dropped {dropped} short line(s) above the headline or body"));
        }
    }
    if let Some(t) = &draft.title {
        let t = t.to_lowercase();
        body.retain(|l| l.text.to_lowercase() != t);
    }
    // Short lines after the last paragraph of prose are footer chrome.
    if let Some(last) = body.iter().rposition(|l| is_prose(&l.text)) {
        let trailing = body.len() - last - 1;
        let keep_tail = body[last + 1..].iter().all(|l| ends_sentence(&l.text));
        if trailing > 0 && !keep_tail {
            body.truncate(last + 1);
            draft
                .warnings
                .push(format!("dropped {trailing} short line(s) after the body"));
        }
    }
    draft.paragraphs = join_wrapped(body);
    restore_drop_cap(&mut draft);
    draft
}

/// Index of the headline among the short lines above the body: a line printed twice in a row, else the
/// last line of headline length, or the one before it when that last line is a much longer standfirst.
fn choose_title(header: &[String]) -> Option<usize> {
    for (i, pair) in header.windows(2).enumerate() {
        if pair[0].to_lowercase() == pair[1].to_lowercase() && word_count(&pair[0]) >= 2 {
            return Some(i + 1);
        }
    }
    let fits = |h: &String| {
        let w = word_count(h);
        (3..=40).contains(&w) && h.chars().count() <= 300 && !h.ends_with(':')
    };
    let last = header
        .iter()
        .rposition(fits)
        .or_else(|| header.iter().rposition(|h| word_count(h) >= 2))?;
    let before = header[..last].iter().rposition(fits);
    match before {
        Some(b)
            if b + 1 == last
                && word_count(&header[last]) >= 12
                && word_count(&header[last]) * 2 >= word_count(&header[b]) * 3
                && header[last].contains([',', '.', ';']) =>
        {
            Some(b)
        }
        _ => Some(last),
    }
}

/// Joins lines that a hard wrap split (the line does not end a sentence and the next one continues in
/// lower case within the same block); every other line is a paragraph.
fn join_wrapped(body: Vec<Line>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_open = false;
    for line in body {
        let continues = line.text.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(last) if prev_open && !line.after_blank && continues && last.chars().count() >= 30 => {
                last.push(' ');
                last.push_str(&line.text);
            }
            _ => out.push(line.text),
        }
        prev_open = out.last().is_some_and(|l| !ends_sentence(l));
    }
    out
}

/// Restores the first letter of the body when a drop cap lost it (`kraine is reportedly…`), but only when
/// the text itself holds the whole word (`Ukraine` in the headline).
fn restore_drop_cap(draft: &mut Draft) {
    let Some(first) = draft.paragraphs.first() else { return };
    let stub: String = first.chars().take_while(|c| c.is_alphabetic()).collect();
    if stub.chars().count() < 2 || !stub.chars().next().is_some_and(char::is_lowercase) {
        return;
    }
    let mut evidence: Vec<(String, usize)> = Vec::new();
    let sources = draft
        .title
        .iter()
        .chain(draft.lead.iter())
        .chain(draft.paragraphs.iter());
    for text in sources {
        for word in text.split(|c: char| !c.is_alphabetic()) {
            let mut chars = word.chars();
            let Some(head) = chars.next() else { continue };
            if head.is_uppercase() && chars.as_str() == stub {
                match evidence.iter_mut().find(|(w, _)| w == word) {
                    Some((_, n)) => *n += 1,
                    None => evidence.push((word.to_string(), 1)),
                }
            }
        }
    }
    let Some((word, _)) = evidence.into_iter().max_by_key(|(_, n)| *n) else {
        return;
    };
    let letter: String = word.chars().take(1).collect();
    if let Some(p) = draft.paragraphs.first_mut() {
        p.insert_str(0, &letter);
    }
    draft.warnings.push(format!(
        "restored drop-cap letter '{letter}' of '{word}' (the word appears in the text)"
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_chrome_headline_and_body() {
        let raw =
            "Skip to main content\nMenu\n\nCity council approves new bridge\n\nCity council approves new bridge\n\n\
                   The city council voted on Tuesday to fund a new bridge across the river, officials said.\n\n\
                   Construction is expected to start next spring and last two years.\n\nShare\n12\n";
        let d = parse(raw, None);
        assert_eq!(d.title.as_deref(), Some("City council approves new bridge"));
        assert_eq!(d.paragraphs.len(), 2, "{:?}", d.paragraphs);
        assert!(d.paragraphs[0].starts_with("The city council voted"));
    }

    #[test]
    fn reads_date_prefix_and_date_lines() {
        let d = parse(" date 2022-03-01 Harbour reopens after storm\nThe harbour reopened on Tuesday after a week of repairs, the port authority said.", None);
        assert_eq!(d.title.as_deref(), Some("Harbour reopens after storm"));
        assert_eq!(d.published.first().map(|p| p.0.as_str()), Some("2022-03-01"));
        let d = parse("3 Mar, 2022 09:10\n\nHarbour reopens\n\nThe harbour reopened on Tuesday after a week of repairs, the port authority said.", None);
        assert_eq!(d.published.first().map(|p| p.0.as_str()), Some("2022-03-03T09:10"));
        let d = parse("Updated: 2022-03-04\nHarbour reopens after storm\nThe harbour reopened on Tuesday after a week of repairs, the port authority said.", None);
        assert_eq!(d.modified.map(|p| p.0).as_deref(), Some("2022-03-04"));
        assert!(d.published.is_empty());
    }

    #[test]
    fn reads_weekdays_times_and_labels_before_dates() {
        for (line, date, update) in [
            ("First Published: June 13, 2013 4:59 PM EDT", "2013-06-13", false),
            ("Posted on Thu Jun 13, 2013 08:45 AM PDT", "2013-06-13", false),
            ("Fri., May. 3, 2013 11:45 AM PDT", "2013-05-03", false),
            ("Published on Friday, 27 September 2013", "2013-09-27", false),
            ("THURSDAY, JUNE 30, 2005", "2005-06-30", false),
            ("updated 8:41 p.m. EST, Tue March 3, 2009", "2009-03-03", true),
            ("Last Updated: Monday, 28 November 2005, 02:24 GMT", "2005-11-28", true),
        ] {
            let (value, is_update, _, _) = date_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!((value.date.to_string().as_str(), is_update), (date, update), "{line}");
        }
        assert!(date_line("Monday was a good day for the harbour").is_none());
        assert!(date_line("On 5 May 2013 the harbour reopened after the storm").is_some());
        assert!(!only_date("On 5 May 2013 the harbour reopened after the storm"));
        assert!(only_date("21 July 2013 Last updated at 11:11 GMT"));
        assert!(only_date("Thursday, December 11, 2008"));
        assert!(CLOCK_LINE.is_match(strip_label("Updated 4:08 p.m. ET").0));
        assert!(!CLOCK_LINE.is_match(strip_label("Updated rules for 2024").0));
    }

    #[test]
    fn a_container_headline_that_is_a_date_dates_the_text() {
        let raw = "Harbour reopens after storm\n\nThe harbour reopened on Tuesday after a week of repairs, the port authority said.";
        let d = parse(raw, Some("Thursday, December 11, 2008"));
        assert_eq!(d.title.as_deref(), Some("Harbour reopens after storm"));
        assert_eq!(d.published.first().map(|p| p.0.as_str()), Some("2008-12-11"));
        let d = parse(raw, Some("Harbour reopens on 11 December 2008 after the storm"));
        assert_eq!(
            d.title.as_deref(),
            Some("Harbour reopens on 11 December 2008 after the storm")
        );
        assert!(d.published.is_empty());
    }

    #[test]
    fn contact_block_above_headline_is_dropped() {
        let raw = "Stay in Touch With Us\n\neditor@example.org\n\n+44 20 7946 0958\n\n221 Baker Street\n\nMarylebone\n\nLondon England\n\n\
                   Storm closes the ferry to the islands\n\nThe ferry to the islands was cancelled on Friday as winds reached gale force, the operator said.\n";
        let d = parse(raw, None);
        assert_eq!(d.title.as_deref(), Some("Storm closes the ferry to the islands"));
        assert_eq!(d.paragraphs.len(), 1);
    }

    #[test]
    fn drop_cap_restored_only_with_evidence() {
        let d = parse("Oslo braces for record snowfall\n\nslo residents were told on Monday to stay home as heavy snow fell across the city.", None);
        assert!(d.paragraphs[0].starts_with("Oslo residents"), "{:?}", d.paragraphs);
        let d = parse(
            "Snow in the capital\n\nesidents were told on Monday to stay at home as heavy snow fell across the city.",
            None,
        );
        assert!(d.paragraphs[0].starts_with("esidents"), "no evidence, no repair");
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let raw = "Wrapped story title here\n\nThe committee met on Monday to discuss the budget and\nagreed to postpone the vote until next week.\n\nA second paragraph follows here, and it is long enough.";
        let d = parse(raw, None);
        assert_eq!(d.paragraphs.len(), 2, "{:?}", d.paragraphs);
        assert!(d.paragraphs[0].ends_with("next week."));
    }

    #[test]
    fn normalises_odd_spaces_and_controls() {
        assert_eq!(normalise("a\u{a0}b\r\nc\u{200b}d\u{7}"), "a b\ncd");
    }
}
