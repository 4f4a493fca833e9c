//! The ratified version in force as open data (JSON): its sections (with their easy reads),
//! the commitments made on each, who ratified it and when, and the decision's result as the
//! public page shows it (no group below the secrecy threshold). Server only.

use super::ratified::block;
use crate::domain::ProcessId;
use crate::domain::calendar::{Day, iso_date};
use crate::domain::commitment::is_overdue;
use crate::domain::document::DocumentKind;
use crate::domain::document::easy_read::EasyReadState;
use crate::state::AppState;
use crate::store::{StoreError, commitments, documents, processes, ratifications};
use crate::views::ratified::{
    ExportedAnnex, ExportedCommitment, ExportedDecision, ExportedSection, RatifiedExport,
};

/// The export of `kind`'s ratified version in force; `None` if it was never ratified.
pub async fn export(
    state: &AppState,
    process: ProcessId,
    kind: DocumentKind,
) -> Result<Option<RatifiedExport>, StoreError> {
    let db = &state.db;
    let all = ratifications::of_document(db, process, kind).await?;
    let Some(r) = all.first() else {
        return Ok(None);
    };
    let (Some(p), Some(version)) = (
        processes::find(db, process).await?,
        documents::version(db, process, kind, r.number).await?,
    ) else {
        return Ok(None);
    };
    let block = block(state, r, &all).await?;
    let stored = commitments::of_ratification(db, r.id).await?;
    let today = Day::of(crate::store::unix_now());
    let sections = version
        .content
        .sections()
        .iter()
        .map(|s| ExportedSection {
            key: s.key.get(),
            heading: s.heading.as_str().to_string(),
            text: s.body.as_str().to_string(),
            easy_read: s.easy_read.as_ref().map(|e| e.text.as_str().to_string()),
            easy_read_out_of_date: matches!(s.easy_read_state(), EasyReadState::OutOfDate(_)),
            commitments: stored
                .iter()
                .filter(|c| c.section == s.key)
                .map(|c| ExportedCommitment {
                    what: c.what.clone(),
                    responsible: c.responsible.clone(),
                    measure: c.measure.clone(),
                    by: c.due.iso(),
                    status: c.status,
                    overdue: is_overdue(c.status, c.due, today),
                })
                .collect(),
        })
        .collect();
    Ok(Some(RatifiedExport {
        process: p.title.as_str().to_string(),
        document: kind.title().to_string(),
        version: r.number.get(),
        ratified_by: r.ratifier_name.clone(),
        ratified_on: iso_date(r.ratified_at),
        decision: ExportedDecision {
            question: block.question,
            address: block.decision_path,
            took_part: block.took_part,
            results: block.results,
            record_fingerprint: block.record_fingerprint,
        },
        sections,
        annex: ExportedAnnex::of(block.annex),
    }))
}
