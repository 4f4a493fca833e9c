//! The `people` table.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::{PersonId, SiteRole};

pub(crate) fn site_role_to_db(role: SiteRole) -> &'static str {
    match role {
        SiteRole::SiteAdmin => "site_admin",
        SiteRole::Member => "member",
    }
}

pub(crate) fn site_role_from_db(raw: &str) -> Result<SiteRole, StoreError> {
    match raw {
        "site_admin" => Ok(SiteRole::SiteAdmin),
        "member" => Ok(SiteRole::Member),
        other => Err(StoreError::Corrupt(format!("unknown site role {other:?}"))),
    }
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn insert(db: &Db, site_role: SiteRole, now: i64) -> Result<PersonId, StoreError> {
    let id: i64 = db
        .fetch_one_committed(
            sqlx::query_scalar(
                "INSERT INTO people (site_role, created_at) VALUES ($1, $2) RETURNING id",
            )
            .bind(site_role_to_db(site_role))
            .bind(now),
        )
        .await?;
    Ok(PersonId::new(id))
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn count(db: &Db) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(db.pool())
        .await?)
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn site_role(db: &Db, person: PersonId) -> Result<Option<SiteRole>, StoreError> {
    let row = sqlx::query("SELECT site_role FROM people WHERE id = $1")
        .bind(person.get())
        .fetch_optional(db.pool())
        .await?;
    match row {
        None => Ok(None),
        Some(row) => {
            let raw: String = row.try_get("site_role")?;
            site_role_from_db(&raw).map(Some)
        }
    }
}

/// The first site administrator, if there is one.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn first_site_admin(db: &Db) -> Result<Option<PersonId>, StoreError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM people WHERE site_role = 'site_admin' ORDER BY id LIMIT 1",
    )
    .fetch_optional(db.pool())
    .await?;
    Ok(id.map(PersonId::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_roles_round_trip_through_their_stored_names() {
        for role in [SiteRole::SiteAdmin, SiteRole::Member] {
            assert_eq!(site_role_from_db(site_role_to_db(role)).unwrap(), role);
        }
        assert!(site_role_from_db("owner").is_err());
    }
}

/// The stored part of a person's profile (constituencies are per process, added by callers).
#[derive(Debug, Clone)]
pub struct StoredProfile {
    pub full_name: Option<String>,
    pub pseudonym: Option<String>,
    pub appearance: String,
    pub show_on_public_pages: bool,
    pub withdrawn: bool,
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn stored_profile(
    db: &Db,
    person: PersonId,
) -> Result<Option<StoredProfile>, StoreError> {
    let row = sqlx::query(
        "SELECT full_name, pseudonym, appearance, show_on_public_pages, withdrawn_at FROM people WHERE id = $1",
    )
    .bind(person.get())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(stored_from_row).transpose()
}

/// Reads the profile columns (`full_name, pseudonym, appearance, show_on_public_pages,
/// withdrawn_at`) of a row.
fn stored_from_row(row: &sqlx::any::AnyRow) -> Result<StoredProfile, StoreError> {
    let show: i64 = row.try_get("show_on_public_pages")?;
    let withdrawn_at: Option<i64> = row.try_get("withdrawn_at")?;
    Ok(StoredProfile {
        full_name: row.try_get("full_name")?,
        pseudonym: row.try_get("pseudonym")?,
        appearance: row.try_get("appearance")?,
        show_on_public_pages: show != 0,
        withdrawn: withdrawn_at.is_some(),
    })
}

/// Turns a stored profile into the domain's, with the constituencies that count. A value
/// that no longer parses (for example after a rule got stricter) is dropped, not fatal.
pub fn to_profile(
    stored: StoredProfile,
    constituencies: Vec<crate::domain::Constituency>,
) -> crate::domain::Profile {
    use crate::domain::{Appearance, FullName, Profile, Pseudonym};
    let mut profile = Profile {
        full_name: stored
            .full_name
            .as_deref()
            .and_then(|n| FullName::parse(n).ok()),
        pseudonym: stored
            .pseudonym
            .as_deref()
            .and_then(|n| Pseudonym::parse(n).ok()),
        appearance: Appearance::from_slug(&stored.appearance)
            .unwrap_or(Appearance::ConstituencyOnly),
        show_on_public_pages: stored.show_on_public_pages,
        constituencies,
        withdrawn: stored.withdrawn,
    };
    if profile.check().is_err() {
        profile.appearance = Appearance::ConstituencyOnly;
    }
    profile
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn update_profile(
    db: &Db,
    person: PersonId,
    profile: &crate::domain::Profile,
) -> Result<(), StoreError> {
    db.execute_committed(
sqlx::query(
        "UPDATE people SET full_name = $1, pseudonym = $2, appearance = $3, show_on_public_pages = $4 WHERE id = $5",
    )
    .bind(profile.full_name.as_ref().map(|n| n.as_str().to_string()))
    .bind(profile.pseudonym.as_ref().map(|n| n.as_str().to_string()))
    .bind(profile.appearance.slug())
    .bind(i64::from(profile.show_on_public_pages))
    .bind(person.get())
    )
    .await?;
    Ok(())
}

/// Everyone holding a role in the process, with their profile and the constituencies that
/// count there, ordered by when they joined: the people page and who takes part.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn members_of(
    db: &Db,
    process: crate::domain::ProcessId,
) -> Result<Vec<(PersonId, crate::domain::Profile)>, StoreError> {
    profiles_where(
        db,
        process,
        "people p WHERE p.id IN (SELECT person_id FROM memberships WHERE process_id = $1)",
        "constituency_claims c WHERE 1 = 1",
    )
    .await
}

/// How many people hold a role in the process, and how many of them count in each
/// constituency (counted by the database: a process may have thousands of members).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn member_counts(
    db: &Db,
    process: crate::domain::ProcessId,
) -> Result<(u64, Vec<(crate::domain::Constituency, u64)>), StoreError> {
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(DISTINCT person_id) FROM memberships WHERE process_id = $1",
    )
    .bind(process.get())
    .fetch_one(db.pool())
    .await?;
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "SELECT constituency, COUNT(DISTINCT person_id) FROM constituency_claims \
         WHERE process_id = $1 AND confirmed_at IS NOT NULL \
         AND person_id IN (SELECT person_id FROM memberships WHERE process_id = $1) \
         GROUP BY constituency",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    let count = |n: i64| u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("count {n}")));
    let mut by_constituency = Vec::with_capacity(rows.len());
    for (slug, n) in rows {
        let constituency = crate::domain::Constituency::from_slug(&slug)
            .ok_or_else(|| StoreError::Corrupt(format!("constituency {slug}")))?;
        by_constituency.push((constituency, count(n)?));
    }
    by_constituency.sort_by_key(|(c, _)| *c);
    Ok((count(total)?, by_constituency))
}

