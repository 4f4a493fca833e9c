//! Joining a workshop with its code: as yourself when signed in, with a sign-in card, or as a
//! guest with a name and a constituency for this workshop only. No email needed. And a
//! comment from a phone at the room's current step.

use super::running::{WorkshopComment, comment_at_current_step};
use crate::domain::deliberation::CommentBody;
use crate::domain::deliberation::moderation::Visibility;
use crate::domain::permissions::ProcessAction;
use crate::domain::throttle::Attempt;
use crate::domain::workshop::agenda::Position;
use crate::domain::workshop::join_code::JoinCode;
use crate::domain::{PersonId, Viewer};
use crate::error::AppError;
use crate::forms::refusal;
use crate::forms::workshops::Newcomer;
use crate::state::AppState;
use crate::store::sign_in_codes::RedeemCode;
use crate::store::workshops::{self, JoinedWith, StoredWorkshop};
use crate::workflows::ProcessContext;
use crate::workflows::limits::attempt;
use crate::workflows::unexpected;

/// Who joined: the workshop, and the person a new session must be started for (a card
/// holder or a guest; `None` when they were already signed in).
pub struct Joined {
    pub workshop: i64,
    pub new_session: Option<PersonId>,
}

/// The workshop with this code, if it still takes people. Every attempt counts against the
/// network `address`, so codes cannot be guessed at machine speed.
pub async fn find_open(
    state: &AppState,
    code: &JoinCode,
    address: &str,
) -> Result<StoredWorkshop, AppError> {
    attempt(state, Attempt::CodeFromAddress, address)?;
    let workshop = workshops::find_by_code(&state.db, code)
        .await
        .map_err(unexpected("finding a workshop"))?
        .ok_or_else(|| {
            refusal(
                "code",
                "No workshop has that code. Please check it against the screen at the front.",
            )
        })?;
    if workshop.position == Position::Finished {
        return Err(AppError::Conflict(
            "This workshop has finished. Thank you for taking part.".into(),
        ));
    }
    if workshop.joining_closed_at.is_some() {
        return Err(AppError::Conflict(
            "The facilitator has closed joining for this workshop. If you are in the room, ask them.".into(),
        ));
    }
    Ok(workshop)
}

/// A signed-in person joins the room. The code on the wall is no invitation into the process:
/// someone without a role in it takes part in this workshop only, as its guest, until a
/// facilitator admits them.
pub async fn join_signed_in(
    state: &AppState,
    workshop: &StoredWorkshop,
    viewer: Viewer,
) -> Result<Joined, AppError> {
    let db = &state.db;
    let now = crate::store::unix_now();
    refuse_if_removed(state, workshop, viewer.person).await?;
    workshops::attend(db, workshop.id, viewer.person, JoinedWith::Account, now)
        .await
        .map_err(unexpected("recording attendance"))?;
    joined(state, workshop, None).await
}

/// Someone without a session joins with a card or as a guest, from network `address`.
pub async fn join_newcomer(
    state: &AppState,
    workshop: &StoredWorkshop,
    newcomer: Newcomer,
    address: &str,
) -> Result<Joined, AppError> {
    let db = &state.db;
    let now = crate::store::unix_now();
    let person = match newcomer {
        Newcomer::Card(card) => {
            attempt(state, Attempt::SameCode, card.as_str())?;
            let person = match crate::store::sign_in_codes::redeem(db, &card, now)
                .await
                .map_err(unexpected("redeeming a sign-in card"))?
            {
                // A card for this process makes a participant; a card for another still
                // signs them in, as a guest of this workshop.
                RedeemCode::Joined { person, .. } => person,
                refused => {
                    tracing::warn!(?refused, "a sign-in card was refused at a workshop");
                    return Err(refusal(
                        "card",
                        "That card cannot be used: it may have been used already, or expired. Join as a guest, or ask the facilitator for a new card.",
                    ));
                }
            };
            workshops::attend(db, workshop.id, person, JoinedWith::Card, now)
                .await
                .map_err(unexpected("recording attendance"))?;
            person
        }
        Newcomer::Guest { name, constituency } => {
            attempt(state, Attempt::GuestFromAddress, address)?;
            crate::store::guests::create(
                db,
                workshop.process,
                workshop.id,
                &name,
                constituency,
                now,
            )
            .await
            .map_err(unexpected("adding a guest"))?
        }
    };
    joined(state, workshop, Some(person)).await
}

/// A guest the facilitator removed does not come back in with the same account.
async fn refuse_if_removed(
    state: &AppState,
    workshop: &StoredWorkshop,
    person: PersonId,
) -> Result<(), AppError> {
    let attendee = workshops::attendee(&state.db, workshop.id, person)
        .await
        .map_err(unexpected("reading who is in the room"))?;
    if attendee.is_some_and(|a| a.removed_at.is_some()) {
        return Err(AppError::Forbidden(
            "The facilitator has asked you to leave this workshop.".into(),
        ));
    }
    Ok(())
}

async fn joined(
    state: &AppState,
    workshop: &StoredWorkshop,
    new_session: Option<PersonId>,
) -> Result<Joined, AppError> {
    state.live.changed(workshop.id).await;
    tracing::info!(workshop = workshop.id, "joined a workshop");
    Ok(Joined {
        workshop: workshop.id,
        new_session,
    })
}

/// A comment from a phone on the section of the current step. If the facilitator chose to
/// approve comments, it waits in the moderation queue before the projector shows it.
pub async fn comment(
    cx: &ProcessContext,
    workshop: &StoredWorkshop,
    body: &CommentBody,
) -> Result<i64, AppError> {
    let author =
        super::require_taking_part(cx, workshop, ProcessAction::Comment, "comment").await?;
    crate::workflows::limits::check_comment_rate(cx.db(), author.person, crate::store::unix_now())
        .await?;
    comment_at_current_step(
        cx,
        workshop,
        WorkshopComment {
            author: author.person,
            body,
            visibility: if workshop.approve_comments {
                Visibility::AwaitingApproval
            } else {
                Visibility::Visible
            },
            said_in_room: false,
        },
        "The room has moved on from gathering comments. Your words are still here: you can comment on this section from its discussion page.",
    )
    .await
}
