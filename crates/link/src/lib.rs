//! Dateline's linking stage: which articles are the same text. Exact duplicates (the same words), copies
//! (the same body in other surroundings: syndicated, cut short, lightly edited) and rewrites (the same
//! report in other words: spun, reordered, attributions inverted).
//!
//! Each article's body becomes a [`Sketch`]: MinHashes of its word 5-shingles (what copying keeps), of the
//! pairs of names and numbers said in one sentence (what spinning keeps: a spinner swaps words and
//! sentences, not who and how many), and of its content words. A [`Linker`] holds the sketches seen so far
//! in LSH buckets; a new article is compared with the articles it shares a bucket with, and linked to the
//! best match's family. Every family points at one original: the earliest published, else the first
//! ingested; an earlier article arriving later becomes the original, and the family's links move to it.
//!
//! ```
//! use dateline_link::{sketch, Linker};
//! let body = "The Kremlin said on Tuesday that Vladimir Putin and Alexander Lukashenko spoke by phone about \
//!             the crisis on the border with Poland, where 2,000 migrants were camped near Kuznica.";
//! let mut linker = Linker::default();
//! assert!(linker.add("a", None, Some("2021-11-09"), sketch(body)).is_empty());
//! let links = linker.add("b", None, Some("2021-11-10"), sketch(&format!("Menu Home News\n\n{body}")));
//! assert_eq!(links[0].original.id, "a");
//! ```

mod sketch;

use std::collections::HashMap;

use dateline_model::{ArticleRef, CopyKind, CopyLink};

use crate::sketch::PrehashedState;
pub use crate::sketch::{containment, is_stopword, jaccard, sketch, Sketch, ANCHOR_BINS, WORD_BINS};

/// LSH over the shingle MinHash: bands of this many bins (32 bands of 4: pairs at Jaccard 0.5 meet with
/// probability 0.87, at 0.3 with 0.23).
const WORD_ROWS: usize = 4;
/// LSH over the anchor-pair MinHash: bands of this many bins (32 bands of 2: pairs at 0.3 meet with
/// probability 0.95).
const ANCHOR_ROWS: usize = 2;
/// The most recent articles of a bucket a new article is compared with: bounds the work per article.
const BUCKET_REACH: usize = 64;

/// Thresholds of the verification (see [`compare`]).
mod verify {
    /// Shingle Jaccard of a copy.
    pub(super) const COPY_JACCARD: f32 = 0.5;
    /// Shingle containment of a cut copy in its original (with [`MIN_SHINGLES`] in the smaller).
    pub(super) const COPY_CONTAINMENT: f32 = 0.8;
    pub(super) const MIN_SHINGLES: u32 = 30;
    /// Anchor-pair containment of a rewrite (with [`MIN_PAIRS`] in the smaller).
    pub(super) const REWRITE_ANCHORS: f32 = 0.4;
    pub(super) const MIN_PAIRS: u32 = 8;
    /// Content-word Jaccard of a rewrite (a spinner swaps a third of the words: spun copies keep about 0.34,
    /// the nearest other story about 0.06).
    pub(super) const REWRITE_TERMS: f32 = 0.2;
    /// Mean of the two above: a rewrite near both thresholds at once is too weak.
    pub(super) const REWRITE_SCORE: f32 = 0.45;
}

/// Whether two bodies are the same text, and how: `None` when they are not.
pub fn compare(a: &Sketch, b: &Sketch) -> Option<(CopyKind, f32)> {
    if a.exact == b.exact && a.shingles == b.shingles && a.shingles > 0 {
        return Some((CopyKind::Exact, 1.0));
    }
    let jw = jaccard(&a.words, &b.words);
    let cw = containment(jw, a.shingles, b.shingles);
    if jw >= verify::COPY_JACCARD
        || (cw >= verify::COPY_CONTAINMENT && a.shingles.min(b.shingles) >= verify::MIN_SHINGLES)
    {
        return Some((CopyKind::Copy, jw.max(cw)));
    }
    if a.pairs.min(b.pairs) < verify::MIN_PAIRS {
        return None;
    }
    let ca = containment(jaccard(&a.anchors, &b.anchors), a.pairs, b.pairs);
    let jt = jaccard(&a.content, &b.content);
    let score = (ca + jt) / 2.0;
    (ca >= verify::REWRITE_ANCHORS && jt >= verify::REWRITE_TERMS && score >= verify::REWRITE_SCORE)
        .then_some((CopyKind::Rewrite, score))
}

/// One article the linker holds.
struct Entry {
    article: ArticleRef,
    /// Publication day (ISO), and the order it arrived in: the earliest is a family's original.
    order: (Option<String>, u64),
    sketch: Sketch,
    /// Index of its family's original.
    root: usize,
    /// The article it matched, how, and how closely, when it is a copy.
    matched: Option<(CopyKind, f32)>,
}

