//! Deliberation over HTTP: comments quoting a section and followed across versions, threads,
//! amendments with support and verdicts, resolving, reporting and moderation, public comments
//! waiting for approval, the rate limit, and who may do each (the permission table).

use app::domain::deliberation::amendment::{AmendmentState, Currency};
use app::domain::deliberation::anchor::{QuoteNow, SectionNow};
use app::domain::deliberation::human_check::HumanCheck;
use app::error::AppError;
use app::views::discussion::AmendmentPage;
use app::views::discussion::ModerationPage;
use app::views::discussion::SectionDiscussion;
use app::views::documents::HistoryPage;

use crate::harness::{TestApp, error_of, field_message, new_client};
use crate::on_both_databases;
use crate::permissions::{Cast, cast};

const TEXT: &str = "Recovery is **hope**: quicker routes to detox and rehab.";

/// A process whose definition is started, section 1 saved with [`TEXT`] (version 2), and
/// its cast of people.
pub(crate) async fn setup(app: &TestApp) -> (String, Cast) {
    app.sign_in_as_admin().await;
    another_process(app).await
}

/// A further process with its own document and people (the administrator already signed in).
pub(crate) async fn another_process(app: &TestApp) -> (String, Cast) {
    let p = app
        .create_process("Deliberation", "Talking it through.")
        .await
        .to_string();
    let started = app
        .call(
            "documents/start",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("start_from", "template"),
            ],
        )
        .await;
    assert_eq!(started.status(), 200);
    let cast = cast(app, &p).await;
    save_section_1(app, &cast.drafter, &p, 1, TEXT).await;
    (p, cast)
}

pub(crate) async fn save_section_1(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    base: u32,
    body: &str,
) {
    let heading: String = {
        let page: SectionDiscussion = discussion(app, client, p, 1).await;
        page.heading
    };
    let saved = app
        .call_with(
            client,
            "documents/save-section",
            &[
                ("process_id", p),
                ("kind", "definition"),
                ("key", "1"),
                ("base", &base.to_string()),
                ("heading", &heading),
                ("body", body),
                ("summary", "Edited"),
            ],
        )
        .await;
    assert_eq!(
        saved.status(),
        200,
        "{}",
        saved.text().await.unwrap_or_default()
    );
}

