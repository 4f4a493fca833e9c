//! Publishing a chosen version for the public to read.

use leptos::prelude::*;

use crate::api::AppError;

/// `POST /api/documents/publish`: a process administrator publishes version `number` as a
/// draft for consultation. Its HTML is rendered here, once; the public page serves it as is.
#[server(prefix = "/api", endpoint = "documents/publish")]
pub async fn publish_version(process_id: i64, kind: String, number: u32) -> Result<u32, AppError> {
    use super::access::DocumentAccess;
    use crate::api::boundary::unexpected;
    use crate::domain::document::render::publication_html;
    use crate::domain::document::version::{PublicationStatus, VersionNumber};
    use crate::domain::permissions::ProcessAction;
    use crate::store::documents;

    let access = DocumentAccess::load(process_id, &kind).await?;
    let admin = access.require(ProcessAction::PublishDocuments, "publish a version")?;
    let not_found = || AppError::NotFound(format!("version {number} of this document"));
    let number_ok = VersionNumber::new(number).ok_or_else(not_found)?;
    let version = documents::version(&access.state.db, access.id(), access.kind, number_ok)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)?;
    let (html, etag) = publication_html(&version.content);
    documents::publish(
        &access.state.db,
        access.id(),
        access.kind,
        number_ok,
        PublicationStatus::DraftForConsultation,
        admin.person,
        crate::store::unix_now(),
        &html,
        &etag,
    )
    .await
    .map_err(unexpected("publishing a version"))?;
    tracing::info!(
        process = process_id,
        version = number,
        person = admin.person.get(),
        "version published"
    );
    leptos_axum::redirect(&format!(
        "{}?published={number}",
        super::document_path(process_id, access.kind)
    ));
    Ok(number)
}
