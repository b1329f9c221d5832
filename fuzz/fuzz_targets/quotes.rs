//! A cleaned text straight into the quote stage (first line as headline): offsets and mentions checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut article = dateline_fuzz::article(data);
    dateline_quotes::annotate(&mut article);
    dateline_fuzz::check_article(&article, None);
});
