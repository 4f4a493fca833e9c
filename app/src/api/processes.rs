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

/// `POST /api/processes/secrecy`: a process administrator sets the secrecy threshold
/// (`secrecy_threshold`, a whole number from 2 to 50) for decisions opened from now on.
#[server(prefix = "/api", endpoint = "processes/secrecy")]
pub async fn set_secrecy_threshold(
    process_id: i64,
    secrecy_threshold: String,
) -> Result<u32, AppError> {
    use crate::api::boundary::{process_context, redirect};
    use crate::domain::decision::disclosure::SecrecyThreshold;
    let cx = process_context(process_id).await?;
    let k = SecrecyThreshold::parse(&secrecy_threshold)
        .map_err(|e| crate::forms::refusal("secrecy_threshold", e.to_string()))?;
    crate::workflows::processes::set_secrecy_threshold(&cx, k).await?;
    redirect(&crate::routes::decisions(cx.id()));
    Ok(k.get())
}

/// `POST /api/processes/timeline`: the process's phases, where it is now and what is next.
#[server(prefix = "/api", endpoint = "processes/timeline")]
pub async fn load_timeline(
    process_id: i64,
) -> Result<crate::views::timeline::TimelineView, AppError> {
    let cx = crate::api::boundary::process_context(process_id).await?;
    crate::workflows::timeline::view(&cx).await
}

/// `POST /api/processes/happening`: the printable "what's happening" sheet (for anyone who
/// can see the process).
#[server(prefix = "/api", endpoint = "processes/happening")]
pub async fn load_happening(
    process_id: i64,
) -> Result<crate::views::happening::HappeningSheet, AppError> {
    use crate::api::boundary::{process_context, site_url};
    let cx = process_context(process_id).await?;
    let site = site_url(&cx.state)?;
    crate::workflows::happening::sheet(&cx, site).await
}

/// `POST /api/processes/set-timeline`: a process administrator sets the phases (`timeline`:
/// one a line, "name | starts | ends", dates as 2027-03-31, the end may be empty). A wrong
/// line is refused, naming it.
#[server(prefix = "/api", endpoint = "processes/set-timeline")]
pub async fn set_timeline(process_id: i64, timeline: String) -> Result<(), AppError> {
    use crate::api::boundary::{process_context, redirect};
    let cx = process_context(process_id).await?;
    let timeline = crate::domain::timeline::Timeline::parse(&timeline)
        .map_err(|e| crate::forms::refusal("timeline", e.to_string()))?;
    crate::workflows::timeline::set(&cx, timeline).await?;
    redirect(&format!(
        "{}?timeline=saved",
        crate::routes::process(cx.id())
    ));
    Ok(())
}
