//! The JSON API: handlers, their parameters and answers, and the OpenAPI document generated from them.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use dateline_model::Article;
use dateline_search::{Filters, Names, Page, QuoteRow, SearchIndex, Want};
use dateline_store::Store;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::Shared;

/// Most results one page may ask for.
const MAX_LIMIT: usize = 500;

/// An error as `application/problem+json` (RFC 9457).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Problem {
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
}

impl Problem {
    pub(crate) fn new(status: StatusCode, title: &str) -> Problem {
        Problem {
            kind: "about:blank",
            title: title.to_string(),
            status: status.as_u16(),
            detail: None,
        }
    }

    fn detail(mut self, detail: impl ToString) -> Problem {
        self.detail = Some(detail.to_string());
        self
    }

    pub(crate) fn internal(detail: &str) -> Problem {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error").detail(detail)
    }

    fn not_found(what: &str) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not found").detail(what)
    }

    fn bad(detail: impl ToString) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, "bad parameter").detail(detail)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response()
    }
}

impl From<dateline_store::Error> for Problem {
    fn from(e: dateline_store::Error) -> Problem {
        Problem::internal(&e.to_string())
    }
}

impl From<dateline_search::Error> for Problem {
    fn from(e: dateline_search::Error) -> Problem {
        match e {
            dateline_search::Error::Query { .. } => Problem::bad(e),
            e => Problem::internal(&e.to_string()),
        }
    }
}

type Answer<T> = Result<Json<T>, Problem>;

/// Search parameters: the words and the filters every listing takes.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SearchParams {
    /// Words (BM25 over headline, lead and body): `"a phrase"`, `AND`, `OR`, `-word`. All when empty.
    q: Option<String>,
    /// First publication day (YYYY-MM-DD), included.
    from: Option<String>,
    /// Last publication day, included.
    to: Option<String>,
    /// Outlet.
    outlet: Option<String>,
    /// Language code.
    lang: Option<String>,
    /// An entity, by any of its names.
    entity: Option<String>,
    /// A speaker, by any of their names.
    speaker: Option<String>,
    /// A story id.
    story: Option<u64>,
    /// Originals only.
    originals: Option<bool>,
    /// Quotations at least this sure (0 to 1: the probability a quotation is a statement with the right
    /// speaker).
    min_confidence: Option<f32>,
    /// Page size (at most 500; default 20).
    limit: Option<usize>,
    /// Where the page starts: the `next` of the page before.
    cursor: Option<String>,
}

impl SearchParams {
    fn filters(&self) -> Filters {
        Filters {
            from: self.from.clone(),
            to: self.to.clone(),
            outlet: self.outlet.clone(),
            lang: self.lang.clone(),
            entity: self.entity.clone(),
            speaker: self.speaker.clone(),
            story: self.story,
            originals: self.originals.unwrap_or(false),
            min_confidence: self.min_confidence,
        }
    }

    fn query(&self) -> String {
        self.q.clone().unwrap_or_default()
    }

    /// The page asked for: (limit, offset).
    fn page(&self) -> Result<(usize, usize), Problem> {
        let limit = self.limit.unwrap_or(20);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(Problem::bad(format!("limit must be 1 to {MAX_LIMIT}")));
        }
        let offset = match &self.cursor {
            None => 0,
            Some(c) => decode_cursor(c).ok_or_else(|| Problem::bad("cursor is not one this server gave"))?,
        };
        Ok((limit, offset))
    }
}

/// A cursor for the page starting at `offset`.
fn encode_cursor(offset: usize) -> String {
    format!("o{offset:x}")
}

fn decode_cursor(c: &str) -> Option<usize> {
    usize::from_str_radix(c.strip_prefix('o')?, 16).ok()
}

/// The cursor of the next page, when there is one.
fn next_cursor(offset: usize, got: usize, total: usize) -> Option<String> {
    (offset + got < total && got > 0).then(|| encode_cursor(offset + got))
}

/// An article in a listing.
#[derive(Serialize, ToSchema)]
pub(crate) struct ArticleSummary {
    id: String,
    external_id: Option<String>,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    language: Option<String>,
    score: f32,
    /// Where the words matched, with byte ranges of the matches in `fragment`.
    #[schema(value_type = Option<Object>)]
    snippet: Option<dateline_search::Snippet>,
}

/// A page of articles.
#[derive(Serialize, ToSchema)]
pub(crate) struct ArticlePage {
    /// How many match (search only: a plain listing does not count them all).
    total: Option<usize>,
    articles: Vec<ArticleSummary>,
    /// Facet counts over all that match (search only).
    #[schema(value_type = Option<Object>)]
    facets: Option<dateline_search::Facets>,
    /// The cursor of the next page.
    next: Option<String>,
}

