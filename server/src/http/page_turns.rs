//! Pages take turns to render. A room of 300 phones scanning the QR code at once asks for
//! 300 pages in the same instant; rendered all together, they fill the runtime's queue, and
//! `/healthz`, ballots and the facilitator's moves wait behind every one of them (p99 266 ms).
//! Here a page waits for one of a few turns before it renders, parked without using the CPU,
//! so the queue never holds more than those few and everything else is answered at once.
//!
//! Only reading a page (GET) waits: posts (ballots, moves, comments), the health check and
//! the built files never do, and live streams are routed outside this layer. Written here
//! rather than with tower's `GlobalConcurrencyLimitLayer` because the limit must apply to
//! some requests of a route and not others.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use tokio::sync::Semaphore;

/// The turns shared by every page of one server.
#[derive(Clone, Debug)]
pub struct PageTurns(Arc<Semaphore>);

impl PageTurns {
    /// Eight turns per core: enough to keep every core busy while pages wait for the
    /// database (or for SQLite's write lock), few enough that a health check waits for a
    /// handful of renders, not for a roomful.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self::new(8 * cores)
    }

    pub fn new(turns: usize) -> Self {
        Self(Arc::new(Semaphore::new(turns.max(1))))
    }
}

pub async fn take_turns(State(turns): State<PageTurns>, request: Request, next: Next) -> Response {
    if !waits_its_turn(request.method(), request.uri().path()) {
        return next.run(request).await;
    }
    // The semaphore is never closed, so acquiring only fails if it were; then no turn is kept.
    let _turn = turns.0.acquire().await.ok();
    next.run(request).await
}

/// Whether a request renders a page (and so waits its turn).
fn waits_its_turn(method: &Method, path: &str) -> bool {
    *method == Method::GET && path != "/healthz" && !path.starts_with("/pkg/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_page_reads_wait() {
        assert!(waits_its_turn(&Method::GET, "/"));
        assert!(waits_its_turn(&Method::GET, "/workshops/3"));
        assert!(waits_its_turn(&Method::GET, "/read/1/definition"));
        assert!(!waits_its_turn(&Method::GET, "/healthz"));
        assert!(!waits_its_turn(
            &Method::GET,
            "/pkg/recovery-commons.abc.wasm"
        ));
        assert!(!waits_its_turn(&Method::POST, "/api/decisions/vote"));
        assert!(!waits_its_turn(&Method::POST, "/workshops/3"));
    }

    /// While every turn is taken, a health check is answered and a page waits; the page is
    /// rendered as soon as a turn is free.
    #[tokio::test]
    async fn a_health_check_never_waits_for_pages() {
        use axum::Router;
        use axum::routing::get;
        use tower::ServiceExt;

        let turns = PageTurns::new(1);
        let app = Router::new()
            .route("/healthz", get(|| async { "ok" }))
            .route("/", get(|| async { "page" }))
            .layer(axum::middleware::from_fn_with_state(
                turns.clone(),
                take_turns,
            ));
        let held = turns.0.clone().acquire_owned().await.unwrap();
        let get = |path: &str| {
            Request::builder()
                .uri(path)
                .body(axum::body::Body::empty())
                .unwrap()
        };
        let health = tokio::time::timeout(
            std::time::Duration::from_secs(1),
            app.clone().oneshot(get("/healthz")),
        )
        .await;
        assert!(
            health.is_ok(),
            "the health check was answered while pages wait"
        );
        let mut page = tokio::spawn(app.clone().oneshot(get("/")));
        let waited = tokio::time::timeout(std::time::Duration::from_millis(100), &mut page).await;
        assert!(waited.is_err(), "the page waited for its turn");
        drop(held);
        let page = tokio::time::timeout(std::time::Duration::from_secs(1), page).await;
        assert!(page.is_ok(), "the page was rendered once a turn was free");
    }
}
