//! The `people` table.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::{PersonId, SiteRole};

fn site_role_to_db(role: SiteRole) -> &'static str {
    match role {
        SiteRole::SiteAdmin => "site_admin",
        SiteRole::Member => "member",
    }
}

fn site_role_from_db(raw: &str) -> Result<SiteRole, StoreError> {
    match raw {
        "site_admin" => Ok(SiteRole::SiteAdmin),
        "member" => Ok(SiteRole::Member),
        other => Err(StoreError::Corrupt(format!("unknown site role {other:?}"))),
    }
}

#[tracing::instrument(skip(db))]
pub async fn insert(db: &Db, site_role: SiteRole, now: i64) -> Result<PersonId, StoreError> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (site_role, created_at) VALUES ($1, $2) RETURNING id",
    )
    .bind(site_role_to_db(site_role))
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    Ok(PersonId::new(id))
}

#[tracing::instrument(skip(db))]
pub async fn count(db: &Db) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(db.pool())
        .await?)
}

#[tracing::instrument(skip(db))]
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
#[tracing::instrument(skip(db))]
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
