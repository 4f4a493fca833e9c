//! Every path of the site, written once. Each page route gives the router its pattern
//! (`patterns::decision()`, from the same literal through Leptos's `path!`) and links and
//! redirects a function (`decision(process, id)`, each parameter anything that can stand in a
//! path: an id, a number, a document kind); each plain axum route gives the server its
//! pattern (`files::PUBLIC_DOCUMENT`) and links a function. A test checks that every link
//! fills its own pattern.

use crate::domain::ProcessId;
use crate::domain::document::DocumentKind;

/// A value that can stand in a path segment.
pub trait PathPart {
    fn part(&self) -> String;
}

impl PathPart for i64 {
    fn part(&self) -> String {
        self.to_string()
    }
}

impl PathPart for u32 {
    fn part(&self) -> String {
        self.to_string()
    }
}

impl PathPart for usize {
    fn part(&self) -> String {
        self.to_string()
    }
}

impl PathPart for &str {
    fn part(&self) -> String {
        self.to_string()
    }
}

impl PathPart for ProcessId {
    fn part(&self) -> String {
        self.get().to_string()
    }
}

impl PathPart for DocumentKind {
    fn part(&self) -> String {
        self.slug().to_string()
    }
}

/// `pattern` with each parameter (`:name` for pages, `{name}` for plain routes) replaced, in
/// order, by `values`.
pub fn fill(pattern: &str, values: &[String]) -> String {
    if pattern.is_empty() {
        return "/".to_string();
    }
    let mut values = values.iter();
    pattern
        .split('/')
        .map(|segment| {
            let is_param =
                segment.starts_with(':') || (segment.starts_with('{') && segment.ends_with('}'));
            if is_param {
                values.next().cloned().unwrap_or_default()
            } else {
                segment.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

macro_rules! page_routes {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident : $ty:ty),* ) => $path:tt ; )*) => {
        /// The router's patterns, one per page.
        pub mod patterns {
            $(
                pub fn $name() -> impl leptos_router::PossibleRouteMatch + Clone + Send + 'static {
                    leptos_router::path!($path)
                }
            )*
        }

        $(
            $(#[$doc])*
            pub fn $name($($arg: impl PathPart),*) -> String {
                fill($path, &[$(PathPart::part(&$arg)),*])
            }
        )*

        /// Every page pattern, with its link for sample values (for the tests).
        #[cfg(test)]
        pub(crate) fn page_samples() -> Vec<(&'static str, String)> {
            vec![$( ($path, $name($(<$ty as Sample>::sample()),*)) ),*]
        }

        /// The sample link of the page route called `name` (for the tests).
        #[cfg(test)]
        pub(crate) fn page_sample(name: &str) -> Option<String> {
            $( if name == stringify!($name) {
                return Some($name($(<$ty as Sample>::sample()),*));
            } )*
            None
        }
    };
}

