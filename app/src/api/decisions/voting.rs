//! Voting: one ballot per person per decision, changeable until the decision closes.

use leptos::prelude::*;

use crate::api::AppError;

/// `POST /api/decisions/vote`: casts or changes this person's ballot. For consent, `answer`
/// (agree, reservations, object, abstain) and `reason`; for one choice, `choice` (the
/// option's position); for ranked choice, dots and scores, `values[i]` per option (a rank
/// from 1, blank for unranked; dots; a score from 0 to 5). From a workshop's phone page,
/// `workshop_id` sends the person back there.
#[server(prefix = "/api", endpoint = "decisions/vote")]
pub async fn vote(
    decision_id: i64,
    answer: Option<String>,
    reason: Option<String>,
    choice: Option<usize>,
    values: Option<Vec<String>>,
    workshop_id: Option<i64>,
) -> Result<bool, AppError> {
    use crate::api::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::constituency::counted;
    use crate::domain::decision::ballot::{Ballot, BallotInput};
    use crate::domain::decision::method::Method;
    use crate::domain::permissions::ProcessAction;
    use crate::store::decisions::{self, Cast};

    let state = app_state()?;
    let decision = decisions::find(&state.db, decision_id)
        .await
        .map_err(unexpected("reading a decision"))?
        .ok_or_else(|| AppError::NotFound("that decision".into()))?;
    let voter = authorise_in_process(&state, decision.process, ProcessAction::Vote, "vote").await?;
    let now = crate::store::unix_now();
    if !decision.is_open(now) {
        return Err(AppError::Conflict(
            "This decision has closed, so it takes no more ballots.".into(),
        ));
    }
    let claims =
        crate::store::constituency_claims::claims_of(&state.db, decision.process, voter.person)
            .await
            .map_err(unexpected("reading constituencies"))?;
    let constituencies = counted(&claims);
    decision
        .spec
        .may_vote(&constituencies)
        .map_err(AppError::Forbidden)?;

    let options = decision.spec.options.len();
    let values = values.unwrap_or_default();
    let number = |s: &String| s.trim().parse::<u32>().ok();
    let input = match decision.spec.method {
        Method::Consent => BallotInput::Consent {
            answer: answer.unwrap_or_default(),
            reason: reason.unwrap_or_default(),
        },
        Method::SingleChoice => BallotInput::Single(choice.ok_or_else(|| {
            AppError::invalid_fields(vec![(
                "choice",
                "Please choose one of the options.".to_string(),
            )])
        })?),
        Method::RankedChoice => {
            let mut ranked: Vec<(u32, usize)> = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| number(v).filter(|r| *r > 0).map(|r| (r, i)))
                .collect();
            ranked.sort();
            BallotInput::Ranked(ranked.into_iter().map(|(_, i)| i).collect())
        }
        Method::DotVoting { .. } => BallotInput::Dots(
            (0..options)
                .map(|i| values.get(i).and_then(number).unwrap_or(0))
                .collect(),
        ),
        Method::Score => BallotInput::Scores(
            (0..options)
                .map(|i| {
                    values
                        .get(i)
                        .and_then(number)
                        .map_or(0, |s| u8::try_from(s).unwrap_or(u8::MAX))
                })
                .collect(),
        ),
    };
    let ballot = Ballot::parse(decision.spec.method, options, input)
        .map_err(|e| AppError::invalid_fields(vec![("ballot", e.to_string())]))?;
    let cast = decisions::cast(
        &state.db,
        &decision,
        voter.person,
        &constituencies,
        &ballot,
        now,
    )
    .await
    .map_err(unexpected("casting a ballot"))?;
    if cast == Cast::Closed {
        return Err(AppError::Conflict(
            "This decision has closed, so it takes no more ballots.".into(),
        ));
    }
    state.live.decision_changed(decision_id).await;
    // From a workshop's phone page, back to it (the room follows the step there).
    let back = match workshop_id {
        Some(w) => crate::api::workshops::phone_path(w),
        None => super::decision_path(decision.process.get(), decision_id),
    };
    leptos_axum::redirect(&format!("{back}?voted=1"));
    Ok(cast == Cast::Changed)
}
