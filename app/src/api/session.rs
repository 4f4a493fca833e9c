//! Server functions for signing in and out.

use leptos::prelude::*;

use crate::domain::Viewer;
use crate::error::AppError;

/// `POST /api/session/viewer`: who is signed in, if anyone.
#[server(prefix = "/api", endpoint = "session/viewer")]
pub async fn who_am_i() -> Result<Option<Viewer>, AppError> {
    Ok(crate::api::boundary::anyone().await?.1)
}

/// `POST /api/session/redeem-link`: signs in with a one-time link's token, then goes home.
#[server(prefix = "/api", endpoint = "session/redeem-link")]
pub async fn redeem_sign_in_link(token: String) -> Result<(), AppError> {
    use crate::api::boundary::{app_state, client_address, redirect, start_session};
    let state = app_state()?;
    let person =
        crate::workflows::sessions::redeem_link(&state, &token, &client_address().await).await?;
    start_session(&state, person).await?;
    redirect(&crate::routes::home());
    Ok(())
}

/// `POST /api/session/sign-out`: ends this session and clears the cookie.
#[server(prefix = "/api", endpoint = "session/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::api::boundary::{app_state, clear_session_cookie, redirect, request_parts};
    let state = app_state()?;
    let token = crate::auth::cookie::session_token(&request_parts()?.headers);
    crate::workflows::sessions::end(&state, token).await?;
    clear_session_cookie(&state)?;
    redirect(&crate::routes::home());
    Ok(())
}

/// `POST /api/session/redeem-code`: a person types a sign-in code from a card. They get a new
/// account in the code's process and go to their profile to choose how they appear.
#[server(prefix = "/api", endpoint = "session/redeem-code")]
pub async fn redeem_sign_in_code(code: String) -> Result<(), AppError> {
    use crate::api::boundary::{app_state, client_address, redirect, start_session};
    use crate::domain::SignInCode;
    let state = app_state()?;
    let code =
        SignInCode::parse(&code).map_err(|e| crate::forms::refusal("code", e.to_string()))?;
    let address = client_address().await;
    let person = crate::workflows::sessions::redeem_code(&state, &code, &address).await?;
    start_session(&state, person).await?;
    redirect("/me?welcome=1");
    Ok(())
}

/// `POST /api/session/sign-out-everywhere`: ends every session of the signed-in person, on
/// every device (for a lost phone, or a shared computer left signed in).
#[server(prefix = "/api", endpoint = "session/sign-out-everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::api::boundary::{clear_session_cookie, redirect, signed_in};
    let (state, viewer) = signed_in().await?;
    crate::workflows::sessions::end_everywhere(&state, viewer).await?;
    clear_session_cookie(&state)?;
    redirect(&crate::routes::home());
    Ok(())
}
