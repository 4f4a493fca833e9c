//! The session cookie: HttpOnly (scripts cannot read it), SameSite=Lax (not sent on
//! cross-site posts), Secure when the site is served over HTTPS.

use http::HeaderMap;
use http::header::COOKIE;

use super::token::SecretToken;
use crate::domain::comfort::Comfort;

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

/// The value of cookie `name` in the request, if any.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// The session token in the request's cookies, if any.
pub fn session_token(headers: &HeaderMap) -> Option<SecretToken> {
    cookie(headers, SESSION_COOKIE).and_then(SecretToken::from_presented)
}

/// A reader's text size and contrast: not a secret (so not tied to a session), kept a year.
pub const COMFORT_COOKIE: &str = "rc_comfort";

pub fn comfort_cookie(comfort: Comfort, secure: bool) -> String {
    format!(
        "{COMFORT_COOKIE}={}; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax{}",
        comfort.cookie_value(),
        if secure { "; Secure" } else { "" }
    )
}

/// The reader's choice; the standard look when there is none, or one this site did not write.
pub fn comfort(headers: &HeaderMap) -> Comfort {
    cookie(headers, COMFORT_COOKIE)
        .and_then(Comfort::from_cookie)
        .unwrap_or_default()
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
    fn the_comfort_choice_is_read_among_other_cookies() {
        use crate::domain::comfort::{Contrast, TextSize};
        let mut headers = HeaderMap::new();
        assert_eq!(comfort(&headers), Comfort::default());
        headers.insert(
            COOKIE,
            HeaderValue::from_static("rc_session=x; rc_comfort=large.high"),
        );
        assert_eq!(
            comfort(&headers),
            Comfort {
                size: TextSize::Large,
                contrast: Contrast::High
            }
        );
        let set = comfort_cookie(comfort(&headers), true);
        assert!(set.starts_with("rc_comfort=large.high;") && set.contains("SameSite=Lax"));
    }

    #[test]
    fn a_malformed_session_cookie_is_ignored() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("rc_session=<script>"));
        assert!(session_token(&headers).is_none());
    }
}
