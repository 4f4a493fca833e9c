//! How a person appears to others. Being in drug treatment is sensitive health data, so the
//! default is to show only a constituency, and public pages show a name only when the person
//! chose that.

use serde::{Deserialize, Serialize};

use super::constituency::Constituency;
use super::text::bounded_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Appearance {
    FullName,
    FirstName,
    Pseudonym,
    /// "a person with lived experience": no name at all.
    ConstituencyOnly,
}

impl Appearance {
    pub const ALL: [Appearance; 4] = [
        Self::FullName,
        Self::FirstName,
        Self::Pseudonym,
        Self::ConstituencyOnly,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::FullName => "full_name",
            Self::FirstName => "first_name",
            Self::Pseudonym => "pseudonym",
            Self::ConstituencyOnly => "constituency_only",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FullName => "My full name",
            Self::FirstName => "My first name only",
            Self::Pseudonym => "A made-up name (pseudonym)",
            Self::ConstituencyOnly => {
                "No name: only why I take part (for example \u{201c}a person with lived experience\u{201d})"
            }
        }
    }
}

bounded_text!(
    /// A person's full name, as they give it.
    FullName,
    max_chars = 100,
    multiline = false
);

impl FullName {
    /// The first word of the name.
    pub fn first_name(&self) -> &str {
        self.0.split_whitespace().next().unwrap_or(&self.0)
    }
}

bounded_text!(
    /// A made-up name a person chooses to be known by.
    Pseudonym,
    max_chars = 40,
    multiline = false
);

/// Who is looking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Other signed-in members of the process.
    Participants,
    /// Anyone, without an account.
    Public,
}

/// Everything that decides how a person is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub full_name: Option<FullName>,
    pub pseudonym: Option<Pseudonym>,
    pub appearance: Appearance,
    /// Whether the chosen appearance is also used on public pages. Off unless chosen.
    pub show_on_public_pages: bool,
    /// Counted constituencies, for the constituency-only description.
    pub constituencies: Vec<Constituency>,
    pub withdrawn: bool,
}

/// Why an appearance choice cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AppearanceError {
    NeedsFullName,
    NeedsPseudonym,
}

impl std::fmt::Display for AppearanceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::NeedsFullName => "To appear by your name, please fill in your name.",
            Self::NeedsPseudonym => "To appear by a made-up name, please fill one in.",
        })
    }
}

impl Profile {
    /// A new person: shown only by constituency until they choose otherwise.
    pub fn new_private(constituencies: Vec<Constituency>) -> Self {
        Self {
            full_name: None,
            pseudonym: None,
            appearance: Appearance::ConstituencyOnly,
            show_on_public_pages: false,
            constituencies,
            withdrawn: false,
        }
    }

    /// Checks that the chosen appearance has the name it needs.
    pub fn check(&self) -> Result<(), AppearanceError> {
        match self.appearance {
            Appearance::FullName | Appearance::FirstName if self.full_name.is_none() => {
                Err(AppearanceError::NeedsFullName)
            }
            Appearance::Pseudonym if self.pseudonym.is_none() => {
                Err(AppearanceError::NeedsPseudonym)
            }
            _ => Ok(()),
        }
    }

    /// "a person with lived experience", or "a participant" with no constituency.
    pub fn constituency_description(&self) -> String {
        match self.constituencies.first() {
            Some(c) => c.one_member().to_string(),
            None => "a participant".to_string(),
        }
    }

    /// How this person is shown to `audience`.
    pub fn shown_as(&self, audience: Audience) -> String {
        if self.withdrawn {
            return format!(
                "a withdrawn participant ({})",
                self.constituency_description()
            );
        }
        if audience == Audience::Public && !self.show_on_public_pages {
            return self.constituency_description();
        }
        let name = match self.appearance {
            Appearance::FullName => self.full_name.as_ref().map(|n| n.as_str().to_string()),
            Appearance::FirstName => self.full_name.as_ref().map(|n| n.first_name().to_string()),
            Appearance::Pseudonym => self.pseudonym.as_ref().map(|p| p.as_str().to_string()),
            Appearance::ConstituencyOnly => None,
        };
        name.unwrap_or_else(|| self.constituency_description())
    }
}

