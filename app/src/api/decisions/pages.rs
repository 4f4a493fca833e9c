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
    super::closing::close_due(&state).await?;
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
    use super::RatificationView;
    use super::counting::Ballots;
    use crate::api::boundary::{app_state, roles_in, unexpected, viewer};
    use crate::domain::Audience;
    use crate::domain::constituency::counted;
    use crate::domain::decision::record::verify;
    use crate::domain::decision::replay::{Recount, Replay};
    use crate::domain::permissions::{ProcessAction, may_in_process};
    use crate::store::{decisions, participation_record};

    let state = app_state()?;
    let db = &state.db;
    let find = || async {
        decisions::find(db, decision_id)
            .await
            .map_err(unexpected("reading a decision"))?
            .ok_or_else(|| AppError::NotFound("that decision".into()))
    };
    let mut decision = find().await?;
    if decision.closed_at.is_none() && !decision.is_open(crate::store::unix_now()) {
        super::closing::close_and_follow_up(&state, &decision, None).await?;
        decision = find().await?;
    }
    let process = crate::store::processes::find(db, decision.process)
        .await
        .map_err(unexpected("reading a process"))?
        .ok_or(AppError::Unexpected)?;
    let viewer = viewer(&state).await?;
    let roles = roles_in(&state, decision.process, viewer.as_ref()).await?;
    let member = may_in_process(viewer.as_ref(), &roles, ProcessAction::ReadDrafts).is_ok();
    let now = crate::store::unix_now();
    let open = decision.is_open(now);
    let ballots = Ballots::of(&state, &decision)
        .await
        .map_err(unexpected("reading ballots"))?;
    let audience = if member {
        Audience::Participants
    } else {
        Audience::Public
    };
    let took_part = ballots
        .names(&state, &decision, audience)
        .await
        .map_err(unexpected("reading participants"))?;
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
    let results = ballots.results(&decision);
    let entries = participation_record::entries(db, decision.id).await;
    let (record_head, record_entries, record_intact, recount) = match &entries {
        Ok(e) => (
            e.last().map(|l| l.hash.clone()),
            e.len(),
            verify(decision.id, e).is_ok(),
            Replay::of(e).recount(),
        ),
        Err(_) => (
            None,
            0,
            false,
            Recount::Differs("the record could not be read".into()),
        ),
    };
    let ratification = crate::store::ratifications::of_decision(db, decision.id)
        .await
        .map_err(unexpected("reading a ratification"))?;
    let ratify = ratify_offer(
        &decision,
        viewer.as_ref(),
        &roles,
        ratification.is_some(),
        now,
    );
    let subject = subject_link(&state, &decision, member).await?;
    Ok(DecisionPage {
        id: decision.id,
        subject,
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
        ballots: ballots.voters(),
        signed_in: viewer.is_some(),
        my_ballot,
        cannot_vote,
        may_close: open
            && may_in_process(viewer.as_ref(), &roles, ProcessAction::RunDecisions).is_ok(),
        results,
        took_part,
        turnout: ballots.turnout(),
        record_head,
        record_entries,
        record_intact,
        recount,
        ratification: ratification.map(|r| RatificationView {
            by: r.ratifier_name,
            at: r.ratified_at,
            document: r.kind,
            version: r.number.get(),
        }),
        ratify,
        process,
    })
}

/// Whether this reader may ratify: shown only to commissioners, and only for a decision to
/// adopt a version.
#[cfg(feature = "ssr")]
fn ratify_offer(
    decision: &crate::store::decisions::StoredDecision,
    viewer: Option<&crate::domain::Viewer>,
    roles: &[crate::domain::ProcessRole],
    already_ratified: bool,
    now: i64,
) -> super::RatifyOffer {
    use super::RatifyOffer;
    use crate::domain::decision::ratification::{DecisionStanding, may_ratify};
    use crate::domain::decision::subject::DecisionSubject;
    use crate::domain::permissions::{ProcessAction, may_in_process};

    let adoption = matches!(decision.spec.subject, DecisionSubject::AdoptVersion { .. });
    if !adoption || may_in_process(viewer, roles, ProcessAction::Ratify).is_err() {
        return RatifyOffer::Hidden;
    }
    let standing = DecisionStanding {
        subject: decision.spec.subject,
        passed: (!decision.is_open(now))
            .then(|| decision.outcome.as_ref().map(|o| o.passed))
            .flatten(),
        already_ratified,
    };
    match may_ratify(standing) {
        Ok(_) => RatifyOffer::Allowed,
        Err(refusal) => RatifyOffer::Refused(refusal.to_string()),
    }
}

/// The link to what the decision is about. The public sees links only to what they may
/// read (a version or amendment of a draft is for people taking part).
#[cfg(feature = "ssr")]
async fn subject_link(
    state: &crate::state::AppState,
    decision: &crate::store::decisions::StoredDecision,
    member: bool,
) -> Result<Option<super::SubjectLink>, AppError> {
    use super::SubjectLink;
    use crate::api::boundary::unexpected;
    use crate::domain::decision::subject::DecisionSubject;

    let process = decision.process.get();
    Ok(match decision.spec.subject {
        DecisionSubject::Question => None,
        DecisionSubject::AdoptVersion { document, version } => Some(SubjectLink {
            text: format!("Version {version} of “{}”", document.title()),
            href: format!(
                "{}/versions/{version}",
                crate::api::documents::document_path(process, document)
            ),
            standing: None,
        }),
        DecisionSubject::Amendment { id } => {
            let amendment = crate::store::amendments::find(&state.db, id)
                .await
                .map_err(unexpected("reading an amendment"))?;
            amendment.filter(|_| member).map(|a| SubjectLink {
                text: format!("Amendment {id} to “{}”", a.kind.title()),
                href: crate::api::discussion::amendment_path(process, a.kind, id),
                standing: Some(a.state.label()),
            })
        }
    })
}
