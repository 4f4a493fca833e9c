//! Everything held about one person, for "download my data", and withdrawal.

use serde::{Deserialize, Serialize};
use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::PersonId;

/// What the export contains. Secrets (password hash, session tokens) are described, never
/// included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalData {
    pub person_id: i64,
    pub account_created_at: i64,
    pub site_role: String,
    pub full_name: Option<String>,
    pub pseudonym: Option<String>,
    pub appearance: String,
    pub show_on_public_pages: bool,
    pub email: Option<String>,
    pub has_password: bool,
    pub memberships: Vec<MembershipRecord>,
    pub constituencies: Vec<ConstituencyRecord>,
    pub processes_started: Vec<i64>,
    pub sign_in_codes_used: Vec<String>,
    pub active_sessions: i64,
    /// Document versions this person saved (their words are in the documents themselves).
    pub document_versions_saved: Vec<VersionRecord>,
    /// Their words from clashing edits, kept until merged (deleted on withdrawal).
    pub unmerged_edits: Vec<UnmergedEdit>,
    /// Comments and replies they wrote (kept on withdrawal, shown as a withdrawn participant).
    #[serde(default)]
    pub comments: Vec<CommentRecord>,
    /// Amendments they proposed.
    #[serde(default)]
    pub amendments: Vec<AmendmentRecord>,
    /// Amendments they support, by id.
    #[serde(default)]
    pub amendments_supported: Vec<i64>,
    /// Comments they reported to a facilitator, with the reason they gave.
    #[serde(default)]
    pub reports_made: Vec<ReportRecord>,
    /// Their current ballot in each decision they voted in (kept on withdrawal, so counts
    /// stay true; nothing then links it to them by name).
    #[serde(default)]
    pub ballots: Vec<BallotRecord>,
    /// Versions they ratified as a commissioner (a public act: their name stays with it).
    #[serde(default)]
    pub ratifications: Vec<RatificationRecord>,
    /// Comments on commitment updates: (comment id, text, written at).
    #[serde(default)]
    pub commitment_comments: Vec<(i64, String, i64)>,
    /// Minority statements signed: (decision id, signed at).
    #[serde(default)]
    pub minority_statements_signed: Vec<(i64, i64)>,
    /// Things marked done on "What needs me": (key, marked at).
    #[serde(default)]
    pub needs_marked_done: Vec<(String, i64)>,
    /// What they chose to hear about by email: (topics as JSON, how often), if they chose.
    #[serde(default)]
    pub email_choice: Option<(String, String)>,
    /// Email notices sent to them: (which notice, when).
    #[serde(default)]
    pub email_notices_sent: Vec<(String, i64)>,
    /// Messages written for them: (subject, written at, sent at).
    #[serde(default)]
    pub email_messages: Vec<(String, i64, Option<i64>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BallotRecord {
    pub decision_id: i64,
    pub question: String,
    /// The ballot as stored (JSON).
    pub ballot: String,
    pub cast_at: i64,
    pub changed_at: Option<i64>,
    /// How they appear in that decision's participation record (a different name in each
    /// decision; unlinked on withdrawal).
    pub pseudonym: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatificationRecord {
    pub decision_id: i64,
    pub document: String,
    pub version: i64,
    pub name_shown: String,
    pub ratified_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentRecord {
    pub comment_id: i64,
    pub process_id: i64,
    pub document: String,
    pub section: i64,
    pub version: i64,
    pub text: String,
    pub written_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendmentRecord {
    pub amendment_id: i64,
    pub process_id: i64,
    pub document: String,
    pub section: i64,
    pub text: String,
    pub reason: String,
    pub state: String,
    pub proposed_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRecord {
    pub comment_id: i64,
    pub reason: String,
    pub reported_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRecord {
    pub process_id: i64,
    pub document: String,
    pub version: i64,
    pub summary: String,
    pub saved_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmergedEdit {
    pub process_id: i64,
    pub document: String,
    pub heading: String,
    pub text: String,
    pub kept_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipRecord {
    pub process_id: i64,
    pub role: String,
    pub since: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConstituencyRecord {
    pub process_id: i64,
    pub constituency: String,
    pub declared_at: i64,
    pub confirmed_at: Option<i64>,
}

#[tracing::instrument(level = "debug", skip(db))]
pub async fn export(
    db: &Db,
    person: PersonId,
    now: i64,
) -> Result<Option<PersonalData>, StoreError> {
    let row = sqlx::query(
        "SELECT id, created_at, site_role, full_name, pseudonym, appearance, show_on_public_pages, email, \
         password_hash FROM people WHERE id = $1",
    )
    .bind(person.get())
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else { return Ok(None) };
    let password_hash: Option<String> = row.try_get("password_hash")?;
    let show: i64 = row.try_get("show_on_public_pages")?;
    let memberships: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT process_id, role, created_at FROM memberships WHERE person_id = $1 ORDER BY process_id, role",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let claims = sqlx::query(
        "SELECT process_id, constituency, declared_at, confirmed_at FROM constituency_claims \
         WHERE person_id = $1 ORDER BY process_id, constituency",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let processes_started: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM processes WHERE created_by = $1 ORDER BY id")
            .bind(person.get())
            .fetch_all(db.pool())
            .await?;
    let sign_in_codes_used: Vec<String> =
        sqlx::query_scalar("SELECT code FROM sign_in_codes WHERE used_by = $1 ORDER BY code")
            .bind(person.get())
            .fetch_all(db.pool())
            .await?;
    let active_sessions: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sessions WHERE person_id = $1 AND expires_at > $2",
    )
    .bind(person.get())
    .bind(now)
    .fetch_one(db.pool())
    .await?;
    let versions: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
        "SELECT process_id, kind, number, summary, created_at FROM document_versions \
         WHERE author_id = $1 ORDER BY process_id, kind, number",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let unmerged: Vec<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT process_id, kind, heading, body, created_at FROM edit_conflicts \
         WHERE person_id = $1 AND resolved_at IS NULL ORDER BY id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let comments: Vec<(i64, i64, String, i64, i64, String, i64)> = sqlx::query_as(
        "SELECT id, process_id, kind, section_key, version_number, body, created_at FROM comments \
         WHERE author_id = $1 ORDER BY id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    type AmendmentRow = (i64, i64, String, i64, String, String, String, i64);
    let amendments: Vec<AmendmentRow> = sqlx::query_as(
        "SELECT id, process_id, kind, section_key, body, reason, state, created_at FROM amendments \
         WHERE proposer_id = $1 ORDER BY id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let amendments_supported: Vec<i64> = sqlx::query_scalar(
        "SELECT amendment_id FROM amendment_supports WHERE person_id = $1 ORDER BY amendment_id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let reports: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT comment_id, reason, created_at FROM comment_reports WHERE reporter_id = $1 ORDER BY id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let ballots: Vec<(i64, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT b.decision_id, d.question, b.ballot, b.cast_at, b.changed_at FROM ballots b \
         JOIN decisions d ON d.id = b.decision_id WHERE b.person_id = $1 ORDER BY b.decision_id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let pseudonym_secret: Option<String> =
        sqlx::query_scalar("SELECT pseudonym FROM record_pseudonyms WHERE person_id = $1")
            .bind(person.get())
            .fetch_optional(db.pool())
            .await?;
    let ratifications: Vec<(i64, String, i64, String, i64)> = sqlx::query_as(
        "SELECT decision_id, kind, number, ratifier_name, ratified_at FROM ratifications \
         WHERE ratified_by = $1 ORDER BY id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let commitment_comments: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, body, created_at FROM commitment_comments WHERE author_id = $1 ORDER BY id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let minority_statements_signed: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT decision_id, signed_at FROM minority_signatures WHERE person_id = $1 ORDER BY decision_id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let needs_marked_done: Vec<(String, i64)> =
        sqlx::query_as("SELECT item, done_at FROM needs_done WHERE person_id = $1 ORDER BY item")
            .bind(person.get())
            .fetch_all(db.pool())
            .await?;
    let email_choice: Option<(String, String)> =
        sqlx::query_as("SELECT topics, frequency FROM email_preferences WHERE person_id = $1")
            .bind(person.get())
            .fetch_optional(db.pool())
            .await?;
    let email_notices_sent: Vec<(String, i64)> = sqlx::query_as(
        "SELECT notice, at FROM email_notified WHERE person_id = $1 ORDER BY notice",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    let email_messages: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT subject, created_at, sent_at FROM email_outbox WHERE person_id = $1 ORDER BY id",
    )
    .bind(person.get())
    .fetch_all(db.pool())
    .await?;
    Ok(Some(PersonalData {
        email_choice,
        email_notices_sent,
        email_messages,
        commitment_comments,
        minority_statements_signed,
        needs_marked_done,
        ballots: ballots
            .into_iter()
            .map(
                |(decision_id, question, ballot, cast_at, changed_at)| BallotRecord {
                    pseudonym: pseudonym_secret
                        .as_deref()
                        .map(|s| crate::domain::decision::record::pseudonym(s, decision_id)),
                    decision_id,
                    question,
                    ballot,
                    cast_at,
                    changed_at,
                },
            )
            .collect(),
        ratifications: ratifications
            .into_iter()
            .map(
                |(decision_id, document, version, name_shown, ratified_at)| RatificationRecord {
                    decision_id,
                    document,
                    version,
                    name_shown,
                    ratified_at,
                },
            )
            .collect(),
        comments: comments
            .into_iter()
            .map(
                |(comment_id, process_id, document, section, version, text, written_at)| {
                    CommentRecord {
                        comment_id,
                        process_id,
                        document,
                        section,
                        version,
                        text,
                        written_at,
                    }
                },
            )
            .collect(),
        amendments: amendments
            .into_iter()
            .map(
                |(
                    amendment_id,
                    process_id,
                    document,
                    section,
                    text,
                    reason,
                    state,
                    proposed_at,
                )| {
                    AmendmentRecord {
                        amendment_id,
                        process_id,
                        document,
                        section,
                        text,
                        reason,
                        state,
                        proposed_at,
                    }
                },
            )
            .collect(),
        amendments_supported,
        reports_made: reports
            .into_iter()
            .map(|(comment_id, reason, reported_at)| ReportRecord {
                comment_id,
                reason,
                reported_at,
            })
            .collect(),
        document_versions_saved: versions
            .into_iter()
            .map(
                |(process_id, document, version, summary, saved_at)| VersionRecord {
                    process_id,
                    document,
                    version,
                    summary,
                    saved_at,
                },
            )
            .collect(),
        unmerged_edits: unmerged
            .into_iter()
            .map(
                |(process_id, document, heading, text, kept_at)| UnmergedEdit {
                    process_id,
                    document,
                    heading,
                    text,
                    kept_at,
                },
            )
            .collect(),
        person_id: row.try_get("id")?,
        account_created_at: row.try_get("created_at")?,
        site_role: row.try_get("site_role")?,
        full_name: row.try_get("full_name")?,
        pseudonym: row.try_get("pseudonym")?,
        appearance: row.try_get("appearance")?,
        show_on_public_pages: show != 0,
        email: row.try_get("email")?,
        has_password: password_hash.is_some(),
        memberships: memberships
            .into_iter()
            .map(|(process_id, role, since)| MembershipRecord {
                process_id,
                role,
                since,
            })
            .collect(),
        constituencies: claims
            .iter()
            .map(|r| {
                Ok(ConstituencyRecord {
                    process_id: r.try_get("process_id")?,
                    constituency: r.try_get("constituency")?,
                    declared_at: r.try_get("declared_at")?,
                    confirmed_at: r.try_get("confirmed_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()?,
        processes_started,
        sign_in_codes_used,
        active_sessions,
    }))
}

/// Withdrawal: deletes the person's personal data (names, email, password) and every session,
/// in one transaction. Memberships and declared constituencies stay, so counts in past
/// records stay true; everywhere they appear they become "a withdrawn participant".
#[tracing::instrument(level = "debug", skip(db))]
pub async fn withdraw(db: &Db, person: PersonId, now: i64) -> Result<(), StoreError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "UPDATE people SET full_name = NULL, pseudonym = NULL, email = NULL, password_hash = NULL, \
         appearance = 'constituency_only', show_on_public_pages = 0, withdrawn_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(person.get())
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE person_id = $1")
        .bind(person.get())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sign_in_links WHERE person_id = $1")
        .bind(person.get())
        .execute(&mut *tx)
        .await?;
    // Unmerged words from a clashing edit were never saved into the document: they go too.
    sqlx::query("DELETE FROM edit_conflicts WHERE person_id = $1")
        .bind(person.get())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM needs_done WHERE person_id = $1")
        .bind(person.get())
        .execute(&mut *tx)
        .await?;
    // Email: what they chose, what was sent, and what waits (nothing more goes out).
    for table in ["email_preferences", "email_notified", "email_outbox"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1"))
            .bind(person.get())
            .execute(&mut *tx)
            .await?;
    }
    // Participation records keep the pseudonym; nothing links it to the person any more.
    sqlx::query("DELETE FROM record_pseudonyms WHERE person_id = $1")
        .bind(person.get())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    // The withdrawal is committed whatever happens here; a later checkpoint catches up.
    match db.checkpoint().await {
        Ok(true) => {}
        Ok(false) => {
            tracing::warn!("the write-ahead log could not be emptied after a withdrawal yet")
        }
        Err(error) => tracing::warn!(?error, "emptying the write-ahead log after a withdrawal"),
    }
    Ok(())
}

/// How many site administrators have not withdrawn.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn active_site_admins(db: &Db) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM people WHERE site_role = 'site_admin' AND withdrawn_at IS NULL",
    )
    .fetch_one(db.pool())
    .await?)
}
