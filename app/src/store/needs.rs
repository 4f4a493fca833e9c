//! What needs me: the queries behind it, and the `needs_done` table of what a person marked
//! done. Every query is about one person and the processes they belong to.

use super::{Db, StoreError};
use crate::domain::document::DocumentKind;
use crate::domain::needs::Need;
use crate::domain::{Constituency, PersonId, ProcessId};

fn kind(raw: &str) -> Result<DocumentKind, StoreError> {
    DocumentKind::from_slug(raw).ok_or_else(|| StoreError::Corrupt(format!("document {raw:?}")))
}

/// Which of a person's processes to look into for what waits on a role there: amendments
/// for a verdict, the moderation queue, decisions that close by hand.
#[derive(Debug, Default)]
pub struct ByRole {
    pub decide_amendments: Vec<ProcessId>,
    pub moderate: Vec<ProcessId>,
    pub run_decisions: Vec<ProcessId>,
}

/// Everything that may wait for one person, as read in one statement: the header asks on
/// every signed-in page, and ten small queries were most of a page's own.
#[derive(Debug, Default)]
pub struct Waiting {
    /// Open decisions (not a workshop's) in their processes without their ballot, with who
    /// may vote in each, by decision.
    pub votes: Vec<(i64, Need, Vec<Constituency>)>,
    /// Their confirmed constituencies, by process.
    pub claims: Vec<(i64, Constituency)>,
    /// Replies by others in threads they started (visible ones, newest first).
    pub replies: Vec<(i64, Need)>,
    /// Their amendments that got a verdict (newest first).
    pub verdicts: Vec<(i64, Need)>,
    /// Documents they read that have newer versions since, in processes they belong to.
    pub behind: Vec<(i64, Need)>,
    /// For [`ByRole`]'s processes, in their order: amendments waiting for a verdict, the
    /// moderation queue when it is not empty, open decisions that close only by hand.
    pub by_role: Vec<(i64, Need)>,
    /// The keys they marked done.
    pub done: Vec<String>,
}

