//! What the project's averaged-perceptron taggers (entities here, attribution in the quote stage) share:
//! the feature hash and the compact form of their weights — rows of a u32 feature hash and `N` i8 weights
//! times one f32 scale, little-endian, sorted by hash, rows that round to all zeros left out.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A map keyed by feature hash. The keys are hashes already, so the map only spreads their bits with one
/// multiplication ([`Spread`]) instead of hashing them again: scoring looks up every feature of every token.
pub type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<Spread>>;

/// Feature rows: `N` weights per feature hash.
pub type Rows<const N: usize> = KeyMap<[f32; N]>;

/// The hasher of [`KeyMap`]: a Fibonacci multiplication of the key.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spread(u64);

impl Hasher for Spread {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0 ^ u64::from(n)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// FNV-1a, 32 bits: the feature hash (the same at training and at run time).
pub fn fnv(bytes: &[u8]) -> u32 {
    let mut h = Fnv::default();
    h.bytes(bytes);
    h.0
}

/// FNV-1a fed piece by piece, also as a [`std::fmt::Write`] target: formatting a feature straight into it
/// gives the hash of the formatted text with no string built.
#[derive(Clone, Copy, Debug)]
pub struct Fnv(pub u32);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0x811c_9dc5)
    }
}

impl Fnv {
    /// Feeds `bytes` to the hash.
    pub fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u32::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0193);
        }
    }
}

impl std::fmt::Write for Fnv {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.bytes(s.as_bytes());
        Ok(())
    }
}

/// The scale that maps the largest weight to 127.
pub fn scale<const N: usize>(weights: &Rows<N>) -> f32 {
    let max = weights.values().flatten().fold(0.0f32, |m, x| m.max(x.abs()));
    if max > 0.0 {
        max / 127.0
    } else {
        1.0
    }
}

/// Appends the rows of `weights` at `scale` to `out`.
pub fn write_rows<const N: usize>(weights: &Rows<N>, scale: f32, out: &mut Vec<u8>) {
    let mut keys: Vec<&u32> = weights.keys().collect();
    keys.sort();
    for k in keys {
        let q = weights[k].map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8);
        if q.iter().all(|&x| x == 0) {
            continue;
        }
        out.extend(k.to_le_bytes());
        out.extend(q.map(|x| x.to_le_bytes()[0]));
    }
}

/// Reads rows written by [`write_rows`] (a trailing partial row is ignored).
pub fn read_rows<const N: usize>(rows: &[u8], scale: f32) -> Rows<N> {
    let mut weights = Rows::with_capacity_and_hasher(rows.len() / (4 + N), Default::default());
    for row in rows.chunks_exact(4 + N) {
        let key = u32::from_le_bytes([row[0], row[1], row[2], row[3]]);
        let mut w = [0.0; N];
        for (x, b) in w.iter_mut().zip(&row[4..]) {
            *x = f32::from(i8::from_le_bytes([*b])) * scale;
        }
        weights.insert(key, w);
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_at_their_scale() {
        let w: Rows<3> = [(7, [1.27, -0.5, 0.0]), (3, [0.0, 0.0, 0.001])].into_iter().collect();
        let s = scale(&w);
        let mut bytes = Vec::new();
        write_rows(&w, s, &mut bytes);
        assert_eq!(bytes.len(), 7, "the all-zero row is left out");
        let back: Rows<3> = read_rows(&bytes, s);
        assert!((back[&7][0] - 1.27).abs() < 1e-6 && (back[&7][1] + 0.5).abs() < 0.01);
    }
}
