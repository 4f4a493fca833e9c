//! Loading a process's decisions and one decision with its results and record. Decisions are
//! public: anyone can see who took part (as each chose to appear), the rule and the count.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::decisions::{DecisionList, DecisionPage};

/// `POST /api/decisions/list`: a process's decisions, newest first.
#[server(prefix = "/api", endpoint = "decisions/list")]
pub async fn list_decisions(process_id: i64) -> Result<DecisionList, AppError> {
    let cx = crate::api::boundary::process_context(process_id).await?;
    crate::workflows::decisions::pages::list(&cx).await
}

/// `POST /api/decisions/page`: one decision, as this reader may see it.
#[server(prefix = "/api", endpoint = "decisions/page")]
pub async fn load_decision(decision_id: i64) -> Result<DecisionPage, AppError> {
    use crate::workflows::decisions::{in_context, pages};
    let (state, viewer) = crate::api::boundary::anyone().await?;
    let (cx, decision) = in_context(&state, viewer, decision_id).await?;
    pages::page(&cx, decision).await
}
