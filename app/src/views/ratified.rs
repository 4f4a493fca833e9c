//! The ratified version in force as open data and board papers: what the JSON download and
//! the Word document hold (`workflows::decisions::ratified_export` builds it).

use serde::Serialize;

use crate::domain::commitment::CommitmentStatus;
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
    pub fn of(view: crate::views::minority::AnnexView) -> Self {
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
