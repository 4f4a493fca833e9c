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
