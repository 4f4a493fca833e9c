//! Keeping the discussion safe: hiding and unhiding comments, approving public comments,
//! dismissing reports; the process setting for public comments; and comments from the public.

use crate::domain::deliberation::Reason;
use crate::domain::deliberation::moderation::{ModerationAction, Visibility, apply};
use crate::domain::document::SectionKey;
use crate::domain::permissions::{ProcessAction, may_comment_publicly};
use crate::domain::throttle::Attempt;
use crate::error::{AppError, refused};
use crate::forms::discussion::{Moderation, PublicComment};
use crate::forms::refusal;
use crate::store::comments::{self, NewComment, StoredComment};
use crate::workflows::ProcessContext;
use crate::workflows::documents::DocumentContext;
use crate::workflows::limits::attempt;
use crate::workflows::unexpected;

/// A facilitator hides (with a reason), unhides or approves a comment, or dismisses its
/// reports, leaving it as it is.
pub async fn moderate(
    access: &DocumentContext,
    comment: &StoredComment,
    what: Moderation,
    reason: Option<Reason>,
) -> Result<(), AppError> {
    let facilitator = access.require(ProcessAction::Moderate, "moderate comments")?;
    let reason_text = reason.as_ref().map_or("", |r| r.as_str());
    let db = access.db();
    let now = crate::store::unix_now();
    match what {
        Moderation::Dismiss => {
            comments::dismiss_reports(db, comment, facilitator.person, reason_text, now)
                .await
                .map_err(unexpected("dismissing reports"))?;
        }
        Moderation::Act(action) => {
            let to = apply(
                &comment.visibility,
                action,
                reason.as_ref().map(|r| r.as_str()),
            )
            .map_err(|why| match action {
                ModerationAction::Hide if reason.is_none() => refusal("reason", why),
                _ => AppError::Conflict(why.to_string()),
            })?;
            let changed = comments::moderate(
                db,
                comment,
                &comment.visibility,
                &to,
                action,
                facilitator.person,
                reason_text,
                now,
            )
            .await
            .map_err(unexpected("moderating a comment"))?;
            if !changed {
                return Err(AppError::Conflict(
                    "Another facilitator changed this comment a moment ago. Reload to see it."
                        .into(),
                ));
            }
            tracing::info!(
                comment = comment.id,
                person = facilitator.person.get(),
                action = action.slug(),
                "comment moderated"
            );
        }
    }
    access.state.live.process_changed(access.id()).await;
    Ok(())
}

/// A process administrator turns comments from the public on published drafts on or off.
pub async fn set_public_comments(cx: &ProcessContext, on: bool) -> Result<(), AppError> {
    let admin = cx.require(ProcessAction::ConfigureProcess, "change public comments")?;
    crate::store::processes::set_public_comments(cx.db(), cx.id(), on)
        .await
        .map_err(unexpected("changing public comments"))?;
    cx.state.live.public_pages_changed().await;
    tracing::info!(
        process = cx.id().get(),
        person = admin.person.get(),
        on,
        "public comments changed"
    );
    Ok(())
}

/// A member of the public comments on section `key` of the published version, without an
/// account. The comment waits for a facilitator's approval. Public comments have no account
/// to count by, so they are counted per network `address`. Returns the comment's id (0 for a
/// bot, which is answered as if it worked and stores nothing).
pub async fn post_public(
    access: &DocumentContext,
    key: u32,
    comment: PublicComment,
    address: &str,
) -> Result<i64, AppError> {
    let db = access.db();
    let public_on = crate::store::processes::public_comments(db, access.id())
        .await
        .map_err(unexpected("reading a process setting"))?;
    let publication = crate::store::documents::current_publication(db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading the publication"))?;
    may_comment_publicly(public_on, publication.is_some())
        .map_err(|r| refused("comment publicly", access.viewer.as_ref(), r))?;
    let publication = publication.ok_or(AppError::Unexpected)?;
    let version =
        crate::store::documents::version(db, access.id(), access.kind, publication.number)
            .await
            .map_err(unexpected("reading a version"))?
            .ok_or(AppError::Unexpected)?;
    let key = SectionKey::new(key);
    version
        .content
        .section(key)
        .ok_or_else(|| AppError::NotFound("that section".into()))?;
    if comment.from_a_bot {
        tracing::warn!(
            process = access.id().get(),
            "public comment trap field filled in"
        );
        return Ok(0);
    }
    let now = crate::store::unix_now();
    attempt(&access.state, Attempt::PublicCommentFromAddress, address)?;
    let id = comments::insert(
        db,
        NewComment {
            process: access.id(),
            kind: access.kind,
            section: key,
            version: publication.number,
            amendment: None,
            thread: None,
            quote: None,
            body: comment.body.as_str(),
            author: None,
            public_name: comment.name.as_ref().map(|n| n.as_str()),
            visibility: Visibility::AwaitingApproval,
            said_in_room: false,
        },
        now,
    )
    .await
    .map_err(unexpected("saving a public comment"))?;
    tracing::info!(
        process = access.id().get(),
        comment = id,
        "public comment waiting for approval"
    );
    Ok(id)
}
