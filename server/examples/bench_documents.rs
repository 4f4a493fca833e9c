//! Benchmark for issue 4 (not a timed test): prints its figures.
//!
//!     cargo run --release -p recovery-commons --example bench_documents [-- SECONDS]
//!
//! 1. Builds a document of 40 sections × 400 words and 1,000 versions (each changing one
//!    section), then times rendering the published page's HTML and diffing the first and last
//!    versions (pure domain code).
//! 2. Starts the real app (release build, fresh SQLite file, loopback), stores those 1,000
//!    versions, publishes the last, and has 64 concurrent readers fetch the public page for
//!    SECONDS (default 10), reporting requests per second and p50/p99 latency; then the same
//!    asking for compression as browsers do, and with `If-None-Match` (the 304 path a
//!    returning reader takes).
//!
//! 3. Serves the very same gzipped bytes from a bare axum handler (memory, no database, no
//!    middleware) on the same runtime, loads it the same way, and prints the public page's
//!    share of that ceiling (issue 16's goal: at least 50 %, p99 under 25 ms at 64 readers).
//!
//! 4. Adds 1,000 members to the process and, signed in as its administrator, loads the
//!    process, document, history, compare, decisions (two votes of 1,000 secret ballots each,
//!    one counted and one open), each decision, and discussion (200 comments, each on
//!    another of 200 versions) pages at 16 connections, printing
//!    each page's size (and how much of it is data for hydration) with requests per second
//!    and p50/p99.
//!
//! `BENCH_PAGES=<part of a name>` runs only the matching pages; `BENCH_SHOW_QUERIES=1` prints
//! what each asks the database; `BENCH_SAVE_PAGES=DIR` keeps each page's HTML in DIR.
//!
//! The server and the readers share this machine's cores, as a load generator on the same
//! host would.

use std::sync::Arc;
use std::time::{Duration, Instant};

use app::auth::cookie::SESSION_COOKIE;
use app::auth::token::SecretToken;
use app::domain::deliberation::moderation::Visibility;
use app::domain::document::diff::compare;
use app::domain::document::easy_read::Reading;
use app::domain::document::render::document_html;
use app::domain::document::version::{ChangeSummary, PublicationStatus, VersionNumber};
use app::domain::document::{
    DocumentContent, DocumentKind, Section, SectionBody, SectionHeading, SectionKey,
};
use app::domain::{ProcessDescription, ProcessRole, ProcessTitle, SiteRole};
use app::store::documents::{NextVersion, write_next};
use recovery_commons::Application;
use recovery_commons::settings::Settings;

const SECTIONS: usize = 40;
const WORDS: usize = 400;
/// Issue 16 measured signed-in pages at 1,000 versions and 200 comments.
const VERSIONS: usize = 1_000;
const COMMENTS: usize = 200;
const READERS: usize = 64;
/// Issue 16 measured signed-in pages at 16 connections.
const SIGNED_IN_READERS: usize = 16;
const MEMBERS: usize = 1_000;

const VOCABULARY: &[&str] = &[
    "recovery",
    "hope",
    "people",
    "support",
    "choice",
    "community",
    "housing",
    "work",
    "family",
    "peer",
    "mentor",
    "treatment",
    "harm",
    "reduction",
    "together",
    "local",
    "services",
    "voice",
    "identity",
    "strength",
    "mutual",
    "aid",
    "friends",
    "health",
    "*change*",
    "**trust**",
];

fn words(seed: usize, count: usize) -> String {
    let mut text = String::new();
    for i in 0..count {
        if i > 0 {
            text.push(if i % 80 == 0 { '\n' } else { ' ' });
            if i % 80 == 0 {
                text.push('\n');
            }
        }
        text.push_str(VOCABULARY[(seed * 31 + i * 7 + i / 13) % VOCABULARY.len()]);
    }
    text
}

fn versions() -> Vec<DocumentContent> {
    let mut sections: Vec<Section> = (0..SECTIONS)
        .map(|i| Section {
            key: SectionKey::new(i as u32 + 1),
            heading: SectionHeading::parse(&format!("Section {}", i + 1)).expect("heading"),
            body: SectionBody::parse(&words(i, WORDS)).expect("body"),
            easy_read: None,
        })
        .collect();
    let mut out = vec![DocumentContent::new(sections.clone()).expect("content")];
    for v in 1..VERSIONS {
        let at = (v * 7) % SECTIONS;
        sections[at].body = SectionBody::parse(&words(v * 101 + at, WORDS)).expect("body");
        out.push(DocumentContent::new(sections.clone()).expect("content"));
    }
    out
}

