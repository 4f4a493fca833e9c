//! Nothing acknowledged is lost, and faults heal by themselves (issue 15), on both databases:
//! a database that refuses writes answers 503 "nothing was saved" and `/healthz` says so; a
//! connection whose transaction the database ended by itself is replaced, not reused; saves
//! racing on PostgreSQL all land, and a race that still runs out answers 409 "save again";
//! the record check catches a cut-short or missing record and forged ballots or outcomes;
//! stopping ends live streams at once and finishes; a backup taken in a vote storm restores
//! with every acknowledged ballot.

use std::time::Duration;

use app::error::AppError;
use sqlx::{Connection, Executor};

use crate::decisions::{declare, open_consent, page, verify_record, vote};
use crate::documents::{save, started_with_drafters};
use crate::harness::{Backend, TestApp, error_of, postgres_url, spawn_stoppable};
use crate::on_both_databases;
use crate::permissions::{Cast, cast};

impl TestApp {
    /// Makes the database refuse every write (`on`), as a full disk or a read-only server
    /// does, or accept them again. SQLite: `query_only` on every pooled connection;
    /// PostgreSQL: the database's sessions become read-only (and existing ones are ended).
    pub async fn refuse_writes(&self, on: bool) {
        match self.backend {
            Backend::Sqlite => {
                // Hold as many connections as the pool allows, so each one is changed.
                let mut held = Vec::new();
                for _ in 0..8 {
                    let mut conn = self.db.pool().acquire().await.expect("a connection");
                    conn.execute(if on {
                        "PRAGMA query_only = ON"
                    } else {
                        "PRAGMA query_only = OFF"
                    })
                    .await
                    .expect("set query_only");
                    held.push(conn);
                }
            }
            Backend::Postgres => {
                self.alter_postgres(&format!(
                    "SET default_transaction_read_only = {}",
                    if on { "on" } else { "off" }
                ))
                .await
            }
        }
    }

    /// `ALTER DATABASE <this one> <change>`, then ends its sessions so the pool reconnects
    /// under the change.
    async fn alter_postgres(&self, change: &str) {
        let name = self
            .settings
            .database_url
            .rsplit('/')
            .next()
            .expect("a database name")
            .to_string();
        let mut admin = sqlx::PgConnection::connect(&postgres_url())
            .await
            .expect("connect as admin");
        admin
            .execute(format!("ALTER DATABASE \"{name}\" {change}").as_str())
            .await
            .expect("alter the database");
        admin
            .execute(
                format!(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                     WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                )
                .as_str(),
            )
            .await
            .expect("end the database's sessions");
    }

    async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.db.pool())
            .await
            .expect("a count")
    }
}

