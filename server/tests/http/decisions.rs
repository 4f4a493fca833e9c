//! Decisions over HTTP: opening, voting from three constituencies, changing a ballot,
//! eligibility, closing with the count by constituency, the participation record and
//! `recovery-commons verify-record` on a good and a tampered database, and ballots racing.

use app::domain::Constituency;
use app::domain::decision::disclosure::Group;
use app::domain::decision::tally::Count;
use app::views::decisions::DecisionPage;

use crate::harness::{TestApp, error_of, field_message};
use crate::on_both_databases;
use crate::permissions::{Cast, cast};

async fn setup(app: &TestApp) -> (String, Cast) {
    app.sign_in_as_admin().await;
    let p = app
        .create_process("Decisions", "Deciding together.")
        .await
        .to_string();
    let cast = cast(app, &p).await;
    (p, cast)
}

pub(crate) async fn declare(app: &TestApp, client: &reqwest::Client, p: &str, constituency: &str) {
    let r = app
        .call_with(
            client,
            "me/constituencies",
            &[("process_id", p), (constituency, "yes")],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
}

pub(crate) async fn open_consent(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    extra: &[(&str, &str)],
) -> String {
    let mut form = vec![
        ("process_id", p),
        ("question", "Adopt version 2 of the definition?"),
        ("method", "consent"),
        ("threshold", "majority"),
        ("lived_experience", "yes"),
        ("provider_staff", "yes"),
        ("family_or_carer", "yes"),
    ];
    form.extend_from_slice(extra);
    let r = app.call_with(client, "decisions/open", &form).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json::<i64>().await.unwrap().to_string()
}

pub(crate) async fn page(app: &TestApp, client: &reqwest::Client, d: &str) -> DecisionPage {
    let r = app
        .call_with(client, "decisions/page", &[("decision_id", d)])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json().await.unwrap()
}

pub(crate) async fn vote(
    app: &TestApp,
    client: &reqwest::Client,
    d: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut all = vec![("decision_id", d)];
    all.extend_from_slice(form);
    app.call_with(client, "decisions/vote", &all).await
}

async fn a_consent_decision_counts_each_constituency_and_keeps_a_verifiable_record(app: TestApp) {
    let (p, cast) = setup(&app).await;
    declare(&app, &cast.participant, &p, "lived_experience").await;
    declare(&app, &cast.drafter, &p, "family_or_carer").await;
    declare(&app, &cast.facilitator, &p, "lived_experience").await;
    let refused = app
        .call_with(
            &cast.participant,
            "decisions/open",
            &[
                ("process_id", &p),
                ("question", "Q?"),
                ("method", "consent"),
                ("threshold", "majority"),
                ("other", "yes"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 403, "participants do not open decisions");
    let nobody = app
        .call_with(
            &cast.facilitator,
            "decisions/open",
            &[
                ("process_id", &p),
                ("question", "Q?"),
                ("method", "consent"),
                ("threshold", "majority"),
            ],
        )
        .await;
    assert!(
        field_message(nobody, "eligible")
            .await
            .contains("at least one group")
    );
    let d = open_consent(
        &app,
        &cast.facilitator,
        &p,
        &[("co_production", "yes"), ("min_lived_experience", "2")],
    )
    .await;

    let objection = vote(
        &app,
        &cast.participant,
        &d,
        &[("answer", "object"), ("reason", " ")],
    )
    .await;
    assert!(
        field_message(objection, "ballot")
            .await
            .contains("say why you object")
    );
    assert_eq!(
        vote(
            &app,
            &cast.participant,
            &d,
            &[
                ("answer", "object"),
                ("reason", "It leaves out harm reduction")
            ]
        )
        .await
        .status(),
        200
    );
    // Changing a ballot replaces it in the count; both events stay in the record.
    let changed = vote(
        &app,
        &cast.participant,
        &d,
        &[
            ("answer", "reservations"),
            ("reason", "Add harm reduction next time"),
        ],
    )
    .await;
    assert!(
        changed.json::<bool>().await.unwrap(),
        "reported as a change"
    );
    assert_eq!(
        vote(&app, &cast.drafter, &d, &[("answer", "agree")])
            .await
            .status(),
        200
    );
    assert_eq!(
        vote(&app, &cast.facilitator, &d, &[("answer", "agree")])
            .await
            .status(),
        200
    );

    // The commissioner has no eligible constituency: told why.
    let ineligible = vote(&app, &cast.commissioner, &d, &[("answer", "agree")]).await;
    assert_eq!(ineligible.status(), 403);
    assert!(
        error_of(ineligible)
            .await
            .to_string()
            .contains("people with lived experience")
    );
    let seen = page(&app, &cast.commissioner, &d).await;
    assert!(
        seen.cannot_vote
            .unwrap()
            .contains("for people with lived experience")
    );
    assert!(seen.results.is_none(), "no count until it closes");
    assert_eq!(seen.ballots, 3);

    let not_closer = app
        .call_with(&cast.participant, "decisions/close", &[("decision_id", &d)])
        .await;
    assert_eq!(not_closer.status(), 403);
    let closed = app
        .call_with(&cast.facilitator, "decisions/close", &[("decision_id", &d)])
        .await;
    assert_eq!(closed.status(), 200);
    assert!(
        closed.json::<bool>().await.unwrap(),
        "3 of 3 agree; 2 with lived experience took part"
    );
    let late = vote(
        &app,
        &cast.drafter,
        &d,
        &[("answer", "object"), ("reason", "late")],
    )
    .await;
    assert_eq!(late.status(), 409);

    let public = page(&app, &crate::harness::new_client(), &d).await;
    let results = public.results.unwrap();
    assert_eq!(
        results.overall.expect("open ballots show the count").count,
        Count::Consent {
            agree: 2,
            reservations: 1,
            object: 0,
            abstain: 0
        }
    );
    let lived = results
        .groups
        .iter()
        .find(|(g, _)| *g == Group::One(Constituency::LivedExperience))
        .unwrap();
    assert_eq!(lived.1.ballots, 2);
    assert!(results.outcome.passed);
    assert_eq!(
        results.outcome.checks.len(),
        3,
        "overall, enough lived experience, carried among them"
    );
    assert_eq!(public.took_part.len(), 3);
    assert!(public.record_intact);
    let head = public.record_head.unwrap();
    assert_eq!(head.len(), 64);

    let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participation_record")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        entries,
        1 + 4 + 1,
        "opened, four ballots (one changed), closed"
    );

    // The command on the good database, then on a tampered one.
    let ok = verify_record(&app);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("intact"));
    sqlx::query("UPDATE participation_record SET event = REPLACE(event, 'LivedExperience', 'Commissioner') WHERE seq = 3")
        .execute(app.db.pool())
        .await
        .unwrap();
    let bad = verify_record(&app);
    assert!(!bad.status.success());
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(said.contains(&format!("entry 3 of decision {d}")), "{said}");
    assert!(
        !page(&app, &cast.participant, &d).await.record_intact,
        "the page offers the same check"
    );
}
on_both_databases!(
    consent,
    a_consent_decision_counts_each_constituency_and_keeps_a_verifiable_record
);

pub(crate) fn verify_record(app: &TestApp) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_recovery-commons"))
        .arg("verify-record")
        .env("DATABASE_URL", &app.settings.database_url)
        .env("RUST_LOG", "error")
        .output()
        .expect("the binary runs")
}

