//! Advice beside the editor's preview, never a block: how easy the section is to read (long
//! sentences, long words, a reading age) and words that label people, with what to say
//! instead. Worked out by the domain's rules, in the browser as the person types and on the
//! server for the preview without JavaScript.

use leptos::prelude::*;

use crate::domain::glossary::{Entry, unexplained};
use crate::domain::markdown::plain_text;
use crate::domain::readability::{EASY_READ_WORDS, LONG_SENTENCE_WORDS, readability};
use crate::domain::respectful_language::{Term, flags};

/// Words that label people in `body`, with what to say instead: beside the editor's preview,
/// and under the comment and amendment boxes as people type, before they post. Nothing
/// while there is nothing to say.
#[component]
pub fn WordingAdvice(
    #[prop(into)] body: Signal<String>,
    /// The process's words to think twice about.
    terms: Vec<Term>,
) -> impl IntoView {
    let terms = StoredValue::new(terms);
    let wording = Memo::new(move |_| body.with(|b| terms.with_value(|t| flags(b, t))));
    view! {
        <div class="advice__wording-box" aria-live="polite">
            {move || {
                let found = wording.get();
                (!found.is_empty()).then(|| view! {
                    <p>"Words to think about:"</p>
                    <ul class="advice__wording">
                        {found.into_iter().map(|f| view! {
                            <li><strong>{format!("\u{201c}{}\u{201d}", f.found)}</strong>{format!(": try \u{201c}{}\u{201d}. {}", f.instead, f.why)}</li>
                        }).collect_view()}
                    </ul>
                    <p class="hint">"Quoting someone? Put their words in quotation marks, and they are left as they are."</p>
                })
            }}
        </div>
    }
    .into_any()
}

#[component]
pub fn WritingAdvice(
    #[prop(into)] body: Signal<String>,
    /// Names the advice's heading, for a page with two editors.
    #[prop(default = "preview")]
    id: &'static str,
    /// The advice's heading: a page with two editors names each differently.
    #[prop(default = "Easy to read? Advice, not rules")]
    title: &'static str,
    terms: Vec<Term>,
    /// The process's glossary: the field's words it does not explain are named.
    glossary: Vec<Entry>,
) -> impl IntoView {
    let figures = Memo::new(move |_| body.with(|b| readability(b)));
    let glossary = StoredValue::new(glossary);
    let unexplained =
        Memo::new(move |_| body.with(|b| glossary.with_value(|g| unexplained(&plain_text(b), g))));
    let heading = format!("{id}-advice-heading");
    let labelled_by = heading.clone();
    view! {
        <section class="advice" aria-labelledby=labelled_by>
            <h2 id=heading class="preview__label">{title}</h2>
            {move || {
                let r = figures.get();
                let summary = match r.reading_age {
                    None => "Nothing to read yet.".to_string(),
                    Some(age) => format!(
                        "Reading age about {age}, by the Flesch-Kincaid formula. {} {}, {} {}.",
                        r.sentences,
                        if r.sentences == 1 { "sentence" } else { "sentences" },
                        r.words,
                        if r.words == 1 { "word" } else { "words" },
                    ),
                };
                let long = r.over_easy_read.len();
                view! {
                    <p class="advice__summary">{summary}</p>
                    {(long > 0).then(|| view! {
                        <p>{format!(
                            "{} longer than {EASY_READ_WORDS} words{}. Shorter sentences are easier to read:",
                            if long == 1 { "1 sentence is".to_string() } else { format!("{long} sentences are") },
                            match r.over_long { 0 => String::new(), n => format!(" ({n} longer than {LONG_SENTENCE_WORDS})") },
                        )}</p>
                        <ul class="advice__sentences">
                            {r.over_easy_read.into_iter().map(|s| {
                                let class = if s.words > LONG_SENTENCE_WORDS { "advice__long" } else { "advice__over" };
                                view! { <li><mark class=class>{s.text}</mark>{format!(" ({} words)", s.words)}</li> }
                            }).collect_view()}
                        </ul>
                    })}
                    {(!r.long_words.is_empty()).then(|| view! {
                        <p>{format!("Long words: {}. A shorter word helps where it says the same.", r.long_words.join(", "))}</p>
                    })}
                }
            }}
            {move || {
                let words = unexplained.get();
                (!words.is_empty()).then(|| view! {
                    <p class="advice__unexplained">{format!(
                        "Words some readers may not know, which the glossary does not explain: {}. Drafters can add them on the page “Words and what they mean”.",
                        words.join(", ")
                    )}</p>
                })
            }}
            <WordingAdvice body terms />
        </section>
    }
    // Erased: the editor's page type is otherwise too deep for the compiler's limit.
    .into_any()
}
