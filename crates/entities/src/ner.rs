//! Named-entity recognition: a structured averaged perceptron over BIO labels for person, organisation,
//! place and other names, decoded with Viterbi. Features are the token and its neighbours (words, shapes,
//! affixes, word clusters at three granularities), gazetteer matches, and two document-level cues: whether
//! the word is seen lower-case elsewhere in the document, and whether it is seen capitalised mid-sentence
//! (so that headline case and ALL-CAPS datelines read like running text). A second stage tags again with,
//! in addition, what the first stage said of the same word elsewhere in the document and the words around
//! those other occurrences (non-local features after Ratinov & Roth 2009).
//!
//! The weights ship in `model/ner.bin` (format in [`Model::to_bytes`]); `scripts/train-ner.sh` reproduces
//! them from CoNLL-2003 in `../shared/bench/ner`.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use crate::lexicon::{self, PlaceKind, MAX_PLACE_TOKENS};
use crate::names;
use crate::perceptron::{self, Perceptron};
use crate::weights::fnv;
use dateline_text::tokens::Token;

/// The four name types of CoNLL-2003.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameType {
    /// A person.
    Person,
    /// An organisation.
    Organization,
    /// A place.
    Place,
    /// Any other name (events, nationalities, works).
    Other,
}

const TYPES: [NameType; 4] = [
    NameType::Person,
    NameType::Organization,
    NameType::Place,
    NameType::Other,
];
/// Labels: 0 = outside, then begin/inside for each type (1 + 2 × type + inside).
pub const LABELS: usize = 9;
const MAGIC: &[u8; 8] = b"DLNER002";

/// A label index: outside, or begin/inside of a type.
pub fn label(kind: Option<(NameType, bool)>) -> usize {
    match kind {
        None => 0,
        Some((t, inside)) => 1 + 2 * TYPES.iter().position(|x| *x == t).unwrap_or(3) + usize::from(inside),
    }
}

fn type_of(label: usize) -> Option<(NameType, bool)> {
    (label > 0).then(|| (TYPES[(label - 1) / 2], (label - 1) % 2 == 1))
}

/// Whether `next` may follow `prev` (an inside label only continues its own type).
fn allowed(prev: Option<usize>, next: usize) -> bool {
    match type_of(next) {
        Some((t, true)) => prev.and_then(type_of).is_some_and(|(p, _)| p == t),
        _ => true,
    }
}

/// A name found in a sequence of tokens: token range and type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Name {
    /// Index of the first token.
    pub first: usize,
    /// One past the last token.
    pub last: usize,
    /// What it names.
    pub kind: NameType,
}

/// Tagger weights, two stages: the first tags from local features; the second sees, besides those, what the
/// first said of the same word elsewhere in the document (a surname tagged a person three sentences back, a
/// club name tagged an organisation in the results table) and decides again. Each stage has a row of nine
/// weights per hashed feature and label transitions (format in [`perceptron`]).
pub struct Model {
    first: Perceptron<LABELS>,
    second: Perceptron<LABELS>,
}

/// Magic of the file, and of each stage's weights inside it.
const STAGES: [&[u8; 8]; 2] = [b"DLNERST1", b"DLNERST2"];

impl Model {
    /// Reads weights written by [`Model::to_bytes`]; `None` when the bytes are not such a file.
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        let (one, two) = (rest.get(4..4 + len)?, rest.get(4 + len..)?);
        Some(Model {
            first: Perceptron::from_bytes(one, STAGES[0])?,
            second: Perceptron::from_bytes(two, STAGES[1])?,
        })
    }

    /// The weights as bytes: magic `DLNER002`, the byte length of the first stage (u32), then each stage in
    /// the form [`perceptron`] describes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let one = self.first.to_bytes(STAGES[0]);
        let mut out = MAGIC.to_vec();
        out.extend((one.len() as u32).to_le_bytes());
        out.extend(one);
        out.extend(self.second.to_bytes(STAGES[1]));
        out
    }

    /// The names in a tokenised text.
    pub fn names(&self, text: &str, tokens: &[Token]) -> Vec<Name> {
        let mut feats = Features::of(text, tokens);
        let first = tag(&self.first, &feats.rows, tokens);
        feats.add_document(&first);
        spans(&tag(&self.second, &feats.rows, tokens))
    }
}

