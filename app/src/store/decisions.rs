//! The `decisions` and `ballots` tables. Opening, casting (or changing) a ballot and closing
//! each happen in one write transaction together with their entry in the participation
//! record, so the record and the tally can never disagree.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::participation_record::{append_in, pseudonym_in};
use super::{Db, StoreError};
use crate::domain::decision::ballot::Ballot;
use crate::domain::decision::disclosure::SecrecyThreshold;
use crate::domain::decision::record::RecordEvent;
use crate::domain::decision::rule::Outcome;
use crate::domain::decision::spec::{DecisionSpec, FinalCount};
use crate::domain::decision::subject::DecisionSubject;
use crate::domain::decision::tally::CastBallot;
use crate::domain::decision::timing::Timing;
use crate::domain::workshop::show_of_hands::ShowOfHands;
use crate::domain::{Constituency, PersonId, ProcessId};

#[derive(Debug, Clone)]
pub struct StoredDecision {
    pub id: i64,
    pub process: ProcessId,
    pub spec: DecisionSpec,
    pub opened_by: Option<PersonId>,
    pub opened_at: i64,
    pub closes_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub outcome: Option<Outcome>,
    /// The workshop whose step opened it: its guests may vote in it, and nobody else's.
    pub opened_in_workshop: Option<i64>,
    /// The process's secrecy threshold when it opened: voters were told the rule then, so a
    /// later change of the setting neither reveals nor hides more of this decision.
    pub secrecy: SecrecyThreshold,
    /// Moved on by the database with every change to its ballots, record or shows of hands.
    pub record_revision: i64,
    /// Its process's `voters_revision`, read with it: moved on by the database with every
    /// change to how the process's people appear, take part or are counted.
    pub voters_revision: i64,
}

impl StoredDecision {
    /// When it opened, closes and closed; the domain says what that means.
    pub fn timing(&self) -> Timing {
        Timing {
            opened_at: self.opened_at,
            closes_at: self.closes_at,
            closed_at: self.closed_at,
        }
    }
}

fn json<T: serde::de::DeserializeOwned>(row: &AnyRow, column: &str) -> Result<T, StoreError> {
    let raw: String = row.try_get(column)?;
    serde_json::from_str(&raw).map_err(|e| StoreError::Corrupt(format!("decision {column}: {e}")))
}

fn encode<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(format!("encoding: {e}")))
}

const COLUMNS: &str = "id, process_id, question, method, rule, options, eligible, secret, \
     subject_kind, subject_document, subject_number, opened_by, opened_at, closes_at, closed_at, outcome, \
     opened_in_workshop, secrecy_threshold, record_revision, \
     (SELECT voters_revision FROM processes WHERE processes.id = decisions.process_id) AS voters_revision";

fn from_row(row: &AnyRow) -> Result<StoredDecision, StoreError> {
    use crate::domain::decision::spec::{OptionLabel, Question};
    let question: String = row.try_get("question")?;
    let options: Vec<String> = json(row, "options")?;
    let outcome: Option<String> = row.try_get("outcome")?;
    let subject_kind: Option<String> = row.try_get("subject_kind")?;
    let subject_document: Option<String> = row.try_get("subject_document")?;
    let subject = DecisionSubject::from_columns(
        subject_kind.as_deref(),
        subject_document.as_deref(),
        row.try_get("subject_number")?,
    )
    .ok_or_else(|| StoreError::Corrupt("decision subject".into()))?;
    let spec = DecisionSpec {
        subject,
        question: Question::parse(&question)
            .map_err(|e| StoreError::Corrupt(format!("question: {e}")))?,
        method: json(row, "method")?,
        rule: json(row, "rule")?,
        options: options
            .iter()
            .map(|o| OptionLabel::parse(o).map_err(|e| StoreError::Corrupt(format!("option: {e}"))))
            .collect::<Result<_, _>>()?,
        eligible: json(row, "eligible")?,
        secret: row.try_get::<i64, _>("secret")? != 0,
    };
    Ok(StoredDecision {
        id: row.try_get("id")?,
        process: ProcessId::new(row.try_get("process_id")?),
        spec,
        opened_by: row
            .try_get::<Option<i64>, _>("opened_by")?
            .map(PersonId::new),
        opened_at: row.try_get("opened_at")?,
        closes_at: row.try_get("closes_at")?,
        closed_at: row.try_get("closed_at")?,
        outcome: outcome
            .map(|o| serde_json::from_str(&o))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("outcome: {e}")))?,
        opened_in_workshop: row.try_get("opened_in_workshop")?,
        secrecy: {
            let k: i64 = row.try_get("secrecy_threshold")?;
            u32::try_from(k)
                .ok()
                .and_then(SecrecyThreshold::new)
                .ok_or_else(|| StoreError::Corrupt(format!("secrecy threshold {k}")))?
        },
        record_revision: row.try_get("record_revision")?,
        voters_revision: row.try_get("voters_revision")?,
    })
}

