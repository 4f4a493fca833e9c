//! `/processes/:id/workshops`: a process's workshops; facilitators create one here.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::workshops::pages::list_workshops;
use crate::api::workshops::running::{CreateWorkshop, SetMeetsOn};
use crate::domain::calendar::{iso_date, long_date};
use crate::domain::workshop::agenda::Position;
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid};
use crate::ui::components::loaded::loaded;
use crate::ui::pages::documents::route_number;
use crate::views::workshops::WorkshopList;

#[component]
pub fn WorkshopsPage() -> impl IntoView {
    let id = route_number("id");
    loaded(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => list_workshops(id).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        |list| view! { <Workshops list /> },
    )
}

fn where_it_is(p: Position) -> &'static str {
    match p {
        Position::Gathering => "people are joining",
        Position::At(_) => "under way",
        Position::Finished => "finished",
    }
}

#[component]
fn Workshops(list: WorkshopList) -> impl IntoView {
    let id = list.process.id.get();
    let may_run = list.may_run;
    view! {
        <Title text="Workshops" />
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(id)>{list.process.title.as_str().to_string()}</a>
        </nav>
        <h1>"Workshops"</h1>
        <p>"In a workshop the room moves through an agenda together: people read a section, comment from their phones, and vote, while the projector shows the results as they come in."</p>
        {if list.workshops.is_empty() {
            view! { <p>"No workshops yet."</p> }.into_any()
        } else {
            view! {
                <ul class="process-list">
                    {list.workshops.into_iter().map(|w| view! {
                        <li class="process-card">
                            <h2 class="decision-card__title">
                                <a href=if may_run { crate::routes::console(w.id) } else { crate::routes::phone(w.id) }>{w.title}</a>
                            </h2>
                            <p class="meta">
                                {w.meets_on.map(|d| view! { "Meets on " <time datetime=d.iso()>{d.long()}</time> " · " })}
                                "Created " <time datetime=iso_date(w.created_at)>{long_date(w.created_at)}</time>
                                " · " {where_it_is(w.position)}
                            </p>
                            {may_run.then(|| view! { <PlanForm workshop=w.id meets_on=w.meets_on /> })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {may_run.then(|| view! { <CreateForm id /> })}
    }
}

/// Changing (or clearing) the day a workshop meets, when plans change.
#[component]
fn PlanForm(workshop: i64, meets_on: Option<crate::domain::calendar::Day>) -> impl IntoView {
    let plan = ServerAction::<SetMeetsOn>::new();
    let id = format!("meets-on-{workshop}");
    let error = Signal::derive(move || plan.value().get().and_then(Result::err));
    view! {
        <ActionForm action=plan attr:class="form form--inline">
            <input type="hidden" name="workshop_id" value=workshop />
            <div class="field">
                <label for=id.clone()>"The day it meets (leave empty for none)"</label>
                <input id=id name="meets_on" type="date" value=meets_on.map(|d| d.iso()).unwrap_or_default()
                    aria-invalid=move || aria_invalid(error, "meets_on") />
            </div>
            <FormError error />
            <button type="submit" class="button button--secondary">"Save the day"</button>
        </ActionForm>
    }
}

#[component]
fn CreateForm(id: i64) -> impl IntoView {
    let create = ServerAction::<CreateWorkshop>::new();
    let error = Signal::derive(move || create.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="create-heading">
            <h2 id="create-heading">"Run a workshop"</h2>
            <ActionForm action=create attr:class="form">
                <FormError error />
                <input type="hidden" name="process_id" value=id />
                <div class="field">
                    <label for="workshop-title">"Name of the workshop"</label>
                    <input id="workshop-title" name="title" type="text" required maxlength="120" aria-invalid=move || aria_invalid(error, "title") />
                    <FieldError field="title" error />
                </div>
                <div class="field">
                    <label for="meets-on">"The day it meets (optional)"</label>
                    <p class="hint" id="meets-on-hint">"If you are planning ahead. It is shown as the next workshop on the process page and the printed sheet."</p>
                    <input id="meets-on" name="meets_on" type="date" aria-describedby="meets-on-hint" aria-invalid=move || aria_invalid(error, "meets_on") />
                    <FieldError field="meets_on" error />
                </div>
                <div class="choice">
                    <input id="approve_comments" name="approve_comments" type="checkbox" value="yes" />
                    <label for="approve_comments">"Approve comments from phones before the projector shows them"</label>
                </div>
                <button type="submit" class="button">"Create the workshop"</button>
            </ActionForm>
        </section>
    }
}
