//! The `process_audit` table: who gave or took which role, confirmed whose constituency,
//! admitted or removed which guest, and when. Only ever inserted; written in the same
//! transaction as the change it describes.

use sqlx::{Any, Row, Transaction};

use super::{Db, StoreError};
use crate::domain::{PersonId, ProcessId};

/// One change, as it is written.
pub struct AuditEntry<'a> {
    pub process: ProcessId,
    pub actor: PersonId,
    pub subject: Option<PersonId>,
    /// A short slug: "role-given", "role-taken", "constituency-confirmed", "guest-admitted",
    /// "guest-removed".
    pub action: &'a str,
    /// The role or constituency, in words.
    pub detail: &'a str,
    pub at: i64,
}

/// One change, as it is read back.
#[derive(Debug, Clone)]
pub struct StoredAuditEntry {
    pub at: i64,
    pub actor: Option<PersonId>,
    pub subject: Option<PersonId>,
    pub action: String,
    pub detail: String,
}

pub async fn record_in(
    tx: &mut Transaction<'static, Any>,
    entry: AuditEntry<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO process_audit (process_id, at, actor_id, subject_id, action, detail) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(entry.process.get())
    .bind(entry.at)
    .bind(entry.actor.get())
    .bind(entry.subject.map(PersonId::get))
    .bind(entry.action)
    .bind(entry.detail)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The process's audit trail, newest first (the latest 500).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn of_process(db: &Db, process: ProcessId) -> Result<Vec<StoredAuditEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT at, actor_id, subject_id, action, detail FROM process_audit \
         WHERE process_id = $1 ORDER BY id DESC LIMIT 500",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(StoredAuditEntry {
                at: row.try_get("at")?,
                actor: row
                    .try_get::<Option<i64>, _>("actor_id")?
                    .map(PersonId::new),
                subject: row
                    .try_get::<Option<i64>, _>("subject_id")?
                    .map(PersonId::new),
                action: row.try_get("action")?,
                detail: row.try_get("detail")?,
            })
        })
        .collect()
}