/// Appended to the query that reads a decision at the start of a transaction that will add
/// to its record. On PostgreSQL it locks the decision's row, so the transactions adding to
/// one record take turns instead of racing for the next entry (SQLite's `BEGIN IMMEDIATE`
/// already makes writers take turns).
pub(crate) fn row_lock(db: &Db) -> &'static str {
    match db.backend() {
        super::Backend::Postgres => " FOR UPDATE",
        super::Backend::Sqlite => "",
    }
}

/// When a decision is opened: by whom, when, when it closes by itself, and the workshop
/// whose step opened it (if any).
#[derive(Debug, Clone, Copy)]
pub struct Opening {
    pub by: PersonId,
    pub now: i64,
    pub closes_at: Option<i64>,
    pub workshop: Option<i64>,
}

/// Opens a decision and writes the first entry of its record.
#[tracing::instrument(level = "debug", skip(db, spec))]
pub async fn open(
    db: &Db,
    process: ProcessId,
    spec: &DecisionSpec,
    opening: Opening,
) -> Result<i64, StoreError> {
    let mut tx = db.begin_write().await?;
    let id = open_in(&mut tx, process, spec, opening).await?;
    tx.commit().await?;
    Ok(id)
}

/// Opens a decision inside the caller's transaction (sending an amendment to a vote opens
/// one in the same transaction that marks the amendment).
pub async fn open_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    process: ProcessId,
    spec: &DecisionSpec,
    opening: Opening,
) -> Result<i64, StoreError> {
    let Opening {
        by,
        now,
        closes_at,
        workshop,
    } = opening;
    let options: Vec<&str> = spec.options.iter().map(|o| o.as_str()).collect();
    let (subject_kind, subject_document, subject_number) = spec.subject.columns();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO decisions (process_id, question, method, rule, options, eligible, secret, \
         subject_kind, subject_document, subject_number, opened_by, opened_at, closes_at, opened_in_workshop, \
         secrecy_threshold) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
         (SELECT secrecy_threshold FROM processes WHERE id = $1)) RETURNING id",
    )
    .bind(process.get())
    .bind(spec.question.as_str())
    .bind(encode(&spec.method)?)
    .bind(encode(&spec.rule)?)
    .bind(encode(&options)?)
    .bind(encode(&spec.eligible)?)
    .bind(i64::from(spec.secret))
    .bind(subject_kind)
    .bind(subject_document)
    .bind(subject_number)
    .bind(by.get())
    .bind(now)
    .bind(closes_at)
    .bind(workshop)
    .fetch_one(&mut **tx)
    .await?;
    let opener = pseudonym_in(tx, by, id).await?;
    append_in(
        tx,
        id,
        now,
        RecordEvent::Opened {
            question: spec.question.as_str().to_string(),
            method: spec.method,
            rule: spec.rule,
            options: options.iter().map(|o| o.to_string()).collect(),
            by: opener,
        },
    )
    .await?;
    Ok(id)
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn find(db: &Db, id: i64) -> Result<Option<StoredDecision>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM decisions WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// A process's decisions, newest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn for_process(db: &Db, process: ProcessId) -> Result<Vec<StoredDecision>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM decisions WHERE process_id = $1 ORDER BY id DESC LIMIT 200"
    ))
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// What casting a ballot led to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cast {
    First,
    Changed,
    /// The decision had closed; nothing was stored.
    Closed,
}

