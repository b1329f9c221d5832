//! Stories in the store: which story each article joined, the clustering's state between ingests, and
//! stories read back with their articles, outlets and timelines.

use std::collections::{BTreeSet, HashSet};

use dateline_model::{Story, StoryArticle, StoryStatement};
use rusqlite::{params, OptionalExtension};

use crate::{Result, Store};

impl Store {
    /// The story clustering's state as the last ingest left it.
    pub fn story_state(&self) -> Result<Option<String>> {
        let e = self.err();
        self.conn
            .query_row("SELECT value FROM state WHERE key = 'stories'", [], |r| r.get(0))
            .optional()
            .map_err(e)
    }

    /// The story an article joined.
    pub fn story_of(&self, article: &str) -> Result<Option<u64>> {
        let e = self.err();
        self.conn
            .query_row("SELECT story FROM story_of WHERE article_id = ?1", [article], |r| {
                r.get::<_, i64>(0)
            })
            .optional()
            .map(|s| s.map(|s| s as u64))
            .map_err(e)
    }

    /// The highest story id given so far.
    pub fn max_story(&self) -> Result<Option<u64>> {
        let e = self.err();
        self.conn
            .query_row("SELECT max(story) FROM story_of", [], |r| r.get::<_, Option<i64>>(0))
            .map(|s| s.map(|s| s as u64))
            .map_err(e)
    }

    /// Records articles' stories, the labels of the stories they changed, and (when given) the clustering's
    /// state, in one transaction. An article that had another story is numbered as changed again, so that
    /// what follows the store (the search index) takes its new story.
    pub fn write_stories(
        &mut self,
        joined: &[(String, u64)],
        labels: &[(u64, String)],
        state: Option<&str>,
    ) -> Result<()> {
        self.write(|tx| {
            let mut had = tx.prepare_cached("SELECT story FROM story_of WHERE article_id = ?1")?;
            let mut put = tx.prepare_cached("INSERT OR REPLACE INTO story_of (article_id, story) VALUES (?1, ?2)")?;
            let mut renumber = tx.prepare_cached(
                "UPDATE articles SET seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM articles) WHERE id = ?1",
            )?;
            for (a, s) in joined {
                let before: Option<i64> = had.query_row([a], |r| r.get(0)).optional()?;
                put.execute(params![a, *s as i64])?;
                if before.is_some_and(|b| b != *s as i64) {
                    renumber.execute([a])?;
                }
            }
            let mut label = tx.prepare_cached("INSERT OR REPLACE INTO story_labels (story, label) VALUES (?1, ?2)")?;
            for (s, l) in labels {
                label.execute(params![*s as i64, l])?;
            }
            if let Some(state) = state {
                tx.execute(
                    "INSERT OR REPLACE INTO state (key, value) VALUES ('stories', ?1)",
                    [state],
                )?;
            }
            Ok(())
        })
    }

    /// Stories with their articles (earliest first), most articles first; `only` picks one story and fills
    /// its timeline.
    pub fn stories(&self, only: Option<u64>, limit: usize) -> Result<Vec<Story>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare(
                "SELECT s.story, coalesce(l.label, ''), a.id, a.external_id, a.title, a.published, a.outlet, a.url,
                        c.original_id
                 FROM story_of s JOIN articles a ON a.id = s.article_id
                 LEFT JOIN story_labels l ON l.story = s.story
                 LEFT JOIN copies c ON c.article_id = a.id
                 WHERE ?1 IS NULL OR s.story = ?1
                 ORDER BY s.story, a.published IS NULL, a.published, a.id",
            )
            .map_err(&e)?;
        let rows = st
            .query_map([only.map(|s| s as i64)], |r| {
                Ok((
                    r.get::<_, i64>(0)? as u64,
                    r.get::<_, String>(1)?,
                    StoryArticle {
                        id: r.get(2)?,
                        external_id: r.get(3)?,
                        title: r.get(4)?,
                        published: r.get(5)?,
                        outlet: r.get(6)?,
                        url: r.get(7)?,
                        copy_of: r.get(8)?,
                    },
                ))
            })
            .map_err(&e)?;
        let mut stories: Vec<Story> = Vec::new();
        for row in rows {
            let (id, label, article) = row.map_err(&e)?;
            if stories.last().is_none_or(|s| s.id != id) {
                stories.push(Story {
                    id,
                    label,
                    ..Story::default()
                });
            }
            if let Some(s) = stories.last_mut() {
                s.articles.push(article);
            }
        }
        for s in &mut stories {
            let dates: Vec<&String> = s.articles.iter().filter_map(|a| a.published.as_ref()).collect();
            s.first_seen = dates.iter().min().map(|d| d.to_string());
            s.last_seen = dates.iter().max().map(|d| d.to_string());
            let outlets: BTreeSet<String> = s.articles.iter().filter_map(|a| a.outlet.clone()).collect();
            s.outlets = outlets.into_iter().collect();
            let own: BTreeSet<String> = s
                .articles
                .iter()
                .filter(|a| a.copy_of.is_none())
                .filter_map(|a| a.outlet.clone())
                .collect();
            s.independent_sources = own.into_iter().collect();
        }
        stories.sort_by(|a, b| b.articles.len().cmp(&a.articles.len()).then(a.id.cmp(&b.id)));
        stories.truncate(limit);
        if only.is_some() {
            for s in &mut stories {
                s.timeline = self.timeline(s)?;
            }
        }
        Ok(stories)
    }

    /// The statements of a story's articles in time order, each marked when it is the first to carry its
    /// words.
    fn timeline(&self, story: &Story) -> Result<Vec<StoryStatement>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare("SELECT speaker, text FROM quotes WHERE article_id = ?1 AND in_title = 0 ORDER BY idx")
            .map_err(&e)?;
        let mut seen: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        for a in &story.articles {
            let rows = st
                .query_map([&a.id], |r| {
                    Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?))
                })
                .map_err(&e)?;
            for row in rows {
                let (speaker, text) = row.map_err(&e)?;
                let key: String = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
                out.push(StoryStatement {
                    article: a.id.clone(),
                    published: a.published.clone(),
                    outlet: a.outlet.clone(),
                    speaker,
                    text,
                    first: seen.insert(key),
                });
            }
        }
        Ok(out)
    }
}
