//! Creating, listing and reading processes, with JavaScript (server-function calls) and
//! without (plain form posts).

use app::error::AppError;

use crate::harness::TestApp;
use crate::harness::error_of;
use crate::on_both_databases;

async fn an_admin_creates_a_process_and_everyone_can_read_it(app: TestApp) {
    app.sign_in_as_admin().await;
    let id = app
        .create_process(
            "Sefton local definition of recovery 2027",
            "Agreeing together what recovery means in Sefton.\n\nEveryone is welcome.",
        )
        .await;

    let admin = app::store::people::first_site_admin(&app.db)
        .await
        .unwrap()
        .unwrap();
    let roles = app::store::memberships::roles_of(&app.db, app::domain::ProcessId::new(id), admin)
        .await
        .unwrap();
    assert_eq!(
        roles,
        vec![app::domain::ProcessRole::ProcessAdmin],
        "the creator administers it"
    );

    let anonymous = crate::harness::new_client();
    let page = anonymous
        .get(app.url(&format!("/processes/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Sefton local definition of recovery 2027"));
    assert!(html.contains("<p>Everyone is welcome.</p>"));

    let home = anonymous
        .get(app.url("/"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains(&format!(r#"href="/processes/{id}""#)));
    assert!(
        !home.contains("Start a new process"),
        "only admins see the start button"
    );
}
on_both_databases!(
    create_and_read,
    an_admin_creates_a_process_and_everyone_can_read_it
);

async fn processes_are_listed_newest_first(app: TestApp) {
    app.sign_in_as_admin().await;
    let first = app.create_process("First process", "One.").await;
    let second = app.create_process("Second process", "Two.").await;
    assert!(second > first);
    let html = app.get("/").await.text().await.unwrap();
    let a = html.find("Second process").unwrap();
    let b = html.find("First process").unwrap();
    assert!(a < b, "newest first");
    assert!(
        html.contains("Start a new process"),
        "an admin sees the start button"
    );
}
on_both_databases!(list_order, processes_are_listed_newest_first);

async fn creating_a_process_needs_a_site_admin(app: TestApp) {
    let response = app
        .call("processes/create", &[("title", "T"), ("description", "D")])
        .await;
    assert_eq!(response.status(), 401);
    assert_eq!(error_of(response).await, AppError::SignInRequired);
    let page = app.get("/processes/new").await;
    assert_eq!(page.status(), 401);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("Please sign in as a site administrator")
    );
}
on_both_databases!(create_needs_admin, creating_a_process_needs_a_site_admin);

async fn a_form_post_without_javascript_lands_on_the_new_process(app: TestApp) {
    app.sign_in_as_admin().await;
    let response = app
        .post_form(
            "processes/create",
            "/processes/new",
            &[
                ("title", "Knowsley vision 2027"),
                ("description", "A vision for local services."),
            ],
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(location.starts_with("/processes/"), "{location}");
    let html = app.get(&location).await.text().await.unwrap();
    assert!(html.contains("Knowsley vision 2027"));
}
on_both_databases!(
    no_js_create,
    a_form_post_without_javascript_lands_on_the_new_process
);

async fn a_refused_form_post_without_javascript_shows_the_error_on_the_form(app: TestApp) {
    app.sign_in_as_admin().await;
    let response = app
        .post_form(
            "processes/create",
            "/processes/new",
            &[("title", "  "), ("description", "x")],
        )
        .await;
    assert_eq!(response.status(), 302);
    let location = response
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        location.contains("/processes/new") && location.contains("__err="),
        "{location}"
    );
    let html = app
        .client
        .get(&location)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Please fill this in."),
        "the error is shown next to the field"
    );
    assert!(html.contains(r#"aria-invalid="true""#));
}
on_both_databases!(
    no_js_error,
    a_refused_form_post_without_javascript_shows_the_error_on_the_form
);
