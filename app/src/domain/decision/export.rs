//! The public participation record of a decision, as downloaded: JSON (the whole record with
//! the decision's rule, count and who took part) and CSV (one row per record entry, readable
//! on its own in a spreadsheet: answers by name, one column per answer, ISO 8601 times). Anyone may download it, so it holds only what the public decision page
//! shows: names as each person chose to appear to the public, and pseudonymous ids.

use serde::Serialize;

use super::ballot::Ballot;
use super::method::{ConsentAnswer, Method};
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

/// The columns every record has, before the answer columns.
const LEADING: [&str; 6] = [
    "Entry",
    "Time (UTC)",
    "What happened",
    "Who (as they appear to the public)",
    "Constituency",
    "Changed their vote",
];
/// The columns after the answer columns.
const TRAILING: [&str; 4] = ["Reason", "Details", "Previous hash", "Hash"];

/// A Unix time as ISO 8601 in UTC, e.g. "2026-11-23T11:06:24Z", which spreadsheets read.
fn iso_time(unix_seconds: i64) -> String {
    let seconds = unix_seconds.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        crate::domain::calendar::iso_date(unix_seconds),
        seconds / 3_600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// How a ballot's answers are laid out: one column for a consent answer or a single choice,
/// one per option for a ranking, dots or scores.
struct AnswerColumns {
    method: Option<Method>,
    options: Vec<String>,
}

impl AnswerColumns {
    fn of(entries: &[RecordEntry]) -> Self {
        entries
            .iter()
            .find_map(|e| match &e.event {
                RecordEvent::Opened {
                    method, options, ..
                } => Some(Self {
                    method: Some(*method),
                    options: options.clone(),
                }),
                _ => None,
            })
            .unwrap_or(Self {
                method: None,
                options: Vec::new(),
            })
    }

    fn headings(&self) -> Vec<String> {
        let per_option = |what: &str| {
            self.options
                .iter()
                .map(|o| format!("{what} {o}"))
                .collect::<Vec<_>>()
        };
        match self.method {
            Some(Method::RankedChoice) => per_option("Rank given to"),
            Some(Method::DotVoting { .. }) => per_option("Dots for"),
            Some(Method::Score) => per_option("Score for"),
            Some(Method::Consent | Method::SingleChoice) | None => vec!["Answer".to_string()],
        }
    }

    fn option(&self, index: usize) -> String {
        self.options
            .get(index)
            .cloned()
            .unwrap_or_else(|| format!("option {}", index + 1))
    }

    /// The answer cells of one ballot, and its reason.
    fn ballot(&self, ballot: &Ballot) -> (Vec<String>, String) {
        let width = self.headings().len();
        let cells = match ballot {
            Ballot::Consent { answer, .. } => vec![answer.label().to_string()],
            Ballot::Single(i) => vec![self.option(*i)],
            Ballot::Ranked(order) => {
                let mut cells = vec![String::new(); width];
                for (place, option) in order.iter().enumerate() {
                    if let Some(cell) = cells.get_mut(*option) {
                        *cell = (place + 1).to_string();
                    }
                }
                cells
            }
            Ballot::Dots(per_option) => per_option.iter().map(u32::to_string).collect(),
            Ballot::Scores(per_option) => per_option.iter().map(u8::to_string).collect(),
        };
        let reason = match ballot {
            Ballot::Consent {
                reason: Some(reason),
                ..
            } => reason.clone(),
            _ => String::new(),
        };
        (Self::fit(cells, width), reason)
    }

    /// The hands for each answer, in words: "Agree 3, Object 1".
    fn hands(&self, counts: &[u32]) -> String {
        counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| {
                let answer = match self.method {
                    Some(Method::Consent) => ConsentAnswer::ALL
                        .get(i)
                        .map_or_else(|| format!("answer {}", i + 1), |a| a.label().to_string()),
                    _ => self.option(i),
                };
                format!("{answer} {n}")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn fit(mut cells: Vec<String>, width: usize) -> Vec<String> {
        cells.resize(width, String::new());
        cells
    }

    fn empty(&self) -> Vec<String> {
        vec![String::new(); self.headings().len()]
    }
}

/// What one record entry says, cell by cell.
struct Row {
    what: &'static str,
    who: String,
    constituency: String,
    changed: String,
    answers: Vec<String>,
    reason: String,
    details: String,
}

fn passed(yes: bool) -> &'static str {
    if yes { "passed" } else { "did not pass" }
}

fn row_of(event: &RecordEvent, columns: &AnswerColumns) -> Row {
    let plain = |what, who: &str, details: String| Row {
        what,
        who: who.to_string(),
        constituency: String::new(),
        changed: String::new(),
        answers: columns.empty(),
        reason: String::new(),
        details,
    };
    match event {
        RecordEvent::Opened {
            question,
            method,
            rule,
            options,
            by,
        } => {
            let options = if options.is_empty() {
                String::new()
            } else {
                format!(" Options: {}.", options.join("; "))
            };
            plain(
                "Opened",
                by,
                format!(
                    "Question: {question} Method: {}.{options} {}",
                    method.label(),
                    rule.in_words()
                ),
            )
        }
        RecordEvent::BallotCast {
            participant,
            constituency,
            changed,
            choice,
        } => {
            let (answers, reason, details) = match choice {
                Some(ballot) => {
                    let (answers, reason) = columns.ballot(ballot);
                    (answers, reason, String::new())
                }
                None => (
                    columns.empty(),
                    String::new(),
                    "A secret ballot: the record shows that this person voted, not how."
                        .to_string(),
                ),
            };
            Row {
                what: "Ballot",
                who: participant.clone(),
                constituency: constituency.plural().to_string(),
                changed: if *changed { "yes" } else { "no" }.to_string(),
                answers,
                reason,
                details,
            }
        }
        RecordEvent::ClosedSecretly { ballots, shown, by } => plain(
            "Closed",
            by.as_deref().unwrap_or_default(),
            format!(
                "{ballots} ballots (secret); {}.",
                passed(shown.outcome.passed)
            ),
        ),
        RecordEvent::BallotWithdrawn { participant, by } => plain(
            "Ballot withdrawn",
            participant,
            format!("The guest was removed from the room by {by}."),
        ),
        RecordEvent::Closed {
            ballots,
            outcome,
            by,
            ..
        } => plain(
            "Closed",
            by.as_deref().unwrap_or_default(),
            format!("{ballots} ballots; {}.", passed(outcome.passed)),
        ),
        RecordEvent::HandsCounted { entered_by, hands } => Row {
            constituency: hands
                .constituency
                .map_or_else(String::new, |c| c.plural().to_string()),
            ..plain(
                "Show of hands",
                entered_by,
                format!(
                    "{} hands, entered by a facilitator: {}.",
                    hands.hands(),
                    columns.hands(&hands.counts)
                ),
            )
        },
        RecordEvent::Ratified {
            by,
            document,
            version,
        } => plain(
            "Ratified",
            by,
            format!("Version {version} of the {}.", document.title()),
        ),
        RecordEvent::CommitmentUpdated {
            commitment,
            section,
            status,
            by,
        } => plain(
            "Commitment",
            by,
            format!(
                "Commitment {commitment} on section {section} of the ratified version: {}.",
                status.label()
            ),
        ),
    }
}

/// The record as CSV for a spreadsheet: a header row, then one row per entry, with times in
/// ISO 8601, answers by name and one column per answer (the JSON download keeps everything
/// in its stored form).
pub fn record_csv(entries: &[RecordEntry]) -> String {
    let columns = AnswerColumns::of(entries);
    let header: Vec<String> = LEADING
        .iter()
        .map(|h| h.to_string())
        .chain(columns.headings())
        .chain(TRAILING.iter().map(|h| h.to_string()))
        .collect();
    let mut out = csv_line(&header);
    for e in entries {
        let row = row_of(&e.event, &columns);
        let cells: Vec<String> = [
            e.seq.to_string(),
            iso_time(e.at),
            row.what.to_string(),
            row.who,
            row.constituency,
            row.changed,
        ]
        .into_iter()
        .chain(row.answers)
        .chain([row.reason, row.details, e.prev_hash.clone(), e.hash.clone()])
        .collect();
        out.push_str(&csv_line(&cells));
    }
    out
}

pub fn csv_line(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|c| csv_field(c))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

#[cfg(test)]
mod tests {
    use super::*;
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

    fn opened(method: Method, options: &[&str]) -> RecordEntry {
        append(
            None,
            3,
            10,
            RecordEvent::Opened {
                question: "Adopt, or not?".into(),
                method,
                rule: DecisionRule {
                    threshold: Threshold::SimpleMajority,
                    co_production: None,
                },
                options: options.iter().map(|o| o.to_string()).collect(),
                by: "p-a".into(),
            },
        )
    }

    fn ballot(after: &RecordEntry, who: &str, choice: Option<Ballot>) -> RecordEntry {
        append(
            Some(after),
            3,
            after.at + 1,
            RecordEvent::BallotCast {
                participant: who.into(),
                constituency: Constituency::LivedExperience,
                changed: false,
                choice,
            },
        )
    }

    fn lines(csv: &str) -> Vec<String> {
        csv.split("\r\n")
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn a_consent_record_reads_in_words_and_secret_ballots_stay_secret() {
        let opened = opened(Method::Consent, &[]);
        let secret = ballot(&opened, "p-b", None);
        let open = ballot(
            &secret,
            "p-c",
            Some(Ballot::Consent {
                answer: ConsentAnswer::Object,
                reason: Some("Not yet, housing is missing".into()),
                in_annex: false,
            }),
        );
        let csv = record_csv(&[opened, secret.clone(), open]);
        let lines = lines(&csv);
        assert_eq!(lines.len(), 4);
        assert_eq!(
            lines[0],
            "Entry,Time (UTC),What happened,Who (as they appear to the public),Constituency,\
             Changed their vote,Answer,Reason,Details,Previous hash,Hash"
        );
        assert!(
            lines[1].starts_with(
                "1,1970-01-01T00:00:10Z,Opened,p-a,,,,,\"Question: Adopt, or not? Method:"
            ),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("To pass it needs more than half."));
        assert!(
            lines[2].starts_with("2,1970-01-01T00:00:11Z,Ballot,p-b,people with lived experience,no,,,\"A secret ballot"),
            "{}",
            lines[2]
        );
        assert!(lines[2].ends_with(&secret.hash));
        assert!(
            lines[3].contains(",no,Object,\"Not yet, housing is missing\","),
            "{}",
            lines[3]
        );
        assert!(!csv.contains("{\""), "no JSON in the spreadsheet: {csv}");
    }

    #[test]
    fn a_ranking_has_one_column_per_option_named_after_it() {
        let opened = opened(Method::RankedChoice, &["Housing", "Work", "Peer support"]);
        let ranked = ballot(&opened, "p-b", Some(Ballot::Ranked(vec![2, 0])));
        let lines = lines(&record_csv(&[opened, ranked]));
        assert!(lines[0].contains(
            "Changed their vote,Rank given to Housing,Rank given to Work,Rank given to Peer support,Reason"
        ));
        assert!(lines[1].contains("Options: Housing; Work; Peer support."));
        // Peer support first, Housing second, Work not ranked.
        assert!(lines[2].contains(",no,2,,1,,,"), "{}", lines[2]);
    }

    #[test]
    fn times_are_iso_8601_in_utc() {
        assert_eq!(iso_time(1_795_431_984), "2026-11-23T11:06:24Z");
        assert_eq!(iso_time(0), "1970-01-01T00:00:00Z");
    }
}
