//! `/me/needs`: what needs me. Each thing links to where it is done, and has a plain form to
//! mark it done; votes, queues and waiting amendments also leave the list once done.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::me::{MarkNeedDone, my_needs};
use crate::ui::components::field_error::FormError;
use crate::ui::components::loaded::loaded;
use crate::ui::pages::documents::query_number;
use crate::views::needs::NeedsPage;

#[component]
pub fn NeedsPageView() -> impl IntoView {
    let done = ServerAction::<MarkNeedDone>::new();
    loaded(
        move || done.version().get(),
        |_| my_needs(),
        move |page| view! { <Needs page done /> },
    )
}

#[component]
fn Needs(page: NeedsPage, done: ServerAction<MarkNeedDone>) -> impl IntoView {
    let marked = query_number("done");
    let error = Signal::derive(move || done.value().get().and_then(Result::err));
    let count = page.items.len();
    let happening = page.happening.clone();
    view! {
        <Title text="What needs me" />
        <h1>"What needs me"</h1>
        <p>"Votes you can take part in, replies to you, and answers to your amendments, across every process you take part in."</p>
        <p><a href=crate::routes::email()>"Get these by email too (optional)"</a></p>
        <div aria-live="polite">
            {move || marked.get().map(|_| view! { <p class="notice" role="status">"Marked as done."</p> })}
        </div>
        <FormError error />
        {if count == 0 {
            view! { <p class="notice">"Nothing needs you just now."</p> }.into_any()
        } else {
            view! {
                <ul class="needs">
                    {page.items.into_iter().map(|item| view! {
                        <li class="needs__item">
                            <p class="eyebrow">{item.process.clone()}</p>
                            <p><a href=item.href.clone()>{item.words.clone()}</a>
                                {item.when.clone().map(|w| format!(". {w}."))}</p>
                            {item.detail.clone().map(|d| view! { <p class="hint">{d}</p> })}
                            <ActionForm action=done attr:class="inline-form">
                                <input type="hidden" name="item" value=item.key.clone() />
                                <button type="submit" class="button button--secondary">
                                    "Mark as done" <span class="visually-hidden">{format!(": {}", item.words)}</span>
                                </button>
                            </ActionForm>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!happening.is_empty()).then(|| view! {
            <section aria-labelledby="happening-heading">
                <h2 id="happening-heading">"What's happening"</h2>
                <p>"Where each process is, the votes open and the next workshop, on one page."</p>
                <ul>
                    {happening.into_iter().map(|(title, href)| view! {
                        <li><a href=href>{format!("What's happening in {title}")}</a></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}
