//! The terms of an article for the story stage, with their raw weights: headline words count twice, names
//! (capitalised inside a sentence) three times, numbers (years, tolls, magnitudes) like words.

use std::collections::HashMap;

use dateline_link::is_stopword;

/// Weight of a word written as a name (capitalised inside a sentence).
const NAME_WEIGHT: f32 = 3.0;
/// Weight of a headline word.
const TITLE_WEIGHT: f32 = 2.0;

/// Terms of a headline and text (lower case, three characters or more, no function words) with their raw
/// weights.
pub(crate) fn terms(title: &str, text: &str) -> HashMap<String, f32> {
    let mut out: HashMap<String, f32> = HashMap::new();
    for (part, weight) in [(title, TITLE_WEIGHT), (text, 1.0)] {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_headline_words_weigh_more() {
        let t = terms("Quake in Chile", "Officials said the quake hit Chile hard.");
        assert_eq!(t.get("quake"), Some(&3.0));
        assert_eq!(t.get("chile"), Some(&(2.0 * 3.0 + 3.0)));
        assert!(!t.contains_key("the") && !t.contains_key("in"));
    }
}
