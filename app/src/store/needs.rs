//! What needs me: the queries behind it, and the `needs_done` table of what a person marked
//! done. Every query is about one person and the processes they belong to.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::document::DocumentKind;
use crate::domain::needs::Need;
use crate::domain::{Constituency, PersonId, ProcessId};

fn kind(raw: &str) -> Result<DocumentKind, StoreError> {
    DocumentKind::from_slug(raw).ok_or_else(|| StoreError::Corrupt(format!("document {raw:?}")))
}

/// Open decisions (not a workshop's) in `person`'s processes without their ballot, with who
/// may vote in each; `now` decides what is still open.
#[tracing::instrument(skip(db))]
pub async fn votes_to_cast(
    db: &Db,
    person: PersonId,
    now: i64,
) -> Result<Vec<(i64, Need, Vec<Constituency>)>, StoreError> {
    let rows = sqlx::query(
        "SELECT d.id, d.process_id, d.question, d.closes_at, d.eligible FROM decisions d \
         WHERE d.closed_at IS NULL AND (d.closes_at IS NULL OR d.closes_at > $2) \
         AND d.opened_in_workshop IS NULL \
         AND d.process_id IN (SELECT process_id FROM memberships WHERE person_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.decision_id = d.id AND b.person_id = $1) \
         ORDER BY d.id LIMIT 100",
    )
    .bind(person.get())
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let eligible: String = row.try_get("eligible")?;
            let eligible: Vec<Constituency> = serde_json::from_str(&eligible)
                .map_err(|e| StoreError::Corrupt(format!("eligible: {e}")))?;
            Ok((
                row.try_get("process_id")?,
                Need::Vote {
                    decision: row.try_get("id")?,
                    question: row.try_get("question")?,
                    closes_at: row.try_get("closes_at")?,
                },
                eligible,
            ))
        })
        .collect()
}

/// Replies by others in threads `person` started (visible ones, newest first).
#[tracing::instrument(skip(db))]
pub async fn replies(db: &Db, person: PersonId) -> Result<Vec<(i64, Need)>, StoreError> {
    let rows = sqlx::query(
        "SELECT c.id, c.process_id, c.kind, c.section_key FROM comments c \
         WHERE c.visibility = 'visible' AND (c.author_id IS NULL OR c.author_id <> $1) \
         AND c.thread_id IN (SELECT t.id FROM comments t WHERE t.author_id = $1) \
         ORDER BY c.id DESC LIMIT 50",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let section: i64 = row.try_get("section_key")?;
            Ok((
                row.try_get("process_id")?,
                Need::Reply {
                    comment: row.try_get("id")?,
                    kind: kind(&row.try_get::<String, _>("kind")?)?,
                    section: u32::try_from(section).unwrap_or(0),
                },
            ))
        })
        .collect()
}

/// `person`'s amendments that got a verdict (newest first).
#[tracing::instrument(skip(db))]
pub async fn verdicts(db: &Db, person: PersonId) -> Result<Vec<(i64, Need)>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, process_id, kind, state FROM amendments \
         WHERE proposer_id = $1 AND state IN ('accepted', 'declined') ORDER BY id DESC LIMIT 50",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let state: String = row.try_get("state")?;
            Ok((
                row.try_get("process_id")?,
                Need::Verdict {
                    amendment: row.try_get("id")?,
                    kind: kind(&row.try_get::<String, _>("kind")?)?,
                    accepted: state == "accepted",
                },
            ))
        })
        .collect()
}

/// Amendments in `process` waiting for a verdict.
#[tracing::instrument(skip(db))]
pub async fn amendments_waiting(db: &Db, process: ProcessId) -> Result<Vec<Need>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, kind FROM amendments WHERE process_id = $1 AND state = 'open' ORDER BY id LIMIT 50",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Need::AmendmentWaiting {
                amendment: row.try_get("id")?,
                kind: kind(&row.try_get::<String, _>("kind")?)?,
            })
        })
        .collect()
}

