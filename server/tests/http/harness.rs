//! `spawn_app()`: starts the real application on port 0 with a fresh database.

use std::sync::Once;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use app::store::Db;
use recovery_commons::Application;
use recovery_commons::settings::Settings;
use reqwest::header::{ACCEPT, CONTENT_TYPE, REFERER};
use sqlx::{Connection, Executor, PgConnection};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    /// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
    pub client: reqwest::Client,
    pub admin_link: Option<String>,
    pub db: Db,
    pub backend: Backend,
    pub settings: Settings,
    _site_root: tempfile::TempDir,
    _db_dir: Option<tempfile::TempDir>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

static TRACING: Once = Once::new();
static COUNTER: AtomicU32 = AtomicU32::new(0);

fn init_tracing() {
    TRACING.call_once(|| {
        if std::env::var_os("TEST_LOG").is_some() {
            tracing_subscriber::fmt()
                .with_env_filter("info,sqlx=warn")
                .with_test_writer()
                .init();
        }
    });
}

pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a reqwest client")
}

/// The PostgreSQL server to test against. Both databases are promised, so a PostgreSQL case
/// without one fails rather than passing unrun: `scripts/test.sh` sets `TEST_POSTGRES_URL`,
/// and `scripts/test.sh --sqlite-only` leaves the PostgreSQL cases out (and says so).
pub fn postgres_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .expect(
            "TEST_POSTGRES_URL is not set: PostgreSQL cases run against it \
             (scripts/test.sh sets it; --sqlite-only leaves these cases out)",
        )
}

/// A new, empty PostgreSQL database; databases left by earlier runs (over an hour old) are
/// dropped first.
pub async fn fresh_postgres_database(server_url: &str) -> String {
    let mut admin = PgConnection::connect(server_url)
        .await
        .expect("connect to PostgreSQL");
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let stale: Vec<String> =
        sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE 'rc_test_%'")
            .fetch_all(&mut admin)
            .await
            .unwrap_or_default();
    for name in stale {
        let born = name
            .split('_')
            .nth(2)
            .and_then(|s| s.parse::<u64>().ok())
            .unwrap_or(now);
        if now.saturating_sub(born) > 3600 {
            let _ = admin
                .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                .await;
        }
    }
    let name = format!(
        "rc_test_{now}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    admin
        .execute(format!("CREATE DATABASE \"{name}\"").as_str())
        .await
        .expect("create a test database");
    let (server, _) = server_url
        .rsplit_once('/')
        .expect("a database URL ends with /dbname");
    format!("{server}/{name}")
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    let (settings, site_root, db_dir) = prepare(backend).await;
    start(settings, backend, site_root, db_dir).await
}

/// A fresh app that serves with `limits` and stops when the sender is used (or dropped); the
/// receiver gets what `run_with_limits` returned.
pub async fn spawn_stoppable(
    backend: Backend,
    limits: recovery_commons::http::serve::ServeLimits,
) -> (
    TestApp,
    tokio::sync::oneshot::Sender<()>,
    tokio::sync::oneshot::Receiver<anyhow::Result<()>>,
) {
    let (settings, site_root, db_dir) = prepare(backend).await;
    let app = Application::build(&settings).await.expect("the app builds");
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (done, finished) = tokio::sync::oneshot::channel();
    let base = format!("http://{}", app.local_addr());
    let admin_link = app.first_admin_link().map(str::to_string);
    let db = app.db();
    let server = tokio::spawn(async move {
        let result = app
            .run_with_limits(
                async move {
                    let _ = stopped.await;
                },
                limits,
            )
            .await;
        let _ = done.send(result);
    });
    let app = TestApp {
        base,
        client: new_client(),
        admin_link,
        db,
        backend,
        settings,
        _site_root: site_root,
        _db_dir: db_dir,
        server,
    };
    (app, stop, finished)
}

/// Settings for a fresh database and site folder.
async fn prepare(backend: Backend) -> (Settings, tempfile::TempDir, Option<tempfile::TempDir>) {
    init_tracing();
    let (database_url, db_dir) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("a temp dir");
            (
                format!("sqlite://{}/test.db", dir.path().display()),
                Some(dir),
            )
        }
        Backend::Postgres => (fresh_postgres_database(&postgres_url()).await, None),
    };
    let site_root = tempfile::tempdir().expect("a temp dir");
    std::fs::create_dir_all(site_root.path().join("pkg")).unwrap();
    std::fs::write(
        site_root.path().join("pkg/probe.js"),
        "console.log('probe');",
    )
    .unwrap();
    let settings = Settings {
        database_url,
        listen: "127.0.0.1:0".parse().unwrap(),
        public_url: None,
        site_root: site_root.path().display().to_string(),
        live_stream_seconds: 3600,
        email: Default::default(),
    };
    (settings, site_root, db_dir)
}

