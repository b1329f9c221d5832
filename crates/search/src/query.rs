//! Queries: the user's words parsed over title, lead and body, narrowed by filters on the facets and the
//! publication day.

use std::ops::Bound;

use dateline_store::Store;
use serde::Deserialize;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::{day_number, facet, Error, Result, SearchIndex};

/// What a search is narrowed to. Names (`entity`, `speaker`) take any form the texts use, through
/// [`Names::resolve`].
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct Filters {
    /// First publication day (`YYYY-MM-DD`), included.
    pub from: Option<String>,
    /// Last publication day, included.
    pub to: Option<String>,
    /// Outlet, as the articles name it.
    pub outlet: Option<String>,
    /// Language code.
    pub lang: Option<String>,
    /// An entity, by any of its names.
    pub entity: Option<String>,
    /// A speaker, by any of their names.
    pub speaker: Option<String>,
    /// A story id.
    pub story: Option<u64>,
    /// Originals only: no article that copies or rewrites another.
    #[serde(default)]
    pub originals: bool,
    /// Quotations only: those whose confidence (the probability they are a statement with the right
    /// speaker) is at least this.
    pub min_confidence: Option<f32>,
}

impl Filters {
    /// An article as an export gives it: its quotations below [`Filters::min_confidence`] left out.
    pub fn trim_quotes(&self, article: &mut dateline_model::Article) {
        if let Some(least) = self.min_confidence {
            article.quotes.retain(|q| q.confidence >= least);
        }
    }
}

/// The entities and speakers a filter's names stand for.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Entity ids `Filters::entity` names.
    pub entities: Vec<String>,
    /// Speaker names `Filters::speaker` names (as quotations give them).
    pub speakers: Vec<String>,
}

/// Titles a name may carry that the store's names do not (`Mr Peskov`).
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"];

/// A name without a leading honorific.
pub fn bare_name(name: &str) -> &str {
    let name = name.trim();
    if let Some((first, rest)) = name.split_once(' ') {
        if HONORIFICS.contains(&first.trim_end_matches('.').to_lowercase().as_str()) && !rest.trim().is_empty() {
            return rest.trim();
        }
    }
    name
}

/// The forms a name is looked up by: without a leading title, and in Latin letters when written in
/// Cyrillic (`Песков` → `Peskov`).
fn forms(name: &str) -> Vec<String> {
    let bare = bare_name(name);
    let latin: Vec<String> = bare
        .split_whitespace()
        .map(|w| dateline_entities::names::latin(w).into_owned())
        .collect();
    let latin = latin.join(" ");
    if latin == bare {
        vec![bare.to_string()]
    } else {
        vec![bare.to_string(), latin]
    }
}

impl Names {
    /// Looks the filters' names up in the store: an entity or speaker is found by its canonical name, any
    /// name its mentions use, or its last words (`Peskov` for `Dmitry Peskov`), with or without a title,
    /// in Cyrillic or Latin letters.
    pub fn resolve(store: &Store, filters: &Filters) -> Result<Names> {
        let mut names = Names::default();
        if let Some(e) = filters.entity.as_deref() {
            for form in forms(e) {
                names
                    .entities
                    .extend(store.entities(Some(&form), None, 50)?.into_iter().map(|e| e.id));
            }
            names.entities.sort();
            names.entities.dedup();
        }
        if let Some(s) = filters.speaker.as_deref() {
            for form in forms(s) {
                names.speakers.extend(
                    store
                        .entities(Some(&form), Some("person"), 50)?
                        .into_iter()
                        .map(|e| e.name),
                );
                names.speakers.extend(store.speakers_named(&form)?);
                names.speakers.push(form);
            }
            names.speakers.sort();
            names.speakers.dedup();
        }
        Ok(names)
    }
}

impl SearchIndex {
    /// The user's words as a query over articles (headline, lead, body) or quotations (their words);
    /// `None` when there are none.
    pub(crate) fn parse(&self, query: &str, kind: &str) -> Result<Option<Box<dyn Query>>> {
        if query.trim().is_empty() {
            return Ok(None);
        }
        let field = if kind == "quote" { self.f.said } else { self.f.words };
        let mut parser = QueryParser::for_index(&self.index, vec![field]);
        parser.set_conjunction_by_default();
        parser.parse_query(query).map(Some).map_err(|e| Error::Query {
            query: query.to_string(),
            reason: e.to_string(),
        })
    }

