//! Changing a document. Each change makes new content from the latest version; nothing is
//! edited in place, because versions are immutable.
//!
//! A section save carries the version the person started from (their *base*). If someone
//! else saved in the meantime, the save still goes through when that other change left this
//! section alone (the edit is applied to the latest version); if the other change touched
//! the same section, it is a conflict and the person merges by hand. So nobody's typing is
//! ever overwritten or thrown away.

use serde::{Deserialize, Serialize};

use super::{ContentError, DocumentContent, Section, SectionBody, SectionHeading, SectionKey};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    /// The section is not (or no longer) in the document.
    NoSuchSection,
    /// The section is already first (moving up) or last (moving down).
    CannotMoveFurther,
    Content(ContentError),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoSuchSection => f.write_str(
                "That section is no longer in the document. Someone may have removed it; open the document again.",
            ),
            Self::CannotMoveFurther => f.write_str("That section cannot move any further."),
            Self::Content(e) => e.fmt(f),
        }
    }
}

impl From<ContentError> for EditError {
    fn from(e: ContentError) -> Self {
        Self::Content(e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "up" => Some(Self::Up),
            "down" => Some(Self::Down),
            _ => None,
        }
    }
}

impl DocumentContent {
    pub fn section(&self, key: SectionKey) -> Option<&Section> {
        self.sections().iter().find(|s| s.key == key)
    }

    fn position(&self, key: SectionKey) -> Result<usize, EditError> {
        self.sections()
            .iter()
            .position(|s| s.key == key)
            .ok_or(EditError::NoSuchSection)
    }

    /// The same content with one section's heading and text replaced.
    pub fn with_section_replaced(
        &self,
        key: SectionKey,
        heading: SectionHeading,
        body: SectionBody,
    ) -> Result<Self, EditError> {
        let at = self.position(key)?;
        let mut sections = self.sections().to_vec();
        // The easy read stays; it shows as out of date if the text changed.
        let easy_read = sections[at].easy_read.take();
        sections[at] = Section {
            key,
            heading,
            body,
            easy_read,
        };
        Ok(Self::new(sections)?)
    }

    /// The same content with a new section at the end; returns the new section's key.
    pub fn with_section_added(
        &self,
        heading: SectionHeading,
        body: SectionBody,
    ) -> Result<(Self, SectionKey), EditError> {
        let key = self.next_key();
        let mut sections = self.sections().to_vec();
        sections.push(Section {
            key,
            heading,
            body,
            easy_read: None,
        });
        Ok((Self::new(sections)?, key))
    }

    pub fn with_section_moved(
        &self,
        key: SectionKey,
        direction: Direction,
    ) -> Result<Self, EditError> {
        let at = self.position(key)?;
        let to = match direction {
            Direction::Up => at.checked_sub(1),
            Direction::Down => (at + 1 < self.sections().len()).then_some(at + 1),
        }
        .ok_or(EditError::CannotMoveFurther)?;
        let mut sections = self.sections().to_vec();
        sections.swap(at, to);
        Ok(Self::new(sections)?)
    }

    pub fn with_section_removed(&self, key: SectionKey) -> Result<Self, EditError> {
        let at = self.position(key)?;
        let mut sections = self.sections().to_vec();
        sections.remove(at);
        Ok(Self::new(sections)?)
    }
}

/// Why a change could not be applied on top of what others saved meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Clash {
    /// Someone else changed this section after the person started.
    ChangedMeanwhile,
    /// Someone else removed this section after the person started.
    RemovedMeanwhile,
}

impl Clash {
    pub fn explanation(self) -> &'static str {
        match self {
            Self::ChangedMeanwhile => {
                "Someone else saved a change to this section after you started editing it."
            }
            Self::RemovedMeanwhile => {
                "Someone else removed this section after you started editing it."
            }
        }
    }
}

/// What saving a section leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionSave {
    /// Store this as the next version.
    Apply(DocumentContent),
    /// The latest version already says exactly this.
    NothingChanged,
    Conflict(Clash),
}

/// Saving `heading` and `body` into section `key`, started from `base`, when `latest` is
/// the newest version (which may be `base` itself).
pub fn save_section(
    base: &DocumentContent,
    latest: &DocumentContent,
    key: SectionKey,
    heading: SectionHeading,
    body: SectionBody,
) -> Result<SectionSave, EditError> {
    let started_from = base.section(key).ok_or(EditError::NoSuchSection)?;
    let Some(now) = latest.section(key) else {
        return Ok(SectionSave::Conflict(Clash::RemovedMeanwhile));
    };
    if now.heading == heading && now.body == body {
        return Ok(SectionSave::NothingChanged);
    }
    // Only the heading and text: an easy read saved meanwhile is kept, not a clash.
    if (&now.heading, &now.body) != (&started_from.heading, &started_from.body) {
        return Ok(SectionSave::Conflict(Clash::ChangedMeanwhile));
    }
    Ok(SectionSave::Apply(
        latest.with_section_replaced(key, heading, body)?,
    ))
}

