//! Email-and-password accounts: signing up, signing in (repeated failures for one account, or
//! from one network address, wait and are told how long), and adding an email and password to
//! an account made with a sign-in code.

use crate::auth::password;
use crate::domain::throttle::Attempt;
use crate::domain::{EmailAddress, PersonId, Viewer};
use crate::error::AppError;
use crate::forms::people::Credentials;
use crate::forms::refusal;
use crate::state::AppState;
use crate::store::{people, unix_now};
use crate::workflows::limits::attempt;
use crate::workflows::unexpected;

fn hashing_failed<E: std::fmt::Debug>(error: E) -> AppError {
    tracing::error!(?error, "hashing a password");
    AppError::Unexpected
}

/// A new account; returns the person, for a new session.
pub async fn sign_up(state: &AppState, credentials: Credentials) -> Result<PersonId, AppError> {
    let hash = password::hash(credentials.password.expose().to_string())
        .await
        .map_err(hashing_failed)?;
    let person = people::insert_with_email(&state.db, &credentials.email, &hash, unix_now())
        .await
        .map_err(unexpected("creating an account"))?
        .ok_or_else(|| {
            refusal(
                "email",
                "An account with this email address already exists. Try signing in instead.",
            )
        })?;
    tracing::info!(person = person.get(), "account created with email");
    Ok(person)
}

/// The person whose email and password these are; `address` is the network address the
/// attempt came from. Every attempt counts against the account and the address.
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: String,
    address: &str,
) -> Result<PersonId, AppError> {
    let email = EmailAddress::parse(email).map_err(|_| {
        refusal(
            "email",
            "Please fill in the email address you signed up with.",
        )
    })?;
    attempt(state, Attempt::PasswordForAccount, email.as_str())?;
    attempt(state, Attempt::PasswordFromAddress, address)?;
    let account = people::find_by_email(&state.db, &email)
        .await
        .map_err(unexpected("finding an account"))?;
    let (person, stored) = match account {
        Some(a) => (Some(a.person), a.password_hash),
        None => (None, None),
    };
    let matches = password::verify(password, stored)
        .await
        .map_err(hashing_failed)?;
    let Some(person) = person.filter(|_| matches) else {
        tracing::warn!("sign-in with email refused: no match");
        return Err(AppError::Conflict(
            "That email address and password do not match an account. Please check them and try again.".into(),
        ));
    };
    tracing::info!(person = person.get(), "signed in with email");
    Ok(person)
}

/// Adds or changes the email and password of the signed-in person. Changing an existing
/// password needs the current one.
pub async fn set_credentials(
    state: &AppState,
    viewer: Viewer,
    credentials: Credentials,
) -> Result<(), AppError> {
    if let Some(current_email) = people::email_of(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading an email"))?
    {
        let current_email =
            EmailAddress::parse(&current_email).map_err(|_| AppError::Unexpected)?;
        let stored = people::find_by_email(&state.db, &current_email)
            .await
            .map_err(unexpected("reading an account"))?
            .and_then(|a| a.password_hash);
        if stored.is_some() {
            let ok = password::verify(
                credentials.current_password.clone().unwrap_or_default(),
                stored,
            )
            .await
            .map_err(hashing_failed)?;
            if !ok {
                return Err(refusal(
                    "current_password",
                    "That is not your current password.",
                ));
            }
        }
    }
    let hash = password::hash(credentials.password.expose().to_string())
        .await
        .map_err(hashing_failed)?;
    if !people::set_email_and_password(&state.db, viewer.person, &credentials.email, &hash)
        .await
        .map_err(unexpected("saving an email and password"))?
    {
        return Err(refusal(
            "email",
            "Another account already uses this email address.",
        ));
    }
    tracing::info!(person = viewer.person.get(), "email and password set");
    Ok(())
}
