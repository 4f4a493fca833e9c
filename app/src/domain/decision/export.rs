//! The public participation record of a decision, as downloaded: JSON (the whole record with
//! the decision's rule, count and who took part) and CSV (one row per record entry, for a
//! spreadsheet). Anyone may download it, so it holds only what the public decision page
//! shows: names as each person chose to appear to the public, and pseudonymous ids.

use serde::Serialize;

use super::record::{RecordEntry, RecordEvent};
use super::replay::Recount;
use super::rule::{DecisionRule, Outcome};
use super::tally::Tally;
use crate::domain::Constituency;

#[derive(Debug, Clone, Serialize)]
pub struct PublicRecord {
    pub decision: i64,
    pub process: i64,
    pub question: String,
    pub method: String,
    pub rule: DecisionRule,
    pub secret: bool,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
    pub outcome: Option<Outcome>,
    pub overall: Option<Tally>,
    /// Each participant as they chose to appear to the public.
    pub took_part: Vec<String>,
    pub turnout: Vec<(Constituency, u32)>,
    pub head_hash: Option<String>,
    /// The chain of hashes is unbroken.
    pub intact: bool,
    pub recount: Recount,
    /// A secret decision's entries are published once it has closed.
    pub entries_withheld_until_close: bool,
    pub entries: Vec<RecordEntry>,
}

/// The columns of the CSV, in order.
pub const CSV_HEADER: [&str; 9] = [
    "seq",
    "at",
    "event",
    "participant",
    "constituency",
    "changed",
    "detail",
    "prev_hash",
    "hash",
];

/// One field, quoted when it holds a comma, quote or line break. A field a spreadsheet would
/// read as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) gets a
/// leading apostrophe, so a question typed as a formula stays text.
pub fn csv_field(raw: &str) -> String {
    let guarded = if raw.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{raw}")
    } else {
        raw.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn json_or_empty<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The record as CSV: a header row, then one row per entry.
pub fn record_csv(entries: &[RecordEntry]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for e in entries {
        let (event, participant, constituency, changed, detail) = match &e.event {
            RecordEvent::Opened {
                question, by, rule, ..
            } => (
                "opened",
                by.clone(),
                String::new(),
                String::new(),
                format!("{question} {}", json_or_empty(rule)),
            ),
            RecordEvent::BallotCast {
                participant,
                constituency,
                changed,
                choice,
            } => (
                "ballot",
                participant.clone(),
                constituency.slug().to_string(),
                changed.to_string(),
                choice
                    .as_ref()
                    .map_or_else(|| "secret".to_string(), json_or_empty),
            ),
            RecordEvent::ClosedSecretly { ballots, shown, by } => (
                "closed",
                by.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                format!(
                    "{ballots} ballots (secret); {}",
                    if shown.outcome.passed {
                        "passed"
                    } else {
                        "did not pass"
                    }
                ),
            ),
            RecordEvent::BallotWithdrawn { participant, by } => (
                "ballot withdrawn",
                participant.clone(),
                String::new(),
                String::new(),
                format!("the guest was removed from the room by {by}"),
            ),
            RecordEvent::Closed {
                ballots,
                outcome,
                by,
                ..
            } => (
                "closed",
                by.clone().unwrap_or_default(),
                String::new(),
                String::new(),
                format!(
                    "{ballots} ballots; {}",
                    if outcome.passed {
                        "passed"
                    } else {
                        "did not pass"
                    }
                ),
            ),
            RecordEvent::HandsCounted { entered_by, hands } => (
                "show of hands",
                entered_by.clone(),
                hands
                    .constituency
                    .map_or_else(String::new, |c| c.slug().to_string()),
                String::new(),
                format!("{} hands: {}", hands.hands(), json_or_empty(&hands.counts)),
            ),
            RecordEvent::Ratified {
                by,
                document,
                version,
            } => (
                "ratified",
                by.clone(),
                String::new(),
                String::new(),
                format!("version {version} of {}", document.slug()),
            ),
        };
        let row = [
            e.seq.to_string(),
            e.at.to_string(),
            event.to_string(),
            participant,
            constituency,
            changed,
            detail,
            e.prev_hash.clone(),
            e.hash.clone(),
        ];
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::ballot::Ballot;
    use crate::domain::decision::method::{ConsentAnswer, Method};
    use crate::domain::decision::record::append;
    use crate::domain::decision::rule::Threshold;

    #[test]
    fn fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"yes\""), "\"say \"\"yes\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn one_row_per_entry_and_secret_ballots_stay_secret() {
        let opened = append(
            None,
            3,
            10,
            RecordEvent::Opened {
                question: "Adopt, or not?".into(),
                method: Method::Consent,
                rule: DecisionRule {
                    threshold: Threshold::SimpleMajority,
                    co_production: None,
                },
                options: vec![],
                by: "p-a".into(),
            },
        );
        let secret = append(
            Some(&opened),
            3,
            11,
            RecordEvent::BallotCast {
                participant: "p-b".into(),
                constituency: Constituency::LivedExperience,
                changed: false,
                choice: None,
            },
        );
        let open = append(
            Some(&secret),
            3,
            12,
            RecordEvent::BallotCast {
                participant: "p-c".into(),
                constituency: Constituency::Commissioner,
                changed: true,
                choice: Some(Ballot::Consent {
                    answer: ConsentAnswer::Agree,
                    reason: None,
                }),
            },
        );
        let csv = record_csv(&[opened, secret.clone(), open]);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert!(lines[1].starts_with("1,10,opened,p-a,,,\"Adopt, or not?"));
        assert!(lines[2].contains("ballot,p-b,lived_experience,false,secret,"));
        assert!(lines[2].ends_with(&secret.hash));
        assert!(lines[3].contains("commissioner,true,"));
        assert!(lines[3].contains("Agree"));
    }
}