impl Profile {
    /// How the author of a comment is shown: as they chose to appear, followed by their
    /// constituency ("Phoenix (a person with lived experience)"), without saying the
    /// constituency twice when that is all they show.
    pub fn byline(&self, audience: Audience) -> String {
        let shown = self.shown_as(audience);
        let constituency = self.constituency_description();
        if self.withdrawn || shown == constituency {
            shown
        } else {
            format!("{shown} ({constituency})")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(appearance: Appearance, public: bool) -> Profile {
        Profile {
            full_name: Some(FullName::parse("Jo Bloggs").unwrap()),
            pseudonym: Some(Pseudonym::parse("Phoenix").unwrap()),
            appearance,
            show_on_public_pages: public,
            constituencies: vec![Constituency::LivedExperience],
            withdrawn: false,
        }
    }

    #[test]
    fn a_byline_adds_the_constituency_once() {
        assert_eq!(
            profile(Appearance::Pseudonym, false).byline(Audience::Participants),
            "Phoenix (a person with lived experience)"
        );
        assert_eq!(
            profile(Appearance::ConstituencyOnly, false).byline(Audience::Participants),
            "a person with lived experience"
        );
        assert_eq!(
            profile(Appearance::FullName, false).byline(Audience::Public),
            "a person with lived experience",
            "no name in public unless chosen"
        );
    }

    #[test]
    fn participants_see_the_chosen_appearance() {
        assert_eq!(
            profile(Appearance::FullName, false).shown_as(Audience::Participants),
            "Jo Bloggs"
        );
        assert_eq!(
            profile(Appearance::FirstName, false).shown_as(Audience::Participants),
            "Jo"
        );
        assert_eq!(
            profile(Appearance::Pseudonym, false).shown_as(Audience::Participants),
            "Phoenix"
        );
        assert_eq!(
            profile(Appearance::ConstituencyOnly, false).shown_as(Audience::Participants),
            "a person with lived experience"
        );
    }

    #[test]
    fn the_public_sees_only_a_constituency_unless_the_person_chose_otherwise() {
        assert_eq!(
            profile(Appearance::FullName, false).shown_as(Audience::Public),
            "a person with lived experience"
        );
        assert_eq!(
            profile(Appearance::Pseudonym, true).shown_as(Audience::Public),
            "Phoenix"
        );
    }

    #[test]
    fn a_withdrawn_person_shows_no_name_anywhere() {
        let mut p = profile(Appearance::FullName, true);
        p.withdrawn = true;
        for audience in [Audience::Participants, Audience::Public] {
            assert_eq!(
                p.shown_as(audience),
                "a withdrawn participant (a person with lived experience)"
            );
        }
    }

    #[test]
    fn a_new_person_is_private_by_default() {
        let p = Profile::new_private(vec![]);
        assert_eq!(p.shown_as(Audience::Participants), "a participant");
        assert_eq!(p.shown_as(Audience::Public), "a participant");
    }

    #[test]
    fn appearing_by_name_needs_a_name() {
        let mut p = Profile::new_private(vec![]);
        p.appearance = Appearance::FirstName;
        assert_eq!(p.check(), Err(AppearanceError::NeedsFullName));
        p.appearance = Appearance::Pseudonym;
        assert_eq!(p.check(), Err(AppearanceError::NeedsPseudonym));
        p.appearance = Appearance::ConstituencyOnly;
        assert_eq!(p.check(), Ok(()));
    }

    #[test]
    fn a_single_word_name_is_its_own_first_name() {
        assert_eq!(FullName::parse("Cher").unwrap().first_name(), "Cher");
    }
}
