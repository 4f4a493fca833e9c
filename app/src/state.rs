//! What every server function and page can reach on the server: the database and settings.
//! Provided through `leptos_routes_with_context` and `handle_server_fns_with_context`.

use std::sync::Arc;

use crate::auth::throttle::Throttle;
use crate::cache::comparisons::ComparisonCache;
use crate::cache::decision_records::DecisionRecordCache;
use crate::cache::decision_voters::DecisionVotersCache;
use crate::cache::markdown::MarkdownCache;
use crate::cache::page_reads::PageReads;
use crate::cache::rendered::RenderedCache;
use crate::cache::versions::VersionCache;
use crate::live::LiveHub;
use crate::store::Db;

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<AppConfig>,
    pub throttle: Arc<Throttle>,
    /// Live workshop screens connected to this instance.
    pub live: Arc<LiveHub>,
    /// Document versions read on this instance (they never change).
    pub versions: Arc<VersionCache>,
    /// Versions' sections as HTML, made on this instance.
    pub rendered: Arc<RenderedCache>,
    /// Comparisons of two versions, made on this instance.
    pub comparisons: Arc<ComparisonCache>,
    /// Decisions' ballots and records, kept while each record stands still.
    pub decision_records: Arc<DecisionRecordCache>,
    /// Decisions' voters and electorates, kept while nobody votes or changes how they take part.
    pub decision_voters: Arc<DecisionVotersCache>,
    /// Comments' and amendments' Markdown as sanitised HTML, kept by its text.
    pub markdown: Arc<MarkdownCache>,
    /// What this page render has read of its processes and the viewer's memberships; only
    /// in the state a page render (GET) is given (see [`AppState::for_page_render`]).
    pub page_reads: Option<Arc<PageReads>>,
}

impl AppState {
    /// This state, for one page render: its parts share their reads of where they are and
    /// who asks.
    pub fn for_page_render(&self) -> Self {
        Self {
            page_reads: Some(Arc::default()),
            ..self.clone()
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppConfig {
    /// Add `Secure` to cookies (the site is served over HTTPS).
    pub secure_cookies: bool,
    /// How long a session lasts after sign-in.
    pub session_lifetime_seconds: i64,
    /// How long a live workshop stream stays open before the screen reconnects.
    pub live_stream_seconds: u64,
    /// The address people use to reach the site (`PUBLIC_URL`), for links that leave it:
    /// printed cards, QR codes, invitations. `None`: the request's own address is used.
    pub public_url: Option<String>,
    /// Whether the server was given an SMTP server (`SMTP_URL`) to send email through.
    pub email_sending: bool,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            secure_cookies: false,
            session_lifetime_seconds: 14 * 24 * 60 * 60,
            live_stream_seconds: 60 * 60,
            public_url: None,
            email_sending: false,
        }
    }
}
