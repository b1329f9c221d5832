//! A cleaned text straight into the entity stage, then quotes and their speakers' entities: offsets and
//! mention texts checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut article = dateline_fuzz::article(data);
    dateline_entities::annotate(&mut article);
    dateline_quotes::annotate(&mut article);
    dateline_entities::link_quotes(&mut article);
    dateline_fuzz::check_article(&article, None);
});