async fn ranked_dots_and_scores_are_read_from_plain_form_fields(app: TestApp) {
    let (p, cast) = setup(&app).await;
    for c in [&cast.participant, &cast.drafter] {
        declare(&app, c, &p, "lived_experience").await;
    }
    let open = |method: &'static str| {
        let p = p.clone();
        let app = &app;
        let client = cast.facilitator.clone();
        async move {
            let r = app
                .call_with(
                    &client,
                    "decisions/open",
                    &[
                        ("process_id", &p),
                        ("question", "What comes first?"),
                        ("method", method),
                        ("dots", "5"),
                        ("options", "Quicker detox\nPeer support\n\nHousing"),
                        ("threshold", "majority"),
                        ("lived_experience", "yes"),
                    ],
                )
                .await;
            assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
            r.json::<i64>().await.unwrap().to_string()
        }
    };
    let ranked = open("ranked").await;
    assert_eq!(
        page(&app, &cast.participant, &ranked).await.options.len(),
        3,
        "blank lines are not options"
    );
    let r = vote(
        &app,
        &cast.participant,
        &ranked,
        &[("values[0]", "2"), ("values[1]", "1"), ("values[2]", "")],
    )
    .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let none = vote(
        &app,
        &cast.drafter,
        &ranked,
        &[("values[0]", ""), ("values[1]", ""), ("values[2]", "")],
    )
    .await;
    assert_eq!(none.status(), 422);
    assert_eq!(
        vote(&app, &cast.drafter, &ranked, &[("values[0]", "1")])
            .await
            .status(),
        200
    );
    app.call_with(
        &cast.facilitator,
        "decisions/close",
        &[("decision_id", &ranked)],
    )
    .await;
    let results = page(&app, &cast.participant, &ranked)
        .await
        .results
        .unwrap();
    let Count::Ranked(runoff) = results.overall.unwrap().count else {
        panic!("a runoff")
    };
    assert_eq!(runoff.rounds[0].counts, vec![Some(1), Some(1), Some(0)]);
    assert!(runoff.rounds.len() >= 2, "each round is kept");

    let dots = open("dots").await;
    let too_many = vote(
        &app,
        &cast.participant,
        &dots,
        &[("values[0]", "4"), ("values[1]", "2")],
    )
    .await;
    assert!(field_message(too_many, "ballot").await.contains("5 dots"));
    assert_eq!(
        vote(
            &app,
            &cast.participant,
            &dots,
            &[("values[0]", "3"), ("values[2]", "2")]
        )
        .await
        .status(),
        200
    );
    let score = open("score").await;
    let out_of_range = vote(&app, &cast.participant, &score, &[("values[0]", "6")]).await;
    assert_eq!(out_of_range.status(), 422);
    assert_eq!(
        vote(
            &app,
            &cast.participant,
            &score,
            &[("values[0]", "5"), ("values[1]", "3")]
        )
        .await
        .status(),
        200
    );
    app.call_with(
        &cast.facilitator,
        "decisions/close",
        &[("decision_id", &score)],
    )
    .await;
    let results = page(&app, &cast.participant, &score).await.results.unwrap();
    assert_eq!(results.overall.unwrap().count, Count::Totals(vec![5, 3, 0]));
}
on_both_databases!(
    methods,
    ranked_dots_and_scores_are_read_from_plain_form_fields
);

