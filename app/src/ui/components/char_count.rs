//! "12 of 120 characters used", updating as the person types once the page is interactive.
//! Before that (or without JavaScript) it states the limit.

use leptos::prelude::*;

#[component]
pub fn CharCount(
    id: &'static str,
    max: usize,
    #[prop(into)] count: Signal<usize>,
) -> impl IntoView {
    // Effects run only in the browser, so this flips once the page has hydrated.
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    view! {
        <p class="hint" id=id data-interactive=move || interactive.get().to_string()>
            {move || {
                if interactive.get() {
                    format!("{} of {max} characters used", count.get())
                } else {
                    format!("Up to {max} characters.")
                }
            }}
        </p>
    }
}
