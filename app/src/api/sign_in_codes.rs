//! Server functions for sign-in codes: facilitators make, print and cancel them.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::AppError;
use crate::domain::{ProcessSummary, SignInCode};

/// A batch with its process, for the print page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintableBatch {
    pub process: ProcessSummary,
    pub expires_at: i64,
    pub revoked: bool,
    /// Codes not yet used (the ones worth printing).
    pub unused: Vec<SignInCode>,
    pub used: usize,
    /// Where people type the code, as this site is reached.
    pub join_url: String,
}

/// Batches of a process, for its facilitators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeBatches {
    pub process: ProcessSummary,
    pub batches: Vec<BatchView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchView {
    pub id: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked: bool,
    pub total: i64,
    pub used: i64,
}

/// `POST /api/codes/create`: makes a batch and goes to its print page.
#[server(prefix = "/api", endpoint = "codes/create")]
pub async fn create_sign_in_codes(
    process_id: i64,
    count: String,
    valid_days: String,
) -> Result<i64, AppError> {
    use super::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::ProcessId;
    use crate::domain::permissions::ProcessAction;
    use crate::domain::sign_in_code::{BatchRequest, CODE_LENGTH};
    use crate::store::{sign_in_codes, unix_now};
    use rand::RngCore;

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    let viewer = authorise_in_process(
        &state,
        process,
        ProcessAction::ManageSignInCodes,
        "create sign-in codes",
    )
    .await?;
    let request = BatchRequest::parse(&count, &valid_days).map_err(AppError::invalid_fields)?;
    // The thread-local generator is not Send, so it must not live across an await.
    let codes: Vec<SignInCode> = {
        let mut rng = rand::rng();
        (0..request.count)
            .map(|_| {
                let mut bytes = [0u8; CODE_LENGTH];
                rng.fill_bytes(&mut bytes);
                SignInCode::from_random(bytes)
            })
            .collect()
    };
    let now = unix_now();
    let batch = sign_in_codes::create_batch(
        &state.db,
        process,
        viewer.person,
        now,
        now + request.valid_days * 86_400,
        &codes,
    )
    .await
    .map_err(unexpected("creating sign-in codes"))?;
    tracing::info!(
        process = process_id,
        batch,
        count = request.count,
        person = viewer.person.get(),
        "sign-in codes created"
    );
    leptos_axum::redirect(&format!("/processes/{process_id}/codes/{batch}"));
    Ok(batch)
}

/// `POST /api/codes/list`: the process's batches.
#[server(prefix = "/api", endpoint = "codes/list")]
pub async fn list_code_batches(process_id: i64) -> Result<CodeBatches, AppError> {
    use super::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::ProcessId;
    use crate::domain::permissions::ProcessAction;
    use crate::store::{processes, sign_in_codes};

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    authorise_in_process(
        &state,
        process,
        ProcessAction::ManageSignInCodes,
        "list sign-in codes",
    )
    .await?;
    let summary = processes::find(&state.db, process)
        .await
        .map_err(unexpected("reading a process"))?
        .ok_or_else(|| AppError::NotFound("that process".into()))?;
    let batches = sign_in_codes::batches(&state.db, process)
        .await
        .map_err(unexpected("listing sign-in codes"))?;
    Ok(CodeBatches {
        process: summary,
        batches: batches
            .into_iter()
            .map(|b| BatchView {
                id: b.id,
                created_at: b.created_at,
                expires_at: b.expires_at,
                revoked: b.revoked,
                total: b.total,
                used: b.used,
            })
            .collect(),
    })
}

/// `POST /api/codes/batch`: one batch's unused codes, for printing.
#[server(prefix = "/api", endpoint = "codes/batch")]
pub async fn get_code_batch(process_id: i64, batch_id: i64) -> Result<PrintableBatch, AppError> {
    use super::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::ProcessId;
    use crate::domain::permissions::ProcessAction;
    use crate::store::sign_in_codes::CodeState;
    use crate::store::{processes, sign_in_codes};

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    authorise_in_process(
        &state,
        process,
        ProcessAction::ManageSignInCodes,
        "print sign-in codes",
    )
    .await?;
    let summary = processes::find(&state.db, process)
        .await
        .map_err(unexpected("reading a process"))?
        .ok_or_else(|| AppError::NotFound("that process".into()))?;
    let (batch, codes) = sign_in_codes::batch(&state.db, process, batch_id)
        .await
        .map_err(unexpected("reading sign-in codes"))?
        .ok_or_else(|| AppError::NotFound("that batch of sign-in codes".into()))?;
    Ok(PrintableBatch {
        join_url: format!("{}/join", super::boundary::site_url(&state)?),
        process: summary,
        expires_at: batch.expires_at,
        revoked: batch.revoked,
        used: codes.iter().filter(|(_, s)| *s == CodeState::Used).count(),
        unused: codes
            .into_iter()
            .filter(|(_, s)| *s == CodeState::Unused)
            .map(|(c, _)| c)
            .collect(),
    })
}

/// `POST /api/codes/revoke`: cancels every unused code of a batch.
#[server(prefix = "/api", endpoint = "codes/revoke")]
pub async fn revoke_code_batch(process_id: i64, batch_id: i64) -> Result<(), AppError> {
    use super::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::ProcessId;
    use crate::domain::permissions::ProcessAction;
    use crate::store::{sign_in_codes, unix_now};

    let state = app_state()?;
    let process = ProcessId::new(process_id);
    let viewer = authorise_in_process(
        &state,
        process,
        ProcessAction::ManageSignInCodes,
        "revoke sign-in codes",
    )
    .await?;
    if !sign_in_codes::revoke_batch(&state.db, process, batch_id, unix_now())
        .await
        .map_err(unexpected("revoking sign-in codes"))?
    {
        return Err(AppError::NotFound(
            "that batch of sign-in codes (or it was already cancelled)".into(),
        ));
    }
    tracing::info!(
        process = process_id,
        batch = batch_id,
        person = viewer.person.get(),
        "sign-in codes revoked"
    );
    leptos_axum::redirect(&format!("/processes/{process_id}/codes"));
    Ok(())
}
