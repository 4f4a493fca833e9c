//! `GET /processes/{id}/decisions/{decision}/record.json` and `record.csv`: a decision's
//! public participation record as a download, for anyone. (Plain routes: they must arrive as
//! files, and need no page around them.)

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::domain::decision::export::record_csv;
use app::state::AppState;
use app::workflows::decisions::record::public_record;

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "There is no such decision record.",
    )
        .into_response()
}

pub async fn download(
    State(state): State<AppState>,
    Path((process, decision, file)): Path<(String, String, String)>,
) -> Response {
    let (Ok(process), Ok(decision)) = (process.parse::<i64>(), decision.parse::<i64>()) else {
        return not_found();
    };
    let record = match public_record(&state, decision).await {
        Ok(Some(record)) if record.process == process => record,
        Ok(_) => return not_found(),
        Err(error) => {
            tracing::error!(?error, "reading a decision record");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Please try again.",
            )
                .into_response();
        }
    };
    let name = format!("decision-{decision}-record");
    match file.as_str() {
        "record.json" => (
            [(
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.json\""),
            )],
            Json(record),
        )
            .into_response(),
        "record.csv" => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}.csv\""),
                ),
            ],
            record_csv(&record.entries),
        )
            .into_response(),
        _ => not_found(),
    }
}
