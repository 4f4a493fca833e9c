//! The cast of people the HTTP tests act as (one per role), and what members see of each other.
//! The whole permission matrix, every endpoint against every kind of person, is in
//! `permission_matrix`.

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

/// A page render reads the viewer's roles once and shares them among its parts; a role taken
/// away must still be gone on the very next page, and one given back there again (what one
/// render read is never kept for the next).
async fn a_role_taken_away_is_gone_on_the_next_page(app: TestApp) {
    app.sign_in_as_admin().await;
    let process = app.create_process("Roles", "Taken and given.").await;
    let p = process.to_string();
    let codes = app.make_codes(process, 1).await;
    let code = codes.unused[0].as_str().to_string();
    let (facilitator, id) = join_with_role(&app, &p, &code, Some("facilitator")).await;
    let decisions = app::routes::decisions(app::domain::ProcessId::new(process));
    let change = |how: &'static str| {
        let (p, id) = (p.clone(), id.to_string());
        let app = &app;
        async move {
            let form = [
                ("process_id", p.as_str()),
                ("person_id", id.as_str()),
                ("role", "facilitator"),
                ("change", how),
            ];
            assert_eq!(app.call("members/role", &form).await.status(), 200);
        }
    };
    let offered = |page: &str| page.contains("Open a decision");
    assert!(offered(&app.page_as(&facilitator, &decisions).await));
    change("remove").await;
    for _ in 0..3 {
        assert!(
            !offered(&app.page_as(&facilitator, &decisions).await),
            "a role taken away is gone at once"
        );
    }
    change("add").await;
    assert!(offered(&app.page_as(&facilitator, &decisions).await));
}
on_both_databases!(
    roles_read_afresh,
    a_role_taken_away_is_gone_on_the_next_page
);
