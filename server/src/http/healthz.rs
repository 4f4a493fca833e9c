//! `GET /healthz`: 200 when the database answers and accepts a write, 503 when it does not.
//! A database that still reads but cannot write (a full disk, a connection stuck after a
//! failed write) is not healthy: people would be told their words were not saved.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;

use app::state::AppState;
use app::store::unix_now;

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let check = async {
        state.db.ping().await.map_err(|e| ("read", e))?;
        state
            .db
            .probe_write(unix_now())
            .await
            .map_err(|e| ("write", e))
    };
    match tokio::time::timeout(Duration::from_secs(5), check).await {
        Ok(Ok(())) => (StatusCode::OK, "ok"),
        Ok(Err(("read", error))) => {
            tracing::error!(?error, "health check: the database did not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Ok(Err((_, error))) => {
            tracing::error!(?error, "health check: the database did not accept a write");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "database not accepting writes",
            )
        }
        Err(_) => {
            tracing::error!("health check: the database timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
