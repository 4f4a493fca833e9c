//! The minority statement of an adopting decision: read by anyone, written and co-signed by
//! those who objected or agreed with reservations.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::minority::MinorityPage;

/// `POST /api/minority/page`: the annex and the statement of decision `decision_id`.
#[server(prefix = "/api", endpoint = "minority/page")]
pub async fn load_minority(decision_id: i64) -> Result<MinorityPage, AppError> {
    use crate::workflows::decisions::{in_context, minority};
    let (state, viewer) = crate::api::boundary::anyone().await?;
    let (cx, decision) = in_context(&state, viewer, decision_id).await?;
    minority::page(&cx, &decision).await
}

/// `POST /api/minority/write`: writes the statement (`statement`) over the text the writer
/// read (`revision`, 0 for none); the other signatures are taken off the old text.
#[server(prefix = "/api", endpoint = "minority/write")]
pub async fn write_statement(
    decision_id: i64,
    revision: i64,
    statement: String,
) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::decisions::{in_context, minority};
    let (state, viewer) = anyone().await?;
    let (cx, decision) = in_context(&state, viewer, decision_id).await?;
    let text = crate::forms::minority::statement(&statement)?;
    minority::write(&cx, &decision, revision, text).await?;
    redirect(&format!(
        "{}?written=1#statement",
        crate::routes::minority(cx.id(), decision_id)
    ));
    Ok(())
}

/// `POST /api/minority/sign`: co-signs the statement at `revision`.
#[server(prefix = "/api", endpoint = "minority/sign")]
pub async fn sign_statement(decision_id: i64, revision: i64) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::decisions::{in_context, minority};
    let (state, viewer) = anyone().await?;
    let (cx, decision) = in_context(&state, viewer, decision_id).await?;
    minority::sign(&cx, &decision, revision).await?;
    redirect(&format!(
        "{}?signed=1#statement",
        crate::routes::minority(cx.id(), decision_id)
    ));
    Ok(())
}

/// `POST /api/minority/unsign`: takes the viewer's signature back.
#[server(prefix = "/api", endpoint = "minority/unsign")]
pub async fn unsign_statement(decision_id: i64) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::decisions::{in_context, minority};
    let (state, viewer) = anyone().await?;
    let (cx, decision) = in_context(&state, viewer, decision_id).await?;
    minority::unsign(&cx, &decision).await?;
    redirect(&format!(
        "{}?unsigned=1#statement",
        crate::routes::minority(cx.id(), decision_id)
    ));
    Ok(())
}
