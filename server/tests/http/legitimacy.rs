//! Legitimate decisions, tested as the attacks that worked before: guests outvoting the
//! members, a show of hands without bounds, an administrator making themselves commissioner,
//! codes guessed at machine speed, malformed numbers turned into defaults, links built from a
//! forged `Host`. Each attack is refused; the honest path beside it still works.

use app::domain::decision::record::RecordEvent;
use app::views::decisions::DecisionPage;
use app::views::people::AuditPage;

use crate::decisions::{declare, page, vote};
use crate::discussion::setup;
use crate::harness::{TestApp, error_of, field_message, new_client};
use crate::on_both_databases;
use crate::permissions::Cast;
use crate::workshops::{add_step, code_of, create, join_as_guest, move_room};

/// A workshop with one quick consent vote as its first step, the room at that vote.
async fn workshop_at_a_vote(app: &TestApp, cast: &Cast, p: &str) -> (String, String) {
    let w = create(app, cast, p).await;
    let r = add_step(
        app,
        cast,
        &w,
        &[
            ("title", "Agree?"),
            ("kind", "vote"),
            ("question", "Keep it?"),
        ],
    )
    .await;
    assert_eq!(r.status(), 200);
    assert_eq!(
        move_room(app, cast, &w, "next", "gathering").await.status(),
        200
    );
    let decision: i64 = sqlx::query_scalar("SELECT MAX(id) FROM decisions")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    (w, decision.to_string())
}

