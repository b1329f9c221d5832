//! Who a speaker mention stands for, within one document: the people the document names in full (with the
//! role words around each name: `Kremlin Spokesman Dmitry Peskov`), matched by surname (`Mr Peskov`,
//! `Peskov`, also across spellings: `Wolfowicz` = `Volfovich`), by role (`the Kremlin press secretary`),
//! or, for pronouns, the salient speaker. Organisations and states keep their own name (`the Kremlin` →
//! `Kremlin`); a description of one (`the company`) is the organisation named last. The entity stage's
//! findings say which capitalised runs are places and organisations, which `he` and `she` never are.

use std::collections::HashSet;

use dateline_model::{Entity, EntityKind};

use dateline_entities::lexicon::{
    description_gender, given_name_gender, place_any_case, title_gender, Gender, ORG_HEADS,
};
use dateline_entities::names::{close, is_initial, respell};

use crate::lexicon::{self, FUNCTION_WORDS, PERSON_HEADS, PRONOUNS, ROLE_SYNONYMS, TITLES};

/// A person the document names in full.
#[derive(Debug)]
struct Person {
    /// The full name without middle initials (`Dmitry Peskov`).
    name: String,
    /// Spelling-independent key of the surname.
    surname: String,
    /// Key of the given name (`brian` for `Brian Galabuzi Kakembo`), for texts that use it alone.
    given: String,
    /// The gender the given name or a title says, when one does.
    gender: Option<Gender>,
    /// Role and affiliation words around the name, lower case.
    roles: HashSet<String>,
    /// Byte offset of the first mention.
    first: usize,
    /// Byte offsets in the text of every word that names the person (full name or surname).
    seen: Vec<usize>,
    /// Byte offsets of the mentions among [`Person::seen`] that are their sentence's first person outside
    /// quotation marks: where the person is what the sentence is about.
    subject: Vec<usize>,
    /// Whether a title (`Mr`, `Mrs`, `Prince`) before the name says the gender.
    titled: bool,
    /// Whether the entity stage reads the name as a place's or an organisation's (`South America`, `West
    /// Bank`, `Paris Baguette`) and no title says it is a person's: no `he` or `she`, whatever given name
    /// its first word may also be.
    other: bool,
}

impl Person {
    /// Whether `word`, this person's given name, may stand for them alone: a given name the lexicon knows, or
    /// one that is no place and opens a name without an organisation's words (`Sowmyan` for Sowmyan
    /// Jegatheesan, not `Zimbabwe` for the Zimbabwe Hospital Doctors Association).
    fn goes_by_given(&self, word: &str) -> bool {
        given_name_gender(word).is_some()
            || place_any_case(word).is_none()
                && !self
                    .name
                    .split_whitespace()
                    .any(|w| ORG_HEADS.contains(&w) || ORG_WORDS.contains(&w))
    }
}

/// The people of one document.
#[derive(Debug, Default)]
pub(crate) struct People {
    people: Vec<Person>,
    /// Where the text names an organisation, by the entity stage, in text order: (byte offset, name).
    organisations: Vec<(usize, String)>,
}

/// Head nouns of a description of an organisation (`the company`, `the news organization`): it stands for
/// the organisation the text named last.
const ORG_DESCRIBED: &[&str] = &[
    "agency",
    "brokerage",
    "ministry",
    "department",
    "commission",
    "regulator",
    "watchdog",
    "union",
    "league",
    "association",
    "institute",
    "university",
    "hospital",
    "foundation",
    "company",
    "firm",
    "organization",
    "organisation",
    "network",
    "newspaper",
    "broadcaster",
    "outlet",
    "label",
    "retailer",
    "airline",
    "carrier",
    "automaker",
    "carmaker",
    "startup",
    "chain",
    "brand",
    "maker",
    "manufacturer",
    "publisher",
    "studio",
    "nonprofit",
    "charity",
    "giant",
    "bank",
    "lender",
    "insurer",
];

/// Head words of organisations' names beyond the entity stage's [`ORG_HEADS`], and the words of a public
/// office: a run of capitalised words holding one is not a person's name.
const ORG_WORDS: &[&str] = &["Coalition", "Union", "Centre", "Center", "Club", "County", "Executive"];