/// Removing section `key`, as seen in `base`, from `latest`. Refused as a clash when
/// someone changed the section meanwhile, so nobody removes words they have not seen.
pub fn remove_section(
    base: &DocumentContent,
    latest: &DocumentContent,
    key: SectionKey,
) -> Result<Result<DocumentContent, Clash>, EditError> {
    let seen = base.section(key).ok_or(EditError::NoSuchSection)?;
    match latest.section(key) {
        None => Err(EditError::NoSuchSection),
        Some(now) if now != seen => Ok(Err(Clash::ChangedMeanwhile)),
        Some(_) => Ok(Ok(latest.with_section_removed(key)?)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::document::test_content as content;

    fn h(s: &str) -> SectionHeading {
        SectionHeading::parse(s).unwrap()
    }

    fn b(s: &str) -> SectionBody {
        SectionBody::parse(s).unwrap()
    }

    fn key(k: u32) -> SectionKey {
        SectionKey::new(k)
    }

    #[test]
    fn saving_on_the_latest_version_applies() {
        let v1 = content(&[(1, "Hope", "old"), (2, "Home", "x")]);
        let saved = save_section(&v1, &v1, key(1), h("Hope"), b("new")).unwrap();
        assert_eq!(
            saved,
            SectionSave::Apply(content(&[(1, "Hope", "new"), (2, "Home", "x")]))
        );
    }

    #[test]
    fn a_save_after_someone_changed_another_section_keeps_both_changes() {
        let base = content(&[(1, "Hope", "old"), (2, "Home", "x")]);
        let theirs = content(&[(1, "Hope", "old"), (2, "Home", "their words")]);
        let saved = save_section(&base, &theirs, key(1), h("Hope"), b("my words")).unwrap();
        assert_eq!(
            saved,
            SectionSave::Apply(content(&[
                (1, "Hope", "my words"),
                (2, "Home", "their words")
            ]))
        );
    }

    #[test]
    fn a_save_after_someone_changed_the_same_section_is_a_conflict() {
        let base = content(&[(1, "Hope", "old")]);
        let theirs = content(&[(1, "Hope", "their words")]);
        assert_eq!(
            save_section(&base, &theirs, key(1), h("Hope"), b("my words")).unwrap(),
            SectionSave::Conflict(Clash::ChangedMeanwhile)
        );
        // A rename by the other person is a change to the section too.
        let renamed = content(&[(1, "Hope for all", "old")]);
        assert_eq!(
            save_section(&base, &renamed, key(1), h("Hope"), b("my words")).unwrap(),
            SectionSave::Conflict(Clash::ChangedMeanwhile)
        );
    }

    #[test]
    fn a_save_after_someone_removed_the_section_is_a_conflict() {
        let base = content(&[(1, "Hope", "old"), (2, "Home", "x")]);
        let theirs = content(&[(2, "Home", "x")]);
        assert_eq!(
            save_section(&base, &theirs, key(1), h("Hope"), b("mine")).unwrap(),
            SectionSave::Conflict(Clash::RemovedMeanwhile)
        );
    }

    #[test]
    fn saving_what_is_already_there_changes_nothing() {
        let v1 = content(&[(1, "Hope", "same")]);
        assert_eq!(
            save_section(&v1, &v1, key(1), h("Hope"), b("same")).unwrap(),
            SectionSave::NothingChanged
        );
        // Both people made the same change: nothing to merge.
        let base = content(&[(1, "Hope", "old")]);
        let theirs = content(&[(1, "Hope", "same")]);
        assert_eq!(
            save_section(&base, &theirs, key(1), h("Hope"), b("same")).unwrap(),
            SectionSave::NothingChanged
        );
    }

    #[test]
    fn saving_a_section_that_never_existed_is_an_error() {
        let v1 = content(&[(1, "Hope", "")]);
        assert_eq!(
            save_section(&v1, &v1, key(9), h("X"), b("")),
            Err(EditError::NoSuchSection)
        );
    }

    #[test]
    fn sections_move_within_bounds() {
        let v = content(&[(1, "A", ""), (2, "B", ""), (3, "C", "")]);
        let moved = v.with_section_moved(key(3), Direction::Up).unwrap();
        let order: Vec<u32> = moved.sections().iter().map(|s| s.key.get()).collect();
        assert_eq!(order, vec![1, 3, 2]);
        assert_eq!(
            v.with_section_moved(key(1), Direction::Up),
            Err(EditError::CannotMoveFurther)
        );
        assert_eq!(
            v.with_section_moved(key(3), Direction::Down),
            Err(EditError::CannotMoveFurther)
        );
        assert_eq!(Direction::parse("sideways"), None);
    }

    #[test]
    fn added_sections_go_last_with_a_fresh_key() {
        let v = content(&[(1, "A", ""), (4, "B", "")]);
        let (added, new_key) = v.with_section_added(h("C"), b("text")).unwrap();
        assert_eq!(new_key, key(5));
        assert_eq!(added.sections().last().unwrap().heading.as_str(), "C");
    }

    #[test]
    fn the_section_limit_holds_when_adding() {
        let full: Vec<(u32, String)> = (1..=DocumentContent::MAX_SECTIONS as u32)
            .map(|k| (k, format!("S{k}")))
            .collect();
        let rows: Vec<(u32, &str, &str)> = full.iter().map(|(k, h)| (*k, h.as_str(), "")).collect();
        let v = content(&rows);
        assert!(matches!(
            v.with_section_added(h("One too many"), b("")),
            Err(EditError::Content(ContentError::TooManySections { .. }))
        ));
    }

    #[test]
    fn removing_the_last_section_is_refused() {
        let v = content(&[(1, "A", "")]);
        assert_eq!(
            remove_section(&v, &v, key(1)),
            Err(EditError::Content(ContentError::NoSections))
        );
    }

    #[test]
    fn removing_a_section_someone_changed_meanwhile_is_a_clash() {
        let base = content(&[(1, "A", "old"), (2, "B", "")]);
        let theirs = content(&[(1, "A", "new"), (2, "B", "")]);
        assert_eq!(
            remove_section(&base, &theirs, key(1)),
            Ok(Err(Clash::ChangedMeanwhile))
        );
        let untouched = content(&[(1, "A", "old"), (2, "B", "changed")]);
        assert_eq!(
            remove_section(&base, &untouched, key(1)),
            Ok(Ok(content(&[(2, "B", "changed")])))
        );
    }
}
