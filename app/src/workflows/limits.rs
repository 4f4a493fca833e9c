//! Limits that keep one person or one connection from flooding the others: comments per
//! person (counted from what is stored, so every instance agrees), and attempts per network
//! address kept in memory (guests joining, public comments, sign-in failures).

use crate::domain::PersonId;
use crate::domain::deliberation::rate::CommentLimit;
use crate::domain::throttle::{Limit, minutes};
use crate::error::{AppError, unexpected};
use crate::state::AppState;
use crate::store::Db;

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

/// Counts one attempt under `key`, or refuses it when the limit is reached; `message` says
/// what happened, given how long to wait ("12 minutes").
pub fn count_attempt(
    state: &AppState,
    key: &str,
    limit: Limit,
    now: i64,
    message: impl Fn(&str) -> String,
) -> Result<(), AppError> {
    if let Err(wait) = state.throttle.check(key, limit, now) {
        tracing::warn!(
            kind = key.split(':').next().unwrap_or(""),
            "attempts limited"
        );
        return Err(AppError::TooManyAttempts(message(&minutes(wait))));
    }
    state.throttle.count(key, limit, now);
    Ok(())
}
