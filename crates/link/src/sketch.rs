//! Sketches of an article's body: what survives copying (word 5-shingles) and what survives spinning
//! (names and numbers said together in one sentence, and the content words), each as a one-permutation
//! MinHash, plus an exact hash. A sketch is a few hundred bytes whatever the article's length, and two
//! sketches estimate how much two bodies share without the bodies.

use std::sync::LazyLock;

use crate::words::{for_each_word, word_hash};

/// Bins of the shingle MinHash.
pub const WORD_BINS: usize = 128;
/// Bins of the anchor-pair and content-word MinHashes.
pub const ANCHOR_BINS: usize = 64;
/// Version of the hashing and of [`Sketch::to_bytes`]: sketches of two formats do not compare.
const FORMAT: u8 = 4;
/// Length of [`Sketch::to_bytes`].
const SKETCH_BYTES: usize = 1 + 20 + WORD_BINS + 2 * ANCHOR_BINS + ANCHOR_BINS;
/// Words per shingle.
const SHINGLE: usize = 5;
/// Most anchors read from one sentence (the pairs grow with its square).
const MAX_ANCHORS: usize = 12;

/// Words that are never anchors or content words, whatever their case: their [`word_hash`]es.
static STOPWORDS: LazyLock<HashSet1> = LazyLock::new(|| {
    HashSet1::new(
        include_str!("../data/stopwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| word_hash(l.trim())),
    )
});

/// Slots of [`HashSet1`]: 32 KiB of four-byte fingerprints.
const SET_BITS: u32 = 13;

/// A small fixed set of (spread) hashes, asked of every word: one slot per hash, chosen by a multiplier
/// found when the set is made so that no two of its hashes share a slot, holding the hash's top 32 bits.
/// A lookup is a multiply, a load and a comparison, with no branch on what it finds (another hash is
/// taken for one of the set in 1 of 2^32).
struct HashSet1 {
    slots: Vec<u32>,
    multiplier: u64,
    /// 64 less the bits of a slot's number.
    shift: u32,
}

impl HashSet1 {
    fn new(hashes: impl Iterator<Item = u64>) -> HashSet1 {
        let mut hashes: Vec<u64> = hashes.collect();
        hashes.sort_unstable();
        hashes.dedup();
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut bits = SET_BITS;
        loop {
            // Odd multipliers, tried in a fixed order until one gives every hash a slot of its own (each
            // has about one chance in ten with 200 hashes in 8,192 slots); a larger table after a thousand.
            for _ in 0..1000 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let multiplier = state | 1;
                let mut slots = vec![0u32; 1 << bits];
                let alone = hashes.iter().all(|&h| {
                    let slot = &mut slots[(h.wrapping_mul(multiplier) >> (64 - bits)) as usize];
                    let was = std::mem::replace(slot, fingerprint(h));
                    was == 0
                });
                if alone {
                    return HashSet1 {
                        slots,
                        multiplier,
                        shift: 64 - bits,
                    };
                }
            }
            bits += 1;
        }
    }

    #[inline]
    fn contains(&self, h: u64) -> bool {
        let at = (h.wrapping_mul(self.multiplier) >> self.shift) as usize;
        self.slots.get(at) == Some(&fingerprint(h))
    }
}

/// What [`HashSet1`] keeps of a hash: its top 32 bits, never zero (an empty slot).
#[inline]
fn fingerprint(h: u64) -> u32 {
    (h >> 32) as u32 | 1
}

/// The sketch of one body: a fixed 340 bytes, whatever the body's length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sketch {
    /// Hash of the body's words, in order (case and punctuation aside).
    pub exact: u64,
    /// Word 5-shingles.
    pub shingles: u32,
    /// Distinct anchor pairs: two names or numbers in one sentence.
    pub pairs: u32,
    /// Content words read (a word said twice counts twice).
    pub terms: u32,
    /// MinHash of the shingles ([`WORD_BINS`] bins of 8 bits).
    pub words: [u8; WORD_BINS],
    /// MinHash of the anchor pairs ([`ANCHOR_BINS`] bins of 16 bits).
    pub anchors: [u16; ANCHOR_BINS],
    /// MinHash of the content words ([`ANCHOR_BINS`] bins of 8 bits).
    pub content: [u8; ANCHOR_BINS],
}

