//! The permission matrix: every server function, called by each kind of person, on a fresh
//! copy of one fixture (a process with people in every role, a started and published
//! definition, a clash, a comment, an amendment, decisions, a workshop at a comments step).
//! Each cell of a row that changes something runs on its own copy, so no cell sees what
//! another did. The list of endpoints comes from the server functions registered in the
//! binary: an endpoint without a row fails the test, and so does a row for an endpoint that
//! does not exist or any server function that is not a POST.

use std::collections::BTreeSet;

use futures::StreamExt;
use reqwest::cookie::{CookieStore, Jar};
use std::sync::Arc;

use crate::harness::{Backend, Snapshot, TestApp, spawn_app};

const PEOPLE: [&str; 8] = [
    "anonymous",
    "outsider",
    "participant",
    "drafter",
    "facilitator",
    "commissioner",
    "process admin",
    "site admin",
];
const PASSWORD: &str = "a long enough passphrase";

/// What the fixture made, by id, and each person's session cookie.
struct Fixture {
    cookies: [Option<String>; 8],
    p: String,
    subject: String,
    batch: String,
    unused_code: String,
    invitation: String,
    link_token: String,
    latest: String,
    conflict: String,
    comment: String,
    amendment: String,
    open_decision: String,
    adopted_decision: String,
    /// Ratified; the participant agreed with reservations and wrote its minority statement.
    ratified_decision: String,
    commitment: String,
    /// The commitment's first update, and the participant's comment on it.
    commitment_update: String,
    update_comment: String,
    workshop: String,
    join_code: String,
    /// A second workshop, at its vote, with the room's size set: for a show of hands.
    voting_workshop: String,
    workshop_vote: String,
    /// A guest in the first workshop's room.
    guest: String,
}

/// A browser of one person, whose cookie the fixture reads at the end.
struct Browser {
    client: reqwest::Client,
    jar: Arc<Jar>,
}

fn browser() -> Browser {
    let jar = Arc::new(Jar::default());
    let client = reqwest::Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    Browser { client, jar }
}

impl Browser {
    fn cookie(&self, app: &TestApp) -> Option<String> {
        let url = url::Url::parse(&app.base).expect("the base URL");
        self.jar
            .cookies(&url)
            .and_then(|v| v.to_str().ok().map(str::to_string))
    }
}

async fn ok(app: &TestApp, who: &Browser, endpoint: &str, form: &[(&str, &str)]) -> String {
    let r = app.call_with(&who.client, endpoint, form).await;
    let status = r.status();
    let body = r.text().await.unwrap_or_default();
    assert_eq!(status, 200, "{endpoint}: {body}");
    body
}

async fn scalar(app: &TestApp, sql: &str) -> String {
    let n: i64 = sqlx::query_scalar(sql)
        .fetch_one(app.db.pool())
        .await
        .expect(sql);
    n.to_string()
}

