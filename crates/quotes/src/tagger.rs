//! A statistical tagger for reported speech that rules miss: an averaged perceptron that labels each token
//! as content, source, cue or outside, reading words, shapes, suffixes, quotation marks, distances to the
//! nearest cue verb and the labels it gave the tokens before (greedy, left to right).
//!
//! The weights ship in `model/attribution.bin` (see [`Model::to_bytes`] for the format); `scripts/train-quotes.sh`
//! reproduces them from the PolNeAR training split in `../shared/bench/quotes`.

use std::collections::HashMap;
use std::fmt::Write;

use dateline_entities::weights::{self, fnv};

use crate::frames::{self, Tok};
use crate::lexicon;
use crate::marks::{self, Quoted};

/// What a token is in an attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// Not part of an attribution.
    Out = 0,
    /// Part of what was said.
    Content = 1,
    /// Part of who said it.
    Source = 2,
    /// Part of the verb or phrase that reports it.
    Cue = 3,
}

const LABELS: [Label; 4] = [Label::Out, Label::Content, Label::Source, Label::Cue];
const MAGIC: &[u8; 8] = b"DLQTAG01";

/// A token as the tagger sees it.
struct View<'a> {
    lower: &'a str,
    shape: &'static str,
    quoted: bool,
    cue: Option<&'static str>,
    /// Index of the first token of the token's sentence, and one past its last.
    sentence: (usize, usize),
}

/// Tagger weights: one row of four per hashed feature.
#[derive(Default)]
pub struct Model {
    weights: HashMap<u32, [f32; 4]>,
}

/// A training document: its text and labelled byte spans.
pub struct Example {
    /// The document text.
    pub text: String,
    /// Byte ranges with their label; tokens outside every range are [`Label::Out`].
    pub spans: Vec<(usize, usize, Label)>,
}

impl Model {
    /// Reads weights written by [`Model::to_bytes`]; `None` when the bytes are not such a file.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let scale = f32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
        let weights = weights::read_rows(rest.get(4..)?, scale);
        Some(Model { weights })
    }

    /// The weights as bytes: magic `DLQTAG01`, an f32 scale, then rows of a u32 feature hash and four i8
    /// weights (times the scale), little-endian. Rows whose weights all round to zero are left out.
    pub fn to_bytes(&self) -> Vec<u8> {
        let scale = weights::scale(&self.weights);
        let mut out = MAGIC.to_vec();
        out.extend(scale.to_le_bytes());
        weights::write_rows(&self.weights, scale, &mut out);
        out
    }

    /// Labels every token of `text`, whose quotations are `quotes`.
    pub(crate) fn tag(&self, text: &str, quotes: &[Quoted]) -> (Vec<Tok>, Vec<Label>) {
        let toks = frames::tokenise(text, (0, text.len()), quotes);
        let views = views(text, &toks);
        let mut labels = Vec::with_capacity(toks.len());
        let mut buf = String::new();
        let mut feats = Vec::new();
        for i in 0..views.len() {
            features(&views, i, &labels, &mut buf, &mut feats);
            labels.push(self.best(&feats));
        }
        (toks, labels)
    }

    fn best(&self, feats: &[u32]) -> Label {
        let mut score = [0.0f32; 4];
        for f in feats {
            if let Some(w) = self.weights.get(f) {
                for (s, x) in score.iter_mut().zip(w) {
                    *s += x;
                }
            }
        }
        let mut best = 0;
        for k in 1..4 {
            if score[k] > score[best] {
                best = k;
            }
        }
        LABELS[best]
    }
}

