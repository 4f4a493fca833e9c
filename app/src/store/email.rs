//! Email: what people chose, which notices they were sent, and the outbox that the server
//! drains. Every write that decides a message is due is one transaction with the outbox row,
//! and every key is unique, so two instances deciding at once write one message.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::document::DocumentKind;
use crate::domain::email::{EmailChoice, Frequency, Topic};
use crate::domain::{PersonId, Viewer};

/// A person who chose to hear about something and has an address.
#[derive(Debug, Clone)]
pub struct Recipient {
    pub viewer: Viewer,
    pub choice: EmailChoice,
    /// Kept as it is (not hashed): the server puts it in every message's link, and all it can
    /// do is stop mail.
    pub unsubscribe_token: String,
}

fn choice_of(topics: &str, frequency: &str) -> Result<EmailChoice, StoreError> {
    let topics: Vec<Topic> = serde_json::from_str(topics)
        .map_err(|e| StoreError::Corrupt(format!("email topics: {e}")))?;
    let frequency = Frequency::parse(frequency)
        .ok_or_else(|| StoreError::Corrupt(format!("email frequency {frequency:?}")))?;
    Ok(EmailChoice {
        topics: topics.into_iter().collect(),
        frequency,
    })
}

/// What `person` chose, and their unsubscribe token (`None`: never chose).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn choice(db: &Db, person: PersonId) -> Result<Option<EmailChoice>, StoreError> {
    let row = sqlx::query("SELECT topics, frequency FROM email_preferences WHERE person_id = $1")
        .bind(person.get())
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| {
        choice_of(
            &row.try_get::<String, _>("topics")?,
            &row.try_get::<String, _>("frequency")?,
        )
    })
    .transpose()
}

/// Saves what `person` chose. The first time, `new_token` becomes their unsubscribe token and
/// `baseline` (what is already there) is written as sent, so it is not mailed as news.
#[tracing::instrument(level = "debug", skip(db, new_token, baseline))]
pub async fn save_choice(
    db: &Db,
    person: PersonId,
    choice: &EmailChoice,
    new_token: &str,
    baseline: &[String],
    now: i64,
) -> Result<(), StoreError> {
    let topics: Vec<Topic> = choice.topics.iter().copied().collect();
    let topics = serde_json::to_string(&topics)
        .map_err(|e| StoreError::Corrupt(format!("email topics: {e}")))?;
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO email_preferences (person_id, topics, frequency, unsubscribe_token, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id) DO UPDATE \
         SET topics = excluded.topics, frequency = excluded.frequency, updated_at = excluded.updated_at",
    )
    .bind(person.get())
    .bind(&topics)
    .bind(choice.frequency.slug())
    .bind(new_token)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    for key in baseline {
        note_sent(&mut tx, person, key, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Writes notice `key` as sent to `person`; `false` when it already was.
async fn note_sent(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    person: PersonId,
    key: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let written = sqlx::query(
        "INSERT INTO email_notified (person_id, notice, at) VALUES ($1, $2, $3) \
         ON CONFLICT (person_id, notice) DO NOTHING",
    )
    .bind(person.get())
    .bind(key)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(written == 1)
}

/// Stops all mail for whoever holds `token`, and drops what waits in the outbox for them.
/// `false`: no such token.
#[tracing::instrument(level = "debug", skip(db, token))]
pub async fn unsubscribe(db: &Db, token: &str, now: i64) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let person: Option<i64> = sqlx::query_scalar(
        "UPDATE email_preferences SET topics = '[]', updated_at = $2 \
         WHERE unsubscribe_token = $1 RETURNING person_id",
    )
    .bind(token)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(person) = person {
        sqlx::query("DELETE FROM email_outbox WHERE person_id = $1 AND sent_at IS NULL")
            .bind(person)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(person.is_some())
}

/// Everyone with an address who chose at least one topic (not guests, not withdrawn).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn recipients(db: &Db) -> Result<Vec<Recipient>, StoreError> {
    let rows = sqlx::query(
        "SELECT p.id, p.site_role, e.topics, e.frequency, e.unsubscribe_token \
         FROM email_preferences e JOIN people p ON p.id = e.person_id \
         WHERE p.email IS NOT NULL AND p.withdrawn_at IS NULL AND p.guest_of_workshop IS NULL \
         AND e.topics <> '[]' ORDER BY p.id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("site_role")?;
            Ok(Recipient {
                viewer: Viewer {
                    person: PersonId::new(row.try_get("id")?),
                    site_role: super::people::site_role_from_db(&role)?,
                },
                choice: choice_of(
                    &row.try_get::<String, _>("topics")?,
                    &row.try_get::<String, _>("frequency")?,
                )?,
                unsubscribe_token: row.try_get("unsubscribe_token")?,
            })
        })
        .collect()
}

/// The notices already mailed to `person` (or there when they chose).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn notified(db: &Db, person: PersonId) -> Result<Vec<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT notice FROM email_notified WHERE person_id = $1")
            .bind(person.get())
            .fetch_all(db.pool())
            .await?,
    )
}

/// The newest publication for comment of each document in `person`'s processes:
/// (process, kind, publication id).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn publications(
    db: &Db,
    person: PersonId,
) -> Result<Vec<(i64, DocumentKind, i64)>, StoreError> {
    let rows = sqlx::query(
        "SELECT process_id, kind, MAX(id) AS id FROM document_publications \
         WHERE status = 'draft_for_consultation' \
         AND process_id IN (SELECT process_id FROM memberships WHERE person_id = $1) \
         GROUP BY process_id, kind ORDER BY process_id, kind",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok((
                row.try_get("process_id")?,
                DocumentKind::from_slug(&kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("document {kind:?}")))?,
                row.try_get("id")?,
            ))
        })
        .collect()
}