/// Head nouns of descriptions of one person beyond the roles (`the actor`, `the singer`).
const DESCRIBED: &[&str] = &[
    "actor",
    "actress",
    "singer",
    "star",
    "player",
    "coach",
    "executive",
    "lawyer",
    "attorney",
    "author",
    "writer",
    "founder",
    "owner",
    "rapper",
    "musician",
    "director",
    "veteran",
    "congressman",
    "congresswoman",
    "senator",
    "lawmaker",
    "candidate",
    "billionaire",
    "entrepreneur",
    "businessman",
    "businesswoman",
];

/// How nouns for a person by what they do end (`analyst`, `agent`, `guitarist`, `founder`, `historian`):
/// a description's head must, to be matched with the words around someone's name.
const PERSON_NOUN_ENDINGS: &[&str] = &["ist", "yst", "er", "or", "ant", "ent", "ian", "man", "woman", "person"];

/// Words that open a phrase put before a sentence's subject (`After meeting Putin, Lukashenko said…`).
const FRONTING: &[&str] = &[
    "after",
    "before",
    "in",
    "on",
    "at",
    "with",
    "according",
    "following",
    "despite",
    "during",
    "while",
    "when",
    "as",
    "unlike",
    "like",
    "for",
    "from",
    "since",
    "although",
    "though",
    "if",
    "because",
    "asked",
    "addressing",
    "by",
    "under",
    "amid",
    "to",
];

/// Most people one document may name: far beyond any article. Each name is compared with the people before
/// it, so this bounds the work per name.
const MAX_PEOPLE: usize = 2000;

