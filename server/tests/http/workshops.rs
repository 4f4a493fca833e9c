//! Live workshops over HTTP: a facilitator sets one up and moves the room; people join by
//! code as themselves, with a card or as guests; comments from phones and said aloud; a vote
//! with a show of hands that the count and the record carry; the live stream of frames; and
//! an update made on one server process reaching a screen connected to another.

use std::time::Duration;

use app::domain::Constituency;
use app::domain::decision::disclosure::Group;
use app::domain::decision::replay::Recount;
use app::domain::workshop::agenda::Position;
use app::views::workshops::LiveRoom;
use app::views::workshops::LiveStep;

use crate::decisions::{page, vote};
use crate::discussion::{id_of, setup};
use crate::harness::{TestApp, error_of, field_message, new_client};
use crate::on_both_databases;
use crate::permissions::Cast;

pub(crate) async fn create(app: &TestApp, cast: &Cast, p: &str) -> String {
    let r = app
        .call_with(
            &cast.facilitator,
            "workshops/create",
            &[("process_id", p), ("title", "Tuesday group")],
        )
        .await;
    id_of(r).await.to_string()
}

pub(crate) async fn add_step(
    app: &TestApp,
    cast: &Cast,
    w: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let mut all = vec![("workshop_id", w)];
    all.extend_from_slice(form);
    app.call_with(&cast.facilitator, "workshops/add-step", &all)
        .await
}

pub(crate) async fn room(app: &TestApp, client: &reqwest::Client, w: &str) -> LiveRoom {
    let r = app
        .call_with(client, "workshops/room", &[("workshop_id", w)])
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    r.json().await.unwrap()
}

pub(crate) async fn move_room(
    app: &TestApp,
    cast: &Cast,
    w: &str,
    to: &str,
    from: &str,
) -> reqwest::Response {
    app.call_with(
        &cast.facilitator,
        "workshops/move",
        &[("workshop_id", w), ("to", to), ("from", from)],
    )
    .await
}

