//! Datelines (`MOSCOW, November 9. /TASS/.`, `KYIV, Jan 5 (Reuters) -`, `WARSAW —`) and the date a first
//! paragraph reports (`… Peskov said on January 16.`): place, outlet and day, with the year taken only
//! from evidence (the crawl date, or dates the text states).

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::re;

use crate::dates;

/// What a dateline says.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Dateline {
    /// The place, in title case (`Moscow`).
    pub(crate) place: String,
    /// The agency tag (`TASS`, `Reuters`), when present.
    pub(crate) outlet: Option<String>,
    /// Month and day, when present, with the words they came from.
    pub(crate) day: Option<(u32, u32, String)>,
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<place>\p{Lu}[\p{Lu}\p{M}'’.-]+(?:\s\p{Lu}[\p{Lu}\p{M}'’.-]+){0,3}|\p{Lu}\p{Ll}+(?:[\s-]\p{Lu}\p{Ll}+){0,2})(?:,\s*(?P<date>\p{L}{3,9}\.?\s+\d{1,2}|\d{1,2}\s+\p{L}{3,12})(?:,\s*\d{4})?)?\s*\.?\s*(?:/(?P<slash>[^/\n]{2,40})/|\((?P<paren>[^)\n]{2,40})\))?\s*\.?\s*(?P<dash>[-–—:])?",
    )
});

/// A dateline naming the place's state or country too (`STRASBOURG, France (AP) —`, `COLUMBIA, S.C. (AP)`,
/// `WEST PALM BEACH, Fla. –`): an all-caps place, then a capitalised region, then an agency or a dash.
static DATELINE_REGION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<place>\p{Lu}[\p{Lu}\p{M}'’.-]+(?:\s\p{Lu}[\p{Lu}\p{M}'’.-]+){0,3}),\s*(?P<region>\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,2})\s*(?:\((?P<paren>[^)\n]{2,40})\)|/(?P<slash>[^/\n]{2,40})/)?\s*(?P<dash>[-–—:])?",
    )
});

static REPORTED_DAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:said|says|stated|told|announced|reported|declared|noted|wrote|added|confirmed|warned|claimed)\s+(?:on\s+)?(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+)?(\p{L}{3,9}\.?\s+\d{1,2}|\d{1,2}\s+\p{L}{3,12})\b",
    )
});

/// How far into the first paragraph a reported day (`said on January 16`) is looked for.
const LEAD_BYTES: usize = 4096;

