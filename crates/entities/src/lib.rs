//! Dateline's entity stage: who is who. Names of people, organisations and places are found by a
//! statistical tagger ([`ner`]), grouped within the article with their titles, roles, descriptions,
//! acronyms and spellings ([`resolve`]), and given one identity across the corpus ([`Registry`]).
//!
//! ```
//! use dateline_model::{Article, EntityKind};
//! let mut a = Article {
//!     text: "Kremlin spokesman Dmitry S. Peskov spoke in Moscow.\n\nMr Peskov said the Kremlin press \
//!            secretary would not comment.".into(),
//!     ..Article::default()
//! };
//! dateline_entities::annotate(&mut a);
//! let peskov = a.entities.iter().find(|e| e.name == "Dmitry Peskov").unwrap();
//! assert!(peskov.mentions.iter().any(|m| m.text == "Mr Peskov"));
//! ```

mod cleanup;
pub mod lexicon;
pub mod names;
pub mod ner;
pub mod perceptron;
mod registry;
pub mod resolve;
pub mod weights;

use std::sync::LazyLock;

use dateline_model::{Article, Entity, EntityKind, EntityMention};
use dateline_text::Document;

use crate::ner::Model;
pub use crate::registry::Registry;

/// The tagger's weights, read once.
static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::from_bytes(include_bytes!("../model/ner.bin")));

/// Most bytes of text read for entities: far beyond any article, and it bounds the time a pathological
/// record (a whole book, a log dump) can take.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Finds the entities of `article` (headline and text) and stores them in `article.entities`.
pub fn annotate(article: &mut Article) {
    let doc = Document::new(
        article.title.as_deref(),
        dateline_model::budget::prefix(&article.text, MAX_TEXT_BYTES),
    );
    article.entities = annotate_document(&doc, article.text.len(), &mut article.warnings);
}

/// [`annotate`] for an analysed document that the quote stage reads too: its entities, with what a reader
/// should know of them (the text cut short, the time limit reached) added to `warnings`. `text_len` is the
/// whole text's length, of which the document may hold the first [`MAX_TEXT_BYTES`] only.
pub fn annotate_document(doc: &Document<'_>, text_len: usize, warnings: &mut Vec<String>) -> Vec<Entity> {
    let end = doc.text().len();
    if end < text_len {
        warnings.push(format!("entities read from the first {end} bytes of the text only"));
    }
    let entities = entities_in(doc);
    if dateline_model::budget::tripped() {
        warnings.push("entities stopped at the time limit for one document: the rest of the text was not read".into());
    }
    if entities.len() >= resolve::MAX_ENTITIES {
        warnings.push(format!(
            "entities stop at {}: names past them that match none are left out",
            resolve::MAX_ENTITIES
        ));
    }
    entities
}

/// The entities of a headline and a text, as [`annotate`] finds them (without its warnings).
pub fn entities(title: Option<&str>, text: &str) -> Vec<Entity> {
    entities_in(&Document::new(
        title,
        dateline_model::budget::prefix(text, MAX_TEXT_BYTES),
    ))
}

/// The entities of an analysed document (without warnings).
pub fn entities_in(doc: &Document<'_>) -> Vec<Entity> {
    match MODEL.as_ref() {
        Some(model) => resolve::entities(model, doc),
        None => Vec::new(),
    }
}

