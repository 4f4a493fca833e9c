//! The server's use cases (server only): what happens when someone opens a decision, casts a
//! ballot, saves a section, joins a workshop. Endpoints (`api/`), the live hub and the plain
//! axum handlers all call these, so each rule runs in one place. A workflow takes the context
//! it acts in (who asks, in which process) and input already parsed by `forms/`, asks the
//! domain, writes through `store/`, tells the live screens, and answers with a view or a
//! refusal. Nothing here reads the HTTP request: that is the endpoint's job.

pub mod accounts;
pub mod context;
pub mod decisions;
pub mod discussion;
pub mod documents;
pub mod limits;
pub mod people;
pub mod processes;
pub mod sessions;
pub mod workshops;

pub use context::ProcessContext;

/// Logs a store error with what we were doing, and gives the person a message without
/// internals.
pub fn unexpected(
    doing: &'static str,
) -> impl Fn(crate::store::StoreError) -> crate::error::AppError {
    move |error| {
        tracing::error!(error = ?error, "failed while {doing}");
        crate::error::AppError::Unexpected
    }
}
