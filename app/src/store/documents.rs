//! The `document_versions`, `document_publications` and `edit_conflicts` tables.
//!
//! Versions are only ever inserted. A new version's number is the latest plus one, decided
//! inside a write transaction; if two instances race on PostgreSQL, the loser's insert hits
//! the primary key and the whole decision is made again on the new latest version.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::{Db, StoreError};
use crate::domain::document::version::{ChangeSummary, PublicationStatus, VersionNumber};
use crate::domain::document::{DocumentContent, DocumentKind, SectionKey};
use crate::domain::readability::{VersionFigures, version_figures};
use crate::domain::{PersonId, ProcessId};

/// One saved version, with its full content.
#[derive(Debug, Clone)]
pub struct StoredVersion {
    pub number: VersionNumber,
    pub author: Option<PersonId>,
    /// The accepted amendment this version came from, and who proposed it.
    pub credit: Option<AmendmentCredit>,
    pub summary: ChangeSummary,
    pub content: DocumentContent,
    pub created_at: i64,
    pub figures: VersionFigures,
}

impl StoredVersion {
    pub fn meta(&self) -> VersionMeta {
        VersionMeta {
            number: self.number,
            author: self.author,
            credit: self.credit,
            summary: self.summary.clone(),
            created_at: self.created_at,
            figures: Some(self.figures),
        }
    }
}

/// A version's readability figures, worked out from its full text.
pub fn figures_of(content: &DocumentContent) -> VersionFigures {
    version_figures(content.sections().iter().map(|s| s.body.as_str()))
}

/// One version without its content, for the history list.
#[derive(Debug, Clone)]
pub struct VersionMeta {
    pub number: VersionNumber,
    pub author: Option<PersonId>,
    pub credit: Option<AmendmentCredit>,
    pub summary: ChangeSummary,
    pub created_at: i64,
    /// `None` for versions saved before the figures were kept.
    pub figures: Option<VersionFigures>,
}

/// A version made by accepting an amendment credits its proposer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AmendmentCredit {
    pub amendment: i64,
    /// `None` once the account is gone.
    pub proposer: Option<PersonId>,
}

/// What the caller decided to do with the latest version in hand.
pub enum NextVersion<T> {
    /// Store this content as the next version, then answer `T`.
    Save(DocumentContent, ChangeSummary, T),
    /// Store nothing; answer `T`.
    Keep(T),
}

fn number_from(raw: i64) -> Result<VersionNumber, StoreError> {
    u32::try_from(raw)
        .ok()
        .and_then(VersionNumber::new)
        .ok_or_else(|| StoreError::Corrupt(format!("version number {raw}")))
}

fn meta_from_row(row: &AnyRow) -> Result<VersionMeta, StoreError> {
    let summary: String = row.try_get("summary")?;
    let amendment: Option<i64> = row.try_get("amendment_id")?;
    let proposer: Option<i64> = row.try_get("proposer_id")?;
    Ok(VersionMeta {
        number: number_from(row.try_get("number")?)?,
        author: row
            .try_get::<Option<i64>, _>("author_id")?
            .map(PersonId::new),
        credit: amendment.map(|amendment| AmendmentCredit {
            amendment,
            proposer: proposer.map(PersonId::new),
        }),
        summary: ChangeSummary::automatic(summary),
        created_at: row.try_get("created_at")?,
        figures: figures_from_row(row)?,
    })
}

fn figures_from_row(row: &AnyRow) -> Result<Option<VersionFigures>, StoreError> {
    let over: Option<i64> = row.try_get("long_sentences")?;
    let age: Option<i64> = row.try_get("reading_age")?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("version figures: {what}"));
    let Some(over) = over else { return Ok(None) };
    Ok(Some(VersionFigures {
        over_easy_read: u32::try_from(over).map_err(|_| corrupt("long sentences"))?,
        reading_age: age
            .map(|a| u32::try_from(a).map_err(|_| corrupt("reading age")))
            .transpose()?,
    }))
}

