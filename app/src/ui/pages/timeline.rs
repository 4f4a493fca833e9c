//! The timeline: where the process is now and what comes next (at the top of the process
//! page, at 390 px too), and `/processes/:id/timeline`, where its administrators set the
//! phases with a plain form.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::processes::{SetTimeline, load_timeline};
use crate::domain::timeline::Phase;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};
use crate::ui::components::loaded::loaded;
use crate::ui::components::raw_text::escaped_on_server;
use crate::ui::pages::documents::route_number;
use crate::views::timeline::TimelineView;

fn dates(p: &Phase) -> String {
    match p.ends {
        Some(ends) => format!("{} to {}", p.starts.long(), ends.long()),
        None => format!("from {}", p.starts.long()),
    }
}

/// "Where we are now", and every phase, for the process page.
#[component]
pub fn TimelineSummary(id: i64, timeline: TimelineView) -> impl IntoView {
    let next_workshop = timeline
        .next_workshop
        .clone()
        .map(|w| view! { <p class="where-now__workshop">{format!("Next workshop: {w}.")}</p> });
    let edit = timeline
        .may_edit
        .then(|| view! { <p><a href=crate::routes::timeline(id)>"Set the timeline"</a></p> });
    if timeline.phases.is_empty() {
        return view! {
            <section class="where-now" aria-labelledby="where-now-heading">
                <h2 id="where-now-heading">"Where we are now"</h2>
                <p>"The timeline has not been set yet."</p>
                {next_workshop}
                {edit}
            </section>
        }
        .into_any();
    }
    let current = timeline.now.current.clone();
    let now = match &current {
        Some(p) => format!(
            "Now: {}{}.",
            p.name,
            p.ends
                .map_or_else(String::new, |e| format!(", until {}", e.long()))
        ),
        None => "The process has not started yet.".to_string(),
    };
    let next = timeline.now.next.as_ref().map_or_else(
        || "This is the last phase.".to_string(),
        |n| format!("Next: {}, from {}.", n.name, n.starts.long()),
    );
    view! {
        <section class="where-now" aria-labelledby="where-now-heading">
            <h2 id="where-now-heading">"Where we are now"</h2>
            <p class="where-now__now"><strong>{now}</strong></p>
            <p>{next}</p>
            {next_workshop}
            <ol class="timeline">
                {timeline.phases.into_iter().map(|p| {
                    let is_now = current.as_ref() == Some(&p);
                    view! {
                        <li class:timeline__now=is_now aria-current=is_now.then_some("step")>
                            <span class="timeline__name">{p.name.clone()}</span>
                            {is_now.then(|| view! { " " <span class="tag">"now"</span> })}
                            <br /><span class="timeline__dates">{dates(&p)}</span>
                        </li>
                    }
                }).collect_view()}
            </ol>
            {edit}
        </section>
    }
    .into_any()
}

#[component]
pub fn TimelinePageView() -> impl IntoView {
    let id = route_number("id");
    loaded(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_timeline(id).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        move |timeline| view! { <TimelineForm id=id.get_untracked().unwrap_or_default() timeline /> },
    )
}

#[component]
fn TimelineForm(id: i64, timeline: TimelineView) -> impl IntoView {
    let save = ServerAction::<SetTimeline>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <Title text="The timeline" />
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(id)>"Back to the process"</a>
        </nav>
        <h1>"The timeline"</h1>
        <p>"The phases of the process and their dates. The process page, and the public pages, open with where the process is now and what comes next."</p>
        <ActionForm action=save attr:class="form">
            <FormError error />
            <input type="hidden" name="process_id" value=id />
            <div class="field">
                <label for="timeline">"Phases, one a line"</label>
                <p class="hint" id="timeline-hint">"The name | the day it starts | the day it ends (may be left empty). Dates like 2027-03-31. For example: Consultation | 2027-02-01 | 2027-02-28"</p>
                <textarea id="timeline" name="timeline" rows="10" class="word-list" readonly=!timeline.may_edit
                    aria-describedby=move || described_by(error, "timeline", Some("timeline-hint"))
                    aria-invalid=move || aria_invalid(error, "timeline")>{escaped_on_server(timeline.text.clone())}</textarea>
                <FieldError field="timeline" error />
            </div>
            {timeline.may_edit.then(|| view! {
                <button type="submit" class="button" disabled=move || save.pending().get()>"Save the timeline"</button>
            })}
        </ActionForm>
    }
}
