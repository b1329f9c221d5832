//! Dates as news pages write them: ISO 8601, RFC 2822, numeric `09.11.2021`, and written-out forms in
//! English, Russian, Ukrainian, Polish, German, French and Spanish (`25 Nov, 2021 17:45`, `November 9,
//! 2021`, `9 ноября 2021`, `9 listopada 2021`, `9. November 2021`, `9 de noviembre de 2021`), plus
//! day-and-month without a year (`November 9`), whose year is inferred only from evidence.

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate};
use regex::Regex;

use crate::re;

/// A calendar date, with the clock time and zone when the source gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateValue {
    pub(crate) date: NaiveDate,
    /// Hour, minute and (when given) second.
    pub(crate) time: Option<(u32, u32, Option<u32>)>,
    /// Zone as written in ISO form: `Z` or `+03:00`.
    pub(crate) zone: Option<String>,
}

impl DateValue {
    /// ISO 8601 at the precision the source gave: `2021-11-09`, `2021-11-25T17:45`,
    /// `2021-11-09T10:00:00Z`.
    pub(crate) fn iso(&self) -> String {
        let day = self.date.format("%Y-%m-%d").to_string();
        match self.time {
            None => day,
            Some((h, m, s)) => {
                let mut out = format!("{day}T{h:02}:{m:02}");
                if let Some(s) = s {
                    out.push_str(&format!(":{s:02}"));
                }
                if let Some(z) = &self.zone {
                    out.push_str(z);
                }
                out
            }
        }
    }
}

/// A date found in text, with where it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) value: DateValue,
    /// Byte range of the match in the searched text.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Month names and their inflected forms in the languages our users read, lower case.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("января", 1),
    ("январь", 1),
    ("февраля", 2),
    ("февраль", 2),
    ("марта", 3),
    ("март", 3),
    ("апреля", 4),
    ("апрель", 4),
    ("мая", 5),
    ("май", 5),
    ("июня", 6),
    ("июнь", 6),
    ("июля", 7),
    ("июль", 7),
    ("августа", 8),
    ("август", 8),
    ("сентября", 9),
    ("сентябрь", 9),
    ("октября", 10),
    ("октябрь", 10),
    ("ноября", 11),
    ("ноябрь", 11),
    ("декабря", 12),
    ("декабрь", 12),
    ("січня", 1),
    ("січень", 1),
    ("лютого", 2),
    ("лютий", 2),
    ("березня", 3),
    ("березень", 3),
    ("квітня", 4),
    ("квітень", 4),
    ("травня", 5),
    ("травень", 5),
    ("червня", 6),
    ("червень", 6),
    ("липня", 7),
    ("липень", 7),
    ("серпня", 8),
    ("серпень", 8),
    ("вересня", 9),
    ("вересень", 9),
    ("жовтня", 10),
    ("жовтень", 10),
    ("листопада", 11),
    ("листопад", 11),
    ("грудня", 12),
    ("грудень", 12),
    ("stycznia", 1),
    ("styczeń", 1),
    ("lutego", 2),
    ("luty", 2),
    ("marca", 3),
    ("marzec", 3),
    ("kwietnia", 4),
    ("kwiecień", 4),
    ("maja", 5),
    ("maj", 5),
    ("czerwca", 6),
    ("czerwiec", 6),
    ("lipca", 7),
    ("lipiec", 7),
    ("sierpnia", 8),
    ("sierpień", 8),
    ("września", 9),
    ("wrzesień", 9),
    ("października", 10),
    ("październik", 10),
    ("listopada", 11),
    ("listopad", 11),
    ("grudnia", 12),
    ("grudzień", 12),
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("mär", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("okt", 10),
    ("dezember", 12),
    ("dez", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("dezembro", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يوليو", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("اكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

/// Month number of a (lower- or mixed-case) month word.
pub(crate) fn month(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == w).map(|&(_, m)| m)
}

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
    )
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(\p{L}{3,12})\.?,?\s+(?:de\s+)?(\d{4})(?:\s*(?:г\.|р\.|r\.|року|года))?(?:,?\s+(?:at\s+|в\s+|о\s+|o\s+|um\s+|à\s+|a\s+las\s+|-\s+)?(\d{1,2})[:.h](\d{2})\b(?::(\d{2}))?)?",
    )
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(?:at\s+|-\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?)?",
    )
});
/// `2023 Jan 7` (citations, PubMed).
static YEAR_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(\d{4})\s+(\p{L}{3,9})\.?\s+(\d{1,2})\b"));
/// `2020年7月13日`, `2020년 3월 4일`.
static CJK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?(?:\s*(\d{1,2}):(\d{2}))?"));
/// `17/03/2020`, `03-17-2020`: read only when one of the first two numbers cannot be a month.
static NUMERIC_SLASHED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?(?-u:\b)"));
static NUMERIC_DMY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?-u:\b)(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(?:в\s+|o\s+|um\s+)?(\d{1,2}):(\d{2}))?(?-u:\b)")
});
static DAY_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(\p{L}{3,12})\b"));
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b"));

