//! Reading a document: its page, its history, one version, and a comparison of two.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::access::{DocumentAccess, meta_view};
use super::{ComparePage, DocumentPage, DocumentSummary, HistoryPage, VersionPage};
#[cfg(feature = "ssr")]
use super::{PublishedView, SectionView, VersionView};
use crate::api::AppError;

#[cfg(feature = "ssr")]
fn version_view(
    version: &crate::store::documents::StoredVersion,
    names: &std::collections::HashMap<crate::domain::PersonId, String>,
    published: &[u32],
) -> VersionView {
    use crate::domain::markdown::render;
    VersionView {
        meta: meta_view(&version.meta(), names, published),
        sections: version
            .content
            .sections()
            .iter()
            .map(|s| SectionView {
                key: s.key.get(),
                heading: s.heading.as_str().to_string(),
                html: render(s.body.as_str()),
            })
            .collect(),
    }
}

/// Finds a version this reader may read: published ones for everyone, the rest for people
/// taking part. A draft is "not found" to others, so its existence is not revealed either.
#[cfg(feature = "ssr")]
async fn readable_version(
    access: &DocumentAccess,
    number: u32,
    published: &[u32],
) -> Result<crate::store::documents::StoredVersion, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::document::version::VersionNumber;
    use crate::domain::permissions::ProcessAction;
    let not_found = || AppError::NotFound(format!("version {number} of this document"));
    let number_ok = VersionNumber::new(number).ok_or_else(not_found)?;
    if !published.contains(&number) && !access.may(ProcessAction::ReadDrafts) {
        access.require(ProcessAction::ReadDrafts, "read a draft version")?;
    }
    crate::store::documents::version(&access.state.db, access.id(), access.kind, number_ok)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)
}

/// `POST /api/documents/page`: the latest version for people taking part; the published
/// version for everyone else.
#[server(prefix = "/api", endpoint = "documents/page")]
pub async fn load_document(process_id: i64, kind: String) -> Result<DocumentPage, AppError> {
    use crate::api::boundary::unexpected;
    use crate::store::documents;
    let access = DocumentAccess::load(process_id, &kind).await?;
    let may = access.abilities();
    let db = &access.state.db;
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
    let names = access.names().await?;
    let activity = if may.read_drafts {
        crate::api::discussion::pages::document_activity(&access)
            .await?
            .into_iter()
            .map(|(key, a)| (key.get(), a))
            .collect()
    } else {
        Vec::new()
    };
    let public_comments_open = !may.read_drafts
        && publication.is_some()
        && crate::store::processes::public_comments(&access.state.db, access.id())
            .await
            .map_err(unexpected("reading a process setting"))?;
    Ok(DocumentPage {
        activity,
        public_comments_open,
        kind: access.kind,
        shown: shown.map(|v| version_view(&v, &names, &published)),
        published: publication.map(|p| PublishedView {
            number: p.number.get(),
            published_at: p.published_at,
            status: p.status,
        }),
        may,
        process: access.process,
    })
}

/// `POST /api/documents/history`: who saved each version, when and why; the public sees the
/// published versions only.
#[server(prefix = "/api", endpoint = "documents/history")]
pub async fn document_history(process_id: i64, kind: String) -> Result<HistoryPage, AppError> {
    use crate::api::boundary::unexpected;
    let access = DocumentAccess::load(process_id, &kind).await?;
    let may = access.abilities();
    let published = access.published_numbers().await?;
    let names = access.names().await?;
    let versions = crate::store::documents::history(&access.state.db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading the history"))?
        .iter()
        .map(|m| meta_view(m, &names, &published))
        .filter(|m| may.read_drafts || m.published)
        .collect();
    Ok(HistoryPage {
        kind: access.kind,
        versions,
        may,
        process: access.process,
    })
}

/// `POST /api/documents/version`: one version, read-only.
#[server(prefix = "/api", endpoint = "documents/version")]
pub async fn read_version(
    process_id: i64,
    kind: String,
    number: u32,
) -> Result<VersionPage, AppError> {
    use crate::api::boundary::unexpected;
    let access = DocumentAccess::load(process_id, &kind).await?;
    let published = access.published_numbers().await?;
    let version = readable_version(&access, number, &published).await?;
    let latest_number = crate::store::documents::latest(&access.state.db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading a version"))?
        .map_or(number, |v| v.number.get());
    let names = access.names().await?;
    let published_now =
        crate::store::documents::current_publication(&access.state.db, access.id(), access.kind)
            .await
            .map_err(unexpected("reading the publication"))?
            .map(|p| p.number.get());
    Ok(VersionPage {
        kind: access.kind,
        version: version_view(&version, &names, &published),
        latest_number,
        published_now,
        may: access.abilities(),
        process: access.process,
    })
}

/// `POST /api/documents/compare`: what changed from one version to another, section by
/// section and word by word.
#[server(prefix = "/api", endpoint = "documents/compare")]
pub async fn compare_versions(
    process_id: i64,
    kind: String,
    from: u32,
    to: u32,
) -> Result<ComparePage, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::document::diff::compare;
    let access = DocumentAccess::load(process_id, &kind).await?;
    let published = access.published_numbers().await?;
    let older = readable_version(&access, from, &published).await?;
    let newer = readable_version(&access, to, &published).await?;
    let names = access.names().await?;
    let read_drafts = access.abilities().read_drafts;
    let choices = crate::store::documents::history(&access.state.db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading the history"))?
        .into_iter()
        .map(|m| m.number.get())
        .filter(|n| read_drafts || published.contains(n))
        .collect();
    let meta =
        |v: &crate::store::documents::StoredVersion| meta_view(&v.meta(), &names, &published);
    Ok(ComparePage {
        kind: access.kind,
        from: meta(&older),
        to: meta(&newer),
        choices,
        sections: compare(&older.content, &newer.content),
        process: access.process,
    })
}

/// `POST /api/documents/list`: the process's two documents, with what this reader may see
/// of them.
#[server(prefix = "/api", endpoint = "documents/list")]
pub async fn process_documents(process_id: i64) -> Result<Vec<DocumentSummary>, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::document::DocumentKind;
    use crate::store::documents;
    let mut out = Vec::new();
    for kind in DocumentKind::ALL {
        let access = DocumentAccess::load(process_id, kind.slug()).await?;
        let db = &access.state.db;
        let may_read_drafts = access.abilities().read_drafts;
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
            .map(|p| PublishedView {
                number: p.number.get(),
                published_at: p.published_at,
                status: p.status,
            });
        out.push(DocumentSummary {
            kind,
            latest,
            may_read_drafts,
            published,
        });
    }
    Ok(out)
}
