//! Resolution within a document: names found by the tagger become entities. People are grouped by the
//! spelling key of their surname and their first name (`Dmitry S. Peskov`, `Peskov`, `Mr Peskov`; `Vladimir
//! V.` cut short by a rewriting tool), with their titles and roles (`Kremlin Spokesman`, `Ukraine’s top
//! general,`) in the mention; descriptions (`the Kremlin press secretary`, `The Polish leader`) are linked
//! to the person whose role and country they share, the most recently named first. Organisation acronyms
//! meet their full names (`EU`, `European Union`); places take their gazetteer name (`Kiev` → `Kyiv`), and a
//! city or country standing for its government (`help Kyiv`) stays the place; demonyms are attached to their
//! country. The tagger's spans are mended first (`resolve/spans.rs`).

use std::collections::{HashMap, HashSet};

use dateline_model::{budget, Entity, EntityKind, EntityMention};

use crate::lexicon::{self, PlaceKind, ACRONYMS, HONORIFICS, MAX_PLACE_TOKENS, ORG_HEADS, ROLE_HEADS, SEATS_OF_POWER};
use crate::names::{self, is_initial};
use crate::ner::{title_case, Model, NameType};
use dateline_text::tokens::Token;
use dateline_text::Document;

mod spans;

use spans::{drop_clause_openers, openers_inside, organisations};

/// Lower-case words that may sit inside a title before a name (`joint forces commander`, `top general`).
const ROLE_MODIFIERS: &[&str] = &[
    "joint",
    "forces",
    "deputy",
    "top",
    "press",
    "state",
    "foreign",
    "interior",
    "defence",
    "defense",
    "prime",
    "vice",
    "first",
    "former",
    "acting",
    "senior",
    "military",
    "presidential",
    "opposition",
    "army",
    "national",
    "security",
    "armed",
    "chief",
    "general",
    "secretary",
    "minister",
    "affairs",
    "economy",
    "finance",
    "health",
    "justice",
    "head",
    "of",
    "the",
];

/// Capitalised words that start a clause or a phrase rather than a title.
const NOT_TITLE: &[&str] = &[
    "but",
    "and",
    "or",
    "as",
    "when",
    "while",
    "after",
    "before",
    "on",
    "in",
    "at",
    "for",
    "with",
    "by",
    "from",
    "to",
    "of",
    "the",
    "a",
    "an",
    "said",
    "says",
    "told",
    "earlier",
    "meanwhile",
    "also",
    "then",
    "however",
    "according",
    "that",
    "this",
    "if",
    "since",
    "because",
    "although",
    "though",
    "so",
    "yet",
    "now",
];

/// One span of text the stage reads: the headline or the body.
struct Segment<'a> {
    text: &'a str,
    in_title: bool,
    tokens: &'a [Token],
    /// The English word each token stands for, where it is a foreign title or seat of power (`Президент`).
    english: Vec<Option<String>>,
}

impl<'a> Segment<'a> {
    fn new(text: &'a str, tokens: &'a [Token], in_title: bool) -> Segment<'a> {
        let english = tokens
            .iter()
            .map(|t| lexicon::in_english(&text[t.start..t.end]))
            .collect();
        Segment {
            text,
            in_title,
            tokens,
            english,
        }
    }

    /// Token `i` as written, or the English word it stands for.
    fn word(&self, i: usize) -> &str {
        self.english[i]
            .as_deref()
            .unwrap_or(&self.text[self.tokens[i].start..self.tokens[i].end])
    }
}

/// An entity being built.
struct Building {
    kind: EntityKind,
    name: String,
    /// Spelling keys of the first name and the surname (people).
    first: Option<String>,
    surname: Option<String>,
    /// Resolution key (see [`resolution_key`]) for organisations, places and other names.
    key: String,
    aliases: Vec<String>,
    roles: Vec<String>,
    /// Role classes (`spokesperson`, `leader`) and the keys of words around the roles (`kremlin`, `russia`).
    classes: HashSet<&'static str>,
    context: HashSet<String>,
    demonyms: Vec<String>,
    mentions: Vec<EntityMention>,
    /// Position (segment, byte) of the latest mention, for recency.
    positions: Vec<(usize, usize)>,
}

impl Building {
    fn new(kind: EntityKind, name: String, key: String) -> Building {
        Building {
            kind,
            name,
            first: None,
            surname: None,
            key,
            aliases: Vec::new(),
            roles: Vec::new(),
            classes: HashSet::new(),
            context: HashSet::new(),
            demonyms: Vec::new(),
            mentions: Vec::new(),
            positions: Vec::new(),
        }
    }
}

/// A name the tagger found, typed and cleaned.
struct Found {
    seg: usize,
    /// Token range of the name itself.
    first: usize,
    last: usize,
    kind: EntityKind,
    /// First token of the mention (title, role, honorific or article included).
    from: usize,
    /// Token range of a role before the name, if any.
    role: Option<(usize, usize)>,
    /// Byte range of a name that is part of a token (`US` in `US-led`), when it is one.
    part: Option<(usize, usize)>,
}

/// Most entities one document may have: far beyond any article (a list page of names, a directory). Each
/// name is compared with the entities before it, so this bounds the work per name; names past it that match
/// no entity are left out (and [`crate::annotate`] says so).
pub const MAX_ENTITIES: usize = 2000;

