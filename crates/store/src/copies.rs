//! The copy families in the store: each linked article's sketch (compact, a few hundred bytes) and its link
//! to its family's original, so that later ingests link new articles to what the store holds without
//! reading the bodies again.

use dateline_model::{ArticleRef, CopyKind, CopyLink};
use rusqlite::{params, OptionalExtension};

use crate::{Result, Store};

/// One article's linking state as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSketch {
    /// The article.
    pub article: ArticleRef,
    /// Its publication date, when known.
    pub published: Option<String>,
    /// Its sketch (`dateline_link::Sketch::to_bytes`).
    pub sketch: Vec<u8>,
    /// Its family's original, how it matched and how closely, when it is a copy.
    pub original: Option<(String, CopyKind, f32)>,
}

fn kind_of(s: &str) -> CopyKind {
    match s {
        "exact" => CopyKind::Exact,
        "rewrite" => CopyKind::Rewrite,
        _ => CopyKind::Copy,
    }
}

impl Store {
    /// Whether the article already has its linking state.
    pub fn has_sketch(&self, id: &str) -> Result<bool> {
        let e = self.err();
        self.conn
            .query_row("SELECT 1 FROM copies WHERE article_id = ?1", [id], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(e)
    }

    /// The linking state of the `limit` articles linked last, in the order they were linked.
    pub fn sketches(&self, limit: usize) -> Result<Vec<StoredSketch>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare(
                "SELECT article_id, external_id, published, sketch, original_id, kind, similarity FROM
                   (SELECT * FROM copies ORDER BY seq DESC LIMIT ?1) ORDER BY seq",
            )
            .map_err(&e)?;
        let rows = st
            .query_map([limit as i64], |r| {
                let original: Option<String> = r.get(4)?;
                let kind: Option<String> = r.get(5)?;
                let sim: Option<f64> = r.get(6)?;
                Ok(StoredSketch {
                    article: ArticleRef {
                        id: r.get(0)?,
                        external_id: r.get(1)?,
                    },
                    published: r.get(2)?,
                    sketch: r.get(3)?,
                    original: original.map(|o| (o, kind_of(kind.as_deref().unwrap_or("")), sim.unwrap_or(0.0) as f32)),
                })
            })
            .map_err(&e)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
    }

    /// Records new articles' sketches (in the order they were linked) and the links made or moved, in one
    /// transaction.
    pub fn write_copies(
        &mut self,
        sketches: &[(ArticleRef, Option<String>, Vec<u8>)],
        links: &[CopyLink],
    ) -> Result<()> {
        self.write(|tx| {
            let mut put = tx.prepare_cached(
                "INSERT INTO copies (article_id, external_id, published, sketch) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(article_id) DO NOTHING",
            )?;
            for (a, published, sketch) in sketches {
                put.execute(params![a.id, a.external_id, published, sketch])?;
            }
            let mut link = tx.prepare_cached(
                "UPDATE copies SET original_id = ?2, kind = ?3, similarity = ?4 WHERE article_id = ?1",
            )?;
            for l in links {
                link.execute(params![
                    l.article.id,
                    l.original.id,
                    l.kind.as_str(),
                    f64::from(l.similarity)
                ])?;
            }
            Ok(())
        })
    }

    /// Every copy with its family's original, families together, originals in the order they were linked.
    pub fn copies(&self, kind: Option<CopyKind>) -> Result<Vec<CopyLink>> {
        self.copy_links("(?1 IS NULL OR c.kind = ?1)", kind.map(CopyKind::as_str))
    }

    /// The links of one article: its own to its original, or its copies' to it.
    pub fn copies_touching(&self, article: &str) -> Result<Vec<CopyLink>> {
        self.copy_links("(c.article_id = ?1 OR c.original_id = ?1)", Some(article))
    }

    fn copy_links(&self, filter: &str, param: Option<&str>) -> Result<Vec<CopyLink>> {
        let e = self.err();
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT c.article_id, c.external_id, c.original_id, o.external_id, c.kind, c.similarity
                 FROM copies c LEFT JOIN copies o ON o.article_id = c.original_id
                 WHERE c.original_id IS NOT NULL AND {filter}
                 ORDER BY coalesce(o.seq, 0), c.seq"
            ))
            .map_err(&e)?;
        let rows = st
            .query_map([param], |r| {
                Ok(CopyLink {
                    article: ArticleRef {
                        id: r.get(0)?,
                        external_id: r.get(1)?,
                    },
                    original: ArticleRef {
                        id: r.get(2)?,
                        external_id: r.get(3)?,
                    },
                    kind: kind_of(&r.get::<_, String>(4)?),
                    similarity: r.get::<_, f64>(5)? as f32,
                })
            })
            .map_err(&e)?;
        rows.collect::<std::result::Result<Vec<_>, _>>().map_err(&e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sketches_and_links_round_trip() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut s = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        let r = |id: &str| ArticleRef {
            id: id.into(),
            external_id: Some(format!("x-{id}")),
        };
        let new = vec![
            (r("a"), Some("2021-11-09".to_string()), vec![1u8, 2]),
            (r("b"), None, vec![3u8]),
        ];
        let link = CopyLink {
            article: r("b"),
            original: r("a"),
            kind: CopyKind::Rewrite,
            similarity: 0.5,
        };
        s.write_copies(&new, std::slice::from_ref(&link))
            .unwrap_or_else(|e| panic!("{e}"));
        s.write_copies(&new, &[]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.copies(None).unwrap_or_default(), vec![link]);
        assert!(s.copies(Some(CopyKind::Exact)).unwrap_or_default().is_empty());
        let back = s.sketches(10).unwrap_or_default();
        assert_eq!(back.len(), 2);
        assert_eq!(back[1].original, Some(("a".to_string(), CopyKind::Rewrite, 0.5)));
        assert_eq!(s.sketches(1).unwrap_or_default()[0].article.id, "b");
        assert!(s.has_sketch("a").unwrap_or(false) && !s.has_sketch("z").unwrap_or(true));
    }
}
