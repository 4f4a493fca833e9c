//! Invitation links: a process administrator makes a one-time link that brings someone into
//! the process with a role. The link is shown once, for the administrator to send; only its
//! hash is stored.

use crate::auth::token::SecretToken;
use crate::domain::permissions::ProcessAction;
use crate::domain::{PersonId, ProcessRole, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::invitations::{self, AcceptInvitation};
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

use crate::views::people::INVITATION_DAYS;

/// A new invitation; returns its secret token (to put in the link).
pub async fn create(cx: &ProcessContext, role: ProcessRole) -> Result<SecretToken, AppError> {
    let admin = cx.require(ProcessAction::AssignRoles, "invite someone")?;
    let token = SecretToken::generate();
    let now = crate::store::unix_now();
    invitations::insert(
        cx.db(),
        &token.hash(),
        cx.id(),
        role,
        admin.person,
        now,
        now + INVITATION_DAYS * 86_400,
    )
    .await
    .map_err(unexpected("creating an invitation"))?;
    tracing::info!(
        process = cx.id().get(),
        by = admin.person.get(),
        role = role.slug(),
        "invitation created"
    );
    Ok(token)
}

/// Joins the invitation's process with its role, as `viewer`, or as a new person (returned,
/// for a new session) who then chooses how they appear.
pub async fn accept(
    state: &AppState,
    viewer: Option<Viewer>,
    token: &str,
    address: &str,
) -> Result<PersonId, AppError> {
    use crate::domain::throttle::Attempt;
    use crate::workflows::limits::attempt;
    attempt(state, Attempt::LinkFromAddress, address)?;
    let refused = |why: &str| {
        AppError::Conflict(format!(
            "{why} Please ask the person who invited you for a new link."
        ))
    };
    let Some(token) = SecretToken::from_presented(token) else {
        return Err(refused(
            "This invitation link is not complete: part of it may be missing.",
        ));
    };
    attempt(state, Attempt::SameLink, &token.hash())?;
    match invitations::accept(
        &state.db,
        &token.hash(),
        viewer.map(|v| v.person),
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("accepting an invitation"))?
    {
        AcceptInvitation::Joined {
            person,
            process,
            role,
        } => {
            tracing::info!(
                person = person.get(),
                process = process.get(),
                role = role.slug(),
                "invitation accepted"
            );
            Ok(person)
        }
        AcceptInvitation::Unknown => Err(refused("We do not recognise this invitation link.")),
        AcceptInvitation::AlreadyUsed => Err(refused("This invitation has already been used.")),
        AcceptInvitation::Expired => Err(refused("This invitation has expired.")),
    }
}
