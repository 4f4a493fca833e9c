//! The forms about people: accounts, how someone appears, how they take part, roles.

use serde::{Deserialize, Serialize};

use super::{ConstituencyBoxes, Refusals, chosen, refusal, ticked};
use crate::domain::text::TextError;
use crate::domain::{
    Appearance, Constituency, EmailAddress, FullName, NewPassword, ProcessRole, Pseudonym,
};
use crate::error::AppError;

/// `accounts/sign-up` and `accounts/credentials`: an email and a new password, typed twice;
/// `current_password` when changing an existing one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialsForm {
    pub email: String,
    pub current_password: Option<String>,
    pub password: String,
    pub password_again: String,
}

/// An email and a new password that meet the rules. Its `Debug` hides both passwords.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub email: EmailAddress,
    pub password: NewPassword,
    pub current_password: Option<String>,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

impl TryFrom<CredentialsForm> for Credentials {
    type Error = AppError;

    fn try_from(form: CredentialsForm) -> Result<Self, AppError> {
        let mut refusals = Refusals::default();
        let email = refusals.take("email", EmailAddress::parse(&form.email));
        let password = match NewPassword::parse(&form.password, &form.password_again) {
            Ok(p) => Some(p),
            Err((field, message)) => {
                refusals.refuse(field, message);
                None
            }
        };
        match (email, password) {
            (Some(email), Some(password)) => Ok(Self {
                email,
                password,
                current_password: form.current_password,
            }),
            _ => Err(refusals.into_error()),
        }
    }
}

/// `me/appearance`: how the person appears to others.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppearanceForm {
    pub appearance: String,
    pub full_name: String,
    pub pseudonym: String,
    pub show_on_public_pages: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppearanceChoice {
    pub appearance: Appearance,
    /// Empty fields mean "none".
    pub full_name: Option<FullName>,
    pub pseudonym: Option<Pseudonym>,
    pub show_on_public_pages: bool,
}

/// An optional name: empty means none; anything else must be a valid name.
fn optional<T>(raw: &str, parse: fn(&str) -> Result<T, TextError>) -> Result<Option<T>, TextError> {
    match parse(raw) {
        Ok(v) => Ok(Some(v)),
        Err(TextError::Empty) => Ok(None),
        Err(e) => Err(e),
    }
}

impl TryFrom<AppearanceForm> for AppearanceChoice {
    type Error = AppError;

    fn try_from(form: AppearanceForm) -> Result<Self, AppError> {
        let mut refusals = Refusals::default();
        let appearance = refusals.take(
            "appearance",
            Appearance::from_slug(form.appearance.trim())
                .ok_or("Please choose how you want to appear."),
        );
        let full_name = refusals.take("full_name", optional(&form.full_name, FullName::parse));
        let pseudonym = refusals.take("pseudonym", optional(&form.pseudonym, Pseudonym::parse));
        let show = refusals.take(
            "show_on_public_pages",
            ticked("show_on_public_pages", &form.show_on_public_pages),
        );
        match (appearance, full_name, pseudonym, show) {
            (Some(appearance), Some(full_name), Some(pseudonym), Some(show_on_public_pages))
                if refusals.is_empty() =>
            {
                Ok(Self {
                    appearance,
                    full_name,
                    pseudonym,
                    show_on_public_pages,
                })
            }
            _ => Err(refusals.into_error()),
        }
    }
}

/// `me/constituencies`: the constituencies a person declares in one process, one checkbox
/// each.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConstituenciesForm {
    #[serde(flatten)]
    pub declared: ConstituencyBoxes,
}

impl TryFrom<ConstituenciesForm> for Vec<Constituency> {
    type Error = AppError;

    fn try_from(form: ConstituenciesForm) -> Result<Self, AppError> {
        form.declared.ticked()
    }
}

/// A role chosen in a select.
pub fn role(raw: &str) -> Result<ProcessRole, AppError> {
    chosen("role", raw, ProcessRole::from_slug, "Please choose a role.")
}

/// A constituency chosen in a select or named by a button.
pub fn constituency(raw: &str) -> Result<Constituency, AppError> {
    chosen(
        "constituency",
        raw,
        Constituency::from_slug,
        "Please choose a constituency.",
    )
}

/// Giving a role ("add") or taking it away ("remove").
pub fn adding(raw: &str) -> Result<bool, AppError> {
    chosen(
        "change",
        raw,
        |r| match r {
            "add" => Some(true),
            "remove" => Some(false),
            _ => None,
        },
        "Please choose to give or take away the role.",
    )
}

/// An email address typed to find someone.
pub fn email(raw: &str) -> Result<EmailAddress, AppError> {
    EmailAddress::parse(raw).map_err(|e| refusal("email", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_appearance_and_a_bad_name_are_both_reported() {
        let e = AppearanceChoice::try_from(AppearanceForm {
            appearance: "famous".into(),
            full_name: "Jo\u{202E}".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.for_field("appearance").is_some() && e.for_field("full_name").is_some());
    }

    #[test]
    fn empty_names_mean_none() {
        let c = AppearanceChoice::try_from(AppearanceForm {
            appearance: "constituency_only".into(),
            ..Default::default()
        });
        assert!(matches!(
            c,
            Ok(AppearanceChoice {
                full_name: None,
                pseudonym: None,
                ..
            })
        ));
    }

    #[test]
    fn mismatched_passwords_name_the_second_field() {
        let e = Credentials::try_from(CredentialsForm {
            email: "a@b.org".into(),
            password: "a long enough phrase".into(),
            password_again: "another long phrase".into(),
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.for_field("password_again").is_some());
    }
}