/// The entities of a document's headline and text.
pub fn entities(model: &Model, doc: &Document<'_>) -> Vec<Entity> {
    let mut segs: Vec<Segment<'_>> = Vec::new();
    if let Some(t) = doc.title().filter(|t| !t.trim().is_empty()) {
        segs.push(Segment::new(t, doc.title_tokens(), true));
    }
    segs.push(Segment::new(doc.text(), doc.tokens(), false));
    let mut found = Vec::new();
    let mut demonyms: Vec<(String, String)> = Vec::new();
    let opening = openers_inside(&segs);
    for (s, seg) in segs.iter().enumerate() {
        let mut names = model.names(seg.text, seg.tokens);
        drop_clause_openers(seg, &opening, &mut names);
        organisations(seg, &mut names);
        for n in names {
            if budget::exhausted() {
                break;
            }
            if in_link(seg.text, seg.tokens[n.first].start) {
                continue;
            }
            classify(seg, s, n.first, n.last, n.kind, &mut found, &mut demonyms);
        }
    }
    retype(&segs, &mut found);
    one_kind_per_word(&segs, &mut found);
    let mut out: Vec<Building> = Vec::new();
    people(&segs, &found, &mut out);
    for f in found.iter().filter(|f| f.kind != EntityKind::Person) {
        other_names(&segs, f, &mut out);
    }
    descriptions(&segs, &found, &mut out);
    for (form, country) in demonyms {
        let key = resolution_key(EntityKind::Place, &country);
        let at = match out.iter().position(|b| b.kind == EntityKind::Place && b.key == key) {
            Some(i) => i,
            None if out.len() >= MAX_ENTITIES => continue,
            None => {
                out.push(Building::new(EntityKind::Place, country, key));
                out.len() - 1
            }
        };
        if !out[at].demonyms.contains(&form) {
            out[at].demonyms.push(form);
        }
    }
    let mut done: Vec<(usize, usize, Entity)> = out
        .into_iter()
        .map(|b| {
            let first = b.positions.iter().min().copied().unwrap_or((usize::MAX, usize::MAX));
            let key = if b.kind == EntityKind::Person {
                person_key(b.first.as_deref(), b.surname.as_deref().unwrap_or(&b.key))
            } else {
                b.key.clone()
            };
            let mut mentions = b.mentions;
            mentions.sort_by_key(|m| (!m.in_title, m.start));
            let entity = Entity {
                id: entity_id(b.kind, &key),
                aliases: b.aliases.into_iter().filter(|a| *a != b.name).collect(),
                name: b.name,
                kind: b.kind,
                roles: b.roles,
                demonyms: b.demonyms,
                mentions,
            };
            (first.0, first.1, entity)
        })
        .collect();
    crate::cleanup::tidy(doc.title(), doc.text(), &mut done);
    done.sort_by_key(|(s, b, _)| (*s, *b));
    done.into_iter().map(|(_, _, e)| e).collect()
}

/// Whether byte `at` of `text` is inside a link or a path (`https://t.co/XPxUJuyIAC`,
/// `pic.twitter.com/KQLpngeTbO`): the words of a URL are not names.
fn in_link(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    // A scheme, or a host (a dot before the first slash): not a dateline's `/TASS/`.
    word.contains("://") || word.starts_with("www.") || word.split_once('/').is_some_and(|(host, _)| host.contains('.'))
}

/// The words of four letters or more of a line (split at spaces, hyphens and slashes, punctuation trimmed),
/// those whose capitals say whether the line is in Title Case.
pub(crate) fn long_words(line: &str) -> Vec<&str> {
    line.split(|c: char| c.is_whitespace() || c == '-' || c == '/')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4 && w.chars().next().is_some_and(char::is_alphabetic))
        .collect()
}

/// Whether a headline is in Title Case: of its words of four letters or more, at least three and nearly all
/// (four in five) begin with a capital.
pub fn title_cased(title: &str) -> bool {
    let long = long_words(title);
    let capitalised = long.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
    long.len() >= 3 && capitalised * 5 >= long.len() * 4
}

/// Organisations' nouns that end people's and places' names too (`Margaret Court`, `Robert Service`, `West
/// Bank`, `Oval Office`).
const AMBIGUOUS_HEADS: &[&str] = &["Court", "Service", "Bank", "Guard", "Office"];

