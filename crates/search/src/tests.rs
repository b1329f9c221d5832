use dateline_model::{Entity, EntityKind, EntityMention, Provenance, Quote, QuoteKind};

use super::*;

fn article(id: &str, title: &str, text: &str, published: &str, outlet: &str) -> Article {
    Article {
        id: id.into(),
        title: Some(title.into()),
        text: text.into(),
        published: Some(published.into()),
        outlet: Some(outlet.into()),
        language: Some("en".into()),
        input: "t.jsonl".into(),
        provenance: Provenance::default(),
        ..Article::default()
    }
}

fn quote(text: &str, speaker: &str) -> Quote {
    Quote {
        text: text.into(),
        fragments: Vec::new(),
        kind: QuoteKind::Direct,
        speaker: Some(speaker.into()),
        speaker_mention: None,
        cue: Some("said".into()),
        via: None,
        start: 0,
        end: 1,
        in_title: false,
        confidence: 0.9,
    }
}

fn peskov() -> Entity {
    Entity {
        id: "person:dmitry-peskov".into(),
        name: "Dmitry Peskov".into(),
        kind: EntityKind::Person,
        aliases: vec!["Peskov".into()],
        roles: Vec::new(),
        demonyms: Vec::new(),
        mentions: vec![EntityMention {
            text: "Dmitry Peskov".into(),
            start: 0,
            end: 13,
            in_title: false,
            description: false,
        }],
    }
}

fn store_with_articles(dir: &Path) -> Store {
    let mut store = Store::open(dir).unwrap();
    let mut a = article(
        "a",
        "Kremlin hopes border crisis will not grow",
        "Dmitry Peskov said Moscow and Minsk were in constant contact about the border crisis.",
        "2021-11-09",
        "TASS",
    );
    a.quotes.push(quote("We are in constant contact", "Dmitry Peskov"));
    a.entities.push(peskov());
    let b = article(
        "b",
        "Poland asks NATO for troops",
        "Warsaw asked the alliance to move more troops to its eastern border.",
        "2021-11-25",
        "RT",
    );
    let c = article(
        "c",
        "Lisbon opens a tram line",
        "The mayor of Lisbon opened a new tram line on Friday.",
        "2021-11-26",
        "Publico",
    );
    store.write_batch(&[a, b, c], &[], &[]).unwrap();
    store
}

/// How many articles the words find.
fn total(index: &SearchIndex, words: &str) -> Option<usize> {
    let want = Want {
        count: true,
        facets: false,
    };
    let page = Page { limit: 5, offset: 0 };
    index
        .search(words, &Filters::default(), &Names::default(), page, want)
        .ok()?
        .total
}

fn ids(found: &Found) -> Vec<&str> {
    found.hits.iter().map(|h| h.id.as_str()).collect()
}

#[test]
fn words_phrases_filters_and_facets() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_articles(dir.path());
    let index = SearchIndex::open(dir.path()).unwrap();
    assert!(!index.in_step(&store).unwrap());
    assert_eq!(index.sync(&store).unwrap(), 3);
    assert!(index.in_step(&store).unwrap());
    let none = Names::default();
    let all = Filters::default();
    let border = index
        .search(
            "border",
            &all,
            &none,
            Page { limit: 10, offset: 0 },
            Want {
                count: true,
                facets: true,
            },
        )
        .unwrap();
    assert_eq!(border.total, Some(2));
    assert_eq!(border.facets.outlet.len(), 2);
    assert_eq!(
        ids(&index
            .search(
                "\"constant contact\"",
                &all,
                &none,
                Page { limit: 10, offset: 0 },
                Want {
                    count: true,
                    facets: true
                }
            )
            .unwrap()),
        ["a"]
    );
    assert_eq!(
        index
            .search(
                "border -troops",
                &all,
                &none,
                Page { limit: 10, offset: 0 },
                Want {
                    count: true,
                    facets: true
                }
            )
            .unwrap()
            .total,
        Some(1)
    );
    let rt = Filters {
        outlet: Some("RT".into()),
        ..Filters::default()
    };
    assert_eq!(
        ids(&index
            .search(
                "border",
                &rt,
                &none,
                Page { limit: 10, offset: 0 },
                Want {
                    count: true,
                    facets: true
                }
            )
            .unwrap()),
        ["b"]
    );
    let late = Filters {
        from: Some("2021-11-20".into()),
        ..Filters::default()
    };
    assert_eq!(
        index
            .search(
                "",
                &late,
                &none,
                Page { limit: 10, offset: 0 },
                Want {
                    count: true,
                    facets: true
                }
            )
            .unwrap()
            .total,
        Some(2)
    );
    let names = Names::resolve(
        &store,
        &Filters {
            speaker: Some("Mr Peskov".into()),
            entity: Some("Peskov".into()),
            ..Filters::default()
        },
    )
    .unwrap();
    assert!(names.speakers.contains(&"Dmitry Peskov".to_string()), "{names:?}");
    assert_eq!(names.entities, ["person:dmitry-peskov"]);
    let by = Filters {
        speaker: Some("Mr Peskov".into()),
        ..Filters::default()
    };
    assert_eq!(
        ids(&index
            .search(
                "",
                &by,
                &names,
                Page { limit: 10, offset: 0 },
                Want {
                    count: true,
                    facets: true
                }
            )
            .unwrap()),
        ["a"]
    );
    let (total, quotes) = index.quotes("contact", &by, &names, 10, 0).unwrap();
    assert_eq!((total, quotes[0].quote), (1, Some(0)));
    // Quotations by how sure they are (the one indexed is at 0.9).
    for (least, expected) in [(0.5, 1), (0.95, 0)] {
        let sure = Filters {
            min_confidence: Some(least),
            ..by.clone()
        };
        assert_eq!(index.quotes("contact", &sure, &names, 10, 0).unwrap().0, expected);
    }
    let wrong = Filters {
        min_confidence: Some(1.5),
        ..Filters::default()
    };
    assert!(matches!(
        index.quotes("", &wrong, &none, 10, 0),
        Err(Error::Query { .. })
    ));
    let days = index.attention("border", &all, &none).unwrap();
    assert_eq!(days, [("2021-11-09".to_string(), 1), ("2021-11-25".to_string(), 1)]);
    let snip = index
        .snippets("tram", 100)
        .unwrap()
        .and_then(|s| s.of("The mayor of Lisbon opened a new tram line."))
        .unwrap();
    let (s, e) = snip.highlights[0];
    assert_eq!(&snip.fragment[s..e], "tram");
    assert!(matches!(
        index.search(
            "x",
            &Filters {
                from: Some("yesterday".into()),
                ..Filters::default()
            },
            &none,
            Page { limit: 1, offset: 0 },
            Want {
                count: true,
                facets: false
            }
        ),
        Err(Error::Query { .. })
    ));
}

