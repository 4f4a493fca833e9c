//! `GET /processes/{id}/commitments.csv`: "You said, we did" as a spreadsheet, for anyone.
//! (A plain route: it must arrive as a file.)

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::public_process::{failed, public_context};
use app::state::AppState;

pub async fn csv(State(state): State<AppState>, Path(process): Path<String>) -> Response {
    let cx = match public_context(&state, &process).await {
        Ok(cx) => cx,
        Err(response) => return response,
    };
    match app::workflows::commitments::csv(&cx).await {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"process-{}-commitments.csv\"",
                        cx.id().get()
                    ),
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => failed(e),
    }
}
