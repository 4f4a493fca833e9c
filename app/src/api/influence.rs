//! Whose words carried: the influence ledger.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::influence::InfluencePage;

/// `POST /api/influence/page`: the process's influence ledger (public).
#[server(prefix = "/api", endpoint = "influence/page")]
pub async fn load_influence(process_id: i64) -> Result<InfluencePage, AppError> {
    let cx = crate::api::boundary::process_context(process_id).await?;
    crate::workflows::influence::page(&cx).await
}
