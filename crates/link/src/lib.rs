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

mod bands;
mod sketch;
mod words;

use dateline_model::{ArticleRef, CopyKind, CopyLink};

use crate::bands::Bands;
pub use crate::bands::MAX_ARTICLES;
pub use crate::sketch::{containment, is_stopword, jaccard, sketch, Sketch, ANCHOR_BINS, WORD_BINS};

/// LSH over the shingle MinHash: bands of this many bins (32 bands of 4: pairs at Jaccard 0.5 meet with
/// probability 0.87, at 0.3 with 0.23).
const WORD_ROWS: usize = 4;
/// LSH over the anchor-pair MinHash: bands of this many bins, [`ANCHOR_BANDS`] of them over its first bins
/// (16 bands of 2: pairs at Jaccard 0.4 meet with probability 0.94, at 0.6 with 0.999; a rewrite must keep
/// 0.8 of the smaller article's pairs, so pairs further apart are never linked anyway).
const ANCHOR_ROWS: usize = 2;
/// Bands of the anchor-pair MinHash put in buckets (32 did no better on copies of PolNeAR train, and each
/// band is a slot per article and a probe per new one).
const ANCHOR_BANDS: usize = 16;
/// The most recent articles of a bucket a new article is compared with: bounds the work per article.
const BUCKET_REACH: usize = 64;

/// Thresholds of the verification (see [`compare`]).
mod verify {
    /// Shingle Jaccard of a copy.
    pub(super) const COPY_JACCARD: f32 = 0.5;
    /// Shingle containment of a cut copy in its original (with [`MIN_SHINGLES`] in the smaller).
    pub(super) const COPY_CONTAINMENT: f32 = 0.8;
    pub(super) const MIN_SHINGLES: u32 = 30;
    /// Anchor-pair containment of a rewrite (with [`MIN_PAIRS`] in the smaller). A spinner keeps who and
    /// how many: spun copies of PolNeAR train keep 0.90 of their pairs or more (99 in 100 of them), while
    /// independent reports of one event by other outlets (ECB+) share from 0.4 up: at 0.4, a hundred of
    /// those were called rewrites of each other, at 0.8 a third of that.
    pub(super) const REWRITE_ANCHORS: f32 = 0.8;
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
    if a.shingles == 0 || b.shingles == 0 {
        return None;
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
    let jt = if a.terms.min(b.terms) > 0 {
        jaccard(&a.content, &b.content)
    } else {
        0.0
    };
    let score = (ca + jt) / 2.0;
    (ca >= verify::REWRITE_ANCHORS && jt >= verify::REWRITE_TERMS && score >= verify::REWRITE_SCORE)
        .then_some((CopyKind::Rewrite, score))
}

/// No article (the end of a family's list).
const NONE: u32 = u32::MAX;
/// Band keys of one sketch at most: one per band of the shingle MinHash and per anchor band.
const MAX_KEYS: usize = WORD_BINS / WORD_ROWS + ANCHOR_BANDS;

/// The articles seen so far, in LSH buckets, grouped in families of copies.
///
/// Held compactly, article by article in parallel arrays (an article is its number): its sketch (340
/// bytes), its ids in one byte arena, its day, its family, and four bytes per band in [`Bands`]: about
/// 800 bytes an article in all (`examples/memory.rs` measures it). At most [`MAX_ARTICLES`] articles: past
/// that, one is neither linked nor held.
#[derive(Default)]
pub struct Linker {
    sketches: Vec<Sketch>,
    /// Each article's id, then its external id, one after the other.
    names: Vec<u8>,
    /// Where each article's id and external id end in `names`.
    ends: Vec<[u64; 2]>,
    /// Publication day as `YYYYMMDD` (0: undated).
    day: Vec<u32>,
    /// Its family's original.
    root: Vec<u32>,
    /// The next article of its family, in a list that starts at the original.
    next: Vec<u32>,
    /// The article it matched, how, and how closely, when it is a copy.
    matched: Vec<Option<(CopyKind, f32)>>,
    /// Article numbers (plus one) by a hash of their id, open addressing.
    by_id: Vec<u32>,
    bands: Bands,
    /// Restored articles waiting for [`Linker::settle`], with their originals' ids.
    pending: Vec<(u32, Option<String>)>,
}

/// An ISO date's day as `YYYYMMDD` (missing month or day as 00), 0 when it does not start with a year.
fn day_of(iso: Option<&str>) -> u32 {
    let Some(iso) = iso else {
        return 0;
    };
    let digits = |r: std::ops::Range<usize>| iso.get(r).and_then(|d| d.parse::<u32>().ok());
    let Some(year) = digits(0..4) else {
        return 0;
    };
    let month = digits(5..7).unwrap_or(0);
    let day = digits(8..10).unwrap_or(0);
    year * 10_000 + month * 100 + day
}

impl Linker {
    /// How many articles it holds.
    pub fn len(&self) -> usize {
        self.sketches.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.sketches.is_empty()
    }

