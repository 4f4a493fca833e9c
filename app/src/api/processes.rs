//! Server functions for processes.

use leptos::prelude::*;

use crate::domain::{ProcessId, ProcessSummary};
use crate::error::AppError;

/// `POST /api/processes/list`: every process, newest first. Public.
#[server(prefix = "/api", endpoint = "processes/list")]
pub async fn list_processes() -> Result<Vec<ProcessSummary>, AppError> {
    crate::workflows::processes::list(&crate::api::boundary::app_state()?).await
}

/// `POST /api/processes/get`: one process's public summary.
#[server(prefix = "/api", endpoint = "processes/get")]
pub async fn get_process(id: i64) -> Result<ProcessSummary, AppError> {
    Ok(crate::api::boundary::process_context(id).await?.process)
}

/// `POST /api/processes/create`: a site administrator starts a new process. Redirects to the
/// new process's page.
#[server(prefix = "/api", endpoint = "processes/create")]
pub async fn create_process(title: String, description: String) -> Result<ProcessId, AppError> {
    use crate::api::boundary::{anyone, redirect};
    let (state, viewer) = anyone().await?;
    let id = crate::workflows::processes::create(&state, viewer, &title, &description).await?;
    redirect(&crate::routes::process(id));
    Ok(id)
}
