//! Joining a workshop with its code, and commenting from a phone.

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::workshops::JoinForm;

/// `POST /api/workshops/join` ([`JoinForm`]): signed in, the code is all it takes; otherwise
/// with a sign-in card or as a guest. Goes to the workshop's phone page.
#[server(prefix = "/api", endpoint = "workshops/join")]
pub async fn join_workshop(#[server(flatten)] form: JoinForm) -> Result<i64, AppError> {
    use crate::api::boundary::{anyone, client_address, redirect, start_session};
    use crate::workflows::workshops::joining;
    let (state, viewer) = anyone().await?;
    let address = client_address().await;
    let workshop = joining::find_open(&state, &form.code()?, &address).await?;
    let joined = match viewer {
        Some(v) => joining::join_signed_in(&state, &workshop, v).await?,
        None => joining::join_newcomer(&state, &workshop, form.newcomer()?, &address).await?,
    };
    if let Some(person) = joined.new_session {
        start_session(&state, person).await?;
    }
    redirect(&crate::routes::phone(joined.workshop));
    Ok(joined.workshop)
}

/// `POST /api/workshops/comment`: a comment from a phone on the section of the current step.
#[server(prefix = "/api", endpoint = "workshops/comment")]
pub async fn comment_in_workshop(workshop_id: i64, body: String) -> Result<i64, AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::domain::deliberation::CommentBody;
    use crate::workflows::workshops::{in_context, joining};
    let (state, viewer) = anyone().await?;
    let (cx, workshop) = in_context(&state, viewer, workshop_id).await?;
    let body = CommentBody::parse(&body).map_err(|e| AppError::invalid("body", e))?;
    let id = joining::comment(&cx, &workshop, &body).await?;
    redirect(&format!(
        "{}?commented=1",
        crate::routes::phone(workshop_id)
    ));
    Ok(id)
}