/// The labels `weights` give to every token, decoded a sentence at a time.
fn tag(weights: &Perceptron<LABELS>, rows: &[Vec<u32>], tokens: &[Token]) -> Vec<usize> {
    let em = weights.emissions(rows);
    let mut labels = Vec::with_capacity(tokens.len());
    for (a, b) in sentences(tokens) {
        labels.extend(weights.decode(&em[a..b], allowed));
    }
    labels
}

/// Token ranges of the sentences (a sentence starts at each token marked so).
fn sentences(tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        if t.sentence_start && i > start {
            out.push((start, i));
            start = i;
        }
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
    }
    out
}

/// Names in a label sequence.
pub fn spans(labels: &[usize]) -> Vec<Name> {
    let mut out: Vec<Name> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        match type_of(*l) {
            Some((t, true)) if out.last().is_some_and(|n| n.last == i && n.kind == t) => {
                if let Some(n) = out.last_mut() {
                    n.last = i + 1;
                }
            }
            Some((t, _)) => out.push(Name {
                first: i,
                last: i + 1,
                kind: t,
            }),
            None => {}
        }
    }
    out
}

/// Hashed features for every token of a text.
pub struct Features {
    rows: Vec<Vec<u32>>,
    /// Per token: the lower-cased word when it is capitalised (the words document evidence is gathered
    /// for), else `None`.
    keys: Vec<Option<String>>,
    /// Per token with a key: hashed features its neighbouring words lend to other occurrences of the same
    /// word (zero for the others, which lend nothing).
    lent: Vec<[u32; 2]>,
}

fn shape(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        // Runs of the same class collapse to two.
        let mut tail = out.chars().rev();
        if tail.next() == Some(k) && tail.next() == Some(k) {
            continue;
        }
        out.push(k);
    }
    out
}

/// A word as the tagger reads it: a foreign title or seat of power in English (`Президент` → `President`), a
/// place name in another case as the place (`Украины` → `Ukraine`), other Cyrillic in Latin letters, as the
/// tagger learnt names (`Вольфович` → `Volfovich`).
fn view(word: &str) -> Cow<'_, str> {
    if let Some(title) = lexicon::in_english(word) {
        return Cow::Owned(title);
    }
    if word.is_ascii() && !word.ends_with(['y', 'i', 'e']) {
        return Cow::Borrowed(word);
    }
    if lexicon::place(word).is_none() {
        if let Some(p) = lexicon::inflected_place(word) {
            return Cow::Borrowed(&p.canonical);
        }
    }
    names::latin(word)
}