/// Stores `person`'s ballot (replacing an earlier one) and records the event, in one
/// transaction that first locks the decision's row, so ballots take turns at the record.
/// Should two still race for the same next entry, the record's primary key refuses one and
/// its transaction is tried again.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(level = "debug", skip(db, ballot, constituencies))]
pub async fn cast(
    db: &Db,
    decision: &StoredDecision,
    person: PersonId,
    constituencies: &[Constituency],
    ballot: &Ballot,
    now: i64,
) -> Result<Cast, StoreError> {
    retrying(|| cast_once(db, decision, person, constituencies, ballot, now)).await
}

/// Runs `attempt` again (up to eight times in all) when a racing transaction took the
/// record's next entry first, or PostgreSQL could not serialise it.
async fn retrying<T, Fut>(mut attempt: impl FnMut() -> Fut) -> Result<T, StoreError>
where
    Fut: std::future::Future<Output = Result<T, StoreError>>,
{
    let mut attempts = 0;
    loop {
        attempts += 1;
        match attempt().await {
            Err(StoreError::Database(sqlx::Error::Database(e)))
                if e.is_unique_violation() || e.code().as_deref() == Some("40001") =>
            {
                if attempts >= 8 {
                    return Err(StoreError::Contended);
                }
            }
            other => return other,
        }
    }
}

/// Inside a write transaction: locks the decision's row (PostgreSQL) and says whether it
/// still takes ballots at `now`. Read inside the transaction, so a close that committed
/// first wins.
async fn takes_ballots_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    db: &Db,
    decision: &StoredDecision,
    now: i64,
) -> Result<bool, StoreError> {
    let closed: Option<Option<i64>> = sqlx::query_scalar(&format!(
        "SELECT closed_at FROM decisions WHERE id = $1{}",
        row_lock(db)
    ))
    .bind(decision.id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(matches!(closed, Some(None)) && decision.timing().is_open(now))
}

async fn cast_once(
    db: &Db,
    decision: &StoredDecision,
    person: PersonId,
    constituencies: &[Constituency],
    ballot: &Ballot,
    now: i64,
) -> Result<Cast, StoreError> {
    let mut tx = db.begin_write().await?;
    if !takes_ballots_in(&mut tx, db, decision, now).await? {
        return Ok(Cast::Closed);
    }
    let existed: Option<i64> =
        sqlx::query_scalar("SELECT cast_at FROM ballots WHERE decision_id = $1 AND person_id = $2")
            .bind(decision.id)
            .bind(person.get())
            .fetch_optional(&mut *tx)
            .await?;
    let encoded = encode(ballot)?;
    let constituencies_json = encode(&constituencies)?;
    sqlx::query(
        "INSERT INTO ballots (decision_id, person_id, constituencies, ballot, cast_at) \
         VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (decision_id, person_id) DO UPDATE SET ballot = $4, constituencies = $3, changed_at = $5",
    )
    .bind(decision.id)
    .bind(person.get())
    .bind(constituencies_json)
    .bind(encoded)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let participant = pseudonym_in(&mut tx, person, decision.id).await?;
    let cast = CastBallot {
        constituencies: constituencies.to_vec(),
        ballot: ballot.clone(),
    };
    append_in(
        &mut tx,
        decision.id,
        now,
        RecordEvent::ballot_cast(participant, &cast, existed.is_some(), decision.spec.secret),
    )
    .await?;
    tx.commit().await?;
    Ok(if existed.is_some() {
        Cast::Changed
    } else {
        Cast::First
    })
}

/// Every ballot of a decision, with who cast it.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn ballots(db: &Db, decision: i64) -> Result<Vec<(PersonId, CastBallot)>, StoreError> {
    parse_ballots(&ballots_text(db, decision).await?)
}

