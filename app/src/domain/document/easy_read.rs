//! Easy-read versions of sections. Each section may carry an easy-read text, drafted beside
//! it and stored in the same version, so every version records which easy-read text goes
//! with which section. The easy-read text remembers a fingerprint of the main text it was
//! written for: when the main text changes afterwards, the easy read is "out of date" until
//! someone saves it again.

use serde::{Deserialize, Serialize};

use super::editing::{Clash, EditError, SectionSave};
use super::{DocumentContent, Section, SectionBody, SectionKey};
use crate::domain::text::{TextError, clean};

/// An easy-read text: short sentences, one idea a line. Markdown, like the main text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EasyReadText(String);

impl EasyReadText {
    pub const MAX_CHARS: usize = 10_000;

    /// `None` for an empty box: saving nothing removes the easy read.
    pub fn parse(raw: &str) -> Result<Option<Self>, TextError> {
        match clean(raw, Self::MAX_CHARS, true) {
            Ok(text) => Ok(Some(Self(text))),
            Err(TextError::Empty) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A short, stable fingerprint of a section's main text (FNV-1a, 64 bits, as hex). Stable
/// across builds and machines, and the same in the browser, so it can be stored. Not for
/// security: it only tells "the text changed since".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyFingerprint(String);

impl BodyFingerprint {
    pub fn of(body: &SectionBody) -> Self {
        let hash = body
            .as_str()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
        Self(format!("{hash:016x}"))
    }
}

/// The easy-read text of a section and the main text it was written for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EasyRead {
    pub text: EasyReadText,
    pub written_for: BodyFingerprint,
}

/// Where a section's easy read stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EasyReadState<'a> {
    Missing,
    Current(&'a EasyReadText),
    /// The main text changed after the easy read was written.
    OutOfDate(&'a EasyReadText),
}

impl Section {
    pub fn easy_read_state(&self) -> EasyReadState<'_> {
        match &self.easy_read {
            None => EasyReadState::Missing,
            Some(e) if e.written_for == BodyFingerprint::of(&self.body) => {
                EasyReadState::Current(&e.text)
            }
            Some(e) => EasyReadState::OutOfDate(&e.text),
        }
    }
}

/// Which text a reader chose: the full text or the easy read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Reading {
    #[default]
    Full,
    Easy,
}

impl Reading {
    /// From the `read` query parameter: absent means the full text; anything but `easy` or
    /// `full` is refused.
    pub fn from_query(raw: Option<&str>) -> Option<Self> {
        match raw {
            None | Some("full") => Some(Self::Full),
            Some("easy") => Some(Self::Easy),
            Some(_) => None,
        }
    }

    /// The query string that asks for this reading ("" for the full text).
    pub fn query(self) -> &'static str {
        match self {
            Self::Full => "",
            Self::Easy => "?read=easy",
        }
    }
}

impl DocumentContent {
    /// The same content with one section's easy read replaced (`None` removes it).
    pub fn with_easy_read(
        &self,
        key: SectionKey,
        easy_read: Option<EasyRead>,
    ) -> Result<Self, EditError> {
        let mut sections = self.sections().to_vec();
        let section = sections
            .iter_mut()
            .find(|s| s.key == key)
            .ok_or(EditError::NoSuchSection)?;
        section.easy_read = easy_read;
        Ok(Self::new(sections)?)
    }
}

