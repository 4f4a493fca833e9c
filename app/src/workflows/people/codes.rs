//! Sign-in codes: facilitators make a batch, print it as cut-out cards, and cancel it.

use rand::RngCore;

use crate::domain::SignInCode;
use crate::domain::permissions::ProcessAction;
use crate::domain::sign_in_code::{BatchRequest, CODE_LENGTH};
use crate::error::AppError;
use crate::store::sign_in_codes::{self, CodeState};
use crate::views::codes::{BatchView, CodeBatches, PrintableBatch};
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// Makes a batch; returns its id.
pub async fn create(cx: &ProcessContext, request: BatchRequest) -> Result<i64, AppError> {
    let facilitator = cx.require(ProcessAction::ManageSignInCodes, "create sign-in codes")?;
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
    let now = crate::store::unix_now();
    let batch = sign_in_codes::create_batch(
        cx.db(),
        cx.id(),
        facilitator.person,
        now,
        now + request.valid_days * 86_400,
        &codes,
    )
    .await
    .map_err(unexpected("creating sign-in codes"))?;
    tracing::info!(
        process = cx.id().get(),
        batch,
        count = request.count,
        person = facilitator.person.get(),
        "sign-in codes created"
    );
    Ok(batch)
}

/// The process's batches.
pub async fn list(cx: &ProcessContext) -> Result<CodeBatches, AppError> {
    cx.require(ProcessAction::ManageSignInCodes, "list sign-in codes")?;
    let batches = sign_in_codes::batches(cx.db(), cx.id())
        .await
        .map_err(unexpected("listing sign-in codes"))?;
    Ok(CodeBatches {
        process: cx.process.clone(),
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

/// One batch's unused codes, for printing; `site` is the address people reach the site at.
pub async fn printable(
    cx: &ProcessContext,
    batch: i64,
    site: &str,
) -> Result<PrintableBatch, AppError> {
    cx.require(ProcessAction::ManageSignInCodes, "print sign-in codes")?;
    let (batch, codes) = sign_in_codes::batch(cx.db(), cx.id(), batch)
        .await
        .map_err(unexpected("reading sign-in codes"))?
        .ok_or_else(|| AppError::NotFound("that batch of sign-in codes".into()))?;
    Ok(PrintableBatch {
        join_url: format!("{site}{}", crate::routes::join()),
        process: cx.process.clone(),
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

/// Cancels every unused code of a batch.
pub async fn revoke(cx: &ProcessContext, batch: i64) -> Result<(), AppError> {
    let facilitator = cx.require(ProcessAction::ManageSignInCodes, "revoke sign-in codes")?;
    if !sign_in_codes::revoke_batch(cx.db(), cx.id(), batch, crate::store::unix_now())
        .await
        .map_err(unexpected("revoking sign-in codes"))?
    {
        return Err(AppError::NotFound(
            "that batch of sign-in codes (or it was already cancelled)".into(),
        ));
    }
    tracing::info!(
        process = cx.id().get(),
        batch,
        person = facilitator.person.get(),
        "sign-in codes revoked"
    );
    Ok(())
}
