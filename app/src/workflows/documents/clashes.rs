//! Clashing edits: a save that met someone else's change to the same section is kept with
//! the person's words, shown to them beside what changed meanwhile, and marked merged once
//! their merge is saved.

use super::context::DocumentContext;
use super::editing::base_version;
use crate::domain::Viewer;
use crate::domain::document::SectionKey;
use crate::domain::document::diff::word_diff;
use crate::domain::document::editing::Clash;
use crate::domain::document::version::VersionNumber;
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::forms::documents::SectionEdit;
use crate::store::documents::{self, StoredConflict};
use crate::views::documents::ConflictPage;
use crate::workflows::context::name_of;
use crate::workflows::unexpected;

/// Keeps the person's words of a save that clashed; returns the clash's id.
pub(super) async fn keep(
    access: &DocumentContext,
    editor: &Viewer,
    key: SectionKey,
    base: VersionNumber,
    edit: &SectionEdit,
    now: i64,
) -> Result<i64, AppError> {
    let id = documents::insert_conflict(
        access.db(),
        access.id(),
        access.kind,
        key,
        base,
        editor.person,
        edit.heading.as_str(),
        edit.body.as_str(),
        edit.summary.as_str(),
        now,
    )
    .await
    .map_err(unexpected("keeping a clashing edit"))?;
    tracing::info!(
        process = access.id().get(),
        conflict = id,
        "a section save met another change"
    );
    Ok(id)
}

/// Marks the editor's own kept clash as merged, once their merge has been saved.
pub(super) async fn resolve_own(
    access: &DocumentContext,
    editor: &Viewer,
    clash: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    if let Some(id) = clash
        && let Ok(Some(c)) = documents::find_conflict(access.db(), id).await
        && c.person == editor.person
    {
        documents::resolve_conflict(access.db(), id, now)
            .await
            .map_err(unexpected("marking a conflict merged"))?;
    }
    Ok(())
}

/// A kept clash, for the person who made it.
pub async fn page(access: &DocumentContext, id: i64) -> Result<ConflictPage, AppError> {
    let editor = access.require(ProcessAction::EditDocuments, "see a clashing edit")?;
    let db = access.db();
    let not_found = || AppError::NotFound("that clashing edit".into());
    let conflict = documents::find_conflict(db, id)
        .await
        .map_err(unexpected("reading a clashing edit"))?
        .filter(|c| c.process == access.id() && c.kind == access.kind && c.person == editor.person)
        .ok_or_else(not_found)?;
    let base = base_version(access, conflict.base.get()).await?;
    let latest = documents::latest(db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)?;
    let before = base.content.section(conflict.key);
    let now = latest.content.section(conflict.key);
    let their_authors = changed_by(access, &conflict).await?;
    let clash = if now.is_some() {
        Clash::ChangedMeanwhile
    } else {
        Clash::RemovedMeanwhile
    };
    let lists = crate::workflows::word_lists::of_process(access).await?;
    Ok(ConflictPage {
        id,
        kind: access.kind,
        key: conflict.key.get(),
        explanation: clash.explanation().to_string(),
        latest_number: latest.number.get(),
        their_authors,
        theirs: now.map(|s| (s.heading.as_str().to_string(), s.body.as_str().to_string())),
        their_change: match (before, now) {
            (Some(b), Some(n)) => word_diff(b.body.as_str(), n.body.as_str()),
            _ => Vec::new(),
        },
        their_heading_before: match (before, now) {
            (Some(b), Some(n)) if b.heading != n.heading => Some(b.heading.as_str().to_string()),
            _ => None,
        },
        my_heading: conflict.heading,
        my_body: conflict.body,
        my_summary: conflict.summary,
        resolved: conflict.resolved,
        language: lists.language,
        glossary: lists.glossary,
        process: access.process.clone(),
    })
}

/// Who changed (or removed) the section in the versions saved after the person started,
/// each once, as they chose to appear.
async fn changed_by(
    access: &DocumentContext,
    conflict: &StoredConflict,
) -> Result<Vec<String>, AppError> {
    let later = documents::versions_after(access.db(), access.id(), access.kind, conflict.base)
        .await
        .map_err(unexpected("reading versions"))?;
    let names = access.names_of(later.iter().map(|v| v.author)).await?;
    let base = base_version(access, conflict.base.get()).await?;
    let mut previous = base.content.section(conflict.key).cloned();
    let mut authors: Vec<String> = Vec::new();
    for version in &later {
        let now = version.content.section(conflict.key).cloned();
        if now != previous {
            let name = name_of(&names, version.author);
            if !authors.contains(&name) {
                authors.push(name);
            }
        }
        previous = now;
    }
    Ok(authors)
}