/// What waits for `person` at `now` (see [`Waiting`]).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn waiting(
    db: &Db,
    person: PersonId,
    now: i64,
    by_role: &ByRole,
) -> Result<Waiting, StoreError> {
    // Every branch has the same six columns: what, process, two numbers, two texts, with
    // typed nulls (PostgreSQL takes an untyped NULL in a subquery for text). Process ids are
    // numbers from the database, written into the statement.
    const N: &str = "CAST(NULL AS BIGINT)";
    const T: &str = "CAST(NULL AS TEXT)";
    let mut branches = vec![
        "SELECT * FROM (SELECT 'vote' AS what, d.process_id AS process, d.id AS a, d.closes_at AS b, \
         d.question AS t1, d.eligible AS t2 FROM decisions d \
         WHERE d.closed_at IS NULL AND (d.closes_at IS NULL OR d.closes_at > $2) \
         AND d.opened_in_workshop IS NULL \
         AND d.process_id IN (SELECT process_id FROM memberships WHERE person_id = $1) \
         AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.decision_id = d.id AND b.person_id = $1) \
         ORDER BY d.id LIMIT 100) AS votes"
            .to_string(),
        format!(
            "SELECT 'claim', process_id, {N}, {N}, constituency, {T} FROM constituency_claims \
         WHERE person_id = $1 AND confirmed_at IS NOT NULL \
             AND process_id IN (SELECT process_id FROM memberships WHERE person_id = $1)"
        ),
        format!(
            "SELECT * FROM (SELECT 'reply', c.process_id, c.id, c.section_key, c.kind, {T} FROM comments c \
         WHERE c.visibility = 'visible' AND (c.author_id IS NULL OR c.author_id <> $1) \
         AND c.thread_id IN (SELECT t.id FROM comments t WHERE t.author_id = $1) \
         ORDER BY c.id DESC LIMIT 50) AS replies"
        ),
        format!(
            "SELECT * FROM (SELECT 'verdict', process_id, id, {N}, kind, state FROM amendments \
         WHERE proposer_id = $1 AND state IN ('accepted', 'declined') ORDER BY id DESC LIMIT 50) AS verdicts"
        ),
        format!(
            "SELECT 'behind', r.process_id, r.number, \
         (SELECT MAX(v.number) FROM document_versions v \
          WHERE v.process_id = r.process_id AND v.kind = r.kind), r.kind, {T} \
         FROM document_reads r WHERE r.person_id = $1 \
         AND r.process_id IN (SELECT process_id FROM memberships WHERE person_id = $1)"
        ),
        format!(
            "SELECT 'done', 0, {N}, {N}, item, {T} FROM needs_done WHERE person_id = $1"
        ),
    ];
    for p in &by_role.decide_amendments {
        let p = p.get();
        branches.push(format!(
            "SELECT * FROM (SELECT 'amendment', process_id, id, {N}, kind, {T} FROM amendments \
             WHERE process_id = {p} AND state = 'open' ORDER BY id LIMIT 50) AS amendments_{p}"
        ));
    }
    for p in &by_role.moderate {
        let p = p.get();
        // Counted by the database, as the queue page counts it.
        branches.push(format!(
            "SELECT 'moderation', {p}, COUNT(*), MAX(id), {T}, {T} FROM comments \
             WHERE process_id = {p} AND (visibility = 'awaiting_approval' \
             OR id IN (SELECT comment_id FROM comment_reports WHERE handled_at IS NULL))"
        ));
    }
    for p in &by_role.run_decisions {
        let p = p.get();
        branches.push(format!(
            "SELECT * FROM (SELECT 'by_hand', process_id, id, {N}, question, {T} FROM decisions \
             WHERE process_id = {p} AND closed_at IS NULL AND closes_at IS NULL \
             AND opened_in_workshop IS NULL ORDER BY id LIMIT 50) AS by_hand_{p}"
        ));
    }
    type Columns = (
        String,
        i64,
        Option<i64>,
        Option<i64>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Columns> = sqlx::query_as(&branches.join(" UNION ALL "))
        .bind(person.get())
        .bind(now)
        .fetch_all(db.pool())
        .await?;
    let mut out = Waiting::default();
    let mut by_role_rows = Vec::new();
    for (what, process, a, b, t1, t2) in rows {
        let row = WaitingRow {
            what,
            process,
            a,
            b,
            t1,
            t2,
        };
        row.sort_into(&mut out, &mut by_role_rows)?;
    }
    // A union keeps no order: each list is put back in the order its query asked for.
    out.votes.sort_by_key(|(_, need, _)| match need {
        Need::Vote { decision, .. } => *decision,
        _ => 0,
    });
    out.replies.sort_by_key(|(_, need)| match need {
        Need::Reply { comment, .. } => std::cmp::Reverse(*comment),
        _ => std::cmp::Reverse(0),
    });
    out.verdicts.sort_by_key(|(_, need)| match need {
        Need::Verdict { amendment, .. } => std::cmp::Reverse(*amendment),
        _ => std::cmp::Reverse(0),
    });
    out.behind.sort_by_key(|(process, need)| match need {
        Need::Changed { kind, .. } => (*process, kind.slug()),
        _ => (*process, ""),
    });
    by_role_rows.sort_by_key(|(process, rank, id, _)| (*process, *rank, *id));
    out.by_role = by_role_rows
        .into_iter()
        .map(|(process, _, _, need)| (process, need))
        .collect();
    Ok(out)
}

/// One row of [`waiting`]'s statement.
struct WaitingRow {
    what: String,
    process: i64,
    a: Option<i64>,
    b: Option<i64>,
    t1: Option<String>,
    t2: Option<String>,
}

impl WaitingRow {
    /// Files the row under its list; rows for a role are kept with their process, their kind
    /// (in the order the needs page lists them) and their id, to be sorted.
    fn sort_into(
        self,
        out: &mut Waiting,
        by_role: &mut Vec<(i64, u8, i64, Need)>,
    ) -> Result<(), StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("what needs me: {what}"));
        let id = || self.a.ok_or_else(|| corrupt("a missing id"));
        let text = |t: &Option<String>| t.clone().ok_or_else(|| corrupt("a missing text"));
        let p = self.process;
        match self.what.as_str() {
            "vote" => {
                let eligible: Vec<Constituency> = serde_json::from_str(&text(&self.t2)?)
                    .map_err(|e| StoreError::Corrupt(format!("eligible: {e}")))?;
                let need = Need::Vote {
                    decision: id()?,
                    question: text(&self.t1)?,
                    closes_at: self.b,
                };
                out.votes.push((p, need, eligible));
            }
            "claim" => {
                let slug = text(&self.t1)?;
                let c = Constituency::from_slug(&slug)
                    .ok_or_else(|| StoreError::Corrupt(format!("constituency {slug:?}")))?;
                out.claims.push((p, c));
            }
            "reply" => out.replies.push((
                p,
                Need::Reply {
                    comment: id()?,
                    kind: kind(&text(&self.t1)?)?,
                    section: self.b.and_then(|s| u32::try_from(s).ok()).unwrap_or(0),
                },
            )),
            "verdict" => out.verdicts.push((
                p,
                Need::Verdict {
                    amendment: id()?,
                    kind: kind(&text(&self.t1)?)?,
                    accepted: self.t2.as_deref() == Some("accepted"),
                },
            )),
            "behind" => {
                let read = id()?;
                let Some(latest) = self.b.filter(|l| *l > read) else {
                    return Ok(());
                };
                let number = |n: i64| {
                    u32::try_from(n).map_err(|_| StoreError::Corrupt(format!("version number {n}")))
                };
                out.behind.push((
                    p,
                    Need::Changed {
                        kind: kind(&text(&self.t1)?)?,
                        read: number(read)?,
                        latest: number(latest)?,
                    },
                ));
            }
            "done" => out.done.push(text(&self.t1)?),
            "amendment" => {
                let amendment = id()?;
                let need = Need::AmendmentWaiting {
                    amendment,
                    kind: kind(&text(&self.t1)?)?,
                };
                by_role.push((p, 0, amendment, need));
            }
            "moderation" => {
                let waiting = u32::try_from(self.a.unwrap_or(0)).unwrap_or(u32::MAX);
                if let Some(latest) = self.b.filter(|_| waiting > 0) {
                    by_role.push((p, 1, 0, Need::Moderation { waiting, latest }));
                }
            }
            "by_hand" => {
                let decision = id()?;
                let need = Need::ReadyToClose {
                    decision,
                    question: text(&self.t1)?,
                };
                by_role.push((p, 2, decision, need));
            }
            other => return Err(corrupt(other)),
        }
        Ok(())
    }
}