async fn fixture(app: &TestApp) -> Fixture {
    let admin = browser();
    let link = app.admin_link.as_deref().expect("a first-admin link");
    let token = link.split("token=").nth(1).expect("a token");
    ok(app, &admin, "session/redeem-link", &[("token", token)]).await;
    let p = ok(
        app,
        &admin,
        "processes/create",
        &[("title", "Matrix"), ("description", "Who may do what.")],
    )
    .await;
    let batch = ok(
        app,
        &admin,
        "codes/create",
        &[("process_id", &p), ("count", "10"), ("valid_days", "14")],
    )
    .await;
    let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM sign_in_codes ORDER BY code")
        .fetch_all(app.db.pool())
        .await
        .expect("codes");
    let outsider = browser();
    ok(
        app,
        &outsider,
        "accounts/sign-up",
        &[
            ("email", "out@example.org"),
            ("password", PASSWORD),
            ("password_again", PASSWORD),
        ],
    )
    .await;
    let mut members = Vec::new();
    for (i, role) in [
        "participant",
        "drafter",
        "facilitator",
        "commissioner",
        "process_admin",
        "participant",
    ]
    .into_iter()
    .enumerate()
    {
        let b = browser();
        ok(app, &b, "session/redeem-code", &[("code", &codes[i])]).await;
        let id = scalar(app, "SELECT MAX(id) FROM people").await;
        if role != "participant" {
            ok(
                app,
                &admin,
                "members/role",
                &[
                    ("process_id", &p),
                    ("person_id", &id),
                    ("role", role),
                    ("change", "add"),
                ],
            )
            .await;
        }
        members.push((b, id));
    }
    let [
        participant,
        drafter,
        facilitator,
        commissioner,
        process_admin,
        subject,
    ]: [(Browser, String); 6] = members.try_into().unwrap_or_else(|_| panic!("six members"));
    for (b, _) in [&participant, &drafter, &facilitator, &process_admin] {
        ok(
            app,
            b,
            "me/constituencies",
            &[("process_id", &p), ("lived_experience", "yes")],
        )
        .await;
    }
    ok(
        app,
        &admin,
        "me/constituencies",
        &[("process_id", &p), ("other", "yes")],
    )
    .await;
    ok(
        app,
        &commissioner.0,
        "me/constituencies",
        &[("process_id", &p), ("commissioner", "yes")],
    )
    .await;
    ok(
        app,
        &process_admin.0,
        "members/confirm",
        &[
            ("process_id", &p),
            ("person_id", &commissioner.1),
            ("constituency", "commissioner"),
        ],
    )
    .await;
    ok(
        app,
        &commissioner.0,
        "me/appearance",
        &[
            ("appearance", "full_name"),
            ("full_name", "Casey Commissioner"),
            ("pseudonym", ""),
        ],
    )
    .await;
    ok(
        app,
        &subject.0,
        "me/constituencies",
        &[("process_id", &p), ("commissioner", "yes")],
    )
    .await;

    // The definition: started, published, a later version, and the drafter's clash.
    let def = [("process_id", p.as_str()), ("kind", "definition")];
    ok(
        app,
        &drafter.0,
        "documents/start",
        &[def[0], def[1], ("start_from", "template")],
    )
    .await;
    ok(
        app,
        &admin,
        "documents/publish",
        &[def[0], def[1], ("number", "1")],
    )
    .await;
    ok(
        app,
        &process_admin.0,
        "processes/public-comments",
        &[("process_id", &p), ("public_comments", "on")],
    )
    .await;
    let section = [("key", "1"), ("heading", "Recovery here"), ("summary", "")];
    ok(
        app,
        &facilitator.0,
        "documents/save-section",
        &[
            def[0],
            def[1],
            section[0],
            ("base", "1"),
            section[1],
            ("body", "Newer words."),
            section[2],
        ],
    )
    .await;
    ok(
        app,
        &drafter.0,
        "documents/save-section",
        &[
            def[0],
            def[1],
            section[0],
            ("base", "1"),
            section[1],
            ("body", "Clashing words."),
            section[2],
        ],
    )
    .await;
    let conflict = scalar(app, "SELECT MAX(id) FROM edit_conflicts").await;
    let latest = "2".to_string();

    // Discussion.
    let comment = ok(
        app,
        &participant.0,
        "discussion/comment",
        &[
            def[0],
            def[1],
            ("key", "1"),
            ("version", &latest),
            ("body", "A first thought."),
        ],
    )
    .await;
    let amendment = ok(
        app,
        &participant.0,
        "amendments/propose",
        &[
            def[0],
            def[1],
            ("key", "1"),
            ("base", &latest),
            ("body", "Better words."),
            ("reason", "Plainer."),
        ],
    )
    .await;

    // Decisions: one open, one adopting version 1 that passed and closed.
    let consent = [
        ("method", "consent"),
        ("threshold", "majority"),
        ("lived_experience", "yes"),
        ("other", "yes"),
        ("commissioner", "yes"),
    ];
    let mut open = vec![
        ("process_id", p.as_str()),
        ("question", "Meet on Tuesdays?"),
    ];
    open.extend_from_slice(&consent);
    let open_decision = ok(app, &facilitator.0, "decisions/open", &open).await;
    let mut adopt = vec![
        ("process_id", p.as_str()),
        ("question", ""),
        ("subject", "definition"),
        ("version", "1"),
    ];
    adopt.extend_from_slice(&consent);
    let adopted_decision = ok(app, &facilitator.0, "decisions/open", &adopt).await;
    ok(
        app,
        &participant.0,
        "decisions/vote",
        &[("decision_id", &adopted_decision), ("answer", "agree")],
    )
    .await;
    ok(
        app,
        &facilitator.0,
        "decisions/close",
        &[("decision_id", &adopted_decision)],
    )
    .await;
    // Another adoption of version 1, ratified, with a commitment on its first section.
    let ratified_decision = ok(app, &facilitator.0, "decisions/open", &adopt).await;
    ok(
        app,
        &participant.0,
        "decisions/vote",
        &[
            ("decision_id", &ratified_decision),
            ("answer", "reservations"),
            ("reason", "Say more about families"),
        ],
    )
    .await;
    ok(
        app,
        &facilitator.0,
        "decisions/close",
        &[("decision_id", &ratified_decision)],
    )
    .await;
    ok(
        app,
        &commissioner.0,
        "decisions/ratify",
        &[("decision_id", &ratified_decision)],
    )
    .await;
    ok(
        app,
        &participant.0,
        "minority/write",
        &[
            ("decision_id", &ratified_decision),
            ("revision", "0"),
            ("statement", "Families need a say too."),
        ],
    )
    .await;
    let commitment = ok(
        app,
        &commissioner.0,
        "commitments/add",
        &[
            ("process_id", &p),
            ("kind", "definition"),
            ("section", "1"),
            ("what", "Shorter waits"),
            ("responsible", "The council"),
            ("measure", "Days to a first appointment"),
            ("due", "2027-03-31"),
        ],
    )
    .await;

    let commitment_update = scalar(app, "SELECT MAX(id) FROM commitment_updates").await;
    let update_comment = ok(
        app,
        &participant.0,
        "commitments/comment",
        &[
            ("process_id", &p),
            ("update_id", &commitment_update),
            ("body", "When will this start?"),
        ],
    )
    .await;

    // A workshop at a step that gathers comments, with a vote as its next step.
    let workshop = ok(
        app,
        &facilitator.0,
        "workshops/create",
        &[("process_id", &p), ("title", "Evening session")],
    )
    .await;
    let w = [("workshop_id", workshop.as_str())];
    ok(
        app,
        &facilitator.0,
        "workshops/add-step",
        &[
            w[0],
            ("title", "Your words"),
            ("kind", "comments"),
            ("section", "definition:1"),
        ],
    )
    .await;
    ok(
        app,
        &facilitator.0,
        "workshops/add-step",
        &[
            w[0],
            ("title", "Agree?"),
            ("kind", "vote"),
            ("question", "Keep this section?"),
        ],
    )
    .await;
    ok(
        app,
        &facilitator.0,
        "workshops/move",
        &[w[0], ("to", "next"), ("from", "gathering")],
    )
    .await;
    let join_code: String = sqlx::query_scalar("SELECT join_code FROM workshops WHERE id = $1")
        .bind(workshop.parse::<i64>().expect("an id"))
        .fetch_one(app.db.pool())
        .await
        .expect("the join code");
    let guest = browser();
    ok(
        app,
        &guest,
        "workshops/join",
        &[
            ("code", &join_code),
            ("how", "guest"),
            ("name", "Sam"),
            ("constituency", "lived_experience"),
        ],
    )
    .await;
    let guest_id = scalar(app, "SELECT MAX(id) FROM people").await;
    let voting_workshop = ok(
        app,
        &facilitator.0,
        "workshops/create",
        &[("process_id", &p), ("title", "Voting session")],
    )
    .await;
    let v = [("workshop_id", voting_workshop.as_str())];
    ok(
        app,
        &facilitator.0,
        "workshops/add-step",
        &[
            v[0],
            ("title", "Agree?"),
            ("kind", "vote"),
            ("question", "Keep this section?"),
        ],
    )
    .await;
    ok(
        app,
        &facilitator.0,
        "workshops/move",
        &[v[0], ("to", "next"), ("from", "gathering")],
    )
    .await;
    ok(
        app,
        &facilitator.0,
        "workshops/room-size",
        &[v[0], ("people", "30")],
    )
    .await;
    let workshop_vote = scalar(app, "SELECT MAX(id) FROM decisions").await;

    let invited = ok(
        app,
        &admin,
        "invitations/create",
        &[("process_id", &p), ("role", "participant")],
    )
    .await;
    let invitation = invited
        .trim_matches('"')
        .split("token=")
        .nth(1)
        .expect("a token")
        .to_string();
    let first_admin = app::store::people::first_site_admin(&app.db)
        .await
        .expect("read")
        .expect("an admin");
    let link = app::auth::bootstrap::issue_sign_in_link(&app.db, first_admin)
        .await
        .expect("a link");
    let link_token = link.split("token=").nth(1).expect("a token").to_string();

    let cookies = [
        None,
        outsider.cookie(app),
        participant.0.cookie(app),
        drafter.0.cookie(app),
        facilitator.0.cookie(app),
        commissioner.0.cookie(app),
        process_admin.0.cookie(app),
        admin.cookie(app),
    ];
    assert!(
        cookies[1..].iter().all(Option::is_some),
        "everyone but the anonymous has a session"
    );
    Fixture {
        cookies,
        p,
        subject: subject.1,
        batch,
        unused_code: codes[6].clone(),
        invitation,
        link_token,
        latest,
        conflict,
        comment,
        amendment,
        open_decision,
        adopted_decision,
        ratified_decision,
        commitment,
        commitment_update,
        update_comment,
        workshop,
        join_code,
        voting_workshop,
        workshop_vote,
        guest: guest_id,
    }
}

