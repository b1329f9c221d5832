//! A cleaned text straight into the quote stage (first line as headline): offsets and mentions checked.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (title, body) = text.split_once('\n').unwrap_or(("", &text));
    let mut article = dateline_model::Article {
        title: Some(title.to_string()),
        text: body.to_string(),
        ..Default::default()
    };
    dateline_quotes::annotate(&mut article);
    dateline_fuzz::check_article(&article, None);
});
