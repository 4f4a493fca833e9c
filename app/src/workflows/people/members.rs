//! The people page: who is in a process with their roles, and for process administrators
//! confirming commissioners and provider staff, giving and taking roles, and adding people
//! who already have an account.

use crate::domain::permissions::{ProcessAction, may_act_on};
use crate::domain::{Audience, Constituency, EmailAddress, PersonId, ProcessRole};
use crate::error::{AppError, refused};
use crate::forms::refusal;
use crate::store::{constituency_claims, memberships, people};
use crate::views::people::{Member, Members};
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// The people in a process, for its members; `site_url` is for invitation links.
pub async fn list(cx: &ProcessContext, site_url: String) -> Result<Members, AppError> {
    cx.require(ProcessAction::ViewPeople, "list members")?;
    let can_manage = cx.may(ProcessAction::AssignRoles);
    let profiles = people::members_of(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading members"))?;
    let all_roles = memberships::all_in(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading roles"))?;
    let all_claims = constituency_claims::all_in(cx.db(), cx.id())
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
        process: cx.process.clone(),
        people,
        can_manage,
        may_read_audit: cx.may(ProcessAction::ReadAudit),
        site_url,
    })
}

/// A process administrator confirms a commissioner or provider staff claim.
pub async fn confirm(
    cx: &ProcessContext,
    person: PersonId,
    constituency: Constituency,
) -> Result<(), AppError> {
    let admin = cx.require(
        ProcessAction::ConfirmConstituencies,
        "confirm a constituency",
    )?;
    may_act_on(&admin, person)
        .map_err(|r| refused("confirm their own constituency", Some(&admin), r))?;
    let confirmed = constituency_claims::confirm(
        cx.db(),
        cx.id(),
        person,
        constituency,
        admin.person,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("confirming a constituency"))?;
    if !confirmed {
        return Err(AppError::NotFound("that person's claim".into()));
    }
    tracing::info!(
        process = cx.id().get(),
        person = person.get(),
        by = admin.person.get(),
        constituency = constituency.slug(),
        "constituency confirmed"
    );
    Ok(())
}

/// Gives (`add`) or takes away a role from someone in the process.
pub async fn change_role(
    cx: &ProcessContext,
    person: PersonId,
    role: ProcessRole,
    add: bool,
) -> Result<(), AppError> {
    let admin = cx.require(ProcessAction::AssignRoles, "change a role")?;
    may_act_on(&admin, person).map_err(|r| refused("change their own roles", Some(&admin), r))?;
    if memberships::roles_of(cx.db(), cx.id(), person)
        .await
        .map_err(unexpected("reading roles"))?
        .is_empty()
    {
        return Err(AppError::NotFound("that person in this process".into()));
    }
    memberships::change(
        cx.db(),
        cx.id(),
        person,
        role,
        add,
        admin.person,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("changing a role"))?;
    tracing::info!(
        process = cx.id().get(),
        person = person.get(),
        by = admin.person.get(),
        role = role.slug(),
        add,
        "role changed"
    );
    if !add {
        // Streams of someone no longer in the process end.
        cx.state.live.people_changed().await;
    }
    Ok(())
}

/// The process's audit trail, for process administrators and commissioners: each change
/// with who made it and to whom, as they appear to people taking part.
pub async fn audit(cx: &ProcessContext) -> Result<crate::views::people::AuditPage, AppError> {
    use crate::views::people::{AuditLine, AuditPage};
    use crate::workflows::context::name_of;
    cx.require(ProcessAction::ReadAudit, "read the audit trail")?;
    let stored = crate::store::audit::of_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading the audit trail"))?;
    let names = cx
        .names_of(stored.iter().flat_map(|e| [e.actor, e.subject]))
        .await?;
    let lines = stored
        .into_iter()
        .map(|e| AuditLine {
            at: e.at,
            by: name_of(&names, e.actor),
            whom: e.subject.map(|s| name_of(&names, Some(s))),
            what: audit_words(&e.action, &e.detail),
        })
        .collect();
    Ok(AuditPage {
        process: cx.process.clone(),
        lines,
    })
}

/// An audit entry in plain words.
fn audit_words(action: &str, detail: &str) -> String {
    match action {
        "role-given" => format!("gave the role: {detail}"),
        "role-taken" => format!("took away the role: {detail}"),
        "constituency-confirmed" => format!("confirmed as {detail}"),
        "guest-admitted" => format!("admitted a guest of “{detail}” into the process"),
        "guest-removed" => format!("removed a guest from “{detail}”"),
        other => format!("{other}: {detail}"),
    }
}

/// Adds someone who already has an account, found by the email they sign in with, with a
/// role. (People without email join with a sign-in code.)
pub async fn add(
    cx: &ProcessContext,
    email: EmailAddress,
    role: ProcessRole,
) -> Result<(), AppError> {
    let admin = cx.require(ProcessAction::AssignRoles, "add a member")?;
    let account = people::find_by_email(cx.db(), &email)
        .await
        .map_err(unexpected("finding an account"))?
        .ok_or_else(|| {
            refusal(
                "email",
                "No account uses that email address. Ask them to create an account first, or give them a sign-in code.",
            )
        })?;
    memberships::add(
        cx.db().pool(),
        cx.id(),
        account.person,
        role,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("adding a member"))?;
    tracing::info!(
        process = cx.id().get(),
        person = account.person.get(),
        by = admin.person.get(),
        role = role.slug(),
        "member added"
    );
    Ok(())
}
