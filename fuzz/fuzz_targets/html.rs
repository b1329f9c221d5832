//! An HTML page as text: main content, metadata and dates (with and without a crawl date or URL).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let doc = dateline_fuzz::document(data, dateline_model::ContentKind::Html);
    dateline_fuzz::extract_and_check(&doc);
});