/// 64-bit finaliser (splitmix64): spreads combined hashes.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Whether a word (any case) is a function or reporting word: never an anchor or a content word.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(word_hash(word))
}

/// Bits of [`Distinct`]'s bitmap.
const DISTINCT_BITS: usize = 1 << 14;

/// How many distinct 64-bit hashes (already spread) were seen, by linear counting: each sets one bit of a
/// bitmap, and the share of bits left clear gives the count (within about 1% up to a few thousand: an
/// article's anchor pairs number in the hundreds). No branch and no probing per hash.
struct Distinct {
    bits: Box<[u64; DISTINCT_BITS / 64]>,
}

impl Distinct {
    fn new() -> Distinct {
        Distinct {
            bits: Box::new([0; DISTINCT_BITS / 64]),
        }
    }

    #[inline]
    fn insert(&mut self, h: u64) {
        let bit = (h >> 50) as usize;
        if let Some(word) = self.bits.get_mut(bit / 64) {
            *word |= 1 << (bit % 64);
        }
    }

    /// The estimate: `m ln(m / clear)` for `m` bits of which `clear` are clear.
    fn count(&self) -> u32 {
        let set: u32 = self.bits.iter().map(|w| w.count_ones()).sum();
        let m = DISTINCT_BITS as f64;
        let clear = (m - f64::from(set)).max(1.0);
        (m * (m / clear).ln()).round() as u32
    }
}

/// One-permutation MinHash over 64-bit hashes (already spread): each hash falls in one of `N` bins by
/// its high bits and keeps the least low word there; empty bins borrow from the next full one
/// (densification), so that two sketches compare bin by bin.
struct Oph<const N: usize> {
    mins: [u32; N],
    /// The distinct hashes added, when they are counted.
    seen: Option<Distinct>,
    /// How many hashes were added (an estimate of the distinct ones when they are counted).
    added: u32,
}

impl<const N: usize> Oph<N> {
    fn new(distinct: bool) -> Oph<N> {
        Oph {
            mins: [u32::MAX; N],
            seen: distinct.then(Distinct::new),
            added: 0,
        }
    }

    #[inline]
    fn add(&mut self, h: u64) {
        if let Some(seen) = &mut self.seen {
            seen.insert(h);
        }
        self.added = self.added.saturating_add(1);
        self.offer(h, h as u32);
    }

    /// Offers `h` when `yes`, without a branch and without counting it (for a MinHash that does not count
    /// distinct hashes, whose caller counts what it offers in a register: see [`Oph::added`]).
    #[inline]
    fn offer_if(&mut self, h: u64, yes: bool) {
        self.offer(h, if yes { h as u32 } else { u32::MAX });
    }

    /// Keeps `low` in the bin the high bits of `h` choose, when it is the least there.
    #[inline]
    fn offer(&mut self, h: u64, low: u32) {
        let bin = (((h >> 32) * N as u64) >> 32) as usize;
        if let Some(m) = self.mins.get_mut(bin) {
            *m = (*m).min(low);
        }
    }

    /// The densified bins and the number of (distinct) hashes added.
    fn finish(mut self) -> ([u32; N], u32) {
        if let Some(first) = self.mins.iter().position(|&m| m != u32::MAX) {
            // From the right: each empty bin borrows from the next full bin to its right, circularly (past
            // the last, the first), marked with the distance borrowed over.
            let filled = self.mins;
            let mut next = first + N;
            for i in (0..N).rev() {
                if filled[i] != u32::MAX {
                    next = i;
                } else {
                    self.mins[i] = filled[next % N] ^ (mix((next - i) as u64) as u32 | 1);
                }
            }
        }
        let added = self.seen.as_ref().map_or(self.added, Distinct::count);
        (self.mins, added)
    }
}

