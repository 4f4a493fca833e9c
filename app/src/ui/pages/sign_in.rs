//! `/sign-in` and `/sign-up`: email and password, for those who want them. People without
//! email join with a sign-in code instead.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;

use crate::api::accounts::{SignIn, SignUp};
use crate::domain::NewPassword;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};

#[component]
pub fn SignInPage() -> impl IntoView {
    // Reads an error sent back after the plain form post.
    let sign_in = ServerAction::<SignIn>::new();
    let error = Signal::derive(move || sign_in.value().get().and_then(Result::err));
    let invalid = move |field: &'static str| aria_invalid(error, field);
    view! {
        <Title text="Sign in" />
        <h1>"Sign in"</h1>
        <p>"No email address? " <a href="/join">"Join with a sign-in code"</a> " instead."</p>
        // Plain forms: signing in reloads the whole page, signed in.
        <form method="post" action=SignIn::url() class="form">
            <FormError error />
            <div class="field">
                <label for="email">"Email address"</label>
                <input id="email" name="email" type="email" autocomplete="username" required
                    aria-invalid=move || invalid("email") aria-describedby=move || invalid("email").map(|_| "email-error") />
                <FieldError field="email" error />
            </div>
            <div class="field">
                <label for="password">"Password"</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required />
            </div>
            <button type="submit" class="button">"Sign in"</button>
        </form>
        <p>"New here? " <a href="/sign-up">"Create an account with your email"</a></p>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let sign_up = ServerAction::<SignUp>::new();
    let error = Signal::derive(move || sign_up.value().get().and_then(Result::err));
    let invalid = move |field: &'static str| aria_invalid(error, field);
    let described =
        move |field: &'static str, hint: &'static str| described_by(error, field, Some(hint));
    view! {
        <Title text="Create an account" />
        <h1>"Create an account"</h1>
        <p>
            "Your email address is never shown to anyone else. You choose afterwards how others see you; "
            "until then, nobody sees a name."
        </p>
        <form method="post" action=SignUp::url() class="form">
            <FormError error />
            <div class="field">
                <label for="email">"Email address"</label>
                <p class="hint" id="email-hint">"For signing in only."</p>
                <input id="email" name="email" type="email" autocomplete="email" required
                    aria-invalid=move || invalid("email") aria-describedby=move || described("email", "email-hint") />
                <FieldError field="email" error />
            </div>
            <div class="field">
                <label for="password">"Choose a password"</label>
                <p class="hint" id="password-hint">"At least " {NewPassword::MIN_CHARS} " characters. A few words together work well."</p>
                <input id="password" name="password" type="password" autocomplete="new-password" required
                    aria-invalid=move || invalid("password") aria-describedby=move || described("password", "password-hint") />
                <FieldError field="password" error />
            </div>
            <div class="field">
                <label for="password_again">"Type the password again"</label>
                <input id="password_again" name="password_again" type="password" autocomplete="new-password" required
                    aria-invalid=move || invalid("password_again") aria-describedby=move || invalid("password_again").map(|_| "password_again-error") />
                <FieldError field="password_again" error />
            </div>
            <button type="submit" class="button">"Create my account"</button>
        </form>
    }
}
