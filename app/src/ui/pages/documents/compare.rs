//! `/processes/:id/documents/:kind/compare?from=A&to=B`: what changed between two versions,
//! section by section: added, removed, moved and renamed sections, and words added or
//! removed, marked in text as well as in style.

use leptos::prelude::*;
use leptos_meta::Title;

use super::history::CompareChooser;
use super::{DocumentTrail, query_number, route_document};
use crate::api::documents::reading::compare_versions;
use crate::domain::document::diff::SectionStatus;
use crate::domain::document::marked::MarkedSection;
use crate::ui::components::diff_view::{DiffKey, MarkedWords};
use crate::ui::components::loaded::loaded_as;
use crate::ui::components::shown_text::WithoutShownText;
use crate::views::documents::ComparePage;

#[component]
pub fn ComparePageView() -> impl IntoView {
    let route = route_document();
    let from = query_number("from");
    let to = query_number("to");
    // The words are in the HTML already: only their places are sent again for hydration.
    loaded_as::<WithoutShownText, _, _, _, _>(
        move || (route.get(), from.get(), to.get()),
        |(route, from, to)| async move {
            match (route, from, to) {
                (Some((id, kind)), Some(from), Some(to)) => {
                    compare_versions(id, kind, from, to).await
                }
                _ => Err(crate::error::AppError::NotFound("those versions".into())),
            }
        },
        |page| view! { <Compare page /> },
    )
}

#[component]
fn Compare(page: ComparePage) -> impl IntoView {
    let base = crate::routes::document(page.process.id.get(), page.kind);
    let (from, to) = (page.from.number, page.to.number);
    // Changed sections in full; the unchanged ones only by name, so the changes stand out.
    let (unchanged_sections, changed_sections): (Vec<MarkedSection>, Vec<MarkedSection>) =
        page.sections.into_iter().partition(|s| s.unchanged);
    let changed = changed_sections.len();
    view! {
        <Title text=format!("Compare versions {from} and {to}") />
        <DocumentTrail process=page.process.clone() kind=page.kind />
        <h1>{format!("Changes from version {from} to version {to}")}</h1>
        <p>{match changed {
            0 => "No section changed.".to_string(),
            1 => "1 section changed.".to_string(),
            n => format!("{n} sections changed."),
        }}</p>
        <DiffKey />
        {changed_sections.into_iter().map(|s| view! { <SectionChange diff=s /> }).collect_view()}
        {(!unchanged_sections.is_empty()).then(|| view! {
            <section aria-labelledby="unchanged-heading">
                <h2 id="unchanged-heading">"Sections with no changes"</h2>
                <ul>{unchanged_sections.into_iter().map(|s| view! { <li>{s.heading}</li> }).collect_view()}</ul>
            </section>
        })}
        <CompareChooser base=base.clone() newest=page.newest from to />
    }
}

fn ordinal_place(n: usize) -> String {
    format!("place {n}")
}

#[component]
fn SectionChange(diff: MarkedSection) -> impl IntoView {
    let unchanged = diff.unchanged;
    let mut notes: Vec<String> = Vec::new();
    match diff.status {
        SectionStatus::Added => notes.push("New section".into()),
        SectionStatus::Removed => notes.push("Section removed".into()),
        SectionStatus::Kept => {}
    }
    if let Some(old) = &diff.renamed_from {
        notes.push(format!("Renamed from “{old}”"));
    }
    if diff.moved
        && let (Some(a), Some(b)) = (diff.old_position, diff.new_position)
    {
        notes.push(format!(
            "Moved from {} to {}",
            ordinal_place(a),
            ordinal_place(b)
        ));
    }
    let class = match diff.status {
        SectionStatus::Added => "diff-section diff-section--added",
        SectionStatus::Removed => "diff-section diff-section--removed",
        SectionStatus::Kept => "diff-section",
    };
    let easy_changed = diff.easy_read_changed;
    if easy_changed {
        notes.push("Easy read changed".into());
    }
    let id = format!("diff-{}", diff.key.get());
    let labelled_by = id.clone();
    view! {
        <section class=class aria-labelledby=labelled_by>
            <h2 id=id>{diff.heading.clone()}</h2>
            {(!notes.is_empty()).then(|| view! {
                <ul class="diff-notes">{notes.into_iter().map(|n| view! { <li class="tag">{n}</li> }).collect_view()}</ul>
            })}
            {(!unchanged).then(|| view! { <MarkedWords html=diff.body /> })}
            {easy_changed.then(|| view! {
                <h3>"Easy read"</h3>
                <MarkedWords html=diff.easy_read />
            })}
        </section>
    }
}
