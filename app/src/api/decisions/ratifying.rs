//! Ratification by a commissioner of the version a passed decision adopted.

use leptos::prelude::*;

use crate::error::AppError;

/// `POST /api/decisions/ratify`: a commissioner of the process ratifies the version decision
/// `decision_id` adopted; returns the version's number.
#[server(prefix = "/api", endpoint = "decisions/ratify")]
pub async fn ratify_decision(decision_id: i64) -> Result<u32, AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::decisions::{in_context, ratifying};
    let (state, viewer) = anyone().await?;
    let (cx, decision) = in_context(&state, viewer, decision_id).await?;
    let number = ratifying::ratify(&cx, &decision).await?;
    redirect(&format!(
        "{}?ratified=1",
        crate::routes::decision(cx.id(), decision_id)
    ));
    Ok(number)
}