fn num(s: Option<regex::Match<'_>>) -> Option<u32> {
    s.and_then(|m| m.as_str().parse().ok())
}

fn value(y: u32, m: u32, d: u32, time: Option<(u32, u32, Option<u32>)>, zone: Option<String>) -> Option<DateValue> {
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    if !(1900..=2100).contains(&date.year()) {
        return None;
    }
    let time = time.filter(|&(h, mi, s)| h < 24 && mi < 60 && s.unwrap_or(0) < 60);
    Some(DateValue { date, time, zone })
}

fn normalise_zone(z: &str) -> String {
    if z == "Z" || z.contains(':') || z.len() != 5 {
        z.to_string()
    } else {
        format!("{}:{}", &z[..3], &z[3..])
    }
}

/// Every full date (with a year) in `text`, in order of position.
pub(crate) fn find_all(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut push = |start: usize, end: usize, v: Option<DateValue>| {
        if let Some(value) = v {
            if !out.iter().any(|f| f.start < end && start < f.end) {
                out.push(Found { value, start, end });
            }
        }
    };
    for c in ISO.captures_iter(text) {
        let (Some(y), Some(m), Some(d)) = (num(c.get(1)), num(c.get(2)), num(c.get(3))) else {
            continue;
        };
        let time = num(c.get(4)).zip(num(c.get(5))).map(|(h, mi)| (h, mi, num(c.get(6))));
        let zone = c.get(7).map(|z| normalise_zone(z.as_str()));
        let whole = c.get(0).map_or(0..0, |m| m.range());
        push(whole.start, whole.end, value(y, m, d, time, zone));
    }
    for c in DAY_MONTH_YEAR.captures_iter(text) {
        let (Some(d), Some(m), Some(y)) = (num(c.get(1)), c.get(2).and_then(|m| month(m.as_str())), num(c.get(3)))
        else {
            continue;
        };
        let time = num(c.get(4)).zip(num(c.get(5))).map(|(h, mi)| (h, mi, num(c.get(6))));
        let whole = c.get(0).map_or(0..0, |m| m.range());
        push(whole.start, whole.end, value(y, m, d, time, None));
    }
    for c in MONTH_DAY_YEAR.captures_iter(text) {
        let (Some(m), Some(d), Some(y)) = (c.get(1).and_then(|m| month(m.as_str())), num(c.get(2)), num(c.get(3)))
        else {
            continue;
        };
        let pm = c.get(7).is_some_and(|p| p.as_str().to_lowercase().starts_with('p'));
        let time = num(c.get(4)).zip(num(c.get(5))).map(|(h, mi)| {
            let h = if pm && h < 12 { h + 12 } else { h };
            (h, mi, num(c.get(6)))
        });
        let whole = c.get(0).map_or(0..0, |m| m.range());
        push(whole.start, whole.end, value(y, m, d, time, None));
    }
    for c in YEAR_MONTH_DAY.captures_iter(text) {
        let (Some(y), Some(m), Some(d)) = (num(c.get(1)), c.get(2).and_then(|m| month(m.as_str())), num(c.get(3)))
        else {
            continue;
        };
        let whole = c.get(0).map_or(0..0, |m| m.range());
        push(whole.start, whole.end, value(y, m, d, None, None));
    }
    // All-numeric dates whose groups 1–3 are day, month, year (`24.08.2020`) or year, month, day (CJK), then
    // hour and minute.
    for (pattern, [yg, mg, dg]) in [(&*NUMERIC_DMY, [3, 2, 1]), (&*CJK, [1, 2, 3])] {
        for c in pattern.captures_iter(text) {
            let (Some(y), Some(m), Some(d)) = (num(c.get(yg)), num(c.get(mg)), num(c.get(dg))) else {
                continue;
            };
            let time = num(c.get(4)).zip(num(c.get(5))).map(|(h, mi)| (h, mi, None));
            let whole = c.get(0).map_or(0..0, |m| m.range());
            push(whole.start, whole.end, value(y, m, d, time, None));
        }
    }
    for c in NUMERIC_SLASHED.captures_iter(text) {
        let (Some(a), Some(b), Some(y)) = (num(c.get(1)), num(c.get(2)), num(c.get(3))) else {
            continue;
        };
        let (d, m) = match (a > 12, b > 12) {
            (true, false) => (a, b),
            (false, true) => (b, a),
            _ => continue,
        };
        let time = num(c.get(4)).zip(num(c.get(5))).map(|(h, mi)| (h, mi, None));
        let whole = c.get(0).map_or(0..0, |m| m.range());
        push(whole.start, whole.end, value(y, m, d, time, None));
    }
    out.sort_by_key(|f| f.start);
    out
}

