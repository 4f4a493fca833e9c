//! Recovery Commons: the library shared by the server and the browser.
//!
//! - `domain`: pure types and rules, no I/O (compiled to WebAssembly too).
//! - `store`: persistence, one module per aggregate (server only).
//! - `auth`: tokens, session cookies, first-start bootstrap (server only).
//! - `api`: server functions, the public POST endpoints under `/api/`.
//! - `live`: live workshop frames, fanned out to screens (server only).
//! - `ui`: pages and components.

#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

/// The browser's entry point: takes over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(ui::App);
    // A marker for browser tests (and for CSS, should it ever need one).
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
