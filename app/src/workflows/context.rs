//! Who is asking, in which process, with which roles: loaded once per request and handed to
//! the workflow, which asks it what the person may do.

use std::collections::HashMap;

use crate::domain::permissions::{ProcessAction, may_in_process};
use crate::domain::{Audience, PersonId, ProcessId, ProcessRole, ProcessSummary, Profile, Viewer};
use crate::error::{AppError, refused};
use crate::state::AppState;
use crate::workflows::unexpected;

/// A process, the person asking (if signed in) and their roles in it.
#[derive(Clone, Debug)]
pub struct ProcessContext {
    pub state: AppState,
    pub process: ProcessSummary,
    pub viewer: Option<Viewer>,
    pub roles: Vec<ProcessRole>,
}

/// Someone who no longer takes part (or a removed account), wherever a name would be.
pub const FORMER_MEMBER: &str = "someone who no longer takes part";

impl ProcessContext {
    /// Reads the process and the viewer's roles in it; an unknown process is "not found".
    pub async fn load(
        state: &AppState,
        process: ProcessId,
        viewer: Option<Viewer>,
    ) -> Result<Self, AppError> {
        let reads = state.page_reads.as_deref();
        let summary = crate::cache::page_reads::process(reads, &state.db, process)
            .await
            .map_err(unexpected("reading a process"))?
            .ok_or_else(|| AppError::NotFound("that process".into()))?;
        let roles = roles_in(state, process, viewer.as_ref()).await?;
        Ok(Self {
            state: state.clone(),
            process: summary,
            viewer,
            roles,
        })
    }

    pub fn id(&self) -> ProcessId {
        self.process.id
    }

    pub fn db(&self) -> &crate::store::Db {
        &self.state.db
    }

    pub fn may(&self, action: ProcessAction) -> bool {
        may_in_process(self.viewer.as_ref(), &self.roles, action).is_ok()
    }

    /// The viewer, if they may do `action`; a refusal they can act on otherwise (logged as
    /// `name`).
    pub fn require(&self, action: ProcessAction, name: &'static str) -> Result<Viewer, AppError> {
        may_in_process(self.viewer.as_ref(), &self.roles, action)
            .map_err(|r| refused(name, self.viewer.as_ref(), r))?;
        self.viewer.ok_or(AppError::SignInRequired)
    }

    /// People taking part see each other as they chose to appear to participants; everyone
    /// else sees the public view.
    pub fn audience(&self) -> Audience {
        if self.may(ProcessAction::ReadDrafts) {
            Audience::Participants
        } else {
            Audience::Public
        }
    }

    /// How these people (the ones the page shows) appear to this reader: people taking part
    /// see each other as they chose to appear to participants, everyone else the public view.
    pub async fn names_of(
        &self,
        people: impl IntoIterator<Item = Option<PersonId>>,
    ) -> Result<HashMap<PersonId, String>, AppError> {
        let audience = self.audience();
        self.shown_of(people, |profile| profile.shown_as(audience))
            .await
    }

    /// As [`Self::names_of`], with each person's constituency: how comment authors are shown.
    pub async fn bylines_of(
        &self,
        people: impl IntoIterator<Item = Option<PersonId>>,
    ) -> Result<HashMap<PersonId, String>, AppError> {
        let audience = self.audience();
        self.shown_of(people, |profile| profile.byline(audience))
            .await
    }

    /// One indexed read of these people's profiles, however many members the process has.
    async fn shown_of(
        &self,
        people: impl IntoIterator<Item = Option<PersonId>>,
        show: impl Fn(&Profile) -> String,
    ) -> Result<HashMap<PersonId, String>, AppError> {
        let mut people: Vec<PersonId> = people.into_iter().flatten().collect();
        people.sort_by_key(|p| p.get());
        people.dedup();
        Ok(
            crate::store::people::profiles_of(self.db(), self.id(), &people)
                .await
                .map_err(unexpected("reading participants"))?
                .into_iter()
                .map(|(id, profile)| (id, show(&profile)))
                .collect(),
        )
    }
}

/// The viewer's roles in a process (none when signed out or not a member).
pub async fn roles_in(
    state: &AppState,
    process: ProcessId,
    viewer: Option<&Viewer>,
) -> Result<Vec<ProcessRole>, AppError> {
    match viewer {
        None => Ok(Vec::new()),
        Some(v) => {
            let reads = state.page_reads.as_deref();
            crate::cache::page_reads::roles_of(reads, &state.db, process, v.person)
                .await
                .map_err(unexpected("reading roles"))
        }
    }
}

/// The name shown for `person`, or [`FORMER_MEMBER`].
pub fn name_of(names: &HashMap<PersonId, String>, person: Option<PersonId>) -> String {
    person
        .and_then(|p| names.get(&p).cloned())
        .unwrap_or_else(|| FORMER_MEMBER.to_string())
}
