//! Ratification by a commissioner of the version a passed decision adopted. Their name is
//! shown with it: commissioners act in a public role. The version is published with the
//! status "ratified", superseding any earlier ratification of the document (which stays
//! readable), and the event is added to the decision's record.

use crate::domain::Constituency;
use crate::domain::decision::ratification::{RatifyRefusal, may_ratify, may_ratify_as};
use crate::domain::document::render::publication_html;
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::forms::refusal;
use crate::store::decisions::StoredDecision;
use crate::store::ratifications::{self, NewRatification};
use crate::workflows::ProcessContext;
use crate::workflows::unexpected;

/// Ratifies the version `decision` adopted; returns the version's number.
pub async fn ratify(cx: &ProcessContext, decision: &StoredDecision) -> Result<u32, AppError> {
    let commissioner = cx.require(ProcessAction::Ratify, "ratify")?;
    let db = cx.db();
    let already = ratifications::of_decision(db, decision.id)
        .await
        .map_err(unexpected("reading a ratification"))?
        .is_some();
    let now = crate::store::unix_now();
    let (kind, number) = may_ratify(super::pages::standing(decision, already, now))
        .map_err(|refusal| AppError::Conflict(refusal.to_string()))?;
    // Separation of duties: the commissioner part was confirmed by someone else.
    let confirmed_by = crate::store::constituency_claims::confirmed_by(
        db,
        cx.id(),
        commissioner.person,
        Constituency::Commissioner,
    )
    .await
    .map_err(unexpected("reading who confirmed a commissioner"))?;
    may_ratify_as(commissioner.person, confirmed_by).map_err(|r| {
        tracing::warn!(person = commissioner.person.get(), refusal = %r, "ratification refused");
        AppError::Forbidden(r.to_string())
    })?;
    let confirmer = confirmed_by.flatten().ok_or(AppError::Unexpected)?;
    // A commissioner's name is public in this role; without one they cannot ratify.
    let name = crate::store::people::stored_profile(db, commissioner.person)
        .await
        .map_err(unexpected("reading a profile"))?
        .and_then(|p| p.full_name)
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| {
            refusal(
                "name",
                "Commissioners ratify in their public role, so your full name is shown with a ratification. Please add it on your profile page first.",
            )
        })?;
    let confirmed_by_name = public_role_name(db, confirmer, "a process administrator").await?;
    let version = crate::store::documents::version(db, cx.id(), kind, number)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(|| AppError::NotFound(format!("version {number} of this document")))?;
    let glossary = crate::workflows::word_lists::of_process(cx).await?.glossary;
    let (html, etag) = publication_html(&version.content, &glossary);
    ratifications::ratify(
        db,
        NewRatification {
            process: cx.id(),
            kind,
            number,
            decision: decision.id,
            by: commissioner.person,
            ratifier_name: &name,
            confirmed_by_name: &confirmed_by_name,
            now,
            html: &html,
            etag: &etag,
        },
    )
    .await
    .map_err(unexpected("ratifying"))?
    .ok_or_else(|| AppError::Conflict(RatifyRefusal::AlreadyRatified.to_string()))?;
    cx.state.live.public_pages_changed().await;
    tracing::info!(
        decision = decision.id,
        version = number.get(),
        person = commissioner.person.get(),
        "version ratified"
    );
    Ok(number.get())
}

/// How `person` is named on a public page in the role they acted in: as they chose to
/// appear in public, or by the role alone (`role`) if they chose no public name.
async fn public_role_name(
    db: &crate::store::Db,
    person: crate::domain::PersonId,
    role: &str,
) -> Result<String, AppError> {
    use crate::domain::{Appearance, Audience};
    let profile = crate::store::people::stored_profile(db, person)
        .await
        .map_err(unexpected("reading a profile"))?
        .map(|p| crate::store::people::to_profile(p, vec![]));
    Ok(match profile {
        Some(p)
            if p.show_on_public_pages
                && p.appearance != Appearance::ConstituencyOnly
                && !p.withdrawn =>
        {
            format!("{} ({role})", p.shown_as(Audience::Public))
        }
        _ => role.to_string(),
    })
}
