//! The ratified version in force as open data (JSON): its sections (with their easy reads),
//! the commitments made on each, who ratified it and when, and the decision's result as the
//! public page shows it (no group below the secrecy threshold). Server only.

use serde::Serialize;

use super::ratified::block;
use crate::domain::ProcessId;
use crate::domain::calendar::{Day, iso_date};
use crate::domain::commitment::{CommitmentStatus, is_overdue};
use crate::domain::document::DocumentKind;
use crate::domain::document::easy_read::EasyReadState;
use crate::state::AppState;
use crate::store::{StoreError, commitments, documents, processes, ratifications};
use crate::views::decisions::Results;

#[derive(Debug, Serialize)]
pub struct RatifiedExport {
    pub process: String,
    pub document: String,
    pub version: u32,
    pub ratified_by: String,
    /// "YYYY-MM-DD".
    pub ratified_on: String,
    pub decision: ExportedDecision,
    pub sections: Vec<ExportedSection>,
    pub annex: ExportedAnnex,
}

/// The minority's voice: objections and reservations by constituency, and the statement.
#[derive(Debug, Serialize)]
pub struct ExportedAnnex {
    /// Which reasons are listed, in words.
    pub rule: String,
    pub groups: Vec<ExportedGroup>,
    pub statement: Option<ExportedStatement>,
}

#[derive(Debug, Serialize)]
pub struct ExportedGroup {
    pub group: String,
    pub reasons: Vec<ExportedReason>,
}

#[derive(Debug, Serialize)]
pub struct ExportedReason {
    pub answer: String,
    pub reason: String,
    /// As the voter chose to appear (open ballots only).
    pub by: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ExportedStatement {
    pub text: String,
    pub signed_by: Vec<String>,
}

impl ExportedAnnex {
    fn of(view: crate::views::minority::AnnexView) -> Self {
        Self {
            rule: view.rule,
            groups: view
                .annex
                .groups
                .into_iter()
                .map(|g| ExportedGroup {
                    group: g.group.label(),
                    reasons: g
                        .reasons
                        .into_iter()
                        .map(|r| ExportedReason {
                            answer: r.answer.label().to_string(),
                            reason: r.reason,
                            by: r.by,
                        })
                        .collect(),
                })
                .collect(),
            statement: view.statement.map(|s| ExportedStatement {
                text: s.body,
                signed_by: s.signers,
            }),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct ExportedDecision {
    pub question: String,
    pub address: String,
    pub took_part: u32,
    pub results: Option<Results>,
    /// SHA-256 of the participation record's latest entry.
    pub record_fingerprint: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ExportedSection {
    pub key: u32,
    pub heading: String,
    /// Markdown, as written.
    pub text: String,
    pub easy_read: Option<String>,
    pub easy_read_out_of_date: bool,
    pub commitments: Vec<ExportedCommitment>,
}

#[derive(Debug, Serialize)]
pub struct ExportedCommitment {
    pub what: String,
    pub responsible: String,
    pub measure: String,
    pub by: String,
    pub status: CommitmentStatus,
    pub overdue: bool,
}

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
