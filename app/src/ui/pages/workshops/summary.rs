//! `/workshops/:id/summary`: after the workshop, who took part by constituency, what was
//! said at each step, and each vote's result. A facilitator publishes it to the process;
//! it prints cleanly (the print style hides the site's header and the forms).

use leptos::prelude::*;
use leptos_meta::Title;

use super::room::VoteCount;
use crate::api::workshops::pages::load_summary;
use crate::api::workshops::running::PublishSummary;
use crate::domain::calendar::{iso_date, long_date};
use crate::ui::components::field_error::FormError;
use crate::ui::components::loaded::loaded;
use crate::ui::pages::documents::{query_number, route_number};
use crate::views::workshops::SummaryPage;

#[component]
pub fn SummaryPageView() -> impl IntoView {
    let id = route_number("id");
    let publish = ServerAction::<PublishSummary>::new();
    let published = crate::ui::components::refetch::successes(publish);
    loaded(
        move || (id.get(), published.get()),
        |(id, _)| async move {
            match id {
                Some(id) => load_summary(id).await,
                None => Err(crate::error::AppError::NotFound("that workshop".into())),
            }
        },
        move |page| view! { <Summary page publish /> },
    )
}

#[component]
fn Summary(page: SummaryPage, publish: ServerAction<PublishSummary>) -> impl IntoView {
    let error = Signal::derive(move || publish.value().get().and_then(Result::err));
    let just_published = query_number("published");
    let room = page.room.clone();
    let total: u32 = room.joined.iter().map(|(_, n)| n).sum();
    let by: Vec<String> = room
        .joined
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{} {n}", c.plural()))
        .collect();
    view! {
        <Title text=format!("Summary: {}", room.title) />
        <nav aria-label="You are here" class="trail no-print">
            <a href=crate::routes::process(room.process)>"The process"</a>
            " › " <a href=crate::routes::workshops(room.process)>"Workshops"</a>
        </nav>
        <h1>{format!("Summary: {}", room.title)}</h1>
        <p class="meta">"Held on " <time datetime=iso_date(page.created_at)>{long_date(page.created_at)}</time></p>
        <div aria-live="polite">
            {move || just_published.get().map(|_| view! { <p class="notice" role="status">"The summary is published: everyone taking part in the process can read it."</p> })}
        </div>
        <p>{match total {
            0 => "Nobody joined on a phone.".to_string(),
            1 => format!("1 person joined: {}.", by.join(", ")),
            n => format!("{n} people joined: {}.", by.join(", ")),
        }}</p>
        <ol class="summary-steps">
            {page.steps.into_iter().map(|step| view! {
                <li>
                    <h2>{step.title.clone()}</h2>
                    {step.heading.clone().map(|h| view! { <p>"Section: " {h}</p> })}
                    {(!step.comments.is_empty()).then(|| view! {
                        <h3>"What was said"</h3>
                        <ul class="room-comments__list">
                            {step.comments.iter().map(|c| view! {
                                <li><p class="room-comments__who">{c.who.clone()}</p><div inner_html=c.html.clone()></div></li>
                            }).collect_view()}
                        </ul>
                    })}
                    {step.vote.clone().map(|vote| view! {
                        <VoteCount vote />
                        {step.passed.map(|p| view! { <p class="outcome"><strong>{if p { "Passed." } else { "Did not pass." }}</strong></p> })}
                        {step.record_fingerprint.clone().map(|h| view! {
                            <p class="meta">"Fingerprint of this vote's record (SHA-256), to compare with a printed copy: " <code class="hash">{h}</code></p>
                        })}
                    })}
                </li>
            }).collect_view()}
        </ol>
        {match (page.may_publish, page.published_at) {
            (_, Some(at)) => view! { <p class="meta">"Published to the process on " <time datetime=iso_date(at)>{long_date(at)}</time>"."</p> }.into_any(),
            (true, None) => view! {
                <ActionForm action=publish attr:class="inline-form">
                    <FormError error />
                    <input type="hidden" name="workshop_id" value=room.workshop />
                    <button type="submit" class="button">"Publish the summary to the process"</button>
                </ActionForm>
            }.into_any(),
            (false, None) => ().into_any(),
        }}
        <p class="no-print">"To print it, use your browser's Print command: the site's header and the buttons are left off the page."</p>
    }
}
