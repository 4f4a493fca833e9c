//! What the timeline shows: the phases, where the process is now, and what comes next.

use serde::{Deserialize, Serialize};

use crate::domain::timeline::{Now, Phase};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineView {
    pub phases: Vec<Phase>,
    pub now: Now,
    /// The timeline as the plain lines it is edited in (a suggestion while there is none).
    pub text: String,
    pub may_edit: bool,
    /// "Recovery café workshop, on 3 December 2026", when one is planned.
    #[serde(default)]
    pub next_workshop: Option<String>,
}
