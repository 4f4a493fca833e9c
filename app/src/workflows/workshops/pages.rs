//! The workshop pages' data: a process's workshops, the facilitator's console, the room as
//! the projector and phones first show it (they then follow the live stream, and a plain
//! reload shows the same), and the summary afterwards.

use super::room;
use crate::domain::document::DocumentKind;
use crate::domain::permissions::ProcessAction;
use crate::domain::workshop::agenda::StepKind;
use crate::error::AppError;
use crate::store::workshops::StoredWorkshop;
use crate::views::workshops::{
    ConsolePage, LiveRoom, RoomGuest, SummaryPage, SummaryStep, WorkshopList, WorkshopSummary,
};
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// A process's workshops, for people taking part.
/// "Recovery café workshop, on 3 December 2026": the next workshop planned in the process.
pub async fn next_meeting(cx: &ProcessContext) -> Result<Option<String>, AppError> {
    let today = crate::domain::calendar::Day::of(crate::store::unix_now());
    let workshops = crate::store::workshops::for_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading workshops"))?;
    Ok(crate::domain::workshop::next_meeting(
        workshops.iter().map(|w| {
            let finished = w.summary_published_at.is_some()
                || w.position == crate::domain::workshop::agenda::Position::Finished;
            (w.title.as_str(), w.meets_on, finished)
        }),
        today,
    )
    .map(|(title, day)| format!("{title}, on {}", day.long())))
}

pub async fn list(cx: &ProcessContext) -> Result<WorkshopList, AppError> {
    cx.require(ProcessAction::ReadDrafts, "see workshops")?;
    let workshops = crate::store::workshops::for_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading workshops"))?
        .into_iter()
        .map(|w| WorkshopSummary {
            id: w.id,
            title: w.title.as_str().to_string(),
            position: w.position,
            created_at: w.created_at,
            meets_on: w.meets_on,
        })
        .collect();
    Ok(WorkshopList {
        process: cx.process.clone(),
        workshops,
        may_run: cx.may(ProcessAction::RunWorkshops),
    })
}

/// The room now, for people taking part: members of the process, and the workshop's guests
/// still in the room.
pub async fn room_for_member(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
) -> Result<LiveRoom, AppError> {
    super::require_taking_part(
        cx,
        workshop,
        ProcessAction::ReadDrafts,
        "take part in a workshop",
    )
    .await?;
    room::room(cx.db(), workshop.id)
        .await
        .map_err(unexpected("reading a workshop"))?
        .ok_or_else(|| AppError::NotFound("that workshop".into()))
}

/// The room with what a facilitator needs to run it: the sections a step can be about, and
/// the join address (from `site`, the address people reach the site at) with its QR code.
pub async fn console(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    site: &str,
) -> Result<ConsolePage, AppError> {
    cx.require(ProcessAction::RunWorkshops, "run a workshop")?;
    let room = room::room(cx.db(), workshop.id)
        .await
        .map_err(unexpected("reading a workshop"))?
        .ok_or(AppError::Unexpected)?;
    let mut sections = Vec::new();
    for document in DocumentKind::ALL {
        if let Some(latest) = crate::store::documents::latest(cx.db(), workshop.process, document)
            .await
            .map_err(unexpected("reading a version"))?
        {
            for s in latest.content.sections() {
                sections.push((document, s.key.get(), s.heading.as_str().to_string()));
            }
        }
    }
    let join_url = format!(
        "{site}{}?code={}",
        crate::routes::join_workshop(),
        workshop.join_code.as_str()
    );
    Ok(ConsolePage {
        join_qr: super::join_qr::svg(&join_url),
        join_url,
        room,
        sections,
        guests: guests(cx, workshop).await?,
        joining_closed: workshop.joining_closed_at.is_some(),
        room_size: workshop.room_size,
    })
}

/// The people in the room without a role in the process, with how each chose to appear:
/// for the facilitator, who may admit or remove them.
pub async fn guest_list(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
) -> Result<Vec<RoomGuest>, AppError> {
    cx.require(ProcessAction::RunWorkshops, "run a workshop")?;
    guests(cx, workshop).await
}

async fn guests(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
) -> Result<Vec<RoomGuest>, AppError> {
    let attendees = crate::store::workshops::attendees(cx.db(), workshop.id)
        .await
        .map_err(unexpected("reading who is in the room"))?;
    let members: std::collections::HashSet<_> = crate::store::memberships::all_in(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading roles"))?
        .into_iter()
        .map(|(person, _)| person)
        .collect();
    let names = cx
        .bylines_of(attendees.iter().map(|a| Some(a.person)))
        .await?;
    Ok(attendees
        .into_iter()
        .filter(|a| !members.contains(&a.person))
        .map(|a| RoomGuest {
            person_id: a.person.get(),
            shown_as: crate::workflows::context::name_of(&names, Some(a.person)),
            joined_at: a.joined_at,
            removed: a.removed_at.is_some(),
        })
        .collect())
}

/// The summary, for facilitators, and for everyone taking part once a facilitator has
/// published it to the process.
pub async fn summary(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
) -> Result<SummaryPage, AppError> {
    let room = room_for_member(cx, workshop).await?;
    let db = cx.db();
    let may_publish = cx.may(ProcessAction::RunWorkshops);
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
            record_fingerprint: None,
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
                summary.comments = room::comments_since(db, workshop, document, key)
                    .await
                    .map_err(unexpected("reading comments"))?;
            }
        }
        if let StepKind::Vote { decision } = step.kind {
            summary.vote = room::vote(db, decision)
                .await
                .map_err(unexpected("reading a vote"))?;
            summary.passed = crate::store::decisions::find(db, decision)
                .await
                .map_err(unexpected("reading a vote"))?
                .and_then(|d| d.outcome.map(|o| o.passed));
            summary.record_fingerprint = crate::store::participation_record::head(db, decision)
                .await
                .map_err(unexpected("reading a vote's record"))?;
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