fn version_from_row(row: &AnyRow) -> Result<StoredVersion, StoreError> {
    let meta = meta_from_row(row)?;
    let json: String = row.try_get("content")?;
    let content: DocumentContent = serde_json::from_str(&json)
        .map_err(|e| StoreError::Corrupt(format!("version content: {e}")))?;
    // Stored content passed the rules when saved; check again rather than trust the JSON.
    let content = DocumentContent::new(content.sections().to_vec())
        .map_err(|e| StoreError::Corrupt(format!("version content: {e}")))?;
    Ok(StoredVersion {
        number: meta.number,
        author: meta.author,
        credit: meta.credit,
        summary: meta.summary,
        figures: meta.figures.unwrap_or_else(|| figures_of(&content)),
        content,
        created_at: meta.created_at,
    })
}

/// The columns a version is read from; the proposer of an accepted amendment comes along.
const VERSION_COLUMNS: &str = "number, author_id, summary, content, created_at, amendment_id, \
     reading_age, long_sentences, \
     (SELECT a.proposer_id FROM amendments a WHERE a.id = document_versions.amendment_id) AS proposer_id";
const META_COLUMNS: &str = "number, author_id, summary, created_at, amendment_id, \
     reading_age, long_sentences, \
     (SELECT a.proposer_id FROM amendments a WHERE a.id = document_versions.amendment_id) AS proposer_id";

#[tracing::instrument(level = "debug", skip(db))]
pub async fn latest(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Option<StoredVersion>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {VERSION_COLUMNS} FROM document_versions WHERE process_id = $1 AND kind = $2 \
         ORDER BY number DESC LIMIT 1"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(version_from_row).transpose()
}

/// The number of the latest version, without reading it (an index lookup).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn latest_number(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Option<VersionNumber>, StoreError> {
    let number: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(number) FROM document_versions WHERE process_id = $1 AND kind = $2",
    )
    .bind(process.get())
    .bind(kind.slug())
    .fetch_one(db.pool())
    .await?;
    number.map(number_from).transpose()
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn version(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    number: VersionNumber,
) -> Result<Option<StoredVersion>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {VERSION_COLUMNS} FROM document_versions \
         WHERE process_id = $1 AND kind = $2 AND number = $3"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .bind(i64::from(number.get()))
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(version_from_row).transpose()
}

/// Who saved version `number`, when and why, without its content (an index lookup).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn version_meta(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    number: VersionNumber,
) -> Result<Option<VersionMeta>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {META_COLUMNS} FROM document_versions \
         WHERE process_id = $1 AND kind = $2 AND number = $3"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .bind(i64::from(number.get()))
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(meta_from_row).transpose()
}

/// The latest version's meta, without its content.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn latest_meta(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Option<VersionMeta>, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {META_COLUMNS} FROM document_versions WHERE process_id = $1 AND kind = $2 \
         ORDER BY number DESC LIMIT 1"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(meta_from_row).transpose()
}

/// The versions saved after `after`, oldest first (at most 100: enough to explain a clash).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn versions_after(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    after: VersionNumber,
) -> Result<Vec<StoredVersion>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {VERSION_COLUMNS} FROM document_versions \
         WHERE process_id = $1 AND kind = $2 AND number > $3 ORDER BY number LIMIT 100"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .bind(i64::from(after.get()))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(version_from_row).collect()
}

