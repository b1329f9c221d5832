//! The date readers on any text: every date found lies inside the text on char boundaries and in
//! 1900–2100; a field value re-reads to the same day; a yearless day's year is never after the crawl date
//! or today.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    use dateline_extract::fuzzing;
    let text = String::from_utf8_lossy(data);
    for f in fuzzing::dates_in(&text) {
        assert!(
            f.start <= f.end && f.end <= text.len(),
            "date range {}..{}",
            f.start,
            f.end
        );
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        assert!((1900..=2100).contains(&chrono::Datelike::year(&f.day)), "{}", f.iso);
    }
    if let Some((iso, day)) = fuzzing::parse_date(&text) {
        assert_eq!(fuzzing::parse_date(&iso).map(|x| x.1), Some(day), "{iso} re-read");
    }
    if let Some((m, d, s, e)) = fuzzing::day_month(&text) {
        assert!(text.get(s..e).is_some(), "day range {s}..{e}");
        let today = dateline_fuzz::today();
        let crawl = chrono::NaiveDate::from_ymd_opt(2021, 11, 10);
        for fetched in [None, crawl] {
            if let Some(day) = fuzzing::year_for(m, d, &text, fetched, today) {
                assert!(
                    day <= fetched.unwrap_or(today).min(today),
                    "{day} after the crawl or today"
                );
            }
        }
    }
});
