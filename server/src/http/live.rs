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
//!
//! A stream follows consent: it checks its session again whenever someone withdraws, changes
//! how they appear, is removed or signs out (on every instance), and at least every 30
//! seconds, and ends as soon as its session may no longer follow the workshop.

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
use tokio::sync::watch;

#[derive(serde::Deserialize)]
pub struct Which {
    view: Option<String>,
}

/// How often a stream checks again that its session may still follow, even when nothing
/// announced a change of people.
const RECHECK: Duration = Duration::from_secs(30);

pub async fn stream(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(which): Query<Which>,
    headers: HeaderMap,
) -> Response {
    let viewer = match current_viewer(&state.db, &headers).await {
        Ok(v) => v,
        Err(error) => {
            // 503 during an outage: the screen's stream is reopened with backoff.
            return app::workflows::unexpected("reading the session for a live stream")(error)
                .into_response();
        }
    };
    // People taking part in the process, and the workshop's guests still in the room.
    if let Err(refused) = app::workflows::workshops::may_follow(&state, viewer, id).await {
        return refused.into_response();
    }
    let follower = Follower {
        frames: state.live.watch(id).await,
        people: state.live.people(),
        recheck: tokio::time::interval_at(tokio::time::Instant::now() + RECHECK, RECHECK),
        phones: which.view.as_deref() == Some("step"),
        last: None,
        first: true,
        workshop: id,
        state: state.clone(),
        headers,
    };
    let events = futures::stream::unfold(follower, |mut follower| async move {
        let event = follower.next().await?;
        Some((Ok::<_, Infallible>(event), follower))
    });
    // Ended after a while, or at once when the server stops: the screen reconnects by itself
    // (to another instance behind the load balancer, or here once the server is back) and
    // starts from the current frame.
    let lifetime = Duration::from_secs(state.config.live_stream_seconds);
    let ends = futures::future::select(
        Box::pin(tokio::time::sleep(lifetime)),
        Box::pin(state.live.stopped()),
    );
    let events = futures::StreamExt::take_until(events, ends);
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(20)))
        .into_response()
}

/// One screen's stream: the current frame at once, then each one that differs from the last
/// it was sent, for as long as its session may follow the workshop.
struct Follower {
    frames: watch::Receiver<Arc<Frame>>,
    people: watch::Receiver<u64>,
    recheck: tokio::time::Interval,
    phones: bool,
    /// Kept as the shared `Arc`, not copied, so an idle connection costs little.
    last: Option<Arc<Frame>>,
    first: bool,
    workshop: i64,
    state: AppState,
    headers: HeaderMap,
}

impl Follower {
    /// The next event, or `None` to end the stream.
    async fn next(&mut self) -> Option<Event> {
        loop {
            if !self.first {
                tokio::select! {
                    changed = self.frames.changed() => changed.ok()?,
                    changed = self.people.changed() => {
                        changed.ok()?;
                        self.may_still_follow().await.then_some(())?;
                        continue;
                    }
                    _ = self.recheck.tick() => {
                        self.may_still_follow().await.then_some(())?;
                        continue;
                    }
                }
            }
            let frame = self.frames.borrow_and_update().clone();
            let shown = if self.phones {
                &frame.step
            } else {
                &frame.room
            };
            let same = self.last.as_ref().is_some_and(|last| {
                if self.phones {
                    last.step == frame.step
                } else {
                    last.room == frame.room
                }
            });
            if !shown.is_empty() && !same {
                // Reconnect a second after the stream ends, not the browser's default 3.
                let event = Event::default()
                    .event("frame")
                    .retry(Duration::from_secs(1))
                    .data(shown.clone());
                self.first = false;
                self.last = Some(frame);
                return Some(event);
            }
            if self.first {
                // Nothing to send yet: wait for the first real frame.
                self.first = false;
                return Some(Event::default().comment("waiting"));
            }
        }
    }

    /// Whether the session the stream was opened with may still follow the workshop: not
    /// signed out, withdrawn, or removed from the process or the room.
    async fn may_still_follow(&self) -> bool {
        match current_viewer(&self.state.db, &self.headers).await {
            Ok(viewer) => app::workflows::workshops::may_follow(&self.state, viewer, self.workshop)
                .await
                .is_ok(),
            Err(error) => {
                tracing::warn!(?error, "checking a live stream's session again");
                false
            }
        }
    }
}
