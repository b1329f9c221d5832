//! Entry points for the fuzz targets in `fuzz/` (not a stable API): the date readers on their own, which
//! the whole-page targets reach only through a page's few date strings.

use chrono::NaiveDate;

/// A date found in a text: ISO 8601 value and byte range.
pub struct FoundDate {
    /// The value, ISO 8601 at the source's precision.
    pub iso: String,
    /// Its day.
    pub day: NaiveDate,
    /// Byte range in the text.
    pub start: usize,
    /// One past its end.
    pub end: usize,
}

/// Every date [`crate::Extractor`] would find in `text`.
pub fn dates_in(text: &str) -> Vec<FoundDate> {
    crate::dates::find_all(text)
        .into_iter()
        .map(|f| FoundDate {
            iso: f.value.iso(),
            day: f.value.date,
            start: f.start,
            end: f.end,
        })
        .collect()
}

/// A date field's value (`Tue, 09 Nov 2021 10:00:00 GMT`, `2021-11-09T10:00:00Z`) as ISO 8601 and its day.
pub fn parse_date(s: &str) -> Option<(String, NaiveDate)> {
    crate::dates::parse(s).map(|v| (v.iso(), v.date))
}

/// A day and month without a year anywhere in `text`: (month, day, byte range).
pub fn day_month(text: &str) -> Option<(u32, u32, usize, usize)> {
    crate::dates::day_month(text, true)
}

/// The year a yearless day gets from the text's own evidence, as the extractor gives it.
pub fn year_for(month: u32, day: u32, text: &str, fetched: Option<NaiveDate>, today: NaiveDate) -> Option<NaiveDate> {
    crate::dateline::year_for(month, day, text, fetched, today).map(|(d, _)| d)
}