/// LSH buckets, compact: a bucket's key (cut to 32 bits: a chance meeting only costs a verification) maps
/// to its latest article, and each entry links to the one before it in its bucket, so an article costs two
/// small slots per band rather than a map entry and a vector.
#[derive(Default)]
struct Buckets {
    heads: HashMap<u32, u32, PrehashedState>,
    /// (article, the entry before it in its bucket, or `u32::MAX`).
    chain: Vec<(u32, u32)>,
}

impl Buckets {
    fn push(&mut self, key: u64, article: u32) {
        let node = u32::try_from(self.chain.len()).unwrap_or(u32::MAX);
        let prev = self.heads.insert(key as u32, node).unwrap_or(u32::MAX);
        self.chain.push((article, prev));
    }

    /// The articles of a bucket, latest first.
    fn latest(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.heads.get(&(key as u32)).copied().unwrap_or(u32::MAX);
        std::iter::from_fn(move || {
            let &(article, prev) = self.chain.get(at as usize)?;
            at = prev;
            Some(article)
        })
    }
}

/// The articles seen so far, in LSH buckets, grouped in families of copies.
#[derive(Default)]
pub struct Linker {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    buckets: Buckets,
    members: HashMap<usize, Vec<usize>>,
    /// Restored articles waiting for [`Linker::settle`], with their originals' ids.
    pending: Vec<(usize, Option<String>)>,
}

/// Whether `a` comes before `b`: dated before undated, then by day, then by arrival.
fn earlier(a: &(Option<String>, u64), b: &(Option<String>, u64)) -> bool {
    let day = |o: &Option<String>| o.as_ref().map(|d| d.get(..10).unwrap_or(d).to_string());
    match (day(&a.0), day(&b.0)) {
        (Some(x), Some(y)) if x != y => x < y,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        _ => a.1 < b.1,
    }
}

