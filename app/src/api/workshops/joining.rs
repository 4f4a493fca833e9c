//! Joining a workshop with its code: as yourself when signed in, with a sign-in card, or as a
//! guest with a name and a constituency for this workshop only. No email needed.

use leptos::prelude::*;

use crate::api::AppError;

/// `POST /api/workshops/join`: `code` is the workshop's code. Signed in: that is all. Else
/// `how` is "card" (with `card`, the sign-in card's code) or "guest" (with `name` and
/// `constituency`). Goes to the workshop's phone page.
#[server(prefix = "/api", endpoint = "workshops/join")]
pub async fn join_workshop(
    code: String,
    how: Option<String>,
    card: Option<String>,
    name: Option<String>,
    constituency: Option<String>,
) -> Result<i64, AppError> {
    use crate::api::boundary::{app_state, roles_in, start_session, unexpected, viewer};
    use crate::domain::workshop::GuestName;
    use crate::domain::workshop::agenda::Position;
    use crate::domain::workshop::join_code::JoinCode;
    use crate::domain::{Constituency, ProcessRole, SignInCode};
    use crate::store::sign_in_codes::RedeemCode;
    use crate::store::workshops::{self, JoinedWith};

    let state = app_state()?;
    let db = &state.db;
    let code = JoinCode::parse(&code)
        .map_err(|e| AppError::invalid_fields(vec![("code", e.to_string())]))?;
    let workshop = workshops::find_by_code(db, &code)
        .await
        .map_err(unexpected("finding a workshop"))?
        .ok_or_else(|| {
            AppError::invalid_fields(vec![(
                "code",
                "No workshop has that code. Please check it against the screen at the front."
                    .to_string(),
            )])
        })?;
    if workshop.position == Position::Finished {
        return Err(AppError::Conflict(
            "This workshop has finished. Thank you for taking part.".into(),
        ));
    }
    let now = crate::store::unix_now();
    let process = workshop.process;
    match viewer(&state).await? {
        Some(v) => {
            if roles_in(&state, process, Some(&v)).await?.is_empty() {
                // The code on the screen is the invitation into the process.
                crate::store::memberships::add(
                    db.pool(),
                    process,
                    v.person,
                    ProcessRole::Participant,
                    now,
                )
                .await
                .map_err(unexpected("adding a participant"))?;
            }
            workshops::attend(db, workshop.id, v.person, JoinedWith::Account, now)
                .await
                .map_err(unexpected("recording attendance"))?;
        }
        None => match how.as_deref() {
            Some("card") => {
                let card = SignInCode::parse(card.as_deref().unwrap_or(""))
                    .map_err(|e| AppError::invalid_fields(vec![("card", e.to_string())]))?;
                let person = match crate::store::sign_in_codes::redeem(db, &card, now)
                    .await
                    .map_err(unexpected("redeeming a sign-in card"))?
                {
                    RedeemCode::Joined { person, process: p } if p == process => person,
                    RedeemCode::Joined { person, .. } => {
                        // A card for another process still signs them in; they join this one too.
                        crate::store::memberships::add(
                            db.pool(),
                            process,
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
                        return Err(AppError::invalid_fields(vec![(
                            "card",
                            "That card cannot be used: it may have been used already, or expired. Join as a guest, or ask the facilitator for a new card.".to_string(),
                        )]));
                    }
                };
                start_session(&state, person).await?;
                workshops::attend(db, workshop.id, person, JoinedWith::Card, now)
                    .await
                    .map_err(unexpected("recording attendance"))?;
            }
            Some("guest") => {
                let name = GuestName::parse(name.as_deref().unwrap_or(""));
                let chosen = constituency.as_deref().and_then(Constituency::from_slug);
                AppError::check_fields(vec![("name", name.clone().err())])?;
                let (Ok(name), Some(chosen)) = (name, chosen) else {
                    return Err(AppError::invalid_fields(vec![(
                        "constituency",
                        "Please choose why you take part.".to_string(),
                    )]));
                };
                let limit = crate::domain::throttle::Limit::GUESTS;
                let address = format!("guests:{}", crate::api::accounts::client_address().await);
                if let Err(wait) = state.throttle.check(&address, limit, now) {
                    return Err(AppError::TooManyAttempts(format!(
                        "Many guests have joined from your connection just now. Please wait {}, or join with a sign-in card.",
                        crate::domain::throttle::minutes(wait)
                    )));
                }
                state.throttle.record_failure(&address, limit, now);
                let person =
                    crate::store::guests::create(db, process, workshop.id, &name, chosen, now)
                        .await
                        .map_err(unexpected("adding a guest"))?;
                start_session(&state, person).await?;
            }
            _ => {
                return Err(AppError::invalid_fields(vec![(
                    "how",
                    "Please choose how to join: with a sign-in card, or as a guest.".to_string(),
                )]));
            }
        },
    }
    state.live.changed(workshop.id).await;
    tracing::info!(workshop = workshop.id, "joined a workshop");
    leptos_axum::redirect(&super::phone_path(workshop.id));
    Ok(workshop.id)
}

/// `POST /api/workshops/comment`: a comment from a phone on the section of the current step.
/// If the facilitator chose to approve comments, it waits in the moderation queue before the
/// projector shows it.
#[server(prefix = "/api", endpoint = "workshops/comment")]
pub async fn comment_in_workshop(workshop_id: i64, body: String) -> Result<i64, AppError> {
    use super::running::{WorkshopComment, comment_at_current_step};
    use crate::api::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::deliberation::CommentBody;
    use crate::domain::deliberation::moderation::Visibility;
    use crate::domain::permissions::ProcessAction;

    let state = app_state()?;
    let workshop = crate::store::workshops::find(&state.db, workshop_id)
        .await
        .map_err(unexpected("reading a workshop"))?
        .ok_or_else(|| AppError::NotFound("that workshop".into()))?;
    let author =
        authorise_in_process(&state, workshop.process, ProcessAction::Comment, "comment").await?;
    let body = CommentBody::parse(&body).map_err(|e| AppError::invalid("body", e))?;
    crate::api::discussion::comments::check_rate(
        &state.db,
        author.person,
        crate::store::unix_now(),
    )
    .await?;
    let id = comment_at_current_step(
        &state,
        &workshop,
        WorkshopComment {
            author: author.person,
            body: &body,
            // Waits for the facilitator when they chose to approve comments first.
            visibility: if workshop.approve_comments {
                Visibility::AwaitingApproval
            } else {
                Visibility::Visible
            },
            said_in_room: false,
        },
        "The room has moved on from gathering comments. Your words are still here: you can comment on this section from its discussion page.",
    )
    .await?;
    leptos_axum::redirect(&format!("{}?commented=1", super::phone_path(workshop.id)));
    Ok(id)
}
