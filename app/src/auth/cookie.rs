//! The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on
//! cross-site posts), Secure when the site is served over HTTPS.

use http::HeaderMap;
use http::header::COOKIE;

use super::token::SecretToken;

pub const SESSION_COOKIE: &str = "rc_session";

pub fn session_cookie(token: &SecretToken, max_age_seconds: i64, secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}={}; Path=/; Max-Age={max_age_seconds}; HttpOnly; SameSite=Lax{}",
        token.expose(),
        if secure { "; Secure" } else { "" }
    )
}

pub fn clearing_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

/// The session token in the request's cookies, if any.
pub fn session_token(headers: &HeaderMap) -> Option<SecretToken> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .and_then(|(_, value)| SecretToken::from_presented(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let t = SecretToken::generate();
        let c = session_cookie(&t, 60, false);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        assert!(session_cookie(&t, 60, true).ends_with("; Secure"));
    }

    #[test]
    fn the_token_is_found_among_other_cookies() {
        let t = SecretToken::generate();
        let mut headers = HeaderMap::new();
        let value = format!("theme=dark; {SESSION_COOKIE}={}; other=1", t.expose());
        headers.insert(COOKIE, HeaderValue::from_str(&value).unwrap());
        assert_eq!(session_token(&headers).unwrap().hash(), t.hash());
    }

    #[test]
    fn a_malformed_session_cookie_is_ignored() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("rc_session=<script>"));
        assert!(session_token(&headers).is_none());
    }
}