/// Counts the statements sqlx runs while switched on (sqlx reports each one as a `sqlx::query`
/// event), so each page's figures can say how many queries one view of it takes.
struct QueryCounter;

static COUNTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static QUERIES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for QueryCounter {
    fn register_callsite(
        &self,
        metadata: &'static tracing::Metadata<'static>,
    ) -> tracing::subscriber::Interest {
        if metadata.target() == "sqlx::query" {
            tracing::subscriber::Interest::sometimes()
        } else {
            tracing::subscriber::Interest::never()
        }
    }

    fn enabled(
        &self,
        metadata: &tracing::Metadata<'_>,
        _: tracing_subscriber::layer::Context<'_, S>,
    ) -> bool {
        metadata.target() == "sqlx::query" && COUNTING.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        QUERIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // BENCH_SHOW_QUERIES=1 prints each counted statement's summary, to see what a page asks.
        if std::env::var_os("BENCH_SHOW_QUERIES").is_some() {
            struct Summary;
            impl tracing::field::Visit for Summary {
                fn record_debug(
                    &mut self,
                    field: &tracing::field::Field,
                    value: &dyn std::fmt::Debug,
                ) {
                    // BENCH_SHOW_QUERIES=full prints each whole statement instead.
                    let full = std::env::var("BENCH_SHOW_QUERIES").is_ok_and(|v| v == "full");
                    if field.name() == if full { "db.statement" } else { "summary" } {
                        println!("      query: {value:?}");
                    }
                }
            }
            event.record(&mut Summary);
        }
    }
}

fn time<T>(runs: u32, mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(f());
    }
    start.elapsed() / runs
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

async fn load(
    url: &str,
    etag: Option<String>,
    gzip: bool,
    seconds: u64,
) -> (usize, Vec<Duration>, usize) {
    load_as(url, etag, gzip, None, READERS, seconds).await
}

/// As [`load`], with `readers` connections, each sending `cookie` if given.
async fn load_as(
    url: &str,
    etag: Option<String>,
    gzip: bool,
    cookie: Option<String>,
    readers: usize,
    seconds: u64,
) -> (usize, Vec<Duration>, usize) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let url = Arc::new(url.to_string());
    let mut tasks = Vec::new();
    for _ in 0..readers {
        let url = url.clone();
        let etag = etag.clone();
        let cookie = cookie.clone();
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut latencies = Vec::new();
            let mut failures = 0;
            while Instant::now() < deadline {
                let mut request = client.get(url.as_str());
                if let Some(tag) = &etag {
                    request = request.header("If-None-Match", tag);
                }
                if gzip {
                    request = request.header("Accept-Encoding", "gzip, br");
                }
                if let Some(cookie) = &cookie {
                    request = request.header("Cookie", cookie);
                }
                let start = Instant::now();
                match request.send().await {
                    Ok(r) if r.status().is_success() || r.status() == 304 => {
                        let _ = r.bytes().await;
                        latencies.push(start.elapsed());
                    }
                    _ => failures += 1,
                }
            }
            (latencies, failures)
        }));
    }
    let mut all = Vec::new();
    let mut failures = 0;
    for task in tasks {
        let (l, f) = task.await.expect("a reader task");
        all.extend(l);
        failures += f;
    }
    all.sort();
    (all.len(), all, failures)
}

fn report(label: &str, seconds: u64, figures: (usize, Vec<Duration>, usize)) {
    report_with(label, seconds, READERS, figures);
}

fn report_with(
    label: &str,
    seconds: u64,
    readers: usize,
    (count, latencies, failures): (usize, Vec<Duration>, usize),
) {
    println!(
        "{label}: {:.0} requests/s, p50 {:.2} ms, p99 {:.2} ms ({count} requests, {failures} failed, {readers} readers, {seconds} s)",
        count as f64 / seconds as f64,
        percentile(&latencies, 0.50).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
    );
}

