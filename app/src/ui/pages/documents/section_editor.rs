//! `/processes/:id/documents/:kind/sections/:key/edit`: edit one section's heading and text
//! with a live preview. The form carries the version it started from, so a clash with
//! someone else's save is caught. Without JavaScript, "Show preview" reloads this page with
//! the text in the address and the preview rendered by the server.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{DocumentTrail, route_document, route_number};
use crate::api::documents::editing::{SaveEasyRead, SaveSection, load_section};
use crate::domain::document::easy_read::EasyReadText;
use crate::domain::document::version::ChangeSummary;
use crate::domain::document::{SectionBody, SectionHeading};
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};
use crate::ui::components::formatting_tools::FormattingTools;
use crate::ui::components::loaded::loaded;
use crate::ui::components::markdown_preview::MarkdownPreview;
use crate::ui::components::raw_text::escaped_on_server;
use crate::views::documents::SectionDraft;

#[component]
pub fn SectionEditorPage() -> impl IntoView {
    let route = route_document();
    let key = route_number("key");
    loaded(
        move || (route.get(), key.get()),
        |(route, key)| async move {
            match (route, key.and_then(|k| u32::try_from(k).ok())) {
                (Some((id, kind)), Some(key)) => load_section(id, kind, key).await,
                _ => Err(crate::error::AppError::NotFound("that section".into())),
            }
        },
        |draft| view! { <SectionEditor draft /> },
    )
}

#[component]
fn SectionEditor(draft: SectionDraft) -> impl IntoView {
    let query = use_query_map();
    // A no-JavaScript preview comes back with the typed text in the query string.
    let from_query = |name: &str| query.read_untracked().get(name);
    let heading = RwSignal::new(from_query("heading").unwrap_or(draft.heading.clone()));
    let body = RwSignal::new(from_query("body").unwrap_or(draft.body.clone()));
    let summary = from_query("summary").unwrap_or_default();
    let save = ServerAction::<SaveSection>::new();
    let id = draft.process.id.get();
    let back = format!(
        "{}#section-{}",
        crate::routes::document(id, draft.kind),
        draft.key
    );
    view! {
        <Title text=format!("Edit “{}”", draft.heading) />
        <DocumentTrail process=draft.process.clone() kind=draft.kind />
        <h1>"Edit a section"</h1>
        <p class="meta">{format!("You are editing version {}. If someone else saves first, you will be able to merge; nothing you type is lost.", draft.base)}</p>
        <div class="editor">
            <SectionForm
                id kind=draft.kind key=draft.key base=draft.base heading body summary
                conflict_id=None save submit_label="Save this section"
            />
            <MarkdownPreview heading=heading body=body terms=draft.language.clone() glossary=draft.glossary.clone() />
        </div>
        <EasyReadEditor
            id kind=draft.kind key=draft.key base=draft.base heading
            saved=draft.easy_read.clone() out_of_date=draft.easy_read_out_of_date
            typed=from_query("easy_read") clash=from_query("easy_clash").is_some()
            terms=draft.language.clone()
            glossary=draft.glossary.clone()
        />
        <p><a href=back>"Back to the document without saving"</a></p>
        <p><a href=crate::routes::words(id)>"The glossary and the words to think twice about"</a>" (opens another page: save first)"</p>
    }
}

