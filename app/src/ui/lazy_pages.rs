//! Every page's code in a WebAssembly chunk of its own, fetched when the page is first shown
//! (and, for the page a browser opens, preloaded from the `<head>` the server writes). The
//! main module keeps only the shell: the router, the header and footer, and what several
//! pages share is split into shared chunks by `cargo leptos build --split`. Without this, every
//! page downloaded the code of all forty (1.18 MB compressed, against 600 KB).
//!
//! The pages themselves are unchanged components; each route here only names one. Loading
//! their data stays inside them, so it starts once their code has arrived.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use super::pages::decisions::{
    decision::DecisionPageView, list::DecisionsPage, minority::MinorityPageView,
};
use super::pages::discussion::{
    amendment::AmendmentPageView, moderation::ModerationPageView, section::SectionDiscussionPage,
};
use super::pages::documents::{
    compare::ComparePageView, conflict::ConflictPageView, document::DocumentPageView,
    history::HistoryPageView, section_editor::SectionEditorPage, version::VersionPageView,
};
use super::pages::workshops::{
    console::ConsolePageView, join::JoinWorkshopPage, list::WorkshopsPage, phone::PhonePageView,
    projector::ProjectorPageView, summary::SummaryPageView,
};
use super::pages::{
    audit::AuditPageView,
    codes::CodesPage,
    comfort::ComfortPage,
    commitments::CommitmentsPageView,
    email::{EmailPageView, UnsubscribePage},
    happening::HappeningPage,
    home::HomePage,
    influence::InfluencePageView,
    invite::InvitePage,
    join::JoinPage,
    members::MembersPage,
    needs::NeedsPageView,
    new_process::NewProcessPage,
    print_codes::PrintCodesPage,
    process::ProcessPage,
    profile::ProfilePage,
    sign_in::{SignInPage, SignUpPage},
    sign_in_link::SignInLinkPage,
    timeline::TimelinePageView,
    withdraw::{WithdrawPage, WithdrawnPage},
    word_lists::WordListsPageView,
};


/// A route whose view is one page component, loaded lazily. The route's data is nothing:
/// each page loads its own.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident),* $(,)?) => {
        $(
            pub(super) struct $route;

            #[lazy_route]
            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                fn view(_this: Self) -> AnyView {
                    $page().into_any()
                }
            }
        )*
    };
}

lazy_pages! {
    HomeRoute => HomePage,
    NewProcessRoute => NewProcessPage,
    ProcessRoute => ProcessPage,
    CodesRoute => CodesPage,
    MembersRoute => MembersPage,
    AuditRoute => AuditPageView,
    PrintCodesRoute => PrintCodesPage,
    DocumentRoute => DocumentPageView,
    HistoryRoute => HistoryPageView,
    VersionRoute => VersionPageView,
    CompareRoute => ComparePageView,
    SectionEditorRoute => SectionEditorPage,
    ConflictRoute => ConflictPageView,
    SectionDiscussionRoute => SectionDiscussionPage,
    AmendmentRoute => AmendmentPageView,
    DecisionsRoute => DecisionsPage,
    DecisionRoute => DecisionPageView,
    MinorityRoute => MinorityPageView,
    ModerationRoute => ModerationPageView,
    WorkshopsRoute => WorkshopsPage,
    PhoneRoute => PhonePageView,
    ConsoleRoute => ConsolePageView,
    ProjectorRoute => ProjectorPageView,
    SummaryRoute => SummaryPageView,
    JoinWorkshopRoute => JoinWorkshopPage,
    JoinRoute => JoinPage,
    InviteRoute => InvitePage,
    SignInRoute => SignInPage,
    SignUpRoute => SignUpPage,
    ProfileRoute => ProfilePage,
    NeedsRoute => NeedsPageView,
    EmailRoute => EmailPageView,
    UnsubscribeRoute => UnsubscribePage,
    WithdrawRoute => WithdrawPage,
    WithdrawnRoute => WithdrawnPage,
    ComfortRoute => ComfortPage,
    WordListsRoute => WordListsPageView,
    CommitmentsRoute => CommitmentsPageView,
    InfluenceRoute => InfluencePageView,
    TimelineRoute => TimelinePageView,
    HappeningRoute => HappeningPage,
    SignInLinkRoute => SignInLinkPage,
}
