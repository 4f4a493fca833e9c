//! What the printable "what's happening" sheet shows: for a group meeting of people who may
//! have no email, one page with where the process is, the votes open now, the workshops
//! being run, and how to take part.

use serde::{Deserialize, Serialize};

use crate::domain::ProcessSummary;
use crate::domain::timeline::Now;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenVote {
    pub question: String,
    /// "31 March 2027", or `None` when a facilitator closes it.
    pub closes: Option<String>,
    /// The address to vote at, whole (it is printed).
    pub address: String,
}

/// `/processes/:id/happening`, for anyone who can see the process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HappeningSheet {
    pub process: ProcessSummary,
    /// Today, in words: a printed sheet says when it was true.
    pub today: String,
    pub now: Option<Now>,
    pub open_votes: Vec<OpenVote>,
    /// Workshops whose summary is not published yet.
    pub workshops: Vec<String>,
    /// "Recovery café workshop, on 3 December 2026", when one is planned.
    #[serde(default)]
    pub next_workshop: Option<String>,
    /// The site's address, for the printed instructions.
    pub site: String,
}
