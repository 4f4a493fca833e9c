//! A reader's preferences that need no account: text size and contrast, kept in a cookie.

use leptos::prelude::*;

use crate::domain::comfort::Comfort;
use crate::error::AppError;

/// `POST /api/preferences/comfort`: keeps the reader's text size and contrast in a cookie,
/// then goes back to `back` (a page of this site).
#[server(prefix = "/api", endpoint = "preferences/comfort")]
pub async fn set_comfort(
    size: String,
    contrast: String,
    back: Option<String>,
) -> Result<Comfort, AppError> {
    use crate::api::boundary::{app_state, redirect, set_cookie};
    let comfort = crate::forms::preferences::comfort(&size, &contrast)?;
    let back = crate::forms::preferences::back(back.as_deref())?;
    let state = app_state()?;
    set_cookie(&crate::auth::cookie::comfort_cookie(
        comfort,
        state.config.secure_cookies,
    ))?;
    redirect(&back);
    Ok(comfort)
}

/// `POST /api/preferences/current`: the reader's text size and contrast, for the form.
#[server(prefix = "/api", endpoint = "preferences/current")]
pub async fn current_comfort() -> Result<Comfort, AppError> {
    let parts = crate::api::boundary::request_parts()?;
    Ok(crate::auth::cookie::comfort(&parts.headers))
}
