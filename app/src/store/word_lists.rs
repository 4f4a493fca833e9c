//! The `process_word_lists` table: a process's own glossary and words to think twice about,
//! as JSON. No row, or a NULL list, means the process uses the starting list.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::glossary::Entry;
use crate::domain::respectful_language::Term;
use crate::domain::word_lists::WordLists;
use crate::domain::{PersonId, ProcessId};

fn decode<T: serde::de::DeserializeOwned>(json: Option<String>) -> Result<Option<T>, StoreError> {
    json.map(|j| {
        serde_json::from_str(&j).map_err(|e| StoreError::Corrupt(format!("word list: {e}")))
    })
    .transpose()
}

/// The process's lists, the starting ones where it has not made its own.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn of_process(db: &Db, process: ProcessId) -> Result<WordLists, StoreError> {
    let row =
        sqlx::query("SELECT glossary, language FROM process_word_lists WHERE process_id = $1")
            .bind(process.get())
            .fetch_optional(db.pool())
            .await?;
    let start = WordLists::starting();
    let Some(row) = row else { return Ok(start) };
    let glossary: Option<Vec<Entry>> = decode(row.try_get("glossary")?)?;
    let language: Option<Vec<Term>> = decode(row.try_get("language")?)?;
    Ok(WordLists {
        glossary: glossary.unwrap_or(start.glossary),
        language: language.unwrap_or(start.language),
    })
}

/// Keeps `lists` as the process's own, in one committed write.
#[tracing::instrument(level = "debug", skip(db, lists))]
pub async fn save(
    db: &Db,
    process: ProcessId,
    lists: &WordLists,
    by: PersonId,
    now: i64,
) -> Result<(), StoreError> {
    let encoding = |e: serde_json::Error| StoreError::Corrupt(format!("encoding a word list: {e}"));
    let glossary = serde_json::to_string(&lists.glossary).map_err(encoding)?;
    let language = serde_json::to_string(&lists.language).map_err(encoding)?;
    db.execute_committed(
        sqlx::query(
            "INSERT INTO process_word_lists (process_id, glossary, language, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (process_id) DO UPDATE SET glossary = $2, language = $3, \
             updated_by = $4, updated_at = $5",
        )
        .bind(process.get())
        .bind(glossary)
        .bind(language)
        .bind(by.get())
        .bind(now),
    )
    .await?;
    Ok(())
}
