//! The `commitments` and `commitment_updates` tables. A commitment is made on a section of a
//! ratified version; its updates are only ever inserted, and each is appended, in the same
//! transaction, to the participation record of the decision the version was ratified after.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::participation_record::{append_in, pseudonym_in};
use super::{Db, StoreError};
use crate::domain::calendar::Day;
use crate::domain::commitment::{CommitmentStatus, CommitmentUpdate, NewCommitment, UpdateComment};
use crate::domain::decision::record::RecordEvent;
use crate::domain::document::{DocumentKind, SectionKey};
use crate::domain::{PersonId, ProcessId};

/// A commitment with its latest update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCommitment {
    pub id: i64,
    pub ratification: i64,
    pub kind: DocumentKind,
    pub section: SectionKey,
    pub what: String,
    pub responsible: String,
    pub measure: String,
    pub due: Day,
    pub status: CommitmentStatus,
    pub updated_at: i64,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredUpdate {
    pub id: i64,
    pub commitment: i64,
    pub status: CommitmentStatus,
    pub note: Option<String>,
    pub at: i64,
}

fn status_from(raw: &str) -> Result<CommitmentStatus, StoreError> {
    CommitmentStatus::from_slug(raw)
        .ok_or_else(|| StoreError::Corrupt(format!("commitment status {raw:?}")))
}

fn from_row(row: &AnyRow) -> Result<StoredCommitment, StoreError> {
    let kind: String = row.try_get("kind")?;
    let key: i64 = row.try_get("section_key")?;
    let status: String = row.try_get("status")?;
    Ok(StoredCommitment {
        id: row.try_get("id")?,
        ratification: row.try_get("ratification_id")?,
        kind: DocumentKind::from_slug(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("commitment document {kind:?}")))?,
        section: SectionKey::new(
            u32::try_from(key).map_err(|_| StoreError::Corrupt(format!("section key {key}")))?,
        ),
        what: row.try_get("what")?,
        responsible: row.try_get("responsible")?,
        measure: row.try_get("measure")?,
        due: Day::from_days(row.try_get("due_day")?),
        status: status_from(&status)?,
        updated_at: row.try_get("updated_at")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Commitments with their latest status, oldest first.
const SELECT: &str = "SELECT c.id, c.ratification_id, r.kind, c.section_key, c.what, c.responsible, \
     c.measure, c.due_day, c.created_at, u.status, u.updated_at \
     FROM commitments c JOIN ratifications r ON r.id = c.ratification_id \
     JOIN commitment_updates u ON u.id = \
     (SELECT MAX(l.id) FROM commitment_updates l WHERE l.commitment_id = c.id)";

#[tracing::instrument(level = "debug", skip(db))]
pub async fn of_process(db: &Db, process: ProcessId) -> Result<Vec<StoredCommitment>, StoreError> {
    let rows = sqlx::query(&format!("{SELECT} WHERE c.process_id = $1 ORDER BY c.id"))
        .bind(process.get())
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(from_row).collect()
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn of_ratification(
    db: &Db,
    ratification: i64,
) -> Result<Vec<StoredCommitment>, StoreError> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE c.ratification_id = $1 ORDER BY c.id"
    ))
    .bind(ratification)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn find(
    db: &Db,
    process: ProcessId,
    id: i64,
) -> Result<Option<StoredCommitment>, StoreError> {
    let row = sqlx::query(&format!("{SELECT} WHERE c.process_id = $1 AND c.id = $2"))
        .bind(process.get())
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// Every update of the process's commitments, oldest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn updates_of_process(
    db: &Db,
    process: ProcessId,
) -> Result<Vec<StoredUpdate>, StoreError> {
    let rows = sqlx::query(
        "SELECT u.id, u.commitment_id, u.status, u.note, u.updated_at FROM commitment_updates u \
         JOIN commitments c ON c.id = u.commitment_id WHERE c.process_id = $1 ORDER BY u.id",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let status: String = row.try_get("status")?;
            Ok(StoredUpdate {
                id: row.try_get("id")?,
                commitment: row.try_get("commitment_id")?,
                status: status_from(&status)?,
                note: row.try_get("note")?,
                at: row.try_get("updated_at")?,
            })
        })
        .collect()
}

/// A comment on an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    pub id: i64,
    pub update: i64,
    pub author: Option<PersonId>,
    pub body: String,
    pub at: i64,
    pub hidden: bool,
}

