//! Closing a decision and what follows from it (server only). A decision closes by hand or
//! at its set time; the first reader after that time closes it, so several app instances
//! need no scheduler between them (the store's close is first-wins). When a vote on an
//! amendment closes, the amendment follows the result: accepted into a new version that
//! credits its proposer if it passed, declined if it did not.

use crate::domain::PersonId;
use crate::domain::decision::spec::FinalCount;
use crate::domain::decision::subject::DecisionSubject;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::decisions::{self, StoredDecision};
use crate::workflows::unexpected;

/// Closes `decision` now (`by` a person, or `None` at its set time) and follows up. `None`
/// when someone else closed it first.
pub async fn close_and_follow_up(
    state: &AppState,
    decision: &StoredDecision,
    by: Option<PersonId>,
) -> Result<Option<FinalCount>, AppError> {
    let now = crate::store::unix_now();
    let spec = decision.spec.clone();
    let k = decision.secrecy;
    let counted = decisions::close(&state.db, decision, by, now, |cast, closer| {
        spec.closing(cast, closer, k)
    })
    .await
    .map_err(unexpected("closing a decision"))?;
    if let Some(counted) = &counted {
        tracing::info!(
            decision = decision.id,
            passed = counted.outcome.passed,
            by_hand = by.is_some(),
            "decision closed"
        );
        if let DecisionSubject::Amendment { id } = decision.spec.subject {
            let acting = by.or(decision.opened_by);
            follow_amendment_vote(state, id, decision.id, counted.outcome.passed, acting, now)
                .await?;
        }
    }
    Ok(counted)
}

/// A facilitator closes `decision` by hand; refused when someone closed it first.
pub async fn close_by_hand(
    cx: &crate::workflows::ProcessContext,
    decision: &StoredDecision,
) -> Result<FinalCount, AppError> {
    use crate::domain::permissions::ProcessAction;
    let facilitator = cx.require(ProcessAction::RunDecisions, "close a decision")?;
    let counted = close_and_follow_up(&cx.state, decision, Some(facilitator.person))
        .await?
        .ok_or_else(|| AppError::Conflict("This decision has already been closed.".into()))?;
    cx.state.live.decision_changed(decision.id).await;
    Ok(counted)
}

/// `decision` as it stands now: if its closing time has passed and nobody has counted it yet,
/// this reader closes and counts it first.
pub async fn as_of_now(
    state: &AppState,
    decision: StoredDecision,
) -> Result<StoredDecision, AppError> {
    if !decision.timing().is_due(crate::store::unix_now()) {
        return Ok(decision);
    }
    close_and_follow_up(state, &decision, None).await?;
    decisions::find(&state.db, decision.id)
        .await
        .map_err(unexpected("reading a decision"))?
        .ok_or_else(|| AppError::NotFound("that decision".into()))
}

/// Closes every decision whose closing time has passed.
pub async fn close_due(state: &AppState) -> Result<(), AppError> {
    let due = decisions::due(&state.db, crate::store::unix_now())
        .await
        .map_err(unexpected("reading decisions due to close"))?;
    for decision in &due {
        close_and_follow_up(state, decision, None).await?;
    }
    Ok(())
}

/// Applies or declines amendment `id` after the vote on it closed. If it passed but cannot be
/// applied as it stands (its section was removed meanwhile), it stays "sent to a vote" for an
/// editor to decide by hand, and the reason is logged.
async fn follow_amendment_vote(
    state: &AppState,
    id: i64,
    decision: i64,
    passed: bool,
    acting: Option<PersonId>,
    now: i64,
) -> Result<(), AppError> {
    use crate::domain::deliberation::amendment::AmendmentState;
    use crate::workflows::discussion::amendments::{Applied, apply_amendment};

    let Some(acting) = acting else {
        return Ok(());
    };
    let Some(amendment) = crate::store::amendments::find(&state.db, id)
        .await
        .map_err(unexpected("reading an amendment"))?
    else {
        return Ok(());
    };
    if amendment.state != AmendmentState::SentToVote {
        return Ok(());
    }
    if passed {
        match apply_amendment(&state.db, &amendment, acting, now).await? {
            Applied::Saved(version) => {
                tracing::info!(
                    amendment = id,
                    decision,
                    version,
                    "amendment carried by vote"
                )
            }
            Applied::Refused(why) => {
                tracing::warn!(
                    amendment = id,
                    decision,
                    why,
                    "amendment carried but not applied"
                )
            }
            Applied::AlreadyDecided => {}
        }
    } else {
        let reason = format!("It did not pass the vote (decision {decision}).");
        crate::store::amendments::set_state(
            &state.db,
            id,
            &AmendmentState::Declined {
                reason: reason.clone(),
            },
            Some(&reason),
            acting,
            now,
        )
        .await
        .map_err(unexpected("declining an amendment"))?;
    }
    Ok(())
}
