//! What workshop screens show: the room (projector, console), the step a phone follows, a
//! process's workshops, the console's extras and the summary afterwards.

use serde::{Deserialize, Serialize};

use crate::domain::decision::disclosure::Group;
use crate::domain::decision::method::Method;
use crate::domain::decision::tally::Tally;
use crate::domain::workshop::agenda::{Position, StepKind};
use crate::domain::{Constituency, ProcessSummary};

/// The whole room, as the projector and the console show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveRoom {
    pub workshop: i64,
    pub process: i64,
    pub title: String,
    /// "K7P XR2".
    pub join_code: String,
    pub position: Position,
    pub step_titles: Vec<String>,
    /// How many have joined, in each constituency (each under the first of theirs).
    pub joined: Vec<(Constituency, u32)>,
    pub step: Option<LiveStep>,
}

/// The step the room is at. Phones receive it without comments and counts (they change with
/// every comment and ballot, and a phone does not show them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveStep {
    pub workshop: i64,
    pub position: Position,
    /// From 1, as people count.
    pub number: usize,
    pub of: usize,
    pub title: String,
    pub kind: Option<StepKind>,
    /// The section's heading and text, for reading and commenting steps.
    pub heading: Option<String>,
    pub html: Option<String>,
    /// The section's easy read, when it has one (saying so when it is out of date).
    pub easy_html: Option<String>,
    /// The version the section text is from (comments are made on it).
    pub version: Option<u32>,
    pub comments: Vec<LiveComment>,
    pub vote: Option<LiveVote>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveComment {
    pub id: i64,
    /// As they chose to appear to people taking part, or "Said in the room".
    pub who: String,
    pub html: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveVote {
    pub decision: i64,
    pub question: String,
    pub method: Method,
    pub options: Vec<String>,
    pub open: bool,
    /// The count so far (people and hands); `None` on phones.
    pub voters: Option<u32>,
    /// Secret ballots show how many voted, not how, until the vote closes.
    pub secret: bool,
    /// The count as it may be shown (for secret ballots only once closed, and then with no
    /// group smaller than the secrecy threshold); `None` on phones and while secret.
    pub overall: Option<Tally>,
    pub groups: Option<Vec<(Group, Tally)>>,
    /// Why a closed secret vote shows only its outcome and turnout.
    pub withheld: Option<String>,
    /// Said before anyone votes when so few may vote in secret that an answer could be guessed.
    pub guessable: Option<String>,
    /// A vote to adopt a version: its reasons may go in the minority annex.
    #[serde(default)]
    pub adopts_version: bool,
}

impl LiveStep {
    /// What tells one step a phone shows from the next: where the room is, the step's title,
    /// the section's version and the vote's state. The phone view's script (`ui/follow.js`)
    /// computes the same JSON from each frame and fetches the page again only when it differs.
    pub fn key(&self) -> String {
        let vote = self.vote.as_ref();
        serde_json::to_string(&(
            self.position,
            self.number,
            self.of,
            &self.title,
            self.version,
            vote.map(|v| v.decision),
            vote.map(|v| v.open),
        ))
        .unwrap_or_default()
    }
}

/// A workshop as listed in its process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopSummary {
    pub id: i64,
    pub title: String,
    pub position: Position,
    pub created_at: i64,
    pub meets_on: Option<crate::domain::calendar::Day>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkshopList {
    pub process: ProcessSummary,
    pub workshops: Vec<WorkshopSummary>,
    pub may_run: bool,
}

/// What the console needs besides the live room: the sections and votes a step can be about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsolePage {
    pub room: LiveRoom,
    /// Each document's sections: (document, key, heading).
    pub sections: Vec<(crate::domain::document::DocumentKind, u32, String)>,
    /// The QR code of the join address, as SVG drawn on the server.
    pub join_qr: String,
    pub join_url: String,
    /// The people in the room without a role in the process, as they joined.
    pub guests: Vec<RoomGuest>,
    /// The facilitator closed joining: the code no longer works.
    pub joining_closed: bool,
    /// How many people the facilitator said are in the room.
    pub room_size: Option<u32>,
}

/// Someone in the room without a role in the process: a guest of this workshop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomGuest {
    pub person_id: i64,
    /// The name they gave (or how they chose to appear), with why they take part.
    pub shown_as: String,
    pub joined_at: i64,
    pub removed: bool,
}

/// After the workshop: who took part, what was said at each step, and each vote's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryPage {
    pub room: LiveRoom,
    pub created_at: i64,
    pub published_at: Option<i64>,
    pub may_publish: bool,
    pub steps: Vec<SummaryStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryStep {
    pub title: String,
    pub heading: Option<String>,
    /// Comments made during the workshop on the step's section, oldest first.
    pub comments: Vec<LiveComment>,
    pub vote: Option<LiveVote>,
    /// Whether the vote passed, once closed.
    pub passed: Option<bool>,
    /// The fingerprint of the vote's participation record (its latest entry), to compare
    /// with a printed copy.
    pub record_fingerprint: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(position: Position, title: &str) -> LiveStep {
        LiveStep {
            workshop: 1,
            position,
            number: 3,
            of: 5,
            title: title.into(),
            kind: None,
            heading: None,
            html: None,
            easy_html: None,
            version: Some(4),
            comments: vec![],
            vote: None,
        }
    }

    /// The phone script's `JSON.stringify([...])` of a frame gives exactly these strings, so a
    /// phone does not fetch its page again when its stream opens on the step it shows.
    #[test]
    fn a_steps_key_is_the_json_the_phone_script_computes() {
        assert_eq!(
            step(Position::At(2), "Do we \"agree\"?").key(),
            r#"[{"At":2},3,5,"Do we \"agree\"?",4,null,null]"#
        );
        assert_eq!(
            step(Position::Gathering, "").key(),
            r#"["Gathering",3,5,"",4,null,null]"#
        );
    }
}
