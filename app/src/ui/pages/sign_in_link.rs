//! `/sign-in/link?token=…`: the page a one-time sign-in link opens. Opening it does not sign
//! anyone in (link previews and scanners open links too); the button does.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::session::RedeemSignInLink;

#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    // Reads an error sent back after a plain form post.
    let redeem = ServerAction::<RedeemSignInLink>::new();
    let error = move || redeem.value().get().and_then(Result::err);

    view! {
        <Title text="Sign in" />
        <h1>"Sign in with your one-time link"</h1>
        {move || error().map(|e| view! { <p class="form-error" role="alert">{e.to_string()}</p> })}
        <p>"This link works once. After you sign in, it cannot be used again."</p>
        // A plain form so that the whole page reloads signed in.
        <form method="post" action=RedeemSignInLink::url() class="form">
            <input type="hidden" name="token" value=token />
            <button type="submit" class="button">"Sign in"</button>
        </form>
    }
}
