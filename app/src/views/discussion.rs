//! What the discussion pages show: comments in threads, amendments, and the moderation queue.

use serde::{Deserialize, Serialize};

use crate::domain::ProcessSummary;
use crate::domain::deliberation::activity::SectionActivity;
use crate::domain::deliberation::amendment::{AmendmentState, Currency};
use crate::domain::deliberation::anchor::AnchorNow;
use crate::domain::document::DocumentKind;
use crate::domain::document::diff::WordChange;

/// One comment as this reader may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    /// As the author chose to appear, with their constituency.
    pub author: String,
    pub created_at: i64,
    /// The sanitised HTML of the comment; `None` when it is hidden from this reader.
    pub html: Option<String>,
    /// For facilitators: "waiting for approval", "hidden: …".
    pub moderator_note: Option<String>,
    /// For everyone else, when a facilitator hid it.
    pub hidden_reason: Option<String>,
    pub hidden: bool,
    pub awaiting_approval: bool,
}

/// A thread: its first comment, where it was made, and its replies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadView {
    pub first: CommentView,
    pub replies: Vec<CommentView>,
    pub made_on: u32,
    pub quote: Option<String>,
    pub anchor: AnchorNow,
    /// "Resolved by Jo: addressed in version 7".
    pub resolved: Option<String>,
    pub may_resolve: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmendmentView {
    pub id: i64,
    pub key: u32,
    pub proposer: String,
    pub created_at: i64,
    pub reason: String,
    pub state: AmendmentState,
    pub currency: Currency,
    /// Proposed on this version.
    pub base: u32,
    /// From the section's current text to the proposed text.
    pub diff: Vec<WordChange>,
    pub proposed_html: String,
    pub supports: i64,
    pub supported_by_me: bool,
}

/// What this reader may do in the discussion.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct DiscussionAbilities {
    pub comment: bool,
    pub propose: bool,
    pub decide: bool,
    pub moderate: bool,
    pub report: bool,
    /// A member of the public may comment here (after the simple check).
    pub comment_publicly: bool,
}

/// The question of the simple check a member of the public answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HumanCheckView {
    pub seed: u32,
    pub question: String,
}

/// `/processes/:id/documents/:kind/sections/:key/discussion`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionDiscussion {
    pub process: ProcessSummary,
    pub kind: DocumentKind,
    pub key: u32,
    pub heading: String,
    /// The section's text in the version shown (the latest for people taking part, the
    /// published one for the public).
    pub html: String,
    /// Its Markdown, to start an amendment from (people who may propose only).
    pub markdown: Option<String>,
    pub version: u32,
    pub activity: SectionActivity,
    /// One page of the threads, oldest first.
    pub threads: Vec<ThreadView>,
    pub threads_page: crate::domain::paging::PageOf,
    /// Threads on every page.
    pub thread_count: usize,
    pub amendments: Vec<AmendmentView>,
    pub may: DiscussionAbilities,
    pub signed_in: bool,
    pub human_check: Option<HumanCheckView>,
    /// The process's words to think twice about, for the advice under the boxes (empty for
    /// readers who may not write here).
    pub language: Vec<crate::domain::respectful_language::Term>,
}

/// `/processes/:id/documents/:kind/amendments/:amendment`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AmendmentPage {
    pub process: ProcessSummary,
    pub kind: DocumentKind,
    pub heading: String,
    pub latest: u32,
    pub amendment: AmendmentView,
    pub threads: Vec<ThreadView>,
    pub may: DiscussionAbilities,
}

/// One comment in the moderation queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub comment: CommentView,
    pub reports: Vec<String>,
    /// Where the comment is shown.
    pub link: String,
    pub section_heading: String,
    pub from_public: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogLine {
    pub comment: i64,
    pub action: String,
    pub actor: String,
    pub reason: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModerationPage {
    pub process: ProcessSummary,
    pub queue: Vec<QueueItem>,
    pub log: Vec<LogLine>,
    pub public_comments: bool,
    pub may_configure: bool,
}
