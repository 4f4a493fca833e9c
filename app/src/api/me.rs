//! Server functions for a person's own profile: how they appear, their constituencies, and
//! withdrawing.

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::people::{AppearanceForm, ConstituenciesForm};
use crate::views::people::OwnProfile;

/// `POST /api/me/profile`: the signed-in person's profile and memberships.
#[server(prefix = "/api", endpoint = "me/profile")]
pub async fn my_profile() -> Result<OwnProfile, AppError> {
    let (state, viewer) = crate::api::boundary::signed_in().await?;
    crate::workflows::people::profile::mine(&state, viewer).await
}

/// `POST /api/me/appearance`: how the person appears to others ([`AppearanceForm`]).
#[server(prefix = "/api", endpoint = "me/appearance")]
pub async fn update_appearance(#[server(flatten)] form: AppearanceForm) -> Result<(), AppError> {
    use crate::api::boundary::{redirect, signed_in};
    let (state, viewer) = signed_in().await?;
    crate::workflows::people::profile::set_appearance(&state, viewer, form.try_into()?).await?;
    redirect("/me?saved=appearance");
    Ok(())
}

/// `POST /api/me/constituencies`: the constituencies the person declares in one process
/// ([`ConstituenciesForm`]: one checkbox per constituency).
#[server(prefix = "/api", endpoint = "me/constituencies")]
pub async fn update_constituencies(
    process_id: i64,
    #[server(flatten)] form: ConstituenciesForm,
) -> Result<(), AppError> {
    use crate::api::boundary::{redirect, signed_in};
    let (state, viewer) = signed_in().await?;
    let declared: Vec<crate::domain::Constituency> = form.try_into()?;
    let process = crate::domain::ProcessId::new(process_id);
    crate::workflows::people::profile::set_constituencies(&state, viewer, process, &declared)
        .await?;
    redirect("/me?saved=constituencies");
    Ok(())
}

/// `POST /api/me/withdraw`: deletes the person's personal data and signs them out. Their
/// part in past decisions stays counted, as "a withdrawn participant".
#[server(prefix = "/api", endpoint = "me/withdraw")]
pub async fn withdraw(confirm: Option<String>) -> Result<(), AppError> {
    use crate::api::boundary::{clear_session_cookie, redirect, signed_in};
    let (state, viewer) = signed_in().await?;
    if !crate::forms::ticked("confirm", &confirm)? {
        return Err(crate::forms::refusal(
            "confirm",
            "Please tick the box to confirm that you want to withdraw.",
        ));
    }
    crate::workflows::people::profile::withdraw(&state, viewer).await?;
    clear_session_cookie(&state)?;
    redirect(&crate::routes::withdrawn());
    Ok(())
}

/// `POST /api/me/needs`: what is waiting for the signed-in person ("What needs me").
#[server(prefix = "/api", endpoint = "me/needs")]
pub async fn my_needs() -> Result<crate::views::needs::NeedsPage, AppError> {
    let (state, viewer) = crate::api::boundary::signed_in().await?;
    crate::workflows::needs::page(&state, viewer).await
}

/// `POST /api/me/needs-count`: how many things are waiting (the header's count).
#[server(prefix = "/api", endpoint = "me/needs-count")]
pub async fn my_needs_count() -> Result<u32, AppError> {
    let (state, viewer) = crate::api::boundary::signed_in().await?;
    crate::workflows::needs::count(&state, viewer).await
}

/// `POST /api/me/needs-done`: marks one thing (`item`, its key) done.
#[server(prefix = "/api", endpoint = "me/needs-done")]
pub async fn mark_need_done(item: String) -> Result<(), AppError> {
    use crate::api::boundary::{redirect, signed_in};
    let (state, viewer) = signed_in().await?;
    crate::workflows::needs::mark_done(&state, viewer, &item).await?;
    redirect(&format!("{}?done=1", crate::routes::needs()));
    Ok(())
}
