//! The `comments`, `comment_reports` and `moderation_log` tables. Moderation changes a
//! comment's visibility and appends to the log in one transaction; nothing is deleted.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Db, StoreError};
use crate::domain::deliberation::Quote;
use crate::domain::deliberation::moderation::{ModerationAction, Visibility};
use crate::domain::document::version::VersionNumber;
use crate::domain::document::{DocumentKind, SectionKey};
use crate::domain::{PersonId, ProcessId};

#[derive(Debug, Clone)]
pub struct Resolution {
    pub by: Option<PersonId>,
    pub note: String,
    pub at: i64,
}

#[derive(Debug, Clone)]
pub struct StoredComment {
    pub id: i64,
    pub process: ProcessId,
    pub kind: DocumentKind,
    pub section: SectionKey,
    pub version: VersionNumber,
    pub amendment: Option<i64>,
    /// The first comment of the thread this replies to; `None` for a first comment.
    pub thread: Option<i64>,
    pub quote: Option<Quote>,
    pub body: String,
    pub author: Option<PersonId>,
    pub from_public: bool,
    pub public_name: Option<String>,
    pub visibility: Visibility,
    pub resolution: Option<Resolution>,
    pub created_at: i64,
    /// Typed in by a facilitator for someone who spoke in a workshop.
    pub said_in_room: bool,
}

/// Where a new comment goes and who wrote it.
pub struct NewComment<'a> {
    pub process: ProcessId,
    pub kind: DocumentKind,
    pub section: SectionKey,
    pub version: VersionNumber,
    pub amendment: Option<i64>,
    pub thread: Option<i64>,
    pub quote: Option<&'a Quote>,
    pub body: &'a str,
    /// `None` for a member of the public.
    pub author: Option<PersonId>,
    pub public_name: Option<&'a str>,
    pub visibility: Visibility,
    /// A facilitator typing in what someone said aloud in a workshop.
    pub said_in_room: bool,
}

const COLUMNS: &str = "id, process_id, kind, section_key, version_number, amendment_id, thread_id, \
     quote, body, author_id, from_public, public_name, visibility, hidden_reason, resolved_at, \
     resolved_by, resolved_note, created_at, said_in_room";

fn corrupt(what: String) -> StoreError {
    StoreError::Corrupt(what)
}

/// A comment's columns in [`COLUMNS`]' order, as stored: from one row, or from one entry of
/// a list read as one text ([`super::rows_as_json`]).
#[derive(serde::Deserialize)]
struct CommentRow {
    id: i64,
    process_id: i64,
    kind: String,
    section_key: i64,
    version_number: i64,
    amendment_id: Option<i64>,
    thread_id: Option<i64>,
    quote: Option<String>,
    body: String,
    author_id: Option<i64>,
    from_public: i64,
    public_name: Option<String>,
    visibility: String,
    hidden_reason: Option<String>,
    resolved_at: Option<i64>,
    resolved_by: Option<i64>,
    resolved_note: Option<String>,
    created_at: i64,
    said_in_room: i64,
}

fn from_row(row: &AnyRow) -> Result<StoredComment, StoreError> {
    decode(CommentRow {
        id: row.try_get("id")?,
        process_id: row.try_get("process_id")?,
        kind: row.try_get("kind")?,
        section_key: row.try_get("section_key")?,
        version_number: row.try_get("version_number")?,
        amendment_id: row.try_get("amendment_id")?,
        thread_id: row.try_get("thread_id")?,
        quote: row.try_get("quote")?,
        body: row.try_get("body")?,
        author_id: row.try_get("author_id")?,
        from_public: row.try_get("from_public")?,
        public_name: row.try_get("public_name")?,
        visibility: row.try_get("visibility")?,
        hidden_reason: row.try_get("hidden_reason")?,
        resolved_at: row.try_get("resolved_at")?,
        resolved_by: row.try_get("resolved_by")?,
        resolved_note: row.try_get("resolved_note")?,
        created_at: row.try_get("created_at")?,
        said_in_room: row.try_get("said_in_room")?,
    })
}

/// SQL reading the comments of `filtered` (a `SELECT {COLUMNS} …` with its own order and
/// limit) as one text, in the order of `order`: a section's discussion of two hundred
/// comments crossed from SQLite's thread one row at a time before.
fn list_sql(db: &Db, filtered: &str, order: &str) -> String {
    super::rows_as_json(
        db.backend(),
        COLUMNS,
        &format!("({filtered}) listed"),
        order,
    )
}

/// Reads what [`list_sql`] wrote.
fn decode_list(text: &str) -> Result<Vec<StoredComment>, StoreError> {
    let mut rows = super::parse_json_rows::<CommentRow>(text, "comments")?;
    rows.sort_by_key(|row| row.id);
    rows.into_iter().map(decode).collect()
}