/// Trains an averaged perceptron on `examples` for `epochs` passes, then drops rows smaller than `prune`
/// (as a fraction of the largest weight).
pub fn train(examples: &[Example], epochs: usize, prune: f32) -> Model {
    let mut w: HashMap<u32, [f32; 4]> = HashMap::new();
    let mut total: HashMap<u32, [f32; 4]> = HashMap::new();
    let mut stamp: HashMap<u32, [u64; 4]> = HashMap::new();
    let mut step: u64 = 0;
    let prepared: Vec<(Vec<Tok>, Vec<Label>)> = examples
        .iter()
        .map(|e| {
            let toks = frames::tokenise(&e.text, (0, e.text.len()), &marks::find(&e.text));
            let gold = toks
                .iter()
                .map(|t| {
                    e.spans
                        .iter()
                        .find(|(s, en, _)| *s <= t.start && t.end <= *en)
                        .map_or(Label::Out, |x| x.2)
                })
                .collect();
            (toks, gold)
        })
        .collect();
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut buf = String::new();
    let mut feats = Vec::new();
    for _ in 0..epochs {
        // A fixed shuffle per epoch (xorshift), so that training is reproducible.
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &d in &order {
            let (toks, gold) = &prepared[d];
            let views = views(&examples[d].text, toks);
            let mut labels: Vec<Label> = Vec::with_capacity(toks.len());
            for (i, truth) in gold.iter().enumerate() {
                step += 1;
                features(&views, i, &labels, &mut buf, &mut feats);
                let mut score = [0.0f32; 4];
                for f in &feats {
                    if let Some(row) = w.get(f) {
                        for (s, x) in score.iter_mut().zip(row) {
                            *s += x;
                        }
                    }
                }
                let mut guess = 0;
                for k in 1..4 {
                    if score[k] > score[guess] {
                        guess = k;
                    }
                }
                let truth = *truth as usize;
                if guess != truth {
                    for f in &feats {
                        let row = w.entry(*f).or_default();
                        let tot = total.entry(*f).or_default();
                        let ts = stamp.entry(*f).or_default();
                        for (k, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                            tot[k] += (step - ts[k]) as f32 * row[k];
                            ts[k] = step;
                            row[k] += delta;
                        }
                    }
                }
                // Decoding uses the tagger's own previous labels, as at run time.
                labels.push(LABELS[guess]);
            }
        }
    }
    let mut averaged: HashMap<u32, [f32; 4]> = HashMap::with_capacity(w.len());
    for (f, row) in &w {
        let tot = total.get(f).copied().unwrap_or_default();
        let ts = stamp.get(f).copied().unwrap_or_default();
        let mut avg = [0.0f32; 4];
        for k in 0..4 {
            avg[k] = (tot[k] + (step - ts[k]) as f32 * row[k]) / step.max(1) as f32;
        }
        averaged.insert(*f, avg);
    }
    let max = averaged
        .values()
        .flat_map(|r| r.iter().map(|x| x.abs()))
        .fold(0.0f32, f32::max);
    averaged.retain(|_, r| r.iter().any(|x| x.abs() >= prune * max));
    Model { weights: averaged }
}

/// The tagger's view of each token: shape, cue lemma and sentence bounds.
fn views<'a>(text: &str, toks: &'a [Tok]) -> Vec<View<'a>> {
    let mut out: Vec<View<'_>> = Vec::with_capacity(toks.len());
    let mut start = 0;
    for (i, t) in toks.iter().enumerate() {
        out.push(View {
            lower: &t.lower,
            shape: shape(t),
            quoted: t.quoted,
            cue: if t.word { lexicon::cue_lemma(&t.lower) } else { None },
            sentence: (start, 0),
        });
        let ends = !t.word && matches!(t.lower.as_str(), "." | "!" | "?") && !t.quoted
            || toks
                .get(i + 1)
                .is_some_and(|n| text.get(t.end..n.start).is_some_and(|gap| gap.contains("\n\n")));
        if ends {
            for v in &mut out[start..=i] {
                v.sentence.1 = i + 1;
            }
            start = i + 1;
        }
    }
    let n = out.len();
    for v in &mut out[start..] {
        v.sentence.1 = n;
    }
    out
}

fn shape(t: &Tok) -> &'static str {
    if !t.word {
        return "p";
    }
    let first = t.lower.chars().next();
    if first.is_some_and(|c| c.is_ascii_digit()) {
        "d"
    } else if t.cap {
        "X"
    } else {
        "x"
    }
}

/// Distance bucket.
fn bucket(d: usize) -> &'static str {
    match d {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=5 => "3",
        6..=10 => "6",
        11..=20 => "11",
        _ => "far",
    }
}

