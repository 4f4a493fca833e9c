//! Opening a decision (facilitators and process administrators): what it is about (a
//! question, or a version of a document to adopt, which must exist), how people vote, what it
//! needs to pass, who may vote, and when it closes.

use crate::domain::decision::spec::DecisionSpec;
use crate::domain::decision::subject::DecisionSubject;
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::forms::decisions::{DecisionRequest, SubjectChoice, spec_refusal};
use crate::forms::refusal;
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// Opens the decision and returns its id.
pub async fn open(cx: &ProcessContext, request: DecisionRequest) -> Result<i64, AppError> {
    let facilitator = cx.require(ProcessAction::RunDecisions, "open a decision")?;
    let subject = subject(cx, request.subject).await?;
    let spec = DecisionSpec::parse(
        subject,
        &request.question,
        request.method,
        request.rule,
        &request.options,
        request.eligible,
        request.secret,
    )
    .map_err(spec_refusal)?;
    let now = crate::store::unix_now();
    let closes_at = request.closes_in_minutes.map(|m| now + m * 60);
    let opening = crate::store::decisions::Opening {
        by: facilitator.person,
        now,
        closes_at,
        workshop: None,
    };
    let id = crate::store::decisions::open(cx.db(), cx.id(), &spec, opening)
        .await
        .map_err(unexpected("opening a decision"))?;
    tracing::info!(
        process = cx.id().get(),
        decision = id,
        person = facilitator.person.get(),
        "decision opened"
    );
    Ok(id)
}

/// The subject with the version to adopt looked up: the latest when none was given.
async fn subject(cx: &ProcessContext, choice: SubjectChoice) -> Result<DecisionSubject, AppError> {
    let (document, wanted) = match choice {
        SubjectChoice::Question => return Ok(DecisionSubject::Question),
        SubjectChoice::Adopt { document, version } => (document, version),
    };
    let found = match wanted {
        None => crate::store::documents::latest(cx.db(), cx.id(), document).await,
        Some(n) => crate::store::documents::version(cx.db(), cx.id(), document, n).await,
    }
    .map_err(unexpected("reading a version"))?;
    let version = found.map(|v| v.number).ok_or_else(|| {
        refusal(
            "version",
            match wanted {
                None => format!("“{}” has no versions yet.", document.title()),
                Some(n) => format!("“{}” has no version {n}.", document.title()),
            },
        )
    })?;
    Ok(DecisionSubject::AdoptVersion { document, version })
}
