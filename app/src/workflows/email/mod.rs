//! Email for those who gave an address (server only): choosing what to hear about, stopping
//! it from a message's link without signing in, and (in `outbox`) deciding what is due and
//! sending it.

pub mod outbox;

use std::collections::BTreeSet;

use crate::auth::token::SecretToken;
use crate::domain::Viewer;
use crate::domain::email::{EmailChoice, Topic};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::email;
use crate::views::email::{EmailPage, TopicChoice};
use crate::workflows::unexpected;

/// `/me/email`: what `viewer` chose.
pub async fn page(state: &AppState, viewer: Viewer) -> Result<EmailPage, AppError> {
    let has_address = has_address(state, viewer).await?;
    let choice = email::choice(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading email choices"))?
        .unwrap_or_else(EmailChoice::none);
    Ok(EmailPage {
        has_address,
        sending: state.config.email_sending,
        topics: Topic::ALL
            .iter()
            .map(|t| TopicChoice {
                slug: t.slug().to_string(),
                label: t.label().to_string(),
                chosen: choice.wants(*t),
            })
            .collect(),
        frequency: choice.frequency.slug().to_string(),
    })
}

async fn has_address(state: &AppState, viewer: Viewer) -> Result<bool, AppError> {
    Ok(crate::store::people::email_of(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading the email address"))?
        .is_some())
}

/// Saves what `viewer` chose. What is already there for a topic they switch on now is not
/// news: it is written as sent, so the first message is about what happens next.
pub async fn choose(state: &AppState, viewer: Viewer, choice: EmailChoice) -> Result<(), AppError> {
    if !has_address(state, viewer).await? {
        return Err(crate::forms::refusal(
            "email",
            "Add an email address on your profile first. You never need one: without it, \
             \"What needs me\" shows the same things when you sign in.",
        ));
    }
    let now = crate::store::unix_now();
    let before = email::choice(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading email choices"))?
        .unwrap_or_else(EmailChoice::none);
    let switched_on: BTreeSet<Topic> = choice.topics.difference(&before.topics).copied().collect();
    let baseline: Vec<String> = if switched_on.is_empty() {
        Vec::new()
    } else {
        outbox::current_notices(&state.db, &viewer, now)
            .await?
            .iter()
            .filter(|(n, _)| n.is_history() && switched_on.contains(&n.topic()))
            .map(|(n, _)| n.key())
            .collect()
    };
    let token = SecretToken::generate();
    email::save_choice(
        &state.db,
        viewer.person,
        &choice,
        token.expose(),
        &baseline,
        now,
    )
    .await
    .map_err(unexpected("saving email choices"))
}

/// Stops all mail for whoever holds `raw` (the link in every message). Works signed out.
pub async fn unsubscribe(state: &AppState, raw: &str) -> Result<(), AppError> {
    let token = SecretToken::from_presented(raw).ok_or_else(|| {
        crate::forms::refusal(
            "token",
            "This link is not complete. Please open the whole link from the email.",
        )
    })?;
    let known = email::unsubscribe(&state.db, token.expose(), crate::store::unix_now())
        .await
        .map_err(unexpected("stopping email"))?;
    if known {
        Ok(())
    } else {
        Err(AppError::NotFound("this email link".to_string()))
    }
}
