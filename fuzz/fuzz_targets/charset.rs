//! Bytes read as one HTML page: charset from BOM, declarations or detection, then HTML extraction.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline_fuzz::ingest_and_check(
    data,
    Some(dateline_ingest::InputFormat::Html)
));
