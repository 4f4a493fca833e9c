//! Following a comment across versions. A comment is anchored to a section (by its key, which
//! survives renaming and moving), the version it was made on, and optionally a quote. When a
//! later version is read, the anchor says whether the section changed since, was renamed,
//! moved or removed, and whether the quoted words still appear.

use serde::{Deserialize, Serialize};

use super::Quote;
use crate::domain::document::version::VersionNumber;
use crate::domain::document::{DocumentContent, SectionKey};

/// Folds runs of white space into one space, so a pasted or selected quote matches the text
/// however it was wrapped.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words a reader sees in a section's Markdown (no `**`, link targets or markup), with
/// white space folded: what someone selecting text on the page would copy.
pub fn plain_text(markdown: &str) -> String {
    crate::domain::markdown::copied_text(markdown)
}

/// Whether `quote` appears in a section's text (as the reader sees it; letter case ignored).
pub fn quote_appears(quote: &Quote, markdown: &str) -> bool {
    plain_text(markdown)
        .to_lowercase()
        .contains(&quote.as_str().to_lowercase())
}

/// Where a comment was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    pub section: SectionKey,
    pub version: VersionNumber,
    pub quote: Option<Quote>,
}

/// How the anchored section and quote stand in the version being read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnchorNow {
    /// The comment was made on an earlier version than the one being read.
    pub made_on_earlier: bool,
    pub section: SectionNow,
    /// The heading the section had when the comment was made, if it has been renamed since.
    pub renamed_from: Option<String>,
    /// The section's place changed (1-based positions then and now).
    pub moved: Option<(usize, usize)>,
    pub quote: QuoteNow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectionNow {
    Unchanged,
    /// Its text or heading changed since the comment was made.
    Changed,
    Removed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteNow {
    NoQuote,
    StillThere,
    /// The quoted words no longer appear in the section.
    Gone,
}

/// Where `anchor` stands in `now` (version `now_number`), given `made_on`, the content of the
/// version the comment was made on.
pub fn follow(
    anchor: &Anchor,
    made_on: &DocumentContent,
    now: &DocumentContent,
    now_number: VersionNumber,
) -> AnchorNow {
    let position = |c: &DocumentContent| c.sections().iter().position(|s| s.key == anchor.section);
    let then = made_on.section(anchor.section);
    let current = now.section(anchor.section);
    let section = match (then, current) {
        (_, None) => SectionNow::Removed,
        (Some(a), Some(b)) if a == b => SectionNow::Unchanged,
        _ => SectionNow::Changed,
    };
    let renamed_from = match (then, current) {
        (Some(a), Some(b)) if a.heading != b.heading => Some(a.heading.as_str().to_string()),
        _ => None,
    };
    let moved = match (position(made_on), position(now)) {
        (Some(a), Some(b)) if a != b => Some((a + 1, b + 1)),
        _ => None,
    };
    let quote = match (&anchor.quote, current) {
        (None, _) => QuoteNow::NoQuote,
        (Some(q), Some(s)) if quote_appears(q, s.body.as_str()) => QuoteNow::StillThere,
        (Some(_), _) => QuoteNow::Gone,
    };
    AnchorNow {
        made_on_earlier: anchor.version < now_number,
        section,
        renamed_from,
        moved,
        quote,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::document::test_content as content;

    fn v(n: u32) -> VersionNumber {
        VersionNumber::new(n).unwrap()
    }

    fn anchor(key: u32, quote: Option<&str>) -> Anchor {
        Anchor {
            section: SectionKey::new(key),
            version: v(5),
            quote: quote.map(|q| Quote::parse_optional(q).unwrap().unwrap()),
        }
    }

    const HOPE: &str = "Recovery is **hope**: quicker routes to detox and rehab.";

    #[test]
    fn the_words_a_reader_sees_are_matched_not_the_markdown() {
        assert_eq!(
            plain_text("Recovery is **hope**:\nquicker [routes](https://x.org)."),
            "Recovery is hope: quicker routes."
        );
        let quote = Quote::parse_optional("is HOPE: quicker").unwrap().unwrap();
        assert!(quote_appears(&quote, HOPE), "case and markup do not matter");
    }

    #[test]
    fn a_comment_on_an_unchanged_section_reads_as_current() {
        let doc = content(&[(1, "Hope", HOPE)]);
        let now = follow(&anchor(1, Some("quicker routes")), &doc, &doc, v(5));
        assert_eq!(
            now,
            AnchorNow {
                made_on_earlier: false,
                section: SectionNow::Unchanged,
                renamed_from: None,
                moved: None,
                quote: QuoteNow::StillThere,
            }
        );
    }

    #[test]
    fn a_comment_made_on_version_5_read_on_version_9_says_the_section_changed() {
        let then = content(&[(1, "Hope", HOPE)]);
        let now = content(&[(
            1,
            "Hope",
            "Recovery is hope: quicker routes to detox, rehab and housing.",
        )]);
        let a = follow(
            &anchor(1, Some("quicker routes to detox")),
            &then,
            &now,
            v(9),
        );
        assert!(a.made_on_earlier);
        assert_eq!(a.section, SectionNow::Changed);
        assert_eq!(a.quote, QuoteNow::StillThere, "the quote survived the edit");
    }

    #[test]
    fn a_quote_that_was_edited_away_is_marked_gone() {
        let then = content(&[(1, "Hope", HOPE)]);
        let now = content(&[(1, "Hope", "Recovery is hope, and faster access to rehab.")]);
        let a = follow(
            &anchor(1, Some("quicker routes to detox")),
            &then,
            &now,
            v(6),
        );
        assert_eq!(a.quote, QuoteNow::Gone);
        assert_eq!(a.section, SectionNow::Changed);
    }

    #[test]
    fn a_renamed_section_keeps_its_comments_and_says_its_old_name() {
        let then = content(&[(1, "Hope", HOPE)]);
        let now = content(&[(1, "Hope and optimism", HOPE)]);
        let a = follow(&anchor(1, None), &then, &now, v(6));
        assert_eq!(a.renamed_from.as_deref(), Some("Hope"));
        assert_eq!(a.section, SectionNow::Changed, "a new heading is a change");
        assert_eq!(a.quote, QuoteNow::NoQuote);
    }

    #[test]
    fn a_moved_section_keeps_its_comments_and_says_where_it_went() {
        let then = content(&[(1, "Hope", HOPE), (2, "Identity", "A new self.")]);
        let now = content(&[(2, "Identity", "A new self."), (1, "Hope", HOPE)]);
        let a = follow(&anchor(1, Some("hope")), &then, &now, v(6));
        assert_eq!(a.moved, Some((1, 2)));
        assert_eq!(
            a.section,
            SectionNow::Unchanged,
            "moving alone changes no words"
        );
        assert_eq!(a.quote, QuoteNow::StillThere);
    }

    #[test]
    fn a_removed_section_is_reported_and_its_quote_is_gone() {
        let then = content(&[(1, "Hope", HOPE), (2, "Identity", "A new self.")]);
        let now = content(&[(2, "Identity", "A new self.")]);
        let a = follow(&anchor(1, Some("hope")), &then, &now, v(6));
        assert_eq!(a.section, SectionNow::Removed);
        assert_eq!(a.quote, QuoteNow::Gone);
        assert_eq!(a.moved, None);
    }
}
