//! Commenting on a section (optionally quoting its words), replying in a thread, resolving
//! and reopening a thread, and reporting a comment.

use leptos::prelude::*;

use crate::api::AppError;

/// After a comment or reply: the discussion (or amendment) page, at the new comment.
#[cfg(feature = "ssr")]
fn comment_target(
    access: &crate::api::documents::access::DocumentAccess,
    key: u32,
    amendment: Option<i64>,
    id: i64,
) -> String {
    let page = match amendment {
        Some(a) => super::amendment_path(access.id().get(), access.kind, a),
        None => super::discussion_path(access.id().get(), access.kind, key),
    };
    format!("{page}?commented={id}#comment-{id}")
}

/// Refuses the comment when `person` has written too much too recently.
#[cfg(feature = "ssr")]
pub(crate) async fn check_rate(
    db: &crate::store::Db,
    person: crate::domain::PersonId,
    now: i64,
) -> Result<(), AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::deliberation::rate::CommentLimit;
    let since = now - CommentLimit::PERSON.window_seconds;
    let mut recent = crate::store::comments::written_since(db, person, since)
        .await
        .map_err(unexpected("counting recent comments"))?;
    recent.extend(
        crate::store::amendments::proposed_since(db, person, since)
            .await
            .map_err(unexpected("counting recent amendments"))?,
    );
    CommentLimit::PERSON.check(&recent, now).map_err(|message| {
        tracing::warn!(person = person.get(), "comment rate limit reached");
        AppError::TooManyAttempts(message)
    })
}

