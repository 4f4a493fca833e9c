//! Secret means secret, tested as the attacks that worked before: reading a lone voter's
//! choice from a small constituency's column, watching the projector's running tally during
//! a secret vote, linking one person's record entries across decisions, and a live screen
//! that kept someone's name (or kept serving them) after they withdrew, signed out or were
//! removed. Open votes, beside them, still show everything.

use std::time::Duration;

use app::domain::decision::disclosure::Group;
use app::views::workshops::LiveRoom;
use serde_json::Value;

use crate::decisions::{page, verify_record, vote};
use crate::discussion::setup;
use crate::harness::{TestApp, field_message, new_client};
use crate::on_both_databases;
use crate::permissions::Cast;
use crate::workshops::{
    add_step, code_of, create, join_as_guest, move_room, next_frame, room, stream,
};

/// The secrecy threshold every process starts with.
const K: u64 = 3;

/// A workshop whose first step is a quick vote (secret or not), the room at it; returns the
/// workshop and the vote's decision.
async fn workshop_vote(app: &TestApp, cast: &Cast, p: &str, secret: bool) -> (String, String) {
    let w = create(app, cast, p).await;
    let mut step = vec![
        ("title", "The name"),
        ("kind", "vote"),
        ("question", "Keep the name?"),
    ];
    if secret {
        step.push(("secret", "yes"));
    }
    let r = add_step(app, cast, &w, &step).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    assert_eq!(
        move_room(app, cast, &w, "next", "gathering").await.status(),
        200
    );
    let d = room(app, &cast.facilitator, &w)
        .await
        .step
        .and_then(|s| s.vote)
        .expect("the step's vote")
        .decision
        .to_string();
    (w, d)
}

/// One guest in each of `constituencies` votes `answers` in turn.
async fn guests_vote(app: &TestApp, w: &str, d: &str, voters: &[(&str, &str, &str)]) {
    let code = code_of(app, w).await;
    for (name, constituency, answer) in voters {
        let guest = join_as_guest(app, &code, name, constituency).await;
        let r = vote(
            app,
            &guest,
            d,
            &[("answer", answer), ("reason", "Not yet.")],
        )
        .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    }
}

async fn close(app: &TestApp, cast: &Cast, d: &str) {
    let r = app
        .call_with(&cast.facilitator, "decisions/close", &[("decision_id", d)])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
}

