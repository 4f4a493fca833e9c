//! `/workshops/:id/projector`: the screen at the front of the room. Large type, high
//! contrast, readable from the back: the join code (with its QR code while people gather),
//! then the current step: the section, the comments as they arrive, the vote's count by
//! constituency as ballots come in. It follows the live stream without reloading.

use leptos::prelude::*;
use leptos_meta::Title;

use super::room::{StepComments, StepSection, VoteCount};
use crate::api::workshops::pages::load_console;
use crate::domain::workshop::agenda::{Position, StepKind};
use crate::ui::components::live::{ReconnectingNotice, live_frames};
use crate::ui::components::loaded::loaded;
use crate::ui::pages::documents::route_number;
use crate::views::workshops::ConsolePage;

#[component]
pub fn ProjectorPageView() -> impl IntoView {
    let id = route_number("id");
    loaded(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_console(id).await,
                None => Err(crate::error::AppError::NotFound("that workshop".into())),
            }
        },
        |page| view! { <Projector page /> },
    )
}

#[component]
fn Projector(page: ConsolePage) -> impl IntoView {
    let live = live_frames(
        crate::routes::live(page.room.workshop, "room"),
        page.room.clone(),
    );
    let room = live.frame;
    let join = page
        .join_url
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    view! {
        <Title text=format!("Projector: {}", page.room.title) />
        <div class="projector" tabindex="0" role="region" aria-label="The projector screen">
            <ReconnectingNotice reconnecting=live.reconnecting />
            <header class="projector__bar">
                <p class="projector__title">{page.room.title.clone()}</p>
                <p class="projector__join">"Join at " <strong>{join.clone()}</strong> " with code " <strong class="projector__code">{page.room.join_code.clone()}</strong></p>
            </header>
            {move || {
                let r = room.get();
                match (r.position, r.step) {
                    (Position::Gathering, _) => view! {
                        <div class="projector__gathering">
                            <h1>"Join on your phone"</h1>
                            <p>"Go to " <strong>{join.clone()}</strong></p>
                            <p>"and type the code"</p>
                            <p class="projector__big-code">{r.join_code.clone()}</p>
                            <div class="projector__qr" inner_html=page.join_qr.clone()></div>
                            <p aria-live="polite">{format!("{} joined so far", r.joined.iter().map(|(_, n)| n).sum::<u32>())}</p>
                        </div>
                    }.into_any(),
                    (Position::Finished, _) => view! {
                        <div class="projector__gathering"><h1>"Thank you for taking part"</h1></div>
                    }.into_any(),
                    (Position::At(_), None) => view! { <h1>"…"</h1> }.into_any(),
                    (Position::At(_), Some(step)) => view! {
                        <div class="projector__step">
                            <p class="projector__count">{format!("Step {} of {}", step.number, step.of)}</p>
                            <h1>{step.title.clone()}</h1>
                            <div class="projector__columns">
                                <StepSection step=step.clone() />
                                {matches!(step.kind, Some(StepKind::Comments { .. })).then(|| view! { <StepComments step=step.clone() /> })}
                            </div>
                            {step.vote.clone().map(|vote| view! { <VoteCount vote /> })}
                        </div>
                    }.into_any(),
                }
            }}
        </div>
    }
}