    /// Whether it holds the article `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.find(id).is_some()
    }

    /// Bytes its state takes (the arrays' lengths, not what the allocator keeps spare).
    pub fn state_bytes(&self) -> usize {
        let n = self.len();
        n * (std::mem::size_of::<Sketch>() + 16 + 4 + 4 + 4 + std::mem::size_of::<Option<(CopyKind, f32)>>())
            + self.names.len()
            + self.by_id.len() * 4
            + self.bands.bytes()
    }

    /// An article's id, as bytes.
    fn id_bytes(&self, a: u32) -> &[u8] {
        let a = a as usize;
        let start = if a == 0 { 0 } else { self.ends[a - 1][1] as usize };
        let end = self.ends[a][0] as usize;
        self.names.get(start..end).unwrap_or_default()
    }

    /// An article's id.
    fn id(&self, a: u32) -> &str {
        std::str::from_utf8(self.id_bytes(a)).unwrap_or_default()
    }

    /// An article's ids, for a link.
    fn article(&self, a: u32) -> ArticleRef {
        let [id_end, ext_end] = self.ends[a as usize];
        let external = std::str::from_utf8(self.names.get(id_end as usize..ext_end as usize).unwrap_or_default())
            .unwrap_or_default();
        ArticleRef {
            id: self.id(a).to_string(),
            external_id: (!external.is_empty()).then(|| external.to_string()),
        }
    }

    /// Where the article `id` is or would go in `by_id`, and its number when held.
    fn slot_of(&self, id: &[u8]) -> (usize, Option<u32>) {
        let len = self.by_id.len();
        if len == 0 {
            return (0, None);
        }
        let mut at = (((words::hash_bytes(id) >> 32) * len as u64) >> 32) as usize;
        loop {
            match self.by_id[at] {
                0 => return (at, None),
                a if self.id_bytes(a - 1) == id => return (at, Some(a - 1)),
                _ => at = if at + 1 == len { 0 } else { at + 1 },
            }
        }
    }

    fn find(&self, id: &str) -> Option<u32> {
        self.slot_of(id.as_bytes()).1
    }

    /// Numbers a new article: its ids, day and sketch kept, its id findable, its bands in the buckets (and
    /// the articles sharing a bucket with it in `found`, when asked).
    fn hold(
        &mut self,
        id: &str,
        external_id: Option<&str>,
        published: Option<&str>,
        sketch: Sketch,
        found: Option<&mut Vec<u32>>,
    ) -> u32 {
        let me = self.sketches.len() as u32;
        let (keys, n) = Self::keys(&sketch);
        if !self.bands.has_room(n) {
            self.bands.reset(self.len() * MAX_KEYS + n);
            for a in 0..self.sketches.len() {
                let (keys, n) = Self::keys(&self.sketches[a]);
                self.bands.put_all(&keys[..n], a as u32, BUCKET_REACH, None);
            }
        }
        self.bands.put_all(&keys[..n], me, BUCKET_REACH, found);
        self.names.extend_from_slice(id.as_bytes());
        let id_end = self.names.len() as u64;
        self.names.extend_from_slice(external_id.unwrap_or_default().as_bytes());
        self.ends.push([id_end, self.names.len() as u64]);
        self.day.push(day_of(published));
        self.root.push(me);
        self.next.push(NONE);
        self.matched.push(None);
        self.sketches.push(sketch);
        if (self.len() + 1) * 4 > self.by_id.len() * 3 {
            self.by_id = vec![0; (self.len() * 2).max(1024)];
            for a in 0..self.len() as u32 {
                let (at, _) = self.slot_of(self.id_bytes(a));
                self.by_id[at] = a + 1;
            }
        } else {
            let (at, _) = self.slot_of(id.as_bytes());
            self.by_id[at] = me + 1;
        }
        me
    }

