//! The live preview beside the editor. It uses the same renderer as the published page
//! (`domain::markdown::render`, compiled to WebAssembly, without the server's final
//! sanitising pass), so what you see is what is published.

use leptos::prelude::*;

use crate::domain::markdown::render;
use crate::ui::components::writing_advice::WritingAdvice;

#[component]
pub fn MarkdownPreview(
    #[prop(into)] heading: Signal<String>,
    #[prop(into)] body: Signal<String>,
    /// Names the preview's parts, for a page with two previews.
    #[prop(default = "preview")]
    id: &'static str,
    /// The text is an easy read: shown as it prints, large and one idea a line.
    #[prop(optional)]
    easy_read: bool,
    /// The process's words to think twice about.
    terms: Vec<crate::domain::respectful_language::Term>,
    /// The process's glossary.
    glossary: Vec<crate::domain::glossary::Entry>,
) -> impl IntoView {
    let label = format!("{id}-label");
    let labelled_by = label.clone();
    view! {
        <section class="preview" aria-labelledby=labelled_by>
            <h2 id=label class="preview__label">
                {if easy_read { "Preview of the easy read" } else { "Preview: how it will look when published" }}
            </h2>
            <div class="preview__page doc-page">
                <h3 class="preview__heading">{move || heading.get()}</h3>
                <div class:easy-read=easy_read inner_html=move || render(&body.get())></div>
            </div>
            <WritingAdvice body id terms glossary title=if easy_read { "Advice on the easy read, not rules" } else { "Easy to read? Advice, not rules" } />
        </section>
    }
    .into_any()
}
