//! What a process's feed lists: its public events, newest first (versions published for
//! consultation, decisions opened and closed, ratifications), read from their own tables.

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::ProcessId;
use crate::domain::document::DocumentKind;
use crate::domain::feed::FeedEvent;

/// How many of each kind of event the feed lists.
const EACH: i64 = 50;

#[tracing::instrument(level = "debug", skip(db))]
pub async fn events(db: &Db, process: ProcessId) -> Result<Vec<FeedEvent>, StoreError> {
    let p = process.get();
    let mut out = Vec::new();
    let kind_of = |slug: &str| {
        DocumentKind::from_slug(slug)
            .ok_or_else(|| StoreError::Corrupt(format!("document {slug:?}")))
    };
    for row in sqlx::query(
        "SELECT id, kind, number, published_at FROM document_publications \
         WHERE process_id = $1 AND status = 'draft_for_consultation' ORDER BY id DESC LIMIT $2",
    )
    .bind(p)
    .bind(EACH)
    .fetch_all(db.pool())
    .await?
    {
        out.push(FeedEvent::Published {
            id: row.try_get("id")?,
            kind: kind_of(&row.try_get::<String, _>("kind")?)?,
            number: row.try_get("number")?,
            at: row.try_get("published_at")?,
        });
    }
    for row in sqlx::query(
        "SELECT id, question, opened_at, closed_at FROM decisions WHERE process_id = $1 \
         ORDER BY id DESC LIMIT $2",
    )
    .bind(p)
    .bind(EACH)
    .fetch_all(db.pool())
    .await?
    {
        let id: i64 = row.try_get("id")?;
        let question: String = row.try_get("question")?;
        out.push(FeedEvent::DecisionOpened {
            id,
            question: question.clone(),
            at: row.try_get("opened_at")?,
        });
        if let Some(at) = row.try_get::<Option<i64>, _>("closed_at")? {
            out.push(FeedEvent::DecisionClosed { id, question, at });
        }
    }
    for row in sqlx::query(
        "SELECT id, kind, number, ratifier_name, ratified_at FROM ratifications \
         WHERE process_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(p)
    .bind(EACH)
    .fetch_all(db.pool())
    .await?
    {
        out.push(FeedEvent::Ratified {
            id: row.try_get("id")?,
            kind: kind_of(&row.try_get::<String, _>("kind")?)?,
            number: row.try_get("number")?,
            by: row.try_get("ratifier_name")?,
            at: row.try_get("ratified_at")?,
        });
    }
    out.sort_by_key(|e| std::cmp::Reverse(e.at()));
    Ok(out)
}
