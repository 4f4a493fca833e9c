//! What the plain public downloads of a process share (its feed, its commitments as CSV):
//! the process read as a member of the public would read it, and the answers when it cannot be.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::domain::ProcessId;
use app::state::AppState;
use app::workflows::ProcessContext;

/// Process `raw` (a path segment) as the public sees it, or the response to send instead.
pub async fn public_context(state: &AppState, raw: &str) -> Result<ProcessContext, Response> {
    let process = ProcessId::parse(raw).ok_or_else(not_found)?;
    ProcessContext::load(state, process, None)
        .await
        .map_err(|e| match e {
            app::error::AppError::NotFound(_) => not_found(),
            e => failed(e),
        })
}

pub fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "There is no such process.",
    )
        .into_response()
}

/// 500 with plain words; what went wrong goes to the log, not to the reader.
pub fn failed(error: app::error::AppError) -> Response {
    tracing::error!(?error, "reading a public download");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Something went wrong on our side. Please try again.",
    )
        .into_response()
}