impl People {
    /// Finds the full names in a document's headline and text; `entities` (the entity stage's reading of the
    /// same text) says which of them are places' and organisations'.
    pub(crate) fn collect(title: &str, text: &str, entities: &[Entity]) -> People {
        let mut people: Vec<Person> = Vec::new();
        // A headline in Title Case names no one by its capitals (`Apple Innovation Is Backwards`).
        let title = if dateline_entities::resolve::title_cased(title) {
            ""
        } else {
            title
        };
        // The text first: a headline's run (`Unpredictable Sondland`) is not the name a person goes by.
        for (offset, part) in [(0, text), (usize::MAX / 2, title)] {
            let words = word_spans(part);
            let mut i = 0;
            while i < words.len() {
                let (s, _, w) = words[i];
                if !is_name_word(w)
                    || (i == 0 || sentence_start(part, s)) && FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
                {
                    i += 1;
                    continue;
                }
                let mut j = i;
                while j < words.len()
                    && (is_name_word(words[j].2) || is_initial(words[j].2))
                    && (j == i || adjacent(part, &words, j))
                {
                    j += 1;
                    // A possessive ends the run: `Canada’s Sowmyan` is Canada's, not a name.
                    if strip_possessive(words[j - 1].2) != words[j - 1].2 {
                        break;
                    }
                }
                let mut names: Vec<&str> = words[i..j]
                    .iter()
                    .map(|w| strip_possessive(w.2))
                    .filter(|w| !is_initial(w))
                    .collect();
                // A place run into a person's name (`ambassador to Britain Liu Xiaoming`) is not part of it; an
                // organisation keeps its place (`Zimbabwe Hospital Doctors Association`).
                let organisation = names.iter().any(|w| ORG_HEADS.contains(w) || ORG_WORDS.contains(w));
                if (3..=4).contains(&names.len()) && place_any_case(names[0]).is_some() && !organisation {
                    names.remove(0);
                }
                // A surname alone after a title or a role (`President Trump`, `Mr Peskov`) names a person too.
                let titled = names.len() == 1 && i > 0 && adjacent(part, &words, i) && {
                    let before = words[i - 1].2.trim_end_matches('.').to_lowercase();
                    TITLES.contains(&before.as_str()) || lexicon::is_role(&before)
                };
                if names.len() >= 2 && names.len() <= 4 || titled {
                    let name = names.join(" ");
                    let surname = key(names[names.len() - 1]);
                    let mut roles: HashSet<String> = HashSet::new();
                    for w in words[i.saturating_sub(5)..i].iter().map(|w| w.2.to_lowercase()) {
                        roles.insert(strip_possessive(&w).to_string());
                    }
                    // An apposition after the name: `Alexander Volfovich, the state secretary of …,`
                    if part[words[j - 1].1..].trim_start().starts_with(',') {
                        for w in words[j..(j + 8).min(words.len())].iter().map(|w| w.2.to_lowercase()) {
                            roles.insert(strip_possessive(&w).to_string());
                        }
                    }
                    let at = offset.saturating_add(s);
                    let full = people.len() >= MAX_PEOPLE;
                    // The title just before the name (`Mrs`, `Prince`), else the given name.
                    let titled = words[i.saturating_sub(2)..i].iter().find_map(|w| title_gender(w.2));
                    let gender = titled.or_else(|| given_name_gender(names[0]));
                    match people.iter_mut().find(|p| p.surname == surname) {
                        Some(p) => {
                            p.roles.extend(roles);
                            p.first = p.first.min(at);
                            p.gender = p.gender.or(gender);
                            p.titled |= titled.is_some();
                            // The fuller name of the same person (`James Van Der Beek` for `Der Beek`).
                            let more = names.len() > p.name.split_whitespace().count();
                            if more && name.ends_with(&format!(" {}", p.name)) {
                                p.given = key(names[0]);
                                p.name = name;
                            }
                        }
                        None if full => {}
                        None => people.push(Person {
                            name,
                            surname,
                            given: key(names[0]),
                            gender,
                            roles,
                            first: at,
                            seen: Vec::new(),
                            subject: Vec::new(),
                            titled: titled.is_some(),
                            other: false,
                        }),
                    }
                }
                i = j.max(i + 1);
            }
        }
        // Every place the text names each person: by surname, or by a given name (one the lexicon knows as
        // a given name) no one else has. The first person a sentence names outside quotation marks is its
        // subject.
        let mut named_in_sentence = false;
        let mut quoted = false;
        // Inside a phrase put before the subject (`Speaking with Jens Stoltenberg on Thursday, Duda cited…`).
        let mut fronted = false;
        let mut last_end = 0;
        for (s, e, w) in word_spans(text) {
            let between = &text[last_end..s];
            last_end = e;
            for c in between.chars() {
                match c {
                    '“' => quoted = true,
                    '”' => quoted = false,
                    '"' => quoted = !quoted,
                    ',' if !quoted => fronted = false,
                    _ => {}
                }
            }
            if opens_sentence(text, s) {
                named_in_sentence = false;
                quoted = false;
                let lower = w.to_lowercase();
                fronted = lower.ends_with("ing") || FRONTING.contains(&lower.as_str());
            }
            let w = strip_possessive(w);
            if !is_name_word(w) {
                continue;
            }
            let k = key(w);
            let by_surname = people.iter().position(|p| p.surname == k || close(&p.surname, &k));
            let by_given = || {
                let mut same = people
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.given == k && p.goes_by_given(w));
                match (same.next(), same.next()) {
                    (Some((i, _)), None) => Some(i),
                    _ => None,
                }
            };
            if let Some(p) = by_surname.or_else(by_given).map(|i| &mut people[i]) {
                p.seen.push(s);
                if !quoted && !fronted && !named_in_sentence {
                    p.subject.push(s);
                }
                named_in_sentence |= !quoted && !fronted;
            }
        }
        for p in &mut people {
            p.other = !p.titled && typed_other(entities, &p.name, p.first);
            if p.other {
                p.gender = None;
            }
        }
        let mut organisations: Vec<(usize, String)> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Organization)
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| !m.in_title && !m.description)
                    .map(|m| (m.start as usize, e.name.clone()))
            })
            .collect();
        organisations.sort();
        People { people, organisations }
    }

    /// The person a personal pronoun at byte `at` stands for, given the salient speaker (the last quotation's):
    /// that speaker, unless the pronoun's gender rules them out or the text has since opened a sentence
    /// with someone else (`Hafiz, from Pakistan, has created … He said:`); then the person most recently
    /// named whose gender fits.
    fn pronoun(&self, pronoun: &str, at: usize, salient: Option<&str>) -> Option<String> {
        let gender = match pronoun {
            "he" | "him" | "his" => Some(Gender::Male),
            "she" | "her" | "hers" => Some(Gender::Female),
            _ => None,
        };
        // A person fits the pronoun unless their known gender differs (or, for `he` and `she`, the name is a
        // place's or an organisation's); one who `agrees` is known to match.
        let fits = |p: &Person| gender.is_none() || !p.other && (p.gender.is_none() || p.gender == gender);
        let agrees = |p: &Person| gender.is_some() && p.gender == gender;
        let last = |v: &[usize]| v.iter().copied().filter(|&x| x < at).max();
        let recent = self
            .people
            .iter()
            .filter(|p| fits(p))
            .filter_map(|p| last(&p.seen).map(|x| (p, x, agrees(p))))
            .max_by_key(|&(_, x, agree)| (agree, x))
            .map(|(p, x, _)| (p, x));
        let Some(salient) = salient else {
            return recent.map(|(p, _)| p.name.clone());
        };
        let speaker = self.people.iter().find(|p| p.name == salient);
        let personal = gender.is_some();
        // `it` and `they` are not a man or a woman the text names: when the last speaker is one, they stand
        // for what has since opened a sentence and is no one's given name (`Big Machine … they said`).
        if matches!(pronoun, "it" | "they") && speaker.is_some_and(|s| s.gender.is_some()) {
            let spoke = speaker.and_then(|s| last(&s.subject)).unwrap_or(0);
            if let Some(p) = self.newest_subject(spoke, at, |p| p.gender.is_none()) {
                return Some(p.name.clone());
            }
        }
        match speaker {
            // An organisation spoke last: `he` or `she` is a person.
            None if personal && !self.is_person(salient) => {
                recent.map(|(p, _)| p.name.clone()).or(Some(salient.into()))
            }
            // A description whose gender differs (`the Skyhorse spokeswoman` … `he said`): the person most
            // recently named whose gender fits, or no one.
            None if personal && description_gender(salient).is_some_and(|g| Some(g) != gender) => {
                recent.map(|(p, _)| p.name.clone())
            }
            None => Some(salient.to_string()),
            Some(s) if !fits(s) => recent.map(|(p, _)| p.name.clone()),
            // `he` or `she` after a speaker whose given name says nothing (`Kotak Securities`): someone whose
            // name agrees, named since the speaker last opened a sentence.
            Some(s) if personal && s.gender.is_none() => {
                let spoke = last(&s.subject).or_else(|| last(&s.seen)).unwrap_or(0);
                let named = recent.filter(|&(p, x)| agrees(p) && x > spoke);
                Some(named.map_or_else(|| s.name.clone(), |(p, _)| p.name.clone()))
            }
            Some(s) => {
                // Since the speaker last opened a sentence (`Big Machine says …`; naming them inside another's
                // sentence, `Swift accused Big Machine`, does not make them the subject again).
                let spoke = last(&s.subject).or_else(|| last(&s.seen)).unwrap_or(0);
                let newer = self.newest_subject(spoke, at, |p| !std::ptr::eq(p, s) && agrees(p));
                Some(newer.map_or_else(|| s.name.clone(), |p| p.name.clone()))
            }
        }
    }

    /// The person `keep` admits who last opened a sentence after byte `after` and before byte `at`.
    fn newest_subject(&self, after: usize, at: usize, keep: impl Fn(&Person) -> bool) -> Option<&Person> {
        self.people
            .iter()
            .filter(|p| keep(p))
            .filter_map(|p| {
                p.subject
                    .iter()
                    .copied()
                    .filter(|&x| after < x && x < at)
                    .max()
                    .map(|x| (p, x))
            })
            .max_by_key(|&(_, x)| x)
            .map(|(p, _)| p)
    }

    /// The canonical speaker for a mention at byte `at`; `salient` is the speaker pronouns refer to.
    pub(crate) fn resolve(&self, mention: &str, at: usize, salient: Option<&str>) -> Option<String> {
        // Capitals throughout are an acronym (`WHO`, `IT`), not a pronoun.
        let acronym =
            mention.chars().filter(|c| c.is_alphabetic()).count() > 1 && !mention.chars().any(char::is_lowercase);
        let lower = if acronym {
            mention.to_string()
        } else {
            mention.to_lowercase()
        };
        if matches!(lower.as_str(), "who" | "him" | "whom") {
            // A relative or object pronoun: the person named last before it.
            return self
                .named_before(at)
                .map(|p| p.name.clone())
                .or_else(|| salient.map(str::to_string));
        }
        if PRONOUNS.contains(&lower.as_str()) {
            return self.pronoun(&lower, at, salient);
        }
        // A name with an apposition after it (`Joel Schlabach, a teacher at Richmond High School`): the
        // name before the comma is the speaker, when it names someone.
        if let Some((head, _)) = mention.split_once(',') {
            let named = head
                .split_whitespace()
                .map(strip_possessive)
                .filter(|w| is_name_word(w))
                .count();
            let known = head
                .split_whitespace()
                .map(strip_possessive)
                .any(|w| is_name_word(w) && self.people.iter().any(|p| p.surname == key(w)));
            if named >= 2 || known {
                return self.resolve(head, at, salient);
            }
        }
        let words: Vec<&str> = mention
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        // A name in the mention: its capitalised non-role words, or the run of them that is someone's
        // (`43-year-old Martin Taylor of Aberdeenshire`); the last word is the surname.
        let mut runs: Vec<Vec<&str>> = Vec::new();
        let mut open = false;
        for w in &words {
            let w = strip_possessive(w);
            if is_name_word(w) && !TITLES.contains(&w.to_lowercase().as_str()) {
                if !open {
                    runs.push(Vec::new());
                }
                if let Some(run) = runs.last_mut() {
                    run.push(w);
                }
                open = true;
            } else {
                open = false;
            }
        }
        // A run that is a person's: a name the document gives someone whose given name is known as one.
        let someone = |run: &&Vec<&str>| {
            run.last().is_some_and(|w| {
                self.people
                    .iter()
                    .any(|p| p.gender.is_some() && (p.surname == key(w) || close(&p.surname, &key(w))))
            })
        };
        let name_words: Vec<&str> = match runs.iter().find(someone) {
            Some(run) => run.clone(),
            None => runs.concat(),
        };
        if let Some(last) = name_words.last() {
            let k = key(last);
            if let Some(p) = self.people.iter().find(|p| p.surname == k || close(&p.surname, &k)) {
                return Some(p.name.clone());
            }
            // A given name alone (`Brian said:`), when it is one person's.
            let mut same = self.people.iter().filter(|p| p.given == k && p.goes_by_given(last));
            if let (Some(p), None, 1) = (same.next(), same.next(), name_words.len()) {
                return Some(p.name.clone());
            }
            let names: Vec<&str> = name_words.iter().copied().filter(|w| !is_initial(w)).collect();
            if names.len() >= 2 {
                return Some(names.join(" "));
            }
        }
        // A description of a person by role (`the Kremlin press secretary`, `the head of state`): the person
        // whose role words it shares most, its head noun counting most, the one named last on a tie.
        let mention_roles: Vec<String> = words
            .iter()
            .map(|w| strip_possessive(&w.to_lowercase()).to_string())
            .collect();
        let head = match mention_roles.iter().position(|w| w == "of") {
            Some(i) => i.checked_sub(1).and_then(|i| mention_roles.get(i)),
            None => mention_roles.last(),
        };
        if let Some(head) = head.filter(|h| PERSON_HEADS.contains(&h.as_str())) {
            let best = self
                .people
                .iter()
                .map(|p| {
                    let head_hit = p.roles.contains(head.as_str())
                        || ROLE_SYNONYMS
                            .iter()
                            .any(|g| g.contains(&head.as_str()) && g.iter().any(|s| p.roles.contains(*s)));
                    let score = role_overlap(&mention_roles, &p.roles) + if head_hit { 3 } else { 0 };
                    let last_seen = p.seen.iter().copied().filter(|&x| x <= at).max().unwrap_or(0);
                    (p, score, last_seen)
                })
                .filter(|(_, n, _)| *n >= 1)
                .max_by_key(|(_, n, seen)| (*n, *seen));
            if let Some((p, _, _)) = best {
                return Some(p.name.clone());
            }
        }
        // A definite description whose head noun the text gives someone beside their name (`the analyst`
        // after `Jonathan Matuszewski, an analyst at Jefferies`): the one named last before it.
        let the = matches!(mention_roles.first().map(String::as_str), Some("the"));
        if let Some(head) = mention_roles.last().filter(|h| {
            the && mention_roles.len() <= 5
                && h.len() > 2
                && !FUNCTION_WORDS.contains(&h.as_str())
                && !ORG_DESCRIBED.contains(&h.as_str())
                && PERSON_NOUN_ENDINGS.iter().any(|e| h.ends_with(e))
        }) {
            let last_seen = |p: &Person| p.seen.iter().copied().filter(|&x| x <= at).max();
            let described = self
                .people
                .iter()
                .filter(|p| p.roles.contains(head.as_str()))
                .filter_map(|p| last_seen(p).map(|x| (p, x)))
                .max_by_key(|&(_, x)| x);
            if let Some((p, _)) = described {
                return Some(p.name.clone());
            }
        }
        // A definite description of a person by what they are rather than an office (`the actor`, `The
        // 56-year-old`): the person the text is about, as for a pronoun, when that is someone named.
        let definite = the
            && mention_roles.len() <= 4
            && mention_roles
                .last()
                .is_some_and(|h| DESCRIBED.contains(&h.as_str()) || h.ends_with("-year-old"));
        if definite {
            let named = |w: &String| self.people.iter().any(|p| &p.name == w && p.gender.is_some());
            if let Some(who) = self.pronoun("one", at, salient).filter(named) {
                return Some(who);
            }
        }
        // A definite description of an organisation (`the company`, `The news organization`): the one the text
        // named last.
        let described_org = the
            && mention_roles.len() <= 3
            && mention_roles
                .last()
                .is_some_and(|h| ORG_DESCRIBED.contains(&h.as_str()));
        if described_org {
            if let Some((_, name)) = self.organisations.iter().take_while(|(x, _)| *x < at).last() {
                return Some(name.clone());
            }
        }
        // Otherwise the mention names its speaker itself (an organisation, a state, a group).
        let trimmed: Vec<&str> = words
            .iter()
            .copied()
            .skip_while(|w| matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
            .collect();
        (!trimmed.is_empty()).then(|| trimmed.join(" "))
    }

    /// Whether a speaker mention stands for a person: a personal pronoun, a name the document gives a person,
    /// a title (`Mr Peskov`) or a description whose head is a person's (`the Kremlin press secretary`); not an
    /// organisation, a state or a document (`the Kremlin`, `Xinhua`, `the report`).
    pub(crate) fn is_person(&self, mention: &str) -> bool {
        let words: Vec<String> = mention
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .map(|w| strip_possessive(&w.to_lowercase()).to_string())
            .collect();
        let pronoun = words.len() == 1 && matches!(words[0].as_str(), "he" | "she" | "i" | "who" | "him" | "her");
        let titled = words.iter().any(|w| TITLES.contains(&w.trim_end_matches('.')));
        let head = words.iter().any(|w| PERSON_HEADS.contains(&w.as_str()));
        let named = mention
            .split_whitespace()
            .map(strip_possessive)
            .filter(|w| is_name_word(w))
            .any(|w| {
                let k = key(w);
                self.people.iter().any(|p| p.surname == k || close(&p.surname, &k))
            });
        pronoun || titled || head || named
    }

    /// Whether `name` names a person of the document: its last word is one's surname, or it is one's given
    /// name (a person, not an outlet: `Benioff`, `Oprah Winfrey`).
    pub(crate) fn is_known_person(&self, name: &str) -> bool {
        let Some(last) = name.split_whitespace().last().map(strip_possessive) else {
            return false;
        };
        let k = key(last);
        self.people.iter().any(|p| {
            // Someone whose given name or title says so, or named by a title alone (`President Trump`).
            let person = p.gender.is_some() || p.given == p.surname || given_name_gender(last).is_some();
            (p.surname == k || p.given == k) && person
        }) || name.split_whitespace().count() == 1 && given_name_gender(last).is_some()
    }

    /// The person named last before byte `at` of the text.
    fn named_before(&self, at: usize) -> Option<&Person> {
        self.people
            .iter()
            .filter(|p| !p.other)
            .filter_map(|p| p.seen.iter().copied().filter(|&x| x < at).max().map(|x| (p, x)))
            .max_by_key(|(_, x)| *x)
            .map(|(p, _)| p)
    }
}

