//! Loading a process's decisions and one decision with its results and record. Decisions are
//! public: anyone can see who took part (as each chose to appear), the rule and the count.

use leptos::prelude::*;

use super::{DecisionList, DecisionPage};
use crate::api::AppError;

/// `POST /api/decisions/list`: a process's decisions, newest first.
#[server(prefix = "/api", endpoint = "decisions/list")]
pub async fn list_decisions(process_id: i64) -> Result<DecisionList, AppError> {
    use super::DecisionSummary;
    use crate::api::boundary::{app_state, roles_in, unexpected, viewer};
    use crate::domain::ProcessId;
    use crate::domain::permissions::{ProcessAction, may_in_process};

    let state = app_state()?;
    let id = ProcessId::new(process_id);
    let process = crate::store::processes::find(&state.db, id)
        .await
        .map_err(unexpected("reading a process"))?
        .ok_or_else(|| AppError::NotFound("that process".into()))?;
    let viewer = viewer(&state).await?;
    let roles = roles_in(&state, id, viewer.as_ref()).await?;
    let now = crate::store::unix_now();
    let decisions = crate::store::decisions::for_process(&state.db, id)
        .await
        .map_err(unexpected("reading decisions"))?
        .into_iter()
        .map(|d| DecisionSummary {
            id: d.id,
            question: d.spec.question.as_str().to_string(),
            method: d.spec.method,
            open: d.is_open(now),
            opened_at: d.opened_at,
            closed_at: d.closed_at,
            passed: d.outcome.as_ref().map(|o| o.passed),
        })
        .collect();
    Ok(DecisionList {
        process,
        decisions,
        may_run: may_in_process(viewer.as_ref(), &roles, ProcessAction::RunDecisions).is_ok(),
    })
}

/// `POST /api/decisions/page`: one decision: the question, how to vote (for those who may),
/// who took part, and once closed the count overall and by constituency, whether each part
/// of the rule was met, and the head of its participation record.
#[server(prefix = "/api", endpoint = "decisions/page")]
pub async fn load_decision(decision_id: i64) -> Result<DecisionPage, AppError> {
    use super::Results;
    use crate::api::boundary::{app_state, roles_in, unexpected, viewer};
    use crate::domain::Audience;
    use crate::domain::constituency::counted;
    use crate::domain::decision::record::verify;
    use crate::domain::decision::tally::{by_constituency, count};
    use crate::domain::permissions::{ProcessAction, may_in_process};
    use crate::store::{decisions, participation_record};

    let state = app_state()?;
    let db = &state.db;
    let decision = decisions::find(db, decision_id)
        .await
        .map_err(unexpected("reading a decision"))?
        .ok_or_else(|| AppError::NotFound("that decision".into()))?;
    let process = crate::store::processes::find(db, decision.process)
        .await
        .map_err(unexpected("reading a process"))?
        .ok_or(AppError::Unexpected)?;
    let viewer = viewer(&state).await?;
    let roles = roles_in(&state, decision.process, viewer.as_ref()).await?;
    let member = may_in_process(viewer.as_ref(), &roles, ProcessAction::ReadDrafts).is_ok();
    let now = crate::store::unix_now();
    let open = decision.is_open(now);
    let ballots = decisions::ballots(db, decision.id)
        .await
        .map_err(unexpected("reading ballots"))?;
    let audience = if member {
        Audience::Participants
    } else {
        Audience::Public
    };
    let profiles: std::collections::HashMap<_, _> =
        crate::store::people::profiles_in_process(db, decision.process)
            .await
            .map_err(unexpected("reading participants"))?
            .into_iter()
            .collect();
    let took_part = ballots
        .iter()
        .map(|(p, _)| {
            profiles.get(p).map_or_else(
                || "someone who no longer takes part".to_string(),
                |pr| pr.shown_as(audience),
            )
        })
        .collect();
    let (my_ballot, cannot_vote) = match &viewer {
        None => (None, Some("Sign in to vote.".to_string())),
        Some(v) => {
            let mine = decisions::ballot_of(db, decision.id, v.person)
                .await
                .map_err(unexpected("reading a ballot"))?;
            let why = if !open {
                Some("This decision has closed.".to_string())
            } else if let Err(r) = may_in_process(Some(v), &roles, ProcessAction::Vote) {
                Some(match r {
                    crate::domain::permissions::Refusal::Forbidden(why) => why.to_string(),
                    crate::domain::permissions::Refusal::SignInRequired => {
                        "Sign in to vote.".to_string()
                    }
                })
            } else {
                let claims =
                    crate::store::constituency_claims::claims_of(db, decision.process, v.person)
                        .await
                        .map_err(unexpected("reading constituencies"))?;
                decision.spec.may_vote(&counted(&claims)).err()
            };
            (mine, why)
        }
    };
    let options = decision.spec.options.len();
    let results = decision.outcome.clone().map(|outcome| {
        let cast: Vec<_> = ballots.iter().map(|(_, b)| b.clone()).collect();
        Results {
            overall: count(
                decision.spec.method,
                options,
                cast.iter().map(|b| &b.ballot),
            ),
            by_constituency: by_constituency(decision.spec.method, options, &cast),
            outcome,
        }
    });
    let entries = participation_record::entries(db, decision.id).await;
    let (record_head, record_intact) = match &entries {
        Ok(e) => (
            e.last().map(|l| l.hash.clone()),
            verify(decision.id, e).is_ok(),
        ),
        Err(_) => (None, false),
    };
    Ok(DecisionPage {
        id: decision.id,
        question: decision.spec.question.as_str().to_string(),
        method: decision.spec.method,
        options: decision
            .spec
            .options
            .iter()
            .map(|o| o.as_str().to_string())
            .collect(),
        rule: decision.spec.rule,
        eligible: decision.spec.eligible.clone(),
        secret: decision.spec.secret,
        open,
        opened_at: decision.opened_at,
        closes_at: decision.closes_at,
        closed_at: decision.closed_at,
        ballots: u32::try_from(ballots.len()).unwrap_or(u32::MAX),
        signed_in: viewer.is_some(),
        my_ballot,
        cannot_vote,
        may_close: open
            && may_in_process(viewer.as_ref(), &roles, ProcessAction::RunDecisions).is_ok(),
        results,
        took_part,
        record_head,
        record_intact,
        process,
    })
}