/// Types a tagged name, fixes what the gazetteer and acronym list know better, and finds the title, role
/// or article that belongs to its mention.
fn classify(
    seg: &Segment<'_>,
    s: usize,
    mut first: usize,
    last: usize,
    kind: NameType,
    found: &mut Vec<Found>,
    demonyms: &mut Vec<(String, String)>,
) {
    let mut kind = match kind {
        NameType::Person => EntityKind::Person,
        NameType::Organization => EntityKind::Organization,
        NameType::Place => EntityKind::Place,
        NameType::Other => EntityKind::Other,
    };
    let surface = &seg.text[seg.tokens[first].start..seg.tokens[last - 1].end];
    if last == first + 1 && surface.contains('-') && compound(seg, s, first, found, demonyms) {
        return;
    }
    if job_title(seg, s, first, last, found, demonyms) || party_and_state(surface) {
        return;
    }
    // A planet or a moon: another kind of name (`Jupiter's icy moon Europa`, `back to Earth`), not the town
    // the gazetteer may know by it (Jupiter, Florida).
    let celestial = lexicon::CELESTIAL.contains(&surface);
    if celestial {
        kind = EntityKind::Other;
    }
    let seat = SEATS_OF_POWER.contains(&surface) || (last == first + 1 && SEATS_OF_POWER.contains(&seg.word(first)));
    if seat {
        kind = EntityKind::Organization;
    }
    // A person tag may include an honorific or a title: the name starts after it.
    if kind == EntityKind::Person {
        while first + 1 < last && is_title_word(seg.word(first)) {
            first += 1;
        }
    }
    // `Пресс-секретарь Кремля Дмитрий Песков`, `Rzecznik Kremla Dmitrij Pieskow`: a title, the seat of
    // power or country it serves (in the genitive), then the name, which the tagger may read as one name.
    if matches!(kind, EntityKind::Person | EntityKind::Organization)
        && last >= first + 3
        && first > 0
        && is_title_word(seg.word(first - 1))
        && (first + 1..last).all(|i| is_cap(seg.word(i)))
    {
        let lead = if SEATS_OF_POWER.contains(&seg.word(first)) {
            Some(NameType::Organization)
        } else {
            lexicon::place_any_case(seg.word(first))
                .filter(|p| p.kind == PlaceKind::Country)
                .map(|_| NameType::Place)
        };
        if let Some(lead) = lead {
            classify(seg, s, first, first + 1, lead, found, demonyms);
            classify(seg, s, first + 1, last, NameType::Person, found, demonyms);
            return;
        }
    }
    let place = lexicon::place_any_case(surface);
    // A name of two words or more ending in an organisation's noun (`International Tennis Federation`,
    // `Royal Navy`, `Walt Disney Co.`) is an organisation, unless the gazetteer knows it as a place
    // (`Russian Federation`) or the noun also ends people's and places' names (`Margaret Court`, `West
    // Bank`): then the tagger's type stands.
    let head = seg.word(last - 1).trim_end_matches('.');
    let org_headed =
        last > first + 1 && ORG_HEADS.contains(&head) && !AMBIGUOUS_HEADS.contains(&head) && place.is_none();
    if org_headed {
        kind = EntityKind::Organization;
    }
    // A given name and a family name the tagger read as a place for the town the given name also is
    // (`Kanye West`, `Alexandria Ocasio-Cortez`): a person, when the gazetteer knows neither the whole nor
    // the second word (or a part of it) as a place and no kind of place or building ends it (`Victoria
    // Station`, `Jordan Valley`, `Victoria Hospital`, `Spring Valley-Monsey`).
    let (given, family) = (seg.word(first), seg.word(last - 1));
    let town_given_name = kind == EntityKind::Place
        && last == first + 2
        && place.is_none()
        && lexicon::given_name_gender(given).is_some()
        && lexicon::place_any_case(given).is_some_and(|p| p.kind == PlaceKind::City)
        && is_cap(family)
        && family.split('-').all(|part| {
            !lexicon::PLACE_HEADS.contains(&part)
                && !ORG_HEADS.contains(&part)
                && !lexicon::BUILDINGS.contains(&part)
                && lexicon::place_any_case(part).is_none()
        });
    if town_given_name {
        kind = EntityKind::Person;
    }
    if ACRONYMS.iter().any(|(a, _)| *a == surface) {
        kind = EntityKind::Organization;
    } else if let Some(p) = place.filter(|_| (kind != EntityKind::Organization || !seat) && !celestial) {
        match (p.kind, kind) {
            (PlaceKind::Demonym, EntityKind::Other | EntityKind::Place) => {
                demonyms.push((surface.to_string(), p.canonical.to_string()));
                return;
            }
            (PlaceKind::Demonym, _) => {}
            (_, EntityKind::Other) => kind = EntityKind::Place,
            // A capital or a country standing for its government (`help Kyiv`) stays the place.
            (PlaceKind::Country | PlaceKind::City, EntityKind::Organization) => kind = EntityKind::Place,
            (PlaceKind::Country | PlaceKind::City, EntityKind::Person)
                if first == 0 || !is_honorific(seg.word(first - 1)) =>
            {
                kind = EntityKind::Place;
            }
            _ => {}
        }
    }
    if kind == EntityKind::Other
        && (surface.chars().filter(|c| c.is_alphabetic()).count() < 2 || is_initial(seg.word(first)))
    {
        return;
    }
    let mut f = Found {
        seg: s,
        first,
        last,
        kind,
        from: first,
        role: None,
        part: None,
    };
    frame(seg, &mut f);
    found.push(f);
}

/// Whether a name is a lawmaker's party and state (`D-Calif.`, `R-Mo.`, `R-W.Va.`, `I-Vt.`), which names no
/// organisation.
fn party_and_state(surface: &str) -> bool {
    let Some(state) = ["D-", "R-", "I-"].iter().find_map(|p| surface.strip_prefix(p)) else {
        return false;
    };
    let letters = state.chars().filter(|c| *c != '.').count();
    state.starts_with(|c: char| c.is_ascii_uppercase())
        && (2..=6).contains(&letters)
        && state.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
}

