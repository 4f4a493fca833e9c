//! `/w`: joining a workshop with the code on the screen. Signed in: the code is all. Without
//! an account: a sign-in card, or a name and a reason for taking part, for this workshop only.
//! A plain form, so the whole page reloads signed in; the code from the QR code is filled in.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::session::who_am_i;
use crate::api::workshops::joining::JoinWorkshop;
use crate::domain::Constituency;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid};

#[component]
pub fn JoinWorkshopPage() -> impl IntoView {
    let join = ServerAction::<JoinWorkshop>::new();
    let error = Signal::derive(move || join.value().get().and_then(Result::err));
    let query = use_query_map();
    let code = move || query.read().get("code").unwrap_or_default();
    let viewer = crate::ui::components::json::resource(|| (), |_| who_am_i());
    view! {
        <Title text="Join a workshop" />
        <h1>"Join a workshop"</h1>
        <form method="post" action=JoinWorkshop::url() class="form">
            <FormError error />
            <div class="field">
                <label for="workshop-code">"The code on the screen"</label>
                <p class="hint" id="workshop-code-hint">"6 letters and numbers, for example K7P XR2."</p>
                <input id="workshop-code" name="code" type="text" class="input--code" required maxlength="12"
                    autocomplete="off" autocapitalize="characters" spellcheck="false" value=code
                    aria-describedby="workshop-code-hint" aria-invalid=move || aria_invalid(error, "code") />
                <FieldError field="code" error />
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match viewer.await {
                        Ok(Some(_)) => view! { <p>"You will join as yourself."</p> }.into_any(),
                        _ => view! { <WithoutAccount error /> }.into_any(),
                    }
                })}
            </Suspense>
            <button type="submit" class="button button--wide">"Join"</button>
        </form>
    }
}

#[component]
fn WithoutAccount(error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"How are you joining?"</legend>
            <FieldError field="how" error />
            <div class="choice">
                <input id="how-guest" name="how" type="radio" value="guest" checked=true />
                <label for="how-guest">"As a guest, for this workshop only"</label>
            </div>
            <div class="field">
                <label for="guest-name">"Your name, or a made-up name (others in the room see it)"</label>
                <input id="guest-name" name="name" type="text" maxlength="40" autocomplete="nickname" aria-invalid=move || aria_invalid(error, "name") />
                <FieldError field="name" error />
            </div>
            <div class="field">
                <label for="guest-constituency">"Why you take part"</label>
                <select id="guest-constituency" name="constituency" aria-invalid=move || aria_invalid(error, "constituency")>
                    {Constituency::ALL.into_iter().map(|c| view! { <option value=c.slug()>{c.label()}</option> }).collect_view()}
                </select>
                <FieldError field="constituency" error />
            </div>
            <div class="choice">
                <input id="how-card" name="how" type="radio" value="card" />
                <label for="how-card">"With a sign-in card"</label>
            </div>
            <div class="field">
                <label for="card-code">"The code on your card"</label>
                <input id="card-code" name="card" type="text" class="input--code" maxlength="20" autocapitalize="characters" spellcheck="false" aria-invalid=move || aria_invalid(error, "card") />
                <FieldError field="card" error />
            </div>
        </fieldset>
    }
}