/// Parses a whole string that is one date: ISO 8601, RFC 2822 (`Tue, 09 Nov 2021 10:00:00 GMT`), or any
/// form [`find_all`] knows, provided it starts within the first few characters.
pub(crate) fn parse(s: &str) -> Option<DateValue> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        let zone = if dt.offset().local_minus_utc() == 0 {
            "Z".to_string()
        } else {
            dt.format("%:z").to_string()
        };
        return value(
            u32::try_from(dt.year()).ok()?,
            dt.month(),
            dt.day(),
            Some((
                dt.format("%H").to_string().parse().ok()?,
                dt.format("%M").to_string().parse().ok()?,
                dt.format("%S").to_string().parse().ok(),
            )),
            Some(zone),
        );
    }
    find_all(s).into_iter().find(|f| f.start <= 16).map(|f| f.value)
}

/// A day and month without a year (`November 9`, `9 ноября`) at the very start of `text`, or anywhere in
/// it when `anywhere` is set: (month, day, byte range).
pub(crate) fn day_month(text: &str, anywhere: bool) -> Option<(u32, u32, usize, usize)> {
    let mut best: Option<(u32, u32, usize, usize)> = None;
    for c in MONTH_DAY.captures_iter(text) {
        if let (Some(m), Some(d), Some(all)) = (c.get(1).and_then(|m| month(m.as_str())), num(c.get(2)), c.get(0)) {
            if (1..=31).contains(&d) && (anywhere || all.start() == 0) {
                best = Some((m, d, all.start(), all.end()));
                break;
            }
        }
    }
    for c in DAY_MONTH.captures_iter(text) {
        if let (Some(d), Some(m), Some(all)) = (num(c.get(1)), c.get(2).and_then(|m| month(m.as_str())), c.get(0)) {
            if (1..=31).contains(&d) && (anywhere || all.start() == 0) && best.is_none_or(|b| all.start() < b.2) {
                best = Some((m, d, all.start(), all.end()));
                break;
            }
        }
    }
    best
}

static YEAR_MENTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:since|in|of|early|late|mid|during|from|throughout|until the end of|year)\s+(?:early\s+|late\s+|mid-?)?((?:19|20)\d{2})\b",
    )
});

/// The latest point in time that `text` states as known: full dates, and years introduced by `since`,
/// `in`, `early`… (taken as 1 January). Dates after `now` are ignored, so plans ("by 2030") cannot
/// push the year forward. Returns the date and the words it came from.
pub(crate) fn latest_evidence(text: &str, now: NaiveDate) -> Option<(NaiveDate, String)> {
    let mut best: Option<(NaiveDate, String)> = None;
    let mut consider = |d: NaiveDate, words: &str| {
        if d <= now && best.as_ref().is_none_or(|(b, _)| d > *b) {
            best = Some((d, words.to_string()));
        }
    };
    for f in find_all(text) {
        consider(f.value.date, text.get(f.start..f.end).unwrap_or_default());
    }
    for c in YEAR_MENTION.captures_iter(text) {
        if let (Some(y), Some(all)) = (c.get(1).and_then(|y| y.as_str().parse::<i32>().ok()), c.get(0)) {
            if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                consider(d, all.as_str());
            }
        }
    }
    best
}

/// The first `month`/`day` on or after `reference`: the year a yearless date most plausibly has when the
/// text's latest known point is `reference`.
pub(crate) fn on_or_after(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let y = reference.year();
    match NaiveDate::from_ymd_opt(y, month, day) {
        Some(d) if d >= reference => Some(d),
        _ => NaiveDate::from_ymd_opt(y + 1, month, day),
    }
}

