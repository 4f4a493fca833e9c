//! Signing in with a one-time link, sessions and signing out.

use app::domain::{SiteRole, Viewer};
use app::error::AppError;

use crate::harness::{TestApp, new_client};
use crate::on_both_databases;

fn token_of(link: &str) -> String {
    link.split("token=").nth(1).unwrap().to_string()
}

async fn the_link_signs_in_once_with_a_safe_cookie(app: TestApp) {
    let token = token_of(app.admin_link.as_deref().unwrap());
    let response = app.call("session/redeem-link", &[("token", &token)]).await;
    assert_eq!(response.status(), 200);
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.starts_with("rc_session="));
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains(&token),
        "the session token is not the link token"
    );

    let viewer: Option<Viewer> = app.call("session/viewer", &[]).await.json().await.unwrap();
    assert_eq!(viewer.unwrap().site_role, SiteRole::SiteAdmin);

    // A second use, from anywhere, fails with a message a person can act on.
    let again = app
        .call_with(&new_client(), "session/redeem-link", &[("token", &token)])
        .await;
    assert_eq!(again.status(), 409);
    let error: AppError = again.json().await.unwrap();
    assert!(
        error
            .to_string()
            .contains("Ask the person who runs this site")
    );
}
on_both_databases!(link_once, the_link_signs_in_once_with_a_safe_cookie);

async fn a_made_up_token_is_refused(app: TestApp) {
    for token in ["", "nonsense", &"a".repeat(64)] {
        let response = app.call("session/redeem-link", &[("token", token)]).await;
        assert_eq!(response.status(), 409, "{token:?}");
        assert!(response.headers().get("set-cookie").is_none());
    }
}
on_both_databases!(bad_token, a_made_up_token_is_refused);

async fn signing_in_issues_a_new_session_id(app: TestApp) {
    app.sign_in_as_admin().await;
    let first = app.call("session/viewer", &[]).await;
    assert!(first.json::<Option<Viewer>>().await.unwrap().is_some());
    let person = app::store::people::first_site_admin(&app.db)
        .await
        .unwrap()
        .unwrap();

    let client = new_client();
    let mut ids = Vec::new();
    for _ in 0..2 {
        let path = app::auth::bootstrap::issue_sign_in_link(&app.db, person)
            .await
            .unwrap();
        let response = app
            .call_with(
                &client,
                "session/redeem-link",
                &[("token", &token_of(&path))],
            )
            .await;
        let cookie = response
            .headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        ids.push(cookie.split(';').next().unwrap().to_string());
    }
    assert_ne!(
        ids[0], ids[1],
        "a sign-in must never keep the old session id"
    );
    // The replaced session no longer works.
    let stale = reqwest::Client::new()
        .post(app.url("/api/session/viewer"))
        .header("cookie", &ids[0])
        .send()
        .await
        .unwrap();
    assert_eq!(stale.json::<Option<Viewer>>().await.unwrap(), None);
}
on_both_databases!(new_session_id, signing_in_issues_a_new_session_id);

async fn signing_out_ends_the_session_on_the_server(app: TestApp) {
    let token = token_of(app.admin_link.as_deref().unwrap());
    let response = app.call("session/redeem-link", &[("token", &token)]).await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    let pair = cookie.split(';').next().unwrap().to_string();

    let out = app.call("session/sign-out", &[]).await;
    assert_eq!(out.status(), 200);
    assert!(
        out.headers()
            .get("set-cookie")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );

    // Even someone who kept a copy of the cookie is signed out.
    let replay = reqwest::Client::new()
        .post(app.url("/api/processes/create"))
        .header("cookie", pair)
        .form(&[("title", "T"), ("description", "D")])
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 401);
}
on_both_databases!(sign_out, signing_out_ends_the_session_on_the_server);

async fn signing_out_everywhere_ends_every_session_of_that_person(app: TestApp) {
    app.sign_in_as_admin().await;
    let person = app::store::people::first_site_admin(&app.db)
        .await
        .unwrap()
        .unwrap();
    let path = app::auth::bootstrap::issue_sign_in_link(&app.db, person)
        .await
        .unwrap();
    let phone = new_client();
    app.call_with(
        &phone,
        "session/redeem-link",
        &[("token", &token_of(&path))],
    )
    .await;
    assert!(
        app.call_with(&phone, "session/viewer", &[])
            .await
            .json::<Option<Viewer>>()
            .await
            .unwrap()
            .is_some()
    );

    assert_eq!(
        app.call("session/sign-out-everywhere", &[]).await.status(),
        200
    );
    for client in [&app.client, &phone] {
        let viewer: Option<Viewer> = app
            .call_with(client, "session/viewer", &[])
            .await
            .json()
            .await
            .unwrap();
        assert!(viewer.is_none());
    }
    assert_eq!(
        app.call_with(&new_client(), "session/sign-out-everywhere", &[])
            .await
            .status(),
        401
    );
}
on_both_databases!(
    sign_out_everywhere,
    signing_out_everywhere_ends_every_session_of_that_person
);
