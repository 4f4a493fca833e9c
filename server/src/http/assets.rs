//! The built JavaScript, WebAssembly and CSS under `/pkg`. Their file names carry a hash of
//! their content, so browsers may keep them for a year.

use axum::Router;
use axum::http::{HeaderValue, header};
use tower::ServiceBuilder;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn pkg_router<S: Clone + Send + Sync + 'static>(site_root: &str, pkg_dir: &str) -> Router<S> {
    let files = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ))
        .service(ServeDir::new(format!("{site_root}/{pkg_dir}")));
    Router::new().fallback_service(files)
}
