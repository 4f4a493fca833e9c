//! What one page render has read about where it is and who asks: the viewer's memberships and
//! each process it shows, read once however many parts of the page ask (the header's "What
//! needs me", the page's data, each of its forms). A process page asked for its process four
//! times and for the viewer's roles five.
//!
//! Only page renders (GET) keep one, and it goes with the render: a GET changes no roles and
//! no process, while a server function may change them and then read again.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use crate::domain::{PersonId, ProcessId, ProcessRole, ProcessSummary};
use crate::store::{Db, StoreError, memberships, processes};

#[derive(Debug, Default)]
pub struct PageReads {
    memberships: OnceCell<(PersonId, Vec<(ProcessId, ProcessRole)>)>,
    processes: Mutex<HashMap<ProcessId, Arc<OnceCell<Option<ProcessSummary>>>>>,
}

impl PageReads {
    /// Every process `person` belongs to, with their roles, in process then role order.
    pub async fn memberships(
        &self,
        db: &Db,
        person: PersonId,
    ) -> Result<Vec<(ProcessId, ProcessRole)>, StoreError> {
        let (read_for, kept) = self
            .memberships
            .get_or_try_init(|| async {
                Ok::<_, StoreError>((person, memberships::processes_of(db, person).await?))
            })
            .await?;
        // One viewer per request; anyone else is read as they are.
        if *read_for == person {
            Ok(kept.clone())
        } else {
            memberships::processes_of(db, person).await
        }
    }

    /// `person`'s roles in `process`, from [`Self::memberships`].
    pub async fn roles(
        &self,
        db: &Db,
        process: ProcessId,
        person: PersonId,
    ) -> Result<Vec<ProcessRole>, StoreError> {
        Ok(self
            .memberships(db, person)
            .await?
            .into_iter()
            .filter(|(p, _)| *p == process)
            .map(|(_, role)| role)
            .collect())
    }

    /// Process `id`, if there is one.
    pub async fn process(
        &self,
        db: &Db,
        id: ProcessId,
    ) -> Result<Option<ProcessSummary>, StoreError> {
        match self.cell_for(id) {
            Some(cell) => cell
                .get_or_try_init(|| processes::find(db, id))
                .await
                .cloned(),
            // A part of the page panicked while holding the lock: read afresh.
            None => processes::find(db, id).await,
        }
    }

    fn cell_for(&self, id: ProcessId) -> Option<Arc<OnceCell<Option<ProcessSummary>>>> {
        let mut held = self.processes.lock().ok()?;
        Some(held.entry(id).or_default().clone())
    }
}

/// Process `id`: from `reads` in a page render, else from the database.
pub async fn process(
    reads: Option<&PageReads>,
    db: &Db,
    id: ProcessId,
) -> Result<Option<ProcessSummary>, StoreError> {
    match reads {
        Some(page) => page.process(db, id).await,
        None => processes::find(db, id).await,
    }
}

/// `person`'s memberships: from `reads` in a page render, else from the database.
pub async fn memberships_of(
    reads: Option<&PageReads>,
    db: &Db,
    person: PersonId,
) -> Result<Vec<(ProcessId, ProcessRole)>, StoreError> {
    match reads {
        Some(page) => page.memberships(db, person).await,
        None => memberships::processes_of(db, person).await,
    }
}

/// `person`'s roles in `process`: from `reads` in a page render, else from the database.
pub async fn roles_of(
    reads: Option<&PageReads>,
    db: &Db,
    process: ProcessId,
    person: PersonId,
) -> Result<Vec<ProcessRole>, StoreError> {
    match reads {
        Some(page) => page.roles(db, process, person).await,
        None => memberships::roles_of(db, process, person).await,
    }
}