/// The first `limit` members of the process to join (by account), with their profiles.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn first_members(
    db: &Db,
    process: crate::domain::ProcessId,
    limit: u32,
) -> Result<Vec<(PersonId, crate::domain::Profile)>, StoreError> {
    let first = format!(
        "(SELECT DISTINCT person_id FROM memberships WHERE process_id = $1 ORDER BY person_id LIMIT {limit})"
    );
    profiles_where(
        db,
        process,
        &format!("people p WHERE p.id IN {first}"),
        &format!("constituency_claims c WHERE c.person_id IN {first}"),
    )
    .await
}

/// Who takes part in process `$1`: its members and its workshops' guests.
const TAKES_PART: &str = "(p.id IN (SELECT person_id FROM memberships WHERE process_id = $1) \
     OR p.id IN (SELECT a.person_id FROM workshop_attendance a JOIN workshops w ON w.id = a.workshop_id \
     WHERE w.process_id = $1))";

/// How these people appear in the process, if they take part in it (its members and its
/// workshops' guests). Only the people a page shows: a page naming the authors of two
/// versions need not read a thousand members.
#[tracing::instrument(level = "debug", skip(db, people))]
pub async fn profiles_of(
    db: &Db,
    process: crate::domain::ProcessId,
    people: &[PersonId],
) -> Result<Vec<(PersonId, crate::domain::Profile)>, StoreError> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    // Ids are numbers, written into the statement (a list of binds would differ in length
    // from page to page anyway).
    let ids: Vec<String> = people.iter().map(|p| p.get().to_string()).collect();
    let list = ids.join(", ");
    profiles_where(
        db,
        process,
        &format!("people p WHERE {TAKES_PART} AND p.id IN ({list})"),
        &format!("constituency_claims c WHERE c.person_id IN ({list})"),
    )
    .await
}

/// [`profiles_of`] the people who cast a ballot in `decision`, found through the ballots
/// rather than a list of a thousand ids written into the statement (which SQLite parsed and
/// sorted into a temporary index on every view of the decision).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn profiles_of_voters(
    db: &Db,
    process: crate::domain::ProcessId,
    decision: i64,
) -> Result<Vec<(PersonId, crate::domain::Profile)>, StoreError> {
    // Decision ids are numbers, written in as `profiles_of` writes its ids.
    profiles_where(
        db,
        process,
        &format!(
            "ballots b JOIN people p ON p.id = b.person_id WHERE b.decision_id = {decision} \
             AND (EXISTS (SELECT 1 FROM memberships m WHERE m.process_id = $1 AND m.person_id = p.id) \
             OR EXISTS (SELECT 1 FROM workshop_attendance a JOIN workshops w ON w.id = a.workshop_id \
             WHERE w.process_id = $1 AND a.person_id = p.id))"
        ),
        &format!(
            "ballots b JOIN constituency_claims c ON c.person_id = b.person_id \
             WHERE b.decision_id = {decision}"
        ),
    )
    .await
}

