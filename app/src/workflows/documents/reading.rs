//! Reading a document: its page, its history, one version, a comparison of two, and the
//! process's two documents as listed on its page.

use std::collections::HashMap;

use super::context::{DocumentContext, ReadVersion, meta_view};
use crate::domain::PersonId;
use crate::domain::document::DocumentContent;
use crate::domain::document::easy_read::{EasyReadState, Reading};
use crate::domain::document::version::VersionNumber;
use crate::domain::glossary::Entry;
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::store::documents;
use crate::views::documents::{
    ComparePage, DocumentPage, DocumentSummary, EasyReadCount, HistoryPage, HistoryRow,
    PublishedView, SectionView, VersionPage, VersionView,
};
use crate::workflows::unexpected;

fn version_view(
    access: &DocumentContext,
    version: &ReadVersion,
    names: &HashMap<PersonId, String>,
    published: &[u32],
    reading: Reading,
    glossary: &[Entry],
) -> VersionView {
    VersionView {
        meta: meta_view(&version.meta, names, published),
        sections: access
            .rendered(version, reading, glossary)
            .iter()
            .map(|s| SectionView {
                key: s.key,
                heading: s.heading.clone(),
                html: s.html.clone(),
            })
            .collect(),
        easy_read: easy_read_count(&version.content),
    }
}

/// How many sections of a version have an easy read, and how many of those are out of date.
fn easy_read_count(content: &DocumentContent) -> EasyReadCount {
    let states: Vec<_> = content
        .sections()
        .iter()
        .map(|s| s.easy_read_state())
        .collect();
    EasyReadCount {
        sections: states.len(),
        written: states
            .iter()
            .filter(|s| !matches!(s, EasyReadState::Missing))
            .count(),
        out_of_date: states
            .iter()
            .filter(|s| matches!(s, EasyReadState::OutOfDate(_)))
            .count(),
    }
}

fn published_view(p: &documents::Publication) -> PublishedView {
    PublishedView {
        number: p.number.get(),
        published_at: p.published_at,
        status: p.status,
    }
}

/// A version this reader may read: published ones for everyone, the rest for people taking
/// part. A draft is "not found" to others, so its existence is not revealed either.
async fn readable_version(
    access: &DocumentContext,
    number: u32,
    published: &[u32],
) -> Result<ReadVersion, AppError> {
    let not_found = || AppError::NotFound(format!("version {number} of this document"));
    let number_ok = VersionNumber::new(number).ok_or_else(not_found)?;
    if !published.contains(&number) && !access.may(ProcessAction::ReadDrafts) {
        access.require(ProcessAction::ReadDrafts, "read a draft version")?;
    }
    access.version_at(number_ok).await?.ok_or_else(not_found)
}

