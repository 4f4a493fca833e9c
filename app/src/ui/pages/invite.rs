//! `/invite?token=…`: accepting an invitation into a process. Opening the link does nothing
//! by itself (link previews open links too); pressing the button does.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::invitations::AcceptInvitation;
use crate::ui::components::field_error::FormError;

#[component]
pub fn InvitePage() -> impl IntoView {
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let accept = ServerAction::<AcceptInvitation>::new();
    let error = Signal::derive(move || accept.value().get().and_then(Result::err));
    view! {
        <Title text="You are invited" />
        <h1>"You are invited to take part"</h1>
        <p>
            "Someone running a local process on Recovery Commons has invited you to take part. "
            "If you accept, you can then choose how others see you; until you do, nobody sees a name."
        </p>
        // A plain form, so the whole page reloads signed in.
        <form method="post" action=AcceptInvitation::url() class="form">
            <FormError error />
            <input type="hidden" name="token" value=token />
            <button type="submit" class="button">"Accept the invitation"</button>
        </form>
    }
}
