//! The `amendments` and `amendment_supports` tables. One support per person per amendment is
//! enforced by the primary key as well as in code.

use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use super::{Db, StoreError};
use crate::domain::deliberation::amendment::AmendmentState;
use crate::domain::document::version::VersionNumber;
use crate::domain::document::{DocumentKind, SectionBody, SectionKey};
use crate::domain::{PersonId, ProcessId};

#[derive(Debug, Clone)]
pub struct StoredAmendment {
    pub id: i64,
    pub process: ProcessId,
    pub kind: DocumentKind,
    pub section: SectionKey,
    pub base: VersionNumber,
    pub body: SectionBody,
    pub reason: String,
    pub proposer: Option<PersonId>,
    pub state: AmendmentState,
    pub supports: i64,
    pub created_at: i64,
}

const COLUMNS: &str = "id, process_id, kind, section_key, base_number, body, reason, proposer_id, \
     state, decline_reason, accepted_number, created_at, \
     (SELECT COUNT(*) FROM amendment_supports s WHERE s.amendment_id = amendments.id) AS supports";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn from_row(row: &AnyRow) -> Result<StoredAmendment, StoreError> {
    let kind: String = row.try_get("kind")?;
    let key: i64 = row.try_get("section_key")?;
    let base: i64 = row.try_get("base_number")?;
    let body: String = row.try_get("body")?;
    let state: String = row.try_get("state")?;
    let state = match state.as_str() {
        "open" => AmendmentState::Open,
        "sent_to_vote" => AmendmentState::SentToVote,
        "declined" => AmendmentState::Declined {
            reason: row
                .try_get::<Option<String>, _>("decline_reason")?
                .unwrap_or_default(),
        },
        "accepted" => AmendmentState::Accepted {
            version: row
                .try_get::<Option<i64>, _>("accepted_number")?
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| corrupt("accepted amendment without a version"))?,
        },
        other => return Err(corrupt(&format!("amendment state {other:?}"))),
    };
    Ok(StoredAmendment {
        id: row.try_get("id")?,
        process: ProcessId::new(row.try_get("process_id")?),
        kind: DocumentKind::from_slug(&kind).ok_or_else(|| corrupt("document kind"))?,
        section: SectionKey::new(u32::try_from(key).map_err(|_| corrupt("section key"))?),
        base: u32::try_from(base)
            .ok()
            .and_then(VersionNumber::new)
            .ok_or_else(|| corrupt("base version"))?,
        body: SectionBody::parse(&body).map_err(|e| corrupt(&format!("amendment text: {e}")))?,
        reason: row.try_get("reason")?,
        proposer: row
            .try_get::<Option<i64>, _>("proposer_id")?
            .map(PersonId::new),
        state,
        supports: row.try_get("supports")?,
        created_at: row.try_get("created_at")?,
    })
}

