//! Bad input: clear messages or 4xx, and nothing already saved is lost.

use app::error::AppError;

use crate::harness::TestApp;
use crate::harness::error_of;
use crate::on_both_databases;

async fn count_processes(app: &TestApp) -> usize {
    app::store::processes::list(&app.db).await.unwrap().len()
}

async fn an_empty_title_is_refused_with_a_message_for_that_field(app: TestApp) {
    app.sign_in_as_admin().await;
    app.create_process("Kept", "Already saved.").await;
    let response = app
        .call(
            "processes/create",
            &[("title", "   "), ("description", "Fine.")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let error: AppError = response.json().await.unwrap();
    assert_eq!(
        error.for_field("title").as_deref(),
        Some("Please fill this in.")
    );
    assert_eq!(error.for_field("description"), None);
    assert_eq!(
        count_processes(&app).await,
        1,
        "the earlier process is still there"
    );
}
on_both_databases!(
    empty_title,
    an_empty_title_is_refused_with_a_message_for_that_field
);

async fn both_fields_are_reported_at_once(app: TestApp) {
    app.sign_in_as_admin().await;
    let long = "x".repeat(121);
    let response = app
        .call("processes/create", &[("title", &long), ("description", "")])
        .await;
    assert_eq!(response.status(), 422);
    let error: AppError = response.json().await.unwrap();
    assert!(error.for_field("title").unwrap().contains("121"));
    assert!(error.for_field("description").is_some());
}
on_both_databases!(two_fields, both_fields_are_reported_at_once);

async fn a_ten_megabyte_title_is_refused_before_it_is_read(app: TestApp) {
    app.sign_in_as_admin().await;
    app.create_process("Kept", "Already saved.").await;
    let huge = "x".repeat(10 * 1024 * 1024);
    let response = app
        .call(
            "processes/create",
            &[("title", &huge), ("description", "d")],
        )
        .await;
    assert_eq!(response.status(), 413);
    assert_eq!(count_processes(&app).await, 1);
}
on_both_databases!(
    huge_title,
    a_ten_megabyte_title_is_refused_before_it_is_read
);

async fn a_malformed_form_post_is_a_bad_request(app: TestApp) {
    app.sign_in_as_admin().await;
    // Missing the description field entirely.
    let response = app
        .call("processes/create", &[("title", "Only a title")])
        .await;
    assert_eq!(response.status(), 400);
    assert_eq!(error_of(response).await, AppError::BadRequest);
    // Not form encoding at all.
    let response = app
        .client
        .post(app.url("/api/processes/create"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("%%%\u{0}")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());
    assert_eq!(count_processes(&app).await, 0);
}
on_both_databases!(malformed, a_malformed_form_post_is_a_bad_request);

async fn an_unknown_process_id_is_not_found(app: TestApp) {
    let response = app.call("processes/get", &[("id", "424242")]).await;
    assert_eq!(response.status(), 404);
    assert!(matches!(error_of(response).await, AppError::NotFound(_)));
    let response = app.call("processes/get", &[("id", "abc")]).await;
    assert_eq!(response.status(), 400);
}
on_both_databases!(unknown_id, an_unknown_process_id_is_not_found);

async fn unknown_api_paths_and_get_requests_are_refused(app: TestApp) {
    assert!(
        app.call("no/such/function", &[])
            .await
            .status()
            .is_client_error()
    );
    let get = app.get("/api/processes/list").await;
    assert!(
        get.status().is_client_error(),
        "server functions take POST only: {}",
        get.status()
    );
}
on_both_databases!(unknown_api, unknown_api_paths_and_get_requests_are_refused);

async fn markup_in_a_title_is_shown_as_text(app: TestApp) {
    app.sign_in_as_admin().await;
    let id = app
        .create_process(
            "</title><script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
        )
        .await;
    let html = app
        .get(&format!("/processes/{id}"))
        .await
        .text()
        .await
        .unwrap();
    // Not in the page, the <title>, nor the hydration data (which escapes `<` as \u003c).
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(!html.contains("</title><script>"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains(
        "<h1 id=\"process-heading\">&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</h1>"
    ));
}
on_both_databases!(escaping, markup_in_a_title_is_shown_as_text);

async fn data_survives_a_restart_and_no_second_admin_is_made(app: TestApp) {
    app.sign_in_as_admin().await;
    app.create_process("Survives restarts", "Still here.").await;
    let settings = app.settings.clone();
    let backend = app.backend;
    let site_root = tempfile::tempdir().unwrap();
    let TestApp { .. } = &app;
    // Keep the SQLite folder alive: restart against the same URL while `app` still holds it.
    let restarted = crate::harness::start(settings, backend, site_root, None).await;
    assert!(
        restarted.admin_link.is_none(),
        "the first-admin link is printed only once"
    );
    let html = restarted.get("/").await.text().await.unwrap();
    assert!(html.contains("Survives restarts"));
    drop(app);
}
on_both_databases!(restart, data_survives_a_restart_and_no_second_admin_is_made);
