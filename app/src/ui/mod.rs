//! Pages and components. Components render what the domain and the server functions decide;
//! they hold no rules of their own.

pub mod annex_html;
#[cfg(feature = "ssr")]
pub mod board_paper;
pub mod bundles;
pub mod components;
pub mod layout;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod published;
pub mod results_html;

use leptos::prelude::*;
use leptos_meta::{Title, provide_meta_context};
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};

use crate::routes::patterns;

use crate::api::session::who_am_i;
use bundles::{
    AmendmentPageView, AuditPageView, CodesPage, ComfortPage, CommitmentsPageView, ComparePageView,
    ConflictPageView, ConsolePageView, DecisionPageView, DecisionsPage, DocumentPageView,
    EmailPageView, HappeningPage, HistoryPageView, HomePage, InfluencePageView, InvitePage,
    JoinPage, JoinWorkshopPage, MembersPage, MinorityPageView, ModerationPageView, NeedsPageView,
    NewProcessPage, PhonePageView, PrintCodesPage, ProcessPage, ProfilePage, ProjectorPageView,
    SectionDiscussionPage, SectionEditorPage, SignInLinkPage, SignInPage, SignUpPage,
    SummaryPageView, TimelinePageView, UnsubscribePage, VersionPageView, WithdrawPage,
    WithdrawnPage, WordListsPageView, WorkshopsPage,
};
use layout::{SiteFooter, SiteHeader, SkipLink};
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
    let bundle = parts.as_ref().map_or(crate::routes::Bundle::Main, |parts| {
        crate::routes::bundle(parts.uri.path())
    });
    let scripts = if without_app {
        view! { <script nonce=leptos::nonce::use_nonce() inner_html=FOLLOW_SCRIPT></script> }
            .into_any()
    } else if let Some(stem) = bundles::built(&options, bundle) {
        view! { <bundles::BundleScripts options=options.clone() stem /> }.into_any()
    } else {
        // The whole app, which holds every page (a build without scripts/build-bundles.sh,
        // such as `cargo leptos watch`): bigger, never wrong.
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
pub type ViewerResource =
    Resource<Result<Option<crate::domain::Viewer>, crate::error::AppError>, components::json::Json>;

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
    let viewer: ViewerResource = components::json::resource(|| (), |_| who_am_i());
    provide_context(viewer);

    view! {
        <Title formatter=page_title />
        <Router>
            <SkipLink />
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=patterns::home() view=HomePage ssr=SsrMode::Async />
                    <Route path=patterns::new_process() view=NewProcessPage ssr=SsrMode::Async />
                    <Route path=patterns::process() view=ProcessPage ssr=SsrMode::Async />
                    <Route path=patterns::codes() view=CodesPage ssr=SsrMode::Async />
                    <Route path=patterns::people() view=MembersPage ssr=SsrMode::Async />
                    <Route path=patterns::audit() view=AuditPageView ssr=SsrMode::Async />
                    <Route path=patterns::code_batch() view=PrintCodesPage ssr=SsrMode::Async />
                    <Route path=patterns::document() view=DocumentPageView ssr=SsrMode::Async />
                    <Route path=patterns::history() view=HistoryPageView ssr=SsrMode::Async />
                    <Route path=patterns::version() view=VersionPageView ssr=SsrMode::Async />
                    <Route path=patterns::compare() view=ComparePageView ssr=SsrMode::Async />
                    <Route path=patterns::edit_section() view=SectionEditorPage ssr=SsrMode::Async />
                    <Route path=patterns::conflict() view=ConflictPageView ssr=SsrMode::Async />
                    <Route path=patterns::discussion() view=SectionDiscussionPage ssr=SsrMode::Async />
                    <Route path=patterns::amendment() view=AmendmentPageView ssr=SsrMode::Async />
                    <Route path=patterns::decisions() view=DecisionsPage ssr=SsrMode::Async />
                    <Route path=patterns::decision() view=DecisionPageView ssr=SsrMode::Async />
                    <Route path=patterns::minority() view=MinorityPageView ssr=SsrMode::Async />
                    <Route path=patterns::moderation() view=ModerationPageView ssr=SsrMode::Async />
                    <Route path=patterns::workshops() view=WorkshopsPage ssr=SsrMode::Async />
                    <Route path=patterns::phone() view=PhonePageView ssr=SsrMode::Async />
                    <Route path=patterns::console() view=ConsolePageView ssr=SsrMode::Async />
                    <Route path=patterns::projector() view=ProjectorPageView ssr=SsrMode::Async />
                    <Route path=patterns::summary() view=SummaryPageView ssr=SsrMode::Async />
                    <Route path=patterns::join_workshop() view=JoinWorkshopPage ssr=SsrMode::Async />
                    <Route path=patterns::join() view=JoinPage ssr=SsrMode::Async />
                    <Route path=patterns::invite() view=InvitePage ssr=SsrMode::Async />
                    <Route path=patterns::sign_in() view=SignInPage ssr=SsrMode::Async />
                    <Route path=patterns::sign_up() view=SignUpPage ssr=SsrMode::Async />
                    <Route path=patterns::me() view=ProfilePage ssr=SsrMode::Async />
                    <Route path=patterns::needs() view=NeedsPageView ssr=SsrMode::Async />
                    <Route path=patterns::email() view=EmailPageView ssr=SsrMode::Async />
                    <Route path=patterns::unsubscribe() view=UnsubscribePage ssr=SsrMode::Async />
                    <Route path=patterns::withdraw() view=WithdrawPage ssr=SsrMode::Async />
                    <Route path=patterns::withdrawn() view=WithdrawnPage ssr=SsrMode::Async />
                    <Route path=patterns::comfort() view=ComfortPage ssr=SsrMode::Async />
                    <Route path=patterns::words() view=WordListsPageView ssr=SsrMode::Async />
                    <Route path=patterns::commitments() view=CommitmentsPageView ssr=SsrMode::Async />
                    <Route path=patterns::influence() view=InfluencePageView ssr=SsrMode::Async />
                    <Route path=patterns::timeline() view=TimelinePageView ssr=SsrMode::Async />
                    <Route path=patterns::happening() view=HappeningPage ssr=SsrMode::Async />
                    <Route path=patterns::sign_in_link() view=SignInLinkPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
