//! The `workshops`, `workshop_steps` and `workshop_attendance` tables.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Db, StoreError};
use crate::domain::workshop::WorkshopTitle;
use crate::domain::workshop::agenda::{
    Position, Step, StepKind, StepTitle, position_from_column, position_to_column,
};
use crate::domain::workshop::join_code::JoinCode;
use crate::domain::{PersonId, ProcessId};

#[derive(Debug, Clone)]
pub struct StoredWorkshop {
    pub id: i64,
    pub process: ProcessId,
    pub title: WorkshopTitle,
    pub join_code: JoinCode,
    pub approve_comments: bool,
    pub position: Position,
    pub created_at: i64,
    pub summary_published_at: Option<i64>,
    /// When the facilitator closed joining (the code then stops working).
    pub joining_closed_at: Option<i64>,
    /// How many people the facilitator said are in the room.
    pub room_size: Option<u32>,
    /// The day it meets, when planned ahead.
    pub meets_on: Option<crate::domain::calendar::Day>,
}

const COLUMNS: &str = "id, process_id, title, join_code, approve_comments, current_step, created_at, \
     summary_published_at, joining_closed_at, room_size, meets_at";

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn from_row(row: &AnyRow) -> Result<StoredWorkshop, StoreError> {
    let title: String = row.try_get("title")?;
    let code: String = row.try_get("join_code")?;
    Ok(StoredWorkshop {
        id: row.try_get("id")?,
        process: ProcessId::new(row.try_get("process_id")?),
        title: WorkshopTitle::parse(&title).map_err(|_| corrupt("workshop title"))?,
        join_code: JoinCode::parse(&code).map_err(|_| corrupt("workshop join code"))?,
        approve_comments: row.try_get::<i64, _>("approve_comments")? != 0,
        position: position_from_column(row.try_get("current_step")?),
        created_at: row.try_get("created_at")?,
        summary_published_at: row.try_get("summary_published_at")?,
        joining_closed_at: row.try_get("joining_closed_at")?,
        room_size: row
            .try_get::<Option<i64>, _>("room_size")?
            .map(|n| u32::try_from(n).map_err(|_| corrupt("room size")))
            .transpose()?,
        meets_on: row
            .try_get::<Option<i64>, _>("meets_at")?
            .map(crate::domain::calendar::Day::of),
    })
}

/// A new workshop; `None` when the join code is taken (the caller draws another).
#[tracing::instrument(level = "debug", skip(db, title))]
pub async fn create(
    db: &Db,
    process: ProcessId,
    title: &WorkshopTitle,
    code: &JoinCode,
    plan: crate::domain::workshop::WorkshopPlan,
    by: PersonId,
    now: i64,
) -> Result<Option<i64>, StoreError> {
    let inserted = db.fetch_one_committed(
sqlx::query_scalar(
        "INSERT INTO workshops (process_id, title, join_code, approve_comments, created_by, created_at, meets_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(process.get())
    .bind(title.as_str())
    .bind(code.as_str())
    .bind(i64::from(plan.approve_comments))
    .bind(by.get())
    .bind(now)
    .bind(plan.meets_on.map(|d| d.get() * 86_400))
    )
    .await;
    match inserted {
        Ok(id) => Ok(Some(id)),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn find(db: &Db, id: i64) -> Result<Option<StoredWorkshop>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM workshops WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(from_row).transpose()
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn find_by_code(db: &Db, code: &JoinCode) -> Result<Option<StoredWorkshop>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM workshops WHERE join_code = $1"
    ))
    .bind(code.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// A process's workshops, newest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn for_process(db: &Db, process: ProcessId) -> Result<Vec<StoredWorkshop>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM workshops WHERE process_id = $1 ORDER BY id DESC LIMIT 100"
    ))
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(from_row).collect()
}

/// The agenda, in order.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn steps(db: &Db, workshop: i64) -> Result<Vec<Step>, StoreError> {
    let rows = sqlx::query(
        "SELECT title, kind FROM workshop_steps WHERE workshop_id = $1 ORDER BY position",
    )
    .bind(workshop)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let title: String = row.try_get("title")?;
            let kind: String = row.try_get("kind")?;
            Ok(Step {
                title: StepTitle::parse(&title).map_err(|_| corrupt("step title"))?,
                kind: serde_json::from_str::<StepKind>(&kind)
                    .map_err(|e| StoreError::Corrupt(format!("step kind: {e}")))?,
            })
        })
        .collect()
}

/// Adds a step at the end of the agenda; its position (from 0), or `None` when the agenda
/// already holds `max` steps.
#[tracing::instrument(level = "debug", skip(db, step))]
pub async fn add_step(
    db: &Db,
    workshop: i64,
    step: &Step,
    max: usize,
) -> Result<Option<usize>, StoreError> {
    let mut tx = db.begin_write().await?;
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM workshop_steps WHERE workshop_id = $1")
            .bind(workshop)
            .fetch_one(&mut *tx)
            .await?;
    let position = usize::try_from(count).unwrap_or(usize::MAX);
    if position >= max {
        return Ok(None);
    }
    let decision = match step.kind {
        StepKind::Vote { decision } => Some(decision),
        _ => None,
    };
    sqlx::query(
        "INSERT INTO workshop_steps (workshop_id, position, title, kind, decision_id) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(workshop)
    .bind(count)
    .bind(step.title.as_str())
    .bind(
        serde_json::to_string(&step.kind)
            .map_err(|e| StoreError::Corrupt(format!("encoding a step: {e}")))?,
    )
    .bind(decision)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(position))
}

