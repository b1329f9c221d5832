//! Dateline's story stage: articles grouped into stories (one event or development) as they arrive, in one
//! pass.
//!
//! Each article becomes a TF-IDF vector over its headline and body words (headline words and names weigh
//! more: they say what happened and to whom), with document frequencies counted over the articles seen so
//! far. A story is the sum of its articles' vectors; a new article joins the story whose vector is closest
//! (cosine, among the stories sharing its strongest terms), when it is close enough, else starts one. Where
//! both sides have dates, closeness fades with the days between them: two earthquakes a year apart are two
//! stories even in the same words.
//!
//! ```
//! use dateline_story::Stories;
//! let mut s = Stories::default();
//! let a = s.add("Quake hits Chile", "A magnitude 8.8 earthquake struck central Chile on Saturday, killing hundreds.", None);
//! let b = s.add("Chile quake toll rises", "The death toll from the earthquake in central Chile rose to 700.", None);
//! let c = s.add("Tara Reid enters rehab", "The actress Tara Reid checked into Promises Treatment Center in Malibu.", None);
//! assert_eq!(a, b);
//! assert_ne!(a, c);
//! ```

use std::collections::HashMap;

use dateline_link::is_stopword;
use serde::{Deserialize, Serialize};

/// Least cosine between an article and a story for the article to join it.
pub const JOIN: f32 = 0.25;
/// Strongest terms of an article kept in its vector.
const TERMS: usize = 80;
/// Terms of an article that look for candidate stories.
const PROBES: usize = 15;
/// Latest stories holding a probe term that are looked at (a word common to many stories would otherwise
/// make every article compare with all of them).
const PROBE_REACH: usize = 200;
/// Candidate stories compared in full: those sharing the most probe terms.
const CANDIDATES: usize = 100;
/// Weight of a word written as a name (capitalised inside a sentence).
const NAME_WEIGHT: f32 = 3.0;
/// Documents assumed seen before the first, none holding any word (IDF smoothing).
const PRIOR_DOCS: f32 = 50.0;
/// Days over which closeness halves when both sides are dated, past [`GRACE_DAYS`].
const HALF_LIFE_DAYS: f32 = 7.0;
/// Days apart that cost nothing: a story is reported over several days.
const GRACE_DAYS: f32 = 3.0;

/// One story as it grows.
#[derive(Serialize, Deserialize)]
struct Story {
    /// Sum of its articles' vectors.
    sum: HashMap<String, f32>,
    /// Squared length of `sum`, kept as it grows.
    #[serde(default)]
    norm2: f32,
    /// Its days (as day numbers), earliest and latest.
    days: Option<(i64, i64)>,
}

/// The stories so far, and the document frequencies of their words: the whole state of the clustering,
/// which a store keeps between ingests ([`Stories::to_json`]).
#[derive(Serialize, Deserialize)]
pub struct Stories {
    /// Least cosine to join a story.
    join: f32,
    df: HashMap<String, u32>,
    docs: u32,
    stories: Vec<Story>,
    /// Term → stories whose vectors hold it.
    index: HashMap<String, Vec<usize>>,
    /// Stories before this one have been let go ([`Stories::retain_recent`]).
    #[serde(default)]
    live_from: usize,
}

/// Terms of a headline and text with their raw weights: headline words count twice, names (capitalised
/// inside a sentence) three times, numbers (years, tolls, magnitudes) like words.
fn terms(title: &str, text: &str) -> HashMap<String, f32> {
    let mut out: HashMap<String, f32> = HashMap::new();
    for (part, weight) in [(title, 2.0f32), (text, 1.0)] {
        let mut opens = true;
        for raw in part.split(|c: char| !c.is_alphanumeric() && c != '-') {
            let w = raw.trim_matches('-');
            if w.is_empty() {
                continue;
            }
            let lower = w.to_lowercase();
            let named = !opens && w.chars().next().is_some_and(char::is_uppercase);
            opens = false;
            if lower.chars().count() < 3 || is_stopword(&lower) {
                continue;
            }
            *out.entry(lower).or_default() += if named { weight * NAME_WEIGHT } else { weight };
        }
    }
    out
}

