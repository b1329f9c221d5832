//! Cues: the verbs and phrases of saying a sentence holds, and the outlet a statement came through.

use super::*;
use crate::clauses::is_weekday;

/// Words of time that may follow an outlet's name (`told Reuters yesterday`).
const TIME_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "tonight",
    "earlier",
    "later",
    "last",
    "this",
    "next",
];

/// Nouns for an outlet or its journalists that follow the outlet's name (`the Independent newspaper`, `the
/// BBC interviewer`, `VOA Pentagon correspondent Carla Babb`).
const OUTLET_NOUNS: &[&str] = &[
    "newspaper",
    "paper",
    "magazine",
    "website",
    "channel",
    "network",
    "broadcaster",
    "tabloid",
    "daily",
    "podcast",
    "programme",
    "program",
    "show",
    "interviewer",
    "correspondent",
    "reporter",
    "journalist",
    "columnist",
    "anchor",
    "host",
];

impl Sentence<'_> {
    /// The outlet the sentence says its statements came through, outside any quotation: `via USA Today`,
    /// `via Brian Batko of the Pittsburgh Post-Gazette`, `as reported by the Independent newspaper`.
    pub(super) fn relayed_through(&self) -> Option<String> {
        (0..self.toks.len()).find_map(|k| {
            let t = &self.toks[k];
            if t.quoted || !t.word {
                return None;
            }
            let at = |j: usize, w: &str| self.toks.get(j).is_some_and(|t| !t.quoted && t.lower == w);
            let start = if t.lower == "via" {
                k + 1
            } else if t.lower == "reported" && k > 0 && at(k - 1, "as") && at(k + 1, "by") {
                k + 2
            } else {
                return None;
            };
            let (a, b) = self.noun_phrase_right(start)?;
            self.outlet(a, b)
        })
    }

    /// The outlet a statement came through: `told the BBC`, `told Reuters`, `said in an interview with X`.
    pub(super) fn via(&self, cue: &Cue) -> Option<String> {
        if cue.lemma == "tell" {
            let (a, b) = self.addressee_right(cue.last + 1)?;
            return self.outlet(a, b);
        }
        None
    }

    /// Tokens `a..=b` as an outlet name (capitalised, not a pronoun or a person's title), `the` dropped; a
    /// description before the name is dropped too (`the Russian state news agency RIA Novosti` → `RIA
    /// Novosti`).
    pub(super) fn outlet(&self, a: usize, b: usize) -> Option<String> {
        let toks = &self.toks[a..=b];
        let mut toks: Vec<&Tok> = toks.iter().skip_while(|t| t.lower == "the").collect();
        // A name followed by what it qualifies is whom they told (`told WeWork executives`), not an outlet;
        // unless that is the outlet's kind or one of its journalists (`the Independent newspaper`, `the BBC
        // interviewer`).
        let qualifies = self.toks.get(b + 1).is_some_and(|t| {
            t.word
                && !t.cap
                && !FUNCTION_WORDS.contains(&t.lower.as_str())
                && !PREPOSITIONS.contains(&t.lower.as_str())
                && !TIME_WORDS.contains(&t.lower.as_str())
                && !OUTLET_NOUNS.contains(&t.lower.as_str())
                && !t.lower.ends_with("ly")
        });
        // `VOA Pentagon correspondent Carla Babb`: the outlet is the name before its journalist.
        // (`The Hollywood Reporter` is a name: only a journalist in lower case ends one.)
        if let Some(k) = toks
            .iter()
            .position(|t| !t.cap && OUTLET_NOUNS.contains(&t.lower.as_str()))
        {
            toks.truncate(k);
        }
        let all_names = !toks.is_empty() && toks.iter().all(|t| t.cap);
        if qualifies && all_names && toks.last().is_some_and(|t| !is_weekday(&t.lower)) {
            return None;
        }
        // A name first is the outlet, up to a word in lower case that opens something else (`Billboard` in
        // `told Billboard the Doobies have …`) or a day after it (`told the Argus Leader Monday afternoon`);
        // but not when that word is what the name qualifies (`told WeWork executives`: whom they told).
        let lead = toks.iter().take_while(|t| t.cap).count();
        let named = lead - toks[..lead].iter().rev().take_while(|t| is_weekday(&t.lower)).count();
        let next = toks.get(lead).filter(|_| named > 0);
        let ends_named = toks.last().is_some_and(|t| t.cap);
        // (`Sui-Lee Wee of the New York Times`: the outlet is the name after the preposition.)
        let opens = next.is_some_and(|t| {
            let preposition = PREPOSITIONS.contains(&t.lower.as_str()) || NP_PREPOSITIONS.contains(&t.lower.as_str());
            !t.word || preposition && !ends_named || !preposition && FUNCTION_WORDS.contains(&t.lower.as_str())
        });
        let adverb = next.is_some_and(|t| t.lower.ends_with("ly"));
        if named > 0 && (named < lead || opens || adverb) {
            toks.truncate(named);
        } else if next.is_some() && !ends_named {
            return None;
        } else if let Some(k) = toks.iter().rposition(|t| !t.cap) {
            if PREPOSITIONS.contains(&toks[0].lower.as_str()) {
                return None;
            }
            toks.drain(..=k);
        }
        let possessive = toks.last().is_some_and(|t| possessive(&t.lower));
        if toks.is_empty() || possessive || PRONOUNS.contains(&toks[0].lower.as_str()) {
            return None;
        }
        Some(self.text[toks[0].start..toks[toks.len() - 1].end].to_string())
    }

    pub(super) fn cue_text(&self, cue: &Cue) -> String {
        self.text[self.toks[cue.first].start..self.toks[cue.last].end].to_string()
    }

    /// Cue verbs and phrases outside quotations, in order.
    pub(super) fn find_cues(&self, headline: bool) -> Vec<Cue> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let t = &self.toks[i];
            if !t.word || t.quoted {
                i += 1;
                continue;
            }
            if let Some((len, phrase)) = CUE_PHRASES.iter().find_map(|p| {
                // Phrases start with a word the token must be: most tokens stop here.
                if !p.starts_with(t.lower.as_str()) || p.as_bytes().get(t.lower.len()) != Some(&b' ') {
                    return None;
                }
                let parts: Vec<&str> = p.split(' ').collect();
                let hit = parts.iter().enumerate().all(|(k, w)| {
                    self.toks
                        .get(i + k)
                        .is_some_and(|t| t.word && !t.quoted && t.lower == *w)
                });
                hit.then_some((parts.len(), *p))
            }) {
                let lemma = match phrase {
                    p if p.contains("point") => "point out",
                    p if p.starts_with("call") => "call on",
                    p => p,
                };
                out.push(Cue {
                    first: i,
                    last: i + len - 1,
                    lemma: lemma.to_string(),
                });
                i += len;
                continue;
            }
            // `also known as Myanmar`, `pledged delegates`: a name or a kind, not knowledge or a pledge.
            // `less than forecast in July`: a comparison, not a forecast.
            let idiom = t.lower == "known" && self.toks.get(i + 1).is_some_and(|n| n.lower == "as")
                || i > 0 && self.toks[i - 1].lower == "than"
                || t.lower == "pledged" && self.toks.get(i + 1).is_some_and(|n| n.lower.starts_with("delegate"));
            if let Some(lemma) = lexicon::cue_lemma(&t.lower)
                .filter(|_| !t.cap && !idiom && !matches!(t.lower.as_str(), "speaking" | "talking"))
            {
                // A cue noun (`claims`, `reports`) after a determiner is not a verb; nor is a plural noun
                // form (`Soviet states`) that no clause follows.
                let det = i > 0
                    && matches!(
                        self.toks[i - 1].lower.as_str(),
                        "the"
                            | "a"
                            | "an"
                            | "these"
                            | "those"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "such"
                            | "of"
                            | "to"
                            | "our"
                            | "your"
                            | "my"
                            | "one"
                            | "another"
                            | "this"
                            | "each"
                            | "every"
                            | "latest"
                            | "recent"
                    );
                // `Trump's state tax returns`, `the New York Times report from`, `New York state is`: the base
                // form of a cue noun after a possessive, or before a word only a noun takes, is a noun.
                let noun_form = lexicon::NOUN_VERBS.contains(&lemma) && t.lower == lemma;
                let possessive = i > 0 && possessive(&self.toks[i - 1].lower);
                let noun_next = self
                    .toks
                    .get(i + 1)
                    .is_some_and(|n| matches!(n.lower.as_str(), "from" | "of" | "by" | "is" | "was" | "has" | "had"));
                // `A big question remains`, `a five-alarm call to voters`, `No doubt,`: after an article and
                // adjectives (not a plural, which would be the verb's subject: `The officials question`).
                let after_adjectives = (1..=3).filter(|&k| k <= i).any(|k| {
                    matches!(
                        self.toks[i - k].lower.as_str(),
                        "a" | "an" | "the" | "no" | "this" | "that"
                    ) && self.toks[i - k + 1..i]
                        .iter()
                        .all(|t| t.word && !t.cap && !t.quoted && (!t.lower.ends_with('s') || t.lower.ends_with("ss")))
                });
                // `state regulators`, `the Sunshine state`: `state` reports only before what is stated.
                let before_statement = self
                    .toks
                    .get(i + 1)
                    .is_some_and(|n| matches!(n.lower.as_str(), "that" | ":"));
                // `Rust Belt states that have suffered`, `solidly Democratic states`: after a name or number.
                let subject_before = i > 0 && {
                    let p = &self.toks[i - 1];
                    p.word && !p.cap && !p.lower.starts_with(|c: char| c.is_ascii_digit())
                };
                let state_noun = t.lower == "state" && !before_statement
                    || t.lower == "states" && !(before_statement && subject_before);
                let det = det || state_noun || noun_form && (possessive || noun_next || after_adjectives);
                let headline_verb = headline && i > 0 && self.toks[..i].iter().all(|t| t.cap || !t.word);
                let plural_noun = t.lower.ends_with('s')
                    && !t.lower.ends_with("ss")
                    && !headline_verb
                    && lexicon::NOUN_VERBS.contains(&lemma)
                    && !self.toks.get(i + 1).is_some_and(|n| {
                        n.quoted
                            || matches!(
                                n.lower.as_str(),
                                "that" | ":" | "," | "it" | "he" | "she" | "they" | "the"
                            )
                    });
                if !det && !plural_noun {
                    out.push(Cue {
                        first: i,
                        last: i,
                        lemma: lemma.to_string(),
                    });
                }
            }
            i += 1;
        }
        out
    }
}
