//! The server's use cases (server only): what happens when someone opens a decision, casts a
//! ballot, saves a section, joins a workshop. Endpoints (`api/`), the live hub and the plain
//! axum handlers all call these, so each rule runs in one place. A workflow takes the context
//! it acts in (who asks, in which process) and input already parsed by `forms/`, asks the
//! domain, writes through `store/`, tells the live screens, and answers with a view or a
//! refusal. Nothing here reads the HTTP request: that is the endpoint's job.

pub mod accounts;
pub mod commitments;
pub mod context;
pub mod decisions;
pub mod discussion;
pub mod documents;
pub mod email;
pub mod feed;
pub mod happening;
pub mod influence;
pub mod limits;
pub mod needs;
pub mod people;
pub mod processes;
pub mod sessions;
pub mod timeline;
pub mod word_lists;
pub mod workshops;

pub use context::ProcessContext;

/// Logs a store error with what we were doing, and gives the person a message without
/// internals: "nothing was saved, try again" (503) when the database could not be reached or
/// could not write, a plain apology (500) otherwise.
pub fn unexpected(
    doing: &'static str,
) -> impl Fn(crate::store::StoreError) -> crate::error::AppError {
    move |error| {
        if matches!(error, crate::store::StoreError::Contended) {
            tracing::warn!("too many people changed the same thing at once while {doing}");
            return crate::error::AppError::Conflict(
                "Several people saved at the same moment and yours could not be stored. \
                 Nothing was lost: your words are still here. Please save again."
                    .into(),
            );
        }
        tracing::error!(error = ?error, "failed while {doing}");
        if error.is_unavailable() {
            crate::error::AppError::Unavailable
        } else {
            crate::error::AppError::Unexpected
        }
    }
}
