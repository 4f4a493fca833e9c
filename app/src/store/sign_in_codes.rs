//! The `sign_in_code_batches` and `sign_in_codes` tables.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::{PersonId, ProcessId, ProcessRole, SignInCode, SiteRole};

/// One batch of codes as a facilitator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchSummary {
    pub id: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked: bool,
    pub total: i64,
    pub used: i64,
}

/// A batch and each of its codes with its state.
pub type BatchWithCodes = (BatchSummary, Vec<(SignInCode, CodeState)>);

/// Whether a code can still be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeState {
    Unused,
    Used,
    Revoked,
}

#[derive(Debug, PartialEq, Eq)]
pub enum RedeemCode {
    Joined {
        person: PersonId,
        process: ProcessId,
    },
    Unknown,
    AlreadyUsed,
    Expired,
    Revoked,
}

#[tracing::instrument(level = "debug", skip(db, codes))]
pub async fn create_batch(
    db: &Db,
    process: ProcessId,
    created_by: PersonId,
    now: i64,
    expires_at: i64,
    codes: &[SignInCode],
) -> Result<i64, StoreError> {
    let mut tx = db.begin_write().await?;
    let batch: i64 = sqlx::query_scalar(
        "INSERT INTO sign_in_code_batches (process_id, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(process.get())
    .bind(created_by.get())
    .bind(now)
    .bind(expires_at)
    .fetch_one(&mut *tx)
    .await?;
    for code in codes {
        sqlx::query("INSERT INTO sign_in_codes (code, batch_id) VALUES ($1, $2)")
            .bind(code.as_str())
            .bind(batch)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(batch)
}

const BATCH_COLUMNS: &str = "b.id, b.created_at, b.expires_at, b.revoked_at, \
     (SELECT COUNT(*) FROM sign_in_codes c WHERE c.batch_id = b.id) AS total, \
     (SELECT COUNT(*) FROM sign_in_codes c WHERE c.batch_id = b.id AND c.used_at IS NOT NULL) AS used";

fn batch_from_row(row: &sqlx::any::AnyRow) -> Result<BatchSummary, StoreError> {
    let revoked_at: Option<i64> = row.try_get("revoked_at")?;
    Ok(BatchSummary {
        id: row.try_get("id")?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        revoked: revoked_at.is_some(),
        total: row.try_get("total")?,
        used: row.try_get("used")?,
    })
}

/// The process's batches, newest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn batches(db: &Db, process: ProcessId) -> Result<Vec<BatchSummary>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {BATCH_COLUMNS} FROM sign_in_code_batches b WHERE b.process_id = $1 ORDER BY b.id DESC LIMIT 200"
    ))
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(batch_from_row).collect()
}

/// One batch of the process and its codes, in the order they were made.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn batch(
    db: &Db,
    process: ProcessId,
    batch: i64,
) -> Result<Option<BatchWithCodes>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {BATCH_COLUMNS} FROM sign_in_code_batches b WHERE b.process_id = $1 AND b.id = $2"
    ))
    .bind(process.get())
    .bind(batch)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let summary = batch_from_row(&row)?;
    let rows = sqlx::query(
        "SELECT code, used_at, revoked_at FROM sign_in_codes WHERE batch_id = $1 ORDER BY code",
    )
    .bind(batch)
    .fetch_all(db.pool())
    .await?;
    let mut codes = Vec::with_capacity(rows.len());
    for row in rows {
        let raw: String = row.try_get("code")?;
        let code = SignInCode::parse(&raw)
            .map_err(|e| StoreError::Corrupt(format!("sign-in code: {e}")))?;
        let used_at: Option<i64> = row.try_get("used_at")?;
        let revoked_at: Option<i64> = row.try_get("revoked_at")?;
        let state = if used_at.is_some() {
            CodeState::Used
        } else if revoked_at.is_some() || summary.revoked {
            CodeState::Revoked
        } else {
            CodeState::Unused
        };
        codes.push((code, state));
    }
    Ok(Some((summary, codes)))
}

/// Revokes every unused code of the batch; returns whether the batch exists.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn revoke_batch(
    db: &Db,
    process: ProcessId,
    batch: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let result = db.execute_committed(
sqlx::query(
        "UPDATE sign_in_code_batches SET revoked_at = $1 WHERE process_id = $2 AND id = $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(process.get())
    .bind(batch)
    )
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Uses a code: in one write transaction, checks it, creates a new person who appears only by
/// constituency, makes them a participant of the code's process and marks the code used.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn redeem(db: &Db, code: &SignInCode, now: i64) -> Result<RedeemCode, StoreError> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "SELECT b.process_id, b.expires_at, b.revoked_at AS batch_revoked, c.used_at, c.revoked_at \
         FROM sign_in_codes c JOIN sign_in_code_batches b ON b.id = c.batch_id WHERE c.code = $1",
    )
    .bind(code.as_str())
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(RedeemCode::Unknown);
    };
    let used_at: Option<i64> = row.try_get("used_at")?;
    let revoked_at: Option<i64> = row.try_get("revoked_at")?;
    let batch_revoked: Option<i64> = row.try_get("batch_revoked")?;
    let expires_at: i64 = row.try_get("expires_at")?;
    if used_at.is_some() {
        return Ok(RedeemCode::AlreadyUsed);
    }
    if revoked_at.is_some() || batch_revoked.is_some() {
        return Ok(RedeemCode::Revoked);
    }
    if expires_at <= now {
        return Ok(RedeemCode::Expired);
    }
    let process = ProcessId::new(row.try_get("process_id")?);
    let person: i64 = sqlx::query_scalar(
        "INSERT INTO people (site_role, created_at) VALUES ($1, $2) RETURNING id",
    )
    .bind(super::people::site_role_to_db(SiteRole::Member))
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let person = PersonId::new(person);
    let marked = sqlx::query(
        "UPDATE sign_in_codes SET used_at = $1, used_by = $2 WHERE code = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(person.get())
    .bind(code.as_str())
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() != 1 {
        return Ok(RedeemCode::AlreadyUsed);
    }
    super::memberships::add(&mut *tx, process, person, ProcessRole::Participant, now).await?;
    tx.commit().await?;
    Ok(RedeemCode::Joined { person, process })
}
