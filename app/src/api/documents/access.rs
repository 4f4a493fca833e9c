//! Who is reading or changing a document, and what they may do (server only).

use std::collections::HashMap;

use super::{DocumentAbilities, VersionMetaView};
use crate::api::AppError;
use crate::api::boundary::{app_state, refused, roles_in, unexpected, viewer};
use crate::domain::document::DocumentKind;
use crate::domain::permissions::{ProcessAction, may_in_process};
use crate::domain::{Audience, PersonId, ProcessId, ProcessRole, ProcessSummary, Viewer};
use crate::state::AppState;
use crate::store::documents::VersionMeta;

pub struct DocumentAccess {
    pub state: AppState,
    pub process: ProcessSummary,
    pub kind: DocumentKind,
    pub viewer: Option<Viewer>,
    pub roles: Vec<ProcessRole>,
}

impl DocumentAccess {
    /// Finds the process and document kind and who asks. Unknown ones are "not found".
    pub async fn load(process_id: i64, kind: &str) -> Result<Self, AppError> {
        let state = app_state()?;
        let kind = DocumentKind::from_slug(kind)
            .ok_or_else(|| AppError::NotFound("that document".into()))?;
        let id = ProcessId::new(process_id);
        let process = crate::store::processes::find(&state.db, id)
            .await
            .map_err(unexpected("reading a process"))?
            .ok_or_else(|| AppError::NotFound("that process".into()))?;
        let viewer = viewer(&state).await?;
        let roles = roles_in(&state, id, viewer.as_ref()).await?;
        Ok(Self {
            state,
            process,
            kind,
            viewer,
            roles,
        })
    }

    pub fn id(&self) -> ProcessId {
        self.process.id
    }

    pub fn may(&self, action: ProcessAction) -> bool {
        may_in_process(self.viewer.as_ref(), &self.roles, action).is_ok()
    }

    pub fn abilities(&self) -> DocumentAbilities {
        DocumentAbilities {
            read_drafts: self.may(ProcessAction::ReadDrafts),
            edit: self.may(ProcessAction::EditDocuments),
            publish: self.may(ProcessAction::PublishDocuments),
        }
    }

    /// The viewer, if they may do `action`; a refusal they can act on otherwise.
    pub fn require(&self, action: ProcessAction, name: &'static str) -> Result<Viewer, AppError> {
        may_in_process(self.viewer.as_ref(), &self.roles, action)
            .map_err(|r| refused(name, self.viewer.as_ref(), r))?;
        self.viewer.ok_or(AppError::SignInRequired)
    }

    fn audience(&self) -> Audience {
        if self.may(ProcessAction::ReadDrafts) {
            Audience::Participants
        } else {
            Audience::Public
        }
    }

    /// How each person in the process appears to this reader.
    pub async fn names(&self) -> Result<HashMap<PersonId, String>, AppError> {
        let audience = self.audience();
        self.people_shown(|profile| profile.shown_as(audience))
            .await
    }

    /// As [`Self::names`], with each person's constituency: how comment authors are shown.
    pub async fn bylines(&self) -> Result<HashMap<PersonId, String>, AppError> {
        let audience = self.audience();
        self.people_shown(|profile| profile.byline(audience)).await
    }

    async fn people_shown(
        &self,
        show: impl Fn(&crate::domain::Profile) -> String,
    ) -> Result<HashMap<PersonId, String>, AppError> {
        Ok(
            crate::store::people::profiles_in_process(&self.state.db, self.id())
                .await
                .map_err(unexpected("reading participants"))?
                .into_iter()
                .map(|(id, profile)| (id, show(&profile)))
                .collect(),
        )
    }

    /// Numbers of the versions ever published, so readers can tell which are public.
    pub async fn published_numbers(&self) -> Result<Vec<u32>, AppError> {
        Ok(
            crate::store::documents::publications(&self.state.db, self.id(), self.kind)
                .await
                .map_err(unexpected("reading publications"))?
                .into_iter()
                .map(|p| p.number.get())
                .collect(),
        )
    }
}

/// Someone who saved a version but no longer takes part (or a removed account).
pub const FORMER_MEMBER: &str = "someone who no longer takes part";

pub fn meta_view(
    meta: &VersionMeta,
    names: &HashMap<PersonId, String>,
    published: &[u32],
) -> VersionMetaView {
    VersionMetaView {
        number: meta.number.get(),
        author: meta
            .author
            .and_then(|a| names.get(&a).cloned())
            .unwrap_or_else(|| FORMER_MEMBER.to_string()),
        created_at: meta.created_at,
        summary: meta.summary.as_str().to_string(),
        published: published.contains(&meta.number.get()),
        proposed_by: meta.credit.map(|c| {
            c.proposer
                .and_then(|p| names.get(&p).cloned())
                .unwrap_or_else(|| FORMER_MEMBER.to_string())
        }),
    }
}
