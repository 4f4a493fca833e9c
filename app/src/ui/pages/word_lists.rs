//! `/processes/:id/words`: the process's glossary and its words to think twice about, as
//! plain lines in two boxes (one entry a line, three parts split by "|"). Drafters change
//! them with a plain form; everyone taking part can read them.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::word_lists::{SaveWordLists, load_word_lists};
use crate::ui::components::field_error::{FieldError, FormError, aria_invalid, described_by};
use crate::ui::components::loaded::loaded;
use crate::ui::components::raw_text::escaped_on_server;
use crate::ui::pages::documents::{query_number, route_number};
use crate::views::word_lists::WordListsPage;

#[component]
pub fn WordListsPageView() -> impl IntoView {
    let id = route_number("id");
    loaded(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => load_word_lists(id).await,
                None => Err(crate::error::AppError::NotFound("that process".into())),
            }
        },
        |page| view! { <WordLists page /> },
    )
}

#[component]
fn WordLists(page: WordListsPage) -> impl IntoView {
    let id = page.process.id.get();
    let save = ServerAction::<SaveWordLists>::new();
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let saved = query_number("saved");
    let readonly = !page.may_edit;
    view! {
        <Title text="Words and what they mean" />
        <nav aria-label="You are here" class="trail">
            <a href=crate::routes::process(id)>{page.process.title.as_str().to_string()}</a>
        </nav>
        <h1>"Words and what they mean"</h1>
        <p>"The glossary explains the field's words where a section first uses them, on every page that shows the text. The second list is words that label or judge people: the editor and the comment boxes suggest other words when someone uses them. Advice, never a block."</p>
        {move || (saved.get().is_some() || matches!(save.value().get(), Some(Ok(())))).then(|| view! {
            <p class="notice" role="status">"Saved. Drafts use the new lists now; a version already published keeps the words explained as they were."</p>
        })}
        <ActionForm action=save attr:class="form">
            <FormError error />
            <input type="hidden" name="process_id" value=id />
            <div class="field">
                <label for="glossary">"Glossary"</label>
                <p class="hint" id="glossary-hint">"One word a line: the word | other ways of writing it, split by commas | what it means, in plain words. For example: Rehab | rehabilitation, residential rehab | A place to live for a few weeks or months while you recover."</p>
                <textarea id="glossary" name="glossary" rows="14" readonly=readonly class="word-list"
                    aria-describedby=move || described_by(error, "glossary", Some("glossary-hint"))
                    aria-invalid=move || aria_invalid(error, "glossary")>{escaped_on_server(page.glossary.clone())}</textarea>
                <FieldError field="glossary" error />
            </div>
            <div class="field">
                <label for="language">"Words to think twice about"</label>
                <p class="hint" id="language-hint">"One a line: the words | what to say instead | why, in one sentence. For example: addict | a person who uses drugs | It labels a person by one part of their life."</p>
                <textarea id="language" name="language" rows="10" readonly=readonly class="word-list"
                    aria-describedby=move || described_by(error, "language", Some("language-hint"))
                    aria-invalid=move || aria_invalid(error, "language")>{escaped_on_server(page.language.clone())}</textarea>
                <FieldError field="language" error />
            </div>
            {page.may_edit.then(|| view! {
                <button type="submit" class="button" disabled=move || save.pending().get()>"Save both lists"</button>
            })}
        </ActionForm>
    }
}
