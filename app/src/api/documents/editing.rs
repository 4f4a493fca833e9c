//! Changing a document: starting it, saving a section (with conflict detection), adding,
//! moving and removing sections, and the conflict view. Each function authorises, parses,
//! lets the domain decide, and stores.

use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::access::{DocumentAccess, FORMER_MEMBER};
#[cfg(feature = "ssr")]
use super::document_path;
use super::{ConflictPage, SaveOutcome, SectionDraft};
use crate::api::AppError;

#[cfg(feature = "ssr")]
fn parse_key(raw: u32) -> crate::domain::document::SectionKey {
    crate::domain::document::SectionKey::new(raw)
}

#[cfg(feature = "ssr")]
fn edit_error(e: crate::domain::document::editing::EditError) -> AppError {
    use crate::domain::document::editing::EditError;
    match e {
        EditError::NoSuchSection => AppError::NotFound("that section".into()),
        other => AppError::Conflict(other.to_string()),
    }
}

#[cfg(feature = "ssr")]
async fn base_version(
    access: &DocumentAccess,
    base: u32,
) -> Result<crate::store::documents::StoredVersion, AppError> {
    use crate::domain::document::version::VersionNumber;
    let number = VersionNumber::new(base).ok_or(AppError::BadRequest)?;
    crate::store::documents::version(&access.state.db, access.id(), access.kind, number)
        .await
        .map_err(crate::api::boundary::unexpected("reading a version"))?
        .ok_or_else(|| AppError::NotFound(format!("version {base} of this document")))
}

/// Stores the next version made by `change` from the latest one, in one write transaction.
/// `change` gives the new content, its summary and the value to answer, or an error a person
/// can act on (then nothing is stored).
#[cfg(feature = "ssr")]
async fn change_latest<T>(
    access: &DocumentAccess,
    editor: &crate::domain::Viewer,
    now: i64,
    doing: &'static str,
    change: impl Fn(
        &crate::domain::document::DocumentContent,
    ) -> Result<
        (
            crate::domain::document::DocumentContent,
            crate::domain::document::version::ChangeSummary,
            T,
        ),
        AppError,
    >,
) -> Result<(T, crate::domain::document::version::VersionNumber), AppError> {
    use crate::store::documents::{Decision, write_next};
    let (answer, number) = write_next(
        &access.state.db,
        access.id(),
        access.kind,
        editor.person,
        now,
        |latest| match latest {
            None => Decision::Keep(Err(AppError::NotFound(
                "this document (it has not been started)".into(),
            ))),
            Some(latest) => match change(&latest.content) {
                Ok((content, summary, answer)) => Decision::Save(content, summary, Ok(answer)),
                Err(e) => Decision::Keep(Err(e)),
            },
        },
    )
    .await
    .map_err(crate::api::boundary::unexpected(doing))?;
    Ok((answer?, number.ok_or(AppError::Unexpected)?))
}

/// Marks the editor's own kept clash as merged, once their merge has been saved.
#[cfg(feature = "ssr")]
async fn resolve_own_conflict(
    access: &DocumentAccess,
    editor: &crate::domain::Viewer,
    conflict_id: Option<i64>,
    now: i64,
) -> Result<(), AppError> {
    use crate::store::documents;
    if let Some(id) = conflict_id
        && let Ok(Some(c)) = documents::find_conflict(&access.state.db, id).await
        && c.person == editor.person
    {
        documents::resolve_conflict(&access.state.db, id, now)
            .await
            .map_err(crate::api::boundary::unexpected(
                "marking a conflict merged",
            ))?;
    }
    Ok(())
}

