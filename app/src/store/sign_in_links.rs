//! The `sign_in_links` table: one-time links, stored as hashes.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::PersonId;

/// Why a link could not be used.
#[derive(Debug, PartialEq, Eq)]
pub enum Redeem {
    SignedIn(PersonId),
    Unknown,
    AlreadyUsed,
    Expired,
}

/// A new one-time link for `person`. It cancels their earlier unused links, so only the
/// newest printed link works.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert(
    db: &Db,
    token_hash: &str,
    person: PersonId,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE sign_in_links SET expires_at = $1 WHERE person_id = $2 AND used_at IS NULL AND expires_at > $1")
        .bind(now)
        .bind(person.get())
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sign_in_links (token_hash, person_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(person.get())
    .bind(now)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Marks the link used and says whose it was, in one write transaction so two tabs racing
/// with the same link cannot both succeed.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn redeem(db: &Db, token_hash: &str, now: i64) -> Result<Redeem, StoreError> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "SELECT person_id, expires_at, used_at FROM sign_in_links WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(Redeem::Unknown);
    };
    let used_at: Option<i64> = row.try_get("used_at")?;
    let expires_at: i64 = row.try_get("expires_at")?;
    if used_at.is_some() {
        return Ok(Redeem::AlreadyUsed);
    }
    if expires_at <= now {
        return Ok(Redeem::Expired);
    }
    let updated = sqlx::query(
        "UPDATE sign_in_links SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
    )
    .bind(now)
    .bind(token_hash)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() != 1 {
        return Ok(Redeem::AlreadyUsed);
    }
    tx.commit().await?;
    Ok(Redeem::SignedIn(PersonId::new(row.try_get("person_id")?)))
}