/// Moves the room from `from` to `to`, only if it is still at `from` (two facilitators
/// pressing "next" at once move it one step, not two). `false` when it had moved meanwhile.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn move_room(
    db: &Db,
    workshop: i64,
    from: Position,
    to: Position,
) -> Result<bool, StoreError> {
    let (from, to) = (position_to_column(from), position_to_column(to));
    let moved = db
        .execute_committed(
            sqlx::query(
                "UPDATE workshops SET current_step = $1, revision = revision + 1 \
         WHERE id = $2 AND ((current_step IS NULL AND $3 IS NULL) OR current_step = $3)",
            )
            .bind(to)
            .bind(workshop)
            .bind(from),
        )
        .await?;
    Ok(moved.rows_affected() == 1)
}

/// How someone joined a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinedWith {
    Account,
    Card,
    Guest,
}

impl JoinedWith {
    fn slug(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Card => "card",
            Self::Guest => "guest",
        }
    }
}

/// Records that `person` joined (the first time only).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn attend(
    db: &Db,
    workshop: i64,
    person: PersonId,
    how: JoinedWith,
    now: i64,
) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query(
            "INSERT INTO workshop_attendance (workshop_id, person_id, how, joined_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (workshop_id, person_id) DO NOTHING",
        )
        .bind(workshop)
        .bind(person.get())
        .bind(how.slug())
        .bind(now),
    )
    .await?;
    Ok(())
}

/// Everyone in the room (joined and not removed), in the order they came.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn attendance(db: &Db, workshop: i64) -> Result<Vec<PersonId>, StoreError> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM workshop_attendance WHERE workshop_id = $1 AND removed_at IS NULL \
         ORDER BY joined_at, person_id",
    )
    .bind(workshop)
    .fetch_all(db.pool())
    .await?;
    Ok(ids.into_iter().map(PersonId::new).collect())
}

/// The workshops whose agenda holds a vote on `decision`.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn with_decision(db: &Db, decision: i64) -> Result<Vec<i64>, StoreError> {
    Ok(
        sqlx::query_scalar(
            "SELECT DISTINCT workshop_id FROM workshop_steps WHERE decision_id = $1",
        )
        .bind(decision)
        .fetch_all(db.pool())
        .await?,
    )
}

/// A process's workshops that are under way (at a step), whose live screens may show a
/// section's comments.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn under_way(db: &Db, process: ProcessId) -> Result<Vec<i64>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM workshops WHERE process_id = $1 AND current_step >= 0")
            .bind(process.get())
            .fetch_all(db.pool())
            .await?,
    )
}

/// Publishes the summary to the process (once; later calls change nothing).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn publish_summary(db: &Db, workshop: i64, now: i64) -> Result<(), StoreError> {
    db.execute_committed(
sqlx::query(
        "UPDATE workshops SET summary_published_at = $1 WHERE id = $2 AND summary_published_at IS NULL",
    )
    .bind(now)
    .bind(workshop)
    )
    .await?;
    Ok(())
}

/// One person's place in a workshop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendee {
    pub person: PersonId,
    pub how: JoinedWith,
    pub joined_at: i64,
    pub removed_at: Option<i64>,
}

fn joined_with(raw: &str) -> Result<JoinedWith, StoreError> {
    match raw {
        "account" => Ok(JoinedWith::Account),
        "card" => Ok(JoinedWith::Card),
        "guest" => Ok(JoinedWith::Guest),
        other => Err(corrupt(&format!("joined with {other:?}"))),
    }
}

fn attendee_from_row(row: &AnyRow) -> Result<Attendee, StoreError> {
    let how: String = row.try_get("how")?;
    Ok(Attendee {
        person: PersonId::new(row.try_get("person_id")?),
        how: joined_with(&how)?,
        joined_at: row.try_get("joined_at")?,
        removed_at: row.try_get("removed_at")?,
    })
}

/// `person`'s place in the workshop, if they joined it.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn attendee(
    db: &Db,
    workshop: i64,
    person: PersonId,
) -> Result<Option<Attendee>, StoreError> {
    let row = sqlx::query(
        "SELECT person_id, how, joined_at, removed_at FROM workshop_attendance \
         WHERE workshop_id = $1 AND person_id = $2",
    )
    .bind(workshop)
    .bind(person.get())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(attendee_from_row).transpose()
}

/// Everyone who joined, removed or not, in the order they came.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn attendees(db: &Db, workshop: i64) -> Result<Vec<Attendee>, StoreError> {
    let rows = sqlx::query(
        "SELECT person_id, how, joined_at, removed_at FROM workshop_attendance \
         WHERE workshop_id = $1 ORDER BY joined_at, person_id",
    )
    .bind(workshop)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(attendee_from_row).collect()
}