impl Linker {
    /// How many articles it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds the article `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The bucket keys of a sketch: one per band of each MinHash.
    fn keys(s: &Sketch) -> Vec<u64> {
        // A band's bins packed in one word (16 bits each, at most 4), spread with its MinHash and place.
        let band = |tag: u64, bins: &[u16], rows: usize| -> Vec<u64> {
            bins.chunks(rows)
                .enumerate()
                .map(|(i, c)| {
                    let packed = c.iter().fold(0u64, |acc, &v| acc << 16 | u64::from(v));
                    let place = (tag << 32 | i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
                    sketch::mix(packed ^ place)
                })
                .collect()
        };
        let mut keys = band(1, &s.words, WORD_ROWS);
        if s.pairs >= verify::MIN_PAIRS {
            keys.extend(band(2, &s.anchors, ANCHOR_ROWS));
        }
        keys
    }

    /// Adds an article (`published` is its ISO date when known) and returns the links it makes or moves:
    /// its own link to its family's original, or, when it is earlier than that original, the family's links
    /// now pointing at it. An id seen before changes nothing.
    pub fn add(
        &mut self,
        id: &str,
        external_id: Option<&str>,
        published: Option<&str>,
        sketch: Sketch,
    ) -> Vec<CopyLink> {
        if self.by_id.contains_key(id) {
            return Vec::new();
        }
        let keys = Self::keys(&sketch);
        let mut candidates: Vec<u32> = Vec::new();
        for k in &keys {
            candidates.extend(self.buckets.latest(*k).take(BUCKET_REACH));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut best: Option<(usize, CopyKind, f32)> = None;
        for c in candidates.into_iter().map(|c| c as usize) {
            if let Some((kind, sim)) = compare(&sketch, &self.entries[c].sketch) {
                let better = best.is_none_or(|(_, bk, bs)| kind < bk || kind == bk && sim > bs);
                if better {
                    best = Some((c, kind, sim));
                }
            }
        }
        let me = self.entries.len();
        for k in keys {
            self.buckets.push(k, me as u32);
        }
        self.by_id.insert(id.to_string(), me);
        let order = (published.map(str::to_string), me as u64);
        let article = ArticleRef {
            id: id.to_string(),
            external_id: external_id.map(str::to_string),
        };
        let Some((c, kind, sim)) = best else {
            self.entries.push(Entry {
                article,
                order,
                sketch,
                root: me,
                matched: None,
            });
            self.members.insert(me, vec![me]);
            return Vec::new();
        };
        let root = self.entries[c].root;
        if !earlier(&order, &self.entries[root].order) {
            self.entries.push(Entry {
                article,
                order,
                sketch,
                root,
                matched: Some((kind, sim)),
            });
            self.members.entry(root).or_default().push(me);
            return vec![self.link(me)];
        }
        // The newcomer is earlier than the family's original: it becomes the original, and the old original
        // a copy of it (as it matches it, else as the newcomer matched the family).
        let old = compare(&self.entries[root].sketch, &sketch).unwrap_or((kind, sim));
        self.entries.push(Entry {
            article,
            order,
            sketch,
            root: me,
            matched: None,
        });
        let family = self.members.remove(&root).unwrap_or_default();
        self.entries[root].matched = Some(old);
        for &m in &family {
            self.entries[m].root = me;
        }
        let mut all = vec![me];
        all.extend(&family);
        self.members.insert(me, all);
        family.into_iter().map(|m| self.link(m)).collect()
    }

    /// Takes back an article a store holds, in the order they were first linked; `original` is its family's
    /// original with how it matched, when it is a copy. Call [`Linker::settle`] once all are back.
    pub fn restore(
        &mut self,
        article: ArticleRef,
        published: Option<String>,
        sketch: Sketch,
        original: Option<(String, CopyKind, f32)>,
    ) {
        if self.by_id.contains_key(&article.id) {
            return;
        }
        let me = self.entries.len();
        for k in Self::keys(&sketch) {
            self.buckets.push(k, me as u32);
        }
        self.by_id.insert(article.id.clone(), me);
        let matched = original.as_ref().map(|o| (o.1, o.2));
        self.pending.push((me, original.map(|o| o.0)));
        self.entries.push(Entry {
            article,
            order: (published, me as u64),
            sketch,
            root: me,
            matched,
        });
    }

    /// Joins the restored articles to their families' originals (an original outside what was restored
    /// leaves its copies as originals of their own here).
    pub fn settle(&mut self) {
        for (me, original) in std::mem::take(&mut self.pending) {
            let root = original.and_then(|o| self.by_id.get(&o).copied()).unwrap_or(me);
            self.entries[me].root = root;
            self.members.entry(root).or_default().push(me);
        }
    }

    /// The link of a copy to its family's original.
    fn link(&self, m: usize) -> CopyLink {
        let e = &self.entries[m];
        let (kind, similarity) = e.matched.unwrap_or((CopyKind::Copy, 0.0));
        CopyLink {
            article: e.article.clone(),
            original: self.entries[e.root].article.clone(),
            kind,
            similarity: (similarity * 1000.0).round() / 1000.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Russian President Vladimir Putin and Belarusian leader Alexander Lukashenko discussed the \
        migrant crisis on the border with Poland by telephone on Tuesday, the Kremlin said. Kremlin spokesman \
        Dmitry Peskov told reporters that about 2,000 migrants were camped near the Kuznica crossing. The \
        European Union accused Minsk of orchestrating the crisis in revenge for sanctions. Warsaw sent 15,000 \
        soldiers to the frontier, the Polish defence ministry said on Wednesday. Germany's interior minister \
        Horst Seehofer called on the EU to help Poland secure the border.";

    #[test]
    fn copies_point_at_the_earliest_and_a_reingest_changes_nothing() {
        let mut l = Linker::default();
        assert!(l.add("late", Some("1"), Some("2021-11-12"), sketch(BODY)).is_empty());
        let cut = BODY.rsplit_once(". ").map_or(BODY, |(a, _)| a);
        let links = l.add(
            "cut",
            Some("2"),
            Some("2021-11-12"),
            sketch(&format!("Home | World\n\n{cut}.")),
        );
        assert_eq!((links[0].original.id.as_str(), links[0].kind), ("late", CopyKind::Copy));
        // An earlier exact copy arrives: the family's links move to it.
        let moved = l.add("first", Some("0"), Some("2021-11-09"), sketch(BODY));
        let mut got: Vec<(&str, &str, CopyKind)> = moved
            .iter()
            .map(|m| (m.article.id.as_str(), m.original.id.as_str(), m.kind))
            .collect();
        got.sort();
        assert_eq!(
            got,
            [("cut", "first", CopyKind::Copy), ("late", "first", CopyKind::Exact)]
        );
        assert!(l.add("first", Some("0"), Some("2021-11-09"), sketch(BODY)).is_empty());
        assert_eq!(l.len(), 3);
        // Another story is no copy.
        let other = "Lisbon's mayor Carlos Moedas opened a new tram line on Friday, saying 40,000 people would \
            use it each day. The city council approved 12 more stops along the river, and the Portuguese \
            transport ministry said work would start in March.";
        assert!(l.add("other", None, Some("2021-11-10"), sketch(other)).is_empty());
    }

    #[test]
    fn a_spun_rewrite_is_linked_as_a_rewrite() {
        let spun = "Warsaw dispatched 15,000 troops to the frontier, the Polish defence ministry stated on \
            Wednesday. Vladimir Putin, the Russian president, and Alexander Lukashenko, the Belarusian chief, \
            talked about the migrant emergency at the border with Poland over the phone on Tuesday, the Kremlin \
            stated. Moreover, Kremlin representative Dmitry Peskov informed journalists that roughly 2,000 \
            migrants were encamped close to the Kuznica crossing. The European Union blamed Minsk for \
            engineering the emergency as payback for sanctions.";
        let (kind, _) = compare(&sketch(BODY), &sketch(spun)).unwrap_or((CopyKind::Exact, 0.0));
        assert_eq!(kind, CopyKind::Rewrite);
        let mut l = Linker::default();
        l.add("a", None, Some("2021-11-09"), sketch(BODY));
        let links = l.add("b", None, Some("2021-11-10"), sketch(spun));
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].kind, CopyKind::Rewrite);
    }
}