/// A job title the tagger ran into a name or took for one: `Wilmington Mayor Mike Purzycki`, `Medical
/// Examiner Laura Carbone` (the person is the name after the job's noun, the place before it a place),
/// `Chief Strategy Officer`, `Agriculture Officer` (no one's name). A name the text gives with `the` (`The
/// Hollywood Reporter`) is a publication's. Whether it classified the words.
fn job_title(
    seg: &Segment<'_>,
    s: usize,
    first: usize,
    last: usize,
    found: &mut Vec<Found>,
    demonyms: &mut Vec<(String, String)>,
) -> bool {
    let is_job = |i: usize| lexicon::JOB_NOUNS.contains(&seg.word(i).to_lowercase().as_str());
    let Some(job) = (first..last).rev().find(|&i| is_job(i)) else {
        return false;
    };
    let person_after = last >= job + 3
        && (job + 1..last).all(|i| is_cap(seg.word(i)))
        && lexicon::given_name_gender(seg.word(job + 1)).is_some();
    let the = first > 0 && seg.word(first - 1).eq_ignore_ascii_case("the");
    if !person_after && (job + 1 < last || the) {
        return false;
    }
    let lead = (first..job)
        .find(|&i| !is_cap(seg.word(i)) || is_title_word(seg.word(i)) || is_job(i))
        .unwrap_or(job);
    if lead > first {
        let before = &seg.text[seg.tokens[first].start..seg.tokens[lead - 1].end];
        if lexicon::place_any_case(before).is_some_and(|p| p.kind != PlaceKind::Demonym) {
            classify(seg, s, first, lead, NameType::Place, found, demonyms);
        }
    }
    if person_after {
        classify(seg, s, job + 1, last, NameType::Person, found, demonyms);
    }
    true
}

/// Finds what belongs to a name's mention before it: an honorific, a title or a description set off by a
/// comma (people), or the article (`the Kremlin`).
fn frame(seg: &Segment<'_>, f: &mut Found) {
    f.from = f.first;
    f.role = None;
    if f.kind == EntityKind::Person {
        if f.first > 0 && is_honorific(seg.word(f.first - 1)) {
            f.from -= 1;
        } else if let Some(r) = role_before(seg, f.first) {
            f.role = Some((r, f.first));
            f.from = r;
        } else if let Some(r) = apposition_before(seg, f.first) {
            f.role = Some((r, f.first - 1));
            f.from = r;
        }
    } else if f.first > 0 && seg.word(f.first - 1).eq_ignore_ascii_case("the") {
        f.from -= 1;
    }
}

/// Names the tagger typed otherwise that are the surname or first name of a person the document names in
/// full (`Stoltenberg`, `Putin`, `Vladimir V.`) become that person's mentions.
fn retype(segs: &[Segment<'_>], found: &mut [Found]) {
    let mut surnames = HashSet::new();
    let mut firsts = HashSet::new();
    for f in found.iter().filter(|f| f.kind == EntityKind::Person) {
        let (words, _) = name_words(&segs[f.seg], f);
        // A full name, or a surname with a title or honorific (`President Zelenskiy`, `Mr Yenin`).
        if words.len() >= 2 || (words.len() == 1 && f.from < f.first) {
            surnames.extend(words.last().map(|w| names::key(w)));
        }
        if words.len() >= 2 {
            firsts.insert(names::key(words[0]));
        }
    }
    let is_surname = |k: &str| surnames.contains(k) || surnames.iter().any(|s| names::close(s, k));
    for f in found
        .iter_mut()
        .filter(|f| f.kind != EntityKind::Person && f.part.is_none())
    {
        let seg = &segs[f.seg];
        if f.last > f.first + 1 {
            // A first name and a surname the document gives a person (`Volodymyr Zelenskyy` typed otherwise
            // next to `President Zelenskiy`): every word a capitalised name, none an organisation's or a
            // place's word.
            let words: Vec<&str> = (f.first..f.last).map(|i| seg.word(i)).collect();
            let plain = words.len() <= 3
                && words.iter().all(|w| is_cap(w) && w.chars().all(char::is_alphabetic))
                && !words
                    .iter()
                    .any(|w| ORG_HEADS.contains(w) || lexicon::place(w).is_some() || is_title_word(w));
            if plain && words.last().is_some_and(|w| is_surname(&names::key(w))) {
                f.kind = EntityKind::Person;
                frame(seg, f);
            }
            continue;
        }
        let k = names::key(seg.word(f.first));
        let initial_next = f.last < seg.tokens.len() && is_initial(seg.word(f.last));
        if is_surname(&k) {
            f.kind = EntityKind::Person;
        } else if firsts.contains(&k) && initial_next {
            f.kind = EntityKind::Person;
            f.last += 1;
        } else {
            continue;
        }
        frame(seg, f);
    }
}

/// One name, one kind in a document: a one-word name (`Noem`, `Trump`) the tagger typed differently in
/// different sentences takes the kind most of them were given (a tie keeps each as it is); one that a
/// person's title or role comes before somewhere (`President Trump`, `Mr Peskov`) is a person's, whatever
/// the tagger said of it elsewhere.
fn one_kind_per_word(segs: &[Segment<'_>], found: &mut [Found]) {
    let single = |f: &Found| f.part.is_none() && f.last == f.first + 1;
    let mut votes: HashMap<String, [usize; 4]> = HashMap::new();
    let slot = |k: EntityKind| match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    };
    // A title's vote outweighs all the tagger's.
    let title_vote = found.len() + 1;
    for f in found.iter().filter(|f| single(f)) {
        let seg = &segs[f.seg];
        // A capitalised title just before, in the same sentence (`President Trump`; not `the general U.S.`,
        // `MS Windows`, `LEADer CRM`, nor a byline's `President/CEO` over the next line's name), and a name
        // that is no common word (`General Setup`, `King Power`).
        let (name, title) = (seg.word(f.first), seg.word(f.first.saturating_sub(1)));
        let titled = f.first > 0
            && !seg.tokens[f.first].sentence_start
            && seg.text.get(seg.tokens[f.first - 1].end..seg.tokens[f.first].start) == Some(" ")
            && is_cap(name)
            && !lexicon::common_word(name)
            && is_cap(title)
            && title.chars().skip(1).all(|c| c.is_lowercase() || c == '.')
            && is_title_word(title);
        let v = votes.entry(names::key(name)).or_default();
        // (Not a place the tagger saw: `Президент Украины`, the president of Ukraine.)
        if titled && f.kind != EntityKind::Place {
            v[0] += title_vote;
        } else {
            v[slot(f.kind)] += 1;
        }
    }
    const KINDS: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organization,
        EntityKind::Place,
        EntityKind::Other,
    ];
    for f in found.iter_mut().filter(|f| single(f)) {
        let Some(v) = votes.get(&names::key(segs[f.seg].word(f.first))) else {
            continue;
        };
        let best = (0..4)
            .max_by_key(|&i| (v[i], i == slot(f.kind)))
            .unwrap_or(slot(f.kind));
        if v[best] > v[slot(f.kind)] {
            f.kind = KINDS[best];
            if f.kind == EntityKind::Person {
                frame(&segs[f.seg], f);
            }
        }
    }
}

