//! Who may do what. Every server function asks one of these before acting, so the rules are
//! in one place and tested here, away from HTTP.

use super::person::{PersonId, Viewer};
use super::role::ProcessRole;

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

/// Things done within one process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProcessAction {
    /// See who takes part (each as they chose to appear to participants).
    ViewPeople,
    /// Create, print and revoke sign-in codes.
    ManageSignInCodes,
    /// Confirm that someone is a commissioner or provider staff.
    ConfirmConstituencies,
    /// Give or take away roles.
    AssignRoles,
    /// Read drafts that are not published yet, their history and comparisons.
    ReadDrafts,
    /// Start, edit, add, move, rename and remove sections of the documents.
    EditDocuments,
    /// Publish a chosen version for the public to read.
    PublishDocuments,
    /// Comment on a section and reply in threads, on drafts and published versions.
    Comment,
    /// Propose an amendment and support others' amendments.
    ProposeAmendments,
    /// Report a comment to the facilitators.
    ReportComments,
    /// Accept, decline or send an amendment to a vote.
    DecideAmendments,
    /// Mark any comment thread resolved, or reopen it (a thread's author may do so too).
    ResolveThreads,
    /// See the moderation queue, hide and unhide comments, approve public comments.
    Moderate,
    /// Change the process's settings, such as public comments.
    ConfigureProcess,
    /// Open and close decisions.
    RunDecisions,
    /// Set up and run a live workshop: its agenda, the room, shows of hands, its summary.
    RunWorkshops,
    /// Vote in a decision (whether a ballot counts also depends on constituency).
    Vote,
    /// Ratify the version a passed decision adopted. Commissioners act in a public role, so
    /// this is theirs alone: a site administrator may not do it on their behalf.
    Ratify,
    /// Make commitments on the sections of a ratified version and report how they stand.
    ManageCommitments,
    /// Read the process's audit trail: roles given and taken, constituencies confirmed,
    /// guests admitted and removed.
    ReadAudit,
}

impl ProcessAction {
    fn allowed_roles(self) -> &'static [ProcessRole] {
        use ProcessRole::*;
        match self {
            Self::ViewPeople
            | Self::ReadDrafts
            | Self::Comment
            | Self::ProposeAmendments
            | Self::ReportComments
            | Self::Vote => &[
                Participant,
                Drafter,
                Facilitator,
                Commissioner,
                ProcessAdmin,
            ],
            Self::ManageSignInCodes => &[Facilitator, ProcessAdmin],
            Self::EditDocuments | Self::DecideAmendments | Self::ResolveThreads => {
                &[Drafter, Facilitator, ProcessAdmin]
            }
            Self::Moderate | Self::RunDecisions | Self::RunWorkshops => {
                &[Facilitator, ProcessAdmin]
            }
            Self::Ratify => &[Commissioner],
            Self::ReadAudit | Self::ManageCommitments => &[Commissioner, ProcessAdmin],
            Self::ConfirmConstituencies
            | Self::AssignRoles
            | Self::PublishDocuments
            | Self::ConfigureProcess => &[ProcessAdmin],
        }
    }

    fn refusal(self) -> &'static str {
        match self {
            Self::ViewPeople => {
                "Only people taking part in this process can see who else takes part."
            }
            Self::ManageSignInCodes => {
                "Only a facilitator or a process administrator can manage sign-in codes."
            }
            Self::ConfirmConstituencies => {
                "Only a process administrator can confirm commissioners and provider staff."
            }
            Self::AssignRoles => "Only a process administrator can change people's roles.",
            Self::ReadDrafts => {
                "Only people taking part in this process can read drafts that are not published yet."
            }
            Self::EditDocuments => {
                "Only drafters, facilitators and process administrators can edit the documents. Ask a process administrator if you should be a drafter."
            }
            Self::PublishDocuments => "Only a process administrator can publish a version.",
            Self::Comment => {
                "Only people taking part in this process can comment. Ask a facilitator for a sign-in code."
            }
            Self::ProposeAmendments => {
                "Only people taking part in this process can propose or support amendments."
            }
            Self::ReportComments => "Only people taking part in this process can report a comment.",
            Self::DecideAmendments => {
                "Only drafters, facilitators and process administrators can accept, decline or send an amendment to a vote."
            }
            Self::ResolveThreads => {
                "Only the person who started this thread, drafters, facilitators and process administrators can resolve or reopen it."
            }
            Self::Moderate => "Only facilitators and process administrators can moderate comments.",
            Self::ConfigureProcess => {
                "Only a process administrator can change this process's settings."
            }
            Self::RunDecisions => {
                "Only facilitators and process administrators can open and close decisions."
            }
            Self::RunWorkshops => "Only facilitators and process administrators can run workshops.",
            Self::Vote => {
                "Only people taking part in this process can vote. Ask a facilitator for a sign-in code."
            }
            Self::Ratify => {
                "Only a commissioner of this process can ratify. Ask a process administrator to give you the commissioner role."
            }
            Self::ReadAudit => {
                "Only process administrators and commissioners can read who changed roles and confirmed people."
            }
            Self::ManageCommitments => {
                "Only commissioners and process administrators can make commitments and report how they stand."
            }
        }
    }
}

