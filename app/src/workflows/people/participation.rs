//! Who takes part in a process, as each person chose to appear to the viewer. Public: what
//! it shows depends on who asks.

use crate::domain::Audience;
use crate::error::AppError;
use crate::views::people::Participation;
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// How many people the process page names; the rest are counted.
pub const NAMED_ON_THE_PROCESS_PAGE: u32 = 50;

pub async fn participation(cx: &ProcessContext) -> Result<Participation, AppError> {
    let is_member = cx.viewer.as_ref().is_some_and(|v| v.is_site_admin()) || !cx.roles.is_empty();
    let audience = if is_member {
        Audience::Participants
    } else {
        Audience::Public
    };
    let (total, by_constituency) = crate::store::people::member_counts(cx.db(), cx.id())
        .await
        .map_err(unexpected("counting participants"))?;
    let named = crate::store::people::first_members(cx.db(), cx.id(), NAMED_ON_THE_PROCESS_PAGE)
        .await
        .map_err(unexpected("reading participants"))?;
    let total = usize::try_from(total).unwrap_or(usize::MAX);
    Ok(Participation {
        total,
        by_constituency: by_constituency
            .into_iter()
            .map(|(c, n)| (c, usize::try_from(n).unwrap_or(usize::MAX)))
            .collect(),
        more: total.saturating_sub(named.len()),
        people: named.iter().map(|(_, p)| p.shown_as(audience)).collect(),
        as_participant: is_member,
    })
}
