//! "Download my data" and withdrawal.

use app::domain::Viewer;
use app::store::personal_data::PersonalData;
use app::views::people::Participation;

use crate::harness::error_of;
use crate::harness::{TestApp, new_client};
use crate::on_both_databases;

/// A process with one participant who joined by code and chose a pseudonym.
async fn process_with_participant(app: &TestApp) -> (i64, reqwest::Client, String) {
    app.sign_in_as_admin().await;
    let process = app
        .create_process("Halton vision", "A vision for Halton.")
        .await;
    let p = process.to_string();
    let batch = app.make_codes(process, 1).await;
    let code = batch.unused[0].as_str().to_string();
    let person = app.join(&code).await;
    let saved = app
        .call_with(
            &person,
            "me/appearance",
            &[
                ("appearance", "pseudonym"),
                ("full_name", "Robin Realname"),
                ("pseudonym", "Kestrel"),
                ("show_on_public_pages", "yes"),
            ],
        )
        .await;
    assert_eq!(saved.status(), 200);
    app.call_with(
        &person,
        "me/constituencies",
        &[("process_id", &p), ("lived_experience", "yes")],
    )
    .await;
    (process, person, code)
}

async fn a_person_downloads_everything_held_about_them(app: TestApp) {
    let (process, person, code) = process_with_participant(&app).await;
    let response = person.get(app.url("/me/data.json")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    let text = response.text().await.unwrap();
    assert!(
        !text.contains("password_hash") && !text.contains("token"),
        "no secrets in the export"
    );
    let data: PersonalData = serde_json::from_str(&text).unwrap();
    assert_eq!(data.full_name.as_deref(), Some("Robin Realname"));
    assert_eq!(data.pseudonym.as_deref(), Some("Kestrel"));
    assert_eq!(data.memberships.len(), 1);
    assert_eq!(data.memberships[0].process_id, process);
    assert_eq!(data.constituencies[0].constituency, "lived_experience");
    assert_eq!(data.sign_in_codes_used, vec![code]);
    assert_eq!(data.active_sessions, 1);

    assert_eq!(
        new_client()
            .get(app.url("/me/data.json"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
}
on_both_databases!(download, a_person_downloads_everything_held_about_them);

async fn withdrawing_deletes_identity_but_keeps_counts(app: TestApp) {
    let (process, person, _) = process_with_participant(&app).await;
    let p = process.to_string();
    let before: Participation = app
        .call_with(
            &new_client(),
            "processes/participation",
            &[("process_id", &p)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(before.people.contains(&"Kestrel".to_string()));

    let unconfirmed = app.call_with(&person, "me/withdraw", &[]).await;
    assert_eq!(
        unconfirmed.status(),
        422,
        "withdrawal needs the confirmation box"
    );
    assert!(error_of(unconfirmed).await.for_field("confirm").is_some());

    let done = app
        .call_with(&person, "me/withdraw", &[("confirm", "yes")])
        .await;
    assert_eq!(done.status(), 200);
    let viewer: Option<Viewer> = app
        .call_with(&person, "session/viewer", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(viewer.is_none(), "signed out everywhere");

    let after: Participation = app
        .call_with(
            &new_client(),
            "processes/participation",
            &[("process_id", &p)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after.total, before.total, "counts stay true");
    assert_eq!(after.by_constituency, before.by_constituency);
    assert!(
        after
            .people
            .contains(&"a withdrawn participant (a person with lived experience)".to_string())
    );
    let html = new_client()
        .get(app.url(&format!("/processes/{process}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains("Kestrel") && !html.contains("Robin"));

    let names: (Option<String>, Option<String>) =
        sqlx::query_as("SELECT full_name, pseudonym FROM people WHERE withdrawn_at IS NOT NULL")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(names, (None, None), "personal data is deleted, not hidden");
}
on_both_databases!(withdraw, withdrawing_deletes_identity_but_keeps_counts);

async fn the_last_site_admin_cannot_withdraw(app: TestApp) {
    app.sign_in_as_admin().await;
    let response = app.call("me/withdraw", &[("confirm", "yes")]).await;
    assert_eq!(response.status(), 409);
    assert!(
        error_of(response)
            .await
            .to_string()
            .contains("only site administrator")
    );
    assert!(
        app.call("session/viewer", &[])
            .await
            .json::<Option<Viewer>>()
            .await
            .unwrap()
            .is_some()
    );
}
on_both_databases!(last_admin, the_last_site_admin_cannot_withdraw);