    /// The user's words, for documents of `kind`, narrowed by the filters.
    pub(crate) fn query(&self, query: &str, kind: &str, filters: &Filters, names: &Names) -> Result<Box<dyn Query>> {
        let f = self.f;
        let term = |t: Term| -> Box<dyn Query> { Box::new(TermQuery::new(t, IndexRecordOption::Basic)) };
        let any_of = |kind: &str, values: &[String]| -> Box<dyn Query> {
            if values.is_empty() {
                return Box::new(EmptyQuery);
            }
            let parts = values
                .iter()
                .map(|v| (Occur::Should, term(Term::from_facet(f.facets, &facet(kind, v)))))
                .collect();
            Box::new(BooleanQuery::new(parts))
        };
        // Words only match documents of their kind (each kind has its own fields); without words, the kind
        // is the query.
        let mut parts: Vec<(Occur, Box<dyn Query>)> = match self.parse(query, kind)? {
            Some(words) => vec![(Occur::Must, words)],
            None => vec![(Occur::Must, term(Term::from_field_text(f.kind, kind)))],
        };
        if let Some(o) = &filters.outlet {
            parts.push((Occur::Must, term(Term::from_facet(f.facets, &facet("outlet", o)))));
        }
        if let Some(l) = &filters.lang {
            parts.push((Occur::Must, term(Term::from_facet(f.facets, &facet("lang", l)))));
        }
        if let Some(s) = filters.story {
            parts.push((
                Occur::Must,
                term(Term::from_facet(f.facets, &facet("story", &s.to_string()))),
            ));
        }
        if filters.originals {
            parts.push((
                Occur::Must,
                term(Term::from_facet(f.facets, &facet("copy", "original"))),
            ));
        }
        if filters.entity.is_some() {
            parts.push((Occur::Must, any_of("entity", &names.entities)));
        }
        if filters.speaker.is_some() {
            parts.push((Occur::Must, any_of("speaker", &names.speakers)));
        }
        let day = |d: &Option<String>, what: &str| -> Result<Option<i64>> {
            match d {
                None => Ok(None),
                Some(d) => day_number(d).map(Some).ok_or_else(|| Error::Query {
                    query: d.clone(),
                    reason: format!("{what} is not a day (YYYY-MM-DD)"),
                }),
            }
        };
        if let Some(least) = filters.min_confidence.filter(|_| kind == "quote") {
            if !(0.0..=1.0).contains(&least) {
                return Err(Error::Query {
                    query: least.to_string(),
                    reason: "min_confidence is a probability, from 0 to 1".into(),
                });
            }
            let from = Bound::Included(Term::from_field_f64(f.confidence, f64::from(least)));
            parts.push((Occur::Must, Box::new(RangeQuery::new(from, Bound::Unbounded))));
        }
        let (from, to) = (day(&filters.from, "from")?, day(&filters.to, "to")?);
        if from.is_some() || to.is_some() {
            let bound = |d: Option<i64>| match d {
                Some(d) => Bound::Included(Term::from_field_i64(f.day, d)),
                None => Bound::Unbounded,
            };
            parts.push((Occur::Must, Box::new(RangeQuery::new(bound(from), bound(to)))));
        }
        // The words alone go to the searcher as they are: a boolean around a single query would keep its
        // scorer from skipping blocks that cannot reach the best matches.
        if parts.len() == 1 {
            if let Some((_, only)) = parts.pop() {
                return Ok(only);
            }
        }
        Ok(Box::new(BooleanQuery::new(parts)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_off_names() {
        assert_eq!(bare_name("Mr Peskov"), "Peskov");
        assert_eq!(bare_name(" Mr. Peskov "), "Peskov");
        assert_eq!(bare_name("Peskov"), "Peskov");
        assert_eq!(bare_name("Mr"), "Mr");
        assert_eq!(forms("Песков"), ["Песков", "Peskov"]);
        assert_eq!(forms("Mr Peskov"), ["Peskov"]);
    }
}
