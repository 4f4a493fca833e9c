//! Which page's code goes into which WebAssembly bundle.
//!
//! The browser's app is built once per part of the site (`routes::Bundle`): the cargo feature
//! `bundle-<name>` keeps the code of that part's pages, and every other page becomes
//! [`Elsewhere`], so the compiler leaves its code out. The server renders every page, and
//! sends each with the bundle of its path (`routes::bundle`), so hydration always finds the
//! page it expects. A build with no `bundle-*` feature keeps every page: the whole app, which
//! cargo-leptos builds and the server sends where a part's bundle is missing. The README's
//! design notes say why bundles and not lazy routes or islands.

use leptos::prelude::*;

#[cfg(feature = "hydrate")]
use crate::routes::Bundle;

/// For each page: its route's name in `routes`, its component, its module under
/// `ui::pages`, and the feature of its bundle. A test checks the feature against
/// `routes::bundle` for the route's path.
macro_rules! pages {
    ($( $route:ident: $page:ident from $($module:ident)::+ in $feature:literal; )*) => {
        $(
            #[cfg(any(
                feature = "ssr",
                feature = $feature,
                not(any(
                    feature = "bundle-main",
                    feature = "bundle-documents",
                    feature = "bundle-decisions",
                    feature = "bundle-workshops"
                ))
            ))]
            pub use super::pages::$($module)::+::$page;
            #[cfg(not(any(
                feature = "ssr",
                feature = $feature,
                not(any(
                    feature = "bundle-main",
                    feature = "bundle-documents",
                    feature = "bundle-decisions",
                    feature = "bundle-workshops"
                ))
            )))]
            pub use Elsewhere as $page;
        )*

        /// Each page route's name with its bundle's feature (for the test).
        #[cfg(all(test, feature = "ssr"))]
        fn page_features() -> Vec<(&'static str, &'static str)> {
            vec![$( (stringify!($route), $feature) ),*]
        }
    };
}

pages! {
    home: HomePage from home in "bundle-main";
    new_process: NewProcessPage from new_process in "bundle-main";
    process: ProcessPage from process in "bundle-main";
    codes: CodesPage from codes in "bundle-main";
    people: MembersPage from members in "bundle-main";
    audit: AuditPageView from audit in "bundle-main";
    code_batch: PrintCodesPage from print_codes in "bundle-main";
    happening: HappeningPage from happening in "bundle-main";
    join_workshop: JoinWorkshopPage from workshops::join in "bundle-main";
    join: JoinPage from join in "bundle-main";
    invite: InvitePage from invite in "bundle-main";
    sign_in: SignInPage from sign_in in "bundle-main";
    sign_up: SignUpPage from sign_in in "bundle-main";
    me: ProfilePage from profile in "bundle-main";
    needs: NeedsPageView from needs in "bundle-main";
    email: EmailPageView from email in "bundle-main";
    unsubscribe: UnsubscribePage from email in "bundle-main";
    withdraw: WithdrawPage from withdraw in "bundle-main";
    withdrawn: WithdrawnPage from withdraw in "bundle-main";
    comfort: ComfortPage from comfort in "bundle-main";
    sign_in_link: SignInLinkPage from sign_in_link in "bundle-main";

    document: DocumentPageView from documents::document in "bundle-documents";
    history: HistoryPageView from documents::history in "bundle-documents";
    version: VersionPageView from documents::version in "bundle-documents";
    compare: ComparePageView from documents::compare in "bundle-documents";
    edit_section: SectionEditorPage from documents::section_editor in "bundle-documents";
    conflict: ConflictPageView from documents::conflict in "bundle-documents";
    discussion: SectionDiscussionPage from discussion::section in "bundle-documents";
    amendment: AmendmentPageView from discussion::amendment in "bundle-documents";
    moderation: ModerationPageView from discussion::moderation in "bundle-documents";
    words: WordListsPageView from word_lists in "bundle-documents";

    decisions: DecisionsPage from decisions::list in "bundle-decisions";
    decision: DecisionPageView from decisions::decision in "bundle-decisions";
    minority: MinorityPageView from decisions::minority in "bundle-decisions";
    commitments: CommitmentsPageView from commitments in "bundle-decisions";
    influence: InfluencePageView from influence in "bundle-decisions";
    timeline: TimelinePageView from timeline in "bundle-decisions";

    workshops: WorkshopsPage from workshops::list in "bundle-workshops";
    phone: PhonePageView from workshops::phone in "bundle-workshops";
    console: ConsolePageView from workshops::console in "bundle-workshops";
    projector: ProjectorPageView from workshops::projector in "bundle-workshops";
    summary: SummaryPageView from workshops::summary in "bundle-workshops";
}

