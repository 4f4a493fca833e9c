//! Keeping the discussion safe: hiding and unhiding comments, approving public comments,
//! dismissing reports; the process setting for public comments; and the public comment form.

use leptos::prelude::*;

use crate::api::AppError;

/// `POST /api/discussion/moderate`: `action` is "hide" (needs a reason), "unhide",
/// "approve" (a public comment) or "dismiss" (leave it as it is; reports are closed).
#[server(prefix = "/api", endpoint = "discussion/moderate")]
pub async fn moderate_comment(
    comment_id: i64,
    action: String,
    reason: Option<String>,
    back_to: Option<String>,
) -> Result<(), AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::deliberation::Reason;
    use crate::domain::deliberation::moderation::{ModerationAction, apply};
    use crate::domain::permissions::ProcessAction;
    use crate::domain::text::TextError;

    let (access, comment) = super::comments::comment_in_context(comment_id).await?;
    let facilitator = access.require(ProcessAction::Moderate, "moderate comments")?;
    let reason = match Reason::parse(reason.as_deref().unwrap_or("")) {
        Ok(r) => Some(r),
        Err(TextError::Empty) => None,
        Err(e) => return Err(AppError::invalid("reason", e)),
    };
    let reason_text = reason.as_ref().map(|r| r.as_str()).unwrap_or("");
    let db = &access.state.db;
    let now = crate::store::unix_now();
    if action == "dismiss" {
        crate::store::comments::dismiss_reports(db, &comment, facilitator.person, reason_text, now)
            .await
            .map_err(unexpected("dismissing reports"))?;
    } else {
        let action = ModerationAction::parse(&action).ok_or(AppError::BadRequest)?;
        let to = apply(
            &comment.visibility,
            action,
            reason.as_ref().map(|r| r.as_str()),
        )
        .map_err(|why| match action {
            ModerationAction::Hide if reason.is_none() => {
                AppError::invalid_fields(vec![("reason", why.to_string())])
            }
            _ => AppError::Conflict(why.to_string()),
        })?;
        let changed = crate::store::comments::moderate(
            db,
            &comment,
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
                "Another facilitator changed this comment a moment ago. Reload to see it.".into(),
            ));
        }
        tracing::info!(
            comment = comment.id,
            person = facilitator.person.get(),
            action = action.slug(),
            "comment moderated"
        );
    }
    let target = match back_to.as_deref() {
        Some("queue") => super::moderation_path(access.id().get()),
        _ => format!(
            "{}#comment-{}",
            super::comments::page_of(&access, &comment),
            comment.id
        ),
    };
    access.state.live.process_changed(access.id()).await;
    leptos_axum::redirect(&target);
    Ok(())
}

/// `POST /api/processes/public-comments`: a process administrator turns comments from the
/// public on published drafts on ("on") or off ("off").
#[server(prefix = "/api", endpoint = "processes/public-comments")]
pub async fn set_public_comments(
    process_id: i64,
    public_comments: String,
) -> Result<bool, AppError> {
    use crate::api::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::ProcessId;
    use crate::domain::permissions::ProcessAction;
    let state = app_state()?;
    let id = ProcessId::new(process_id);
    let admin = authorise_in_process(
        &state,
        id,
        ProcessAction::ConfigureProcess,
        "change public comments",
    )
    .await?;
    let on = match public_comments.as_str() {
        "on" => true,
        "off" => false,
        _ => return Err(AppError::BadRequest),
    };
    crate::store::processes::set_public_comments(&state.db, id, on)
        .await
        .map_err(unexpected("changing public comments"))?;
    tracing::info!(
        process = process_id,
        person = admin.person.get(),
        on,
        "public comments changed"
    );
    leptos_axum::redirect(&super::moderation_path(process_id));
    Ok(on)
}

/// `POST /api/discussion/public-comment`: a member of the public comments on a section of the
/// published version, without an account, after the simple check. The comment waits for a
/// facilitator's approval. `website` is a trap field people never see; bots fill it in.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "discussion/public-comment")]
pub async fn post_public_comment(
    process_id: i64,
    kind: String,
    key: u32,
    name: Option<String>,
    body: String,
    check_seed: u32,
    check_answer: String,
    website: Option<String>,
) -> Result<i64, AppError> {
    use crate::api::boundary::{refused, unexpected};
    use crate::api::documents::access::DocumentAccess;
    use crate::domain::deliberation::human_check::HumanCheck;
    use crate::domain::deliberation::moderation::Visibility;
    use crate::domain::deliberation::rate::CommentLimit;
    use crate::domain::deliberation::{CommentBody, PublicName};
    use crate::domain::document::SectionKey;
    use crate::domain::permissions::may_comment_publicly;
    use crate::domain::throttle::Limit;
    use crate::store::comments::{self, NewComment};

    let access = DocumentAccess::load(process_id, &kind).await?;
    let db = &access.state.db;
    let public_on = crate::store::processes::public_comments(db, access.id())
        .await
        .map_err(unexpected("reading a process setting"))?;
    let publication = crate::store::documents::current_publication(db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading the publication"))?;
    may_comment_publicly(public_on, publication.is_some())
        .map_err(|r| refused("comment publicly", access.viewer.as_ref(), r))?;
    let Some(publication) = publication else {
        return Err(AppError::Unexpected);
    };
    let parsed_name = PublicName::parse_optional(name.as_deref().unwrap_or(""));
    let parsed_body = CommentBody::parse(&body);
    let check_passed = HumanCheck::from_seed(check_seed).passes(&check_answer);
    let mut errors = Vec::new();
    if let Err(e) = &parsed_name {
        errors.push(("name", e.to_string()));
    }
    if let Err(e) = &parsed_body {
        errors.push(("body", e.to_string()));
    }
    if !check_passed {
        errors.push((
            "check_answer",
            "That answer is not right. Please try the sum again.".to_string(),
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::invalid_fields(errors));
    }
    let (Ok(name), Ok(body)) = (parsed_name, parsed_body) else {
        return Err(AppError::Unexpected);
    };
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
    let path = super::discussion_path(process_id, access.kind, key.get());
    if website.is_some_and(|w| !w.trim().is_empty()) {
        // A bot: answer as if it worked, store nothing.
        tracing::warn!(process = process_id, "public comment trap field filled in");
        leptos_axum::redirect(&format!("{path}?sent=1"));
        return Ok(0);
    }
    // Public comments have no account to count by, so they are counted per address.
    let now = crate::store::unix_now();
    let limit = Limit {
        max_failures: CommentLimit::PUBLIC_ADDRESS.max,
        window_seconds: CommentLimit::PUBLIC_ADDRESS.window_seconds,
    };
    let address = format!(
        "public-comment:{}",
        crate::api::accounts::client_address().await
    );
    if let Err(wait) = access.state.throttle.check(&address, limit, now) {
        return Err(AppError::TooManyAttempts(format!(
            "Thank you: several comments have already come from your connection in the last hour. Please wait {} before sending another.",
            crate::domain::throttle::minutes(wait)
        )));
    }
    access.state.throttle.record_failure(&address, limit, now);
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
            body: body.as_str(),
            author: None,
            public_name: name.as_ref().map(|n| n.as_str()),
            visibility: Visibility::AwaitingApproval,
            said_in_room: false,
        },
        now,
    )
    .await
    .map_err(unexpected("saving a public comment"))?;
    tracing::info!(
        process = process_id,
        comment = id,
        "public comment waiting for approval"
    );
    leptos_axum::redirect(&format!("{path}?sent=1"));
    Ok(id)
}
