//! Requests from other websites, and headers every response carries.

use crate::harness::{TestApp, new_client};
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
    let h = response.headers().clone();
    assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
    assert_eq!(h.get("referrer-policy").unwrap(), "same-origin");
    assert_eq!(h.get("cache-control").unwrap(), "no-store");
    assert!(
        h.get("strict-transport-security").is_none(),
        "not over http"
    );
    // Scripts run only with this response's nonce: an injected <script> has none.
    let policy = h.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"));
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in script-src");
    assert!(nonce.len() >= 16 && !policy.contains("unsafe-inline"));
    let html = response.text().await.unwrap();
    let scripts: Vec<&str> = html
        .match_indices("<script")
        .map(|(at, _)| &html[at..])
        .collect();
    assert!(!scripts.is_empty());
    for script in scripts {
        let tag = &script[..script.find('>').unwrap()];
        assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{tag}");
    }
    let again = app.get("/").await;
    assert_ne!(
        again
            .headers()
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap(),
        policy,
        "a fresh nonce for each response"
    );

    // Personal pages and downloads are never kept; everything else that is not a page runs
    // no scripts at all.
    app.sign_in_as_admin().await;
    for path in ["/me", "/me/data.json", "/processes/new"] {
        let r = app.get(path).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_eq!(
            r.headers().get("cache-control").unwrap(),
            "no-store",
            "{path}"
        );
    }
    // Every page the app renders may run its own scripts, whichever way it is reached.
    for path in ["/me", "/processes/new", "/sign-in", "/no-such-page"] {
        for _ in 0..3 {
            let r = app.get(path).await;
            let policy = r.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_string();
            assert!(policy.contains("'nonce-"), "{path}: {policy}");
        }
    }
    let health = app.get("/healthz").await;
    assert!(
        health.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .ends_with("script-src 'none'")
    );
}
on_both_databases!(headers, pages_carry_protective_headers);

async fn an_https_site_asks_browsers_to_use_https_only(app: TestApp) {
    let mut settings = app.settings.clone();
    settings.public_url = Some("https://commons.example.org".into());
    settings.listen = "127.0.0.1:0".parse().unwrap();
    let site_root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site_root.path().join("pkg")).unwrap();
    let https = crate::harness::start(settings, app.backend, site_root, None).await;
    let r = https.get("/healthz").await;
    assert_eq!(
        r.headers().get("strict-transport-security").unwrap(),
        "max-age=63072000"
    );
}
on_both_databases!(hsts, an_https_site_asks_browsers_to_use_https_only);

/// Pages and static files fetched at once, as a browser does: every page keeps its own
/// Content-Security-Policy (a static file answered beside it once took the page's headers).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_keep_their_policy_while_static_files_are_served_beside_them() {
    let app = crate::harness::spawn_app(crate::harness::Backend::Sqlite).await;
    std::fs::write(
        std::path::Path::new(&app.settings.site_root).join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (client, base) = (new_client(), app.base.clone());
        tasks.push(tokio::spawn(async move {
            let mut lost = 0;
            for _ in 0..25 {
                let (page, icon) = tokio::join!(
                    client.get(format!("{base}/sign-in")).send(),
                    client.get(format!("{base}/favicon.svg")).send()
                );
                assert_eq!(icon.unwrap().status(), 200);
                let page = page.unwrap();
                let policy = page.headers()["content-security-policy"]
                    .to_str()
                    .unwrap()
                    .to_string();
                if !policy.contains("'nonce-") {
                    lost += 1;
                }
            }
            lost
        }));
    }
    let mut lost = 0;
    for task in tasks {
        lost += task.await.unwrap();
    }
    assert_eq!(lost, 0, "pages that lost their policy");
}