/// `POST /api/documents/start`: the first version, from the template or blank.
#[server(prefix = "/api", endpoint = "documents/start")]
pub async fn start_document(
    process_id: i64,
    kind: String,
    start_from: String,
) -> Result<u32, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::document::templates::starting_content;
    use crate::domain::document::version::ChangeSummary;
    use crate::domain::permissions::ProcessAction;
    use crate::store::documents::{Decision, write_next};
    let access = DocumentAccess::load(process_id, &kind).await?;
    let editor = access.require(ProcessAction::EditDocuments, "start a document")?;
    let from_template = match start_from.as_str() {
        "template" => true,
        "blank" => false,
        _ => return Err(AppError::BadRequest),
    };
    let content = starting_content(access.kind, from_template);
    let summary = ChangeSummary::automatic(if from_template {
        "Started from the template"
    } else {
        "Started blank"
    });
    let (started, number) = write_next(
        &access.state.db,
        access.id(),
        access.kind,
        editor.person,
        crate::store::unix_now(),
        |latest| match latest {
            Some(_) => Decision::Keep(false),
            None => Decision::Save(content.clone(), summary.clone(), true),
        },
    )
    .await
    .map_err(unexpected("starting a document"))?;
    let (true, Some(number)) = (started, number) else {
        return Err(AppError::Conflict(
            "Someone has already started this document. Open it again to see it.".into(),
        ));
    };
    leptos_axum::redirect(&document_path(process_id, access.kind));
    Ok(number.get())
}

/// `POST /api/documents/section`: a section as it stands in the latest version, to edit.
#[server(prefix = "/api", endpoint = "documents/section")]
pub async fn load_section(
    process_id: i64,
    kind: String,
    key: u32,
) -> Result<SectionDraft, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::permissions::ProcessAction;
    let access = DocumentAccess::load(process_id, &kind).await?;
    access.require(ProcessAction::EditDocuments, "edit a section")?;
    let latest = crate::store::documents::latest(&access.state.db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(|| AppError::NotFound("this document (it has not been started)".into()))?;
    let section = latest
        .content
        .section(parse_key(key))
        .ok_or_else(|| AppError::NotFound("that section".into()))?;
    Ok(SectionDraft {
        kind: access.kind,
        base: latest.number.get(),
        key,
        heading: section.heading.as_str().to_string(),
        body: section.body.as_str().to_string(),
        process: access.process,
    })
}

/// `POST /api/documents/save-section`: saves a section's heading and text as a new version.
/// `base` is the version the editor started from. If someone else changed this section
/// since, the words are kept as a conflict and the person is sent to merge them.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "documents/save-section")]
pub async fn save_section(
    process_id: i64,
    kind: String,
    key: u32,
    base: u32,
    heading: String,
    body: String,
    summary: String,
    conflict_id: Option<i64>,
) -> Result<SaveOutcome, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::document::editing::{SectionSave, save_section as decide_save};
    use crate::domain::document::version::ChangeSummary;
    use crate::domain::document::{SectionBody, SectionHeading};
    use crate::domain::permissions::ProcessAction;
    use crate::store::documents::{self, Decision, write_next};

    let access = DocumentAccess::load(process_id, &kind).await?;
    let editor = access.require(ProcessAction::EditDocuments, "save a section")?;
    let parsed_heading = SectionHeading::parse(&heading);
    let parsed_body = SectionBody::parse(&body);
    let parsed_summary = ChangeSummary::parse(&summary);
    AppError::check_fields(vec![
        ("heading", parsed_heading.clone().err()),
        ("body", parsed_body.clone().err()),
        ("summary", parsed_summary.clone().err()),
    ])?;
    let (Ok(new_heading), Ok(new_body), Ok(summary_ok)) =
        (parsed_heading, parsed_body, parsed_summary)
    else {
        return Err(AppError::Unexpected);
    };
    let key = parse_key(key);
    let base_version = base_version(&access, base).await?;
    let db = &access.state.db;
    let now = crate::store::unix_now();

    // The closure answers `Some(clash)` when the save must become a conflict.
    let (decision, number) =
        write_next(db, access.id(), access.kind, editor.person, now, |latest| {
            let Some(latest) = latest else {
                return Decision::Keep(Err(AppError::NotFound("that section".into())));
            };
            match decide_save(
                &base_version.content,
                &latest.content,
                key,
                new_heading.clone(),
                new_body.clone(),
            ) {
                Ok(SectionSave::Apply(content)) => {
                    Decision::Save(content, summary_ok.clone(), Ok(None))
                }
                Ok(SectionSave::NothingChanged) => Decision::Keep(Ok(None)),
                Ok(SectionSave::Conflict(clash)) => Decision::Keep(Ok(Some(clash))),
                Err(e) => Decision::Keep(Err(edit_error(e))),
            }
        })
        .await
        .map_err(unexpected("saving a section"))?;
    let clash = decision?;

    if clash.is_none() {
        resolve_own_conflict(&access, &editor, conflict_id, now).await?;
    }

    let path = document_path(process_id, access.kind);
    let outcome = match (clash, number) {
        (Some(_), _) => {
            let id = documents::insert_conflict(
                db,
                access.id(),
                access.kind,
                key,
                base_version.number,
                editor.person,
                new_heading.as_str(),
                new_body.as_str(),
                summary_ok.as_str(),
                now,
            )
            .await
            .map_err(unexpected("keeping a clashing edit"))?;
            tracing::info!(
                process = process_id,
                conflict = id,
                "a section save met another change"
            );
            leptos_axum::redirect(&format!("{path}/conflicts/{id}"));
            SaveOutcome::Conflict { id }
        }
        (None, Some(number)) => {
            leptos_axum::redirect(&format!("{path}?saved={number}#section-{}", key.get()));
            SaveOutcome::Saved {
                number: number.get(),
            }
        }
        (None, None) => {
            leptos_axum::redirect(&format!("{path}?unchanged=1#section-{}", key.get()));
            SaveOutcome::NothingChanged
        }
    };
    Ok(outcome)
}

