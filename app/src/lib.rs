//! Recovery Commons: the library shared by the server and the browser.
//!
//! Layers, from the bottom; each imports only from those below it (a test checks this):
//! - `domain`: pure types and rules, no I/O (compiled to WebAssembly too).
//! - `error`: the one error type, with messages for people.
//! - `routes`: every path of the site, written once.
//! - `views`: what each page and screen shows, as plain serialisable types.
//! - `forms`: what each form sends, and its parsing into domain types.
//! - `store`: persistence, SQL only, one module per aggregate (server only).
//! - `auth`: tokens, session cookies, passwords, first-start bootstrap (server only).
//! - `live`: the hub that fans live workshop frames out to screens (server only).
//! - `workflows`: the server's use cases, shared by endpoints, the live hub and the plain
//!   axum handlers (server only).
//! - `api`: server functions, the public POST endpoints under `/api/`: thin.
//! - `ui`: pages and components; they render and decide nothing.

#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod error;
pub mod forms;
pub mod routes;
pub mod ui;
pub mod views;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod workflows;

#[cfg(all(test, feature = "ssr"))]
mod layers;

/// The browser's entry point: takes over the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    ui::bundles::leave_other_bundles_to_the_browser();
    leptos::mount::hydrate_body(ui::App);
    // A marker for browser tests (and for CSS, should it ever need one).
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
