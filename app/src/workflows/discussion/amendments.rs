//! Amendments: proposing replacement words for a section, supporting one, and an editor's
//! verdict (accept, decline with a reason, or send to a vote). Accepting, by an editor or by
//! a vote that passed, saves the next version crediting the proposer (`apply`).

use crate::domain::PersonId;
use crate::domain::deliberation::Reason;
use crate::domain::deliberation::amendment::{
    AmendmentState, Verdict, accepted_content, check_proposal, may_give,
};
use crate::domain::document::SectionKey;
use crate::domain::document::version::{ChangeSummary, VersionNumber};
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::forms::discussion::Proposal;
use crate::forms::refusal;
use crate::store::amendments::StoredAmendment;
use crate::store::documents::{NextVersion, write_next_crediting};
use crate::store::{Db, StoreError};
use crate::workflows::documents::DocumentContext;
use crate::workflows::limits::check_comment_rate;
use crate::workflows::unexpected;

/// Proposes replacement words for section `key`, against version `base`; returns its id.
pub async fn propose(
    access: &DocumentContext,
    key: u32,
    base: u32,
    proposal: Proposal,
) -> Result<i64, AppError> {
    let proposer = access.require(ProcessAction::ProposeAmendments, "propose an amendment")?;
    let db = access.db();
    let not_found = || AppError::NotFound(format!("version {base} of this document"));
    let base = VersionNumber::new(base).ok_or_else(not_found)?;
    let version = crate::store::documents::version(db, access.id(), access.kind, base)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)?;
    let key = SectionKey::new(key);
    check_proposal(&version.content, key, &proposal.body)
        .map_err(|refused| refusal("body", refused.to_string()))?;
    let now = crate::store::unix_now();
    check_comment_rate(db, proposer.person, now).await?;
    let id = crate::store::amendments::insert(
        db,
        access.id(),
        access.kind,
        key,
        base,
        &proposal.body,
        proposal.reason.as_str(),
        proposer.person,
        now,
    )
    .await
    .map_err(unexpected("saving an amendment"))?;
    tracing::info!(
        process = access.id().get(),
        amendment = id,
        person = proposer.person.get(),
        "amendment proposed"
    );
    Ok(id)
}

/// Supports an amendment (once per person), or takes the support back.
pub async fn support(
    access: &DocumentContext,
    amendment: &StoredAmendment,
    support: bool,
) -> Result<(), AppError> {
    let person = access.require(ProcessAction::ProposeAmendments, "support an amendment")?;
    if !amendment.state.is_undecided() {
        return Err(AppError::Conflict(
            "This amendment has been decided, so support can no longer change.".into(),
        ));
    }
    let db = access.db();
    if support {
        crate::store::amendments::support(db, amendment.id, person.person, crate::store::unix_now())
            .await
    } else {
        crate::store::amendments::withdraw_support(db, amendment.id, person.person).await
    }
    .map_err(unexpected("recording support"))
}

fn already_decided() -> AppError {
    AppError::Conflict(
        "Someone else decided this amendment a moment ago. Reload to see what they decided.".into(),
    )
}

/// An editor's verdict; a decline needs `reason`. Returns the new version's number when the
/// amendment was accepted.
pub async fn decide(
    access: &DocumentContext,
    amendment: &StoredAmendment,
    verdict: Verdict,
    reason: Option<Reason>,
) -> Result<Option<u32>, AppError> {
    let editor = access.require(ProcessAction::DecideAmendments, "decide on an amendment")?;
    may_give(&amendment.state, verdict).map_err(|r| AppError::Conflict(r.to_string()))?;
    let db = access.db();
    let now = crate::store::unix_now();
    let made = match verdict {
        Verdict::Accept => match apply_amendment(db, amendment, editor.person, now).await? {
            Applied::Saved(number) => Some(number),
            Applied::Refused(why) => return Err(AppError::Conflict(why)),
            Applied::AlreadyDecided => return Err(already_decided()),
        },
        Verdict::Decline => {
            let reason = reason.ok_or_else(|| refusal("reason", "Please fill this in."))?;
            let state = AmendmentState::Declined {
                reason: reason.as_str().to_string(),
            };
            let done = crate::store::amendments::set_state(
                db,
                amendment.id,
                &state,
                Some(reason.as_str()),
                editor.person,
                now,
            )
            .await
            .map_err(unexpected("declining an amendment"))?;
            if !done {
                return Err(already_decided());
            }
            None
        }
        Verdict::SendToVote => {
            let decision = crate::store::amendments::send_to_vote(
                db,
                amendment,
                &crate::domain::decision::spec::DecisionSpec::amendment_vote(amendment.id),
                editor.person,
                now,
            )
            .await
            .map_err(unexpected("sending an amendment to a vote"))?
            .ok_or_else(already_decided)?;
            tracing::info!(
                amendment = amendment.id,
                decision,
                "amendment sent to a vote"
            );
            None
        }
    };
    tracing::info!(
        amendment = amendment.id,
        person = editor.person.get(),
        ?verdict,
        "amendment decided"
    );
    Ok(made)
}

/// What applying an amendment's text led to.
pub enum Applied {
    /// Saved as this version, crediting the proposer.
    Saved(u32),
    /// It cannot be applied as it stands; the words say why.
    Refused(String),
    /// Someone decided it meanwhile.
    AlreadyDecided,
}

/// Saves the next version with the amendment's text in place of its section, crediting the
/// proposer, and marks it accepted, in one transaction. Used by an editor's "accept" and when
/// a vote on the amendment passes.
pub async fn apply_amendment(
    db: &Db,
    amendment: &StoredAmendment,
    by: PersonId,
    now: i64,
) -> Result<Applied, AppError> {
    let base =
        crate::store::documents::version(db, amendment.process, amendment.kind, amendment.base)
            .await
            .map_err(unexpected("reading a version"))?
            .ok_or(AppError::Unexpected)?;
    let summary = ChangeSummary::automatic(format!("Accepted amendment {}", amendment.id));
    let saved = write_next_crediting(
        db,
        amendment.process,
        amendment.kind,
        by,
        now,
        Some(amendment.id),
        |latest| match latest {
            None => NextVersion::Keep(Err("This document has no versions.".to_string())),
            Some(latest) => match accepted_content(
                &base.content,
                &latest.content,
                amendment.section,
                &amendment.body,
            ) {
                Ok(content) => NextVersion::Save(content, summary.clone(), Ok(())),
                Err(refusal) => NextVersion::Keep(Err(refusal.to_string())),
            },
        },
    )
    .await;
    match saved {
        Ok((Ok(()), Some(number))) => Ok(Applied::Saved(number.get())),
        Ok((Ok(()), None)) => Err(AppError::Unexpected),
        Ok((Err(why), _)) => Ok(Applied::Refused(why)),
        Err(StoreError::AlreadyDecided) => Ok(Applied::AlreadyDecided),
        Err(other) => Err(unexpected("accepting an amendment")(other)),
    }
}
