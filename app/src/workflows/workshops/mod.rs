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
use crate::error::AppError;
use crate::state::AppState;
use crate::store::workshops::StoredWorkshop;
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

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

/// How the person asking takes part in a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// They hold a role in its process.
    Member,
    /// They are in its room without a role in its process: they follow the room, comment at
    /// its steps and vote in the decisions its steps opened, and nothing else.
    Guest,
    /// Neither (or a guest the facilitator removed).
    Outside,
}

/// How `cx`'s viewer takes part in `workshop`.
pub async fn part_in(cx: &ProcessContext, workshop: &StoredWorkshop) -> Result<Part, AppError> {
    if cx.may(ProcessAction::ReadDrafts) {
        return Ok(Part::Member);
    }
    let Some(viewer) = cx.viewer else {
        return Ok(Part::Outside);
    };
    let attendee = crate::store::workshops::attendee(cx.db(), workshop.id, viewer.person)
        .await
        .map_err(unexpected("reading who is in the room"))?;
    Ok(match attendee {
        Some(a) if a.removed_at.is_none() => Part::Guest,
        _ => Part::Outside,
    })
}

/// The viewer, if they take part in `workshop` (as a member or one of its guests); the
/// process's refusal otherwise.
pub async fn require_taking_part(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    action: ProcessAction,
    doing: &'static str,
) -> Result<Viewer, AppError> {
    match part_in(cx, workshop).await? {
        Part::Guest => cx.viewer.ok_or(AppError::SignInRequired),
        Part::Member | Part::Outside => cx.require(action, doing),
    }
}

/// Whether `viewer` may follow workshop `id`'s live stream: people taking part in its process,
/// and its guests still in the room.
pub async fn may_follow(state: &AppState, viewer: Option<Viewer>, id: i64) -> Result<(), AppError> {
    let (cx, workshop) = in_context(state, viewer, id).await?;
    require_taking_part(
        &cx,
        &workshop,
        ProcessAction::ReadDrafts,
        "follow a workshop",
    )
    .await?;
    Ok(())
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