/// Whether a row changes what later cells would see (then each cell gets its own copy).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Effect {
    Reads,
    Writes,
}
use Effect::{Reads, Writes};

struct Row {
    endpoint: &'static str,
    effect: Effect,
    form: Vec<(&'static str, String)>,
    expected: [u16; 8],
}

fn row(
    endpoint: &'static str,
    effect: Effect,
    form: &[(&'static str, &str)],
    expected: [u16; 8],
) -> Row {
    Row {
        endpoint,
        effect,
        form: form.iter().map(|(k, v)| (*k, v.to_string())).collect(),
        expected,
    }
}

const ALL: [u16; 8] = [200; 8];
const SIGNED_IN: [u16; 8] = [401, 200, 200, 200, 200, 200, 200, 200];
const MEMBERS: [u16; 8] = [401, 403, 200, 200, 200, 200, 200, 200];
const EDITORS: [u16; 8] = [401, 403, 403, 200, 200, 403, 200, 200];
const FACILITATORS: [u16; 8] = [401, 403, 403, 403, 200, 403, 200, 200];
const ADMINS: [u16; 8] = [401, 403, 403, 403, 403, 403, 200, 200];

fn rows(f: &Fixture) -> Vec<Row> {
    let p = f.p.as_str();
    let def = [("process_id", p), ("kind", "definition")];
    let section = |extra: &[(&'static str, &'static str)]| -> Vec<(&'static str, String)> {
        let mut v: Vec<(&'static str, String)> =
            def.iter().map(|(k, v)| (*k, v.to_string())).collect();
        v.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
        v
    };
    let d = |extra: &[(&'static str, &str)]| -> Vec<(&'static str, String)> {
        let mut v: Vec<(&'static str, String)> =
            def.iter().map(|(k, v)| (*k, v.to_string())).collect();
        v.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
        v
    };
    let mut rows = vec![
        // Accounts and sessions.
        row(
            "accounts/sign-up",
            Writes,
            &[
                ("email", "new@example.org"),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
            ALL,
        ),
        row(
            "accounts/sign-in",
            Writes,
            &[("email", "out@example.org"), ("password", PASSWORD)],
            ALL,
        ),
        row(
            "accounts/credentials",
            Writes,
            &[
                ("email", "mine@example.org"),
                ("current_password", PASSWORD),
                ("password", PASSWORD),
                ("password_again", PASSWORD),
            ],
            SIGNED_IN,
        ),
        row("session/viewer", Reads, &[], ALL),
        row("preferences/current", Reads, &[], ALL),
        row(
            "preferences/comfort",
            Writes,
            &[("size", "large"), ("contrast", "high"), ("back", "/")],
            ALL,
        ),
        row(
            "session/redeem-link",
            Writes,
            &[("token", &f.link_token)],
            ALL,
        ),
        row("session/sign-out", Writes, &[], ALL),
        row(
            "session/redeem-code",
            Writes,
            &[("code", &f.unused_code)],
            ALL,
        ),
        row("session/sign-out-everywhere", Writes, &[], SIGNED_IN),
        // Sign-in codes and invitations.
        row(
            "codes/create",
            Writes,
            &[("process_id", p), ("count", "1"), ("valid_days", "1")],
            FACILITATORS,
        ),
        row("codes/list", Reads, &[("process_id", p)], FACILITATORS),
        row(
            "codes/batch",
            Reads,
            &[("process_id", p), ("batch_id", &f.batch)],
            FACILITATORS,
        ),
        row(
            "codes/revoke",
            Writes,
            &[("process_id", p), ("batch_id", &f.batch)],
            FACILITATORS,
        ),
        row(
            "invitations/create",
            Writes,
            &[("process_id", p), ("role", "participant")],
            ADMINS,
        ),
        row(
            "invitations/accept",
            Writes,
            &[("token", &f.invitation)],
            ALL,
        ),
        // People.
        row("processes/participation", Reads, &[("process_id", p)], ALL),
        row("members/list", Reads, &[("process_id", p)], MEMBERS),
        row("words/page", Reads, &[("process_id", p)], MEMBERS),
        row("commitments/page", Reads, &[("process_id", p)], ALL),
        row("influence/page", Reads, &[("process_id", p)], ALL),
        // The minority statement: read by anyone; written and co-signed only by those who
        // objected or had reservations (here, the participant alone).
        row(
            "minority/page",
            Reads,
            &[("decision_id", &f.ratified_decision)],
            ALL,
        ),
        row(
            "minority/write",
            Writes,
            &[
                ("decision_id", &f.ratified_decision),
                ("revision", "1"),
                ("statement", "Families, and housing."),
            ],
            [401, 403, 200, 403, 403, 403, 403, 403],
        ),
        row(
            "minority/sign",
            Writes,
            &[("decision_id", &f.ratified_decision), ("revision", "1")],
            [401, 403, 200, 403, 403, 403, 403, 403],
        ),
        row(
            "minority/unsign",
            Writes,
            &[("decision_id", &f.ratified_decision)],
            [401, 403, 200, 403, 403, 403, 403, 403],
        ),
        row("processes/timeline", Reads, &[("process_id", p)], ALL),
        row("processes/happening", Reads, &[("process_id", p)], ALL),
        row("me/needs", Reads, &[], SIGNED_IN),
        row("me/needs-count", Reads, &[], SIGNED_IN),
        row("me/needs-done", Writes, &[("item", "vote:1")], SIGNED_IN),
        row("email/page", Reads, &[], SIGNED_IN),
        // Only the outsider gave an address; the others are told to add one first (422).
        row(
            "email/choose",
            Writes,
            &[("decisions", "yes"), ("frequency", "daily")],
            [401, 200, 422, 422, 422, 422, 422, 422],
        ),
        row(
            "processes/set-timeline",
            Writes,
            &[("process_id", p), ("timeline", "Drafting | 2027-01-04 |")],
            ADMINS,
        ),
        // Commissioners and process administrators make commitments and report on them.
        row(
            "commitments/add",
            Writes,
            &[
                ("process_id", p),
                ("kind", "definition"),
                ("section", "1"),
                ("what", "More peer support"),
                ("responsible", "The recovery service"),
                ("measure", "Peer supporters in post"),
                ("due", "2027-06-30"),
            ],
            [401, 403, 403, 403, 403, 200, 200, 200],
        ),
        row(
            "commitments/update",
            Writes,
            &[
                ("process_id", p),
                ("commitment_id", &f.commitment),
                ("status", "under_way"),
                ("note", "Recruiting"),
            ],
            [401, 403, 403, 403, 403, 200, 200, 200],
        ),
        // People taking part comment on an update; facilitators hide a comment.
        row(
            "commitments/comment",
            Writes,
            &[
                ("process_id", p),
                ("update_id", &f.commitment_update),
                ("body", "Is this on track?"),
            ],
            MEMBERS,
        ),
        row(
            "commitments/hide-comment",
            Writes,
            &[("process_id", p), ("comment_id", &f.update_comment)],
            FACILITATORS,
        ),
        row(
            "words/save",
            Writes,
            &[
                ("process_id", p),
                (
                    "glossary",
                    "Rehab | rehabilitation | A place to stay while you recover.",
                ),
                (
                    "language",
                    "addict | a person who uses drugs | It labels a person.",
                ),
            ],
            EDITORS,
        ),
        row(
            "members/confirm",
            Writes,
            &[
                ("process_id", p),
                ("person_id", &f.subject),
                ("constituency", "commissioner"),
            ],
            ADMINS,
        ),
        row(
            "members/role",
            Writes,
            &[
                ("process_id", p),
                ("person_id", &f.subject),
                ("role", "facilitator"),
                ("change", "add"),
            ],
            ADMINS,
        ),
        // Process administrators and commissioners read who changed roles and confirmed whom.
        row(
            "members/audit",
            Reads,
            &[("process_id", p)],
            [401, 403, 403, 403, 403, 200, 200, 200],
        ),
        row(
            "members/add",
            Writes,
            &[
                ("process_id", p),
                ("email", "out@example.org"),
                ("role", "participant"),
            ],
            ADMINS,
        ),
        row("me/profile", Reads, &[], SIGNED_IN),
        row(
            "me/appearance",
            Writes,
            &[
                ("appearance", "constituency_only"),
                ("full_name", ""),
                ("pseudonym", ""),
            ],
            SIGNED_IN,
        ),
        // The outsider belongs to no process; the site administrator started this one.
        row(
            "me/constituencies",
            Writes,
            &[("process_id", p), ("other", "yes")],
            [401, 403, 200, 200, 200, 200, 200, 200],
        ),
        // The only site administrator cannot leave the site without one.
        row(
            "me/withdraw",
            Writes,
            &[("confirm", "yes")],
            [401, 200, 200, 200, 200, 200, 200, 409],
        ),
        // Processes.
        row("processes/list", Reads, &[], ALL),
        row("processes/get", Reads, &[("id", p)], ALL),
        row(
            "processes/create",
            Writes,
            &[("title", "T"), ("description", "D")],
            [401, 403, 403, 403, 403, 403, 403, 200],
        ),
        row(
            "processes/public-comments",
            Writes,
            &[("process_id", p), ("public_comments", "off")],
            ADMINS,
        ),
        row(
            "processes/secrecy",
            Writes,
            &[("process_id", p), ("secrecy_threshold", "4")],
            ADMINS,
        ),
        // Documents.
        Row {
            endpoint: "documents/start",
            effect: Writes,
            form: vec![
                ("process_id", p.to_string()),
                ("kind", "rois-vision".into()),
                ("start_from", "template".into()),
            ],
            expected: EDITORS,
        },
        Row {
            endpoint: "documents/section",
            effect: Reads,
            form: section(&[("key", "1")]),
            expected: EDITORS,
        },
        Row {
            endpoint: "documents/save-section",
            effect: Writes,
            form: d(&[
                ("key", "2"),
                ("base", &f.latest),
                ("heading", "H"),
                ("body", "B"),
                ("summary", ""),
            ]),
            expected: EDITORS,
        },
        Row {
            endpoint: "documents/save-easy-read",
            effect: Writes,
            form: d(&[
                ("key", "2"),
                ("base", &f.latest),
                ("easy_read", "Easy words."),
            ]),
            expected: EDITORS,
        },
        Row {
            endpoint: "documents/add-section",
            effect: Writes,
            form: section(&[("heading", "New")]),
            expected: EDITORS,
        },
        Row {
            endpoint: "documents/move-section",
            effect: Writes,
            form: section(&[("key", "1"), ("direction", "down")]),
            expected: EDITORS,
        },
        Row {
            endpoint: "documents/remove-section",
            effect: Writes,
            form: d(&[("key", "2"), ("base", &f.latest)]),
            expected: EDITORS,
        },
        // A clash is shown only to the drafter who made it.
        Row {
            endpoint: "documents/conflict",
            effect: Reads,
            form: d(&[("id", &f.conflict)]),
            expected: [401, 403, 403, 200, 404, 403, 404, 404],
        },
        Row {
            endpoint: "documents/page",
            effect: Reads,
            form: section(&[]),
            expected: ALL,
        },
        Row {
            endpoint: "documents/history",
            effect: Reads,
            form: section(&[]),
            expected: ALL,
        },
        // Version 2 is a draft: for people taking part.
        Row {
            endpoint: "documents/version",
            effect: Reads,
            form: d(&[("number", &f.latest)]),
            expected: MEMBERS,
        },
        Row {
            endpoint: "documents/compare",
            effect: Reads,
            form: d(&[("from", "1"), ("to", &f.latest)]),
            expected: MEMBERS,
        },
        row("documents/list", Reads, &[("process_id", p)], ALL),
        Row {
            endpoint: "documents/publish",
            effect: Writes,
            form: d(&[("number", &f.latest)]),
            expected: ADMINS,
        },
        // Discussion.
        Row {
            endpoint: "discussion/comment",
            effect: Writes,
            form: d(&[("key", "1"), ("version", &f.latest), ("body", "More.")]),
            expected: MEMBERS,
        },
        // The thread's author (the participant) may resolve it, as may the drafting group.
        row(
            "discussion/resolve",
            Writes,
            &[("thread_id", &f.comment)],
            [401, 403, 200, 200, 200, 403, 200, 200],
        ),
        row(
            "discussion/report",
            Writes,
            &[("comment_id", &f.comment), ("reason", "Unkind.")],
            MEMBERS,
        ),
        row(
            "discussion/moderate",
            Writes,
            &[
                ("comment_id", &f.comment),
                ("action", "hide"),
                ("reason", "Unkind."),
            ],
            FACILITATORS,
        ),
        Row {
            endpoint: "discussion/public-comment",
            effect: Writes,
            form: section(&[
                ("key", "1"),
                ("body", "From outside."),
                ("check_seed", "7"),
                ("check_answer", "5"),
            ]),
            expected: ALL,
        },
        Row {
            endpoint: "discussion/section",
            effect: Reads,
            form: section(&[("key", "1")]),
            expected: ALL,
        },
        row(
            "discussion/amendment",
            Reads,
            &[("amendment_id", &f.amendment)],
            MEMBERS,
        ),
        row(
            "discussion/moderation",
            Reads,
            &[("process_id", p)],
            FACILITATORS,
        ),
        Row {
            endpoint: "amendments/propose",
            effect: Writes,
            form: d(&[
                ("key", "1"),
                ("base", &f.latest),
                ("body", "Other words."),
                ("reason", "Why not."),
            ]),
            expected: MEMBERS,
        },
        row(
            "amendments/support",
            Writes,
            &[("amendment_id", &f.amendment), ("support", "yes")],
            MEMBERS,
        ),
        row(
            "amendments/decide",
            Writes,
            &[
                ("amendment_id", &f.amendment),
                ("verdict", "decline"),
                ("reason", "Not now."),
            ],
            EDITORS,
        ),
        // Decisions.
        row(
            "decisions/open",
            Writes,
            &[
                ("process_id", p),
                ("question", "Q?"),
                ("method", "consent"),
                ("threshold", "majority"),
                ("other", "yes"),
            ],
            FACILITATORS,
        ),
        row(
            "decisions/close",
            Writes,
            &[("decision_id", &f.open_decision)],
            FACILITATORS,
        ),
        row(
            "decisions/vote",
            Writes,
            &[("decision_id", &f.open_decision), ("answer", "agree")],
            MEMBERS,
        ),
        row("decisions/list", Reads, &[("process_id", p)], ALL),
        row(
            "decisions/page",
            Reads,
            &[("decision_id", &f.open_decision)],
            ALL,
        ),
        // Only a commissioner ratifies: not a process or site administrator for them.
        row(
            "decisions/ratify",
            Writes,
            &[("decision_id", &f.adopted_decision)],
            [401, 403, 403, 403, 403, 200, 403, 403],
        ),
        // Workshops.
        row(
            "workshops/create",
            Writes,
            &[("process_id", p), ("title", "Another")],
            FACILITATORS,
        ),
        row(
            "workshops/add-step",
            Writes,
            &[
                ("workshop_id", &f.workshop),
                ("title", "Read"),
                ("kind", "read"),
                ("section", "definition:1"),
            ],
            FACILITATORS,
        ),
        row(
            "workshops/move",
            Writes,
            &[("workshop_id", &f.workshop), ("to", "next"), ("from", "1")],
            FACILITATORS,
        ),
        row(
            "workshops/hands",
            Writes,
            &[
                ("workshop_id", &f.voting_workshop),
                ("decision_id", &f.workshop_vote),
                ("hands[0]", "3"),
                ("hands[1]", "0"),
                ("hands[2]", "1"),
                ("hands[3]", "0"),
                ("constituency", ""),
            ],
            FACILITATORS,
        ),
        row(
            "workshops/guests",
            Reads,
            &[("workshop_id", &f.workshop)],
            FACILITATORS,
        ),
        row(
            "workshops/close-joining",
            Writes,
            &[("workshop_id", &f.workshop)],
            FACILITATORS,
        ),
        row(
            "workshops/room-size",
            Writes,
            &[("workshop_id", &f.workshop), ("people", "25")],
            FACILITATORS,
        ),
        row(
            "workshops/meets-on",
            Writes,
            &[("workshop_id", &f.workshop), ("meets_on", "2027-01-12")],
            FACILITATORS,
        ),
        row(
            "workshops/remove-guest",
            Writes,
            &[("workshop_id", &f.workshop), ("person_id", &f.guest)],
            FACILITATORS,
        ),
        row(
            "workshops/admit-guest",
            Writes,
            &[("workshop_id", &f.workshop), ("person_id", &f.guest)],
            FACILITATORS,
        ),
        row(
            "workshops/said",
            Writes,
            &[("workshop_id", &f.workshop), ("body", "Someone said this.")],
            FACILITATORS,
        ),
        row(
            "workshops/publish-summary",
            Writes,
            &[("workshop_id", &f.workshop)],
            FACILITATORS,
        ),
        // The code on the screen lets anyone in: as themselves, or as a guest.
        row(
            "workshops/join",
            Writes,
            &[
                ("code", &f.join_code),
                ("how", "guest"),
                ("name", "Sam"),
                ("constituency", "lived_experience"),
            ],
            ALL,
        ),
        row(
            "workshops/comment",
            Writes,
            &[("workshop_id", &f.workshop), ("body", "From my phone.")],
            MEMBERS,
        ),
        row("workshops/list", Reads, &[("process_id", p)], MEMBERS),
        row(
            "workshops/room",
            Reads,
            &[("workshop_id", &f.workshop)],
            MEMBERS,
        ),
        row(
            "workshops/step",
            Reads,
            &[("workshop_id", &f.workshop)],
            MEMBERS,
        ),
        row(
            "workshops/console",
            Reads,
            &[("workshop_id", &f.workshop)],
            FACILITATORS,
        ),
        // Until a facilitator publishes it, the summary is theirs.
        row(
            "workshops/summary",
            Reads,
            &[("workshop_id", &f.workshop)],
            FACILITATORS,
        ),
    ];
    rows.sort_by_key(|r| r.endpoint);
    rows
}

/// Runs one row. Each cell starts from the fixture: a copy serves the row's cells until one
/// of them succeeded at something that changes state, and the next cell gets a fresh copy.
async fn run_row(snapshot: &Snapshot, fixture: &Fixture, row: &Row) -> Vec<String> {
    let form: Vec<(&str, &str)> = row.form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut wrong = Vec::new();
    let mut current: Option<TestApp> = None;
    for (i, who) in PEOPLE.iter().enumerate() {
        let app = match current.take() {
            Some(app) => app,
            None => snapshot.start().await,
        };
        let response = app
            .call_as(fixture.cookies[i].as_deref(), row.endpoint, &form)
            .await;
        let got = response.status().as_u16();
        if got != row.expected[i] {
            let body = response.text().await.unwrap_or_default();
            wrong.push(format!(
                "{who} → {}: expected {}, got {got}: {}",
                row.endpoint,
                row.expected[i],
                body.chars().take(160).collect::<String>()
            ));
        }
        if row.effect == Writes && (200..300).contains(&got) {
            app.discard().await;
        } else {
            current = Some(app);
        }
    }
    if let Some(app) = current {
        app.discard().await;
    }
    wrong
}

async fn every_endpoint_answers_each_kind_of_person_as_the_rules_say(backend: Backend) {
    let app = spawn_app(backend).await;
    let fixture = fixture(&app).await;
    let snapshot = app.snapshot().await;
    let rows = rows(&fixture);

    let registered: Vec<(String, String)> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, method)| {
            (
                path.trim_start_matches("/api/").to_string(),
                method.to_string(),
            )
        })
        .collect();
    let not_post: Vec<&(String, String)> = registered.iter().filter(|(_, m)| m != "POST").collect();
    assert!(
        not_post.is_empty(),
        "every server function is a POST endpoint: {not_post:?}"
    );
    let endpoints: BTreeSet<&str> = registered.iter().map(|(p, _)| p.as_str()).collect();
    let covered: BTreeSet<&str> = rows.iter().map(|r| r.endpoint).collect();
    let missing: Vec<&&str> = endpoints.difference(&covered).collect();
    let unknown: Vec<&&str> = covered.difference(&endpoints).collect();
    assert!(
        missing.is_empty(),
        "endpoints without a row in the matrix: {missing:?}"
    );
    assert!(
        unknown.is_empty(),
        "rows for endpoints that do not exist: {unknown:?}"
    );
    assert_eq!(rows.len(), covered.len(), "one row per endpoint");

    let wrong: Vec<String> = futures::stream::iter(rows.iter())
        .map(|row| run_row(&snapshot, &fixture, row))
        .buffer_unordered(4)
        .flat_map(futures::stream::iter)
        .collect()
        .await;
    snapshot.discard().await;
    assert!(
        wrong.is_empty(),
        "{} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_matrix() {
    every_endpoint_answers_each_kind_of_person_as_the_rules_say(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_matrix() {
    every_endpoint_answers_each_kind_of_person_as_the_rules_say(Backend::Postgres).await;
}