pub(crate) async fn discussion(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    key: u32,
) -> SectionDiscussion {
    let response = app
        .call_with(
            client,
            "discussion/section",
            &[
                ("process_id", p),
                ("kind", "definition"),
                ("key", &key.to_string()),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    response.json().await.expect("a discussion page")
}

pub(crate) async fn comment(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    version: u32,
    body: &str,
    quote: &str,
    thread: Option<i64>,
) -> reqwest::Response {
    let thread = thread.map(|t| t.to_string());
    let mut form = vec![
        ("process_id", p),
        ("kind", "definition"),
        ("key", "1"),
        ("version", &*Box::leak(version.to_string().into_boxed_str())),
        ("body", body),
        ("quote", quote),
    ];
    if let Some(t) = &thread {
        form.push(("thread_id", t));
    }
    app.call_with(client, "discussion/comment", &form).await
}

pub(crate) async fn id_of(response: reqwest::Response) -> i64 {
    assert_eq!(
        response.status(),
        200,
        "{}",
        response.text().await.unwrap_or_default()
    );
    response.json().await.expect("an id")
}

async fn a_comment_quotes_the_section_and_follows_it_across_versions(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let first = id_of(
        comment(
            &app,
            &cast.participant,
            &p,
            2,
            "Detox waits are **too long**.",
            "quicker routes  to detox",
            None,
        )
        .await,
    )
    .await;
    let wrong_quote = comment(
        &app,
        &cast.participant,
        &p,
        2,
        "Hm",
        "words that are not there",
        None,
    )
    .await;
    assert_eq!(wrong_quote.status(), 422);
    assert!(
        field_message(wrong_quote, "quote")
            .await
            .contains("not in this section")
    );
    let empty = comment(&app, &cast.participant, &p, 2, "   ", "", None).await;
    assert_eq!(empty.status(), 422);
    let too_long = comment(&app, &cast.participant, &p, 2, &"x".repeat(5_001), "", None).await;
    assert!(field_message(too_long, "body").await.contains("5000"));
    id_of(
        comment(
            &app,
            &cast.facilitator,
            &p,
            2,
            "Agreed, and rehab too.",
            "",
            Some(first),
        )
        .await,
    )
    .await;

    let page = discussion(&app, &cast.commissioner, &p, 1).await;
    assert_eq!(page.version, 2);
    assert_eq!(page.threads.len(), 1, "a reply is not a thread of its own");
    let thread = &page.threads[0];
    assert_eq!(thread.quote.as_deref(), Some("quicker routes to detox"));
    assert!(
        thread
            .first
            .html
            .as_deref()
            .unwrap()
            .contains("<strong>too long</strong>")
    );
    assert!(
        thread
            .first
            .author
            .contains("a person with lived experience")
            || thread.first.author.contains("participant"),
        "the author is shown with their constituency: {}",
        thread.first.author
    );
    assert_eq!(thread.replies.len(), 1);
    assert!(!thread.anchor.made_on_earlier);
    assert_eq!(thread.anchor.quote, QuoteNow::StillThere);
    assert_eq!(page.activity.open_comments, 1);

    // The drafters rewrite the section: the quote goes.
    save_section_1(
        &app,
        &cast.drafter,
        &p,
        2,
        "Recovery is hope, with faster access to rehab.",
    )
    .await;
    let page = discussion(&app, &cast.participant, &p, 1).await;
    assert_eq!(page.version, 3);
    let thread = &page.threads[0];
    assert_eq!(thread.made_on, 2, "made on version 2");
    assert!(thread.anchor.made_on_earlier);
    assert_eq!(thread.anchor.section, SectionNow::Changed);
    assert_eq!(thread.anchor.quote, QuoteNow::Gone);

    // A quote is checked against the version it is made on.
    id_of(
        comment(
            &app,
            &cast.participant,
            &p,
            2,
            "On the old words",
            "quicker routes",
            None,
        )
        .await,
    )
    .await;
    let stale = comment(
        &app,
        &cast.participant,
        &p,
        3,
        "On the new words",
        "quicker routes",
        None,
    )
    .await;
    assert_eq!(stale.status(), 422);

    // XSS through a comment is inert.
    id_of(
        comment(
            &app,
            &cast.participant,
            &p,
            3,
            "<script>alert(1)</script>[x](javascript:alert(1))",
            "",
            None,
        )
        .await,
    )
    .await;
    let page = discussion(&app, &cast.participant, &p, 1).await;
    let html = page.threads.last().unwrap().first.html.clone().unwrap();
    assert!(
        !html.contains("<script") && !html.contains("href=\"javascript"),
        "{html}"
    );

    let data: app::store::personal_data::PersonalData = cast
        .participant
        .get(app.url("/me/data.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        data.comments.len(),
        3,
        "download my data lists their comments"
    );
    assert!(data.comments[0].text.contains("too long"));

    let outsider_reads = app
        .call_with(
            &cast.outsider,
            "discussion/section",
            &[("process_id", &p), ("kind", "definition"), ("key", "1")],
        )
        .await;
    assert_eq!(
        outsider_reads.status(),
        403,
        "drafts are for people taking part"
    );
}
on_both_databases!(
    comments_follow_versions,
    a_comment_quotes_the_section_and_follows_it_across_versions
);

pub(crate) async fn propose(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    base: u32,
    body: &str,
) -> reqwest::Response {
    app.call_with(
        client,
        "amendments/propose",
        &[
            ("process_id", p),
            ("kind", "definition"),
            ("key", "1"),
            ("base", &base.to_string()),
            ("body", body),
            ("reason", "Service users asked for it."),
        ],
    )
    .await
}

pub(crate) async fn amendment(app: &TestApp, client: &reqwest::Client, id: i64) -> AmendmentPage {
    let r = app
        .call_with(
            client,
            "discussion/amendment",
            &[("amendment_id", &id.to_string())],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json().await.unwrap()
}

pub(crate) async fn decide(
    app: &TestApp,
    client: &reqwest::Client,
    id: i64,
    verdict: &str,
    reason: &str,
) -> reqwest::Response {
    app.call_with(
        client,
        "amendments/decide",
        &[
            ("amendment_id", &id.to_string()),
            ("verdict", verdict),
            ("reason", reason),
        ],
    )
    .await
}

async fn an_accepted_amendment_makes_a_version_that_credits_its_proposer(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let same = propose(&app, &cast.participant, &p, 2, TEXT).await;
    assert!(field_message(same, "body").await.contains("already says"));
    let id = id_of(
        propose(
            &app,
            &cast.participant,
            &p,
            2,
            "Recovery is hope: **same-week** detox and rehab.",
        )
        .await,
    )
    .await;

    for _ in 0..2 {
        let r = app
            .call_with(
                &cast.commissioner,
                "amendments/support",
                &[("amendment_id", &id.to_string()), ("support", "yes")],
            )
            .await;
        assert_eq!(r.status(), 200);
    }
    app.call_with(
        &cast.facilitator,
        "amendments/support",
        &[("amendment_id", &id.to_string()), ("support", "yes")],
    )
    .await;
    let seen = amendment(&app, &cast.commissioner, id).await;
    assert_eq!(seen.amendment.supports, 2, "one support per person");
    assert!(seen.amendment.supported_by_me);
    assert_eq!(seen.amendment.currency, Currency::Current);
    assert!(seen.amendment.diff.iter().any(|c| matches!(c, app::domain::document::diff::WordChange::Added(t) if t.contains("same-week"))));
    let page = discussion(&app, &cast.participant, &p, 1).await;
    assert_eq!(page.activity.amendments, 1);
    assert_eq!(page.activity.supports, 2);

    let refused = decide(&app, &cast.participant, id, "accept", "").await;
    assert_eq!(refused.status(), 403);
    let accepted = decide(&app, &cast.drafter, id, "accept", "").await;
    assert_eq!(
        accepted.status(),
        200,
        "{}",
        accepted.text().await.unwrap_or_default()
    );
    assert_eq!(accepted.json::<Option<u32>>().await.unwrap(), Some(3));
    let again = decide(&app, &cast.drafter, id, "accept", "").await;
    assert_eq!(again.status(), 409, "decided once");

    let after = amendment(&app, &cast.participant, id).await;
    assert_eq!(
        after.amendment.state,
        AmendmentState::Accepted { version: 3 }
    );
    let history: HistoryPage = app
        .call_with(
            &cast.participant,
            "documents/history",
            &[("process_id", &p), ("kind", "definition")],
        )
        .await
        .json()
        .await
        .unwrap();
    let v3 = &history.versions[0].version;
    assert_eq!(v3.number, 3);
    assert!(v3.proposed_by.is_some(), "the history credits the proposer");
    assert!(history.versions[1].version.proposed_by.is_none());
    let page = discussion(&app, &cast.participant, &p, 1).await;
    assert_eq!(page.version, 3);
    assert_eq!(
        page.activity.amendments, 0,
        "a decided amendment needs no attention"
    );

    // Made against version 3, then the section changes: it needs an update, and cannot be
    // accepted over the newer words.
    let stale =
        id_of(propose(&app, &cast.participant, &p, 3, "Something else entirely.").await).await;
    save_section_1(&app, &cast.drafter, &p, 3, "A drafter's newer words.").await;
    let seen = amendment(&app, &cast.participant, stale).await;
    assert_eq!(seen.amendment.currency, Currency::NeedsUpdate);
    let refused = decide(&app, &cast.drafter, stale, "accept", "").await;
    assert_eq!(refused.status(), 409);
    assert!(
        error_of(refused)
            .await
            .to_string()
            .contains("needs an update")
    );

    let no_reason = decide(&app, &cast.drafter, stale, "decline", " ").await;
    assert_eq!(no_reason.status(), 422);
    let voted = decide(&app, &cast.facilitator, stale, "vote", "").await;
    assert_eq!(voted.status(), 200);
    assert_eq!(
        amendment(&app, &cast.participant, stale)
            .await
            .amendment
            .state,
        AmendmentState::SentToVote
    );
    let declined = decide(&app, &cast.drafter, stale, "decline", "Covered elsewhere.").await;
    assert_eq!(declined.status(), 200);
    assert_eq!(
        amendment(&app, &cast.participant, stale)
            .await
            .amendment
            .state,
        AmendmentState::Declined {
            reason: "Covered elsewhere.".into()
        }
    );
    let late = app
        .call_with(
            &cast.participant,
            "amendments/support",
            &[("amendment_id", &stale.to_string()), ("support", "yes")],
        )
        .await;
    assert_eq!(late.status(), 409);
}
on_both_databases!(
    amendments,
    an_accepted_amendment_makes_a_version_that_credits_its_proposer
);

async fn threads_resolve_and_facilitators_hide_without_deleting(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let thread = id_of(
        comment(
            &app,
            &cast.participant,
            &p,
            2,
            "Please add peer support.",
            "",
            None,
        )
        .await,
    )
    .await;
    let t = thread.to_string();
    let not_mine = app
        .call_with(
            &cast.commissioner,
            "discussion/resolve",
            &[("thread_id", &t), ("note", "done")],
        )
        .await;
    assert_eq!(not_mine.status(), 403);
    let resolved = app
        .call_with(
            &cast.participant,
            "discussion/resolve",
            &[("thread_id", &t), ("note", "Addressed in version 3")],
        )
        .await;
    assert_eq!(resolved.status(), 200);
    let page = discussion(&app, &cast.commissioner, &p, 1).await;
    assert!(
        page.threads[0]
            .resolved
            .as_deref()
            .unwrap()
            .contains("Addressed in version 3")
    );
    assert_eq!(page.activity.open_comments, 0);
    let reopened = app
        .call_with(
            &cast.drafter,
            "discussion/resolve",
            &[("thread_id", &t), ("reopen", "yes")],
        )
        .await;
    assert_eq!(reopened.status(), 200);
    assert!(
        discussion(&app, &cast.commissioner, &p, 1).await.threads[0]
            .resolved
            .is_none()
    );

    let abusive = id_of(
        comment(
            &app,
            &cast.commissioner,
            &p,
            2,
            "You people are hopeless.",
            "",
            None,
        )
        .await,
    )
    .await;
    let a = abusive.to_string();
    let reported = app
        .call_with(
            &cast.participant,
            "discussion/report",
            &[("comment_id", &a), ("reason", "It is insulting")],
        )
        .await;
    assert_eq!(reported.status(), 200);
    let queue_refused = app
        .call_with(
            &cast.participant,
            "discussion/moderation",
            &[("process_id", &p)],
        )
        .await;
    assert_eq!(queue_refused.status(), 403);
    let queue: ModerationPage = app
        .call_with(
            &cast.facilitator,
            "discussion/moderation",
            &[("process_id", &p)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue.queue.len(), 1);
    assert_eq!(queue.queue[0].reports, vec!["It is insulting".to_string()]);

    let no_reason = app
        .call_with(
            &cast.facilitator,
            "discussion/moderate",
            &[("comment_id", &a), ("action", "hide")],
        )
        .await;
    assert_eq!(no_reason.status(), 422);
    let by_participant = app
        .call_with(
            &cast.participant,
            "discussion/moderate",
            &[("comment_id", &a), ("action", "hide"), ("reason", "x")],
        )
        .await;
    assert_eq!(by_participant.status(), 403);
    let hidden = app
        .call_with(
            &cast.facilitator,
            "discussion/moderate",
            &[
                ("comment_id", &a),
                ("action", "hide"),
                ("reason", "Insulting to service users"),
            ],
        )
        .await;
    assert_eq!(hidden.status(), 200);

    let seen = discussion(&app, &cast.participant, &p, 1).await;
    let hidden_view = &seen
        .threads
        .iter()
        .find(|t| t.first.id == abusive)
        .unwrap()
        .first;
    assert!(
        hidden_view.html.is_none(),
        "the text is not sent to participants"
    );
    assert_eq!(
        hidden_view.hidden_reason.as_deref(),
        Some("Insulting to service users")
    );
    let facilitator_view = discussion(&app, &cast.facilitator, &p, 1).await;
    let kept = &facilitator_view
        .threads
        .iter()
        .find(|t| t.first.id == abusive)
        .unwrap()
        .first;
    assert!(
        kept.html.as_deref().unwrap().contains("hopeless"),
        "kept for the record"
    );
    let reply = comment(&app, &cast.participant, &p, 2, "reply", "", Some(abusive)).await;
    assert_eq!(reply.status(), 409, "a hidden thread takes no replies");

    let queue: ModerationPage = app
        .call_with(
            &cast.facilitator,
            "discussion/moderation",
            &[("process_id", &p)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(queue.queue.is_empty(), "hiding handles the report");
    let unhidden = app
        .call_with(
            &cast.process_admin,
            "discussion/moderate",
            &[("comment_id", &a), ("action", "unhide")],
        )
        .await;
    assert_eq!(unhidden.status(), 200);
    let log: Vec<(String, Option<i64>, String)> =
        sqlx::query_as("SELECT action, actor_id, reason FROM moderation_log ORDER BY id")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].0, "hide");
    assert_eq!(log[1].0, "unhide");
    assert!(
        log.iter().all(|(_, actor, _)| actor.is_some()),
        "every action records who acted"
    );
    let still_there: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(still_there, 2, "moderation deletes nothing");
}
on_both_databases!(
    moderation,
    threads_resolve_and_facilitators_hide_without_deleting
);

async fn public_comments_wait_for_approval(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let publish = app
        .call(
            "documents/publish",
            &[("process_id", &p), ("kind", "definition"), ("number", "2")],
        )
        .await;
    assert_eq!(publish.status(), 200);
    let public = new_client();
    let send = |answer: String| {
        let public = public.clone();
        let p = p.clone();
        let app = &app;
        async move {
            app.call_with(
                &public,
                "discussion/public-comment",
                &[
                    ("process_id", p.as_str()),
                    ("kind", "definition"),
                    ("key", "1"),
                    ("name", "Sam"),
                    ("body", "As a mum, I want quicker rehab."),
                    ("check_seed", "7"),
                    ("check_answer", answer.as_str()),
                ],
            )
            .await
        }
    };
    let off = send("5".into()).await;
    assert_eq!(off.status(), 403, "off by default");
    let read_page = |app: &TestApp| {
        let url = app.url(&format!("/read/{p}/definition"));
        async move {
            new_client()
                .get(url)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap()
        }
    };
    assert!(!read_page(&app).await.contains("Comment on this draft"));
    let page = discussion(&app, &public, &p, 1).await;
    assert!(!page.may.comment_publicly && page.human_check.is_none());
    assert!(
        page.threads.is_empty(),
        "the public does not read members' discussion"
    );

    let on = app
        .call_with(
            &cast.process_admin,
            "processes/public-comments",
            &[("process_id", &p), ("public_comments", "on")],
        )
        .await;
    assert_eq!(on.status(), 200);
    assert!(
        read_page(&app).await.contains("Comment on this draft"),
        "the public page links to the form once comments are on"
    );
    let page = discussion(&app, &public, &p, 1).await;
    assert!(page.may.comment_publicly);
    assert_eq!(
        page.version, 2,
        "the public comments on the published version"
    );
    let wrong = send("6".into()).await;
    assert_eq!(
        field_message(wrong, "check_answer").await,
        "That answer is not right. Please try the sum again."
    );
    assert!(HumanCheck::from_seed(7).passes("5"));
    let id = id_of(send("five".into()).await).await;

    let members_see = discussion(&app, &cast.participant, &p, 1).await;
    assert!(
        members_see.threads.iter().all(|t| t.first.id != id),
        "not shown before approval"
    );
    let queue: ModerationPage = app
        .call_with(
            &cast.facilitator,
            "discussion/moderation",
            &[("process_id", &p)],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(queue.queue.len(), 1);
    assert!(queue.queue[0].from_public && queue.queue[0].comment.awaiting_approval);
    let approved = app
        .call_with(
            &cast.facilitator,
            "discussion/moderate",
            &[("comment_id", &id.to_string()), ("action", "approve")],
        )
        .await;
    assert_eq!(approved.status(), 200);
    let members_see = discussion(&app, &cast.participant, &p, 1).await;
    let shown = members_see
        .threads
        .iter()
        .find(|t| t.first.id == id)
        .expect("shown after approval");
    assert_eq!(shown.first.author, "Sam (a member of the public)");

    let trap = app
        .call_with(
            &new_client(),
            "discussion/public-comment",
            &[
                ("process_id", &p),
                ("kind", "definition"),
                ("key", "1"),
                ("body", "spam"),
                ("check_seed", "7"),
                ("check_answer", "5"),
                ("website", "http://spam.example"),
            ],
        )
        .await;
    assert_eq!(trap.status(), 200);
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM comments")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(count, 1, "a bot that fills the trap field stores nothing");
}
on_both_databases!(public_comments, public_comments_wait_for_approval);

async fn one_person_cannot_flood_a_discussion(app: TestApp) {
    let (p, cast) = setup(&app).await;
    for i in 0..20 {
        id_of(
            comment(
                &app,
                &cast.participant,
                &p,
                2,
                &format!("comment {i}"),
                "",
                None,
            )
            .await,
        )
        .await;
    }
    let flood = comment(&app, &cast.participant, &p, 2, "one more", "", None).await;
    assert_eq!(flood.status(), 429);
    let message = error_of(flood).await.to_string();
    assert!(message.contains("please wait"), "{message}");
    let other = comment(&app, &cast.drafter, &p, 2, "someone else", "", None).await;
    assert_eq!(other.status(), 200, "the limit is per person, not per room");
    assert!(matches!(
        error_of(propose(&app, &cast.participant, &p, 2, "new words").await).await,
        AppError::TooManyAttempts(_)
    ));
}
on_both_databases!(rate_limit, one_person_cannot_flood_a_discussion);

/// The page of a long discussion that `extra` asks for (`page` or `comment`), as `client`
/// gets it from the server function.
async fn discussion_at(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    extra: (&str, &str),
) -> reqwest::Response {
    app.call_with(
        client,
        "discussion/section",
        &[
            ("process_id", p),
            ("kind", "definition"),
            ("key", "1"),
            extra,
        ],
    )
    .await
}

/// A section with two pages of comment threads and five more comes a page at a time (25
/// threads), oldest first. A link to one comment (a reply on the last page) opens the page
/// holding it; a page that does not exist is refused, never replaced by another.
async fn a_long_discussion_comes_a_page_at_a_time(app: TestApp) {
    use app::domain::deliberation::moderation::Visibility;
    use app::domain::document::version::VersionNumber;
    use app::domain::document::{DocumentKind, SectionKey};
    use app::store::comments::{NewComment, insert};
    use app::workflows::discussion::pages::THREADS_PER_PAGE as PER_PAGE;
    assert_eq!(PER_PAGE, 25, "what readers are told a page holds");
    let (p, cast) = setup(&app).await;
    let process = app::domain::ProcessId::new(p.parse().expect("a process id"));
    let mut firsts = Vec::new();
    for i in 0..2 * PER_PAGE + 5 {
        let body = format!("Thread number {i}.");
        let new = NewComment {
            process,
            kind: DocumentKind::Definition,
            section: SectionKey::new(1),
            version: VersionNumber::new(2).expect("a version"),
            amendment: None,
            thread: None,
            quote: None,
            body: &body,
            author: None,
            public_name: None,
            visibility: Visibility::Visible,
            said_in_room: false,
        };
        firsts.push(insert(&app.db, new, 0).await.expect("a comment"));
    }
    let reply = id_of(
        comment(
            &app,
            &cast.participant,
            &p,
            2,
            "A reply on the last page.",
            "",
            Some(firsts[2 * PER_PAGE + 2]),
        )
        .await,
    )
    .await;

    let first: SectionDiscussion = discussion(&app, &cast.participant, &p, 1).await;
    assert_eq!(first.threads.len(), PER_PAGE);
    assert_eq!(first.thread_count, 2 * PER_PAGE + 5);
    assert_eq!(
        (first.threads_page.number, first.threads_page.pages),
        (1, 3)
    );
    assert_eq!(first.threads[0].first.id, firsts[0], "oldest first");

    let linked: SectionDiscussion =
        discussion_at(&app, &cast.participant, &p, ("comment", &reply.to_string()))
            .await
            .json()
            .await
            .expect("a discussion page");
    assert_eq!(linked.threads_page.number, 3);
    assert_eq!(linked.threads.len(), 5);
    let thread = linked
        .threads
        .iter()
        .find(|t| t.first.id == firsts[2 * PER_PAGE + 2])
        .expect("the reply's thread is on the page it links to");
    assert_eq!(thread.replies.len(), 1);
    let early: SectionDiscussion = discussion_at(
        &app,
        &cast.participant,
        &p,
        ("comment", &firsts[3].to_string()),
    )
    .await
    .json()
    .await
    .expect("a discussion page");
    assert_eq!(early.threads_page.number, 1);

    assert_eq!(
        discussion_at(&app, &cast.participant, &p, ("page", "4"))
            .await
            .status(),
        404
    );
    let zero = discussion_at(&app, &cast.participant, &p, ("page", "0")).await;
    assert_eq!(zero.status(), 422);
    assert!(!field_message(zero, "page").await.is_empty());

    // Without JavaScript: the link to the reply lands on page 3, which links back to page 2.
    let html = app
        .page_as(
            &cast.participant,
            &format!(
                "/processes/{p}/documents/definition/sections/1/discussion?comment={reply}#comment-{reply}"
            ),
        )
        .await;
    assert!(
        html.contains(&format!("id=\"comment-{reply}\"")),
        "the reply is on the page"
    );
    assert!(html.contains(&format!("Comments ({})", 2 * PER_PAGE + 5)));
    assert!(
        html.contains("discussion?page=2"),
        "a link to the page before"
    );
    assert!(
        !html.contains("Thread number 0."),
        "page 1's threads are not"
    );
}
on_both_databases!(paging, a_long_discussion_comes_a_page_at_a_time);

/// Who may comment, propose, support, decide, resolve, report, moderate and set public
/// comments, on a draft and on a published version.
async fn every_role_gets_the_answer_the_discussion_rules_give(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let publish = app
        .call(
            "documents/publish",
            &[("process_id", &p), ("kind", "definition"), ("number", "1")],
        )
        .await;
    assert_eq!(publish.status(), 200);
    let thread = id_of(comment(&app, &app.client, &p, 2, "A thread", "", None).await)
        .await
        .to_string();
    let amendment = id_of(propose(&app, &app.client, &p, 2, "Other words").await)
        .await
        .to_string();
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
    let comment_on = |version: &'static str| -> Vec<(&'static str, String)> {
        vec![
            ("process_id", p.clone()),
            ("kind", "definition".into()),
            ("key", "1".into()),
            ("version", version.into()),
            ("body", "Yes".into()),
        ]
    };
    // (endpoint, form, the status each of the eight people gets)
    type Row<'a> = (&'a str, Vec<(&'a str, String)>, [u16; 8]);
    let table: Vec<Row> = vec![
        (
            "discussion/section",
            vec![
                ("process_id", p.clone()),
                ("kind", "definition".into()),
                ("key", "1".into()),
            ],
            [200, 200, 200, 200, 200, 200, 200, 200],
        ),
        (
            "discussion/comment",
            comment_on("2"),
            [401, 403, 200, 200, 200, 200, 200, 200],
        ),
        (
            "discussion/comment",
            comment_on("1"),
            [401, 403, 200, 200, 200, 200, 200, 200],
        ),
        (
            "amendments/propose",
            vec![
                ("process_id", p.clone()),
                ("kind", "definition".into()),
                ("key", "1".into()),
                ("base", "2".into()),
                ("body", "Mine".into()),
                ("reason", "Why".into()),
            ],
            [401, 403, 200, 200, 200, 200, 200, 200],
        ),
        (
            "amendments/support",
            vec![
                ("amendment_id", amendment.clone()),
                ("support", "yes".into()),
            ],
            [401, 403, 200, 200, 200, 200, 200, 200],
        ),
        // Declining without a reason: those allowed get 422 and nothing changes.
        (
            "amendments/decide",
            vec![
                ("amendment_id", amendment.clone()),
                ("verdict", "decline".into()),
                ("reason", "".into()),
            ],
            [401, 403, 403, 422, 422, 403, 422, 422],
        ),
        (
            "discussion/amendment",
            vec![("amendment_id", amendment.clone())],
            [401, 403, 200, 200, 200, 200, 200, 200],
        ),
        (
            "discussion/resolve",
            vec![("thread_id", thread.clone()), ("note", "Done".into())],
            [401, 403, 403, 200, 200, 403, 200, 200],
        ),
        (
            "discussion/report",
            vec![("comment_id", thread.clone()), ("reason", "Check".into())],
            [401, 403, 200, 200, 200, 200, 200, 200],
        ),
        // Hiding without a reason: those allowed get 422 and nothing changes.
        (
            "discussion/moderate",
            vec![("comment_id", thread.clone()), ("action", "hide".into())],
            [401, 403, 403, 403, 422, 403, 422, 422],
        ),
        (
            "discussion/moderation",
            vec![("process_id", p.clone())],
            [401, 403, 403, 403, 200, 403, 200, 200],
        ),
        (
            "processes/public-comments",
            vec![("process_id", p.clone()), ("public_comments", "off".into())],
            [401, 403, 403, 403, 403, 403, 200, 200],
        ),
        (
            "discussion/public-comment",
            vec![
                ("process_id", p.clone()),
                ("kind", "definition".into()),
                ("key", "1".into()),
                ("body", "Hi".into()),
                ("check_seed", "0".into()),
                ("check_answer", "2".into()),
            ],
            [403, 403, 403, 403, 403, 403, 403, 403],
        ),
    ];
    let mut wrong = Vec::new();
    for (endpoint, form, expected) in &table {
        let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        for ((who, client), want) in people.iter().zip(expected) {
            let got = app
                .call_with(client, endpoint, &form)
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
on_both_databases!(
    permission_table,
    every_role_gets_the_answer_the_discussion_rules_give
);
