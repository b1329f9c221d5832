//! Words the quote stage knows: reporting verbs in their inflections (the cue lexicon), the verbs that take
//! the person addressed as an object, pronouns, and the role and title words that describe speakers.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Multi-word cues, lower case, longest first where one contains another.
pub(crate) const CUE_PHRASES: &[&str] = &[
    "according to",
    "went on to say",
    "went on to describe",
    "put it",
    "pointed out",
    "points out",
    "pointing out",
    "called on",
    "calls on",
    "calling on",
    "spoke in favor of",
    "spoke in favour of",
    "raised the possibility of",
    "expressed indignation over",
    "expressed hope",
    "made clear",
    "made it clear",
    "it was specified",
    "in the words of",
];

/// Reporting verbs, by lemma; every inflection is derived by [`forms`].
const CUE_LEMMAS: &[&str] = &[
    "say",
    "tell",
    "add",
    "stress",
    "emphasize",
    "emphasise",
    "note",
    "warn",
    "urge",
    "deny",
    "dismiss",
    "claim",
    "state",
    "explain",
    "insist",
    "argue",
    "assert",
    "report",
    "confirm",
    "announce",
    "suggest",
    "write",
    "tweet",
    "reply",
    "respond",
    "assure",
    "acknowledge",
    "admit",
    "believe",
    "hope",
    "accuse",
    "call",
    "praise",
    "cite",
    "echo",
    "reiterate",
    "recall",
    "remind",
    "maintain",
    "contend",
    "predict",
    "conclude",
    "agree",
    "observe",
    "declare",
    "comment",
    "remark",
    "answer",
    "reveal",
    "disclose",
    "testify",
    "allege",
    "complain",
    "vow",
    "promise",
    "pledge",
    "threaten",
    "describe",
    "mean",
    "want",
    "expect",
    "fear",
    "inform",
    "specify",
    "indicate",
    "clarify",
    "demand",
    "propose",
    "recount",
    "estimate",
    "caution",
    "concede",
    "assess",
    "underline",
    "underscore",
    "highlight",
    "encourage",
    "criticize",
    "criticise",
    "condemn",
    "welcome",
    "blame",
    "question",
    "doubt",
    "suspect",
    "worry",
    "think",
    "feel",
    "know",
    "learn",
    "ask",
    "continue",
    "boast",
    "brag",
    "joke",
    "quip",
    "muse",
    "wonder",
    "counter",
    "retort",
    "scoff",
    "lament",
    "exclaim",
    "proclaim",
    "shout",
    "yell",
    "chant",
    "mention",
    "repeat",
    "speculate",
    "hint",
    "imply",
    "affirm",
    "reaffirm",
    "swear",
    "forecast",
    "advise",
    "recommend",
    "plead",
    "charge",
    "denounce",
    "blast",
    "slam",
    "mock",
    "show",
    "find",
    "elaborate",
    "read",
];

/// Irregular past forms of cue lemmas.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("meant", "mean"),
    ("thought", "think"),
    ("felt", "feel"),
    ("knew", "know"),
    ("known", "know"),
    ("learned", "learn"),
    ("learnt", "learn"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("found", "find"),
    ("shown", "show"),
];

/// Cues after which an indirect clause needs a verb of speaking in the strict sense: mental-state verbs
/// (think, hope, fear…) and ambiguous ones (call, mean, want…) attribute only with a named subject.
pub(crate) const WEAK_CUES: &[&str] = &[
    "believe",
    "hope",
    "think",
    "feel",
    "know",
    "learn",
    "expect",
    "fear",
    "want",
    "mean",
    "call",
    "worry",
    "doubt",
    "suspect",
    "question",
    "welcome",
    "blame",
    "estimate",
    "assess",
    "agree",
    "describe",
    "cite",
    "recall",
    "declare",
    "announce",
    "praise",
    "condemn",
    "criticize",
    "criticise",
    "ask",
    "continue",
    "wonder",
    "muse",
    "mention",
    "repeat",
    "charge",
    "show",
    "find",
    "mock",
    "blast",
    "slam",
    "denounce",
    "advise",
    "recommend",
];

/// Cues of an attitude, not a statement (`Trump thought voters would…`, `Richardson wants Rudolph to…`): a
/// person's belief or wish in the writer's words is no quotation. An institution's (`Moscow hopes that…`)
/// is how its statements are reported, and stays. The verifier learns them so (see `verify`).
pub(crate) const ATTITUDE_CUES: &[&str] = &[
    "believe", "think", "feel", "know", "learn", "hope", "expect", "fear", "want", "worry", "doubt", "suspect",
    "wonder", "muse",
];

