//! The frame of every page: skip link, header with the sign-out button, footer.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use super::ViewerResource;
use crate::api::session::SignOut;

#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a class="skip-link" href="#main">"Skip to main content"</a> }
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let viewer = expect_context::<ViewerResource>();
    // Loaded with the viewer and read in the same suspended view (no nested one), so the
    // header hydrates as one piece. Signed out, it answers "sign in" and nothing is shown.
    let needs = crate::ui::components::json::resource(|| (), |_| crate::api::me::my_needs_count());
    view! {
        <header class="site-header">
            <div class="wrap site-header__inner">
                <a class="site-name" href="/">"Recovery Commons"</a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match viewer.await {
                            Ok(Some(v)) => {
                                let waiting = needs.await.unwrap_or(0);
                                let role = if v.is_site_admin() { "site administrator" } else { "participant" };
                                view! {
                                    // A plain form: signing out reloads the whole page, so nothing
                                    // on it still shows the signed-in view.
                                    <form class="sign-out" method="post" action=SignOut::url()>
                                        <span class="signed-in-as">"Signed in as " {role}</span>
                                        <a class="header-link" href=crate::routes::needs()>{needs_label(waiting)}</a>
                                        <a class="header-link" href="/me">"Your profile"</a>
                                        <button type="submit" class="button button--quiet">"Sign out"</button>
                                    </form>
                                }
                                    .into_any()
                            }
                            _ => view! {
                                <nav class="header-links" aria-label="Account">
                                    <a class="header-link" href="/join">"Join with a code"</a>
                                    <a class="header-link" href="/sign-in">"Sign in"</a>
                                </nav>
                            }
                                .into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </header>
    }
}

/// "What needs me", with how many things are waiting: one text, never an empty one (an empty
/// text node is not in the server's HTML, and hydration would stumble on it).
fn needs_label(waiting: u32) -> String {
    match waiting {
        0 => "What needs me".to_string(),
        n => format!("What needs me ({n})"),
    }
}

/// The text size and contrast page, coming back to `here` afterwards.
pub fn comfort_link(here: &str) -> String {
    format!(
        "{}?{}",
        crate::routes::comfort(),
        form_urlencoded::Serializer::new(String::new())
            .append_pair("back", here)
            .finish()
    )
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    // Back to this very page (with its query) after choosing.
    let comfort_link = move || {
        let search = location.search.get();
        let here = match search.trim_start_matches('?') {
            "" => location.pathname.get(),
            query => format!("{}?{query}", location.pathname.get()),
        };
        comfort_link(&here)
    };
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p>
                    "Recovery Commons. Nobody's name is shown to the public unless they chose it."
                </p>
                <p><a href=comfort_link>"Text size and contrast"</a></p>
            </div>
        </footer>
    }
}
