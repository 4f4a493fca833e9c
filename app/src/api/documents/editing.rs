//! Changing a document: starting it, the section editor, saving a section, adding, moving and
//! removing sections, and a kept clashing edit.

use leptos::prelude::*;

use crate::error::AppError;
use crate::forms::documents::{NewSectionForm, SectionForm};
use crate::views::documents::{ConflictPage, EasyReadOutcome, SaveOutcome, SectionDraft};

/// `POST /api/documents/start`: the first version, from the template or blank.
#[server(prefix = "/api", endpoint = "documents/start")]
pub async fn start_document(
    process_id: i64,
    kind: String,
    start_from: String,
) -> Result<u32, AppError> {
    use crate::api::boundary::{document_context, redirect};
    let access = document_context(process_id, &kind).await?;
    let from_template = crate::forms::documents::start_from(&start_from)?;
    let number = crate::workflows::documents::editing::start(&access, from_template).await?;
    redirect(&crate::routes::document(access.id(), access.kind));
    Ok(number)
}

/// `POST /api/documents/section`: a section as it stands in the latest version, to edit.
#[server(prefix = "/api", endpoint = "documents/section")]
pub async fn load_section(
    process_id: i64,
    kind: String,
    key: u32,
) -> Result<SectionDraft, AppError> {
    let access = crate::api::boundary::document_context(process_id, &kind).await?;
    crate::workflows::documents::editing::section(&access, key).await
}

/// `POST /api/documents/save-section`: saves a section ([`SectionForm`]) as a new version.
/// `base` is the version the editor started from; `conflict_id` the person's own kept clash
/// this save merges. A save that meets someone else's change goes to the merge view.
#[server(prefix = "/api", endpoint = "documents/save-section")]
pub async fn save_section(
    process_id: i64,
    kind: String,
    key: u32,
    base: u32,
    #[server(flatten)] form: SectionForm,
    conflict_id: Option<i64>,
) -> Result<SaveOutcome, AppError> {
    use crate::api::boundary::{document_context, redirect};
    let access = document_context(process_id, &kind).await?;
    let outcome = crate::workflows::documents::editing::save(
        &access,
        key,
        base,
        form.try_into()?,
        conflict_id,
    )
    .await?;
    let page = crate::routes::document(access.id(), access.kind);
    redirect(&match &outcome {
        SaveOutcome::Conflict { id } => crate::routes::conflict(access.id(), access.kind, *id),
        SaveOutcome::Saved { number } => format!("{page}?saved={number}#section-{key}"),
        SaveOutcome::NothingChanged => format!("{page}?unchanged=1#section-{key}"),
    });
    Ok(outcome)
}

/// `POST /api/documents/save-easy-read`: saves a section's easy read as a new version (an
/// empty box removes it). `base` is the version the editor started from. After a clash the
/// person is back in the editor with their words still in the box.
#[server(prefix = "/api", endpoint = "documents/save-easy-read")]
pub async fn save_easy_read(
    process_id: i64,
    kind: String,
    key: u32,
    base: u32,
    easy_read: String,
) -> Result<EasyReadOutcome, AppError> {
    use crate::api::boundary::{document_context, redirect};
    let access = document_context(process_id, &kind).await?;
    let text = crate::forms::documents::easy_read(&easy_read)?;
    let outcome = crate::workflows::documents::easy_read::save(&access, key, base, text).await?;
    let page = crate::routes::document(access.id(), access.kind);
    redirect(&match &outcome {
        EasyReadOutcome::Saved { number } => {
            format!("{page}?saved={number}&read=easy#section-{key}")
        }
        EasyReadOutcome::NothingChanged => format!("{page}?unchanged=1&read=easy#section-{key}"),
        EasyReadOutcome::Clash => format!(
            "{}?{}#easy-read",
            crate::routes::edit_section(access.id(), access.kind, key),
            form_urlencoded::Serializer::new(String::new())
                .append_pair("easy_read", &easy_read)
                .append_pair("easy_clash", "1")
                .finish()
        ),
    });
    Ok(outcome)
}

/// `POST /api/documents/add-section`: a new section at the end ([`NewSectionForm`]); opens
/// its editor.
#[server(prefix = "/api", endpoint = "documents/add-section")]
pub async fn add_section(
    process_id: i64,
    kind: String,
    #[server(flatten)] form: NewSectionForm,
    conflict_id: Option<i64>,
) -> Result<u32, AppError> {
    use crate::api::boundary::{document_context, redirect};
    let access = document_context(process_id, &kind).await?;
    let key =
        crate::workflows::documents::editing::add(&access, form.try_into()?, conflict_id).await?;
    redirect(&crate::routes::edit_section(access.id(), access.kind, key));
    Ok(key)
}

/// `POST /api/documents/move-section`: one place up or down.
#[server(prefix = "/api", endpoint = "documents/move-section")]
pub async fn move_section(
    process_id: i64,
    kind: String,
    key: u32,
    direction: String,
) -> Result<u32, AppError> {
    use crate::api::boundary::{document_context, redirect};
    let access = document_context(process_id, &kind).await?;
    let direction = crate::forms::documents::direction(&direction)?;
    let number =
        crate::workflows::documents::editing::move_section(&access, key, direction).await?;
    redirect(&format!(
        "{}?saved={number}#section-{key}",
        crate::routes::document(access.id(), access.kind)
    ));
    Ok(number)
}

/// `POST /api/documents/remove-section`: removes a section, unless someone changed it since
/// the person last saw it (`base`). Old versions keep it.
#[server(prefix = "/api", endpoint = "documents/remove-section")]
pub async fn remove_section(
    process_id: i64,
    kind: String,
    key: u32,
    base: u32,
) -> Result<u32, AppError> {
    use crate::api::boundary::{document_context, redirect};
    let access = document_context(process_id, &kind).await?;
    let number = crate::workflows::documents::editing::remove(&access, key, base).await?;
    redirect(&format!(
        "{}?saved={number}",
        crate::routes::document(access.id(), access.kind)
    ));
    Ok(number)
}

/// `POST /api/documents/conflict`: a kept clashing edit, for the person who made it.
#[server(prefix = "/api", endpoint = "documents/conflict")]
pub async fn edit_conflict(
    process_id: i64,
    kind: String,
    id: i64,
) -> Result<ConflictPage, AppError> {
    let access = crate::api::boundary::document_context(process_id, &kind).await?;
    crate::workflows::documents::clashes::page(&access, id).await
}
