//! Server functions for managing a process's people: who is in it, their roles, and
//! confirming commissioners and provider staff.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;
use crate::domain::{ConstituencyClaim, ProcessRole, ProcessSummary};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Members {
    pub process: ProcessSummary,
    pub people: Vec<Member>,
    /// Whether the viewer may confirm constituencies and change roles.
    pub can_manage: bool,
    /// The site's address, for invitation links.
    pub site_url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// A pseudonymous id, for the forms that act on this person.
    pub person_id: i64,
    /// As they chose to appear to people taking part.
    pub shown_as: String,
    pub roles: Vec<ProcessRole>,
    pub claims: Vec<ConstituencyClaim>,
}

/// `POST /api/members/list`: the people in a process, for its members.
#[server(prefix = "/api", endpoint = "members/list")]
pub async fn list_members(process_id: i64) -> Result<Members, AppError> {
    use super::boundary::{app_state, authorise_in_process, roles_in, unexpected};
    use crate::domain::permissions::{ProcessAction, may_in_process};
    use crate::domain::{Audience, ProcessId};
    use crate::store::{constituency_claims, memberships, people, processes};

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    let viewer =
        authorise_in_process(&state, process, ProcessAction::ViewPeople, "list members").await?;
    let roles = roles_in(&state, process, Some(&viewer)).await?;
    let can_manage = may_in_process(Some(&viewer), &roles, ProcessAction::AssignRoles).is_ok();
    let summary = processes::find(&state.db, process)
        .await
        .map_err(unexpected("reading a process"))?
        .ok_or_else(|| AppError::NotFound("that process".into()))?;
    let profiles = people::profiles_in_process(&state.db, process)
        .await
        .map_err(unexpected("reading members"))?;
    let all_roles = memberships::all_in(&state.db, process)
        .await
        .map_err(unexpected("reading roles"))?;
    let all_claims = constituency_claims::all_in(&state.db, process)
        .await
        .map_err(unexpected("reading constituencies"))?;
    let people = profiles
        .into_iter()
        .map(|(person, profile)| Member {
            person_id: person.get(),
            shown_as: profile.shown_as(Audience::Participants),
            roles: all_roles
                .iter()
                .filter(|(p, _)| *p == person)
                .map(|(_, r)| *r)
                .collect(),
            // Unconfirmed claims are for the people who can confirm them.
            claims: all_claims
                .iter()
                .filter(|(p, c)| *p == person && (c.confirmed || can_manage))
                .map(|(_, c)| *c)
                .collect(),
        })
        .collect();
    Ok(Members {
        process: summary,
        people,
        can_manage,
        site_url: super::boundary::site_url(&state)?,
    })
}

/// `POST /api/members/confirm`: a process administrator confirms a commissioner or provider
/// staff claim.
#[server(prefix = "/api", endpoint = "members/confirm")]
pub async fn confirm_constituency(
    process_id: i64,
    person_id: i64,
    constituency: String,
) -> Result<(), AppError> {
    use super::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::permissions::ProcessAction;
    use crate::domain::{Constituency, PersonId, ProcessId};
    use crate::store::{constituency_claims, unix_now};

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    let viewer = authorise_in_process(
        &state,
        process,
        ProcessAction::ConfirmConstituencies,
        "confirm a constituency",
    )
    .await?;
    let constituency = Constituency::from_slug(&constituency).ok_or(AppError::BadRequest)?;
    let confirmed = constituency_claims::confirm(
        &state.db,
        process,
        PersonId::new(person_id),
        constituency,
        viewer.person,
        unix_now(),
    )
    .await
    .map_err(unexpected("confirming a constituency"))?;
    if !confirmed {
        return Err(AppError::NotFound("that person's claim".into()));
    }
    tracing::info!(
        process = process_id,
        person = person_id,
        by = viewer.person.get(),
        constituency = constituency.slug(),
        "constituency confirmed"
    );
    leptos_axum::redirect(&format!("/processes/{process_id}/people"));
    Ok(())
}

/// `POST /api/members/role`: gives (`change=add`) or takes away (`change=remove`) a role.
#[server(prefix = "/api", endpoint = "members/role")]
pub async fn change_role(
    process_id: i64,
    person_id: i64,
    role: String,
    change: String,
) -> Result<(), AppError> {
    use super::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::permissions::ProcessAction;
    use crate::domain::{PersonId, ProcessId};
    use crate::store::{memberships, unix_now};

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    let viewer =
        authorise_in_process(&state, process, ProcessAction::AssignRoles, "change a role").await?;
    let role = ProcessRole::from_slug(&role).ok_or(AppError::BadRequest)?;
    let person = PersonId::new(person_id);
    if memberships::roles_of(&state.db, process, person)
        .await
        .map_err(unexpected("reading roles"))?
        .is_empty()
    {
        return Err(AppError::NotFound("that person in this process".into()));
    }
    match change.as_str() {
        "add" => memberships::add(state.db.pool(), process, person, role, unix_now()).await,
        "remove" => memberships::remove(&state.db, process, person, role).await,
        _ => return Err(AppError::BadRequest),
    }
    .map_err(unexpected("changing a role"))?;
    tracing::info!(
        process = process_id,
        person = person_id,
        by = viewer.person.get(),
        role = role.slug(),
        change,
        "role changed"
    );
    leptos_axum::redirect(&format!("/processes/{process_id}/people"));
    Ok(())
}

/// `POST /api/members/add`: adds someone who already has an account, found by the email
/// they sign in with, with a role. (People without email join with a sign-in code.)
#[server(prefix = "/api", endpoint = "members/add")]
pub async fn add_member(process_id: i64, email: String, role: String) -> Result<(), AppError> {
    use super::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::permissions::ProcessAction;
    use crate::domain::{EmailAddress, ProcessId};
    use crate::store::{memberships, people, unix_now};

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    let viewer =
        authorise_in_process(&state, process, ProcessAction::AssignRoles, "add a member").await?;
    let role = ProcessRole::from_slug(&role)
        .ok_or_else(|| AppError::invalid_fields(vec![("role", "Please choose a role.".into())]))?;
    let email = EmailAddress::parse(&email)
        .map_err(|e| AppError::invalid_fields(vec![("email", e.to_string())]))?;
    let Some(account) = people::find_by_email(&state.db, &email)
        .await
        .map_err(unexpected("finding an account"))?
    else {
        return Err(AppError::invalid_fields(vec![(
            "email",
            "No account uses that email address. Ask them to create an account first, or give them a sign-in code.".into(),
        )]));
    };
    memberships::add(state.db.pool(), process, account.person, role, unix_now())
        .await
        .map_err(unexpected("adding a member"))?;
    tracing::info!(
        process = process_id,
        person = account.person.get(),
        by = viewer.person.get(),
        role = role.slug(),
        "member added"
    );
    leptos_axum::redirect(&format!("/processes/{process_id}/people"));
    Ok(())
}
