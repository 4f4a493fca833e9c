//! `GET /me/data.json`: everything held about the signed-in person, as a file download.
//! (A plain route rather than a server function, because a form post to a server function
//! is redirected back to its page, and this must arrive as a file.)

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use app::auth::viewer::current_viewer;
use app::state::AppState;
use app::store::{personal_data, unix_now};

pub async fn download(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let viewer = match current_viewer(&state.db, &headers).await {
        Ok(Some(viewer)) => viewer,
        Ok(None) => {
            return (
                StatusCode::UNAUTHORIZED,
                "Please sign in to download your data.",
            )
                .into_response();
        }
        Err(error) => {
            tracing::error!(?error, "reading the session for a data download");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Please try again.",
            )
                .into_response();
        }
    };
    match personal_data::export(&state.db, viewer.person, unix_now()).await {
        Ok(Some(data)) => {
            tracing::info!(person = viewer.person.get(), "personal data downloaded");
            (
                [
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"my-recovery-commons-data.json\"",
                    ),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                Json(data),
            )
                .into_response()
        }
        Ok(None) => (
            StatusCode::UNAUTHORIZED,
            "Please sign in to download your data.",
        )
            .into_response(),
        Err(error) => {
            tracing::error!(?error, "exporting personal data");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Something went wrong on our side. Please try again.",
            )
                .into_response()
        }
    }
}
