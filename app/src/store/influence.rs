//! What the influence ledger is recounted from: who commented and proposed amendments in a
//! process (people with accounts; the public's comments are not anyone's group), what became
//! of each amendment, and the groups each person said they take part as (confirmed claims).

use std::collections::HashMap;

use sqlx::Row;

use super::{Db, StoreError};
use crate::domain::ProcessId;
use crate::domain::constituency::Constituency;
use crate::domain::influence::{Contributed, Contribution, Verdict};

#[tracing::instrument(level = "debug", skip(db))]
pub async fn contributions(db: &Db, process: ProcessId) -> Result<Vec<Contribution>, StoreError> {
    let mut groups: HashMap<i64, Vec<Constituency>> = HashMap::new();
    for row in sqlx::query(
        "SELECT person_id, constituency FROM constituency_claims \
         WHERE process_id = $1 AND confirmed_at IS NOT NULL",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?
    {
        let slug: String = row.try_get("constituency")?;
        let c = Constituency::from_slug(&slug)
            .ok_or_else(|| StoreError::Corrupt(format!("constituency {slug:?}")))?;
        groups.entry(row.try_get("person_id")?).or_default().push(c);
    }
    let of = |person: i64| groups.get(&person).cloned().unwrap_or_default();
    let mut out = Vec::new();
    for row in sqlx::query(
        "SELECT author_id FROM comments WHERE process_id = $1 AND author_id IS NOT NULL \
         AND from_public = 0 AND visibility = 'visible'",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?
    {
        let person: i64 = row.try_get("author_id")?;
        out.push(Contribution {
            person,
            groups: of(person),
            what: Contributed::Comment,
        });
    }
    for row in sqlx::query(
        "SELECT proposer_id, state, created_at, decided_at FROM amendments \
         WHERE process_id = $1 AND proposer_id IS NOT NULL",
    )
    .bind(process.get())
    .fetch_all(db.pool())
    .await?
    {
        let person: i64 = row.try_get("proposer_id")?;
        let state: String = row.try_get("state")?;
        let verdict = match state.as_str() {
            "accepted" => Verdict::Accepted,
            "declined" => Verdict::Declined,
            "open" | "sent_to_vote" => Verdict::Waiting,
            other => return Err(StoreError::Corrupt(format!("amendment state {other:?}"))),
        };
        out.push(Contribution {
            person,
            groups: of(person),
            what: Contributed::Amendment {
                verdict,
                proposed_at: row.try_get("created_at")?,
                decided_at: match verdict {
                    Verdict::Waiting => None,
                    _ => row.try_get("decided_at")?,
                },
            },
        });
    }
    Ok(out)
}
