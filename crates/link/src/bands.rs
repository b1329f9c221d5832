//! The LSH table of a [`crate::Linker`]: for every band of every article's sketch, one slot of four bytes
//! holding the article's number and eight bits of the band's key, in one open-addressing table (linear
//! probing, a fast range reduction instead of a power-of-two size). Keys are not kept: they are a function
//! of the sketches, which the linker holds, so the table is rebuilt from them when it grows, and the old
//! table is let go before the new one is made. A slot whose eight bits agree by chance costs one
//! verification of a candidate, never a wrong link.

/// Bits of a slot for the article's number (plus one: zero is an empty slot).
const ARTICLE_BITS: u32 = 24;
/// Most articles a table can number.
pub const MAX_ARTICLES: usize = (1 << ARTICLE_BITS) - 2;
/// Share of slots filled past which the table grows (linear probing walks about 6 slots to an empty one at
/// 0.7, 13 at 0.8), and how much it grows by.
const MAX_LOAD: f64 = 0.7;
const GROWTH: f64 = 1.5;
/// A table under this many bytes grows fourfold instead: while it is small, memory costs little and each
/// growth puts every key back.
const SMALL_BYTES: f64 = 16.0 * 1024.0 * 1024.0;

/// The slots.
#[derive(Default)]
pub(crate) struct Bands {
    slots: Vec<u32>,
    filled: usize,
}

impl Bands {
    /// Whether `more` keys fit without passing the highest load.
    pub(crate) fn has_room(&self, more: usize) -> bool {
        ((self.filled + more) as f64) <= self.slots.len() as f64 * MAX_LOAD
    }

    /// Empties the table and makes room for `keys` keys at a load that leaves room to grow; the keys are then
    /// put back with [`Bands::put_all`].
    pub(crate) fn reset(&mut self, keys: usize) {
        self.slots = Vec::new();
        let at_load = keys.max(1024) as f64 / MAX_LOAD;
        let growth = if at_load * 4.0 < SMALL_BYTES { 4.0 } else { GROWTH };
        let len = ((at_load * growth) as usize).max(1024);
        self.slots = vec![0; len];
        self.filled = 0;
    }

    /// Puts the band `key` of article `article` in the table, unless `reach` articles already agree with it
    /// there (a bucket shared by that many holds enough to be found by), and appends the articles that agree
    /// with it to `found` when asked. The table must have room ([`Bands::has_room`]).
    pub(crate) fn put(&mut self, key: u64, article: u32, reach: usize, mut found: Option<&mut Vec<u32>>) {
        let len = self.slots.len();
        if len == 0 {
            return;
        }
        let tag = u32::from(key as u8) << ARTICLE_BITS;
        let mask = (1u32 << ARTICLE_BITS) - 1;
        let mut at = (((key >> 32) * len as u64) >> 32) as usize;
        let mut agree = 0;
        loop {
            let slot = self.slots[at];
            if slot == 0 {
                break;
            }
            if slot & !mask == tag {
                agree += 1;
                if let Some(found) = found.as_deref_mut() {
                    found.push((slot & mask) - 1);
                }
            }
            at += 1;
            if at == len {
                at = 0;
            }
        }
        if agree < reach {
            self.slots[at] = tag | (article + 1);
            self.filled += 1;
        }
    }

    /// Puts every band key in `keys` of article `article` ([`Bands::put`]), their home slots read first
    /// (loads with no dependence between them, so that they overlap and the puts find them in cache).
    pub(crate) fn put_all(&mut self, keys: &[u64], article: u32, reach: usize, mut found: Option<&mut Vec<u32>>) {
        let len = self.slots.len() as u64;
        let mut x = 0u32;
        for &key in keys {
            let at = (((key >> 32) * len) >> 32) as usize;
            x ^= self.slots.get(at).copied().unwrap_or(0);
        }
        std::hint::black_box(x);
        for &key in keys {
            self.put(key, article, reach, found.as_deref_mut());
        }
    }

    /// Bytes the table takes.
    pub(crate) fn bytes(&self) -> usize {
        self.slots.len() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_agreeing_on_a_key_are_found_and_a_full_bucket_takes_no_more() {
        let mut b = Bands::default();
        b.reset(10);
        let mut found = Vec::new();
        b.put(0xdead_beef_0000_0011, 0, 2, Some(&mut found));
        b.put(0xdead_beef_0000_0011, 1, 2, Some(&mut found));
        assert_eq!(found, [0]);
        found.clear();
        b.put(0xdead_beef_0000_0011, 2, 2, Some(&mut found));
        assert_eq!(found, [0, 1]);
        // Article 2 found the bucket full and was not put: a fourth finds the first two only.
        found.clear();
        b.put(0xdead_beef_0000_0011, 3, 2, Some(&mut found));
        assert_eq!(found, [0, 1]);
        // Another key in the same place (other low bits) is not found.
        found.clear();
        b.put(0xdead_beef_0000_0022, 4, 2, Some(&mut found));
        assert!(found.is_empty());
        assert!(b.has_room(100));
        assert!(!b.has_room(10_000));
    }
}