/// The keys `person` marked done.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn done(db: &Db, person: PersonId) -> Result<Vec<String>, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT item FROM needs_done WHERE person_id = $1")
            .bind(person.get())
            .fetch_all(db.pool())
            .await?,
    )
}

/// Marks `item` done for `person` (again is fine).
#[tracing::instrument(level = "debug", skip(db))]
pub async fn mark_done(db: &Db, person: PersonId, item: &str, now: i64) -> Result<(), StoreError> {
    db.execute_committed(
        sqlx::query(
            "INSERT INTO needs_done (person_id, item, done_at) VALUES ($1, $2, $3) \
             ON CONFLICT (person_id, item) DO NOTHING",
        )
        .bind(person.get())
        .bind(item)
        .bind(now),
    )
    .await?;
    Ok(())
}

/// Remembers that `person` opened version `number` of a document (never moves back). Reads
/// first, so reading a version already remembered takes no write lock.
#[tracing::instrument(level = "debug", skip(db))]
pub async fn record_read(
    db: &Db,
    person: PersonId,
    process: ProcessId,
    kind: DocumentKind,
    number: u32,
    now: i64,
) -> Result<(), StoreError> {
    let known: Option<i64> = sqlx::query_scalar(
        "SELECT number FROM document_reads WHERE person_id = $1 AND process_id = $2 AND kind = $3",
    )
    .bind(person.get())
    .bind(process.get())
    .bind(kind.slug())
    .fetch_optional(db.pool())
    .await?;
    if known.is_some_and(|n| n >= i64::from(number)) {
        return Ok(());
    }
    db.execute_committed(
        sqlx::query(
            "INSERT INTO document_reads (person_id, process_id, kind, number, read_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (person_id, process_id, kind) DO UPDATE \
             SET number = excluded.number, read_at = excluded.read_at \
             WHERE document_reads.number < excluded.number",
        )
        .bind(person.get())
        .bind(process.get())
        .bind(kind.slug())
        .bind(i64::from(number))
        .bind(now),
    )
    .await?;
    Ok(())
}
