//! The built JavaScript, WebAssembly and CSS under `/pkg` (their file names carry a hash of
//! their content, so browsers may keep them for a year), and the site root's other files.

use axum::Router;
use axum::handler::{Handler, HandlerService, HandlerWithoutStateExt};
use axum::http::{HeaderValue, header};
use tower::ServiceBuilder;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::set_status::SetStatus;

/// The files at the top of the site root (the favicon); anything else is answered by
/// `not_found` (the app's "not found" page, with status 404).
pub fn site_files<H, T>(
    site_root: &str,
    not_found: H,
) -> ServeDir<SetStatus<HandlerService<H, T, ()>>>
where
    H: Handler<T, ()>,
    T: 'static,
{
    ServeDir::new(site_root)
        .call_fallback_on_method_not_allowed(true)
        .not_found_service(not_found.into_service())
}

pub fn pkg_router<S: Clone + Send + Sync + 'static>(site_root: &str, pkg_dir: &str) -> Router<S> {
    let files = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
        .service(ServeDir::new(format!("{site_root}/{pkg_dir}")));
    Router::new().fallback_service(files)
}
