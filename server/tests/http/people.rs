//! Sign-in codes, joining without email, how people appear, constituencies, and who may do
//! what with codes.

use app::domain::{ProcessRole, SiteRole, Viewer};
use app::error::AppError;
use app::views::people::OwnProfile;
use app::views::people::Participation;

use crate::harness::{TestApp, new_client};
use crate::harness::{error_of, field_message};
use crate::on_both_databases;

async fn admin_with_process(app: &TestApp) -> i64 {
    app.sign_in_as_admin().await;
    app.create_process(
        "Sefton local definition of recovery 2027",
        "Agreeing what recovery means.",
    )
    .await
}

async fn a_person_joins_with_a_code_that_then_stops_working(app: TestApp) {
    let process = admin_with_process(&app).await;
    let batch = app.make_codes(process, 3).await;
    assert_eq!(batch.unused.len(), 3);
    assert!(batch.join_url.ends_with("/join"));
    let code = batch.unused[0].display().to_lowercase();

    let person = app.join(&code).await;
    let viewer: Option<Viewer> = app
        .call_with(&person, "session/viewer", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        viewer.unwrap().site_role,
        SiteRole::Member,
        "a code never makes an administrator"
    );
    let me: OwnProfile = app
        .call_with(&person, "me/profile", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me.processes.len(), 1);
    assert_eq!(me.processes[0].roles, vec![ProcessRole::Participant]);
    assert_eq!(
        me.shown_to_participants, "a participant",
        "no name until they choose one"
    );

    let again = app
        .call_with(&new_client(), "session/redeem-code", &[("code", &code)])
        .await;
    assert_eq!(again.status(), 422);
    let error: AppError = again.json().await.unwrap();
    assert!(
        error
            .for_field("code")
            .unwrap()
            .contains("already been used")
    );

    let p = process.to_string();
    let list: app::views::codes::CodeBatches = app
        .call("codes/list", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((list.batches[0].used, list.batches[0].total), (1, 3));
}
on_both_databases!(
    join_with_code,
    a_person_joins_with_a_code_that_then_stops_working
);

async fn cancelled_and_expired_codes_are_refused_with_a_reason(app: TestApp) {
    let process = admin_with_process(&app).await;
    let batch = app.make_codes(process, 2).await;
    let p = process.to_string();
    let list: app::views::codes::CodeBatches = app
        .call("codes/list", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    let batch_id = list.batches[0].id.to_string();
    assert_eq!(
        app.call(
            "codes/revoke",
            &[("process_id", &p), ("batch_id", &batch_id)]
        )
        .await
        .status(),
        200
    );
    let refused = app
        .call_with(
            &new_client(),
            "session/redeem-code",
            &[("code", batch.unused[0].as_str())],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(field_message(refused, "code").await.contains("cancelled"));

    let fresh = app.make_codes(process, 1).await;
    sqlx::query("UPDATE sign_in_code_batches SET expires_at = 0 WHERE revoked_at IS NULL")
        .execute(app.db.pool())
        .await
        .unwrap();
    let expired = app
        .call_with(
            &new_client(),
            "session/redeem-code",
            &[("code", fresh.unused[0].as_str())],
        )
        .await;
    assert!(field_message(expired, "code").await.contains("expired"));
}
on_both_databases!(
    revoked_and_expired,
    cancelled_and_expired_codes_are_refused_with_a_reason
);

async fn mistyped_codes_and_batch_sizes_get_messages_for_their_fields(app: TestApp) {
    let process = admin_with_process(&app).await;
    let zero = app
        .call(
            "codes/create",
            &[
                ("process_id", &process.to_string()),
                ("count", "0"),
                ("valid_days", "99"),
            ],
        )
        .await;
    assert_eq!(zero.status(), 422);
    let error: AppError = zero.json().await.unwrap();
    assert!(error.for_field("count").is_some() && error.for_field("valid_days").is_some());

    let typo = app
        .call_with(
            &new_client(),
            "session/redeem-code",
            &[("code", "K7PM-XR0Q")],
        )
        .await;
    assert_eq!(typo.status(), 422);
    assert!(field_message(typo, "code").await.contains("2 to 9"));
    let unknown = app
        .call_with(
            &new_client(),
            "session/redeem-code",
            &[("code", "AAAA-AAAA")],
        )
        .await;
    assert!(
        field_message(unknown, "code")
            .await
            .contains("do not recognise")
    );
}
on_both_databases!(
    code_input_errors,
    mistyped_codes_and_batch_sizes_get_messages_for_their_fields
);

/// Who may manage codes, over HTTP: anonymous 401, a participant 403, the process admin 200.
async fn only_facilitators_and_admins_manage_codes(app: TestApp) {
    let process = admin_with_process(&app).await;
    let batch = app.make_codes(process, 2).await;
    let participant = app.join(batch.unused[0].as_str()).await;
    let anonymous = new_client();
    let p = process.to_string();
    let requests: [(&str, Vec<(&str, &str)>); 3] = [
        (
            "codes/create",
            vec![("process_id", &p), ("count", "1"), ("valid_days", "1")],
        ),
        ("codes/list", vec![("process_id", &p)]),
        ("codes/batch", vec![("process_id", &p), ("batch_id", "1")]),
    ];
    for (endpoint, form) in &requests {
        assert_eq!(
            app.call_with(&anonymous, endpoint, form).await.status(),
            401,
            "anonymous {endpoint}"
        );
        assert_eq!(
            app.call_with(&participant, endpoint, form).await.status(),
            403,
            "participant {endpoint}"
        );
    }
    // Once made a facilitator, the same person may.
    let participant_id: i64 = sqlx::query_scalar("SELECT MAX(id) FROM people")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    app::store::memberships::add(
        app.db.pool(),
        app::domain::ProcessId::new(process),
        app::domain::PersonId::new(participant_id),
        ProcessRole::Facilitator,
        0,
    )
    .await
    .unwrap();
    assert_eq!(
        app.call_with(&participant, "codes/list", &[("process_id", &p)])
            .await
            .status(),
        200
    );
    // Another process's codes stay out of reach: unknown process is 404 for everyone.
    assert_eq!(
        app.call("codes/list", &[("process_id", "9999")])
            .await
            .status(),
        404
    );
}
on_both_databases!(code_permissions, only_facilitators_and_admins_manage_codes);

async fn the_public_sees_names_only_where_people_chose_that(app: TestApp) {
    let process = admin_with_process(&app).await;
    let batch = app.make_codes(process, 2).await;
    let jo = app.join(batch.unused[0].as_str()).await;
    let sam = app.join(batch.unused[1].as_str()).await;
    let p = process.to_string();

    // Jo: full name for participants, not public. Sam: pseudonym, public.
    let saved = app
        .call_with(
            &jo,
            "me/appearance",
            &[
                ("appearance", "full_name"),
                ("full_name", "Jo Bloggs-Unique"),
                ("pseudonym", ""),
            ],
        )
        .await;
    assert_eq!(
        saved.status(),
        200,
        "{}",
        saved.text().await.unwrap_or_default()
    );
    app.call_with(
        &jo,
        "me/constituencies",
        &[("process_id", &p), ("lived_experience", "yes")],
    )
    .await;
    app.call_with(
        &sam,
        "me/appearance",
        &[
            ("appearance", "pseudonym"),
            ("full_name", "Samantha Secret"),
            ("pseudonym", "Phoenix"),
            ("show_on_public_pages", "yes"),
        ],
    )
    .await;
    app.call_with(
        &sam,
        "me/constituencies",
        &[
            ("process_id", &p),
            ("family_or_carer", "yes"),
            ("commissioner", "yes"),
        ],
    )
    .await;

    let public: Participation = app
        .call_with(
            &new_client(),
            "processes/participation",
            &[("process_id", &p)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(!public.as_participant);
    assert!(
        public
            .people
            .contains(&"a person with lived experience".to_string()),
        "{:?}",
        public.people
    );
    assert!(public.people.contains(&"Phoenix".to_string()));
    assert!(
        !public
            .people
            .iter()
            .any(|n| n.contains("Jo") || n.contains("Samantha"))
    );

    let inside: Participation = app
        .call_with(&sam, "processes/participation", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    assert!(inside.people.contains(&"Jo Bloggs-Unique".to_string()));

    // An unconfirmed commissioner claim does not count.
    assert!(
        !public
            .by_constituency
            .iter()
            .any(|(c, _)| *c == app::domain::Constituency::Commissioner)
    );

    // The public page, as an anonymous visitor, has no identifying field.
    let html = new_client()
        .get(app.url(&format!("/processes/{process}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Phoenix"));
    for secret in ["Jo Bloggs-Unique", "Bloggs", "Samantha", "Secret"] {
        assert!(!html.contains(secret), "{secret} leaked on the public page");
    }
}
on_both_databases!(
    public_names,
    the_public_sees_names_only_where_people_chose_that
);

async fn appearing_by_a_name_needs_that_name(app: TestApp) {
    let process = admin_with_process(&app).await;
    let batch = app.make_codes(process, 1).await;
    let person = app.join(batch.unused[0].as_str()).await;
    let refused = app
        .call_with(
            &person,
            "me/appearance",
            &[
                ("appearance", "pseudonym"),
                ("full_name", ""),
                ("pseudonym", "  "),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(error_of(refused).await.for_field("pseudonym").is_some());
    let too_long = "x".repeat(101);
    let refused = app
        .call_with(
            &person,
            "me/appearance",
            &[
                ("appearance", "full_name"),
                ("full_name", &too_long),
                ("pseudonym", ""),
            ],
        )
        .await;
    assert!(field_message(refused, "full_name").await.contains("101"));
    let anonymous = app
        .call_with(
            &new_client(),
            "me/appearance",
            &[
                ("appearance", "pseudonym"),
                ("full_name", ""),
                ("pseudonym", "X"),
            ],
        )
        .await;
    assert_eq!(anonymous.status(), 401);
    // Nothing was changed by the refused attempts.
    let me: OwnProfile = app
        .call_with(&person, "me/profile", &[])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(me.shown_to_participants, "a participant");
}
on_both_databases!(appearance_rules, appearing_by_a_name_needs_that_name);

/// A process of many members names the first fifty on its page and counts the rest, so the
/// page does not grow with every member (nor read every member's profile).
async fn a_large_process_names_its_first_members_and_counts_the_rest(app: TestApp) {
    app.sign_in_as_admin().await;
    let process = app.create_process("Large", "Many members.").await;
    let id = app::domain::ProcessId::new(process);
    let now = app::store::unix_now();
    let participation = || async {
        app.call(
            "processes/participation",
            &[("process_id", &process.to_string())],
        )
        .await
        .json::<Participation>()
        .await
        .unwrap()
    };
    let before = participation().await;
    for _ in 0..55 {
        let person = app::store::people::insert(&app.db, SiteRole::Member, now)
            .await
            .unwrap();
        app::store::memberships::add(app.db.pool(), id, person, ProcessRole::Participant, now)
            .await
            .unwrap();
    }
    let after = participation().await;
    assert_eq!(after.total, before.total + 55);
    assert_eq!(after.people.len(), 50);
    assert_eq!(after.more, after.total - 50);
    let html = app
        .get(&format!("/processes/{process}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(&format!("And {} more people.", after.more)),
        "{html}"
    );
}
on_both_databases!(
    large_process,
    a_large_process_names_its_first_members_and_counts_the_rest
);
