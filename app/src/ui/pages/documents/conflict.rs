//! `/processes/:id/documents/:kind/conflicts/:conflict`: a save that met someone else's change
//! to the same section. Shows their text, what they changed, and this person's own words in
//! the editor, ready to merge and save again on top of the latest version.

use leptos::prelude::*;
use leptos_meta::Title;

use super::section_editor::SectionForm;
use super::{DocumentTrail, route_document, route_number};
use crate::api::documents::editing::{AddSection, SaveSection, edit_conflict};
use crate::ui::components::diff_view::{DiffKey, WordDiff};
use crate::ui::components::field_error::FormError;
use crate::ui::components::loaded::loaded;
use crate::ui::components::markdown_preview::MarkdownPreview;
use crate::views::documents::ConflictPage;

#[component]
pub fn ConflictPageView() -> impl IntoView {
    let route = route_document();
    let conflict = route_number("conflict");
    loaded(
        move || (route.get(), conflict.get()),
        |(route, conflict)| async move {
            match (route, conflict) {
                (Some((id, kind)), Some(c)) => edit_conflict(id, kind, c).await,
                _ => Err(crate::error::AppError::NotFound(
                    "that clashing edit".into(),
                )),
            }
        },
        |page| view! { <Conflict page /> },
    )
}

#[component]
fn Conflict(page: ConflictPage) -> impl IntoView {
    let id = page.process.id.get();
    // A no-JavaScript preview comes back with the merged text in the query string.
    let query = leptos_router::hooks::use_query_map();
    let from_query = |name: &str| query.read_untracked().get(name);
    let heading = RwSignal::new(from_query("heading").unwrap_or(page.my_heading.clone()));
    let body = RwSignal::new(from_query("body").unwrap_or(page.my_body.clone()));
    let save = ServerAction::<SaveSection>::new();
    let add_back = ServerAction::<AddSection>::new();
    let add_error = Signal::derive(move || add_back.value().get().and_then(Result::err));
    let who = if page.their_authors.is_empty() {
        "someone else".to_string()
    } else {
        page.their_authors.join(" and ")
    };
    view! {
        <Title text="Your change clashed with another" />
        <DocumentTrail process=page.process.clone() kind=page.kind />
        <h1>"Your change clashed with another"</h1>
        <div class="notice" role="status">
            <p>{page.explanation.clone()} {format!(" Changed by: {who}.")}</p>
            <p>"Your words are kept below. Bring the two together in the editor, then save again."</p>
        </div>
        {page.resolved.then(|| view! {
            <p class="notice">"You have already saved a merge of this. " <a href=crate::routes::document(id, page.kind)>"Back to the document"</a></p>
        })}
        {match page.theirs.clone() {
            Some((their_heading, their_body)) => view! {
                <div class="clash">
                    <section class="clash__theirs" aria-labelledby="theirs-heading">
                        <h2 id="theirs-heading">"The section now"</h2>
                        <p class="meta">{format!("Version {}", page.latest_number)}</p>
                        <h3>{their_heading}</h3>
                        <p class="plain-text">{their_body}</p>
                    </section>
                    <section class="clash__change" aria-labelledby="change-heading">
                        <h2 id="change-heading">"What they changed"</h2>
                        {page.their_heading_before.clone().map(|before| view! { <p>{format!("They renamed it from “{before}”.")}</p> })}
                        <DiffKey />
                        <WordDiff changes=page.their_change.clone() />
                    </section>
                </div>
                <section aria-labelledby="merge-heading">
                    <h2 id="merge-heading">"Your words, to merge"</h2>
                    <div class="editor">
                        <SectionForm id kind=page.kind key=page.key base=page.latest_number heading body
                            summary=page.my_summary.clone() conflict_id=Some(page.id) save submit_label="Save the merged section" />
                        <MarkdownPreview heading body terms=page.language.clone() glossary=page.glossary.clone() />
                    </div>
                </section>
            }.into_any(),
            None => view! {
                <section aria-labelledby="removed-heading">
                    <h2 id="removed-heading">"Your words"</h2>
                    <p>"The section is no longer in the document. You can add your words back as a new section at the end."</p>
                    <h3>{page.my_heading.clone()}</h3>
                    <p class="plain-text">{page.my_body.clone()}</p>
                    <ActionForm action=add_back>
                        <FormError error=add_error />
                        <input type="hidden" name="process_id" value=id />
                        <input type="hidden" name="kind" value=page.kind.slug() />
                        <input type="hidden" name="heading" value=page.my_heading.clone() />
                        <input type="hidden" name="body" value=page.my_body.clone() />
                        <input type="hidden" name="conflict_id" value=page.id />
                        <button type="submit" class="button">"Add my words back as a new section"</button>
                    </ActionForm>
                </section>
            }.into_any(),
        }}
    }
}
