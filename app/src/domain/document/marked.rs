//! A comparison marked up as HTML once, for every reader: added and removed words in `<ins>`
//! and `<del>` with a visible label, so a change is clear without colour and to screen
//! readers. A long comparison has thousands of runs of words; built as views they cost a
//! page render milliseconds each time, while their HTML never changes.

use serde::{Deserialize, Serialize};

use super::SectionKey;
use super::diff::{SectionDiff, SectionStatus, WordChange};
use super::render::escape;

/// The runs of words, marked: the contents of a `<p class="diff-text">`. The text is
/// escaped, so the only markup is this function's own. No whitespace is added: the
/// paragraph keeps the text's own (`white-space: pre-wrap`).
pub fn marked_words(changes: &[WordChange]) -> String {
    let mut out = String::with_capacity(changes.iter().map(|c| run(c).len() + 80).sum());
    for change in changes {
        match change {
            WordChange::Same(text) => out.push_str(&escape(text)),
            WordChange::Added(text) => {
                out.push_str(r#"<ins class="diff-added"><span class="diff-label">[added: </span>"#);
                out.push_str(&escape(text));
                out.push_str(r#"<span class="diff-label">]</span></ins>"#);
            }
            WordChange::Removed(text) => {
                out.push_str(
                    r#"<del class="diff-removed"><span class="diff-label">[removed: </span>"#,
                );
                out.push_str(&escape(text));
                out.push_str(r#"<span class="diff-label">]</span></del>"#);
            }
        }
    }
    out
}

fn run(change: &WordChange) -> &str {
    match change {
        WordChange::Same(t) | WordChange::Added(t) | WordChange::Removed(t) => t,
    }
}

/// How one section changed, with its words' changes marked up (see [`marked_words`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkedSection {
    pub key: SectionKey,
    pub status: SectionStatus,
    /// The heading in the newer version (the older one for a removed section).
    pub heading: String,
    pub renamed_from: Option<String>,
    /// 1-based positions in the older and newer version.
    pub old_position: Option<usize>,
    pub new_position: Option<usize>,
    pub moved: bool,
    /// Nothing about the section changed: it is listed by name only.
    pub unchanged: bool,
    pub easy_read_changed: bool,
    /// The text's words, marked; empty when the section is unchanged.
    pub body: String,
    /// The easy read's words, marked; empty unless the easy read changed.
    pub easy_read: String,
}

impl From<SectionDiff> for MarkedSection {
    fn from(diff: SectionDiff) -> Self {
        let unchanged = diff.is_unchanged();
        let easy_read_changed = diff.easy_read_changed();
        Self {
            body: if unchanged {
                String::new()
            } else {
                marked_words(&diff.body)
            },
            easy_read: if easy_read_changed {
                marked_words(&diff.easy_read)
            } else {
                String::new()
            },
            key: diff.key,
            status: diff.status,
            heading: diff.heading,
            renamed_from: diff.renamed_from,
            old_position: diff.old_position,
            new_position: diff.new_position,
            moved: diff.moved,
            unchanged,
            easy_read_changed,
        }
    }
}

impl MarkedSection {
    /// Roughly how much memory it takes, for a cache's budget.
    pub fn size(&self) -> usize {
        128 + self.heading.len()
            + self.renamed_from.as_ref().map_or(0, String::len)
            + self.body.len()
            + self.easy_read.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::diff::word_diff;
    use proptest::prelude::*;

    #[test]
    fn added_and_removed_words_are_marked_in_text_and_in_markup() {
        let html = marked_words(&word_diff("hope and care", "hope and housing"));
        assert_eq!(
            html,
            concat!(
                "hope and ",
                r#"<del class="diff-removed"><span class="diff-label">[removed: </span>care"#,
                r#"<span class="diff-label">]</span></del>"#,
                r#"<ins class="diff-added"><span class="diff-label">[added: </span>housing"#,
                r#"<span class="diff-label">]</span></ins>"#,
            )
        );
    }

    #[test]
    fn words_that_look_like_markup_stay_words() {
        let html = marked_words(&word_diff(
            "a <b>bold</b> claim",
            "a <script>alert(1)</script> & \"quoted\" claim",
        ));
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("&amp;"), "{html}");
    }

    #[test]
    fn an_unchanged_section_carries_no_words() {
        let marked = MarkedSection::from(SectionDiff::example("Hope", "Hope"));
        assert!(marked.unchanged);
        assert!(!marked.easy_read_changed);
        assert_eq!((marked.body.as_str(), marked.easy_read.as_str()), ("", ""));
    }

    /// Markup the function adds, taken out again.
    fn without_marks(html: &str) -> String {
        html.replace(
            r#"<ins class="diff-added"><span class="diff-label">[added: </span>"#,
            "",
        )
        .replace(
            r#"<del class="diff-removed"><span class="diff-label">[removed: </span>"#,
            "",
        )
        .replace(r#"<span class="diff-label">]</span></ins>"#, "")
        .replace(r#"<span class="diff-label">]</span></del>"#, "")
    }

    proptest! {
        /// Whatever the words, the only tags are the marks, and every word is kept, in order.
        #[test]
        fn only_the_marks_are_markup(old in "[a-z<>&\"' ]{0,40}", new in "[a-z<>&\"' ]{0,40}") {
            let changes = word_diff(&old, &new);
            let html = marked_words(&changes);
            let text = without_marks(&html);
            prop_assert!(!text.contains('<') && !text.contains('>'), "{}", html);
            let words: String = changes.iter().map(|c| escape(run(c))).collect();
            prop_assert_eq!(text, words);
        }
    }
}
