//! The word-lists form: both lists as plain lines.

use super::Refusals;
use crate::domain::word_lists::{WordLists, parse_glossary, parse_language};
use crate::error::AppError;

pub fn word_lists(glossary: &str, language: &str) -> Result<WordLists, AppError> {
    let mut refusals = Refusals::default();
    let glossary = refusals.take("glossary", parse_glossary(glossary));
    let language = refusals.take("language", parse_language(language));
    match (glossary, language) {
        (Some(glossary), Some(language)) => Ok(WordLists { glossary, language }),
        _ => Err(refusals.into_error()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_line_is_refused_naming_its_list() {
        let e = word_lists("no bars here", "a | b | c").unwrap_err();
        assert!(e.for_field("glossary").unwrap().starts_with("Line 1"));
        assert!(e.for_field("language").is_none());
    }
}
