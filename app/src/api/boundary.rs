//! Helpers at the edge between server functions and the rest (server only): reaching the app
//! state and the request, finding the viewer, and turning internal errors into `AppError`
//! after logging them with context.

use http::HeaderValue;
use http::header::SET_COOKIE;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::AppError;
use crate::auth::viewer::current_viewer;
use crate::domain::Viewer;
use crate::domain::permissions::Refusal;
use crate::state::AppState;
use crate::store::StoreError;

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

/// The signed-in person, if any.
pub async fn viewer(state: &AppState) -> Result<Option<Viewer>, AppError> {
    let parts = request_parts()?;
    current_viewer(&state.db, &parts.headers)
        .await
        .map_err(unexpected("reading the session"))
}

/// Logs a store error with what we were doing, and gives the person a message without
/// internals.
pub fn unexpected(doing: &'static str) -> impl Fn(StoreError) -> AppError {
    move |error| {
        tracing::error!(error = ?error, "failed while {doing}");
        AppError::Unexpected
    }
}

/// Turns a refusal from the permission rules into an error, logging it (who, by
/// pseudonymous id, and what; never names).
pub fn refused(action: &'static str, viewer: Option<&Viewer>, refusal: Refusal) -> AppError {
    tracing::warn!(
        action,
        person = viewer.map(|v| v.person.get()),
        ?refusal,
        "refused"
    );
    match refusal {
        Refusal::SignInRequired => AppError::SignInRequired,
        Refusal::Forbidden(why) => AppError::Forbidden(why.to_string()),
    }
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

/// The viewer's roles in a process (none when signed out or not a member).
pub async fn roles_in(
    state: &AppState,
    process: crate::domain::ProcessId,
    viewer: Option<&Viewer>,
) -> Result<Vec<crate::domain::ProcessRole>, AppError> {
    match viewer {
        None => Ok(Vec::new()),
        Some(v) => crate::store::memberships::roles_of(&state.db, process, v.person)
            .await
            .map_err(unexpected("reading roles")),
    }
}

/// Checks that the process exists and the viewer may act in it; returns the viewer.
pub async fn authorise_in_process(
    state: &AppState,
    process: crate::domain::ProcessId,
    action: crate::domain::permissions::ProcessAction,
    action_name: &'static str,
) -> Result<Viewer, AppError> {
    use crate::domain::permissions::may_in_process;
    let exists = crate::store::processes::find(&state.db, process)
        .await
        .map_err(unexpected("reading a process"))?
        .is_some();
    if !exists {
        return Err(AppError::NotFound("that process".into()));
    }
    let viewer = viewer(state).await?;
    let roles = roles_in(state, process, viewer.as_ref()).await?;
    may_in_process(viewer.as_ref(), &roles, action)
        .map_err(|r| refused(action_name, viewer.as_ref(), r))?;
    viewer.ok_or(AppError::SignInRequired)
}

/// Starts a fresh session for `person` (a new id every time: no session fixation), ending
/// any session the request carried.
pub async fn start_session(
    state: &AppState,
    person: crate::domain::PersonId,
) -> Result<(), AppError> {
    use crate::auth::cookie::{session_cookie, session_token};
    use crate::auth::token::SecretToken;
    use crate::store::{sessions, unix_now};
    let parts = request_parts()?;
    if let Some(old) = session_token(&parts.headers) {
        sessions::delete(&state.db, &old.hash())
            .await
            .map_err(unexpected("ending a session"))?;
    }
    let now = unix_now();
    let session = SecretToken::generate();
    let lifetime = state.config.session_lifetime_seconds;
    sessions::insert(&state.db, &session.hash(), person, now, now + lifetime)
        .await
        .map_err(unexpected("starting a session"))?;
    set_cookie(&session_cookie(
        &session,
        lifetime,
        state.config.secure_cookies,
    ))
}

/// The site's address as the person reached it (scheme and host), for links they will pass
/// on: printed cards, invitations.
pub fn site_url(state: &AppState) -> Result<String, AppError> {
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
