//! Keeping the discussion safe: moderating comments, the process setting for public
//! comments, and the public comment form.

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::discussion::PublicCommentForm;

/// `POST /api/discussion/moderate`: `action` is "hide" (needs a reason), "unhide", "approve"
/// (a public comment) or "dismiss" (leave it as it is; reports are closed). `back_to=queue`
/// returns to the moderation queue.
#[server(prefix = "/api", endpoint = "discussion/moderate")]
pub async fn moderate_comment(
    comment_id: i64,
    action: String,
    reason: Option<String>,
    back_to: Option<String>,
) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::forms::discussion::{moderation, optional_reason};
    use crate::workflows::discussion::{comment_in_context, page_of};
    let (state, viewer) = anyone().await?;
    let (access, comment) = comment_in_context(&state, viewer, comment_id).await?;
    let what = moderation(&action)?;
    let reason = optional_reason("reason", &reason)?;
    crate::workflows::discussion::moderation::moderate(&access, &comment, what, reason).await?;
    redirect(&match back_to.as_deref() {
        Some("queue") => crate::routes::moderation(access.id()),
        _ => crate::routes::at_comment(&page_of(&access, &comment), comment.id),
    });
    Ok(())
}

/// `POST /api/processes/public-comments`: a process administrator turns comments from the
/// public on published drafts on ("on") or off ("off").
#[server(prefix = "/api", endpoint = "processes/public-comments")]
pub async fn set_public_comments(
    process_id: i64,
    public_comments: String,
) -> Result<bool, AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    let on = crate::forms::discussion::on_or_off("public_comments", &public_comments)?;
    crate::workflows::discussion::moderation::set_public_comments(&cx, on).await?;
    redirect(&crate::routes::moderation(cx.id()));
    Ok(on)
}

/// `POST /api/discussion/public-comment`: a member of the public comments on a section of the
/// published version ([`PublicCommentForm`]), without an account, after the simple check.
#[server(prefix = "/api", endpoint = "discussion/public-comment")]
pub async fn post_public_comment(
    process_id: i64,
    kind: String,
    key: u32,
    #[server(flatten)] form: PublicCommentForm,
) -> Result<i64, AppError> {
    use crate::api::boundary::{client_address, document_context, redirect};
    let access = document_context(process_id, &kind).await?;
    let comment = form.try_into()?;
    let id = crate::workflows::discussion::moderation::post_public(
        &access,
        key,
        comment,
        &client_address().await,
    )
    .await?;
    redirect(&format!(
        "{}?sent=1",
        crate::routes::discussion(access.id(), access.kind, key)
    ));
    Ok(id)
}
