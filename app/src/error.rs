//! The one error type of server functions, workflows and plain handlers. Its messages are
//! written for the person using the app; internal details are logged on the server and never
//! sent to the browser.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::text::TextError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Error)]
pub enum AppError {
    /// Fields of a form were refused; each names the form field and says what to change.
    #[error("{}", .0.iter().map(|f| f.message.as_str()).collect::<Vec<_>>().join(" "))]
    Invalid(Vec<FieldError>),
    #[error("Please sign in to do this.")]
    SignInRequired,
    /// The message says what the person cannot do and who can.
    #[error("{0}")]
    Forbidden(String),
    #[error("We could not find {0}. It may have been removed, or the link may be wrong.")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    /// Too many failed attempts; the message says how long to wait.
    #[error("{0}")]
    TooManyAttempts(String),
    #[error("The form could not be read. Please reload the page and try again.")]
    BadRequest,
    #[error("We could not reach the server. Check your connection and try again.")]
    Unreachable,
    /// The database could not be reached or could not write; nothing was changed.
    #[error(
        "We could not reach our database just now, so nothing was saved or changed. Please try again in a moment."
    )]
    Unavailable,
    #[error(
        "Something went wrong on our side. Nothing you had already saved has been lost. Please try again in a moment."
    )]
    Unexpected,
}

/// What is wrong with one form field. `field` is the field's `name` attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl AppError {
    pub fn invalid(field: &str, error: TextError) -> Self {
        Self::Invalid(vec![FieldError {
            field: field.to_string(),
            message: error.to_string(),
        }])
    }

    /// Errors for named fields, with messages already written for people.
    pub fn invalid_fields(errors: Vec<(&str, String)>) -> Self {
        Self::Invalid(
            errors
                .into_iter()
                .map(|(field, message)| FieldError {
                    field: field.to_string(),
                    message,
                })
                .collect(),
        )
    }

    /// Collects the errors of several fields; `Ok` only when there are none.
    pub fn check_fields(errors: Vec<(&str, Option<TextError>)>) -> Result<(), Self> {
        let errors: Vec<FieldError> = errors
            .into_iter()
            .filter_map(|(field, e)| {
                e.map(|e| FieldError {
                    field: field.to_string(),
                    message: e.to_string(),
                })
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Self::Invalid(errors))
        }
    }

    /// The message for one form field, if this error is about that field.
    pub fn for_field(&self, field: &str) -> Option<String> {
        match self {
            Self::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            _ => None,
        }
    }

    /// The HTTP status an API client sees for this error. (A plain HTML form post is
    /// redirected back to its page instead, with the error shown there.)
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Invalid(_) => 422,
            Self::BadRequest => 400,
            Self::SignInRequired => 401,
            Self::Forbidden(_) => 403,
            Self::NotFound(_) => 404,
            Self::Conflict(_) => 409,
            Self::TooManyAttempts(_) => 429,
            Self::Unreachable => 502,
            Self::Unavailable => 503,
            Self::Unexpected => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::BadRequest,
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Response(_) => Self::Unreachable,
            _ => Self::Unexpected,
        }
    }
}

/// Turns a refusal from the permission rules into an error, logging it (who, by pseudonymous
/// id, and what; never names).
#[cfg(feature = "ssr")]
pub fn refused(
    action: &'static str,
    viewer: Option<&crate::domain::Viewer>,
    refusal: crate::domain::permissions::Refusal,
) -> AppError {
    use crate::domain::permissions::Refusal;
    tracing::warn!(
        action,
        person = viewer.map(|v| v.person.get()),
        ?refusal,
        "refused"
    );
    match refusal {
        Refusal::SignInRequired => AppError::SignInRequired,
        Refusal::Forbidden(why) => AppError::Forbidden(why.to_string()),
    }
}

/// Plain axum handlers (downloads, public pages, live streams) answer an error with its status
/// and its message as text, so no handler writes a status by hand.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = http::StatusCode::from_u16(self.status_code())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        (
            status,
            [(http::header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            self.to_string(),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_error_is_found_only_for_its_own_field() {
        let e = AppError::invalid("title", TextError::Empty);
        assert_eq!(
            e.for_field("title").as_deref(),
            Some("Please fill this in.")
        );
        assert_eq!(e.for_field("description"), None);
    }

    #[test]
    fn every_refused_field_is_reported_at_once() {
        let e = AppError::check_fields(vec![
            ("title", Some(TextError::Empty)),
            ("description", None),
            ("summary", Some(TextError::ControlCharacters)),
        ])
        .unwrap_err();
        assert!(e.for_field("title").is_some());
        assert!(e.for_field("description").is_none());
        assert!(e.for_field("summary").is_some());
    }

    #[test]
    fn no_field_errors_means_ok() {
        assert_eq!(AppError::check_fields(vec![("title", None)]), Ok(()));
    }

    #[test]
    fn malformed_arguments_are_a_bad_request_not_an_internal_error() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args("x".into()));
        assert_eq!(e, AppError::BadRequest);
        assert_eq!(e.status_code(), 400);
    }

    #[test]
    fn unexpected_errors_do_not_reveal_details() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::ServerError(
            "relation people does not exist".into(),
        ));
        assert!(!e.to_string().contains("people"));
    }
}
