//! Server functions for invitation links.

use leptos::prelude::*;

use crate::error::AppError;

/// `POST /api/invitations/create`: a process administrator makes a one-time link that brings
/// someone into the process with a role. The people page shows it once (it is sent back in
/// the redirect, so this works without JavaScript); only its hash is stored.
#[server(prefix = "/api", endpoint = "invitations/create")]
pub async fn create_invitation(process_id: i64, role: String) -> Result<String, AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    let role = crate::forms::people::role(&role)?;
    let token = crate::workflows::people::invitations::create(&cx, role).await?;
    redirect(&format!(
        "{}?invited={}",
        crate::routes::people(cx.id()),
        token.expose()
    ));
    Ok(format!(
        "{}?token={}",
        crate::routes::invite(),
        token.expose()
    ))
}

/// `POST /api/invitations/accept`: joins the invitation's process with its role, as the
/// signed-in person, or as a new person who then chooses how they appear.
#[server(prefix = "/api", endpoint = "invitations/accept")]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, client_address, redirect, start_session};
    let (state, viewer) = anyone().await?;
    let address = client_address().await;
    let person =
        crate::workflows::people::invitations::accept(&state, viewer, &token, &address).await?;
    if viewer.is_none() {
        start_session(&state, person).await?;
    }
    redirect("/me?welcome=1");
    Ok(())
}
