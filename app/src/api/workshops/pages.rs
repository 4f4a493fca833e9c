//! The workshop pages' data: a process's workshops, the facilitator's console, the room as
//! the projector and phones first show it, and the summary.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::workshops::{
    ConsolePage, LiveRoom, LiveStep, RoomGuest, SummaryPage, WorkshopList,
};

/// `POST /api/workshops/list`: a process's workshops, for people taking part.
#[server(prefix = "/api", endpoint = "workshops/list")]
pub async fn list_workshops(process_id: i64) -> Result<WorkshopList, AppError> {
    let cx = crate::api::boundary::process_context(process_id).await?;
    crate::workflows::workshops::pages::list(&cx).await
}

/// `POST /api/workshops/room`: the room now, for the projector and phones of people taking
/// part.
#[server(prefix = "/api", endpoint = "workshops/room")]
pub async fn load_room(workshop_id: i64) -> Result<LiveRoom, AppError> {
    use crate::workflows::workshops::{in_context, pages};
    let (state, viewer) = crate::api::boundary::anyone().await?;
    let (cx, workshop) = in_context(&state, viewer, workshop_id).await?;
    pages::room_for_member(&cx, &workshop).await
}

/// `POST /api/workshops/step`: the current step as a phone shows it.
#[server(prefix = "/api", endpoint = "workshops/step")]
pub async fn load_step(workshop_id: i64) -> Result<LiveStep, AppError> {
    use crate::workflows::workshops::{in_context, pages, room};
    let (state, viewer) = crate::api::boundary::anyone().await?;
    let (cx, workshop) = in_context(&state, viewer, workshop_id).await?;
    Ok(room::for_phones(
        &pages::room_for_member(&cx, &workshop).await?,
    ))
}

/// `POST /api/workshops/console`: the room with what a facilitator needs to run it.
#[server(prefix = "/api", endpoint = "workshops/console")]
pub async fn load_console(workshop_id: i64) -> Result<ConsolePage, AppError> {
    use crate::api::boundary::{anyone, site_url};
    use crate::workflows::workshops::{in_context, pages};
    let (state, viewer) = anyone().await?;
    let (cx, workshop) = in_context(&state, viewer, workshop_id).await?;
    pages::console(&cx, &workshop, &site_url(&state)?).await
}

/// `POST /api/workshops/summary`: the summary, for facilitators, and for everyone taking
/// part once a facilitator has published it to the process.
#[server(prefix = "/api", endpoint = "workshops/summary")]
pub async fn load_summary(workshop_id: i64) -> Result<SummaryPage, AppError> {
    use crate::workflows::workshops::{in_context, pages};
    let (state, viewer) = crate::api::boundary::anyone().await?;
    let (cx, workshop) = in_context(&state, viewer, workshop_id).await?;
    pages::summary(&cx, &workshop).await
}

/// `POST /api/workshops/guests`: the people in the room without a role in the process, for
/// the facilitator's console (it asks again as people join).
#[server(prefix = "/api", endpoint = "workshops/guests")]
pub async fn load_guests(workshop_id: i64) -> Result<Vec<RoomGuest>, AppError> {
    use crate::workflows::workshops::{in_context, pages};
    let (state, viewer) = crate::api::boundary::anyone().await?;
    let (cx, workshop) = in_context(&state, viewer, workshop_id).await?;
    pages::guest_list(&cx, &workshop).await
}