/// A message to put in the outbox, and the notices it tells of.
pub struct Outgoing<'a> {
    pub person: PersonId,
    pub dedupe_key: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub notices: &'a [String],
}

/// Puts a message in the outbox and writes its notices as sent, in one transaction. `false`
/// (and nothing written) when a message with its key, or any of its notices, was already
/// written, by this instance or another.
#[tracing::instrument(level = "debug", skip(db, message))]
pub async fn enqueue(db: &Db, message: &Outgoing<'_>, now: i64) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let inserted = sqlx::query(
        "INSERT INTO email_outbox (person_id, dedupe_key, subject, body, created_at, not_before) \
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(message.person.get())
    .bind(message.dedupe_key)
    .bind(message.subject)
    .bind(message.body)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        tx.rollback().await?;
        return Ok(false);
    }
    for key in message.notices {
        if !note_sent(&mut tx, message.person, key, now).await? {
            // Another instance told of it first: this message would repeat it.
            tx.rollback().await?;
            return Ok(false);
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// A message claimed for sending, with the address read now.
#[derive(Debug)]
pub struct Claimed {
    pub id: i64,
    pub address: Option<String>,
    pub subject: String,
    pub body: String,
    pub attempts: i64,
    pub unsubscribe_token: Option<String>,
    /// Whether they still want any email (they may have unsubscribed since it was written).
    pub still_wanted: bool,
}

/// Claims the oldest message due, for `lease` seconds, for instance `me`. The claim repeats
/// every condition in the outer `WHERE`, so of two instances racing for a row only one
/// updates it (PostgreSQL rechecks those conditions on the row it waited for).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn claim_next(
    db: &Db,
    me: &str,
    now: i64,
    lease: i64,
) -> Result<Option<Claimed>, StoreError> {
    let mut tx = db.begin_write().await?;
    let id: Option<i64> = sqlx::query_scalar(
        "UPDATE email_outbox SET claimed_by = $1, not_before = $3, attempts = attempts + 1 \
         WHERE sent_at IS NULL AND failed_at IS NULL AND not_before <= $2 AND id = \
         (SELECT id FROM email_outbox WHERE sent_at IS NULL AND failed_at IS NULL \
          AND not_before <= $2 ORDER BY id LIMIT 1) RETURNING id",
    )
    .bind(me)
    .bind(now)
    .bind(now + lease)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        tx.rollback().await?;
        return Ok(None);
    };
    let row = sqlx::query(
        "SELECT o.id, o.subject, o.body, o.attempts, p.email, e.unsubscribe_token, e.topics \
         FROM email_outbox o JOIN people p ON p.id = o.person_id \
         LEFT JOIN email_preferences e ON e.person_id = o.person_id WHERE o.id = $1",
    )
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    let claimed = Claimed {
        id,
        address: row.try_get("email")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        attempts: row.try_get("attempts")?,
        unsubscribe_token: row.try_get("unsubscribe_token")?,
        still_wanted: row
            .try_get::<Option<String>, _>("topics")?
            .is_some_and(|t| t != "[]"),
    };
    tx.commit().await?;
    Ok(Some(claimed))
}

/// The message went: its words are cleared (the key stays, so it is never written again).
/// Only the instance holding the claim (`me`) marks it.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn mark_sent(db: &Db, id: i64, me: &str, now: i64) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query(
            "UPDATE email_outbox SET sent_at = $2, body = '' \
             WHERE id = $1 AND claimed_by = $3 AND sent_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .bind(me),
    )
    .await?;
    Ok(())
}

/// Sending failed: try again at `retry_at`, or give up (`give_up`). Only the instance holding
/// the claim (`me`) marks it.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn mark_failed(
    db: &Db,
    id: i64,
    me: &str,
    retry_at: i64,
    give_up: bool,
    now: i64,
) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query(
            "UPDATE email_outbox SET not_before = $2, claimed_by = NULL, \
             failed_at = CASE WHEN $3 = 1 THEN $4 ELSE NULL END \
             WHERE id = $1 AND claimed_by = $5 AND sent_at IS NULL",
        )
        .bind(id)
        .bind(retry_at)
        .bind(i64::from(give_up))
        .bind(now)
        .bind(me),
    )
    .await?;
    Ok(())
}

/// Whether a message with this key was already written (a day's digest, say).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn written(db: &Db, dedupe_key: &str) -> Result<bool, StoreError> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM email_outbox WHERE dedupe_key = $1")
            .bind(dedupe_key)
            .fetch_optional(db.pool())
            .await?;
    Ok(found.is_some())
}

/// Deletes sent or abandoned messages older than `before` (a digest's key is only needed on
/// its day).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn purge(db: &Db, before: i64) -> Result<u64, StoreError> {
    Ok(db
        .execute_committed(
            sqlx::query(
                "DELETE FROM email_outbox WHERE created_at < $1 \
                 AND (sent_at IS NOT NULL OR failed_at IS NOT NULL)",
            )
            .bind(before),
        )
        .await?
        .rows_affected())
}

/// How many messages wait to be sent (for tests and the operator).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn waiting(db: &Db) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM email_outbox WHERE sent_at IS NULL AND failed_at IS NULL",
    )
    .fetch_one(db.pool())
    .await?)
}
