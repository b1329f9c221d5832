//! What changed in the store, for what follows it (the search index): articles in the order they were
//! last written, with what later stages added to them (their story, their family's original).

use dateline_model::Article;
use rusqlite::{params, OptionalExtension};

use crate::{Error, Result, Store};

/// An article as the store holds it, with its change number and what later stages added.
#[derive(Debug, Clone)]
pub struct Changed {
    /// Its change number: higher than every article written before it.
    pub seq: i64,
    /// The record.
    pub article: Article,
    /// The story it joined.
    pub story: Option<u64>,
    /// Its family's original, when it is a copy.
    pub original: Option<String>,
}

impl Store {
    /// Up to `limit` articles written after change `after`, oldest change first.
    pub fn changed_after(&self, after: i64, limit: usize) -> Result<Vec<Changed>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.seq, a.body, s.story, c.original_id FROM articles a
                 LEFT JOIN story_of s ON s.article_id = a.id
                 LEFT JOIN copies c ON c.article_id = a.id
                 WHERE a.seq > ?1 ORDER BY a.seq LIMIT ?2",
            )
            .map_err(&e)?;
        let rows = st
            .query_map(params![after, limit as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            })
            .map_err(&e)?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, body, story, original) = row.map_err(&e)?;
            out.push(Changed {
                seq,
                article: serde_json::from_str(&body).map_err(Error::from)?,
                story: story.map(|s| s as u64),
                original,
            });
        }
        Ok(out)
    }

    /// The id of the article its input called `external_id` (the first stored, when several did).
    pub fn article_id_of_external(&self, external_id: &str) -> Result<Option<String>> {
        let e = self.err();
        self.conn
            .query_row(
                "SELECT id FROM articles WHERE external_id = ?1 ORDER BY seq LIMIT 1",
                [external_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(e)
    }

    /// An entity's canonical name, by its id.
    pub fn entity_name(&self, id: &str) -> Result<Option<String>> {
        let e = self.err();
        self.conn
            .query_row("SELECT name FROM entities WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(e)
    }

    /// The forms the texts give an entity (its mentions' words), most used first, with how often.
    pub fn entity_aliases(&self, id: &str, limit: usize) -> Result<Vec<(String, u64)>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT text, count(*) FROM mentions WHERE entity_id = ?1 GROUP BY text ORDER BY 2 DESC, 1 LIMIT ?2",
            )
            .map_err(&e)?;
        let rows = st
            .query_map(params![id, limit as i64], |r| {
                Ok((r.get(0)?, r.get::<_, i64>(1)? as u64))
            })
            .map_err(&e)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
    }

    /// The articles that name an entity, newest first (undated last), at most `limit`.
    pub fn entity_articles(&self, id: &str, limit: usize) -> Result<Vec<String>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT a.id FROM articles a WHERE a.id IN (SELECT article_id FROM mentions WHERE entity_id = ?1)
                 ORDER BY a.published IS NULL, a.published DESC, a.seq LIMIT ?2",
            )
            .map_err(&e)?;
        let rows = st.query_map(params![id, limit as i64], |r| r.get(0)).map_err(&e)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
    }

    /// The titles and roles the articles give an entity (`Kremlin spokesman`), most given first, with how
    /// many articles give each: read from the records of the latest `articles` naming it.
    pub fn entity_roles(&self, id: &str, articles: usize) -> Result<Vec<(String, u64)>> {
        let mut records = Vec::new();
        for a in self.entity_articles(id, articles)? {
            records.extend(self.article(&a)?);
        }
        Ok(roles_in(id, &records))
    }

    /// The latest change number (0 for an empty store).
    pub fn last_change(&self) -> Result<i64> {
        let e = self.err();
        self.conn
            .query_row("SELECT COALESCE(MAX(seq), 0) FROM articles", [], |r| r.get(0))
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(e)
    }
}

/// The titles and roles `articles` give the entity `id`, most given first (case aside), with how many of
/// them give each.
pub fn roles_in(id: &str, articles: &[Article]) -> Vec<(String, u64)> {
    let mut counts: Vec<(String, u64)> = Vec::new();
    for e in articles.iter().flat_map(|a| &a.entities).filter(|e| e.id == id) {
        for role in &e.roles {
            match counts.iter_mut().find(|(r, _)| r.eq_ignore_ascii_case(role)) {
                Some((_, n)) => *n += 1,
                None => counts.push((role.clone(), 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_model::Provenance;

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            input: "t.txt".into(),
            provenance: Provenance::default(),
            ..Article::default()
        }
    }

    #[test]
    fn changes_come_in_order_and_an_unchanged_rewrite_is_no_change() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        s.write_batch(&[article("a", "one"), article("b", "two")], &[], &[])
            .unwrap();
        let all = s.changed_after(0, 10).unwrap();
        assert_eq!(
            all.iter().map(|c| c.article.id.as_str()).collect::<Vec<_>>(),
            ["a", "b"]
        );
        let last = s.last_change().unwrap();
        s.write_batch(&[article("a", "one")], &[], &[]).unwrap();
        assert!(s.changed_after(last, 10).unwrap().is_empty());
        s.write_batch(&[article("a", "one, edited")], &[], &[]).unwrap();
        let changed = s.changed_after(last, 10).unwrap();
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].article.text, "one, edited");
    }
}