fn is_cap(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

impl Features {
    /// Features of `tokens` (which index into `text`).
    pub fn of(text: &str, tokens: &[Token]) -> Features {
        let views: Vec<Cow<'_, str>> = tokens.iter().map(|t| view(&text[t.start..t.end])).collect();
        let words: Vec<&str> = views.iter().map(|w| w.as_ref()).collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        // Document-level evidence: forms seen in lower case, and capitalised away from a sentence start.
        let mut seen_lower: HashSet<&str> = HashSet::new();
        let mut seen_cap: HashSet<&str> = HashSet::new();
        for (i, w) in words.iter().enumerate() {
            let all_caps = w.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            if !is_cap(w) {
                seen_lower.insert(lower[i].as_str());
            } else if !tokens[i].sentence_start && !all_caps {
                seen_cap.insert(lower[i].as_str());
            }
        }
        let gaz = gazetteer(&words);
        let shapes: Vec<String> = words.iter().map(|w| shape(w)).collect();
        let clusters: Vec<Option<(u16, u16, u16)>> = words.iter().map(|w| lexicon::clusters(w)).collect();
        let mut rows = Vec::with_capacity(tokens.len());
        let mut buf = String::new();
        for i in 0..tokens.len() {
            let mut out = Vec::with_capacity(48);
            let mut add = |args: std::fmt::Arguments<'_>| {
                buf.clear();
                let _ = buf.write_fmt(args);
                out.push(fnv(buf.as_bytes()));
            };
            let at = |k: isize| neighbour(&lower, i, k);
            let shape_at = |k: isize| neighbour(&shapes, i, k);
            let w = words[i];
            let l = lower[i].as_str();
            add(format_args!("b"));
            add(format_args!("w={l}"));
            if w != l {
                add(format_args!("f={w}"));
            }
            for k in [-2isize, -1, 1, 2] {
                add(format_args!("w{k}={}", at(k)));
            }
            add(format_args!("w-1w={}|{l}", at(-1)));
            add(format_args!("ww+1={l}|{}", at(1)));
            add(format_args!("s={}", shapes[i]));
            add(format_args!("s-1s={}|{}", shape_at(-1), shapes[i]));
            add(format_args!("ss+1={}|{}", shapes[i], shape_at(1)));
            add(format_args!("s-1ss+1={}|{}|{}", shape_at(-1), shapes[i], shape_at(1)));
            let chars: Vec<char> = l.chars().collect();
            for n in 1..=4.min(chars.len()) {
                let p: String = chars[..n].iter().collect();
                let s: String = chars[chars.len() - n..].iter().collect();
                add(format_args!("p{n}={p}"));
                add(format_args!("x{n}={s}"));
            }
            let start = tokens[i].sentence_start;
            add(format_args!("st={start}|{}", is_cap(w)));
            if is_cap(w) {
                add(format_args!(
                    "lo={}|{}|{start}",
                    seen_lower.contains(l),
                    seen_cap.contains(l)
                ));
            }
            match clusters[i] {
                Some((fine, mid, coarse)) => {
                    add(format_args!("c={fine}"));
                    add(format_args!("cm={mid}"));
                    add(format_args!("cc={coarse}"));
                    add(format_args!("cm|s={mid}|{}", shapes[i]));
                }
                None => add(format_args!("c=none|{}", shapes[i])),
            }
            for k in [-1isize, 1] {
                let j = i as isize + k;
                let c = (j >= 0)
                    .then(|| clusters.get(j as usize).copied().flatten())
                    .flatten()
                    .map_or(u16::MAX, |c| c.1);
                add(format_args!("cm{k}={c}"));
            }
            for g in &gaz[i] {
                add(format_args!("g={g}"));
            }
            for k in [-1isize, 1] {
                let j = i as isize + k;
                if j >= 0 && (j as usize) < gaz.len() {
                    for g in &gaz[j as usize] {
                        add(format_args!("g{k}={g}"));
                    }
                }
            }
            rows.push(out);
        }
        let keys: Vec<Option<String>> = words
            .iter()
            .zip(&lower)
            .map(|(w, l)| (is_cap(w) && w.chars().count() > 1).then(|| l.clone()))
            .collect();
        // Only words with a key lend their neighbours to other occurrences.
        let lent = (0..tokens.len())
            .map(|i| {
                if keys[i].is_none() {
                    return [0; 2];
                }
                [
                    fnv(format!("a-1={}", neighbour(&lower, i, -1)).as_bytes()),
                    fnv(format!("a+1={}", neighbour(&lower, i, 1)).as_bytes()),
                ]
            })
            .collect();
        Features { rows, keys, lent }
    }

    /// Adds what a first tagging (`labels`) says of each capitalised word elsewhere in the document: the
    /// labels of its other occurrences (each, and the most frequent), the label of the latest one before it,
    /// and the first tagging's own labels around the token.
    pub fn add_document(&mut self, labels: &[usize]) {
        let mut seen: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, k) in self.keys.iter().enumerate() {
            if let Some(k) = k {
                seen.entry(k.as_str()).or_default().push(i);
            }
        }
        // Each key's label counts over the document, once: a token's view of the others is these less its
        // own label, which keeps the pass linear however often a word recurs.
        let mut totals: HashMap<&str, [usize; LABELS]> = HashMap::new();
        for (i, k) in self.keys.iter().enumerate() {
            if let Some(k) = k {
                totals.entry(k.as_str()).or_insert([0; LABELS])[labels[i].min(LABELS - 1)] += 1;
            }
        }
        let name = |l: usize| LABEL_NAMES[l.min(LABELS - 1)];
        let mut buf = String::new();
        for (i, row) in self.rows.iter_mut().enumerate() {
            let mut add = |args: std::fmt::Arguments<'_>| {
                buf.clear();
                let _ = buf.write_fmt(args);
                row.push(fnv(buf.as_bytes()));
            };
            let own = name(labels[i]);
            let at = |k: isize| {
                i.checked_add_signed(k)
                    .and_then(|j| labels.get(j))
                    .map_or("<b>", |&l| name(l))
            };
            add(format_args!("1={own}"));
            add(format_args!("1-1={}|{own}", at(-1)));
            add(format_args!("1+1={own}|{}", at(1)));
            let Some(key) = self.keys[i].as_deref() else { continue };
            let others = seen.get(key).map_or(&[][..], Vec::as_slice);
            let mut counts = totals.get(key).copied().unwrap_or([0; LABELS]);
            let own_label = labels[i].min(LABELS - 1);
            counts[own_label] = counts[own_label].saturating_sub(1);
            if counts.iter().all(|&c| c == 0) {
                add(format_args!("d=alone"));
                continue;
            }
            // Types only: a surname alone is the inside of the full name elsewhere.
            let mut types = [0usize; 5];
            for (l, c) in counts.iter().enumerate() {
                types[l.div_ceil(2)] += c;
            }
            for t in (0..types.len()).filter(|&t| types[t] > 0) {
                add(format_args!("d={}", TYPE_NAMES[t]));
                add(format_args!("d|1={}|{own}", TYPE_NAMES[t]));
            }
            let (best, _) = types
                .iter()
                .enumerate()
                .rev()
                .max_by_key(|(_, c)| **c)
                .unwrap_or((0, &0));
            add(format_args!("dm={}", TYPE_NAMES[best]));
            add(format_args!("dm|1={}|{own}", TYPE_NAMES[best]));
            for l in (0..LABELS).filter(|&l| counts[l] > 0) {
                add(format_args!("dl={}", name(l)));
            }
            let mut lent: Vec<u32> = others
                .iter()
                .filter(|&&j| j != i)
                .take(16)
                .flat_map(|&j| self.lent[j])
                .collect();
            lent.sort_unstable();
            lent.dedup();
            let before = others.partition_point(|&j| j < i);
            if let Some(&j) = before.checked_sub(1).and_then(|b| others.get(b)) {
                add(format_args!("h={}", name(labels[j])));
            }
            row.extend(lent);
        }
    }
}

