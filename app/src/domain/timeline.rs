//! A process's timeline: its phases (drafting, consultation, deciding, ratified, following
//! up; names are the process's own), each with the day it starts and, if known, the day it
//! ends. Process administrators write it as plain lines ("Consultation | 2027-01-10 |
//! 2027-02-28"), which work without JavaScript and read back exactly.

use serde::{Deserialize, Serialize};

use super::calendar::Day;
use super::text::clean;
use super::word_lists::LineError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub name: String,
    pub starts: Day,
    pub ends: Option<Day>,
}

/// The phases in order, each starting after the one before. Valid by construction.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Timeline(Vec<Phase>);

/// Where a process is on its timeline, on a given day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Now {
    /// The phase under way (the latest that has started), if any has.
    pub current: Option<Phase>,
    /// The next phase to start.
    pub next: Option<Phase>,
}

pub const MAX_PHASES: usize = 12;
const MAX_NAME_CHARS: usize = 60;

/// The names a new process is offered, as a first line to edit.
pub const SUGGESTED: &str = "Drafting | 2027-01-04 | 2027-01-31\nConsultation | 2027-02-01 | 2027-02-28\nDeciding | 2027-03-01 | 2027-03-14\nRatified | 2027-03-15 |\nFollowing up | 2027-03-16 |\n";

impl Timeline {
    pub fn phases(&self) -> &[Phase] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// From plain lines: "name | starts | ends (may be left empty)".
    pub fn parse(text: &str) -> Result<Self, LineError> {
        let mut phases: Vec<Phase> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i + 1;
            let err = |problem: String| LineError {
                line: line_no,
                problem,
            };
            if line.trim().is_empty() {
                continue;
            }
            if phases.len() == MAX_PHASES {
                return Err(err(format!(
                    "A timeline can have at most {MAX_PHASES} phases."
                )));
            }
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            if parts.len() != 3 {
                return Err(err("Each line needs three parts split by “|”: the name, the day it starts and the day it ends (which may be empty).".into()));
            }
            let name = clean(parts[0], MAX_NAME_CHARS, false)
                .map_err(|e| err(format!("The name: {e}")))?;
            let date = |raw: &str, what: &str| {
                Day::parse(raw)
                    .ok_or_else(|| err(format!("{what}: please give a date such as 2027-03-31.")))
            };
            let starts = date(parts[1], "The day it starts")?;
            let ends = match parts[2] {
                "" => None,
                raw => Some(date(raw, "The day it ends")?),
            };
            if ends.is_some_and(|e| e < starts) {
                return Err(err("It ends before it starts.".into()));
            }
            if phases.last().is_some_and(|p| p.starts >= starts) {
                return Err(err(
                    "Each phase needs to start after the one before it.".into()
                ));
            }
            phases.push(Phase { name, starts, ends });
        }
        Ok(Self(phases))
    }

    pub fn text(&self) -> String {
        self.0
            .iter()
            .map(|p| {
                format!(
                    "{} | {} | {}\n",
                    p.name,
                    p.starts.iso(),
                    p.ends.map_or_else(String::new, Day::iso)
                )
            })
            .collect()
    }

    /// Where the process is on `today`.
    pub fn now(&self, today: Day) -> Now {
        Now {
            current: self.0.iter().rev().find(|p| p.starts <= today).cloned(),
            next: self.0.iter().find(|p| p.starts > today).cloned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn the_suggestion_reads_back_exactly() {
        let t = Timeline::parse(SUGGESTED).unwrap();
        assert_eq!(t.phases().len(), 5);
        assert_eq!(Timeline::parse(&t.text()), Ok(t));
    }

    #[test]
    fn where_the_process_is_depends_on_the_day() {
        let t = Timeline::parse(SUGGESTED).unwrap();
        let before = t.now(day("2026-12-01"));
        assert_eq!(before.current, None);
        assert_eq!(before.next.unwrap().name, "Drafting");
        let during = t.now(day("2027-02-10"));
        assert_eq!(during.current.unwrap().name, "Consultation");
        assert_eq!(during.next.unwrap().name, "Deciding");
        let on_the_day = t.now(day("2027-03-01"));
        assert_eq!(on_the_day.current.unwrap().name, "Deciding");
        let after = t.now(day("2028-01-01"));
        assert_eq!(after.current.unwrap().name, "Following up");
        assert_eq!(after.next, None);
    }

    #[test]
    fn refusals_name_the_line_and_what_is_wrong() {
        let e =
            Timeline::parse("Drafting | 2027-01-04 |\nConsultation | 2027-01-01 |").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.problem.contains("after the one before"));
        let e = Timeline::parse("Drafting | 4 January |").unwrap_err();
        assert!(e.problem.starts_with("The day it starts"));
        let e = Timeline::parse("Drafting | 2027-01-04 | 2027-01-01").unwrap_err();
        assert!(e.problem.contains("ends before it starts"));
        let e = Timeline::parse("Drafting | 2027-01-04").unwrap_err();
        assert!(e.problem.starts_with("Each line needs three parts"));
        assert_eq!(Timeline::parse("  \n"), Ok(Timeline::default()));
    }
}
