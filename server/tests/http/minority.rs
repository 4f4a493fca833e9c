//! The minority's voice over HTTP: the annex of a ratified text lists objections and
//! reservations with their reasons (open ballots by name as each voter appears in public,
//! secret ones only with the voter's consent and never in a group under the secrecy
//! threshold), and only those who objected or had reservations write and co-sign the
//! minority statement.

use app::views::minority::MinorityPage;

use crate::decisions::{declare, vote};
use crate::discussion::setup;
use crate::harness::{TestApp, field_message, new_client};
use crate::on_both_databases;
use crate::permissions::Cast;
use crate::ratification::{close, ratify_as_commissioner};

/// Opens a consent decision to adopt the latest definition, for everyone.
async fn open_adoption(app: &TestApp, cast: &Cast, p: &str, secret: bool) -> String {
    let mut form = vec![
        ("process_id", p),
        ("subject", "definition"),
        ("version", ""),
        ("question", ""),
        ("method", "consent"),
        ("threshold", "majority"),
        ("lived_experience", "yes"),
        ("family_or_carer", "yes"),
        ("provider_staff", "yes"),
        ("commissioner", "yes"),
        ("other", "yes"),
    ];
    if secret {
        form.push(("secret", "yes"));
    }
    let r = app
        .call_with(&cast.facilitator, "decisions/open", &form)
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json::<i64>().await.unwrap().to_string()
}

async fn cast_ballot(app: &TestApp, client: &reqwest::Client, d: &str, form: &[(&str, &str)]) {
    let r = vote(app, client, d, form).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
}

/// Closes `d` (it must pass) and has the confirmed commissioner ratify it.
async fn close_and_ratify(app: &TestApp, cast: &Cast, p: &str, d: &str) {
    assert!(
        close(app, &cast.facilitator, d).await,
        "the decision passes"
    );
    ratify_as_commissioner(app, cast, p, d).await;
}

/// The ratified definition in force, as a member of the public reads it.
async fn ratified_page(app: &TestApp, p: &str) -> String {
    app.page_as(&new_client(), &format!("/read/{p}/definition/ratified"))
        .await
}

async fn page(app: &TestApp, client: &reqwest::Client, d: &str) -> MinorityPage {
    let r = app
        .call_with(client, "minority/page", &[("decision_id", d)])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json().await.unwrap()
}

async fn write(
    app: &TestApp,
    client: &reqwest::Client,
    d: &str,
    revision: i64,
    text: &str,
) -> reqwest::Response {
    app.call_with(
        client,
        "minority/write",
        &[
            ("decision_id", d),
            ("revision", &revision.to_string()),
            ("statement", text),
        ],
    )
    .await
}

async fn sign(
    app: &TestApp,
    client: &reqwest::Client,
    d: &str,
    revision: i64,
) -> reqwest::Response {
    app.call_with(
        client,
        "minority/sign",
        &[("decision_id", d), ("revision", &revision.to_string())],
    )
    .await
}

