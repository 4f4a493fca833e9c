//! The `sessions` table. Tokens are stored only as hashes.

use sqlx::Row;

use super::people::site_role_from_db;
use super::{Db, StoreError};
use crate::domain::{PersonId, SiteRole};

#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert(
    db: &Db,
    token_hash: &str,
    person: PersonId,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query(
            "INSERT INTO sessions (token_hash, person_id, created_at, expires_at) \
         VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(person.get())
        .bind(now)
        .bind(expires_at),
    )
    .await?;
    Ok(())
}

/// The person a live session belongs to, with their site role, in one indexed read; expired
/// sessions, and sessions of removed people, count as none.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn viewer_for(
    db: &Db,
    token_hash: &str,
    now: i64,
) -> Result<Option<(PersonId, SiteRole)>, StoreError> {
    let row = sqlx::query(
        "SELECT people.id, people.site_role FROM sessions \
         JOIN people ON people.id = sessions.person_id \
         WHERE sessions.token_hash = $1 AND sessions.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let raw: String = row.try_get("site_role")?;
    Ok(Some((PersonId::new(id), site_role_from_db(&raw)?)))
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete(db: &Db, token_hash: &str) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash),
    )
    .await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn delete_expired(db: &Db, now: i64) -> Result<u64, StoreError> {
    let result = db
        .execute_committed(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now))
        .await?;
    Ok(result.rows_affected())
}

/// Ends every session of a person (sign out on every device).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn delete_all_for(db: &Db, person: PersonId) -> Result<u64, StoreError> {
    let result = db
        .execute_committed(
            sqlx::query("DELETE FROM sessions WHERE person_id = $1").bind(person.get()),
        )
        .await?;
    Ok(result.rows_affected())
}
