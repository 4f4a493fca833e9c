//! Who may do what. Every server function asks one of these before acting, so the rules are
//! in one place and tested here, away from HTTP.

use super::person::Viewer;

/// Why an action was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nobody is signed in; signing in might help.
    SignInRequired,
    /// The signed-in person may not do this; the text says who can.
    Forbidden(&'static str),
}

/// Starting a new process is for site administrators only.
pub fn may_create_process(viewer: Option<&Viewer>) -> Result<(), Refusal> {
    match viewer {
        None => Err(Refusal::SignInRequired),
        Some(v) if v.is_site_admin() => Ok(()),
        Some(_) => Err(Refusal::Forbidden(
            "Only a site administrator can start a new process. Ask whoever runs this site.",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::person::{PersonId, SiteRole};

    fn viewer(site_role: SiteRole) -> Viewer {
        Viewer {
            person: PersonId::new(1),
            site_role,
        }
    }

    #[test]
    fn creating_a_process_needs_a_signed_in_site_admin() {
        assert_eq!(may_create_process(None), Err(Refusal::SignInRequired));
        assert!(matches!(
            may_create_process(Some(&viewer(SiteRole::Member))),
            Err(Refusal::Forbidden(_))
        ));
        assert_eq!(
            may_create_process(Some(&viewer(SiteRole::SiteAdmin))),
            Ok(())
        );
    }
}