async fn open_ballots_name_their_reasons_and_objectors_co_sign_a_statement(app: TestApp) {
    let (p, cast) = setup(&app).await;
    for client in [&cast.participant, &cast.drafter] {
        declare(&app, client, &p, "lived_experience").await;
    }
    for client in [&cast.commissioner, &cast.facilitator, &cast.process_admin] {
        declare(&app, client, &p, "other").await;
    }
    // The participant appears in public by a made-up name; the drafter chose no public name.
    let named = app
        .call_with(
            &cast.participant,
            "me/appearance",
            &[
                ("appearance", "pseudonym"),
                ("pseudonym", "Phoenix"),
                ("full_name", ""),
                ("show_on_public_pages", "yes"),
            ],
        )
        .await;
    assert_eq!(
        named.status(),
        200,
        "{}",
        named.text().await.unwrap_or_default()
    );
    let d = open_adoption(&app, &cast, &p, false).await;
    cast_ballot(
        &app,
        &cast.participant,
        &d,
        &[("answer", "object"), ("reason", "Housing is missing")],
    )
    .await;
    cast_ballot(
        &app,
        &cast.drafter,
        &d,
        &[
            ("answer", "reservations"),
            ("reason", "Say more about families"),
        ],
    )
    .await;
    for client in [&cast.commissioner, &cast.facilitator, &cast.process_admin] {
        cast_ballot(
            &app,
            client,
            &d,
            &[("answer", "agree"), ("reason", "Well done")],
        )
        .await;
    }

    // Nothing to sign while the decision is open.
    assert_eq!(
        write(&app, &cast.participant, &d, 0, "Not yet")
            .await
            .status(),
        409
    );
    close_and_ratify(&app, &cast, &p, &d).await;

    // Only those who objected or had reservations write or sign; a guest must sign in.
    assert_eq!(
        write(&app, &cast.anonymous, &d, 0, "Hijack").await.status(),
        401
    );
    for (who, client) in [
        ("commissioner who agreed", &cast.commissioner),
        ("facilitator who agreed", &cast.facilitator),
        ("outsider", &cast.outsider),
    ] {
        assert_eq!(
            write(&app, client, &d, 0, "Hijack").await.status(),
            403,
            "{who}"
        );
    }
    assert!(!page(&app, &cast.commissioner, &d).await.may_sign);
    field_message(
        write(&app, &cast.participant, &d, 0, "   ").await,
        "statement",
    )
    .await;

    let r = write(
        &app,
        &cast.participant,
        &d,
        0,
        "We ask that housing comes first.",
    )
    .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let drafter_sees = page(&app, &cast.drafter, &d).await;
    assert!(drafter_sees.may_sign && !drafter_sees.signed);
    let revision = drafter_sees.view.statement.as_ref().unwrap().revision;
    assert_eq!(sign(&app, &cast.drafter, &d, revision).await.status(), 200);
    assert_eq!(
        sign(&app, &cast.commissioner, &d, revision).await.status(),
        403
    );

    // The public ratified page carries the annex: reasons by constituency, names as chosen.
    let ratified = ratified_page(&app, &p).await;
    assert!(
        ratified.contains("Annex: the minority's voice"),
        "{ratified}"
    );
    assert!(ratified.contains("<strong>Objected</strong> (Phoenix): Housing is missing"));
    assert!(ratified.contains(
        "<strong>Agreed with reservations</strong> (a person with lived experience): Say more about families"
    ));
    assert!(!ratified.contains("Well done"), "agreement is not dissent");
    assert!(ratified.contains("We ask that housing comes first."));
    assert!(ratified.contains("Signed by 2 people: Phoenix, a person with lived experience."));

    // Rewriting over an older text is refused; rewriting takes the others' signatures off.
    assert_eq!(
        write(&app, &cast.drafter, &d, 0, "Older").await.status(),
        409
    );
    let r = write(
        &app,
        &cast.participant,
        &d,
        revision,
        "Housing first, and families too.",
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        sign(&app, &cast.drafter, &d, revision).await.status(),
        409,
        "signing words they did not read"
    );
    let ratified = ratified_page(&app, &p).await;
    assert!(ratified.contains("Housing first, and families too."));
    assert!(
        ratified.contains("Signed by 1 person: Phoenix."),
        "{ratified}"
    );
    // The only signer takes their name off: nobody stands behind it, so it is not shown.
    let r = app
        .call_with(&cast.participant, "minority/unsign", &[("decision_id", &d)])
        .await;
    assert_eq!(r.status(), 200);
    let ratified = ratified_page(&app, &p).await;
    assert!(!ratified.contains("Housing first, and families too."));

    // The influence page sets the result among people with lived experience beside everyone's.
    let influence: app::views::influence::InfluencePage = app
        .call_with(&new_client(), "influence/page", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    let voice = &influence.decisions[0];
    assert_eq!(voice.everyone.as_deref(), Some("4 of 5 agreed (80%)"));
    assert_eq!(
        voice.lived_experience,
        Ok("1 of 2 agreed (50%)".to_string())
    );

    // The open data carries the annex too.
    let json: serde_json::Value = new_client()
        .get(app.url(&format!("/read/{p}/definition/ratified.json")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let group = &json["annex"]["groups"][0];
    assert_eq!(group["group"], "People with lived experience");
    assert_eq!(group["reasons"][0]["reason"], "Housing is missing");
    assert_eq!(group["reasons"][0]["by"], "Phoenix");

    // And the Word document for board papers: it opens, and holds the text, the result by
    // constituency and the annex.
    assert!(ratified.contains("ratified.docx\" download>"));
    let r = new_client()
        .get(app.url(&format!("/read/{p}/definition/ratified.docx")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let bytes = r.bytes().await.unwrap();
    let read = docx_rs::read_docx(&bytes).expect("the Word document opens");
    let words = serde_json::to_string(&read.document).unwrap();
    for expected in [
        "What recovery means here",
        "How it was ratified",
        "People with lived experience",
        "Annex: the minority",
        "Housing is missing",
        "Phoenix",
    ] {
        assert!(
            words.contains(expected),
            "{expected} is missing from the Word document"
        );
    }
    assert_eq!(
        new_client()
            .get(app.url("/read/999/definition/ratified.docx"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}
on_both_databases!(
    open_annex,
    open_ballots_name_their_reasons_and_objectors_co_sign_a_statement
);

async fn a_secret_reason_appears_only_with_consent_and_never_in_a_small_group(app: TestApp) {
    let (p, cast) = setup(&app).await;
    for client in [&cast.participant, &cast.drafter, &cast.facilitator] {
        declare(&app, client, &p, "lived_experience").await;
    }
    for client in [&cast.commissioner, &cast.process_admin] {
        declare(&app, client, &p, "family_or_carer").await;
    }
    let d = open_adoption(&app, &cast, &p, true).await;
    // The consent box says yes or nothing: anything else was not sent by our form.
    field_message(
        vote(
            &app,
            &cast.participant,
            &d,
            &[("answer", "object"), ("reason", "x"), ("in_annex", "maybe")],
        )
        .await,
        "in_annex",
    )
    .await;
    cast_ballot(
        &app,
        &cast.participant,
        &d,
        &[
            ("answer", "object"),
            ("reason", "SHARED-REASON"),
            ("in_annex", "yes"),
        ],
    )
    .await;
    cast_ballot(
        &app,
        &cast.drafter,
        &d,
        &[("answer", "reservations"), ("reason", "KEPT-REASON")],
    )
    .await;
    cast_ballot(&app, &cast.facilitator, &d, &[("answer", "agree")]).await;
    cast_ballot(&app, &cast.commissioner, &d, &[("answer", "agree")]).await;
    // Two family members or carers: fewer than three, so even with consent their reason stays out.
    cast_ballot(
        &app,
        &cast.process_admin,
        &d,
        &[
            ("answer", "reservations"),
            ("reason", "SMALL-GROUP-REASON"),
            ("in_annex", "yes"),
        ],
    )
    .await;
    close_and_ratify(&app, &cast, &p, &d).await;

    let ratified = ratified_page(&app, &p).await;
    assert!(
        ratified.contains("<strong>Objected</strong>: SHARED-REASON"),
        "{ratified}"
    );
    assert!(!ratified.contains("KEPT-REASON"), "listed without consent");
    assert!(
        !ratified.contains("SMALL-GROUP-REASON"),
        "a group of two gives its members away"
    );
    assert!(ratified.contains("only for a group of at least 3 voters"));
    let public = page(&app, &new_client(), &d).await;
    for g in &public.view.annex.groups {
        assert!(
            g.reasons.iter().all(|r| r.by.is_none()),
            "a secret reason with a name"
        );
    }
    // A secret result with a group too small to show shows only its outcome on the influence
    // page too.
    let influence: app::views::influence::InfluencePage = app
        .call_with(&new_client(), "influence/page", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(influence.decisions[0].everyone, None);
    assert!(influence.decisions[0].lived_experience.is_err());
    // The objector who chose to be in the annex may still co-sign, by their own choice.
    assert!(page(&app, &cast.participant, &d).await.may_sign);
    assert!(!page(&app, &cast.facilitator, &d).await.may_sign);
}
on_both_databases!(
    secret_annex,
    a_secret_reason_appears_only_with_consent_and_never_in_a_small_group
);
