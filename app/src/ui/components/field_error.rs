//! The message shown under a form field that was refused, and a form-wide message.

use leptos::prelude::*;

use crate::error::AppError;

/// Renders the error for `field`, if the last attempt had one. The element's id is
/// `{field}-error`, for the input's `aria-describedby`.
#[component]
pub fn FieldError(
    field: &'static str,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    move || {
        error.get().and_then(|e| e.for_field(field)).map(|message| {
            view! {
                <p class="field-error" id=format!("{field}-error")>
                    <span class="visually-hidden">"Error: "</span>
                    {message}
                </p>
            }
        })
    }
}

/// A summary at the top of a form for errors that are not about one field.
#[component]
pub fn FormError(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Invalid(_)))
            .map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })
    }
}

/// `aria-invalid="true"` when the last attempt refused `field`, nothing otherwise.
pub fn aria_invalid(error: Signal<Option<AppError>>, field: &str) -> Option<&'static str> {
    error
        .get()
        .and_then(|e| e.for_field(field))
        .is_some()
        .then_some("true")
}

/// `aria-describedby` for a field: its hint, followed by its error message's id when the last
/// attempt refused it.
pub fn described_by(
    error: Signal<Option<AppError>>,
    field: &str,
    hint: Option<&str>,
) -> Option<String> {
    let error_id = aria_invalid(error, field).map(|_| format!("{field}-error"));
    match (hint, error_id) {
        (Some(h), Some(e)) => Some(format!("{h} {e}")),
        (Some(h), None) => Some(h.to_string()),
        (None, e) => e,
    }
}