macro_rules! file_routes {
    ($( $(#[$doc:meta])* $name:ident, $constant:ident ( $($arg:ident : $ty:ty),* ) => $path:tt ; )*) => {
        /// The server's patterns for routes outside the app (files, public pages, streams).
        pub mod files {
            $( pub const $constant: &str = $path; )*
        }

        $(
            $(#[$doc])*
            pub fn $name($($arg: impl PathPart),*) -> String {
                fill($path, &[$(PathPart::part(&$arg)),*])
            }
        )*

        #[cfg(test)]
        pub(crate) fn file_samples() -> Vec<(&'static str, String)> {
            vec![$( ($path, $name($(<$ty as Sample>::sample()),*)) ),*]
        }
    };
}

page_routes! {
    home() => "";
    new_process() => "/processes/new";
    process(process: ProcessId) => "/processes/:id";
    codes(process: ProcessId) => "/processes/:id/codes";
    people(process: ProcessId) => "/processes/:id/people";
    audit(process: ProcessId) => "/processes/:id/audit";
    words(process: ProcessId) => "/processes/:id/words";
    commitments(process: ProcessId) => "/processes/:id/commitments";
    influence(process: ProcessId) => "/processes/:id/influence";
    timeline(process: ProcessId) => "/processes/:id/timeline";
    happening(process: ProcessId) => "/processes/:id/happening";
    code_batch(process: ProcessId, batch: i64) => "/processes/:id/codes/:batch";
    document(process: ProcessId, kind: DocumentKind) => "/processes/:id/documents/:kind";
    history(process: ProcessId, kind: DocumentKind) => "/processes/:id/documents/:kind/history";
    version(process: ProcessId, kind: DocumentKind, number: u32) => "/processes/:id/documents/:kind/versions/:number";
    compare(process: ProcessId, kind: DocumentKind) => "/processes/:id/documents/:kind/compare";
    edit_section(process: ProcessId, kind: DocumentKind, key: u32) => "/processes/:id/documents/:kind/sections/:key/edit";
    conflict(process: ProcessId, kind: DocumentKind, conflict: i64) => "/processes/:id/documents/:kind/conflicts/:conflict";
    discussion(process: ProcessId, kind: DocumentKind, key: u32) => "/processes/:id/documents/:kind/sections/:key/discussion";
    amendment(process: ProcessId, kind: DocumentKind, amendment: i64) => "/processes/:id/documents/:kind/amendments/:amendment";
    decisions(process: ProcessId) => "/processes/:id/decisions";
    decision(process: ProcessId, decision: i64) => "/processes/:id/decisions/:decision";
    minority(process: ProcessId, decision: i64) => "/processes/:id/decisions/:decision/minority";
    moderation(process: ProcessId) => "/processes/:id/moderation";
    workshops(process: ProcessId) => "/processes/:id/workshops";
    phone(workshop: i64) => "/workshops/:id";
    console(workshop: i64) => "/workshops/:id/console";
    projector(workshop: i64) => "/workshops/:id/projector";
    summary(workshop: i64) => "/workshops/:id/summary";
    join_workshop() => "/w";
    join() => "/join";
    invite() => "/invite";
    sign_in() => "/sign-in";
    sign_up() => "/sign-up";
    me() => "/me";
    needs() => "/me/needs";
    email() => "/me/email";
    unsubscribe(token: &str) => "/unsubscribe/:token";
    withdraw() => "/me/withdraw";
    withdrawn() => "/withdrawn";
    comfort() => "/reading-comfort";
    sign_in_link() => "/sign-in/link";
}

file_routes! {
    /// The published (or ratified) version the public reads now.
    public_document, PUBLIC_DOCUMENT(process: ProcessId, kind: DocumentKind) => "/read/{process}/{kind}";
    /// The ratification in force.
    ratified, RATIFIED(process: ProcessId, kind: DocumentKind) => "/read/{process}/{kind}/ratified";
    /// Any ratification, in force or superseded.
    ratification, RATIFICATION(process: ProcessId, kind: DocumentKind, id: i64) => "/read/{process}/{kind}/ratified/{id}";
    /// A decision's participation record as JSON.
    record_json, RECORD_JSON(process: ProcessId, decision: i64) => "/processes/{process}/decisions/{decision}/record.json";
    /// A decision's participation record as CSV.
    record_csv, RECORD_CSV(process: ProcessId, decision: i64) => "/processes/{process}/decisions/{decision}/record.csv";
    /// Everything held about the signed-in person, as a download.
    personal_data, PERSONAL_DATA() => "/me/data.json";
    /// A workshop's live frames: the whole room (projector, console).
    live_room, LIVE(workshop: i64) => "/workshops/{id}/live";
    /// The ratified version in force, its commitments and result, as open data.
    ratified_json, RATIFIED_JSON(process: ProcessId, kind: DocumentKind) => "/read/{process}/{kind}/ratified.json";
    /// The same as a Word document for board papers.
    ratified_docx, RATIFIED_DOCX(process: ProcessId, kind: DocumentKind) => "/read/{process}/{kind}/ratified.docx";
    /// "You said, we did" as a spreadsheet.
    commitments_csv, COMMITMENTS_CSV(process: ProcessId) => "/processes/{process}/commitments.csv";
    /// A process's public events as an Atom feed.
    feed, FEED(process: ProcessId) => "/processes/{process}/feed.atom";
    /// Whether the server and its database answer.
    healthz, HEALTHZ() => "/healthz";
    /// Stopping all email, posted by the unsubscribe page's button and by mail programs.
    unsubscribe_post, UNSUBSCRIBE(token: &str) => "/unsubscribe/{token}";
}

/// A workshop's live stream for one kind of screen: "room" or "step" (phones).
pub fn live(workshop: i64, view: &str) -> String {
    format!("{}?view={view}", live_room(workshop))
}

/// Whether the page at `path` is sent without the app's WebAssembly: the pages a phone sees
/// in a workshop (joining with the code, then following the room). They are plain forms, and
/// the phone view follows the room with a small script of its own (`ui/follow.js`), so a
/// phone that scans the QR code downloads a few kilobytes, not the whole app.
pub fn without_app(path: &str) -> bool {
    let path = path.trim_end_matches('/');
    if path == join_workshop() {
        return true;
    }
    // The phone view, `/workshops/:id`, and not the console, projector or summary below it.
    path.strip_prefix("/workshops/")
        .is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// Which WebAssembly bundle takes over the pages under a path. The app is built as a few
/// bundles, each with the code of one part of the site, so no page downloads the code of all
/// forty (see the README's design notes). The server sends each page with the bundle of its
/// path; in the browser, a link into another part is left to the browser, which loads the
/// page and its bundle. `ui::bundles` builds each page into the bundle named here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bundle {
    /// Everything not below: home, signing in, a process's front page, people, one's own pages.
    Main,
    /// Documents, their history and comparisons, editing, discussion, amendments, moderation
    /// and the word lists.
    Documents,
    /// Decisions, their results and the minority report; what was promised after
    /// ratification and where people's words went.
    Decisions,
    /// Workshops: the list, the console, the projector and the summary.
    Workshops,
}

impl Bundle {
    pub const ALL: [Bundle; 4] = [
        Bundle::Main,
        Bundle::Documents,
        Bundle::Decisions,
        Bundle::Workshops,
    ];

    /// Its name: in its files in `pkg/` (`bundle-documents.<hash>.wasm`, made by
    /// `scripts/build-bundles.sh`) and in the cargo feature that builds it (`bundle-documents`).
    pub fn name(self) -> &'static str {
        match self {
            Bundle::Main => "main",
            Bundle::Documents => "documents",
            Bundle::Decisions => "decisions",
            Bundle::Workshops => "workshops",
        }
    }
}

/// The bundle whose code shows the page at `path` (a path, without query or fragment).
pub fn bundle(path: &str) -> Bundle {
    let mut segments = path.trim_matches('/').split('/');
    match (segments.next(), segments.next(), segments.next()) {
        (Some("processes"), Some(_), Some("documents" | "moderation" | "words")) => {
            Bundle::Documents
        }
        (
            Some("processes"),
            Some(_),
            Some("decisions" | "commitments" | "influence" | "timeline"),
        ) => Bundle::Decisions,
        (Some("processes"), Some(_), Some("workshops")) | (Some("workshops"), Some(_), _) => {
            Bundle::Workshops
        }
        _ => Bundle::Main,
    }
}

/// The page of one section's discussion, at one comment: `comment=` has the server show the
/// page of a long discussion that holds it, and the fragment scrolls to it.
pub fn at_comment(page: &str, comment: i64) -> String {
    let join = if page.contains('?') { '&' } else { '?' };
    format!("{page}{join}comment={comment}#comment-{comment}")
}

#[cfg(test)]
trait Sample {
    fn sample() -> Self;
}

#[cfg(test)]
impl Sample for i64 {
    fn sample() -> Self {
        17
    }
}

#[cfg(test)]
impl Sample for u32 {
    fn sample() -> Self {
        4
    }
}

#[cfg(test)]
impl Sample for &str {
    fn sample() -> Self {
        "f00d"
    }
}

#[cfg(test)]
impl Sample for ProcessId {
    fn sample() -> Self {
        ProcessId::new(3)
    }
}

#[cfg(test)]
impl Sample for DocumentKind {
    fn sample() -> Self {
        DocumentKind::RoisVision
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each link has as many segments as its pattern, the same fixed words, and a value where
    /// the pattern has a parameter.
    fn fits(pattern: &str, link: &str) -> bool {
        let (p, l): (Vec<&str>, Vec<&str>) =
            (pattern.split('/').collect(), link.split('/').collect());
        p.len() == l.len()
            && p.iter().zip(&l).all(|(p, l)| {
                let param = p.starts_with(':') || p.starts_with('{');
                if param { !l.is_empty() } else { p == l }
            })
    }

    #[test]
    fn every_link_fills_its_own_pattern() {
        for (pattern, link) in page_samples().into_iter().chain(file_samples()) {
            if pattern.is_empty() {
                assert_eq!(link, "/");
                continue;
            }
            assert!(fits(pattern, &link), "{link} does not fit {pattern}");
        }
    }

    #[test]
    fn a_link_to_a_comment_names_it_for_the_server_and_the_browser() {
        assert_eq!(at_comment("/d", 7), "/d?comment=7#comment-7");
        assert_eq!(
            at_comment("/d?commented=7", 7),
            "/d?commented=7&comment=7#comment-7"
        );
    }

    #[test]
    fn links_put_values_in_order() {
        assert_eq!(
            decision(ProcessId::new(3), 17_i64),
            "/processes/3/decisions/17"
        );
        assert_eq!(
            discussion(ProcessId::new(2), DocumentKind::Definition, 5_u32),
            "/processes/2/documents/definition/sections/5/discussion"
        );
        assert_eq!(
            record_csv(ProcessId::new(2), 9_i64),
            "/processes/2/decisions/9/record.csv"
        );
        assert_eq!(live(4, "step"), "/workshops/4/live?view=step");
    }

    #[test]
    fn only_the_phone_pages_go_without_the_app() {
        assert!(without_app(&join_workshop()));
        assert!(without_app("/w/"));
        assert!(without_app(&phone(12_i64)));
        for other in [
            console(12_i64),
            projector(12_i64),
            summary(12_i64),
            live_room(12_i64),
            home(),
            "/workshops/".to_string(),
            "/workshops/12x".to_string(),
            "/wx".to_string(),
            workshops(ProcessId::new(3)),
        ] {
            assert!(!without_app(&other), "{other}");
        }
    }

    #[test]
    fn each_page_is_in_the_bundle_of_its_part_of_the_site() {
        let p = ProcessId::new(3);
        let k = DocumentKind::Definition;
        for (link, expected) in [
            (home(), Bundle::Main),
            (new_process(), Bundle::Main),
            (process(p), Bundle::Main),
            (people(p), Bundle::Main),
            (code_batch(p, 2_i64), Bundle::Main),
            (happening(p), Bundle::Main),
            (sign_in(), Bundle::Main),
            (needs(), Bundle::Main),
            (document(p, k), Bundle::Documents),
            (compare(p, k), Bundle::Documents),
            (discussion(p, k, 4_u32), Bundle::Documents),
            (amendment(p, k, 4_i64), Bundle::Documents),
            (moderation(p), Bundle::Documents),
            (words(p), Bundle::Documents),
            (decisions(p), Bundle::Decisions),
            (minority(p, 9_i64), Bundle::Decisions),
            (commitments(p), Bundle::Decisions),
            (influence(p), Bundle::Decisions),
            (timeline(p), Bundle::Decisions),
            (workshops(p), Bundle::Workshops),
            (console(9_i64), Bundle::Workshops),
            (projector(9_i64), Bundle::Workshops),
            (summary(9_i64), Bundle::Workshops),
            // Unknown paths get the main bundle, whose 404 page every bundle shares.
            ("/nowhere/at/all".to_string(), Bundle::Main),
            ("/processes".to_string(), Bundle::Main),
        ] {
            assert_eq!(bundle(&link), expected, "{link}");
        }
        let names: std::collections::HashSet<_> = Bundle::ALL.iter().map(|b| b.name()).collect();
        assert_eq!(names.len(), Bundle::ALL.len());
    }

    #[test]
    fn no_two_routes_share_a_pattern() {
        let mut all: Vec<&str> = page_samples()
            .into_iter()
            .chain(file_samples())
            .map(|(p, _)| p)
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
