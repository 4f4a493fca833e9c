//! A document of a process, and who is reading or changing it.

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::Arc;

use crate::domain::document::easy_read::Reading;
use crate::domain::document::render::RenderedSection;
use crate::domain::document::version::VersionNumber;
use crate::domain::document::{DocumentContent, DocumentKind};
use crate::domain::glossary::Entry;
use crate::domain::permissions::ProcessAction;
use crate::domain::{PersonId, ProcessId, Viewer};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::documents::{self, VersionMeta, figures_of};
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

/// A version as a page reads it: who saved it, when and why (a small indexed read) and its
/// content (from the instance's memory when it is there).
#[derive(Clone, Debug)]
pub struct ReadVersion {
    pub meta: VersionMeta,
    pub content: Arc<DocumentContent>,
}

impl DocumentContext {
    /// Version `number` of this document, if it exists (whoever may read it).
    pub async fn version_at(&self, number: VersionNumber) -> Result<Option<ReadVersion>, AppError> {
        let meta = documents::version_meta(self.db(), self.id(), self.kind, number)
            .await
            .map_err(unexpected("reading a version"))?;
        match meta {
            Some(meta) => self.with_content(meta).await,
            None => Ok(None),
        }
    }

    /// The latest version of this document, if it has been started.
    pub async fn latest_version(&self) -> Result<Option<ReadVersion>, AppError> {
        let meta = documents::latest_meta(self.db(), self.id(), self.kind)
            .await
            .map_err(unexpected("reading the latest version"))?;
        match meta {
            Some(meta) => self.with_content(meta).await,
            None => Ok(None),
        }
    }

    async fn with_content(&self, mut meta: VersionMeta) -> Result<Option<ReadVersion>, AppError> {
        let Some(content) = self
            .state
            .versions
            .content(self.db(), self.id(), self.kind, meta.number)
            .await
            .map_err(unexpected("reading a version"))?
        else {
            return Ok(None);
        };
        // Versions saved before their figures were kept have them worked out now.
        meta.figures = meta.figures.or_else(|| Some(figures_of(&content)));
        Ok(Some(ReadVersion { meta, content }))
    }

    /// A version's sections as HTML for `reading` with `glossary`, rendered once per instance.
    pub fn rendered(
        &self,
        version: &ReadVersion,
        reading: Reading,
        glossary: &[Entry],
    ) -> Arc<Vec<RenderedSection>> {
        self.state.rendered.sections(
            (self.id(), self.kind, version.meta.number),
            &version.content,
            reading,
            glossary,
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