/// Slots of the ring of the last word hashes (a power of two, at least [`SHINGLE`]).
const RING: usize = 8;

/// Slots of [`Sentence`]'s buffer (a power of two).
const SENTENCE_SLOTS: usize = 64;

/// The anchors of the sentence being read: a buffer on the stack, written for every word and kept for an
/// anchor (no branch on what the word is), cut to its [`MAX_ANCHORS`] least distinct hashes when full,
/// which are what [`Sentence::least`] gives of the whole sentence.
struct Sentence {
    buf: [u64; SENTENCE_SLOTS],
    len: usize,
}

impl Sentence {
    fn new() -> Sentence {
        Sentence {
            buf: [0; SENTENCE_SLOTS],
            len: 0,
        }
    }

    /// Writes `h` at the end, kept when `anchor`.
    #[inline]
    fn offer(&mut self, h: u64, anchor: bool) {
        self.buf[self.len & (SENTENCE_SLOTS - 1)] = h;
        self.len += usize::from(anchor);
        if self.len == SENTENCE_SLOTS {
            self.len = self.cut();
        }
    }

    /// Sorts the anchors held, without repeats, keeping the [`MAX_ANCHORS`] least; returns how many.
    fn cut(&mut self) -> usize {
        let held = &mut self.buf[..self.len.min(SENTENCE_SLOTS)];
        held.sort_unstable();
        let mut n = 0;
        for i in 0..held.len() {
            if (n == 0 || held[i] != held[n - 1]) && n < MAX_ANCHORS {
                held[n] = held[i];
                n += 1;
            }
        }
        n
    }

    /// The sentence's least [`MAX_ANCHORS`] distinct anchor hashes, in order.
    fn least(&mut self) -> &[u64] {
        let n = self.cut();
        &self.buf[..n]
    }
}

/// Sketches a body.
pub fn sketch(text: &str) -> Sketch {
    let mut exact = 0x5eed_u64;
    // Five words in a row rarely recur in one article: shingles are counted as they come.
    let mut shingles = Oph::<WORD_BINS>::new(false);
    let mut anchors = Oph::<ANCHOR_BINS>::new(true);
    let mut content = Oph::<ANCHOR_BINS>::new(false);
    let mut sentence = Sentence::new();
    let pairs = |sentence: &mut Sentence, anchors: &mut Oph<ANCHOR_BINS>| {
        let kept = sentence.least();
        for (i, &a) in kept.iter().enumerate() {
            for &b in &kept[i + 1..] {
                anchors.add(mix(a.rotate_left(17) ^ b));
            }
        }
        sentence.len = 0;
    };
    let stopwords = &*STOPWORDS;
    // The last word hashes in a ring (word `i` at `i % 8`), and the shingle the last SHINGLE make: the XOR of
    // each rotated by its age.
    let mut ring = [0u64; RING];
    let mut shingle = 0u64;
    let mut count = 0usize;
    let mut terms = 0u32;
    for_each_word(text, |w| {
        let h = w.hash;
        exact = (exact.rotate_left(5) ^ h).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        // The word SHINGLE before this one (zero before the text's start).
        let oldest = ring[count.wrapping_sub(SHINGLE) % RING];
        ring[count % RING] = h;
        shingle = shingle.rotate_left(11) ^ oldest.rotate_left(11 * SHINGLE as u32) ^ h;
        count += 1;
        shingles.offer_if(shingle, count >= SHINGLE);
        if w.opens {
            pairs(&mut sentence, &mut anchors);
        }
        let stop = stopwords.contains(h);
        let anchor = (w.cap & (w.len >= 2) | w.digit) & !stop;
        sentence.offer(h, anchor);
        // Without a branch: a word that is no content word offers the greatest value, which changes no bin.
        let is_content = w.len >= 3 && !w.digit && !stop;
        terms += u32::from(is_content);
        content.offer_if(h, is_content);
    });
    let exact = mix(exact);
    shingles.added = u32::try_from(count.saturating_sub(SHINGLE - 1)).unwrap_or(u32::MAX);
    content.added = terms;
    if (1..SHINGLE).contains(&count) {
        shingles.add(exact);
    }
    pairs(&mut sentence, &mut anchors);
    // Copies and rewrites are told apart by Jaccard estimates of 0.2 and more: bins of 8 bits (a chance
    // agreement in 1 of 256) do for the shingles and content words; the anchor bins, banded by two, keep 16.
    let (words, shingles) = shingles.finish();
    let (anchors, pairs) = anchors.finish();
    let (content, terms) = content.finish();
    let words = words.map(|m| (m >> 24) as u8);
    let anchors = anchors.map(|m| (m >> 16) as u16);
    let content = content.map(|m| (m >> 24) as u8);
    Sketch {
        exact,
        shingles,
        words,
        pairs,
        anchors,
        terms,
        content,
    }
}

