//! Amendments: proposing replacement text for a section, supporting one, and an editor's
//! verdict (accept, decline with a reason, or send to a vote).

use leptos::prelude::*;

use crate::api::AppError;

/// `POST /api/amendments/propose`: replacement text for section `key`, proposed against
/// version `base`, with a reason.
#[server(prefix = "/api", endpoint = "amendments/propose")]
pub async fn propose_amendment(
    process_id: i64,
    kind: String,
    key: u32,
    base: u32,
    body: String,
    reason: String,
) -> Result<i64, AppError> {
    use crate::api::boundary::unexpected;
    use crate::api::documents::access::DocumentAccess;
    use crate::domain::deliberation::Reason;
    use crate::domain::deliberation::amendment::check_proposal;
    use crate::domain::document::version::VersionNumber;
    use crate::domain::document::{SectionBody, SectionKey};
    use crate::domain::permissions::ProcessAction;

    let access = DocumentAccess::load(process_id, &kind).await?;
    let proposer = access.require(ProcessAction::ProposeAmendments, "propose an amendment")?;
    let parsed_body = SectionBody::parse(&body);
    let parsed_reason = Reason::parse(&reason);
    AppError::check_fields(vec![
        ("body", parsed_body.clone().err()),
        ("reason", parsed_reason.clone().err()),
    ])?;
    let (Ok(body), Ok(reason)) = (parsed_body, parsed_reason) else {
        return Err(AppError::Unexpected);
    };
    let db = &access.state.db;
    let not_found = || AppError::NotFound(format!("version {base} of this document"));
    let base = VersionNumber::new(base).ok_or_else(not_found)?;
    let version = crate::store::documents::version(db, access.id(), access.kind, base)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)?;
    let key = SectionKey::new(key);
    check_proposal(&version.content, key, &body)
        .map_err(|refusal| AppError::invalid_fields(vec![("body", refusal.to_string())]))?;
    let now = crate::store::unix_now();
    super::comments::check_rate(db, proposer.person, now).await?;
    let id = crate::store::amendments::insert(
        db,
        access.id(),
        access.kind,
        key,
        base,
        &body,
        reason.as_str(),
        proposer.person,
        now,
    )
    .await
    .map_err(unexpected("saving an amendment"))?;
    tracing::info!(
        process = process_id,
        amendment = id,
        person = proposer.person.get(),
        "amendment proposed"
    );
    leptos_axum::redirect(&format!(
        "{}?proposed=1",
        super::amendment_path(process_id, access.kind, id)
    ));
    Ok(id)
}

/// `POST /api/amendments/support`: `support` is "yes" to support (once per person) or
/// "no" to take one's support back.
#[server(prefix = "/api", endpoint = "amendments/support")]
pub async fn support_amendment(amendment_id: i64, support: String) -> Result<(), AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::permissions::ProcessAction;

    let (access, amendment) = amendment_in_context(amendment_id).await?;
    let person = access.require(ProcessAction::ProposeAmendments, "support an amendment")?;
    if !amendment.state.is_undecided() {
        return Err(AppError::Conflict(
            "This amendment has been decided, so support can no longer change.".into(),
        ));
    }
    let db = &access.state.db;
    let now = crate::store::unix_now();
    match support.as_str() {
        "yes" => crate::store::amendments::support(db, amendment.id, person.person, now).await,
        "no" => crate::store::amendments::withdraw_support(db, amendment.id, person.person).await,
        _ => return Err(AppError::BadRequest),
    }
    .map_err(unexpected("recording support"))?;
    leptos_axum::redirect(&super::amendment_path(
        access.id().get(),
        access.kind,
        amendment.id,
    ));
    Ok(())
}

