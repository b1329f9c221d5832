//! Any text sketched and linked: a sketch survives its bytes, compares with itself as an exact copy, and
//! any bytes read back as a sketch are either one or refused; stories take the text too.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let s = dateline_link::sketch(&text);
    assert_eq!(dateline_link::Sketch::from_bytes(&s.to_bytes()).as_ref(), Some(&s));
    if s.shingles > 0 {
        assert_eq!(
            dateline_link::compare(&s, &s).map(|c| c.0),
            Some(dateline_model::CopyKind::Exact)
        );
    }
    let _ = dateline_link::Sketch::from_bytes(data);
    let mut linker = dateline_link::Linker::default();
    let (a, b) =
        text.split_at(text.len() / 2 - (0..=3).find(|k| text.is_char_boundary(text.len() / 2 - k)).unwrap_or(0));
    for (id, part) in [("a", a), ("b", b), ("c", &text[..])] {
        for link in linker.add(id, None, None, dateline_link::sketch(part)) {
            assert!((0.0..=1.0).contains(&link.similarity), "{}", link.similarity);
        }
    }
    let mut stories = dateline_story::Stories::default();
    stories.add("x", a, b, Some(738_000));
    stories.add("y", a, b, Some(738_001));
    stories.add_copy("z", (b, a, None), "x", None);
    let settled = stories.settle();
    assert!(stories.story_of("x").is_some() && stories.story_of("y").is_some());
    assert_eq!(stories.story_of("z"), stories.story_of("x"), "a copy goes where its original goes");
    if settled.labels.iter().any(|(_, label)| !label.is_empty()) {
        assert_eq!(
            stories.story_of("x"),
            stories.story_of("y"),
            "the same article (with words) twice a day apart is one story"
        );
    }
    let back = dateline_story::Stories::from_json(&stories.to_json());
    assert!(back.is_some_and(|b| b.story_of("y") == stories.story_of("y")));
});
