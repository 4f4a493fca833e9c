//! Decisions about documents over HTTP: a decision to adopt a version, ratified by a
//! commissioner and read by the public (superseded ratifications stay readable); amendments
//! sent to a vote and carried or declined by it; the public record as JSON and CSV, with a
//! recount from the record alone; and closing at the set time.

use app::domain::decision::replay::Recount;
use app::domain::deliberation::amendment::AmendmentState;
use app::views::decisions::DecisionList;
use app::views::decisions::RatifyOffer;

use crate::decisions::{declare, page, verify_record, vote};
use crate::discussion::{amendment, decide, discussion, id_of, propose, save_section_1, setup};
use crate::harness::{TestApp, download, error_of, field_message, new_client};
use crate::on_both_databases;
use crate::permissions::Cast;

/// Opens a consent decision to adopt `version` ("" for the latest) of the definition, for
/// everyone, and returns its id.
pub(crate) async fn open_adoption(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    version: &str,
) -> String {
    let r = app
        .call_with(
            client,
            "decisions/open",
            &[
                ("process_id", p),
                ("subject", "definition"),
                ("version", version),
                ("question", ""),
                ("method", "consent"),
                ("threshold", "majority"),
                ("lived_experience", "yes"),
                ("provider_staff", "yes"),
                ("commissioner", "yes"),
                ("other", "yes"),
            ],
        )
        .await;
    id_of(r).await.to_string()
}

pub(crate) async fn close(app: &TestApp, client: &reqwest::Client, d: &str) -> bool {
    let r = app
        .call_with(client, "decisions/close", &[("decision_id", d)])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json().await.unwrap()
}

pub(crate) async fn ratify(app: &TestApp, client: &reqwest::Client, d: &str) -> reqwest::Response {
    app.call_with(client, "decisions/ratify", &[("decision_id", d)])
        .await
}