/// Every version, newest first, without content.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn history(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Vec<VersionMeta>, StoreError> {
    let rows = sqlx::query(&format!(
        "SELECT {META_COLUMNS} FROM document_versions \
         WHERE process_id = $1 AND kind = $2 ORDER BY number DESC"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(meta_from_row).collect()
}

/// One page of the history, newest first: at most `limit` versions after skipping `skip`
/// (`only_published`: of the versions ever published), and how many there are in all. Both
/// read only the listing index, so a history of a thousand versions costs what one of fifty
/// does.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn history_page(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    only_published: bool,
    skip: u32,
    limit: u32,
) -> Result<(Vec<VersionMeta>, u64), StoreError> {
    let published = if only_published {
        " AND number IN (SELECT p.number FROM document_publications p \
         WHERE p.process_id = $1 AND p.kind = $2)"
    } else {
        ""
    };
    let count: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM document_versions WHERE process_id = $1 AND kind = $2{published}"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .fetch_one(db.pool())
    .await?;
    let rows = sqlx::query(&format!(
        "SELECT {META_COLUMNS} FROM document_versions \
         WHERE process_id = $1 AND kind = $2{published} ORDER BY number DESC LIMIT $3 OFFSET $4"
    ))
    .bind(process.get())
    .bind(kind.slug())
    .bind(i64::from(limit))
    .bind(i64::from(skip))
    .fetch_all(db.pool())
    .await?;
    let count = u64::try_from(count).map_err(|_| StoreError::Corrupt(format!("count {count}")))?;
    Ok((
        rows.iter().map(meta_from_row).collect::<Result<_, _>>()?,
        count,
    ))
}

/// Reads the latest version inside a write transaction, lets `decide` choose, and stores
/// the next version if it says so. Returns the answer and the new version's number.
#[tracing::instrument(level = "debug", skip(db, decide))]
pub async fn write_next<T>(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    author: PersonId,
    now: i64,
    decide: impl Fn(Option<&StoredVersion>) -> NextVersion<T>,
) -> Result<(T, Option<VersionNumber>), StoreError> {
    write_next_crediting(db, process, kind, author, now, None, decide).await
}

/// As [`write_next`]; when `amendment` is given, the new version credits it and, in the same
/// transaction, the amendment is marked accepted. If the amendment was decided meanwhile,
/// nothing is stored and the answer is [`StoreError::AlreadyDecided`].
#[tracing::instrument(level = "debug", skip(db, decide))]
pub async fn write_next_crediting<T>(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    author: PersonId,
    now: i64,
    amendment: Option<i64>,
    decide: impl Fn(Option<&StoredVersion>) -> NextVersion<T>,
) -> Result<(T, Option<VersionNumber>), StoreError> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let mut tx = db.begin_write().await?;
        // On PostgreSQL, saves to one process's documents take turns on its row, as ballots
        // do on their decision's: without it, concurrent saves race for the next version
        // number and most retries lose. (SQLite's BEGIN IMMEDIATE already makes them wait.)
        if db.backend() == super::Backend::Postgres {
            sqlx::query("SELECT id FROM processes WHERE id = $1 FOR UPDATE")
                .bind(process.get())
                .fetch_optional(&mut *tx)
                .await?;
        }
        let row = sqlx::query(&format!(
            "SELECT {VERSION_COLUMNS} FROM document_versions WHERE process_id = $1 AND kind = $2 \
             ORDER BY number DESC LIMIT 1"
        ))
        .bind(process.get())
        .bind(kind.slug())
        .fetch_optional(&mut *tx)
        .await?;
        let latest = row.as_ref().map(version_from_row).transpose()?;
        let (content, summary, answer) = match decide(latest.as_ref()) {
            NextVersion::Keep(answer) => return Ok((answer, None)),
            NextVersion::Save(content, summary, answer) => (content, summary, answer),
        };
        let number = latest.map_or(VersionNumber::FIRST, |v| v.number.next());
        let json = serde_json::to_string(&content)
            .map_err(|e| StoreError::Corrupt(format!("encoding content: {e}")))?;
        let figures = figures_of(&content);
        let inserted = sqlx::query(
            "INSERT INTO document_versions \
             (process_id, kind, number, author_id, summary, content, created_at, amendment_id, \
              reading_age, long_sentences) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(process.get())
        .bind(kind.slug())
        .bind(i64::from(number.get()))
        .bind(author.get())
        .bind(summary.as_str())
        .bind(json)
        .bind(now)
        .bind(amendment)
        .bind(figures.reading_age.map(i64::from))
        .bind(i64::from(figures.over_easy_read))
        .execute(&mut *tx)
        .await;
        match inserted {
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                if attempts >= 5 {
                    return Err(StoreError::Contended);
                }
                continue;
            }
            Err(e) => return Err(e.into()),
            Ok(_) => {}
        }
        if let Some(amendment) = amendment {
            let marked =
                super::amendments::mark_accepted(&mut *tx, amendment, number, author, now).await?;
            if !marked {
                return Err(StoreError::AlreadyDecided);
            }
        }
        tx.commit().await?;
        return Ok((answer, Some(number)));
    }
}