/// The latest version for people taking part; the published version for everyone else.
pub async fn page(access: &DocumentContext, reading: Reading) -> Result<DocumentPage, AppError> {
    let may = access.abilities();
    let db = access.db();
    let publication = documents::current_publication(db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading the publication"))?;
    let shown = if may.read_drafts {
        access.latest_version().await?
    } else if let Some(p) = &publication {
        access.version_at(p.number).await?
    } else {
        None
    };
    let published = access.published_numbers().await?;
    if let (Some(viewer), Some(v), true) = (access.cx.viewer, &shown, may.read_drafts) {
        // For "What needs me": which version this person last read. Reading never fails
        // because this could not be written (a full disk, say).
        if let Err(error) = crate::store::needs::record_read(
            db,
            viewer.person,
            access.id(),
            access.kind,
            v.meta.number.get(),
            crate::store::unix_now(),
        )
        .await
        {
            tracing::warn!(?error, "could not remember which version was read");
        }
    }
    let names = access
        .names_of(
            shown
                .iter()
                .flat_map(|v| [v.meta.author, v.meta.credit.and_then(|c| c.proposer)]),
        )
        .await?;
    let activity = if may.read_drafts {
        crate::workflows::discussion::pages::document_activity(access)
            .await?
            .into_iter()
            .map(|(key, a)| (key.get(), a))
            .collect()
    } else {
        Vec::new()
    };
    let public_comments_open = !may.read_drafts
        && publication.is_some()
        && crate::store::processes::public_comments(db, access.id())
            .await
            .map_err(unexpected("reading a process setting"))?;
    Ok(DocumentPage {
        activity,
        public_comments_open,
        kind: access.kind,
        shown: match shown {
            Some(v) => {
                let glossary = crate::workflows::word_lists::of_process(access)
                    .await?
                    .glossary;
                Some(version_view(
                    access, &v, &names, &published, reading, &glossary,
                ))
            }
            None => None,
        },
        reading,
        published: publication.as_ref().map(published_view),
        may,
        process: access.process.clone(),
    })
}

/// How many versions a page of history lists.
pub const HISTORY_PAGE_SIZE: usize = 50;

/// Who saved each version, when and why, newest first and [`HISTORY_PAGE_SIZE`] to a page;
/// the public sees the published versions only. Only the page's versions are read.
pub async fn history(access: &DocumentContext, page: u32) -> Result<HistoryPage, AppError> {
    use crate::domain::paging::{PageError, place};
    let may = access.abilities();
    let published = access.published_numbers().await?;
    let refused = |e: PageError| match e {
        PageError::Zero => AppError::invalid_fields(vec![("page", e.to_string())]),
        PageError::PastTheEnd { .. } => AppError::NotFound("that page of the history".into()),
    };
    // Page 0 is refused before anything is read.
    place(usize::MAX, page, HISTORY_PAGE_SIZE).map_err(refused)?;
    let size = u32::try_from(HISTORY_PAGE_SIZE).unwrap_or(u32::MAX);
    // One more than the page holds: the version before the page's last, to compare with.
    let (mut rows, count) = documents::history_page(
        access.db(),
        access.id(),
        access.kind,
        !may.read_drafts,
        (page - 1).saturating_mul(size),
        size + 1,
    )
    .await
    .map_err(unexpected("reading the history"))?;
    let page = place(
        usize::try_from(count).unwrap_or(usize::MAX),
        page,
        HISTORY_PAGE_SIZE,
    )
    .map_err(refused)?;
    let before: Vec<Option<u32>> = (0..rows.len())
        .map(|i| rows.get(i + 1).map(|m| m.number.get()))
        .collect();
    rows.truncate(HISTORY_PAGE_SIZE);
    let newest = newest_readable(access, &published).await?.unwrap_or(1);
    let names = access
        .names_of(
            rows.iter()
                .flat_map(|m| [m.author, m.credit.and_then(|c| c.proposer)]),
        )
        .await?;
    Ok(HistoryPage {
        kind: access.kind,
        versions: rows
            .iter()
            .zip(before)
            .map(|(m, before)| HistoryRow {
                version: meta_view(m, &names, &published),
                before,
            })
            .collect(),
        page,
        newest,
        may,
        process: access.process.clone(),
    })
}

/// The newest version this reader may read: the latest for people taking part, the newest
/// published one for everyone else.
async fn newest_readable(
    access: &DocumentContext,
    published: &[u32],
) -> Result<Option<u32>, AppError> {
    if !access.abilities().read_drafts {
        return Ok(published.iter().copied().max());
    }
    Ok(
        documents::latest_number(access.db(), access.id(), access.kind)
            .await
            .map_err(unexpected("reading the latest version"))?
            .map(|n| n.get()),
    )
}

/// One version, read-only.
pub async fn version(access: &DocumentContext, number: u32) -> Result<VersionPage, AppError> {
    let published = access.published_numbers().await?;
    let version = readable_version(access, number, &published).await?;
    let latest_number = documents::latest_number(access.db(), access.id(), access.kind)
        .await
        .map_err(unexpected("reading a version"))?
        .map_or(number, |n| n.get());
    let names = access
        .names_of([
            version.meta.author,
            version.meta.credit.and_then(|c| c.proposer),
        ])
        .await?;
    let published_now = documents::current_publication(access.db(), access.id(), access.kind)
        .await
        .map_err(unexpected("reading the publication"))?
        .map(|p| p.number.get());
    Ok(VersionPage {
        kind: access.kind,
        version: version_view(
            access,
            &version,
            &names,
            &published,
            Reading::Full,
            &crate::workflows::word_lists::of_process(access)
                .await?
                .glossary,
        ),
        latest_number,
        published_now,
        may: access.abilities(),
        process: access.process.clone(),
    })
}

/// What changed from one version to another, section by section and word by word.
pub async fn compare(
    access: &DocumentContext,
    from: u32,
    to: u32,
) -> Result<ComparePage, AppError> {
    let published = access.published_numbers().await?;
    let older = readable_version(access, from, &published).await?;
    let newer = readable_version(access, to, &published).await?;
    let names = access
        .names_of(
            [&older, &newer]
                .into_iter()
                .flat_map(|v| [v.meta.author, v.meta.credit.and_then(|c| c.proposer)]),
        )
        .await?;
    let newest = newest_readable(access, &published)
        .await?
        .unwrap_or(newer.meta.number.get());
    let meta = |v: &ReadVersion| meta_view(&v.meta, &names, &published);
    // Two versions never change, so neither does what changed between them.
    let sections = access.state.comparisons.compare(
        (access.id(), access.kind),
        (older.meta.number, &older.content),
        (newer.meta.number, &newer.content),
    );
    Ok(ComparePage {
        kind: access.kind,
        from: meta(&older),
        to: meta(&newer),
        newest,
        sections: sections.as_ref().clone(),
        process: access.process.clone(),
    })
}

/// The process's two documents, with what this reader may see of them.
pub async fn list(access: &DocumentContext) -> Result<Vec<DocumentSummary>, AppError> {
    use crate::domain::document::DocumentKind;
    let mut out = Vec::new();
    let db = access.db();
    let may_read_drafts = access.abilities().read_drafts;
    for kind in DocumentKind::ALL {
        let latest = if may_read_drafts {
            documents::latest_number(db, access.id(), kind)
                .await
                .map_err(unexpected("reading a version"))?
                .map(|n| n.get())
        } else {
            None
        };
        let published = documents::current_publication(db, access.id(), kind)
            .await
            .map_err(unexpected("reading the publication"))?
            .as_ref()
            .map(published_view);
        out.push(DocumentSummary {
            kind,
            latest,
            may_read_drafts,
            published,
        });
    }
    Ok(out)
}