/// Whether the entity stage reads `name` (whose first mention in the text starts at byte `first`) as a
/// place or an organisation and never as a person: by its name, or a mention overlapping that first one
/// (`Napa County` in `One Napa County`).
fn typed_other(entities: &[Entity], name: &str, first: usize) -> bool {
    let is = |e: &Entity| {
        e.name == name
            || e.aliases.iter().any(|a| a == name)
            || e.mentions
                .iter()
                .any(|m| !m.in_title && (m.start as usize) < first + name.len() && first < m.end as usize)
    };
    let mut other = false;
    for e in entities.iter().filter(|e| is(e)) {
        match e.kind {
            EntityKind::Person => return false,
            EntityKind::Place | EntityKind::Organization => other = true,
            EntityKind::Other => {}
        }
    }
    other
}

/// How strongly a mention's words match a person's role words: an affiliation (`Kremlin`, `NATO`) counts
/// two, a role word one, a synonym of one of the person's roles one per synonym group.
fn role_overlap(mention: &[String], roles: &HashSet<String>) -> usize {
    let mut n = 0;
    let mut used: Vec<usize> = Vec::new();
    for w in mention {
        if matches!(w.as_str(), "the" | "of" | "a" | "an") {
            continue;
        }
        if roles.contains(w) {
            n += if lexicon::is_role(w) { 1 } else { 2 };
            continue;
        }
        if let Some(g) = ROLE_SYNONYMS.iter().position(|g| g.contains(&w.as_str())) {
            if !used.contains(&g) && ROLE_SYNONYMS[g].iter().any(|s| roles.contains(*s)) {
                used.push(g);
                n += 1;
            }
        }
    }
    n
}

