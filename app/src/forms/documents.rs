//! The forms of the document editor.

use serde::{Deserialize, Serialize};

use super::{Refusals, chosen};
use crate::domain::document::easy_read::{EasyReadText, Reading};
use crate::domain::document::editing::Direction;
use crate::domain::document::version::ChangeSummary;
use crate::domain::document::{SectionBody, SectionHeading};
use crate::error::AppError;

/// `documents/save-section`: a section's heading and text, and why it changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionForm {
    pub heading: String,
    pub body: String,
    pub summary: String,
}

/// A section's new words, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionEdit {
    pub heading: SectionHeading,
    pub body: SectionBody,
    pub summary: ChangeSummary,
}

impl TryFrom<SectionForm> for SectionEdit {
    type Error = AppError;

    fn try_from(form: SectionForm) -> Result<Self, AppError> {
        let mut refusals = Refusals::default();
        let heading = refusals.take("heading", SectionHeading::parse(&form.heading));
        let body = refusals.take("body", SectionBody::parse(&form.body));
        let summary = refusals.take("summary", ChangeSummary::parse(&form.summary));
        match (heading, body, summary) {
            (Some(heading), Some(body), Some(summary)) => Ok(Self {
                heading,
                body,
                summary,
            }),
            _ => Err(refusals.into_error()),
        }
    }
}

/// The `easy_read` field of `documents/save-easy-read`: empty removes the easy read.
pub fn easy_read(raw: &str) -> Result<Option<EasyReadText>, AppError> {
    EasyReadText::parse(raw)
        .map_err(|e| AppError::invalid_fields(vec![("easy_read", e.to_string())]))
}

/// The `read` query parameter of a reading page: the full text or the easy read.
pub fn reading(raw: Option<&str>) -> Result<Reading, AppError> {
    Reading::from_query(raw).ok_or_else(|| {
        AppError::invalid_fields(vec![(
            "read",
            "Please choose the full text or the easy read.".to_string(),
        )])
    })
}

/// `documents/add-section`: a heading and, optionally, the first words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSectionForm {
    pub heading: String,
    pub body: Option<String>,
}

/// A new section, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSection {
    pub heading: SectionHeading,
    pub body: SectionBody,
}

impl TryFrom<NewSectionForm> for NewSection {
    type Error = AppError;

    fn try_from(form: NewSectionForm) -> Result<Self, AppError> {
        let mut refusals = Refusals::default();
        let heading = refusals.take("heading", SectionHeading::parse(&form.heading));
        let body = refusals.take(
            "body",
            SectionBody::parse(form.body.as_deref().unwrap_or("")),
        );
        match (heading, body) {
            (Some(heading), Some(body)) => Ok(Self { heading, body }),
            _ => Err(refusals.into_error()),
        }
    }
}

/// How a new document starts: from the plain-language template, or blank.
pub fn start_from(raw: &str) -> Result<bool, AppError> {
    chosen(
        "start_from",
        raw,
        |r| match r {
            "template" => Some(true),
            "blank" => Some(false),
            _ => None,
        },
        "Please choose to start from the template or blank.",
    )
}

/// Which way a section moves.
pub fn direction(raw: &str) -> Result<Direction, AppError> {
    chosen(
        "direction",
        raw,
        Direction::parse,
        "Please choose up or down.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refused_field_of_a_section_is_named() {
        let e = SectionEdit::try_from(SectionForm {
            heading: " ".into(),
            body: "fine".into(),
            summary: "x".repeat(500),
        })
        .unwrap_err();
        assert!(e.for_field("heading").is_some());
        assert!(e.for_field("body").is_none());
        assert!(e.for_field("summary").is_some());
    }

    #[test]
    fn a_new_section_may_start_empty() {
        let s = NewSection::try_from(NewSectionForm {
            heading: "Housing".into(),
            body: None,
        })
        .unwrap();
        assert_eq!(s.body.as_str(), "");
    }

    #[test]
    fn only_template_or_blank_starts_a_document() {
        assert_eq!(start_from("template"), Ok(true));
        assert!(
            start_from("copy")
                .unwrap_err()
                .for_field("start_from")
                .is_some()
        );
    }
}
