//! Reading comfort over HTTP: a reader (no account needed) chooses a larger text and high
//! contrast; every page, the app's and the public's, comes back with it; nobody can use the
//! form to send people to another site.

use crate::documents::started_with_drafters;
use crate::harness::{TestApp, field_message, new_client};
use crate::on_both_databases;

async fn choose(
    app: &TestApp,
    client: &reqwest::Client,
    form: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(app.url("/api/preferences/comfort"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .header("Origin", app.url(""))
        .body(crate::harness::encode_form(form))
        .send()
        .await
        .expect("POST")
}

async fn a_reader_chooses_large_text_and_high_contrast_for_every_page(app: TestApp) {
    let (p, _) = started_with_drafters(&app, 1).await;
    let published = app
        .call(
            "documents/publish",
            &[("process_id", &p), ("kind", "definition"), ("number", "1")],
        )
        .await;
    assert_eq!(published.status(), 200);
    let reader = new_client();
    let read = format!("/read/{p}/definition");
    let before = app.page_as(&reader, &read).await;
    assert!(before.contains("<html lang=\"en\">"));
    assert!(before.contains("Text size and contrast"));

    // Someone tries to use the form to send readers elsewhere: refused, naming the field.
    let refused = choose(
        &app,
        &reader,
        &[
            ("size", "large"),
            ("contrast", "high"),
            ("back", "//evil.example/"),
        ],
    )
    .await;
    // A plain form goes back with the refusal, never to the other site, and nothing is kept.
    let location = refused
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    assert!(!location.contains("evil"), "{location}");
    assert!(refused.headers().get("set-cookie").is_none());
    let refused = app
        .call_with(
            &reader,
            "preferences/comfort",
            &[("size", "huge"), ("contrast", "high")],
        )
        .await;
    field_message(refused, "size").await;

    let chosen = choose(
        &app,
        &reader,
        &[
            ("size", "largest"),
            ("contrast", "high"),
            ("back", &format!("{read}?read=easy")),
        ],
    )
    .await;
    assert_eq!(chosen.status(), 302);
    assert_eq!(
        chosen.headers()["location"],
        format!("{read}?read=easy").as_str()
    );
    let cookie = chosen.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("rc_comfort=largest.high;") && cookie.contains("HttpOnly"));

    // The public page and the app's pages come back with the choice.
    let public = app.page_as(&reader, &read).await;
    assert!(public.contains("<html lang=\"en\" class=\"text-largest contrast-high\">"));
    let home = app.page_as(&reader, "/").await;
    assert!(
        home.contains("class=\"text-largest contrast-high\""),
        "{home}"
    );
    let form = app.page_as(&reader, "/reading-comfort?back=/").await;
    assert!(form.contains("value=\"largest\" checked"), "{form}");
    // Another reader still sees the standard look.
    let other = app.page_as(&new_client(), &read).await;
    assert!(other.contains("<html lang=\"en\">"));
}
on_both_databases!(
    choosing,
    a_reader_chooses_large_text_and_high_contrast_for_every_page
);