/// Starts (or restarts) the app with these settings.
pub async fn start(
    settings: Settings,
    backend: Backend,
    site_root: tempfile::TempDir,
    db_dir: Option<tempfile::TempDir>,
) -> TestApp {
    let app = Application::build(&settings).await.expect("the app builds");
    let base = format!("http://{}", app.local_addr());
    let admin_link = app.first_admin_link().map(str::to_string);
    let db = app.db();
    let server = tokio::spawn(async move {
        let _ = app.run_until_stopped(std::future::pending()).await;
    });
    TestApp {
        base,
        client: new_client(),
        admin_link,
        db,
        backend,
        settings,
        _site_root: site_root,
        _db_dir: db_dir,
        server,
    }
}

impl TestApp {
    /// Another instance of the app on this one's database (as behind a load balancer), with
    /// `email` settings. It stops when dropped; this one keeps the database's folder.
    pub async fn another_instance(
        &self,
        email: recovery_commons::settings::EmailSettings,
    ) -> TestApp {
        let site_root = tempfile::tempdir().expect("a temp dir");
        std::fs::create_dir_all(site_root.path().join("pkg")).expect("a pkg folder");
        let settings = Settings {
            site_root: site_root.path().display().to_string(),
            email,
            ..self.settings.clone()
        };
        start(settings, self.backend, site_root, None).await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// The text of the page at `path` as `client` gets it.
    pub async fn page_as(&self, client: &reqwest::Client, path: &str) -> String {
        client
            .get(self.url(path))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("a page's text")
    }

    /// Calls a server function as the hydrated app does (form-encoded, JSON back).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.call_with(&self.client, endpoint, form).await
    }

    pub async fn call_with(
        &self,
        client: &reqwest::Client,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(encode_form(form))
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form as a browser without JavaScript does, from the page at `from`.
    pub async fn post_form(
        &self,
        endpoint: &str,
        from: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .header(REFERER, self.url(from))
            .header("Origin", self.base.clone())
            .body(encode_form(form))
            .send()
            .await
            .expect("POST")
    }

    /// Signs this app's client in as the first site administrator.
    pub async fn sign_in_as_admin(&self) {
        let link = self.admin_link.as_deref().expect("a first-admin link");
        let token = link
            .split("token=")
            .nth(1)
            .expect("the link carries a token");
        let response = self.call("session/redeem-link", &[("token", token)]).await;
        assert!(
            response.status().is_success(),
            "sign-in failed: {}",
            response.status()
        );
    }

    pub async fn create_process(&self, title: &str, description: &str) -> i64 {
        let response = self
            .call(
                "processes/create",
                &[("title", title), ("description", description)],
            )
            .await;
        assert_eq!(
            response.status(),
            200,
            "{}",
            response.text().await.unwrap_or_default()
        );
        response.json::<i64>().await.expect("the new id")
    }
}

impl TestApp {
    /// As a signed-in facilitator or administrator: makes `count` sign-in codes for the
    /// process and returns the printable batch.
    pub async fn make_codes(
        &self,
        process: i64,
        count: usize,
    ) -> app::views::codes::PrintableBatch {
        let p = process.to_string();
        let n = count.to_string();
        let created = self
            .call(
                "codes/create",
                &[("process_id", &p), ("count", &n), ("valid_days", "14")],
            )
            .await;
        assert_eq!(
            created.status(),
            200,
            "{}",
            created.text().await.unwrap_or_default()
        );
        let batch: i64 = created.json().await.expect("a batch id");
        let b = batch.to_string();
        self.call("codes/batch", &[("process_id", &p), ("batch_id", &b)])
            .await
            .json()
            .await
            .expect("a batch")
    }

    /// A new browser that joins with `code`.
    pub async fn join(&self, code: &str) -> reqwest::Client {
        let client = new_client();
        let response = self
            .call_with(&client, "session/redeem-code", &[("code", code)])
            .await;
        assert_eq!(
            response.status(),
            200,
            "{}",
            response.text().await.unwrap_or_default()
        );
        client
    }
}

/// The error a refused request answered with.
pub async fn error_of(response: reqwest::Response) -> app::error::AppError {
    response.json().await.expect("an AppError body")
}

/// The message a refused request gave for one form field.
pub async fn field_message(response: reqwest::Response, field: &str) -> String {
    let error = error_of(response).await;
    error
        .for_field(field)
        .unwrap_or_else(|| panic!("no message for {field}: {error:?}"))
}

pub fn encode_form(form: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish()
}

/// Declares one test case that runs on both databases: `$name::sqlite` and
/// `$name::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $case:ident) => {
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$case($crate::harness::spawn_app($crate::harness::Backend::Sqlite).await)
                    .await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$case($crate::harness::spawn_app($crate::harness::Backend::Postgres).await)
                    .await;
            }
        }
    };
}

/// A database frozen after a fixture was set up: each [`Snapshot::start`] starts a fresh app
/// on its own copy, so one case never sees what another did.
pub struct Snapshot {
    backend: Backend,
    /// SQLite: the frozen file. PostgreSQL: template databases, each copied by one caller at a
    /// time (PostgreSQL copies only a database nobody else is using), so several can be
    /// copied at once.
    sources: Vec<tokio::sync::Mutex<String>>,
    _dir: Option<tempfile::TempDir>,
}