/// The last `month`/`day` on or before `limit` (a crawl date): the year a yearless dateline has on a page
/// fetched at `limit`.
pub(crate) fn on_or_before(month: u32, day: u32, limit: NaiveDate) -> Option<NaiveDate> {
    let y = limit.year();
    match NaiveDate::from_ymd_opt(y, month, day) {
        Some(d) if d <= limit => Some(d),
        _ => NaiveDate::from_ymd_opt(y - 1, month, day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse(s).map(|v| v.iso())
    }

    #[test]
    fn parses_common_forms() {
        assert_eq!(iso("2021-11-09").as_deref(), Some("2021-11-09"));
        assert_eq!(
            iso("2021-11-09T10:05:00+0300").as_deref(),
            Some("2021-11-09T10:05:00+03:00")
        );
        assert_eq!(
            iso("Tue, 09 Nov 2021 10:00:00 GMT").as_deref(),
            Some("2021-11-09T10:00:00Z")
        );
        assert_eq!(iso("25 Nov, 2021 17:45").as_deref(), Some("2021-11-25T17:45"));
        assert_eq!(iso("November 9, 2021").as_deref(), Some("2021-11-09"));
        assert_eq!(iso("Nov. 9, 2021 at 5:30 pm").as_deref(), Some("2021-11-09T17:30"));
        assert_eq!(iso("09.11.2021 10:45").as_deref(), Some("2021-11-09T10:45"));
        assert_eq!(iso("9 ноября 2021 года, 10:45").as_deref(), Some("2021-11-09T10:45"));
        assert_eq!(iso("9 листопада 2021").as_deref(), Some("2021-11-09"));
        assert_eq!(iso("9 listopada 2021 r.").as_deref(), Some("2021-11-09"));
        assert_eq!(iso("9. November 2021").as_deref(), Some("2021-11-09"));
        assert_eq!(iso("9 novembre 2021").as_deref(), Some("2021-11-09"));
        assert_eq!(iso("9 de noviembre de 2021").as_deref(), Some("2021-11-09"));
        assert_eq!(iso("2020/10/04 15:05:21").as_deref(), Some("2020-10-04T15:05:21"));
        assert_eq!(iso("2020.03.04").as_deref(), Some("2020-03-04"));
        assert_eq!(iso("2020年7月13日").as_deref(), Some("2020-07-13"));
        assert_eq!(iso("2020년 3월 4일 16:52").as_deref(), Some("2020-03-04T16:52"));
        assert_eq!(iso("17/03/2020").as_deref(), Some("2020-03-17"));
        assert_eq!(iso("03/17/2020").as_deref(), Some("2020-03-17"));
        assert_eq!(iso("9 oktober 2020").as_deref(), Some("2020-10-09"));
        assert_eq!(iso("9 ottobre 2020").as_deref(), Some("2020-10-09"));
        assert_eq!(iso("9 de outubro de 2020").as_deref(), Some("2020-10-09"));
        assert_eq!(iso("2023 Jan 7").as_deref(), Some("2023-01-07"));
        assert_eq!(iso("2023 Tuesday 7"), None);
    }

    #[test]
    fn leaves_ambiguous_numeric_dates_unread() {
        assert_eq!(iso("03/04/2021"), None);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(iso("2021-02-30"), None);
        assert_eq!(iso("31.13.2021"), None);
        assert_eq!(iso("Smith 12, 2021"), None);
    }

    #[test]
    fn finds_dates_in_running_text() {
        let f = find_all("Earlier, December 6, 2024, after a meeting on 2024-12-07 the two signed.");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].value.iso(), "2024-12-06");
    }

    #[test]
    fn yearless_day_month_and_year_inference() {
        assert_eq!(
            day_month("November 9. /TASS/.", false).map(|x| (x.0, x.1)),
            Some((11, 9))
        );
        assert_eq!(day_month("9 ноября", false).map(|x| (x.0, x.1)), Some((11, 9)));
        assert_eq!(day_month("said on January 16.", false), None);
        let now = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let (refd, words) = latest_evidence("Over 30,000 migrants since early 2021. Plans by 2030.", now).unwrap();
        assert_eq!(refd, NaiveDate::from_ymd_opt(2021, 1, 1).unwrap());
        assert!(words.contains("2021"));
        assert_eq!(on_or_after(11, 9, refd), NaiveDate::from_ymd_opt(2021, 11, 9));
        let dec = NaiveDate::from_ymd_opt(2024, 12, 6).unwrap();
        assert_eq!(on_or_after(1, 16, dec), NaiveDate::from_ymd_opt(2025, 1, 16));
        let crawl = NaiveDate::from_ymd_opt(2022, 1, 3).unwrap();
        assert_eq!(on_or_before(12, 30, crawl), NaiveDate::from_ymd_opt(2021, 12, 30));
    }
}
