//! A statistical tagger for reported speech that rules miss: a structured averaged perceptron that tags
//! each sentence's tokens as the beginning or inside of a content, source or cue span, or outside, reading
//! words, shapes, suffixes, quotation marks and the distance to, and words around, the nearest cue on
//! either side — a reporting verb of the lexicon, or a word training found in cue spans often; Viterbi
//! finds the best tag sequence.
//!
//! The weights ship in `model/attribution.bin` (see [`Model::to_bytes`] for the format); `scripts/train-quotes.sh`
//! reproduces them from the PolNeAR training split in `../shared/bench/quotes`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use dateline_entities::perceptron::{self, Perceptron};
use dateline_entities::weights::Fnv;

use crate::frames::Tok;
use crate::lexicon;

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

/// Tags: outside, then begin and inside of content, source and cue (`1 + 2 × (label − 1) + inside`).
const TAGS: usize = 7;
const MAGIC: &[u8; 8] = b"DLQTAG02";
/// Opens the model file: the learned cue words come first, then the weights.
const CUES_MAGIC: &[u8; 8] = b"DLQCUES1";
/// A word joins the learned cues when it stands in a cue span at least this many times in training…
const CUE_MIN_COUNT: u32 = 3;
/// …and in at least this share of its occurrences.
const CUE_MIN_SHARE: f32 = 0.3;
/// Taken off the outside tag's score of every token when tagging (not in training): the tagger's runs only
/// add to what the rules found, where a missed statement costs more than a doubtful one (runs with no speaker
/// are dropped after, save a statement in the passive). In the units of the shipped weights; tuned on PolNeAR dev
/// and on train by two-fold cross-validation (a model trained on each half tags the other).
const OUTSIDE_PENALTY: f32 = 7.0;

fn tag_of(label: Label, inside: bool) -> usize {
    match label {
        Label::Out => 0,
        l => 1 + 2 * (l as usize - 1) + usize::from(inside),
    }
}

fn label_of(tag: usize) -> (Label, bool) {
    match tag {
        1 | 2 => (Label::Content, tag == 2),
        3 | 4 => (Label::Source, tag == 4),
        5 | 6 => (Label::Cue, tag == 6),
        _ => (Label::Out, false),
    }
}

/// An inside tag only continues a span of its own label (a unit may open inside one: spans cross
/// sentences).
fn allowed(prev: Option<usize>, next: usize) -> bool {
    match (prev, label_of(next)) {
        (Some(p), (l, true)) => label_of(p).0 == l,
        _ => true,
    }
}

/// A token as the tagger sees it.
struct View<'a> {
    lower: &'a str,
    shape: &'static str,
    quoted: bool,
    cap: bool,
    /// The cue lemma of a reporting verb (see [`reporting`]), else the word itself when training found it in
    /// cue spans often ([`Model`]'s learned cues: `endorsed`, `according`, `declined`).
    cue: Option<&'a str>,
    /// Word clusters (mid, coarse) of the word, as found by the entity stage's lexicon.
    cluster: Option<(u16, u16)>,
    /// Index of the first token of the token's sentence, and one past its last.
    sentence: (usize, usize),
}

/// Tagger weights (format in [`dateline_entities::perceptron`]) and the words that training found
/// reporting beyond the cue lexicon.
pub struct Model {
    weights: Perceptron<TAGS>,
    cues: HashSet<String>,
}

/// A training document: its text and labelled byte spans.
pub struct Example {
    /// The document text.
    pub text: String,
    /// Byte ranges with their label; tokens outside every range are [`Label::Out`].
    pub spans: Vec<(usize, usize, Label)>,
}

/// A tagged token: its label and whether it begins a span.
pub(crate) type Tagged = (Label, bool);

