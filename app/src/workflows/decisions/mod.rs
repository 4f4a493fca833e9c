//! Decisions: opening one (`opening`), casting a ballot (`voting`), closing and counting and
//! what follows (`closing`, `counting`), a commissioner's ratification (`ratifying`, and what
//! the public pages say of it in `ratified`), the decision pages (`pages`) and the public
//! record download (`record`).

pub mod closing;
pub mod counting;
pub mod minority;
pub mod opening;
pub mod pages;
pub mod ratified;
#[cfg(feature = "ssr")]
pub mod ratified_export;
pub mod ratifying;
pub mod record;
pub mod voting;

use crate::domain::Viewer;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::decisions::StoredDecision;
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// Decision `id` as it stands now (closed first if its time has passed), with its process as
/// seen by `viewer`.
pub async fn in_context(
    state: &AppState,
    viewer: Option<Viewer>,
    id: i64,
) -> Result<(ProcessContext, StoredDecision), AppError> {
    let decision = crate::store::decisions::find(&state.db, id)
        .await
        .map_err(unexpected("reading a decision"))?
        .ok_or_else(|| AppError::NotFound("that decision".into()))?;
    let decision = closing::as_of_now(state, decision).await?;
    let cx = ProcessContext::load(state, decision.process, viewer).await?;
    Ok((cx, decision))
}
