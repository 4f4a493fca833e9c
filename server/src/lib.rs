//! The Recovery Commons server: builds the axum router around the Leptos app, connects and
//! migrates the database, and serves until told to stop.

pub mod backup;
pub mod email;
pub mod http;
pub mod settings;

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::extract::{FromRef, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::routing::get;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tokio::net::TcpListener;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use app::auth::bootstrap::ensure_first_site_admin;
use app::state::{AppConfig, AppState};
use app::store::{Db, sessions, unix_now};
use app::ui::{App, shell};
use http::same_origin::AllowedOrigin;
use settings::Settings;

/// mimalloc rather than the system allocator, for the binary, the benchmarks and the tests
/// alike: rendering a page allocates thousands of small strings, and glibc's allocator spent
/// about a fifth of the server's CPU in `malloc`, `free` and their locks under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Largest request body accepted. Generous for a long document section; far below anything
/// that could exhaust memory.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The name cargo-leptos gives the built JavaScript, WebAssembly and CSS.
const OUTPUT_NAME: &str = "recovery-commons";

/// The axum router's state.
#[derive(Clone, FromRef)]
pub struct ServerState {
    pub leptos_options: LeptosOptions,
    pub app: AppState,
    pub allowed_origin: AllowedOrigin,
    pub published: std::sync::Arc<http::published::PublishedPages>,
}

pub struct Application {
    listener: TcpListener,
    site_root: String,
    router: Router,
    state: AppState,
    base_url: String,
    first_admin_link: Option<String>,
    email: Option<email::EmailLoop>,
}

impl Application {
    /// Connects to and migrates the database, creates the first administrator if there is
    /// nobody yet, and binds the listening socket.
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        let db = Db::connect(&settings.database_url)
            .await
            .with_context(|| format!("connecting to {}", settings.database_url_for_logs()))?;
        db.migrate().await.context("applying database migrations")?;

        let listener = TcpListener::bind(settings.listen)
            .await
            .with_context(|| format!("listening on {}", settings.listen))?;
        let local_addr = listener
            .local_addr()
            .context("reading the listening address")?;
        let base_url = settings
            .public_url
            .clone()
            .map(|u| u.trim_end_matches('/').to_string())
            .unwrap_or_else(|| format!("http://{local_addr}"));

        let first_admin_link = ensure_first_site_admin(&db)
            .await
            .context("creating the first site administrator")?
            .map(|path| format!("{base_url}{path}"));

        let live = app::live::LiveHub::new(
            db.clone(),
            Arc::new(|db, id| {
                Box::pin(async move { app::workflows::workshops::room::frame(&db, id).await })
            }),
        );
        live.listen(settings.database_url.clone());
        let email = email::EmailLoop::from_settings(&settings.email, &base_url)
            .context("setting up email")?;
        let state = AppState {
            db,
            config: Arc::new(AppConfig {
                secure_cookies: settings.secure_cookies(),
                live_stream_seconds: settings.live_stream_seconds.max(1),
                public_url: settings.public_url.clone(),
                email_sending: email.is_some(),
                ..AppConfig::default()
            }),
            throttle: Arc::default(),
            live,
            versions: Arc::default(),
            rendered: Arc::default(),
            comparisons: Arc::default(),
            decision_records: Arc::default(),
            decision_voters: Arc::default(),
            markdown: Arc::default(),
            page_reads: None,
        };
        let router = router(state.clone(), settings, local_addr);
        Ok(Self {
            listener,
            site_root: settings.site_root.clone(),
            router,
            state,
            base_url,
            first_admin_link,
            email,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The database, for tests and maintenance tasks.
    pub fn db(&self) -> Db {
        self.state.db.clone()
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The first administrator's one-time sign-in link, when this start created them.
    pub fn first_admin_link(&self) -> Option<&str> {
        self.first_admin_link.as_deref()
    }

    /// Serves until `shutdown` completes, then finishes requests in flight.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        self.run_with_limits(shutdown, http::serve::ServeLimits::for_this_process())
            .await
    }

    /// As [`Application::run_until_stopped`], with these limits (tests shorten them).
    pub async fn run_with_limits(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
        limits: http::serve::ServeLimits,
    ) -> anyhow::Result<()> {
        // Background loops end with the server, also when its future is dropped unfinished.
        let cleaner = AbortOnDrop(tokio::spawn(remove_expired_sessions(self.state.db.clone())));
        // A message being sent when the server stops keeps its claim; another instance (or
        // this one, on its next start) sends it when the claim runs out.
        let mailer = self
            .email
            .map(|email| AbortOnDrop(tokio::spawn(email.run(self.state.db.clone()))));
        // Any built file not compressed yet (the scripts do it after a build) is done now,
        // off the request path; until then it is served as it is.
        let pkg = Path::new(&self.site_root).join("pkg");
        tokio::task::spawn_blocking(move || match http::assets::precompress(&pkg) {
            Ok(0) => {}
            Ok(n) => tracing::info!(files = n, "compressed the built files"),
            Err(error) => tracing::warn!(%error, "could not compress the built files"),
        });
        let live = self.state.live.clone();
        let stopping = async move {
            shutdown.await;
            // Live streams last up to an hour: end them now so the drain can finish, and
            // their screens reconnect to an instance that is still running.
            live.stop_streams();
        };
        http::serve::serve(self.listener, self.router, stopping, limits).await;
        drop((cleaner, mailer));
        self.state.db.close().await;
        Ok(())
    }
}

/// A background task that stops when this is dropped.
struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Every hour, deletes sessions that have expired.
async fn remove_expired_sessions(db: Db) {
    let mut every_hour = tokio::time::interval(Duration::from_secs(60 * 60));
    loop {
        every_hour.tick().await;
        match sessions::delete_expired(&db, unix_now()).await {
            Ok(n) if n > 0 => tracing::info!(removed = n, "expired sessions removed"),
            Ok(_) => {}
            Err(error) => tracing::warn!(?error, "could not remove expired sessions"),
        }
    }
}

fn leptos_options(settings: &Settings, local_addr: SocketAddr) -> LeptosOptions {
    // cargo-leptos writes hash.txt beside the binary when file hashing is on.
    let hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt")))
        .is_some_and(|p| Path::new(&p).exists());
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(settings.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(local_addr)
        .hash_files(hash_files)
        .env(leptos::config::Env::PROD)
        .build()
}

/// The app's routes, generated once per process. Generating them sets a process-global flag
/// in Leptos that stalls, for good, any resource first polled while it is set (leptos issue
/// 4773); so it must never run while pages are being rendered, as it would if each router
/// built (several per test process) generated its own.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole HTTP surface.
pub fn router(state: AppState, settings: &Settings, local_addr: SocketAddr) -> Router {
    let leptos_options = leptos_options(settings, local_addr);
    let server_state = ServerState {
        leptos_options: leptos_options.clone(),
        app: state.clone(),
        allowed_origin: AllowedOrigin(settings.public_url.clone()),
        published: http::published::PublishedPages::new(app::ui::published::stylesheet_link(
            leptos_options.clone(),
        )),
    };
    let routes = route_list();
    let context = {
        let state = state.clone();
        move || {
            // A page render's parts share their reads of its processes and of the viewer's
            // roles; a server function (POST) may change those and read again, so not there.
            let page_render = use_context::<axum::http::request::Parts>()
                .is_some_and(|parts| parts.method == axum::http::Method::GET);
            provide_context(if page_render {
                state.for_page_render()
            } else {
                state.clone()
            });
            // Who asks is read once per request, however many parts of the page ask.
            provide_context(app::auth::viewer::RequestViewer::default());
        }
    };

    let pages = Router::new()
        .route("/healthz", get(http::healthz::healthz))
        .route("/me/data.json", get(http::personal_data::download))
        .route("/read/{process}/{kind}", get(http::published::read))
        .route(
            "/read/{process}/{kind}/ratified",
            get(http::published::read_ratified),
        )
        .route(
            app::routes::files::RATIFIED_JSON,
            get(http::published::ratified_json),
        )
        .route(
            app::routes::files::RATIFIED_DOCX,
            get(http::published::ratified_docx),
        )
        .route(
            "/read/{process}/{kind}/ratified/{id}",
            get(http::published::read_ratification),
        )
        .route(
            "/processes/{id}/decisions/{decision}/{file}",
            get(http::decision_record::download),
        )
        .route(
            app::routes::files::COMMITMENTS_CSV,
            get(http::commitments::csv),
        )
        .route(app::routes::files::FEED, get(http::feed::atom))
        // The same address as the unsubscribe page (GET, the app's): the page's button and
        // mail programs post here.
        .route(
            app::routes::files::UNSUBSCRIBE,
            axum::routing::post(http::unsubscribe::one_click),
        )
        .nest("/pkg", http::assets::pkg_router(&settings.site_root, "pkg"))
        .leptos_routes_with_context(&server_state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || page(options.clone())
        })
        // The site's own files (the favicon), else the app's "not found" page. Not Leptos's
        // file handler: it answers a file inside whichever reactive owner its thread last
        // ran, and could take the headers (the page's policy) of a page rendering beside it.
        .fallback_service(http::assets::site_files(
            &settings.site_root,
            leptos_axum::render_app_async_with_context(context, {
                let options = leptos_options.clone();
                move || page(options.clone())
            }),
        ))
        .layer(axum::middleware::from_fn(
            http::server_fn_status::map_server_fn_errors,
        ))
        .layer(axum::middleware::from_fn_with_state(
            http::page_turns::PageTurns::for_this_machine(),
            http::page_turns::take_turns,
        ))
        .layer(axum::middleware::from_fn_with_state(
            server_state.allowed_origin.clone(),
            http::same_origin::refuse_cross_site,
        ))
        .with_state(server_state.clone());

    // Live streams stay open for hours with little passing: they skip the layers that wrap
    // every response (compression, which never applies to an event stream; the timeout; the
    // page headers), so an idle connection costs as little as it can.
    let live = Router::new()
        .route("/workshops/{id}/live", get(http::live::stream))
        .with_state(server_state);

    pages.layer(
        ServiceBuilder::new()
            .layer(
                TraceLayer::new_for_http()
                    // The path only: query strings can carry one-time tokens.
                    .make_span_with(|request: &Request| {
                        tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
                    })
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
            .layer(CompressionLayer::new())
            .layer(SetResponseHeaderLayer::if_not_present(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            .layer(SetResponseHeaderLayer::if_not_present(
                header::REFERRER_POLICY,
                HeaderValue::from_static("same-origin"),
            ))
            // Pages rendered by Leptos set their own policy, with the response's nonce.
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(http::security_headers::NO_SCRIPTS),
            ))
            // Personal pages and downloads are never kept; public pages and assets say so.
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-store"),
            ))
            .layer(tower::util::option_layer(
                http::security_headers::strict_transport(settings.public_url.as_deref()),
            ))
            // Innermost, because it needs the router's own body type.
            .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT)),
    )
    .merge(live)
}

/// A page as Leptos renders it, with its Content-Security-Policy.
fn page(options: LeptosOptions) -> impl IntoView {
    http::security_headers::set_page_policy();
    shell(options)
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(?error, "could not listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(?error, "could not listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
