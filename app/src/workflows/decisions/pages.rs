//! The decision pages: a process's decisions, and one decision with how to vote (for those
//! who may), who took part, and once closed the count overall and by constituency, whether
//! each part of the rule was met, and the head of its participation record.

use super::counting::Ballots;
use crate::cache::decision_records::CheckedAgainst;
use crate::domain::constituency::counted;
use crate::domain::decision::disclosure::guess_warning;
use crate::domain::decision::ratification::{DecisionStanding, may_ratify};
use crate::domain::decision::replay::{Recount, Replay};
use crate::domain::decision::subject::DecisionSubject;
use crate::domain::decision::timing::ballot_refusal;
use crate::domain::permissions::ProcessAction;
use crate::domain::{Audience, Constituency, PersonId};
use crate::error::AppError;
use crate::store::decisions::{self, StoredDecision};
use crate::store::participation_record;
use crate::views::decisions::{
    DecisionList, DecisionPage, DecisionSummary, RatificationView, RatifyOffer, SubjectLink,
};
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// A process's decisions, newest first.
pub async fn list(cx: &ProcessContext) -> Result<DecisionList, AppError> {
    super::closing::close_due(&cx.state).await?;
    let now = crate::store::unix_now();
    let decisions = decisions::for_process(cx.db(), cx.id())
        .await
        .map_err(unexpected("reading decisions"))?
        .into_iter()
        .map(|d| DecisionSummary {
            id: d.id,
            question: d.spec.question.as_str().to_string(),
            method: d.spec.method,
            open: d.timing().is_open(now),
            opened_at: d.opened_at,
            closed_at: d.closed_at,
            passed: d.outcome.as_ref().map(|o| o.passed),
        })
        .collect();
    Ok(DecisionList {
        process: cx.process.clone(),
        decisions,
        may_run: cx.may(ProcessAction::RunDecisions),
        secrecy: crate::store::processes::secrecy_threshold(cx.db(), cx.id())
            .await
            .map_err(unexpected("reading the secrecy threshold"))?
            .get(),
        may_configure: cx.may(ProcessAction::ConfigureProcess),
    })
}

/// One decision as this reader may see it.
pub async fn page(cx: &ProcessContext, decision: StoredDecision) -> Result<DecisionPage, AppError> {
    let db = cx.db();
    let member = cx.may(ProcessAction::ReadDrafts);
    let now = crate::store::unix_now();
    let open = decision.timing().is_open(now);
    // Decoded once while they read the same; a record that does not decode is read the
    // plain way below, and shown as broken.
    let (recorded, ballots) = match cx
        .state
        .decision_records
        .read(db, decision.id, decision.record_revision)
        .await
    {
        Ok(recorded) => {
            let ballots = Ballots {
                cast: recorded.cast.clone(),
                hands: recorded.hands.clone(),
            };
            (Some(recorded), ballots)
        }
        Err(_) => (
            None,
            Ballots::of(cx.db(), &decision)
                .await
                .map_err(unexpected("reading ballots"))?,
        ),
    };
    // Kept while nobody has voted since and no voter's name or place has changed.
    let voters = cx
        .state
        .decision_voters
        .read(db, &decision)
        .await
        .map_err(unexpected("reading participants"))?;
    let took_part = ballots.names_from(&voters.profiles, cx.audience());
    let (my_ballot, cannot_vote) = match &cx.viewer {
        None => (None, Some("Sign in to vote.".to_string())),
        Some(v) => {
            // From the ballots just read, not a query of its own.
            let mine = ballots
                .cast
                .iter()
                .find(|(person, _)| *person == v.person)
                .map(|(_, cast)| cast.ballot.clone());
            let claims = crate::store::constituency_claims::claims_of(db, cx.id(), v.person)
                .await
                .map_err(unexpected("reading constituencies"))?;
            let in_process = super::voting::may_vote_in(cx, &decision).await?;
            let why = ballot_refusal(
                decision.timing(),
                &decision.spec,
                in_process,
                &counted(&claims),
                now,
            );
            (mine, why)
        }
    };
    let k = decision.secrecy;
    let results = ballots.results(&decision, k);
    let electorate = crate::store::constituency_claims::eligible_people(
        db,
        cx.id(),
        &decision.spec.eligible,
        decision.opened_in_workshop,
    )
    .await
    .map_err(unexpected("reading who may vote"))?;
    let may_vote = u32::try_from(electorate.len()).unwrap_or(u32::MAX);
    let guessable = guess_warning(decision.spec.secret, may_vote, k);
    let (voted_of, not_voted) =
        turnout_of_electorate(cx, &decision, &ballots, &electorate, open).await?;
    let guest_ballots = voters.guest_ballots;
    let (record_head, record_entries, record_intact, recount) = match &recorded {
        Some(recorded) => {
            let against = CheckedAgainst {
                closed: decision.closed_at.is_some(),
                secret: decision.spec.secret,
                outcome: decision.outcome.clone(),
                hands: ballots.hands.clone(),
            };
            let e = &recorded.entries;
            (
                e.last().map(|l| l.hash.clone()),
                e.len(),
                recorded.checked(against, || ballots.audit(&decision, e).is_ok()),
                recorded.recount.clone(),
            )
        }
        None => match participation_record::entries(db, decision.id).await {
            Ok(e) => (
                e.last().map(|l| l.hash.clone()),
                e.len(),
                ballots.audit(&decision, &e).is_ok(),
                Replay::of(&e).recount(),
            ),
            Err(_) => (
                None,
                0,
                false,
                Recount::Differs("the record could not be read".into()),
            ),
        },
    };
    let ratification = crate::store::ratifications::of_decision(db, decision.id)
        .await
        .map_err(unexpected("reading a ratification"))?;
    let ratify = ratify_offer(cx, &decision, ratification.is_some(), now).await?;
    let subject = subject_link(cx, &decision, member).await?;
    Ok(DecisionPage {
        id: decision.id,
        subject,
        adopts_version: matches!(
            decision.spec.subject,
            crate::domain::decision::subject::DecisionSubject::AdoptVersion { .. }
        ),
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
        guest_ballots,
        workshop_vote: decision.opened_in_workshop.is_some(),
        signed_in: cx.viewer.is_some(),
        my_ballot,
        cannot_vote,
        guessable,
        may_close: open && cx.may(ProcessAction::RunDecisions),
        results,
        took_part,
        turnout: ballots.turnout(),
        voted_of,
        not_voted,
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
        process: cx.process.clone(),
    })
}

