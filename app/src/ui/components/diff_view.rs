//! A word-level diff as text, with added and removed words marked by `<ins>` and `<del>`
//! and a visible label, so the change is clear without colour and to screen readers. The
//! marks are made as HTML in one place, `domain::document::marked`.

use leptos::prelude::*;

use crate::domain::document::diff::WordChange;
use crate::domain::document::marked::marked_words;

#[component]
pub fn WordDiff(changes: Vec<WordChange>) -> impl IntoView {
    view! { <MarkedWords html=marked_words(&changes) /> }
}

/// Words already marked up by [`marked_words`] (escaped there), e.g. kept with a comparison.
#[component]
pub fn MarkedWords(html: String) -> impl IntoView {
    view! { <p class="diff-text" inner_html=html></p> }
}

/// The key explaining the marks, shown above a diff.
#[component]
pub fn DiffKey() -> impl IntoView {
    view! {
        <p class="diff-key">
            "Added words are underlined and marked "
            <ins class="diff-added"><span class="diff-label">"[added: …]"</span></ins>
            "; removed words are struck through and marked "
            <del class="diff-removed"><span class="diff-label">"[removed: …]"</span></del>
            "."
        </p>
    }
}
