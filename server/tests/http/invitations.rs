//! Invitation links: one-time, with a role, for a new person or a signed-in one.

use app::domain::ProcessRole;
use app::views::people::OwnProfile;

use crate::harness::error_of;
use crate::harness::{TestApp, new_client};
use crate::on_both_databases;

async fn invite(app: &TestApp, process: i64, role: &str) -> String {
    let response = app
        .call(
            "invitations/create",
            &[("process_id", &process.to_string()), ("role", role)],
        )
        .await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    let path: String = response.json().await.unwrap();
    path.split("token=")
        .nth(1)
        .expect("the link carries a token")
        .to_string()
}

async fn a_new_person_accepts_an_invitation_with_its_role(app: TestApp) {
    app.sign_in_as_admin().await;
    let process = app
        .create_process("Knowsley", "Recovery in Knowsley.")
        .await;
    let token = invite(&app, process, "facilitator").await;

    // Opening the page does not use the invitation.
    let page = new_client()
        .get(app.url(&format!("/invite?token={token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("Accept the invitation"));

    let newcomer = new_client();
    let accepted = app
        .call_with(&newcomer, "invitations/accept", &[("token", &token)])
        .await;
    assert_eq!(accepted.status(), 200);
    let me: OwnProfile = app
        .call_with(&newcomer, "me/profile", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me.processes[0].roles, vec![ProcessRole::Facilitator]);
    assert_eq!(me.shown_to_participants, "a participant");

    let again = app
        .call_with(&new_client(), "invitations/accept", &[("token", &token)])
        .await;
    assert_eq!(again.status(), 409);
    assert!(
        error_of(again)
            .await
            .to_string()
            .contains("already been used")
    );
}
on_both_databases!(new_person, a_new_person_accepts_an_invitation_with_its_role);

async fn a_signed_in_person_joins_with_their_own_account(app: TestApp) {
    app.sign_in_as_admin().await;
    let process = app.create_process("Halton", "Recovery in Halton.").await;
    let token = invite(&app, process, "commissioner").await;
    let member = new_client();
    let pass = "a long enough passphrase";
    app.call_with(
        &member,
        "accounts/sign-up",
        &[
            ("email", "cllr@example.org"),
            ("password", pass),
            ("password_again", pass),
        ],
    )
    .await;
    let people_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        app.call_with(&member, "invitations/accept", &[("token", &token)])
            .await
            .status(),
        200
    );
    let people_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(people_before, people_after, "no second account");
    let me: OwnProfile = app
        .call_with(&member, "me/profile", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me.processes[0].roles, vec![ProcessRole::Commissioner]);
}
on_both_databases!(
    existing_person,
    a_signed_in_person_joins_with_their_own_account
);

async fn expired_and_made_up_invitations_are_refused(app: TestApp) {
    app.sign_in_as_admin().await;
    let process = app.create_process("Sefton", "Recovery in Sefton.").await;
    let token = invite(&app, process, "participant").await;
    sqlx::query("UPDATE invitations SET expires_at = 0")
        .execute(app.db.pool())
        .await
        .unwrap();
    let expired = app
        .call_with(&new_client(), "invitations/accept", &[("token", &token)])
        .await;
    assert!(error_of(expired).await.to_string().contains("expired"));
    let made_up = app
        .call_with(
            &new_client(),
            "invitations/accept",
            &[("token", &"b".repeat(64))],
        )
        .await;
    assert_eq!(made_up.status(), 409);
    let bad_role = app
        .call(
            "invitations/create",
            &[("process_id", &process.to_string()), ("role", "site_admin")],
        )
        .await;
    assert_eq!(bad_role.status(), 422);
}
on_both_databases!(refused, expired_and_made_up_invitations_are_refused);
