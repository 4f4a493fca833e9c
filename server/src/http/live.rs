//! `GET /workshops/{id}/live?view=room|step`: a workshop's live frames as Server-Sent Events,
//! for people taking part in its process. `room` (the projector and the console) gets every
//! change: the step, each comment, each ballot's count. `step` (phones) gets only changes of
//! the step, so a room of phones is not woken by every ballot.
//!
//! Why SSE rather than WebSockets: updates only flow from the server to screens (people act
//! through ordinary form posts, which also work without JavaScript); the browser's
//! EventSource reconnects by itself after a dropped connection; and it is plain HTTP, so it
//! passes proxies and needs no second protocol. On reconnecting, a screen first receives the
//! current frame, so it catches up whatever it missed.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};

use app::auth::viewer::current_viewer;
use app::live::Frame;
use app::state::AppState;

#[derive(serde::Deserialize)]
pub struct Which {
    view: Option<String>,
}

pub async fn stream(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(which): Query<Which>,
    headers: HeaderMap,
) -> Response {
    let viewer = match current_viewer(&state.db, &headers).await {
        Ok(v) => v,
        Err(error) => {
            tracing::error!(?error, "reading the session for a live stream");
            return app::error::AppError::Unexpected.into_response();
        }
    };
    // People taking part in the process, and the workshop's guests still in the room.
    if let Err(refused) = app::workflows::workshops::may_follow(&state, viewer, id).await {
        return refused.into_response();
    }
    let phones = which.view.as_deref() == Some("step");
    let frames = state.live.watch(id).await;
    let pick = move |frame: &Frame| -> String {
        if phones {
            frame.step.clone()
        } else {
            frame.room.clone()
        }
    };
    let same = move |a: &Frame, b: &Frame| {
        if phones {
            a.step == b.step
        } else {
            a.room == b.room
        }
    };
    // Each screen gets the current frame at once, then each one that differs from the last
    // it was sent. The last frame is kept as the shared `Arc`, not copied, so an idle
    // connection costs little.
    let events = futures::stream::unfold(
        (frames, None::<Arc<Frame>>, true),
        move |(mut frames, mut last, first)| async move {
            loop {
                if !first && frames.changed().await.is_err() {
                    return None;
                }
                let frame = frames.borrow_and_update().clone();
                let empty = if phones {
                    frame.step.is_empty()
                } else {
                    frame.room.is_empty()
                };
                if !empty && !last.as_ref().is_some_and(|l| same(l, &frame)) {
                    // Reconnect a second after the stream ends, not the browser's default 3.
                    let event = Event::default()
                        .event("frame")
                        .retry(Duration::from_secs(1))
                        .data(pick(&frame));
                    last = Some(frame);
                    return Some((Ok::<_, Infallible>(event), (frames, last, false)));
                }
                if first {
                    // Nothing to send yet: wait for the first real frame.
                    return Some((
                        Ok(Event::default().comment("waiting")),
                        (frames, last, false),
                    ));
                }
            }
        },
    );
    // Ended after a while: the screen reconnects by itself and starts from the current frame.
    let lifetime = Duration::from_secs(state.config.live_stream_seconds);
    let events = futures::StreamExt::take_until(events, tokio::time::sleep(lifetime));
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}
