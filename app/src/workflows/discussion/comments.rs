//! Commenting on a section (optionally quoting its words), replying in a thread, resolving
//! and reopening a thread, and reporting a comment.

use crate::domain::deliberation::Reason;
use crate::domain::deliberation::anchor::quote_appears;
use crate::domain::deliberation::moderation::Visibility;
use crate::domain::document::SectionKey;
use crate::domain::document::version::VersionNumber;
use crate::domain::permissions::{ProcessAction, may_resolve_thread};
use crate::error::{AppError, refused};
use crate::forms::discussion::NewComment;
use crate::forms::refusal;
use crate::store::comments::{self, StoredComment};
use crate::workflows::documents::DocumentContext;
use crate::workflows::limits::check_comment_rate;
use crate::workflows::unexpected;

/// Where a comment goes: section `key` as it reads in `version`, a reply in thread `thread`,
/// on amendment `amendment`.
#[derive(Debug, Clone, Copy)]
pub struct CommentPlace {
    pub key: u32,
    pub version: u32,
    pub thread: Option<i64>,
    pub amendment: Option<i64>,
}

/// Saves a comment or reply; returns its id. A quote must be words that appear in the
/// section; a reply belongs to the thread's first comment on the same section (or amendment).
pub async fn post(
    access: &DocumentContext,
    place: CommentPlace,
    comment: NewComment,
) -> Result<i64, AppError> {
    let author = access.require(ProcessAction::Comment, "comment")?;
    let db = access.db();
    let version = place.version;
    let not_found = || AppError::NotFound(format!("version {version} of this document"));
    let number = VersionNumber::new(version).ok_or_else(not_found)?;
    let read = crate::store::documents::version(db, access.id(), access.kind, number)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)?;
    let key = SectionKey::new(place.key);
    let section = read
        .content
        .section(key)
        .ok_or_else(|| AppError::NotFound("that section".into()))?;
    let mut quote = comment.quote;
    if let Some(thread) = place.thread {
        let first = comments::find(db, thread)
            .await
            .map_err(unexpected("reading a thread"))?
            .filter(|c| {
                c.thread.is_none()
                    && c.process == access.id()
                    && c.kind == access.kind
                    && c.section == key
                    && c.amendment == place.amendment
            })
            .ok_or_else(|| AppError::NotFound("that thread".into()))?;
        if matches!(first.visibility, Visibility::Hidden { .. }) {
            return Err(AppError::Conflict(
                "A facilitator hid the first comment of this thread, so it takes no more replies."
                    .into(),
            ));
        }
        quote = None;
    }
    if let Some(a) = place.amendment {
        crate::store::amendments::find(db, a)
            .await
            .map_err(unexpected("reading an amendment"))?
            .filter(|a| a.process == access.id() && a.kind == access.kind && a.section == key)
            .ok_or_else(|| AppError::NotFound("that amendment".into()))?;
    }
    if let Some(q) = &quote
        && !quote_appears(q, section.body.as_str())
    {
        return Err(refusal(
            "quote",
            format!(
                "These words are not in this section as it reads in version {version}. Copy them exactly from the section, or leave this box empty."
            ),
        ));
    }
    let now = crate::store::unix_now();
    check_comment_rate(db, author.person, now).await?;
    let id = comments::insert(
        db,
        comments::NewComment {
            process: access.id(),
            kind: access.kind,
            section: key,
            version: number,
            amendment: place.amendment,
            thread: place.thread,
            quote: quote.as_ref(),
            body: comment.body.as_str(),
            author: Some(author.person),
            public_name: None,
            visibility: Visibility::Visible,
            said_in_room: false,
        },
        now,
    )
    .await
    .map_err(unexpected("saving a comment"))?;
    tracing::info!(
        process = access.id().get(),
        comment = id,
        person = author.person.get(),
        "comment posted"
    );
    access.state.live.process_changed(access.id()).await;
    Ok(id)
}

/// Marks a thread resolved (`note`: "addressed in version 7"), or reopens it (`note` is
/// `None` and `reopen` is set).
pub async fn resolve(
    access: &DocumentContext,
    first: &StoredComment,
    note: Option<Reason>,
    reopen: bool,
) -> Result<(), AppError> {
    if first.thread.is_some() {
        return Err(AppError::NotFound("that thread".into()));
    }
    let is_author =
        first.author.is_some() && first.author == access.viewer.as_ref().map(|v| v.person);
    may_resolve_thread(access.viewer.as_ref(), &access.roles, is_author)
        .map_err(|r| refused("resolve a thread", access.viewer.as_ref(), r))?;
    let person = access.viewer.ok_or(AppError::SignInRequired)?.person;
    let note = note.map(|n| n.as_str().to_string()).unwrap_or_default();
    let resolution = (!reopen).then_some((person, note.as_str()));
    comments::set_resolution(access.db(), first.id, resolution, crate::store::unix_now())
        .await
        .map_err(unexpected("resolving a thread"))
}

/// Tells the facilitators a comment needs their attention.
pub async fn report(
    access: &DocumentContext,
    comment: &StoredComment,
    reason: Reason,
) -> Result<(), AppError> {
    let reporter = access.require(ProcessAction::ReportComments, "report a comment")?;
    let now = crate::store::unix_now();
    check_comment_rate(access.db(), reporter.person, now).await?;
    comments::report(
        access.db(),
        comment.id,
        reporter.person,
        reason.as_str(),
        now,
    )
    .await
    .map_err(unexpected("reporting a comment"))?;
    tracing::info!(
        comment = comment.id,
        person = reporter.person.get(),
        "comment reported"
    );
    Ok(())
}
