//! "You said, we did" over HTTP: after ratification a commissioner commits to changes on a
//! ratified section and reports on them; each change goes into the decision's participation
//! record; the public reads them on the ratified page and the commitments page, and
//! downloads them as CSV; nobody else can make or change one.

use app::views::commitments::CommitmentsPage;

use crate::decisions::{declare, verify_record, vote};
use crate::discussion::setup;
use crate::harness::{TestApp, download, field_message, new_client};
use crate::on_both_databases;
use crate::permissions::Cast;
use crate::ratification::{close, confirm_commissioner, open_adoption, ratify};

/// A process whose definition (version 2) was adopted and ratified; the decision's id.
async fn ratified(app: &TestApp) -> (String, Cast, String) {
    let (p, cast) = setup(app).await;
    declare(app, &cast.participant, &p, "lived_experience").await;
    declare(app, &cast.commissioner, &p, "other").await;
    let d = open_adoption(app, &cast.facilitator, &p, "").await;
    for voter in [&cast.participant, &cast.commissioner] {
        assert_eq!(
            vote(app, voter, &d, &[("answer", "agree")]).await.status(),
            200
        );
    }
    assert!(close(app, &cast.facilitator, &d).await);
    confirm_commissioner(app, &cast, &p).await;
    let named = app
        .call_with(
            &cast.commissioner,
            "me/appearance",
            &[
                ("appearance", "pseudonym"),
                ("full_name", "Cllr Pat Example"),
                ("pseudonym", "PE"),
            ],
        )
        .await;
    assert_eq!(named.status(), 200);
    assert_eq!(ratify(app, &cast.commissioner, &d).await.status(), 200);
    (p, cast, d)
}

async fn add(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut all = vec![("process_id", p), ("kind", "definition")];
    all.extend_from_slice(form);
    app.call_with(client, "commitments/add", &all).await
}

const NALOXONE: &[(&str, &str)] = &[
    ("section", "1"),
    ("what", "Offer naloxone to everyone leaving treatment"),
    ("responsible", "Sefton Recovery Service"),
    ("measure", "People offered naloxone when they leave"),
    ("due", "2020-03-31"),
];

