//! The `processes` table.

use crate::domain::decision::disclosure::SecrecyThreshold;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Db, StoreError};
use crate::domain::{
    PersonId, ProcessDescription, ProcessId, ProcessRole, ProcessSummary, ProcessTitle,
};

fn summary_from_row(row: &AnyRow) -> Result<ProcessSummary, StoreError> {
    let title: String = row.try_get("title")?;
    let description: String = row.try_get("description")?;
    Ok(ProcessSummary {
        id: ProcessId::new(row.try_get("id")?),
        title: ProcessTitle::parse(&title)
            .map_err(|e| StoreError::Corrupt(format!("process title: {e}")))?,
        description: ProcessDescription::parse(&description)
            .map_err(|e| StoreError::Corrupt(format!("process description: {e}")))?,
        created_at: row.try_get("created_at")?,
    })
}

/// Creates a process and makes its creator its process administrator, in one transaction,
/// so a process never exists without someone to administer it.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert(
    db: &Db,
    title: &ProcessTitle,
    description: &ProcessDescription,
    created_by: PersonId,
    now: i64,
) -> Result<ProcessId, StoreError> {
    let mut tx = db.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO processes (title, description, created_by, created_at) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(title.as_str())
    .bind(description.as_str())
    .bind(created_by.get())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let id = ProcessId::new(id);
    super::memberships::add(&mut *tx, id, created_by, ProcessRole::ProcessAdmin, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// All processes, newest first.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn list(db: &Db) -> Result<Vec<ProcessSummary>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, title, description, created_at FROM processes \
         ORDER BY created_at DESC, id DESC LIMIT 500",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(summary_from_row).collect()
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn find(db: &Db, id: ProcessId) -> Result<Option<ProcessSummary>, StoreError> {
    let row = sqlx::query("SELECT id, title, description, created_at FROM processes WHERE id = $1")
        .bind(id.get())
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(summary_from_row).transpose()
}

/// Whether members of the public may comment on the process's published drafts.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn public_comments(db: &Db, id: ProcessId) -> Result<bool, StoreError> {
    let on: Option<i64> = sqlx::query_scalar("SELECT public_comments FROM processes WHERE id = $1")
        .bind(id.get())
        .fetch_optional(db.pool())
        .await?;
    Ok(on.unwrap_or(0) != 0)
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn set_public_comments(db: &Db, id: ProcessId, on: bool) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query("UPDATE processes SET public_comments = $1 WHERE id = $2")
            .bind(i64::from(on))
            .bind(id.get()),
    )
    .await?;
    Ok(())
}

/// The fewest ballots any figure of the process's secret results may come from.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn secrecy_threshold(db: &Db, id: ProcessId) -> Result<SecrecyThreshold, StoreError> {
    let k: Option<i64> =
        sqlx::query_scalar("SELECT secrecy_threshold FROM processes WHERE id = $1")
            .bind(id.get())
            .fetch_optional(db.pool())
            .await?;
    // A stored value outside the rule's range is corrupt; fall back to the stricter default
    // only when the process itself is gone.
    match k {
        None => Ok(SecrecyThreshold::DEFAULT),
        Some(k) => u32::try_from(k)
            .ok()
            .and_then(SecrecyThreshold::new)
            .ok_or_else(|| StoreError::Corrupt(format!("secrecy threshold {k}"))),
    }
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn set_secrecy_threshold(
    db: &Db,
    id: ProcessId,
    k: SecrecyThreshold,
) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query("UPDATE processes SET secrecy_threshold = $1 WHERE id = $2")
            .bind(i64::from(k.get()))
            .bind(id.get()),
    )
    .await?;
    Ok(())
}

/// The process's timeline; empty until its administrators set one.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn timeline(
    db: &Db,
    id: ProcessId,
) -> Result<crate::domain::timeline::Timeline, StoreError> {
    let json: Option<Option<String>> =
        sqlx::query_scalar("SELECT timeline FROM processes WHERE id = $1")
            .bind(id.get())
            .fetch_optional(db.pool())
            .await?;
    match json.flatten() {
        None => Ok(Default::default()),
        Some(json) => {
            serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(format!("timeline: {e}")))
        }
    }
}

#[tracing::instrument(level = "debug", skip(db, timeline))]
pub async fn set_timeline(
    db: &Db,
    id: ProcessId,
    timeline: &crate::domain::timeline::Timeline,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(timeline)
        .map_err(|e| StoreError::Corrupt(format!("encoding a timeline: {e}")))?;
    db.execute_committed(
        sqlx::query("UPDATE processes SET timeline = $1 WHERE id = $2")
            .bind(json)
            .bind(id.get()),
    )
    .await?;
    Ok(())
}
