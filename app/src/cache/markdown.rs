//! Markdown made into sanitised HTML, kept by its own text. A page of a section's discussion
//! rendered and sanitised every comment and amendment shown (a page of threads and their replies)
//! on every view; the same text always makes the same HTML, so the text itself is the key
//! and nothing kept can go stale.

use std::sync::Arc;

use super::budget::Budgeted;
use crate::domain::markdown::render;

/// What the cache may hold, roughly, in bytes.
pub const BUDGET_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug)]
pub struct MarkdownCache(Budgeted<String, String>);

impl Default for MarkdownCache {
    fn default() -> Self {
        Self(Budgeted::with_budget(BUDGET_BYTES))
    }
}

impl MarkdownCache {
    /// `markdown` as sanitised HTML (`domain::markdown::render`).
    pub fn render(&self, markdown: &str) -> Arc<String> {
        if let Some(html) = self.0.get(markdown) {
            return html;
        }
        let html = Arc::new(render(markdown));
        // The text is held twice: as the key and as what it made.
        let size = 64 + markdown.len() + html.len();
        self.0.insert(markdown.to_string(), html.clone(), size);
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_text_makes_the_same_html_once() {
        let cache = MarkdownCache::default();
        let first = cache.render("Hope and **choice**");
        assert_eq!(*first, render("Hope and **choice**"));
        let again = cache.render("Hope and **choice**");
        assert!(Arc::ptr_eq(&first, &again), "kept, not made again");
        assert_eq!(cache.0.held().0, 1);
    }

    #[test]
    fn a_different_text_is_never_given_another_texts_html() {
        let cache = MarkdownCache::default();
        let kind = cache.render("Be kind");
        let script = cache.render("Be kind<script>alert(1)</script>");
        assert_ne!(kind, script);
        assert!(!script.contains("<script"), "still sanitised: {script}");
    }
}
