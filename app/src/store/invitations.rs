//! The `invitations` table: one-time links into a process with a role.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::{PersonId, ProcessId, ProcessRole};

#[derive(Debug, PartialEq, Eq)]
pub enum AcceptInvitation {
    Joined {
        person: PersonId,
        process: ProcessId,
        role: ProcessRole,
    },
    Unknown,
    AlreadyUsed,
    Expired,
}

#[tracing::instrument(level = "debug", skip(db, token_hash))]
pub async fn insert(
    db: &Db,
    token_hash: &str,
    process: ProcessId,
    role: ProcessRole,
    created_by: PersonId,
    now: i64,
    expires_at: i64,
) -> Result<(), StoreError> {
    db.execute_committed(
sqlx::query(
        "INSERT INTO invitations (token_hash, process_id, role, created_by, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash)
    .bind(process.get())
    .bind(role.slug())
    .bind(created_by.get())
    .bind(now)
    .bind(expires_at)
    )
    .await?;
    Ok(())
}

/// Uses an invitation, in one write transaction: for `person` if they are signed in,
/// otherwise for a new person who shows no name until they choose one.
#[tracing::instrument(level = "debug", skip(db, token_hash))]
pub async fn accept(
    db: &Db,
    token_hash: &str,
    person: Option<PersonId>,
    now: i64,
) -> Result<AcceptInvitation, StoreError> {
    let mut tx = db.begin_write().await?;
    let row = sqlx::query(
        "SELECT process_id, role, expires_at, used_at FROM invitations WHERE token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(AcceptInvitation::Unknown);
    };
    let used_at: Option<i64> = row.try_get("used_at")?;
    let expires_at: i64 = row.try_get("expires_at")?;
    if used_at.is_some() {
        return Ok(AcceptInvitation::AlreadyUsed);
    }
    if expires_at <= now {
        return Ok(AcceptInvitation::Expired);
    }
    let process = ProcessId::new(row.try_get("process_id")?);
    let raw_role: String = row.try_get("role")?;
    let role = ProcessRole::from_slug(&raw_role)
        .ok_or_else(|| StoreError::Corrupt(format!("role {raw_role:?}")))?;
    let person = match person {
        Some(p) => p,
        None => PersonId::new(
            sqlx::query_scalar(
                "INSERT INTO people (site_role, created_at) VALUES ('member', $1) RETURNING id",
            )
            .bind(now)
            .fetch_one(&mut *tx)
            .await?,
        ),
    };
    let marked = sqlx::query("UPDATE invitations SET used_at = $1, used_by = $2 WHERE token_hash = $3 AND used_at IS NULL")
        .bind(now)
        .bind(person.get())
        .bind(token_hash)
        .execute(&mut *tx)
        .await?;
    if marked.rows_affected() != 1 {
        return Ok(AcceptInvitation::AlreadyUsed);
    }
    super::memberships::add(&mut *tx, process, person, role, now).await?;
    tx.commit().await?;
    Ok(AcceptInvitation::Joined {
        person,
        process,
        role,
    })
}