async fn public_text(app: &TestApp, path: &str) -> (u16, String) {
    let r = new_client().get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

async fn a_commissioner_ratifies_a_passed_adoption_and_the_public_reads_it(app: TestApp) {
    let (p, cast) = setup(&app).await;
    declare(&app, &cast.participant, &p, "lived_experience").await;
    // A commissioner claim waits for confirmation; "other" counts at once.
    declare(&app, &cast.commissioner, &p, "other").await;

    // What the decision is about is checked before anything is stored.
    let wrong_method = app
        .call_with(
            &cast.facilitator,
            "decisions/open",
            &[
                ("process_id", &p),
                ("subject", "definition"),
                ("question", "Which?"),
                ("method", "single"),
                ("options", "A\nB"),
                ("threshold", "majority"),
                ("other", "yes"),
            ],
        )
        .await;
    assert!(
        field_message(wrong_method, "method")
            .await
            .contains("yes-or-no")
    );
    let no_such_version = app
        .call_with(
            &cast.facilitator,
            "decisions/open",
            &[
                ("process_id", &p),
                ("subject", "definition"),
                ("version", "9"),
                ("question", ""),
                ("method", "consent"),
                ("threshold", "majority"),
                ("other", "yes"),
            ],
        )
        .await;
    assert!(
        field_message(no_such_version, "version")
            .await
            .contains("no version 9")
    );

    let d = open_adoption(&app, &cast.facilitator, &p, "").await;
    let seen = page(&app, &cast.commissioner, &d).await;
    // Only section 1 has been written: the page warns that the others still hold only the
    // template's questions.
    let unwritten = seen.subject.clone().unwrap().unwritten;
    assert_eq!(unwritten.len(), 9, "{unwritten:?}");
    assert!(!unwritten.contains(&"What recovery means here".to_string()));
    assert!(
        seen.question.contains("version 2"),
        "the latest, named: {}",
        seen.question
    );
    assert_eq!(
        seen.ratify,
        RatifyOffer::Refused(
            "This decision is still open. It can be ratified once it has closed and passed.".into()
        )
    );
    assert_eq!(ratify(&app, &cast.commissioner, &d).await.status(), 409);
    assert_eq!(
        page(&app, &cast.participant, &d).await.ratify,
        RatifyOffer::Hidden,
        "only commissioners are offered it"
    );
    for answer in [&cast.participant, &cast.commissioner] {
        assert_eq!(
            vote(&app, answer, &d, &[("answer", "agree")])
                .await
                .status(),
            200
        );
    }
    assert!(close(&app, &cast.facilitator, &d).await);

    // Only a commissioner ratifies; not even a site administrator does it for them.
    for (who, client) in [
        ("participant", &cast.participant),
        ("facilitator", &cast.facilitator),
        ("process admin", &cast.process_admin),
        ("site admin", &app.client),
    ] {
        assert_eq!(ratify(&app, client, &d).await.status(), 403, "{who}");
    }
    assert_eq!(ratify(&app, &cast.anonymous, &d).await.status(), 401);
    // Ratifying needs the commissioner part confirmed by someone else.
    let unconfirmed = ratify(&app, &cast.commissioner, &d).await;
    assert_eq!(unconfirmed.status(), 403);
    assert!(
        error_of(unconfirmed)
            .await
            .to_string()
            .contains("confirmed")
    );
    confirm_commissioner(&app, &cast, &p).await;
    // A commissioner's name is shown, so they need one: the page says so before they press,
    // with a link to their profile.
    assert_eq!(
        page(&app, &cast.commissioner, &d).await.ratify,
        RatifyOffer::NeedsFullName
    );
    let html = app
        .page_as(&cast.commissioner, &format!("/processes/{p}/decisions/{d}"))
        .await;
    assert!(
        html.contains("href=\"/me\">Add your full name on your profile page</a>"),
        "{html}"
    );
    let nameless = ratify(&app, &cast.commissioner, &d).await;
    assert!(field_message(nameless, "name").await.contains("full name"));
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
    assert_eq!(
        named.status(),
        200,
        "{}",
        named.text().await.unwrap_or_default()
    );
    assert_eq!(
        page(&app, &cast.commissioner, &d).await.ratify,
        RatifyOffer::Allowed
    );
    let ratified = ratify(&app, &cast.commissioner, &d).await;
    assert_eq!(ratified.status(), 200);
    assert_eq!(ratified.json::<u32>().await.unwrap(), 2);
    let again = ratify(&app, &cast.commissioner, &d).await;
    assert_eq!(again.status(), 409);
    assert!(
        error_of(again)
            .await
            .to_string()
            .contains("already been ratified")
    );

    let after = page(&app, &new_client(), &d).await;
    let r = after.ratification.expect("shown to the public");
    assert_eq!((r.by.as_str(), r.version), ("Cllr Pat Example", 2));
    assert_eq!(after.recount, Recount::Matches);
    assert!(after.record_intact);
    assert_eq!(
        after.record_entries,
        1 + 2 + 1 + 1,
        "opened, 2 ballots, closed, ratified"
    );
    assert!(verify_record(&app).status.success());

    // The public page is the ratified version, with who, when and the result.
    let (status, html) = public_text(&app, &format!("/read/{p}/definition")).await;
    assert_eq!(status, 200);
    for expected in [
        "Ratified</strong>: version 2",
        "Ratified by <strong>Cllr Pat Example</strong>, commissioner",
        "2 people took part",
        "<svg class=\"results-chart\"",
        "People with lived experience <span class=\"results__voting\">(1 voting)</span>",
        // The glossary explains the field's words where they first appear, linked from there.
        "quicker routes to <a href=\"#term-1-1\"",
        ">detox</a> and rehab",
        "<dt id=\"term-1-1\"><dfn>Detox</dfn></dt><dd>Stopping a drug or alcohol safely",
    ] {
        assert!(html.contains(expected), "missing {expected:?}");
    }
    let (status, in_force) = public_text(&app, &format!("/read/{p}/definition/ratified")).await;
    assert_eq!(status, 200);
    assert!(in_force.contains("How this version was ratified"));

    // A decision that did not pass cannot be ratified.
    let failed = open_adoption(&app, &cast.facilitator, &p, "1").await;
    vote(
        &app,
        &cast.participant,
        &failed,
        &[("answer", "object"), ("reason", "Too vague")],
    )
    .await;
    assert!(!close(&app, &cast.facilitator, &failed).await);
    let refused = ratify(&app, &cast.commissioner, &failed).await;
    assert_eq!(refused.status(), 409);
    assert!(error_of(refused).await.to_string().contains("did not pass"));

    // A later ratification supersedes the first; both stay readable.
    save_section_1(
        &app,
        &cast.drafter,
        &p,
        2,
        "Recovery is **hope** and housing.",
    )
    .await;
    let second = open_adoption(&app, &cast.facilitator, &p, "3").await;
    vote(&app, &cast.participant, &second, &[("answer", "agree")]).await;
    assert!(close(&app, &cast.facilitator, &second).await);
    assert_eq!(
        ratify(&app, &cast.commissioner, &second).await.status(),
        200
    );
    let (_, in_force) = public_text(&app, &format!("/read/{p}/definition/ratified")).await;
    assert!(in_force.contains("Ratified</strong>: version 3"));
    assert!(in_force.contains("hope</strong> and housing"));
    assert!(in_force.contains("Every ratification of this document"));
    let first_id: i64 = sqlx::query_scalar("SELECT MIN(id) FROM ratifications")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let (status, old) =
        public_text(&app, &format!("/read/{p}/definition/ratified/{first_id}")).await;
    assert_eq!(status, 200);
    assert!(old.contains("Ratified</strong>: version 2"));
    assert!(
        old.contains("Superseded on"),
        "the old one says it was superseded"
    );

    // A newer draft for consultation points readers to the ratified version.
    let published = app
        .call(
            "documents/publish",
            &[("process_id", &p), ("kind", "definition"), ("number", "1")],
        )
        .await;
    assert_eq!(published.status(), 200);
    let (_, draft) = public_text(&app, &format!("/read/{p}/definition")).await;
    assert!(draft.contains("Draft for consultation"));
    assert!(draft.contains("The ratified version is version 3"));
    assert_eq!(
        public_text(&app, &format!("/read/{p}/rois-vision/ratified"))
            .await
            .0,
        404
    );
}
on_both_databases!(
    ratify,
    a_commissioner_ratifies_a_passed_adoption_and_the_public_reads_it
);

async fn decision_about(app: &TestApp, client: &reqwest::Client, p: &str) -> String {
    let r = app
        .call_with(client, "decisions/list", &[("process_id", p)])
        .await;
    assert_eq!(r.status(), 200);
    let list: DecisionList = r.json().await.unwrap();
    list.decisions[0].id.to_string()
}

async fn an_amendment_sent_to_a_vote_follows_the_result(app: TestApp) {
    let (p, cast) = setup(&app).await;
    declare(&app, &cast.participant, &p, "lived_experience").await;
    declare(&app, &cast.drafter, &p, "family_or_carer").await;
    let carried = id_of(
        propose(
            &app,
            &cast.participant,
            &p,
            2,
            "Recovery is **hope** and a home.",
        )
        .await,
    )
    .await;
    let sent = decide(&app, &cast.drafter, carried, "vote", "").await;
    assert_eq!(
        sent.status(),
        200,
        "{}",
        sent.text().await.unwrap_or_default()
    );
    assert_eq!(
        decide(&app, &cast.drafter, carried, "vote", "")
            .await
            .status(),
        409,
        "sent once"
    );
    assert_eq!(
        amendment(&app, &cast.participant, carried)
            .await
            .amendment
            .state,
        AmendmentState::SentToVote
    );
    let d = decision_about(&app, &cast.participant, &p).await;
    let opened = page(&app, &cast.participant, &d).await;
    assert_eq!(
        opened.question,
        format!("Do we accept amendment {carried}?")
    );
    let subject = opened.subject.expect("links to the amendment");
    assert!(subject.href.ends_with(&format!("/amendments/{carried}")));
    vote(&app, &cast.participant, &d, &[("answer", "agree")]).await;
    vote(
        &app,
        &cast.drafter,
        &d,
        &[("answer", "reservations"), ("reason", "")],
    )
    .await;
    assert!(close(&app, &cast.facilitator, &d).await);
    assert_eq!(
        amendment(&app, &cast.participant, carried)
            .await
            .amendment
            .state,
        AmendmentState::Accepted { version: 3 },
        "carried by the vote: a new version"
    );
    assert!(
        discussion(&app, &cast.participant, &p, 1)
            .await
            .html
            .contains("a home")
    );
    let credited: Option<i64> =
        sqlx::query_scalar("SELECT amendment_id FROM document_versions WHERE number = 3")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(credited, Some(carried), "the history credits the proposer");

    // Not carried: declined, with the decision as the reason.
    let lost =
        id_of(propose(&app, &cast.participant, &p, 3, "Recovery is **hope** only.").await).await;
    decide(&app, &cast.facilitator, lost, "vote", "").await;
    let d = decision_about(&app, &cast.participant, &p).await;
    vote(
        &app,
        &cast.participant,
        &d,
        &[("answer", "object"), ("reason", "Not enough")],
    )
    .await;
    assert!(!close(&app, &cast.facilitator, &d).await);
    match amendment(&app, &cast.participant, lost)
        .await
        .amendment
        .state
    {
        AmendmentState::Declined { reason } => {
            assert_eq!(reason, format!("It did not pass the vote (decision {d})."))
        }
        other => panic!("declined, not {other:?}"),
    }
}
on_both_databases!(
    amendment_vote,
    an_amendment_sent_to_a_vote_follows_the_result
);

async fn the_record_downloads_and_recounts_and_a_decision_closes_at_its_time(app: TestApp) {
    let (p, cast) = setup(&app).await;
    declare(&app, &cast.participant, &p, "lived_experience").await;
    declare(&app, &cast.drafter, &p, "family_or_carer").await;
    let r = app
        .call_with(
            &cast.facilitator,
            "decisions/open",
            &[
                ("process_id", &p),
                ("question", "=HYPERLINK(\"http://evil\"), which first?"),
                ("method", "single"),
                ("options", "Housing\nWork"),
                ("threshold", "majority"),
                ("lived_experience", "yes"),
                ("family_or_carer", "yes"),
                ("closes_in_minutes", "30"),
            ],
        )
        .await;
    let d = id_of(r).await.to_string();
    vote(&app, &cast.participant, &d, &[("choice", "0")]).await;
    vote(&app, &cast.drafter, &d, &[("choice", "1")]).await;
    vote(&app, &cast.drafter, &d, &[("choice", "0")]).await;
    // Its closing time passes: the next reader sees it closed and counted.
    sqlx::query("UPDATE decisions SET closes_at = closes_at - 3600")
        .execute(app.db.pool())
        .await
        .unwrap();
    let closed = page(&app, &new_client(), &d).await;
    assert!(!closed.open);
    assert!(closed.results.expect("counted").outcome.passed);
    assert_eq!(closed.recount, Recount::Matches);

    let json = new_client()
        .get(app.url(&format!("/processes/{p}/decisions/{d}/record.json")))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), 200);
    let record: serde_json::Value = json.json().await.unwrap();
    assert_eq!(record["entries"].as_array().unwrap().len(), 1 + 3 + 1);
    assert_eq!(record["recount"], "Matches");
    assert_eq!(record["intact"], true);
    assert_eq!(
        record["entries"][4]["event"]["Closed"]["by"],
        serde_json::Value::Null,
        "closed by the clock"
    );
    assert_eq!(record["took_part"].as_array().unwrap().len(), 2);

    let text = download(
        &app,
        &format!("/processes/{p}/decisions/{d}/record.csv"),
        "text/csv",
    )
    .await;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 5);
    assert!(lines[0].starts_with("Entry,Time (UTC),What happened,Who"));
    assert!(
        lines[1].contains("Question: =HYPERLINK")
            && !lines[1]
                .split(',')
                .any(|cell| cell.trim_start_matches('"').starts_with('=')),
        "a formula stays text: {}",
        lines[1]
    );
    assert!(
        lines[4].contains(",Ballot,") && lines[4].contains(",yes,"),
        "the change is marked: {}",
        lines[4]
    );
    for wrong in [
        format!(
            "/processes/{}/decisions/{d}/record.json",
            p.parse::<i64>().unwrap() + 1
        ),
        format!("/processes/{p}/decisions/{d}/record.xml"),
        format!("/processes/{p}/decisions/999/record.csv"),
    ] {
        assert_eq!(
            new_client()
                .get(app.url(&wrong))
                .send()
                .await
                .unwrap()
                .status(),
            404,
            "{wrong}"
        );
    }
}
on_both_databases!(
    record_exports,
    the_record_downloads_and_recounts_and_a_decision_closes_at_its_time
);

