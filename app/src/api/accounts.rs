//! Server functions for email-and-password accounts: sign up, sign in, and adding an email
//! and password to an account made with a sign-in code.

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::people::CredentialsForm;

/// `POST /api/accounts/sign-up`: a new account with an email and password.
#[server(prefix = "/api", endpoint = "accounts/sign-up")]
pub async fn sign_up(
    email: String,
    password: String,
    password_again: String,
) -> Result<(), AppError> {
    use crate::api::boundary::{app_state, redirect, start_session};
    let state = app_state()?;
    let credentials = CredentialsForm {
        email,
        current_password: None,
        password,
        password_again,
    }
    .try_into()?;
    let person = crate::workflows::accounts::sign_up(&state, credentials).await?;
    start_session(&state, person).await?;
    redirect("/me?welcome=1");
    Ok(())
}

/// `POST /api/accounts/sign-in`: signs in with email and password. Repeated failures for one
/// account, or from one address, have to wait, and are told for how long.
#[server(prefix = "/api", endpoint = "accounts/sign-in")]
pub async fn sign_in(email: String, password: String) -> Result<(), AppError> {
    use crate::api::boundary::{app_state, client_address, redirect, start_session};
    let state = app_state()?;
    let person =
        crate::workflows::accounts::sign_in(&state, &email, password, &client_address().await)
            .await?;
    start_session(&state, person).await?;
    redirect(&crate::routes::home());
    Ok(())
}

/// `POST /api/accounts/credentials`: adds or changes the email and password of the signed-in
/// person ([`CredentialsForm`]). Changing an existing password needs the current one.
#[server(prefix = "/api", endpoint = "accounts/credentials")]
pub async fn set_credentials(#[server(flatten)] form: CredentialsForm) -> Result<(), AppError> {
    use crate::api::boundary::{redirect, signed_in};
    let (state, viewer) = signed_in().await?;
    crate::workflows::accounts::set_credentials(&state, viewer, form.try_into()?).await?;
    redirect("/me?saved=sign-in");
    Ok(())
}