/// A hyphenated token made of places and demonyms (`Belarus-Poland`, `US-led`, `Polish-Belarusian`): each
/// place becomes a mention of its own, each demonym an attribute. False when the token is not one.
fn compound(
    seg: &Segment<'_>,
    s: usize,
    i: usize,
    found: &mut Vec<Found>,
    demonyms: &mut Vec<(String, String)>,
) -> bool {
    let tok = seg.tokens[i];
    let word = &seg.text[tok.start..tok.end];
    let mut parts = Vec::new();
    let mut at = tok.start;
    for part in word.split('-') {
        parts.push((at, at + part.len(), part));
        at += part.len() + 1;
    }
    let places: Vec<_> = parts
        .iter()
        .filter(|(_, _, p)| is_cap(p))
        .map(|&(a, b, p)| (a, b, p, lexicon::place(p)))
        .collect();
    if places.is_empty() || places.iter().any(|x| x.3.is_none()) {
        return false;
    }
    for (a, b, p, place) in places {
        match place.map(|x| (x.kind, &x.canonical)) {
            Some((PlaceKind::Demonym, country)) => demonyms.push((p.to_string(), country.to_string())),
            Some(_) => found.push(Found {
                seg: s,
                first: i,
                last: i + 1,
                kind: EntityKind::Place,
                from: i,
                role: None,
                part: Some((a, b)),
            }),
            None => {}
        }
    }
    true
}

fn is_honorific(w: &str) -> bool {
    HONORIFICS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
}

