//! The `minority_statements` and `minority_signatures` tables: one statement per adopting
//! decision and who co-signed it. Writing the text again keeps only the writer's signature.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::PersonId;
use crate::domain::decision::minority::StatementText;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredStatement {
    pub body: String,
    /// One more each time the text is written: a form for an older text is refused.
    pub revision: i64,
    pub updated_at: i64,
    /// Who signed, in the order they signed.
    pub signers: Vec<PersonId>,
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn of_decision(db: &Db, decision: i64) -> Result<Option<StoredStatement>, StoreError> {
    let Some(row) = sqlx::query(
        "SELECT body, revision, updated_at FROM minority_statements WHERE decision_id = $1",
    )
    .bind(decision)
    .fetch_optional(db.pool())
    .await?
    else {
        return Ok(None);
    };
    let signers: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM minority_signatures WHERE decision_id = $1 ORDER BY signed_at, person_id",
    )
    .bind(decision)
    .fetch_all(db.pool())
    .await?;
    Ok(Some(StoredStatement {
        body: row.try_get("body")?,
        revision: row.try_get("revision")?,
        updated_at: row.try_get("updated_at")?,
        signers: signers.into_iter().map(PersonId::new).collect(),
    }))
}

/// What changes the annex on a public page: one more at every write, signature and
/// withdrawal (0 without a statement).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn changes_of(db: &Db, decision: i64) -> Result<i64, StoreError> {
    let changes: Option<i64> =
        sqlx::query_scalar("SELECT changes FROM minority_statements WHERE decision_id = $1")
            .bind(decision)
            .fetch_optional(db.pool())
            .await?;
    Ok(changes.unwrap_or(0))
}

/// The statement's revision, read inside the writing transaction (`None`: no statement).
async fn revision_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    decision: i64,
) -> Result<Option<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT revision FROM minority_statements WHERE decision_id = $1")
            .bind(decision)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

async fn touch(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    decision: i64,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE minority_statements SET changes = changes + 1 WHERE decision_id = $1")
        .bind(decision)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Why a statement was not written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Saved,
    /// Someone wrote it since the writer loaded it (`revision` was not the latest).
    Clashed,
}

/// Writes the statement (the first time, or again over `revision`), signed by `writer` alone.
#[tracing::instrument(level = "debug", skip(db, body))]
pub async fn write(
    db: &Db,
    decision: i64,
    revision: i64,
    body: &StatementText,
    writer: PersonId,
    now: i64,
) -> Result<Written, StoreError> {
    let mut tx = db.begin_write().await?;
    let current = revision_in(&mut tx, decision).await?;
    if current.unwrap_or(0) != revision {
        return Ok(Written::Clashed);
    }
    sqlx::query(
        "INSERT INTO minority_statements (decision_id, body, revision, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (decision_id) DO UPDATE SET body = $2, revision = $3, updated_at = $4",
    )
    .bind(decision)
    .bind(body.as_str())
    .bind(revision + 1)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM minority_signatures WHERE decision_id = $1")
        .bind(decision)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO minority_signatures (decision_id, person_id, signed_at) VALUES ($1, $2, $3)",
    )
    .bind(decision)
    .bind(writer.get())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    touch(&mut tx, decision).await?;
    tx.commit().await?;
    Ok(Written::Saved)
}

/// `person` co-signs the statement at `revision`; `false` when the text changed since.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn sign(
    db: &Db,
    decision: i64,
    revision: i64,
    person: PersonId,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let current = revision_in(&mut tx, decision).await?;
    if current != Some(revision) {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO minority_signatures (decision_id, person_id, signed_at) VALUES ($1, $2, $3) \
         ON CONFLICT (decision_id, person_id) DO NOTHING",
    )
    .bind(decision)
    .bind(person.get())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    touch(&mut tx, decision).await?;
    tx.commit().await?;
    Ok(true)
}

/// `person` takes their signature back.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn unsign(db: &Db, decision: i64, person: PersonId) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM minority_signatures WHERE decision_id = $1 AND person_id = $2")
        .bind(decision)
        .bind(person.get())
        .execute(&mut *tx)
        .await?;
    touch(&mut tx, decision).await?;
    tx.commit().await?;
    Ok(())
}