/// Two secret single-choice votes of the whole process, each with a ballot from every
/// member (spread over the constituencies): one counted and closed, one still open.
async fn decisions_with_ballots(
    db: &app::store::Db,
    process: app::domain::ProcessId,
    admin: app::domain::PersonId,
    members: &[app::domain::PersonId],
    now: i64,
) -> anyhow::Result<(i64, i64)> {
    use app::domain::Constituency;
    use app::domain::decision::ballot::Ballot;
    use app::domain::decision::method::Method;
    use app::domain::decision::rule::{DecisionRule, Threshold};
    use app::domain::decision::spec::DecisionSpec;
    use app::domain::decision::subject::DecisionSubject;
    use app::store::decisions::{self, Opening};
    let started = Instant::now();
    let mut ids = Vec::new();
    for question in [
        "Which name should the group use?",
        "Where should we meet next?",
    ] {
        let spec = DecisionSpec::parse(
            DecisionSubject::Question,
            question,
            Method::SingleChoice,
            DecisionRule {
                threshold: Threshold::SimpleMajority,
                co_production: None,
            },
            &[
                "First".to_string(),
                "Second".to_string(),
                "Third".to_string(),
            ],
            Constituency::ALL.to_vec(),
            true,
        )
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let opening = Opening {
            by: admin,
            now,
            closes_at: None,
            workshop: None,
        };
        let id = decisions::open(db, process, &spec, opening).await?;
        let decision = decisions::find(db, id)
            .await?
            .expect("the decision just opened");
        for (i, person) in members.iter().enumerate() {
            let claim = [Constituency::ALL[(i + 1) % Constituency::ALL.len()]];
            let ballot = Ballot::Single(i % 3);
            decisions::cast(db, &decision, *person, &claim, &ballot, now).await?;
        }
        ids.push(decision);
    }
    let closed = &ids[0];
    let (spec, k) = (closed.spec.clone(), closed.secrecy);
    decisions::close(db, closed, Some(admin), now, |cast, closer| {
        spec.closing(cast, closer, k)
    })
    .await?;
    println!(
        "Cast {} ballots in two decisions in {:.2} s",
        2 * members.len(),
        started.elapsed().as_secs_f64()
    );
    Ok((ids[0].id, ids[1].id))
}

