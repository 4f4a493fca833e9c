//! What the minority statement page and the annex of a ratified text show.

use serde::{Deserialize, Serialize};

use crate::domain::ProcessSummary;
use crate::domain::decision::minority::MinorityAnnex;

/// The minority statement and who co-signed it, each as they chose to appear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementView {
    pub body: String,
    /// What a form to co-sign or write it again refers to.
    pub revision: i64,
    pub signers: Vec<String>,
}

/// The annex as the public pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnexView {
    pub annex: MinorityAnnex,
    /// Which reasons are listed, in words.
    pub rule: String,
    pub statement: Option<StatementView>,
}

/// `/processes/:id/decisions/:decision/minority`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinorityPage {
    pub process: ProcessSummary,
    pub decision_id: i64,
    pub question: String,
    /// `false` while the decision is open: the annex is made from its final ballots.
    pub closed: bool,
    pub view: AnnexView,
    /// The viewer objected or had reservations, so may write and co-sign.
    pub may_sign: bool,
    /// The viewer's signature is under the current text.
    pub signed: bool,
    /// The ratified page this annex prints with, once ratified.
    pub ratified_path: Option<String>,
}
