//! Loading the discussion pages: a section's comments and amendments, one amendment with its
//! comments, and the facilitators' moderation queue.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::discussion::{AmendmentPage, ModerationPage, SectionDiscussion};

/// `POST /api/discussion/section`: a section with its comment threads (page `page`, or the
/// page holding `comment`, or else page 1) and amendments, for people taking part; for the
/// public, the published section and (when the process allows it) the form to comment.
#[server(prefix = "/api", endpoint = "discussion/section")]
pub async fn load_section_discussion(
    process_id: i64,
    kind: String,
    key: u32,
    page: Option<u32>,
    comment: Option<i64>,
) -> Result<SectionDiscussion, AppError> {
    use crate::workflows::discussion::pages::{ThreadsAt, section};
    let access = crate::api::boundary::document_context(process_id, &kind).await?;
    let at = match (page, comment) {
        (Some(n), _) => ThreadsAt::Page(n),
        (None, Some(id)) => ThreadsAt::Comment(id),
        (None, None) => ThreadsAt::Page(1),
    };
    section(&access, key, at).await
}

/// `POST /api/discussion/amendment`: one amendment, its diff against the current text, its
/// support and its comment threads.
#[server(prefix = "/api", endpoint = "discussion/amendment")]
pub async fn load_amendment(amendment_id: i64) -> Result<AmendmentPage, AppError> {
    use crate::workflows::discussion::{amendment_in_context, pages};
    let (state, viewer) = crate::api::boundary::anyone().await?;
    let (access, amendment) = amendment_in_context(&state, viewer, amendment_id).await?;
    pages::amendment(&access, &amendment).await
}

/// `POST /api/discussion/moderation`: the moderation queue and log of a process, for
/// facilitators and process administrators.
#[server(prefix = "/api", endpoint = "discussion/moderation")]
pub async fn load_moderation(process_id: i64) -> Result<ModerationPage, AppError> {
    use crate::domain::document::DocumentKind;
    let access =
        crate::api::boundary::document_context(process_id, DocumentKind::Definition.slug()).await?;
    crate::workflows::discussion::pages::moderation(&access).await
}
