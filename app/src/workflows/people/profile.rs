//! A person's own profile: how they appear, the constituencies they declare in each process,
//! and withdrawing (their personal data goes; their part in past decisions stays counted).

use crate::domain::constituency::counted;
use crate::domain::{Audience, Constituency, ConstituencyClaim, ProcessId, Viewer};
use crate::error::AppError;
use crate::forms::people::AppearanceChoice;
use crate::forms::refusal;
use crate::state::AppState;
use crate::store::{constituency_claims, memberships, people, personal_data, processes};
use crate::views::people::{MyProcess, OwnProfile};
use crate::workflows::unexpected;

/// The signed-in person's profile and memberships.
pub async fn mine(state: &AppState, viewer: Viewer) -> Result<OwnProfile, AppError> {
    let db = &state.db;
    let stored = people::stored_profile(db, viewer.person)
        .await
        .map_err(unexpected("reading a profile"))?
        .ok_or(AppError::SignInRequired)?;
    let mut my_processes: Vec<MyProcess> = Vec::new();
    for (process, role) in memberships::processes_of(db, viewer.person)
        .await
        .map_err(unexpected("reading memberships"))?
    {
        if let Some(existing) = my_processes.iter_mut().find(|p| p.id == process) {
            existing.roles.push(role);
            continue;
        }
        let Some(summary) = processes::find(db, process)
            .await
            .map_err(unexpected("reading a process"))?
        else {
            continue;
        };
        let claims = constituency_claims::claims_of(db, process, viewer.person)
            .await
            .map_err(unexpected("reading constituencies"))?;
        my_processes.push(MyProcess {
            id: process,
            title: summary.title.as_str().to_string(),
            roles: vec![role],
            claims,
        });
    }
    let all_claims: Vec<ConstituencyClaim> =
        my_processes.iter().flat_map(|p| p.claims.clone()).collect();
    let profile = people::to_profile(stored, counted(&all_claims));
    let email = people::email_of(db, viewer.person)
        .await
        .map_err(unexpected("reading an email"))?;
    Ok(OwnProfile {
        email,
        shown_to_participants: profile.shown_as(Audience::Participants),
        shown_publicly: profile.shown_as(Audience::Public),
        profile,
        processes: my_processes,
    })
}

/// How the person appears to others.
pub async fn set_appearance(
    state: &AppState,
    viewer: Viewer,
    choice: AppearanceChoice,
) -> Result<(), AppError> {
    use crate::domain::appearance::AppearanceError;
    let stored = people::stored_profile(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading a profile"))?
        .ok_or(AppError::SignInRequired)?;
    let mut profile = people::to_profile(stored, vec![]);
    profile.full_name = choice.full_name;
    profile.pseudonym = choice.pseudonym;
    profile.appearance = choice.appearance;
    profile.show_on_public_pages = choice.show_on_public_pages;
    profile.check().map_err(|e| {
        let field = match e {
            AppearanceError::NeedsFullName => "full_name",
            AppearanceError::NeedsPseudonym => "pseudonym",
        };
        refusal(field, e.to_string())
    })?;
    people::update_profile(&state.db, viewer.person, &profile)
        .await
        .map_err(unexpected("saving a profile"))?;
    // Live screens that show their name show it as they now choose.
    state.live.people_changed().await;
    Ok(())
}

/// The constituencies the person declares in one process they belong to.
pub async fn set_constituencies(
    state: &AppState,
    viewer: Viewer,
    process: ProcessId,
    declared: &[Constituency],
) -> Result<(), AppError> {
    if crate::workflows::context::roles_in(state, process, Some(&viewer))
        .await?
        .is_empty()
    {
        return Err(AppError::Forbidden(
            "You can only say how you take part in a process you belong to.".into(),
        ));
    }
    constituency_claims::set_declared(
        &state.db,
        process,
        viewer.person,
        declared,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("saving constituencies"))
}

/// Deletes the person's personal data. Their part in past decisions stays counted, as "a
/// withdrawn participant". The only site administrator cannot leave the site without one.
pub async fn withdraw(state: &AppState, viewer: Viewer) -> Result<(), AppError> {
    if viewer.is_site_admin()
        && personal_data::active_site_admins(&state.db)
            .await
            .map_err(unexpected("counting site administrators"))?
            <= 1
    {
        return Err(AppError::Conflict(
            "You are the only site administrator. Make someone else a site administrator before you withdraw, \
             so the site is not left without one."
                .into(),
        ));
    }
    personal_data::withdraw(&state.db, viewer.person, crate::store::unix_now())
        .await
        .map_err(unexpected("withdrawing"))?;
    tracing::info!(person = viewer.person.get(), "withdrew");
    // Their name leaves every live screen, and their own streams end.
    state.live.people_changed().await;
    Ok(())
}
