//! The workshop pages' data: a process's workshops, the facilitator's console, and the room
//! as the projector and phones first show it (they then follow the live stream, and a plain
//! reload shows the same).

use leptos::prelude::*;

use super::{ConsolePage, LiveRoom, WorkshopList};
use crate::api::AppError;

/// `POST /api/workshops/list`: a process's workshops, for people taking part.
#[server(prefix = "/api", endpoint = "workshops/list")]
pub async fn list_workshops(process_id: i64) -> Result<WorkshopList, AppError> {
    use super::WorkshopSummary;
    use crate::api::boundary::{app_state, authorise_in_process, roles_in, unexpected, viewer};
    use crate::domain::ProcessId;
    use crate::domain::permissions::{ProcessAction, may_in_process};

    let state = app_state()?;
    let id = ProcessId::new(process_id);
    authorise_in_process(&state, id, ProcessAction::ReadDrafts, "see workshops").await?;
    let process = crate::store::processes::find(&state.db, id)
        .await
        .map_err(unexpected("reading a process"))?
        .ok_or_else(|| AppError::NotFound("that process".into()))?;
    let viewer = viewer(&state).await?;
    let roles = roles_in(&state, id, viewer.as_ref()).await?;
    let workshops = crate::store::workshops::for_process(&state.db, id)
        .await
        .map_err(unexpected("reading workshops"))?
        .into_iter()
        .map(|w| WorkshopSummary {
            id: w.id,
            title: w.title.as_str().to_string(),
            position: w.position,
            created_at: w.created_at,
        })
        .collect();
    Ok(WorkshopList {
        process,
        workshops,
        may_run: may_in_process(viewer.as_ref(), &roles, ProcessAction::RunDecisions).is_ok(),
    })
}

/// The room of workshop `id` for someone taking part in its process (server only).
#[cfg(feature = "ssr")]
async fn room_for_member(id: i64) -> Result<(crate::state::AppState, LiveRoom), AppError> {
    use crate::api::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::ProcessId;
    use crate::domain::permissions::ProcessAction;

    let state = app_state()?;
    let room = super::live::room(&state.db, id)
        .await
        .map_err(unexpected("reading a workshop"))?
        .ok_or_else(|| AppError::NotFound("that workshop".into()))?;
    authorise_in_process(
        &state,
        ProcessId::new(room.process),
        ProcessAction::ReadDrafts,
        "take part in a workshop",
    )
    .await?;
    Ok((state, room))
}

/// `POST /api/workshops/room`: the room now, for the projector and phones of people taking
/// part (a guest or a card holder is taking part once they have joined).
#[server(prefix = "/api", endpoint = "workshops/room")]
pub async fn load_room(workshop_id: i64) -> Result<LiveRoom, AppError> {
    let (_, room) = room_for_member(workshop_id).await?;
    Ok(room)
}

/// `POST /api/workshops/step`: the current step as a phone shows it.
#[server(prefix = "/api", endpoint = "workshops/step")]
pub async fn load_step(workshop_id: i64) -> Result<super::LiveStep, AppError> {
    let (_, room) = room_for_member(workshop_id).await?;
    Ok(super::live::for_phones(&room))
}

/// `POST /api/workshops/console`: the room with what a facilitator needs to run it.
#[server(prefix = "/api", endpoint = "workshops/console")]
pub async fn load_console(workshop_id: i64) -> Result<ConsolePage, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::document::DocumentKind;

    let (state, workshop, _) =
        super::running::as_facilitator(workshop_id, "run a workshop").await?;
    let room = super::live::room(&state.db, workshop.id)
        .await
        .map_err(unexpected("reading a workshop"))?
        .ok_or(AppError::Unexpected)?;
    let mut sections = Vec::new();
    for document in DocumentKind::ALL {
        if let Some(latest) = crate::store::documents::latest(&state.db, workshop.process, document)
            .await
            .map_err(unexpected("reading a version"))?
        {
            for s in latest.content.sections() {
                sections.push((document, s.key.get(), s.heading.as_str().to_string()));
            }
        }
    }
    let join_url = format!(
        "{}/w?code={}",
        crate::api::boundary::site_url(&state)?,
        workshop.join_code.as_str()
    );
    Ok(ConsolePage {
        join_qr: crate::ui::qr::svg(&join_url),
        join_url,
        room,
        sections,
    })
}

/// `POST /api/workshops/summary`: the summary, for facilitators, and for everyone taking
/// part once a facilitator has published it to the process.
#[server(prefix = "/api", endpoint = "workshops/summary")]
pub async fn load_summary(workshop_id: i64) -> Result<super::SummaryPage, AppError> {
    use super::{SummaryPage, SummaryStep};
    use crate::api::boundary::{roles_in, unexpected, viewer};
    use crate::domain::permissions::{ProcessAction, may_in_process};
    use crate::domain::workshop::agenda::StepKind;

    let (state, room) = room_for_member(workshop_id).await?;
    let db = &state.db;
    let workshop = crate::store::workshops::find(db, workshop_id)
        .await
        .map_err(unexpected("reading a workshop"))?
        .ok_or(AppError::Unexpected)?;
    let viewer = viewer(&state).await?;
    let roles = roles_in(&state, workshop.process, viewer.as_ref()).await?;
    let may_publish = may_in_process(viewer.as_ref(), &roles, ProcessAction::RunDecisions).is_ok();
    if !may_publish && workshop.summary_published_at.is_none() {
        return Err(AppError::Forbidden(
            "The facilitator has not published this workshop's summary yet.".into(),
        ));
    }
    let mut steps = Vec::new();
    for step in crate::store::workshops::steps(db, workshop.id)
        .await
        .map_err(unexpected("reading the agenda"))?
    {
        let mut summary = SummaryStep {
            title: step.title.as_str().to_string(),
            heading: None,
            comments: Vec::new(),
            vote: None,
            passed: None,
        };
        if let Some((document, key)) = step.kind.section() {
            summary.heading = crate::store::documents::latest(db, workshop.process, document)
                .await
                .map_err(unexpected("reading a version"))?
                .and_then(|l| {
                    l.content
                        .section(key)
                        .map(|s| s.heading.as_str().to_string())
                });
            if matches!(step.kind, StepKind::Comments { .. }) {
                summary.comments = super::live::comments_since(db, &workshop, document, key)
                    .await
                    .map_err(unexpected("reading comments"))?;
            }
        }
        if let StepKind::Vote { decision } = step.kind {
            summary.vote = super::live::vote(db, decision)
                .await
                .map_err(unexpected("reading a vote"))?;
            summary.passed = crate::store::decisions::find(db, decision)
                .await
                .map_err(unexpected("reading a vote"))?
                .and_then(|d| d.outcome.map(|o| o.passed));
        }
        steps.push(summary);
    }
    Ok(SummaryPage {
        room,
        created_at: workshop.created_at,
        published_at: workshop.summary_published_at,
        may_publish,
        steps,
    })
}
