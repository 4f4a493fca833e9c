//! Reading a document: its page, its history, one version, a comparison of two, and the
//! process's two documents as listed on its page.

use std::collections::HashMap;

use super::context::{DocumentContext, meta_view};
use crate::domain::PersonId;
use crate::domain::document::DocumentContent;
use crate::domain::document::easy_read::{EasyReadState, Reading};
use crate::domain::document::render::{first_uses, section_body_html};
use crate::domain::document::version::VersionNumber;
use crate::domain::glossary::Entry;
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::store::documents::{self, StoredVersion};
use crate::views::documents::{
    ComparePage, DocumentPage, DocumentSummary, EasyReadCount, HistoryPage, HistoryRow,
    PublishedView, SectionView, VersionPage, VersionView,
};
use crate::workflows::unexpected;

fn version_view(
    version: &StoredVersion,
    names: &HashMap<PersonId, String>,
    published: &[u32],
    reading: Reading,
    glossary: &[Entry],
) -> VersionView {
    VersionView {
        meta: meta_view(&version.meta(), names, published),
        sections: version
            .content
            .sections()
            .iter()
            .zip(first_uses(&version.content, reading, glossary))
            .map(|(s, explained)| SectionView {
                key: s.key.get(),
                heading: s.heading.as_str().to_string(),
                html: section_body_html(s, &explained, reading),
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
) -> Result<StoredVersion, AppError> {
    let not_found = || AppError::NotFound(format!("version {number} of this document"));
    let number_ok = VersionNumber::new(number).ok_or_else(not_found)?;
    if !published.contains(&number) && !access.may(ProcessAction::ReadDrafts) {
        access.require(ProcessAction::ReadDrafts, "read a draft version")?;
    }
    documents::version(access.db(), access.id(), access.kind, number_ok)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)
}

/// The latest version for people taking part; the published version for everyone else.
pub async fn page(access: &DocumentContext, reading: Reading) -> Result<DocumentPage, AppError> {
    let may = access.abilities();
    let db = access.db();
    let publication = documents::current_publication(db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading the publication"))?;
    let shown = if may.read_drafts {
        documents::latest(db, access.id(), access.kind).await
    } else if let Some(p) = &publication {
        documents::version(db, access.id(), access.kind, p.number).await
    } else {
        Ok(None)
    }
    .map_err(unexpected("reading a version"))?;
    let published = access.published_numbers().await?;
    if let (Some(viewer), Some(v), true) = (access.cx.viewer, &shown, may.read_drafts) {
        // For "What needs me": which version this person last read. Reading never fails
        // because this could not be written (a full disk, say).
        if let Err(error) = crate::store::needs::record_read(
            db,
            viewer.person,
            access.id(),
            access.kind,
            v.number.get(),
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
                .flat_map(|v| [v.author, v.credit.and_then(|c| c.proposer)]),
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
                Some(version_view(&v, &names, &published, reading, &glossary))
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
/// the public sees the published versions only.
pub async fn history(access: &DocumentContext, page: u32) -> Result<HistoryPage, AppError> {
    use crate::domain::paging::{PageError, page as page_of};
    let may = access.abilities();
    let published = access.published_numbers().await?;
    let readable: Vec<_> = documents::history(access.db(), access.id(), access.kind)
        .await
        .map_err(unexpected("reading the history"))?
        .into_iter()
        .filter(|m| may.read_drafts || published.contains(&m.number.get()))
        .collect();
    // Each version with the one before it that this reader may read (to compare with), which
    // may be on the next page.
    let before: Vec<Option<u32>> = (0..readable.len())
        .map(|i| readable.get(i + 1).map(|m| m.number.get()))
        .collect();
    let newest = readable.first().map_or(1, |m| m.number.get());
    let rows: Vec<_> = readable.into_iter().zip(before).collect();
    let (rows, page) = page_of(rows, page, HISTORY_PAGE_SIZE).map_err(|e| match e {
        PageError::Zero => AppError::invalid_fields(vec![("page", e.to_string())]),
        PageError::PastTheEnd { .. } => AppError::NotFound("that page of the history".into()),
    })?;
    let names = access
        .names_of(
            rows.iter()
                .flat_map(|(m, _)| [m.author, m.credit.and_then(|c| c.proposer)]),
        )
        .await?;
    Ok(HistoryPage {
        kind: access.kind,
        versions: rows
            .iter()
            .map(|(m, before)| HistoryRow {
                version: meta_view(m, &names, &published),
                before: *before,
            })
            .collect(),
        page,
        newest,
        may,
        process: access.process.clone(),
    })
}

/// One version, read-only.
pub async fn version(access: &DocumentContext, number: u32) -> Result<VersionPage, AppError> {
    let published = access.published_numbers().await?;
    let version = readable_version(access, number, &published).await?;
    let latest_number = documents::latest(access.db(), access.id(), access.kind)
        .await
        .map_err(unexpected("reading a version"))?
        .map_or(number, |v| v.number.get());
    let names = access
        .names_of([version.author, version.credit.and_then(|c| c.proposer)])
        .await?;
    let published_now = documents::current_publication(access.db(), access.id(), access.kind)
        .await
        .map_err(unexpected("reading the publication"))?
        .map(|p| p.number.get());
    Ok(VersionPage {
        kind: access.kind,
        version: version_view(
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
    use crate::domain::document::diff::compare;
    let published = access.published_numbers().await?;
    let older = readable_version(access, from, &published).await?;
    let newer = readable_version(access, to, &published).await?;
    let names = access
        .names_of(
            [&older, &newer]
                .into_iter()
                .flat_map(|v| [v.author, v.credit.and_then(|c| c.proposer)]),
        )
        .await?;
    let newest = if access.abilities().read_drafts {
        documents::latest_number(access.db(), access.id(), access.kind)
            .await
            .map_err(unexpected("reading the latest version"))?
            .map(|n| n.get())
    } else {
        published.iter().copied().max()
    }
    .unwrap_or(newer.number.get());
    let meta = |v: &StoredVersion| meta_view(&v.meta(), &names, &published);
    Ok(ComparePage {
        kind: access.kind,
        from: meta(&older),
        to: meta(&newer),
        newest,
        sections: compare(&older.content, &newer.content),
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
            documents::latest(db, access.id(), kind)
                .await
                .map_err(unexpected("reading a version"))?
                .map(|v| v.number.get())
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
