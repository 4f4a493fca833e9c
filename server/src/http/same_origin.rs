//! Refuses state-changing requests sent from another site (cross-site request forgery).
//! Leptos server functions have no such check of their own, and SameSite cookies protect
//! only incidentally.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The origin the site is served from, when it is known (`PUBLIC_URL`); otherwise the
/// request's own `Host` is taken as the origin.
#[derive(Clone, Debug, Default)]
pub struct AllowedOrigin(pub Option<String>);

pub async fn refuse_cross_site(
    State(allowed): State<AllowedOrigin>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe_method(request.method()) || is_same_origin(request.headers(), &allowed) {
        return next.run(request).await;
    }
    tracing::warn!(path = %request.uri().path(), "refused a cross-site request");
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        Body::from("This request came from another website, so it was refused."),
    )
        .into_response()
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Browsers send `Sec-Fetch-Site`; older ones send `Origin` on cross-site posts. A request
/// with neither comes from a non-browser client, which cannot carry a visitor's cookies.
pub fn is_same_origin(headers: &HeaderMap, allowed: &AllowedOrigin) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    match &allowed.0 {
        Some(public) => origin.eq_ignore_ascii_case(public.trim_end_matches('/')),
        None => {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            let authority = origin.split_once("://").map(|(_, a)| a);
            matches!((host, authority), (Some(h), Some(a)) if h.eq_ignore_ascii_case(a))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        let none = AllowedOrigin(None);
        assert!(is_same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            &none
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            &none
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            &none
        ));
    }

    #[test]
    fn origin_must_match_the_host_when_no_public_url_is_set() {
        let none = AllowedOrigin(None);
        let ok = headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ]);
        let bad = headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ]);
        let null = headers(&[("origin", "null"), ("host", "127.0.0.1:3000")]);
        assert!(is_same_origin(&ok, &none));
        assert!(!is_same_origin(&bad, &none));
        assert!(!is_same_origin(&null, &none));
    }

    #[test]
    fn origin_must_match_the_public_url_when_set() {
        let public = AllowedOrigin(Some("https://commons.example.org/".into()));
        assert!(is_same_origin(
            &headers(&[("origin", "https://commons.example.org")]),
            &public
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", "http://commons.example.org")]),
            &public
        ));
    }

    #[test]
    fn a_request_without_browser_headers_is_allowed() {
        assert!(is_same_origin(&HeaderMap::new(), &AllowedOrigin(None)));
    }
}