/// Links the quote stage's findings to the entities: each quote's speaker takes the name of the entity it
/// refers to (same name, an alias, or the same person by spelling key), so that speakers and entities agree;
/// and an outlet a statement came through (`told the Economist`) that the tagger missed becomes an
/// organisation with its mention nearest the quote.
pub fn link_quotes(article: &mut Article) {
    for q in &mut article.quotes {
        let Some(speaker) = q.speaker.as_deref() else { continue };
        let person = resolve::resolution_key(EntityKind::Person, speaker);
        // The person the speaker's own words are a mention of (`The head of state`) comes first: this
        // stage's reading of a description is the one the entity list shows. A speaker the quote stage named
        // more fully by the same surname keeps that name.
        // (Not for a mention with an apposition, `Strauss Zelnick, CEO of Take-Two`: its end names another.)
        let said_by = q
            .speaker_mention
            .as_ref()
            .filter(|m| !q.in_title && !m.text.contains(','))
            .and_then(|m| {
                article.entities.iter().find(|e| {
                    e.kind == EntityKind::Person
                        && e.mentions
                            .iter()
                            .any(|x| !x.in_title && x.end == m.end && m.start <= x.start && x.start < m.end)
                        && !(resolve::resolution_key(EntityKind::Person, &e.name) == person
                            && e.name.split_whitespace().count() < speaker.split_whitespace().count())
                })
            });
        let hit = said_by
            .or_else(|| {
                article
                    .entities
                    .iter()
                    .find(|e| e.name == speaker || e.aliases.iter().any(|a| a == speaker))
            })
            .or_else(|| {
                article.entities.iter().find(|e| {
                    e.kind == EntityKind::Person && resolve::resolution_key(EntityKind::Person, &e.name) == person
                })
            });
        if let Some(e) = hit {
            if e.name != speaker {
                q.speaker = Some(e.name.clone());
            }
        }
    }
    for q in &article.quotes {
        let Some(via) = q.via.as_deref().filter(|v| !v.is_empty()) else {
            continue;
        };
        let key = resolve::resolution_key(EntityKind::Organization, via);
        let known = article.entities.iter().any(|e| {
            e.name == via
                || e.aliases.iter().any(|a| a == via)
                || (e.kind == EntityKind::Organization && resolve::resolution_key(e.kind, &e.name) == key)
        });
        if known || q.in_title {
            continue;
        }
        // The outlet is named between the speaker and the quote, or just around them.
        let around = q.speaker_mention.as_ref().map_or(q.start, |m| m.start.min(q.start)) as usize;
        let Some(start) = nearest(&article.text, via, around) else {
            continue;
        };
        let mut mention = EntityMention {
            text: via.to_string(),
            start: start as u32,
            end: (start + via.len()) as u32,
            in_title: false,
            description: false,
        };
        // `the Economist`: the article belongs to the mention, as for names the tagger finds.
        if article.text[..start].ends_with("the ") || article.text[..start].ends_with("The ") {
            mention.start -= 4;
            mention.text = article.text[start - 4..start + via.len()].to_string();
        }
        article.entities.push(Entity {
            id: resolve::entity_id(EntityKind::Organization, &key),
            name: via.to_string(),
            kind: EntityKind::Organization,
            aliases: Vec::new(),
            roles: Vec::new(),
            demonyms: Vec::new(),
            mentions: vec![mention],
        });
    }
}

