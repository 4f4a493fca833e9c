//! Publishing a chosen version for the public to read, as a draft for consultation. Its HTML
//! is rendered here, once; the public page serves it as it is.

use super::context::DocumentContext;
use crate::domain::document::render::publication_html;
use crate::domain::document::version::{PublicationStatus, VersionNumber};
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::store::documents;
use crate::workflows::unexpected;

/// Publishes version `number`; returns it.
pub async fn publish(access: &DocumentContext, number: u32) -> Result<u32, AppError> {
    let admin = access.require(ProcessAction::PublishDocuments, "publish a version")?;
    let not_found = || AppError::NotFound(format!("version {number} of this document"));
    let number_ok = VersionNumber::new(number).ok_or_else(not_found)?;
    let version = documents::version(access.db(), access.id(), access.kind, number_ok)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)?;
    // The process's glossary as it is now: the publication never changes afterwards.
    let glossary = crate::workflows::word_lists::of_process(access)
        .await?
        .glossary;
    let (html, etag) = publication_html(&version.content, &glossary);
    documents::publish(
        access.db(),
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
    access.state.live.public_pages_changed().await;
    tracing::info!(
        process = access.id().get(),
        version = number,
        person = admin.person.get(),
        "version published"
    );
    Ok(number)
}
