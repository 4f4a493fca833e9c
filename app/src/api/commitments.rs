//! Commitments after ratification: "You said, we did".

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::commitments::CommitmentsPage;

/// `POST /api/commitments/page`: every commitment of a process and where it stands (public).
#[server(prefix = "/api", endpoint = "commitments/page")]
pub async fn load_commitments(process_id: i64) -> Result<CommitmentsPage, AppError> {
    let cx = crate::api::boundary::process_context(process_id).await?;
    crate::workflows::commitments::page(&cx).await
}

/// `POST /api/commitments/add`: a commissioner or process administrator makes a commitment
/// on a section (`section`, its key) of document `kind`'s ratified version in force.
#[server(prefix = "/api", endpoint = "commitments/add")]
pub async fn add_commitment(
    process_id: i64,
    kind: String,
    section: u32,
    what: String,
    responsible: String,
    measure: String,
    due: String,
) -> Result<i64, AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    let (kind, new) =
        crate::forms::commitments::new_commitment(&kind, &what, &responsible, &measure, &due)?;
    let id = crate::workflows::commitments::add(&cx, kind, section, new).await?;
    redirect(&format!(
        "{}?added={id}#commitment-{id}",
        crate::routes::commitments(cx.id())
    ));
    Ok(id)
}

/// `POST /api/commitments/update`: where a commitment stands now (`status`), with a short
/// note of evidence (`note`; needed for "done" and "dropped").
#[server(prefix = "/api", endpoint = "commitments/update")]
pub async fn update_commitment(
    process_id: i64,
    commitment_id: i64,
    status: String,
    note: String,
) -> Result<(), AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    let update = crate::forms::commitments::update(&status, &note)?;
    crate::workflows::commitments::update(&cx, commitment_id, update).await?;
    redirect(&format!(
        "{}?updated={commitment_id}#commitment-{commitment_id}",
        crate::routes::commitments(cx.id())
    ));
    Ok(())
}

/// `POST /api/commitments/comment`: someone taking part comments (`body`) on update
/// `update_id` of one of the process's commitments.
#[server(prefix = "/api", endpoint = "commitments/comment")]
pub async fn comment_on_update(
    process_id: i64,
    update_id: i64,
    body: String,
) -> Result<i64, AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    let body = crate::forms::commitments::comment(&body)?;
    let id = crate::workflows::commitments::comment(&cx, update_id, body).await?;
    redirect(&format!(
        "{}?commented={id}#update-comment-{id}",
        crate::routes::commitments(cx.id())
    ));
    Ok(id)
}

/// `POST /api/commitments/hide-comment`: a facilitator hides comment `comment_id`.
#[server(prefix = "/api", endpoint = "commitments/hide-comment")]
pub async fn hide_update_comment(process_id: i64, comment_id: i64) -> Result<(), AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    crate::workflows::commitments::hide_comment(&cx, comment_id).await?;
    redirect(&format!(
        "{}#update-comment-{comment_id}",
        crate::routes::commitments(cx.id())
    ));
    Ok(())
}