/// The start of the occurrence of `needle` in `text` nearest to byte `at`, as a whole word.
fn nearest(text: &str, needle: &str, at: usize) -> Option<usize> {
    text.match_indices(needle)
        .map(|(i, _)| i)
        .filter(|&i| {
            let before = text[..i].chars().next_back();
            let after = text[i + needle.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .min_by_key(|&i| i.abs_diff(at))
}

#[cfg(test)]
mod tests {
    use dateline_model::{Quote, QuoteKind};

    use super::*;

    fn annotated(text: &str) -> Article {
        let mut a = Article {
            text: text.into(),
            ..Article::default()
        };
        annotate(&mut a);
        a
    }

    fn named<'a>(a: &'a Article, name: &str) -> &'a Entity {
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        a.entities
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("no {name} among {names:?}"))
    }

    #[test]
    fn a_handle_joins_the_person_it_spells_or_is_no_name() {
        let a = annotated(
            "Governor Matt Bevin spoke on Monday. \"Vote for @MattBevin!\" the president wrote, and              @SomeAccount replied.",
        );
        let bevin = named(&a, "Matt Bevin");
        assert!(bevin.aliases.iter().any(|x| x == "@MattBevin"), "{:?}", bevin.aliases);
        assert!(a
            .entities
            .iter()
            .all(|e| e.name != "MattBevin" && e.name != "SomeAccount"));
    }

    #[test]
    fn a_one_word_person_introduced_by_title_stays_a_person() {
        let a = annotated("Gov. Noem launched the campaign on Monday. Noem said it was working.");
        assert_eq!(named(&a, "Noem").kind, EntityKind::Person);
    }

    #[test]
    fn people_named_only_in_the_credits_are_not_in_the_news() {
        let a = annotated(
            "Adam Neumann left WeWork in September, Sarah Friar said.\n\n(Reporting by Greg Roumeliotis and \
             Sarah Friar; Editing by Martin Howell)\n\nAssociated Press writer Zeke Miller contributed to this \
             report.",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(
            names.contains(&"Adam Neumann") && names.contains(&"Sarah Friar"),
            "{names:?}"
        );
        assert!(
            !names
                .iter()
                .any(|n| ["Greg Roumeliotis", "Martin Howell", "Zeke Miller"].contains(n)),
            "{names:?}"
        );
    }

    #[test]
    fn a_name_ending_in_an_organisation_noun_is_an_organisation() {
        let a = annotated(
            "It is the result of a partnership between the International Tennis Federation and Kosmos. He \
             flew Royal Navy helicopters, and Walt Disney Co. executive Kevin Mayer said demand was high. \
             Margaret Court won on the West Bank. The Russian Federation objected. The memoir was released \
             Monday by Arcade Publishing, an imprint of Skyhorse Publishing, and Ithaca Holdings said nothing.",
        );
        for name in [
            "International Tennis Federation",
            "Royal Navy",
            "Walt Disney Co.",
            "Arcade Publishing",
            "Skyhorse Publishing",
            "Ithaca Holdings",
        ] {
            assert_eq!(
                named(&a, name).kind,
                EntityKind::Organization,
                "{name} {:?}",
                a.entities
            );
        }
        assert_eq!(named(&a, "Margaret Court").kind, EntityKind::Person);
        assert_eq!(named(&a, "West Bank").kind, EntityKind::Place);
        assert!(a
            .entities
            .iter()
            .all(|e| !e.name.contains("Russian") || e.kind == EntityKind::Place));
    }

    #[test]
    fn a_job_title_is_no_name_and_the_name_after_it_is_the_holder() {
        let a = annotated(
            "The report reached Agriculture Officer desks on Monday. Medical Examiner Laura Carbone said the \
             cause was unclear, and Wilmington Mayor Mike Purzycki agreed, The Hollywood Reporter said. Browns \
             DL Larry Ogunjobi was fined.",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(
            ["Laura Carbone", "Mike Purzycki", "Larry Ogunjobi"]
                .iter()
                .all(|n| names.contains(n)),
            "{names:?}"
        );
        assert!(
            !names
                .iter()
                .any(|n| n.contains("Officer") || n.contains("Examiner") || n.contains("Mayor")),
            "{names:?}"
        );
        assert!(
            names.contains(&"Wilmington") && names.contains(&"Hollywood Reporter"),
            "{names:?}"
        );
    }

    #[test]
    fn a_person_whose_given_name_is_a_town_is_a_person() {
        let a = annotated(
            "Braun has worked with Kanye West, and Alexandria Ocasio-Cortez criticised him. Crowds gathered \
             at Victoria Station, in Forest Hill and on the West Bank.",
        );
        for name in ["Kanye West", "Alexandria Ocasio-Cortez"] {
            assert_eq!(named(&a, name).kind, EntityKind::Person, "{name}");
        }
        assert!(a
            .entities
            .iter()
            .all(|e| !["Station", "Hill", "Bank"].iter().any(|w| e.name.contains(w)) || e.kind == EntityKind::Place));
    }

    #[test]
    fn an_organisation_keeps_what_it_is_of() {
        let a = annotated(
            "The Department of Health and Human Services and the National Institute on Drug Abuse said on \
             Monday that the Office of Management and Budget had approved it. The Senate on Tuesday agreed. Researchers at the University \
             of California and Stanford agreed.",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        for name in [
            "Department of Health and Human Services",
            "National Institute on Drug Abuse",
            "Office of Management and Budget",
        ] {
            assert_eq!(named(&a, name).kind, EntityKind::Organization, "{name} {names:?}");
        }
        assert!(
            !names.contains(&"Human Services") && !names.contains(&"Budget"),
            "{names:?}"
        );
        assert!(names.iter().all(|n| !n.contains("Tuesday")), "{names:?}");
        assert!(names.contains(&"Stanford"), "{names:?}");
    }

    #[test]
    fn a_lawmakers_title_party_and_state_are_no_names() {
        let a = annotated(
            "A New York man pleaded guilty Monday to threatening to kill U.S. Rep. Ilhan Omar, D-Minn., in March, \
             prosecutors said.\n\nIn October, Rep. David McKinley, R-W.Va., visited the U.S.-Mexico border near \
             McAllen, Texas. Rep. Adam Schiff, D-Calif., and Sen. Josh Hawley, R-Mo., disagreed.",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(
            names.iter().all(|n| !n.starts_with("D-") && !n.starts_with("R-")),
            "{names:?}"
        );
        assert!(names.contains(&"Ilhan Omar"), "{names:?}");
        // An abbreviated title is no part of the name.
        assert!(names.contains(&"Josh Hawley") && !names.contains(&"Rep."), "{names:?}");
    }

    #[test]
    fn planets_and_moons_are_other_names() {
        let a = annotated("Hubble found water above Europa, a moon of Jupiter, and sent the data back to Earth.");
        for name in ["Europa", "Jupiter", "Earth"] {
            assert!(
                a.entities.iter().all(|e| e.name != name || e.kind == EntityKind::Other),
                "{name} {:?}",
                a.entities
            );
        }
    }

    #[test]
    fn an_agency_tag_between_slashes_is_an_organisation() {
        let a = annotated("MOSCOW, November 9. /TASS/. Moscow hopes the situation will calm, Dmitry Peskov said.");
        assert_eq!(named(&a, "TASS").kind, EntityKind::Organization);
    }

    #[test]
    fn other_names_of_towns_are_places_only_with_their_country() {
        let a = annotated("Hamas fighters crossed on Saturday. She would Google it in Kansas. The firm Lime grew.");
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(
            !names.iter().any(|n| ["Hamm", "Topeka", "Lima"].contains(n)),
            "{names:?}"
        );
        let a = annotated("Kiev is the capital of Ukraine, and Kiev was calm on Monday.");
        assert!(a.entities.iter().any(|e| e.name == "Kyiv"), "{:?}", a.entities);
    }

    #[test]
    fn a_title_case_headline_names_nothing_the_text_does_not() {
        let mut a = Article {
            title: Some("Putin Says Western Countries Risk a New War in Ukraine".into()),
            text: "Vladimir Putin said on Tuesday that the West was taking risks.".into(),
            ..Article::default()
        };
        annotate(&mut a);
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(
            names.contains(&"Vladimir Putin") && names.contains(&"Ukraine"),
            "{names:?}"
        );
        assert!(!names.iter().any(|n| n.contains("Western")), "{names:?}");
        assert!(resolve::title_cased("Royal Self-Indicting Arrogance Of The Prince"));
        // A subhead in Title Case likewise; a line of names is no subhead.
        let a = annotated(
            "Trade talks went on through the night, the investment bank said.\n\nTackling Trade Imbalances \
             Through Investment Banks\n\n— Robert Maguire (@RobertMaguire_) November 18, 2019",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(
            !names.iter().any(|n| n.contains("Tackling") || n.contains("Imbalances")),
            "{names:?}"
        );
        assert!(names.contains(&"Robert Maguire"), "{names:?}");
        // A kind of place at the end of a name makes it a place.
        let a = annotated("Officials in Rockland County said the Westchester County Executive agreed.");
        assert!(
            a.entities
                .iter()
                .any(|e| e.name == "Rockland County" && e.kind == EntityKind::Place),
            "{:?}",
            a.entities
        );
        assert!(!resolve::title_cased("Kremlin hopes border crisis will not grow"));
    }

    #[test]
    fn a_short_heading_names_nothing_unless_a_designator_ends_the_name() {
        let a = annotated(
            "We offer related services to reliable movers, and we thank you for the power and the performance.\n\n\
             Our Related Services\n\nPower and Performance\n\nReliable Movers LLC\n\n—Ross Gay, Thank You",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(
            !names
                .iter()
                .any(|n| n.contains("Services") || n.contains("Performance")),
            "{names:?}"
        );
        assert!(names.contains(&"Reliable Movers LLC"), "{names:?}");
        assert!(names.contains(&"Ross Gay"), "{names:?}");
    }

    #[test]
    fn market_codes_and_masked_names_name_nothing() {
        let a = annotated(
            "U.S. crude CLc1 fell 3.38% to $55.12 per barrel. Benchmark 10-year notes US10YT=RR last rose. Spot \
             gold XAU= added 0.1%, Commerzbank analyst Carsten Fritsch said.",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Commerzbank"), "{names:?}");
        assert!(!names.iter().any(|n| ["CLc1", "RR", "XAU"].contains(n)), "{names:?}");
        // Nor are names written half masked.
        let a = annotated("“A gorgeous play with an interesting story.”\n\n– Jo** Al****\n\n“Easy to follow.”\n\n– Dia**** Co** Ga****");
        assert!(a.entities.is_empty(), "{:?}", a.entities);
    }

    #[test]
    fn a_common_word_seen_only_where_words_are_capitalised_is_no_name() {
        let a = annotated(
            "Doctors listed their demands on Monday.\n\nPatients requiring emergency services to be accompanied \
             by at most one other person\n\nSuspension of visiting inpatients to avoid crowding in wards\n\n\
             Publish news of your business, community or sports group.\n\nARM said on Monday it would cut prices.",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(
            !names.contains(&"Suspension") && !names.contains(&"Publish"),
            "{names:?}"
        );
        assert!(names.contains(&"ARM"), "{names:?}");
        assert!(lexicon::common_word("Unless") && !lexicon::common_word("Apple"));
    }

    #[test]
    fn a_title_before_a_one_word_name_makes_it_a_person() {
        let a = annotated(
            "In each case, President Trump tied himself to the outcome. Trump tweeted before Election Day. The \
             voters did not follow Trump, and Trump lost Kentucky. Guest systems: MS Windows and Linux.",
        );
        assert_eq!(named(&a, "Trump").kind, EntityKind::Person, "{:?}", a.entities);
        assert!(a
            .entities
            .iter()
            .all(|e| e.name != "Windows" || e.kind != EntityKind::Person));
    }

    #[test]
    fn people_are_resolved_across_initials_honorifics_and_surnames() {
        let a = annotated(
            "Kremlin spokesman Dmitry S. Peskov spoke on Monday. Mr Peskov said the talks would go on. \
             Peskov added nothing.",
        );
        let peskov = named(&a, "Dmitry Peskov");
        assert_eq!(peskov.kind, EntityKind::Person);
        assert_eq!(peskov.mentions.len(), 3);
        assert!(peskov.roles.iter().any(|r| r.contains("spokesman")));
    }

    #[test]
    fn places_take_their_gazetteer_name_and_acronyms_their_full_name() {
        let a = annotated("Officials in Kiev met the European Union envoy. The EU said it would help Kyiv.");
        assert_eq!(named(&a, "Kyiv").mentions.len(), 2);
        assert!(named(&a, "European Union").mentions.iter().any(|m| m.text == "The EU"));
    }

    #[test]
    fn a_national_body_of_the_country_takes_the_country_last_named() {
        let a = annotated(
            "Presidential elections in Belarus will be held in January. The Central Election Commission of \
             the country has registered five candidates.",
        );
        let cec = named(&a, "Central Election Commission of Belarus");
        assert_eq!(cec.kind, EntityKind::Organization);
        assert_eq!(cec.mentions[0].text, "The Central Election Commission of the country");
    }

    #[test]
    fn an_outlet_a_quote_came_through_becomes_an_organisation() {
        let text = "The general told the Economist last week that an offensive was coming.";
        let mut a = annotated(text);
        let start = text.find("an offensive").unwrap_or_default() as u32;
        a.quotes.push(Quote {
            text: "an offensive was coming".into(),
            fragments: Vec::new(),
            kind: QuoteKind::Indirect,
            speaker: None,
            speaker_mention: None,
            cue: Some("told".into()),
            via: Some("Economist".into()),
            start,
            end: start + 23,
            in_title: false,
            confidence: 0.5,
        });
        link_quotes(&mut a);
        let outlet = named(&a, "Economist");
        assert_eq!(outlet.kind, EntityKind::Organization);
        assert_eq!(outlet.mentions[0].text, "the Economist");
        assert_eq!(
            &text[outlet.mentions[0].start as usize..outlet.mentions[0].end as usize],
            "the Economist"
        );
    }

    #[test]
    fn names_the_tagger_typed_otherwise_follow_the_person_the_document_names() {
        let a = annotated("Volodymyr Zelenskyy met Zelensky aides in Kiev. President Zelenskiy said so.");
        let z = named(&a, "Volodymyr Zelenskyy");
        assert_eq!(z.kind, EntityKind::Person);
        assert_eq!(z.mentions.len(), 3);
    }

    /// The first person of each text, as (id, name), after one registry has unified the texts in turn.
    fn first_people(texts: &[&str]) -> Vec<Option<(String, String)>> {
        let mut registry = Registry::new();
        texts
            .iter()
            .map(|text| {
                let mut a = annotated(text);
                registry.unify(&mut a);
                let person = a.entities.iter().find(|e| e.kind == EntityKind::Person);
                person.map(|e| (e.id.clone(), e.name.clone()))
            })
            .collect()
    }

    #[test]
    fn one_id_across_documents_whatever_the_spelling() {
        let ids = first_people(&[
            "State secretary Alexander Volfovich said the border was calm. Volfovich added nothing.",
            "State secretary Alexander Valfovich said the army was ready. Valfovich spoke in Minsk.",
            "Ukrainian Defence Minister Oleksii Reznikov said the army was ready. Reznikov added nothing.",
            "Defence Minister Aleksey Reznikov spoke to reporters. Reznikov said the talks failed.",
        ]);
        assert_eq!(ids[0], ids[1], "{ids:?}");
        assert_eq!(ids[2], ids[3], "{ids:?}");
        assert_ne!(ids[0], ids[2]);
    }

    #[test]
    fn a_name_has_one_kind_in_a_document() {
        let a = annotated(
            "The tagline drew a mix of criticism and ridicule across Twitter on Monday, but Noem cited the \
             backlash as proof that efforts work.\n\n“Meth is a serious problem in SD. We are here to Get. It. \
             OUT,” Noem tweeted Monday night.\n\nNoem later tweeted that the state’s meth epidemic was real.",
        );
        let noem: Vec<_> = a.entities.iter().filter(|e| e.name == "Noem").collect();
        assert_eq!(noem.len(), 1, "{noem:?}");
        assert_eq!(noem[0].kind, EntityKind::Person);
        assert_eq!(noem[0].mentions.len(), 3);
    }

    #[test]
    fn a_surname_met_alone_first_is_the_full_name_met_later() {
        let ids = first_people(&[
            "Gov. Noem said the campaign worked. Noem added nothing.",
            "South Dakota Gov. Kristi Noem defended the campaign on Tuesday.",
            "Gov. Noem said the ads worked. Noem added nothing.",
            "Kristi Noem, the governor, spoke on Friday.",
        ]);
        assert_eq!(ids[0].as_ref().map(|p| &p.0), ids[1].as_ref().map(|p| &p.0), "{ids:?}");
        assert_eq!(ids[1], ids[2], "{ids:?}");
        assert_eq!(ids[2].as_ref().map(|p| p.1.as_str()), Some("Kristi Noem"));
        // Every later document naming her in full too.
        assert_eq!(ids[3], ids[1], "{ids:?}");
    }

    #[test]
    fn titles_and_places_in_russian_and_polish_are_read_as_in_english() {
        let english = annotated("Kremlin spokesman Dmitry Peskov said Ukrainian President Volodymyr Zelensky lied.");
        let russian =
            annotated("Пресс-секретарь Кремля Дмитрий Песков заявил, что Президент Украины Владимир Зеленский солгал.");
        let id = |a: &Article, name: &str| named(a, name).id.clone();
        assert_eq!(id(&russian, "Дмитрий Песков"), id(&english, "Dmitry Peskov"));
        assert_eq!(id(&russian, "Владимир Зеленский"), id(&english, "Volodymyr Zelensky"));
        assert_eq!(named(&russian, "Дмитрий Песков").roles, ["Пресс-секретарь Кремля"]);
        assert_eq!(named(&russian, "Kremlin").kind, EntityKind::Organization);
        assert_eq!(named(&russian, "Ukraine").mentions[0].text, "Украины");
        let polish = annotated("Prezydent Andrzej Duda powiedział, że Polska pomoże Ukrainie.");
        assert_eq!(named(&polish, "Andrzej Duda").roles, ["Prezydent"]);
        assert_eq!(named(&polish, "Ukraine").mentions[0].text, "Ukrainie");
    }

    #[test]
    fn a_word_capitalised_for_the_sentence_start_opens_no_name() {
        let a = annotated(
            "Power and Performance\n\nFor Level 2 stations, there’ll be 11 kW onboard charging as standard, and a 22 kW \
             charger is optional. For Shopify Inc. the quarter was good.",
        );
        let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(!names.iter().any(|n| n.starts_with("For")), "{names:?}");
        assert!(!names.contains(&"Level"), "{names:?}");
        // Written capitalised inside a sentence too, the word is the name's.
        let b = annotated("Under Armour sold more shoes. Shares of Under Armour rose on Tuesday.");
        assert_eq!(named(&b, "Under Armour").mentions.len(), 2, "{:?}", b.entities);
    }

    #[test]
    fn huge_texts_are_read_up_to_the_bound() {
        let mut a = Article {
            text: "Mr Peskov met Ivan Petrov in Minsk. ".repeat(40_000),
            ..Article::default()
        };
        annotate(&mut a);
        assert!(a.warnings.iter().any(|w| w.contains("first")));
        assert!(a.entities.iter().any(|e| e.name == "Minsk"));
        assert!(a
            .entities
            .iter()
            .all(|e| e.mentions.iter().all(|m| (m.end as usize) <= MAX_TEXT_BYTES)));
    }
}
