use axum::body::Body;
use axum::http::{Request, StatusCode};
use dateline_model::{Article, Entity, EntityKind, EntityMention, Provenance, Quote, QuoteKind};
use tower::ServiceExt;

use super::*;

fn store(dir: &Path) {
    let mut store = Store::open(dir).unwrap();
    let a = Article {
        id: "a".into(),
        title: Some("Kremlin <script>alert(1)</script> hopes".into()),
        text: "Dmitry Peskov said Moscow and Minsk were in constant contact about the border.".into(),
        published: Some("2021-11-09".into()),
        outlet: Some("TASS".into()),
        input: "t.jsonl".into(),
        provenance: Provenance::default(),
        quotes: vec![Quote {
            text: "Moscow and Minsk were in constant contact".into(),
            fragments: Vec::new(),
            kind: QuoteKind::Indirect,
            speaker: Some("Dmitry Peskov".into()),
            speaker_mention: None,
            cue: Some("said".into()),
            via: None,
            start: 19,
            end: 60,
            in_title: false,
            confidence: 0.9,
        }],
        entities: vec![Entity {
            id: "per-1".into(),
            name: "Dmitry Peskov".into(),
            kind: EntityKind::Person,
            aliases: vec![],
            roles: vec!["Kremlin spokesman".into()],
            demonyms: vec![],
            mentions: vec![EntityMention {
                text: "Dmitry Peskov".into(),
                start: 0,
                end: 13,
                in_title: false,
                description: false,
            }],
        }],
        ..Article::default()
    };
    store.write_batch(&[a], &[], &[]).unwrap();
}

async fn get(app: &Router, uri: &str, token: Option<&str>) -> (StatusCode, String, String) {
    let mut req = Request::builder().uri(uri);
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let res = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let status = res.status();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body = axum::body::to_bytes(res.into_body(), 1 << 24).await.unwrap();
    (status, kind, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn endpoints_answer_and_errors_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    store(dir.path());
    let app = app(dir.path(), None).unwrap();
    let (s, _, body) = get(&app, "/api/search?q=contact", None).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["total"], 1);
    assert_eq!(v["facets"]["outlet"][0][0], "TASS");
    let (s, _, body) = get(&app, "/api/quotes?speaker=Mr%20Peskov", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("constant contact"), "{body}");
    let (s, _, body) = get(&app, "/api/entities/per-1", None).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["roles"][0][0], "Kremlin spokesman", "{body}");
    assert_eq!(v["aliases"][0][0], "Dmitry Peskov");
    let (s, _, body) = get(&app, "/api/articles/a", None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(body.contains("\"outlet\":\"TASS\""));
    let (s, kind, _) = get(&app, "/api/articles/nope", None).await;
    assert_eq!((s, kind.as_str()), (StatusCode::NOT_FOUND, "application/problem+json"));
    let (s, kind, body) = get(&app, "/api/search?from=yesterday", None).await;
    assert_eq!(
        (s, kind.as_str()),
        (StatusCode::BAD_REQUEST, "application/problem+json"),
        "{body}"
    );
    let (s, _, _) = get(&app, "/api/search?limit=100000", None).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _, body) = get(&app, "/api/attention?q=contact|nothing", None).await;
    assert_eq!(s, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v[0]["days"][0][1], 1);
    assert_eq!(v[1]["days"].as_array().map(Vec::len), Some(0));
    let (s, kind, body) = get(&app, "/api/export", None).await;
    assert_eq!((s, kind.as_str()), (StatusCode::OK, "application/x-ndjson"));
    assert_eq!(body.lines().count(), 1);
    let (s, _, body) = get(&app, "/openapi.json", None).await;
    assert_eq!(s, StatusCode::OK);
    let doc: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(doc["openapi"].as_str().unwrap_or("").starts_with("3."));
    assert!(doc["paths"]["/api/quotes"].is_object());
    let (s, kind, body) = get(&app, "/", None).await;
    assert_eq!((s, kind.as_str()), (StatusCode::OK, "text/html; charset=utf-8"));
    assert!(body.contains("app.js"));
}

#[tokio::test]
async fn a_token_guards_every_request() {
    let dir = tempfile::tempdir().unwrap();
    store(dir.path());
    let app = app(dir.path(), Some("s3cret".into())).unwrap();
    assert_eq!(get(&app, "/api/search", None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        get(&app, "/api/search", Some("wrong")).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(get(&app, "/api/search", Some("s3cret")).await.0, StatusCode::OK);
    assert_eq!(get(&app, "/?token=s3cret", None).await.0, StatusCode::OK);
    assert!(same_secret(b"abc", b"abc") && !same_secret(b"abc", b"abd") && !same_secret(b"abc", b"ab"));
}

#[tokio::test]
async fn anything_but_loopback_needs_a_token() {
    let dir = tempfile::tempdir().unwrap();
    store(dir.path());
    let bind: SocketAddr = "0.0.0.0:0".parse().unwrap();
    assert!(matches!(
        serve(dir.path().to_path_buf(), bind, None).await,
        Err(Error::TokenNeeded(_))
    ));
}
