//! The minority statement form.

use crate::domain::decision::minority::StatementText;
use crate::error::AppError;

/// `minority/write`: the statement's text.
pub fn statement(raw: &str) -> Result<StatementText, AppError> {
    StatementText::parse(raw).map_err(|e| super::refusal("statement", e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_statement_is_refused_naming_its_field() {
        let e = statement("   ").unwrap_err();
        assert!(e.for_field("statement").is_some());
        assert_eq!(
            statement(" We ask for more. ").unwrap().as_str(),
            "We ask for more."
        );
    }
}
