//! Loading the discussion pages: a section's comments and amendments, one amendment with its
//! comments, and the facilitators' moderation queue.

use leptos::prelude::*;

use super::{AmendmentPage, ModerationPage, SectionDiscussion};
use crate::api::AppError;

/// Per-section activity of a document: open threads, undecided amendments and supports.
#[cfg(feature = "ssr")]
pub(crate) async fn document_activity(
    access: &crate::api::documents::access::DocumentAccess,
) -> Result<
    std::collections::BTreeMap<
        crate::domain::document::SectionKey,
        crate::domain::deliberation::activity::SectionActivity,
    >,
    AppError,
> {
    use crate::api::boundary::unexpected;
    let db = &access.state.db;
    let threads = crate::store::comments::thread_starts(db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading comments"))?;
    let amendments = crate::store::amendments::for_document(db, access.id(), access.kind, None)
        .await
        .map_err(unexpected("reading amendments"))?;
    Ok(activity_of(&threads, &amendments))
}

#[cfg(feature = "ssr")]
fn activity_of(
    threads: &[crate::store::comments::StoredComment],
    amendments: &[crate::store::amendments::StoredAmendment],
) -> std::collections::BTreeMap<
    crate::domain::document::SectionKey,
    crate::domain::deliberation::activity::SectionActivity,
> {
    use crate::domain::deliberation::activity::{AmendmentFact, ThreadFact, tally};
    use crate::domain::deliberation::moderation::Visibility;
    let threads: Vec<ThreadFact> = threads
        .iter()
        .filter(|c| c.thread.is_none() && c.amendment.is_none())
        .map(|c| ThreadFact {
            section: c.section,
            open: c.resolution.is_none(),
            visible: c.visibility == Visibility::Visible,
        })
        .collect();
    let amendments: Vec<AmendmentFact> = amendments
        .iter()
        .map(|a| AmendmentFact {
            section: a.section,
            undecided: a.state.is_undecided(),
            supports: u32::try_from(a.supports).unwrap_or(u32::MAX),
        })
        .collect();
    tally(&threads, &amendments)
}

/// The amendments of this document the viewer supports (none when signed out).
#[cfg(feature = "ssr")]
async fn supported_by_viewer(
    access: &crate::api::documents::access::DocumentAccess,
) -> Result<Vec<i64>, AppError> {
    match &access.viewer {
        Some(v) => crate::store::amendments::supported_by(
            &access.state.db,
            access.id(),
            access.kind,
            v.person,
        )
        .await
        .map_err(crate::api::boundary::unexpected("reading support")),
        None => Ok(Vec::new()),
    }
}

#[cfg(feature = "ssr")]
fn abilities(
    access: &crate::api::documents::access::DocumentAccess,
    comment_publicly: bool,
) -> super::DiscussionAbilities {
    use crate::domain::permissions::ProcessAction;
    super::DiscussionAbilities {
        comment: access.may(ProcessAction::Comment),
        propose: access.may(ProcessAction::ProposeAmendments),
        decide: access.may(ProcessAction::DecideAmendments),
        moderate: access.may(ProcessAction::Moderate),
        report: access.may(ProcessAction::ReportComments),
        comment_publicly,
    }
}

/// `POST /api/discussion/section`: a section with its comment threads and amendments, for
/// people taking part; for the public, the published section and (when the process allows
/// it) the form to comment.
#[server(prefix = "/api", endpoint = "discussion/section")]
pub async fn load_section_discussion(
    process_id: i64,
    kind: String,
    key: u32,
) -> Result<SectionDiscussion, AppError> {
    use super::HumanCheckView;
    use super::views::{Versions, amendment_view, threads};
    use crate::api::boundary::unexpected;
    use crate::api::documents::access::DocumentAccess;
    use crate::domain::deliberation::human_check::HumanCheck;
    use crate::domain::document::SectionKey;
    use crate::domain::markdown::render;
    use crate::domain::permissions::{ProcessAction, may_comment_publicly};
    use crate::store::{amendments, comments, documents};

    let access = DocumentAccess::load(process_id, &kind).await?;
    let member = access.may(ProcessAction::ReadDrafts);
    let db = &access.state.db;
    let shown = if member {
        documents::latest(db, access.id(), access.kind).await
    } else {
        match documents::current_publication(db, access.id(), access.kind)
            .await
            .map_err(unexpected("reading the publication"))?
        {
            Some(p) => documents::version(db, access.id(), access.kind, p.number).await,
            None => {
                access.require(ProcessAction::ReadDrafts, "read the discussion")?;
                Ok(None)
            }
        }
    }
    .map_err(unexpected("reading a version"))?
    .ok_or_else(|| AppError::NotFound("this document (it has not been started)".into()))?;
    let key = SectionKey::new(key);
    let section = shown
        .content
        .section(key)
        .ok_or_else(|| AppError::NotFound("that section".into()))?;
    let bylines = access.bylines().await?;
    let mut versions = Versions::new(&access);
    let (thread_views, amendment_views, activity) = if member {
        let stored = comments::on_section(db, access.id(), access.kind, key, None)
            .await
            .map_err(unexpected("reading comments"))?;
        let thread_views = threads(
            &access,
            &mut versions,
            &stored,
            (&shown.content, shown.number),
            &bylines,
        )
        .await?;
        let supported = supported_by_viewer(&access).await?;
        let stored_amendments = amendments::for_document(db, access.id(), access.kind, Some(key))
            .await
            .map_err(unexpected("reading amendments"))?;
        let mut amendment_views = Vec::with_capacity(stored_amendments.len());
        for a in &stored_amendments {
            amendment_views.push(
                amendment_view(a, &mut versions, &shown.content, &bylines, &supported).await?,
            );
        }
        let activity = activity_of(&stored, &stored_amendments)
            .get(&key)
            .copied()
            .unwrap_or_default();
        (thread_views, amendment_views, activity)
    } else {
        (Vec::new(), Vec::new(), Default::default())
    };
    let public_on = crate::store::processes::public_comments(db, access.id())
        .await
        .map_err(unexpected("reading a process setting"))?;
    // Shown to the public, the version is the published one.
    let comment_publicly = !member && may_comment_publicly(public_on, true).is_ok();
    let human_check = comment_publicly.then(|| {
        let seed = rand::random::<u32>() % 25;
        HumanCheckView {
            seed,
            question: HumanCheck::from_seed(seed).question(),
        }
    });
    let may = abilities(&access, comment_publicly);
    Ok(SectionDiscussion {
        kind: access.kind,
        key: key.get(),
        heading: section.heading.as_str().to_string(),
        html: render(section.body.as_str()),
        markdown: may.propose.then(|| section.body.as_str().to_string()),
        version: shown.number.get(),
        activity,
        threads: thread_views,
        amendments: amendment_views,
        may,
        signed_in: access.viewer.is_some(),
        human_check,
        process: access.process,
    })
}

/// `POST /api/discussion/amendment`: one amendment, its diff against the current text, its
/// support and its comment threads.
#[server(prefix = "/api", endpoint = "discussion/amendment")]
pub async fn load_amendment(amendment_id: i64) -> Result<AmendmentPage, AppError> {
    use super::views::{Versions, amendment_view, threads};
    use crate::api::boundary::unexpected;
    use crate::store::{comments, documents};

    let (access, amendment) = super::amendments::amendment_in_context(amendment_id).await?;
    let db = &access.state.db;
    let latest = documents::latest(db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or(AppError::Unexpected)?;
    let bylines = access.bylines().await?;
    let mut versions = Versions::new(&access);
    let heading = match latest.content.section(amendment.section) {
        Some(s) => s.heading.as_str().to_string(),
        None => versions
            .content(amendment.base)
            .await?
            .section(amendment.section)
            .map(|s| s.heading.as_str().to_string())
            .unwrap_or_default(),
    };
    let supported = supported_by_viewer(&access).await?;
    let view = amendment_view(
        &amendment,
        &mut versions,
        &latest.content,
        &bylines,
        &supported,
    )
    .await?;
    let stored = comments::on_section(
        db,
        access.id(),
        access.kind,
        amendment.section,
        Some(amendment.id),
    )
    .await
    .map_err(unexpected("reading comments"))?;
    let thread_views = threads(
        &access,
        &mut versions,
        &stored,
        (&latest.content, latest.number),
        &bylines,
    )
    .await?;
    Ok(AmendmentPage {
        kind: access.kind,
        heading,
        latest: latest.number.get(),
        amendment: view,
        threads: thread_views,
        may: abilities(&access, false),
        process: access.process,
    })
}

/// `POST /api/discussion/moderation`: the moderation queue and log of a process, for
/// facilitators and process administrators.
#[server(prefix = "/api", endpoint = "discussion/moderation")]
pub async fn load_moderation(process_id: i64) -> Result<ModerationPage, AppError> {
    use super::views::comment_view;
    use super::{LogLine, QueueItem};
    use crate::api::boundary::unexpected;
    use crate::api::documents::access::{DocumentAccess, FORMER_MEMBER};
    use crate::domain::document::DocumentKind;
    use crate::domain::permissions::ProcessAction;
    use crate::store::{comments, documents};

    let access = DocumentAccess::load(process_id, DocumentKind::Definition.slug()).await?;
    access.require(ProcessAction::Moderate, "moderate comments")?;
    let db = &access.state.db;
    let bylines = access.bylines().await?;
    let mut latest = std::collections::HashMap::new();
    for kind in DocumentKind::ALL {
        if let Some(v) = documents::latest(db, access.id(), kind)
            .await
            .map_err(unexpected("reading a version"))?
        {
            latest.insert(kind, v.content);
        }
    }
    let queue = comments::queue(db, access.id())
        .await
        .map_err(unexpected("reading the moderation queue"))?
        .into_iter()
        .filter_map(|(comment, reports)| {
            let view = comment_view(&comment, &bylines, true)?;
            let page = match comment.amendment {
                Some(a) => super::amendment_path(process_id, comment.kind, a),
                None => super::discussion_path(process_id, comment.kind, comment.section.get()),
            };
            Some(QueueItem {
                link: format!("{page}#comment-{}", comment.id),
                section_heading: latest
                    .get(&comment.kind)
                    .and_then(|c| c.section(comment.section))
                    .map(|s| format!("{}: {}", comment.kind.title(), s.heading.as_str()))
                    .unwrap_or_else(|| comment.kind.title().to_string()),
                from_public: comment.from_public,
                comment: view,
                reports,
            })
        })
        .collect();
    let log = comments::log(db, access.id())
        .await
        .map_err(unexpected("reading the moderation log"))?
        .into_iter()
        .map(|e| LogLine {
            comment: e.comment,
            action: e.action,
            actor: e
                .actor
                .and_then(|p| bylines.get(&p).cloned())
                .unwrap_or_else(|| FORMER_MEMBER.to_string()),
            reason: e.reason,
            at: e.at,
        })
        .collect();
    let public_comments = crate::store::processes::public_comments(db, access.id())
        .await
        .map_err(unexpected("reading a process setting"))?;
    Ok(ModerationPage {
        queue,
        log,
        public_comments,
        may_configure: access.may(ProcessAction::ConfigureProcess),
        process: access.process,
    })
}
