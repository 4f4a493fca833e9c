//! Whose words carried, over HTTP: the ledger is recounted from what is stored, by how
//! people take part, and a group too small to hide one person is not shown on its own.

use app::domain::constituency::Constituency;
use app::views::influence::InfluencePage;

use crate::decisions::declare;
use crate::discussion::{comment, decide, id_of, propose, setup};
use crate::harness::{TestApp, new_client};
use crate::on_both_databases;

async fn the_ledger_counts_by_group_and_keeps_small_groups_hidden(app: TestApp) {
    // Version 2 holds section 1's text.
    let (p, cast) = setup(&app).await;
    let k = app
        .call_with(
            &cast.process_admin,
            "processes/secrecy",
            &[("process_id", &p), ("secrecy_threshold", "2")],
        )
        .await;
    assert_eq!(k.status(), 200, "{}", k.text().await.unwrap_or_default());
    declare(&app, &cast.participant, &p, "lived_experience").await;
    declare(&app, &cast.drafter, &p, "lived_experience").await;
    declare(&app, &cast.facilitator, &p, "other").await;

    assert_eq!(
        comment(
            &app,
            &cast.participant,
            &p,
            2,
            "More about housing, please.",
            "",
            None
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        comment(&app, &cast.facilitator, &p, 2, "Agreed.", "", None)
            .await
            .status(),
        200
    );
    let declined =
        id_of(propose(&app, &cast.drafter, &p, 2, "Recovery is hope and a home.").await).await;
    assert_eq!(
        decide(
            &app,
            &cast.facilitator,
            declined,
            "decline",
            "We kept the shorter words."
        )
        .await
        .status(),
        200
    );
    let waiting = propose(&app, &cast.participant, &p, 2, "Recovery is yours.").await;
    assert_eq!(waiting.status(), 200);

    let page: InfluencePage = app
        .call_with(&new_client(), "influence/page", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    let l = page.ledger;
    let row = |g| l.rows.iter().find(|r| r.group == g).unwrap().figures;
    let lived = row(Some(Constituency::LivedExperience)).expect("two people: shown");
    assert_eq!(
        (
            lived.people,
            lived.comments,
            lived.proposed,
            lived.accepted,
            lived.declined
        ),
        (2, 1, 2, 0, 1)
    );
    // The one person who takes part as "other" is not shown on their own...
    assert_eq!(row(Some(Constituency::Other)), None);
    // ...but counts under everyone.
    assert_eq!(
        (l.everyone.people, l.everyone.comments, l.everyone.proposed),
        (3, 2, 2)
    );
    assert!(l.median_days_to_verdict.is_some());
    assert_eq!(l.threshold, 2);

    let html = app
        .page_as(&new_client(), &format!("/processes/{p}/influence"))
        .await;
    assert!(html.contains("Whose words carried"));
    assert!(html.contains("class=\"influence-chart\""), "{html}");
    assert!(html.contains("<th scope=\"row\">People with lived experience</th><td>2</td>"));
    assert!(html.contains("fewer than 2 people in this group"));
}
on_both_databases!(
    ledger,
    the_ledger_counts_by_group_and_keeps_small_groups_hidden
);

async fn the_ratified_text_credits_the_words_of_accepted_amendments(app: TestApp) {
    use crate::ratification::{close, open_adoption, ratify_as_commissioner};
    let (p, cast) = setup(&app).await;
    let k = app
        .call_with(
            &cast.process_admin,
            "processes/secrecy",
            &[("process_id", &p), ("secrecy_threshold", "2")],
        )
        .await;
    assert_eq!(k.status(), 200);
    declare(&app, &cast.participant, &p, "lived_experience").await;
    declare(&app, &cast.drafter, &p, "lived_experience").await;
    // Two people with lived experience take part (one alone would be withheld)...
    let said = comment(&app, &cast.drafter, &p, 2, "Say home.", "", None).await;
    assert_eq!(said.status(), 200);
    // ...and one of them adds words, which the drafters accept.
    let added = id_of(
        propose(
            &app,
            &cast.participant,
            &p,
            2,
            "Recovery is **hope**: quicker routes to detox and rehab, and a home of my own.",
        )
        .await,
    )
    .await;
    let r = decide(&app, &cast.drafter, added, "accept", "Yes.").await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let d = open_adoption(&app, &cast.facilitator, &p, "").await;
    for voter in [&cast.participant, &cast.drafter] {
        let r = crate::decisions::vote(&app, voter, &d, &[("answer", "agree")]).await;
        assert_eq!(r.status(), 200);
    }
    assert!(close(&app, &cast.facilitator, &d).await);
    ratify_as_commissioner(&app, &cast, &p, &d).await;

    let page: InfluencePage = app
        .call_with(&new_client(), "influence/page", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    let words = &page.words[0];
    assert_eq!(words.version, 3);
    assert!(words.total_words > 6);
    assert!(
        words.from_amendments > 0 && words.from_amendments < 100,
        "{words:?}"
    );
    let lived = words
        .by_group
        .iter()
        .find(|(g, _)| g == "People with lived experience")
        .expect("the group");
    assert_eq!(lived.1, Some(words.from_amendments), "{words:?}");
    // Nobody else proposed anything: every other group is withheld or has no words.
    assert!(
        words
            .by_group
            .iter()
            .all(|(g, s)| g == &lived.0 || s.unwrap_or(0) == 0)
    );
    let html = app
        .page_as(&new_client(), &format!("/processes/{p}/influence"))
        .await;
    assert!(html.contains("came from amendments proposed by people taking part and accepted"));
}
on_both_databases!(
    word_credit,
    the_ratified_text_credits_the_words_of_accepted_amendments
);