impl Sketch {
    /// The sketch as bytes (its format, then little-endian: exact hash, the three counts, the bins), for
    /// the store.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(SKETCH_BYTES);
        out.push(FORMAT);
        out.extend_from_slice(&self.exact.to_le_bytes());
        for n in [self.shingles, self.pairs, self.terms] {
            out.extend_from_slice(&n.to_le_bytes());
        }
        out.extend_from_slice(&self.words);
        for v in &self.anchors {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&self.content);
        out
    }

    /// A sketch from [`Sketch::to_bytes`]; `None` when the bytes are not one of this format (a sketch made
    /// by another version hashes words otherwise: sketch the text again).
    pub fn from_bytes(b: &[u8]) -> Option<Sketch> {
        let (&format, b) = b.split_first()?;
        if format != FORMAT || b.len() != SKETCH_BYTES - 1 {
            return None;
        }
        let u32_at = |i: usize| b.get(i..i + 4).and_then(|x| x.try_into().ok()).map(u32::from_le_bytes);
        let anchors_at = 20 + WORD_BINS;
        let content_at = anchors_at + 2 * ANCHOR_BINS;
        let mut anchors = [0u16; ANCHOR_BINS];
        for (a, c) in anchors.iter_mut().zip(b.get(anchors_at..content_at)?.chunks_exact(2)) {
            *a = u16::from_le_bytes([c[0], c[1]]);
        }
        Some(Sketch {
            exact: u64::from_le_bytes(b.get(..8)?.try_into().ok()?),
            shingles: u32_at(8)?,
            pairs: u32_at(12)?,
            terms: u32_at(16)?,
            words: b.get(20..anchors_at)?.try_into().ok()?,
            anchors,
            content: b.get(content_at..)?.try_into().ok()?,
        })
    }
}

/// Share of bins two MinHashes agree on: an estimate of the Jaccard similarity of their sets (of two
/// non-empty sets: the bins of empty ones agree on everything).
pub fn jaccard<T: PartialEq>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same: u32 = a.iter().zip(b).map(|(x, y)| u32::from(x == y)).sum();
    same as f32 / a.len() as f32
}