/// The section's easy read, drafted beside it: its own box and save, a preview that shows it
/// as it prints, and the same advice on reading.
#[allow(clippy::too_many_arguments)]
#[component]
fn EasyReadEditor(
    id: i64,
    kind: crate::domain::document::DocumentKind,
    key: u32,
    base: u32,
    heading: RwSignal<String>,
    /// The easy read as saved in the latest version.
    saved: String,
    out_of_date: bool,
    /// Words handed back in the address (a preview without JavaScript, or after a clash).
    typed: Option<String>,
    clash: bool,
    terms: Vec<crate::domain::respectful_language::Term>,
    glossary: Vec<crate::domain::glossary::Entry>,
) -> impl IntoView {
    let save = ServerAction::<SaveEasyRead>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let initial = typed.unwrap_or_else(|| saved.clone());
    let text = RwSignal::new(initial.clone());
    view! {
        <section class="easy-read-editor" id="easy-read" aria-labelledby="easy-read-heading">
            <h2 id="easy-read-heading">"Easy read of this section"</h2>
            <p>"An easy read says the same in short sentences of 15 words or fewer, one idea a line, in everyday words. Readers choose “Easy read” to see it. Leave the box empty if there is none yet."</p>
            {out_of_date.then(|| view! {
                <p class="notice">"The full text has changed since this easy read was written. Check that it still says the same, then save it."</p>
            })}
            {clash.then(|| view! {
                <div class="notice" role="alert">
                    <p>"Someone else saved an easy read of this section after you opened it. Yours was not saved: it is still in the box. Theirs is now saved:"</p>
                    <div class="easy-read" inner_html=crate::domain::markdown::render(&saved)></div>
                    <p>"Change your words if you need to, then save again."</p>
                </div>
            })}
            <div class="editor">
                <ActionForm action=save attr:class="form editor__form">
                    <FormError error />
                    <input type="hidden" name="process_id" value=id />
                    <input type="hidden" name="kind" value=kind.slug() />
                    <input type="hidden" name="key" value=key />
                    <input type="hidden" name="base" value=base />
                    <div class="field">
                        <label for="easy_read">"Easy read"</label>
                        <p class="hint" id="easy-read-hint">{format!("Up to {} characters. Start a new line for each idea.", EasyReadText::MAX_CHARS)}</p>
                        <FormattingTools textarea="easy_read" />
                        <textarea id="easy_read" name="easy_read" rows="10" maxlength=EasyReadText::MAX_CHARS
                            aria-describedby=move || described_by(error, "easy_read", Some("easy-read-hint"))
                            aria-invalid=move || aria_invalid(error, "easy_read")
                            on:input=move |ev| text.set(event_target_value(&ev))>{escaped_on_server(initial)}</textarea>
                        <FieldError field="easy_read" error />
                    </div>
                    <div class="actions">
                        <button type="submit" class="button" disabled=move || save.pending().get()>"Save the easy read"</button>
                        <button type="submit" class="button button--secondary no-js-only" formmethod="get" formaction="#easy-read" formnovalidate=true>
                            "Show preview of the easy read"
                        </button>
                    </div>
                </ActionForm>
                <MarkdownPreview heading=heading body=text id="easy-preview" easy_read=true terms glossary />
            </div>
        </section>
    }
}

/// The heading, text and summary fields, shared by the editor and the merge view.
#[allow(clippy::too_many_arguments)]
#[component]
pub fn SectionForm(
    id: i64,
    kind: crate::domain::document::DocumentKind,
    key: u32,
    base: u32,
    heading: RwSignal<String>,
    body: RwSignal<String>,
    summary: String,
    conflict_id: Option<i64>,
    save: ServerAction<SaveSection>,
    submit_label: &'static str,
) -> impl IntoView {
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let invalid = move |field: &'static str| aria_invalid(error, field);
    let initial_heading = heading.get_untracked();
    let initial_body = body.get_untracked();
    view! {
        <ActionForm action=save attr:class="form editor__form">
            <FormError error />
            <input type="hidden" name="process_id" value=id />
            <input type="hidden" name="kind" value=kind.slug() />
            <input type="hidden" name="key" value=key />
            <input type="hidden" name="base" value=base />
            {conflict_id.map(|c| view! { <input type="hidden" name="conflict_id" value=c /> })}
            <div class="field">
                <label for="heading">"Heading"</label>
                <p class="hint" id="heading-hint">{format!("Up to {} characters.", SectionHeading::MAX_CHARS)}</p>
                <input id="heading" name="heading" type="text" required maxlength=SectionHeading::MAX_CHARS
                    autocomplete="off" value=initial_heading
                    aria-describedby=move || described_by(error, "heading", Some("heading-hint"))
                    aria-invalid=move || invalid("heading")
                    on:input=move |ev| heading.set(event_target_value(&ev)) />
                <FieldError field="heading" error />
            </div>
            <div class="field">
                <label for="body">"Text"</label>
                <p class="hint" id="body-hint">
                    {format!("Up to {} characters. The preview shows how it will look.", SectionBody::MAX_CHARS)}
                </p>
                <FormattingTools textarea="body" />
                <textarea id="body" name="body" rows="16" maxlength=SectionBody::MAX_CHARS
                    aria-describedby=move || described_by(error, "body", Some("body-hint"))
                    aria-invalid=move || invalid("body")
                    on:input=move |ev| body.set(event_target_value(&ev))>{escaped_on_server(initial_body)}</textarea>
                <FieldError field="body" error />
            </div>
            <div class="field">
                <label for="summary">"What did you change? (optional)"</label>
                <p class="hint" id="summary-hint">"One line for the history, for example “Added what people said about housing”."</p>
                <input id="summary" name="summary" type="text" maxlength=ChangeSummary::MAX_CHARS autocomplete="off" value=summary
                    aria-describedby=move || described_by(error, "summary", Some("summary-hint"))
                    aria-invalid=move || invalid("summary") />
                <FieldError field="summary" error />
            </div>
            <div class="actions">
                <button type="submit" class="button" disabled=move || save.pending().get()>{submit_label}</button>
                // Without JavaScript there is no live preview; this reloads the page with one.
                <button type="submit" class="button button--secondary no-js-only" formmethod="get" formaction="" formnovalidate=true>
                    "Show preview"
                </button>
            </div>
        </ActionForm>
    }
}
