//! `/me/email`: what a person who gave an email address hears about, and how often; and
//! `/unsubscribe/:token`, which stops all of it from a message's link without signing in.
//! Both are plain forms first.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::email::{ChooseEmail, email_choices};
use crate::ui::components::field_error::{FieldError, FormError};
use crate::ui::components::loaded::loaded;
use crate::ui::pages::documents::query_number;
use crate::views::email::EmailPage;

#[component]
pub fn EmailPageView() -> impl IntoView {
    let choose = ServerAction::<ChooseEmail>::new();
    loaded(
        move || choose.version().get(),
        |_| email_choices(),
        move |page| view! { <EmailChoices page choose /> },
    )
}

#[component]
fn EmailChoices(page: EmailPage, choose: ServerAction<ChooseEmail>) -> impl IntoView {
    let saved = query_number("saved");
    let error = Signal::derive(move || choose.value().get().and_then(Result::err));
    let frequency = page.frequency.clone();
    view! {
        <Title text="Email" />
        <h1>"Email"</h1>
        <p>"You never need email here: \u{201c}What needs me\u{201d} shows the same things whenever you sign in. "
           "If you like, we can also send a short message. It never includes anyone\u{2019}s words, only a link."</p>
        {(!page.sending).then(|| view! {
            <p class="notice">"This site is not set up to send email yet. You can still choose now; messages start when it is."</p>
        })}
        <div aria-live="polite">
            {move || saved.get().map(|_| view! { <p class="notice" role="status">"Saved."</p> })}
        </div>
        {if page.has_address {
            view! {
                <FormError error />
                <ActionForm action=choose attr:class="form">
                    <fieldset class="choices">
                        <legend>"Send me a message when"</legend>
                        {page.topics.into_iter().map(|topic| {
                            let id = format!("topic-{}", topic.slug);
                            view! {
                                <div class="choice">
                                    <input type="checkbox" id=id.clone() name=topic.slug.clone() value="yes" checked=topic.chosen />
                                    <label for=id>{topic.label.clone()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                    <fieldset class="choices">
                        <legend>"How often"</legend>
                        <div class="choice">
                            <input type="radio" id="frequency-at_once" name="frequency" value="at_once" checked=frequency == "at_once" />
                            <label for="frequency-at_once">"Soon after it happens"</label>
                        </div>
                        <div class="choice">
                            <input type="radio" id="frequency-daily" name="frequency" value="daily" checked=frequency == "daily" />
                            <label for="frequency-daily">"One message a day, with everything together"</label>
                        </div>
                        <FieldError field="frequency" error />
                    </fieldset>
                    <p class="hint">"To stop all email, untick everything and save, or use the link at the end of any message."</p>
                    <button type="submit" class="button">"Save my email choices"</button>
                </ActionForm>
            }.into_any()
        } else {
            view! {
                <p class="notice">"You have not given an email address. You can add one on "
                    <a href=crate::routes::me()>"your profile"</a>" if you want messages."</p>
            }.into_any()
        }}
        <p><a href=crate::routes::needs()>"What needs me"</a></p>
    }
}

/// A page, not an instant action, because mail scanners open links by themselves; the
/// button (and mail programs' own unsubscribe button) posts to the same address.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let query = use_query_map();
    let stopped = query.read_untracked().get("stopped").is_some();
    let unknown = query.read_untracked().get("unknown").is_some();
    let action = crate::routes::unsubscribe_post(token.as_str());
    view! {
        <Title text="Stop email" />
        <h1>"Stop email from Recovery Commons"</h1>
        {if stopped {
            view! {
                <p class="notice" role="status">"Done. You will get no more email from us."</p>
                <p>"If you change your mind, sign in and open \u{201c}Email\u{201d} on your profile."</p>
            }.into_any()
        } else if unknown {
            view! {
                <p class="notice" role="alert">"This link does not work any more. If you still get email, sign in and open \u{201c}Email\u{201d} on your profile."</p>
            }.into_any()
        } else {
            view! {
                <p>"You do not need to sign in. One press stops every message."</p>
                <form method="post" action=action>
                    <button type="submit" class="button">"Stop all email"</button>
                </form>
            }.into_any()
        }}
    }
}