/// Hashed features of token `i`, given the labels of the tokens before it.
fn features(v: &[View<'_>], i: usize, labels: &[Label], buf: &mut String, out: &mut Vec<u32>) {
    out.clear();
    let word = |k: isize| -> &str {
        let j = i as isize + k;
        if j < v[i].sentence.0 as isize || j >= v[i].sentence.1 as isize {
            "<s>"
        } else {
            v[j as usize].lower
        }
    };
    let prev = |k: usize| labels.get(i.wrapping_sub(k)).map_or(9, |l| *l as u8);
    let (s0, s1) = v[i].sentence;
    let cue_left = (s0..i).rev().find(|&j| v[j].cue.is_some());
    let cue_right = (i + 1..s1).find(|&j| v[j].cue.is_some());
    let t = &v[i];
    let suffix: String = t.lower.chars().rev().take(3).collect();
    let mut add = |args: std::fmt::Arguments<'_>| {
        buf.clear();
        let _ = buf.write_fmt(args);
        out.push(fnv(buf.as_bytes()));
    };
    add(format_args!("bias"));
    add(format_args!("w={}", t.lower));
    add(format_args!("w-1={}", word(-1)));
    add(format_args!("w+1={}", word(1)));
    add(format_args!("w-2={}", word(-2)));
    add(format_args!("w+2={}", word(2)));
    add(format_args!("w-1w={}|{}", word(-1), t.lower));
    add(format_args!("ww+1={}|{}", t.lower, word(1)));
    add(format_args!(
        "shape={}{}{}",
        shape_at(v, i, -1),
        t.shape,
        shape_at(v, i, 1)
    ));
    add(format_args!("suf={suffix}"));
    add(format_args!("q={}", t.quoted));
    add(format_args!("cue={}", t.cue.unwrap_or("-")));
    add(format_args!("cueL={}", cue_left.map_or("none", |j| bucket(i - j))));
    add(format_args!("cueR={}", cue_right.map_or("none", |j| bucket(j - i))));
    add(format_args!("cueLw={}", cue_left.and_then(|j| v[j].cue).unwrap_or("-")));
    add(format_args!(
        "cueRw={}",
        cue_right.and_then(|j| v[j].cue).unwrap_or("-")
    ));
    add(format_args!("pos={}|{}", bucket(i - s0), bucket(s1 - i)));
    add(format_args!("p1={}", prev(1)));
    add(format_args!("p2={}|{}", prev(2), prev(1)));
    add(format_args!("p1w={}|{}", prev(1), t.lower));
    add(format_args!("p1cue={}|{}", prev(1), t.cue.is_some()));
    add(format_args!("p1q={}|{}|{}", prev(1), t.quoted, t.shape));
}

fn shape_at(v: &[View<'_>], i: usize, k: isize) -> &'static str {
    let j = i as isize + k;
    if j < 0 || j as usize >= v.len() {
        "_"
    } else {
        v[j as usize].shape
    }
}

/// Spans of one label in a tagged sequence: runs of tokens, as byte ranges.
pub(crate) fn runs(toks: &[Tok], labels: &[Label], want: Label) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (t, l) in toks.iter().zip(labels) {
        if *l == want {
            open = Some(open.map_or((t.start, t.end), |(s, _)| (s, t.end)));
        } else if let Some(r) = open.take() {
            out.push(r);
        }
    }
    out.extend(open);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_round_trips() {
        let text = "The minister said the plan would fail. The weather was fine.".to_string();
        let c = text.find("the plan").unwrap();
        let e = text.find(" would fail").unwrap() + " would fail".len();
        let example = Example {
            spans: vec![(0, 12, Label::Source), (13, 17, Label::Cue), (c, e, Label::Content)],
            text: text.clone(),
        };
        let model = train(&[example], 10, 0.0);
        let back = Model::from_bytes(&model.to_bytes()).unwrap();
        let (toks, labels) = back.tag(&text, &marks::find(&text));
        let content = runs(&toks, &labels, Label::Content);
        assert_eq!(content.first().map(|&(s, e)| &text[s..e]), Some("the plan would fail"));
        assert!(Model::from_bytes(b"junk").is_none());
    }
}
