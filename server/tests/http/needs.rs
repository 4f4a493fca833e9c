//! What needs me, over HTTP: each person's list of votes to cast, replies, verdicts on their
//! amendments and, for drafters and facilitators, what waits for them; it clears as things
//! are done or marked done, says nothing of anyone's comment, and takes only its own keys.

use app::views::needs::NeedsPage;

use crate::decisions::{declare, open_consent, vote};
use crate::discussion::{comment, decide, id_of, propose, setup};
use crate::harness::{TestApp, field_message};
use crate::on_both_databases;

async fn needs(app: &TestApp, client: &reqwest::Client) -> NeedsPage {
    let r = app.call_with(client, "me/needs", &[]).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json().await.unwrap()
}

async fn count(app: &TestApp, client: &reqwest::Client) -> u32 {
    app.call_with(client, "me/needs-count", &[])
        .await
        .json()
        .await
        .unwrap()
}

async fn what_needs_me_clears_as_things_are_done(app: TestApp) {
    let (p, cast) = setup(&app).await;
    declare(&app, &cast.participant, &p, "lived_experience").await;
    let d = open_consent(&app, &cast.facilitator, &p, &[]).await;

    // A vote open to the participant; for the facilitator, a decision that closes by hand.
    let mine = needs(&app, &cast.participant).await;
    assert_eq!(mine.items.len(), 1, "{mine:?}");
    assert!(
        mine.items[0]
            .words
            .starts_with("A vote you can take part in")
    );
    assert!(mine.items[0].href.ends_with(&format!("/decisions/{d}")));
    assert_eq!(count(&app, &cast.participant).await, 1);
    let theirs = needs(&app, &cast.facilitator).await;
    assert!(theirs.items.iter().any(|i| i.key == format!("close:{d}")));
    // Someone outside the process is not asked to vote in it.
    assert!(needs(&app, &cast.outsider).await.items.is_empty());

    // Voting clears it.
    assert_eq!(
        vote(&app, &cast.participant, &d, &[("answer", "agree")])
            .await
            .status(),
        200
    );
    assert_eq!(count(&app, &cast.participant).await, 0);

    // A reply in the participant's thread: on the list, without the reply's words.
    let thread = id_of(
        comment(
            &app,
            &cast.participant,
            &p,
            2,
            "What about housing?",
            "",
            None,
        )
        .await,
    )
    .await;
    let reply = comment(
        &app,
        &cast.drafter,
        &p,
        2,
        "PRIVATE-REPLY-WORDS",
        "",
        Some(thread),
    )
    .await;
    assert_eq!(reply.status(), 200);
    let mine = needs(&app, &cast.participant).await;
    assert_eq!(mine.items.len(), 1);
    assert!(
        mine.items[0]
            .words
            .starts_with("Someone replied to your comment")
    );
    assert!(
        !serde_json::to_string(&mine)
            .unwrap()
            .contains("PRIVATE-REPLY-WORDS")
    );
    // Marked done, it goes; a key that is not ours is refused, naming the field.
    let key = mine.items[0].key.clone();
    field_message(
        app.call_with(&cast.participant, "me/needs-done", &[("item", "vote:abc")])
            .await,
        "item",
    )
    .await;
    let r = app
        .call_with(&cast.participant, "me/needs-done", &[("item", &key)])
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(count(&app, &cast.participant).await, 0);

    // An amendment waits for the drafters; its verdict then waits for its proposer.
    let amendment = id_of(
        propose(
            &app,
            &cast.participant,
            &p,
            2,
            "Recovery is hope and a home.",
        )
        .await,
    )
    .await;
    assert!(
        needs(&app, &cast.drafter)
            .await
            .items
            .iter()
            .any(|i| i.key == format!("waiting:{amendment}"))
    );
    assert_eq!(
        decide(&app, &cast.drafter, amendment, "accept", "Yes.")
            .await
            .status(),
        200
    );
    assert!(
        !needs(&app, &cast.drafter)
            .await
            .items
            .iter()
            .any(|i| i.key == format!("waiting:{amendment}"))
    );
    let mine = needs(&app, &cast.participant).await;
    assert_eq!(mine.items[0].key, format!("verdict:{amendment}"));
    assert!(mine.items[0].words.ends_with("was accepted"));

    // A report puts the moderation queue on the facilitator's list, and handling it clears it.
    let reported = app
        .call_with(
            &cast.participant,
            "discussion/report",
            &[("comment_id", &thread.to_string()), ("reason", "Unkind.")],
        )
        .await;
    assert_eq!(reported.status(), 200);
    let queue = needs(&app, &cast.facilitator).await;
    let item = queue
        .items
        .iter()
        .find(|i| i.key.starts_with("moderation:"))
        .expect("the queue is on the list");
    assert_eq!(item.words, "1 comment is waiting in the moderation queue");
    assert!(
        needs(&app, &cast.participant)
            .await
            .items
            .iter()
            .all(|i| !i.key.starts_with("moderation:")),
        "only facilitators see the queue"
    );
    let handled = app
        .call_with(
            &cast.facilitator,
            "discussion/moderate",
            &[
                ("comment_id", &thread.to_string()),
                ("action", "hide"),
                ("reason", "Unkind."),
            ],
        )
        .await;
    assert_eq!(
        handled.status(),
        200,
        "{}",
        handled.text().await.unwrap_or_default()
    );
    assert!(
        needs(&app, &cast.facilitator)
            .await
            .items
            .iter()
            .all(|i| !i.key.starts_with("moderation:"))
    );

    // Signed out, there is no list.
    assert_eq!(
        app.call_with(&cast.anonymous, "me/needs", &[])
            .await
            .status(),
        401
    );
}
on_both_databases!(needs_clear, what_needs_me_clears_as_things_are_done);