async fn profiles_where(
    db: &Db,
    process: crate::domain::ProcessId,
    people: &str,
    claims: &str,
) -> Result<Vec<(PersonId, crate::domain::Profile)>, StoreError> {
    use crate::domain::Constituency;
    // Each list is read as one text: SQLite's driver hands rows over one at a time, and with
    // a thousand voters named on a decision's page that cost more than the rest of the page.
    // (Two statements, not one with each person's claims in a subquery: a thousand
    // correlated subqueries cost SQLite more than the second statement.)
    let people: String = sqlx::query_scalar(&super::rows_as_json(
        db.backend(),
        "p.id, p.full_name, p.pseudonym, p.appearance, p.show_on_public_pages, p.withdrawn_at",
        people,
        "p.id",
    ))
    .bind(process.get())
    .fetch_one(db.pool())
    .await?;
    let claims: String = sqlx::query_scalar(&super::rows_as_json(
        db.backend(),
        "c.person_id, c.constituency",
        &format!("{claims} AND c.process_id = $1 AND c.confirmed_at IS NOT NULL"),
        "c.person_id, c.constituency",
    ))
    .bind(process.get())
    .fetch_one(db.pool())
    .await?;
    type ProfileRow = (
        i64,
        Option<String>,
        Option<String>,
        String,
        i64,
        Option<i64>,
    );
    let mut people: Vec<ProfileRow> = super::parse_json_rows(&people, "profiles")?;
    people.sort_by_key(|row| row.0);
    let claims: Vec<(i64, String)> = super::parse_json_rows(&claims, "constituency claims")?;
    // Grouped once: looking each person's claims up in the whole list cost a million steps
    // in a process of a thousand members.
    let mut by_person: std::collections::HashMap<i64, Vec<Constituency>> =
        std::collections::HashMap::new();
    for (person, slug) in &claims {
        if let Some(c) = Constituency::from_slug(slug) {
            by_person.entry(*person).or_default().push(c);
        }
    }
    Ok(people
        .into_iter()
        .map(
            |(id, full_name, pseudonym, appearance, show, withdrawn_at)| {
                let stored = StoredProfile {
                    full_name,
                    pseudonym,
                    appearance,
                    show_on_public_pages: show != 0,
                    withdrawn: withdrawn_at.is_some(),
                };
                let mut constituencies = by_person.remove(&id).unwrap_or_default();
                constituencies.sort();
                (PersonId::new(id), to_profile(stored, constituencies))
            },
        )
        .collect())
}

/// What sign-in by email needs to know about an account. The hash is kept out of `Debug`.
pub struct EmailAccount {
    pub person: PersonId,
    pub password_hash: Option<String>,
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn find_by_email(
    db: &Db,
    email: &crate::domain::EmailAddress,
) -> Result<Option<EmailAccount>, StoreError> {
    let row = sqlx::query(
        "SELECT id, password_hash FROM people WHERE email = $1 AND withdrawn_at IS NULL",
    )
    .bind(email.as_str())
    .fetch_optional(db.pool())
    .await?;
    row.map(|r| {
        Ok(EmailAccount {
            person: PersonId::new(r.try_get("id")?),
            password_hash: r.try_get("password_hash")?,
        })
    })
    .transpose()
}

/// A new member who signs in by email. `Ok(None)` when the email is taken (also enforced by
/// a unique index, so two racing sign-ups cannot both win).
#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert_with_email(
    db: &Db,
    email: &crate::domain::EmailAddress,
    password_hash: &str,
    now: i64,
) -> Result<Option<PersonId>, StoreError> {
    let result = db.fetch_one_committed(
sqlx::query_scalar(
        "INSERT INTO people (site_role, created_at, email, password_hash) VALUES ('member', $1, $2, $3) RETURNING id",
    )
    .bind(now)
    .bind(email.as_str())
    .bind(password_hash)
    )
    .await;
    match result {
        Ok(id) => Ok(Some(PersonId::new(id))),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Sets (or replaces) a person's email and password. `Ok(false)` when the email is taken.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn set_email_and_password(
    db: &Db,
    person: PersonId,
    email: &crate::domain::EmailAddress,
    password_hash: &str,
) -> Result<bool, StoreError> {
    let result = db
        .execute_committed(
            sqlx::query("UPDATE people SET email = $1, password_hash = $2 WHERE id = $3")
                .bind(email.as_str())
                .bind(password_hash)
                .bind(person.get()),
        )
        .await;
    match result {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn email_of(db: &Db, person: PersonId) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar::<_, Option<String>>("SELECT email FROM people WHERE id = $1")
            .bind(person.get())
            .fetch_optional(db.pool())
            .await?
            .flatten(),
    )
}