fn main() -> anyhow::Result<()> {
    {
        use tracing_subscriber::layer::SubscriberExt;
        tracing::subscriber::set_global_default(tracing_subscriber::registry().with(QueryCounter))?;
    }
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10);
    println!("Building {SECTIONS} sections × {WORDS} words, {VERSIONS} versions…");
    let all = versions();
    let (first, last) = (&all[0], &all[VERSIONS - 1]);
    let html = document_html(last, Reading::Full, &app::domain::glossary::starting());
    println!("Published page body: {} KB of HTML", html.len() / 1024);
    let render = time(20, || {
        document_html(last, Reading::Full, &app::domain::glossary::starting())
    });
    println!(
        "Render the published page (Markdown → sanitised HTML), once per publication: {:.2} ms",
        render.as_secs_f64() * 1000.0
    );
    let diff = time(20, || compare(first, last));
    println!(
        "Diff version 1 against version {VERSIONS} (all 40 sections, word level): {:.2} ms",
        diff.as_secs_f64() * 1000.0
    );

    let dir = tempfile::tempdir()?;
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let settings = Settings {
        database_url: format!("sqlite://{}/bench.db", dir.path().display()),
        listen: "127.0.0.1:0".parse()?,
        public_url: None,
        site_root: dir.path().display().to_string(),
        live_stream_seconds: 3600,
        email: Default::default(),
    };
    let (base, process, cookie, closed, open) = server.block_on(async {
        let app = Application::build(&settings).await?;
        let base = format!("http://{}", app.local_addr());
        let db = app.db();
        let now = app::store::unix_now();
        let admin = app::store::people::insert(&db, SiteRole::SiteAdmin, now).await?;
        let process = app::store::processes::insert(
            &db,
            &ProcessTitle::parse("Benchmark").expect("title"),
            &ProcessDescription::parse("Benchmark data.").expect("description"),
            admin,
            now,
        )
        .await?;
        let started = Instant::now();
        for content in &all {
            write_next(&db, process, DocumentKind::Definition, admin, now, |_| {
                NextVersion::Save(content.clone(), ChangeSummary::automatic("bench"), ())
            })
            .await?;
        }
        println!(
            "Stored {VERSIONS} versions (full copies) in {:.2} s",
            started.elapsed().as_secs_f64()
        );
        let started = Instant::now();
        for _ in 0..20 {
            app::store::documents::history(&db, process, DocumentKind::Definition).await?;
        }
        println!(
            "List the {VERSIONS} versions (the history query, from its covering index): {:.2} ms",
            started.elapsed().as_secs_f64() * 1000.0 / 20.0
        );
        let latest = app::store::documents::latest(&db, process, DocumentKind::Definition)
            .await?
            .expect("a version");
        app::store::documents::publish(
            &db,
            process,
            DocumentKind::Definition,
            latest.number,
            PublicationStatus::DraftForConsultation,
            admin,
            now,
            &html,
            "bench",
        )
        .await?;
        // A process of a thousand members, and a signed-in session for its administrator.
        let started = Instant::now();
        let mut members = Vec::with_capacity(MEMBERS);
        for _ in 0..MEMBERS {
            let person = app::store::people::insert(&db, SiteRole::Member, now).await?;
            members.push(person);
            // Each says which group they belong to, as people do when they join.
            let group = app::domain::Constituency::ALL[members.len() % 6];
            app::store::constituency_claims::set_declared(&db, process, person, &[group], now)
                .await?;
            app::store::memberships::add(db.pool(), process, person, ProcessRole::Participant, now)
                .await?;
        }
        println!(
            "Added {MEMBERS} members in {:.2} s",
            started.elapsed().as_secs_f64()
        );
        // 200 comments on section 1, each made on another version.
        for number in (1..=VERSIONS as u32).step_by(VERSIONS / COMMENTS) {
            app::store::comments::insert(
                &db,
                app::store::comments::NewComment {
                    process,
                    kind: DocumentKind::Definition,
                    section: SectionKey::new(1),
                    version: VersionNumber::new(number).expect("a version number"),
                    amendment: None,
                    thread: None,
                    quote: None,
                    body: "A comment on this version.",
                    author: Some(admin),
                    public_name: None,
                    visibility: Visibility::Visible,
                    said_in_room: false,
                },
                now,
            )
            .await?;
        }
        let (closed, open) = decisions_with_ballots(&db, process, admin, &members, now).await?;
        let token = SecretToken::generate();
        app::store::sessions::insert(&db, &token.hash(), admin, now, now + 86_400).await?;
        let cookie = format!("{SESSION_COOKIE}={}", token.expose());
        tokio::spawn(async move {
            let _ = app.run_until_stopped(std::future::pending()).await;
        });
        anyhow::Ok((base, process, cookie, closed, open))
    })?;

    let readers = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let url = format!("{base}/read/{process}/definition");
    readers.block_on(async {
        // The tag of the gzipped page, which returning browsers send back.
        let first = reqwest::Client::new()
            .get(&url)
            .header("Accept-Encoding", "gzip")
            .send()
            .await?;
        let etag = first
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let gzipped = first.bytes().await?;
        println!(
            "Public page: {} KB gzipped, ETag {}",
            gzipped.len() / 1024,
            etag.clone().unwrap_or_default()
        );
        let _ = load(&url, None, false, 2).await; // warm-up
        report(
            "Public page, full responses (200)",
            seconds,
            load(&url, None, false, seconds).await,
        );
        let page = load(&url, None, true, seconds).await;
        let page_rate = page.0 as f64 / seconds as f64;
        report(
            "Public page, full responses, compressed as browsers ask (200)",
            seconds,
            page,
        );
        // The ceiling: the same bytes from memory, through nothing but axum.
        let bare = server.spawn(async move {
            use axum::http::header;
            let router = axum::Router::new().route(
                "/",
                axum::routing::get(move || {
                    let body = gzipped.clone();
                    async move {
                        (
                            [
                                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                                (header::CONTENT_ENCODING, "gzip"),
                            ],
                            body,
                        )
                    }
                }),
            );
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            let address = listener.local_addr()?;
            tokio::spawn(async move { axum::serve(listener, router).await });
            anyhow::Ok(address)
        });
        let bare = bare.await??;
        let bare_url = format!("http://{bare}/");
        let _ = load(&bare_url, None, true, 2).await; // warm-up
        let ceiling = load(&bare_url, None, true, seconds).await;
        let ceiling_rate = ceiling.0 as f64 / seconds as f64;
        report(
            "The same bytes from a bare static handler",
            seconds,
            ceiling,
        );
        println!(
            "Public page / bare static handler: {:.0} %",
            100.0 * page_rate / ceiling_rate.max(1.0)
        );
        report(
            "Public page, returning readers (304)",
            seconds,
            load(&url, etag, true, seconds).await,
        );

        // Signed-in pages of the process of a thousand members, as its administrator.
        println!(
            "Signed-in pages ({MEMBERS} members, {VERSIONS} versions, {SIGNED_IN_READERS} readers):"
        );
        let client = reqwest::Client::new();
        for (name, path) in [
            ("process page", format!("/processes/{process}")),
            (
                "document page",
                format!("/processes/{process}/documents/definition"),
            ),
            (
                "history (page 1 of 20)",
                format!("/processes/{process}/documents/definition/history"),
            ),
            (
                "compare 1 with 1,000",
                format!("/processes/{process}/documents/definition/compare?from=1&to={VERSIONS}"),
            ),
            (
                "decisions (two of 1,000 ballots each)",
                format!("/processes/{process}/decisions"),
            ),
            (
                "a closed decision, 1,000 secret ballots counted",
                format!("/processes/{process}/decisions/{closed}"),
            ),
            (
                "an open decision, 1,000 secret ballots cast",
                format!("/processes/{process}/decisions/{open}"),
            ),
            (
                "discussion of section 1 (200 comments on 200 versions)",
                format!("/processes/{process}/documents/definition/sections/1/discussion"),
            ),
        ] {
            // `BENCH_PAGES=decision` measures only the pages whose names contain it (for
            // profiling one page).
            if std::env::var("BENCH_PAGES").is_ok_and(|only| !name.contains(only.as_str())) {
                continue;
            }
            let page_url = format!("{base}{path}");
            let get = || client.get(&page_url).header("Cookie", &cookie).send();
            // The first view renders everything; later views find the version's sections
            // and comparisons already made on this instance.
            let started = Instant::now();
            let body = get().await?.text().await?;
            let first_view = started.elapsed();
            let started = Instant::now();
            for _ in 0..20 {
                get().await?.bytes().await?;
            }
            let one_at_a_time = started.elapsed() / 20;
            QUERIES.store(0, std::sync::atomic::Ordering::Relaxed);
            COUNTING.store(true, std::sync::atomic::Ordering::Relaxed);
            get().await?.bytes().await?;
            COUNTING.store(false, std::sync::atomic::Ordering::Relaxed);
            let queries = QUERIES.load(std::sync::atomic::Ordering::Relaxed);
            // BENCH_SAVE_PAGES=DIR keeps each page's HTML there, to see what it is made of.
            if let Some(dir) = std::env::var_os("BENCH_SAVE_PAGES") {
                let file: String = name
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                std::fs::write(std::path::Path::new(&dir).join(format!("{file}.html")), &body)?;
            }
            let hydration = body
                .find("__RESOLVED_RESOURCES")
                .map_or(0, |at| body.len() - at);
            let _ = load_as(
                &page_url,
                None,
                false,
                Some(cookie.clone()),
                SIGNED_IN_READERS,
                1,
            )
            .await;
            report_with(
                &format!(
                    "  {name}: {} KB of HTML ({} KB of it data for hydration); first view {:.1} ms, then {:.1} ms one at a time, {queries} queries",
                    body.len() / 1024,
                    hydration / 1024,
                    first_view.as_secs_f64() * 1000.0,
                    one_at_a_time.as_secs_f64() * 1000.0,
                ),
                seconds,
                SIGNED_IN_READERS,
                load_as(
                    &page_url,
                    None,
                    false,
                    Some(cookie.clone()),
                    SIGNED_IN_READERS,
                    seconds,
                )
                .await,
            );
        }
        anyhow::Ok(())
    })?;
    server.shutdown_background();
    Ok(())
}
