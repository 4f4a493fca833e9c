//! Saving a section's easy read as the next version. A clash (someone else saved the easy
//! read after this person opened it) stores nothing and sends the person back to the editor
//! with their words still in the box and the other person's now saved, so nothing is lost.

use super::context::DocumentContext;
use super::editing::{base_version, edit_error, heading_in};
use crate::domain::document::SectionKey;
use crate::domain::document::easy_read::{EasyReadText, save_easy_read};
use crate::domain::document::editing::SectionSave;
use crate::domain::document::version::ChangeSummary;
use crate::domain::permissions::ProcessAction;
use crate::error::AppError;
use crate::store::documents::{NextVersion, write_next};
use crate::views::documents::EasyReadOutcome;
use crate::workflows::unexpected;

/// Saves `text` (`None` removes the easy read) as section `key`'s easy read, written while
/// reading version `base`.
pub async fn save(
    access: &DocumentContext,
    key: u32,
    base: u32,
    text: Option<EasyReadText>,
) -> Result<EasyReadOutcome, AppError> {
    let editor = access.require(ProcessAction::EditDocuments, "write an easy read")?;
    let key = SectionKey::new(key);
    let base_version = base_version(access, base).await?;
    let heading = heading_in(&base_version, key)?;
    let summary = ChangeSummary::automatic(match &text {
        Some(_) => format!("Wrote the easy read of “{heading}”"),
        None => format!("Removed the easy read of “{heading}”"),
    });
    let (decided, number) = write_next(
        access.db(),
        access.id(),
        access.kind,
        editor.person,
        crate::store::unix_now(),
        |latest| {
            let Some(latest) = latest else {
                return NextVersion::Keep(Err(AppError::NotFound("that section".into())));
            };
            match save_easy_read(&base_version.content, &latest.content, key, text.clone()) {
                Ok(SectionSave::Apply(content)) => {
                    NextVersion::Save(content, summary.clone(), Ok(false))
                }
                Ok(SectionSave::NothingChanged) => NextVersion::Keep(Ok(false)),
                Ok(SectionSave::Conflict(_)) => NextVersion::Keep(Ok(true)),
                Err(e) => NextVersion::Keep(Err(edit_error(e))),
            }
        },
    )
    .await
    .map_err(unexpected("saving an easy read"))?;
    Ok(match (decided?, number) {
        (true, _) => EasyReadOutcome::Clash,
        (false, Some(number)) => EasyReadOutcome::Saved {
            number: number.get(),
        },
        (false, None) => EasyReadOutcome::NothingChanged,
    })
}
