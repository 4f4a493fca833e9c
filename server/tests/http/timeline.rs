//! The timeline over HTTP: a process administrator sets the phases as plain lines; the
//! process page and the public page open with where the process is now and what is next.

use app::domain::calendar::Day;
use app::views::timeline::TimelineView;

use crate::discussion::setup;
use crate::harness::{TestApp, field_message, new_client};
use crate::on_both_databases;

fn day(offset: i64) -> String {
    Day::from_days(Day::of(app::store::unix_now()).get() + offset).iso()
}

async fn set(app: &TestApp, client: &reqwest::Client, p: &str, text: &str) -> reqwest::Response {
    app.call_with(
        client,
        "processes/set-timeline",
        &[("process_id", p), ("timeline", text)],
    )
    .await
}

async fn the_process_and_public_pages_open_with_where_the_process_is_now(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let text = format!(
        "Drafting | {} | {}\nConsultation | {} | {}\nDeciding | {} |\n",
        day(-30),
        day(-11),
        day(-10),
        day(10),
        day(11)
    );
    for (who, client, status) in [
        ("participant", &cast.participant, 403),
        ("facilitator", &cast.facilitator, 403),
        ("anonymous", &cast.anonymous, 401),
    ] {
        assert_eq!(set(&app, client, &p, &text).await.status(), status, "{who}");
    }
    let refused = set(
        &app,
        &cast.process_admin,
        &p,
        "Drafting | 2027-01-04 |\nBad | 2026-01-01 |",
    )
    .await;
    assert!(
        field_message(refused, "timeline")
            .await
            .starts_with("Line 2:")
    );
    let saved = set(&app, &cast.process_admin, &p, &text).await;
    assert_eq!(
        saved.status(),
        200,
        "{}",
        saved.text().await.unwrap_or_default()
    );

    let seen: TimelineView = app
        .call_with(&new_client(), "processes/timeline", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen.phases.len(), 3);
    assert_eq!(seen.now.current.as_ref().unwrap().name, "Consultation");
    assert_eq!(seen.now.next.as_ref().unwrap().name, "Deciding");
    assert!(!seen.may_edit);

    let page = app.page_as(&new_client(), &format!("/processes/{p}")).await;
    assert!(page.contains("Now: Consultation, until"), "{page}");
    assert!(page.contains("Next: Deciding, from"));
    assert!(page.contains("aria-current=\"step\""));

    let published = app
        .call(
            "documents/publish",
            &[("process_id", &p), ("kind", "definition"), ("number", "2")],
        )
        .await;
    assert_eq!(published.status(), 200);
    let public = app
        .page_as(&new_client(), &format!("/read/{p}/definition"))
        .await;
    assert!(
        public.contains("Where the process is now: <strong>Consultation</strong>, until"),
        "{public}"
    );
}
on_both_databases!(
    where_now,
    the_process_and_public_pages_open_with_where_the_process_is_now
);
