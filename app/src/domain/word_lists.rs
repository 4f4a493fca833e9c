//! A process's own word lists, edited by its drafters as plain text, one entry a line with
//! its parts split by "|": the glossary ("Term | other forms, comma separated | What it
//! means") and the words to think twice about ("words | what to say instead | why, in one
//! sentence"). Plain lines work in any browser, without JavaScript, and read back exactly.
//! Until a process edits a list, it uses the starting one.

use serde::{Deserialize, Serialize};

use super::glossary::Entry;
use super::respectful_language::Term;
use super::text::clean;

/// Why a list could not be saved: the line and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub problem: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Line {}: {}", self.line, self.problem)
    }
}

pub const MAX_LINES: usize = 200;
const MAX_WORDS_CHARS: usize = 80;
const MAX_FORMS_CHARS: usize = 300;
const MAX_MEANING_CHARS: usize = 400;

/// The lines of `text` that say something, numbered from 1 as people count.
fn lines(text: &str) -> Result<Vec<(usize, Vec<String>)>, LineError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if out.len() == MAX_LINES {
            return Err(LineError {
                line: i + 1,
                problem: format!("A list can have at most {MAX_LINES} lines."),
            });
        }
        let parts: Vec<String> = line.split('|').map(|p| p.trim().to_string()).collect();
        if parts.len() != 3 {
            return Err(LineError {
                line: i + 1,
                problem: "Each line needs three parts split by “|”.".into(),
            });
        }
        out.push((i + 1, parts));
    }
    Ok(out)
}

/// One part of a line, cleaned; `required` parts may not be empty.
fn part(
    line: usize,
    raw: &str,
    what: &str,
    max: usize,
    required: bool,
) -> Result<String, LineError> {
    match clean(raw, max, false) {
        Ok(text) => Ok(text),
        Err(super::text::TextError::Empty) if !required => Ok(String::new()),
        Err(e) => Err(LineError {
            line,
            problem: format!("{what}: {e}"),
        }),
    }
}

/// A glossary from its lines: "Term | other forms | What it means".
pub fn parse_glossary(text: &str) -> Result<Vec<Entry>, LineError> {
    let mut entries: Vec<Entry> = Vec::new();
    for (line, parts) in lines(text)? {
        let term = part(line, &parts[0], "The term", MAX_WORDS_CHARS, true)?;
        let forms = part(line, &parts[1], "The other forms", MAX_FORMS_CHARS, false)?;
        let meaning = part(line, &parts[2], "The meaning", MAX_MEANING_CHARS, true)?;
        if entries.iter().any(|e| e.term.eq_ignore_ascii_case(&term)) {
            return Err(LineError {
                line,
                problem: format!("“{term}” is in the list twice."),
            });
        }
        entries.push(Entry {
            term,
            also: forms
                .split(',')
                .map(|f| f.trim().to_lowercase())
                .filter(|f| !f.is_empty())
                .collect(),
            meaning,
        });
    }
    Ok(entries)
}

pub fn glossary_text(entries: &[Entry]) -> String {
    entries
        .iter()
        .map(|e| format!("{} | {} | {}\n", e.term, e.also.join(", "), e.meaning))
        .collect()
}

/// Words to think twice about, from their lines: "words | instead | why".
pub fn parse_language(text: &str) -> Result<Vec<Term>, LineError> {
    let mut terms: Vec<Term> = Vec::new();
    for (line, parts) in lines(text)? {
        let words = part(line, &parts[0], "The words", MAX_WORDS_CHARS, true)?
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let instead = part(
            line,
            &parts[1],
            "What to say instead",
            MAX_MEANING_CHARS,
            true,
        )?;
        let why = part(line, &parts[2], "Why", MAX_MEANING_CHARS, true)?;
        if terms.iter().any(|t| t.words == words) {
            return Err(LineError {
                line,
                problem: format!("“{words}” is in the list twice."),
            });
        }
        terms.push(Term {
            words,
            instead,
            why,
        });
    }
    Ok(terms)
}

pub fn language_text(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| format!("{} | {} | {}\n", t.words, t.instead, t.why))
        .collect()
}

/// A process's two lists, as used everywhere its text is shown or written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordLists {
    pub glossary: Vec<Entry>,
    pub language: Vec<Term>,
}

impl WordLists {
    pub fn starting() -> Self {
        Self {
            glossary: super::glossary::starting(),
            language: super::respectful_language::starting(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starting_lists_read_back_exactly_from_their_text() {
        let start = WordLists::starting();
        assert_eq!(
            parse_glossary(&glossary_text(&start.glossary)),
            Ok(start.glossary)
        );
        assert_eq!(
            parse_language(&language_text(&start.language)),
            Ok(start.language)
        );
    }

    #[test]
    fn a_line_is_three_parts_and_blank_lines_are_skipped() {
        let g = parse_glossary("\n Rehab | rehabilitation, residential rehab | A place to live while you recover. \n\n").unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].term, "Rehab");
        assert_eq!(g[0].also, vec!["rehabilitation", "residential rehab"]);
        let e = parse_glossary("Rehab | A place to live").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(
            e.to_string()
                .starts_with("Line 1: Each line needs three parts")
        );
    }

    #[test]
    fn refusals_name_the_line_and_the_part() {
        let e = parse_glossary("A | | fine\n | | no term").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.problem.starts_with("The term"));
        let e = parse_glossary("A | | x\na | | y").unwrap_err();
        assert!(e.problem.contains("twice"));
        let e = parse_language("user | person | ").unwrap_err();
        assert!(e.problem.starts_with("Why"));
        let many = "w | i | y\n".repeat(MAX_LINES + 1);
        assert!(parse_language(&many).is_err());
    }

    #[test]
    fn words_to_avoid_are_matched_in_lower_case() {
        let t =
            parse_language("Service  User | a person who uses services | It can sound passive.")
                .unwrap();
        assert_eq!(t[0].words, "service user");
        let flags = super::super::respectful_language::flags("Every service user counts.", &t);
        assert_eq!(flags.len(), 1);
    }
}
