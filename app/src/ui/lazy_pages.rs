//! Each page's code in a WebAssembly chunk fetched when the page is first shown (and, for
//! the page a browser opens, preloaded from the `<head>` the server writes). The main module
//! keeps only the shell: the router, the header and footer; code that several chunks share is
//! cut into shared chunks by `cargo leptos build --split`. Without this, every page
//! downloaded the code of all forty (1.18 MB compressed, against 600 KB).
//!
//! The heavy pages have a chunk each. Light pages that are used together share one, so a
//! build makes (and optimises) a few hundred files rather than a thousand, and a page asks
//! for fewer of them. The pages themselves are unchanged components; each route here only
//! names one. Loading their data stays inside them.

use leptos::prelude::*;
use leptos_router::LazyRoute;

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


/// One chunk of code: `$loader` renders any of its pages, and each of its routes calls it.
macro_rules! chunk {
    ($chunk:ident, $loader:ident { $($route:ident => $page:ident),* $(,)? }) => {
        #[derive(Clone, Copy)]
        enum $chunk {
            $($route),*
        }

        #[lazy]
        fn $loader(page: $chunk) -> AnyView {
            match page {
                $($chunk::$route => $page().into_any()),*
            }
        }

        $(
            /// A route whose page is loaded with its chunk; it has no data of its own.
            pub(super) struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    $loader($chunk::$route).await
                }
            }
        )*
    };
}

// Signing in and out, invitations, and the first page anyone sees.
chunk!(EntryChunk, entry_pages {
    HomeRoute => HomePage,
    SignInRoute => SignInPage,
    SignUpRoute => SignUpPage,
    SignInLinkRoute => SignInLinkPage,
    JoinRoute => JoinPage,
    InviteRoute => InvitePage,
    JoinWorkshopRoute => JoinWorkshopPage,
    ComfortRoute => ComfortPage,
    UnsubscribeRoute => UnsubscribePage,
    WithdrawRoute => WithdrawPage,
    WithdrawnRoute => WithdrawnPage,
});

// Reading a document's past: its history, one version, two compared.
chunk!(ReadingChunk, reading_pages {
    HistoryRoute => HistoryPageView,
    VersionRoute => VersionPageView,
    CompareRoute => ComparePageView,
});

// A process and where it stands.
chunk!(ProcessChunk, process_pages {
    ProcessRoute => ProcessPage,
    TimelineRoute => TimelinePageView,
    HappeningRoute => HappeningPage,
    AuditRoute => AuditPageView,
    InfluenceRoute => InfluencePageView,
});

// Setting a process up.
chunk!(OrganisingChunk, organising_pages {
    NewProcessRoute => NewProcessPage,
    CodesRoute => CodesPage,
    PrintCodesRoute => PrintCodesPage,
    WordListsRoute => WordListsPageView,
});

// What needs me, and email about it.
chunk!(NeedsChunk, needs_pages {
    NeedsRoute => NeedsPageView,
    EmailRoute => EmailPageView,
});

// Workshops listed, and the room's projector.
chunk!(WorkshopsChunk, workshops_pages {
    WorkshopsRoute => WorkshopsPage,
    ProjectorRoute => ProjectorPageView,
});

// The heavy pages, one chunk each.
chunk!(ProfileChunk, profile_page { ProfileRoute => ProfilePage });
chunk!(MembersChunk, members_page { MembersRoute => MembersPage });
chunk!(DocumentChunk, document_page { DocumentRoute => DocumentPageView });
chunk!(SectionEditorChunk, section_editor_page { SectionEditorRoute => SectionEditorPage });
chunk!(ConflictChunk, conflict_page { ConflictRoute => ConflictPageView });
chunk!(DiscussionChunk, discussion_page { SectionDiscussionRoute => SectionDiscussionPage });
chunk!(AmendmentChunk, amendment_page { AmendmentRoute => AmendmentPageView });
chunk!(ModerationChunk, moderation_page { ModerationRoute => ModerationPageView });
chunk!(DecisionsChunk, decisions_page { DecisionsRoute => DecisionsPage });
chunk!(DecisionChunk, decision_page { DecisionRoute => DecisionPageView });
chunk!(MinorityChunk, minority_page { MinorityRoute => MinorityPageView });
chunk!(CommitmentsChunk, commitments_page { CommitmentsRoute => CommitmentsPageView });
chunk!(ConsoleChunk, console_page { ConsoleRoute => ConsolePageView });
chunk!(SummaryChunk, summary_page { SummaryRoute => SummaryPageView });
chunk!(PhoneChunk, phone_page { PhoneRoute => PhonePageView });
