//! Any bytes as an input file: gzip, format sniffing, charsets, every reader, then extraction.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dateline_fuzz::ingest_and_check(data, None));
