//! Sessions: starting one after a sign-in (always a fresh id, so a session cannot be fixed in
//! advance), signing in with a one-time link or a code from a card, and signing out here or
//! everywhere. The cookie itself is set by the endpoint.

use crate::auth::token::SecretToken;
use crate::domain::throttle::Attempt;
use crate::domain::{PersonId, SignInCode, Viewer};
use crate::error::AppError;
use crate::forms::refusal;
use crate::state::AppState;
use crate::store::sign_in_codes::RedeemCode;
use crate::store::sign_in_links::Redeem;
use crate::store::{sessions, unix_now};
use crate::workflows::limits::attempt;
use crate::workflows::unexpected;

/// Starts a fresh session for `person`, ending `old` (the session the request carried);
/// returns the new session's secret for the cookie.
pub async fn start(
    state: &AppState,
    person: PersonId,
    old: Option<SecretToken>,
) -> Result<SecretToken, AppError> {
    if let Some(old) = old {
        sessions::delete(&state.db, &old.hash())
            .await
            .map_err(unexpected("ending a session"))?;
    }
    let now = unix_now();
    let session = SecretToken::generate();
    sessions::insert(
        &state.db,
        &session.hash(),
        person,
        now,
        now + state.config.session_lifetime_seconds,
    )
    .await
    .map_err(unexpected("starting a session"))?;
    Ok(session)
}

/// The person a one-time sign-in link belongs to, using it up. Attempts count against the
/// network `address` and the token.
pub async fn redeem_link(
    state: &AppState,
    token: &str,
    address: &str,
) -> Result<PersonId, AppError> {
    attempt(state, Attempt::LinkFromAddress, address)?;
    let unusable = || {
        AppError::Conflict(
            "This sign-in link cannot be used. It may have been used already or have expired. \
             Ask the person who runs this site for a new one."
                .into(),
        )
    };
    let Some(link) = SecretToken::from_presented(token) else {
        tracing::warn!("sign-in with a malformed link token");
        return Err(unusable());
    };
    attempt(state, Attempt::SameLink, &link.hash())?;
    match crate::store::sign_in_links::redeem(&state.db, &link.hash(), unix_now())
        .await
        .map_err(unexpected("redeeming a sign-in link"))?
    {
        Redeem::SignedIn(person) => {
            tracing::info!(person = person.get(), "signed in with a one-time link");
            Ok(person)
        }
        outcome => {
            tracing::warn!(?outcome, "sign-in with a link refused");
            Err(unusable())
        }
    }
}

/// The new person a code from a card makes, in the code's process, shown only by
/// constituency until they choose otherwise. Attempts count against the network `address`
/// and the code.
pub async fn redeem_code(
    state: &AppState,
    code: &SignInCode,
    address: &str,
) -> Result<PersonId, AppError> {
    attempt_code(state, code, address)?;
    let outcome = crate::store::sign_in_codes::redeem(&state.db, code, unix_now())
        .await
        .map_err(unexpected("redeeming a sign-in code"))?;
    let message = match outcome {
        RedeemCode::Joined { person, process } => {
            tracing::info!(
                person = person.get(),
                process = process.get(),
                "joined with a sign-in code"
            );
            return Ok(person);
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
    Err(refusal("code", message))
}

/// Counts an attempt at a sign-in code, from `address`.
pub fn attempt_code(state: &AppState, code: &SignInCode, address: &str) -> Result<(), AppError> {
    attempt(state, Attempt::CodeFromAddress, address)?;
    attempt(state, Attempt::SameCode, code.as_str())
}

/// Ends the session the request carried, if any.
pub async fn end(state: &AppState, token: Option<SecretToken>) -> Result<(), AppError> {
    if let Some(token) = token {
        sessions::delete(&state.db, &token.hash())
            .await
            .map_err(unexpected("ending a session"))?;
        // Its live streams end.
        state.live.people_changed().await;
    }
    Ok(())
}

/// Ends every session of the person, on every device (a lost phone, a shared computer).
pub async fn end_everywhere(state: &AppState, viewer: Viewer) -> Result<(), AppError> {
    let ended = sessions::delete_all_for(&state.db, viewer.person)
        .await
        .map_err(unexpected("ending sessions"))?;
    tracing::info!(person = viewer.person.get(), ended, "signed out everywhere");
    state.live.people_changed().await;
    Ok(())
}