/// The bundle this build is, or `None` for a build of every page.
#[cfg(feature = "hydrate")]
const THIS_BUNDLE: Option<Bundle> = if cfg!(feature = "bundle-main") {
    Some(Bundle::Main)
} else if cfg!(feature = "bundle-documents") {
    Some(Bundle::Documents)
} else if cfg!(feature = "bundle-decisions") {
    Some(Bundle::Decisions)
} else if cfg!(feature = "bundle-workshops") {
    Some(Bundle::Workshops)
} else {
    None
};

/// Stands in for a page whose code is in another bundle. The server never sends it (each page
/// comes with its own bundle), and links into other bundles are left to the browser
/// ([`leave_other_bundles_to_the_browser`]), so it shows only when the app itself moves there
/// (a form's answer sending it on, say). It then has the browser load the page, as a link
/// would.
#[component]
pub fn Elsewhere() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let location = leptos_router::hooks::use_location();
        let path = location.pathname.get_untracked();
        let search = location.search.get_untracked();
        let mut target = path.clone();
        if !search.is_empty() {
            target.push('?');
            target.push_str(search.trim_start_matches('?'));
        }
        target.push_str(&location.hash.get_untracked());
        // After the router has finished moving: it puts the new address in the history once
        // the page has rendered. Loading over that entry, not after it, keeps Back to one step.
        set_timeout(
            move || {
                let Some(window) = web_sys::window() else {
                    return;
                };
                let there = window.location().pathname().is_ok_and(|now| now == path);
                let _ = if there {
                    window.location().replace(&target)
                } else {
                    window.location().assign(&target)
                };
            },
            std::time::Duration::ZERO,
        );
    }
    view! { <p role="status">"Loading…"</p> }
}

/// Lets the browser, not the app's router, follow a link to a page of another bundle, so the
/// server sends that page with its own code. A listener on the document, before the router's
/// on the window, stops the click from reaching the router and leaves its default (following
/// the link) alone.
#[cfg(feature = "hydrate")]
pub fn leave_other_bundles_to_the_browser() {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    let Some(this) = THIS_BUNDLE else {
        return;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let listener = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
        let href = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten())
            .and_then(|link| link.get_attribute("href"));
        if let Some(path) = href.as_deref().and_then(own_path)
            && crate::routes::bundle(path) != this
        {
            event.stop_propagation();
        }
    });
    let _ = document.add_event_listener_with_callback("click", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}

/// The file stem (`bundle-documents.<hash>`) of a bundle's built JavaScript and WebAssembly
/// in the site's `pkg/` folder. The folder is read once per run (a build restarts the
/// server), not on every page.
#[cfg(feature = "ssr")]
pub fn built(options: &LeptosOptions, bundle: crate::routes::Bundle) -> Option<String> {
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::sync::{Mutex, OnceLock};
    type Stems = HashMap<&'static str, String>;
    // By folder, because tests run several sites in one process.
    static BUILT: OnceLock<Mutex<HashMap<PathBuf, Stems>>> = OnceLock::new();
    let folder = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    let mut built = BUILT
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let stems = built.entry(folder).or_insert_with_key(|folder| {
        let names: Vec<String> = std::fs::read_dir(folder)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        crate::routes::Bundle::ALL
            .iter()
            .filter_map(|b| Some((b.name(), stem_in(&names, b.name())?)))
            .collect()
    });
    stems.get(bundle.name()).cloned()
}

