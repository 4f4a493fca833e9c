//! Formatting beside a text box: once the page is interactive, "Bold", "List" and "Link"
//! buttons format the selected words (the preview, where there is one, shows the result);
//! before that, and for anyone who wants it, a short note in plain words says how.

use leptos::prelude::*;

use crate::domain::formatting::Format;

#[component]
pub fn FormattingTools(
    /// The `id` of the textarea the buttons format.
    textarea: &'static str,
) -> impl IntoView {
    let interactive = RwSignal::new(false);
    Effect::new(move |_| interactive.set(true));
    view! {
        <div class="format-tools">
            {move || interactive.get().then(|| view! {
                <div class="format-tools__bar" role="group" aria-label="Format the selected words">
                    {Format::ALL.into_iter().map(|format| view! {
                        <button type="button" class="button button--secondary button--small" aria-controls=textarea
                            on:click=move |_| apply(textarea, format)>{format.label()}</button>
                    }).collect_view()}
                </div>
            })}
            <details class="format-tools__help">
                <summary>"How to make words bold, a list or a link"</summary>
                <ul>
                    <li>"Bold: select the words and press Bold, or put two stars on each side of them."</li>
                    <li>"A list: put each point on its own line starting with a dash and a space, with an empty line before the list."</li>
                    <li>"A link: select the words and press Link, then type the web address."</li>
                    <li>"A new paragraph: leave an empty line."</li>
                </ul>
            </details>
        </div>
    }
}

/// Formats the selection of textarea `id` and tells the page its text changed (browser only).
fn apply(id: &str, format: Format) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(area) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        // Selection offsets count UTF-16 units.
        let units: Vec<u16> = area.value().encode_utf16().collect();
        let offset = |o: Result<Option<u32>, _>| {
            o.ok()
                .flatten()
                .map_or(units.len(), |o| (o as usize).min(units.len()))
        };
        let end = offset(area.selection_end());
        let start = offset(area.selection_start()).min(end);
        let before = String::from_utf16_lossy(&units[..start]);
        let selected = String::from_utf16_lossy(&units[start..end]);
        let after = String::from_utf16_lossy(&units[end..]);
        let (text, chosen) = format.apply(&selected);
        let utf16_len = |s: &str| s.encode_utf16().count() as u32;
        let chars: Vec<char> = text.chars().collect();
        let head: String = chars[..chosen.start].iter().collect();
        let picked: String = chars[chosen.clone()].iter().collect();
        let base = utf16_len(&before);
        area.set_value(&format!("{before}{text}{after}"));
        let _ = area.focus();
        let from = base + utf16_len(&head);
        let _ = area.set_selection_range(from, from + utf16_len(&picked));
        // The page's own input handler (a preview, a counter) hears of the change; it must
        // bubble, as Leptos listens for it on the document.
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
            let _ = area.dispatch_event(&event);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, format);
}
