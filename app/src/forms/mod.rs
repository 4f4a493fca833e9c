//! What each HTML form sends, as the raw text it arrives in, and its parsing into domain types
//! (compiled to WebAssembly too, so the browser could check the same way). A form struct is
//! the argument of its server function; `TryFrom` (or a `parse` that needs the decision or
//! workshop it is about) turns it into what the workflow takes, or into a refusal that names
//! each field that was wrong. Nothing malformed falls back to a default.

pub mod commitments;
pub mod decisions;
pub mod discussion;
pub mod documents;
pub mod email;
pub mod minority;
pub mod people;
pub mod preferences;
pub mod word_lists;
pub mod workshops;

use crate::domain::Constituency;
use crate::error::{AppError, FieldError};

/// Collects the refusals of several fields, so a person sees every problem at once.
#[derive(Debug, Default)]
pub struct Refusals(Vec<FieldError>);

impl Refusals {
    /// The value if `result` is fine; otherwise notes the refusal under `field`.
    pub fn take<T, E: std::fmt::Display>(
        &mut self,
        field: &str,
        result: Result<T, E>,
    ) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.refuse(field, error.to_string());
                None
            }
        }
    }

    pub fn refuse(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_string(),
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The refusals as one error (call only when there are some).
    pub fn into_error(self) -> AppError {
        if self.0.is_empty() {
            // A caller found nothing missing yet built no value: a bug, not the person's fault.
            AppError::Unexpected
        } else {
            AppError::Invalid(self.0)
        }
    }
}

/// One refused field, as an error.
pub fn refusal(field: &str, message: impl Into<String>) -> AppError {
    AppError::invalid_fields(vec![(field, message.into())])
}

/// A ticked checkbox sends "yes" (our forms) or "on" (a box without a value); an unticked one
/// sends nothing. Anything else was not sent by our page.
pub fn ticked(field: &str, raw: &Option<String>) -> Result<bool, AppError> {
    match raw.as_deref().map(str::trim) {
        None | Some("") => Ok(false),
        Some("yes" | "on") => Ok(true),
        Some(_) => Err(refusal(field, "Please tick the box, or leave it empty.")),
    }
}

/// A choice among fixed values (a select or radio buttons): the value, or a refusal that asks
/// the person to choose.
pub fn chosen<T>(
    field: &str,
    raw: &str,
    parse: impl Fn(&str) -> Option<T>,
    ask: &str,
) -> Result<T, AppError> {
    parse(raw.trim()).ok_or_else(|| refusal(field, ask))
}

/// One checkbox per constituency, named by its slug: who may vote, or how someone takes part.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ConstituencyBoxes {
    pub lived_experience: Option<String>,
    pub family_or_carer: Option<String>,
    pub peer_supporter: Option<String>,
    pub provider_staff: Option<String>,
    pub commissioner: Option<String>,
    pub other: Option<String>,
}

impl ConstituencyBoxes {
    /// The constituencies ticked, in their usual order.
    pub fn ticked(&self) -> Result<Vec<Constituency>, AppError> {
        let boxes = [
            (Constituency::LivedExperience, &self.lived_experience),
            (Constituency::FamilyOrCarer, &self.family_or_carer),
            (Constituency::PeerSupporter, &self.peer_supporter),
            (Constituency::ProviderStaff, &self.provider_staff),
            (Constituency::Commissioner, &self.commissioner),
            (Constituency::Other, &self.other),
        ];
        let mut out = Vec::new();
        for (constituency, raw) in boxes {
            if ticked(constituency.slug(), raw)? {
                out.push(constituency);
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkbox_is_ticked_only_by_yes_or_on() {
        assert_eq!(ticked("secret", &None), Ok(false));
        assert_eq!(ticked("secret", &Some("yes".into())), Ok(true));
        assert_eq!(ticked("secret", &Some("on".into())), Ok(true));
        let refused = ticked("secret", &Some("maybe".into())).unwrap_err();
        assert!(refused.for_field("secret").is_some());
    }

    #[test]
    fn every_refusal_is_reported_at_once() {
        let mut refusals = Refusals::default();
        assert_eq!(refusals.take("a", Err::<(), _>("first")), None);
        assert_eq!(refusals.take("b", Ok::<_, String>(3)), Some(3));
        refusals.refuse("c", "third");
        let error = refusals.into_error();
        assert_eq!(error.for_field("a").as_deref(), Some("first"));
        assert!(error.for_field("b").is_none());
        assert_eq!(error.for_field("c").as_deref(), Some("third"));
    }

    #[test]
    fn constituencies_come_back_in_order() {
        let boxes = ConstituencyBoxes {
            other: Some("yes".into()),
            lived_experience: Some("yes".into()),
            ..Default::default()
        };
        assert_eq!(
            boxes.ticked(),
            Ok(vec![Constituency::LivedExperience, Constituency::Other])
        );
    }
}
