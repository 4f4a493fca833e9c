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
) -> impl IntoView {
    view! {
        <section class="preview" aria-labelledby="preview-label">
            <h2 id="preview-label" class="preview__label">"Preview: how it will look when published"</h2>
            <div class="preview__page doc-page">
                <h3 class="preview__heading">{move || heading.get()}</h3>
                <div inner_html=move || render(&body.get())></div>
            </div>
            <WritingAdvice body />
        </section>
    }
    .into_any()
}