/// `POST /api/amendments/decide`: `verdict` is "accept" (a new version is saved, crediting the
/// proposer), "decline" (needs a reason) or "vote" (sent to a vote).
#[server(prefix = "/api", endpoint = "amendments/decide")]
pub async fn decide_amendment(
    amendment_id: i64,
    verdict: String,
    reason: Option<String>,
) -> Result<Option<u32>, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::deliberation::Reason;
    use crate::domain::deliberation::amendment::{AmendmentState, Verdict, may_give};
    use crate::domain::permissions::ProcessAction;

    let (access, amendment) = amendment_in_context(amendment_id).await?;
    let editor = access.require(ProcessAction::DecideAmendments, "decide on an amendment")?;
    let verdict = match verdict.as_str() {
        "accept" => Verdict::Accept,
        "decline" => Verdict::Decline,
        "vote" => Verdict::SendToVote,
        _ => return Err(AppError::BadRequest),
    };
    may_give(&amendment.state, verdict).map_err(|r| AppError::Conflict(r.to_string()))?;
    let db = &access.state.db;
    let now = crate::store::unix_now();
    let page = super::amendment_path(access.id().get(), access.kind, amendment.id);
    let already = || {
        AppError::Conflict(
            "Someone else decided this amendment a moment ago. Reload to see what they decided."
                .into(),
        )
    };
    let made = match verdict {
        Verdict::Accept => match apply_amendment(db, &amendment, editor.person, now).await? {
            Applied::Saved(number) => Some(number),
            Applied::Refused(why) => return Err(AppError::Conflict(why)),
            Applied::AlreadyDecided => return Err(already()),
        },
        Verdict::Decline => {
            let reason = Reason::parse(reason.as_deref().unwrap_or(""))
                .map_err(|e| AppError::invalid("reason", e))?;
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
                return Err(already());
            }
            None
        }
        Verdict::SendToVote => {
            let decision = crate::store::amendments::send_to_vote(
                db,
                &amendment,
                &crate::domain::decision::spec::DecisionSpec::amendment_vote(amendment.id),
                editor.person,
                now,
            )
            .await
            .map_err(unexpected("sending an amendment to a vote"))?
            .ok_or_else(already)?;
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
    leptos_axum::redirect(&format!("{page}?decided=1"));
    Ok(made)
}

/// What applying an amendment's text led to.
#[cfg(feature = "ssr")]
pub(crate) enum Applied {
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
#[cfg(feature = "ssr")]
pub(crate) async fn apply_amendment(
    db: &crate::store::Db,
    amendment: &crate::store::amendments::StoredAmendment,
    by: crate::domain::PersonId,
    now: i64,
) -> Result<Applied, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::deliberation::amendment::accepted_content;
    use crate::domain::document::version::ChangeSummary;
    use crate::store::StoreError;
    use crate::store::documents::{Decision, write_next_crediting};

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
            None => Decision::Keep(Err("This document has no versions.".to_string())),
            Some(latest) => match accepted_content(
                &base.content,
                &latest.content,
                amendment.section,
                &amendment.body,
            ) {
                Ok(content) => Decision::Save(content, summary.clone(), Ok(())),
                Err(refusal) => Decision::Keep(Err(refusal.to_string())),
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

/// The amendment `id` and its document, for someone taking part in the process.
#[cfg(feature = "ssr")]
pub(crate) async fn amendment_in_context(
    id: i64,
) -> Result<
    (
        crate::api::documents::access::DocumentAccess,
        crate::store::amendments::StoredAmendment,
    ),
    AppError,
> {
    use crate::api::boundary::{app_state, unexpected};
    use crate::api::documents::access::DocumentAccess;
    use crate::domain::permissions::ProcessAction;
    let state = app_state()?;
    let amendment = crate::store::amendments::find(&state.db, id)
        .await
        .map_err(unexpected("reading an amendment"))?
        .ok_or_else(|| AppError::NotFound("that amendment".into()))?;
    let access = DocumentAccess::load(amendment.process.get(), amendment.kind.slug()).await?;
    access.require(ProcessAction::ReadDrafts, "read amendments")?;
    Ok((access, amendment))
}
