//! Setting up and running a workshop (facilitators and process administrators).

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::workshops::{HandsForm, MoveForm, StepForm};

/// `POST /api/workshops/create`: a new workshop in a process, with its join code.
/// `approve_comments` "yes": comments from phones wait for the facilitator before the
/// projector shows them. `meets_on` (optional, "2026-12-03"): the day it meets, when planned
/// ahead.
#[server(prefix = "/api", endpoint = "workshops/create")]
pub async fn create_workshop(
    process_id: i64,
    title: String,
    approve_comments: Option<String>,
    meets_on: Option<String>,
) -> Result<i64, AppError> {
    use crate::api::boundary::{process_context, redirect};
    use crate::domain::workshop::{WorkshopPlan, WorkshopTitle};
    let cx = process_context(process_id).await?;
    let title = WorkshopTitle::parse(&title).map_err(|e| AppError::invalid("title", e))?;
    let plan = WorkshopPlan {
        approve_comments: crate::forms::ticked("approve_comments", &approve_comments)?,
        meets_on: crate::forms::workshops::meets_on(meets_on.as_deref())?,
    };
    let id = crate::workflows::workshops::running::create(&cx, title, plan).await?;
    redirect(&crate::routes::console(id));
    Ok(id)
}

/// `POST /api/workshops/add-step`: adds a step at the end of the agenda ([`StepForm`]).
#[server(prefix = "/api", endpoint = "workshops/add-step")]
pub async fn add_step(
    workshop_id: i64,
    #[server(flatten)] form: StepForm,
) -> Result<usize, AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, facilitator) =
        as_facilitator(&state, viewer, workshop_id, "run a workshop").await?;
    let position = running::add_step(&cx, &workshop, facilitator.person, form.try_into()?).await?;
    redirect(&crate::routes::console(workshop_id));
    Ok(position)
}

/// `POST /api/workshops/move`: moves the room ([`MoveForm`]).
#[server(prefix = "/api", endpoint = "workshops/move")]
pub async fn move_room(
    workshop_id: i64,
    #[server(flatten)] form: MoveForm,
) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, _) = as_facilitator(&state, viewer, workshop_id, "run a workshop").await?;
    running::move_to(&cx, &workshop, form.try_into()?).await?;
    redirect(&crate::routes::console(workshop_id));
    Ok(())
}

/// `POST /api/workshops/hands`: a show of hands for the vote `decision_id` ([`HandsForm`]);
/// returns how many hands were counted.
#[server(prefix = "/api", endpoint = "workshops/hands")]
pub async fn enter_hands(
    workshop_id: i64,
    decision_id: i64,
    #[server(flatten)] form: HandsForm,
) -> Result<u32, AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, facilitator) =
        as_facilitator(&state, viewer, workshop_id, "run a workshop").await?;
    let hands = running::enter_hands(
        &cx,
        &workshop,
        facilitator.person,
        decision_id,
        form.try_into()?,
    )
    .await?;
    redirect(&crate::routes::console(workshop_id));
    Ok(hands)
}

/// `POST /api/workshops/said`: a facilitator types in a comment someone made aloud, on the
/// section of the current step; it is shown as "Said in the room".
#[server(prefix = "/api", endpoint = "workshops/said")]
pub async fn said_in_room(workshop_id: i64, body: String) -> Result<i64, AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::domain::deliberation::CommentBody;
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, facilitator) =
        as_facilitator(&state, viewer, workshop_id, "run a workshop").await?;
    let body = CommentBody::parse(&body).map_err(|e| AppError::invalid("body", e))?;
    let id = running::said_in_room(&cx, &workshop, facilitator.person, &body).await?;
    redirect(&crate::routes::console(workshop_id));
    Ok(id)
}

/// `POST /api/workshops/publish-summary`: everyone taking part in the process may then read
/// the workshop's summary.
#[server(prefix = "/api", endpoint = "workshops/publish-summary")]
pub async fn publish_summary(workshop_id: i64) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, facilitator) =
        as_facilitator(&state, viewer, workshop_id, "run a workshop").await?;
    running::publish_summary(&cx, &workshop, facilitator.person).await?;
    redirect(&format!(
        "{}?published=1",
        crate::routes::summary(workshop_id)
    ));
    Ok(())
}

/// `POST /api/workshops/close-joining`: the code on the screen stops working.
#[server(prefix = "/api", endpoint = "workshops/close-joining")]
pub async fn close_joining(workshop_id: i64) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, _) = as_facilitator(&state, viewer, workshop_id, "run a workshop").await?;
    running::close_joining(&cx, &workshop).await?;
    redirect(&crate::routes::console(workshop_id));
    Ok(())
}

/// `POST /api/workshops/room-size`: how many people are in the room (`people`, 1 to 1,000):
/// no show of hands may count more.
#[server(prefix = "/api", endpoint = "workshops/room-size")]
pub async fn set_room_size(workshop_id: i64, people: String) -> Result<u32, AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, _) = as_facilitator(&state, viewer, workshop_id, "run a workshop").await?;
    let people = crate::forms::workshops::room_size(&people)?;
    running::set_room_size(&cx, &workshop, people).await?;
    redirect(&crate::routes::console(workshop_id));
    Ok(people)
}

/// `POST /api/workshops/meets-on`: the day a workshop meets (`meets_on`, such as
/// 2026-12-03), or no day (empty), when plans change.
#[server(prefix = "/api", endpoint = "workshops/meets-on")]
pub async fn set_meets_on(workshop_id: i64, meets_on: Option<String>) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, _) = as_facilitator(&state, viewer, workshop_id, "plan a workshop").await?;
    let day = crate::forms::workshops::meets_on(meets_on.as_deref())?;
    running::set_meets_on(&cx, &workshop, day).await?;
    redirect(&format!("{}?planned=1", crate::routes::workshops(cx.id())));
    Ok(())
}

/// `POST /api/workshops/remove-guest`: a guest leaves the room; their ballots in open
/// decisions are withdrawn, with a record entry saying so.
#[server(prefix = "/api", endpoint = "workshops/remove-guest")]
pub async fn remove_guest(workshop_id: i64, person_id: i64) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, facilitator) =
        as_facilitator(&state, viewer, workshop_id, "run a workshop").await?;
    let guest = crate::domain::PersonId::new(person_id);
    running::remove_guest(&cx, &workshop, facilitator.person, guest).await?;
    redirect(&crate::routes::console(workshop_id));
    Ok(())
}

/// `POST /api/workshops/admit-guest`: a guest becomes a participant of the whole process.
#[server(prefix = "/api", endpoint = "workshops/admit-guest")]
pub async fn admit_guest(workshop_id: i64, person_id: i64) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::workshops::{as_facilitator, running};
    let (state, viewer) = anyone().await?;
    let (cx, workshop, facilitator) =
        as_facilitator(&state, viewer, workshop_id, "run a workshop").await?;
    let guest = crate::domain::PersonId::new(person_id);
    running::admit_guest(&cx, &workshop, facilitator.person, guest).await?;
    redirect(&crate::routes::console(workshop_id));
    Ok(())
}