/// Every comment on the process's commitment updates, oldest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn comments_of_process(
    db: &Db,
    process: ProcessId,
) -> Result<Vec<StoredComment>, StoreError> {
    let rows = sqlx::query(
        "SELECT m.id, m.update_id, m.author_id, m.body, m.created_at, m.hidden_at          FROM commitment_comments m JOIN commitment_updates u ON u.id = m.update_id          JOIN commitments c ON c.id = u.commitment_id WHERE c.process_id = $1 ORDER BY m.id",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let hidden: Option<i64> = row.try_get("hidden_at")?;
            let author: Option<i64> = row.try_get("author_id")?;
            Ok(StoredComment {
                id: row.try_get("id")?,
                update: row.try_get("update_id")?,
                author: author.map(PersonId::new),
                body: row.try_get("body")?,
                at: row.try_get("created_at")?,
                hidden: hidden.is_some(),
            })
        })
        .collect()
}

/// Whether update `update` is of a commitment of `process`.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn update_in_process(
    db: &Db,
    process: ProcessId,
    update: i64,
) -> Result<bool, StoreError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT u.id FROM commitment_updates u JOIN commitments c ON c.id = u.commitment_id          WHERE u.id = $1 AND c.process_id = $2",
    )
    .bind(update)
    .bind(process.get())
    .fetch_optional(db.pool())
    .await?;
    Ok(found.is_some())
}

/// A comment on update `update`; its id once committed.
#[tracing::instrument(level = "debug", skip(db, body))]
pub async fn add_comment(
    db: &Db,
    update: i64,
    author: PersonId,
    body: &UpdateComment,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(db
        .fetch_one_committed(
            sqlx::query_scalar(
                "INSERT INTO commitment_comments (update_id, author_id, body, created_at)                  VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(update)
            .bind(author.get())
            .bind(body.as_str())
            .bind(now),
        )
        .await?)
}

/// Hides comment `id` of `process`; `false` when there is no such comment.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn hide_comment(
    db: &Db,
    process: ProcessId,
    id: i64,
    now: i64,
) -> Result<bool, StoreError> {
    let done = db
        .execute_committed(
            sqlx::query(
                "UPDATE commitment_comments SET hidden_at = $1 WHERE id = $2 AND update_id IN                  (SELECT u.id FROM commitment_updates u JOIN commitments c ON c.id = u.commitment_id                  WHERE c.process_id = $3)",
            )
            .bind(now)
            .bind(id)
            .bind(process.get()),
        )
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The newest update of any commitment on `ratification`: part of its public page's key.
pub async fn latest_update(db: &Db, ratification: i64) -> Result<i64, StoreError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(u.id) FROM commitment_updates u JOIN commitments c ON c.id = u.commitment_id \
         WHERE c.ratification_id = $1",
    )
    .bind(ratification)
    .fetch_one(db.pool())
    .await?;
    Ok(id.unwrap_or(0))
}

/// Inserts `update` and appends it to the decision's record, in `tx`.
async fn insert_update(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    commitment: i64,
    section: SectionKey,
    decision: i64,
    update: &CommitmentUpdate,
    by: PersonId,
    now: i64,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO commitment_updates (commitment_id, status, note, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(commitment)
    .bind(update.status.slug())
    .bind(update.note.as_ref().map(|n| n.as_str().to_string()))
    .bind(by.get())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let by = pseudonym_in(tx, by, decision).await?;
    append_in(
        tx,
        decision,
        now,
        RecordEvent::CommitmentUpdated {
            commitment,
            section: section.get(),
            status: update.status,
            by,
        },
    )
    .await?;
    Ok(())
}

/// Makes a commitment on section `section` of ratification `ratification` (of `decision`),
/// planned, with its first update in the record. Returns its id once committed.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(level = "debug", skip(db, new))]
pub async fn insert(
    db: &Db,
    process: ProcessId,
    ratification: i64,
    decision: i64,
    section: SectionKey,
    new: &NewCommitment,
    by: PersonId,
    now: i64,
) -> Result<i64, StoreError> {
    let mut tx = db.begin_write().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO commitments (process_id, ratification_id, section_key, what, responsible, \
         measure, due_day, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         RETURNING id",
    )
    .bind(process.get())
    .bind(ratification)
    .bind(i64::from(section.get()))
    .bind(new.what.as_str())
    .bind(new.responsible.as_str())
    .bind(new.measure.as_str())
    .bind(new.due.get())
    .bind(by.get())
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    let planned = CommitmentUpdate {
        status: CommitmentStatus::Planned,
        note: None,
    };
    insert_update(&mut tx, id, section, decision, &planned, by, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// A status update on commitment `commitment` (of `decision`), in the record too.
#[tracing::instrument(level = "debug", skip(db, update))]
pub async fn update(
    db: &Db,
    commitment: &StoredCommitment,
    decision: i64,
    update: &CommitmentUpdate,
    by: PersonId,
    now: i64,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    insert_update(
        &mut tx,
        commitment.id,
        commitment.section,
        decision,
        update,
        by,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
