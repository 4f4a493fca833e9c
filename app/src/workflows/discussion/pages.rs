//! The discussion pages: a section's comments and amendments, one amendment with its
//! comments, and the facilitators' moderation queue.

use std::collections::BTreeMap;

use super::threads::{Versions, amendment_view, comment_view, listed, people_in, threads};
use crate::domain::deliberation::activity::{AmendmentFact, SectionActivity, ThreadFact, tally};
use crate::domain::deliberation::human_check::HumanCheck;
use crate::domain::deliberation::moderation::Visibility;
use crate::domain::document::render::section_body_html;
use crate::domain::document::{DocumentKind, SectionKey};
use crate::domain::paging::{PageError, PageOf, page, page_holding};
use crate::domain::permissions::{ProcessAction, may_comment_publicly};
use crate::error::AppError;
use crate::routes;
use crate::store::amendments::StoredAmendment;
use crate::store::comments::StoredComment;
use crate::store::{amendments, comments, documents};
use crate::views::discussion::{
    AmendmentPage, DiscussionAbilities, HumanCheckView, LogLine, ModerationPage, QueueItem,
    SectionDiscussion,
};
use crate::workflows::context::name_of;
use crate::workflows::documents::DocumentContext;
use crate::workflows::unexpected;

/// Per-section activity of a document: open threads, undecided amendments and supports.
pub async fn document_activity(
    access: &DocumentContext,
) -> Result<BTreeMap<SectionKey, SectionActivity>, AppError> {
    let db = access.db();
    let threads = comments::thread_starts(db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading comments"))?;
    let amendments = amendments::for_document(db, access.id(), access.kind, None)
        .await
        .map_err(unexpected("reading amendments"))?;
    Ok(activity_of(&threads, &amendments))
}

fn activity_of(
    threads: &[StoredComment],
    amendments: &[StoredAmendment],
) -> BTreeMap<SectionKey, SectionActivity> {
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
async fn supported_by_viewer(access: &DocumentContext) -> Result<Vec<i64>, AppError> {
    match &access.viewer {
        Some(v) => amendments::supported_by(access.db(), access.id(), access.kind, v.person)
            .await
            .map_err(unexpected("reading support")),
        None => Ok(Vec::new()),
    }
}

fn abilities(access: &DocumentContext, comment_publicly: bool) -> DiscussionAbilities {
    DiscussionAbilities {
        comment: access.may(ProcessAction::Comment),
        propose: access.may(ProcessAction::ProposeAmendments),
        decide: access.may(ProcessAction::DecideAmendments),
        moderate: access.may(ProcessAction::Moderate),
        report: access.may(ProcessAction::ReportComments),
        comment_publicly,
    }
}

/// How many comment threads a page of a section's discussion shows. A section with 200
/// comments was a 600 KB page, slow to send to a phone and to render on the server; fifty
/// threads, each with its tools to reply, resolve, report and hide, were still 166 KB and a
/// long scroll on a phone, and the dearest signed-in page to serve.
pub const THREADS_PER_PAGE: usize = 25;

/// Which page of a section's comment threads to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadsAt {
    /// Page `n`, from 1 (oldest threads first).
    Page(u32),
    /// The page holding this comment (the first of a thread or a reply), so a link to a
    /// comment finds it; page 1 when it is not shown here.
    Comment(i64),
}

/// The threads of `stored` that `at` asks for: the page's first comments with their replies,
/// the page's place among the pages and how many threads there are in all.
fn threads_page(
    stored: Vec<StoredComment>,
    moderator: bool,
    at: ThreadsAt,
) -> Result<(Vec<StoredComment>, PageOf, usize), AppError> {
    let firsts: Vec<i64> = stored
        .iter()
        .filter(|c| c.thread.is_none() && listed(c, moderator))
        .map(|c| c.id)
        .collect();
    let number = match at {
        ThreadsAt::Page(n) => n,
        ThreadsAt::Comment(id) => {
            let thread = stored
                .iter()
                .find(|c| c.id == id)
                .map(|c| c.thread.unwrap_or(c.id));
            thread
                .and_then(|t| firsts.iter().position(|f| *f == t))
                .map_or(1, |at| page_holding(at, THREADS_PER_PAGE))
        }
    };
    let count = firsts.len();
    let (on_page, of) = page(firsts, number, THREADS_PER_PAGE).map_err(|e| match e {
        PageError::Zero => AppError::invalid_fields(vec![("page", e.to_string())]),
        PageError::PastTheEnd { .. } => AppError::NotFound("that page of the comments".into()),
    })?;
    let shown = stored
        .into_iter()
        .filter(|c| on_page.contains(&c.thread.unwrap_or(c.id)))
        .collect();
    Ok((shown, of, count))
}

/// A section with its comment threads (a page at a time) and amendments, for people taking
/// part; for the public, the published section and (when the process allows it) the form to
/// comment.
pub async fn section(
    access: &DocumentContext,
    key: u32,
    at: ThreadsAt,
) -> Result<SectionDiscussion, AppError> {
    let member = access.may(ProcessAction::ReadDrafts);
    let db = access.db();
    let shown = if member {
        access.latest_version().await?
    } else {
        match documents::current_publication(db, access.id(), access.kind)
            .await
            .map_err(unexpected("reading the publication"))?
        {
            Some(p) => access.version_at(p.number).await?,
            None => {
                access.require(ProcessAction::ReadDrafts, "read the discussion")?;
                None
            }
        }
    }
    .ok_or_else(|| AppError::NotFound("this document (it has not been started)".into()))?;
    let shown_number = shown.meta.number;
    let key = SectionKey::new(key);
    let section = shown
        .content
        .section(key)
        .ok_or_else(|| AppError::NotFound("that section".into()))?;
    let mut versions = Versions::new(access);
    let (thread_views, threads_of, thread_count, amendment_views, activity) = if member {
        let stored = comments::on_section(db, access.id(), access.kind, key, None)
            .await
            .map_err(unexpected("reading comments"))?;
        let stored_amendments = amendments::for_document(db, access.id(), access.kind, Some(key))
            .await
            .map_err(unexpected("reading amendments"))?;
        let activity = activity_of(&stored, &stored_amendments)
            .get(&key)
            .copied()
            .unwrap_or_default();
        let (on_page, threads_of, thread_count) =
            threads_page(stored, access.may(ProcessAction::Moderate), at)?;
        // Only the people this page names.
        let bylines = access
            .bylines_of(people_in(&on_page, &stored_amendments))
            .await?;
        let thread_views = threads(
            access,
            &mut versions,
            &on_page,
            (&shown.content, shown_number),
            &bylines,
        )
        .await?;
        let supported = supported_by_viewer(access).await?;
        let mut amendment_views = Vec::with_capacity(stored_amendments.len());
        for a in &stored_amendments {
            amendment_views.push(
                amendment_view(a, &mut versions, &shown.content, &bylines, &supported).await?,
            );
        }
        (
            thread_views,
            threads_of,
            thread_count,
            amendment_views,
            activity,
        )
    } else {
        let only_page = PageOf {
            number: 1,
            pages: 1,
        };
        (Vec::new(), only_page, 0, Vec::new(), Default::default())
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
    let may = abilities(access, comment_publicly);
    let lists = crate::workflows::word_lists::of_process(access).await?;
    Ok(SectionDiscussion {
        language: if may.comment || may.propose {
            lists.language
        } else {
            Vec::new()
        },
        kind: access.kind,
        key: key.get(),
        heading: section.heading.as_str().to_string(),
        // The glossary's words, explained under the text and linked where they first appear.
        html: section_body_html(
            section,
            &crate::domain::glossary::used_in(
                &crate::domain::markdown::plain_text(section.body.as_str()),
                &lists.glossary,
            ),
            crate::domain::document::easy_read::Reading::Full,
        ),
        // An amendment starts from the section's words; from nothing while only the
        // template's question is there (nobody should have to delete a prompt first).
        markdown: may.propose.then(|| {
            let body = section.body.as_str();
            if crate::domain::document::templates::is_unwritten(body) {
                String::new()
            } else {
                body.to_string()
            }
        }),
        version: shown_number.get(),
        activity,
        threads: thread_views,
        threads_page: threads_of,
        thread_count,
        amendments: amendment_views,
        may,
        signed_in: access.viewer.is_some(),
        human_check,
        process: access.process.clone(),
    })
}

/// One amendment, its diff against the current text, its support and its comment threads.
pub async fn amendment(
    access: &DocumentContext,
    amendment: &StoredAmendment,
) -> Result<AmendmentPage, AppError> {
    let db = access.db();
    let latest = access.latest_version().await?.ok_or(AppError::Unexpected)?;
    let latest_number = latest.meta.number;
    let stored = comments::on_section(
        db,
        access.id(),
        access.kind,
        amendment.section,
        Some(amendment.id),
    )
    .await
    .map_err(unexpected("reading comments"))?;
    let bylines = access
        .bylines_of(people_in(&stored, std::slice::from_ref(amendment)))
        .await?;
    let mut versions = Versions::new(access);
    let heading = match latest.content.section(amendment.section) {
        Some(s) => s.heading.as_str().to_string(),
        None => versions
            .content(amendment.base)
            .await?
            .section(amendment.section)
            .map(|s| s.heading.as_str().to_string())
            .unwrap_or_default(),
    };
    let supported = supported_by_viewer(access).await?;
    let view = amendment_view(
        amendment,
        &mut versions,
        &latest.content,
        &bylines,
        &supported,
    )
    .await?;
    let thread_views = threads(
        access,
        &mut versions,
        &stored,
        (&latest.content, latest_number),
        &bylines,
    )
    .await?;
    Ok(AmendmentPage {
        kind: access.kind,
        heading,
        latest: latest_number.get(),
        amendment: view,
        threads: thread_views,
        may: abilities(access, false),
        process: access.process.clone(),
    })
}

/// The moderation queue and log of a process, for facilitators and process administrators.
pub async fn moderation(access: &DocumentContext) -> Result<ModerationPage, AppError> {
    access.require(ProcessAction::Moderate, "moderate comments")?;
    let db = access.db();
    let process = access.id();
    let stored_queue = comments::queue(db, process)
        .await
        .map_err(unexpected("reading the moderation queue"))?;
    let stored_log = comments::log(db, process)
        .await
        .map_err(unexpected("reading the moderation log"))?;
    let bylines = access
        .bylines_of(
            people_in(stored_queue.iter().map(|(c, _)| c), std::iter::empty())
                .into_iter()
                .chain(stored_log.iter().map(|e| e.actor)),
        )
        .await?;
    let mut latest = std::collections::HashMap::new();
    for kind in DocumentKind::ALL {
        if let Some(v) = documents::latest(db, process, kind)
            .await
            .map_err(unexpected("reading a version"))?
        {
            latest.insert(kind, v.content);
        }
    }
    let queue = stored_queue
        .into_iter()
        .filter_map(|(comment, reports)| {
            let view = comment_view(&access.state.markdown, &comment, &bylines, true)?;
            let page = match comment.amendment {
                Some(a) => routes::amendment(process, comment.kind, a),
                None => routes::discussion(process, comment.kind, comment.section.get()),
            };
            Some(QueueItem {
                link: routes::at_comment(&page, comment.id),
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
    let log = stored_log
        .into_iter()
        .map(|e| LogLine {
            comment: e.comment,
            action: e.action,
            actor: name_of(&bylines, e.actor),
            reason: e.reason,
            at: e.at,
        })
        .collect();
    let public_comments = crate::store::processes::public_comments(db, process)
        .await
        .map_err(unexpected("reading a process setting"))?;
    Ok(ModerationPage {
        queue,
        log,
        public_comments,
        may_configure: access.may(ProcessAction::ConfigureProcess),
        process: access.process.clone(),
    })
}
