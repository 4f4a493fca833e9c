//! The 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::ui::components::status::set_http_status;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    set_http_status(404);
    view! {
        <Title text="Page not found" />
        <section class="notice" aria-labelledby="not-found-heading">
            <h1 id="not-found-heading">"We could not find that page"</h1>
            <p>
                "The link may be wrong, or what it pointed to may have been removed. "
                "Nothing you saved has been lost."
            </p>
            <p><a href="/">"Go to the home page"</a></p>
        </section>
    }
}