/// How much closeness is left between an article and a story `gap` days apart.
fn time_factor(gap: i64) -> f32 {
    0.5f32.powf((gap as f32 - GRACE_DAYS).max(0.0) / HALF_LIFE_DAYS)
}

impl Default for Stories {
    fn default() -> Stories {
        Stories::with_join(JOIN)
    }
}

impl Stories {
    /// Stories that an article joins at cosine `join` or more.
    pub fn with_join(join: f32) -> Stories {
        Stories {
            join,
            df: HashMap::new(),
            docs: 0,
            stories: Vec::new(),
            index: HashMap::new(),
            live_from: 0,
        }
    }

    /// How many stories there are.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// How many stories an article may still join (those not let go).
    pub fn live(&self) -> usize {
        self.stories.len() - self.live_from.min(self.stories.len())
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// Adds an article (its day as a day number, when dated) and returns the index of its story.
    pub fn add(&mut self, title: &str, text: &str, day: Option<i64>) -> usize {
        let vec = self.vector(title, text);
        let at = self.closest(&vec, day).unwrap_or(self.stories.len());
        self.join_story(at, vec, day);
        at
    }

    /// Adds an article to story `at` whatever its words (a copy joins its original's story).
    pub fn add_to(&mut self, at: usize, title: &str, text: &str, day: Option<i64>) -> usize {
        let vec = self.vector(title, text);
        let at = at.min(self.stories.len());
        self.join_story(at, vec, day);
        at
    }

    /// The strongest terms of story `at`: its label.
    pub fn label(&self, at: usize, n: usize) -> Vec<String> {
        let Some(story) = self.stories.get(at) else {
            return Vec::new();
        };
        let mut terms: Vec<(&String, &f32)> = story.sum.iter().collect();
        terms.sort_by(|a, b| b.1.total_cmp(a.1).then_with(|| a.0.cmp(b.0)));
        terms.into_iter().take(n).map(|(t, _)| t.clone()).collect()
    }

    /// Keeps the words of the `keep` latest stories only: older ones can no longer be joined (a story that
    /// has gone quiet takes a new one), which bounds the state whatever the corpus.
    pub fn retain_recent(&mut self, keep: usize) {
        let from = self.stories.len().saturating_sub(keep);
        if from <= self.live_from {
            return;
        }
        for story in &mut self.stories[self.live_from..from] {
            story.sum = HashMap::new();
            story.norm2 = 0.0;
        }
        self.live_from = from;
        for list in self.index.values_mut() {
            list.retain(|&s| s >= from);
        }
        self.index.retain(|_, list| !list.is_empty());
    }

    /// The state as JSON, for a store to keep.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A state from [`Stories::to_json`]; `None` when the text is not one.
    pub fn from_json(s: &str) -> Option<Stories> {
        serde_json::from_str(s).ok()
    }

    /// An article's TF-IDF vector (counting it in the document frequencies).
    fn vector(&mut self, title: &str, text: &str) -> Vec<(String, f32)> {
        let raw = terms(title, text);
        self.docs += 1;
        for t in raw.keys() {
            *self.df.entry(t.clone()).or_default() += 1;
        }
        let n = self.docs as f32;
        let mut vec: Vec<(String, f32)> = raw
            .into_iter()
            .map(|(t, c)| {
                let df = self.df.get(&t).copied().unwrap_or(1) as f32;
                // Smoothed with PRIOR_DOCS documents that hold none of the words, so that the first articles
                // of a store do not find every shared word common.
                let w = (1.0 + c.ln()) * ((n + PRIOR_DOCS + 1.0) / df).ln();
                (t, w)
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        vec.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        vec.truncate(TERMS);
        let len = vec.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-6);
        for (_, w) in &mut vec {
            *w /= len;
        }
        vec
    }

    /// The story an article's vector is close enough to join, if any.
    fn closest(&self, vec: &[(String, f32)], day: Option<i64>) -> Option<usize> {
        let mut shared: HashMap<usize, u32> = HashMap::new();
        for (t, _) in vec.iter().take(PROBES) {
            if let Some(list) = self.index.get(t) {
                for &c in list.iter().rev().take(PROBE_REACH) {
                    *shared.entry(c).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(usize, u32)> = shared.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(CANDIDATES);
        let mut candidates: Vec<usize> = ranked.into_iter().map(|(c, _)| c).collect();
        candidates.sort_unstable();
        let mut best: Option<(usize, f32)> = None;
        for c in candidates {
            let story = &self.stories[c];
            let dot: f32 = vec.iter().filter_map(|(t, w)| story.sum.get(t).map(|s| s * w)).sum();
            let mut sim = dot / story.norm2.sqrt().max(1e-6);
            if let (Some(d), Some((first, last))) = (day, story.days) {
                sim *= time_factor(if d < first { first - d } else { (d - last).max(0) });
            }
            if best.is_none_or(|(_, b)| sim > b) {
                best = Some((c, sim));
            }
        }
        best.filter(|&(_, s)| s >= self.join).map(|(c, _)| c)
    }

    /// Puts a vector in story `at` (a new story when `at` is one past the last).
    fn join_story(&mut self, at: usize, vec: Vec<(String, f32)>, day: Option<i64>) {
        if at >= self.stories.len() {
            self.stories.push(Story {
                sum: HashMap::new(),
                norm2: 0.0,
                days: None,
            });
        }
        let at = at.min(self.stories.len() - 1);
        let story = &mut self.stories[at];
        for (t, w) in vec {
            let slot = story.sum.entry(t.clone()).or_default();
            if *slot == 0.0 {
                self.index.entry(t).or_default().push(at);
            }
            story.norm2 += w * (2.0 * *slot + w);
            *slot += w;
        }
        if let Some(d) = day {
            story.days = Some(story.days.map_or((d, d), |(a, b)| (a.min(d), b.max(d))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUAKE: &str = "A magnitude 7.0 earthquake struck near the coast on Tuesday, killing dozens of people and \
        destroying hundreds of homes, officials said. Rescue teams searched collapsed buildings through the night.";

    #[test]
    fn the_same_words_months_apart_are_two_stories() {
        let mut s = Stories::default();
        let a = s.add("Earthquake kills dozens", QUAKE, Some(700_000));
        let b = s.add("Earthquake kills dozens", QUAKE, Some(700_001));
        let c = s.add("Earthquake kills dozens", QUAKE, Some(700_200));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn days_apart_within_a_story_cost_nothing() {
        assert_eq!(time_factor(0), 1.0);
        assert_eq!(time_factor(3), 1.0);
        assert!((time_factor(10) - 0.5).abs() < 1e-6);
        assert!(time_factor(200) < 0.01);
    }

    #[test]
    fn old_stories_are_let_go() {
        let mut s = Stories::default();
        let a = s.add("Earthquake kills dozens", QUAKE, None);
        s.add(
            "Tara Reid enters rehab",
            "The actress checked into Promises Treatment Center in Malibu.",
            None,
        );
        s.retain_recent(1);
        assert_ne!(s.add("Earthquake kills dozens", QUAKE, None), a);
    }

    #[test]
    fn the_state_survives_json_and_goes_on() {
        let mut s = Stories::default();
        let a = s.add("Earthquake kills dozens", QUAKE, None);
        let mut back = Stories::from_json(&s.to_json()).unwrap_or_default();
        assert_eq!(back.len(), 1);
        assert_eq!(back.add("Quake toll rises", QUAKE, None), a);
        assert!(
            back.label(a, 3).iter().any(|t| t == "earthquake"),
            "{:?}",
            back.label(a, 3)
        );
        assert_eq!(
            back.add_to(a, "Unrelated words", "Nothing in common at all here.", None),
            a
        );
    }
}