/// Cues that report a statement only when `that` (or a colon) opens it: otherwise they name an act
/// (`are countering the attempts`, `found a way`, `shows the house`).
const THAT_CUES: &[&str] = &[
    "counter", "charge", "show", "find", "hint", "imply", "repeat", "continue", "read", "put it",
];

/// Cues that report a question: its clause opens with `whether`, `if` or a question word.
const QUESTION_CUES: &[&str] = &["ask", "wonder"];

/// Words that open a reported question.
const QUESTION_OPENERS: &[&str] = &["whether", "if", "why", "how", "what", "who", "when", "where"];

/// Cue lemmas whose -s form is also a plural noun (`states`, `reports`, `claims`).
pub(crate) const NOUN_VERBS: &[&str] = &[
    "state", "report", "claim", "note", "comment", "answer", "reply", "warn", "promise", "pledge", "hope", "fear",
    "demand", "doubt", "question", "call", "remark", "estimate", "tweet", "respond", "concede", "cite",
];

/// Cues whose first object is the person addressed (`told the BBC that…`, `assured reporters that…`).
pub(crate) const ADDRESSEE_CUES: &[&str] = &["tell", "inform", "assure", "remind", "warn", "answer"];

/// Pronouns that can stand for a speaker.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "him", "her", "they", "them", "who", "it", "we", "i"];

/// Words that describe a speaker's role (lower case): they bind a description ("the Kremlin press
/// secretary") to the person introduced with them ("Kremlin Spokesman Dmitry Peskov").
pub(crate) const ROLE_WORDS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "secretary",
    "press",
    "president",
    "presidential",
    "prime",
    "minister",
    "ministry",
    "chancellor",
    "leader",
    "head",
    "chief",
    "general",
    "commander",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "mayor",
    "senator",
    "ambassador",
    "envoy",
    "official",
    "source",
    "sources",
    "officials",
    "spokesman's",
    "deputy",
    "foreign",
    "defense",
    "defence",
    "interior",
    "state",
    "security",
    "council",
    "army",
    "military",
    "forces",
    "joint",
    "top",
    "chief's",
    "adviser",
    "advisor",
    "aide",
    "counterpart",
    "representative",
    "negotiator",
    "diplomat",
    "analyst",
    "expert",
    "professor",
    "lawyer",
    "judge",
    "prosecutor",
    "police",
    "officer",
    "ceo",
    "founder",
    "king",
    "queen",
    "pope",
    "premier",
];

/// Head nouns that describe a person (not an organisation: `ministry`, `council` name themselves).
pub(crate) const PERSON_HEADS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "president",
    "leader",
    "head",
    "chief",
    "general",
    "commander",
    "director",
    "chairman",
    "chairwoman",
    "governor",
    "mayor",
    "minister",
    "premier",
    "chancellor",
    "ambassador",
    "envoy",
    "official",
    "adviser",
    "advisor",
    "aide",
    "negotiator",
    "counterpart",
    "king",
    "queen",
];

/// Synonyms among role words: each group counts as one role.
pub(crate) const ROLE_SYNONYMS: &[&[&str]] = &[
    &[
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "press",
        "secretary",
        "spokespeople",
    ],
    &["president", "presidential", "leader", "head", "premier"],
    &["chief", "general", "commander", "secretary"],
    &["minister", "ministry"],
    // A title's abbreviation names the same office (`Gov. Eric Holcomb` … `the governor`).
    &["governor", "gov"],
    &["senator", "sen"],
    &["representative", "rep", "congressman", "congresswoman", "lawmaker"],
    &["lieutenant", "lt"],
    &["attorney", "prosecutor"],
];

/// Titles before a name (`Mr Peskov`): dropped from names.
pub(crate) const TITLES: &[&str] = &[
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "sir",
    "dame",
    "gen",
    "gen.",
    "col",
    "col.",
    "president",
    "prime",
    "minister",
    "spokesman",
    "secretary",
    "general",
    "chancellor",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "governor",
    "mayor",
    "king",
    "queen",
    "pope",
    "judge",
    "deputy",
];

/// Words that start a sentence or clause and never begin a name.
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "so",
    "yet",
    "on",
    "in",
    "at",
    "by",
    "for",
    "of",
    "to",
    "from",
    "with",
    "as",
    "after",
    "before",
    "since",
    "while",
    "when",
    "if",
    "although",
    "though",
    "however",
    "meanwhile",
    "also",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "it",
    "there",
    "here",
    "earlier",
    "later",
    "now",
    "then",
    "still",
    "speaking",
    "among",
    "underlining",
    "in",
    "last",
    "next",
];

