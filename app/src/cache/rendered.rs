//! A version's sections as HTML, kept once rendered. Rendering a 40-section document
//! (Markdown, sanitising, finding the glossary's words) took about 4 ms, on every view of the
//! document page; the result depends only on the version (which never changes), the reading
//! chosen and the process's glossary, which are the key, so a changed glossary is simply
//! another entry and nothing can go stale.

use std::sync::Arc;

use super::budget::Budgeted;
use crate::domain::ProcessId;
use crate::domain::document::easy_read::Reading;
use crate::domain::document::render::{RenderedSection, rendered_sections};
use crate::domain::document::version::VersionNumber;
use crate::domain::document::{DocumentContent, DocumentKind};
use crate::domain::glossary::Entry;

/// What the cache may hold, roughly, in bytes of HTML.
pub const BUDGET_BYTES: usize = 32 * 1024 * 1024;

type Key = (ProcessId, DocumentKind, VersionNumber, Reading, Vec<Entry>);

#[derive(Debug)]
pub struct RenderedCache(Budgeted<Key, Vec<RenderedSection>>);

impl Default for RenderedCache {
    fn default() -> Self {
        Self(Budgeted::with_budget(BUDGET_BYTES))
    }
}

impl RenderedCache {
    /// The sections of version `number` (whose content is `content`) as shown for `reading`
    /// with `glossary`, from memory or rendered now.
    pub fn sections(
        &self,
        (process, kind, number): (ProcessId, DocumentKind, VersionNumber),
        content: &DocumentContent,
        reading: Reading,
        glossary: &[Entry],
    ) -> Arc<Vec<RenderedSection>> {
        let key = (process, kind, number, reading, glossary.to_vec());
        if let Some(sections) = self.0.get(&key) {
            return sections;
        }
        let sections = Arc::new(rendered_sections(content, reading, glossary));
        let size = sections
            .iter()
            .map(|s| s.heading.len() + s.html.len() + 64)
            .sum();
        self.0.insert(key, sections.clone(), size);
        sections
    }

    /// How many versions and bytes it holds (for the tests).
    pub fn held(&self) -> (usize, usize) {
        self.0.held()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::templates::starting_content;
    use crate::domain::glossary::starting;

    fn version(n: u32) -> (ProcessId, DocumentKind, VersionNumber) {
        (
            ProcessId::new(1),
            DocumentKind::Definition,
            VersionNumber::new(n).expect("a number"),
        )
    }

    #[test]
    fn a_version_is_rendered_once_per_reading_and_glossary() {
        let content = starting_content(DocumentKind::Definition, true);
        let cache = RenderedCache::default();
        let glossary = starting();
        let first = cache.sections(version(1), &content, Reading::Full, &glossary);
        let again = cache.sections(version(1), &content, Reading::Full, &glossary);
        assert!(
            Arc::ptr_eq(&first, &again),
            "the second view renders nothing"
        );
        assert_eq!(
            *first,
            rendered_sections(&content, Reading::Full, &glossary)
        );
        cache.sections(version(1), &content, Reading::Easy, &glossary);
        assert_eq!(cache.held().0, 2, "easy read is its own entry");
    }

    #[test]
    fn a_changed_glossary_is_never_served_the_old_explanations() {
        let content = starting_content(DocumentKind::Definition, true);
        let cache = RenderedCache::default();
        let glossary = starting();
        let before = cache.sections(version(1), &content, Reading::Full, &glossary);
        let mut changed = glossary.clone();
        for entry in &mut changed {
            entry.meaning = format!("{} (reworded)", entry.meaning);
        }
        let after = cache.sections(version(1), &content, Reading::Full, &changed);
        assert!(!Arc::ptr_eq(&before, &after));
        assert_eq!(*after, rendered_sections(&content, Reading::Full, &changed));
    }
}
