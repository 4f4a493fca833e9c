//! A process's glossary and words to think twice about.

use leptos::prelude::*;

use crate::error::AppError;
use crate::views::word_lists::WordListsPage;

/// `POST /api/words/page`: both lists as plain lines, for people taking part.
#[server(prefix = "/api", endpoint = "words/page")]
pub async fn load_word_lists(process_id: i64) -> Result<WordListsPage, AppError> {
    let cx = crate::api::boundary::process_context(process_id).await?;
    crate::workflows::word_lists::page(&cx).await
}

/// `POST /api/words/save`: a drafter keeps both lists (`glossary`, `language`: one entry a
/// line, three parts split by "|"). A wrong line is refused, naming the list and the line.
#[server(prefix = "/api", endpoint = "words/save")]
pub async fn save_word_lists(
    process_id: i64,
    glossary: String,
    language: String,
) -> Result<(), AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    let lists = crate::forms::word_lists::word_lists(&glossary, &language)?;
    crate::workflows::word_lists::save(&cx, lists).await?;
    redirect(&format!("{}?saved=1", crate::routes::words(cx.id())));
    Ok(())
}
