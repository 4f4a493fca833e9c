//! Email-and-password accounts: sign up, sign in, throttling, adding credentials later.

use app::domain::{SiteRole, Viewer};
use app::error::AppError;

use crate::harness::{TestApp, new_client};
use crate::harness::{error_of, field_message};
use crate::on_both_databases;

const GOOD: &str = "a long enough passphrase";

async fn sign_up(app: &TestApp, client: &reqwest::Client, email: &str) -> reqwest::Response {
    app.call_with(
        client,
        "accounts/sign-up",
        &[
            ("email", email),
            ("password", GOOD),
            ("password_again", GOOD),
        ],
    )
    .await
}

async fn viewer(app: &TestApp, client: &reqwest::Client) -> Option<Viewer> {
    app.call_with(client, "session/viewer", &[])
        .await
        .json()
        .await
        .unwrap()
}

async fn a_person_signs_up_and_signs_in_again_later(app: TestApp) {
    let first = new_client();
    assert_eq!(sign_up(&app, &first, "Jo@Example.org").await.status(), 200);
    assert_eq!(
        viewer(&app, &first).await.unwrap().site_role,
        SiteRole::Member
    );

    let later = new_client();
    let response = app
        .call_with(
            &later,
            "accounts/sign-in",
            &[("email", "jo@example.org "), ("password", GOOD)],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("HttpOnly")
    );
    assert!(viewer(&app, &later).await.is_some());

    let stored: String =
        sqlx::query_scalar("SELECT password_hash FROM people WHERE email = 'jo@example.org'")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(stored.starts_with("$argon2id$") && !stored.contains(GOOD));
}
on_both_databases!(sign_up_and_in, a_person_signs_up_and_signs_in_again_later);

async fn sign_up_mistakes_are_explained_per_field(app: TestApp) {
    let c = new_client();
    let r = app
        .call_with(
            &c,
            "accounts/sign-up",
            &[
                ("email", "not-an-email"),
                ("password", "short"),
                ("password_again", "short"),
            ],
        )
        .await;
    assert_eq!(r.status(), 422);
    let e: AppError = r.json().await.unwrap();
    assert!(e.for_field("email").is_some() && e.for_field("password").unwrap().contains("10"));
    let r = app
        .call_with(
            &c,
            "accounts/sign-up",
            &[
                ("email", "a@b.org"),
                ("password", GOOD),
                ("password_again", "different text here"),
            ],
        )
        .await;
    assert!(error_of(r).await.for_field("password_again").is_some());
    assert_eq!(sign_up(&app, &c, "a@b.org").await.status(), 200);
    let dup = sign_up(&app, &new_client(), "A@B.org").await;
    assert_eq!(dup.status(), 422);
    assert!(field_message(dup, "email").await.contains("already exists"));
}
on_both_databases!(sign_up_errors, sign_up_mistakes_are_explained_per_field);

async fn repeated_wrong_passwords_pause_the_account_and_say_so(app: TestApp) {
    assert_eq!(
        sign_up(&app, &new_client(), "sam@example.org")
            .await
            .status(),
        200
    );
    let guesser = new_client();
    for _ in 0..5 {
        let r = app
            .call_with(
                &guesser,
                "accounts/sign-in",
                &[
                    ("email", "sam@example.org"),
                    ("password", "wrong guess 123"),
                ],
            )
            .await;
        assert_eq!(r.status(), 409);
        assert!(error_of(r).await.to_string().contains("do not match"));
    }
    // Even the right password waits now, and the message says how long.
    let r = app
        .call_with(
            &new_client(),
            "accounts/sign-in",
            &[("email", "sam@example.org"), ("password", GOOD)],
        )
        .await;
    assert_eq!(r.status(), 429);
    let message = error_of(r).await.to_string();
    assert!(message.contains("wait 3 minutes"), "{message}");
    // Another account from the same address is not affected (a workshop shares one).
    assert_eq!(
        sign_up(&app, &new_client(), "kim@example.org")
            .await
            .status(),
        200
    );
    let r = app
        .call_with(
            &new_client(),
            "accounts/sign-in",
            &[("email", "kim@example.org"), ("password", GOOD)],
        )
        .await;
    assert_eq!(r.status(), 200);
}
on_both_databases!(
    throttle,
    repeated_wrong_passwords_pause_the_account_and_say_so
);

async fn unknown_emails_get_the_same_answer_as_wrong_passwords(app: TestApp) {
    let r = app
        .call_with(
            &new_client(),
            "accounts/sign-in",
            &[("email", "nobody@example.org"), ("password", GOOD)],
        )
        .await;
    assert_eq!(r.status(), 409);
    assert!(
        error_of(r)
            .await
            .to_string()
            .contains("do not match an account")
    );
}
on_both_databases!(
    unknown_email,
    unknown_emails_get_the_same_answer_as_wrong_passwords
);

async fn a_code_user_adds_an_email_and_password_later(app: TestApp) {
    app.sign_in_as_admin().await;
    let process = app.create_process("Sefton", "Recovery in Sefton.").await;
    let batch = app.make_codes(process, 1).await;
    let person = app.join(batch.unused[0].as_str()).await;

    let set = app
        .call_with(
            &person,
            "accounts/credentials",
            &[
                ("email", "lee@example.org"),
                ("password", GOOD),
                ("password_again", GOOD),
            ],
        )
        .await;
    assert_eq!(
        set.status(),
        200,
        "{}",
        set.text().await.unwrap_or_default()
    );
    let elsewhere = new_client();
    let r = app
        .call_with(
            &elsewhere,
            "accounts/sign-in",
            &[("email", "lee@example.org"), ("password", GOOD)],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        viewer(&app, &elsewhere).await.unwrap().person,
        viewer(&app, &person).await.unwrap().person
    );

    // Changing the password needs the current one.
    let new = "another long passphrase";
    let refused = app
        .call_with(
            &person,
            "accounts/credentials",
            &[
                ("email", "lee@example.org"),
                ("current_password", "nope"),
                ("password", new),
                ("password_again", new),
            ],
        )
        .await;
    assert!(
        error_of(refused)
            .await
            .for_field("current_password")
            .is_some()
    );
    let anonymous = app
        .call_with(
            &new_client(),
            "accounts/credentials",
            &[
                ("email", "x@y.org"),
                ("password", new),
                ("password_again", new),
            ],
        )
        .await;
    assert_eq!(anonymous.status(), 401);
}
on_both_databases!(
    add_credentials,
    a_code_user_adds_an_email_and_password_later
);
