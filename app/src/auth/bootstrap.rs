//! The first start: with nobody in the database, create a site administrator and hand out a
//! one-time sign-in link, printed once on the console by the server.

use super::token::SecretToken;
use crate::domain::{PersonId, SiteRole};
use crate::store::{Db, StoreError, people, sign_in_links, unix_now};

/// How long a printed sign-in link stays usable.
pub const SIGN_IN_LINK_LIFETIME_SECONDS: i64 = 7 * 24 * 60 * 60;

/// The path of the page that redeems a sign-in link.
pub fn sign_in_link_path(token: &SecretToken) -> String {
    format!("/sign-in/link?token={}", token.expose())
}

/// Creates the first site administrator if nobody exists yet, and returns the path of their
/// one-time sign-in link. Returns `None` when people already exist.
pub async fn ensure_first_site_admin(db: &Db) -> Result<Option<String>, StoreError> {
    if people::count(db).await? > 0 {
        return Ok(None);
    }
    let now = unix_now();
    let admin = people::insert(db, SiteRole::SiteAdmin, now).await?;
    issue_sign_in_link(db, admin).await.map(Some)
}

/// A fresh one-time link for an existing person (for `recovery-commons admin-link`, when the
/// first link was lost).
pub async fn issue_sign_in_link(db: &Db, person: PersonId) -> Result<String, StoreError> {
    let now = unix_now();
    let token = SecretToken::generate();
    sign_in_links::insert(
        db,
        &token.hash(),
        person,
        now,
        now + SIGN_IN_LINK_LIFETIME_SECONDS,
    )
    .await?;
    Ok(sign_in_link_path(&token))
}