/// How many PostgreSQL templates a snapshot keeps, so that many copies can be made at once.
const TEMPLATES: usize = 4;

impl TestApp {
    /// Stops this app and freezes its database.
    pub async fn snapshot(self) -> Snapshot {
        let backend = self.backend;
        let url = self.settings.database_url.clone();
        self.server.abort();
        self.db.close().await;
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temp dir");
                let frozen = dir.path().join("frozen.db");
                let mut db = <sqlx::SqliteConnection as Connection>::connect(&url)
                    .await
                    .expect("open the fixture");
                sqlx::query("VACUUM INTO $1")
                    .bind(frozen.display().to_string())
                    .execute(&mut db)
                    .await
                    .expect("freeze the fixture");
                Snapshot {
                    backend,
                    sources: vec![tokio::sync::Mutex::new(frozen.display().to_string())],
                    _dir: Some(dir),
                }
            }
            Backend::Postgres => {
                let mut sources = vec![tokio::sync::Mutex::new(url.clone())];
                for _ in 1..TEMPLATES {
                    sources.push(tokio::sync::Mutex::new(postgres_copy(&url).await));
                }
                Snapshot {
                    backend,
                    sources,
                    _dir: None,
                }
            }
        }
    }
}

impl Snapshot {
    /// A fresh app on a copy of the frozen database.
    pub async fn start(&self) -> TestApp {
        let site_root = tempfile::tempdir().expect("a temp dir");
        std::fs::create_dir_all(site_root.path().join("pkg")).expect("a pkg folder");
        let (database_url, db_dir) = match self.backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("a temp dir");
                let copy = dir.path().join("copy.db");
                let source = self.sources[0].lock().await;
                std::fs::copy(&*source, &copy).expect("copy the fixture");
                (format!("sqlite://{}", copy.display()), Some(dir))
            }
            Backend::Postgres => {
                // A free template if there is one; otherwise wait for the first.
                let template = match self.sources.iter().find_map(|s| s.try_lock().ok()) {
                    Some(free) => free,
                    None => self.sources[0].lock().await,
                };
                (postgres_copy(&template).await, None)
            }
        };
        let settings = Settings {
            database_url,
            listen: "127.0.0.1:0".parse().expect("an address"),
            public_url: None,
            site_root: site_root.path().display().to_string(),
            live_stream_seconds: 3600,
            email: Default::default(),
        };
        start(settings, self.backend, site_root, db_dir).await
    }

    /// Drops the PostgreSQL templates (a SQLite snapshot goes with its folder).
    pub async fn discard(self) {
        if self.backend != Backend::Postgres {
            return;
        }
        let Ok(mut admin) = PgConnection::connect(&postgres_url()).await else {
            return;
        };
        for source in self.sources {
            let url = source.into_inner();
            if let Some((_, name)) = url.rsplit_once('/') {
                let _ = admin
                    .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                    .await;
            }
        }
    }
}

/// A new database made from `template` (whose other sessions, such as a live listener that
/// outlived its app, are ended first: PostgreSQL copies only a database nobody is using).
async fn postgres_copy(template: &str) -> String {
    let (server, template_name) = template.rsplit_once('/').expect("a database URL");
    let mut admin = PgConnection::connect(&postgres_url())
        .await
        .expect("connect to PostgreSQL");
    let name = format!(
        "rc_test_{}_{}_{}",
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    for attempt in 0.. {
        let _ = sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        )
        .bind(template_name)
        .execute(&mut admin)
        .await;
        let created = admin
            .execute(format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template_name}\"").as_str())
            .await;
        match created {
            Ok(_) => break,
            Err(error) if attempt < 40 => {
                tracing::debug!(?error, "the template was busy; trying again");
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            }
            Err(error) => panic!("could not copy the fixture database: {error}"),
        }
    }
    format!("{server}/{name}")
}

impl TestApp {
    /// Calls a server function as the person whose session cookie is `cookie` (none: signed
    /// out), without keeping any cookie the answer sets.
    pub async fn call_as(
        &self,
        cookie: Option<&str>,
        endpoint: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client");
        let mut request = client
            .post(self.url(&format!("/api/{endpoint}")))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(encode_form(form));
        if let Some(cookie) = cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        request.send().await.expect("POST")
    }

    /// Drops this app's database (PostgreSQL; a SQLite copy goes with its folder).
    pub async fn discard(self) {
        let (backend, url) = (self.backend, self.settings.database_url.clone());
        self.server.abort();
        self.db.close().await;
        if backend == Backend::Postgres
            && let Some((_, name)) = url.rsplit_once('/')
            && let Ok(mut admin) = PgConnection::connect(&postgres_url()).await
        {
            let _ = admin
                .execute(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").as_str())
                .await;
        }
    }
}

/// A public download: checks its status and content type, and returns its text.
pub async fn download(app: &TestApp, path: &str, content_type: &str) -> String {
    let response = new_client().get(app.url(path)).send().await.expect("GET");
    assert_eq!(response.status(), 200, "{path}");
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with(content_type),
        "{path}"
    );
    response.text().await.expect("a download's text")
}