/// Saving the easy read of section `key`, written while reading `base`, onto `latest`. The
/// easy read is marked as written for the main text the person saw in `base`: if someone
/// changed the main text meanwhile, it shows as out of date at once. A clash only when
/// someone else changed the easy read meanwhile.
pub fn save_easy_read(
    base: &DocumentContent,
    latest: &DocumentContent,
    key: SectionKey,
    text: Option<EasyReadText>,
) -> Result<SectionSave, EditError> {
    let started_from = base.section(key).ok_or(EditError::NoSuchSection)?;
    let Some(now) = latest.section(key) else {
        return Ok(SectionSave::Conflict(Clash::RemovedMeanwhile));
    };
    let wanted = text.map(|text| EasyRead {
        text,
        written_for: BodyFingerprint::of(&started_from.body),
    });
    if now.easy_read == wanted {
        return Ok(SectionSave::NothingChanged);
    }
    if now.easy_read != started_from.easy_read {
        return Ok(SectionSave::Conflict(Clash::ChangedMeanwhile));
    }
    Ok(SectionSave::Apply(latest.with_easy_read(key, wanted)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::editing::save_section;
    use crate::domain::document::{SectionHeading, test_content as content};

    fn easy(s: &str) -> Option<EasyReadText> {
        EasyReadText::parse(s).unwrap()
    }

    fn key(k: u32) -> SectionKey {
        SectionKey::new(k)
    }

    fn applied(save: Result<SectionSave, EditError>) -> DocumentContent {
        match save {
            Ok(SectionSave::Apply(c)) => c,
            other => panic!("expected a change, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_box_means_no_easy_read() {
        assert_eq!(EasyReadText::parse(" \n ").unwrap(), None);
        assert!(EasyReadText::parse(&"e".repeat(EasyReadText::MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn the_fingerprint_is_stable_and_tells_texts_apart() {
        let a = SectionBody::parse("Recovery is personal.").unwrap();
        let b = SectionBody::parse("Recovery is personal!").unwrap();
        assert_eq!(BodyFingerprint::of(&a), BodyFingerprint::of(&a.clone()));
        assert_ne!(BodyFingerprint::of(&a), BodyFingerprint::of(&b));
        // Stored in versions, so it must never change between builds.
        assert_eq!(
            BodyFingerprint::of(&SectionBody::parse("").unwrap()).0,
            "cbf29ce484222325"
        );
    }

    #[test]
    fn an_easy_read_saved_for_the_current_text_is_current() {
        let v1 = content(&[(1, "Hope", "Recovery is a journey.")]);
        let v2 = applied(save_easy_read(
            &v1,
            &v1,
            key(1),
            easy("Recovery takes time."),
        ));
        let state = v2.section(key(1)).unwrap().easy_read_state();
        assert!(matches!(state, EasyReadState::Current(t) if t.as_str() == "Recovery takes time."));
        assert_eq!(
            v1.section(key(1)).unwrap().easy_read_state(),
            EasyReadState::Missing
        );
    }

    #[test]
    fn changing_the_main_text_afterwards_makes_the_easy_read_out_of_date() {
        let v1 = content(&[(1, "Hope", "Recovery is a journey.")]);
        let v2 = applied(save_easy_read(&v1, &v1, key(1), easy("It takes time.")));
        let h = SectionHeading::parse("Hope").unwrap();
        let body = SectionBody::parse("Recovery is a journey, and it is yours.").unwrap();
        let v3 = applied(save_section(&v2, &v2, key(1), h, body));
        // The main text's save keeps the easy read, now out of date.
        assert!(matches!(
            v3.section(key(1)).unwrap().easy_read_state(),
            EasyReadState::OutOfDate(t) if t.as_str() == "It takes time."
        ));
        // Saving it again (even unchanged) says it fits the new text.
        let v4 = applied(save_easy_read(&v3, &v3, key(1), easy("It takes time.")));
        assert!(matches!(
            v4.section(key(1)).unwrap().easy_read_state(),
            EasyReadState::Current(_)
        ));
    }

    #[test]
    fn an_easy_read_written_while_someone_changed_the_main_text_is_out_of_date_at_once() {
        let base = content(&[(1, "Hope", "old words")]);
        let theirs = content(&[(1, "Hope", "new words")]);
        let saved = applied(save_easy_read(&base, &theirs, key(1), easy("Easy words.")));
        assert!(matches!(
            saved.section(key(1)).unwrap().easy_read_state(),
            EasyReadState::OutOfDate(_)
        ));
        assert_eq!(saved.section(key(1)).unwrap().body.as_str(), "new words");
    }

    #[test]
    fn someone_elses_easy_read_saved_meanwhile_is_a_clash_not_overwritten() {
        let base = content(&[(1, "Hope", "text")]);
        let theirs = applied(save_easy_read(&base, &base, key(1), easy("Theirs.")));
        assert_eq!(
            save_easy_read(&base, &theirs, key(1), easy("Mine.")),
            Ok(SectionSave::Conflict(Clash::ChangedMeanwhile))
        );
        assert_eq!(
            save_easy_read(&base, &theirs, key(1), easy("Theirs.")),
            Ok(SectionSave::NothingChanged)
        );
    }

    #[test]
    fn a_main_text_save_does_not_clash_with_an_easy_read_saved_meanwhile() {
        let base = content(&[(1, "Hope", "text")]);
        let theirs = applied(save_easy_read(&base, &base, key(1), easy("Easy.")));
        let h = SectionHeading::parse("Hope").unwrap();
        let body = SectionBody::parse("better text").unwrap();
        let saved = applied(save_section(&base, &theirs, key(1), h, body));
        let section = saved.section(key(1)).unwrap();
        assert_eq!(section.body.as_str(), "better text");
        assert!(matches!(
            section.easy_read_state(),
            EasyReadState::OutOfDate(_)
        ));
    }

    #[test]
    fn an_empty_box_removes_the_easy_read_and_a_removed_section_clashes() {
        let v1 = content(&[(1, "Hope", "text"), (2, "Home", "")]);
        let v2 = applied(save_easy_read(&v1, &v1, key(1), easy("Easy.")));
        let v3 = applied(save_easy_read(&v2, &v2, key(1), None));
        assert_eq!(
            v3.section(key(1)).unwrap().easy_read_state(),
            EasyReadState::Missing
        );
        let gone = content(&[(2, "Home", "")]);
        assert_eq!(
            save_easy_read(&v1, &gone, key(1), easy("Easy.")),
            Ok(SectionSave::Conflict(Clash::RemovedMeanwhile))
        );
        assert_eq!(
            save_easy_read(&v1, &v1, key(9), easy("Easy.")),
            Err(EditError::NoSuchSection)
        );
    }

    #[test]
    fn versions_saved_before_easy_read_existed_still_load() {
        let old = r#"[{"key":1,"heading":"Hope","body":"text"}]"#;
        let c: DocumentContent = serde_json::from_str(old).unwrap();
        assert_eq!(c.sections()[0].easy_read, None);
        // And content without easy reads is stored exactly as before.
        assert_eq!(serde_json::to_string(&c).unwrap(), old);
    }

    #[test]
    fn the_reading_choice_is_parsed_not_defaulted() {
        assert_eq!(Reading::from_query(None), Some(Reading::Full));
        assert_eq!(Reading::from_query(Some("easy")), Some(Reading::Easy));
        assert_eq!(Reading::from_query(Some("full")), Some(Reading::Full));
        assert_eq!(Reading::from_query(Some("EASY!")), None);
    }
}
