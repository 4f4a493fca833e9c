//! `/processes/:id`: one process's public page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::error_notice::ErrorNotice;
use super::not_found::NotFoundPage;
use crate::api::people::{Participation, process_participation};
use crate::api::processes::get_process;
use crate::domain::ProcessId;
use crate::domain::calendar::{iso_date, long_date};
use crate::ui::ViewerResource;

#[component]
pub fn ProcessPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|raw| ProcessId::parse(&raw))
    };
    let process = Resource::new(id, |id| async move {
        match id {
            Some(id) => get_process(id.get()).await.map(Some),
            None => Ok(None),
        }
    });

    let participation = Resource::new(id, |id| async move {
        match id {
            Some(id) => process_participation(id.get()).await.map(Some),
            None => Ok(None),
        }
    });
    let viewer = expect_context::<ViewerResource>();

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let signed_in = matches!(viewer.await, Ok(Some(_)));
                let who = match participation.await {
                    Ok(Some(p)) => Some(p),
                    _ => None,
                };
                match process.await {
                    Ok(Some(p)) => {
                        let codes_link = format!("/processes/{}/codes", p.id);
                        let people_link = format!("/processes/{}/people", p.id);
                        let title = p.title.as_str().to_string();
                        view! {
                            <Title text=title.clone() />
                            <article class="process" aria-labelledby="process-heading">
                                <p class="eyebrow">"Local process"</p>
                                <h1 id="process-heading">{title}</h1>
                                {p.description.paragraphs().into_iter().map(|para| view! { <p>{para}</p> }).collect_view()}
                                <p class="meta">
                                    "Started on " <time datetime=iso_date(p.created_at)>{long_date(p.created_at)}</time>
                                </p>
                                <h2>"Drafts"</h2>
                                <p>"No drafts have been published yet."</p>
                                {who.map(|w| view! { <WhoTakesPart participation=w /> })}
                                {signed_in.then(|| view! {
                                    <ul class="process-links">
                                        <li><a href=people_link>"People taking part"</a></li>
                                        <li><a href=codes_link>"Sign-in codes for this process"</a>" (for facilitators)"</li>
                                    </ul>
                                })}
                            </article>
                        }
                        .into_any()
                    }
                    Ok(None) => view! { <NotFoundPage /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Who takes part: counts by constituency, and each person as they chose to appear to this
/// viewer (the public sees a name only where the person chose that).
#[component]
fn WhoTakesPart(participation: Participation) -> impl IntoView {
    let Participation {
        total,
        by_constituency,
        people,
        as_participant,
    } = participation;
    let heading = match total {
        0 => "Nobody has joined yet.".to_string(),
        1 => "1 person takes part.".to_string(),
        n => format!("{n} people take part."),
    };
    view! {
        <section aria-labelledby="who-heading">
            <h2 id="who-heading">"Who takes part"</h2>
            <p class="total-taking-part">{heading}</p>
            {(!by_constituency.is_empty()).then(|| view! {
                <ul class="counts">
                    {by_constituency.into_iter().map(|(c, n)| view! { <li>{format!("{n}: {}", c.one_member())}</li> }).collect_view()}
                </ul>
            })}
            {(!people.is_empty()).then(|| view! {
                <p class="hint">{if as_participant { "As each chose to appear to people taking part:" } else { "As each chose to appear to the public:" }}</p>
                <ul class="people">{people.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            })}
        </section>
    }
}
