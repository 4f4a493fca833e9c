//! Facilitators see turnout, not people's choices: a decision shows how many of those who may
//! vote have voted, by constituency; for open ballots, facilitators (and nobody else) see who
//! has not voted yet, to remind them in person; for secret ballots nobody does.

use app::domain::Constituency;
use app::views::decisions::DecisionPage;

use crate::decisions::{declare, open_consent, vote};
use crate::discussion::setup;
use crate::harness::TestApp;
use crate::on_both_databases;
use crate::permissions::Cast;

async fn open_question(app: &TestApp, cast: &Cast, p: &str, secret: bool) -> String {
    let mut extra = vec![("other", "yes")];
    if secret {
        extra.push(("secret", "yes"));
    }
    open_consent(app, &cast.facilitator, p, &extra).await
}

async fn page(app: &TestApp, client: &reqwest::Client, d: &str) -> DecisionPage {
    let r = app
        .call_with(client, "decisions/page", &[("decision_id", d)])
        .await;
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

async fn facilitators_see_who_has_not_voted_on_open_ballots_only(app: TestApp) {
    let (p, cast) = setup(&app).await;
    for client in [&cast.participant, &cast.drafter] {
        declare(&app, client, &p, "lived_experience").await;
    }
    declare(&app, &cast.commissioner, &p, "other").await;
    let open = open_question(&app, &cast, &p, false).await;
    let r = vote(&app, &cast.participant, &open, &[("answer", "agree")]).await;
    assert_eq!(r.status(), 200);

    let seen = page(&app, &cast.facilitator, &open).await;
    assert_eq!(
        seen.voted_of,
        vec![
            (Constituency::LivedExperience, 1, 2),
            (Constituency::Other, 0, 1)
        ]
    );
    assert_eq!(seen.not_voted.as_ref().map(Vec::len), Some(2));
    // Nobody else gets the list: not a participant, not the public.
    assert_eq!(page(&app, &cast.participant, &open).await.not_voted, None);
    assert_eq!(page(&app, &cast.anonymous, &open).await.not_voted, None);
    assert_eq!(
        page(&app, &cast.anonymous, &open).await.voted_of,
        seen.voted_of
    );

    // A workshop planned ahead: a made-up day is refused, naming the field; a real one
    // becomes "the next workshop" on the sheet and the process page's timeline.
    let in_three_days = app::domain::calendar::Day::of(app::store::unix_now() + 3 * 86_400);
    let r = app
        .call_with(
            &cast.facilitator,
            "workshops/create",
            &[
                ("process_id", &p),
                ("title", "Recovery café"),
                ("meets_on", "next Tuesday"),
            ],
        )
        .await;
    crate::harness::field_message(r, "meets_on").await;
    let mut planned = Vec::new();
    for (title, day) in [
        ("Long ago", "2020-01-07"),
        ("Recovery café", in_three_days.iso().as_str()),
    ] {
        let r = app
            .call_with(
                &cast.facilitator,
                "workshops/create",
                &[("process_id", &p), ("title", title), ("meets_on", day)],
            )
            .await;
        assert_eq!(r.status(), 200);
        planned.push(r.json::<i64>().await.unwrap().to_string());
    }
    let expected = format!("Recovery café, on {}", in_three_days.long());
    let timeline: app::views::timeline::TimelineView = app
        .call_with(&cast.anonymous, "processes/timeline", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(timeline.next_workshop.as_deref(), Some(expected.as_str()));

    // The sheet to print for a group meeting lists the open vote and how to take part.
    let sheet: app::views::happening::HappeningSheet = app
        .call_with(
            &cast.anonymous,
            "processes/happening",
            &[("process_id", &p)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(sheet.open_votes.len(), 1);
    assert_eq!(sheet.next_workshop.as_deref(), Some(expected.as_str()));
    // Plans change: the day is moved, then cleared, and the page follows; a participant may
    // not change it.
    let moved = app::domain::calendar::Day::of(app::store::unix_now() + 5 * 86_400);
    let set = |who: &reqwest::Client, day: String| {
        let (app, who, workshop) = (&app, who.clone(), planned[1].clone());
        async move {
            app.call_with(
                &who,
                "workshops/meets-on",
                &[("workshop_id", &workshop), ("meets_on", &day)],
            )
            .await
            .status()
        }
    };
    let next = || {
        let (app, p, anonymous) = (&app, p.clone(), cast.anonymous.clone());
        async move {
            app.call_with(&anonymous, "processes/timeline", &[("process_id", &p)])
                .await
                .json::<app::views::timeline::TimelineView>()
                .await
                .unwrap()
                .next_workshop
        }
    };
    assert_eq!(set(&cast.participant, moved.iso()).await, 403);
    assert_eq!(set(&cast.facilitator, moved.iso()).await, 200);
    assert_eq!(
        next().await,
        Some(format!("Recovery café, on {}", moved.long()))
    );
    assert_eq!(set(&cast.facilitator, String::new()).await, 200);
    assert_eq!(next().await, None);
    assert!(
        sheet.open_votes[0]
            .address
            .ends_with(&format!("/decisions/{open}"))
    );
    assert!(sheet.open_votes[0].address.starts_with("http"));
    let html = app
        .page_as(&cast.anonymous, &format!("/processes/{p}/happening"))
        .await;
    assert!(
        html.contains("What&#x27;s happening") || html.contains("What's happening"),
        "{html}"
    );
    assert!(html.contains("/join and type it in"));

    // Secret ballots: the counts, never a list of names.
    let secret = open_question(&app, &cast, &p, true).await;
    let r = vote(
        &app,
        &cast.drafter,
        &secret,
        &[("answer", "object"), ("reason", "Busy")],
    )
    .await;
    assert_eq!(r.status(), 200);
    let seen = page(&app, &cast.facilitator, &secret).await;
    assert_eq!(seen.not_voted, None);
    assert_eq!(seen.voted_of[0], (Constituency::LivedExperience, 1, 2));
}
on_both_databases!(
    electorate_turnout,
    facilitators_see_who_has_not_voted_on_open_ballots_only
);