async fn a_database_that_refuses_writes_answers_503_and_recovers_by_itself(app: TestApp) {
    app.sign_in_as_admin().await;
    app.create_process("Before", "Stored before the fault.")
        .await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    let before = app.count("processes").await;

    app.refuse_writes(true).await;
    // Several tries, so each pooled connection meets the fault at least once.
    for _ in 0..3 {
        let refused = app
            .call(
                "processes/create",
                &[("title", "During"), ("description", "Not stored.")],
            )
            .await;
        assert_eq!(refused.status(), 503, "a failed write is not a success");
        let error = error_of(refused).await;
        assert_eq!(error, AppError::Unavailable);
        assert!(error.to_string().contains("nothing was saved"));
    }
    let health = app.get("/healthz").await;
    assert_eq!(
        health.status(),
        503,
        "healthz tries a write, not only a read"
    );
    assert!(health.text().await.unwrap().contains("writes"));
    app.refuse_writes(false).await;
    assert_eq!(app.count("processes").await, before, "nothing half-saved");

    // Every connection works again without a restart.
    for n in 0..12 {
        let title = format!("After {n}");
        let saved = app
            .call(
                "processes/create",
                &[
                    ("title", &title),
                    ("description", "Stored after the fault."),
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
    assert_eq!(app.count("processes").await, before + 12);
    assert_eq!(app.get("/healthz").await.status(), 200);
}
on_both_databases!(
    refused_writes,
    a_database_that_refuses_writes_answers_503_and_recovers_by_itself
);

/// SQLite rolls a transaction back by itself on a full disk or an I/O error; sqlx's own
/// ROLLBACK then fails and the connection still believes it is in a transaction, so every
/// later BEGIN on it failed until a restart. Played here by ending the transaction behind
/// sqlx's back.
async fn a_connection_whose_transaction_ended_underneath_is_not_reused(app: TestApp) {
    {
        let mut tx = app.db.begin_write().await.expect("a write transaction");
        tx.execute("ROLLBACK").await.expect("the database ends it");
        // Dropped here: sqlx's own rollback finds no transaction.
    }
    for n in 0..20 {
        let mut tx = app
            .db
            .begin_write()
            .await
            .unwrap_or_else(|e| panic!("write {n} could not begin: {e:?}"));
        tx.execute("UPDATE health_probe SET written_at = written_at + 1")
            .await
            .expect("a write");
        tx.commit().await.expect("a commit");
    }
    assert_eq!(app.get("/healthz").await.status(), 200);
}
on_both_databases!(
    ended_underneath,
    a_connection_whose_transaction_ended_underneath_is_not_reused
);

/// Forty drafters each save their own section of the same version at the same moment: every
/// save lands as its own version (on PostgreSQL they used to race for the next version
/// number, and about a third failed).
async fn drafters_saving_at_once_all_land(app: TestApp) {
    const DRAFTERS: usize = 40;
    let (p, drafters) = started_with_drafters(&app, DRAFTERS).await;
    let document = || async {
        let page: app::views::documents::DocumentPage = app
            .call(
                "documents/page",
                &[("process_id", &p), ("kind", "definition")],
            )
            .await
            .json()
            .await
            .unwrap();
        page.shown.unwrap()
    };
    for i in document().await.sections.len()..DRAFTERS {
        let added = app
            .call(
                "documents/add-section",
                &[
                    ("process_id", &p),
                    ("kind", "definition"),
                    ("heading", &format!("Section {i}")),
                ],
            )
            .await;
        assert_eq!(added.status(), 200);
    }
    let shown = document().await;
    let base = shown.meta.number;
    let keys: Vec<u32> = shown.sections.iter().map(|s| s.key).collect();
    let before = app.count("document_versions").await;
    let saves = drafters
        .into_iter()
        .zip(keys)
        .enumerate()
        .map(|(i, (client, key))| {
            let (base_url, p) = (app.base.clone(), p.clone());
            tokio::spawn(async move {
                client
                    .post(format!("{base_url}/api/documents/save-section"))
                    .form(&[
                        ("process_id", p.as_str()),
                        ("kind", "definition"),
                        ("key", &key.to_string()),
                        ("base", &base.to_string()),
                        ("heading", &format!("Heading {i}")),
                        ("body", &format!("Words of drafter {i}.")),
                        ("summary", "A change"),
                    ])
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
                    .unwrap_or(0)
            })
        });
    let mut statuses = Vec::new();
    for save in saves {
        statuses.push(save.await.unwrap());
    }
    assert!(
        statuses.iter().all(|s| *s == 200),
        "every save is stored: {statuses:?}"
    );
    assert_eq!(
        app.count("document_versions").await - before,
        DRAFTERS as i64,
        "each save is its own version"
    );
    assert_eq!(app.count("edit_conflicts").await, 0, "nobody clashed");

    // And straight at the store, without HTTP in between: sixty writers at the same moment.
    let process = app::domain::ProcessId::new(p.parse().unwrap());
    let author = app::domain::PersonId::new(1);
    let before = app.count("document_versions").await;
    let start = std::sync::Arc::new(tokio::sync::Barrier::new(60));
    let writers = (0..60).map(|_| {
        let (db, start) = (app.db.clone(), start.clone());
        tokio::spawn(async move {
            start.wait().await;
            app::store::documents::write_next(
                &db,
                process,
                app::domain::document::DocumentKind::Definition,
                author,
                app::store::unix_now(),
                |latest| {
                    let content = latest.expect("started").content.clone();
                    app::store::documents::NextVersion::Save(
                        content,
                        app::domain::document::version::ChangeSummary::automatic("At once"),
                        (),
                    )
                },
            )
            .await
            .map(|_| ())
            .map_err(|e| format!("{e:?}"))
        })
    });
    // Spawned now, all of them: the barrier lets them go together.
    let writers: Vec<_> = writers.collect();
    let mut failed = Vec::new();
    for (i, writer) in writers.into_iter().enumerate() {
        match tokio::time::timeout(Duration::from_secs(15), writer).await {
            Ok(done) => {
                if let Err(e) = done.unwrap() {
                    failed.push(e);
                }
            }
            Err(_) => panic!("writer {i} is stuck"),
        }
    }
    assert!(
        failed.is_empty(),
        "{} of 60 failed: {:?}",
        failed.len(),
        failed.first()
    );
    assert_eq!(app.count("document_versions").await - before, 60);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn drafters_saving_at_once_all_land_sqlite() {
    drafters_saving_at_once_all_land(crate::harness::spawn_app(Backend::Sqlite).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn drafters_saving_at_once_all_land_postgres() {
    drafters_saving_at_once_all_land(crate::harness::spawn_app(Backend::Postgres).await).await;
}

async fn a_save_that_loses_every_retry_answers_409_and_keeps_nothing_half_done(app: TestApp) {
    let (p, drafters) = started_with_drafters(&app, 1).await;
    let first = save(
        &app,
        &drafters[0],
        &p,
        1,
        1,
        "A heading",
        "The first change.",
    )
    .await;
    assert_eq!(first.status(), 200);
    // From now on every next version number is taken, as if others always saved first.
    sqlx::query(
        "CREATE UNIQUE INDEX always_taken ON document_versions (process_id) WHERE number >= 2",
    )
    .execute(app.db.pool())
    .await
    .unwrap();
    let before = app.count("document_versions").await;
    let lost = save(
        &app,
        &drafters[0],
        &p,
        2,
        2,
        "A heading",
        "Words that must not vanish.",
    )
    .await;
    assert_eq!(lost.status(), 409, "a lost race is not a server error");
    let error = error_of(lost).await;
    assert!(matches!(error, AppError::Conflict(_)));
    assert!(error.to_string().contains("Please save again"), "{error}");
    assert_eq!(app.count("document_versions").await, before);
}
on_both_databases!(
    exhausted_retries,
    a_save_that_loses_every_retry_answers_409_and_keeps_nothing_half_done
);

/// A closed decision with three open ballots.
async fn closed_decision(app: &TestApp) -> (Cast, String) {
    app.sign_in_as_admin().await;
    let p = app
        .create_process("Records", "Checking the record.")
        .await
        .to_string();
    let cast = cast(app, &p).await;
    declare(app, &cast.participant, &p, "lived_experience").await;
    declare(app, &cast.drafter, &p, "family_or_carer").await;
    declare(app, &cast.facilitator, &p, "lived_experience").await;
    let d = open_consent(app, &cast.facilitator, &p, &[]).await;
    for client in [&cast.participant, &cast.drafter, &cast.facilitator] {
        let r = vote(app, client, &d, &[("answer", "agree")]).await;
        assert_eq!(r.status(), 200);
    }
    let closed = app
        .call_with(&cast.facilitator, "decisions/close", &[("decision_id", &d)])
        .await;
    assert_eq!(closed.status(), 200);
    (cast, d)
}

async fn assert_check_fails(app: &TestApp, cast: &Cast, d: &str, what: &str) {
    let out = verify_record(app);
    assert!(
        !out.status.success(),
        "verify-record passed with {what}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        !page(app, &cast.participant, d).await.record_intact,
        "the page said intact with {what}"
    );
}

async fn the_record_check_catches_gaps_and_forged_tables(app: TestApp) {
    let (cast, d) = closed_decision(&app).await;
    assert!(verify_record(&app).status.success());
    assert!(page(&app, &cast.participant, &d).await.record_intact);
    let run = |sql: String| {
        let db = app.db.clone();
        async move { sqlx::query(&sql).execute(db.pool()).await.unwrap() }
    };
    // Each forgery fails the check, and put back, the check passes again.
    let forgeries = [
        (
            "a forged ballot",
            "ballots",
            "ballot",
            "decision_id",
            "'Agree'",
            "'Object'",
        ),
        (
            "a forged outcome",
            "decisions",
            "outcome",
            "id",
            "'\"passed\":true'",
            "'\"passed\":false'",
        ),
    ];
    for (what, table, column, key, honest, forged) in forgeries {
        let replace = |from: &str, to: &str| {
            format!(
                "UPDATE {table} SET {column} = REPLACE({column}, {from}, {to}) WHERE {key} = {d}"
            )
        };
        run(replace(honest, forged)).await;
        assert_check_fails(&app, &cast, &d, what).await;
        run(replace(forged, honest)).await;
        assert!(verify_record(&app).status.success(), "put back, it passes");
    }

    // The closing entry removed, then the last two, then the whole record.
    run(format!(
        "DELETE FROM participation_record WHERE decision_id = {d} AND seq = (SELECT MAX(seq) FROM participation_record WHERE decision_id = {d})"
    ))
    .await;
    assert_check_fails(&app, &cast, &d, "the closing entry removed").await;
    run(format!(
        "DELETE FROM participation_record WHERE decision_id = {d} AND seq = (SELECT MAX(seq) FROM participation_record WHERE decision_id = {d})"
    ))
    .await;
    assert_check_fails(&app, &cast, &d, "the last two entries removed").await;
    run(format!(
        "DELETE FROM participation_record WHERE decision_id = {d}"
    ))
    .await;
    assert_check_fails(&app, &cast, &d, "the whole record removed").await;
}
on_both_databases!(record_gaps, the_record_check_catches_gaps_and_forged_tables);

/// The decision page keeps what it read of a decision's ballots, record and shows of hands
/// for as long as the decision's `record_revision` stays the same. The database moves that
/// on itself, so a change made behind the app's back shows on the next view, as one made
/// through it does.
async fn a_change_behind_the_apps_back_shows_on_the_next_view(app: TestApp) {
    let (cast, d) = closed_decision(&app).await;
    let revision = || {
        let db = app.db.clone();
        let d = d.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!(
                "SELECT record_revision FROM decisions WHERE id = {d}"
            ))
            .fetch_one(db.pool())
            .await
            .unwrap()
        }
    };
    let run = |sql: String| {
        let db = app.db.clone();
        async move { sqlx::query(&sql).execute(db.pool()).await.unwrap() }
    };
    // Read once, so the next view could use what was kept.
    let before = page(&app, &cast.participant, &d).await;
    assert_eq!(before.ballots, 3);
    assert!(before.record_intact);

    // The attack: a ballot taken out of the table, and nothing else touched.
    run(format!(
        "DELETE FROM ballots WHERE decision_id = {d} AND person_id = \
         (SELECT MIN(person_id) FROM ballots WHERE decision_id = {d})"
    ))
    .await;
    let after = page(&app, &cast.participant, &d).await;
    assert_eq!(after.ballots, 2, "the page counted a ballot that is gone");
    assert!(
        !after.record_intact,
        "the record names a ballot that is gone"
    );

    // Every kind of change to each of the three tables moves the revision on.
    let changes = [
        format!("UPDATE ballots SET cast_at = cast_at + 1 WHERE decision_id = {d}"),
        format!("UPDATE participation_record SET at = at + 1 WHERE decision_id = {d} AND seq = 1"),
        format!("DELETE FROM participation_record WHERE decision_id = {d} AND seq = 1"),
        format!(
            "INSERT INTO group_ballots (decision_id, hands, entered_at, constituency) \
             VALUES ({d}, '{{}}', 0, 'other')"
        ),
        format!("UPDATE group_ballots SET entered_at = 1 WHERE decision_id = {d}"),
        format!("DELETE FROM group_ballots WHERE decision_id = {d}"),
    ];
    for sql in changes {
        let was = revision().await;
        run(sql.clone()).await;
        assert!(revision().await > was, "not moved on by: {sql}");
    }
}
on_both_databases!(
    changed_behind_its_back,
    a_change_behind_the_apps_back_shows_on_the_next_view
);

/// The decision page keeps the voters' names and who may vote for as long as the process's
/// `voters_revision` (and the decision's `record_revision`) stay the same. The database moves
/// it on itself, so a new name or a place taken away shows on the next view, whoever made
/// the change: a withdrawn or renamed person is never shown as they were.
async fn a_changed_name_or_place_shows_on_the_next_view(app: TestApp) {
    let (_, d) = closed_decision(&app).await;
    let run = |sql: String| {
        let db = app.db.clone();
        async move { sqlx::query(&sql).execute(db.pool()).await.unwrap() }
    };
    let voters_revision = || {
        let db = app.db.clone();
        let d = d.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!(
                "SELECT p.voters_revision FROM processes p JOIN decisions d ON d.process_id = p.id \
                 WHERE d.id = {d}"
            ))
            .fetch_one(db.pool())
            .await
            .unwrap()
        }
    };
    // The administrator reads the page once, so the next view could use what was kept.
    let before = page(&app, &app.client, &d).await;
    assert_eq!(before.took_part.len(), 3);
    assert!(!before.took_part.iter().any(|n| n == "Kestrel"));
    let voters = format!("SELECT person_id FROM ballots WHERE decision_id = {d}");

    run(format!(
        "UPDATE people SET pseudonym = 'Kestrel', appearance = 'pseudonym' WHERE id IN ({voters})"
    ))
    .await;
    let renamed = page(&app, &app.client, &d).await;
    assert_eq!(
        renamed.took_part,
        vec!["Kestrel"; 3],
        "the page showed names people no longer go by"
    );

    run(format!(
        "DELETE FROM memberships WHERE person_id = (SELECT MIN(person_id) FROM ballots WHERE decision_id = {d})"
    ))
    .await;
    let left = page(&app, &app.client, &d).await;
    assert!(
        left.took_part
            .contains(&"someone who no longer takes part".to_string()),
        "the page named someone who has left: {:?}",
        left.took_part
    );

    // Each of the tables that says who takes part and how moves the revision on.
    let changes = [
        format!("UPDATE constituency_claims SET confirmed_at = NULL WHERE person_id IN ({voters})"),
        format!("DELETE FROM constituency_claims WHERE person_id IN ({voters})"),
        format!("UPDATE memberships SET role = role WHERE person_id IN ({voters})"),
        format!("UPDATE people SET withdrawn_at = 1 WHERE id IN ({voters})"),
    ];
    for sql in changes {
        let was = voters_revision().await;
        run(sql.clone()).await;
        assert!(voters_revision().await > was, "not moved on by: {sql}");
    }
}
on_both_databases!(
    renamed_behind_its_back,
    a_changed_name_or_place_shows_on_the_next_view
);

/// Signed in as the administrator: a process with one workshop; its id.
async fn evening_workshop(app: &TestApp) -> i64 {
    app.sign_in_as_admin().await;
    let p = app.create_process("Evening", "A room open at night.").await;
    let created = app
        .call(
            "workshops/create",
            &[("process_id", &p.to_string()), ("title", "Evening group")],
        )
        .await;
    assert_eq!(
        created.status(),
        200,
        "{}",
        created.text().await.unwrap_or_default()
    );
    created.json().await.expect("the workshop's id")
}

fn short_limits() -> recovery_commons::http::serve::ServeLimits {
    recovery_commons::http::serve::ServeLimits {
        header_read: Duration::from_secs(2),
        max_connections: 64,
        drain: Duration::from_secs(5),
    }
}

async fn stopping_ends_live_streams_at_once_and_finishes(backend: Backend) {
    let (app, stop, running) = spawn_stoppable(backend, short_limits()).await;
    let w = evening_workshop(&app).await;
    let mut stream = app.get(&format!("/workshops/{w}/live")).await;
    assert_eq!(stream.status(), 200);
    let _first = tokio::time::timeout(Duration::from_secs(5), stream.chunk())
        .await
        .expect("the first frame");

    stop.send(()).expect("the app is running");
    let finished = tokio::time::timeout(Duration::from_secs(4), running).await;
    assert!(
        finished.is_ok(),
        "the server finished before its drain ran out: streams did not hold it"
    );
    assert!(finished.unwrap().expect("the server reports").is_ok());
    let ended = tokio::time::timeout(Duration::from_secs(2), async {
        while let Ok(Some(_)) = stream.chunk().await {}
    })
    .await;
    assert!(
        ended.is_ok(),
        "the live stream ended, so the screen reconnects elsewhere"
    );
}

#[tokio::test]
async fn stopping_ends_live_streams_at_once_and_finishes_sqlite() {
    stopping_ends_live_streams_at_once_and_finishes(Backend::Sqlite).await;
}

#[tokio::test]
async fn stopping_ends_live_streams_at_once_and_finishes_postgres() {
    stopping_ends_live_streams_at_once_and_finishes(Backend::Postgres).await;
}

/// Slow clients are cut off: a connection that sends its headers a byte at a time is closed
/// once the header-read timeout passes, and the server keeps answering others meanwhile.
#[tokio::test]
async fn a_client_too_slow_to_send_its_headers_is_cut_off_sqlite() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (app, _stop, _running) = spawn_stoppable(Backend::Sqlite, short_limits()).await;
    let address = app.base.trim_start_matches("http://").to_string();
    let mut slow = tokio::net::TcpStream::connect(&address).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\n").await.unwrap();
    let started = std::time::Instant::now();
    let mut closed = false;
    while started.elapsed() < Duration::from_secs(6) {
        if slow.write_all(b"X").await.is_err() {
            closed = true;
            break;
        }
        let mut buf = [0u8; 64];
        match tokio::time::timeout(Duration::from_millis(500), slow.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => {
                closed = true;
                break;
            }
            _ => {}
        }
        assert_eq!(app.get("/healthz").await.status(), 200, "others are served");
    }
    assert!(closed, "the slow connection was closed");
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// A backup taken while people vote holds every ballot acknowledged before it began, and
/// passes the record check when restored.
#[tokio::test]
async fn a_backup_taken_in_a_vote_storm_restores_with_every_acknowledged_ballot_sqlite() {
    let app = crate::harness::spawn_app(Backend::Sqlite).await;
    app.sign_in_as_admin().await;
    let process = app.create_process("Backups", "Voting while we copy.").await;
    let p = process.to_string();
    let batch = app.make_codes(process, 30).await;
    let mut voters = Vec::new();
    for code in &batch.unused {
        let client = app.join(code.as_str()).await;
        declare(&app, &client, &p, "lived_experience").await;
        voters.push(client);
    }
    let d = open_consent(&app, &app.client, &p, &[]).await;
    let acknowledged = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let storm = voters.iter().map(|client| {
        let (app, d, acknowledged) = (&app, &d, acknowledged.clone());
        async move {
            if vote(app, client, d, &[("answer", "agree")]).await.status() == 200 {
                acknowledged.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        }
    });
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("copy.db");
    let (_, (before, copy)) = tokio::join!(futures::future::join_all(storm), async {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let before = acknowledged.load(std::sync::atomic::Ordering::SeqCst);
        let copy = recovery_commons::backup::backup(&app.db, &path).await;
        (before, copy)
    });
    let copy = copy.expect("the backup is made and checked");
    assert!(
        copy.ballots as usize >= before,
        "every ballot acknowledged before the copy began is in it ({} < {before})",
        copy.ballots
    );
    // Restored: the copy serves as the database, and passes verify-record.
    let restored = std::process::Command::new(env!("CARGO_BIN_EXE_recovery-commons"))
        .arg("verify-record")
        .env("DATABASE_URL", format!("sqlite://{}", path.display()))
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    // And a backup of everything, once the storm is over, holds every acknowledged ballot.
    let after = folder.path().join("after.db");
    let all = recovery_commons::backup::backup(&app.db, &after)
        .await
        .unwrap();
    assert_eq!(
        all.ballots as usize,
        acknowledged.load(std::sync::atomic::Ordering::SeqCst)
    );
    let refused = recovery_commons::backup::backup(&app.db, &after).await;
    assert!(refused.is_err(), "an existing file is never overwritten");
}

/// The database goes away while a workshop is followed: a screen reconnecting meanwhile is
/// answered 503 (which the page's script retries with backoff), not 500, and once the
/// database is back the same screen follows the room again without anyone restarting.
#[tokio::test]
async fn a_screen_reconnecting_during_a_database_outage_gets_503_then_follows_again_postgres() {
    let app = crate::harness::spawn_app(Backend::Postgres).await;
    let w = evening_workshop(&app).await;
    let live = format!("/workshops/{w}/live");
    assert_eq!(app.get(&live).await.status(), 200);

    app.alter_postgres("WITH ALLOW_CONNECTIONS false").await;
    let during = app.get(&live).await;
    assert_eq!(
        during.status(),
        503,
        "an outage is 503, so screens try again"
    );
    assert_eq!(app.get("/healthz").await.status(), 503);

    app.alter_postgres("WITH ALLOW_CONNECTIONS true").await;
    let mut back = 0;
    for _ in 0..50 {
        back = app.get(&live).await.status().as_u16();
        if back == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        back, 200,
        "the screen follows again once the database is back"
    );
}
