//! Casting a ballot: one per person per decision, changeable until the decision closes.

use crate::domain::constituency::counted;
use crate::domain::decision::ballot::Ballot;
use crate::domain::decision::timing::{CLOSED, ballot_refusal};
use crate::domain::permissions::{ProcessAction, Refusal, may_in_process};
use crate::domain::workshop::guest_may_vote;
use crate::error::{AppError, refused};
use crate::forms::decisions::BallotForm;
use crate::forms::refusal;
use crate::store::decisions::{self, Cast, StoredDecision};
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// Whether the viewer may vote in `decision` at all: as someone taking part in the process,
/// or as a guest of the workshop whose step opened it (and of no other).
pub async fn may_vote_in(
    cx: &ProcessContext,
    decision: &StoredDecision,
) -> Result<Result<(), Refusal>, AppError> {
    let in_process = may_in_process(cx.viewer.as_ref(), &cx.roles, ProcessAction::Vote);
    if in_process.is_ok() {
        return Ok(in_process);
    }
    let (Some(viewer), Some(workshop)) = (cx.viewer, decision.opened_in_workshop) else {
        return Ok(in_process);
    };
    let attendee = crate::store::workshops::attendee(cx.db(), workshop, viewer.person)
        .await
        .map_err(unexpected("reading who is in the room"))?;
    let guest = attendee.is_some_and(|a| a.removed_at.is_none());
    Ok(
        if guest && guest_may_vote(workshop, decision.opened_in_workshop) {
            Ok(())
        } else {
            in_process
        },
    )
}

/// Casts or changes the viewer's ballot; `true` when it replaced an earlier one.
pub async fn vote(
    cx: &ProcessContext,
    decision: &StoredDecision,
    form: &BallotForm,
) -> Result<bool, AppError> {
    let in_process = may_vote_in(cx, decision).await?;
    if let Err(refusal) = &in_process {
        return Err(refused("vote", cx.viewer.as_ref(), refusal.clone()));
    }
    let voter = cx.viewer.ok_or(AppError::SignInRequired)?;
    let claims = crate::store::constituency_claims::claims_of(cx.db(), cx.id(), voter.person)
        .await
        .map_err(unexpected("reading constituencies"))?;
    let constituencies = counted(&claims);
    let now = crate::store::unix_now();
    if let Some(why) = ballot_refusal(
        decision.timing(),
        &decision.spec,
        in_process,
        &constituencies,
        now,
    ) {
        return Err(if decision.timing().is_open(now) {
            AppError::Forbidden(why)
        } else {
            AppError::Conflict(why)
        });
    }
    let (method, options) = (decision.spec.method, decision.spec.options.len());
    let ballot = Ballot::parse(method, options, form.input(method, options)?)
        .map_err(|e| refusal("ballot", e.to_string()))?;
    let cast = decisions::cast(
        cx.db(),
        decision,
        voter.person,
        &constituencies,
        &ballot,
        now,
    )
    .await
    .map_err(unexpected("casting a ballot"))?;
    if cast == Cast::Closed {
        return Err(AppError::Conflict(CLOSED.into()));
    }
    cx.state.live.decision_changed(decision.id).await;
    Ok(cast == Cast::Changed)
}
