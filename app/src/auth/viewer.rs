//! Who is making a request, from their session cookie.

use http::HeaderMap;

use super::cookie::session_token;
use crate::domain::Viewer;
use crate::store::{Db, StoreError, people, sessions, unix_now};

pub async fn current_viewer(db: &Db, headers: &HeaderMap) -> Result<Option<Viewer>, StoreError> {
    let Some(token) = session_token(headers) else {
        return Ok(None);
    };
    let Some(person) = sessions::person_for(db, &token.hash(), unix_now()).await? else {
        return Ok(None);
    };
    Ok(people::site_role(db, person)
        .await?
        .map(|site_role| Viewer { person, site_role }))
}
