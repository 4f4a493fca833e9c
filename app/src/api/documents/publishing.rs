//! Publishing a chosen version for the public to read.

use leptos::prelude::*;

use crate::error::AppError;

/// `POST /api/documents/publish`: a process administrator publishes version `number` as a
/// draft for consultation.
#[server(prefix = "/api", endpoint = "documents/publish")]
pub async fn publish_version(process_id: i64, kind: String, number: u32) -> Result<u32, AppError> {
    use crate::api::boundary::{document_context, redirect};
    let access = document_context(process_id, &kind).await?;
    let number = crate::workflows::documents::publishing::publish(&access, number).await?;
    redirect(&format!(
        "{}?published={number}",
        crate::routes::document(access.id(), access.kind)
    ));
    Ok(number)
}