/// Label names for features: outside, then begin/inside per type.
const LABEL_NAMES: [&str; LABELS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
/// Type names for features: outside, then the four types.
const TYPE_NAMES: [&str; 5] = ["O", "PER", "ORG", "LOC", "MISC"];

/// The entry `k` places from `i`, or `<b>` past either end.
fn neighbour(v: &[String], i: usize, k: isize) -> &str {
    i.checked_add_signed(k)
        .and_then(|j| v.get(j))
        .map_or("<b>", String::as_str)
}

/// Gazetteer matches per token: `B-country`, `I-city`, `demonym`…, longest match first.
fn gazetteer(words: &[&str]) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new(); words.len()];
    let mut key = String::new();
    for i in 0..words.len() {
        if !is_cap(words[i]) {
            continue;
        }
        for n in (1..=MAX_PLACE_TOKENS.min(words.len() - i)).rev() {
            key.clear();
            for (k, w) in words[i..i + n].iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                key.push_str(w);
            }
            let Some(p) = lexicon::place(&key).or_else(|| {
                // ALL-CAPS datelines: try the title-cased form.
                let all_caps = key.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
                (all_caps && key.chars().count() > 3)
                    .then(|| title_case(&key))
                    .and_then(|t| lexicon::place(&t))
            }) else {
                continue;
            };
            let kind = match p.kind {
                PlaceKind::Country => "country",
                PlaceKind::Region => "region",
                PlaceKind::City => "city",
                PlaceKind::State => "state",
                PlaceKind::Demonym => "demonym",
            };
            for (k, slot) in out[i..i + n].iter_mut().enumerate() {
                slot.push(format!("{}-{kind}", if k == 0 { "B" } else { "I" }));
            }
            break;
        }
    }
    out
}