#[test]
fn an_index_behind_its_store_catches_up_and_a_rewrite_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store_with_articles(dir.path());
    {
        let index = SearchIndex::open(dir.path()).unwrap();
        index.sync(&store).unwrap();
        assert_eq!(index.sync(&store).unwrap(), 0);
    }
    // The store goes on without the index (a run stopped before it synced).
    let edited = article(
        "c",
        "Lisbon opens a tram line",
        "The tram now reaches Belem.",
        "2021-11-26",
        "Publico",
    );
    store.write_batch(&[edited], &[], &[]).unwrap();
    let index = SearchIndex::open(dir.path()).unwrap();
    assert!(!index.in_step(&store).unwrap());
    assert_eq!(index.sync(&store).unwrap(), 1);
    assert_eq!(index.len().unwrap(), 3);
    assert_eq!(total(&index, "belem"), Some(1));
    assert_eq!(total(&index, "mayor"), Some(0));
    assert_eq!(index.rebuild(&store).unwrap(), 3);
    assert_eq!(index.len().unwrap(), 3);
}

#[test]
fn an_index_of_another_layout_is_built_again() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_articles(dir.path());
    {
        // An index with another schema where ours goes.
        let mut b = Schema::builder();
        b.add_text_field("old", TEXT);
        let path = dir.path().join(INDEX_DIR);
        std::fs::create_dir_all(&path).unwrap();
        Index::create_in_dir(&path, b.build()).unwrap();
    }
    let index = SearchIndex::open(dir.path()).unwrap();
    assert_eq!(index.sync(&store).unwrap(), 3);
    assert_eq!(index.len().unwrap(), 3);
}

#[test]
fn a_listing_without_counts_says_whether_more_follow() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_articles(dir.path());
    let index = SearchIndex::open(dir.path()).unwrap();
    index.sync(&store).unwrap();
    let none = Names::default();
    let page = |offset| Page { limit: 1, offset };
    let first = index
        .search("border", &Filters::default(), &none, page(0), Want::default())
        .unwrap();
    assert_eq!((first.total, first.hits.len(), first.more), (None, 1, true));
    let last = index
        .search("border", &Filters::default(), &none, page(1), Want::default())
        .unwrap();
    assert_eq!((last.hits.len(), last.more), (1, false));
    // Words find articles, not quotations, and the other way round.
    assert_eq!(
        index
            .search("constant", &Filters::default(), &none, page(0), Want::default())
            .unwrap()
            .hits
            .len(),
        1
    );
    let (n, quotes) = index.quotes("Minsk", &Filters::default(), &none, 10, 0).unwrap();
    assert_eq!((n, quotes.len()), (0, 0));
}

#[test]
fn an_export_keeps_the_quotations_sure_enough() {
    let mut a = article("a", "T", "Text.", "2021-11-09", "TASS");
    a.quotes.push(quote("We are in constant contact", "Dmitry Peskov"));
    Filters::default().trim_quotes(&mut a);
    assert_eq!(a.quotes.len(), 1);
    let sure = Filters {
        min_confidence: Some(0.95),
        ..Filters::default()
    };
    sure.trim_quotes(&mut a);
    assert!(a.quotes.is_empty());
}