/// Who may vote and how many of them have, by constituency; and, for a facilitator while
/// open ballots run, who has not voted yet (secret ballots never name anyone here: who voted
/// is public, but a list of who has not, set beside the running count, says too much).
async fn turnout_of_electorate(
    cx: &ProcessContext,
    decision: &StoredDecision,
    ballots: &Ballots,
    electorate: &[(PersonId, Vec<Constituency>)],
    open: bool,
) -> Result<(Vec<(Constituency, u32, u32)>, Option<Vec<String>>), AppError> {
    let voted: std::collections::HashSet<PersonId> = ballots.cast.iter().map(|(p, _)| *p).collect();
    let primary = |cs: &[Constituency]| cs.iter().copied().min().unwrap_or(Constituency::Other);
    let voted_of = Constituency::ALL
        .into_iter()
        .filter_map(|c| {
            let may: Vec<&PersonId> = electorate
                .iter()
                .filter(|(_, cs)| primary(cs) == c)
                .map(|(p, _)| p)
                .collect();
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            (!may.is_empty()).then(|| {
                (
                    c,
                    count(may.iter().filter(|p| voted.contains(p)).count()),
                    count(may.len()),
                )
            })
        })
        .collect();
    if !(open && !decision.spec.secret && cx.may(ProcessAction::RunDecisions)) {
        return Ok((voted_of, None));
    }
    let waiting: Vec<PersonId> = electorate
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| !voted.contains(p))
        .collect();
    let profiles = crate::store::people::profiles_of(cx.db(), cx.id(), &waiting)
        .await
        .map_err(unexpected("reading who has not voted"))?;
    let mut names: Vec<String> = profiles
        .iter()
        .map(|(_, p)| p.byline(Audience::Participants))
        .collect();
    names.sort();
    Ok((voted_of, Some(names)))
}

/// Whether this reader may ratify: shown only to commissioners, and only for a decision to
/// adopt a version; one without a full name on their profile is told before pressing.
async fn ratify_offer(
    cx: &ProcessContext,
    decision: &StoredDecision,
    already_ratified: bool,
    now: i64,
) -> Result<RatifyOffer, AppError> {
    let adoption = matches!(decision.spec.subject, DecisionSubject::AdoptVersion { .. });
    let (true, Some(viewer)) = (
        adoption && cx.may(ProcessAction::Ratify),
        cx.viewer.as_ref(),
    ) else {
        return Ok(RatifyOffer::Hidden);
    };
    if let Err(refusal) = may_ratify(standing(decision, already_ratified, now)) {
        return Ok(RatifyOffer::Refused(refusal.to_string()));
    }
    let named = crate::store::people::stored_profile(cx.db(), viewer.person)
        .await
        .map_err(unexpected("reading a profile"))?
        .and_then(|p| p.full_name)
        .is_some_and(|n| !n.trim().is_empty());
    Ok(if named {
        RatifyOffer::Allowed
    } else {
        RatifyOffer::NeedsFullName
    })
}

/// Where a decision stands, for the ratification rules.
pub fn standing(decision: &StoredDecision, already_ratified: bool, now: i64) -> DecisionStanding {
    DecisionStanding {
        subject: decision.spec.subject,
        passed: (!decision.timing().is_open(now))
            .then(|| decision.outcome.as_ref().map(|o| o.passed))
            .flatten(),
        already_ratified,
    }
}

/// The link to what the decision is about. The public sees links only to what they may
/// read (a version or amendment of a draft is for people taking part).
async fn subject_link(
    cx: &ProcessContext,
    decision: &StoredDecision,
    member: bool,
) -> Result<Option<SubjectLink>, AppError> {
    Ok(match decision.spec.subject {
        DecisionSubject::Question => None,
        DecisionSubject::AdoptVersion { document, version } => {
            let content = crate::store::documents::version(cx.db(), cx.id(), document, version)
                .await
                .map_err(unexpected("reading a version"))?;
            Some(SubjectLink {
                text: format!("Version {version} of “{}”", document.title()),
                href: crate::routes::version(cx.id(), document, version.get()),
                standing: None,
                unwritten: content
                    .map(|v| crate::domain::document::templates::unwritten_sections(&v.content))
                    .unwrap_or_default(),
            })
        }
        DecisionSubject::Amendment { id } => {
            let amendment = crate::store::amendments::find(cx.db(), id)
                .await
                .map_err(unexpected("reading an amendment"))?;
            amendment.filter(|_| member).map(|a| SubjectLink {
                text: format!("Amendment {id} to “{}”", a.kind.title()),
                href: crate::routes::amendment(cx.id(), a.kind, id),
                standing: Some(a.state.label()),
                unwritten: Vec::new(),
            })
        }
    })
}