#[allow(clippy::too_many_arguments)]
#[tracing::instrument(level = "debug", skip(db, body, reason))]
pub async fn insert(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    section: SectionKey,
    base: VersionNumber,
    body: &SectionBody,
    reason: &str,
    proposer: PersonId,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(db.fetch_one_committed(
sqlx::query_scalar(
        "INSERT INTO amendments \
         (process_id, kind, section_key, base_number, body, reason, proposer_id, state, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8) RETURNING id",
    )
    .bind(process.get())
    .bind(kind.slug())
    .bind(i64::from(section.get()))
    .bind(i64::from(base.get()))
    .bind(body.as_str())
    .bind(reason)
    .bind(proposer.get())
    .bind(now)
    )
    .await?)
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn find(db: &Db, id: i64) -> Result<Option<StoredAmendment>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM amendments WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The amendments to one document (one section, when `section` is given), newest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn for_document(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    section: Option<SectionKey>,
) -> Result<Vec<StoredAmendment>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM amendments WHERE process_id = $1 AND kind = $2 \
         AND ($3 < 0 OR section_key = $3) ORDER BY id DESC LIMIT 500"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .bind(section.map_or(-1, |k| i64::from(k.get())))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// Marks an undecided amendment accepted into version `number`, inside the transaction that
/// stores that version. `false` when it had been decided meanwhile.
pub async fn mark_accepted<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
    number: VersionNumber,
    by: PersonId,
    now: i64,
) -> Result<bool, StoreError> {
    let done = sqlx::query(
        "UPDATE amendments SET state = 'accepted', accepted_number = $1, decided_by = $2, \
         decided_at = $3 WHERE id = $4 AND state IN ('open', 'sent_to_vote')",
    )
    .bind(i64::from(number.get()))
    .bind(by.get())
    .bind(now)
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Declines or sends to a vote an amendment still undecided (`from` lists the states it may
/// be in). `false` when it was not in one of them.
#[tracing::instrument(level = "debug", skip(db, reason))]
pub async fn set_state(
    db: &Db,
    id: i64,
    state: &AmendmentState,
    reason: Option<&str>,
    by: PersonId,
    now: i64,
) -> Result<bool, StoreError> {
    let from = match state {
        AmendmentState::SentToVote => "('open')",
        _ => "('open', 'sent_to_vote')",
    };
    let done = db.execute_committed(
sqlx::query(&format!(
        "UPDATE amendments SET state = $1, decline_reason = $2, decided_by = $3, decided_at = $4 \
         WHERE id = $5 AND state IN {from}"
    ))
    .bind(state.slug())
    .bind(reason)
    .bind(by.get())
    .bind(now)
    .bind(id)
    )
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Sends an open amendment to a vote: marks it and opens its decision in one transaction.
/// The decision's id, or `None` when the amendment was no longer open.
#[tracing::instrument(level = "debug", skip(db, amendment, vote), fields(amendment = amendment.id))]
pub async fn send_to_vote(
    db: &Db,
    amendment: &StoredAmendment,
    vote: &crate::domain::decision::spec::DecisionSpec,
    by: PersonId,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    let mut tx = db.begin_write().await?;
    let marked = sqlx::query(
        "UPDATE amendments SET state = 'sent_to_vote', decided_by = $1, decided_at = $2 \
         WHERE id = $3 AND state = 'open'",
    )
    .bind(by.get())
    .bind(now)
    .bind(amendment.id)
    .execute(&mut *tx)
    .await?;
    if marked.rows_affected() != 1 {
        return Ok(None);
    }
    let decision = super::decisions::open_in(
        &mut tx,
        amendment.process,
        vote,
        super::decisions::Opening {
            by,
            now,
            closes_at: None,
            workshop: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(decision))
}

/// Adds `person`'s support; a second support from the same person changes nothing.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn support(db: &Db, id: i64, person: PersonId, now: i64) -> Result<(), StoreError> {
    db.execute_committed(
sqlx::query(
        "INSERT INTO amendment_supports (amendment_id, person_id, created_at) VALUES ($1, $2, $3) \
         ON CONFLICT (amendment_id, person_id) DO NOTHING",
    )
    .bind(id)
    .bind(person.get())
    .bind(now)
    )
    .await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn withdraw_support(db: &Db, id: i64, person: PersonId) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query("DELETE FROM amendment_supports WHERE amendment_id = $1 AND person_id = $2")
            .bind(id)
            .bind(person.get()),
    )
    .await?;
    Ok(())
}

/// Which of a document's amendments `person` supports.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn supported_by(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    person: PersonId,
) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT s.amendment_id FROM amendment_supports s \
         JOIN amendments a ON a.id = s.amendment_id \
         WHERE a.process_id = $1 AND a.kind = $2 AND s.person_id = $3",
    )
    .bind(process.get())
    .bind(kind.slug())
    .bind(person.get())
    .fetch_all(db.pool())
    .await?)
}

/// When `person` proposed amendments since `since`, for the per-person rate limit.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn proposed_since(db: &Db, person: PersonId, since: i64) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT created_at FROM amendments WHERE proposer_id = $1 AND created_at > $2",
    )
    .bind(person.get())
    .bind(since)
    .fetch_all(db.pool())
    .await?)
}
