//! Changing a document: starting it, saving a section (a save that meets someone else's
//! change is kept as a clash, see `clashes`), and adding, moving and removing sections. Each
//! change is the next version, stored in one write transaction after the domain decided it.

use super::clashes;
use super::context::DocumentContext;
use crate::domain::Viewer;
use crate::domain::document::editing::{
    Direction, EditError, SectionSave, remove_section as decide_remove, save_section as decide_save,
};
use crate::domain::document::templates::starting_content;
use crate::domain::document::version::{ChangeSummary, VersionNumber};
use crate::domain::document::{DocumentContent, SectionKey};
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::forms::documents::{NewSection, SectionEdit};
use crate::store::documents::{self, NextVersion, StoredVersion, write_next};
use crate::views::documents::{SaveOutcome, SectionDraft};
use crate::workflows::unexpected;

pub(super) fn edit_error(e: EditError) -> AppError {
    match e {
        EditError::NoSuchSection => AppError::NotFound("that section".into()),
        other => AppError::Conflict(other.to_string()),
    }
}

fn not_started() -> AppError {
    AppError::NotFound("this document (it has not been started)".into())
}

/// The version an editor started from.
pub(super) async fn base_version(
    access: &DocumentContext,
    base: u32,
) -> Result<StoredVersion, AppError> {
    let number = VersionNumber::new(base).ok_or(AppError::BadRequest)?;
    documents::version(access.db(), access.id(), access.kind, number)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(|| AppError::NotFound(format!("version {base} of this document")))
}

/// Section `key`'s heading in `version`, for a change's automatic summary.
pub(super) fn heading_in(version: &StoredVersion, key: SectionKey) -> Result<String, AppError> {
    version
        .content
        .section(key)
        .map(|s| s.heading.as_str().to_string())
        .ok_or_else(|| AppError::NotFound("that section".into()))
}

/// Stores the next version made by `change` from the latest one, in one write transaction.
/// `change` gives the new content, its summary and the value to answer, or an error a person
/// can act on (then nothing is stored).
async fn change_latest<T>(
    access: &DocumentContext,
    editor: &Viewer,
    now: i64,
    doing: &'static str,
    change: impl Fn(&DocumentContent) -> Result<(DocumentContent, ChangeSummary, T), AppError>,
) -> Result<(T, VersionNumber), AppError> {
    let (answer, number) = write_next(
        access.db(),
        access.id(),
        access.kind,
        editor.person,
        now,
        |latest| match latest {
            None => NextVersion::Keep(Err(not_started())),
            Some(latest) => match change(&latest.content) {
                Ok((content, summary, answer)) => NextVersion::Save(content, summary, Ok(answer)),
                Err(e) => NextVersion::Keep(Err(e)),
            },
        },
    )
    .await
    .map_err(unexpected(doing))?;
    Ok((answer?, number.ok_or(AppError::Unexpected)?))
}

/// The first version, from the template or blank; refused if someone started it already.
pub async fn start(access: &DocumentContext, from_template: bool) -> Result<u32, AppError> {
    let editor = access.require(ProcessAction::EditDocuments, "start a document")?;
    let content = starting_content(access.kind, from_template);
    let summary = ChangeSummary::automatic(if from_template {
        "Started from the template"
    } else {
        "Started blank"
    });
    let (started, number) = write_next(
        access.db(),
        access.id(),
        access.kind,
        editor.person,
        crate::store::unix_now(),
        |latest| match latest {
            Some(_) => NextVersion::Keep(false),
            None => NextVersion::Save(content.clone(), summary.clone(), true),
        },
    )
    .await
    .map_err(unexpected("starting a document"))?;
    match (started, number) {
        (true, Some(number)) => Ok(number.get()),
        _ => Err(AppError::Conflict(
            "Someone has already started this document. Open it again to see it.".into(),
        )),
    }
}

/// A section as it stands in the latest version, for the editor.
pub async fn section(access: &DocumentContext, key: u32) -> Result<SectionDraft, AppError> {
    access.require(ProcessAction::EditDocuments, "edit a section")?;
    let latest = documents::latest(access.db(), access.id(), access.kind)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_started)?;
    let section = latest
        .content
        .section(SectionKey::new(key))
        .ok_or_else(|| AppError::NotFound("that section".into()))?;
    let lists = crate::workflows::word_lists::of_process(access).await?;
    Ok(SectionDraft {
        kind: access.kind,
        base: latest.number.get(),
        key,
        heading: section.heading.as_str().to_string(),
        body: section.body.as_str().to_string(),
        easy_read: section
            .easy_read
            .as_ref()
            .map_or_else(String::new, |e| e.text.as_str().to_string()),
        easy_read_out_of_date: matches!(
            section.easy_read_state(),
            crate::domain::document::easy_read::EasyReadState::OutOfDate(_)
        ),
        language: lists.language,
        glossary: lists.glossary,
        process: access.process.clone(),
    })
}

