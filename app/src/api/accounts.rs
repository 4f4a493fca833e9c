//! Server functions for email-and-password accounts: sign up, sign in, and adding an email
//! and password to an account made with a sign-in code.

use leptos::prelude::*;

use super::AppError;

/// The client's network address, for throttling. Behind a proxy this is the proxy's
/// address; the per-address limit is generous for that reason.
#[cfg(feature = "ssr")]
pub(crate) async fn client_address() -> String {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    match leptos_axum::extract::<ConnectInfo<SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => addr.ip().to_string(),
        Err(_) => "unknown".to_string(),
    }
}

/// `POST /api/accounts/sign-up`: a new account with an email and password.
#[server(prefix = "/api", endpoint = "accounts/sign-up")]
pub async fn sign_up(
    email: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use super::boundary::{app_state, start_session, unexpected};
    use crate::auth::password;
    use crate::domain::{EmailAddress, NewPassword};
    use crate::store::{people, unix_now};

    let state = app_state()?;
    let email = EmailAddress::parse(&email);
    let password = NewPassword::parse(&password, &password_again);
    let mut errors: Vec<(&str, String)> = Vec::new();
    if let Err(e) = &email {
        errors.push(("email", e.to_string()));
    }
    if let Err((field, message)) = &password {
        errors.push((field, message.clone()));
    }
    let (Ok(email), Ok(password)) = (email, password) else {
        return Err(AppError::invalid_fields(errors));
    };
    let hash = password::hash(password.expose().to_string())
        .await
        .map_err(|e| {
            tracing::error!(error = ?e, "hashing a password");
            AppError::Unexpected
        })?;
    let Some(person) = people::insert_with_email(&state.db, &email, &hash, unix_now())
        .await
        .map_err(unexpected("creating an account"))?
    else {
        return Err(AppError::invalid_fields(vec![(
            "email",
            "An account with this email address already exists. Try signing in instead.".into(),
        )]));
    };
    start_session(&state, person).await?;
    tracing::info!(person = person.get(), "account created with email");
    leptos_axum::redirect("/me?welcome=1");
    Ok(())
}

/// `POST /api/accounts/sign-in`: signs in with email and password. Repeated failures for one
/// account, or from one address, have to wait, and are told for how long.
#[server(prefix = "/api", endpoint = "accounts/sign-in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use super::boundary::{app_state, start_session, unexpected};
    use crate::auth::password;
    use crate::domain::EmailAddress;
    use crate::domain::throttle::{Limit, minutes};
    use crate::store::{people, unix_now};

    let state = app_state()?;
    let no_match = || {
        AppError::Conflict("That email address and password do not match an account. Please check them and try again.".into())
    };
    let Ok(email) = EmailAddress::parse(&email) else {
        return Err(AppError::invalid_fields(vec![(
            "email",
            "Please fill in the email address you signed up with.".into(),
        )]));
    };
    let now = unix_now();
    let account_key = format!("account:{}", email.as_str());
    let address_key = format!("address:{}", client_address().await);
    if let Err(wait) = state.throttle.check(&account_key, Limit::ACCOUNT, now) {
        tracing::warn!("sign-in refused: too many failures for one account");
        return Err(AppError::TooManyAttempts(format!(
            "There have been too many wrong passwords for this account, so signing in is paused to keep it safe. Please wait {} and try again.",
            minutes(wait)
        )));
    }
    if let Err(wait) = state.throttle.check(&address_key, Limit::ADDRESS, now) {
        tracing::warn!("sign-in refused: too many failures from one address");
        return Err(AppError::TooManyAttempts(format!(
            "There have been too many failed sign-ins from this network. Please wait {} and try again.",
            minutes(wait)
        )));
    }
    let account = people::find_by_email(&state.db, &email)
        .await
        .map_err(unexpected("finding an account"))?;
    let (person, stored) = match account {
        Some(a) => (Some(a.person), a.password_hash),
        None => (None, None),
    };
    let matches = password::verify(password, stored).await.map_err(|e| {
        tracing::error!(error = ?e, "verifying a password");
        AppError::Unexpected
    })?;
    let Some(person) = person.filter(|_| matches) else {
        state
            .throttle
            .record_failure(&account_key, Limit::ACCOUNT, now);
        state
            .throttle
            .record_failure(&address_key, Limit::ADDRESS, now);
        tracing::warn!("sign-in with email refused: no match");
        return Err(no_match());
    };
    state.throttle.clear(&account_key);
    start_session(&state, person).await?;
    tracing::info!(person = person.get(), "signed in with email");
    leptos_axum::redirect("/");
    Ok(())
}

/// `POST /api/accounts/credentials`: adds or changes the email and password of the signed-in
/// person. Changing an existing password needs the current one.
#[server(prefix = "/api", endpoint = "accounts/credentials")]
pub async fn set_credentials(
    email: String,
    current_password: Option<String>,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use super::boundary::{app_state, unexpected, viewer};
    use crate::auth::password;
    use crate::domain::{EmailAddress, NewPassword};
    use crate::store::people;

    let state = app_state()?;
    let viewer = viewer(&state).await?.ok_or(AppError::SignInRequired)?;
    let email = EmailAddress::parse(&email);
    let new_password = NewPassword::parse(&password, &password_again);
    let mut errors: Vec<(&str, String)> = Vec::new();
    if let Err(e) = &email {
        errors.push(("email", e.to_string()));
    }
    if let Err((field, message)) = &new_password {
        errors.push((field, message.clone()));
    }
    let (Ok(email), Ok(new_password)) = (email, new_password) else {
        return Err(AppError::invalid_fields(errors));
    };
    // Someone who already has a password must prove they know it.
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
            let ok = password::verify(current_password.unwrap_or_default(), stored)
                .await
                .map_err(|_| AppError::Unexpected)?;
            if !ok {
                return Err(AppError::invalid_fields(vec![(
                    "current_password",
                    "That is not your current password.".into(),
                )]));
            }
        }
    }
    let hash = password::hash(new_password.expose().to_string())
        .await
        .map_err(|_| AppError::Unexpected)?;
    if !people::set_email_and_password(&state.db, viewer.person, &email, &hash)
        .await
        .map_err(unexpected("saving an email and password"))?
    {
        return Err(AppError::invalid_fields(vec![(
            "email",
            "Another account already uses this email address.".into(),
        )]));
    }
    tracing::info!(person = viewer.person.get(), "email and password set");
    leptos_axum::redirect("/me?saved=sign-in");
    Ok(())
}
