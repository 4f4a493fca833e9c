//! `GET /processes/{process}/feed.atom`: a process's public events as an Atom feed, for
//! anyone and any feed reader. (A plain route: it is XML, not a page.)

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::domain::ProcessId;
use app::state::AppState;
use app::workflows::ProcessContext;

pub async fn atom(
    State(state): State<AppState>,
    Path(process): Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let Some(process) = ProcessId::parse(&process) else {
        return not_found();
    };
    // Public content only: read as a member of the public would.
    let cx = match ProcessContext::load(&state, process, None).await {
        Ok(cx) => cx,
        Err(app::error::AppError::NotFound(_)) => return not_found(),
        Err(e) => return failed(e),
    };
    let site = site(&state, &headers);
    match app::workflows::feed::atom_feed(&cx, &site).await {
        Ok(xml) => (
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            xml,
        )
            .into_response(),
        Err(e) => failed(e),
    }
}

/// `PUBLIC_URL` when set (never the request's `Host` then), else the address asked for.
fn site(state: &AppState, headers: &axum::http::HeaderMap) -> String {
    if let Some(public) = &state.config.public_url {
        return public.trim_end_matches('/').to_string();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "There is no such process.",
    )
        .into_response()
}

fn failed(error: app::error::AppError) -> Response {
    tracing::error!(?error, "reading a feed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Something went wrong on our side. Please try again.",
    )
        .into_response()
}
