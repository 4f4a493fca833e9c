//! Who takes part in a process, as each person chose to appear to the viewer. Public: what
//! it shows depends on who asks.

use crate::domain::{Audience, Constituency};
use crate::error::AppError;
use crate::views::people::Participation;
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

pub async fn participation(cx: &ProcessContext) -> Result<Participation, AppError> {
    let is_member = cx.viewer.as_ref().is_some_and(|v| v.is_site_admin()) || !cx.roles.is_empty();
    let audience = if is_member {
        Audience::Participants
    } else {
        Audience::Public
    };
    let profiles = crate::store::people::members_of(cx.db(), cx.id())
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
