//! Casting a ballot: one per person per decision, changeable until the decision closes.

use crate::domain::constituency::counted;
use crate::domain::decision::ballot::Ballot;
use crate::domain::decision::timing::{CLOSED, ballot_refusal};
use crate::domain::permissions::{ProcessAction, may_in_process};
use crate::error::{AppError, unexpected};
use crate::forms::decisions::BallotForm;
use crate::forms::refusal;
use crate::store::decisions::{self, Cast, StoredDecision};
use crate::workflows::ProcessContext;

/// Casts or changes the viewer's ballot; `true` when it replaced an earlier one.
pub async fn vote(
    cx: &ProcessContext,
    decision: &StoredDecision,
    form: &BallotForm,
) -> Result<bool, AppError> {
    let voter = cx.require(ProcessAction::Vote, "vote")?;
    let claims = crate::store::constituency_claims::claims_of(cx.db(), cx.id(), voter.person)
        .await
        .map_err(unexpected("reading constituencies"))?;
    let constituencies = counted(&claims);
    let now = crate::store::unix_now();
    let in_process = may_in_process(cx.viewer.as_ref(), &cx.roles, ProcessAction::Vote);
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