/// Every ballot of a decision as it was read: one text (see [`super::rows_as_json`]).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn ballots_text(db: &Db, decision: i64) -> Result<String, StoreError> {
    Ok(sqlx::query_scalar(&ballots_sql(db.backend()))
        .bind(decision)
        .fetch_one(db.pool())
        .await?)
}

/// The statement [`ballots_text`] runs, for decision `$1`.
fn ballots_sql(backend: super::Backend) -> String {
    super::rows_as_json(
        backend,
        "person_id, constituencies, ballot",
        "ballots WHERE decision_id = $1",
        "person_id",
    )
}

/// [`ballots_text`], the decision's participation record
/// ([`super::participation_record::entries_text`]) and its shows of hands (for
/// [`parse_hands`]) read by one statement: one round trip, and all as of the same moment, so
/// a ballot cast between two reads can never make the record look as if it disagreed with
/// the ballots.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn ballots_record_and_hands_texts(
    db: &Db,
    decision: i64,
) -> Result<(String, String, String), StoreError> {
    let backend = db.backend();
    Ok(sqlx::query_as(&format!(
        "SELECT ({}), ({}), ({})",
        ballots_sql(backend),
        super::participation_record::entries_sql(backend),
        super::rows_as_json(
            backend,
            "id, hands",
            "group_ballots WHERE decision_id = $1",
            "id"
        ),
    ))
    .bind(decision)
    .fetch_one(db.pool())
    .await?)
}

/// The shows of hands in `text` (from [`ballots_record_and_hands_texts`]), in the order
/// they were entered, as [`shows_of_hands`] reads them.
pub fn parse_hands(text: &str) -> Result<Vec<ShowOfHands>, StoreError> {
    let mut rows = super::parse_json_rows::<(i64, String)>(text, "shows of hands")?;
    rows.sort_by_key(|row| row.0);
    rows.iter()
        .map(|(_, raw)| {
            serde_json::from_str(raw)
                .map_err(|e| StoreError::Corrupt(format!("decision hands: {e}")))
        })
        .collect()
}

/// The ballots in `text` (from [`ballots_text`]).
pub fn parse_ballots(text: &str) -> Result<Vec<(PersonId, CastBallot)>, StoreError> {
    fn decode<T: serde::de::DeserializeOwned>(column: &str, raw: &str) -> Result<T, StoreError> {
        serde_json::from_str(raw)
            .map_err(|e| StoreError::Corrupt(format!("decision {column}: {e}")))
    }
    let mut rows = super::parse_json_rows::<(i64, String, String)>(text, "ballots")?;
    rows.sort_by_key(|row| row.0);
    rows.into_iter()
        .map(|(person, constituencies, ballot)| {
            Ok((
                PersonId::new(person),
                CastBallot {
                    constituencies: decode("constituencies", &constituencies)?,
                    ballot: decode("ballot", &ballot)?,
                },
            ))
        })
        .collect()
}

/// `person`'s current ballot, if any.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn ballot_of(
    db: &Db,
    decision: i64,
    person: PersonId,
) -> Result<Option<Ballot>, StoreError> {
    let raw: Option<String> =
        sqlx::query_scalar("SELECT ballot FROM ballots WHERE decision_id = $1 AND person_id = $2")
            .bind(decision)
            .bind(person.get())
            .fetch_optional(db.pool())
            .await?;
    raw.map(|r| serde_json::from_str(&r).map_err(|e| StoreError::Corrupt(format!("ballot: {e}"))))
        .transpose()
}

