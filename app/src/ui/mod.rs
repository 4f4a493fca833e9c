//! Pages and components. Components render what the domain and the server functions decide;
//! they hold no rules of their own.

pub mod annex_html;
#[cfg(feature = "ssr")]
pub mod board_paper;
pub mod components;
pub mod layout;
mod lazy_pages;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod published;
pub mod results_html;

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::Lazy;
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};

use crate::routes::patterns;

use crate::api::session::who_am_i;
use layout::{SiteFooter, SiteHeader, SkipLink};
use lazy_pages::*;
use pages::not_found::NotFoundPage;
/// The script that lets the phone view follow the room without the app (see
/// [`crate::routes::without_app`]).
#[cfg(feature = "ssr")]
const FOLLOW_SCRIPT: &str = include_str!("follow.js");

/// The HTML document around the app (server only: it reads the build's options). The pages a
/// phone sees in a workshop get the small follow script instead of the app's WebAssembly.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::{HashedStylesheet, MetaTags};
    let parts = use_context::<http::request::Parts>();
    let without_app = parts
        .as_ref()
        .is_some_and(|parts| crate::routes::without_app(parts.uri.path()));
    // The reader's text size and contrast (the shell is rendered on the server only).
    let comfort = parts
        .as_ref()
        .map(|parts| crate::auth::cookie::comfort(&parts.headers).html_class())
        .filter(|c| !c.is_empty());
    let scripts = if without_app {
        view! { <script nonce=leptos::nonce::use_nonce() inner_html=FOLLOW_SCRIPT></script> }
            .into_any()
    } else {
        view! { <HydrationScripts options=options.clone() /> }.into_any()
    };
    view! {
        <!DOCTYPE html>
        <html lang="en" class=comfort>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
                {scripts}
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The signed-in person (or nobody), loaded once per page and shared through context.
pub type ViewerResource = Resource<Result<Option<crate::domain::Viewer>, crate::error::AppError>>;

/// The document title for a page. On the server it is HTML-escaped here, because
/// leptos_meta 0.8 writes `<title>` text unescaped (a title containing `</title><script>`
/// would otherwise run); in the browser it is set through `document.title`, which needs none.
fn page_title(page: String) -> String {
    let full = if page.is_empty() {
        "Recovery Commons".to_string()
    } else {
        format!("{page} · Recovery Commons")
    };
    components::raw_text::escaped_on_server(full)
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let viewer: ViewerResource = Resource::new(|| (), |_| who_am_i());
    provide_context(viewer);

    view! {
        <Title formatter=page_title />
        <Router>
            <SkipLink />
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=patterns::home() view={Lazy::<HomeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::new_process() view={Lazy::<NewProcessRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::process() view={Lazy::<ProcessRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::codes() view={Lazy::<CodesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::people() view={Lazy::<MembersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::audit() view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::code_batch() view={Lazy::<PrintCodesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::document() view={Lazy::<DocumentRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::history() view={Lazy::<HistoryRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::version() view={Lazy::<VersionRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::compare() view={Lazy::<CompareRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::edit_section() view={Lazy::<SectionEditorRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::conflict() view={Lazy::<ConflictRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::discussion() view={Lazy::<SectionDiscussionRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::amendment() view={Lazy::<AmendmentRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::decisions() view={Lazy::<DecisionsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::decision() view={Lazy::<DecisionRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::minority() view={Lazy::<MinorityRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::moderation() view={Lazy::<ModerationRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::workshops() view={Lazy::<WorkshopsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::phone() view={Lazy::<PhoneRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::console() view={Lazy::<ConsoleRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::projector() view={Lazy::<ProjectorRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::summary() view={Lazy::<SummaryRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::join_workshop() view={Lazy::<JoinWorkshopRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::join() view={Lazy::<JoinRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::invite() view={Lazy::<InviteRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::sign_in() view={Lazy::<SignInRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::sign_up() view={Lazy::<SignUpRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::me() view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::needs() view={Lazy::<NeedsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::email() view={Lazy::<EmailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::unsubscribe() view={Lazy::<UnsubscribeRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::withdraw() view={Lazy::<WithdrawRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::withdrawn() view={Lazy::<WithdrawnRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::comfort() view={Lazy::<ComfortRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::words() view={Lazy::<WordListsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::commitments() view={Lazy::<CommitmentsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::influence() view={Lazy::<InfluenceRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::timeline() view={Lazy::<TimelineRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::happening() view={Lazy::<HappeningRoute>::new()} ssr=SsrMode::Async />
                    <Route path=patterns::sign_in_link() view={Lazy::<SignInLinkRoute>::new()} ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
