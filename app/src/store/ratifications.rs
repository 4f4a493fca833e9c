//! The `ratifications` table. Ratifying publishes the version with the status "ratified",
//! stores who ratified it and appends the event to the decision's participation record, all
//! in one transaction.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::participation_record::append_in;
use super::{Db, StoreError};
use crate::domain::decision::record::RecordEvent;
use crate::domain::document::DocumentKind;
use crate::domain::document::version::{PublicationStatus, VersionNumber};
use crate::domain::{PersonId, ProcessId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRatification {
    pub id: i64,
    pub process: ProcessId,
    pub kind: DocumentKind,
    pub number: VersionNumber,
    pub decision: i64,
    pub publication: i64,
    pub ratifier_name: String,
    pub ratified_at: i64,
    /// Who confirmed the ratifier as a commissioner, as they appeared then.
    pub confirmed_by_name: Option<String>,
}

const COLUMNS: &str = "id, process_id, kind, number, decision_id, publication_id, ratifier_name, \
     ratified_at, confirmed_by_name";

fn from_row(row: &AnyRow) -> Result<StoredRatification, StoreError> {
    let kind: String = row.try_get("kind")?;
    let number: i64 = row.try_get("number")?;
    Ok(StoredRatification {
        id: row.try_get("id")?,
        process: ProcessId::new(row.try_get("process_id")?),
        kind: DocumentKind::from_slug(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("ratified document {kind:?}")))?,
        number: u32::try_from(number)
            .ok()
            .and_then(VersionNumber::new)
            .ok_or_else(|| StoreError::Corrupt(format!("ratified version {number}")))?,
        decision: row.try_get("decision_id")?,
        publication: row.try_get("publication_id")?,
        ratifier_name: row.try_get("ratifier_name")?,
        ratified_at: row.try_get("ratified_at")?,
        confirmed_by_name: row.try_get("confirmed_by_name")?,
    })
}

/// What ratifying stores.
pub struct NewRatification<'a> {
    pub process: ProcessId,
    pub kind: DocumentKind,
    pub number: VersionNumber,
    pub decision: i64,
    pub by: PersonId,
    pub ratifier_name: &'a str,
    /// Who confirmed the ratifier as a commissioner, as they appear publicly.
    pub confirmed_by_name: &'a str,
    pub now: i64,
    /// The version's HTML and its tag, rendered once, as for any publication.
    pub html: &'a str,
    pub etag: &'a str,
}

/// Ratifies; the new ratification's id, or `None` when the decision had been ratified
/// already (by someone else a moment before: the unique key on the decision decides).
#[tracing::instrument(level = "debug", skip(db, new), fields(decision = new.decision))]
pub async fn ratify(db: &Db, new: NewRatification<'_>) -> Result<Option<i64>, StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(&format!(
        "SELECT id FROM decisions WHERE id = $1{}",
        super::decisions::row_lock(db)
    ))
    .bind(new.decision)
    .execute(&mut *tx)
    .await?;
    let already: Option<i64> =
        sqlx::query_scalar("SELECT id FROM ratifications WHERE decision_id = $1")
            .bind(new.decision)
            .fetch_optional(&mut *tx)
            .await?;
    if already.is_some() {
        return Ok(None);
    }
    let publication = super::documents::publish_in(
        &mut *tx,
        new.process,
        new.kind,
        new.number,
        PublicationStatus::Ratified,
        new.by,
        new.now,
        new.html,
        new.etag,
    )
    .await?;
    let inserted = sqlx::query_scalar(
        "INSERT INTO ratifications (process_id, kind, number, decision_id, publication_id, \
         ratified_by, ratifier_name, ratified_at, confirmed_by_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.process.get())
    .bind(new.kind.slug())
    .bind(i64::from(new.number.get()))
    .bind(new.decision)
    .bind(publication)
    .bind(new.by.get())
    .bind(new.ratifier_name)
    .bind(new.now)
    .bind(new.confirmed_by_name)
    .fetch_one(&mut *tx)
    .await;
    let id: i64 = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    append_in(
        &mut tx,
        new.decision,
        new.now,
        RecordEvent::Ratified {
            by: new.ratifier_name.to_string(),
            document: new.kind,
            version: new.number.get(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// The ratification of decision `decision`, if any.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn of_decision(db: &Db, decision: i64) -> Result<Option<StoredRatification>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM ratifications WHERE decision_id = $1"
    ))
    .bind(decision)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Every ratification of a document, newest (the one in force) first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn of_document(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Vec<StoredRatification>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM ratifications WHERE process_id = $1 AND kind = $2 ORDER BY id DESC"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}
