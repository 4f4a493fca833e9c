//! The `participation_record` and `record_pseudonyms` tables. Entries are appended inside the
//! transaction that makes the change they record, and never updated or deleted.

use sqlx::{Any, Row, Transaction};

use super::{Db, StoreError};
use crate::domain::PersonId;
use crate::domain::decision::record::{ChainBreak, RecordEntry, RecordEvent, append, verify};

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
#[tracing::instrument(skip(db))]
pub async fn entries(db: &Db, decision: i64) -> Result<Vec<RecordEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT decision_id, seq, at, event, prev_hash, hash FROM participation_record \
         WHERE decision_id = $1 ORDER BY seq",
    )
    .bind(decision)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(entry_from_row).collect()
}

/// Re-walks the record of every decision. `Ok(Ok(n))`: all `n` records are intact;
/// `Ok(Err(break))`: the first bad entry (altered, removed, reordered, unreadable, or a
/// decision whose record is gone).
#[tracing::instrument(skip(db))]
pub async fn verify_all(db: &Db) -> Result<Result<usize, ChainBreak>, StoreError> {
    let decisions: Vec<i64> = sqlx::query_scalar("SELECT id FROM decisions ORDER BY id")
        .fetch_all(db.pool())
        .await?;
    for &decision in &decisions {
        let rows = sqlx::query(
            "SELECT decision_id, seq, at, event, prev_hash, hash FROM participation_record \
             WHERE decision_id = $1 ORDER BY seq",
        )
        .bind(decision)
        .fetch_all(db.pool())
        .await?;
        if rows.is_empty() {
            return Ok(Err(ChainBreak {
                decision,
                seq: 1,
                why: "the record of this decision is missing",
            }));
        }
        let mut entries = Vec::with_capacity(rows.len());
        for (i, row) in rows.iter().enumerate() {
            match entry_from_row(row) {
                Ok(e) => entries.push(e),
                Err(_) => {
                    return Ok(Err(ChainBreak {
                        decision,
                        seq: i as u64 + 1,
                        why: "it cannot be read: its contents were changed",
                    }));
                }
            }
        }
        if let Err(broken) = verify(decision, &entries) {
            return Ok(Err(broken));
        }
    }
    Ok(Ok(decisions.len()))
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