/// Whether `viewer`, holding `roles` in a process, may do `action` there. Site
/// administrators may do anything a process administrator may.
pub fn may_in_process(
    viewer: Option<&Viewer>,
    roles: &[ProcessRole],
    action: ProcessAction,
) -> Result<(), Refusal> {
    let Some(viewer) = viewer else {
        return Err(Refusal::SignInRequired);
    };
    let site_admin_may = viewer.is_site_admin() && action != ProcessAction::Ratify;
    if site_admin_may || roles.iter().any(|r| action.allowed_roles().contains(r)) {
        Ok(())
    } else {
        Err(Refusal::Forbidden(action.refusal()))
    }
}

/// Separation of duties: nobody gives or takes away their own roles, or confirms their own
/// constituency, whatever roles they hold (site administrators included).
pub fn may_act_on(actor: &Viewer, subject: PersonId) -> Result<(), Refusal> {
    if actor.person == subject {
        Err(Refusal::Forbidden(
            "Nobody can change their own roles or confirm their own constituency. Ask another process administrator.",
        ))
    } else {
        Ok(())
    }
}

/// Reading one version of a document: anyone may read a version that was published; only
/// people taking part may read the others.
pub fn may_read_version(
    viewer: Option<&Viewer>,
    roles: &[ProcessRole],
    published: bool,
) -> Result<(), Refusal> {
    if published {
        Ok(())
    } else {
        may_in_process(viewer, roles, ProcessAction::ReadDrafts)
    }
}

/// Resolving or reopening a thread: its author, or the drafting group and facilitators.
pub fn may_resolve_thread(
    viewer: Option<&Viewer>,
    roles: &[ProcessRole],
    is_thread_author: bool,
) -> Result<(), Refusal> {
    match viewer {
        Some(_) if is_thread_author && !roles.is_empty() => Ok(()),
        _ => may_in_process(viewer, roles, ProcessAction::ResolveThreads),
    }
}