impl Model {
    /// Reads a model written by [`Model::to_bytes`]; `None` when the bytes are not such a file.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(CUES_MAGIC.as_slice())?;
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let words = std::str::from_utf8(rest.get(4..4 + len)?).ok()?;
        let weights = Perceptron::from_bytes(rest.get(4 + len..)?, MAGIC)?;
        let cues = words
            .split('\n')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        Some(Model { weights, cues })
    }

    /// The model as bytes: magic `DLQCUES1`, the byte length (u32, little-endian) of the learned cue words
    /// that follow one per line, then magic `DLQTAG02` and the weights in the form
    /// [`dateline_entities::perceptron`] describes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut words: Vec<&str> = self.cues.iter().map(String::as_str).collect();
        words.sort_unstable();
        let words = words.join("\n");
        let mut out = CUES_MAGIC.to_vec();
        out.extend(u32::try_from(words.len()).unwrap_or(u32::MAX).to_le_bytes());
        out.extend(words.as_bytes());
        out.extend(self.weights.to_bytes(MAGIC));
        out
    }

    /// Labels every word of `text` (its words as [`dateline_text::Document::words`] reads them), a
    /// sentence at a time; with each word's margin, how far its tag's score stands above the outside tag's
    /// before [`OUTSIDE_PENALTY`].
    pub(crate) fn tag(&self, text: &str, toks: &[Tok]) -> (Vec<Tagged>, Vec<f32>) {
        let units = sentences(text, toks);
        let rows = rows(toks, &units, &self.cues);
        let mut em = self.weights.emissions(&rows);
        for e in &mut em {
            e[0] -= OUTSIDE_PENALTY;
        }
        let mut tags = Vec::with_capacity(toks.len());
        let mut margins = Vec::with_capacity(toks.len());
        for (a, b) in units {
            for (e, t) in em[a..b].iter().zip(self.weights.decode(&em[a..b], allowed)) {
                margins.push(e[t] - e[0] - OUTSIDE_PENALTY);
                let (l, inside) = label_of(t);
                tags.push((l, !inside));
            }
        }
        (tags, margins)
    }
}

/// Most tokens in one sentence: a run of text with no sentence break (a page of one line) is decoded in
/// pieces of this length, which keeps the work per token bounded.
const MAX_SENTENCE_TOKENS: usize = 400;

/// Token ranges of the sentences: they end after a full stop, question or exclamation mark outside
/// quotation marks, at line breaks, and after [`MAX_SENTENCE_TOKENS`].
fn sentences(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..toks.len() {
        let t = &toks[i - 1];
        if !t.word && matches!(t.lower.as_str(), "." | "!" | "?") && !t.quoted
            || text.get(t.end..toks[i].start).is_some_and(|gap| gap.contains('\n'))
            || i - start >= MAX_SENTENCE_TOKENS
        {
            out.push((start, i));
            start = i;
        }
    }
    if start < toks.len() {
        out.push((start, toks.len()));
    }
    out
}

/// Feature rows of every token.
fn rows(toks: &[Tok], sentences: &[(usize, usize)], cues: &HashSet<String>) -> Vec<Vec<u32>> {
    let views = views(toks, sentences, cues);
    let around = Around::new(&views, sentences);
    (0..views.len())
        .map(|i| {
            let mut feats = Vec::with_capacity(48);
            features(&views, &around, i, &mut feats);
            feats
        })
        .collect()
}

/// What each token's features need from its sentence, computed in one pass rather than per token: the
/// nearest cue on either side, whether the sentence quotes anything, and running counts of commas and
/// `that` (how many stand between two tokens).
struct Around {
    cue_left: Vec<Option<usize>>,
    cue_right: Vec<Option<usize>>,
    sentence_quoted: Vec<bool>,
    commas: Vec<u32>,
    thats: Vec<u32>,
}

