//! Reading a document: its page, its history, one version, and a comparison of two.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::documents::{
    ComparePage, DocumentPage, DocumentSummary, HistoryPage, VersionPage,
};

/// `POST /api/documents/page`: the latest version for people taking part; the published
/// version for everyone else; in full or (`read` = `easy`) in easy read.
#[server(prefix = "/api", endpoint = "documents/page")]
pub async fn load_document(
    process_id: i64,
    kind: String,
    read: Option<String>,
) -> Result<DocumentPage, AppError> {
    let access = crate::api::boundary::document_context(process_id, &kind).await?;
    let reading = crate::forms::documents::reading(read.as_deref())?;
    crate::workflows::documents::reading::page(&access, reading).await
}

/// `POST /api/documents/history`: who saved each version, when and why, a page at a time
/// (page 1, the newest, when not given).
#[server(prefix = "/api", endpoint = "documents/history")]
pub async fn document_history(
    process_id: i64,
    kind: String,
    page: Option<u32>,
) -> Result<HistoryPage, AppError> {
    let access = crate::api::boundary::document_context(process_id, &kind).await?;
    crate::workflows::documents::reading::history(&access, page.unwrap_or(1)).await
}

/// `POST /api/documents/version`: one version, read-only.
#[server(prefix = "/api", endpoint = "documents/version")]
pub async fn read_version(
    process_id: i64,
    kind: String,
    number: u32,
) -> Result<VersionPage, AppError> {
    let access = crate::api::boundary::document_context(process_id, &kind).await?;
    crate::workflows::documents::reading::version(&access, number).await
}

/// `POST /api/documents/compare`: what changed from one version to another.
#[server(prefix = "/api", endpoint = "documents/compare")]
pub async fn compare_versions(
    process_id: i64,
    kind: String,
    from: u32,
    to: u32,
) -> Result<ComparePage, AppError> {
    let access = crate::api::boundary::document_context(process_id, &kind).await?;
    crate::workflows::documents::reading::compare(&access, from, to).await
}

/// `POST /api/documents/list`: the process's two documents, with what this reader may see.
#[server(prefix = "/api", endpoint = "documents/list")]
pub async fn process_documents(process_id: i64) -> Result<Vec<DocumentSummary>, AppError> {
    use crate::domain::document::DocumentKind;
    let access =
        crate::api::boundary::document_context(process_id, DocumentKind::Definition.slug()).await?;
    crate::workflows::documents::reading::list(&access).await
}