/// `MOSCOW` → `Moscow`, word by word.
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphanumeric();
    }
    out
}

/// A training document: its text, tokens and gold label per token.
pub struct Example {
    /// The document text.
    pub text: String,
    /// Its tokens, the first of each sentence marked.
    pub tokens: Vec<Token>,
    /// A label index per token ([`label`]).
    pub labels: Vec<usize>,
}

/// Trains both stages, each a structured averaged perceptron run for `epochs` passes over `examples` (in a
/// fixed shuffled order, a sentence at a time) and pruned of feature rows whose weights are all below
/// `prune` × the largest. The second stage learns from first taggings it could not have memorised: each
/// document is tagged by a first stage trained on the other `folds` − 1 parts of the data.
pub fn train(examples: &[Example], epochs: usize, prune: f32, folds: usize) -> Model {
    let mut feats: Vec<Features> = examples.iter().map(|e| Features::of(&e.text, &e.tokens)).collect();
    let stage = |feats: &[Features], keep: &dyn Fn(usize) -> bool| {
        let docs: Vec<Vec<perceptron::Unit<'_>>> = examples
            .iter()
            .zip(feats)
            .enumerate()
            .filter(|(d, _)| keep(*d))
            .map(|(_, (e, f))| {
                sentences(&e.tokens)
                    .into_iter()
                    .map(|(a, b)| (&f.rows[a..b], &e.labels[a..b]))
                    .collect()
            })
            .collect();
        perceptron::train(&docs, epochs, 0x2545_f491_4f6c_dd1d, prune, allowed)
    };
    let first = stage(&feats, &|_| true);
    let folds = folds.max(2);
    let mut firsts: Vec<Vec<usize>> = vec![Vec::new(); examples.len()];
    for k in 0..folds {
        let held = stage(&feats, &|d| d % folds != k);
        for d in (k..examples.len()).step_by(folds) {
            firsts[d] = tag(&held, &feats[d].rows, &examples[d].tokens);
        }
    }
    for (f, labels) in feats.iter_mut().zip(&firsts) {
        f.add_document(labels);
    }
    let second = stage(&feats, &|_| true);
    Model { first, second }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_text::tokens::tokenise;

    #[test]
    fn learns_names_and_round_trips() {
        let mut examples = Vec::new();
        for (name, verb) in [("Anna Berg", "said"), ("Olaf Lind", "added"), ("Maria Holm", "noted")] {
            let text = format!("{name} {verb} Oslo was calm .");
            let tokens = tokenise(&text);
            let mut labels = vec![0; tokens.len()];
            labels[0] = label(Some((NameType::Person, false)));
            labels[1] = label(Some((NameType::Person, true)));
            labels[3] = label(Some((NameType::Place, false)));
            examples.push(Example { text, tokens, labels });
        }
        let model = train(&examples, 8, 0.0, 3);
        let back = Model::from_bytes(&model.to_bytes()).unwrap();
        let text = "Olaf Berg said Oslo was calm .";
        let names = back.names(text, &tokenise(text));
        assert_eq!(
            names.first().map(|n| (n.first, n.last, n.kind)),
            Some((0, 2, NameType::Person))
        );
        assert!(names.iter().any(|n| n.first == 3 && n.kind == NameType::Place));
        assert!(Model::from_bytes(b"junk").is_none());
    }

    #[test]
    fn inside_labels_only_continue_their_type() {
        let per_b = label(Some((NameType::Person, false)));
        let org_i = label(Some((NameType::Organization, true)));
        assert!(!allowed(Some(per_b), org_i) && !allowed(None, org_i));
        assert_eq!(shape("McDonald"), "XxXxx");
        assert_eq!(title_case("NEW YORK"), "New York");
    }
}
