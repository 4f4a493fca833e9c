//! Headers that make the browser refuse what the app never does: run a script it did not
//! send, frame the site, or keep a copy of a personal page.
//!
//! Pages rendered by Leptos get a Content-Security-Policy naming this response's nonce, which
//! Leptos puts on its own hydration scripts; everything else gets one that runs no scripts at
//! all. Responses say `Cache-Control: no-store` unless they chose otherwise (the published
//! pages and the built assets do), so a page about a person is never kept by a shared
//! computer's browser or a proxy. HSTS is sent only when the site's public address is https.

use axum::http::{HeaderValue, header};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;
use tower_http::set_header::SetResponseHeaderLayer;

/// What every policy shares: nothing from elsewhere, no plugins, no framing, forms only to
/// this site.
macro_rules! common {
    () => {
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    };
}

/// The policy of a page Leptos renders: scripts from this site and the inline ones carrying
/// `nonce`; `'wasm-unsafe-eval'` lets the browser compile the app's WebAssembly (it allows
/// no JavaScript `eval`).
pub fn page_policy(nonce: &str) -> String {
    format!(
        "{}; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'",
        common!()
    )
}

/// The policy of every other response: no scripts.
pub const NO_SCRIPTS: &str = concat!(common!(), "; script-src 'none'");

/// Called while Leptos renders a page (inside its reactive owner): sets the page's policy
/// with this response's nonce.
pub fn set_page_policy() {
    let (Some(nonce), Some(response)) =
        (leptos::nonce::use_nonce(), use_context::<ResponseOptions>())
    else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce)) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}

/// HSTS, for a site whose public address is https: browsers then never try it over http.
pub fn strict_transport(public_url: Option<&str>) -> Option<SetResponseHeaderLayer<HeaderValue>> {
    public_url
        .is_some_and(|u| u.starts_with("https://"))
        .then(|| {
            SetResponseHeaderLayer::if_not_present(
                header::STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static("max-age=63072000"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_only_this_responses_inline_scripts() {
        let policy = page_policy("abc");
        assert!(policy.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(policy.contains("default-src 'self'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(NO_SCRIPTS.ends_with("script-src 'none'"));
    }

    #[test]
    fn hsts_only_for_an_https_site() {
        assert!(strict_transport(Some("https://commons.example.org")).is_some());
        assert!(strict_transport(Some("http://localhost:3000")).is_none());
        assert!(strict_transport(None).is_none());
    }
}
