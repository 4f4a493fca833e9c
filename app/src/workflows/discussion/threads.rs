//! Building what a reader sees from stored comments and amendments (server only): who wrote
//! each (as they chose to appear), what moderation lets this reader see, and where each
//! thread stands in the version being read.

use std::collections::HashMap;
use std::sync::Arc;

use crate::cache::markdown::MarkdownCache;
use crate::domain::PersonId;
use crate::domain::deliberation::amendment::currency;
use crate::domain::deliberation::anchor::{Anchor, follow};
use crate::domain::deliberation::moderation::{Shown, Visibility, shown};
use crate::domain::document::DocumentContent;
use crate::domain::document::diff::word_diff;
use crate::domain::document::version::VersionNumber;
use crate::domain::permissions::{ProcessAction, may_resolve_thread};
use crate::error::AppError;
use crate::store::amendments::StoredAmendment;
use crate::store::comments::StoredComment;
use crate::views::discussion::{AmendmentView, CommentView, ThreadView};
use crate::workflows::context::FORMER_MEMBER;
use crate::workflows::documents::DocumentContext;
use crate::workflows::unexpected;

/// The contents of versions, each read once per request.
pub struct Versions<'a> {
    access: &'a DocumentContext,
    loaded: HashMap<VersionNumber, Arc<DocumentContent>>,
}

impl<'a> Versions<'a> {
    pub fn new(access: &'a DocumentContext) -> Self {
        Self {
            access,
            loaded: HashMap::new(),
        }
    }

    /// Version `number`, from this page's own list, the instance's cache, or the database.
    pub async fn content(&mut self, number: VersionNumber) -> Result<&DocumentContent, AppError> {
        if !self.loaded.contains_key(&number) {
            let content = self
                .access
                .state
                .versions
                .content(self.access.db(), self.access.id(), self.access.kind, number)
                .await
                .map_err(unexpected("reading a version"))?
                .ok_or_else(|| AppError::NotFound(format!("version {number} of this document")))?;
            self.loaded.insert(number, content);
        }
        self.loaded
            .get(&number)
            .map(|c| c.as_ref())
            .ok_or(AppError::Unexpected)
    }
}

/// Who wrote a comment, as this reader may see them.
pub fn author_of(comment: &StoredComment, bylines: &HashMap<PersonId, String>) -> String {
    if comment.from_public {
        return match &comment.public_name {
            Some(name) => format!("{name} (a member of the public)"),
            None => "a member of the public".to_string(),
        };
    }
    comment
        .author
        .and_then(|a| bylines.get(&a).cloned())
        .unwrap_or_else(|| FORMER_MEMBER.to_string())
}

/// Whether the comment is listed for this reader at all (a hidden comment's notice is).
pub fn listed(comment: &StoredComment, moderator: bool) -> bool {
    !matches!(shown(&comment.visibility, moderator), Shown::NotListed)
}

/// The comment as this reader may see it; `None` when it is not listed for them.
pub fn comment_view(
    markdown: &MarkdownCache,
    comment: &StoredComment,
    bylines: &HashMap<PersonId, String>,
    moderator: bool,
) -> Option<CommentView> {
    let (html, moderator_note, hidden_reason) = match shown(&comment.visibility, moderator) {
        Shown::NotListed => return None,
        Shown::Text { note } => (Some(markdown.render(&comment.body).to_string()), note, None),
        Shown::HiddenNotice { reason } => (None, None, Some(reason)),
    };
    Some(CommentView {
        id: comment.id,
        author: author_of(comment, bylines),
        created_at: comment.created_at,
        html,
        moderator_note,
        hidden_reason,
        hidden: matches!(comment.visibility, Visibility::Hidden { .. }),
        awaiting_approval: comment.visibility == Visibility::AwaitingApproval,
    })
}

/// Everyone these comments and amendments name: authors, whoever resolved a thread, and
/// proposers (so a page reads only their profiles).
pub fn people_in<'a>(
    comments: impl IntoIterator<Item = &'a StoredComment>,
    amendments: impl IntoIterator<Item = &'a StoredAmendment>,
) -> Vec<Option<PersonId>> {
    comments
        .into_iter()
        .flat_map(|c| [c.author, c.resolution.as_ref().and_then(|r| r.by)])
        .chain(amendments.into_iter().map(|a| a.proposer))
        .collect()
}

/// Groups comments into threads (oldest first) and says where each stands in `latest`.
pub async fn threads(
    access: &DocumentContext,
    versions: &mut Versions<'_>,
    comments: &[StoredComment],
    latest: (&DocumentContent, VersionNumber),
    bylines: &HashMap<PersonId, String>,
) -> Result<Vec<ThreadView>, AppError> {
    let moderator = access.may(ProcessAction::Moderate);
    let mut out = Vec::new();
    for first in comments.iter().filter(|c| c.thread.is_none()) {
        let Some(first_view) = comment_view(&access.state.markdown, first, bylines, moderator)
        else {
            continue;
        };
        let replies = comments
            .iter()
            .filter(|c| c.thread == Some(first.id))
            .filter_map(|c| comment_view(&access.state.markdown, c, bylines, moderator))
            .collect();
        let anchor = Anchor {
            section: first.section,
            version: first.version,
            quote: first.quote.clone(),
        };
        let made_on = versions.content(first.version).await?;
        let anchor_now = follow(&anchor, made_on, latest.0, latest.1);
        let is_author =
            first.author.is_some() && first.author == access.viewer.as_ref().map(|v| v.person);
        out.push(ThreadView {
            first: first_view,
            replies,
            made_on: first.version.get(),
            quote: first.quote.as_ref().map(|q| q.as_str().to_string()),
            anchor: anchor_now,
            resolved: first.resolution.as_ref().map(|r| {
                let by =
                    r.by.and_then(|p| bylines.get(&p).cloned())
                        .unwrap_or_else(|| FORMER_MEMBER.to_string());
                if r.note.is_empty() {
                    format!("Resolved by {by}")
                } else {
                    format!("Resolved by {by}: {}", r.note)
                }
            }),
            may_resolve: may_resolve_thread(access.viewer.as_ref(), &access.roles, is_author)
                .is_ok(),
        });
    }
    Ok(out)
}

/// An amendment as shown: a diff from the section's current text, and whether it needs an
/// update because the section changed since it was proposed.
pub async fn amendment_view(
    amendment: &StoredAmendment,
    versions: &mut Versions<'_>,
    latest: &DocumentContent,
    bylines: &HashMap<PersonId, String>,
    supported: &[i64],
) -> Result<AmendmentView, AppError> {
    let base = versions.content(amendment.base).await?;
    let current_text = latest
        .section(amendment.section)
        .or_else(|| base.section(amendment.section))
        .map(|s| s.body.as_str().to_string())
        .unwrap_or_default();
    Ok(AmendmentView {
        id: amendment.id,
        key: amendment.section.get(),
        proposer: amendment
            .proposer
            .and_then(|p| bylines.get(&p).cloned())
            .unwrap_or_else(|| FORMER_MEMBER.to_string()),
        created_at: amendment.created_at,
        reason: amendment.reason.clone(),
        state: amendment.state.clone(),
        currency: currency(base, latest, amendment.section),
        base: amendment.base.get(),
        diff: word_diff(
            &crate::domain::markdown::plain_text(&current_text),
            &crate::domain::markdown::plain_text(amendment.body.as_str()),
        ),
        proposed_html: versions
            .access
            .state
            .markdown
            .render(amendment.body.as_str())
            .to_string(),
        supports: amendment.supports,
        supported_by_me: supported.contains(&amendment.id),
    })
}
