//! `/processes/:id`: one process's public page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::error_notice::ErrorNotice;
use super::not_found::NotFoundPage;
use crate::api::processes::get_process;
use crate::domain::ProcessId;
use crate::domain::calendar::{iso_date, long_date};

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

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match process.await {
                    Ok(Some(p)) => {
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
