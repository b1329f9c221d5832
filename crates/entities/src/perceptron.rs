//! The structured averaged perceptron both sequence taggers learn with (names here, attribution spans in
//! the quote stage): hashed feature rows score every label, label-to-label transitions join them, Viterbi
//! finds the best sequence under a rule of which label may follow which, and training averages the weights
//! over every step (Collins 2002).
//!
//! Saved form: an 8-byte magic, an f32 scale, the `(N + 1) × N` transition weights as f32 (the last row is
//! the start), then the feature rows as [`crate::weights`] writes them.

use crate::weights::{self, KeyMap, Rows};

/// Which label may follow which: `allowed(previous, next)`, `None` at the start of a unit.
pub type Allowed = fn(Option<usize>, usize) -> bool;

/// A tagger's weights over `N` labels.
pub struct Perceptron<const N: usize> {
    /// A row of `N` weights per hashed feature.
    pub weights: Rows<N>,
    /// `N + 1` rows: the weight of going from each label (then from the start) to each label.
    pub transitions: Vec<[f32; N]>,
}

/// One unit to decode in training: the feature rows of its tokens and their gold labels.
pub type Unit<'a> = (&'a [Vec<u32>], &'a [usize]);

impl<const N: usize> Perceptron<N> {
    /// Reads weights saved by [`Perceptron::to_bytes`] with `magic`; `None` when the bytes are not such a file.
    pub fn from_bytes(bytes: &[u8], magic: &[u8; 8]) -> Option<Perceptron<N>> {
        let rest = bytes.strip_prefix(magic.as_slice())?;
        let mut f32s = rest
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        let scale = f32s.next()?;
        let mut transitions = vec![[0.0; N]; N + 1];
        for row in &mut transitions {
            for x in row.iter_mut() {
                *x = f32s.next()?;
            }
        }
        let rows = rest.get(4 * (1 + N * (N + 1))..)?;
        let weights = weights::read_rows(rows, scale);
        Some(Perceptron { weights, transitions })
    }

    /// The weights as bytes, after `magic` (format in the module comment).
    pub fn to_bytes(&self, magic: &[u8; 8]) -> Vec<u8> {
        let scale = weights::scale(&self.weights);
        let mut out = magic.to_vec();
        out.extend(scale.to_le_bytes());
        for x in self.transitions.iter().flatten() {
            out.extend(x.to_le_bytes());
        }
        weights::write_rows(&self.weights, scale, &mut out);
        out
    }

    /// The label scores of each token from its feature rows.
    pub fn emissions(&self, rows: &[Vec<u32>]) -> Vec<[f32; N]> {
        rows.iter().map(|feats| score(&self.weights, feats)).collect()
    }

    /// The best label sequence for emission scores `em`.
    pub fn decode(&self, em: &[[f32; N]], allowed: Allowed) -> Vec<usize> {
        viterbi(em, &self.transitions, allowed)
    }
}

fn score<const N: usize>(weights: &Rows<N>, feats: &[u32]) -> [f32; N] {
    let mut s = [0.0f32; N];
    for f in feats {
        if let Some(w) = weights.get(f) {
            for (a, b) in s.iter_mut().zip(w) {
                *a += b;
            }
        }
    }
    s
}

