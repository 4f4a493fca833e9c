//! Following a workshop's live stream in the browser. The page is first rendered on the
//! server with the current state (so it works, and a reload shows the latest, without
//! JavaScript); once hydrated, an EventSource replaces it with each new frame. EventSource
//! reconnects by itself after a dropped connection, and the server starts every connection
//! with the current frame, so a phone that lost the wifi catches up on its own.

use leptos::prelude::*;
use serde::de::DeserializeOwned;

/// A signal holding the latest frame from `url`, starting at `initial`.
pub fn live_frames<T>(url: String, initial: T) -> ReadSignal<T>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    let (frame, set_frame) = signal(initial);
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let Ok(source) = web_sys::EventSource::new(&url) else {
            return;
        };
        let on_frame = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                if let Some(value) = event
                    .data()
                    .as_string()
                    .and_then(|text| serde_json::from_str::<T>(&text).ok())
                {
                    set_frame.set(value);
                }
            },
        );
        let _ = source.add_event_listener_with_callback("frame", on_frame.as_ref().unchecked_ref());
        on_frame.forget();
        let source = send_wrapper::SendWrapper::new(source);
        on_cleanup(move || source.close());
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (&url, set_frame);
    frame
}
