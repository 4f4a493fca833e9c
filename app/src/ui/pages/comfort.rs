//! `/reading-comfort`: text size and contrast. A plain form: choosing reloads the page asked
//! from, with the new look, on every page from then on (kept in a cookie, no account needed).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::preferences::{SetComfort, current_comfort};
use crate::domain::comfort::{Comfort, Contrast, TextSize};
use crate::ui::components::loaded::loaded;

#[component]
pub fn ComfortPage() -> impl IntoView {
    loaded(
        || (),
        |()| current_comfort(),
        |comfort| view! { <ComfortForm comfort /> },
    )
}

#[component]
fn ComfortForm(comfort: Comfort) -> impl IntoView {
    let back = use_query_map()
        .read_untracked()
        .get("back")
        .unwrap_or_else(|| "/".to_string());
    view! {
        <Title text="Text size and contrast" />
        <h1>"Text size and contrast"</h1>
        <p>"Choose what is easiest for you to read. It stays chosen on this phone or computer, on every page, without an account."</p>
        <form method="post" action=SetComfort::url() class="form">
            <input type="hidden" name="back" value=back.clone() />
            <fieldset class="choices">
                <legend>"Text size"</legend>
                {TextSize::ALL.into_iter().map(|size| {
                    let id = format!("size-{}", size.slug());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="size" value=size.slug() checked=size == comfort.size />
                            <label for=id class=format!("comfort-sample text-sample-{}", size.slug())>{size.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset class="choices">
                <legend>"Colours"</legend>
                {Contrast::ALL.into_iter().map(|contrast| {
                    let id = format!("contrast-{}", contrast.slug());
                    view! {
                        <div class="choice">
                            <input type="radio" id=id.clone() name="contrast" value=contrast.slug() checked=contrast == comfort.contrast />
                            <label for=id>{contrast.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button">"Use these"</button>
        </form>
        <p><a href=back>"Go back without changing anything"</a></p>
    }
}
