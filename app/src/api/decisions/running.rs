//! Opening and closing decisions (facilitators and process administrators).

use leptos::prelude::*;

use crate::api::AppError;

/// `POST /api/decisions/open`: a new decision. `subject` is "question" (the default), or a
/// document ("definition", "rois-vision") whose version `version` (the latest when empty) it
/// would adopt; `method` is consent, single, ranked, dots or score; `options` has one option
/// per line; `threshold` is majority, supermajority or consensus; each constituency that may
/// vote is a field set to "yes".
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "decisions/open")]
pub async fn open_decision(
    process_id: i64,
    subject: Option<String>,
    version: Option<String>,
    question: String,
    method: String,
    options: Option<String>,
    dots: Option<String>,
    threshold: String,
    percent: Option<String>,
    co_production: Option<String>,
    min_lived_experience: Option<String>,
    secret: Option<String>,
    closes_in_minutes: Option<String>,
    lived_experience: Option<String>,
    family_or_carer: Option<String>,
    peer_supporter: Option<String>,
    provider_staff: Option<String>,
    commissioner: Option<String>,
    other: Option<String>,
) -> Result<i64, AppError> {
    use crate::api::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::decision::method::Method;
    use crate::domain::decision::rule::{CoProduction, DecisionRule, Threshold};
    use crate::domain::decision::spec::{DecisionSpec, SpecError};
    use crate::domain::decision::subject::DecisionSubject;
    use crate::domain::document::DocumentKind;
    use crate::domain::document::version::VersionNumber;
    use crate::domain::permissions::ProcessAction;
    use crate::domain::{Constituency, ProcessId};

    // Number fields arrive as text; an empty one means "not given".
    fn number<T: std::str::FromStr>(raw: &Option<String>) -> Option<T> {
        raw.as_deref().and_then(|r| r.trim().parse().ok())
    }
    let (dots, percent, min_lived_experience, closes_in_minutes): (
        Option<u32>,
        Option<u8>,
        Option<u32>,
        Option<i64>,
    ) = (
        number(&dots),
        number(&percent),
        number(&min_lived_experience),
        number(&closes_in_minutes),
    );
    let state = app_state()?;
    let process = ProcessId::new(process_id);
    let facilitator = authorise_in_process(
        &state,
        process,
        ProcessAction::RunDecisions,
        "open a decision",
    )
    .await?;
    let subject = match subject.as_deref().unwrap_or("question") {
        "question" => DecisionSubject::Question,
        slug => {
            let document = DocumentKind::from_slug(slug).ok_or(AppError::BadRequest)?;
            let wanted = version.as_deref().unwrap_or("").trim();
            let found = match wanted {
                "" => crate::store::documents::latest(&state.db, process, document)
                    .await
                    .map_err(unexpected("reading a version"))?
                    .map(|v| v.number),
                raw => match VersionNumber::parse(raw) {
                    Some(n) => crate::store::documents::version(&state.db, process, document, n)
                        .await
                        .map_err(unexpected("reading a version"))?
                        .map(|v| v.number),
                    None => None,
                },
            };
            let version = found.ok_or_else(|| {
                AppError::invalid_fields(vec![(
                    "version",
                    if wanted.is_empty() {
                        format!("“{}” has no versions yet.", document.title())
                    } else {
                        format!("“{}” has no version {wanted}.", document.title())
                    },
                )])
            })?;
            DecisionSubject::AdoptVersion { document, version }
        }
    };
    let method = match method.as_str() {
        "consent" => Method::Consent,
        "single" => Method::SingleChoice,
        "ranked" => Method::RankedChoice,
        "dots" => Method::DotVoting {
            dots: dots.unwrap_or(5).clamp(1, Method::MAX_DOTS),
        },
        "score" => Method::Score,
        _ => return Err(AppError::BadRequest),
    };
    let threshold = match threshold.as_str() {
        "majority" => Threshold::SimpleMajority,
        "supermajority" => Threshold::Supermajority {
            percent: percent.unwrap_or(66),
        },
        "consensus" => Threshold::NoUnresolvedObjections,
        _ => return Err(AppError::BadRequest),
    };
    let rule = DecisionRule {
        threshold,
        co_production: co_production
            .is_some_and(|v| v == "yes")
            .then(|| CoProduction {
                min_lived_experience: min_lived_experience.unwrap_or(1),
            }),
    };
    let ticked = |v: &Option<String>| v.as_deref() == Some("yes");
    let eligible: Vec<Constituency> = [
        (Constituency::LivedExperience, &lived_experience),
        (Constituency::FamilyOrCarer, &family_or_carer),
        (Constituency::PeerSupporter, &peer_supporter),
        (Constituency::ProviderStaff, &provider_staff),
        (Constituency::Commissioner, &commissioner),
        (Constituency::Other, &other),
    ]
    .into_iter()
    .filter(|(_, v)| ticked(v))
    .map(|(c, _)| c)
    .collect();
    let options: Vec<String> = options
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    let spec = DecisionSpec::parse(
        subject,
        &question,
        method,
        rule,
        &options,
        eligible,
        secret.is_some_and(|v| v == "yes"),
    )
    .map_err(|e| {
        let field = match e {
            SpecError::Question(_) => "question",
            SpecError::Option(..) | SpecError::TooFewOptions | SpecError::TooManyOptions(_) => {
                "options"
            }
            SpecError::NobodyEligible => "eligible",
            SpecError::Rule(_) => "threshold",
            SpecError::Subject(_) => "method",
        };
        AppError::invalid_fields(vec![(field, e.to_string())])
    })?;
    let now = crate::store::unix_now();
    let closes_at = closes_in_minutes
        .filter(|m| *m > 0)
        .map(|m| now + m.min(60 * 24 * 90) * 60);
    let id = crate::store::decisions::open(
        &state.db,
        process,
        &spec,
        facilitator.person,
        now,
        closes_at,
    )
    .await
    .map_err(unexpected("opening a decision"))?;
    tracing::info!(
        process = process_id,
        decision = id,
        person = facilitator.person.get(),
        "decision opened"
    );
    leptos_axum::redirect(&super::decision_path(process_id, id));
    Ok(id)
}

/// `POST /api/decisions/close`: closes a decision by hand and counts it.
#[server(prefix = "/api", endpoint = "decisions/close")]
pub async fn close_decision(decision_id: i64) -> Result<bool, AppError> {
    use crate::api::boundary::{app_state, authorise_in_process, unexpected};
    use crate::domain::permissions::ProcessAction;

    let state = app_state()?;
    let decision = crate::store::decisions::find(&state.db, decision_id)
        .await
        .map_err(unexpected("reading a decision"))?
        .ok_or_else(|| AppError::NotFound("that decision".into()))?;
    let facilitator = authorise_in_process(
        &state,
        decision.process,
        ProcessAction::RunDecisions,
        "close a decision",
    )
    .await?;
    let counted = super::closing::close_and_follow_up(&state, &decision, Some(facilitator.person))
        .await?
        .ok_or_else(|| AppError::Conflict("This decision has already been closed.".into()))?;
    state.live.decision_changed(decision_id).await;
    leptos_axum::redirect(&super::decision_path(decision.process.get(), decision_id));
    Ok(counted.outcome.passed)
}