/// Open decisions of `process` that close only by hand.
#[tracing::instrument(skip(db))]
pub async fn closed_by_hand(db: &Db, process: ProcessId) -> Result<Vec<Need>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, question FROM decisions WHERE process_id = $1 AND closed_at IS NULL \
         AND closes_at IS NULL AND opened_in_workshop IS NULL ORDER BY id LIMIT 50",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Need::ReadyToClose {
                decision: row.try_get("id")?,
                question: row.try_get("question")?,
            })
        })
        .collect()
}

/// How many comments wait in `process`'s moderation queue (the same as the queue page's),
/// and the newest of them: counted by the database, not read.
#[tracing::instrument(skip(db))]
pub async fn moderation_waiting(
    db: &Db,
    process: ProcessId,
) -> Result<(u32, Option<i64>), StoreError> {
    let (waiting, latest): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MAX(id) FROM comments WHERE process_id = $1 AND (visibility = 'awaiting_approval' \
         OR id IN (SELECT comment_id FROM comment_reports WHERE handled_at IS NULL))",
    )
    .bind(process.get())
    .fetch_one(db.pool())
    .await?;
    Ok((u32::try_from(waiting).unwrap_or(u32::MAX), latest))
}

/// The keys `person` marked done.
#[tracing::instrument(skip(db))]
pub async fn done(db: &Db, person: PersonId) -> Result<Vec<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT item FROM needs_done WHERE person_id = $1")
            .bind(person.get())
            .fetch_all(db.pool())
            .await?,
    )
}

/// Marks `item` done for `person` (again is fine).
#[tracing::instrument(skip(db))]
pub async fn mark_done(db: &Db, person: PersonId, item: &str, now: i64) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query(
            "INSERT INTO needs_done (person_id, item, done_at) VALUES ($1, $2, $3) \
             ON CONFLICT (person_id, item) DO NOTHING",
        )
        .bind(person.get())
        .bind(item)
        .bind(now),
    )
    .await?;
    Ok(())
}

/// Remembers that `person` opened version `number` of a document (never moves back). Reads
/// first, so reading a version already remembered takes no write lock.
#[tracing::instrument(skip(db))]
pub async fn record_read(
    db: &Db,
    person: PersonId,
    process: ProcessId,
    kind: DocumentKind,
    number: u32,
    now: i64,
) -> Result<(), StoreError> {
    let known: Option<i64> = sqlx::query_scalar(
        "SELECT number FROM document_reads WHERE person_id = $1 AND process_id = $2 AND kind = $3",
    )
    .bind(person.get())
    .bind(process.get())
    .bind(kind.slug())
    .fetch_optional(db.pool())
    .await?;
    if known.is_some_and(|n| n >= i64::from(number)) {
        return Ok(());
    }
    db.execute_committed(
        sqlx::query(
            "INSERT INTO document_reads (person_id, process_id, kind, number, read_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id, process_id, kind) DO UPDATE \
             SET number = excluded.number, read_at = excluded.read_at \
             WHERE document_reads.number < excluded.number",
        )
        .bind(person.get())
        .bind(process.get())
        .bind(kind.slug())
        .bind(i64::from(number))
        .bind(now),
    )
    .await?;
    Ok(())
}

/// Documents `person` read that have newer versions since, in processes they belong to.
#[tracing::instrument(skip(db))]
pub async fn documents_behind(db: &Db, person: PersonId) -> Result<Vec<(i64, Need)>, StoreError> {
    let rows = sqlx::query(
        "SELECT r.process_id, r.kind, r.number, \
         (SELECT MAX(v.number) FROM document_versions v \
          WHERE v.process_id = r.process_id AND v.kind = r.kind) AS latest \
         FROM document_reads r WHERE r.person_id = $1 \
         AND r.process_id IN (SELECT process_id FROM memberships WHERE person_id = $1) \
         ORDER BY r.process_id, r.kind",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::new();
    for row in &rows {
        let read: i64 = row.try_get("number")?;
        let latest: Option<i64> = row.try_get("latest")?;
        let Some(latest) = latest.filter(|l| *l > read) else {
            continue;
        };
        let number = |n: i64| {
            u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("version number {n}")))
        };
        out.push((
            row.try_get("process_id")?,
            Need::Changed {
                kind: kind(&row.try_get::<String, _>("kind")?)?,
                read: number(read)?,
                latest: number(latest)?,
            },
        ));
    }
    Ok(out)
}
