//! What the decision pages show: a process's decisions, one decision with its ballot form,
//! results by constituency, who took part and its record, and a ratification.

use serde::{Deserialize, Serialize};

use crate::domain::decision::ballot::Ballot;
use crate::domain::decision::disclosure::{Disclosed, Group, SecrecyThreshold};
use crate::domain::decision::method::Method;
use crate::domain::decision::replay::Recount;
use crate::domain::decision::rule::{DecisionRule, Outcome};
use crate::domain::decision::tally::Tally;
use crate::domain::document::DocumentKind;
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
    /// The secrecy threshold new decisions open with, and whether this reader may change it.
    pub secrecy: u32,
    pub may_configure: bool,
}

/// The count of a closed decision as it may be shown: overall and by group (for secret
/// ballots no group smaller than the secrecy threshold; see `domain::decision::disclosure`),
/// and the outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    pub took_part: u32,
    /// `None` when a secret result shows only its outcome and turnout.
    pub overall: Option<Tally>,
    pub groups: Vec<(Group, Tally)>,
    pub outcome: Outcome,
    /// Why only the outcome and turnout are shown, in words.
    pub withheld: Option<String>,
}

impl Results {
    /// The result as it may be shown, with the words for why anything is withheld.
    pub fn from_disclosed(shown: Disclosed, k: SecrecyThreshold) -> Self {
        Self {
            took_part: shown.took_part,
            overall: shown.overall,
            groups: shown.groups,
            outcome: shown.outcome,
            withheld: shown.withheld.map(|w| w.explanation(k)),
        }
    }
}

/// What the decision is about, as a link: the version it would adopt, or the amendment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubjectLink {
    pub text: String,
    pub href: String,
    /// For an amendment: where it stands now ("Accepted into version 5").
    pub standing: Option<String>,
    /// For a version to adopt: the headings of its sections nobody has written yet (empty,
    /// or only the template's question), which the page warns about.
    pub unwritten: Vec<String>,
}

/// A ratification, as the public sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatificationView {
    /// Commissioners act in a public role: their name.
    pub by: String,
    pub at: i64,
    pub document: DocumentKind,
    pub version: u32,
}

/// Whether this reader may ratify the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RatifyOffer {
    /// Not a commissioner of the process, or nothing to ratify: nothing is shown.
    Hidden,
    Allowed,
    /// A commissioner who could ratify it once their full name is on their profile (it is
    /// shown with a ratification).
    NeedsFullName,
    /// A commissioner who cannot ratify it, and why.
    Refused(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionPage {
    pub process: ProcessSummary,
    pub id: i64,
    pub subject: Option<SubjectLink>,
    /// A decision to adopt a version: it has a minority annex.
    pub adopts_version: bool,
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
    /// Of those, how many were guests of a workshop (shown apart, so nobody mistakes a room
    /// for the membership).
    pub guest_ballots: u32,
    /// Opened from a workshop's step: that workshop's guests may vote in it.
    pub workshop_vote: bool,
    pub signed_in: bool,
    /// This reader's current ballot.
    pub my_ballot: Option<Ballot>,
    /// Why this reader cannot vote, in words; `None` when they can.
    pub cannot_vote: Option<String>,
    /// Said before anyone votes when so few may vote in a secret decision that an answer
    /// could be guessed.
    pub guessable: Option<String>,
    pub may_close: bool,
    /// Once closed.
    pub results: Option<Results>,
    /// Who took part, each as they chose to appear to this reader.
    pub took_part: Vec<String>,
    /// How many took part in each constituency (each person counted once, under the first
    /// of their constituencies).
    pub turnout: Vec<(Constituency, u32)>,
    /// For those who may vote, per constituency (counted under their first, as ballots are):
    /// how many have voted, of how many.
    pub voted_of: Vec<(Constituency, u32, u32)>,
    /// For facilitators, while open ballots run: who may vote and has not yet, so they can
    /// remind them in person. `None` for anyone else and for secret ballots.
    pub not_voted: Option<Vec<String>>,
    pub record_head: Option<String>,
    pub record_entries: usize,
    /// The chain of hashes is unbroken.
    pub record_intact: bool,
    /// The count recomputed from the record alone, against the recorded close.
    pub recount: Recount,
    pub ratification: Option<RatificationView>,
    pub ratify: RatifyOffer,
}
