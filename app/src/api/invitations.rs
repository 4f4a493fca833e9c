//! Server functions for invitation links.

use leptos::prelude::*;

use super::AppError;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 14;

/// `POST /api/invitations/create`: a process administrator makes a one-time link that brings
/// someone into the process with a role. The link is shown once, on the people page, for the
/// administrator to send; only its hash is stored.
#[server(prefix = "/api", endpoint = "invitations/create")]
pub async fn create_invitation(process_id: i64, role: String) -> Result<String, AppError> {
    use super::boundary::{app_state, authorise_in_process, unexpected};
    use crate::auth::token::SecretToken;
    use crate::domain::permissions::ProcessAction;
    use crate::domain::{ProcessId, ProcessRole};
    use crate::store::{invitations, unix_now};

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    let viewer = authorise_in_process(
        &state,
        process,
        ProcessAction::AssignRoles,
        "invite someone",
    )
    .await?;
    let role = ProcessRole::from_slug(&role)
        .ok_or_else(|| AppError::invalid_fields(vec![("role", "Please choose a role.".into())]))?;
    let token = SecretToken::generate();
    let now = unix_now();
    invitations::insert(
        &state.db,
        &token.hash(),
        process,
        role,
        viewer.person,
        now,
        now + INVITATION_DAYS * 86_400,
    )
    .await
    .map_err(unexpected("creating an invitation"))?;
    tracing::info!(
        process = process_id,
        by = viewer.person.get(),
        role = role.slug(),
        "invitation created"
    );
    let path = format!("/invite?token={}", token.expose());
    // The people page shows the link it was sent back with (so this works without JavaScript).
    leptos_axum::redirect(&format!(
        "/processes/{process_id}/people?invited={}",
        token.expose()
    ));
    Ok(path)
}

/// `POST /api/invitations/accept`: joins the invitation's process with its role, as the
/// signed-in person, or as a new person who then chooses how they appear.
#[server(prefix = "/api", endpoint = "invitations/accept")]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    use super::boundary::{app_state, start_session, unexpected, viewer};
    use crate::auth::token::SecretToken;
    use crate::store::invitations::{AcceptInvitation, accept};
    use crate::store::unix_now;

    let state = app_state()?;
    let refused = |why: &str| {
        AppError::Conflict(format!(
            "{why} Please ask the person who invited you for a new link."
        ))
    };
    let Some(token) = SecretToken::from_presented(&token) else {
        return Err(refused(
            "This invitation link is not complete: part of it may be missing.",
        ));
    };
    let viewer = viewer(&state).await?;
    match accept(
        &state.db,
        &token.hash(),
        viewer.map(|v| v.person),
        unix_now(),
    )
    .await
    .map_err(unexpected("accepting an invitation"))?
    {
        AcceptInvitation::Joined {
            person,
            process,
            role,
        } => {
            if viewer.is_none() {
                start_session(&state, person).await?;
            }
            tracing::info!(
                person = person.get(),
                process = process.get(),
                role = role.slug(),
                "invitation accepted"
            );
            leptos_axum::redirect("/me?welcome=1");
            Ok(())
        }
        AcceptInvitation::Unknown => Err(refused("We do not recognise this invitation link.")),
        AcceptInvitation::AlreadyUsed => Err(refused("This invitation has already been used.")),
        AcceptInvitation::Expired => Err(refused("This invitation has expired.")),
    }
}