pub(crate) async fn code_of(app: &TestApp, w: &str) -> String {
    sqlx::query_scalar("SELECT join_code FROM workshops WHERE id = $1")
        .bind(w.parse::<i64>().unwrap())
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

pub(crate) async fn join_as_guest(
    app: &TestApp,
    code: &str,
    name: &str,
    constituency: &str,
) -> reqwest::Client {
    let guest = new_client();
    let r = app
        .call_with(
            &guest,
            "workshops/join",
            &[
                ("code", code),
                ("how", "guest"),
                ("name", name),
                ("constituency", constituency),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    guest
}

async fn a_workshop_runs_from_joining_to_a_counted_vote(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let refused = app
        .call_with(
            &cast.participant,
            "workshops/create",
            &[("process_id", &p), ("title", "Mine")],
        )
        .await;
    assert_eq!(refused.status(), 403);
    let w = create(&app, &cast, &p).await;
    for (title, kind, extra) in [
        (
            "Read the first section",
            "read",
            ("section", "definition:1"),
        ),
        (
            "What do you think?",
            "comments",
            ("section", "definition:1"),
        ),
        (
            "Do we agree with it?",
            "vote",
            ("question", "Do we agree with the first section?"),
        ),
    ] {
        let r = add_step(&app, &cast, &w, &[("title", title), ("kind", kind), extra]).await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    }
    let no_section = add_step(&app, &cast, &w, &[("title", "Read"), ("kind", "read")]).await;
    assert!(
        field_message(no_section, "section")
            .await
            .contains("choose a section")
    );
    let console = app
        .call_with(
            &cast.facilitator,
            "workshops/console",
            &[("workshop_id", &w)],
        )
        .await;
    assert_eq!(console.status(), 200);
    let console: app::views::workshops::ConsolePage = console.json().await.unwrap();
    assert!(
        console.join_qr.starts_with("<svg"),
        "a QR code drawn on the server"
    );
    assert_eq!(console.room.step_titles.len(), 3);

    // Joining: a mistyped code, a guest without a name, then a guest, a card and an account.
    let code = code_of(&app, &w).await;
    let wrong = app
        .call_with(
            &new_client(),
            "workshops/join",
            &[("code", "ZZZZZZ"), ("how", "guest")],
        )
        .await;
    assert!(
        field_message(wrong, "code")
            .await
            .contains("No workshop has that code")
    );
    let nameless = app
        .call_with(
            &new_client(),
            "workshops/join",
            &[
                ("code", &code.to_lowercase()),
                ("how", "guest"),
                ("name", " "),
                ("constituency", "lived_experience"),
            ],
        )
        .await;
    assert_eq!(nameless.status(), 422);
    let guest = join_as_guest(&app, &code, "Sam", "lived_experience").await;
    let batch = app.make_codes(p.parse().unwrap(), 1).await;
    let card_holder = new_client();
    let r = app
        .call_with(
            &card_holder,
            "workshops/join",
            &[
                ("code", &code),
                ("how", "card"),
                ("card", batch.unused[0].as_str()),
            ],
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let r = app
        .call_with(&cast.participant, "workshops/join", &[("code", &code)])
        .await;
    assert_eq!(r.status(), 200);
    let gathered = room(&app, &guest, &w).await;
    assert_eq!(gathered.position, Position::Gathering);
    let joined: u32 = gathered.joined.iter().map(|(_, n)| n).sum();
    assert_eq!(joined, 3);
    assert!(
        gathered
            .joined
            .contains(&(Constituency::LivedExperience, 1))
    );
    assert_eq!(
        app.call_with(&new_client(), "workshops/room", &[("workshop_id", &w)])
            .await
            .status(),
        401,
        "the room is for people taking part"
    );

    // The room moves; two facilitators pressing "next" at once move it one step.
    assert_eq!(
        move_room(&app, &cast, &w, "next", "gathering")
            .await
            .status(),
        200
    );
    let again = move_room(&app, &cast, &w, "next", "gathering").await;
    assert_eq!(again.status(), 409);
    assert!(error_of(again).await.to_string().contains("moved the room"));
    let step: LiveStep = app
        .call_with(&guest, "workshops/step", &[("workshop_id", &w)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!((step.number, step.of), (1, 3));
    assert!(step.html.unwrap().contains("quicker routes"));

    // Comments: not yet (the room is reading), then from a phone and said aloud.
    let early = app
        .call_with(
            &guest,
            "workshops/comment",
            &[("workshop_id", &w), ("body", "Too early")],
        )
        .await;
    assert_eq!(early.status(), 409);
    assert_eq!(move_room(&app, &cast, &w, "next", "1").await.status(), 200);
    let sent = app
        .call_with(
            &guest,
            "workshops/comment",
            &[("workshop_id", &w), ("body", "Say **housing**.")],
        )
        .await;
    assert_eq!(
        sent.status(),
        200,
        "{}",
        sent.text().await.unwrap_or_default()
    );
    let said = app
        .call_with(
            &cast.facilitator,
            "workshops/said",
            &[("workshop_id", &w), ("body", "Add peer mentors.")],
        )
        .await;
    assert_eq!(said.status(), 200);
    let seen = room(&app, &cast.participant, &w).await.step.unwrap();
    let who: Vec<&str> = seen.comments.iter().map(|c| c.who.as_str()).collect();
    assert_eq!(who, ["Said in the room", "Sam"], "newest first");
    assert!(seen.comments[1].html.contains("<strong>housing</strong>"));

    // The vote: phones and a show of hands.
    assert_eq!(move_room(&app, &cast, &w, "3", "2").await.status(), 200);
    let at_vote = room(&app, &cast.facilitator, &w).await.step.unwrap();
    let decision = at_vote.vote.unwrap().decision.to_string();
    let ballot = vote(
        &app,
        &guest,
        &decision,
        &[("answer", "agree"), ("workshop_id", &w)],
    )
    .await;
    assert_eq!(ballot.status(), 200);
    let hands = |counts: [&'static str; 4]| {
        let (app, cast, w, d) = (&app, &cast, w.clone(), decision.clone());
        async move {
            app.call_with(
                &cast.facilitator,
                "workshops/hands",
                &[
                    ("workshop_id", w.as_str()),
                    ("decision_id", d.as_str()),
                    ("hands[0]", counts[0]),
                    ("hands[1]", counts[1]),
                    ("hands[2]", counts[2]),
                    ("hands[3]", counts[3]),
                    ("constituency", "lived_experience"),
                ],
            )
            .await
        }
    };
    assert!(
        field_message(hands(["0", "0", "0", "0"]).await, "hands")
            .await
            .contains("at least one")
    );
    let room_size = app
        .call_with(
            &cast.facilitator,
            "workshops/room-size",
            &[("workshop_id", &w), ("people", "20")],
        )
        .await;
    assert_eq!(room_size.status(), 200);
    let counted = hands(["12", "0", "3", "0"]).await;
    assert_eq!(counted.status(), 200);
    let tally = room(&app, &cast.facilitator, &w)
        .await
        .step
        .unwrap()
        .vote
        .unwrap();
    assert_eq!(tally.voters, Some(16));
    let lived = tally
        .groups
        .unwrap()
        .into_iter()
        .find(|(g, _)| *g == Group::One(Constituency::LivedExperience))
        .unwrap();
    assert_eq!(
        lived.1.ballots, 16,
        "the guest and the hands, all lived experience"
    );
    let phone: LiveStep = app
        .call_with(&guest, "workshops/step", &[("workshop_id", &w)])
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        phone.vote.unwrap().voters,
        None,
        "phones are not sent the count"
    );

    let closed = app
        .call_with(
            &cast.facilitator,
            "decisions/close",
            &[("decision_id", &decision)],
        )
        .await;
    assert_eq!(closed.status(), 200);
    let result = page(&app, &cast.participant, &decision).await;
    assert_eq!(result.ballots, 16);
    assert_eq!(
        result.recount,
        Recount::Matches,
        "the hands are in the record"
    );
    assert!(
        result
            .took_part
            .iter()
            .any(|t| t.contains("15 people by a show of hands"))
    );
    assert_eq!(
        hands(["1", "0", "0", "0"]).await.status(),
        409,
        "no hands after the close"
    );

    // Finishing cannot be undone: it is refused unless asked for twice.
    let once = move_room(&app, &cast, &w, "finish", "3").await;
    assert_eq!(once.status(), 422);
    assert!(
        crate::harness::field_message(once, "finish_for_good")
            .await
            .contains("cannot be undone")
    );
    let twice = app
        .call_with(
            &cast.facilitator,
            "workshops/move",
            &[
                ("workshop_id", &w),
                ("to", "finish"),
                ("from", "3"),
                ("finish_for_good", "yes"),
            ],
        )
        .await;
    assert_eq!(twice.status(), 200);
    let late = app
        .call_with(
            &new_client(),
            "workshops/join",
            &[
                ("code", &code),
                ("how", "guest"),
                ("name", "Jo"),
                ("constituency", "other"),
            ],
        )
        .await;
    assert_eq!(late.status(), 409);
}
on_both_databases!(
    workshop_flow,
    a_workshop_runs_from_joining_to_a_counted_vote
);

/// Reads Server-Sent Events from `response` until one is a frame, or `wait` passes.
pub(crate) async fn next_frame<T: serde::de::DeserializeOwned>(
    response: &mut reqwest::Response,
    buffer: &mut String,
    wait: Duration,
) -> Option<T> {
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            if event.lines().any(|l| l == "event: frame") {
                let data: String = event
                    .lines()
                    .filter_map(|l| l.strip_prefix("data: ").or_else(|| l.strip_prefix("data:")))
                    .collect::<Vec<_>>()
                    .join("\n");
                return serde_json::from_str(&data).ok();
            }
        }
        let chunk = tokio::time::timeout_at(deadline, response.chunk())
            .await
            .ok()?
            .ok()??;
        buffer.push_str(&String::from_utf8_lossy(&chunk));
    }
}

pub(crate) async fn stream(
    client: &reqwest::Client,
    base: &str,
    w: &str,
    view: &str,
) -> reqwest::Response {
    client
        .get(format!("{base}/workshops/{w}/live?view={view}"))
        .send()
        .await
        .unwrap()
}

async fn the_live_stream_starts_with_the_room_and_follows_every_change(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let w = create(&app, &cast, &p).await;
    add_step(
        &app,
        &cast,
        &w,
        &[
            ("title", "Agree?"),
            ("kind", "vote"),
            ("question", "Agree?"),
        ],
    )
    .await;
    let code = code_of(&app, &w).await;
    let guest = join_as_guest(&app, &code, "Ash", "family_or_carer").await;

    assert_eq!(
        stream(&new_client(), &app.base, &w, "room").await.status(),
        401
    );
    let outsider = stream(&cast.outsider, &app.base, &w, "room").await;
    assert_eq!(outsider.status(), 403);

    let mut projector = stream(&cast.facilitator, &app.base, &w, "room").await;
    assert_eq!(projector.status(), 200);
    assert!(
        projector.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let mut phone = stream(&guest, &app.base, &w, "step").await;
    let (mut pb, mut fb) = (String::new(), String::new());
    let first: LiveRoom = next_frame(&mut projector, &mut pb, Duration::from_secs(5))
        .await
        .expect("the room at once");
    assert_eq!(first.position, Position::Gathering);
    let first_step: LiveStep = next_frame(&mut phone, &mut fb, Duration::from_secs(5))
        .await
        .expect("the step at once");
    assert_eq!(first_step.position, Position::Gathering);

    assert_eq!(
        move_room(&app, &cast, &w, "next", "gathering")
            .await
            .status(),
        200
    );
    let moved: LiveRoom = next_frame(&mut projector, &mut pb, Duration::from_secs(5))
        .await
        .expect("the move");
    assert_eq!(moved.position, Position::At(0));
    let followed: LiveStep = next_frame(&mut phone, &mut fb, Duration::from_secs(5))
        .await
        .expect("the phone follows");
    assert_eq!(followed.title, "Agree?");
    let decision = followed.vote.unwrap().decision.to_string();

    // A ballot reaches the projector; the phones are not woken by it.
    vote(&app, &guest, &decision, &[("answer", "agree")]).await;
    let counted: LiveRoom = next_frame(&mut projector, &mut pb, Duration::from_secs(5))
        .await
        .expect("the ballot");
    assert_eq!(counted.step.unwrap().vote.unwrap().voters, Some(1));
    assert!(
        next_frame::<LiveStep>(&mut phone, &mut fb, Duration::from_millis(700))
            .await
            .is_none(),
        "a ballot does not change the phones' step"
    );

    // A phone that reconnects starts from the current step.
    drop(phone);
    let mut again = stream(&guest, &app.base, &w, "step").await;
    let mut ab = String::new();
    let caught_up: LiveStep = next_frame(&mut again, &mut ab, Duration::from_secs(5))
        .await
        .expect("caught up");
    assert_eq!(caught_up.position, Position::At(0));
}
on_both_databases!(
    live_stream,
    the_live_stream_starts_with_the_room_and_follows_every_change
);

/// Two server processes on one PostgreSQL database: the room moves on this one, and a
/// projector connected to the other (a separate operating-system process) sees it.
#[tokio::test]
async fn postgres_an_update_on_one_instance_reaches_a_screen_on_another() {
    let app = crate::harness::spawn_app(crate::harness::Backend::Postgres).await;
    let (p, cast) = setup(&app).await;
    let w = create(&app, &cast, &p).await;
    add_step(
        &app,
        &cast,
        &w,
        &[
            ("title", "Read it"),
            ("kind", "read"),
            ("section", "definition:1"),
        ],
    )
    .await;

    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let site_root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site_root.path().join("pkg")).unwrap();
    let mut other = std::process::Command::new(env!("CARGO_BIN_EXE_recovery-commons"))
        .env("DATABASE_URL", &app.settings.database_url)
        .env("LISTEN_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", site_root.path())
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("the second server starts");
    let other_base = format!("http://127.0.0.1:{port}");
    let mut ready = false;
    for _ in 0..100 {
        if let Ok(r) = new_client()
            .get(format!("{other_base}/healthz"))
            .send()
            .await
        {
            ready = r.status().is_success();
            if ready {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(ready, "the second server answers");

    // The facilitator's session works on both: they share the database.
    let mut projector = stream(&cast.facilitator, &other_base, &w, "room").await;
    assert_eq!(projector.status(), 200);
    let mut buffer = String::new();
    let first: LiveRoom = next_frame(&mut projector, &mut buffer, Duration::from_secs(5))
        .await
        .expect("the room");
    assert_eq!(first.position, Position::Gathering);
    assert_eq!(
        move_room(&app, &cast, &w, "next", "gathering")
            .await
            .status(),
        200
    );
    let moved: Option<LiveRoom> =
        next_frame(&mut projector, &mut buffer, Duration::from_secs(5)).await;
    let _ = other.kill();
    let _ = other.wait();
    assert_eq!(
        moved.expect("the move, through LISTEN/NOTIFY").position,
        Position::At(0)
    );
}

/// With "approve comments first", a comment from a phone waits in the moderation queue and
/// reaches the projector only once a facilitator approves it.
async fn comments_wait_for_approval_when_the_facilitator_chose_it(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let r = app
        .call_with(
            &cast.facilitator,
            "workshops/create",
            &[
                ("process_id", &p),
                ("title", "Careful group"),
                ("approve_comments", "yes"),
            ],
        )
        .await;
    let w = id_of(r).await.to_string();
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
    let guest = join_as_guest(&app, &code_of(&app, &w).await, "Kit", "lived_experience").await;
    assert_eq!(
        move_room(&app, &cast, &w, "next", "gathering")
            .await
            .status(),
        200
    );
    let comment = id_of(
        app.call_with(
            &guest,
            "workshops/comment",
            &[("workshop_id", &w), ("body", "Name the local services.")],
        )
        .await,
    )
    .await;
    let waiting = room(&app, &cast.facilitator, &w).await.step.unwrap();
    assert!(
        waiting.comments.is_empty(),
        "not on the projector before approval"
    );
    let approved = app
        .call_with(
            &cast.facilitator,
            "discussion/moderate",
            &[("comment_id", &comment.to_string()), ("action", "approve")],
        )
        .await;
    assert_eq!(
        approved.status(),
        200,
        "{}",
        approved.text().await.unwrap_or_default()
    );
    let shown = room(&app, &cast.facilitator, &w).await.step.unwrap();
    assert_eq!(shown.comments.len(), 1);
    assert_eq!(shown.comments[0].who, "Kit");
}
on_both_databases!(
    approval,
    comments_wait_for_approval_when_the_facilitator_chose_it
);

/// The value of the first `name="…"` attribute in `html`, unescaped.
fn attribute(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!("{name}=\""))? + name.len() + 2;
    let end = start + html[start..].find('"')?;
    Some(
        html[start..end]
            .replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// Whether a page loads the app's JavaScript or WebAssembly.
fn loads_the_app(html: &str) -> bool {
    html.contains(".wasm") || (html.contains("/pkg/") && html.contains(".js"))
}

/// A phone that scans the QR code gets the join page and the phone view without the app's
/// WebAssembly (a megabyte and more): a small script follows the room, and it knows the step
/// the page shows, so the stream's first frame does not make it fetch the page again.
async fn phones_get_their_pages_without_the_app(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let w = create(&app, &cast, &p).await;
    let r = add_step(
        &app,
        &cast,
        &w,
        &[
            ("title", "Read \"this\" <first>"),
            ("kind", "read"),
            ("section", "definition:1"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    let code = code_of(&app, &w).await;
    let guest = join_as_guest(&app, &code, "Sam", "lived_experience").await;
    let r = move_room(&app, &cast, &w, "next", "gathering").await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());

    let join = app.page_as(&new_client(), "/w").await;
    assert!(!loads_the_app(&join), "{join}");
    assert!(join.contains("name=\"code\""));

    let phone = guest
        .get(app.url(&format!("/workshops/{w}")))
        .send()
        .await
        .unwrap();
    assert_eq!(phone.status(), 200);
    let phone = phone.text().await.unwrap();
    assert!(!loads_the_app(&phone), "{phone}");
    assert!(
        phone.contains("data-following"),
        "the follow script is inline"
    );
    assert_eq!(
        attribute(&phone, "data-follow").as_deref(),
        Some(format!("/workshops/{w}/live?view=step").as_str())
    );
    let mut live = stream(&guest, &app.url(""), &w, "step").await;
    let mut buffer = String::new();
    let first: LiveStep = next_frame(&mut live, &mut buffer, Duration::from_secs(5))
        .await
        .expect("a first frame");
    assert_eq!(attribute(&phone, "data-step-key"), Some(first.key()));

    // Every other page still comes with the app.
    let console = app
        .page_as(&cast.facilitator, &format!("/workshops/{w}/console"))
        .await;
    assert!(loads_the_app(&console));
}
on_both_databases!(phone_pages, phones_get_their_pages_without_the_app);