async fn a_document_changed_since_it_was_read_waits_until_read_again(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let read = |who: &reqwest::Client| {
        let who = who.clone();
        let app = &app;
        let p = p.clone();
        async move {
            let r = app
                .call_with(
                    &who,
                    "documents/page",
                    &[("process_id", &p), ("kind", "definition")],
                )
                .await;
            assert_eq!(r.status(), 200);
        }
    };
    // Nobody is told about a text they never opened.
    crate::discussion::save_section_1(&app, &cast.drafter, &p, 2, "Recovery is hope.").await;
    assert!(needs(&app, &cast.participant).await.items.is_empty());

    // Read at version 3; the drafter then changes section 1: it is on the list, naming the
    // section, linking to what changed since.
    read(&cast.participant).await;
    crate::discussion::save_section_1(&app, &cast.drafter, &p, 3, "Recovery is hope and a home.")
        .await;
    let mine = needs(&app, &cast.participant).await;
    assert_eq!(mine.items.len(), 1, "{mine:?}");
    let item = &mine.items[0];
    assert_eq!(item.key, format!("changed:{p}:definition:4"));
    assert!(
        item.words.contains("has changed since you last read it"),
        "{item:?}"
    );
    assert!(
        item.detail
            .as_deref()
            .is_some_and(|d| d.starts_with("Sections changed: “")),
        "{item:?}"
    );
    assert!(
        item.href
            .ends_with("/documents/definition/compare?from=3&to=4"),
        "{item:?}"
    );
    // The same list links to the process's one-page sheet.
    assert!(
        mine.happening
            .iter()
            .any(|(_, href)| href == &format!("/processes/{p}/happening"))
    );
    // Reading it again clears it; someone outside the process is never told.
    read(&cast.participant).await;
    assert!(needs(&app, &cast.participant).await.items.is_empty());
    assert!(needs(&app, &cast.outsider).await.items.is_empty());
}
on_both_databases!(
    changed_since_read,
    a_document_changed_since_it_was_read_waits_until_read_again
);

/// What waits on a role is read for all of a person's processes in one statement: a drafter
/// or facilitator of one process must never be handed another's amendments, moderation
/// queue or decisions, and a vote is only offered where the person is a member.
async fn what_waits_on_a_role_stays_in_its_process(app: TestApp) {
    let (a, here) = setup(&app).await;
    let (b, there) = crate::discussion::another_process(&app).await;
    declare(&app, &here.participant, &a, "lived_experience").await;
    let d = open_consent(&app, &there.facilitator, &b, &[]).await;
    let amendment =
        id_of(propose(&app, &there.participant, &b, 2, "Recovery is a home.").await).await;
    let thread =
        id_of(comment(&app, &there.participant, &b, 2, "A thought.", "", None).await).await;
    let reported = app
        .call_with(
            &there.drafter,
            "discussion/report",
            &[("comment_id", &thread.to_string()), ("reason", "Unkind.")],
        )
        .await;
    assert_eq!(reported.status(), 200);

    // The honest reading: each item waits for the role it belongs to, in its own process.
    let keys = |page: NeedsPage| -> Vec<String> { page.items.into_iter().map(|i| i.key).collect() };
    assert!(keys(needs(&app, &there.drafter).await).contains(&format!("waiting:{amendment}")));
    let facilitator_there = keys(needs(&app, &there.facilitator).await);
    assert!(
        facilitator_there.contains(&format!("close:{d}")),
        "{facilitator_there:?}"
    );
    assert!(
        facilitator_there
            .iter()
            .any(|k| k.starts_with("moderation:"))
    );

    // The same roles in the other process see none of it.
    for who in [&here.drafter, &here.facilitator, &here.participant] {
        let mine = keys(needs(&app, who).await);
        assert!(mine.is_empty(), "{mine:?}");
        assert_eq!(count(&app, who).await, 0);
    }
}
on_both_databases!(
    role_needs_stay_in_their_process,
    what_waits_on_a_role_stays_in_its_process
);