async fn a_commissioner_commits_and_reports_and_the_public_reads_it(app: TestApp) {
    let (p, cast, d) = ratified(&app).await;
    let page = |client: reqwest::Client| {
        let app = &app;
        let p = p.clone();
        async move {
            let r = app
                .call_with(&client, "commitments/page", &[("process_id", &p)])
                .await;
            assert_eq!(r.status(), 200);
            r.json::<CommitmentsPage>().await.unwrap()
        }
    };

    // Only commissioners and process administrators make commitments.
    for (who, client) in [
        ("participant", &cast.participant),
        ("drafter", &cast.drafter),
        ("facilitator", &cast.facilitator),
    ] {
        assert_eq!(add(&app, client, &p, NALOXONE).await.status(), 403, "{who}");
    }
    assert_eq!(add(&app, &cast.anonymous, &p, NALOXONE).await.status(), 401);
    // A date that does not exist, and a section that is not in the ratified version.
    let refused = add(
        &app,
        &cast.commissioner,
        &p,
        &[
            ("section", "1"),
            ("what", "x"),
            ("responsible", "y"),
            ("measure", "z"),
            ("due", "2027-02-30"),
        ],
    )
    .await;
    field_message(refused, "due").await;
    let refused = add(
        &app,
        &cast.commissioner,
        &p,
        &[
            ("section", "99"),
            ("what", "x"),
            ("responsible", "y"),
            ("measure", "z"),
            ("due", "2027-02-28"),
        ],
    )
    .await;
    field_message(refused, "section").await;

    let made = add(&app, &cast.commissioner, &p, NALOXONE).await;
    assert_eq!(
        made.status(),
        200,
        "{}",
        made.text().await.unwrap_or_default()
    );
    let id: i64 = made.json().await.unwrap();

    // Anyone reads it: planned, and overdue (its day is long past).
    let public = page(new_client()).await;
    assert!(!public.may_manage);
    let c = &public.commitments[0];
    assert_eq!(c.id, id);
    assert_eq!(c.status.label(), "Planned");
    assert!(c.overdue);
    assert_eq!(c.section_heading, "What recovery means here");

    // "Done" needs evidence; a participant cannot report.
    let update = |client: &reqwest::Client, status: &str, note: &str| {
        let id = id.to_string();
        let (app, p, client, status, note) = (
            &app,
            p.clone(),
            client.clone(),
            status.to_string(),
            note.to_string(),
        );
        async move {
            app.call_with(
                &client,
                "commitments/update",
                &[
                    ("process_id", &p),
                    ("commitment_id", &id),
                    ("status", &status),
                    ("note", &note),
                ],
            )
            .await
        }
    };
    assert_eq!(update(&cast.participant, "done", "Yes").await.status(), 403);
    field_message(update(&cast.commissioner, "done", "").await, "note").await;
    let r = update(&cast.commissioner, "under_way", "Training booked for March").await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let r = update(
        &cast.process_admin,
        "done",
        "412 people offered naloxone in June",
    )
    .await;
    assert_eq!(r.status(), 200);

    let public = page(new_client()).await;
    let c = &public.commitments[0];
    assert_eq!(c.status.label(), "Done");
    assert!(!c.overdue, "done is never overdue");
    assert_eq!(c.updates.len(), 3);
    assert_eq!(
        c.updates[2].note.as_deref(),
        Some("412 people offered naloxone in June")
    );

    // People taking part comment on an update; an outsider cannot; a facilitator hides one.
    let first_update = c.updates[0].id.to_string();
    let comment = |client: &reqwest::Client, body: &str| {
        let (app, p, client, body, update) = (
            &app,
            p.clone(),
            client.clone(),
            body.to_string(),
            first_update.clone(),
        );
        async move {
            app.call_with(
                &client,
                "commitments/comment",
                &[("process_id", &p), ("update_id", &update), ("body", &body)],
            )
            .await
        }
    };
    assert_eq!(comment(&cast.outsider, "Spam").await.status(), 403);
    assert_eq!(comment(&cast.anonymous, "Spam").await.status(), 401);
    field_message(comment(&cast.participant, "  ").await, "body").await;
    let r = comment(&cast.participant, "Was everyone offered it, or only some?").await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let said: i64 = r.json().await.unwrap();
    let r = comment(&cast.drafter, "Rude words here").await;
    let rude: i64 = r.json().await.unwrap();
    let hide = |client: &reqwest::Client, id: i64| {
        let (app, p, client) = (&app, p.clone(), client.clone());
        async move {
            app.call_with(
                &client,
                "commitments/hide-comment",
                &[("process_id", &p), ("comment_id", &id.to_string())],
            )
            .await
        }
    };
    assert_eq!(hide(&cast.participant, rude).await.status(), 403);
    assert_eq!(hide(&cast.facilitator, rude).await.status(), 200);
    let public = page(new_client()).await;
    let comments = &public.commitments[0].updates[0].comments;
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0].id, said);
    assert_eq!(
        comments[0].body.as_deref(),
        Some("Was everyone offered it, or only some?")
    );
    assert_eq!(comments[1].body, None, "hidden, and its words not sent");
    assert!(!public.may_comment);
    let html = app
        .page_as(&new_client(), &format!("/processes/{p}/commitments"))
        .await;
    assert!(!html.contains("Rude words here"));
    assert!(html.contains("Hidden by a facilitator."));

    // The ratified page lists it under its section.
    let ratified = app
        .page_as(&new_client(), &format!("/read/{p}/definition/ratified"))
        .await;
    assert!(
        ratified.contains("What has been committed since"),
        "{ratified}"
    );
    assert!(ratified.contains("Offer naloxone to everyone leaving treatment"));
    assert!(ratified.contains("<span class=\"tag tag--done\">Done</span>"));

    // The CSV, for anyone, formulas defused.
    let csv = download(&app, &format!("/processes/{p}/commitments.csv"), "text/csv").await;
    assert!(csv.starts_with("Document,Section,What will change,"));
    assert!(csv.contains("Offer naloxone to everyone leaving treatment,Sefton Recovery Service"));
    assert!(csv.contains("2020-03-31,Done,no,"));

    // The ratified version as open data: its sections, commitments and result.
    let json: serde_json::Value = new_client()
        .get(app.url(&format!("/read/{p}/definition/ratified.json")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(json["version"], 2);
    assert_eq!(json["ratified_by"], "Cllr Pat Example");
    assert_eq!(json["sections"][0]["heading"], "What recovery means here");
    assert_eq!(json["sections"][0]["commitments"][0]["status"], "Done");
    assert_eq!(json["sections"][0]["commitments"][0]["by"], "2020-03-31");
    assert_eq!(json["decision"]["took_part"], 2);
    assert!(ratified.contains("ratified.json\" download>"));

    // The process's feed, for anyone: the decision opened and closed, and the ratification.
    let feed = download(
        &app,
        &format!("/processes/{p}/feed.atom"),
        "application/atom+xml",
    )
    .await;
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert!(feed.contains("<title>Ratified by Cllr Pat Example: version 2 of “Our local definition of recovery”</title>"), "{feed}");
    assert!(feed.contains("<title>A decision opened: "));
    assert!(feed.contains("<title>A decision closed: "));
    assert!(
        !feed.contains("quicker routes"),
        "no document text, let alone drafts"
    );
    assert_eq!(
        new_client()
            .get(app.url("/processes/999/feed.atom"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );

    // Every change is in the decision's participation record, and the record still verifies.
    let entries: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM participation_record WHERE decision_id = $1 AND event LIKE '%CommitmentUpdated%'",
    )
    .bind(d.parse::<i64>().unwrap())
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(entries, 3);
    let verified = verify_record(&app);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );
}
on_both_databases!(
    commit_and_report,
    a_commissioner_commits_and_reports_and_the_public_reads_it
);
