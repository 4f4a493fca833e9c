//! `/`: what Recovery Commons is for, and the list of local processes.

use leptos::prelude::*;
use leptos_meta::Title;

use super::error_notice::ErrorNotice;
use crate::api::processes::list_processes;
use crate::domain::ProcessSummary;
use crate::domain::calendar::{iso_date, long_date};
use crate::ui::ViewerResource;

#[component]
pub fn HomePage() -> impl IntoView {
    let processes = crate::ui::components::json::resource(|| (), |_| list_processes());
    let viewer = expect_context::<ViewerResource>();

    view! {
        <Title text="" />
        <section class="intro" aria-labelledby="intro-heading">
            <h1 id="intro-heading">"Agree together what recovery means here"</h1>
            <p class="lead">
                "Recovery Commons is where people who use drug and alcohol services, their families, "
                "the services themselves and the people who fund them write, together, a local "
                "definition of recovery and a shared picture of how local services should work."
            </p>
            <p>
                "Drafts are written in the open. Everyone taking part can comment, suggest changes "
                "and vote, and every decision keeps a record of who took part. Anyone can read "
                "published drafts without an account. Nobody's name is shown unless they chose it."
            </p>
        </section>
        <section aria-labelledby="processes-heading">
            <h2 id="processes-heading">"Local processes"</h2>
            <Suspense fallback=|| view! { <p>"Loading the list…"</p> }>
                {move || Suspend::new(async move {
                    let is_admin = matches!(viewer.await, Ok(Some(v)) if v.is_site_admin());
                    let start = is_admin.then(|| view! {
                        <p><a class="button" href="/processes/new">"Start a new process"</a></p>
                    });
                    let list = match processes.await {
                        Ok(list) => view! { <ProcessList processes=list /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    };
                    view! { {start} {list} }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ProcessList(processes: Vec<ProcessSummary>) -> impl IntoView {
    if processes.is_empty() {
        return view! { <p>"No processes have been started yet."</p> }.into_any();
    }
    view! {
        <ul class="process-list">
            {processes
                .into_iter()
                .map(|p| {
                    let first_paragraph = p.description.paragraphs().into_iter().next().unwrap_or_default();
                    view! {
                        <li class="process-card">
                            <h3><a href=crate::routes::process(p.id)>{p.title.as_str().to_string()}</a></h3>
                            <p>{first_paragraph}</p>
                            <p class="meta">
                                "Started on " <time datetime=iso_date(p.created_at)>{long_date(p.created_at)}</time>
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
