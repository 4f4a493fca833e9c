//! The `constituency_claims` table.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::{Constituency, ConstituencyClaim, PersonId, ProcessId};

fn constituency_from_db(raw: &str) -> Result<Constituency, StoreError> {
    Constituency::from_slug(raw)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown constituency {raw:?}")))
}

/// Makes the person's declared constituencies in the process exactly `declared`. Claims kept
/// keep their confirmation; new ones are confirmed at once unless they need an administrator.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn set_declared(
    db: &Db,
    process: ProcessId,
    person: PersonId,
    declared: &[Constituency],
    now: i64,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    for c in Constituency::ALL {
        if declared.contains(&c) {
            let claim = ConstituencyClaim::declare(c);
            sqlx::query(
                "INSERT INTO constituency_claims (process_id, person_id, constituency, declared_at, confirmed_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (process_id, person_id, constituency) DO NOTHING",
            )
            .bind(process.get())
            .bind(person.get())
            .bind(c.slug())
            .bind(now)
            .bind(claim.confirmed.then_some(now))
            .execute(&mut *tx)
            .await?;
        } else {
            sqlx::query(
                "DELETE FROM constituency_claims WHERE process_id = $1 AND person_id = $2 AND constituency = $3",
            )
            .bind(process.get())
            .bind(person.get())
            .bind(c.slug())
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn claims_of(
    db: &Db,
    process: ProcessId,
    person: PersonId,
) -> Result<Vec<ConstituencyClaim>, StoreError> {
    let rows = sqlx::query(
        "SELECT constituency, confirmed_at FROM constituency_claims \
         WHERE process_id = $1 AND person_id = $2 ORDER BY constituency",
    )
    .bind(process.get())
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let raw: String = row.try_get("constituency")?;
            let confirmed_at: Option<i64> = row.try_get("confirmed_at")?;
            Ok(ConstituencyClaim {
                constituency: constituency_from_db(&raw)?,
                confirmed: confirmed_at.is_some(),
            })
        })
        .collect()
}

/// Confirms a claim; returns whether there was such a claim.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn confirm(
    db: &Db,
    process: ProcessId,
    person: PersonId,
    constituency: Constituency,
    by: PersonId,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let result = sqlx::query(
        "UPDATE constituency_claims SET confirmed_at = $1, confirmed_by = $2 \
         WHERE process_id = $3 AND person_id = $4 AND constituency = $5",
    )
    .bind(now)
    .bind(by.get())
    .bind(process.get())
    .bind(person.get())
    .bind(constituency.slug())
    .execute(&mut *tx)
    .await?;
    if result.rows_affected() != 1 {
        return Ok(false);
    }
    super::audit::record_in(
        &mut tx,
        super::audit::AuditEntry {
            process,
            actor: by,
            subject: Some(person),
            action: "constituency-confirmed",
            detail: constituency.one_member(),
            at: now,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Who confirmed `person`'s claim to `constituency`: `None` when it is not confirmed,
/// `Some(None)` when the confirmer is no longer known.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn confirmed_by(
    db: &Db,
    process: ProcessId,
    person: PersonId,
    constituency: Constituency,
) -> Result<Option<Option<PersonId>>, StoreError> {
    let row = sqlx::query(
        "SELECT confirmed_at, confirmed_by FROM constituency_claims \
         WHERE process_id = $1 AND person_id = $2 AND constituency = $3",
    )
    .bind(process.get())
    .bind(person.get())
    .bind(constituency.slug())
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let confirmed_at: Option<i64> = row.try_get("confirmed_at")?;
    let by: Option<i64> = row.try_get("confirmed_by")?;
    Ok(confirmed_at.map(|_| by.map(PersonId::new)))
}

/// Every claim in the process, confirmed or not.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn all_in(
    db: &Db,
    process: ProcessId,
) -> Result<Vec<(PersonId, ConstituencyClaim)>, StoreError> {
    let rows = sqlx::query(
        "SELECT person_id, constituency, confirmed_at FROM constituency_claims WHERE process_id = $1 \
         ORDER BY person_id, constituency",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let raw: String = row.try_get("constituency")?;
            let confirmed_at: Option<i64> = row.try_get("confirmed_at")?;
            Ok((
                PersonId::new(row.try_get("person_id")?),
                ConstituencyClaim {
                    constituency: constituency_from_db(&raw)?,
                    confirmed: confirmed_at.is_some(),
                },
            ))
        })
        .collect()
}

/// How many people may vote in a decision for `eligible`: members of the process, and the
/// guests in `workshop`'s room (a decision opened there), whose counted constituency is one of
/// `eligible`. Counted by the database: the room's screen asks on every ballot.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn count_eligible(
    db: &Db,
    process: ProcessId,
    eligible: &[Constituency],
    workshop: Option<i64>,
) -> Result<u32, StoreError> {
    if eligible.is_empty() {
        return Ok(0);
    }
    // The slugs are the domain's own constants, written into the statement.
    let slugs: Vec<String> = eligible.iter().map(|c| format!("'{}'", c.slug())).collect();
    let n: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(DISTINCT c.person_id) FROM constituency_claims c WHERE {ELECTORATE} \
         AND c.constituency IN ({})",
        slugs.join(", ")
    ))
    .bind(process.get())
    .bind(workshop.unwrap_or(-1))
    .fetch_one(db.pool())
    .await?;
    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("count {n}")))
}

/// The confirmed claims of process `$1`'s members and of the guests in workshop `$2`.
const ELECTORATE: &str = "c.process_id = $1 AND c.confirmed_at IS NOT NULL AND \
     (c.person_id IN (SELECT person_id FROM memberships WHERE process_id = $1) \
      OR c.person_id IN (SELECT person_id FROM workshop_attendance WHERE workshop_id = $2 AND removed_at IS NULL))";

/// The people [`count_eligible`] counts, each with every constituency of theirs that counts
/// (confirmed), in the order of their ids.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn eligible_people(
    db: &Db,
    process: ProcessId,
    eligible: &[Constituency],
    workshop: Option<i64>,
) -> Result<Vec<(PersonId, Vec<Constituency>)>, StoreError> {
    // One text rather than a row per claim (see `super::rows_as_json`).
    let text: String = sqlx::query_scalar(&super::rows_as_json(
        db.backend(),
        "c.person_id, c.constituency",
        &format!("constituency_claims c WHERE {ELECTORATE}"),
        "c.person_id, c.constituency",
    ))
    .bind(process.get())
    .bind(workshop.unwrap_or(-1))
    .fetch_one(db.pool())
    .await?;
    let rows: Vec<(i64, String)> = super::parse_json_rows(&text, "constituency claims")?;
    let mut people: std::collections::BTreeMap<i64, Vec<Constituency>> = Default::default();
    for (person, slug) in rows {
        let c = Constituency::from_slug(&slug)
            .ok_or_else(|| StoreError::Corrupt(format!("constituency {slug:?}")))?;
        people.entry(person).or_default().push(c);
    }
    Ok(people
        .into_iter()
        .filter(|(_, cs)| cs.iter().any(|c| eligible.contains(c)))
        .map(|(p, mut cs)| {
            cs.sort();
            (PersonId::new(p), cs)
        })
        .collect())
}
