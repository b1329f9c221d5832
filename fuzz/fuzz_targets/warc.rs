//! Bytes read as a WARC archive: records, HTTP headers, chunked and gzip bodies, then extraction.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline_fuzz::ingest_and_check(
    data,
    Some(dateline_ingest::InputFormat::Warc)
));
