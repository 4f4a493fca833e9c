//! Voting: one ballot per person per decision, changeable until the decision closes.

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::decisions::BallotForm;

/// `POST /api/decisions/vote`: casts or changes this person's ballot ([`BallotForm`]); `true`
/// when it replaced an earlier one. From a workshop's phone page, `workshop_id` sends the
/// person back there.
#[server(prefix = "/api", endpoint = "decisions/vote")]
pub async fn vote(
    decision_id: i64,
    #[server(flatten)] form: BallotForm,
    workshop_id: Option<i64>,
) -> Result<bool, AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::decisions::{in_context, voting};
    let (state, viewer) = anyone().await?;
    let (cx, decision) = in_context(&state, viewer, decision_id).await?;
    let changed = voting::vote(&cx, &decision, &form).await?;
    // From a workshop's phone page, back to it (the room follows the step there).
    let back = match workshop_id {
        Some(w) => crate::routes::phone(w),
        None => crate::routes::decision(cx.id(), decision_id),
    };
    redirect(&format!("{back}?voted=1"));
    Ok(changed)
}