    /// Whether article `a` comes before `b`: dated before undated, then by day, then by arrival.
    fn earlier(&self, a: u32, b: u32) -> bool {
        let (x, y) = (self.day[a as usize], self.day[b as usize]);
        match (x, y) {
            _ if x == y => a < b,
            (0, _) => false,
            (_, 0) => true,
            _ => x < y,
        }
    }

    /// The members of a family, from its original.
    fn family(&self, root: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut at = root;
        while at != NONE && out.len() <= self.len() {
            out.push(at);
            at = self.next[at as usize];
        }
        out
    }

    /// Puts article `m` in the family of `root`, after the original.
    fn join(&mut self, m: u32, root: u32) {
        self.root[m as usize] = root;
        if m != root {
            self.next[m as usize] = self.next[root as usize];
            self.next[root as usize] = m;
        }
    }

    /// The bucket keys of a sketch: one per band of each MinHash (none for an empty body's shingles, whose
    /// bins all agree).
    fn keys(s: &Sketch) -> ([u64; MAX_KEYS], usize) {
        let mut keys = [0u64; MAX_KEYS];
        let mut n = 0;
        // A band's bins packed in one word, spread with its MinHash and place.
        let mut band = |tag: u64, i: usize, packed: u64| {
            let place = (tag << 32 | i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            keys[n] = sketch::mix(packed ^ place);
            n += 1;
        };
        if s.shingles > 0 {
            for (i, c) in s.words.chunks(WORD_ROWS).enumerate() {
                band(1, i, c.iter().fold(0u64, |acc, &v| acc << 8 | u64::from(v)));
            }
        }
        if s.pairs >= verify::MIN_PAIRS {
            for (i, c) in s.anchors.chunks(ANCHOR_ROWS).take(ANCHOR_BANDS).enumerate() {
                band(2, i, c.iter().fold(0u64, |acc, &v| acc << 16 | u64::from(v)));
            }
        }
        (keys, n)
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
        if self.len() >= MAX_ARTICLES || self.contains(id) {
            return Vec::new();
        }
        let mut candidates = Vec::new();
        let me = self.hold(id, external_id, published, sketch, Some(&mut candidates));
        // Its own slots may agree with a later band's eight bits by chance.
        candidates.retain(|&c| c != me);
        candidates.sort_unstable();
        candidates.dedup();
        let mine = &self.sketches[me as usize];
        let mut best: Option<(u32, CopyKind, f32)> = None;
        for c in candidates {
            if let Some((kind, sim)) = compare(mine, &self.sketches[c as usize]) {
                let better = best.is_none_or(|(_, bk, bs)| kind < bk || kind == bk && sim > bs);
                if better {
                    best = Some((c, kind, sim));
                }
            }
        }
        let Some((c, kind, sim)) = best else {
            return Vec::new();
        };
        let root = self.root[c as usize];
        if !self.earlier(me, root) {
            self.matched[me as usize] = Some((kind, sim));
            self.join(me, root);
            return vec![self.link(me)];
        }
        // The newcomer is earlier than the family's original: it becomes the original, and the old original
        // a copy of it (as it matches it, else as the newcomer matched the family).
        let old = compare(&self.sketches[root as usize], &self.sketches[me as usize]).unwrap_or((kind, sim));
        self.matched[root as usize] = Some(old);
        let family = self.family(root);
        for &m in family.iter().rev() {
            self.join(m, me);
        }
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
        if self.len() >= MAX_ARTICLES || self.contains(&article.id) {
            return;
        }
        let me = self.hold(
            &article.id,
            article.external_id.as_deref(),
            published.as_deref(),
            sketch,
            None,
        );
        self.matched[me as usize] = original.as_ref().map(|o| (o.1, o.2));
        self.pending.push((me, original.map(|o| o.0)));
    }

    /// Joins the restored articles to their families' originals (an original outside what was restored
    /// leaves its copies as originals of their own here).
    pub fn settle(&mut self) {
        for (me, original) in std::mem::take(&mut self.pending) {
            let root = original.and_then(|o| self.find(&o)).unwrap_or(me);
            self.join(me, root);
        }
    }

    /// The link of a copy to its family's original.
    fn link(&self, m: u32) -> CopyLink {
        let (kind, similarity) = self.matched[m as usize].unwrap_or((CopyKind::Copy, 0.0));
        CopyLink {
            article: self.article(m),
            original: self.article(self.root[m as usize]),
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
