//! Who takes part in a process, as each person chose to appear to the viewer.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;
use crate::domain::Constituency;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participation {
    pub total: usize,
    /// People counted in each constituency (a person may count in several).
    pub by_constituency: Vec<(Constituency, usize)>,
    /// Each person as they appear to this viewer: by name only where they chose that.
    pub people: Vec<String>,
    /// Whether the viewer sees the participants' view (they are a member) or the public one.
    pub as_participant: bool,
}

/// `POST /api/processes/participation`: public; what it shows depends on who asks.
#[server(prefix = "/api", endpoint = "processes/participation")]
pub async fn process_participation(process_id: i64) -> Result<Participation, AppError> {
    use super::boundary::{app_state, roles_in, unexpected, viewer};
    use crate::domain::{Audience, ProcessId};
    use crate::store::{people, processes};

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    if processes::find(&state.db, process)
        .await
        .map_err(unexpected("reading a process"))?
        .is_none()
    {
        return Err(AppError::NotFound("that process".into()));
    }
    let viewer = viewer(&state).await?;
    let is_member = viewer.as_ref().is_some_and(|v| v.is_site_admin())
        || !roles_in(&state, process, viewer.as_ref()).await?.is_empty();
    let audience = if is_member {
        Audience::Participants
    } else {
        Audience::Public
    };
    let profiles = people::profiles_in_process(&state.db, process)
        .await
        .map_err(unexpected("reading participants"))?;
    let by_constituency = Constituency::ALL
        .into_iter()
        .map(|c| {
            (
                c,
                profiles
                    .iter()
                    .filter(|(_, p)| p.constituencies.contains(&c))
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    Ok(Participation {
        total: profiles.len(),
        by_constituency,
        people: profiles.iter().map(|(_, p)| p.shown_as(audience)).collect(),
        as_participant: is_member,
    })
}
