//! Joining a workshop with its code: as yourself when signed in, with a sign-in card, or as a
//! guest with a name and a constituency for this workshop only. No email needed. And a
//! comment from a phone at the room's current step.

use super::running::{WorkshopComment, comment_at_current_step};
use crate::domain::deliberation::CommentBody;
use crate::domain::deliberation::moderation::Visibility;
use crate::domain::permissions::ProcessAction;
use crate::domain::throttle::Limit;
use crate::domain::workshop::agenda::Position;
use crate::domain::workshop::join_code::JoinCode;
use crate::domain::{PersonId, ProcessRole, Viewer};
use crate::error::{AppError, unexpected};
use crate::forms::refusal;
use crate::forms::workshops::Newcomer;
use crate::state::AppState;
use crate::store::sign_in_codes::RedeemCode;
use crate::store::workshops::{self, JoinedWith, StoredWorkshop};
use crate::workflows::ProcessContext;
use crate::workflows::limits::count_attempt;

/// Who joined: the workshop, and the person a new session must be started for (a card
/// holder or a guest; `None` when they were already signed in).
pub struct Joined {
    pub workshop: i64,
    pub new_session: Option<PersonId>,
}

/// The workshop with this code, if it still takes people.
pub async fn find_open(state: &AppState, code: &JoinCode) -> Result<StoredWorkshop, AppError> {
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
    Ok(workshop)
}

/// A signed-in person joins: the code on the screen is their invitation into the process.
pub async fn join_signed_in(
    state: &AppState,
    workshop: &StoredWorkshop,
    viewer: Viewer,
) -> Result<Joined, AppError> {
    let db = &state.db;
    let now = crate::store::unix_now();
    let roles = crate::workflows::context::roles_in(state, workshop.process, Some(&viewer)).await?;
    if roles.is_empty() {
        crate::store::memberships::add(
            db.pool(),
            workshop.process,
            viewer.person,
            ProcessRole::Participant,
            now,
        )
        .await
        .map_err(unexpected("adding a participant"))?;
    }
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
            let person = match crate::store::sign_in_codes::redeem(db, &card, now)
                .await
                .map_err(unexpected("redeeming a sign-in card"))?
            {
                RedeemCode::Joined { person, process } if process == workshop.process => person,
                RedeemCode::Joined { person, .. } => {
                    // A card for another process still signs them in; they join this one too.
                    crate::store::memberships::add(
                        db.pool(),
                        workshop.process,
                        person,
                        ProcessRole::Participant,
                        now,
                    )
                    .await
                    .map_err(unexpected("adding a participant"))?;
                    person
                }
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
            count_attempt(
                state,
                &format!("guests:{address}"),
                Limit::GUESTS,
                now,
                |wait| {
                    format!(
                        "Many guests have joined from your connection just now. Please wait {wait}, or join with a sign-in card."
                    )
                },
            )?;
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
    let author = cx.require(ProcessAction::Comment, "comment")?;
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