/// Closes joining: the code stops working. Returns whether it was open.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn close_joining(db: &Db, workshop: i64, now: i64) -> Result<bool, StoreError> {
    let closed = db.execute_committed(
sqlx::query(
        "UPDATE workshops SET joining_closed_at = $1 WHERE id = $2 AND joining_closed_at IS NULL",
    )
    .bind(now)
    .bind(workshop)
    )
    .await?;
    Ok(closed.rows_affected() == 1)
}

/// How many people the facilitator says are in the room.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn set_room_size(db: &Db, workshop: i64, people: u32) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query("UPDATE workshops SET room_size = $1 WHERE id = $2")
            .bind(i64::from(people))
            .bind(workshop),
    )
    .await?;
    Ok(())
}

/// Sets (or clears) the day a workshop meets.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn set_meets_on(
    db: &Db,
    workshop: i64,
    day: Option<crate::domain::calendar::Day>,
) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query("UPDATE workshops SET meets_at = $1 WHERE id = $2")
            .bind(day.map(|d| d.get() * 86_400))
            .bind(workshop),
    )
    .await?;
    Ok(())
}

/// Removes a guest from the room, in one transaction: marks them removed, withdraws their
/// ballots in the process's open decisions (each with a record entry naming who removed
/// them), ends the sessions of an account made only for this workshop, and writes the audit
/// trail. Returns the decisions whose ballots were withdrawn; `None` when they were not in
/// the room.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn remove_guest(
    db: &Db,
    workshop: &StoredWorkshop,
    guest: PersonId,
    by: PersonId,
    now: i64,
) -> Result<Option<Vec<i64>>, StoreError> {
    use crate::domain::decision::record::RecordEvent;
    let mut tx = db.begin_write().await?;
    let removed = sqlx::query(
        "UPDATE workshop_attendance SET removed_at = $1 \
         WHERE workshop_id = $2 AND person_id = $3 AND removed_at IS NULL",
    )
    .bind(now)
    .bind(workshop.id)
    .bind(guest.get())
    .execute(&mut *tx)
    .await?;
    if removed.rows_affected() != 1 {
        return Ok(None);
    }
    let open: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT d.id FROM decisions d JOIN ballots b ON b.decision_id = d.id \
         WHERE d.process_id = $1 AND b.person_id = $2 AND d.closed_at IS NULL \
         AND (d.closes_at IS NULL OR d.closes_at > $3) ORDER BY d.id{}",
        super::decisions::row_lock(db)
    ))
    .bind(workshop.process.get())
    .bind(guest.get())
    .bind(now)
    .fetch_all(&mut *tx)
    .await?;
    for decision in &open {
        let participant =
            super::participation_record::pseudonym_in(&mut tx, guest, *decision).await?;
        let remover = super::participation_record::pseudonym_in(&mut tx, by, *decision).await?;
        sqlx::query("DELETE FROM ballots WHERE decision_id = $1 AND person_id = $2")
            .bind(decision)
            .bind(guest.get())
            .execute(&mut *tx)
            .await?;
        super::participation_record::append_in(
            &mut tx,
            *decision,
            now,
            RecordEvent::BallotWithdrawn {
                participant,
                by: remover,
            },
        )
        .await?;
    }
    // An account made only to be this workshop's guest has nothing left to sign in to.
    sqlx::query(
        "DELETE FROM sessions WHERE person_id = $1 AND person_id IN \
         (SELECT id FROM people WHERE guest_of_workshop = $2)",
    )
    .bind(guest.get())
    .bind(workshop.id)
    .execute(&mut *tx)
    .await?;
    super::audit::record_in(
        &mut tx,
        super::audit::AuditEntry {
            process: workshop.process,
            actor: by,
            subject: Some(guest),
            action: "guest-removed",
            detail: workshop.title.as_str(),
            at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Some(open))
}

/// Admits a guest of the workshop into its process as a participant, and writes the audit
/// trail. Returns whether they were a guest in the room.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn admit_guest(
    db: &Db,
    workshop: &StoredWorkshop,
    guest: PersonId,
    by: PersonId,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let attending: Option<i64> = sqlx::query_scalar(
        "SELECT joined_at FROM workshop_attendance WHERE workshop_id = $1 AND person_id = $2 AND removed_at IS NULL",
    )
    .bind(workshop.id)
    .bind(guest.get())
    .fetch_optional(&mut *tx)
    .await?;
    if attending.is_none() {
        return Ok(false);
    }
    super::memberships::add(
        &mut *tx,
        workshop.process,
        guest,
        crate::domain::ProcessRole::Participant,
        now,
    )
    .await?;
    super::audit::record_in(
        &mut tx,
        super::audit::AuditEntry {
            process: workshop.process,
            actor: by,
            subject: Some(guest),
            action: "guest-admitted",
            detail: workshop.title.as_str(),
            at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
