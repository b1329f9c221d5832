//! A scraped text: chrome removal, headline, standfirst, datelines and dates (with and without a crawl
//! date). Entities and quotes have targets of their own.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let doc = dateline_fuzz::document(data, dateline_model::ContentKind::Text);
    dateline_fuzz::extract_and_check(&doc);
});
