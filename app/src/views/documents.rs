//! What the document pages show: versions, history, comparisons, the editor and clashes.

use serde::{Deserialize, Serialize};

use crate::domain::ProcessSummary;
use crate::domain::document::DocumentKind;
use crate::domain::document::diff::WordChange;
use crate::domain::document::marked::MarkedSection;
use crate::domain::document::version::PublicationStatus;

/// One section as shown: the heading and the sanitised HTML of its Markdown.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionView {
    pub key: u32,
    pub heading: String,
    /// In the reading the page was asked for (full text or easy read).
    pub html: String,
}

/// Who saved a version (as they chose to appear to this reader), when, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionMetaView {
    pub number: u32,
    pub author: String,
    pub created_at: i64,
    pub summary: String,
    pub published: bool,
    /// When the version came from an accepted amendment: who proposed it.
    pub proposed_by: Option<String>,
    /// How easy its full text is to read; `None` when saved before this was kept.
    pub figures: Option<crate::domain::readability::VersionFigures>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub meta: VersionMetaView,
    pub sections: Vec<SectionView>,
    pub easy_read: EasyReadCount,
}

/// How far a version's easy read has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EasyReadCount {
    pub sections: usize,
    /// Sections with an easy read (current or out of date).
    pub written: usize,
    pub out_of_date: usize,
}

/// The version the public reads now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedView {
    pub number: u32,
    pub published_at: i64,
    pub status: PublicationStatus,
}

/// A document as listed on its process's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentSummary {
    pub kind: DocumentKind,
    /// The latest version's number, for people taking part.
    pub latest: Option<u32>,
    /// Whether this reader may open the working draft (people taking part).
    pub may_read_drafts: bool,
    pub published: Option<PublishedView>,
}

/// What the reader may do with this document.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DocumentAbilities {
    pub read_drafts: bool,
    pub edit: bool,
    pub publish: bool,
}

/// A document's page: the latest version for people taking part, the published one for
/// everyone else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentPage {
    pub process: ProcessSummary,
    pub kind: DocumentKind,
    pub shown: Option<VersionView>,
    pub published: Option<PublishedView>,
    pub may: DocumentAbilities,
    /// Per section (by key), what is under discussion; for people taking part.
    pub activity: Vec<(u32, crate::domain::deliberation::activity::SectionActivity)>,
    /// The public may comment on the published version shown (people not taking part only).
    pub public_comments_open: bool,
    /// The text the sections are shown in: full, or easy read.
    pub reading: crate::domain::document::easy_read::Reading,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub process: ProcessSummary,
    pub kind: DocumentKind,
    /// One page of them, newest first; only published versions for people not taking part.
    pub versions: Vec<HistoryRow>,
    pub page: crate::domain::paging::PageOf,
    /// The newest version this reader may read (on page 1 or not), for comparing.
    pub newest: u32,
    pub may: DocumentAbilities,
}

/// A version in the history, and the one before it this reader may read (to compare with).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryRow {
    pub version: VersionMetaView,
    pub before: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VersionPage {
    pub process: ProcessSummary,
    pub kind: DocumentKind,
    pub version: VersionView,
    pub latest_number: u32,
    /// The version the public reads now, if any.
    pub published_now: Option<u32>,
    pub may: DocumentAbilities,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComparePage {
    pub process: ProcessSummary,
    pub kind: DocumentKind,
    pub from: VersionMetaView,
    pub to: VersionMetaView,
    /// The newest version this reader may read, for choosing others to compare.
    pub newest: u32,
    pub sections: Vec<MarkedSection>,
}

/// A section as it stands, for the editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionDraft {
    pub process: ProcessSummary,
    pub kind: DocumentKind,
    pub base: u32,
    pub key: u32,
    pub heading: String,
    pub body: String,
    /// The section's easy read as saved ("" when none), and whether the text changed since.
    pub easy_read: String,
    pub easy_read_out_of_date: bool,
    /// The process's words to think twice about, for the advice beside the preview.
    pub language: Vec<crate::domain::respectful_language::Term>,
    /// The process's glossary: the advice names the field's words it does not explain.
    pub glossary: Vec<crate::domain::glossary::Entry>,
}

/// A save that met someone else's change: both texts and what the other person changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictPage {
    pub id: i64,
    pub process: ProcessSummary,
    pub kind: DocumentKind,
    pub key: u32,
    pub explanation: String,
    /// The version to merge onto (the latest).
    pub latest_number: u32,
    /// Who changed the section meanwhile, as each chose to appear.
    pub their_authors: Vec<String>,
    /// The section as it is now; `None` when it was removed.
    pub theirs: Option<(String, String)>,
    /// What they changed, from the version this person started from.
    pub their_change: Vec<WordChange>,
    pub their_heading_before: Option<String>,
    pub my_heading: String,
    pub my_body: String,
    pub my_summary: String,
    pub resolved: bool,
    /// The process's words to think twice about, for the advice beside the preview.
    pub language: Vec<crate::domain::respectful_language::Term>,
    /// The process's glossary: the advice names the field's words it does not explain.
    pub glossary: Vec<crate::domain::glossary::Entry>,
}

/// The outcome of saving an easy read. A clash stores nothing: the person's words go back to
/// the editor beside the other person's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EasyReadOutcome {
    Saved { number: u32 },
    NothingChanged,
    Clash,
}

/// The outcome of saving a section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SaveOutcome {
    Saved { number: u32 },
    NothingChanged,
    Conflict { id: i64 },
}
