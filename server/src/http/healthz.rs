//! `GET /healthz`: 200 when the database answers and accepts a write, 503 when it does not.
//! A database that still reads but cannot write (a full disk, a connection stuck after a
//! failed write) is not healthy: people would be told their words were not saved.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;

use app::state::AppState;
use app::store::unix_now;

/// Below this much free space on the SQLite database's disk, writes are about to fail (a
/// small write can still fit in the write-ahead log while a ballot cannot), so the check fails
/// first and an operator hears before people do.
const LEAST_FREE_BYTES: u64 = 16 * 1024 * 1024;

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if let Some(file) = state.db.sqlite_file()
        && let Some(folder) = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .or(Some(std::path::Path::new(".")))
        && let Ok(free) = fs4::available_space(folder)
        && free < LEAST_FREE_BYTES
    {
        tracing::error!(free, "health check: the database's disk is nearly full");
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "database disk nearly full: writes failing",
        );
    }
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
