//! Server functions for a person's own profile: how they appear and their constituencies.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;
use crate::domain::{ConstituencyClaim, ProcessId, ProcessRole, Profile};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnProfile {
    pub profile: Profile,
    pub shown_to_participants: String,
    pub shown_publicly: String,
    pub processes: Vec<MyProcess>,
    /// The email the person signs in with, if any (shown only to them).
    pub email: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyProcess {
    pub id: ProcessId,
    pub title: String,
    pub roles: Vec<ProcessRole>,
    pub claims: Vec<ConstituencyClaim>,
}

/// `POST /api/me/profile`: the signed-in person's profile and memberships.
#[server(prefix = "/api", endpoint = "me/profile")]
pub async fn my_profile() -> Result<OwnProfile, AppError> {
    use super::boundary::{app_state, unexpected, viewer};
    use crate::domain::Audience;
    use crate::domain::constituency::counted;
    use crate::store::{constituency_claims, memberships, people, processes};

    let state = app_state()?;
    let viewer = viewer(&state).await?.ok_or(AppError::SignInRequired)?;
    let stored = people::stored_profile(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading a profile"))?
        .ok_or(AppError::SignInRequired)?;
    let mut my_processes: Vec<MyProcess> = Vec::new();
    for (process, role) in memberships::processes_of(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading memberships"))?
    {
        if let Some(existing) = my_processes.iter_mut().find(|p| p.id == process) {
            existing.roles.push(role);
            continue;
        }
        let Some(summary) = processes::find(&state.db, process)
            .await
            .map_err(unexpected("reading a process"))?
        else {
            continue;
        };
        let claims = constituency_claims::claims_of(&state.db, process, viewer.person)
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
    let email = people::email_of(&state.db, viewer.person)
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

/// `POST /api/me/appearance`: how the person appears to others.
#[server(prefix = "/api", endpoint = "me/appearance")]
pub async fn update_appearance(
    appearance: String,
    full_name: String,
    pseudonym: String,
    show_on_public_pages: Option<String>,
) -> Result<(), AppError> {
    use super::boundary::{app_state, unexpected, viewer};
    use crate::domain::appearance::AppearanceError;
    use crate::domain::text::TextError;
    use crate::domain::{Appearance, FullName, Pseudonym};
    use crate::store::people;

    let state = app_state()?;
    let viewer = viewer(&state).await?.ok_or(AppError::SignInRequired)?;
    let appearance = Appearance::from_slug(&appearance).ok_or_else(|| {
        AppError::invalid_fields(vec![(
            "appearance",
            "Please choose how you want to appear.".into(),
        )])
    })?;
    // Empty means "none"; anything else must be a valid name.
    let optional = |raw: &str, parse: fn(&str) -> Result<String, TextError>| match parse(raw) {
        Ok(v) => Ok(Some(v)),
        Err(TextError::Empty) => Ok(None),
        Err(e) => Err(e),
    };
    let full_name = optional(&full_name, |r| {
        FullName::parse(r).map(|n| n.as_str().to_string())
    });
    let pseudonym = optional(&pseudonym, |r| {
        Pseudonym::parse(r).map(|n| n.as_str().to_string())
    });
    AppError::check_fields(vec![
        ("full_name", full_name.clone().err()),
        ("pseudonym", pseudonym.clone().err()),
    ])?;
    let stored = people::stored_profile(&state.db, viewer.person)
        .await
        .map_err(unexpected("reading a profile"))?
        .ok_or(AppError::SignInRequired)?;
    let mut profile = people::to_profile(stored, vec![]);
    profile.full_name = full_name
        .ok()
        .flatten()
        .and_then(|n| FullName::parse(&n).ok());
    profile.pseudonym = pseudonym
        .ok()
        .flatten()
        .and_then(|n| Pseudonym::parse(&n).ok());
    profile.appearance = appearance;
    profile.show_on_public_pages = show_on_public_pages.is_some();
    profile.check().map_err(|e| {
        let field = match e {
            AppearanceError::NeedsFullName => "full_name",
            AppearanceError::NeedsPseudonym => "pseudonym",
        };
        AppError::invalid_fields(vec![(field, e.to_string())])
    })?;
    people::update_profile(&state.db, viewer.person, &profile)
        .await
        .map_err(unexpected("saving a profile"))?;
    leptos_axum::redirect("/me?saved=appearance");
    Ok(())
}

/// `POST /api/me/constituencies`: the constituencies the person declares in one process.
/// One optional field per constituency, as a form's checkboxes send them.
#[server(prefix = "/api", endpoint = "me/constituencies")]
#[allow(clippy::too_many_arguments)]
pub async fn update_constituencies(
    process_id: i64,
    lived_experience: Option<String>,
    family_or_carer: Option<String>,
    peer_supporter: Option<String>,
    provider_staff: Option<String>,
    commissioner: Option<String>,
    other: Option<String>,
) -> Result<(), AppError> {
    use super::boundary::{app_state, roles_in, unexpected, viewer};
    use crate::domain::Constituency;
    use crate::store::{constituency_claims, unix_now};

    let state = app_state()?;
    let viewer = viewer(&state).await?.ok_or(AppError::SignInRequired)?;
    let process = ProcessId::new(process_id);
    if roles_in(&state, process, Some(&viewer)).await?.is_empty() {
        return Err(AppError::Forbidden(
            "You can only say how you take part in a process you belong to.".into(),
        ));
    }
    let ticked = [
        (Constituency::LivedExperience, lived_experience),
        (Constituency::FamilyOrCarer, family_or_carer),
        (Constituency::PeerSupporter, peer_supporter),
        (Constituency::ProviderStaff, provider_staff),
        (Constituency::Commissioner, commissioner),
        (Constituency::Other, other),
    ];
    let declared: Vec<Constituency> = ticked
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(c, _)| c)
        .collect();
    constituency_claims::set_declared(&state.db, process, viewer.person, &declared, unix_now())
        .await
        .map_err(unexpected("saving constituencies"))?;
    leptos_axum::redirect("/me?saved=constituencies");
    Ok(())
}

/// `POST /api/me/withdraw`: deletes the person's personal data and signs them out. Their
/// part in past decisions stays counted, as "a withdrawn participant".
#[server(prefix = "/api", endpoint = "me/withdraw")]
pub async fn withdraw(confirm: Option<String>) -> Result<(), AppError> {
    use super::boundary::{app_state, set_cookie, unexpected, viewer};
    use crate::auth::cookie::clearing_cookie;
    use crate::store::{personal_data, unix_now};

    let state = app_state()?;
    let viewer = viewer(&state).await?.ok_or(AppError::SignInRequired)?;
    if confirm.is_none() {
        return Err(AppError::invalid_fields(vec![(
            "confirm",
            "Please tick the box to confirm that you want to withdraw.".into(),
        )]));
    }
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
    personal_data::withdraw(&state.db, viewer.person, unix_now())
        .await
        .map_err(unexpected("withdrawing"))?;
    set_cookie(&clearing_cookie(state.config.secure_cookies))?;
    tracing::info!(person = viewer.person.get(), "withdrew");
    leptos_axum::redirect("/withdrawn");
    Ok(())
}
