//! `/processes/:id/documents/:kind/history`: every version (the published ones for the
//! public), who saved it, when and why, with links to read or compare.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{DocumentTrail, route_document};
use crate::api::documents::reading::document_history;
use crate::domain::calendar::{iso_date, long_date};
use crate::ui::components::loaded::loaded;
use crate::views::documents::HistoryPage;

#[component]
pub fn HistoryPageView() -> impl IntoView {
    let route = route_document();
    loaded(
        move || route.get(),
        |route| async move {
            match route {
                Some((id, kind)) => document_history(id, kind).await,
                None => Err(crate::error::AppError::NotFound("that document".into())),
            }
        },
        |page| view! { <History page /> },
    )
}

#[component]
fn History(page: HistoryPage) -> impl IntoView {
    let base = crate::routes::document(page.process.id.get(), page.kind);
    let numbers: Vec<u32> = page.versions.iter().map(|v| v.number).collect();
    let intro = if page.may.read_drafts {
        "Every saved version is kept. Versions marked “public” have been published."
    } else {
        "The versions published for the public so far."
    };
    view! {
        <Title text=format!("History: {}", page.kind.title()) />
        <DocumentTrail process=page.process.clone() kind=page.kind />
        <h1>"History of changes"</h1>
        <p>{intro}</p>
        {if page.versions.is_empty() {
            view! { <p>"There are no versions to show yet."</p> }.into_any()
        } else {
            let previous_of = {
                let numbers = numbers.clone();
                move |n: u32| numbers.iter().copied().filter(|m| *m < n).max()
            };
            view! {
                <table class="table history">
                    <caption class="visually-hidden">"Versions, newest first"</caption>
                    <thead><tr>
                        <th scope="col">"Version"</th>
                        <th scope="col">"Saved by"</th>
                        <th scope="col">"When"</th>
                        <th scope="col">"What changed"</th>
                        <th scope="col">"Links"</th>
                    </tr></thead>
                    <tbody>
                        {page.versions.into_iter().map(|v| {
                            let read = format!("{base}/versions/{}", v.number);
                            let compare = previous_of(v.number).map(|p| format!("{base}/compare?from={p}&to={}", v.number));
                            view! {
                                <tr>
                                    <th scope="row">{v.number} {v.published.then(|| view! { " " <span class="tag">"public"</span> })}</th>
                                    <td>{v.author}</td>
                                    <td><time datetime=iso_date(v.created_at)>{long_date(v.created_at)}</time></td>
                                    <td>
                                        {if v.summary.is_empty() { "No summary given".to_string() } else { v.summary }}
                                        {v.proposed_by.map(|who| view! { <span class="credit">{format!(" (amendment proposed by {who})")}</span> })}
                                    </td>
                                    <td class="actions">
                                        <a href=read>"Read" <span class="visually-hidden">{format!(" version {}", v.number)}</span></a>
                                        {compare.map(|c| view! { <a href=c>"Compare with the one before" <span class="visually-hidden">{format!(" version {}", v.number)}</span></a> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <CompareChooser base=base.clone() choices=numbers.clone() from=numbers.last().copied().unwrap_or(1) to=numbers.first().copied().unwrap_or(1) />
            }.into_any()
        }}
    }
}

/// A plain GET form to compare any two versions.
#[component]
pub fn CompareChooser(base: String, choices: Vec<u32>, from: u32, to: u32) -> impl IntoView {
    let options = move |selected: u32| {
        choices
            .iter()
            .map(|n| view! { <option value=*n selected=*n == selected>{format!("Version {n}")}</option> })
            .collect_view()
    };
    view! {
        <form method="get" action=format!("{base}/compare") class="form compare-chooser" aria-labelledby="choose-heading">
            <h2 id="choose-heading">"Compare two versions"</h2>
            <div class="compare-chooser__fields">
                <div class="field">
                    <label for="compare-from">"Older version"</label>
                    <select id="compare-from" name="from">{options(from)}</select>
                </div>
                <div class="field">
                    <label for="compare-to">"Newer version"</label>
                    <select id="compare-to" name="to">{options(to)}</select>
                </div>
            </div>
            <button type="submit" class="button">"Compare"</button>
        </form>
    }
}
