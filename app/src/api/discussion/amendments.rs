//! Amendments: proposing replacement text for a section, supporting one, and an editor's
//! verdict (accept, decline with a reason, or send to a vote).

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::discussion::AmendmentForm;

/// `POST /api/amendments/propose`: replacement text for section `key` ([`AmendmentForm`]),
/// proposed against version `base`.
#[server(prefix = "/api", endpoint = "amendments/propose")]
pub async fn propose_amendment(
    process_id: i64,
    kind: String,
    key: u32,
    base: u32,
    #[server(flatten)] form: AmendmentForm,
) -> Result<i64, AppError> {
    use crate::api::boundary::{document_context, redirect};
    let access = document_context(process_id, &kind).await?;
    let id =
        crate::workflows::discussion::amendments::propose(&access, key, base, form.try_into()?)
            .await?;
    redirect(&format!(
        "{}?proposed=1",
        crate::routes::amendment(access.id(), access.kind, id)
    ));
    Ok(id)
}

/// `POST /api/amendments/support`: `support` is "yes" to support (once per person) or "no"
/// to take one's support back.
#[server(prefix = "/api", endpoint = "amendments/support")]
pub async fn support_amendment(amendment_id: i64, support: String) -> Result<(), AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::workflows::discussion::{amendment_in_context, amendments};
    let (state, viewer) = anyone().await?;
    let (access, amendment) = amendment_in_context(&state, viewer, amendment_id).await?;
    let support = crate::forms::discussion::support(&support)?;
    amendments::support(&access, &amendment, support).await?;
    redirect(&crate::routes::amendment(
        access.id(),
        access.kind,
        amendment.id,
    ));
    Ok(())
}

/// `POST /api/amendments/decide`: `verdict` is "accept" (a new version is saved, crediting
/// the proposer), "decline" (needs a `reason`) or "vote" (sent to a vote).
#[server(prefix = "/api", endpoint = "amendments/decide")]
pub async fn decide_amendment(
    amendment_id: i64,
    verdict: String,
    reason: Option<String>,
) -> Result<Option<u32>, AppError> {
    use crate::api::boundary::{anyone, redirect};
    use crate::forms::discussion::{optional_reason, verdict as parse_verdict};
    use crate::workflows::discussion::{amendment_in_context, amendments};
    let (state, viewer) = anyone().await?;
    let (access, amendment) = amendment_in_context(&state, viewer, amendment_id).await?;
    let verdict = parse_verdict(&verdict)?;
    let made = amendments::decide(
        &access,
        &amendment,
        verdict,
        optional_reason("reason", &reason)?,
    )
    .await?;
    redirect(&format!(
        "{}?decided=1",
        crate::routes::amendment(access.id(), access.kind, amendment.id)
    ));
    Ok(made)
}