/// Loads and starts a part's bundle, as Leptos's `HydrationScripts` does for the whole app
/// (preloads, then `init` and `hydrate`). Written here because that component derives the
/// WebAssembly file's name from how the server was built (`_bg` is added unless cargo-leptos
/// built it), while a bundle's files have one name, made by `scripts/build-bundles.sh`.
#[component]
pub fn BundleScripts(options: LeptosOptions, stem: String) -> impl IntoView {
    let pkg = options.site_pkg_dir;
    let js = format!("/{pkg}/{stem}.js");
    let wasm = format!("/{pkg}/{stem}.wasm");
    // Both names are ours (`stem_in` accepts only letters, digits and one dot), so the
    // script needs no escaping; `{:?}` quotes them as JavaScript strings.
    let start = format!(
        "import({js:?}).then(m => m.default({{ module_or_path: {wasm:?} }}).then(() => m.hydrate()));"
    );
    view! {
        <link rel="modulepreload" href=js crossorigin="anonymous" />
        <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin="anonymous" />
        <script type="module" nonce=leptos::nonce::use_nonce()>{start}</script>
    }
}

/// The stem `bundle-<name>.<hash>` for which `names` holds both a `.js` and a `.wasm` file.
#[cfg(feature = "ssr")]
fn stem_in(names: &[String], name: &str) -> Option<String> {
    let prefix = format!("bundle-{name}.");
    names.iter().find_map(|file| {
        let stem = file.strip_suffix(".wasm")?;
        let hash = stem.strip_prefix(&prefix)?;
        let whole = !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_alphanumeric());
        (whole && names.iter().any(|other| *other == format!("{stem}.js")))
            .then(|| stem.to_string())
    })
}

/// The path of a link to this site (`/a/b?c#d` gives `/a/b`), or `None` for anything else.
#[cfg(any(feature = "hydrate", test))]
fn own_path(href: &str) -> Option<&str> {
    if !href.starts_with('/') || href.starts_with("//") {
        return None;
    }
    let end = href.find(['?', '#']).unwrap_or(href.len());
    Some(&href[..end])
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::routes::{Bundle, bundle, page_sample};

    #[test]
    fn every_page_is_built_into_the_bundle_the_server_sends_it_with() {
        let features = page_features();
        for (route, feature) in &features {
            let link = page_sample(route).unwrap_or_else(|| panic!("no route called {route}"));
            let expected = format!("bundle-{}", bundle(&link).name());
            assert_eq!(*feature, expected, "{route} ({link})");
        }
        // Every page route is listed once, and every bundle has at least one page.
        assert_eq!(features.len(), crate::routes::page_samples().len());
        for b in Bundle::ALL {
            let feature = format!("bundle-{}", b.name());
            assert!(features.iter().any(|(_, f)| *f == feature), "{feature}");
        }
    }

    #[test]
    fn a_bundle_is_found_only_whole_and_by_its_own_name() {
        let names: Vec<String> = [
            "bundle-documents.ab12.wasm",
            "bundle-documents.ab12.js",
            "bundle-documents.ab12.wasm.br",
            "bundle-decisions.cd34.wasm",
            "bundle-workshops..wasm",
            "bundle-workshops..js",
            "recovery-commons.ef56.wasm",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            stem_in(&names, "documents").as_deref(),
            Some("bundle-documents.ab12")
        );
        // No JavaScript beside it, or no hash: not a bundle to send.
        assert_eq!(stem_in(&names, "decisions"), None);
        assert_eq!(stem_in(&names, "workshops"), None);
        assert_eq!(stem_in(&names, "main"), None);
    }

    #[test]
    fn only_links_to_this_site_are_looked_at() {
        assert_eq!(
            own_path("/processes/3/decisions?x=1#y"),
            Some("/processes/3/decisions")
        );
        assert_eq!(own_path("/"), Some("/"));
        assert_eq!(own_path("//evil.example/x"), None);
        assert_eq!(own_path("https://example.org/"), None);
        assert_eq!(own_path("#top"), None);
        assert_eq!(own_path("mailto:a@b"), None);
    }
}
