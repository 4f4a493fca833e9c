//! Server functions for signing in and out.

use leptos::prelude::*;

use super::AppError;
use crate::domain::Viewer;

/// `POST /api/session/viewer`: who is signed in, if anyone.
#[server(prefix = "/api", endpoint = "session/viewer")]
pub async fn who_am_i() -> Result<Option<Viewer>, AppError> {
    use super::boundary::{app_state, viewer};
    viewer(&app_state()?).await
}

/// `POST /api/session/redeem-link`: signs in with a one-time link's token, then goes home.
#[server(prefix = "/api", endpoint = "session/redeem-link")]
pub async fn redeem_sign_in_link(token: String) -> Result<(), AppError> {
    use super::boundary::{app_state, set_cookie, unexpected};
    use crate::auth::cookie::{session_cookie, session_token};
    use crate::auth::token::SecretToken;
    use crate::store::sign_in_links::{Redeem, redeem};
    use crate::store::{sessions, unix_now};

    let state = app_state()?;
    let unusable = || {
        AppError::Conflict(
            "This sign-in link cannot be used. It may have been used already or have expired. \
             Ask the person who runs this site for a new one."
                .into(),
        )
    };
    let Some(link) = SecretToken::from_presented(&token) else {
        tracing::warn!("sign-in with a malformed link token");
        return Err(unusable());
    };
    let now = unix_now();
    let person = match redeem(&state.db, &link.hash(), now)
        .await
        .map_err(unexpected("redeeming a sign-in link"))?
    {
        Redeem::SignedIn(person) => person,
        outcome => {
            tracing::warn!(?outcome, "sign-in with a link refused");
            return Err(unusable());
        }
    };

    // Always a brand-new session id at sign-in (no session fixation); end any old one.
    let parts = super::boundary::request_parts()?;
    if let Some(old) = session_token(&parts.headers) {
        sessions::delete(&state.db, &old.hash())
            .await
            .map_err(unexpected("ending a session"))?;
    }
    let session = SecretToken::generate();
    let lifetime = state.config.session_lifetime_seconds;
    sessions::insert(&state.db, &session.hash(), person, now, now + lifetime)
        .await
        .map_err(unexpected("starting a session"))?;
    set_cookie(&session_cookie(
        &session,
        lifetime,
        state.config.secure_cookies,
    ))?;
    tracing::info!(person = person.get(), "signed in with a one-time link");
    leptos_axum::redirect("/");
    Ok(())
}

/// `POST /api/session/sign-out`: ends this session and clears the cookie.
#[server(prefix = "/api", endpoint = "session/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use super::boundary::{app_state, request_parts, set_cookie, unexpected};
    use crate::auth::cookie::{clearing_cookie, session_token};
    use crate::store::sessions;

    let state = app_state()?;
    if let Some(token) = session_token(&request_parts()?.headers) {
        sessions::delete(&state.db, &token.hash())
            .await
            .map_err(unexpected("ending a session"))?;
    }
    set_cookie(&clearing_cookie(state.config.secure_cookies))?;
    leptos_axum::redirect("/");
    Ok(())
}
