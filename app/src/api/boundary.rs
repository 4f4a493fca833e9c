//! The edge between server functions and the rest (server only): reaching the app state and
//! the request, finding who asks and loading their context, cookies, the client's address,
//! and the site's address for links that leave it.

use http::HeaderValue;
use http::header::SET_COOKIE;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::auth::cookie::{session_cookie, session_token};
use crate::auth::viewer::{RequestViewer, current_viewer};
use crate::domain::{PersonId, ProcessId, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use crate::workflows::ProcessContext;
use crate::workflows::documents::DocumentContext;
use crate::workflows::unexpected;

pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState was not provided to this request");
        AppError::Unexpected
    })
}

pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| {
        tracing::error!("request parts were not provided to this request");
        AppError::Unexpected
    })
}

/// The signed-in person, if any (read once per request where the server provides a
/// [`RequestViewer`]).
pub async fn viewer(state: &AppState) -> Result<Option<Viewer>, AppError> {
    let parts = request_parts()?;
    let read = || current_viewer(&state.db, &parts.headers);
    match use_context::<RequestViewer>() {
        Some(once) => once.get_or_read(read).await,
        None => read().await,
    }
    .map_err(unexpected("reading the session"))
}

/// The app state and the signed-in person; "please sign in" for nobody.
pub async fn signed_in() -> Result<(AppState, Viewer), AppError> {
    let state = app_state()?;
    let viewer = viewer(&state).await?.ok_or(AppError::SignInRequired)?;
    Ok((state, viewer))
}

/// The app state and whoever asks (signed in or not).
pub async fn anyone() -> Result<(AppState, Option<Viewer>), AppError> {
    let state = app_state()?;
    let viewer = viewer(&state).await?;
    Ok((state, viewer))
}

/// Process `id` as seen by whoever asks.
pub async fn process_context(id: i64) -> Result<ProcessContext, AppError> {
    let (state, viewer) = anyone().await?;
    ProcessContext::load(&state, ProcessId::new(id), viewer).await
}

/// Document `kind` of process `id` as seen by whoever asks.
pub async fn document_context(id: i64, kind: &str) -> Result<DocumentContext, AppError> {
    let (state, viewer) = anyone().await?;
    DocumentContext::load(&state, viewer, ProcessId::new(id), kind).await
}

pub fn set_cookie(cookie: &str) -> Result<(), AppError> {
    let value = HeaderValue::from_str(cookie).map_err(|_| {
        tracing::error!("a cookie value was not a valid header");
        AppError::Unexpected
    })?;
    let response = use_context::<ResponseOptions>().ok_or_else(|| {
        tracing::error!("response options were not provided to this request");
        AppError::Unexpected
    })?;
    response.append_header(SET_COOKIE, value);
    Ok(())
}

/// Starts a fresh session for `person` (a new id every time: no session fixation), ending
/// any session the request carried, and sets its cookie.
pub async fn start_session(state: &AppState, person: PersonId) -> Result<(), AppError> {
    let old = session_token(&request_parts()?.headers);
    let session = crate::workflows::sessions::start(state, person, old).await?;
    set_cookie(&session_cookie(
        &session,
        state.config.session_lifetime_seconds,
        state.config.secure_cookies,
    ))
}

/// Clears the session cookie.
pub fn clear_session_cookie(state: &AppState) -> Result<(), AppError> {
    set_cookie(&crate::auth::cookie::clearing_cookie(
        state.config.secure_cookies,
    ))
}

/// The client's network address, for throttling. Behind a proxy this is the proxy's
/// address; the per-address limits are generous for that reason.
pub async fn client_address() -> String {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    match leptos_axum::extract::<ConnectInfo<SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => addr.ip().to_string(),
        Err(_) => "unknown".to_string(),
    }
}

/// The site's address for links people pass on (printed cards, QR codes, invitations):
/// `PUBLIC_URL` when it is set, never the request's `Host` then; otherwise the address the
/// person reached it at.
pub fn site_url(state: &AppState) -> Result<String, AppError> {
    if let Some(public) = &state.config.public_url {
        return Ok(public.trim_end_matches('/').to_string());
    }
    let host = request_parts()?
        .headers
        .get(http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost")
        .to_string();
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    Ok(format!("{scheme}://{host}"))
}

/// Sends a plain form post (no JavaScript) on to `path` once it has worked.
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}
