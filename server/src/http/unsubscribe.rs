//! `POST /unsubscribe/{token}`: stops all email for whoever holds the token, signed out.
//! Both the button on the unsubscribe page and mail programs' own "unsubscribe" button
//! (RFC 8058 one-click, which posts `List-Unsubscribe=One-Click` from the mail provider) land
//! here, so it is a plain route rather than a server function. A browser is sent back to the
//! page, which then says what happened; a mail program gets a status.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

use app::error::AppError;
use app::state::AppState;

pub async fn one_click(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    let outcome = app::workflows::email::unsubscribe(&state, &token).await;
    let browser = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    let page = app::routes::unsubscribe(token.as_str());
    match (outcome, browser) {
        (Ok(()), true) => Redirect::to(&format!("{page}?stopped=1")).into_response(),
        (Ok(()), false) => (StatusCode::OK, "You will get no more email.").into_response(),
        (Err(AppError::NotFound(_) | AppError::Invalid(_)), true) => {
            Redirect::to(&format!("{page}?unknown=1")).into_response()
        }
        (Err(e), _) => {
            let code =
                StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (code, e.to_string()).into_response()
        }
    }
}