/// `(start, end, word)` for every word of `s`.
fn word_spans(s: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inside = c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.');
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i, s[st..i].trim_end_matches('.')));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len(), s[st..].trim_end_matches('.')));
    }
    out
}

/// Whether word `j` follows word `j - 1` with only spaces between (no comma or stop; a word's own stop,
/// which [`word_spans`] keeps in its span, ends a run unless the word is an initial).
fn adjacent(s: &str, words: &[(usize, usize, &str)], j: usize) -> bool {
    let (start, end, word) = words[j.saturating_sub(1)];
    j == 0
        || (!s[start..end].ends_with('.') || is_initial(word))
            && s[end..words[j].0]
                .chars()
                .all(|c| c == ' ' || c == '.' && is_initial(word))
}

/// Whether byte `at` of `s` opens a sentence: only spaces and opening quotation marks since the last stop
/// or paragraph break (unlike [`sentence_start`], an opening quotation mark alone does not).
fn opens_sentence(s: &str, at: usize) -> bool {
    s[..at]
        .trim_end_matches([' ', '“', '"', '‘'])
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n'))
}

/// Whether byte `at` of `s` starts a sentence.
fn sentence_start(s: &str, at: usize) -> bool {
    s[..at]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | '“' | '"'))
}

fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().count() >= 1
        && chars.any(char::is_lowercase)
        && !lexicon::is_role(&w.to_lowercase())
        && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w)
}

