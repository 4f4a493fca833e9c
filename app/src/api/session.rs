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
    use super::boundary::{app_state, unexpected};
    use crate::auth::token::SecretToken;
    use crate::store::sign_in_links::{Redeem, redeem};
    use crate::store::unix_now;

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

    super::boundary::start_session(&state, person).await?;
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

/// `POST /api/session/redeem-code`: a person types a sign-in code from a card. They get a new
/// account in the code's process, shown only by constituency until they choose otherwise, and
/// go to their profile to choose how they appear.
#[server(prefix = "/api", endpoint = "session/redeem-code")]
pub async fn redeem_sign_in_code(code: String) -> Result<(), AppError> {
    use super::boundary::{app_state, start_session, unexpected};
    use crate::domain::SignInCode;
    use crate::store::sign_in_codes::{RedeemCode, redeem};
    use crate::store::unix_now;

    let state = app_state()?;
    let code = SignInCode::parse(&code)
        .map_err(|e| AppError::invalid_fields(vec![("code", e.to_string())]))?;
    let outcome = redeem(&state.db, &code, unix_now())
        .await
        .map_err(unexpected("redeeming a sign-in code"))?;
    let message = match outcome {
        RedeemCode::Joined { person, process } => {
            start_session(&state, person).await?;
            tracing::info!(
                person = person.get(),
                process = process.get(),
                "joined with a sign-in code"
            );
            leptos_axum::redirect("/me?welcome=1");
            return Ok(());
        }
        RedeemCode::Unknown => {
            "We do not recognise that code. Please check each letter and number."
        }
        RedeemCode::AlreadyUsed => {
            "That code has already been used. Each code works once: please ask the facilitator for a new one."
        }
        RedeemCode::Expired => "That code has expired. Please ask the facilitator for a new one.",
        RedeemCode::Revoked => {
            "That code has been cancelled. Please ask the facilitator for a new one."
        }
    };
    tracing::warn!(?outcome, "sign-in code refused");
    Err(AppError::invalid_fields(vec![(
        "code",
        message.to_string(),
    )]))
}

/// `POST /api/session/sign-out-everywhere`: ends every session of the signed-in person, on
/// every device (for a lost phone, or a shared computer left signed in).
#[server(prefix = "/api", endpoint = "session/sign-out-everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use super::boundary::{app_state, set_cookie, unexpected, viewer};
    use crate::auth::cookie::clearing_cookie;
    use crate::store::sessions;

    let state = app_state()?;
    let viewer = viewer(&state).await?.ok_or(AppError::SignInRequired)?;
    let ended = sessions::delete_all_for(&state.db, viewer.person)
        .await
        .map_err(unexpected("ending sessions"))?;
    set_cookie(&clearing_cookie(state.config.secure_cookies))?;
    tracing::info!(person = viewer.person.get(), ended, "signed out everywhere");
    leptos_axum::redirect("/");
    Ok(())
}
