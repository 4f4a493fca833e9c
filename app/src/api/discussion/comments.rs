//! Commenting on a section, replying in a thread, resolving and reopening a thread, and
//! reporting a comment.

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::discussion::CommentForm;

/// `POST /api/discussion/comment`: a comment ([`CommentForm`]) on section `key` as it reads
/// in `version`, or a reply in thread `thread_id`; on an amendment when `amendment_id` is
/// given. Goes back to the page, at the new comment.
#[server(prefix = "/api", endpoint = "discussion/comment")]
pub async fn post_comment(
    process_id: i64,
    kind: String,
    key: u32,
    version: u32,
    #[server(flatten)] form: CommentForm,
    thread_id: Option<i64>,
    amendment_id: Option<i64>,
) -> Result<i64, AppError> {
    use crate::api::boundary::{document_context, redirect};
    use crate::routes;
    use crate::workflows::discussion::comments::{CommentPlace, post};
    let access = document_context(process_id, &kind).await?;
    let place = CommentPlace {
        key,
        version,
        thread: thread_id,
        amendment: amendment_id,
    };
    let id = post(&access, place, form.try_into()?).await?;
    let page = match amendment_id {
        Some(a) => routes::amendment(access.id(), access.kind, a),
        None => routes::discussion(access.id(), access.kind, key),
    };
    redirect(&routes::at_comment(&format!("{page}?commented={id}"), id));
    Ok(id)
}

/// `POST /api/discussion/resolve`: marks a thread resolved ("addressed in version 7"), or
/// reopens it when `reopen` is given.
#[server(prefix = "/api", endpoint = "discussion/resolve")]
pub async fn resolve_thread(
    thread_id: i64,
    note: Option<String>,
    reopen: Option<String>,
) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::discussion::{comment_in_context, comments, page_of};
    let (state, viewer) = anyone().await?;
    let (access, first) = comment_in_context(&state, viewer, thread_id).await?;
    let note = crate::forms::discussion::optional_reason("note", &note)?;
    comments::resolve(&access, &first, note, reopen.is_some()).await?;
    redirect(&crate::routes::at_comment(
        &page_of(&access, &first),
        first.id,
    ));
    Ok(())
}

/// `POST /api/discussion/report`: tells the facilitators a comment needs their attention.
#[server(prefix = "/api", endpoint = "discussion/report")]
pub async fn report_comment(comment_id: i64, reason: String) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::discussion::{comment_in_context, comments, page_of};
    let (state, viewer) = anyone().await?;
    let (access, comment) = comment_in_context(&state, viewer, comment_id).await?;
    let reason = crate::forms::discussion::reason("reason", &reason)?;
    comments::report(&access, &comment, reason).await?;
    let page = format!("{}?reported={}", page_of(&access, &comment), comment.id);
    redirect(&crate::routes::at_comment(&page, comment.id));
    Ok(())
}
