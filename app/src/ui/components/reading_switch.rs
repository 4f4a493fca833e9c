//! "Full text" / "Easy read": two plain links to the same page, the current one marked, so
//! the switch works without JavaScript and reads as a choice to screen readers. The public
//! pages (plain HTML, not Leptos) write the same markup with [`reading_switch_html`].

use leptos::prelude::*;

use crate::domain::document::easy_read::Reading;
use crate::domain::document::render::escape;

const LABEL: &str = "Which text to show";

fn choices() -> [(Reading, &'static str); 2] {
    [(Reading::Full, "Full text"), (Reading::Easy, "Easy read")]
}

#[component]
pub fn ReadingSwitch(path: String, reading: Reading) -> impl IntoView {
    view! {
        <nav class="reading-switch no-print" aria-label=LABEL>
            <ul>
                {choices().into_iter().map(|(choice, label)| {
                    let current = (choice == reading).then_some("page");
                    view! {
                        <li><a href=format!("{path}{}", choice.query()) aria-current=current>{label}</a></li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// The same switch as HTML, for the public pages.
pub fn reading_switch_html(path: &str, reading: Reading) -> String {
    let links: String = choices()
        .into_iter()
        .map(|(choice, label)| {
            let current = if choice == reading {
                " aria-current=\"page\""
            } else {
                ""
            };
            format!(
                "<li><a href=\"{}{}\"{current}>{label}</a></li>",
                escape(path),
                choice.query()
            )
        })
        .collect();
    format!("<nav class=\"reading-switch no-print\" aria-label=\"{LABEL}\"><ul>{links}</ul></nav>")
}
