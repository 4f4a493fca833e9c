//! What a page shows when loading its content failed.

use leptos::prelude::*;
use leptos_meta::Title;

use super::not_found::NotFoundPage;
use crate::error::AppError;
use crate::ui::components::status::set_http_status;

/// Shows the error in plain words and sets the page's status to match. Internal details are
/// never in `AppError`, so nothing leaks here.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    if matches!(error, AppError::NotFound(_)) {
        return view! { <NotFoundPage /> }.into_any();
    }
    set_http_status(error.status_code());
    view! {
        <Title text="Something went wrong" />
        <section class="notice notice--error" aria-labelledby="error-heading">
            <h1 id="error-heading">"Sorry, this page could not be shown"</h1>
            <p>{error.to_string()}</p>
            <p><a href="/">"Go to the home page"</a></p>
        </section>
    }
    .into_any()
}
