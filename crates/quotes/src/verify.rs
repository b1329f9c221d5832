//! The quotation verifier: how likely a quotation the rules and the tagger found is a statement given to
//! the right speaker. A logistic model over what the finding looks like — its kind, its cue, the words that
//! name the speaker, how the content opens, whether it holds a finite verb, its length, the rule's own prior —
//! trained on PolNeAR's training split and on quotations judged on real news pages
//! (`bench/real/train-judgments.txt`), then rescaled (Platt) on the real pages' held-out predictions, so
//! that [`Quote::confidence`] is a probability on the open web: of the quotations at 0.8, about eight in ten
//! are right (`scripts/train-quotes.sh`). Quotations below the model's floor (chosen by cross-validation for
//! the best F1 on PolNeAR) are dropped.

use dateline_model::{Entity, EntityKind, Quote, QuoteKind};

use crate::lexicon;

/// Hashed feature slots.
pub const BUCKETS: usize = 1 << 14;

const MAGIC: &[u8; 4] = b"DLV2";

/// A trained verifier: a bias, a weight per feature slot, the rescaling of its score to real pages, and the
/// floor below which a quotation is dropped.
#[derive(Clone, Debug)]
pub struct Verifier {
    /// Added to every score.
    pub bias: f32,
    /// Weight per hashed feature slot ([`BUCKETS`] of them).
    pub weights: Vec<f32>,
    /// Platt rescaling: the probability is `sigmoid(scale * score + shift)`.
    pub scale: f32,
    /// See [`Verifier::scale`].
    pub shift: f32,
    /// Probability below which a quotation is not reported.
    pub floor: f32,
}

impl Verifier {
    /// Reads weights written by [`Verifier::to_bytes`]; `None` when they are not such bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<Verifier> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let word = |k: usize| -> Option<[u8; 4]> { rest.get(4 * k..4 * k + 4)?.try_into().ok() };
        let buckets = u32::from_le_bytes(word(0)?) as usize;
        if buckets != BUCKETS || rest.len() != 4 * (5 + buckets) {
            return None;
        }
        let float = |k: usize| word(k).map(f32::from_le_bytes);
        let (bias, scale, shift, floor) = (float(1)?, float(2)?, float(3)?, float(4)?);
        let weights = (0..buckets).map(|k| float(5 + k)).collect::<Option<Vec<f32>>>()?;
        Some(Verifier {
            bias,
            weights,
            scale,
            shift,
            floor,
        })
    }

    /// The weights as bytes: magic, slot count, bias, scale, shift, floor, then each weight (little-endian).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(u32::try_from(self.weights.len()).unwrap_or(u32::MAX).to_le_bytes());
        for x in [self.bias, self.scale, self.shift, self.floor] {
            out.extend(x.to_le_bytes());
        }
        for w in &self.weights {
            out.extend(w.to_le_bytes());
        }
        out
    }

    /// The model's score (log-odds before rescaling) for these features.
    pub fn score(&self, features: &[u32]) -> f32 {
        self.bias
            + features
                .iter()
                .map(|&f| self.weights.get(f as usize).copied().unwrap_or(0.0))
                .sum::<f32>()
    }

    /// The probability that a quotation with these features is right, rescaled to real pages.
    pub fn probability(&self, features: &[u32]) -> f32 {
        sigmoid(self.scale * self.score(features) + self.shift)
    }
}

/// The logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Words that show a clause has a finite verb of its own (`is`, `would`, `has`): reported speech is a
/// clause, an act's object (`confidence in the winger`, `control of the mansion`) is not.
const FINITE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "do", "does", "did", "will", "would", "can",
    "could", "may", "might", "must", "shall", "should", "won't", "can't", "isn't", "wasn't", "aren't", "don't",
    "doesn't", "didn't", "hasn't", "haven't", "wouldn't", "couldn't", "it's", "that's", "there's",
];

