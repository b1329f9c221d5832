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

pub mod lexicon;
pub mod names;
pub mod ner;
pub mod perceptron;
mod registry;
pub mod resolve;
pub mod tokens;
pub mod weights;

use std::sync::LazyLock;

use dateline_model::{Article, EntityKind};

use crate::ner::Model;
pub use crate::registry::Registry;

/// The tagger's weights, read once.
static MODEL: LazyLock<Option<Model>> = LazyLock::new(|| Model::from_bytes(include_bytes!("../model/ner.bin")));

/// Most bytes of text read for entities: far beyond any article, and it bounds the time a pathological
/// record (a whole book, a log dump) can take.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Finds the entities of `article` (headline and text) and stores them in `article.entities`.
pub fn annotate(article: &mut Article) {
    let mut end = article.text.len().min(MAX_TEXT_BYTES);
    while !article.text.is_char_boundary(end) {
        end -= 1;
    }
    if end < article.text.len() {
        article
            .warnings
            .push(format!("entities read from the first {end} bytes of the text only"));
    }
    article.entities = match MODEL.as_ref() {
        Some(model) => resolve::entities(model, article.title.as_deref(), &article.text[..end]),
        None => Vec::new(),
    };
}

/// Gives each quote's speaker the name of the entity it refers to (same name, an alias, or the same
/// person by spelling key), so that speakers and entities agree.
pub fn link_speakers(article: &mut Article) {
    for q in &mut article.quotes {
        let Some(speaker) = q.speaker.as_deref() else { continue };
        let person = resolve::resolution_key(EntityKind::Person, speaker);
        let hit = article
            .entities
            .iter()
            .find(|e| e.name == speaker || e.aliases.iter().any(|a| a == speaker))
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