/// The version the public reads now, without its HTML.
#[derive(Debug, Clone)]
pub struct Publication {
    pub id: i64,
    pub number: VersionNumber,
    pub status: PublicationStatus,
    pub published_at: i64,
    pub etag: String,
}

fn publication_from_row(row: &AnyRow) -> Result<Publication, StoreError> {
    let status: String = row.try_get("status")?;
    Ok(Publication {
        id: row.try_get("id")?,
        number: number_from(row.try_get("number")?)?,
        status: PublicationStatus::from_slug(&status)
            .ok_or_else(|| StoreError::Corrupt(format!("publication status {status:?}")))?,
        published_at: row.try_get("published_at")?,
        etag: row.try_get("etag")?,
    })
}

#[allow(clippy::too_many_arguments)]
#[tracing::instrument(level = "debug", skip(db, html))]
pub async fn publish(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    number: VersionNumber,
    status: PublicationStatus,
    by: PersonId,
    now: i64,
    html: &str,
    etag: &str,
) -> Result<i64, StoreError> {
    let mut tx = db.begin_write().await?;
    let id = publish_in(&mut *tx, process, kind, number, status, by, now, html, etag).await?;
    tx.commit().await?;
    Ok(id)
}

/// Publishes inside the caller's transaction (ratifying publishes as it ratifies); the new
/// publication's id.
#[allow(clippy::too_many_arguments)]
pub async fn publish_in<'e>(
    executor: impl sqlx::Executor<'e, Database = sqlx::Any>,
    process: ProcessId,
    kind: DocumentKind,
    number: VersionNumber,
    status: PublicationStatus,
    by: PersonId,
    now: i64,
    html: &str,
    etag: &str,
) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO document_publications \
         (process_id, kind, number, status, published_by, published_at, html, etag) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(process.get())
    .bind(kind.slug())
    .bind(i64::from(number.get()))
    .bind(status.slug())
    .bind(by.get())
    .bind(now)
    .bind(html)
    .bind(etag)
    .fetch_one(executor)
    .await?)
}

