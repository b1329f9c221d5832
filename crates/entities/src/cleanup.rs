//! Clean-up of a document's entity list after resolution: what the tagger took for names and is not (a
//! Title Case headline's or subhead's words, handles, contractions, roles at organisations, market codes),
//! agency tags, towns named only by another name, one-word "people" never introduced, and names whose last
//! word says they are places.

use std::collections::HashSet;

use dateline_model::{Entity, EntityKind, EntityMention};

use crate::lexicon::{self, PlaceKind};
use crate::names;
use crate::resolve::{entity_id, is_title_word, long_words, resolution_key, title_cased};

/// Cleans `done` (the resolved entities with their first positions) of a headline `title` and its `text`.
pub(crate) fn tidy(title: Option<&str>, text: &str, done: &mut Vec<(usize, usize, Entity)>) {
    handles(title.unwrap_or(""), text, done);
    agency_tags(text, done);
    let lower: HashSet<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.starts_with(char::is_lowercase))
        .collect();
    done.retain(|(_, _, e)| !junk(e, text, &lower));
    // People named only in the article's credits (`Reporting by …; Editing by …`) made the article.
    let credits: Vec<(usize, usize)> = lines(text).filter(|&(s, e)| credit_line(&text[s..e])).collect();
    done.retain(|(_, _, e)| {
        let credited = |m: &EntityMention| {
            !m.in_title
                && credits
                    .iter()
                    .any(|&(s, end)| s <= m.start as usize && (m.end as usize) <= end)
        };
        e.kind != EntityKind::Person || e.mentions.is_empty() || !e.mentions.iter().all(credited)
    });
    // A "person" named by one word only, never with a given name, a title or a role (`Apple`, `Boeing`,
    // `Juul`): people in the news are introduced in full or by title; such a name is an organisation's.
    let titled = |m: &EntityMention| {
        let source = if m.in_title { title.unwrap_or("") } else { text };
        let before = source.get(..m.start as usize).unwrap_or("").trim_end();
        let word = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '.')
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        is_title_word(word) || TITLE_WORDS.contains(&word.to_lowercase().as_str())
    };
    for (_, _, e) in done.iter_mut() {
        let single = e.kind == EntityKind::Person
            && !e.name.contains(' ')
            && e.roles.is_empty()
            && e.mentions.iter().all(|m| !m.text.trim().contains(' ') && !titled(m))
            && lexicon::given_name_gender(&e.name).is_none();
        if single {
            e.kind = EntityKind::Organization;
            e.id = entity_id(e.kind, &resolution_key(e.kind, &e.name));
        }
    }
    // A town named only by another of its names (`Hamas` is an alternate name of Hamm, `Google` of Topeka,
    // `Diana` of Soran): kept when it is another spelling (same initial, `Kiev`) and the text names its
    // country or another place in it (`Ukraine`).
    let countries: HashSet<&str> = done
        .iter()
        .filter(|(_, _, e)| e.kind == EntityKind::Place && !renamed(e))
        .filter_map(|(_, _, e)| lexicon::place(&e.name).map(|p| &*p.country))
        .filter(|c| !c.is_empty())
        .collect();
    done.retain(|(_, _, e)| {
        if e.kind != EntityKind::Place || !renamed(e) {
            return true;
        }
        let initial = |s: &str| s.chars().next().map(|c| c.to_ascii_lowercase());
        let spelling = e.mentions.iter().all(|m| initial(&m.text) == initial(&e.name));
        let country = lexicon::place(&e.name).map_or("", |p| &*p.country);
        spelling && countries.contains(country)
    });
    // In a headline or a line in Title Case (a subhead, a related story's title) capitals say nothing: a
    // name found only there (`Putin Says Western Countries Risk`) is kept when the gazetteer knows it as a
    // place or a company designator ends it (`Reliable Movers LLC`).
    let titled_title = title.is_some_and(title_cased);
    // A line is a heading when, beside its capitals, it capitalises words the text writes in lower case
    // elsewhere (`Tackling Trade Imbalances Through Investment`); a line of names (`— Robert Maguire
    // (@RobertMaguire_) November 18`) is not.
    let heading = |line: &str| {
        let ordinary = line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.starts_with(char::is_uppercase) && lower.contains(w.to_lowercase().as_str()))
            .count();
        (title_cased(line) || short_heading(line)) && ordinary >= 2
    };
    let titled_lines: Vec<(usize, usize)> = lines(text).filter(|&(s, e)| heading(&text[s..e])).collect();
    done.retain(|(_, _, e)| {
        let in_titled = |m: &EntityMention| {
            if m.in_title {
                titled_title
            } else {
                titled_lines
                    .iter()
                    .any(|&(s, end)| s <= m.start as usize && (m.end as usize) <= end)
            }
        };
        let only_there = !e.mentions.is_empty() && e.mentions.iter().all(in_titled);
        let designated = e
            .name
            .split_whitespace()
            .last()
            .is_some_and(|w| lexicon::COMPANY_DESIGNATORS.contains(&w.trim_end_matches('.')))
            && e.name.contains(' ');
        !only_there || designated || e.kind == EntityKind::Place && lexicon::place(&e.name).is_some()
    });
    // A name ending in a word for a kind of place (`Rockland County`, `Florida Keys`), or a country's, a
    // state's or a region's name (`Florida`, not a town's: `Cincinnati` may be its team), is a place, one
    // with the place of that name if the text names it so too.
    let mut k = 0;
    while k < done.len() {
        let e = &done[k].2;
        let last = e.name.split_whitespace().last().unwrap_or("");
        let region = lexicon::place(&e.name).is_some_and(|p| {
            matches!(p.kind, PlaceKind::Country | PlaceKind::State | PlaceKind::Region) && *p.canonical == *e.name
        });
        let headed = e.name.contains(' ') && lexicon::PLACE_HEADS.contains(&last);
        if !(e.kind == EntityKind::Organization && (headed || region)) {
            k += 1;
            continue;
        }
        let id = entity_id(EntityKind::Place, &resolution_key(EntityKind::Place, &e.name));
        if let Some(j) = done.iter().position(|(_, _, p)| p.id == id) {
            let (_, _, gone) = done.remove(k);
            let j = if j > k { j - 1 } else { j };
            done[j].2.mentions.extend(gone.mentions);
            done[j].2.mentions.sort_by_key(|m| (!m.in_title, m.start));
        } else {
            done[k].2.kind = EntityKind::Place;
            done[k].2.id = id;
            k += 1;
        }
    }
}

