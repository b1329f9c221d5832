//! Bytes read as JSONL, then extraction of each line's document.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline_fuzz::ingest_and_check(
    data,
    Some(dateline_ingest::InputFormat::Jsonl)
));
