//! Server functions for decisions: opening and closing them (`running`), voting (`voting`),
//! and the pages that show them with their results (`pages`).

pub mod pages;
pub mod running;
pub mod voting;

use serde::{Deserialize, Serialize};

use crate::domain::decision::ballot::Ballot;
use crate::domain::decision::method::Method;
use crate::domain::decision::rule::{DecisionRule, Outcome};
use crate::domain::decision::tally::Tally;
use crate::domain::{Constituency, ProcessSummary};

/// A decision as listed on its process's decisions page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionSummary {
    pub id: i64,
    pub question: String,
    pub method: Method,
    pub open: bool,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
    pub passed: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionList {
    pub process: ProcessSummary,
    pub decisions: Vec<DecisionSummary>,
    pub may_run: bool,
}

/// The count of a closed decision: overall, by constituency, the outcome and the head of
/// its participation record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub overall: Tally,
    pub by_constituency: Vec<(Constituency, Tally)>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionPage {
    pub process: ProcessSummary,
    pub id: i64,
    pub question: String,
    pub method: Method,
    pub options: Vec<String>,
    pub rule: DecisionRule,
    pub eligible: Vec<Constituency>,
    pub secret: bool,
    pub open: bool,
    pub opened_at: i64,
    pub closes_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// How many have voted so far.
    pub ballots: u32,
    pub signed_in: bool,
    /// This reader's current ballot.
    pub my_ballot: Option<Ballot>,
    /// Why this reader cannot vote, in words; `None` when they can.
    pub cannot_vote: Option<String>,
    pub may_close: bool,
    /// Once closed.
    pub results: Option<Results>,
    /// Who took part, each as they chose to appear to this reader.
    pub took_part: Vec<String>,
    pub record_head: Option<String>,
    pub record_intact: bool,
}

pub fn decisions_path(process: i64) -> String {
    format!("/processes/{process}/decisions")
}

pub fn decision_path(process: i64, decision: i64) -> String {
    format!("/processes/{process}/decisions/{decision}")
}