impl Around {
    fn new(v: &[View<'_>], sentences: &[(usize, usize)]) -> Around {
        let n = v.len();
        let mut a = Around {
            cue_left: vec![None; n],
            cue_right: vec![None; n],
            sentence_quoted: vec![false; n],
            commas: Vec::with_capacity(n + 1),
            thats: Vec::with_capacity(n + 1),
        };
        for &(s0, s1) in sentences {
            let quoted = v[s0..s1].iter().any(|x| x.quoted);
            a.sentence_quoted[s0..s1].fill(quoted);
            let mut last = None;
            for (i, x) in v.iter().enumerate().take(s1).skip(s0) {
                a.cue_left[i] = last;
                last = if x.cue.is_some() { Some(i) } else { last };
            }
            let mut next = None;
            for (i, x) in v.iter().enumerate().take(s1).skip(s0).rev() {
                a.cue_right[i] = next;
                next = if x.cue.is_some() { Some(i) } else { next };
            }
        }
        let (mut commas, mut thats) = (0, 0);
        for x in v {
            a.commas.push(commas);
            a.thats.push(thats);
            commas += u32::from(x.lower == ",");
            thats += u32::from(x.lower == "that");
        }
        a.commas.push(commas);
        a.thats.push(thats);
        a
    }

    /// Whether a comma (or `that`) stands strictly between tokens `a` and `b` (`a < b`).
    fn between(&self, a: usize, b: usize, that: bool) -> bool {
        let counts = if that { &self.thats } else { &self.commas };
        counts[b] > counts[a + 1]
    }
}

/// Trains the tagger on `examples` for `epochs` passes, then drops rows smaller than `prune` (as a fraction
/// of the largest weight).
pub fn train(examples: &[Example], epochs: usize, prune: f32) -> Model {
    /// A document's feature rows, gold tags and sentences.
    type Prepared = (Vec<Vec<u32>>, Vec<usize>, Vec<(usize, usize)>);
    let cues = learned_cues(examples);
    let prepared: Vec<Prepared> = examples
        .iter()
        .map(|e| {
            let doc = dateline_text::Document::new(None, &e.text);
            let toks = doc.words();
            let mut gold = Vec::with_capacity(toks.len());
            let mut last_span = None;
            for t in toks {
                let span = e.spans.iter().position(|(s, en, _)| *s <= t.start && t.end <= *en);
                gold.push(match span {
                    Some(k) => tag_of(e.spans[k].2, last_span == Some(k)),
                    None => 0,
                });
                last_span = span;
            }
            let units = sentences(&e.text, toks);
            (rows(toks, &units, &cues), gold, units)
        })
        .collect();
    let docs: Vec<Vec<perceptron::Unit<'_>>> = prepared
        .iter()
        .map(|(rows, gold, units)| units.iter().map(|&(a, b)| (&rows[a..b], &gold[a..b])).collect())
        .collect();
    Model {
        weights: perceptron::train(&docs, epochs, 0x9e37_79b9_7f4a_7c15, prune, allowed),
        cues,
    }
}

/// Words outside the cue lexicon that stand in the examples' cue spans often enough to mark a cue
/// (`endorsed`, `declined`, `according`): the statements PolNeAR counts go far beyond verbs of saying.
/// Function words and adverbs in -ly (`also`, `publicly`) only go with a cue.
fn learned_cues(examples: &[Example]) -> HashSet<String> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for e in examples {
        for (start, word) in alphabetic_words(&e.text) {
            let in_cue = e
                .spans
                .iter()
                .any(|&(s, en, l)| l == Label::Cue && s <= start && start < en);
            let c = counts.entry(word.to_lowercase()).or_default();
            c.0 += 1;
            c.1 += u32::from(in_cue);
        }
    }
    counts
        .into_iter()
        .filter(|(w, (all, cue))| {
            *cue >= CUE_MIN_COUNT
                && *cue as f32 >= CUE_MIN_SHARE * *all as f32
                && lexicon::cue_lemma(w).is_none()
                && !w.ends_with("ly")
                && !lexicon::FUNCTION_WORDS.contains(&w.as_str())
        })
        .map(|(w, _)| w)
        .collect()
}

/// The runs of letters in `text`, with their byte offsets.
fn alphabetic_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    text.char_indices()
        .chain([(text.len(), ' ')])
        .filter_map(move |(i, c)| match (c.is_alphabetic(), start) {
            (true, None) => {
                start = Some(i);
                None
            }
            (false, Some(s)) => {
                start = None;
                Some((s, &text[s..i]))
            }
            _ => None,
        })
}

/// The tagger's view of each token: shape, cue lemma and sentence bounds.
fn views<'a>(toks: &'a [Tok], sentences: &[(usize, usize)], cues: &HashSet<String>) -> Vec<View<'a>> {
    let mut out: Vec<View<'_>> = Vec::with_capacity(toks.len());
    for &sentence in sentences {
        out.extend(
            (sentence.0..sentence.1)
                .map(|i| (&toks[i], toks.get(i + 1)))
                .map(|(t, next)| View {
                    lower: &t.lower,
                    shape: shape(t),
                    quoted: t.quoted,
                    cap: t.cap,
                    cue: t
                        .word
                        .then(|| reporting(&t.lower, next.map(|n| n.lower.as_str())))
                        .flatten()
                        .or_else(|| cues.contains(&t.lower).then_some(t.lower.as_str())),
                    cluster: t.word.then(|| cluster(t)).flatten(),
                    sentence,
                }),
        );
    }
    out
}

/// The cue lemma of a word when it reports here: a verb that also names an act (`countering the
/// attempts`) only before `that`, one that reports a question only before its opening word.
pub(crate) fn reporting(lower: &str, next: Option<&str>) -> Option<&'static str> {
    let lemma = lexicon::cue_lemma(lower)?;
    lexicon::reports_before(lemma, next.unwrap_or("")).then_some(lemma)
}