/// A surname key that survives the usual spellings of Slavic names in Latin script: lower case, `w` → `v`,
/// `cz` → `ch`, `sz` → `sh`, `j` → `y`, `-iy`/`-yy`/`-yi` → `y`, doubled letters collapsed. Unlike the entity
/// stage's [`dateline_entities::names::key`] it keeps punctuation (`Sanders’` is not `Sanders`), which the
/// speaker heuristics rely on.
fn key(w: &str) -> String {
    respell(&strip_possessive(w).to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_surnames_titles_roles_and_spellings() {
        let text = "Kremlin Spokesman Dmitry S. Peskov spoke. Alexander Volfovich, the state secretary of the Security Council, spoke.";
        let p = People::collect("", text, &[]);
        assert_eq!(p.resolve("Mr Peskov", 200, None).as_deref(), Some("Dmitry Peskov"));
        assert_eq!(
            p.resolve("the Kremlin press secretary", 200, None).as_deref(),
            Some("Dmitry Peskov")
        );
        assert_eq!(
            p.resolve("Wolfowicz", 200, None).as_deref(),
            Some("Alexander Volfovich")
        );
        // `he` is the last speaker, until a sentence opens with someone else.
        assert_eq!(
            p.resolve("he", 40, Some("Dmitry Peskov")).as_deref(),
            Some("Dmitry Peskov")
        );
        assert_eq!(
            p.resolve("he", 200, Some("Dmitry Peskov")).as_deref(),
            Some("Alexander Volfovich")
        );
        assert_eq!(p.resolve("the Kremlin", 200, None).as_deref(), Some("Kremlin"));
    }

    #[test]
    fn he_and_she_are_no_place_or_organisation_the_entity_stage_names() {
        // `South` and `Paris` are given names too; the entity stage reads these as a place and a company.
        let text = "Darren Tipton runs the chain. It will grow in Central and South America. \
                    Paris Baguette opened 80 bakeries.";
        let entities = dateline_entities::entities(None, text);
        let p = People::collect("", text, &entities);
        assert_eq!(
            p.resolve("he", text.len(), Some("Darren Tipton")).as_deref(),
            Some("Darren Tipton")
        );
        assert_eq!(p.resolve("he", text.len(), None).as_deref(), Some("Darren Tipton"));
        assert_eq!(p.resolve("who", text.len(), None).as_deref(), Some("Darren Tipton"));
        // Capitals throughout are an organisation's acronym, not `who`.
        assert_eq!(p.resolve("WHO", text.len(), None).as_deref(), Some("WHO"));
        // `the company` is the organisation named last.
        let text = "Microsoft Corp. is under investigation. The company confirmed it.";
        let entities = dateline_entities::entities(None, text);
        let p = People::collect("", text, &entities);
        assert_eq!(p.resolve("The company", 40, None).as_deref(), Some("Microsoft Corp."));
        assert_eq!(p.resolve("The company", 0, None).as_deref(), Some("company"));
        // So is an agency, a brokerage, a ministry.
        let text = "Reporters reached out to the Department of Transportation. In a response, the agency said no.";
        let entities = dateline_entities::entities(None, text);
        let p = People::collect("", text, &entities);
        assert_eq!(
            p.resolve("the agency", 75, None).as_deref(),
            Some("Department of Transportation")
        );
        // `the analyst` is the one the text calls an analyst beside their name; `the report` is no one.
        let text = "Jonathan Matuszewski, an analyst at Jefferies, upgraded the stock. Mary Poole said no.";
        let p = People::collect("", text, &[]);
        assert_eq!(
            p.resolve("the analyst", text.len(), None).as_deref(),
            Some("Jonathan Matuszewski")
        );
        assert_eq!(p.resolve("the report", text.len(), None).as_deref(), Some("report"));
        // The text's fuller name of someone is the one they go by.
        let text = "Van Der Beek spoke first. Later James Van Der Beek spoke again.";
        let p = People::collect("", text, &[]);
        assert_eq!(
            p.resolve("Van Der Beek", 10, None).as_deref(),
            Some("James Van Der Beek")
        );
    }

    #[test]
    fn pronouns_agree_with_the_gender_names_and_titles_say() {
        let text = "Brian Kakembo won the prize. Sagufta Salma won it too. Mrs. Salma thanked the panel.";
        let p = People::collect("", text, &[]);
        // `she` passes over the last speaker when he is a man.
        assert_eq!(
            p.resolve("she", text.len(), Some("Brian Kakembo")).as_deref(),
            Some("Sagufta Salma")
        );
        assert_eq!(
            p.resolve("he", text.len(), Some("Brian Kakembo")).as_deref(),
            Some("Brian Kakembo")
        );
        // A given name alone names the one person who has it.
        assert_eq!(p.resolve("Brian", text.len(), None).as_deref(), Some("Brian Kakembo"));
        // A surname after a title is someone; a possessive is not part of a name.
        let text = "President Trump tweeted on Monday. Canada’s Sowmyan Jegatheesan won.";
        let p = People::collect("", text, &[]);
        assert_eq!(p.resolve("Trump", 30, None).as_deref(), Some("Trump"));
        assert!(p.is_known_person("Trump"));
        assert_eq!(
            p.resolve("Sowmyan", text.len(), None).as_deref(),
            Some("Sowmyan Jegatheesan")
        );
        // `they` after a woman spoke is what has since opened a sentence and is no one.
        let text = "Taylor Swift spoke on Monday. Big Machine denied it on Friday.";
        let p = People::collect("", text, &[]);
        assert_eq!(
            p.resolve("they", text.len(), Some("Taylor Swift")).as_deref(),
            Some("Big Machine")
        );
        // `he` after a spokeswoman spoke is the man named last, not her.
        let text = "Woody Allen wrote the memoir. A Skyhorse spokeswoman confirmed the date.";
        let p = People::collect("", text, &[]);
        assert_eq!(
            p.resolve("he", text.len(), Some("Skyhorse spokeswoman")).as_deref(),
            Some("Woody Allen")
        );
        assert_eq!(description_gender("the company's chairwoman"), Some(Gender::Female));
        assert_eq!(description_gender("the Queen"), Some(Gender::Female));
        assert_eq!(description_gender("the Kremlin press secretary"), None);
    }

    #[test]
    fn appositions_and_descriptions_lead_back_to_the_person() {
        let text = "Joel Schlabach teaches at Richmond High School. Martin Taylor of Aberdeenshire fell ill.";
        let p = People::collect("", text, &[]);
        let at = text.len();
        let who = |m: &str| p.resolve(m, at, Some("Martin Taylor"));
        assert_eq!(
            who("Joel Schlabach, a teacher at eastern Indiana’s Richmond High School").as_deref(),
            Some("Joel Schlabach")
        );
        assert_eq!(
            who("43-year-old Martin Taylor of Aberdeenshire").as_deref(),
            Some("Martin Taylor")
        );
        assert_eq!(who("The 43-year-old").as_deref(), Some("Martin Taylor"));
        // An office the roles do not settle stays a description.
        assert_eq!(who("the spokeswoman").as_deref(), Some("spokeswoman"));
    }
}