fn summary(snippets: Option<&dateline_search::Snippets>, a: Article, score: f32) -> ArticleSummary {
    let snippet = snippets.and_then(|s| s.of(&a.text));
    ArticleSummary {
        id: a.id,
        external_id: a.external_id,
        title: a.title,
        published: a.published,
        outlet: a.outlet,
        url: a.url,
        language: a.language,
        score,
        snippet,
    }
}

fn find_articles(store: &Store, index: &SearchIndex, p: &SearchParams, facets: bool) -> Result<ArticlePage, Problem> {
    let (limit, offset) = p.page()?;
    let filters = p.filters();
    let names = Names::resolve(store, &filters)?;
    let query = p.query();
    let mut found = index.search(
        &query,
        &filters,
        &names,
        Page { limit, offset },
        Want { count: facets, facets },
    )?;
    found.facets.name_entities(store)?;
    let mut articles = Vec::new();
    let snippets = index.snippets(&query, 200)?;
    for hit in &found.hits {
        if let Some(a) = store.article(&hit.id)? {
            articles.push(summary(snippets.as_ref(), a, hit.score));
        }
    }
    Ok(ArticlePage {
        total: found.total,
        next: found.more.then(|| encode_cursor(offset + found.hits.len())),
        articles,
        facets: facets.then_some(found.facets),
    })
}

