//! Server functions about the people in a process: who takes part (for anyone, as each chose
//! to appear to them), and the people page where process administrators give roles, confirm
//! commissioners and provider staff, and add people who have an account.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::people::{AuditPage, Members, Participation};

/// `POST /api/processes/participation`: public; what it shows depends on who asks.
#[server(prefix = "/api", endpoint = "processes/participation")]
pub async fn process_participation(process_id: i64) -> Result<Participation, AppError> {
    let cx = crate::api::boundary::process_context(process_id).await?;
    crate::workflows::people::participation::participation(&cx).await
}

/// `POST /api/members/list`: the people in a process, for its members.
#[server(prefix = "/api", endpoint = "members/list")]
pub async fn list_members(process_id: i64) -> Result<Members, AppError> {
    use crate::api::boundary::{process_context, site_url};
    let cx = process_context(process_id).await?;
    let site = site_url(&cx.state)?;
    crate::workflows::people::members::list(&cx, site).await
}

/// `POST /api/members/confirm`: a process administrator confirms a commissioner or provider
/// staff claim.
#[server(prefix = "/api", endpoint = "members/confirm")]
pub async fn confirm_constituency(
    process_id: i64,
    person_id: i64,
    constituency: String,
) -> Result<(), AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    let constituency = crate::forms::people::constituency(&constituency)?;
    let person = crate::domain::PersonId::new(person_id);
    crate::workflows::people::members::confirm(&cx, person, constituency).await?;
    redirect(&crate::routes::people(cx.id()));
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
    use crate::api::boundary::{process_context, redirect};
    use crate::forms::people::{adding, role as parse_role};
    let cx = process_context(process_id).await?;
    let (role, add) = (parse_role(&role)?, adding(&change)?);
    let person = crate::domain::PersonId::new(person_id);
    crate::workflows::people::members::change_role(&cx, person, role, add).await?;
    redirect(&crate::routes::people(cx.id()));
    Ok(())
}

/// `POST /api/members/add`: adds someone who already has an account, found by the email
/// they sign in with, with a role. (People without email join with a sign-in code.)
#[server(prefix = "/api", endpoint = "members/add")]
pub async fn add_member(process_id: i64, email: String, role: String) -> Result<(), AppError> {
    use crate::api::boundary::{process_context, redirect};
    use crate::forms::people::{email as parse_email, role as parse_role};
    let cx = process_context(process_id).await?;
    let (role, email) = (parse_role(&role)?, parse_email(&email)?);
    crate::workflows::people::members::add(&cx, email, role).await?;
    redirect(&crate::routes::people(cx.id()));
    Ok(())
}

/// `POST /api/members/audit`: who gave or took which role, confirmed whom, admitted or
/// removed which guest, and when; for process administrators and commissioners.
#[server(prefix = "/api", endpoint = "members/audit")]
pub async fn audit_trail(process_id: i64) -> Result<AuditPage, AppError> {
    let cx = crate::api::boundary::process_context(process_id).await?;
    crate::workflows::people::members::audit(&cx).await
}
