//! `/me/withdraw` and `/withdrawn`: leaving, with a plain account of what happens.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::me::Withdraw;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid};

#[component]
pub fn WithdrawPage() -> impl IntoView {
    let withdraw = ServerAction::<Withdraw>::new();
    let error = Signal::derive(move || withdraw.value().get().and_then(Result::err));
    let invalid = move || aria_invalid(error, "confirm");
    view! {
        <Title text="Withdraw" />
        <h1>"Withdraw from Recovery Commons"</h1>
        <p>"If you withdraw:"</p>
        <ul>
            <li>"Your name, made-up name, email address and password are deleted. This cannot be undone."</li>
            <li>"You are signed out everywhere, and cannot sign in to this account again."</li>
            <li>
                "Where you took part, you will be shown as \u{201c}a withdrawn participant\u{201d} with how you took part "
                "(for example \u{201c}a withdrawn participant (a person with lived experience)\u{201d}), so that counts in "
                "past decisions stay true."
            </li>
        </ul>
        <p>"You may want to " <a href="/me/data.json" download>"download your data"</a> " first."</p>
        // A plain form: after withdrawing, the whole page reloads signed out.
        <form method="post" action=Withdraw::url() class="form">
            <FormError error />
            <div class="choice field">
                <input type="checkbox" id="confirm" name="confirm" value="yes" aria-invalid=invalid
                    aria-describedby=move || invalid().map(|_| "confirm-error") />
                <label for="confirm">"I understand that my personal data will be deleted and this cannot be undone."</label>
            </div>
            <FieldError field="confirm" error />
            <button type="submit" class="button button--danger">"Withdraw and delete my personal data"</button>
        </form>
        <p><a href="/me">"Keep my account and go back"</a></p>
    }
}

#[component]
pub fn WithdrawnPage() -> impl IntoView {
    view! {
        <Title text="You have withdrawn" />
        <h1>"You have withdrawn"</h1>
        <p>
            "Your personal data has been deleted and you are signed out. Thank you for taking part. "
            "Where you took part, you are now shown as a withdrawn participant."
        </p>
        <p><a href="/">"Go to the home page"</a></p>
    }
}
