//! A process's word lists: its glossary and its words to think twice about. People taking
//! part read them; drafters change them.

use crate::domain::permissions::ProcessAction;
use crate::domain::word_lists::{WordLists, glossary_text, language_text};
use crate::error::AppError;
use crate::store::word_lists;
use crate::views::word_lists::WordListsPage;
use crate::workflows::{ProcessContext, unexpected};

/// The process's lists, the starting ones where it has not made its own.
pub async fn of_process(cx: &ProcessContext) -> Result<WordLists, AppError> {
    word_lists::of_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading the word lists"))
}

pub async fn page(cx: &ProcessContext) -> Result<WordListsPage, AppError> {
    cx.require(ProcessAction::ReadDrafts, "read the word lists")?;
    let lists = of_process(cx).await?;
    Ok(WordListsPage {
        process: cx.process.clone(),
        glossary: glossary_text(&lists.glossary),
        language: language_text(&lists.language),
        may_edit: cx.may(ProcessAction::EditDocuments),
    })
}

/// Keeps both lists as the process's own. Published versions keep the words explained as
/// they were when published; drafts show the new list at once.
pub async fn save(cx: &ProcessContext, lists: WordLists) -> Result<(), AppError> {
    let editor = cx.require(ProcessAction::EditDocuments, "change the word lists")?;
    word_lists::save(
        cx.db(),
        cx.id(),
        &lists,
        editor.person,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("saving the word lists"))
}
