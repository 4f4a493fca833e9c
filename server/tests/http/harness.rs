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

/// The PostgreSQL server to test against, if the environment names one.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

/// A new, empty PostgreSQL database; databases left by earlier runs (over an hour old) are
/// dropped first.
async fn fresh_postgres_database(server_url: &str) -> String {
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

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    init_tracing();
    let (database_url, db_dir) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("a temp dir");
            (
                format!("sqlite://{}/test.db", dir.path().display()),
                Some(dir),
            )
        }
        Backend::Postgres => {
            let Some(server) = postgres_url() else {
                eprintln!("SKIPPED: PostgreSQL test (set TEST_POSTGRES_URL to run it)");
                return None;
            };
            (fresh_postgres_database(&server).await, None)
        }
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
    };
    Some(start(settings, backend, site_root, db_dir).await)
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
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
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
                let app = $crate::harness::spawn_app($crate::harness::Backend::Sqlite)
                    .await
                    .unwrap();
                super::$case(app).await;
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(app) =
                    $crate::harness::spawn_app($crate::harness::Backend::Postgres).await
                {
                    super::$case(app).await;
                }
            }
        }
    };
}