/// Many people voting at once, and one person sending many ballots at once: one ballot per
/// person in the count, every event in the record, and the record intact.
async fn racing_ballots_neither_double_count_nor_break_the_record(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let pid: i64 = p.parse().unwrap();
    let batch = app.make_codes(pid, 40).await;
    let mut voters = Vec::new();
    for code in &batch.unused {
        let client = app.join(code.as_str()).await;
        declare(&app, &client, &p, "lived_experience").await;
        voters.push(client);
    }
    declare(&app, &cast.participant, &p, "lived_experience").await;
    let d = open_consent(&app, &cast.facilitator, &p, &[]).await;
    let mut tasks = Vec::new();
    for client in voters {
        let (app_base, d) = (app.base.clone(), d.clone());
        tasks.push(tokio::spawn(async move {
            client
                .post(format!("{app_base}/api/decisions/vote"))
                .form(&[("decision_id", d.as_str()), ("answer", "agree")])
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for i in 0..20 {
        let (app_base, d, client) = (app.base.clone(), d.clone(), cast.participant.clone());
        let answer = if i % 2 == 0 { "agree" } else { "abstain" };
        tasks.push(tokio::spawn(async move {
            client
                .post(format!("{app_base}/api/decisions/vote"))
                .form(&[("decision_id", d.as_str()), ("answer", answer)])
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.unwrap(), 200);
    }
    let ballots: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM ballots")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(ballots, 41, "one ballot per person");
    let entries: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participation_record")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(
        entries,
        1 + 40 + 20,
        "every ballot and change is in the record"
    );
    app.call_with(&cast.facilitator, "decisions/close", &[("decision_id", &d)])
        .await;
    let seen = page(&app, &cast.participant, &d).await;
    assert!(seen.record_intact);
    assert_eq!(seen.results.unwrap().overall.unwrap().ballots, 41);
    assert!(verify_record(&app).status.success());
}
on_both_databases!(
    racing,
    racing_ballots_neither_double_count_nor_break_the_record
);