fn decode(row: CommentRow) -> Result<StoredComment, StoreError> {
    let visibility = match row.visibility.as_str() {
        "visible" => Visibility::Visible,
        "awaiting_approval" => Visibility::AwaitingApproval,
        "hidden" => Visibility::Hidden {
            reason: row.hidden_reason.unwrap_or_default(),
        },
        other => return Err(corrupt(format!("comment visibility {other:?}"))),
    };
    let resolution = row.resolved_at.map(|at| Resolution {
        by: row.resolved_by.map(PersonId::new),
        note: row.resolved_note.unwrap_or_default(),
        at,
    });
    let (kind, key, version) = (row.kind, row.section_key, row.version_number);
    Ok(StoredComment {
        id: row.id,
        process: ProcessId::new(row.process_id),
        kind: DocumentKind::from_slug(&kind)
            .ok_or_else(|| corrupt(format!("document kind {kind:?}")))?,
        section: SectionKey::new(
            u32::try_from(key).map_err(|_| corrupt(format!("section key {key}")))?,
        ),
        version: u32::try_from(version)
            .ok()
            .and_then(VersionNumber::new)
            .ok_or_else(|| corrupt(format!("version {version}")))?,
        amendment: row.amendment_id,
        thread: row.thread_id,
        quote: row.quote.map(|q| Quote::from_stored(&q)),
        body: row.body,
        author: row.author_id.map(PersonId::new),
        from_public: row.from_public != 0,
        public_name: row.public_name,
        visibility,
        resolution,
        created_at: row.created_at,
        said_in_room: row.said_in_room != 0,
    })
}

#[tracing::instrument(level = "debug", skip_all)]
pub async fn insert(db: &Db, new: NewComment<'_>, now: i64) -> Result<i64, StoreError> {
    Ok(db.fetch_one_committed(
sqlx::query_scalar(
        "INSERT INTO comments (process_id, kind, section_key, version_number, amendment_id, \
         thread_id, quote, body, author_id, from_public, public_name, visibility, created_at, \
         said_in_room) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(new.process.get())
    .bind(new.kind.slug())
    .bind(i64::from(new.section.get()))
    .bind(i64::from(new.version.get()))
    .bind(new.amendment)
    .bind(new.thread)
    .bind(new.quote.map(|q| q.as_str().to_string()))
    .bind(new.body)
    .bind(new.author.map(PersonId::get))
    .bind(i64::from(new.author.is_none()))
    .bind(new.public_name)
    .bind(new.visibility.slug())
    .bind(now)
    .bind(i64::from(new.said_in_room))
    )
    .await?)
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn find(db: &Db, id: i64) -> Result<Option<StoredComment>, StoreError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM comments WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// The comments on one section (not on its amendments), or on one amendment; oldest first.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn on_section(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    section: SectionKey,
    amendment: Option<i64>,
) -> Result<Vec<StoredComment>, StoreError> {
    let text: String = sqlx::query_scalar(&list_sql(
        db,
        &format!(
            "SELECT {COLUMNS} FROM comments WHERE process_id = $1 AND kind = $2 AND section_key = $3 \
             AND COALESCE(amendment_id, 0) = $4 ORDER BY id LIMIT 2000"
        ),
        "id",
    ))
    .bind(process.get())
    .bind(kind.slug())
    .bind(i64::from(section.get()))
    .bind(amendment.unwrap_or(0))
    .fetch_one(db.pool())
    .await?;
    decode_list(&text)
}

/// The first comment of every thread on a document's sections, for the activity counts.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn thread_starts(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Vec<StoredComment>, StoreError> {
    let text: String = sqlx::query_scalar(&list_sql(
        db,
        &format!(
            "SELECT {COLUMNS} FROM comments WHERE process_id = $1 AND kind = $2 \
             AND thread_id IS NULL AND amendment_id IS NULL"
        ),
        "id",
    ))
    .bind(process.get())
    .bind(kind.slug())
    .fetch_one(db.pool())
    .await?;
    decode_list(&text)
}

/// When `person` commented since `since`, for the per-person rate limit.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn written_since(db: &Db, person: PersonId, since: i64) -> Result<Vec<i64>, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT created_at FROM comments WHERE author_id = $1 AND created_at > $2 \
         UNION ALL SELECT created_at FROM commitment_comments WHERE author_id = $1 AND created_at > $2",
    )
    .bind(person.get())
    .bind(since)
    .fetch_all(db.pool())
    .await?)
}

/// Marks a thread resolved with a note, or reopens it (`None`).
#[tracing::instrument(level = "debug", skip(db, resolution))]
pub async fn set_resolution(
    db: &Db,
    thread: i64,
    resolution: Option<(PersonId, &str)>,
    now: i64,
) -> Result<(), StoreError> {
    db.execute_committed(
sqlx::query(
        "UPDATE comments SET resolved_at = $1, resolved_by = $2, resolved_note = $3 WHERE id = $4",
    )
    .bind(resolution.map(|_| now))
    .bind(resolution.map(|(by, _)| by.get()))
    .bind(resolution.map(|(_, note)| note.to_string()))
    .bind(thread)
    )
    .await?;
    Ok(())
}

