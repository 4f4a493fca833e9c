//! `/join`: sign in with a code from a card. Built for a phone: one field, a big button.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::session::RedeemSignInCode;
use crate::ui::components::field_error::{FieldError, aria_invalid};

#[component]
pub fn JoinPage() -> impl IntoView {
    // Reads an error sent back after the plain form post.
    let redeem = ServerAction::<RedeemSignInCode>::new();
    let error = Signal::derive(move || redeem.value().get().and_then(Result::err));
    let invalid = move || aria_invalid(error, "code");
    view! {
        <Title text="Join with a sign-in code" />
        <h1>"Join with a sign-in code"</h1>
        <p>"Type the code from your card. You do not need an email address."</p>
        // A plain form, so the whole page reloads signed in.
        <form method="post" action=RedeemSignInCode::url() class="form">
            <div class="field">
                <label for="code">"Your sign-in code"</label>
                <p class="hint" id="code-hint">"8 letters and numbers, for example K7PM-XR2Q."</p>
                <input
                    id="code"
                    name="code"
                    type="text"
                    class="input--code"
                    required
                    maxlength="20"
                    autocomplete="one-time-code"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby=move || {
                        if invalid().is_some() { "code-hint code-error" } else { "code-hint" }
                    }
                    aria-invalid=invalid
                />
                <FieldError field="code" error />
            </div>
            <button type="submit" class="button button--wide">"Join"</button>
        </form>
    }
}
