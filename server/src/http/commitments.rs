//! `GET /processes/{id}/commitments.csv`: "You said, we did" as a spreadsheet, for anyone.
//! (A plain route: it must arrive as a file.)

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::domain::ProcessId;
use app::state::AppState;
use app::workflows::ProcessContext;

pub async fn csv(State(state): State<AppState>, Path(process): Path<String>) -> Response {
    let not_found = || {
        (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "There is no such process.",
        )
            .into_response()
    };
    let Some(process) = ProcessId::parse(&process) else {
        return not_found();
    };
    // Commitments are public: read as a member of the public would.
    let cx = match ProcessContext::load(&state, process, None).await {
        Ok(cx) => cx,
        Err(app::error::AppError::NotFound(_)) => return not_found(),
        Err(e) => return failed(e),
    };
    match app::workflows::commitments::csv(&cx).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"process-{}-commitments.csv\"",
                        process.get()
                    ),
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => failed(e),
    }
}

fn failed(error: app::error::AppError) -> Response {
    tracing::error!(?error, "reading commitments for a download");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Something went wrong on our side. Please try again.",
    )
        .into_response()
}
