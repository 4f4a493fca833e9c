//! Server-rendered pages: content present without JavaScript, the shell, 404s, health.

use crate::harness::TestApp;
use crate::on_both_databases;

async fn home_page_says_what_the_platform_is_for(app: TestApp) {
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="en""#), "lang attribute");
    assert!(html.contains("Skip to main content"));
    assert!(html.contains("Agree together what recovery means here"));
    assert!(html.contains("No processes have been started yet."));
    assert!(html.contains("<main"));
}
on_both_databases!(home_page, home_page_says_what_the_platform_is_for);

async fn unknown_pages_are_404_with_a_helpful_page(app: TestApp) {
    for path in [
        "/no-such-page",
        "/processes/999999",
        "/processes/not-a-number",
        "/processes/0",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains("We could not find that page"), "{path}");
    }
}
on_both_databases!(not_found, unknown_pages_are_404_with_a_helpful_page);

async fn health_reflects_the_database(app: TestApp) {
    let ok = app.get("/healthz").await;
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "ok");
    app.db.close().await;
    assert_eq!(app.get("/healthz").await.status(), 503);
}
on_both_databases!(healthz, health_reflects_the_database);

async fn built_assets_are_cached_for_a_year(app: TestApp) {
    let response = app.get("/pkg/probe.js").await;
    assert_eq!(response.status(), 200);
    let cache = response
        .headers()
        .get("cache-control")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cache.contains("max-age=31536000") && cache.contains("immutable"),
        "{cache}"
    );
}
on_both_databases!(static_assets, built_assets_are_cached_for_a_year);

/// Each part of the site is sent with the WebAssembly bundle that holds its pages; a part whose
/// bundle is missing gets the whole app (every page), never another part's bundle, which
/// lacks the page.
async fn each_part_of_the_site_is_sent_with_its_own_bundle(app: TestApp) {
    let pkg = std::path::Path::new(&app.settings.site_root).join("pkg");
    for file in [
        "bundle-documents.d0c5.js",
        "bundle-documents.d0c5.wasm",
        "bundle-main.ma1n.js",
        "bundle-main.ma1n.wasm",
    ] {
        std::fs::write(pkg.join(file), "built").unwrap();
    }
    app.sign_in_as_admin().await;
    let id = app
        .create_process("Bundles", "Which code each page gets.")
        .await;
    let wasm_of = |html: &str| -> Vec<String> {
        html.split("href=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .filter(|href| href.ends_with(".wasm"))
            .map(String::from)
            .collect()
    };
    let words = app
        .page_as(&app.client, &format!("/processes/{id}/words"))
        .await;
    assert_eq!(wasm_of(&words), ["/pkg/bundle-documents.d0c5.wasm"]);
    assert!(
        words.contains(r#"import("/pkg/bundle-documents.d0c5.js")"#),
        "{words}"
    );
    let process = app.page_as(&app.client, &format!("/processes/{id}")).await;
    assert_eq!(wasm_of(&process), ["/pkg/bundle-main.ma1n.wasm"]);
    // No decisions bundle was built: the whole app, never another part's bundle.
    let decisions = app
        .page_as(&app.client, &format!("/processes/{id}/decisions"))
        .await;
    assert!(decisions.contains("<h1>Decisions</h1>"), "{decisions}");
    let whole = wasm_of(&decisions);
    assert!(
        whole.len() == 1 && whole[0].starts_with("/pkg/recovery-commons"),
        "{whole:?}"
    );
}
on_both_databases!(bundles, each_part_of_the_site_is_sent_with_its_own_bundle);

async fn the_sign_in_link_page_does_not_sign_in_by_itself(app: TestApp) {
    let link = app.admin_link.clone().unwrap();
    let path = link.trim_start_matches(&app.base).to_string();
    let response = app.get(&path).await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers().get("set-cookie").is_none(),
        "opening the link must not sign in"
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("Sign in with your one-time link"));
    // The page must not have spent the link: signing in still works.
    app.sign_in_as_admin().await;
}
on_both_databases!(
    sign_in_link_page,
    the_sign_in_link_page_does_not_sign_in_by_itself
);
