//! Pages and components. Components render what the domain and the server functions decide;
//! they hold no rules of their own.

pub mod components;
pub mod layout;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

use crate::api::session::who_am_i;
use layout::{SiteFooter, SiteHeader, SkipLink};
use pages::{
    home::HomePage, new_process::NewProcessPage, not_found::NotFoundPage, process::ProcessPage,
    sign_in_link::SignInLinkPage,
};

/// The HTML document around the app (server only: it reads the build's options).
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    use leptos_meta::HashedStylesheet;
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The signed-in person (or nobody), loaded once per page and shared through context.
pub type ViewerResource = Resource<Result<Option<crate::domain::Viewer>, crate::api::AppError>>;

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let viewer: ViewerResource = Resource::new(|| (), |_| who_am_i());
    provide_context(viewer);

    view! {
        <Title formatter=|page: String| {
            if page.is_empty() { "Recovery Commons".to_string() } else { format!("{page} · Recovery Commons") }
        } />
        <Router>
            <SkipLink />
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/processes/new") view=NewProcessPage ssr=SsrMode::Async />
                    <Route path=path!("/processes/:id") view=ProcessPage ssr=SsrMode::Async />
                    <Route path=path!("/sign-in/link") view=SignInLinkPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}
