//! Processes: the public list, and a site administrator starting a new one (they become its
//! process administrator).

use crate::domain::permissions::may_create_process;
use crate::domain::{ProcessDescription, ProcessId, ProcessSummary, ProcessTitle, Viewer};
use crate::error::{AppError, refused};
use crate::forms::Refusals;
use crate::state::AppState;
use crate::workflows::unexpected;

/// Every process, newest first. Public.
pub async fn list(state: &AppState) -> Result<Vec<ProcessSummary>, AppError> {
    crate::store::processes::list(&state.db)
        .await
        .map_err(unexpected("listing processes"))
}

/// Starts a process; returns its id.
pub async fn create(
    state: &AppState,
    viewer: Option<Viewer>,
    title: &str,
    description: &str,
) -> Result<ProcessId, AppError> {
    may_create_process(viewer.as_ref())
        .map_err(|r| refused("create process", viewer.as_ref(), r))?;
    let admin = viewer.ok_or(AppError::SignInRequired)?;
    let mut refusals = Refusals::default();
    let title = refusals.take("title", ProcessTitle::parse(title));
    let description = refusals.take("description", ProcessDescription::parse(description));
    let (Some(title), Some(description)) = (title, description) else {
        return Err(refusals.into_error());
    };
    let id = crate::store::processes::insert(
        &state.db,
        &title,
        &description,
        admin.person,
        crate::store::unix_now(),
    )
    .await
    .map_err(unexpected("creating a process"))?;
    tracing::info!(
        process = id.get(),
        person = admin.person.get(),
        "process created"
    );
    Ok(id)
}

/// A process administrator sets the secrecy threshold: the fewest ballots any figure of a
/// secret result may come from. It applies to decisions opened from now on; each open or
/// closed one keeps the threshold its voters were told.
pub async fn set_secrecy_threshold(
    cx: &crate::workflows::ProcessContext,
    k: crate::domain::decision::disclosure::SecrecyThreshold,
) -> Result<(), AppError> {
    use crate::domain::permissions::ProcessAction;
    let admin = cx.require(
        ProcessAction::ConfigureProcess,
        "change the secrecy threshold",
    )?;
    crate::store::processes::set_secrecy_threshold(cx.db(), cx.id(), k)
        .await
        .map_err(unexpected("changing the secrecy threshold"))?;
    tracing::info!(
        process = cx.id().get(),
        person = admin.person.get(),
        k = k.get(),
        "secrecy threshold changed"
    );
    Ok(())
}
