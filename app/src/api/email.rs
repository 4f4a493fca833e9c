//! Server functions for email: what the signed-in person chose to hear about. (Stopping all
//! email from a message's link is a plain POST, `/unsubscribe/{token}`, because mail
//! programs post there themselves; see the server's `http::unsubscribe`.)

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::email::EmailChoiceForm;
use crate::views::email::EmailPage;

/// `POST /api/email/page`: what the signed-in person chose.
#[server(prefix = "/api", endpoint = "email/page")]
pub async fn email_choices() -> Result<EmailPage, AppError> {
    let (state, viewer) = crate::api::boundary::signed_in().await?;
    crate::workflows::email::page(&state, viewer).await
}

/// `POST /api/email/choose`: saves what they want to hear about and how often
/// ([`EmailChoiceForm`]).
#[server(prefix = "/api", endpoint = "email/choose")]
pub async fn choose_email(#[server(flatten)] form: EmailChoiceForm) -> Result<(), AppError> {
    use crate::api::boundary::{redirect, signed_in};
    let (state, viewer) = signed_in().await?;
    crate::workflows::email::choose(&state, viewer, form.try_into()?).await?;
    redirect(&format!("{}?saved=1", crate::routes::email()));
    Ok(())
}