/// `POST /api/documents/add-section`: a new section at the end; opens its editor.
#[server(prefix = "/api", endpoint = "documents/add-section")]
pub async fn add_section(
    process_id: i64,
    kind: String,
    heading: String,
    body: Option<String>,
    conflict_id: Option<i64>,
) -> Result<u32, AppError> {
    use crate::domain::document::version::ChangeSummary;
    use crate::domain::document::{SectionBody, SectionHeading};
    use crate::domain::permissions::ProcessAction;
    let access = DocumentAccess::load(process_id, &kind).await?;
    let editor = access.require(ProcessAction::EditDocuments, "add a section")?;
    let heading = SectionHeading::parse(&heading);
    let body = SectionBody::parse(body.as_deref().unwrap_or(""));
    AppError::check_fields(vec![
        ("heading", heading.clone().err()),
        ("body", body.clone().err()),
    ])?;
    let (Ok(heading), Ok(body)) = (heading, body) else {
        return Err(AppError::Unexpected);
    };
    let summary = ChangeSummary::automatic(format!("Added the section “{}”", heading.as_str()));
    let now = crate::store::unix_now();
    let (key, _) = change_latest(&access, &editor, now, "adding a section", |latest| {
        let (content, key) = latest
            .with_section_added(heading.clone(), body.clone())
            .map_err(edit_error)?;
        Ok((content, summary.clone(), key))
    })
    .await?;
    resolve_own_conflict(&access, &editor, conflict_id, now).await?;
    leptos_axum::redirect(&format!(
        "{}/sections/{}/edit",
        document_path(process_id, access.kind),
        key.get()
    ));
    Ok(key.get())
}