/// The features of a quotation `q` found in `text` (before verification: `q.confidence` is the rule's
/// prior), as hashed slots; `entities` are the entity stage's findings in the same text.
pub fn features(text: &str, q: &Quote, entities: &[Entity]) -> Vec<u32> {
    let mut out = Vec::with_capacity(32);
    let mut add = |name: &str| out.push(slot(name));
    let kind = match q.kind {
        QuoteKind::Direct => "d",
        QuoteKind::Partial => "p",
        QuoteKind::Indirect => "i",
    };
    add(&format!("kind={kind}"));
    if q.in_title {
        add("title");
    }
    let cue = q.cue.as_deref().map(cue_key);
    match &cue {
        Some(c) => {
            add(&format!("cue={c}"));
            add(&format!("cue={c}|{kind}"));
        }
        None => add(&format!("nocue|{kind}")),
    }
    let prior = (q.confidence.clamp(0.0, 1.0) * 10.0).round() as u32;
    add(&format!("prior={prior}|{kind}"));

    // The words that name the speaker.
    let mention = q.speaker_mention.as_ref().map(|m| m.text.as_str()).unwrap_or("");
    let words: Vec<&str> = mention.split_whitespace().collect();
    let mention_class = if words.is_empty() {
        "none"
    } else if words.len() == 1 && lexicon::PRONOUNS.contains(&words[0].to_lowercase().as_str()) {
        "pronoun"
    } else if words.iter().any(|w| w.starts_with(char::is_uppercase)) {
        "named"
    } else {
        "described"
    };
    add(&format!("mention={mention_class}|{kind}"));
    if let Some(first) = words.first() {
        add(&format!("mfirst={}", first.to_lowercase()));
    }
    if let Some(last) = words.last() {
        let head = last.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        add(&format!("mhead={head}"));
    }
    let resolved = match (&q.speaker, mention) {
        (None, _) => "unresolved",
        (Some(s), m) if s == m => "as-written",
        (Some(s), m) if m.is_empty() || !s.contains(m) => "resolved",
        _ => "named",
    };
    add(&format!("speaker={resolved}|{mention_class}"));
    if let Some(c) = &cue {
        add(&format!("cue={c}|mention={mention_class}"));
    }
    if q.via.is_some() {
        add("via");
    }
    // What the entity stage makes of the words that name the speaker, and of the speaker they stand for: a
    // person, an organisation, a place, or nothing it knows (`Remember`, `Co-Founder`, `Needless`).
    let mention_type = q.speaker_mention.as_ref().filter(|_| !q.in_title).map_or("none", |m| {
        entity_type(entities, |e| {
            e.mentions
                .iter()
                .any(|x| !x.in_title && x.start < m.end && m.start < x.end)
        })
    });
    add(&format!("mtype={mention_type}|{mention_class}"));
    let speaker_type = q.speaker.as_deref().map_or("none", |s| {
        entity_type(entities, |e| e.name == s || e.aliases.iter().any(|a| a == s))
    });
    add(&format!("stype={speaker_type}|{kind}"));
    if let Some(m) = &q.speaker_mention {
        let (ms, qs) = (m.start as usize, q.start as usize);
        let order = if ms < qs { "before" } else { "after" };
        let gap = if ms < qs {
            qs.saturating_sub(m.end as usize)
        } else {
            ms.saturating_sub(q.end as usize)
        };
        add(&format!("order={order}|{}|{kind}", bucket(gap, &[3, 10, 30, 100])));
    }

    // The content.
    let content = &q.text;
    let lower = content.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '“' | '”' | '"' | '‘' | '’' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    let first = tokens.first().copied().unwrap_or("");
    let first_key = if lexicon::FUNCTION_WORDS.contains(&first) || FINITE.contains(&first) {
        first.to_string()
    } else if content
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(char::is_uppercase)
    {
        "Cap".into()
    } else if first.starts_with(|c: char| c.is_ascii_digit()) {
        "num".into()
    } else if first.ends_with("ing") {
        "-ing".into()
    } else {
        "low".into()
    };
    add(&format!("first={first_key}|{kind}"));
    add(&format!("len={}|{kind}", bucket(tokens.len(), &[1, 2, 4, 8, 16, 32])));
    let finite = tokens
        .iter()
        .any(|w| FINITE.contains(w) || w.len() > 4 && w.ends_with("ed") || w.ends_with("n't"));
    add(&format!("finite={finite}|{kind}"));
    if content.contains('%') || lower.contains("percent") || lower.contains("per cent") {
        add("percent");
    }
    if content.chars().any(|c| matches!(c, '“' | '"')) {
        add(&format!("marks-inside|{kind}"));
    }
    if !q.fragments.is_empty() {
        add("fragments");
    }
    let last = content.trim_end().chars().last().unwrap_or(' ');
    let end = match last {
        '.' | '!' | '?' => "stop",
        ',' | ';' | ':' => "comma",
        '”' | '"' | '’' => "mark",
        c if c.is_alphanumeric() => "word",
        _ => "other",
    };
    add(&format!("end={end}|{kind}"));
    // Where the content sits: a paragraph's opening, or inside one.
    let before = text.get(..q.start as usize).unwrap_or("");
    let opens = before.trim_end_matches([' ', '“', '"', '‘']).ends_with('\n') || before.trim().is_empty();
    add(&format!("opens={opens}|{kind}"));
    add("bias-copy");
    out
}