/// How much of the smaller set lies in the larger, from their Jaccard estimate and sizes.
pub fn containment(j: f32, na: u32, nb: u32) -> f32 {
    let (small, total) = (na.min(nb) as f32, (na + nb) as f32);
    if small == 0.0 {
        return 0.0;
    }
    (j * total / ((1.0 + j) * small)).min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The Kremlin said on Tuesday that Vladimir Putin and Alexander Lukashenko discussed the \
        migrant crisis on the border with Poland by telephone. Dmitry Peskov told reporters that 2,000 migrants \
        were camped near Kuznica. The European Union accused Minsk of orchestrating the crisis. Warsaw sent \
        15,000 soldiers to the frontier, the Polish defence ministry said.";

    #[test]
    fn the_same_body_is_exact_and_a_spin_keeps_its_anchors() {
        let a = sketch(BODY);
        let b = sketch(&BODY.to_uppercase().to_lowercase().replace("Tuesday", "tuesday"));
        assert_eq!(a.words.len(), WORD_BINS);
        assert_ne!(
            a.exact,
            sketch("Another text entirely, about the weather in Lisbon.").exact
        );
        assert_eq!(sketch(BODY).exact, sketch(&BODY.replace(". ", ".  ")).exact);
        assert!(jaccard(&a.words, &b.words) > 0.99);
        let spun = "Warsaw dispatched 15,000 troops to the frontier, the Polish defence ministry stated. Vladimir \
            Putin and Alexander Lukashenko talked about the migrant emergency at the border with Poland over the \
            phone, the Kremlin stated on Tuesday. Moreover, Dmitry Peskov informed journalists that 2,000 \
            migrants were encamped close to Kuznica.";
        let s = sketch(spun);
        assert!(jaccard(&a.words, &s.words) < 0.3, "{}", jaccard(&a.words, &s.words));
        let anchors = jaccard(&a.anchors, &s.anchors);
        assert!(anchors > 0.4, "{anchors}");
        let other = sketch(
            "Lisbon's mayor opened a new tram line on Friday. Carlos Moedas said 40,000 people \
            would use the line each day, and the city council approved 12 more stops.",
        );
        assert!(jaccard(&a.anchors, &other.anchors) < 0.1);
    }

    #[test]
    fn every_stopword_is_found_in_any_case_and_other_words_are_not() {
        let list = include_str!("../data/stopwords.txt");
        let words: Vec<&str> = list
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert!(words.len() > 100);
        for w in &words {
            assert!(is_stopword(w) && is_stopword(&w.to_uppercase()), "{w}");
        }
        for w in [
            "Kremlin",
            "Peskov",
            "border",
            "migrants",
            "2021",
            "Lukashenko",
            "ministry",
        ] {
            assert!(!is_stopword(w), "{w}");
        }
    }

    #[test]
    fn an_empty_bin_borrows_from_the_next_full_one_to_its_right_circularly() {
        let mut o = Oph::<8>::new(false);
        o.mins = [u32::MAX, 5, u32::MAX, u32::MAX, 9, u32::MAX, u32::MAX, u32::MAX];
        let (bins, _) = o.finish();
        let borrowed = |from: u32, dist: u64| from ^ (mix(dist) as u32 | 1);
        assert_eq!(
            bins,
            [
                borrowed(5, 1),
                5,
                borrowed(9, 2),
                borrowed(9, 1),
                9,
                borrowed(5, 4),
                borrowed(5, 3),
                borrowed(5, 2)
            ]
        );
        // No full bin: nothing to borrow.
        assert_eq!(Oph::<4>::new(false).finish().0, [u32::MAX; 4]);
    }

    #[test]
    fn distinct_hashes_are_counted_within_a_few_percent_and_repeats_not_at_all() {
        for n in [0u64, 1, 8, 50, 200, 1000, 3000] {
            let mut d = Distinct::new();
            for i in 0..n {
                // Each hash twice: a repeat sets no new bit.
                d.insert(mix(i));
                d.insert(mix(i));
            }
            let got = f64::from(d.count());
            let want = n as f64;
            assert!((got - want).abs() <= (0.03 * want).max(1.0), "{n}: {got}");
        }
    }

    #[test]
    fn sketches_round_trip_through_bytes() {
        let a = sketch(BODY);
        assert_eq!(Sketch::from_bytes(&a.to_bytes()), Some(a.clone()));
        assert_eq!(Sketch::from_bytes(&a.to_bytes()[1..]), None);
        let mut older = a.to_bytes();
        older[0] = 1;
        assert_eq!(Sketch::from_bytes(&older), None);
    }

    #[test]
    fn containment_sees_a_cut_copy_inside_its_original() {
        assert!((containment(0.5, 100, 50) - 1.0).abs() < 1e-6);
        assert!(containment(0.2, 100, 100) < 0.4);
        assert_eq!(containment(0.5, 0, 10), 0.0);
    }
}
