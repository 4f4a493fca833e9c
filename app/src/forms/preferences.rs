//! The reading-comfort form: text size, contrast, and the page to go back to.

use super::Refusals;
use crate::domain::comfort::{Comfort, Contrast, TextSize, local_path};
use crate::error::AppError;

pub fn comfort(size: &str, contrast: &str) -> Result<Comfort, AppError> {
    let mut refusals = Refusals::default();
    let size = refusals.take(
        "size",
        TextSize::parse(size.trim()).ok_or("Please choose a text size."),
    );
    let contrast = refusals.take(
        "contrast",
        Contrast::parse(contrast.trim()).ok_or("Please choose the colours."),
    );
    match (size, contrast) {
        (Some(size), Some(contrast)) => Ok(Comfort { size, contrast }),
        _ => Err(refusals.into_error()),
    }
}

/// The page to go back to: a path on this site, or the home page when none was given.
pub fn back(raw: Option<&str>) -> Result<String, AppError> {
    match raw {
        None | Some("") => Ok("/".to_string()),
        Some(raw) => local_path(raw).map(str::to_string).ok_or_else(|| {
            AppError::invalid_fields(vec![(
                "back",
                "That is not a page of this site.".to_string(),
            )])
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_refused_choices_are_named() {
        let e = comfort("huge", "neon").unwrap_err();
        assert!(e.for_field("size").is_some() && e.for_field("contrast").is_some());
        assert!(comfort("large", "high").is_ok());
    }

    #[test]
    fn going_back_elsewhere_is_refused() {
        assert!(
            back(Some("//evil.example"))
                .unwrap_err()
                .for_field("back")
                .is_some()
        );
        assert_eq!(back(None).unwrap(), "/");
    }
}
