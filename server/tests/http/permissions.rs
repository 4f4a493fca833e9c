//! The permission table over HTTP: each kind of person against each action, expecting
//! allowed (200), 401 (sign in first) or 403 (not allowed).

use crate::harness::{TestApp, new_client};
use crate::on_both_databases;

pub(crate) struct Cast {
    pub anonymous: reqwest::Client,
    pub outsider: reqwest::Client,
    pub participant: reqwest::Client,
    pub drafter: reqwest::Client,
    pub facilitator: reqwest::Client,
    pub commissioner: reqwest::Client,
    pub process_admin: reqwest::Client,
    /// Someone the actions are done to.
    pub subject_id: i64,
}

async fn join_with_role(
    app: &TestApp,
    process: &str,
    code: &str,
    role: Option<&str>,
) -> (reqwest::Client, i64) {
    let client = app.join(code).await;
    let id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM people")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    if let Some(role) = role {
        let r = app
            .call(
                "members/role",
                &[
                    ("process_id", process),
                    ("person_id", &id.to_string()),
                    ("role", role),
                    ("change", "add"),
                ],
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    (client, id)
}

pub(crate) async fn cast(app: &TestApp, process: &str) -> Cast {
    let process_id: i64 = process.parse().expect("a process id");
    let b = app.make_codes(process_id, 6).await;
    let codes: Vec<String> = b.unused.iter().map(|c| c.as_str().to_string()).collect();
    let outsider = new_client();
    let pass = "a long enough passphrase";
    app.call_with(
        &outsider,
        "accounts/sign-up",
        &[
            ("email", "out@example.org"),
            ("password", pass),
            ("password_again", pass),
        ],
    )
    .await;
    let (participant, _) = join_with_role(app, process, &codes[0], None).await;
    let (facilitator, _) = join_with_role(app, process, &codes[1], Some("facilitator")).await;
    let (commissioner, _) = join_with_role(app, process, &codes[2], Some("commissioner")).await;
    let (process_admin, _) = join_with_role(app, process, &codes[3], Some("process_admin")).await;
    let (subject, subject_id) = join_with_role(app, process, &codes[4], None).await;
    let (drafter, _) = join_with_role(app, process, &codes[5], Some("drafter")).await;
    app.call_with(
        &subject,
        "me/constituencies",
        &[("process_id", process), ("commissioner", "yes")],
    )
    .await;
    Cast {
        anonymous: new_client(),
        outsider,
        participant,
        drafter,
        facilitator,
        commissioner,
        process_admin,
        subject_id,
    }
}

async fn every_role_gets_the_answer_the_rules_give(app: TestApp) {
    app.sign_in_as_admin().await;
    let process = app
        .create_process("Permissions", "Who may do what.")
        .await
        .to_string();
    let cast = cast(&app, &process).await;
    let subject = cast.subject_id.to_string();
    let people: [(&str, &reqwest::Client); 8] = [
        ("anonymous", &cast.anonymous),
        ("outsider", &cast.outsider),
        ("participant", &cast.participant),
        ("drafter", &cast.drafter),
        ("facilitator", &cast.facilitator),
        ("commissioner", &cast.commissioner),
        ("process admin", &cast.process_admin),
        ("site admin", &app.client),
    ];
    let p = process.as_str();
    let s = subject.as_str();
    // endpoint, form, expected status for each of the eight people above, in order.
    let table: Vec<(&str, Vec<(&str, &str)>, [u16; 8])> = vec![
        (
            "processes/create",
            vec![("title", "T"), ("description", "D")],
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        (
            "codes/create",
            vec![("process_id", p), ("count", "1"), ("valid_days", "1")],
            [401, 403, 403, 403, 200, 403, 200, 200],
        ),
        (
            "codes/list",
            vec![("process_id", p)],
            [401, 403, 403, 403, 200, 403, 200, 200],
        ),
        (
            "members/list",
            vec![("process_id", p)],
            [401, 403, 200, 200, 200, 200, 200, 200],
        ),
        (
            "members/confirm",
            vec![
                ("process_id", p),
                ("person_id", s),
                ("constituency", "commissioner"),
            ],
            [401, 403, 403, 403, 403, 403, 200, 200],
        ),
        (
            "members/role",
            vec![
                ("process_id", p),
                ("person_id", s),
                ("role", "facilitator"),
                ("change", "add"),
            ],
            [401, 403, 403, 403, 403, 403, 200, 200],
        ),
        (
            "members/add",
            vec![
                ("process_id", p),
                ("email", "out@example.org"),
                ("role", "participant"),
            ],
            [401, 403, 403, 403, 403, 403, 200, 200],
        ),
        (
            "invitations/create",
            vec![("process_id", p), ("role", "facilitator")],
            [401, 403, 403, 403, 403, 403, 200, 200],
        ),
        (
            "me/profile",
            vec![],
            [401, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "processes/participation",
            vec![("process_id", p)],
            [200, 200, 200, 200, 200, 200, 200, 200],
        ),
    ];
    // The documents: the definition is started before the table runs, so starting it again is
    // 409 for everyone allowed to try; publishing comes last, so version 1 is still a draft.
    // By now the "outsider" is a participant (the members/add row above added them), so they
    // may read drafts; a true outsider is refused in the documents tests.
    let started = app
        .call(
            "documents/start",
            &[
                ("process_id", p),
                ("kind", "definition"),
                ("start_from", "template"),
            ],
        )
        .await;
    assert_eq!(started.status(), 200);
    let d = "definition";
    let table: Vec<(&str, Vec<(&str, &str)>, [u16; 8])> = table
        .into_iter()
        .chain([
            (
                "documents/start",
                vec![("process_id", p), ("kind", d), ("start_from", "blank")],
                [401, 403, 403, 409, 409, 403, 409, 409],
            ),
            (
                "documents/page",
                vec![("process_id", p), ("kind", d)],
                [200, 200, 200, 200, 200, 200, 200, 200],
            ),
            (
                "documents/history",
                vec![("process_id", p), ("kind", d)],
                [200, 200, 200, 200, 200, 200, 200, 200],
            ),
            (
                "documents/version",
                vec![("process_id", p), ("kind", d), ("number", "1")],
                [401, 200, 200, 200, 200, 200, 200, 200],
            ),
            (
                "documents/compare",
                vec![("process_id", p), ("kind", d), ("from", "1"), ("to", "1")],
                [401, 200, 200, 200, 200, 200, 200, 200],
            ),
            (
                "documents/section",
                vec![("process_id", p), ("kind", d), ("key", "1")],
                [401, 403, 403, 200, 200, 403, 200, 200],
            ),
            (
                "documents/save-section",
                vec![
                    ("process_id", p),
                    ("kind", d),
                    ("key", "1"),
                    ("base", "1"),
                    ("heading", "H"),
                    ("body", "B"),
                    ("summary", ""),
                ],
                [401, 403, 403, 200, 200, 403, 200, 200],
            ),
            (
                "documents/add-section",
                vec![("process_id", p), ("kind", d), ("heading", "New")],
                [401, 403, 403, 200, 200, 403, 200, 200],
            ),
            (
                "documents/move-section",
                vec![
                    ("process_id", p),
                    ("kind", d),
                    ("key", "1"),
                    ("direction", "down"),
                ],
                [401, 403, 403, 200, 200, 403, 200, 200],
            ),
            (
                "documents/remove-section",
                vec![("process_id", p), ("kind", d), ("key", "2"), ("base", "1")],
                [401, 403, 403, 200, 404, 403, 404, 404],
            ),
            (
                "documents/publish",
                vec![("process_id", p), ("kind", d), ("number", "1")],
                [401, 403, 403, 403, 403, 403, 200, 200],
            ),
        ])
        .collect();
    let mut wrong = Vec::new();
    for (endpoint, form, expected) in &table {
        for ((who, client), want) in people.iter().zip(expected) {
            let got = app
                .call_with(client, endpoint, form)
                .await
                .status()
                .as_u16();
            if got != *want {
                wrong.push(format!("{who} → {endpoint}: expected {want}, got {got}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
on_both_databases!(table, every_role_gets_the_answer_the_rules_give);

async fn members_see_names_the_public_does_not_and_admins_confirm_claims(app: TestApp) {
    app.sign_in_as_admin().await;
    let process = app
        .create_process("Members", "Names inside.")
        .await
        .to_string();
    let cast = cast(&app, &process).await;
    let list: app::views::people::Members = app
        .call_with(
            &cast.participant,
            "members/list",
            &[("process_id", &process)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(!list.can_manage);
    let subject = list
        .people
        .iter()
        .find(|m| m.person_id == cast.subject_id)
        .unwrap();
    assert!(
        subject.claims.is_empty(),
        "unconfirmed claims are shown only to administrators"
    );

    let admin_view: app::views::people::Members = app
        .call_with(
            &cast.process_admin,
            "members/list",
            &[("process_id", &process)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(admin_view.can_manage);
    let subject = admin_view
        .people
        .iter()
        .find(|m| m.person_id == cast.subject_id)
        .unwrap();
    assert_eq!(subject.claims.len(), 1);
    assert!(!subject.claims[0].confirmed);

    let s = cast.subject_id.to_string();
    app.call_with(
        &cast.process_admin,
        "members/confirm",
        &[
            ("process_id", &process),
            ("person_id", &s),
            ("constituency", "commissioner"),
        ],
    )
    .await;
    let public: app::views::people::Participation = new_client()
        .post(app.url("/api/processes/participation"))
        .form(&[("process_id", &process)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        public
            .by_constituency
            .iter()
            .any(|(c, n)| *c == app::domain::Constituency::Commissioner && *n == 1)
    );

    let missing = app
        .call(
            "members/add",
            &[
                ("process_id", &process),
                ("email", "ghost@example.org"),
                ("role", "participant"),
            ],
        )
        .await;
    assert_eq!(missing.status(), 422);
}
on_both_databases!(
    members,
    members_see_names_the_public_does_not_and_admins_confirm_claims
);
