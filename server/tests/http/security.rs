//! Requests from other websites, and headers every response carries.

use crate::harness::TestApp;
use crate::on_both_databases;

async fn posts_from_another_site_are_refused(app: TestApp) {
    app.sign_in_as_admin().await;
    let form = [("title", "Forged"), ("description", "Forged.")];
    let by_origin = app
        .client
        .post(app.url("/api/processes/create"))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(by_origin.status(), 403);
    let by_fetch_metadata = app
        .client
        .post(app.url("/api/processes/create"))
        .header("sec-fetch-site", "cross-site")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(by_fetch_metadata.status(), 403);
    let same_site = app
        .client
        .post(app.url("/api/processes/create"))
        .header("origin", app.base.clone())
        .header("sec-fetch-site", "same-origin")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), 200);
    assert_eq!(
        app::store::processes::list(&app.db).await.unwrap().len(),
        1,
        "only the same-origin post"
    );
}
on_both_databases!(cross_site, posts_from_another_site_are_refused);

async fn pages_carry_protective_headers(app: TestApp) {
    let response = app.get("/").await;
    let h = response.headers();
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert!(
        h.get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(h.get("referrer-policy").unwrap(), "same-origin");
}
on_both_databases!(headers, pages_carry_protective_headers);