/// Articles matching the words and filters, best first.
#[utoipa::path(get, path = "/api/articles", params(SearchParams),
    responses((status = 200, body = ArticlePage), (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn articles(State(s): State<Arc<Shared>>, Query(p): Query<SearchParams>) -> Answer<ArticlePage> {
    s.read(move |store, index| find_articles(store, index, &p, false))
        .await
        .map(Json)
}

/// Search: articles matching the words and filters, with facet counts (outlets, languages, entities,
/// speakers, stories, originals and copies).
#[utoipa::path(get, path = "/api/search", params(SearchParams),
    responses((status = 200, body = ArticlePage), (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn search(State(s): State<Arc<Shared>>, Query(p): Query<SearchParams>) -> Answer<ArticlePage> {
    s.read(move |store, index| find_articles(store, index, &p, true))
        .await
        .map(Json)
}

/// One article with everything known about it.
#[derive(Serialize, ToSchema)]
pub(crate) struct ArticleDetail {
    /// The record: text, metadata with the basis of its date, quotations, entities.
    #[schema(value_type = Object)]
    article: Article,
    /// Its story.
    story: Option<u64>,
    /// Its link to its original, or its copies' links to it.
    #[schema(value_type = Vec<Object>)]
    links: Vec<dateline_model::CopyLink>,
}

/// One article (by id, or by the id its input gave it).
#[utoipa::path(get, path = "/api/articles/{id}", params(("id" = String, Path, description = "Article id or input id")),
    responses((status = 200, body = ArticleDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn article(State(s): State<Arc<Shared>>, Path(id): Path<String>) -> Answer<ArticleDetail> {
    s.read(move |store, _| {
        let a = match store.article(&id)? {
            Some(a) => a,
            None => match store.article_id_of_external(&id)? {
                Some(i) => store
                    .article(&i)?
                    .ok_or_else(|| Problem::not_found("no such article"))?,
                None => return Err(Problem::not_found("no such article")),
            },
        };
        Ok(ArticleDetail {
            story: store.story_of(&a.id)?,
            links: store.copies_touching(&a.id)?,
            article: a,
        })
    })
    .await
    .map(Json)
}

/// A page of quotations.
#[derive(Serialize, ToSchema)]
pub(crate) struct QuotePage {
    total: usize,
    #[schema(value_type = Vec<Object>)]
    quotes: Vec<QuoteRow>,
    next: Option<String>,
}

fn find_quotes(store: &Store, index: &SearchIndex, p: &SearchParams) -> Result<QuotePage, Problem> {
    let (limit, offset) = p.page()?;
    let filters = p.filters();
    let names = Names::resolve(store, &filters)?;
    let (total, hits) = index.quotes(&p.query(), &filters, &names, limit, offset)?;
    let quotes = QuoteRow::of_hits(store, &hits)?;
    Ok(QuotePage {
        total,
        next: next_cursor(offset, hits.len(), total),
        quotes,
    })
}

/// Quotations by their words (`q`), speaker (any form of the name), time and the other filters.
#[utoipa::path(get, path = "/api/quotes", params(SearchParams),
    responses((status = 200, body = QuotePage), (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn quotes(State(s): State<Arc<Shared>>, Query(p): Query<SearchParams>) -> Answer<QuotePage> {
    s.read(move |store, index| find_quotes(store, index, &p))
        .await
        .map(Json)
}

/// Entity lookup parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct EntityParams {
    /// Any name the texts use. All entities when left out.
    name: Option<String>,
    /// `person`, `organization`, `place` or `other`.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    kind: Option<String>,
    /// Most entities (default 50, at most 500).
    limit: Option<usize>,
}

/// People, organisations and places, most mentioned first.
#[utoipa::path(get, path = "/api/entities", params(EntityParams),
    responses((status = 200, body = Vec<Object>), (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn entities(
    State(s): State<Arc<Shared>>,
    Query(p): Query<EntityParams>,
) -> Answer<Vec<dateline_store::StoredEntity>> {
    let limit = p.limit.unwrap_or(50);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Problem::bad(format!("limit must be 1 to {MAX_LIMIT}")));
    }
    if let Some(k) = p.kind.as_deref() {
        if !["person", "organization", "place", "other"].contains(&k) {
            return Err(Problem::bad("type must be person, organization, place or other"));
        }
    }
    s.read(move |store, _| {
        Ok(store.entities(
            p.name.as_deref().map(dateline_search::bare_name),
            p.kind.as_deref(),
            limit,
        )?)
    })
    .await
    .map(Json)
}

/// One entity over the corpus.
#[derive(Serialize, ToSchema)]
pub(crate) struct EntityDetail {
    #[schema(value_type = Object)]
    entity: dateline_store::StoredEntity,
    /// The forms the texts give it, most used first, with how often.
    aliases: Vec<(String, u64)>,
    /// The titles and roles the latest 50 articles naming it give it, with how many give each.
    roles: Vec<(String, u64)>,
    /// The articles naming it, best matches first (at most 50).
    articles: Vec<ArticleSummary>,
    /// Articles mentioning it per day.
    mentions_per_day: Vec<(String, u64)>,
    /// Entities named in the same articles, with how many.
    co_occurring: Vec<(String, u64)>,
    /// What it said (the latest 50).
    #[schema(value_type = Vec<Object>)]
    quotes: Vec<QuoteRow>,
    /// Statements it made that several articles carry.
    #[schema(value_type = Vec<Object>)]
    statements: Vec<dateline_model::Statement>,
}

/// One entity: mentions over time, the entities around it, its quotations.
#[utoipa::path(get, path = "/api/entities/{id}", params(("id" = String, Path, description = "Entity id or a name")),
    responses((status = 200, body = EntityDetail), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn entity(State(s): State<Arc<Shared>>, Path(id): Path<String>) -> Answer<EntityDetail> {
    s.read(move |store, index| {
        let entity = match store.entity_name(&id)? {
            Some(name) => store.entities(Some(&name), None, 20)?.into_iter().find(|e| e.id == id),
            None => store
                .entities(Some(dateline_search::bare_name(&id)), None, 1)?
                .into_iter()
                .next(),
        }
        .ok_or_else(|| Problem::not_found("no such entity"))?;
        let by_entity = Filters {
            entity: Some(entity.name.clone()),
            ..Filters::default()
        };
        let names = Names {
            entities: vec![entity.id.clone()],
            speakers: Vec::new(),
        };
        let mentions_per_day = index.attention("", &by_entity, &names)?;
        let around = index.search(
            "",
            &by_entity,
            &names,
            Page { limit: 50, offset: 0 },
            Want {
                count: true,
                facets: true,
            },
        )?;
        let mut articles = Vec::new();
        for hit in &around.hits {
            if let Some(a) = store.article(&hit.id)? {
                articles.push(summary(None, a, hit.score));
            }
        }
        let aliases = store.entity_aliases(&entity.id, 20)?;
        let roles = store.entity_roles(&entity.id, 50)?;
        let mut facets = around.facets;
        facets.entity.retain(|(other, _)| *other != entity.id);
        facets.name_entities(store)?;
        let co_occurring = facets.entity;
        let p = SearchParams {
            speaker: Some(entity.name.clone()),
            limit: Some(50),
            ..SearchParams::default()
        };
        let quotes = if entity.kind == "person" || entity.kind == "organization" {
            find_quotes(store, index, &p)?.quotes
        } else {
            Vec::new()
        };
        let statements = store.statements(Some(&entity.name), 2)?;
        Ok(EntityDetail {
            entity,
            aliases,
            roles,
            articles,
            mentions_per_day,
            co_occurring,
            quotes,
            statements,
        })
    })
    .await
    .map(Json)
}

/// Story listing parameters.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct StoryParams {
    /// Most stories (default 50, at most 500).
    limit: Option<usize>,
}

/// Stories, most articles first.
#[utoipa::path(get, path = "/api/stories", params(StoryParams),
    responses((status = 200, body = Vec<Object>), (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn stories(State(s): State<Arc<Shared>>, Query(p): Query<StoryParams>) -> Answer<Vec<dateline_model::Story>> {
    let limit = p.limit.unwrap_or(50);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Problem::bad(format!("limit must be 1 to {MAX_LIMIT}")));
    }
    s.read(move |store, _| Ok(store.stories(None, limit)?)).await.map(Json)
}

/// One story with its timeline: articles and statements in time order, first reports marked.
#[utoipa::path(get, path = "/api/stories/{id}", params(("id" = u64, Path, description = "Story id")),
    responses((status = 200, body = Object), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn story(State(s): State<Arc<Shared>>, Path(id): Path<String>) -> Answer<dateline_model::Story> {
    let id: u64 = id.parse().map_err(|_| Problem::bad("a story id is a number"))?;
    s.read(move |store, _| {
        store
            .stories(Some(id), 1)?
            .into_iter()
            .next()
            .ok_or_else(|| Problem::not_found("no such story"))
    })
    .await
    .map(Json)
}

/// Attention parameters: the filters, and one or more queries.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AttentionParams {
    /// Queries to compare, separated by `|` (`peskov|lukashenko`); all articles when empty.
    q: Option<String>,
    /// First publication day (YYYY-MM-DD), included.
    from: Option<String>,
    /// Last publication day, included.
    to: Option<String>,
    /// Outlet.
    outlet: Option<String>,
    /// Language code.
    lang: Option<String>,
}

/// Articles per day for one query.
#[derive(Serialize, ToSchema)]
pub(crate) struct Series {
    query: String,
    /// `[day, articles]`, in day order.
    days: Vec<(String, u64)>,
}

/// Attention over time: articles per publication day for each query.
#[utoipa::path(get, path = "/api/attention", params(AttentionParams),
    responses((status = 200, body = Vec<Series>), (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn attention(State(s): State<Arc<Shared>>, Query(p): Query<AttentionParams>) -> Answer<Vec<Series>> {
    let queries: Vec<String> =
        p.q.as_deref()
            .unwrap_or("")
            .split('|')
            .map(|q| q.trim().to_string())
            .collect();
    if queries.len() > 10 {
        return Err(Problem::bad("at most 10 queries at once"));
    }
    s.read(move |_, index| {
        let filters = Filters {
            from: p.from.clone(),
            to: p.to.clone(),
            outlet: p.outlet.clone(),
            lang: p.lang.clone(),
            ..Filters::default()
        };
        queries
            .into_iter()
            .map(|q| {
                let days = index.attention(&q, &filters, &Names::default())?;
                Ok(Series { query: q, days })
            })
            .collect()
    })
    .await
    .map(Json)
}

/// Every matching article, whole, one JSON object per line, streamed (however many).
#[utoipa::path(get, path = "/api/export", params(SearchParams),
    responses((status = 200, description = "NDJSON: one article per line", content_type = "application/x-ndjson"),
              (status = 400, body = Problem, content_type = "application/problem+json")))]
async fn export(State(s): State<Arc<Shared>>, Query(p): Query<SearchParams>) -> Result<Response, Problem> {
    let filters = p.filters();
    let query = p.query();
    let wanted = filters.clone();
    let ids = s
        .read(move |store, index| {
            let names = Names::resolve(store, &wanted)?;
            Ok(index.matching_ids(&query, &wanted, &names)?)
        })
        .await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(16);
    let shared = Arc::clone(&s);
    tokio::task::spawn_blocking(move || {
        let connection = shared.next_store();
        for chunk in ids.chunks(100) {
            let mut buf = Vec::new();
            {
                let Ok(store) = connection.lock() else { return };
                for id in chunk {
                    match store.article(id) {
                        Ok(Some(mut a)) => {
                            filters.trim_quotes(&mut a);
                            if serde_json::to_writer(&mut buf, &a).is_ok() {
                                buf.push(b'\n');
                            }
                        }
                        Ok(None) => {}
                        Err(e) => {
                            let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
                            return;
                        }
                    }
                }
            }
            if tx.blocking_send(Ok(buf)).is_err() {
                return;
            }
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) });
    Ok((
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(stream),
    )
        .into_response())
}

/// The OpenAPI 3 document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dateline",
        description = "News articles, quotations, entities, copies and stories from a Dateline store."
    ),
    paths(
        articles, search, article, quotes, entities, entity, stories, story, attention, export
    ),
    components(schemas(Problem, ArticlePage, ArticleSummary, ArticleDetail, QuotePage, EntityDetail, Series))
)]
struct ApiDoc;

async fn openapi() -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(json) => ([(header::CONTENT_TYPE, "application/json")], json).into_response(),
        Err(e) => Problem::internal(&e.to_string()).into_response(),
    }
}

async fn no_route() -> Problem {
    Problem::not_found("no such endpoint: see /openapi.json")
}

/// The API's routes.
pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/api/articles", get(articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/search", get(search))
        .route("/api/quotes", get(quotes))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/attention", get(attention))
        .route("/api/export", get(export))
        .route("/openapi.json", get(openapi))
        .fallback(no_route)
}