/// The best label sequence under emission scores `em` and transition weights `tr` (row `N` is the start).
fn viterbi<const N: usize>(em: &[[f32; N]], tr: &[[f32; N]], allowed: Allowed) -> Vec<usize> {
    let n = em.len();
    if n == 0 || tr.len() <= N {
        return Vec::new();
    }
    let mut score = vec![[f32::NEG_INFINITY; N]; n];
    let mut back = vec![[0u8; N]; n];
    for l in 0..N {
        if allowed(None, l) {
            score[0][l] = tr[N][l] + em[0][l];
        }
    }
    for i in 1..n {
        for l in 0..N {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            for p in 0..N {
                if !allowed(Some(p), l) {
                    continue;
                }
                let s = score[i - 1][p] + tr[p][l];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            score[i][l] = best + em[i][l];
            back[i][l] = arg as u8;
        }
    }
    let mut last = 0;
    for l in 1..N {
        if score[n - 1][l] > score[n - 1][last] {
            last = l;
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = usize::from(back[i][out[i]]);
    }
    out
}

/// Trains for `epochs` passes over `docs` (each a list of units, visited in a fixed shuffled order of
/// documents drawn from `seed`), then drops feature rows whose weights are all below `prune` × the largest.
pub fn train<const N: usize>(
    docs: &[Vec<Unit<'_>>],
    epochs: usize,
    seed: u64,
    prune: f32,
    allowed: Allowed,
) -> Perceptron<N> {
    let mut w: Rows<N> = Rows::default();
    let mut total: Rows<N> = Rows::default();
    let mut stamp: KeyMap<[u64; N]> = KeyMap::default();
    let mut tr = vec![[0.0f32; N]; N + 1];
    let mut tr_total = vec![[0.0f32; N]; N + 1];
    let mut tr_stamp = vec![[0u64; N]; N + 1];
    let mut step: u64 = 0;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut seed = seed;
    for _ in 0..epochs {
        shuffle(&mut order, &mut seed);
        for &(rows, gold) in order.iter().flat_map(|&d| &docs[d]) {
            step += 1;
            let em: Vec<[f32; N]> = rows.iter().map(|fs| score(&w, fs)).collect();
            let guess = viterbi(&em, &tr, allowed);
            if guess == gold {
                continue;
            }
            for i in 0..gold.len() {
                let (g, p) = (gold[i], guess[i]);
                if g != p {
                    for f in &rows[i] {
                        let row = w.entry(*f).or_insert([0.0; N]);
                        let tot = total.entry(*f).or_insert([0.0; N]);
                        let ts = stamp.entry(*f).or_insert([0; N]);
                        for (k, delta) in [(g, 1.0f32), (p, -1.0)] {
                            tot[k] += (step - ts[k]) as f32 * row[k];
                            ts[k] = step;
                            row[k] += delta;
                        }
                    }
                }
                let gp = if i == 0 { N } else { gold[i - 1] };
                let pp = if i == 0 { N } else { guess[i - 1] };
                if (gp, g) != (pp, p) {
                    for (a, b, delta) in [(gp, g, 1.0f32), (pp, p, -1.0)] {
                        tr_total[a][b] += (step - tr_stamp[a][b]) as f32 * tr[a][b];
                        tr_stamp[a][b] = step;
                        tr[a][b] += delta;
                    }
                }
            }
        }
    }
    let steps = step.max(1) as f32;
    let mut weights: Rows<N> = Rows::with_capacity_and_hasher(w.len(), Default::default());
    for (f, row) in &w {
        let tot = total.get(f).copied().unwrap_or([0.0; N]);
        let ts = stamp.get(f).copied().unwrap_or([0; N]);
        let mut avg = [0.0f32; N];
        for k in 0..N {
            avg[k] = (tot[k] + (step - ts[k]) as f32 * row[k]) / steps;
        }
        weights.insert(*f, avg);
    }
    let mut transitions = vec![[0.0f32; N]; N + 1];
    for a in 0..=N {
        for b in 0..N {
            transitions[a][b] = (tr_total[a][b] + (step - tr_stamp[a][b]) as f32 * tr[a][b]) / steps;
        }
    }
    let max = weights.values().flatten().fold(0.0f32, |m, x| m.max(x.abs()));
    weights.retain(|_, r| r.iter().any(|x| x.abs() >= prune * max));
    Perceptron { weights, transitions }
}

/// Shuffles `order` in place with xorshift from `state`: the same state gives the same order, so training is
/// reproducible.
pub fn shuffle(order: &mut [usize], state: &mut u64) {
    for i in (1..order.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        order.swap(i, (*state % (i as u64 + 1)) as usize);
    }
}
