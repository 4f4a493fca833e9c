//! Following a workshop's live stream in the browser. The page is first rendered on the
//! server with the current state (so it works, and a reload shows the latest, without
//! JavaScript); once hydrated, an EventSource replaces it with each new frame, and the server
//! starts every connection with the current frame, so a screen that lost the wifi catches up.
//!
//! The browser reconnects an EventSource by itself after a dropped connection, but gives up
//! for good when an answer is not 200 (a 503 while the database is down, a server that is
//! restarting). So this reopens the stream itself after any error, waiting 1, 2, 4 … up to
//! 30 seconds (with some jitter, so a room of phones does not come back all at once), and
//! shows a quiet "reconnecting" notice meanwhile (not for the moment a planned reconnect takes).

use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// The latest frame, and whether the stream is being reopened.
#[derive(Clone, Copy)]
pub struct LiveFeed<T: Send + Sync + 'static> {
    pub frame: ReadSignal<T>,
    pub reconnecting: ReadSignal<bool>,
}

/// Follows `url`, starting at `initial`.
pub fn live_frames<T>(url: String, initial: T) -> LiveFeed<T>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let (frame, set_frame) = signal(initial);
    let (reconnecting, set_reconnecting) = signal(false);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let follower = std::rc::Rc::new(browser::Follower {
            url: url.clone(),
            on_frame: Box::new(move |text: String| {
                if let Ok(value) = crate::ui::components::json::from_json::<T>(&text) {
                    set_frame.set(value);
                }
            }),
            on_state: Box::new(move |down| set_reconnecting.set(down)),
            state: Default::default(),
        });
        browser::open(follower.clone());
        let follower = send_wrapper::SendWrapper::new(follower);
        on_cleanup(move || follower.stop());
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (&url, set_frame, set_reconnecting);
    LiveFeed {
        frame,
        reconnecting,
    }
}

/// The quiet notice shown while a live screen reopens its stream.
#[component]
pub fn ReconnectingNotice(reconnecting: ReadSignal<bool>) -> impl IntoView {
    view! {
        <p class="live-status" role="status" aria-live="polite">
            {move || reconnecting.get().then_some("Reconnecting… what you see may be a moment behind.")}
        </p>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    const FIRST_WAIT_MS: i32 = 1_000;
    const LONGEST_WAIT_MS: i32 = 30_000;
    /// EventSource.readyState when the browser has given up.
    const CLOSED: u16 = 2;
    /// A stream the server ends on purpose (every hour, or at a restart) is back within a
    /// second or two; the notice shows only if it is not back by then.
    const QUIET_MS: i32 = 3_000;

    #[derive(Default)]
    pub struct State {
        source: Option<web_sys::EventSource>,
        wait_ms: i32,
        stopped: bool,
        /// Whether the stream is open now.
        open: bool,
    }

    pub struct Follower {
        pub url: String,
        pub on_frame: Box<dyn Fn(String)>,
        /// `true` while the stream is down.
        pub on_state: Box<dyn Fn(bool)>,
        pub state: RefCell<State>,
    }

    impl Follower {
        pub fn stop(&self) {
            let mut state = self.state.borrow_mut();
            state.stopped = true;
            if let Some(source) = state.source.take() {
                source.close();
            }
        }
    }

    /// Opens the stream; on an error after which the browser gave up, reopens it later.
    pub fn open(follower: Rc<Follower>) {
        if follower.state.borrow().stopped {
            return;
        }
        let Ok(source) = web_sys::EventSource::new(&follower.url) else {
            later(follower);
            return;
        };
        let on_frame = {
            let follower = follower.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
                (follower.on_state)(false);
                {
                    let mut state = follower.state.borrow_mut();
                    state.wait_ms = 0;
                    state.open = true;
                }
                if let Some(text) = event.data().as_string() {
                    (follower.on_frame)(text);
                }
            })
        };
        let on_open = {
            let follower = follower.clone();
            Closure::<dyn FnMut()>::new(move || {
                (follower.on_state)(false);
                let mut state = follower.state.borrow_mut();
                state.wait_ms = 0;
                state.open = true;
            })
        };
        let on_error = {
            let follower = follower.clone();
            let source = source.clone();
            Closure::<dyn FnMut()>::new(move || {
                follower.state.borrow_mut().open = false;
                if source.ready_state() == CLOSED {
                    // The browser gave up (a 503, say): say so now, and reopen it later.
                    (follower.on_state)(true);
                    source.close();
                    later(follower.clone());
                } else {
                    // The browser is reconnecting by itself; speak up only if it takes long.
                    notice_if_still_down(follower.clone());
                }
            })
        };
        let _ = source.add_event_listener_with_callback("frame", on_frame.as_ref().unchecked_ref());
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // They live as long as the page's EventSource does.
        on_frame.forget();
        on_open.forget();
        on_error.forget();
        follower.state.borrow_mut().source = Some(source);
    }

    /// Shows the notice if the stream is still not open after [`QUIET_MS`].
    fn notice_if_still_down(follower: Rc<Follower>) {
        let check = Closure::once_into_js(move || {
            let state = follower.state.borrow();
            if !state.open && !state.stopped {
                (follower.on_state)(true);
            }
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                check.unchecked_ref(),
                QUIET_MS,
            );
        }
    }

    /// Reopens after the next wait: doubled each time, at most 30 s, with up to a quarter
    /// more at random.
    fn later(follower: Rc<Follower>) {
        let wait = {
            let mut state = follower.state.borrow_mut();
            state.source = None;
            state.wait_ms = if state.wait_ms == 0 {
                FIRST_WAIT_MS
            } else {
                (state.wait_ms * 2).min(LONGEST_WAIT_MS)
            };
            state.wait_ms
        };
        let jitter = (js_sys::Math::random() * f64::from(wait) / 4.0) as i32;
        let reopen = Closure::once_into_js(move || open(follower));
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                reopen.unchecked_ref(),
                wait + jitter,
            );
        }
    }
}
