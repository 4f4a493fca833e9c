//! The public participation record of a decision (server only), for the JSON and CSV
//! downloads. Anyone may read it: names appear as each person chose to appear to the public.

use super::counting::Ballots;
use crate::domain::Audience;
use crate::domain::decision::audit::AuditFailure;
use crate::domain::decision::export::PublicRecord;
use crate::domain::decision::replay::Replay;
use crate::state::AppState;
use crate::store::{Db, StoreError, decisions, participation_record};

/// Decision `decision`'s public record; `None` when there is no such decision.
pub async fn public_record(
    state: &AppState,
    decision: i64,
) -> Result<Option<PublicRecord>, StoreError> {
    let db = &state.db;
    let Some(decision) = decisions::find(db, decision).await? else {
        return Ok(None);
    };
    let ballots = Ballots::of(db, &decision).await?;
    let took_part = ballots.names(state, &decision, Audience::Public).await?;
    let k = decision.secrecy;
    let entries = participation_record::entries(db, decision.id).await?;
    // A secret decision's record is published in full once it closes: while it is open, the
    // order of its entries could be lined up with who is seen to take part.
    let withheld = decision.spec.secret && decision.closed_at.is_none();
    Ok(Some(PublicRecord {
        decision: decision.id,
        process: decision.process.get(),
        question: decision.spec.question.as_str().to_string(),
        method: decision.spec.method.label().to_string(),
        rule: decision.spec.rule,
        secret: decision.spec.secret,
        opened_at: decision.opened_at,
        closed_at: decision.closed_at,
        outcome: ballots.results(&decision, k).map(|r| r.outcome),
        overall: ballots.results(&decision, k).and_then(|r| r.overall),
        took_part,
        turnout: ballots.turnout(),
        head_hash: entries.last().map(|e| e.hash.clone()),
        intact: ballots.audit(&decision, &entries).is_ok(),
        recount: Replay::of(&entries).recount(),
        entries_withheld_until_close: withheld,
        entries: if withheld { Vec::new() } else { entries },
    }))
}

/// Checks every decision's record whole and against its ballots and stored outcome (for
/// `recovery-commons verify-record`). `Ok(Ok(n))`: all `n` are intact; `Ok(Err(failure))`:
/// the first that is not (altered, cut short, missing, or disagreeing with the tables).
pub async fn verify_all(db: &Db) -> Result<Result<usize, AuditFailure>, StoreError> {
    let ids = decisions::all_ids(db).await?;
    for &id in &ids {
        let Some(decision) = decisions::find(db, id).await? else {
            continue;
        };
        let entries = match participation_record::entries(db, id).await {
            Ok(entries) => entries,
            // An entry that no longer decodes was changed after it was written.
            Err(StoreError::Corrupt(_)) => {
                return Ok(Err(AuditFailure::Disagrees {
                    decision: id,
                    why: "an entry of its record cannot be read: its contents were changed".into(),
                }));
            }
            Err(other) => return Err(other),
        };
        let ballots = Ballots::of(db, &decision).await?;
        if let Err(failure) = ballots.audit(&decision, &entries) {
            return Ok(Err(failure));
        }
    }
    Ok(Ok(ids.len()))
}