/// Title case for an all-caps place (`NEW YORK` → `New York`); other spellings are kept.
fn title_case(place: &str) -> String {
    if place.chars().any(char::is_lowercase) {
        return place.to_string();
    }
    place
        .split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An agency tag looks like a name: capitalised, a few words, no digits.
fn agency(tag: &str) -> Option<String> {
    let t = tag.trim();
    let ok = t.chars().next().is_some_and(char::is_uppercase)
        && !t.chars().any(|c| c.is_ascii_digit())
        && t.split_whitespace().count() <= 4;
    ok.then(|| t.to_string())
}

/// Parses the dateline at the start of a first paragraph.
pub(crate) fn parse(paragraph: &str) -> Option<Dateline> {
    parse_plain(paragraph).or_else(|| parse_region(paragraph))
}

/// `STRASBOURG, France (AP) —`: the place, its region dropped, and the agency; only with an agency or a dash
/// after the region, and a place in capitals.
fn parse_region(paragraph: &str) -> Option<Dateline> {
    let c = DATELINE_REGION.captures(paragraph)?;
    let place = c.name("place")?.as_str().trim_end_matches(['.', '-']);
    let all_caps = place.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !place.chars().any(char::is_lowercase);
    let outlet = c.name("slash").or(c.name("paren")).and_then(|m| agency(m.as_str()));
    let end = c.get(0).map_or(0, |m| m.end());
    let ends = outlet.is_some() || c.name("dash").is_some();
    (all_caps && ends && !paragraph[end..].trim().is_empty()).then(|| Dateline {
        place: title_case(place),
        outlet,
        day: None,
    })
}

fn parse_plain(paragraph: &str) -> Option<Dateline> {
    let c = DATELINE.captures(paragraph)?;
    let place = c.name("place")?.as_str().trim_end_matches(['.', '-']);
    let all_caps = place.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !place.chars().any(char::is_lowercase);
    let outlet = c.name("slash").or(c.name("paren")).and_then(|m| agency(m.as_str()));
    let day = c
        .name("date")
        .and_then(|m| dates::day_month(m.as_str(), false).map(|(mo, d, _, _)| (mo, d, m.as_str().to_string())));
    if c.name("date").is_some() && day.is_none() {
        return None;
    }
    let dash = c.name("dash").is_some();
    let credible = outlet.is_some() || (all_caps && (day.is_some() || dash));
    // The dateline must be followed by the sentence it introduces.
    let end = c.get(0).map_or(0, |m| m.end());
    if !credible || paragraph[end..].trim().is_empty() {
        return None;
    }
    Some(Dateline {
        place: title_case(place),
        outlet,
        day,
    })
}

/// A day the first paragraph reports an event on (`said on January 16`), with the words.
pub(crate) fn reported_day(paragraph: &str) -> Option<(u32, u32, String)> {
    // A lead states its day in its opening sentences; a first "paragraph" of megabytes (a page of one
    // line) is read no further than that.
    let c = REPORTED_DAY.captures(dateline_model::budget::prefix(paragraph, LEAD_BYTES))?;
    let m = c.get(1)?;
    let (mo, d, _, _) = dates::day_month(m.as_str(), false)?;
    Some((mo, d, c.get(0)?.as_str().to_string()))
}

/// Gives a yearless day its year: from the crawl date when known (the last such day on or before it),
/// else from the latest point in time the text states (the first such day on or after it). `None` when
/// there is no evidence: a year is never invented.
pub(crate) fn year_for(
    month: u32,
    day: u32,
    text: &str,
    fetched: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<(NaiveDate, String)> {
    if let Some(f) = fetched {
        // A crawl date after today is a clock's error: the day is still no later than today.
        return dates::on_or_before(month, day, f.min(today)).map(|d| (d, "year from the crawl date".to_string()));
    }
    let (reference, words) = dates::latest_evidence(text, today)?;
    let d = dates::on_or_after(month, day, reference)?;
    (d <= today).then(|| (d, format!("year from '{words}' in the text")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_agency_datelines() {
        let d = parse("MOSCOW, November 9. /TASS/. Moscow hopes that the situation will calm.").unwrap();
        assert_eq!(d.place, "Moscow");
        assert_eq!(d.outlet.as_deref(), Some("TASS"));
        assert_eq!(d.day.map(|x| (x.0, x.1)), Some((11, 9)));
        let d = parse("KYIV, Jan 5 (Reuters) - Ukraine said on Wednesday…").unwrap();
        assert_eq!((d.place.as_str(), d.outlet.as_deref()), ("Kyiv", Some("Reuters")));
        let d = parse("NEW YORK (AP) — Stocks fell.").unwrap();
        assert_eq!(d.place, "New York");
        let d = parse("WARSAW — Poland closed a crossing.").unwrap();
        assert_eq!((d.place.as_str(), d.outlet, d.day), ("Warsaw", None, None));
        let d = parse("Minsk, 9 November (BelTA) - The talks went on.").unwrap();
        assert_eq!(d.outlet.as_deref(), Some("BelTA"));
        // With the place's state or country between.
        let d = parse("STRASBOURG, France (AP) — The European Parliament voted.").unwrap();
        assert_eq!((d.place.as_str(), d.outlet.as_deref()), ("Strasbourg", Some("AP")));
        let d = parse("COLUMBIA, S.C. (AP) — About a dozen owners gathered.").unwrap();
        assert_eq!((d.place.as_str(), d.outlet.as_deref()), ("Columbia", Some("AP")));
        let d = parse("WEST PALM BEACH, Fla. – Emergency managers run drills.").unwrap();
        assert_eq!((d.place.as_str(), d.outlet), ("West Palm Beach", None));
    }

    #[test]
    fn ordinary_openings_are_not_datelines() {
        assert_eq!(parse("Moscow hopes that the situation will calm."), None);
        assert_eq!(parse("NATO said on Tuesday it would send troops."), None);
        assert_eq!(parse("Russia has obligations (legal ones) to Belarus."), None);
        assert_eq!(
            parse("Poland’s president, Andrzej Duda, has suggested more troops."),
            None
        );
    }

    #[test]
    fn reported_day_and_year_evidence() {
        let (m, d, words) =
            reported_day("Russia will not leave Belarus. Kremlin spokesman Dmitry Peskov said on January 16.").unwrap();
        assert_eq!((m, d), (1, 16));
        assert_eq!(words, "said on January 16");
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let text = "Earlier, December 6, 2024, a treaty was signed. Elections will be held on January 26.";
        let (date, basis) = year_for(1, 16, text, None, today).unwrap();
        assert_eq!(date.to_string(), "2025-01-16");
        assert!(basis.contains("December 6, 2024"));
        assert_eq!(year_for(1, 16, "No years at all in February.", None, today), None);
        let crawl = NaiveDate::from_ymd_opt(2021, 11, 10);
        assert_eq!(
            year_for(11, 9, "", crawl, today).map(|x| x.0.to_string()).as_deref(),
            Some("2021-11-09")
        );
        // A crawl date in the future gives no future day.
        let future = NaiveDate::from_ymd_opt(2066, 11, 20);
        assert_eq!(
            year_for(11, 18, "", future, today).map(|x| x.0.to_string()).as_deref(),
            Some("2026-11-18")
        );
    }
}
