//! Ratification by a commissioner of the version a passed decision adopted.

use leptos::prelude::*;

use crate::api::AppError;

/// `POST /api/decisions/ratify`: a commissioner of the process ratifies the version decision
/// `decision_id` adopted. Their name is shown with it: commissioners act in a public role. The
/// version is published with the status "ratified", superseding any earlier ratification of
/// the document (which stays readable), and the event is added to the decision's record.
#[server(prefix = "/api", endpoint = "decisions/ratify")]
pub async fn ratify_decision(decision_id: i64) -> Result<u32, AppError> {
    use crate::api::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::decision::ratification::{DecisionStanding, RatifyRefusal, may_ratify};
    use crate::domain::document::render::publication_html;
    use crate::domain::permissions::ProcessAction;
    use crate::store::ratifications::{self, NewRatification};

    let state = app_state()?;
    let db = &state.db;
    let decision = crate::store::decisions::find(db, decision_id)
        .await
        .map_err(unexpected("reading a decision"))?
        .ok_or_else(|| AppError::NotFound("that decision".into()))?;
    let commissioner =
        authorise_in_process(&state, decision.process, ProcessAction::Ratify, "ratify").await?;
    let already = ratifications::of_decision(db, decision.id)
        .await
        .map_err(unexpected("reading a ratification"))?
        .is_some();
    let now = crate::store::unix_now();
    let (kind, number) = may_ratify(DecisionStanding {
        subject: decision.spec.subject,
        passed: (!decision.is_open(now))
            .then(|| decision.outcome.as_ref().map(|o| o.passed))
            .flatten(),
        already_ratified: already,
    })
    .map_err(|refusal| AppError::Conflict(refusal.to_string()))?;
    // A commissioner's name is public in this role; without one they cannot ratify.
    let profile = crate::store::people::stored_profile(db, commissioner.person)
        .await
        .map_err(unexpected("reading a profile"))?;
    let name = profile
        .and_then(|p| p.full_name)
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| {
            AppError::invalid_fields(vec![(
                "name",
                "Commissioners ratify in their public role, so your full name is shown with a ratification. Please add it on your profile page first.".to_string(),
            )])
        })?;
    let version = crate::store::documents::version(db, decision.process, kind, number)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(|| AppError::NotFound(format!("version {number} of this document")))?;
    let (html, etag) = publication_html(&version.content);
    ratifications::ratify(
        db,
        NewRatification {
            process: decision.process,
            kind,
            number,
            decision: decision.id,
            by: commissioner.person,
            ratifier_name: &name,
            now,
            html: &html,
            etag: &etag,
        },
    )
    .await
    .map_err(unexpected("ratifying"))?
    .ok_or_else(|| AppError::Conflict(RatifyRefusal::AlreadyRatified.to_string()))?;
    tracing::info!(
        decision = decision.id,
        version = number.get(),
        person = commissioner.person.get(),
        "version ratified"
    );
    leptos_axum::redirect(&format!(
        "{}?ratified=1",
        super::decision_path(decision.process.get(), decision.id)
    ));
    Ok(number.get())
}
