//! A document of a process, and who is reading or changing it.

use std::collections::HashMap;
use std::ops::Deref;

use crate::domain::document::DocumentKind;
use crate::domain::permissions::ProcessAction;
use crate::domain::{PersonId, ProcessId, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::documents::VersionMeta;
use crate::views::documents::{DocumentAbilities, VersionMetaView};
use crate::workflows::ProcessContext;
use crate::workflows::context::name_of;
use crate::workflows::unexpected;

/// One of the process's two documents, as seen by the person asking. It reads as its
/// [`ProcessContext`] too (`access.viewer`, `access.may(…)`).
#[derive(Clone, Debug)]
pub struct DocumentContext {
    pub cx: ProcessContext,
    pub kind: DocumentKind,
}

impl Deref for DocumentContext {
    type Target = ProcessContext;

    fn deref(&self) -> &ProcessContext {
        &self.cx
    }
}

impl DocumentContext {
    /// Finds the process and who asks; an unknown process or document is "not found".
    pub async fn load(
        state: &AppState,
        viewer: Option<Viewer>,
        process: ProcessId,
        kind: &str,
    ) -> Result<Self, AppError> {
        let kind = DocumentKind::from_slug(kind)
            .ok_or_else(|| AppError::NotFound("that document".into()))?;
        Ok(Self {
            cx: ProcessContext::load(state, process, viewer).await?,
            kind,
        })
    }

    /// The other document of the same process, for the same person.
    pub fn with_kind(&self, kind: DocumentKind) -> Self {
        Self {
            cx: self.cx.clone(),
            kind,
        }
    }

    pub fn abilities(&self) -> DocumentAbilities {
        DocumentAbilities {
            read_drafts: self.may(ProcessAction::ReadDrafts),
            edit: self.may(ProcessAction::EditDocuments),
            publish: self.may(ProcessAction::PublishDocuments),
        }
    }

    /// Numbers of the versions ever published, so readers can tell which are public.
    pub async fn published_numbers(&self) -> Result<Vec<u32>, AppError> {
        Ok(
            crate::store::documents::publications(self.db(), self.id(), self.kind)
                .await
                .map_err(unexpected("reading publications"))?
                .into_iter()
                .map(|p| p.number.get())
                .collect(),
        )
    }
}

/// Who saved a version, when and why, as this reader may see it.
pub fn meta_view(
    meta: &VersionMeta,
    names: &HashMap<PersonId, String>,
    published: &[u32],
) -> VersionMetaView {
    VersionMetaView {
        number: meta.number.get(),
        author: name_of(names, meta.author),
        created_at: meta.created_at,
        summary: meta.summary.as_str().to_string(),
        published: published.contains(&meta.number.get()),
        proposed_by: meta.credit.map(|c| name_of(names, c.proposer)),
        figures: meta.figures,
    }
}
