//! Bytes read as an RSS/Atom feed or a sitemap, then extraction of the items with content.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline_fuzz::ingest_and_check(
    data,
    Some(dateline_ingest::InputFormat::Feed)
));
