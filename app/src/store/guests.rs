//! Guests of a workshop: people without an account or a card, who give a name and a
//! constituency for one workshop. Each gets a person row (so ballots and comments work as for
//! anyone), shown by the name they gave, a participant's place in the process and their
//! attendance, all in one transaction.

use super::{Db, StoreError};
use crate::domain::workshop::GuestName;
use crate::domain::{Constituency, ConstituencyClaim, PersonId, ProcessId, SiteRole};

#[tracing::instrument(level = "debug", skip(db, name))]
pub async fn create(
    db: &Db,
    process: ProcessId,
    workshop: i64,
    name: &GuestName,
    constituency: Constituency,
    now: i64,
) -> Result<PersonId, StoreError> {
    let mut tx = db.begin_write().await?;
    let person: i64 = sqlx::query_scalar(
        "INSERT INTO people (site_role, created_at, pseudonym, appearance, guest_of_workshop) \
         VALUES ($1, $2, $3, 'pseudonym', $4) RETURNING id",
    )
    .bind(super::people::site_role_to_db(SiteRole::Member))
    .bind(now)
    .bind(name.as_str())
    .bind(workshop)
    .fetch_one(&mut *tx)
    .await?;
    let person = PersonId::new(person);
    let claim = ConstituencyClaim::declare(constituency);
    sqlx::query(
        "INSERT INTO constituency_claims (process_id, person_id, constituency, declared_at, confirmed_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(process.get())
    .bind(person.get())
    .bind(constituency.slug())
    .bind(now)
    .bind(claim.confirmed.then_some(now))
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO workshop_attendance (workshop_id, person_id, how, joined_at) VALUES ($1, $2, 'guest', $3)",
    )
    .bind(workshop)
    .bind(person.get())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(person)
}