/// `POST /api/discussion/comment`: a comment on section `key` as it reads in `version`, or a
/// reply in thread `thread_id`; on an amendment when `amendment_id` is given. A quote must
/// be words that appear in the section.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "discussion/comment")]
pub async fn post_comment(
    process_id: i64,
    kind: String,
    key: u32,
    version: u32,
    body: String,
    quote: Option<String>,
    thread_id: Option<i64>,
    amendment_id: Option<i64>,
) -> Result<i64, AppError> {
    use crate::api::boundary::unexpected;
    use crate::api::documents::access::DocumentAccess;
    use crate::domain::deliberation::anchor::quote_appears;
    use crate::domain::deliberation::moderation::Visibility;
    use crate::domain::deliberation::{CommentBody, Quote};
    use crate::domain::document::SectionKey;
    use crate::domain::document::version::VersionNumber;
    use crate::domain::permissions::ProcessAction;
    use crate::store::comments::{self, NewComment};

    let access = DocumentAccess::load(process_id, &kind).await?;
    let author = access.require(ProcessAction::Comment, "comment")?;
    let parsed_body = CommentBody::parse(&body);
    let parsed_quote = Quote::parse_optional(quote.as_deref().unwrap_or(""));
    AppError::check_fields(vec![
        ("body", parsed_body.clone().err()),
        ("quote", parsed_quote.clone().err()),
    ])?;
    let (Ok(body), Ok(mut quote)) = (parsed_body, parsed_quote) else {
        return Err(AppError::Unexpected);
    };
    let db = &access.state.db;
    let not_found = || AppError::NotFound(format!("version {version} of this document"));
    let number = VersionNumber::new(version).ok_or_else(not_found)?;
    let read = crate::store::documents::version(db, access.id(), access.kind, number)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)?;
    let key = SectionKey::new(key);
    let section = read
        .content
        .section(key)
        .ok_or_else(|| AppError::NotFound("that section".into()))?;

    // A reply belongs to the thread's first comment, on the same section (or amendment).
    if let Some(thread) = thread_id {
        let first = comments::find(db, thread)
            .await
            .map_err(unexpected("reading a thread"))?
            .filter(|c| {
                c.thread.is_none()
                    && c.process == access.id()
                    && c.kind == access.kind
                    && c.section == key
                    && c.amendment == amendment_id
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
    if let Some(a) = amendment_id {
        crate::store::amendments::find(db, a)
            .await
            .map_err(unexpected("reading an amendment"))?
            .filter(|a| a.process == access.id() && a.kind == access.kind && a.section == key)
            .ok_or_else(|| AppError::NotFound("that amendment".into()))?;
    }
    if let Some(q) = &quote
        && !quote_appears(q, section.body.as_str())
    {
        return Err(AppError::invalid_fields(vec![(
            "quote",
            format!(
                "These words are not in this section as it reads in version {version}. Copy them exactly from the section, or leave this box empty."
            ),
        )]));
    }
    let now = crate::store::unix_now();
    check_rate(db, author.person, now).await?;
    let id = comments::insert(
        db,
        NewComment {
            process: access.id(),
            kind: access.kind,
            section: key,
            version: number,
            amendment: amendment_id,
            thread: thread_id,
            quote: quote.as_ref(),
            body: body.as_str(),
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
        process = process_id,
        comment = id,
        person = author.person.get(),
        "comment posted"
    );
    access.state.live.process_changed(access.id()).await;
    leptos_axum::redirect(&comment_target(&access, key.get(), amendment_id, id));
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
    use crate::api::boundary::{refused, unexpected};
    use crate::domain::deliberation::Reason;
    use crate::domain::permissions::may_resolve_thread;
    use crate::domain::text::TextError;

    let (access, first) = comment_in_context(thread_id).await?;
    if first.thread.is_some() {
        return Err(AppError::NotFound("that thread".into()));
    }
    let is_author =
        first.author.is_some() && first.author == access.viewer.as_ref().map(|v| v.person);
    may_resolve_thread(access.viewer.as_ref(), &access.roles, is_author)
        .map_err(|r| refused("resolve a thread", access.viewer.as_ref(), r))?;
    let person = access.viewer.ok_or(AppError::SignInRequired)?.person;
    let note = match Reason::parse(note.as_deref().unwrap_or("")) {
        Ok(n) => n.as_str().to_string(),
        Err(TextError::Empty) => String::new(),
        Err(e) => return Err(AppError::invalid("note", e)),
    };
    let resolution = reopen.is_none().then_some((person, note.as_str()));
    crate::store::comments::set_resolution(
        &access.state.db,
        first.id,
        resolution,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("resolving a thread"))?;
    leptos_axum::redirect(&format!(
        "{}#comment-{}",
        page_of(&access, &first),
        first.id
    ));
    Ok(())
}

/// `POST /api/discussion/report`: tells the facilitators a comment needs their attention.
#[server(prefix = "/api", endpoint = "discussion/report")]
pub async fn report_comment(comment_id: i64, reason: String) -> Result<(), AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::deliberation::Reason;
    use crate::domain::permissions::ProcessAction;

    let (access, comment) = comment_in_context(comment_id).await?;
    let reporter = access.require(ProcessAction::ReportComments, "report a comment")?;
    let reason = Reason::parse(&reason).map_err(|e| AppError::invalid("reason", e))?;
    let now = crate::store::unix_now();
    check_rate(&access.state.db, reporter.person, now).await?;
    crate::store::comments::report(
        &access.state.db,
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
    leptos_axum::redirect(&format!(
        "{}?reported={}#comment-{}",
        page_of(&access, &comment),
        comment.id,
        comment.id
    ));
    Ok(())
}

/// The comment `id` and the document it belongs to, as seen by whoever asks. A comment this
/// reader may not see (a draft's, to the public) is "not found".
#[cfg(feature = "ssr")]
pub(crate) async fn comment_in_context(
    id: i64,
) -> Result<
    (
        crate::api::documents::access::DocumentAccess,
        crate::store::comments::StoredComment,
    ),
    AppError,
> {
    use crate::api::boundary::{app_state, unexpected};
    use crate::api::documents::access::DocumentAccess;
    use crate::domain::permissions::ProcessAction;
    let state = app_state()?;
    let comment = crate::store::comments::find(&state.db, id)
        .await
        .map_err(unexpected("reading a comment"))?
        .ok_or_else(|| AppError::NotFound("that comment".into()))?;
    let access = DocumentAccess::load(comment.process.get(), comment.kind.slug()).await?;
    access.require(ProcessAction::ReadDrafts, "read the discussion")?;
    Ok((access, comment))
}

/// The page a comment is shown on.
#[cfg(feature = "ssr")]
pub(crate) fn page_of(
    access: &crate::api::documents::access::DocumentAccess,
    comment: &crate::store::comments::StoredComment,
) -> String {
    match comment.amendment {
        Some(a) => super::amendment_path(access.id().get(), access.kind, a),
        None => super::discussion_path(access.id().get(), access.kind, comment.section.get()),
    }
}
