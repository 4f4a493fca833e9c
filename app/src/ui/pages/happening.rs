//! `/processes/:id/happening`: what's happening, on one printed page, for a group meeting of
//! people who may have no email. Plain HTML; the site's header, footer and links do not print.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::processes::load_happening;
use crate::ui::components::loaded::loaded;
use crate::ui::pages::documents::route_number;
use crate::views::happening::HappeningSheet;

#[component]
pub fn HappeningPage() -> impl IntoView {
    let id = route_number("id");
    loaded(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_happening(id).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        |sheet| view! { <Sheet sheet /> },
    )
}

#[component]
fn Sheet(sheet: HappeningSheet) -> impl IntoView {
    let id = sheet.process.id.get();
    let site = sheet.site.clone();
    let phase = sheet.now.clone().map(|now| {
        let current = now.current.map_or_else(
            || "It has not started yet.".to_string(),
            |p| match p.ends {
                Some(end) => format!("Now: {}, until {}.", p.name, end.long()),
                None => format!("Now: {}.", p.name),
            },
        );
        let next = now
            .next
            .map(|n| format!(" Next: {}, from {}.", n.name, n.starts.long()));
        format!("{current}{}", next.unwrap_or_default())
    });
    view! {
        <Title text="What's happening" />
        <nav aria-label="You are here" class="trail no-print">
            <a href=crate::routes::process(id)>{sheet.process.title.as_str().to_string()}</a>
        </nav>
        <article class="happening" aria-labelledby="happening-heading">
            <h1 id="happening-heading">{format!("What's happening: {}", sheet.process.title.as_str())}</h1>
            <p class="meta">{format!("As of {}.", sheet.today)}</p>
            <p class="hint no-print">"Print this page for a group meeting: it fits on one sheet of A4."</p>
            <h2>"Where we are"</h2>
            <p>{phase.unwrap_or_else(|| "The process has no timeline yet.".to_string())}</p>
            <h2>"Votes open now"</h2>
            {if sheet.open_votes.is_empty() {
                view! { <p>"No vote is open just now."</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {sheet.open_votes.iter().map(|v| view! {
                            <li>
                                <strong>{v.question.clone()}</strong>
                                {match &v.closes {
                                    Some(day) => format!(" Closes on {day}."),
                                    None => " Open until the facilitator closes it.".to_string(),
                                }}
                                <br /><span class="happening__address">{format!("Vote at {}", v.address)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h2>"Workshops"</h2>
            {sheet.next_workshop.clone().map(|w| view! { <p class="happening__next"><strong>{format!("Next workshop: {w}.")}</strong></p> })}
            {if sheet.workshops.is_empty() {
                view! { <p>"No workshop is being run just now. Ask a facilitator when the next one is."</p> }.into_any()
            } else {
                view! { <ul>{sheet.workshops.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul> }.into_any()
            }}
            <h2>"How to take part"</h2>
            <ul>
                <li>{format!("No email needed: ask a facilitator for a sign-in code, then go to {site}/join and type it in.")}</li>
                <li>{format!("At a workshop: go to {site}/w on your phone and type the code shown on the screen at the front.")}</li>
                <li>{format!("Read the texts without an account at {site}{}.", crate::routes::process(id))}</li>
            </ul>
        </article>
    }
}