/// The type of the first entity `is` picks, as a feature word (`none` when it picks none).
fn entity_type(entities: &[Entity], is: impl Fn(&Entity) -> bool) -> &'static str {
    entities.iter().find(|e| is(e)).map_or("none", |e| match e.kind {
        EntityKind::Person => "per",
        EntityKind::Organization => "org",
        EntityKind::Place => "loc",
        EntityKind::Other => "oth",
    })
}

/// Whether a finding is, by Dateline's definition, no statement however PolNeAR labels it: a person's
/// attitude ([`attitude`]) or a poll's figure (`Fifty-one percent say that …`, `56% of voters believe`).
pub fn not_a_statement(q: &Quote) -> bool {
    let mention = q
        .speaker_mention
        .as_ref()
        .map(|m| m.text.to_lowercase())
        .unwrap_or_default();
    let poll = mention.contains('%')
        || mention.contains("percent")
        || mention.contains("per cent")
        || mention.starts_with(|c: char| c.is_ascii_digit());
    attitude(q) || poll
}

/// Whether a quotation reports a person's attitude rather than a statement: an attitude cue
/// ([`lexicon::ATTITUDE_CUES`]) with a person's name or pronoun for its speaker. The training labels count
/// these as wrong: that is what Dateline calls a statement, where PolNeAR counts beliefs too.
pub fn attitude(q: &Quote) -> bool {
    let cue = q.cue.as_deref().map(cue_key).unwrap_or_default();
    let mention = q.speaker_mention.as_ref().map(|m| m.text.as_str()).unwrap_or("");
    let person = matches!(
        mention.to_lowercase().as_str(),
        "he" | "she" | "i" | "we" | "they" | "you"
    ) || mention
        .split_whitespace()
        .next()
        .is_some_and(|w| dateline_entities::lexicon::given_name_gender(w).is_some());
    lexicon::ATTITUDE_CUES.contains(&cue.as_str()) && (person || mention.is_empty())
}

/// The cue's key: the lemma of its reporting verb when the lexicon knows it, else its words in lower case.
fn cue_key(cue: &str) -> String {
    let lower = cue.to_lowercase();
    lower
        .split_whitespace()
        .find_map(lexicon::cue_lemma)
        .map_or(lower.clone(), str::to_string)
}

/// The first of `edges` that `n` is at most, as text (`≤4`), or `>last`.
fn bucket(n: usize, edges: &[usize]) -> String {
    edges.iter().find(|&&e| n <= e).map_or_else(
        || format!(">{}", edges.last().copied().unwrap_or(0)),
        |e| format!("≤{e}"),
    )
}

/// The slot of a feature name: FNV-1a, folded into [`BUCKETS`].
fn slot(name: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % BUCKETS as u64) as u32
}