/// The word's (mid, coarse) clusters, looked up capitalised when it is written so.
fn cluster(t: &Tok) -> Option<(u16, u16)> {
    let found = if t.cap {
        let mut title: String = t.lower.chars().take(1).flat_map(char::to_uppercase).collect();
        title.extend(t.lower.chars().skip(1));
        dateline_entities::lexicon::clusters(&title)
    } else {
        dateline_entities::lexicon::clusters(&t.lower)
    };
    found.map(|(_, mid, coarse)| (mid, coarse))
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

/// Hashed features of token `i`.
fn features(v: &[View<'_>], around: &Around, i: usize, out: &mut Vec<u32>) {
    out.clear();
    let (s0, s1) = v[i].sentence;
    let word = |k: isize| -> &str {
        let j = i as isize + k;
        if j < s0 as isize || j >= s1 as isize {
            "<s>"
        } else {
            v[j as usize].lower
        }
    };
    let cue_left = around.cue_left[i];
    let cue_right = around.cue_right[i];
    let between = |a: usize, b: usize, w: &str| around.between(a, b, w == "that");
    let t = &v[i];
    let suffix: String = t.lower.chars().rev().take(3).collect();
    let sentence_quoted = around.sentence_quoted[i];
    let cap_run = t.cap && (i > s0 && v[i - 1].cap || i + 1 < s1 && v[i + 1].cap);
    let mut add = |args: std::fmt::Arguments<'_>| {
        let mut h = Fnv::default();
        let _ = h.write_fmt(args);
        out.push(h.0);
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
    add(format_args!("q={}|{}", t.quoted, sentence_quoted));
    add(format_args!("caprun={cap_run}"));
    add(format_args!("cue={}", t.cue.unwrap_or("-")));
    let left = cue_left.map_or("none", |j| bucket(i - j));
    let right = cue_right.map_or("none", |j| bucket(j - i));
    add(format_args!("cueL={left}"));
    add(format_args!("cueR={right}"));
    add(format_args!("cueLR={left}|{right}"));
    add(format_args!("cueLw={}", cue_left.and_then(|j| v[j].cue).unwrap_or("-")));
    add(format_args!(
        "cueRw={}",
        cue_right.and_then(|j| v[j].cue).unwrap_or("-")
    ));
    if let Some(j) = cue_left {
        add(format_args!(
            "cueL,that={}|{}|{}",
            between(j, i, ","),
            between(j, i, "that"),
            t.quoted
        ));
        add(format_args!("cueL+1={}", v.get(j + 1).map_or("-", |x| x.lower)));
    }
    if let Some(j) = cue_right {
        add(format_args!("cueR,={}|{}|{}", between(i, j, ","), t.quoted, t.shape));
        add(format_args!("cueR-1={}", v[j - 1].lower));
    }
    add(format_args!("qcue={}|{left}|{right}", t.quoted));
    add(format_args!("w-1cue={}|{left}|{right}", word(-1)));
    add(format_args!("capcue={cap_run}|{}|{left}|{right}", t.cap));
    add(format_args!("w-3={}", word(-3)));
    add(format_args!("w+3={}", word(3)));
    add(format_args!("pos={}|{}", bucket(i - s0), bucket(s1 - i)));
    let cluster = |k: isize| {
        let j = i as isize + k;
        if j < s0 as isize || j >= s1 as isize {
            None
        } else {
            v[j as usize].cluster
        }
    };
    let (c0, cl, cr) = (cluster(0), cluster(-1), cluster(1));
    add(format_args!("c={:?}", c0.map(|c| c.0)));
    add(format_args!("cc={:?}", c0.map(|c| c.1)));
    add(format_args!("c-1={:?}", cl.map(|c| c.1)));
    add(format_args!("c+1={:?}", cr.map(|c| c.1)));
    add(format_args!("c-1c={:?}|{:?}", cl.map(|c| c.1), c0.map(|c| c.1)));
    add(format_args!("ccue={:?}|{left}|{right}", c0.map(|c| c.1)));
}

fn shape_at(v: &[View<'_>], i: usize, k: isize) -> &'static str {
    let j = i as isize + k;
    if j < 0 || j as usize >= v.len() {
        "_"
    } else {
        v[j as usize].shape
    }
}

/// Spans of one label in a tagged sequence, as byte ranges.
pub(crate) fn runs(toks: &[Tok], tags: &[Tagged], want: Label) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (t, &(l, begins)) in toks.iter().zip(tags) {
        if l == want && !begins {
            if let Some(r) = &mut open {
                r.1 = t.end;
                continue;
            }
        }
        out.extend(open.take());
        if l == want {
            open = Some((t.start, t.end));
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
        // A word outside the cue lexicon, in cue spans three times in three: a learned cue.
        let endorsed = "The mayor endorsed the plan. The union endorsed the bill. The paper endorsed the rival.";
        let spans = endorsed
            .match_indices("endorsed")
            .map(|(s, w)| (s, s + w.len(), Label::Cue))
            .collect();
        let learned = Example {
            text: endorsed.to_string(),
            spans,
        };
        let model = train(&[example, learned], 10, 0.0);
        let back = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(back.cues.iter().collect::<Vec<_>>(), ["endorsed"]);
        let doc = dateline_text::Document::new(None, &text);
        let toks = doc.words();
        let (labels, _) = back.tag(&text, toks);
        let content = runs(toks, &labels, Label::Content);
        assert_eq!(content.first().map(|&(s, e)| &text[s..e]), Some("the plan would fail"));
        assert!(Model::from_bytes(b"junk").is_none());
    }
}
