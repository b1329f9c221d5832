//! Dateline's HTTP API and web UI (`dateline serve`): read-only over a store and its search index, safe to
//! run while an ingest writes. JSON endpoints under `/api/`, their OpenAPI 3 document at `/openapi.json`,
//! the web UI (embedded in the binary, no CDN) at `/`. Errors are `application/problem+json`. Bound to
//! anything but loopback, every request must carry the access token (`Authorization: Bearer …`).

mod api;
mod ui;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use dateline_search::SearchIndex;
use dateline_store::Store;

/// Reads run at once per core: two, so that a core has the next read ready while one hands over its
/// answer (on the 1M-article store, 2 cores: one per core gave 1,090 searches/s, p99 32 ms; two 1,330/s,
/// p99 27 ms; three 1,430/s, p99 29 ms; unbounded 1,480/s, p99 50 ms).
const READS_PER_CORE: usize = 2;

/// How many reads run at once, and so how many store connections the server holds.
fn reads_at_once() -> usize {
    READS_PER_CORE * std::thread::available_parallelism().map_or(2, |n| n.get())
}
/// How often the server looks for what an ingest committed to the index meanwhile.
const RELOAD_EVERY: Duration = Duration::from_secs(2);

/// Server errors before it serves.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] dateline_store::Error),
    /// The index could not be opened.
    #[error(transparent)]
    Search(#[from] dateline_search::Error),
    /// Binding or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Bound beyond loopback without a token.
    #[error("{0} is reachable from other machines: give an access token (--token or DATELINE_TOKEN)")]
    TokenNeeded(SocketAddr),
}

/// What every request reads.
pub(crate) struct Shared {
    stores: Vec<Mutex<Store>>,
    next: AtomicUsize,
    /// A few reads at once per core ([`READS_PER_CORE`]): more would only take turns on the cores, each
    /// switch costing time and the slowest answers most; the others wait their turn without a thread.
    running: tokio::sync::Semaphore,
    pub(crate) index: SearchIndex,
    token: Option<String>,
}

impl Shared {
    /// The next of the store connections, in turn.
    pub(crate) fn next_store(&self) -> &Mutex<Store> {
        let at = self.next.fetch_add(1, Ordering::Relaxed) % self.stores.len();
        &self.stores[at]
    }

    /// Runs `read` on one of the store connections, off the async threads.
    pub(crate) async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        read: impl FnOnce(&Store, &SearchIndex) -> Result<T, api::Problem> + Send + 'static,
    ) -> Result<T, api::Problem> {
        let _turn = self
            .running
            .acquire()
            .await
            .map_err(|e| api::Problem::internal(&e.to_string()))?;
        let shared = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = shared
                .next_store()
                .lock()
                .map_err(|_| api::Problem::internal("a store connection was lost to an earlier error"))?;
            read(&store, &shared.index)
        })
        .await
        .map_err(|e| api::Problem::internal(&e.to_string()))?
    }
}

/// The application over one store: the API, the OpenAPI document and the UI.
pub fn app(db: &Path, token: Option<String>) -> Result<Router, Error> {
    let reads = reads_at_once();
    let stores = (0..reads)
        .map(|_| Store::open(db).map(Mutex::new))
        .collect::<Result<Vec<_>, _>>()?;
    let index = SearchIndex::open(db)?;
    if let Some(store) = stores.first().and_then(|s| s.lock().ok()) {
        // An ingest that stopped before indexing: catch up (another process indexing is left to it).
        index.catch_up(&store)?;
    }
    let shared = Arc::new(Shared {
        stores,
        next: AtomicUsize::new(0),
        running: tokio::sync::Semaphore::new(reads),
        index,
        token: token.filter(|t| !t.is_empty()),
    });
    let reloader = Arc::downgrade(&shared);
    if tokio::runtime::Handle::try_current().is_ok() {
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(RELOAD_EVERY).await;
                let Some(s) = reloader.upgrade() else { break };
                if let Err(e) = s.index.reload() {
                    tracing::warn!("search index reload: {e}");
                }
            }
        });
    }
    Ok(api::routes()
        .merge(ui::routes())
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&shared), guard))
        .with_state(shared))
}

/// Equal strings, compared in time that does not depend on where they differ.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Checks the access token (when one is set) and adds the headers every response carries.
async fn guard(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    if let Some(token) = &shared.token {
        let given = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .or_else(|| {
                // The UI's page load carries it in the query (`/?token=…`); its script then sends the header.
                request
                    .uri()
                    .query()
                    .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("token=")))
            });
        if !given.is_some_and(|g| same_secret(g.as_bytes(), token.as_bytes())) {
            let mut r = api::Problem::new(StatusCode::UNAUTHORIZED, "access token missing or wrong").into_response();
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return r;
        }
    }
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    response
}

/// Serves the store in `db` on `bind` until interrupted. Anything but a loopback address needs a token.
pub async fn serve(db: PathBuf, bind: SocketAddr, token: Option<String>) -> Result<(), Error> {
    let token = token.filter(|t| !t.is_empty());
    if !bind.ip().is_loopback() && token.is_none() {
        return Err(Error::TokenNeeded(bind));
    }
    let app = app(&db, token)?;
    let listener = tokio::net::TcpListener::bind(bind).await?;
    eprintln!(
        "dateline: serving {} on http://{}",
        db.display(),
        listener.local_addr()?
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests;
