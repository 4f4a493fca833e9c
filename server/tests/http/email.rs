//! Email over HTTP and real SMTP: a person with an address chooses what to hear about; the
//! server writes what is due to an outbox in the database and sends it through an SMTP
//! server started here (`smtp_sink`). Two instances on one database send a digest once; a
//! restart while a message waits loses nothing; the unsubscribe link works signed out; no
//! message carries anyone's words or constituency.

use app::views::email::EmailPage;

use crate::decisions::{declare, open_consent};
use crate::discussion::{comment, id_of, setup};
use crate::harness::{TestApp, field_message, new_client};
use crate::on_both_databases;
use crate::permissions::Cast;
use crate::smtp_sink::{SmtpSink, email_settings};

const ADDRESS: &str = "pat@example.org";
const PASSWORD: &str = "a long enough passphrase";
const REPLY: &str = "PRIVATE-REPLY-WORDS about my mum";

/// The participant gives an address and chooses decisions and replies, `frequency`; they
/// start a thread (before choosing, so it is not news).
async fn participant_asks_for_email(app: &TestApp, cast: &Cast, p: &str, frequency: &str) -> i64 {
    declare(app, &cast.participant, p, "lived_experience").await;
    let thread = id_of(
        comment(
            app,
            &cast.participant,
            p,
            2,
            "What about housing?",
            "",
            None,
        )
        .await,
    )
    .await;
    let r = app
        .call_with(
            &cast.participant,
            "accounts/credentials",
            &[
                ("email", ADDRESS),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let r = app
        .call_with(
            &cast.participant,
            "email/choose",
            &[
                ("decisions", "yes"),
                ("replies", "yes"),
                ("frequency", frequency),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    thread
}

/// Things happen that the participant asked to hear about: a vote opens to them and the
/// drafter replies in their thread.
async fn news(app: &TestApp, cast: &Cast, p: &str, thread: i64) -> String {
    let d = open_consent(app, &cast.facilitator, p, &[]).await;
    let r = comment(app, &cast.drafter, p, 2, REPLY, "", Some(thread)).await;
    assert_eq!(r.status(), 200);
    d
}

fn unsubscribe_path(text: &str) -> String {
    let start = text.find("/unsubscribe/").expect("an unsubscribe link");
    text[start..]
        .split(|c: char| c.is_whitespace() || c == '>')
        .next()
        .expect("the link")
        .to_string()
}

async fn outbox_waiting(app: &TestApp) -> i64 {
    app::store::email::waiting(&app.db)
        .await
        .expect("the outbox")
}

async fn a_digest_goes_once_across_two_instances_and_stops_when_asked(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let thread = participant_asks_for_email(&app, &cast, &p, "daily").await;
    // The outsider has an address but chose nothing: they get nothing.
    let d = news(&app, &cast, &p, thread).await;

    // Two instances behind a load balancer, both sending, on the same database.
    let sink = SmtpSink::start();
    let one = app.another_instance(email_settings(sink.url())).await;
    let two = app.another_instance(email_settings(sink.url())).await;
    let received = sink.wait_for(ADDRESS, 1).await;
    assert_eq!(received.len(), 1, "one digest, not one per instance");
    assert!(sink.for_address("out@example.org").is_empty());
    let text = &received[0].text;
    assert!(
        text.contains("Subject: Recovery Commons: 2 things for you"),
        "{text}"
    );
    assert!(
        text.contains(&format!("/processes/{p}/decisions/{d}")),
        "{text}"
    );
    assert!(text.contains("Someone replied to your comment."), "{text}");
    assert!(
        text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"),
        "{text}"
    );
    // Nothing anyone wrote, nobody's constituency, not even the process's name.
    for private in [
        "PRIVATE-REPLY-WORDS",
        "housing",
        "ived experience",
        "lived_experience",
        "Deliberation",
        "Adopt version",
    ] {
        assert!(!text.contains(private), "{private} in {text}");
    }
    assert_eq!(outbox_waiting(&app).await, 0);

    // The link works signed out: a page with one button, then a confirmation.
    let path = unsubscribe_path(text);
    let stranger = new_client();
    let page = app.page_as(&stranger, &path).await;
    assert!(page.contains("Stop all email"), "{page}");
    let stopped = stranger
        .post(app.url(&path))
        .header("Accept", "text/html")
        .send()
        .await
        .expect("POST");
    assert_eq!(stopped.status(), 303);
    let to = stopped.headers()["location"].to_str().unwrap().to_string();
    assert!(
        app.page_as(&stranger, &to)
            .await
            .contains("You will get no more email")
    );
    // A mail program's own one-click post works too, and a made-up token does nothing.
    let one_click = stranger
        .post(app.url(&path))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("POST");
    assert_eq!(one_click.status(), 200);
    let bogus = stranger
        .post(app.url(&format!("/unsubscribe/{}", "ab".repeat(32))))
        .send()
        .await
        .expect("POST");
    assert_eq!(bogus.status(), 404);
    let choices: EmailPage = app
        .call_with(&cast.participant, "email/page", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(choices.topics.iter().all(|t| !t.chosen), "{choices:?}");

    // More news: nothing more is sent. Nor is a message an instance wrote just after the
    // unsubscribe went through (a scan racing it), which is played here by writing one.
    open_consent(&app, &cast.facilitator, &p, &[]).await;
    let person: i64 = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
        .bind(ADDRESS)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let late = app::store::email::Outgoing {
        person: app::domain::PersonId::new(person),
        dedupe_key: "notice:late",
        subject: "Recovery Commons: late",
        body: "late",
        notices: &[],
    };
    assert!(
        app::store::email::enqueue(&app.db, &late, app::store::unix_now())
            .await
            .unwrap()
    );
    assert_eq!(sink.after_a_while(ADDRESS).await.len(), 1);
    drop((one, two));
}
on_both_databases!(
    a_digest_goes_once_across_two_instances_and_stops_when_asked,
    a_digest_goes_once_across_two_instances_and_stops_when_asked
);

async fn a_restart_while_mail_waits_loses_nothing(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let thread = participant_asks_for_email(&app, &cast, &p, "at_once").await;
    news(&app, &cast, &p, thread).await;

    // An instance whose SMTP server is down: the message is written and waits.
    let dead_port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let failing = app
        .another_instance(email_settings(format!("smtp://127.0.0.1:{dead_port}")))
        .await;
    let started = std::time::Instant::now();
    loop {
        let tried: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(attempts), 0) FROM email_outbox")
            .fetch_one(app.db.pool())
            .await
            .expect("the outbox");
        if tried > 0 || started.elapsed().as_secs() > 30 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(outbox_waiting(&app).await, 1, "one message waits, not lost");
    drop(failing);

    // Started again with a working SMTP server: it goes, once.
    let sink = SmtpSink::start();
    let restarted = app.another_instance(email_settings(sink.url())).await;
    let received = sink.wait_for(ADDRESS, 1).await;
    assert_eq!(received.len(), 1);
    assert!(
        received[0]
            .text
            .contains("Subject: Recovery Commons: 2 things for you")
    );
    assert!(!received[0].text.contains("PRIVATE-REPLY-WORDS"));
    assert_eq!(outbox_waiting(&app).await, 0);
    drop(restarted);
}
on_both_databases!(
    a_restart_while_mail_waits_loses_nothing,
    a_restart_while_mail_waits_loses_nothing
);

async fn email_is_never_required_and_choices_are_parsed(app: TestApp) {
    let (p, cast) = setup(&app).await;
    // Without an address: told to add one, nothing saved.
    let r = app
        .call_with(
            &cast.participant,
            "email/choose",
            &[("decisions", "yes"), ("frequency", "daily")],
        )
        .await;
    assert!(
        field_message(r, "email")
            .await
            .contains("Add an email address")
    );
    let page: EmailPage = app
        .call_with(&cast.participant, "email/page", &[])
        .await
        .json()
        .await
        .unwrap();
    assert!(!page.has_address && !page.sending);
    // With one: a made-up frequency or tick is refused, naming the field.
    participant_asks_for_email(&app, &cast, &p, "daily").await;
    let r = app
        .call_with(
            &cast.participant,
            "email/choose",
            &[("frequency", "hourly")],
        )
        .await;
    field_message(r, "frequency").await;
    let r = app
        .call_with(
            &cast.participant,
            "email/choose",
            &[("replies", "maybe"), ("frequency", "daily")],
        )
        .await;
    field_message(r, "replies").await;
    // What they chose is in their data download.
    let mine: serde_json::Value =
        serde_json::from_str(&app.page_as(&cast.participant, "/me/data.json").await).unwrap();
    assert_eq!(
        mine["email_choice"],
        serde_json::json!(["[\"decisions\",\"replies\"]", "daily"]),
        "{mine}"
    );
}
on_both_databases!(
    email_is_never_required_and_choices_are_parsed,
    email_is_never_required_and_choices_are_parsed
);