/// A name written between slashes (`MOSCOW, November 9. /TASS/.`) is a news agency's tag: an organisation,
/// whatever the tagger or the gazetteer said (a town named Tass).
fn agency_tags(text: &str, done: &mut [(usize, usize, Entity)]) {
    for (_, _, e) in done.iter_mut() {
        let tagged = |m: &EntityMention| {
            !m.in_title
                && text.get(..m.start as usize).is_some_and(|b| b.ends_with('/'))
                && text.get(m.end as usize..).is_some_and(|a| a.starts_with('/'))
        };
        if e.kind == EntityKind::Organization || e.mentions.is_empty() || !e.mentions.iter().all(tagged) {
            continue;
        }
        e.kind = EntityKind::Organization;
        e.name.clone_from(&e.mentions[0].text);
        e.id = entity_id(e.kind, &resolution_key(e.kind, &e.name));
    }
}

/// Social media handles (`@MattBevin`) are not names: a handle joins the person whose name it spells
/// (`Matt Bevin`), as an alias; one that spells no one's is dropped.
fn handles(title: &str, text: &str, done: &mut Vec<(usize, usize, Entity)>) {
    let is_handle = |m: &EntityMention| {
        let source = if m.in_title { title } else { text };
        source.get(..m.start as usize).is_some_and(|b| b.ends_with('@'))
    };
    let spelled = |name: &str| -> String {
        name.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut k = 0;
    while k < done.len() {
        let e = &done[k].2;
        if e.mentions.is_empty() || !e.mentions.iter().all(is_handle) {
            k += 1;
            continue;
        }
        let handle = spelled(&e.name);
        let (_, _, gone) = done.remove(k);
        if let Some((_, _, person)) = done
            .iter_mut()
            .find(|(_, _, p)| p.kind == EntityKind::Person && spelled(&p.name) == handle)
        {
            person.aliases.push(format!("@{}", gone.name));
            person.mentions.extend(gone.mentions);
            person.mentions.sort_by_key(|m| (!m.in_title, m.start));
        }
    }
}

/// Whether a town is named in the text only by other names than its own, in Latin letters (`Hamas` for
/// Hamm); a name in Cyrillic letters (`Київ`) or an inflection of the name is the town's own, and
/// countries' other names (`US`) are their own too.
fn renamed(e: &Entity) -> bool {
    let own = names::key(&e.name);
    !e.mentions.is_empty()
        && e.mentions.iter().all(|m| {
            let words = m.text.trim_start_matches("the ").trim_start_matches("The ");
            let latin = words.chars().all(|c| !c.is_alphabetic() || c.is_ascii_alphabetic());
            latin
                && names::key(words) != own
                && !words.eq_ignore_ascii_case(&e.name)
                && lexicon::place(words).is_some_and(|p| *p.canonical == *e.name && p.kind == lexicon::PlaceKind::City)
        })
}

/// Titles and offices before a surname beyond the abbreviated ones (`Judge Ito`, `Father Brown`).
const TITLE_WORDS: &[&str] = &[
    "judge", "justice", "coach", "officer", "pastor", "rabbi", "imam", "father", "sister", "saint",
];

/// Names that are not names, whatever the tagger said: a contraction (`I’m`, `We’re`), a role of someone
/// at an organisation (`Head of Research`, `CEO of Hipcricket`: the organisation after `of` is found on its
/// own), a single capitalised word that only opens sentences while the text uses it in lower case
/// elsewhere (`City`, `Complete`), a market code or an abbreviation of a thing.
fn junk(e: &Entity, text: &str, lower: &HashSet<&str>) -> bool {
    let words: Vec<&str> = e.name.split_whitespace().collect();
    let contraction = words.len() == 1
        && ["’m", "'m", "’ll", "'ll", "’re", "'re", "’ve", "'ve", "’d", "'d"]
            .iter()
            .any(|end| e.name.ends_with(end));
    let role_of_org = e.kind == EntityKind::Organization
        && words.len() >= 3
        && words.contains(&"of")
        && (lexicon::role_of(words[0]).is_some()
            || words.len() > 3 && lexicon::role_of(&format!("{} {}", words[0], words[1])).is_some());
    // A word seen only where any word is capitalised, which the text or news at large writes in lower case
    // (news at large: not for an acronym's capitals, `ARM`, `KEEN`); a place only when the gazetteer does not
    // know it (`County`).
    let acronym = e.name.chars().count() <= 4 && !e.name.chars().any(char::is_lowercase);
    let opener_only = words.len() == 1
        && (e.kind != EntityKind::Place || lexicon::place(&e.name).is_none())
        && (lower.contains(e.name.to_lowercase().as_str()) || !acronym && lexicon::common_word(&e.name))
        && !e.mentions.is_empty()
        && e.mentions.iter().all(|m| {
            m.in_title
                || text
                    .get(..m.start as usize)
                    .map(|b| b.trim_end_matches([' ', '“', '"', '‘', '(']))
                    .is_none_or(|b| b.is_empty() || b.ends_with(['.', '!', '?', '\n', ':']))
        });
    // Market codes (`.DJI`, `CLc1`, `US10YT=RR`, `XAU=`) and abbreviations of things (`SUV`, `EBITDA`); a
    // one-word "person" is an organisation to be (below), so codes the tagger took for people go too.
    let glued = |m: &EntityMention| {
        !m.in_title
            && (text.get(..m.start as usize).is_some_and(|b| b.ends_with(['.', '=']))
                || text.get(m.end as usize..).is_some_and(|a| a.starts_with('=')))
    };
    let code = matches!(e.kind, EntityKind::Organization | EntityKind::Person)
        && words.len() == 1
        && (lexicon::COMMON_ACRONYMS.contains(&e.name.as_str())
            || e.name.chars().count() >= 4
                && e.name.chars().last().is_some_and(|c| c.is_ascii_digit())
                && e.name.chars().any(char::is_alphabetic)
            || e.mentions.iter().all(glued));
    // A name written half masked (`– Jo** Al****`, a reviewer's) names no one a reader can know.
    let masked = !e.mentions.is_empty()
        && e.mentions
            .iter()
            .all(|m| !m.in_title && text.get(m.end as usize..).is_some_and(|a| a.starts_with('*')));
    contraction || role_of_org || opener_only || code || masked
}

/// Whether a line is a credit line: short, opening with a credit (`(Reporting by`, `Additional reporting
/// by`) or ending with one (`… contributed to this report.`).
fn credit_line(line: &str) -> bool {
    if line.len() > 400 {
        return false;
    }
    let lower = line.trim().trim_start_matches('(').to_lowercase();
    let end = lower.trim_end_matches(['.', ')', ' ']);
    lexicon::CREDIT_OPENERS.iter().any(|o| lower.starts_with(o))
        || lexicon::CREDIT_CLOSERS.iter().any(|c| end.ends_with(c))
}

/// Whether a line is a short heading: two words of four letters or more, or three, all capitalised
/// (`Power and Performance`, `Our Related Services`), no stop at its end, and no dash opening it (`—Ross
/// Gay, Thank You` credits a quotation).
fn short_heading(line: &str) -> bool {
    let line = line.trim();
    if line.starts_with(['—', '–', '-', '―']) {
        return false;
    }
    let long = long_words(line);
    (2..=3).contains(&long.len())
        && long.iter().all(|w| w.starts_with(char::is_uppercase))
        && !line.ends_with(['.', '!', '?', ','])
}

/// The byte ranges of the lines of `text`.
fn lines(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    text.split('\n').map(move |line| {
        let range = (at, at + line.len());
        at += line.len() + 1;
        range
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str, text: &str) -> (usize, usize, Entity) {
        let start = text.find(name).unwrap_or(0);
        let kind = EntityKind::Place;
        let entity = Entity {
            id: entity_id(kind, &resolution_key(kind, name)),
            name: name.into(),
            kind,
            aliases: Vec::new(),
            roles: Vec::new(),
            demonyms: Vec::new(),
            mentions: vec![EntityMention {
                text: name.into(),
                start: start as u32,
                end: (start + name.len()) as u32,
                in_title: false,
                description: false,
            }],
        };
        (0, 0, entity)
    }

    /// A "place" the gazetteer does not know, named only where any word is capitalised and written in lower
    /// case by news at large, is no place; one the gazetteer knows stays.
    #[test]
    fn a_common_word_at_a_line_start_is_no_place_unless_the_gazetteer_knows_it() {
        let text = "By Rick Steves\n\nTravel insurance can minimize the risks.\n\nParis is expensive.";
        let mut done = vec![place("Travel", text), place("Paris", text)];
        tidy(None, text, &mut done);
        let names: Vec<&str> = done.iter().map(|d| d.2.name.as_str()).collect();
        assert_eq!(names, ["Paris"]);
    }
}
