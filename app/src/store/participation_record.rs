//! The `participation_record` and `record_pseudonyms` tables. Entries are appended inside the
//! transaction that makes the change they record, and never updated or deleted.

use sqlx::{Any, Row, Transaction};

use super::{Db, StoreError};
use crate::domain::PersonId;
use crate::domain::decision::record::{RecordEntry, RecordEvent, append};

fn entry_from_row(row: &sqlx::any::AnyRow) -> Result<RecordEntry, StoreError> {
    let event: String = row.try_get("event")?;
    let seq: i64 = row.try_get("seq")?;
    Ok(RecordEntry {
        seq: u64::try_from(seq).map_err(|_| StoreError::Corrupt(format!("record seq {seq}")))?,
        decision: row.try_get("decision_id")?,
        at: row.try_get("at")?,
        // An entry that does not decode is reported by verification, not hidden here.
        event: serde_json::from_str(&event)
            .map_err(|e| StoreError::Corrupt(format!("record event: {e}")))?,
        prev_hash: row.try_get("prev_hash")?,
        hash: row.try_get("hash")?,
    })
}

/// Appends `event` to the decision's record, inside `tx`. The caller's transaction makes the
/// read of the last entry and the insert one step (on PostgreSQL a racing insert hits the
/// primary key and the caller's transaction fails, to be retried whole).
pub async fn append_in(
    tx: &mut Transaction<'static, Any>,
    decision: i64,
    at: i64,
    event: RecordEvent,
) -> Result<RecordEntry, StoreError> {
    let last = sqlx::query(
        "SELECT decision_id, seq, at, event, prev_hash, hash FROM participation_record \
         WHERE decision_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(decision)
    .fetch_optional(&mut **tx)
    .await?;
    let last = last.as_ref().map(entry_from_row).transpose()?;
    let entry = append(last.as_ref(), decision, at, event);
    let json = serde_json::to_string(&entry.event)
        .map_err(|e| StoreError::Corrupt(format!("encoding an event: {e}")))?;
    sqlx::query(
        "INSERT INTO participation_record (decision_id, seq, at, event, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(decision)
    .bind(i64::try_from(entry.seq).unwrap_or(i64::MAX))
    .bind(at)
    .bind(json)
    .bind(&entry.prev_hash)
    .bind(&entry.hash)
    .execute(&mut **tx)
    .await?;
    Ok(entry)
}

/// A decision's record, in order.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn entries(db: &Db, decision: i64) -> Result<Vec<RecordEntry>, StoreError> {
    parse_entries(decision, &entries_text(db, decision).await?)
}

/// A decision's record, in order, as it was read: one text (see [`super::rows_as_json`]).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn entries_text(db: &Db, decision: i64) -> Result<String, StoreError> {
    Ok(sqlx::query_scalar(&entries_sql(db.backend()))
        .bind(decision)
        .fetch_one(db.pool())
        .await?)
}

/// The statement [`entries_text`] runs, for decision `$1`.
pub(crate) fn entries_sql(backend: super::Backend) -> String {
    super::rows_as_json(
        backend,
        "seq, at, event, prev_hash, hash",
        "participation_record WHERE decision_id = $1",
        "seq",
    )
}

/// The entries in `text` (from [`entries_text`]) of decision `decision`.
pub fn parse_entries(decision: i64, text: &str) -> Result<Vec<RecordEntry>, StoreError> {
    let mut rows = super::parse_json_rows::<(i64, i64, String, String, String)>(text, "record")?;
    rows.sort_by_key(|row| row.0);
    rows.into_iter()
        .map(|(seq, at, event, prev_hash, hash)| {
            Ok(RecordEntry {
                seq: u64::try_from(seq)
                    .map_err(|_| StoreError::Corrupt(format!("record seq {seq}")))?,
                decision,
                at,
                // An entry that does not decode is reported by verification, not hidden here.
                event: serde_json::from_str(&event)
                    .map_err(|e| StoreError::Corrupt(format!("record event: {e}")))?,
                prev_hash,
                hash,
            })
        })
        .collect()
}

/// The fingerprint (hash) of the decision's latest record entry, for people to compare with
/// a printed copy.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn head(db: &Db, decision: i64) -> Result<Option<String>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT hash FROM participation_record WHERE decision_id = $1 ORDER BY seq DESC LIMIT 1",
    )
    .bind(decision)
    .fetch_optional(db.pool())
    .await?)
}

/// The pseudonym `person` appears by in decision `decision`'s record: derived from their
/// secret (the `pseudonym` column of `record_pseudonyms`, made on first use and deleted when
/// they withdraw) and the decision, so two decisions' entries of one person cannot be linked.
pub async fn pseudonym_in(
    tx: &mut Transaction<'static, Any>,
    person: PersonId,
    decision: i64,
) -> Result<String, StoreError> {
    use rand::Rng;
    let secret = match sqlx::query_scalar::<_, String>(
        "SELECT pseudonym FROM record_pseudonyms WHERE person_id = $1",
    )
    .bind(person.get())
    .fetch_optional(&mut **tx)
    .await?
    {
        Some(secret) => secret,
        None => {
            let bytes: [u8; 16] = rand::rng().random();
            let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            sqlx::query("INSERT INTO record_pseudonyms (person_id, pseudonym) VALUES ($1, $2)")
                .bind(person.get())
                .bind(&secret)
                .execute(&mut **tx)
                .await?;
            secret
        }
    };
    Ok(crate::domain::decision::record::pseudonym(
        &secret, decision,
    ))
}
