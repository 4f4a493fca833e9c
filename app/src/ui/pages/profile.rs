//! `/me`: how you appear to others, and how you take part in each process.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::error_notice::ErrorNotice;
use crate::api::accounts::SetCredentials;
use crate::api::me::{UpdateAppearance, UpdateConstituencies, my_profile};
use crate::api::session::SignOutEverywhere;
use crate::domain::{Appearance, Constituency, FullName, Pseudonym};
use crate::error::AppError;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid};
use crate::views::people::MyProcess;
use crate::views::people::OwnProfile;
use leptos::server_fn::ServerFn;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let appearance = ServerAction::<UpdateAppearance>::new();
    let constituencies = ServerAction::<UpdateConstituencies>::new();
    let profile = crate::ui::components::json::resource(
        move || (appearance.version().get(), constituencies.version().get()),
        |_| my_profile(),
    );
    let query = use_query_map();
    let welcome = move || query.read().get("welcome").is_some();
    let saved = move || query.read().get("saved");

    view! {
        <Title text="Your profile" />
        <h1>"Your profile"</h1>
        {move || welcome().then(|| view! {
            <p class="notice" role="status">
                "Welcome, you are signed in. First, tick below how you take part: until you do, your voice counts as "
                "\u{201c}a participant\u{201d}, not with people with lived experience or any other group. "
                "Then choose how others see you: until you choose, nobody sees a name, only why you take part."
            </p>
        })}
        {move || saved().map(|_| view! { <p class="notice" role="status">"Your changes are saved."</p> })}
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match profile.await {
                    Ok(p) => view! { <ProfileForms profile=p appearance constituencies /> }.into_any(),
                    Err(AppError::SignInRequired) => view! {
                        <p class="notice">"Please sign in to see your profile. "
                            <a href="/join">"Join with a sign-in code"</a></p>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProfileForms(
    profile: OwnProfile,
    appearance: ServerAction<UpdateAppearance>,
    constituencies: ServerAction<UpdateConstituencies>,
) -> impl IntoView {
    let error = Signal::derive(move || appearance.value().get().and_then(Result::err));
    let current = profile.profile.clone();
    let full_name = current
        .full_name
        .as_ref()
        .map(|n| n.as_str().to_string())
        .unwrap_or_default();
    let pseudonym = current
        .pseudonym
        .as_ref()
        .map(|n| n.as_str().to_string())
        .unwrap_or_default();
    let invalid = move |field: &'static str| aria_invalid(error, field);

    view! {
        // How someone takes part decides whose voice theirs counts with, so it comes first.
        {profile.processes.into_iter().map(|p| view! { <ConstituencyForm process=p action=constituencies /> }).collect_view()}
        <section aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">"How others see you"</h2>
            <p>"People taking part see you as: " <strong class="shown-as">{profile.shown_to_participants.clone()}</strong></p>
            <p>"The public sees you as: " <strong class="shown-publicly">{profile.shown_publicly.clone()}</strong></p>
            <ActionForm action=appearance attr:class="form">
                <FormError error />
                <fieldset class="field">
                    <legend>"Show me as"</legend>
                    {Appearance::ALL.into_iter().map(|a| {
                        let id = format!("appearance-{}", a.slug());
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name="appearance" value=a.slug() checked=current.appearance == a />
                                <label for=id>{a.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for="full_name">"Your name (optional)"</label>
                    <p class="hint" id="full_name-hint">"Needed only if you want to be shown by your name. Up to " {FullName::MAX_CHARS} " characters."</p>
                    <input id="full_name" name="full_name" type="text" value=full_name maxlength=FullName::MAX_CHARS
                        autocomplete="name" aria-describedby="full_name-hint" aria-invalid=move || invalid("full_name") />
                    <FieldError field="full_name" error />
                </div>
                <div class="field">
                    <label for="pseudonym">"A made-up name (optional)"</label>
                    <p class="hint" id="pseudonym-hint">"Any name you like, for example \u{201c}Phoenix\u{201d}. Up to " {Pseudonym::MAX_CHARS} " characters."</p>
                    <input id="pseudonym" name="pseudonym" type="text" value=pseudonym maxlength=Pseudonym::MAX_CHARS
                        autocomplete="off" aria-describedby="pseudonym-hint" aria-invalid=move || invalid("pseudonym") />
                    <FieldError field="pseudonym" error />
                </div>
                <div class="choice field">
                    <input type="checkbox" id="show_on_public_pages" name="show_on_public_pages" value="yes" checked=current.show_on_public_pages />
                    <label for="show_on_public_pages">"Also show me this way on public pages. If you leave this unticked, the public sees only why you take part."</label>
                </div>
                <button type="submit" class="button">"Save how I appear"</button>
            </ActionForm>
        </section>
        <CredentialsForm email=profile.email.clone() />
        <section aria-labelledby="email-heading">
            <h2 id="email-heading">"Messages by email (optional)"</h2>
            <p>"Choose whether we email you when a vote opens or closes soon, someone replies to you, and more."</p>
            <p><a href=crate::routes::email()>"Choose what we email you about"</a></p>
        </section>
        <section aria-labelledby="devices-heading">
            <h2 id="devices-heading">"Where you are signed in"</h2>
            <p>"Lost a phone, or left a shared computer signed in? This signs you out on every device, including this one."</p>
            // A plain form: the whole page reloads signed out.
            <form method="post" action=SignOutEverywhere::url()>
                <button type="submit" class="button button--secondary">"Sign out on every device"</button>
            </form>
        </section>
        <section aria-labelledby="data-heading">
            <h2 id="data-heading">"Your data"</h2>
            <p>
                "You can download everything Recovery Commons holds about you, as a file "
                "(JSON, which most computers can open as text)."
            </p>
            <p><a class="button button--secondary" href="/me/data.json" download>"Download my data"</a></p>
            <p>
                "You can also withdraw: your personal data is deleted, and where you took part you are "
                "shown as a withdrawn participant. " <a href="/me/withdraw">"Read what withdrawing means"</a>
            </p>
        </section>
    }
}

#[component]
fn ConstituencyForm(
    process: MyProcess,
    action: ServerAction<UpdateConstituencies>,
) -> impl IntoView {
    let heading_id = format!("constituencies-{}", process.id);
    let labelled_by = heading_id.clone();
    let roles = process
        .roles
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading_id>{process.title.clone()}</h2>
            <p class="meta">"Your role: " {roles}</p>
            <ActionForm action attr:class="form">
                <input type="hidden" name="process_id" value=process.id.get() />
                <fieldset class="field">
                    <legend>"How do you take part? Tick all that apply."</legend>
                    {Constituency::ALL.into_iter().map(|c| {
                        let claim = process.claims.iter().find(|k| k.constituency == c).copied();
                        let id = format!("c-{}-{}", process.id, c.slug());
                        let pending = claim.is_some_and(|k| !k.confirmed);
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=id.clone() name=c.slug() value="yes" checked=claim.is_some() />
                                <label for=id>{c.label()}
                                    {pending.then(|| view! { <span class="pending">" (waiting for a process administrator to confirm)"</span> })}
                                </label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <p class="hint">"Commissioners and provider staff count as such once a process administrator confirms it."</p>
                <button type="submit" class="button">"Save how I take part"</button>
            </ActionForm>
        </section>
    }
}

/// Adding (or changing) an email and password, optional for people who joined with a code.
#[component]
fn CredentialsForm(email: Option<String>) -> impl IntoView {
    let action = ServerAction::<SetCredentials>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let invalid = move |field: &'static str| aria_invalid(error, field);
    let has_email = email.is_some();
    view! {
        <section aria-labelledby="credentials-heading">
            <h2 id="credentials-heading">"Signing in with email (optional)"</h2>
            <p>{match &email {
                Some(e) => format!("You can sign in with {e} and your password. Nobody else sees this address."),
                None => "You can add an email address and password, so you can sign in without a code. Nobody else sees your email address.".to_string(),
            }}</p>
            <ActionForm action attr:class="form">
                <FormError error />
                <div class="field">
                    <label for="cred-email">"Email address"</label>
                    <input id="cred-email" name="email" type="email" autocomplete="email" value=email.clone().unwrap_or_default()
                        aria-invalid=move || invalid("email") aria-describedby=move || invalid("email").map(|_| "email-error") />
                    <FieldError field="email" error />
                </div>
                {has_email.then(|| view! {
                    <div class="field">
                        <label for="current_password">"Your current password"</label>
                        <input id="current_password" name="current_password" type="password" autocomplete="current-password"
                            aria-invalid=move || invalid("current_password") aria-describedby=move || invalid("current_password").map(|_| "current_password-error") />
                        <FieldError field="current_password" error />
                    </div>
                })}
                <div class="field">
                    <label for="cred-password">{if has_email { "New password" } else { "Choose a password" }}</label>
                    <input id="cred-password" name="password" type="password" autocomplete="new-password"
                        aria-invalid=move || invalid("password") aria-describedby=move || invalid("password").map(|_| "password-error") />
                    <FieldError field="password" error />
                </div>
                <div class="field">
                    <label for="cred-password-again">"Type the password again"</label>
                    <input id="cred-password-again" name="password_again" type="password" autocomplete="new-password"
                        aria-invalid=move || invalid("password_again") aria-describedby=move || invalid("password_again").map(|_| "password_again-error") />
                    <FieldError field="password_again" error />
                </div>
                <button type="submit" class="button">"Save email and password"</button>
            </ActionForm>
        </section>
    }
}