/// The commissioner declares their part and a process administrator confirms it.
pub(crate) async fn confirm_commissioner(app: &TestApp, cast: &Cast, p: &str) {
    declare(app, &cast.commissioner, p, "commissioner").await;
    let commissioner: i64 = sqlx::query_scalar(
        "SELECT person_id FROM memberships WHERE process_id = $1 AND role = 'commissioner'",
    )
    .bind(p.parse::<i64>().expect("a process id"))
    .fetch_one(app.db.pool())
    .await
    .expect("the commissioner");
    let r = app
        .call_with(
            &cast.process_admin,
            "members/confirm",
            &[
                ("process_id", p),
                ("person_id", &commissioner.to_string()),
                ("constituency", "commissioner"),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
}

/// The commissioner is confirmed, gives the full name a ratification shows, and ratifies `d`.
pub(crate) async fn ratify_as_commissioner(app: &TestApp, cast: &Cast, p: &str, d: &str) {
    confirm_commissioner(app, cast, p).await;
    let named = app
        .call_with(
            &cast.commissioner,
            "me/appearance",
            &[
                ("appearance", "full_name"),
                ("full_name", "Cllr Pat Example"),
                ("pseudonym", ""),
            ],
        )
        .await;
    assert_eq!(named.status(), 200);
    let r = ratify(app, &cast.commissioner, d).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
}