/// Whether `w` is an honorific (`Mr.`) or a role's head (`President`), any case.
pub(crate) fn is_title_word(w: &str) -> bool {
    is_honorific(w)
        || lexicon::role_of(w).is_some()
        || lexicon::TITLE_ABBREVIATIONS.contains(&w.trim_end_matches('.').to_lowercase().as_str())
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_possessive(w: &str) -> bool {
    matches!(w, "’s" | "'s" | "’S" | "'S")
}

/// The role head that ends at token `end` (exclusive), longest first: its first token and class.
fn head_ending(seg: &Segment<'_>, end: usize) -> Option<(usize, &'static str)> {
    for n in (1..=3).rev() {
        if end < n {
            continue;
        }
        let words: Vec<String> = (end - n..end).map(|i| seg.word(i).to_lowercase()).collect();
        let phrase = words.join(" ");
        if let Some((_, class)) = ROLE_HEADS.iter().find(|(h, _)| *h == phrase) {
            return Some((end - n, class));
        }
    }
    None
}

/// The longest role noun that starts at token `start`: one past its last token, and its class.
fn head_starting(seg: &Segment<'_>, start: usize) -> Option<(usize, &'static str)> {
    let n = seg.tokens.len();
    for len in (1..=3).rev() {
        if start + len > n {
            continue;
        }
        let phrase = (start..start + len)
            .map(|i| seg.word(i).to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some((_, class)) = ROLE_HEADS.iter().find(|(h, _)| *h == phrase) {
            return Some((start + len, class));
        }
    }
    None
}

/// A title before a name (`Kremlin Spokesman`, `Ukraine’s Deputy Interior Minister`, `President of
/// Most words a title before a name may have (`Ukraine’s Deputy Interior Minister`).
const MAX_TITLE_WORDS: usize = 12;

/// Belarus`, `Ukrainian joint forces commander`): the first token of the title, when there is one.
fn role_before(seg: &Segment<'_>, name: usize) -> Option<usize> {
    let mut i = name;
    let mut has_head = false;
    // A title is a few words; a run of capitalised words (a headline list, a page of names) is read no
    // further back than this, which keeps the work per name bounded.
    while i > 0 && name - i < MAX_TITLE_WORDS {
        let w = seg.word(i - 1);
        let lower = w.to_lowercase();
        if head_ending(seg, i).is_some() {
            has_head = true;
            i -= 1;
        } else if is_possessive(w) && i >= 2 && is_cap(seg.word(i - 2)) {
            // `Ukraine’s`, `Putin’s`: the possessor opens the title.
            i -= 2;
            break;
        } else if lower == "of" || lower == "the" {
            // Only inside a title: `President of Belarus`, `the organisation's`.
            if !(has_head || i < name) || seg.tokens[i - 1].sentence_start {
                break;
            }
            i -= 1;
        } else if (is_cap(w) && w.chars().any(char::is_alphabetic) && !NOT_TITLE.contains(&lower.as_str()))
            || ROLE_MODIFIERS.contains(&lower.as_str())
        {
            i -= 1;
        } else {
            break;
        }
    }
    // The title must hold a role noun; trailing `of`/`the` at its start are not part of it.
    while i < name && matches!(seg.word(i).to_lowercase().as_str(), "of" | "the") {
        i += 1;
    }
    let has_head = (i + 1..=name).any(|e| head_ending(seg, e).is_some_and(|(s, _)| s >= i));
    (has_head && i < name).then_some(i)
}

/// A description set off by a comma before a name (`Ukraine’s top general, Valery Zaluzhniy`; `the state
/// secretary of the Belarusian Security Council, Alexander Volfovich`): its first token.
fn apposition_before(seg: &Segment<'_>, name: usize) -> Option<usize> {
    if name < 3 || seg.word(name - 1) != "," {
        return None;
    }
    let end = name - 1;
    let mut i = end;
    while i > 0 && end - i < 12 {
        let w = seg.word(i - 1);
        if matches!(w, "," | "." | ";" | ":" | "(" | ")" | "\"" | "“" | "”") {
            break;
        }
        i -= 1;
        if seg.tokens[i].sentence_start {
            break;
        }
    }
    // It opens with an article or a possessive and holds a role noun.
    let opens = seg.word(i).eq_ignore_ascii_case("the") || (i + 1 < end && is_possessive(seg.word(i + 1)));
    let start = (i..end)
        .find(|&k| seg.word(k).eq_ignore_ascii_case("the") || (k + 1 < end && is_possessive(seg.word(k + 1))))?;
    let has_head = (start + 1..=end).any(|e| head_ending(seg, e).is_some());
    // Only title words: `Jens Stoltenberg on Thursday, Duda` is no description of Duda.
    let title_words = (start..end).all(|k| {
        let w = seg.word(k);
        let lower = w.to_lowercase();
        is_cap(w) || is_possessive(w) || ROLE_MODIFIERS.contains(&lower.as_str()) || lexicon::role_of(&lower).is_some()
    });
    (opens || start > i)
        .then_some(start)
        .filter(|_| has_head && title_words)
}

/// Keys of the words of a role or description, with the countries their demonyms and names stand for.
fn context_of(seg: &Segment<'_>, from: usize, to: usize) -> (HashSet<String>, HashSet<&'static str>) {
    let mut words = HashSet::new();
    let mut classes = HashSet::new();
    for i in from..to {
        let w = seg.word(i);
        if !w.chars().any(char::is_alphabetic) {
            continue;
        }
        if let Some(p) = lexicon::place_any_case(w) {
            words.insert(format!("@{}", names::key(&p.canonical)));
        }
        words.insert(names::key(w));
    }
    for e in from + 1..=to {
        if let Some((s, class)) = head_ending(seg, e) {
            if s >= from {
                classes.insert(class);
            }
        }
    }
    (words, classes)
}

/// The words of a person name without honorifics and initials, and whether an initial ended it
/// (`Vladimir V.`, a name cut short).
fn name_words<'a>(seg: &'a Segment<'_>, f: &Found) -> (Vec<&'a str>, bool) {
    let words: Vec<&str> = (f.first..f.last)
        .map(|i| seg.word(i))
        .filter(|w| !is_honorific(w) && w.chars().any(char::is_alphabetic))
        .collect();
    let truncated = words.len() >= 2 && words.last().is_some_and(|w| is_initial(w));
    (words.into_iter().filter(|w| !is_initial(w)).collect(), truncated)
}

fn mention(seg: &Segment<'_>, from: usize, to: usize, description: bool) -> EntityMention {
    let (start, end) = (seg.tokens[from].start, seg.tokens[to - 1].end);
    EntityMention {
        text: seg.text[start..end].to_string(),
        start: start as u32,
        end: end as u32,
        in_title: seg.in_title,
        description,
    }
}

/// Groups person names: full names first, then surnames, then names cut short, each to the person that
/// shares its keys.
fn people(segs: &[Segment<'_>], found: &[Found], out: &mut Vec<Building>) {
    let persons: Vec<&Found> = found.iter().filter(|f| f.kind == EntityKind::Person).collect();
    // Full names make the people; a second pass attaches everything else.
    for pass in 0..2 {
        for f in &persons {
            if budget::exhausted() {
                break;
            }
            let seg = &segs[f.seg];
            let (words, truncated) = name_words(seg, f);
            let Some(last) = words.last() else { continue };
            let full = words.len() >= 2;
            if (pass == 0) != full {
                continue;
            }
            let surname = names::key(last);
            let first = full.then(|| names::key(words[0]));
            let at = if full {
                let keys: Vec<String> = words.iter().map(|w| names::key(w)).collect();
                out.iter().position(|b| {
                    b.kind == EntityKind::Person
                        && b.surname
                            .as_deref()
                            .is_some_and(|s| s == surname || names::close(s, &surname))
                        && (b.first.is_none() || b.first == first || same_person_words(&b.name, &keys))
                })
            } else if truncated {
                out.iter()
                    .position(|b| b.kind == EntityKind::Person && b.first.as_deref() == Some(surname.as_str()))
            } else {
                out.iter()
                    .position(|b| {
                        b.kind == EntityKind::Person
                            && b.surname
                                .as_deref()
                                .is_some_and(|s| s == surname || names::close(s, &surname))
                    })
                    .or_else(|| {
                        out.iter()
                            .position(|b| b.kind == EntityKind::Person && b.first.as_deref() == Some(&surname))
                    })
            };
            if at.is_none() && out.len() >= MAX_ENTITIES {
                continue;
            }
            let at = at.unwrap_or_else(|| {
                let mut b = Building::new(EntityKind::Person, words.join(" "), String::new());
                b.surname = Some(surname.clone());
                b.first = first.clone();
                out.push(b);
                out.len() - 1
            });
            let b = &mut out[at];
            let written = words.join(" ");
            // The fuller form names the person (`Joel Eriksson Ek` over `Eriksson Ek`).
            if full && words.len() > b.name.split_whitespace().count() {
                b.name.clone_from(&written);
                b.first.clone_from(&first);
            }
            if !b.aliases.contains(&written) {
                b.aliases.push(written);
            }
            if let Some((r0, r1)) = f.role {
                let role = seg.text[seg.tokens[r0].start..seg.tokens[r1 - 1].end]
                    .trim_end_matches(',')
                    .trim();
                if !b.roles.iter().any(|x| x == role) {
                    b.roles.push(role.to_string());
                }
                let (words, classes) = context_of(seg, r0, r1);
                b.context.extend(words);
                b.classes.extend(classes);
            }
            b.mentions.push(mention(seg, f.from, f.last, false));
            b.positions.push((f.seg, seg.tokens[f.first].start));
        }
    }
}

/// Whether a person's name and other name words (as spelling keys) name one person: the same words in
/// another order (`Galabuzi Brian Kakembo`), or one the end of the other (`Eriksson Ek`, `Joel Eriksson Ek`).
fn same_person_words(name: &str, keys: &[String]) -> bool {
    let mine: Vec<String> = name.split_whitespace().map(names::key).collect();
    let (short, long) = if mine.len() <= keys.len() {
        (&mine[..], keys)
    } else {
        (keys, &mine[..])
    };
    let mut a: Vec<&String> = mine.iter().collect();
    let mut b: Vec<&String> = keys.iter().collect();
    a.sort();
    b.sort();
    a == b || short.len() >= 2 && long.ends_with(short)
}

/// Organisations, places and other names: one entity per resolution key, acronyms joined to their full
/// names.
fn other_names(segs: &[Segment<'_>], f: &Found, out: &mut Vec<Building>) {
    let seg = &segs[f.seg];
    let (start, end) = f
        .part
        .unwrap_or((seg.tokens[f.first].start, seg.tokens[f.last - 1].end));
    let surface = &seg.text[start..end];
    let all_caps = surface.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let name = match f.kind {
        EntityKind::Place => lexicon::place_any_case(surface).map_or_else(
            || {
                if all_caps && surface.len() > 3 {
                    title_case(surface)
                } else {
                    surface.to_string()
                }
            },
            |p| p.canonical.to_string(),
        ),
        // A foreign seat of power goes by its English name (`Кремля` → `Kremlin`).
        EntityKind::Organization => ACRONYMS
            .iter()
            .find(|(a, _)| *a == surface)
            .map(|(_, full)| *full)
            .or_else(|| (f.part.is_none() && f.last == f.first + 1).then(|| seg.word(f.first)))
            .unwrap_or(surface)
            .to_string(),
        _ => surface.to_string(),
    };
    // `The Central Election Commission of the country`: a national body, named with the country the text
    // spoke of last (another country's commission is another entity).
    let (name, last) = match (f.kind, f.part, country_after(seg, f)) {
        (EntityKind::Organization, None, Some((country, last))) => (format!("{name} of {country}"), last),
        _ => (name, f.last),
    };
    let key = resolution_key(f.kind, &name);
    let acronym = all_caps && (2..=6).contains(&surface.chars().filter(|c| c.is_alphabetic()).count());
    let at = out.iter().position(|b| b.kind == f.kind && b.key == key).or_else(|| {
        // An acronym of a name already in the document, or a name whose acronym is (`EU` ~ `European Union`).
        let letters: String = surface.chars().filter(|c| c.is_alphabetic()).collect();
        out.iter().position(|b| {
            b.kind == f.kind && ((acronym && initials(&b.name) == letters) || (!acronym && initials(&name) == b.name))
        })
    });
    if at.is_none() && out.len() >= MAX_ENTITIES {
        return;
    }
    let at = at.unwrap_or_else(|| {
        out.push(Building::new(f.kind, name.clone(), key));
        out.len() - 1
    });
    let b = &mut out[at];
    // A full name wins over its acronym as the entity's name.
    if b.name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && !acronym && initials(&name) == b.name {
        let old = std::mem::replace(&mut b.name, name.clone());
        b.aliases.push(old);
        b.key = resolution_key(f.kind, &name);
    }
    if !b.aliases.iter().any(|a| a == surface) {
        b.aliases.push(surface.to_string());
    }
    let mut m = mention(seg, f.from, last, false);
    if f.part.is_some() {
        (m.start, m.end, m.text) = (start as u32, end as u32, surface.to_string());
    }
    b.mentions.push(m);
    b.positions.push((f.seg, start));
}

/// For an organisation followed by `of the country` (`republic`, `state`): the country named last before it
/// in the segment, and one past the mention's last token.
fn country_after(seg: &Segment<'_>, f: &Found) -> Option<(&'static str, usize)> {
    let words: Vec<String> = (f.last..seg.tokens.len().min(f.last + 3))
        .map(|i| seg.word(i).to_lowercase())
        .collect();
    let [of, this, noun] = words.as_slice() else {
        return None;
    };
    if of != "of" || !matches!(this.as_str(), "the" | "this") || !matches!(noun.as_str(), "country" | "republic") {
        return None;
    }
    (0..f.first).rev().find_map(|j| {
        (1..=MAX_PLACE_TOKENS.min(j + 1)).find_map(|len| {
            let form = &seg.text[seg.tokens[j + 1 - len].start..seg.tokens[j].end];
            lexicon::place(form)
                .filter(|p| p.kind == PlaceKind::Country)
                .map(|p| (&*p.canonical, f.last + 3))
        })
    })
}

/// Capital initials of a multi-word name (`European Union` → `EU`); empty for one word.
fn initials(name: &str) -> String {
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| !matches!(w.to_lowercase().as_str(), "of" | "the" | "and" | "for"))
        .collect();
    if words.len() < 2 {
        return String::new();
    }
    words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Descriptions of people by their office (`the Kremlin press secretary`, `The Polish leader`, `The head of
/// state`): each linked to the person named with a role of the same class whose country and words it
/// shares, the most recently named first.
fn descriptions(segs: &[Segment<'_>], found: &[Found], out: &mut [Building]) {
    for (s, seg) in segs.iter().enumerate() {
        // Names may sit inside a description (`the Kremlin press secretary`); people's mentions may not.
        let taken: Vec<(usize, usize)> = found
            .iter()
            .filter(|f| f.seg == s && f.kind == EntityKind::Person)
            .map(|f| (f.from, f.last))
            .collect();
        let n = seg.tokens.len();
        let mut i = 0;
        while i < n {
            let w = seg.word(i);
            let opens = w.eq_ignore_ascii_case("the") || (i + 1 < n && is_possessive(seg.word(i + 1)) && is_cap(w));
            if !opens || taken.iter().any(|&(a, b)| a <= i && i < b) {
                i += 1;
                continue;
            }
            let body = if w.eq_ignore_ascii_case("the") { i + 1 } else { i + 2 };
            // Up to four modifiers, then the longest role noun, and no name right after it.
            let mut hit = None;
            for h in body..(body + 5).min(n) {
                if let Some((end, class)) = head_starting(seg, h) {
                    hit = Some((end, class));
                    break;
                }
                let m = seg.word(h);
                let modifier = (is_cap(m) || ROLE_MODIFIERS.contains(&m.to_lowercase().as_str()))
                    && m.chars().any(char::is_alphabetic);
                if !modifier {
                    break;
                }
            }
            let Some((end, class)) = hit else {
                i += 1;
                continue;
            };
            let followed_by_name = end < n && is_cap(seg.word(end)) && !seg.tokens[end].sentence_start;
            if followed_by_name || taken.iter().any(|&(a, b)| a < end && i < b) {
                i = end;
                continue;
            }
            let (mods, _) = context_of(seg, if body == i + 2 { i } else { body }, end);
            let at = (s, seg.tokens[i].start);
            let best = out
                .iter()
                .enumerate()
                .filter(|(_, b)| b.kind == EntityKind::Person && b.classes.contains(class))
                .filter_map(|(k, b)| {
                    let shared = mods.iter().filter(|m| b.context.contains(*m)).count();
                    // A country the description names that the person's roles contradict rules them out.
                    let clash = mods.iter().any(|m| m.starts_with('@') && !b.context.contains(m))
                        && b.context.iter().any(|c| c.starts_with('@'));
                    let recent = b.positions.iter().filter(|p| **p < at).max().copied();
                    (!clash).then_some((shared, recent, k))
                })
                .max_by_key(|(shared, recent, _)| (*shared, *recent));
            if let Some((_, _, k)) = best {
                out[k].mentions.push(mention(seg, i, end, true));
                out[k].positions.push(at);
            }
            i = end;
        }
    }
}

/// The key two mentions of one entity share: for people the first-name initial and the surname's spelling
/// key (`d|peskov`), for places and organisations the spelling keys of their words.
pub fn resolution_key(kind: EntityKind, name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().filter(|w| !is_initial(w)).collect();
    match kind {
        EntityKind::Person => {
            let surname = words.last().map(|w| names::key(w)).unwrap_or_default();
            let first = (words.len() >= 2).then(|| names::key(words[0]));
            person_key(first.as_deref(), &surname)
        }
        _ => words
            .iter()
            .filter(|w| !w.eq_ignore_ascii_case("the"))
            .map(|w| names::key(w))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn person_key(first: Option<&str>, surname: &str) -> String {
    format!("{}|{surname}", first.map_or('?', initial))
}

/// The initial a first name's key files under, the same for its Ukrainian, Russian and English spellings
/// (`Oleksandr`, `Aleksandr`, `Alexander` → `a`; `Hennadiy`, `Gennady` → `g`; `Yevhen`, `Evgeny` → `e`).
fn initial(first: &str) -> char {
    const SHIFTS: &[(&str, char)] = &[
        ("oleks", 'a'),
        ("olex", 'a'),
        ("hry", 'g'),
        ("heor", 'g'),
        ("haly", 'g'),
        ("yev", 'e'),
        ("yel", 'e'),
    ];
    SHIFTS
        .iter()
        .find(|(prefix, _)| first.starts_with(prefix))
        .map_or_else(|| first.chars().next().unwrap_or('?'), |(_, c)| *c)
}

/// A stable identifier from a kind and a resolution key (FNV-1a, 64 bits).
pub fn entity_id(kind: EntityKind, key: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in kind.as_str().bytes().chain([b':']).chain(key.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{}-{h:016x}", &kind.as_str()[..3])
}
