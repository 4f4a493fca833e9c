//! Live workshops: setting one up and running it from the console (`running`), joining by
//! code and commenting from a phone (`joining`), the room every screen follows (`room`, sent
//! as live frames), and the pages' data (`pages`, with the join address's QR code drawn in
//! `join_qr`).

pub mod join_qr;
pub mod joining;
pub mod pages;
pub mod room;
pub mod running;

use crate::domain::Viewer;
use crate::domain::permissions::ProcessAction;
use crate::error::{AppError, unexpected};
use crate::state::AppState;
use crate::store::workshops::StoredWorkshop;
use crate::workflows::ProcessContext;

/// Workshop `id` and its process, as seen by `viewer`.
pub async fn in_context(
    state: &AppState,
    viewer: Option<Viewer>,
    id: i64,
) -> Result<(ProcessContext, StoredWorkshop), AppError> {
    let workshop = crate::store::workshops::find(&state.db, id)
        .await
        .map_err(unexpected("reading a workshop"))?
        .ok_or_else(|| AppError::NotFound("that workshop".into()))?;
    let cx = ProcessContext::load(state, workshop.process, viewer).await?;
    Ok((cx, workshop))
}

/// As [`in_context`], for a facilitator running it (logged as `doing` when refused).
pub async fn as_facilitator(
    state: &AppState,
    viewer: Option<Viewer>,
    id: i64,
    doing: &'static str,
) -> Result<(ProcessContext, StoredWorkshop, Viewer), AppError> {
    let (cx, workshop) = in_context(state, viewer, id).await?;
    let facilitator = cx.require(ProcessAction::RunWorkshops, doing)?;
    Ok((cx, workshop, facilitator))
}
