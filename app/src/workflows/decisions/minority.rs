//! The minority's voice (server only): the annex of objections and reservations of an adopting
//! decision, and the minority statement those who objected or had reservations write and
//! co-sign. The annex prints with the ratified text.

use crate::domain::decision::disclosure::SecrecyThreshold;
use crate::domain::decision::minority::{AnnexBallot, StatementText, annex, may_sign};
use crate::domain::decision::subject::DecisionSubject;
use crate::domain::permissions::ProcessAction;
use crate::domain::{Audience, PersonId};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::decisions::StoredDecision;
use crate::store::minority::{self, Written};
use crate::store::{StoreError, decisions, ratifications};
use crate::views::minority::{AnnexView, MinorityPage, StatementView};
use crate::workflows::decisions::counting::Ballots;
use crate::workflows::{ProcessContext, unexpected};

/// The annex of `decision` as the public sees it, with its statement.
pub async fn annex_view(
    state: &AppState,
    decision: &StoredDecision,
) -> Result<AnnexView, StoreError> {
    let ballots = Ballots::of(&state.db, decision).await?;
    let secret = decision.spec.secret;
    // Open ballots show each reason as its voter appears on public pages; a secret one never
    // needs a profile, so none is read.
    let profiles: std::collections::HashMap<PersonId, crate::domain::Profile> = if secret {
        Default::default()
    } else {
        let voters: Vec<PersonId> = ballots.cast.iter().map(|(p, _)| *p).collect();
        crate::store::people::profiles_of(&state.db, decision.process, &voters)
            .await?
            .into_iter()
            .collect()
    };
    let cast: Vec<AnnexBallot> = ballots
        .cast
        .iter()
        .map(|(person, cast)| AnnexBallot {
            cast: cast.clone(),
            shown_as: profiles.get(person).map_or_else(
                || "someone who no longer takes part".to_string(),
                |p| p.shown_as(Audience::Public),
            ),
        })
        .collect();
    let k: SecrecyThreshold = decision.secrecy;
    let annex = annex(&cast, secret, k);
    Ok(AnnexView {
        rule: annex.rule(k),
        annex,
        statement: statement(state, decision, Audience::Public).await?,
    })
}

async fn statement(
    state: &AppState,
    decision: &StoredDecision,
    audience: Audience,
) -> Result<Option<StatementView>, StoreError> {
    let Some(stored) = minority::of_decision(&state.db, decision.id).await? else {
        return Ok(None);
    };
    if stored.signers.is_empty() {
        // Everyone took their signature back: nobody stands behind these words any more.
        return Ok(None);
    }
    let profiles: std::collections::HashMap<_, _> =
        crate::store::people::profiles_of(&state.db, decision.process, &stored.signers)
            .await?
            .into_iter()
            .collect();
    Ok(Some(StatementView {
        body: stored.body,
        revision: stored.revision,
        signers: stored
            .signers
            .iter()
            .map(|p| {
                profiles.get(p).map_or_else(
                    || "someone who no longer takes part".to_string(),
                    |pr| pr.shown_as(audience),
                )
            })
            .collect(),
    }))
}

/// The statement page of `decision`, for anyone (the annex is public once ratified).
pub async fn page(
    cx: &ProcessContext,
    decision: &StoredDecision,
) -> Result<MinorityPage, AppError> {
    adopting(decision)?;
    let state = &cx.state;
    let mut view = annex_view(state, decision)
        .await
        .map_err(unexpected("reading the annex"))?;
    // Signers see each other as they chose to appear to people taking part.
    if cx.audience() == Audience::Participants {
        view.statement = statement(state, decision, Audience::Participants)
            .await
            .map_err(unexpected("reading the minority statement"))?;
    }
    let (may_sign, signed) = match cx.viewer.as_ref() {
        Some(viewer) => {
            let may = signer(cx, decision, viewer.person).await?;
            let signed = may
                && minority::of_decision(cx.db(), decision.id)
                    .await
                    .map_err(unexpected("reading the minority statement"))?
                    .is_some_and(|s| s.signers.contains(&viewer.person));
            (may, signed)
        }
        None => (false, false),
    };
    let ratified_path = ratifications::of_decision(cx.db(), decision.id)
        .await
        .map_err(unexpected("reading a ratification"))?
        .map(|r| crate::routes::ratification(cx.id(), r.kind, r.id));
    Ok(MinorityPage {
        process: cx.process.clone(),
        decision_id: decision.id,
        question: decision.spec.question.as_str().to_string(),
        closed: decision.closed_at.is_some(),
        view,
        may_sign,
        signed,
        ratified_path,
    })
}