/// Every publication of the document, newest first (the first is what the public reads).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn publications(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Vec<Publication>, StoreError> {
    let rows = sqlx::query(
        "SELECT id, number, status, published_at, etag FROM document_publications \
         WHERE process_id = $1 AND kind = $2 ORDER BY id DESC",
    )
    .bind(process.get())
    .bind(kind.slug())
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(publication_from_row).collect()
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn current_publication(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Option<Publication>, StoreError> {
    let row = sqlx::query(
        "SELECT id, number, status, published_at, etag FROM document_publications \
         WHERE process_id = $1 AND kind = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(process.get())
    .bind(kind.slug())
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(publication_from_row).transpose()
}

/// What the public page of a document depends on, in one indexed read: the current
/// publication, whether the public may comment, and the newest ratification of the document.
#[derive(Debug, Clone)]
pub struct PublicPageKey {
    pub publication: Publication,
    pub public_comments: bool,
    pub newest_ratification: Option<i64>,
    /// The process's timeline, shown at the top of the page.
    pub timeline: crate::domain::timeline::Timeline,
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn public_page_key(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Option<PublicPageKey>, StoreError> {
    let row = sqlx::query(
        "SELECT p.id, p.number, p.status, p.published_at, p.etag, pr.public_comments, pr.timeline, \
         (SELECT MAX(r.id) FROM ratifications r WHERE r.process_id = $1 AND r.kind = $2) \
         AS newest_ratification \
         FROM document_publications p JOIN processes pr ON pr.id = p.process_id \
         WHERE p.process_id = $1 AND p.kind = $2 ORDER BY p.id DESC LIMIT 1",
    )
    .bind(process.get())
    .bind(kind.slug())
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let public_comments: i64 = row.try_get("public_comments")?;
    let timeline: Option<String> = row.try_get("timeline")?;
    Ok(Some(PublicPageKey {
        timeline: match timeline {
            None => Default::default(),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| StoreError::Corrupt(format!("timeline: {e}")))?,
        },
        publication: publication_from_row(&row)?,
        public_comments: public_comments != 0,
        newest_ratification: row.try_get("newest_ratification")?,
    }))
}

/// The HTML rendered when the publication was made.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn publication_html(db: &Db, publication: i64) -> Result<Option<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT html FROM document_publications WHERE id = $1")
            .bind(publication)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// A section save that clashed with someone else's change, kept until merged.
#[derive(Debug, Clone)]
pub struct StoredConflict {
    pub id: i64,
    pub process: ProcessId,
    pub kind: DocumentKind,
    pub key: SectionKey,
    pub base: VersionNumber,
    pub person: PersonId,
    pub heading: String,
    pub body: String,
    pub summary: String,
    pub resolved: bool,
}

#[allow(clippy::too_many_arguments)]
#[tracing::instrument(level = "debug", skip(db, heading, body, summary))]
pub async fn insert_conflict(
    db: &Db,
    process: ProcessId,
    kind: DocumentKind,
    key: SectionKey,
    base: VersionNumber,
    person: PersonId,
    heading: &str,
    body: &str,
    summary: &str,
    now: i64,
) -> Result<i64, StoreError> {
    Ok(db.fetch_one_committed(
sqlx::query_scalar(
        "INSERT INTO edit_conflicts \
         (process_id, kind, section_key, base_number, person_id, heading, body, summary, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(process.get())
    .bind(kind.slug())
    .bind(i64::from(key.get()))
    .bind(i64::from(base.get()))
    .bind(person.get())
    .bind(heading)
    .bind(body)
    .bind(summary)
    .bind(now)
    )
    .await?)
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn find_conflict(db: &Db, id: i64) -> Result<Option<StoredConflict>, StoreError> {
    let row = sqlx::query(
        "SELECT id, process_id, kind, section_key, base_number, person_id, heading, body, summary, \
         resolved_at FROM edit_conflicts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let kind: String = row.try_get("kind")?;
    let key: i64 = row.try_get("section_key")?;
    let resolved_at: Option<i64> = row.try_get("resolved_at")?;
    Ok(Some(StoredConflict {
        id: row.try_get("id")?,
        process: ProcessId::new(row.try_get("process_id")?),
        kind: DocumentKind::from_slug(&kind)
            .ok_or_else(|| StoreError::Corrupt(format!("document kind {kind:?}")))?,
        key: SectionKey::new(
            u32::try_from(key).map_err(|_| StoreError::Corrupt(format!("section key {key}")))?,
        ),
        base: number_from(row.try_get("base_number")?)?,
        person: PersonId::new(row.try_get("person_id")?),
        heading: row.try_get("heading")?,
        body: row.try_get("body")?,
        summary: row.try_get("summary")?,
        resolved: resolved_at.is_some(),
    }))
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn resolve_conflict(db: &Db, id: i64, now: i64) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query("UPDATE edit_conflicts SET resolved_at = $1 WHERE id = $2")
            .bind(now)
            .bind(id),
    )
    .await?;
    Ok(())
}