async fn open_adoption(app: &TestApp, cast: &Cast, p: &str, secret: bool) -> String {
    let mut form = vec![
        ("process_id", p),
        ("subject", "definition"),
        ("version", "1"),
        ("question", ""),
        ("method", "consent"),
        ("threshold", "majority"),
        ("lived_experience", "yes"),
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

async fn guests_cannot_outvote_the_members(app: TestApp) {
    let (p, cast) = setup(&app).await;
    declare(&app, &cast.participant, &p, "lived_experience").await;
    let adoption = open_adoption(&app, &cast, &p, false).await;
    assert_eq!(
        vote(&app, &cast.participant, &adoption, &[("answer", "agree")])
            .await
            .status(),
        200
    );
    let (w, step_vote) = workshop_at_a_vote(&app, &cast, &p).await;
    let code = code_of(&app, &w).await;

    // 25 guests join with the code on the wall, one request each.
    let mut guests = Vec::new();
    for i in 0..25 {
        guests.push(join_as_guest(&app, &code, &format!("Guest {i}"), "lived_experience").await);
    }
    for guest in &guests {
        let r = vote(
            &app,
            guest,
            &adoption,
            &[("answer", "object"), ("reason", "No.")],
        )
        .await;
        assert_eq!(r.status(), 403, "a guest's ballot in an adoption");
    }
    let adopted: DecisionPage = page(&app, &cast.facilitator, &adoption).await;
    assert_eq!(adopted.ballots, 1, "only the member's ballot counts");

    // Nothing else of the process is theirs either.
    let guest = &guests[0];
    let p_ = p.as_str();
    for (endpoint, form) in [
        ("members/list", vec![("process_id", p_)]),
        (
            "documents/version",
            vec![("process_id", p_), ("kind", "definition"), ("number", "2")],
        ),
        (
            "documents/section",
            vec![("process_id", p_), ("kind", "definition"), ("key", "1")],
        ),
        ("workshops/list", vec![("process_id", p_)]),
        (
            "amendments/propose",
            vec![
                ("process_id", p_),
                ("kind", "definition"),
                ("key", "1"),
                ("base", "2"),
                ("body", "Mine."),
                ("reason", "Because."),
            ],
        ),
        (
            "discussion/comment",
            vec![
                ("process_id", p_),
                ("kind", "definition"),
                ("key", "1"),
                ("version", "2"),
                ("body", "Hi"),
            ],
        ),
    ] {
        let r = app.call_with(guest, endpoint, &form).await;
        assert_eq!(r.status(), 403, "a guest calling {endpoint}");
    }

    // The honest path: a guest votes in the vote their workshop's step opened.
    let r = vote(
        &app,
        guest,
        &step_vote,
        &[("answer", "agree"), ("workshop_id", &w)],
    )
    .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    assert_eq!(
        vote(&app, &cast.participant, &step_vote, &[("answer", "agree")])
            .await
            .status(),
        200
    );
    let shown = page(&app, &cast.facilitator, &step_vote).await;
    assert_eq!(
        (shown.ballots, shown.guest_ballots),
        (2, 1),
        "guests are counted apart"
    );
    assert!(shown.workshop_vote);
    // A guest of another workshop may not vote in this one.
    let (other, _) = workshop_at_a_vote(&app, &cast, &p).await;
    let stranger = join_as_guest(&app, &code_of(&app, &other).await, "Elsewhere", "other").await;
    assert_eq!(
        vote(
            &app,
            &stranger,
            &step_vote,
            &[("answer", "object"), ("reason", "x")]
        )
        .await
        .status(),
        403
    );
}
on_both_databases!(guests, guests_cannot_outvote_the_members);

async fn hands(
    app: &TestApp,
    cast: &Cast,
    w: &str,
    d: &str,
    counts: [&str; 4],
    from: &str,
) -> reqwest::Response {
    app.call_with(
        &cast.facilitator,
        "workshops/hands",
        &[
            ("workshop_id", w),
            ("decision_id", d),
            ("hands[0]", counts[0]),
            ("hands[1]", counts[1]),
            ("hands[2]", counts[2]),
            ("hands[3]", counts[3]),
            ("constituency", from),
        ],
    )
    .await
}

async fn a_show_of_hands_has_bounds(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let adoption = open_adoption(&app, &cast, &p, true).await;
    for c in [
        &cast.participant,
        &cast.drafter,
        &cast.facilitator,
        &cast.process_admin,
    ] {
        declare(&app, c, &p, "other").await;
        assert_eq!(
            vote(
                &app,
                c,
                &adoption,
                &[("answer", "object"), ("reason", "Not yet.")]
            )
            .await
            .status(),
            200
        );
    }
    let (w, step_vote) = workshop_at_a_vote(&app, &cast, &p).await;
    let room_size = |people: &'static str| {
        let (app, cast, w) = (&app, &cast, w.clone());
        async move {
            app.call_with(
                &cast.facilitator,
                "workshops/room-size",
                &[("workshop_id", &w), ("people", people)],
            )
            .await
        }
    };
    assert_eq!(room_size("12").await.status(), 200);

    // The attack: ten "lived experience" hands poured into a secret adoption vote.
    let into_adoption = hands(
        &app,
        &cast,
        &w,
        &adoption,
        ["10", "0", "0", "0"],
        "lived_experience",
    )
    .await;
    assert!(
        field_message(into_adoption, "hands")
            .await
            .contains("only for the vote the room is at")
    );
    assert_eq!(page(&app, &cast.facilitator, &adoption).await.ballots, 4);

    // Into the room's own vote: one entry per constituency, replaced, never added up.
    assert_eq!(
        hands(
            &app,
            &cast,
            &w,
            &step_vote,
            ["6", "0", "0", "0"],
            "lived_experience"
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        hands(
            &app,
            &cast,
            &w,
            &step_vote,
            ["8", "0", "0", "0"],
            "lived_experience"
        )
        .await
        .status(),
        200
    );
    assert_eq!(
        page(&app, &cast.facilitator, &step_vote).await.ballots,
        8,
        "the second entry replaced the first"
    );
    // Hands and phones never count more people than the facilitator said are in the room.
    let too_many = hands(&app, &cast, &w, &step_vote, ["0", "0", "5", "0"], "").await;
    assert!(
        field_message(too_many, "hands")
            .await
            .contains("you said 12")
    );
    assert_eq!(
        hands(&app, &cast, &w, &step_vote, ["0", "0", "4", "0"], "")
            .await
            .status(),
        200
    );
    let negative = hands(&app, &cast, &w, &step_vote, ["-1", "0", "0", "0"], "").await;
    assert_eq!(negative.status(), 422);
    let nobody = hands(&app, &cast, &w, &step_vote, ["1", "0", "0", "0"], "aliens").await;
    assert!(error_of(nobody).await.for_field("constituency").is_some());

    // Both entries of the same constituency are in the record; the recount takes the last.
    let closed = app
        .call_with(
            &cast.facilitator,
            "decisions/close",
            &[("decision_id", &step_vote)],
        )
        .await;
    assert_eq!(closed.status(), 200);
    let entries = app::store::participation_record::entries(&app.db, step_vote.parse().unwrap())
        .await
        .unwrap();
    let counted = entries
        .iter()
        .filter(|e| matches!(e.event, RecordEvent::HandsCounted { .. }))
        .count();
    assert_eq!(counted, 3);
    let shown = page(&app, &new_client(), &step_vote).await;
    assert_eq!(shown.results.expect("closed").overall.unwrap().ballots, 12);
    assert_eq!(
        shown.recount,
        app::domain::decision::replay::Recount::Matches
    );
}
on_both_databases!(hands_bounds, a_show_of_hands_has_bounds);

async fn person_with_role(app: &TestApp, p: &str, role: &str) -> String {
    // The newest holder: the cast's, not the site administrator who started the process.
    let id: i64 = sqlx::query_scalar(
        "SELECT person_id FROM memberships WHERE process_id = $1 AND role = $2 ORDER BY person_id DESC LIMIT 1",
    )
            .bind(p.parse::<i64>().unwrap())
            .bind(role)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    id.to_string()
}

async fn nobody_gives_themselves_a_role_or_confirms_themselves(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let admin_id = person_with_role(&app, &p, "process_admin").await;
    // The attack: a process administrator makes themselves commissioner and ratifies.
    let own_role = app
        .call_with(
            &cast.process_admin,
            "members/role",
            &[
                ("process_id", &p),
                ("person_id", &admin_id),
                ("role", "commissioner"),
                ("change", "add"),
            ],
        )
        .await;
    assert_eq!(own_role.status(), 403);
    assert!(
        error_of(own_role)
            .await
            .to_string()
            .contains("their own roles")
    );
    // The site administrator gives it; confirming their own constituency is refused too.
    let given = app
        .call(
            "members/role",
            &[
                ("process_id", &p),
                ("person_id", &admin_id),
                ("role", "commissioner"),
                ("change", "add"),
            ],
        )
        .await;
    assert_eq!(given.status(), 200);
    declare(&app, &cast.process_admin, &p, "commissioner").await;
    let self_confirmed = app
        .call_with(
            &cast.process_admin,
            "members/confirm",
            &[
                ("process_id", &p),
                ("person_id", &admin_id),
                ("constituency", "commissioner"),
            ],
        )
        .await;
    assert_eq!(self_confirmed.status(), 403);

    // An adoption that passed.
    declare(&app, &cast.participant, &p, "lived_experience").await;
    let adoption = open_adoption(&app, &cast, &p, false).await;
    assert_eq!(
        vote(&app, &cast.participant, &adoption, &[("answer", "agree")])
            .await
            .status(),
        200
    );
    let closed = app
        .call_with(
            &cast.facilitator,
            "decisions/close",
            &[("decision_id", &adoption)],
        )
        .await;
    assert_eq!(closed.status(), 200);
    let named = app
        .call_with(
            &cast.process_admin,
            "me/appearance",
            &[
                ("appearance", "full_name"),
                ("full_name", "Alex Admin"),
                ("pseudonym", ""),
            ],
        )
        .await;
    assert_eq!(named.status(), 200);
    let unconfirmed = app
        .call_with(
            &cast.process_admin,
            "decisions/ratify",
            &[("decision_id", &adoption)],
        )
        .await;
    assert_eq!(
        unconfirmed.status(),
        403,
        "a commissioner nobody else confirmed does not ratify"
    );

    // The honest path: a second administrator confirms them, and then they may ratify.
    let confirmed = app
        .call(
            "members/confirm",
            &[
                ("process_id", &p),
                ("person_id", &admin_id),
                ("constituency", "commissioner"),
            ],
        )
        .await;
    assert_eq!(confirmed.status(), 200);
    let ratified = app
        .call_with(
            &cast.process_admin,
            "decisions/ratify",
            &[("decision_id", &adoption)],
        )
        .await;
    assert_eq!(
        ratified.status(),
        200,
        "{}",
        ratified.text().await.unwrap_or_default()
    );
    let public = app
        .get(&format!("/read/{p}/definition"))
        .await
        .text()
        .await
        .unwrap();
    assert!(public.contains("Alex Admin"), "the ratifier's name");
    assert!(
        public.contains("Confirmed as a commissioner by"),
        "and who confirmed them"
    );

    // Every change is in the audit trail, for administrators and commissioners only.
    let audit: AuditPage = app
        .call_with(&cast.commissioner, "members/audit", &[("process_id", &p)])
        .await
        .json()
        .await
        .unwrap();
    let whats: Vec<&str> = audit.lines.iter().map(|l| l.what.as_str()).collect();
    assert!(whats.contains(&"gave the role: Commissioner"), "{whats:?}");
    assert!(whats.contains(&"confirmed as a commissioner"), "{whats:?}");
    assert_eq!(
        app.call_with(&cast.participant, "members/audit", &[("process_id", &p)])
            .await
            .status(),
        403
    );
}
on_both_databases!(
    separation_of_duties,
    nobody_gives_themselves_a_role_or_confirms_themselves
);

async fn a_room_of_300_gets_in_and_a_guesser_is_slowed(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let (w, _) = workshop_at_a_vote(&app, &cast, &p).await;
    let code = code_of(&app, &w).await;
    // 300 phones on one wifi join (and the room is a short evening's worth of requests).
    let started = std::time::Instant::now();
    for i in 0..300 {
        join_as_guest(&app, &code, &format!("Guest {i}"), "other").await;
    }
    assert!(started.elapsed() < std::time::Duration::from_secs(120));

    // A guesser from the same address meets a wall within the next hundred or so tries.
    let mut refused = None;
    let letters: Vec<char> = "ABCDEFGHJKMNPQRSTUVWXYZ".chars().collect();
    for i in 0..600 {
        let guess = format!(
            "ZZ{}{}{}Z",
            letters[i % 23],
            letters[i / 23 % 23],
            letters[i / 529 % 23]
        );
        let r = app
            .call_with(
                &new_client(),
                "workshops/join",
                &[("code", &guess), ("how", "guest")],
            )
            .await;
        if r.status() == 429 {
            refused = Some(error_of(r).await.to_string());
            break;
        }
    }
    let message = refused.expect("guessing workshop codes is throttled");
    assert!(message.contains("Please wait"), "{message}");

    // One sign-in link's token, tried again and again.
    let token = "ab".repeat(32);
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(
            app.call_with(&new_client(), "session/redeem-link", &[("token", &token)])
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(statuses, vec![409, 409, 409, 409, 409, 429]);
    // One sign-in code, tried again and again.
    let mut last = 0;
    for _ in 0..11 {
        last = app
            .call_with(
                &new_client(),
                "session/redeem-code",
                &[("code", "KKKK-KKKK")],
            )
            .await
            .status()
            .as_u16();
    }
    assert_eq!(last, 429);
}
on_both_databases!(guessing, a_room_of_300_gets_in_and_a_guesser_is_slowed);

async fn malformed_numbers_are_refused_by_name(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let open = |extra: Vec<(&'static str, &'static str)>| {
        let (app, cast, p) = (&app, &cast, p.clone());
        async move {
            let mut form = vec![
                ("process_id", p.as_str()),
                ("question", "Which first?"),
                ("method", "consent"),
                ("threshold", "majority"),
                ("other", "yes"),
            ];
            // A field given again replaces the default (a form sends each field once).
            for (key, value) in extra {
                form.retain(|(k, _)| *k != key);
                form.push((key, value));
            }
            app.call_with(&cast.facilitator, "decisions/open", &form)
                .await
        }
    };
    for (extra, field) in [
        (
            vec![("threshold", "supermajority"), ("percent", "75%")],
            "percent",
        ),
        (vec![("closes_in_minutes", "ten")], "closes_in_minutes"),
        (
            vec![("co_production", "yes"), ("min_lived_experience", "abc")],
            "min_lived_experience",
        ),
        (
            vec![("method", "dots"), ("dots", "-2"), ("options", "A\nB")],
            "dots",
        ),
    ] {
        let r = open(extra).await;
        assert_eq!(r.status(), 422);
        assert!(error_of(r).await.for_field(field).is_some(), "{field}");
    }
    declare(&app, &cast.participant, &p, "other").await;
    let ranked = open(vec![("method", "ranked"), ("options", "A\nB\nC")]).await;
    let d = ranked.json::<i64>().await.unwrap().to_string();
    let twice = vote(
        &app,
        &cast.participant,
        &d,
        &[("values[0]", "1"), ("values[1]", "1"), ("values[2]", "1")],
    )
    .await;
    assert!(
        error_of(twice).await.for_field("values").is_some(),
        "ranks 1,1,1"
    );
    let beyond = vote(
        &app,
        &cast.participant,
        &d,
        &[
            ("values[0]", "1"),
            ("values[1]", "2"),
            ("values[2]", "3"),
            ("values[3]", "4"),
        ],
    )
    .await;
    assert!(
        error_of(beyond).await.for_field("values").is_some(),
        "a value for an option that does not exist"
    );
    let consent = open(vec![]).await.json::<i64>().await.unwrap().to_string();
    let hidden = vote(
        &app,
        &cast.participant,
        &consent,
        &[("answer", "object"), ("reason", "fine\u{202E}tcejbo")],
    )
    .await;
    assert!(
        error_of(hidden).await.for_field("ballot").is_some(),
        "an objection hiding its words"
    );
    assert_eq!(
        vote(
            &app,
            &cast.participant,
            &consent,
            &[("answer", "object"), ("reason", "Too soon.")]
        )
        .await
        .status(),
        200
    );
}
on_both_databases!(strict_numbers, malformed_numbers_are_refused_by_name);

async fn removing_a_guest_withdraws_their_ballot_and_closing_joining_stops_the_code(app: TestApp) {
    let (p, cast) = setup(&app).await;
    let (w, d) = workshop_at_a_vote(&app, &cast, &p).await;
    let code = code_of(&app, &w).await;
    let guest = join_as_guest(&app, &code, "Robin", "lived_experience").await;
    assert_eq!(
        vote(
            &app,
            &guest,
            &d,
            &[("answer", "object"), ("reason", "Disruptive.")]
        )
        .await
        .status(),
        200
    );
    let console: app::views::workshops::ConsolePage = app
        .call_with(
            &cast.facilitator,
            "workshops/console",
            &[("workshop_id", &w)],
        )
        .await
        .json()
        .await
        .unwrap();
    let listed = console
        .guests
        .iter()
        .find(|g| g.shown_as.contains("Robin"))
        .expect("the console lists the guest");
    let removed = app
        .call_with(
            &cast.facilitator,
            "workshops/remove-guest",
            &[
                ("workshop_id", &w),
                ("person_id", &listed.person_id.to_string()),
            ],
        )
        .await;
    assert_eq!(
        removed.status(),
        200,
        "{}",
        removed.text().await.unwrap_or_default()
    );
    assert_eq!(
        page(&app, &cast.facilitator, &d).await.ballots,
        0,
        "their ballot is withdrawn"
    );
    let entries = app::store::participation_record::entries(&app.db, d.parse().unwrap())
        .await
        .unwrap();
    assert!(
        entries
            .iter()
            .any(|e| matches!(e.event, RecordEvent::BallotWithdrawn { .. }))
    );
    assert_eq!(
        app.call_with(&guest, "workshops/room", &[("workshop_id", &w)])
            .await
            .status(),
        401,
        "a guest's account ends with their place in the room"
    );
    assert!(
        app.call_with(
            &cast.facilitator,
            "workshops/console",
            &[("workshop_id", &w)]
        )
        .await
        .status()
        .is_success()
    );

    let closed = app
        .call_with(
            &cast.facilitator,
            "workshops/close-joining",
            &[("workshop_id", &w)],
        )
        .await;
    assert_eq!(closed.status(), 200);
    let late = app
        .call_with(
            &new_client(),
            "workshops/join",
            &[
                ("code", &code),
                ("how", "guest"),
                ("name", "Late"),
                ("constituency", "other"),
            ],
        )
        .await;
    assert_eq!(late.status(), 409);
    assert!(error_of(late).await.to_string().contains("closed joining"));
}
on_both_databases!(
    guest_removal,
    removing_a_guest_withdraws_their_ballot_and_closing_joining_stops_the_code
);

async fn links_come_from_the_public_url_and_a_newer_admin_link_cancels_older_ones(app: TestApp) {
    // The same database, served again with a public address.
    let mut settings = app.settings.clone();
    settings.public_url = Some("http://commons.example.org".into());
    settings.listen = "127.0.0.1:0".parse().unwrap();
    let (p, _) = setup(&app).await;
    let site_root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site_root.path().join("pkg")).unwrap();
    let public = crate::harness::start(settings, app.backend, site_root, None).await;
    let link = app::auth::bootstrap::issue_sign_in_link(
        &public.db,
        app::store::people::first_site_admin(&public.db)
            .await
            .unwrap()
            .unwrap(),
    )
    .await
    .unwrap();
    let newer = app::auth::bootstrap::issue_sign_in_link(
        &public.db,
        app::store::people::first_site_admin(&public.db)
            .await
            .unwrap()
            .unwrap(),
    )
    .await
    .unwrap();
    let token = |l: &str| l.split("token=").nth(1).unwrap().to_string();
    let older = public
        .call("session/redeem-link", &[("token", &token(&link))])
        .await;
    assert_eq!(
        older.status(),
        409,
        "the newer link cancelled the older one"
    );
    let signed_in = public
        .call("session/redeem-link", &[("token", &token(&newer))])
        .await;
    assert_eq!(signed_in.status(), 200);

    let batch = public
        .client
        .post(public.url("/api/codes/create"))
        .header("Host", "evil.example")
        .form(&[
            ("process_id", p.as_str()),
            ("count", "1"),
            ("valid_days", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(batch.status(), 200);
    let b = batch.json::<i64>().await.unwrap().to_string();
    let printed: app::views::codes::PrintableBatch = public
        .client
        .post(public.url("/api/codes/batch"))
        .header("Host", "evil.example")
        .form(&[("process_id", p.as_str()), ("batch_id", b.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        printed.join_url, "http://commons.example.org/join",
        "never the request's Host"
    );
    let people: app::views::people::Members = public
        .client
        .post(public.url("/api/members/list"))
        .header("Host", "evil.example")
        .form(&[("process_id", p.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(people.site_url, "http://commons.example.org");
}
on_both_databases!(
    public_links,
    links_come_from_the_public_url_and_a_newer_admin_link_cancels_older_ones
);
