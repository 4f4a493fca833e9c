//! `/processes/:id/documents/:kind/history`: every version (the published ones for the
//! public), who saved it, when and why, with links to read or compare.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{DocumentTrail, query_number, route_document};
use crate::api::documents::reading::document_history;
use crate::domain::calendar::{iso_date, long_date};
use crate::domain::paging::PageOf;
use crate::domain::readability::VersionFigures;
use crate::ui::components::loaded::loaded;
use crate::views::documents::HistoryPage;

#[component]
pub fn HistoryPageView() -> impl IntoView {
    let route = route_document();
    let page = query_number("page");
    loaded(
        move || (route.get(), page.get()),
        |(route, page)| async move {
            match route {
                Some((id, kind)) => document_history(id, kind, page).await,
                None => Err(crate::error::AppError::NotFound("that document".into())),
            }
        },
        |page| view! { <History page /> },
    )
}

#[component]
fn History(page: HistoryPage) -> impl IntoView {
    let base = crate::routes::document(page.process.id.get(), page.kind);
    let history = crate::routes::history(page.process.id.get(), page.kind);
    let newest = page.newest;
    let (top, bottom) = (
        page.versions.first().map_or(newest, |r| r.version.number),
        page.versions.last().map_or(newest, |r| r.version.number),
    );
    let of = page.page;
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
        <p class="hint">"“How easy to read” gives each version's reading age (an estimate by the Flesch-Kincaid formula: lower is easier) and how many sentences are longer than 15 words, the Easy Read limit. Advice, not a score to meet."</p>
        {(of.pages > 1).then(|| view! { <p>{format!("Page {} of {}, newest first.", of.number, of.pages)}</p> })}
        {if page.versions.is_empty() {
            view! { <p>"There are no versions to show yet."</p> }.into_any()
        } else {
            view! {
                <table class="table history">
                    <caption class="visually-hidden">"Versions, newest first"</caption>
                    <thead><tr>
                        <th scope="col">"Version"</th>
                        <th scope="col">"Saved by"</th>
                        <th scope="col">"When"</th>
                        <th scope="col">"What changed"</th>
                        <th scope="col">"How easy to read"</th>
                        <th scope="col">"Links"</th>
                    </tr></thead>
                    <tbody>
                        {page.versions.into_iter().map(|row| {
                            let v = row.version;
                            let read = format!("{base}/versions/{}", v.number);
                            let compare = row.before.map(|p| format!("{base}/compare?from={p}&to={}", v.number));
                            view! {
                                <tr>
                                    <th scope="row">{v.number} {v.published.then(|| view! { " " <span class="tag">"public"</span> })}</th>
                                    <td>{v.author}</td>
                                    <td><time datetime=iso_date(v.created_at)>{long_date(v.created_at)}</time></td>
                                    <td>
                                        {if v.summary.is_empty() { "No summary given".to_string() } else { v.summary }}
                                        {v.proposed_by.map(|who| view! { <span class="credit">{format!(" (amendment proposed by {who})")}</span> })}
                                    </td>
                                    <td>{figures_in_words(v.figures)}</td>
                                    <td class="actions">
                                        <a href=read>"Read" <span class="visually-hidden">{format!(" version {}", v.number)}</span></a>
                                        {compare.map(|c| view! { <a href=c>"Compare with the one before" <span class="visually-hidden">{format!(" version {}", v.number)}</span></a> })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <PageLinks history=history.clone() of />
                <CompareChooser base=base.clone() newest from=bottom to=top />
            }.into_any()
        }}
    }
}

/// A version's readability figures in a few words.
fn figures_in_words(figures: Option<VersionFigures>) -> String {
    let Some(f) = figures else {
        return "Not measured (saved before this was kept)".into();
    };
    let age = f
        .reading_age
        .map_or_else(|| "No text yet".to_string(), |a| format!("Reading age {a}"));
    let long = match f.over_easy_read {
        0 => "no long sentences".to_string(),
        1 => "1 long sentence".to_string(),
        n => format!("{n} long sentences"),
    };
    format!("{age}; {long}")
}

/// Links to the newer and older pages of a long history.
#[component]
fn PageLinks(history: String, of: PageOf) -> impl IntoView {
    (of.pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Pages of the history">
                {of.newer().map(|n| view! { <a href=format!("{history}?page={n}") rel="prev">"Newer versions"</a> })}
                {of.older().map(|n| view! { <a href=format!("{history}?page={n}") rel="next">"Older versions"</a> })}
            </nav>
        }
    })
}

/// A plain GET form to compare any two versions (by number: a history of a thousand versions
/// would make two lists of a thousand choices).
#[component]
pub fn CompareChooser(base: String, newest: u32, from: u32, to: u32) -> impl IntoView {
    view! {
        <form method="get" action=format!("{base}/compare") class="form compare-chooser" aria-labelledby="choose-heading">
            <h2 id="choose-heading">"Compare two versions"</h2>
            <p class="hint" id="compare-hint">{format!("Versions are numbered from 1 to {newest}.")}</p>
            <div class="compare-chooser__fields">
                <div class="field">
                    <label for="compare-from">"Older version"</label>
                    <input id="compare-from" name="from" type="number" inputmode="numeric" min="1" max=newest value=from required aria-describedby="compare-hint" />
                </div>
                <div class="field">
                    <label for="compare-to">"Newer version"</label>
                    <input id="compare-to" name="to" type="number" inputmode="numeric" min="1" max=newest value=to required aria-describedby="compare-hint" />
                </div>
            </div>
            <button type="submit" class="button">"Compare"</button>
        </form>
    }
}