fn adopting(decision: &StoredDecision) -> Result<(), AppError> {
    match decision.spec.subject {
        DecisionSubject::AdoptVersion { .. } => Ok(()),
        _ => Err(AppError::NotFound(
            "a minority statement: only a decision to adopt a version has one".into(),
        )),
    }
}

/// Whether `person` objected or had reservations in `decision` (closed), so may sign.
async fn signer(
    cx: &ProcessContext,
    decision: &StoredDecision,
    person: PersonId,
) -> Result<bool, AppError> {
    if decision.closed_at.is_none() || !cx.may(ProcessAction::Vote) {
        return Ok(false);
    }
    let ballot = decisions::ballot_of(cx.db(), decision.id, person)
        .await
        .map_err(unexpected("reading a ballot"))?;
    Ok(may_sign(ballot.as_ref()))
}

/// The viewer, if they may write or sign the statement of `decision`.
async fn require_signer(
    cx: &ProcessContext,
    decision: &StoredDecision,
) -> Result<PersonId, AppError> {
    adopting(decision)?;
    let viewer = cx.require(ProcessAction::Vote, "sign a minority statement")?;
    if decision.closed_at.is_none() {
        return Err(AppError::Conflict(
            "This decision is still open. The minority statement is written once it has closed."
                .into(),
        ));
    }
    if !signer(cx, decision, viewer.person).await? {
        return Err(AppError::Forbidden(
            "Only people who objected, or agreed with reservations, in this decision can write or sign its minority statement.".into(),
        ));
    }
    Ok(viewer.person)
}

fn clashed() -> AppError {
    AppError::Conflict(
        "Someone changed the statement while you were reading it. Please read the new text before you sign or change it.".into(),
    )
}

/// Writes the statement over `revision` (0 for the first text); the writer alone signs it.
pub async fn write(
    cx: &ProcessContext,
    decision: &StoredDecision,
    revision: i64,
    text: StatementText,
) -> Result<(), AppError> {
    let person = require_signer(cx, decision).await?;
    match minority::write(
        cx.db(),
        decision.id,
        revision,
        &text,
        person,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("writing a minority statement"))?
    {
        Written::Saved => {
            cx.state.live.public_pages_changed().await;
            Ok(())
        }
        Written::Clashed => Err(clashed()),
    }
}

/// Co-signs the statement at `revision`.
pub async fn sign(
    cx: &ProcessContext,
    decision: &StoredDecision,
    revision: i64,
) -> Result<(), AppError> {
    let person = require_signer(cx, decision).await?;
    if !minority::sign(
        cx.db(),
        decision.id,
        revision,
        person,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("signing a minority statement"))?
    {
        return Err(clashed());
    }
    cx.state.live.public_pages_changed().await;
    Ok(())
}

/// Takes the viewer's signature back.
pub async fn unsign(cx: &ProcessContext, decision: &StoredDecision) -> Result<(), AppError> {
    let person = require_signer(cx, decision).await?;
    minority::unsign(cx.db(), decision.id, person)
        .await
        .map_err(unexpected("taking back a signature"))?;
    cx.state.live.public_pages_changed().await;
    Ok(())
}
