//! Server functions for sign-in codes: facilitators make, print and cancel them.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::codes::{CodeBatches, PrintableBatch};

/// `POST /api/codes/create`: makes a batch and goes to its print page.
#[server(prefix = "/api", endpoint = "codes/create")]
pub async fn create_sign_in_codes(
    process_id: i64,
    count: String,
    valid_days: String,
) -> Result<i64, AppError> {
    use crate::api::boundary::{process_context, redirect};
    use crate::domain::sign_in_code::BatchRequest;
    let cx = process_context(process_id).await?;
    let request = BatchRequest::parse(&count, &valid_days).map_err(AppError::invalid_fields)?;
    let batch = crate::workflows::people::codes::create(&cx, request).await?;
    redirect(&crate::routes::code_batch(cx.id(), batch));
    Ok(batch)
}

/// `POST /api/codes/list`: the process's batches.
#[server(prefix = "/api", endpoint = "codes/list")]
pub async fn list_code_batches(process_id: i64) -> Result<CodeBatches, AppError> {
    let cx = crate::api::boundary::process_context(process_id).await?;
    crate::workflows::people::codes::list(&cx).await
}

/// `POST /api/codes/batch`: one batch's unused codes, for printing.
#[server(prefix = "/api", endpoint = "codes/batch")]
pub async fn get_code_batch(process_id: i64, batch_id: i64) -> Result<PrintableBatch, AppError> {
    use crate::api::boundary::{process_context, site_url};
    let cx = process_context(process_id).await?;
    crate::workflows::people::codes::printable(&cx, batch_id, &site_url(&cx.state)?).await
}

/// `POST /api/codes/revoke`: cancels every unused code of a batch.
#[server(prefix = "/api", endpoint = "codes/revoke")]
pub async fn revoke_code_batch(process_id: i64, batch_id: i64) -> Result<(), AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    crate::workflows::people::codes::revoke(&cx, batch_id).await?;
    redirect(&crate::routes::codes(cx.id()));
    Ok(())
}