/// Changes a comment's visibility and logs who did it and why, in one transaction; reports
/// on it count as handled. `false` (and nothing stored) when its visibility was no longer
/// `from`, because another facilitator acted meanwhile.
#[allow(clippy::too_many_arguments)]
#[tracing::instrument(level = "debug", skip(db, reason))]
pub async fn moderate(
    db: &Db,
    comment: &StoredComment,
    from: &Visibility,
    to: &Visibility,
    action: ModerationAction,
    actor: PersonId,
    reason: &str,
    now: i64,
) -> Result<bool, StoreError> {
    let mut tx = db.begin_write().await?;
    let hidden_reason = match to {
        Visibility::Hidden { reason } => Some(reason.clone()),
        _ => None,
    };
    let changed = sqlx::query(
        "UPDATE comments SET visibility = $1, hidden_reason = $2 WHERE id = $3 AND visibility = $4",
    )
    .bind(to.slug())
    .bind(hidden_reason)
    .bind(comment.id)
    .bind(from.slug())
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() != 1 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO moderation_log (process_id, comment_id, action, actor_id, reason, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(comment.process.get())
    .bind(comment.id)
    .bind(action.slug())
    .bind(actor.get())
    .bind(reason)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "UPDATE comment_reports SET handled_at = $1 WHERE comment_id = $2 AND handled_at IS NULL",
    )
    .bind(now)
    .bind(comment.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A facilitator looked at the reports on a comment and left it as it is.
#[tracing::instrument(level = "debug", skip(db, reason))]
pub async fn dismiss_reports(
    db: &Db,
    comment: &StoredComment,
    actor: PersonId,
    reason: &str,
    now: i64,
) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE comment_reports SET handled_at = $1 WHERE comment_id = $2 AND handled_at IS NULL",
    )
    .bind(now)
    .bind(comment.id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO moderation_log (process_id, comment_id, action, actor_id, reason, created_at) \
         VALUES ($1, $2, 'dismiss_reports', $3, $4, $5)",
    )
    .bind(comment.process.get())
    .bind(comment.id)
    .bind(actor.get())
    .bind(reason)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

#[tracing::instrument(level = "debug", skip(db, reason))]
pub async fn report(
    db: &Db,
    comment: i64,
    reporter: PersonId,
    reason: &str,
    now: i64,
) -> Result<(), StoreError> {
    db.execute_committed(
sqlx::query(
        "INSERT INTO comment_reports (comment_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(comment)
    .bind(reporter.get())
    .bind(reason)
    .bind(now)
    )
    .await?;
    Ok(())
}

/// The moderation queue of a process: comments waiting for approval and comments with
/// reports not yet handled, oldest first, each with the reasons given in its reports.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn queue(
    db: &Db,
    process: ProcessId,
) -> Result<Vec<(StoredComment, Vec<String>)>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM comments WHERE process_id = $1 AND (visibility = 'awaiting_approval' \
         OR id IN (SELECT comment_id FROM comment_reports WHERE handled_at IS NULL)) \
         ORDER BY id LIMIT 500"
    ))
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    let reports: Vec<(i64, String)> = sqlx::query_as(
        "SELECT r.comment_id, r.reason FROM comment_reports r JOIN comments c ON c.id = r.comment_id \
         WHERE c.process_id = $1 AND r.handled_at IS NULL ORDER BY r.id",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let comment = from_row(row)?;
            let reasons = reports
                .iter()
                .filter(|(c, _)| *c == comment.id)
                .map(|(_, r)| r.clone())
                .collect();
            Ok((comment, reasons))
        })
        .collect()
}

/// One line of the moderation log, for facilitators.
#[derive(Debug, Clone)]
pub struct LogEntry {
    pub comment: i64,
    pub action: String,
    pub actor: Option<PersonId>,
    pub reason: String,
    pub at: i64,
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn log(db: &Db, process: ProcessId) -> Result<Vec<LogEntry>, StoreError> {
    let rows = sqlx::query(
        "SELECT comment_id, action, actor_id, reason, created_at FROM moderation_log \
         WHERE process_id = $1 ORDER BY id DESC LIMIT 200",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(LogEntry {
                comment: row.try_get("comment_id")?,
                action: row.try_get("action")?,
                actor: row
                    .try_get::<Option<i64>, _>("actor_id")?
                    .map(PersonId::new),
                reason: row.try_get("reason")?,
                at: row.try_get("created_at")?,
            })
        })
        .collect()
}
