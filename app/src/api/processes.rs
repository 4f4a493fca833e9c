//! Server functions for processes.

use leptos::prelude::*;

use super::AppError;
use crate::domain::{ProcessId, ProcessSummary};

/// `POST /api/processes/list`: every process, newest first. Public.
#[server(prefix = "/api", endpoint = "processes/list")]
pub async fn list_processes() -> Result<Vec<ProcessSummary>, AppError> {
    use super::boundary::{app_state, unexpected};
    let state = app_state()?;
    crate::store::processes::list(&state.db)
        .await
        .map_err(unexpected("listing processes"))
}

/// `POST /api/processes/get`: one process's public summary.
#[server(prefix = "/api", endpoint = "processes/get")]
pub async fn get_process(id: i64) -> Result<ProcessSummary, AppError> {
    use super::boundary::{app_state, unexpected};
    let state = app_state()?;
    crate::store::processes::find(&state.db, ProcessId::new(id))
        .await
        .map_err(unexpected("reading a process"))?
        .ok_or_else(|| AppError::NotFound("that process".into()))
}

/// `POST /api/processes/create`: a site administrator starts a new process. Redirects to the
/// new process's page.
#[server(prefix = "/api", endpoint = "processes/create")]
pub async fn create_process(title: String, description: String) -> Result<ProcessId, AppError> {
    use super::boundary::{app_state, refused, unexpected, viewer};
    use crate::domain::permissions::may_create_process;
    use crate::domain::{ProcessDescription, ProcessTitle};
    use crate::store::{processes, unix_now};

    let state = app_state()?;
    let viewer = viewer(&state).await?;
    let Some(admin) = viewer else {
        return Err(refused(
            "create process",
            None,
            may_create_process(None).unwrap_err(),
        ));
    };
    may_create_process(Some(&admin)).map_err(|r| refused("create process", Some(&admin), r))?;

    let title = ProcessTitle::parse(&title);
    let description = ProcessDescription::parse(&description);
    AppError::check_fields(vec![
        ("title", title.clone().err()),
        ("description", description.clone().err()),
    ])?;
    let (Ok(title), Ok(description)) = (title, description) else {
        return Err(AppError::Unexpected);
    };

    let now = unix_now();
    let id = processes::insert(&state.db, &title, &description, admin.person, now)
        .await
        .map_err(unexpected("creating a process"))?;
    tracing::info!(
        process = id.get(),
        person = admin.person.get(),
        "process created"
    );
    leptos_axum::redirect(&format!("/processes/{id}"));
    Ok(id)
}
