//! `/processes/:id`: one process's public page.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::error_notice::ErrorNotice;
use super::not_found::NotFoundPage;
use crate::api::documents::reading::process_documents;
use crate::api::members::process_participation;
use crate::api::processes::{get_process, load_timeline};
use crate::domain::ProcessId;
use crate::domain::calendar::{iso_date, long_date};
use crate::ui::ViewerResource;
use crate::ui::pages::timeline::TimelineSummary;
use crate::views::documents::DocumentSummary;
use crate::views::people::Participation;

#[component]
pub fn ProcessPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|raw| ProcessId::parse(&raw))
    };
    let process = crate::ui::components::json::resource(id, |id| async move {
        match id {
            Some(id) => get_process(id.get()).await.map(Some),
            None => Ok(None),
        }
    });

    let participation = crate::ui::components::json::resource(id, |id| async move {
        match id {
            Some(id) => process_participation(id.get()).await.map(Some),
            None => Ok(None),
        }
    });
    let viewer = expect_context::<ViewerResource>();
    let timeline_resource = crate::ui::components::json::resource(id, |id| async move {
        match id {
            Some(id) => load_timeline(id.get()).await.map(Some),
            None => Ok(None),
        }
    });
    let documents_resource = crate::ui::components::json::resource(id, |id| async move {
        match id {
            Some(id) => process_documents(id.get()).await,
            None => Ok(Vec::new()),
        }
    });

    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let signed_in = matches!(viewer.await, Ok(Some(_)));
                let documents = documents_resource.await.unwrap_or_default();
                let timeline = timeline_resource.await.ok().flatten();
                let who = match participation.await {
                    Ok(Some(p)) => Some(p),
                    _ => None,
                };
                match process.await {
                    Ok(Some(p)) => {
                        let codes_link = crate::routes::codes(p.id);
                        let people_link = crate::routes::people(p.id);
                        let decisions_link = crate::routes::decisions(p.id.get());
                        let moderation_link = crate::routes::moderation(p.id.get());
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
                                {timeline.clone().map(|t| view! { <TimelineSummary id=p.id.get() timeline=t /> })}
                                <Documents process_id=p.id.get() documents=documents.clone() />
                                <ul class="process-links">
                                    <li><a href=crate::routes::commitments(p.id.get())>"You said, we did: what has been committed since the text was agreed"</a></li>
                                    <li><a href=crate::routes::influence(p.id.get())>"Whose words carried: who took part, and what became of their changes"</a></li>
                                    <li><a href=crate::routes::happening(p.id.get())>"What's happening: a sheet to print for a group meeting"</a></li>
                                    <li><a href=crate::routes::feed(p.id.get()) type="application/atom+xml">"Follow this process in a feed reader (Atom)"</a></li>
                                </ul>
                                {who.map(|w| view! { <WhoTakesPart participation=w /> })}
                                {signed_in.then(|| view! {
                                    <ul class="process-links">
                                        <li><a href=people_link>"People taking part"</a></li>
                                        <li><a href=codes_link>"Sign-in codes for this process"</a>" (for facilitators)"</li>
                                        <li><a href=decisions_link>"Decisions"</a></li>
                                        <li><a href=crate::routes::workshops(p.id.get())>"Workshops"</a></li>
                                        <li><a href=crate::routes::words(p.id.get())>"Words and what they mean"</a>" (the glossary, and words to think twice about)"</li>
                                        <li><a href=moderation_link>"Moderation and public comments"</a>" (for facilitators)"</li>
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
        more,
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
            {(more > 0).then(|| view! { <p>{if more == 1 { "And 1 more person.".to_string() } else { format!("And {more} more people.") }}</p> })}
        </section>
    }
}

/// The two documents: where each stands, and links to read them.
#[component]
fn Documents(process_id: i64, documents: Vec<DocumentSummary>) -> impl IntoView {
    view! {
        <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">"The documents"</h2>
            <ul class="document-list">
                {documents.into_iter().map(|d| {
                    let status = match (&d.published, d.latest) {
                        (Some(p), _) => format!("{}: version {}, published on {}.", p.status.label(), p.number, long_date(p.published_at)),
                        (None, Some(n)) => format!("Being drafted (version {n}); not published yet."),
                        (None, None) if d.may_read_drafts => "Not started yet.".to_string(),
                        (None, None) => "Not published yet.".to_string(),
                    };
                    let show_drafts = d.may_read_drafts;
                    view! {
                        <li class="document-card">
                            <h3>{d.kind.title()}</h3>
                            {d.kind.explanation().map(|e| view! { <p class="hint">{e}</p> })}
                            <p class="meta">{status}</p>
                            <ul class="actions">
                                // Named in full for screen readers (a visually hidden span would be
                                // read with a stray space before it).
                                {d.published.is_some().then(|| view! {
                                    <li><a href=crate::routes::public_document(process_id, d.kind) aria-label=format!("Read the published draft: {}", d.kind.title())>"Read the published draft"</a></li>
                                })}
                                {show_drafts.then(|| view! {
                                    <li><a href=crate::routes::document(process_id, d.kind) aria-label=format!("Open the working draft: {}", d.kind.title())>"Open the working draft"</a></li>
                                })}
                                // Nothing to show the public before a first publication.
                                {(show_drafts || d.published.is_some()).then(|| view! {
                                    <li><a href=crate::routes::history(process_id, d.kind) aria-label=format!("History: {}", d.kind.title())>"History"</a></li>
                                })}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