/// `POST /api/documents/move-section`: one place up or down.
#[server(prefix = "/api", endpoint = "documents/move-section")]
pub async fn move_section(
    process_id: i64,
    kind: String,
    key: u32,
    direction: String,
) -> Result<u32, AppError> {
    use crate::domain::document::editing::Direction;
    use crate::domain::document::version::ChangeSummary;
    use crate::domain::permissions::ProcessAction;
    let access = DocumentAccess::load(process_id, &kind).await?;
    let editor = access.require(ProcessAction::EditDocuments, "move a section")?;
    let direction = Direction::parse(&direction).ok_or(AppError::BadRequest)?;
    let key = parse_key(key);
    let now = crate::store::unix_now();
    let ((), number) = change_latest(&access, &editor, now, "moving a section", |latest| {
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
    leptos_axum::redirect(&format!(
        "{}?saved={number}#section-{}",
        document_path(process_id, access.kind),
        key.get()
    ));
    Ok(number.get())
}

/// `POST /api/documents/remove-section`: removes a section, unless someone changed it since
/// the person last saw it. Old versions keep it.
#[server(prefix = "/api", endpoint = "documents/remove-section")]
pub async fn remove_section(
    process_id: i64,
    kind: String,
    key: u32,
    base: u32,
) -> Result<u32, AppError> {
    use crate::domain::document::editing::remove_section as decide_remove;
    use crate::domain::document::version::ChangeSummary;
    use crate::domain::permissions::ProcessAction;
    let access = DocumentAccess::load(process_id, &kind).await?;
    let editor = access.require(ProcessAction::EditDocuments, "remove a section")?;
    let key = parse_key(key);
    let base_version = base_version(&access, base).await?;
    let heading = base_version
        .content
        .section(key)
        .map(|s| s.heading.as_str().to_string())
        .ok_or_else(|| AppError::NotFound("that section".into()))?;
    let now = crate::store::unix_now();
    let ((), number) = change_latest(&access, &editor, now, "removing a section", |latest| {
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
    leptos_axum::redirect(&format!(
        "{}?saved={number}",
        document_path(process_id, access.kind)
    ));
    Ok(number.get())
}

/// `POST /api/documents/conflict`: a kept clashing edit, for the person who made it.
#[server(prefix = "/api", endpoint = "documents/conflict")]
pub async fn edit_conflict(
    process_id: i64,
    kind: String,
    id: i64,
) -> Result<ConflictPage, AppError> {
    use crate::api::boundary::unexpected;
    use crate::domain::document::diff::word_diff;
    use crate::domain::document::editing::Clash;
    use crate::domain::permissions::ProcessAction;
    use crate::store::documents;
    let access = DocumentAccess::load(process_id, &kind).await?;
    let editor = access.require(ProcessAction::EditDocuments, "see a clashing edit")?;
    let db = &access.state.db;
    let not_found = || AppError::NotFound("that clashing edit".into());
    let conflict = documents::find_conflict(db, id)
        .await
        .map_err(unexpected("reading a clashing edit"))?
        .filter(|c| c.process == access.id() && c.kind == access.kind)
        .ok_or_else(not_found)?;
    if conflict.person != editor.person {
        return Err(not_found());
    }
    let base = base_version(&access, conflict.base.get()).await?;
    let latest = documents::latest(db, access.id(), access.kind)
        .await
        .map_err(unexpected("reading a version"))?
        .ok_or_else(not_found)?;
    let before = base.content.section(conflict.key);
    let now = latest.content.section(conflict.key);
    let names = access.names().await?;
    let their_authors = changed_by(&access, &conflict, &names).await?;
    let clash = if now.is_some() {
        Clash::ChangedMeanwhile
    } else {
        Clash::RemovedMeanwhile
    };
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
        process: access.process,
    })
}

/// Who changed (or removed) the section in the versions saved after the person started,
/// each once, as they chose to appear.
#[cfg(feature = "ssr")]
async fn changed_by(
    access: &DocumentAccess,
    conflict: &crate::store::documents::StoredConflict,
    names: &std::collections::HashMap<crate::domain::PersonId, String>,
) -> Result<Vec<String>, AppError> {
    use crate::api::boundary::unexpected;
    let later = crate::store::documents::versions_after(
        &access.state.db,
        access.id(),
        access.kind,
        conflict.base,
    )
    .await
    .map_err(unexpected("reading versions"))?;
    let base = base_version(access, conflict.base.get()).await?;
    let mut previous = base.content.section(conflict.key).cloned();
    let mut authors: Vec<String> = Vec::new();
    for version in &later {
        let now = version.content.section(conflict.key).cloned();
        if now != previous {
            let name = version
                .author
                .and_then(|a| names.get(&a).cloned())
                .unwrap_or_else(|| FORMER_MEMBER.to_string());
            if !authors.contains(&name) {
                authors.push(name);
            }
        }
        previous = now;
    }
    Ok(authors)
}