/// Fits the Platt rescaling `sigmoid(scale * score + shift)` to (score, right) pairs by Newton's method on
/// the log loss; `(1, 0)` (no change) when there are too few of either kind to fit.
pub fn platt(pairs: &[(f32, bool)]) -> (f32, f32) {
    let right = pairs.iter().filter(|p| p.1).count();
    if right < 5 || pairs.len() - right < 5 {
        return (1.0, 0.0);
    }
    let (mut a, mut b) = (1.0_f64, 0.0_f64);
    for _ in 0..50 {
        let (mut ga, mut gb, mut haa, mut hab, mut hbb) = (0.0, 0.0, 1e-6, 0.0, 1e-6);
        for &(s, r) in pairs {
            let s = f64::from(s);
            let p = 1.0 / (1.0 + (-(a * s + b)).exp());
            let g = p - if r { 1.0 } else { 0.0 };
            let w = p * (1.0 - p);
            ga += g * s;
            gb += g;
            haa += w * s * s;
            hab += w * s;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let (da, db) = ((hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det);
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    (a as f32, b as f32)
}

/// Fits a verifier to `examples` (features, right or not) by stochastic gradient descent on the log loss
/// with L2 shrinkage `l2`, `epochs` passes in a fixed order (same data, same weights); no rescaling yet.
pub fn train(examples: &[(Vec<u32>, bool)], epochs: usize, l2: f32) -> Verifier {
    let mut v = Verifier {
        bias: 0.0,
        weights: vec![0.0; BUCKETS],
        scale: 1.0,
        shift: 0.0,
        floor: 0.0,
    };
    // AdaGrad: each slot's rate falls with the gradient it has seen.
    let mut seen = vec![1e-8_f32; BUCKETS];
    let mut seen_bias = 1e-8_f32;
    let rate = 0.1_f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..epochs {
        dateline_entities::perceptron::shuffle(&mut order, &mut state);
        for &k in &order {
            let (features, right) = &examples[k];
            let p = v.probability(features);
            let g = p - if *right { 1.0 } else { 0.0 };
            seen_bias += g * g;
            v.bias -= rate * g / seen_bias.sqrt();
            for &f in features {
                let f = f as usize;
                let grad = g + l2 * v.weights[f];
                seen[f] += grad * grad;
                v.weights[f] -= rate * grad / seen[f].sqrt();
            }
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_model::Mention;

    fn quote(text: &str, kind: QuoteKind, cue: &str, mention: &str) -> Quote {
        Quote {
            text: text.into(),
            kind,
            cue: Some(cue.into()),
            speaker_mention: Some(Mention {
                text: mention.into(),
                start: 0,
                end: u32::try_from(mention.len()).unwrap_or(0),
            }),
            start: 40,
            end: 80,
            confidence: 0.75,
            fragments: Vec::new(),
            speaker: None,
            via: None,
            in_title: false,
        }
    }

    #[test]
    fn weights_survive_their_bytes() {
        let examples = vec![
            (
                features("", &quote("We will win.", QuoteKind::Direct, "said", "Mr Smith"), &[]),
                true,
            ),
            (
                features(
                    "",
                    &quote("confidence in the team", QuoteKind::Indirect, "expressed", "he"),
                    &[],
                ),
                false,
            ),
        ];
        let v = train(&examples, 20, 1e-4);
        let back = Verifier::from_bytes(&v.to_bytes()).map(|b| (b.bias, b.weights));
        assert_eq!(back, Some((v.bias, v.weights.clone())));
        assert!(Verifier::from_bytes(b"DLV2").is_none());
        // What it was taught, it gives back in order.
        assert!(v.probability(&examples[0].0) > v.probability(&examples[1].0));
    }

    #[test]
    fn platt_scaling_recovers_a_known_rescaling() {
        // Scores whose true probability is sigmoid(2s - 1), labelled in proportion.
        let mut pairs = Vec::new();
        for k in -20..=20 {
            let s = k as f32 / 10.0;
            let p = sigmoid(2.0 * s - 1.0);
            for j in 0..100 {
                pairs.push((s, (j as f32) < p * 100.0));
            }
        }
        let (a, b) = platt(&pairs);
        assert!((a - 2.0).abs() < 0.2 && (b + 1.0).abs() < 0.2, "{a} {b}");
        assert_eq!(platt(&[(0.5, true)]), (1.0, 0.0));
    }

    #[test]
    fn polls_and_persons_attitudes_are_no_statements() {
        assert!(not_a_statement(&quote(
            "the plan is wrong",
            QuoteKind::Indirect,
            "say",
            "Fifty-one percent"
        )));
        assert!(not_a_statement(&quote(
            "voters would punish him",
            QuoteKind::Indirect,
            "thought",
            "he"
        )));
        assert!(!not_a_statement(&quote(
            "the plan is wrong",
            QuoteKind::Indirect,
            "said",
            "Mr Smith"
        )));
        assert!(!not_a_statement(&quote(
            "talks will go on",
            QuoteKind::Indirect,
            "hopes",
            "Moscow"
        )));
    }

    #[test]
    fn a_clause_and_an_object_differ_in_features() {
        let clause = features(
            "",
            &quote("the plan would fail", QuoteKind::Indirect, "said", "he"),
            &[],
        );
        let object = features(
            "",
            &quote("confidence in the winger", QuoteKind::Indirect, "said", "he"),
            &[],
        );
        assert!(clause.contains(&slot("finite=true|i")));
        assert!(object.contains(&slot("finite=false|i")));
    }
}