/// Saves a section's heading and text as a new version. `base` is the version the editor
/// started from. If someone else changed this section since, the words are kept as a clash.
/// `clash` is the editor's own kept clash this save merges, if any.
pub async fn save(
    access: &DocumentContext,
    key: u32,
    base: u32,
    edit: SectionEdit,
    clash: Option<i64>,
) -> Result<SaveOutcome, AppError> {
    let editor = access.require(ProcessAction::EditDocuments, "save a section")?;
    let key = SectionKey::new(key);
    let base_version = base_version(access, base).await?;
    let now = crate::store::unix_now();
    // The closure answers `Some(clash)` when the save must become a kept clash.
    let (decided, number) = write_next(
        access.db(),
        access.id(),
        access.kind,
        editor.person,
        now,
        |latest| {
            let Some(latest) = latest else {
                return NextVersion::Keep(Err(AppError::NotFound("that section".into())));
            };
            match decide_save(
                &base_version.content,
                &latest.content,
                key,
                edit.heading.clone(),
                edit.body.clone(),
            ) {
                Ok(SectionSave::Apply(content)) => {
                    NextVersion::Save(content, edit.summary.clone(), Ok(None))
                }
                Ok(SectionSave::NothingChanged) => NextVersion::Keep(Ok(None)),
                Ok(SectionSave::Conflict(clash)) => NextVersion::Keep(Ok(Some(clash))),
                Err(e) => NextVersion::Keep(Err(edit_error(e))),
            }
        },
    )
    .await
    .map_err(unexpected("saving a section"))?;
    if decided?.is_some() {
        let id = clashes::keep(access, &editor, key, base_version.number, &edit, now).await?;
        return Ok(SaveOutcome::Conflict { id });
    }
    clashes::resolve_own(access, &editor, clash, now).await?;
    Ok(match number {
        Some(number) => SaveOutcome::Saved {
            number: number.get(),
        },
        None => SaveOutcome::NothingChanged,
    })
}

/// A new section at the end; returns its key.
pub async fn add(
    access: &DocumentContext,
    section: NewSection,
    clash: Option<i64>,
) -> Result<u32, AppError> {
    let editor = access.require(ProcessAction::EditDocuments, "add a section")?;
    let summary =
        ChangeSummary::automatic(format!("Added the section “{}”", section.heading.as_str()));
    let now = crate::store::unix_now();
    let (key, _) = change_latest(access, &editor, now, "adding a section", |latest| {
        let (content, key) = latest
            .with_section_added(section.heading.clone(), section.body.clone())
            .map_err(edit_error)?;
        Ok((content, summary.clone(), key))
    })
    .await?;
    clashes::resolve_own(access, &editor, clash, now).await?;
    Ok(key.get())
}

/// Moves a section one place up or down; returns the new version's number.
pub async fn move_section(
    access: &DocumentContext,
    key: u32,
    direction: Direction,
) -> Result<u32, AppError> {
    let editor = access.require(ProcessAction::EditDocuments, "move a section")?;
    let key = SectionKey::new(key);
    let now = crate::store::unix_now();
    let ((), number) = change_latest(access, &editor, now, "moving a section", |latest| {
        let heading = latest
            .section(key)
            .map(|s| s.heading.as_str().to_string())
            .unwrap_or_default();
        let content = latest
            .with_section_moved(key, direction)
            .map_err(edit_error)?;
        let way = if direction == Direction::Up {
            "up"
        } else {
            "down"
        };
        Ok((
            content,
            ChangeSummary::automatic(format!("Moved “{heading}” {way}")),
            (),
        ))
    })
    .await?;
    Ok(number.get())
}

/// Removes a section, unless someone changed it since the person last saw it (`base`). Old
/// versions keep it. Returns the new version's number.
pub async fn remove(access: &DocumentContext, key: u32, base: u32) -> Result<u32, AppError> {
    let editor = access.require(ProcessAction::EditDocuments, "remove a section")?;
    let key = SectionKey::new(key);
    let base_version = base_version(access, base).await?;
    let heading = heading_in(&base_version, key)?;
    let now = crate::store::unix_now();
    let ((), number) = change_latest(access, &editor, now, "removing a section", |latest| {
        match decide_remove(&base_version.content, latest, key) {
            Ok(Ok(content)) => Ok((
                content,
                ChangeSummary::automatic(format!("Removed the section “{heading}”")),
                (),
            )),
            Ok(Err(_clash)) => Err(AppError::Conflict(
                "Someone changed this section after you opened the document, so it was not removed. Read it again before removing it.".into(),
            )),
            Err(e) => Err(edit_error(e)),
        }
    })
    .await?;
    Ok(number.get())
}
