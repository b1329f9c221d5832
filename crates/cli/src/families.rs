//! What an ingest adds to the store's families of copies and its stories: the state loaded from the store
//! at the start, each batch's articles linked and clustered in order, and the story state saved at the end.

use std::collections::HashSet;

use dateline_link::{Linker, Sketch};
use dateline_model::{Article, ArticleRef};
use dateline_store::Store;
use dateline_story::Stories;

/// How many of the articles linked last an ingest holds in memory to link new ones to (under 900 bytes
/// each with their buckets): copies of news arrive within days, and older families stay on disk.
const LINK_WINDOW: usize = 200_000;

/// How many of the latest articles the story clustering holds (their words and links): a new article is
/// linked to these, and only these may still change story; older stories have gone quiet, and letting
/// them go bounds the story state the store keeps.
const STORY_WINDOW: usize = 20_000;

/// The linker and the story clustering of one ingest.
pub(crate) struct Families {
    linker: Linker,
    clusters: Stories,
}

impl Families {
    /// The state the store holds: the sketches of the articles linked last, and the stories.
    pub(crate) fn load(store: &Store) -> anyhow::Result<Families> {
        let mut clusters = match store.story_state()? {
            Some(state) => Stories::from_json(&state).unwrap_or_default(),
            None => Stories::default(),
        };
        // A state of an older version starts afresh: its stories stay in the store, and new ones take
        // ids after theirs.
        clusters.ids_from(store.max_story()?.map_or(0, |s| s + 1));
        Ok(Families {
            linker: latest_sketches(store)?,
            clusters,
        })
    }

    /// Links a batch's new articles to their copies and puts each in a story (a copy joins its original's
    /// story; anything else is linked to its nearest articles and the stories settled again), writing both
    /// to the store, with the articles an earlier batch placed that the settle moved. Articles the store has
    /// linked or placed before are not taken again.
    pub(crate) fn take(&mut self, articles: &[Article], store: &mut Store) -> anyhow::Result<()> {
        let mut sketches = Vec::new();
        let mut links = Vec::new();
        for a in articles {
            if self.linker.contains(&a.id) || store.has_sketch(&a.id)? {
                continue;
            }
            let s = dateline_link::sketch(&a.text);
            let bytes = s.to_bytes();
            links.extend(
                self.linker
                    .add(&a.id, a.external_id.as_deref(), a.published.as_deref(), s),
            );
            let article = ArticleRef {
                id: a.id.clone(),
                external_id: a.external_id.clone(),
            };
            sketches.push((article, a.published.clone(), bytes));
        }
        store.write_copies(&sketches, &links)?;
        // Likewise the linker: past half the window again it is loaded afresh with the window's articles
        // (a read of their sketches once per LINK_WINDOW / 2 articles), so a long ingest's memory stays bounded.
        if self.linker.len() > LINK_WINDOW + LINK_WINDOW / 2 {
            self.linker = latest_sketches(store)?;
        }
        let mut placed: HashSet<&str> = HashSet::new();
        for a in articles {
            if self.clusters.contains(&a.id) || !placed.insert(&a.id) || store.story_of(&a.id)?.is_some() {
                continue;
            }
            let original = links
                .iter()
                .find(|l| l.article.id == a.id)
                .map(|l| l.original.id.as_str());
            // A copy goes where its original is (held here, or as the store has it); an article that is its
            // own family's original, or whose original has no story yet, is placed by its words.
            let stored = match original {
                Some(o) if !self.clusters.contains(o) => store.story_of(o)?,
                _ => None,
            };
            // An article known only by its update date was published by then: near enough for a story.
            let day = a.published.as_deref().or(a.modified.as_deref()).and_then(day_number);
            let words = (a.title.as_deref().unwrap_or(""), a.text.as_str(), day);
            match original {
                Some(o) if self.clusters.contains(o) || stored.is_some() => {
                    self.clusters.add_copy(&a.id, words, o, stored);
                }
                _ => self.clusters.add(&a.id, words.0, words.1, day),
            }
        }
        let settled = self.clusters.settle();
        store.write_stories(&settled.moved, &settled.labels, None)?;
        // A long ingest lets quiet stories go as it goes (not only at its end), so that its memory stays
        // bounded by the window whatever its size; half the window again is let grow first, so that the
        // letting go (a pass over the state) is paid once per STORY_WINDOW / 2 new stories.
        if self.clusters.len() > STORY_WINDOW + STORY_WINDOW / 2 {
            self.clusters.retain_recent(STORY_WINDOW);
        }
        Ok(())
    }

    /// Saves the story state (the latest articles' words and links) for the next ingest.
    pub(crate) fn save(mut self, store: &mut Store) -> anyhow::Result<()> {
        self.clusters.retain_recent(STORY_WINDOW);
        store.write_stories(&[], &[], Some(&self.clusters.to_json()))?;
        Ok(())
    }
}

/// A linker holding the [`LINK_WINDOW`] articles the store linked last.
fn latest_sketches(store: &Store) -> anyhow::Result<Linker> {
    let mut linker = Linker::default();
    for s in store.sketches(LINK_WINDOW)? {
        // A sketch an older version made is made again from the stored text.
        let sketch = match Sketch::from_bytes(&s.sketch) {
            Some(sketch) => Some(sketch),
            None => store.article(&s.article.id)?.map(|a| dateline_link::sketch(&a.text)),
        };
        if let Some(sketch) = sketch {
            linker.restore(s.article, s.published, sketch, s.original);
        }
    }
    linker.settle();
    Ok(linker)
}

/// Days since the common era of an ISO date's day, for the story stage's time decay.
fn day_number(iso: &str) -> Option<i64> {
    let d = chrono::NaiveDate::parse_from_str(iso.get(..10)?, "%Y-%m-%d").ok()?;
    Some(i64::from(chrono::Datelike::num_days_from_ce(&d)))
}
