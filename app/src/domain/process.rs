//! A process: one local effort to agree a definition of recovery and a ROIS vision, for
//! example "Sefton local definition of recovery 2027".

use serde::{Deserialize, Serialize};

#[cfg(test)]
use super::text::TextError;
use super::text::bounded_text;

/// The database id of a process. Only the store mints these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProcessId(i64);

impl ProcessId {
    pub fn new(raw: i64) -> Self {
        Self(raw)
    }

    pub fn get(self) -> i64 {
        self.0
    }

    /// Reads the id from a URL segment. Anything that is not a positive whole number cannot
    /// name a process.
    pub fn parse(segment: &str) -> Option<Self> {
        segment.parse::<i64>().ok().filter(|n| *n > 0).map(Self)
    }
}

impl std::fmt::Display for ProcessId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

bounded_text!(
    /// A process's public title. Always trimmed, one line, 1 to [`ProcessTitle::MAX_CHARS`]
    /// characters.
    ProcessTitle,
    max_chars = 120,
    multiline = false
);

bounded_text!(
    /// A short public description of what the process is for. Plain text; paragraphs allowed.
    ProcessDescription,
    max_chars = 2_000,
    multiline = true
);

impl ProcessDescription {
    /// The description split into paragraphs at blank lines, for display.
    pub fn paragraphs(&self) -> Vec<String> {
        self.0
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// What anyone, signed in or not, may see of a process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessSummary {
    pub id: ProcessId,
    pub title: ProcessTitle,
    pub description: ProcessDescription,
    /// Seconds since the Unix epoch, UTC.
    pub created_at: i64,
}

#[cfg(test)]
impl ProcessSummary {
    /// A process for tests of what is shown of one.
    pub fn example() -> Self {
        Self {
            id: ProcessId::new(1),
            title: ProcessTitle::parse("Our definition").expect("a title"),
            description: ProcessDescription::parse("Writing it together.").expect("a description"),
            created_at: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typical_title_is_accepted_and_trimmed() {
        let title = ProcessTitle::parse("  Sefton local definition of recovery 2027 ").unwrap();
        assert_eq!(title.as_str(), "Sefton local definition of recovery 2027");
    }

    #[test]
    fn an_empty_title_is_rejected() {
        assert_eq!(ProcessTitle::parse("   "), Err(TextError::Empty));
    }

    #[test]
    fn a_title_of_exactly_the_limit_is_accepted() {
        assert!(ProcessTitle::parse(&"a".repeat(ProcessTitle::MAX_CHARS)).is_ok());
    }

    #[test]
    fn a_title_longer_than_the_limit_is_rejected() {
        assert!(matches!(
            ProcessTitle::parse(&"a".repeat(ProcessTitle::MAX_CHARS + 1)),
            Err(TextError::TooLong { .. })
        ));
    }

    #[test]
    fn a_title_cannot_span_lines() {
        assert_eq!(
            ProcessTitle::parse("one\ntwo"),
            Err(TextError::ControlCharacters)
        );
    }

    #[test]
    fn a_ten_megabyte_description_is_rejected() {
        let huge = "x".repeat(10 * 1024 * 1024);
        assert!(matches!(
            ProcessDescription::parse(&huge),
            Err(TextError::TooLong { .. })
        ));
    }

    #[test]
    fn description_paragraphs_split_at_blank_lines() {
        let d = ProcessDescription::parse("First.\n\n\n Second.\nStill second.").unwrap();
        assert_eq!(d.paragraphs(), vec!["First.", "Second.\nStill second."]);
    }

    #[test]
    fn process_ids_come_only_from_positive_numbers() {
        assert_eq!(ProcessId::parse("42"), Some(ProcessId::new(42)));
        for bad in ["0", "-1", "abc", "", "1.5", "99999999999999999999"] {
            assert_eq!(ProcessId::parse(bad), None, "{bad:?}");
        }
    }
}
