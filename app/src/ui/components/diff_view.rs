//! A word-level diff as text, with added and removed words marked by `<ins>` and `<del>`
//! and a visible label, so the change is clear without colour and to screen readers.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::domain::document::diff::WordChange;

#[component]
pub fn WordDiff(changes: Vec<WordChange>) -> impl IntoView {
    view! {
        <p class="diff-text">
            {changes
                .into_iter()
                // Not `into_any`: a long comparison has thousands of these, each boxed.
                .map(|change| match change {
                    WordChange::Same(text) => EitherOf3::A(view! { <span>{text}</span> }),
                    WordChange::Added(text) => EitherOf3::B(view! {
                        <ins class="diff-added"><span class="diff-label">"[added: "</span>{text}<span class="diff-label">"]"</span></ins>
                    }),
                    WordChange::Removed(text) => EitherOf3::C(view! {
                        <del class="diff-removed"><span class="diff-label">"[removed: "</span>{text}<span class="diff-label">"]"</span></del>
                    }),
                })
                .collect_view()}
        </p>
    }
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