/// Every count in a JSON document: the `ballots` of each object that also has a `count`
/// (a tally: overall, per group, in the record's closing entry).
fn tallies_in(json: &Value, out: &mut Vec<u64>) {
    match json {
        Value::Object(fields) => {
            if let (Some(ballots), true) = (
                fields.get("ballots").and_then(Value::as_u64),
                fields.contains_key("count"),
            ) {
                out.push(ballots);
            }
            fields.values().for_each(|v| tallies_in(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| tallies_in(v, out)),
        _ => {}
    }
}

/// Every group size a results page shows: table headings "… (4 voting)" and chart labels
/// "… (4)</text>".
fn group_sizes_in(html: &str) -> Vec<u64> {
    let number_before = |end: usize| {
        let digits: String = html[..end]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .chars()
            .rev()
            .collect();
        digits.parse::<u64>().ok()
    };
    let mut sizes = Vec::new();
    for marker in [" voting)", ")</text>"] {
        sizes.extend(
            html.match_indices(marker)
                .filter_map(|(at, _)| number_before(at)),
        );
    }
    sizes
}

async fn text(client: &reqwest::Client, url: String) -> String {
    let r = client.get(url).send().await.unwrap();
    assert_eq!(r.status(), 200);
    r.text().await.unwrap()
}

async fn json_of(r: reqwest::Response) -> Value {
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// The projector's first frame on a freshly opened stream, as JSON.
async fn fresh_room_frame(app: &TestApp, client: &reqwest::Client, w: &str) -> Value {
    let mut s = stream(client, &app.base, w, "room").await;
    assert_eq!(s.status(), 200);
    next_frame(&mut s, &mut String::new(), Duration::from_secs(5))
        .await
        .expect("a frame")
}

async fn a_secret_vote_shows_no_figure_from_fewer_than_k_ballots(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let (w, d) = workshop_vote(&app, &cast, &p, true).await;
    // One voter in each of four constituencies.
    guests_vote(
        &app,
        &w,
        &d,
        &[
            ("Ash", "lived_experience", "agree"),
            ("Bo", "family_or_carer", "object"),
            ("Cy", "peer_supporter", "agree"),
            ("Di", "other", "reservations"),
        ],
    )
    .await;

    // A show of hands is not secret: refused for this vote.
    let hands = app
        .call_with(
            &cast.facilitator,
            "workshops/hands",
            &[
                ("workshop_id", &w),
                ("decision_id", &d),
                ("constituency", "lived_experience"),
                ("hands[0]", "3"),
                ("hands[1]", "0"),
                ("hands[2]", "0"),
                ("hands[3]", "0"),
            ],
        )
        .await;
    assert!(field_message(hands, "hands").await.contains("secret"));

    // While it runs: how many, not how.
    let live = room(&app, &cast.facilitator, &w)
        .await
        .step
        .unwrap()
        .vote
        .unwrap();
    assert_eq!(live.voters, Some(4));
    assert!(live.overall.is_none() && live.groups.is_none(), "{live:?}");
    let mut counts = Vec::new();
    tallies_in(
        &fresh_room_frame(&app, &cast.facilitator, &w).await,
        &mut counts,
    );
    assert!(
        counts.is_empty(),
        "no running tally on the projector: {counts:?}"
    );
    assert!(page(&app, &cast.facilitator, &d).await.results.is_none());
    let record = json_of(
        new_client()
            .get(app.url(&format!("/processes/{p}/decisions/{d}/record.json")))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(record["entries_withheld_until_close"], true);
    assert_eq!(record["entries"].as_array().map(Vec::len), Some(0));

    close(&app, &cast, &d).await;

    // Every page, export and frame, for the public and for the facilitator.
    let mut counts = Vec::new();
    let mut sizes = Vec::new();
    for client in [&new_client(), &cast.facilitator] {
        let decision_page = app
            .call_with(client, "decisions/page", &[("decision_id", &d)])
            .await;
        tallies_in(&json_of(decision_page).await, &mut counts);
        let html = text(client, app.url(&format!("/processes/{p}/decisions/{d}"))).await;
        assert!(
            html.contains("too few voters to be shown on its own"),
            "the page says why it shows everyone only"
        );
        sizes.extend(group_sizes_in(&html));
        let record = text(
            client,
            app.url(&format!("/processes/{p}/decisions/{d}/record.json")),
        )
        .await;
        tallies_in(&serde_json::from_str(&record).unwrap(), &mut counts);
        let csv = text(
            client,
            app.url(&format!("/processes/{p}/decisions/{d}/record.csv")),
        )
        .await;
        assert!(csv.contains("4 ballots (secret)"), "{csv}");
    }
    let frame = app
        .call_with(&cast.facilitator, "workshops/room", &[("workshop_id", &w)])
        .await;
    tallies_in(&json_of(frame).await, &mut counts);
    tallies_in(
        &fresh_room_frame(&app, &cast.facilitator, &w).await,
        &mut counts,
    );
    for screen in ["projector", "summary", "console"] {
        let html = text(
            &cast.facilitator,
            app.url(&format!("/workshops/{w}/{screen}")),
        )
        .await;
        sizes.extend(group_sizes_in(&html));
    }
    assert!(
        !counts.is_empty() && !sizes.is_empty(),
        "the scan saw results"
    );
    assert!(
        counts.iter().chain(&sizes).all(|n| *n >= K),
        "a figure from fewer than {K} ballots: counts {counts:?}, group sizes {sizes:?}"
    );

    // What is shown: the four merged, adding up to the whole.
    let shown = page(&app, &new_client(), &d).await.results.unwrap();
    assert_eq!(shown.took_part, 4);
    assert_eq!(shown.overall.as_ref().map(|t| t.ballots), Some(4));
    assert!(
        matches!(shown.groups.as_slice(), [(Group::Others(merged), t)] if merged.len() == 4 && t.ballots == 4),
        "{:?}",
        shown.groups
    );
}
on_both_databases!(
    secret_scan,
    a_secret_vote_shows_no_figure_from_fewer_than_k_ballots
);

async fn too_few_secret_voters_show_only_the_outcome_and_how_many(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let (w, d) = workshop_vote(&app, &cast, &p, true).await;
    guests_vote(
        &app,
        &w,
        &d,
        &[
            ("Percy", "family_or_carer", "agree"),
            ("Pat", "peer_supporter", "object"),
        ],
    )
    .await;
    close(&app, &cast, &d).await;
    let shown = page(&app, &new_client(), &d).await.results.unwrap();
    assert_eq!(
        (shown.took_part, shown.overall, shown.groups.len()),
        (2, None, 0)
    );
    assert!(
        shown.outcome.checks.is_empty(),
        "the rule's parts carry figures"
    );
    assert!(
        shown
            .withheld
            .unwrap()
            .contains("fewer than 3 people voted")
    );
    let html = text(
        &new_client(),
        app.url(&format!("/processes/{p}/decisions/{d}")),
    )
    .await;
    assert!(html.contains("fewer than 3 people voted"));
    assert!(group_sizes_in(&html).is_empty(), "no table, no chart");
    let frame = room(&app, &cast.facilitator, &w)
        .await
        .step
        .unwrap()
        .vote
        .unwrap();
    assert!(frame.overall.is_none() && frame.withheld.is_some());
}
on_both_databases!(
    secret_few,
    too_few_secret_voters_show_only_the_outcome_and_how_many
);

async fn an_open_vote_still_shows_every_constituency_as_it_runs(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let (w, d) = workshop_vote(&app, &cast, &p, false).await;
    guests_vote(
        &app,
        &w,
        &d,
        &[
            ("Ash", "lived_experience", "agree"),
            ("Bo", "family_or_carer", "object"),
        ],
    )
    .await;
    let live = room(&app, &cast.facilitator, &w)
        .await
        .step
        .unwrap()
        .vote
        .unwrap();
    let groups = live.groups.expect("a running tally for an open vote");
    assert_eq!(groups.len(), 2);
    assert!(
        groups
            .iter()
            .all(|(g, t)| matches!(g, Group::One(_)) && t.ballots == 1)
    );
    close(&app, &cast, &d).await;
    let shown = page(&app, &new_client(), &d).await.results.unwrap();
    assert_eq!(shown.groups.len(), 2);
    assert_eq!(shown.withheld, None);
}
on_both_databases!(
    open_breakdown,
    an_open_vote_still_shows_every_constituency_as_it_runs
);

async fn one_persons_record_entries_cannot_be_linked_across_decisions(app: TestApp) {
    let (p, cast) = setup(&app).await;
    for (client, name) in [
        (&cast.participant, "Zed Zephyr"),
        (&cast.drafter, "Ann Abbott"),
    ] {
        crate::decisions::declare(&app, client, &p, "lived_experience").await;
        let r = app
            .call_with(
                client,
                "me/appearance",
                &[
                    ("appearance", "full_name"),
                    ("full_name", name),
                    ("pseudonym", ""),
                ],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    }
    let mut first_voter = Vec::new();
    for question in ["First question?", "Second question?"] {
        let r = app
            .call_with(
                &cast.facilitator,
                "decisions/open",
                &[
                    ("process_id", &p),
                    ("question", question),
                    ("method", "consent"),
                    ("threshold", "majority"),
                    ("lived_experience", "yes"),
                    ("secret", "yes"),
                ],
            )
            .await;
        let d = crate::discussion::id_of(r).await.to_string();
        // Zed votes first, then Ann, then Zed changes his mind.
        vote(&app, &cast.participant, &d, &[("answer", "agree")]).await;
        vote(&app, &cast.drafter, &d, &[("answer", "agree")]).await;
        let changed = vote(
            &app,
            &cast.participant,
            &d,
            &[("answer", "object"), ("reason", "Not yet.")],
        )
        .await;
        assert_eq!(changed.status(), 200);
        let seen = page(&app, &cast.facilitator, &d).await;
        assert_eq!(
            seen.took_part,
            ["Ann Abbott", "Zed Zephyr"],
            "by name, not in the order the record shows"
        );
        close(&app, &cast, &d).await;
        let record: Value = new_client()
            .get(app.url(&format!("/processes/{p}/decisions/{d}/record.json")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let voters: Vec<String> = record["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["event"]["BallotCast"]["participant"].as_str())
            .map(str::to_string)
            .collect();
        assert_eq!(voters.len(), 3, "{record}");
        assert_eq!(
            voters[0], voters[2],
            "one person within one decision: the recount needs it"
        );
        assert_ne!(voters[0], voters[1]);
        first_voter.push(voters[0].clone());
    }
    assert_ne!(
        first_voter[0], first_voter[1],
        "Zed's entries in two decisions share no pseudonym"
    );
    assert!(verify_record(&app).status.success());
}
on_both_databases!(
    pseudonyms,
    one_persons_record_entries_cannot_be_linked_across_decisions
);

async fn set_threshold(
    app: &TestApp,
    client: &reqwest::Client,
    p: &str,
    k: &str,
) -> reqwest::Response {
    app.call_with(
        client,
        "processes/secrecy",
        &[("process_id", p), ("secrecy_threshold", k)],
    )
    .await
}

async fn each_decision_keeps_the_secrecy_threshold_in_force_when_it_opened(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let (w_before, before) = workshop_vote(&app, &cast, &p, true).await;
    // A group of one gives its member away; a malformed number is refused, never defaulted.
    for bad in ["1", "0", "", "three", "2.5", "-3", "51"] {
        let r = set_threshold(&app, &cast.process_admin, &p, bad).await;
        assert!(!r.status().is_success(), "{bad:?}");
        let message = field_message(r, "secrecy_threshold").await;
        assert!(
            message.contains("2 to 50") || message.contains("whole number"),
            "{bad:?}: {message}"
        );
    }
    assert_eq!(
        set_threshold(&app, &cast.facilitator, &p, "2")
            .await
            .status(),
        403,
        "a facilitator may not lower it"
    );
    let r = set_threshold(&app, &cast.process_admin, &p, "5").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.json::<u32>().await.unwrap(), 5);

    let (w_after, after) = workshop_vote(&app, &cast, &p, true).await;
    let warning = page(&app, &cast.facilitator, &after)
        .await
        .guessable
        .expect("warned before voting");
    assert!(
        warning.starts_with("Fewer than 5 people can vote"),
        "{warning}"
    );
    let four = [
        ("Ash", "lived_experience", "agree"),
        ("Bo", "lived_experience", "agree"),
        ("Cy", "lived_experience", "object"),
        ("Di", "lived_experience", "agree"),
    ];
    guests_vote(&app, &w_before, &before, &four).await;
    guests_vote(&app, &w_after, &after, &four).await;
    close(&app, &cast, &before).await;
    close(&app, &cast, &after).await;
    let shown = page(&app, &new_client(), &before).await.results.unwrap();
    assert_eq!(
        shown.overall.map(|t| t.ballots),
        Some(4),
        "opened under 3: four voters are shown"
    );
    let shown = page(&app, &new_client(), &after).await.results.unwrap();
    assert_eq!(
        (shown.overall, shown.took_part),
        (None, 4),
        "opened under 5"
    );
}
on_both_databases!(
    threshold_setting,
    each_decision_keeps_the_secrecy_threshold_in_force_when_it_opened
);

/// Reads `stream` until it ends; `false` if it is still open after `wait`.
async fn ends_within(stream: &mut reqwest::Response, wait: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        match tokio::time::timeout_at(deadline, stream.chunk()).await {
            Err(_) => return false,
            Ok(Ok(Some(_))) => continue,
            Ok(_) => return true,
        }
    }
}

async fn live_screens_follow_withdrawal_sign_out_and_removal(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let w = create(&app, &cast, &p).await;
    add_step(
        &app,
        &cast,
        &w,
        &[
            ("title", "Thoughts?"),
            ("kind", "comments"),
            ("section", "definition:1"),
        ],
    )
    .await;
    move_room(&app, &cast, &w, "next", "gathering").await;
    for (client, name, body) in [
        (
            &cast.participant,
            "Percy Plainview",
            "Say what recovery means here.",
        ),
        (&cast.drafter, "Dee Drafter", "Name the local services."),
    ] {
        app.call_with(
            client,
            "me/appearance",
            &[
                ("appearance", "full_name"),
                ("full_name", name),
                ("pseudonym", ""),
            ],
        )
        .await;
        let r = app
            .call_with(
                client,
                "workshops/comment",
                &[("workshop_id", &w), ("body", body)],
            )
            .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    }
    let guest = join_as_guest(&app, &code_of(&app, &w).await, "Kit", "lived_experience").await;

    let mut projector = stream(&cast.facilitator, &app.base, &w, "room").await;
    let mut buffer = String::new();
    let first: LiveRoom = next_frame(&mut projector, &mut buffer, Duration::from_secs(5))
        .await
        .unwrap();
    let names = |room: &LiveRoom| -> Vec<String> {
        room.step
            .iter()
            .flat_map(|s| s.comments.iter().map(|c| c.who.clone()))
            .collect()
    };
    assert!(names(&first).contains(&"Percy Plainview".to_string()));
    let mut percy = stream(&cast.participant, &app.base, &w, "step").await;
    let mut commissioner = stream(&cast.commissioner, &app.base, &w, "room").await;
    let mut kit = stream(&guest, &app.base, &w, "step").await;
    for s in [&percy, &commissioner, &kit] {
        assert_eq!(s.status(), 200);
    }

    // Percy withdraws: his stream ends, his name leaves the open projector and every new one.
    let r = app
        .call_with(&cast.participant, "me/withdraw", &[("confirm", "yes")])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    assert!(
        ends_within(&mut percy, Duration::from_secs(5)).await,
        "his own stream ends"
    );
    let fresh: LiveRoom =
        serde_json::from_value(fresh_room_frame(&app, &cast.facilitator, &w).await).unwrap();
    assert!(
        !names(&fresh).contains(&"Percy Plainview".to_string()),
        "{:?}",
        names(&fresh)
    );
    let rebuilt: LiveRoom = next_frame(&mut projector, &mut buffer, Duration::from_secs(5))
        .await
        .expect("the open projector is sent the room without his name");
    assert!(!names(&rebuilt).contains(&"Percy Plainview".to_string()));

    // Dee chooses to appear by constituency only: new screens show her so.
    app.call_with(
        &cast.drafter,
        "me/appearance",
        &[
            ("appearance", "constituency_only"),
            ("full_name", ""),
            ("pseudonym", ""),
        ],
    )
    .await;
    let fresh: LiveRoom =
        serde_json::from_value(fresh_room_frame(&app, &cast.facilitator, &w).await).unwrap();
    assert!(
        !names(&fresh).contains(&"Dee Drafter".to_string()),
        "{:?}",
        names(&fresh)
    );

    // Signing out everywhere ends the commissioner's stream; removing Kit ends Kit's.
    let r = app
        .call_with(&cast.commissioner, "session/sign-out-everywhere", &[])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    assert!(ends_within(&mut commissioner, Duration::from_secs(5)).await);
    let kit_id: i64 = sqlx::query_scalar("SELECT MAX(person_id) FROM workshop_attendance")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    let r = app
        .call_with(
            &cast.facilitator,
            "workshops/remove-guest",
            &[("workshop_id", &w), ("person_id", &kit_id.to_string())],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    assert!(ends_within(&mut kit, Duration::from_secs(5)).await);

    // The facilitator, who did none of these, keeps following.
    assert!(!ends_within(&mut projector, Duration::from_millis(300)).await);
}
on_both_databases!(
    live_consent,
    live_screens_follow_withdrawal_sign_out_and_removal
);

/// SQLite: after a withdrawal neither the database file nor its write-ahead log holds the
/// person's email or name.
#[tokio::test]
async fn sqlite_a_withdrawal_leaves_no_copy_in_the_database_files() {
    let app = crate::harness::spawn_app(crate::harness::Backend::Sqlite).await;
    let client = new_client();
    let pass = "a long enough passphrase";
    let r = app
        .call_with(
            &client,
            "accounts/sign-up",
            &[
                ("email", "percy.plainview@example.org"),
                ("password", pass),
                ("password_again", pass),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    app.call_with(
        &client,
        "me/appearance",
        &[
            ("appearance", "full_name"),
            ("full_name", "Percy Plainview"),
            ("pseudonym", ""),
        ],
    )
    .await;
    let path = app
        .settings
        .database_url
        .trim_start_matches("sqlite://")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let files = || {
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.extend(std::fs::read(format!("{path}-wal")).unwrap_or_default());
        bytes
    };
    let holds =
        |bytes: &[u8], needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    let before = files();
    assert!(
        holds(&before, "percy.plainview@example.org") && holds(&before, "Percy Plainview"),
        "the scan can see them before"
    );
    let r = app
        .call_with(&client, "me/withdraw", &[("confirm", "yes")])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let after = files();
    for needle in ["percy.plainview@example.org", "Percy Plainview"] {
        assert!(!holds(&after, needle), "{needle} is still on disk");
    }
}

/// Closing a workshop's vote from its console keeps the facilitator on the console, with or
/// without JavaScript; from anywhere else it shows the decision's count.
async fn closing_a_vote_from_the_console_stays_on_the_console(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let (w, d) = workshop_vote(&app, &cast, &p, false).await;
    let console = format!("/workshops/{w}/console");
    let plain = cast
        .facilitator
        .post(app.url("/api/decisions/close"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .header("Referer", app.url(&console))
        .header("Origin", app.base.clone())
        .body(format!("decision_id={d}&in_workshop={w}"))
        .send()
        .await
        .unwrap();
    assert!(plain.status().is_redirection(), "{}", plain.status());
    let to = plain.headers()["location"].to_str().unwrap().to_string();
    assert!(to.ends_with(&console), "back to the console, not {to}");

    // Another vote, closed from its own page, shows its count; a workshop it was not opened
    // in is not a way to send anyone elsewhere.
    let (_, other) = workshop_vote(&app, &cast, &p, false).await;
    let from_page = cast
        .facilitator
        .post(app.url("/api/decisions/close"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html")
        .header("Origin", app.base.clone())
        .body(format!("decision_id={other}&in_workshop={w}"))
        .send()
        .await
        .unwrap();
    let to = from_page.headers()["location"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(to.contains(&format!("/decisions/{other}")), "{to}");
}
on_both_databases!(
    close_from_console,
    closing_a_vote_from_the_console_stays_on_the_console
);
