//! Opening and closing decisions (facilitators and process administrators).

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::decisions::OpenDecisionForm;

/// `POST /api/decisions/open`: a new decision; the form is [`OpenDecisionForm`].
#[server(prefix = "/api", endpoint = "decisions/open")]
pub async fn open_decision(
    process_id: i64,
    #[server(flatten)] form: OpenDecisionForm,
) -> Result<i64, AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    let request = form.try_into()?;
    let id = crate::workflows::decisions::opening::open(&cx, request).await?;
    redirect(&crate::routes::decision(cx.id(), id));
    Ok(id)
}

/// `POST /api/decisions/close`: closes a decision by hand and counts it; `true` if it passed.
#[server(prefix = "/api", endpoint = "decisions/close")]
/// From a workshop's console (`in_workshop`, the workshop whose step opened the vote) the
/// facilitator stays on the console; from anywhere else they see the decision's count.
pub async fn close_decision(decision_id: i64, in_workshop: Option<i64>) -> Result<bool, AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::decisions::{closing, in_context};
    let (state, viewer) = anyone().await?;
    let (cx, decision) = in_context(&state, viewer, decision_id).await?;
    let counted = closing::close_by_hand(&cx, &decision).await?;
    match in_workshop.filter(|w| decision.opened_in_workshop == Some(*w)) {
        Some(workshop) => redirect(&crate::routes::console(workshop)),
        None => redirect(&crate::routes::decision(cx.id(), decision_id)),
    }
    Ok(counted.outcome.passed)
}