/// Commenting without an account: only on a published version, and only when the process
/// has turned public comments on (it is off by default).
pub fn may_comment_publicly(
    public_comments_on: bool,
    version_published: bool,
) -> Result<(), Refusal> {
    if !public_comments_on {
        Err(Refusal::Forbidden(
            "This process does not take comments from the public. People taking part can sign in to comment.",
        ))
    } else if !version_published {
        Err(Refusal::Forbidden(
            "The public can comment only on the published version of a document.",
        ))
    } else {
        Ok(())
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

    #[test]
    fn published_versions_are_for_everyone_and_drafts_for_members() {
        assert_eq!(may_read_version(None, &[], true), Ok(()));
        assert_eq!(
            may_read_version(None, &[], false),
            Err(Refusal::SignInRequired)
        );
        let outsider = viewer(SiteRole::Member);
        assert!(matches!(
            may_read_version(Some(&outsider), &[], false),
            Err(Refusal::Forbidden(_))
        ));
        assert_eq!(
            may_read_version(Some(&outsider), &[ProcessRole::Participant], false),
            Ok(())
        );
    }

    #[test]
    fn a_thread_author_who_takes_part_may_resolve_their_own_thread() {
        let v = viewer(SiteRole::Member);
        assert_eq!(
            may_resolve_thread(Some(&v), &[ProcessRole::Participant], true),
            Ok(())
        );
        assert!(matches!(
            may_resolve_thread(Some(&v), &[ProcessRole::Participant], false),
            Err(Refusal::Forbidden(_))
        ));
        assert!(
            may_resolve_thread(Some(&v), &[], true).is_err(),
            "someone who no longer takes part cannot"
        );
        assert_eq!(
            may_resolve_thread(None, &[], true),
            Err(Refusal::SignInRequired)
        );
    }

    #[test]
    fn nobody_changes_their_own_roles_not_even_a_site_administrator() {
        let admin = viewer(SiteRole::SiteAdmin);
        assert!(matches!(
            may_act_on(&admin, admin.person),
            Err(Refusal::Forbidden(_))
        ));
        assert_eq!(may_act_on(&admin, PersonId::new(2)), Ok(()));
    }

    #[test]
    fn the_public_comments_only_on_published_versions_and_only_when_allowed() {
        assert!(may_comment_publicly(false, true).is_err(), "off by default");
        assert!(
            may_comment_publicly(true, false).is_err(),
            "never on drafts"
        );
        assert_eq!(may_comment_publicly(true, true), Ok(()));
    }

    /// Every role against every process action: the table the issue asks for.
    #[rustfmt::skip]
    #[test]
    fn the_process_permission_table() {
        use ProcessAction::*;
        use ProcessRole::*;
        #[derive(Debug, Clone, Copy, PartialEq)]
        enum Who {
            Anonymous,
            Outsider,
            Has(ProcessRole),
            SiteAdmin,
        }
        #[derive(Debug, PartialEq)]
        enum Outcome {
            Allowed,
            Unauthorised,
            Forbidden,
        }
        use Outcome::*;
        let table: &[(ProcessAction, [Outcome; 8])] = &[
            // anonymous, outsider, participant, drafter, facilitator, commissioner, process admin,
            // site admin
            (ViewPeople, [Unauthorised, Forbidden, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
            (ManageSignInCodes, [Unauthorised, Forbidden, Forbidden, Forbidden, Allowed, Forbidden, Allowed, Allowed]),
            (ConfirmConstituencies, [Unauthorised, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Allowed, Allowed]),
            (AssignRoles, [Unauthorised, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Allowed, Allowed]),
            (ReadDrafts, [Unauthorised, Forbidden, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
            (EditDocuments, [Unauthorised, Forbidden, Forbidden, Allowed, Allowed, Forbidden, Allowed, Allowed]),
            (PublishDocuments, [Unauthorised, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Allowed, Allowed]),
            (Comment, [Unauthorised, Forbidden, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
            (ProposeAmendments, [Unauthorised, Forbidden, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
            (ReportComments, [Unauthorised, Forbidden, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
            (DecideAmendments, [Unauthorised, Forbidden, Forbidden, Allowed, Allowed, Forbidden, Allowed, Allowed]),
            (ResolveThreads, [Unauthorised, Forbidden, Forbidden, Allowed, Allowed, Forbidden, Allowed, Allowed]),
            (Moderate, [Unauthorised, Forbidden, Forbidden, Forbidden, Allowed, Forbidden, Allowed, Allowed]),
            (ConfigureProcess, [Unauthorised, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden, Allowed, Allowed]),
            (RunDecisions, [Unauthorised, Forbidden, Forbidden, Forbidden, Allowed, Forbidden, Allowed, Allowed]),
            (RunWorkshops, [Unauthorised, Forbidden, Forbidden, Forbidden, Allowed, Forbidden, Allowed, Allowed]),
            (Vote, [Unauthorised, Forbidden, Allowed, Allowed, Allowed, Allowed, Allowed, Allowed]),
            (Ratify, [Unauthorised, Forbidden, Forbidden, Forbidden, Forbidden, Allowed, Forbidden, Forbidden]),
            (ReadAudit, [Unauthorised, Forbidden, Forbidden, Forbidden, Forbidden, Allowed, Allowed, Allowed]),
        ];
        let people = [
            Who::Anonymous,
            Who::Outsider,
            Who::Has(Participant),
            Who::Has(Drafter),
            Who::Has(Facilitator),
            Who::Has(ProcessRole::Commissioner),
            Who::Has(ProcessAdmin),
            Who::SiteAdmin,
        ];
        for (action, outcomes) in table {
            for (who, expected) in people.iter().zip(outcomes) {
                let (v, roles): (Option<Viewer>, Vec<ProcessRole>) = match who {
                    Who::Anonymous => (None, vec![]),
                    Who::Outsider => (Some(viewer(SiteRole::Member)), vec![]),
                    Who::Has(role) => (Some(viewer(SiteRole::Member)), vec![*role]),
                    Who::SiteAdmin => (Some(viewer(SiteRole::SiteAdmin)), vec![]),
                };
                let got = match may_in_process(v.as_ref(), &roles, *action) {
                    Ok(()) => Allowed,
                    Err(Refusal::SignInRequired) => Unauthorised,
                    Err(Refusal::Forbidden(_)) => Forbidden,
                };
                assert_eq!(&got, expected, "{who:?} doing {action:?}");
            }
        }
    }
}
