//! Limits that keep one person or one connection from flooding the others, or from guessing:
//! comments per person (counted from what is stored, so every instance agrees), and attempts
//! at codes, links, passwords, guest places and public comments (counted in memory, see
//! `auth::throttle`).

use crate::domain::PersonId;
use crate::domain::deliberation::rate::CommentLimit;
use crate::domain::throttle::{Attempt, wait_words};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::Db;
use crate::workflows::unexpected;

/// Refuses a comment, reply, report or amendment when `person` has written too much too
/// recently.
pub async fn check_comment_rate(db: &Db, person: PersonId, now: i64) -> Result<(), AppError> {
    let since = now - CommentLimit::PERSON.window_seconds;
    let mut recent = crate::store::comments::written_since(db, person, since)
        .await
        .map_err(unexpected("counting recent comments"))?;
    recent.extend(
        crate::store::amendments::proposed_since(db, person, since)
            .await
            .map_err(unexpected("counting recent amendments"))?,
    );
    CommentLimit::PERSON.check(&recent, now).map_err(|message| {
        tracing::warn!(person = person.get(), "comment rate limit reached");
        AppError::TooManyAttempts(message)
    })
}

/// Counts one attempt of `kind` by `key` (a network address, a code's hash, an account),
/// or refuses it, saying how long to wait, when its budget is used up.
pub fn attempt(state: &AppState, kind: Attempt, key: &str) -> Result<(), AppError> {
    state.throttle.attempt(kind, key).map_err(|wait| {
        tracing::warn!(?kind, "attempts limited");
        AppError::TooManyAttempts(kind.refusal(&wait_words(wait)))
    })
}
