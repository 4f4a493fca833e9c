//! `GET /processes/{process}/feed.atom`: a process's public events as an Atom feed, for
//! anyone and any feed reader. (A plain route: it is XML, not a page.)

use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};

use super::public_process::{failed, public_context};
use app::state::AppState;

pub async fn atom(
    State(state): State<AppState>,
    Path(process): Path<String>,
    headers: HeaderMap,
) -> Response {
    let cx = match public_context(&state, &process).await {
        Ok(cx) => cx,
        Err(response) => return response,
    };
    match app::workflows::feed::atom_feed(&cx, &site(&state, &headers)).await {
        Ok(xml) => (
            [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
            xml,
        )
            .into_response(),
        Err(e) => failed(e),
    }
}

/// `PUBLIC_URL` when set (never the request's `Host` then), else the address asked for.
fn site(state: &AppState, headers: &HeaderMap) -> String {
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
