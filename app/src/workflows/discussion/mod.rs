//! Deliberation on the drafts: comments and threads (`comments`), amendments and their
//! verdicts (`amendments`), moderation and comments from the public (`moderation`), and the
//! pages that show them (`pages`, built from stored rows in `threads`).

pub mod amendments;
pub mod comments;
pub mod moderation;
pub mod pages;
pub mod threads;

use crate::domain::Viewer;
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::routes;
use crate::state::AppState;
use crate::store::amendments::StoredAmendment;
use crate::store::comments::StoredComment;
use crate::workflows::documents::DocumentContext;
use crate::workflows::unexpected;

/// Comment `id` and its document, for someone taking part. A comment this reader may not see
/// (a draft's, to the public) is "not found".
pub async fn comment_in_context(
    state: &AppState,
    viewer: Option<Viewer>,
    id: i64,
) -> Result<(DocumentContext, StoredComment), AppError> {
    let comment = crate::store::comments::find(&state.db, id)
        .await
        .map_err(unexpected("reading a comment"))?
        .ok_or_else(|| AppError::NotFound("that comment".into()))?;
    let access = DocumentContext::load(state, viewer, comment.process, comment.kind.slug()).await?;
    access.require(ProcessAction::ReadDrafts, "read the discussion")?;
    Ok((access, comment))
}

/// Amendment `id` and its document, for someone taking part.
pub async fn amendment_in_context(
    state: &AppState,
    viewer: Option<Viewer>,
    id: i64,
) -> Result<(DocumentContext, StoredAmendment), AppError> {
    let amendment = crate::store::amendments::find(&state.db, id)
        .await
        .map_err(unexpected("reading an amendment"))?
        .ok_or_else(|| AppError::NotFound("that amendment".into()))?;
    let access =
        DocumentContext::load(state, viewer, amendment.process, amendment.kind.slug()).await?;
    access.require(ProcessAction::ReadDrafts, "read amendments")?;
    Ok((access, amendment))
}

/// The page a comment is shown on: its section's discussion, or its amendment's page.
pub fn page_of(access: &DocumentContext, comment: &StoredComment) -> String {
    match comment.amendment {
        Some(a) => routes::amendment(access.id(), access.kind, a),
        None => routes::discussion(access.id(), access.kind, comment.section.get()),
    }
}
