//! The `memberships` table: who holds which role in which process.

use sqlx::{Any, Executor};

use super::{Db, StoreError};
use crate::domain::{PersonId, ProcessId, ProcessRole};

fn role_from_db(raw: &str) -> Result<ProcessRole, StoreError> {
    ProcessRole::from_slug(raw).ok_or_else(|| StoreError::Corrupt(format!("unknown role {raw:?}")))
}

/// Gives `person` the role in the process; giving it twice changes nothing.
#[tracing::instrument(level = "debug", skip(executor))]
pub async fn add<'e>(
    executor: impl Executor<'e, Database = Any>,
    process: ProcessId,
    person: PersonId,
    role: ProcessRole,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO memberships (process_id, person_id, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (process_id, person_id, role) DO NOTHING",
    )
    .bind(process.get())
    .bind(person.get())
    .bind(role.slug())
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// Gives (`add`) or takes away a role, and records who did it in the audit trail, in one
/// transaction.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn change(
    db: &Db,
    process: ProcessId,
    person: PersonId,
    role: ProcessRole,
    add: bool,
    by: PersonId,
    now: i64,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    if add {
        self::add(&mut *tx, process, person, role, now).await?;
    } else {
        sqlx::query(
            "DELETE FROM memberships WHERE process_id = $1 AND person_id = $2 AND role = $3",
        )
        .bind(process.get())
        .bind(person.get())
        .bind(role.slug())
        .execute(&mut *tx)
        .await?;
    }
    super::audit::record_in(
        &mut tx,
        super::audit::AuditEntry {
            process,
            actor: by,
            subject: Some(person),
            action: if add { "role-given" } else { "role-taken" },
            detail: role.label(),
            at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn remove(
    db: &Db,
    process: ProcessId,
    person: PersonId,
    role: ProcessRole,
) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query(
            "DELETE FROM memberships WHERE process_id = $1 AND person_id = $2 AND role = $3",
        )
        .bind(process.get())
        .bind(person.get())
        .bind(role.slug()),
    )
    .await?;
    Ok(())
}

/// The roles `person` holds in the process (none if they are not a member).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn roles_of(
    db: &Db,
    process: ProcessId,
    person: PersonId,
) -> Result<Vec<ProcessRole>, StoreError> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT role FROM memberships WHERE process_id = $1 AND person_id = $2 ORDER BY role",
    )
    .bind(process.get())
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(|r| role_from_db(r)).collect()
}

/// Every (person, role) pair in the process, ordered by person.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn all_in(
    db: &Db,
    process: ProcessId,
) -> Result<Vec<(PersonId, ProcessRole)>, StoreError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT person_id, role FROM memberships WHERE process_id = $1 ORDER BY person_id, role",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|(p, r)| Ok((PersonId::new(p), role_from_db(&r)?)))
        .collect()
}

/// The processes `person` belongs to.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn processes_of(
    db: &Db,
    person: PersonId,
) -> Result<Vec<(ProcessId, ProcessRole)>, StoreError> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT process_id, role FROM memberships WHERE person_id = $1 ORDER BY process_id, role",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|(p, r)| Ok((ProcessId::new(p), role_from_db(&r)?)))
        .collect()
}