/// Closes the decision: counts the ballots with `decide`, which also gives the record's
/// closing entry (told who closed it, by their pseudonym), stores the outcome and appends the
/// entry, in one transaction. `by` is who closed it, `None` when it closed at its set time.
/// `None` when it was already closed.
#[tracing::instrument(level = "debug", skip(db, decide))]
pub async fn close(
    db: &Db,
    decision: &StoredDecision,
    by: Option<PersonId>,
    now: i64,
    decide: impl Fn(&[CastBallot], Option<String>) -> (FinalCount, RecordEvent),
) -> Result<Option<FinalCount>, StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(&format!(
        "SELECT id FROM decisions WHERE id = $1{}",
        row_lock(db)
    ))
    .bind(decision.id)
    .execute(&mut *tx)
    .await?;
    let rows = sqlx::query("SELECT constituencies, ballot FROM ballots WHERE decision_id = $1")
        .bind(decision.id)
        .fetch_all(&mut *tx)
        .await?;
    let mut cast: Vec<CastBallot> = rows
        .iter()
        .map(|row| {
            Ok(CastBallot {
                constituencies: json(row, "constituencies")?,
                ballot: json(row, "ballot")?,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    let hands = sqlx::query("SELECT hands FROM group_ballots WHERE decision_id = $1 ORDER BY id")
        .bind(decision.id)
        .fetch_all(&mut *tx)
        .await?;
    for row in &hands {
        let hands: ShowOfHands = json(row, "hands")?;
        cast.extend(hands.ballots(decision.spec.method));
    }
    let closer = match by {
        Some(person) => Some(pseudonym_in(&mut tx, person, decision.id).await?),
        None => None,
    };
    let (counted, event) = decide(&cast, closer);
    // Closing at the set time is stamped with that time, not with when someone noticed.
    let closed_at = by.map_or_else(|| decision.closes_at.unwrap_or(now).min(now), |_| now);
    let closed = sqlx::query(
        "UPDATE decisions SET closed_at = $1, outcome = $2 WHERE id = $3 AND closed_at IS NULL",
    )
    .bind(closed_at)
    .bind(encode(&counted.outcome)?)
    .bind(decision.id)
    .execute(&mut *tx)
    .await?;
    if closed.rows_affected() != 1 {
        return Ok(None);
    }
    append_in(&mut tx, decision.id, closed_at, event).await?;
    tx.commit().await?;
    Ok(Some(counted))
}

/// What entering a show of hands led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandsEntered<E> {
    Entered,
    /// The decision had closed meanwhile; nothing was stored.
    Closed,
    /// `fits` refused it; nothing was stored.
    Refused(E),
}

/// Stores a show of hands, replacing the earlier one of the same constituency, and records
/// it, in one transaction. `fits` is asked, inside the transaction, with how many others are
/// already counted: the hands of the other constituencies and the ballots cast from phones by
/// people in `workshop`'s room.
#[tracing::instrument(level = "debug", skip(db, decision, hands, fits), fields(decision = decision.id))]
pub async fn enter_hands<E>(
    db: &Db,
    decision: &StoredDecision,
    workshop: i64,
    hands: &ShowOfHands,
    by: PersonId,
    now: i64,
    fits: impl Fn(u32) -> Result<(), E>,
) -> Result<HandsEntered<E>, StoreError> {
    retrying(|| enter_hands_once(db, decision, workshop, hands, by, now, &fits)).await
}

async fn enter_hands_once<E>(
    db: &Db,
    decision: &StoredDecision,
    workshop: i64,
    hands: &ShowOfHands,
    by: PersonId,
    now: i64,
    fits: &impl Fn(u32) -> Result<(), E>,
) -> Result<HandsEntered<E>, StoreError> {
    let mut tx = db.begin_write().await?;
    if !takes_ballots_in(&mut tx, db, decision, now).await? {
        return Ok(HandsEntered::Closed);
    }
    let group = hands.group().slug();
    let other_hands = sqlx::query(
        "SELECT hands FROM group_ballots WHERE decision_id = $1 AND (constituency IS NULL OR constituency <> $2)",
    )
    .bind(decision.id)
    .bind(group)
    .fetch_all(&mut *tx)
    .await?
    .iter()
    .map(|row| json::<ShowOfHands>(row, "hands").map(|h| h.hands()))
    .sum::<Result<u32, StoreError>>()?;
    let phones: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ballots b JOIN workshop_attendance a \
         ON a.person_id = b.person_id AND a.workshop_id = $2 AND a.removed_at IS NULL \
         WHERE b.decision_id = $1",
    )
    .bind(decision.id)
    .bind(workshop)
    .fetch_one(&mut *tx)
    .await?;
    let others = other_hands.saturating_add(u32::try_from(phones).unwrap_or(u32::MAX));
    if let Err(refused) = fits(others) {
        return Ok(HandsEntered::Refused(refused));
    }
    sqlx::query("DELETE FROM group_ballots WHERE decision_id = $1 AND constituency = $2")
        .bind(decision.id)
        .bind(group)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO group_ballots (decision_id, hands, entered_by, entered_at, constituency) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(decision.id)
    .bind(encode(hands)?)
    .bind(by.get())
    .bind(now)
    .bind(group)
    .execute(&mut *tx)
    .await?;
    let entered_by = pseudonym_in(&mut tx, by, decision.id).await?;
    append_in(
        &mut tx,
        decision.id,
        now,
        RecordEvent::HandsCounted {
            entered_by,
            hands: hands.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(HandsEntered::Entered)
}

/// How many of a decision's ballots came from people with no role in its process: guests of
/// a workshop.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn guest_ballots(db: &Db, decision: &StoredDecision) -> Result<u32, StoreError> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM ballots b WHERE b.decision_id = $1 AND NOT EXISTS \
         (SELECT 1 FROM memberships m WHERE m.process_id = $2 AND m.person_id = b.person_id)",
    )
    .bind(decision.id)
    .bind(decision.process.get())
    .fetch_one(db.pool())
    .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The shows of hands entered for a decision, in order.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn shows_of_hands(db: &Db, decision: i64) -> Result<Vec<ShowOfHands>, StoreError> {
    let rows = sqlx::query("SELECT hands FROM group_ballots WHERE decision_id = $1 ORDER BY id")
        .bind(decision)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(|row| json(row, "hands")).collect()
}

/// Open decisions whose closing time has passed, oldest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn due(db: &Db, now: i64) -> Result<Vec<StoredDecision>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM decisions WHERE closed_at IS NULL AND closes_at IS NOT NULL \
         AND closes_at <= $1 ORDER BY closes_at LIMIT 100"
    ))
    .bind(now)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// Every decision's id, oldest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn all_ids(db: &Db) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar("SELECT id FROM decisions ORDER BY id")
        .fetch_all(db.pool())
        .await?)
}

/// How many decisions and ballots are stored (for a backup's report).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn totals(db: &Db) -> Result<(i64, i64), StoreError> {
    let decisions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM decisions")
        .fetch_one(db.pool())
        .await?;
    let ballots: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballots")
        .fetch_one(db.pool())
        .await?;
    Ok((decisions, ballots))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite hands a list read as one text over in the order it read the rows, which no
    /// statement promises (see `rows_as_json`): the ballots come out in the voters' order
    /// whatever order the text has them in.
    #[test]
    fn ballots_read_out_of_order_come_out_in_order() {
        let ballot = r#"{\"Consent\":{\"answer\":\"Object\",\"reason\":\"No\"}}"#;
        let text = format!(r#"[[7,"[]","{ballot}"],[3,"[]","{ballot}"],[5,"[]","{ballot}"]]"#);
        let people: Vec<i64> = parse_ballots(&text)
            .expect("ballots")
            .into_iter()
            .map(|(p, _)| p.get())
            .collect();
        assert_eq!(people, vec![3, 5, 7]);
    }
}