/// Adverbs and auxiliaries that may stand between a subject and its cue (`has repeatedly said`).
pub(crate) const BETWEEN: &[&str] = &[
    "has",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "will",
    "would",
    "also",
    "then",
    "later",
    "repeatedly",
    "consistently",
    "instead",
    "still",
    "finally",
    "subsequently",
    "immediately",
    "separately",
    "directly",
    "initially",
    "ultimately",
    "previously",
    "earlier",
    "further",
    "again",
    "reportedly",
    "reportedly,",
    "once",
    "first",
    "recently",
    "publicly",
    "openly",
    "privately",
    "firmly",
    "strongly",
    "flatly",
    "however",
    "however,",
    "allegedly",
    "apparently",
    "even",
    "only",
    "just",
    "already",
    "never",
    "not",
    "always",
    "often",
    "all",
    "along",
    "in",
    "turn",
    "for",
    "its",
    "part",
    "his",
    "her",
    "their",
    "own",
    "on",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "did",
    "does",
    "do",
];

/// Every inflected form of every cue lemma, built once.
static CUE_FORMS: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map: HashMap<String, &'static str> = HashMap::new();
    for lemma in CUE_LEMMAS {
        for form in forms(lemma) {
            map.entry(form).or_insert(lemma);
        }
    }
    for (form, lemma) in IRREGULAR {
        map.insert((*form).to_string(), lemma);
    }
    map
});

/// The lemma of `word` (lower case) when it is a form of a cue verb.
pub(crate) fn cue_lemma(word: &str) -> Option<&'static str> {
    CUE_FORMS.get(word).copied()
}

/// The regular inflections of a verb lemma: base, -s, -ed, -ing.
fn forms(lemma: &str) -> [String; 4] {
    let stem_e = lemma.strip_suffix('e');
    let third = if lemma.ends_with('s') || lemma.ends_with("sh") || lemma.ends_with("ch") || lemma.ends_with('o') {
        format!("{lemma}es")
    } else if let Some(st) = lemma.strip_suffix('y').filter(|st| !st.ends_with(['a', 'e', 'o'])) {
        format!("{st}ies")
    } else {
        format!("{lemma}s")
    };
    let past = if let Some(st) = stem_e {
        format!("{st}ed")
    } else if let Some(st) = lemma.strip_suffix('y').filter(|st| !st.ends_with(['a', 'e', 'o'])) {
        format!("{st}ied")
    } else if matches!(lemma, "admit" | "regret") {
        format!("{lemma}ted")
    } else {
        format!("{lemma}ed")
    };
    let ing = match stem_e {
        Some(st) if !lemma.ends_with("ee") => format!("{st}ing"),
        _ if lemma == "admit" => "admitting".to_string(),
        _ => format!("{lemma}ing"),
    };
    [lemma.to_string(), third, past, ing]
}

/// Whether cue `lemma` reports a statement when the word `next` (lower case) follows it: those of
/// [`THAT_CUES`] only before `that` or a colon, those of [`QUESTION_CUES`] only before a question's
/// opening word, the rest always.
pub(crate) fn reports_before(lemma: &str, next: &str) -> bool {
    let statement = !THAT_CUES.contains(&lemma) || matches!(next, "that" | ":");
    let question = !QUESTION_CUES.contains(&lemma) || QUESTION_OPENERS.contains(&next);
    statement && question
}

/// Whether `word` (lower case) is a form of `be`, negated ones included (`isn't`, `wasn’t`).
pub(crate) fn is_be(word: &str) -> bool {
    let base = word
        .strip_suffix("n't")
        .or_else(|| word.strip_suffix("n’t"))
        .unwrap_or(word);
    matches!(base, "is" | "are" | "was" | "were" | "be" | "been" | "being")
}

/// Whether `word` (lower case) has the form of a past participle (`expected`, `given`, `known`).
pub(crate) fn is_participle(word: &str) -> bool {
    word.len() > 3 && ["ed", "en", "wn"].iter().any(|e| word.ends_with(e))
}

/// Whether `word` (lower case) is a role word.
pub(crate) fn is_role(word: &str) -> bool {
    ROLE_WORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_every_inflection() {
        for (w, l) in [
            ("said", "say"),
            ("says", "say"),
            ("saying", "say"),
            ("told", "tell"),
            ("emphasized", "emphasize"),
            ("denies", "deny"),
            ("denied", "deny"),
            ("replied", "reply"),
            ("urging", "urge"),
            ("accused", "accuse"),
            ("admitted", "admit"),
            ("echoed", "echo"),
            ("stresses", "stress"),
        ] {
            assert_eq!(cue_lemma(w), Some(l), "{w}");
        }
        assert_eq!(cue_lemma("bridge"), None);
    }
}
