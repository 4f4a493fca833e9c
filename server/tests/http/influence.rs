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
