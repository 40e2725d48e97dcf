//! Who may do what: every permission of Varig in one table, asked by the server before it
//! acts and by the PWA before it offers an action (so the two never disagree).
//!
//! A caller is a set of `Subject`s: their standing in the organisation (system admin,
//! organisation admin or member, or a service account's scopes) plus, for a project-scoped
//! action, their role in that project. An action is allowed when any subject is listed for it.
//!
//! The table is one `match` (written by `permissions!` below, which also lists
//! `Action::ALL`): an action without a row does not compile.

use crate::{OrgRole, ProjectRole};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    SystemAdmin,
    OrgAdmin,
    OrgMember,
    /// A service account (API token) with the `read` scope.
    ServiceRead,
    /// A service account with the `write` scope.
    ServiceWrite,
    /// A service account with only the `measurements_write` scope.
    ServiceMeasurements,
    Project(ProjectRole),
}

use ProjectRole::{ChangeAgent, Leader, Owner, SteeringGroup};
use Subject as S;

/// Every project role.
const EVERY_ROLE: &[Subject] = &[
    S::Project(Owner),
    S::Project(SteeringGroup),
    S::Project(Leader),
    S::Project(ChangeAgent),
];

/// Who reads what the organisation holds: its people, its structure.
const ORG_READERS: &[Subject] = &[
    S::SystemAdmin,
    S::OrgAdmin,
    S::OrgMember,
    S::ServiceRead,
    S::ServiceWrite,
];

/// Who reads a project's contents: everyone with a role in it, organisation admins and
/// service accounts.
const PROJECT_READERS: &[Subject] = &[
    S::OrgAdmin,
    S::ServiceRead,
    S::ServiceWrite,
    S::Project(Owner),
    S::Project(SteeringGroup),
    S::Project(Leader),
    S::Project(ChangeAgent),
];

/// Who changes a project's contents: its owner and leader, organisation admins and
/// service accounts with the `write` scope.
const PROJECT_WRITERS: &[Subject] = &[
    S::OrgAdmin,
    S::ServiceWrite,
    S::Project(Owner),
    S::Project(Leader),
];

/// Who reads everything of a project, also what is others' own (field reports, the
/// minutes of meetings they do not take part in): everyone but the change agents.
const PROJECT_OVERSEERS: &[Subject] = &[
    S::OrgAdmin,
    S::ServiceRead,
    S::ServiceWrite,
    S::Project(Owner),
    S::Project(SteeringGroup),
    S::Project(Leader),
];

/// Declares `Action` with its doc comments, `Action::ALL`, and the table as
/// `Action::subjects`, one exhaustive `match`.
macro_rules! permissions {
    ($( $(#[$doc:meta])* $action:ident => $who:expr, )+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[$doc])* $action, )+
        }

        impl Action {
            /// Every action, in the order of the table.
            pub const ALL: &'static [Action] = &[$(Action::$action),+];

            /// The permission table: who may do `self`.
            pub const fn subjects(self) -> &'static [Subject] {
                match self {
                    $(Action::$action => $who,)+
                }
            }
        }
    };
}

permissions! {
    OrganisationCreate => &[S::SystemAdmin],
    OrganisationRead => ORG_READERS,
    OrganisationUpdate => &[S::SystemAdmin, S::OrgAdmin],
    OrganisationArchive => &[S::SystemAdmin],
    UserRead => ORG_READERS,
    UserManage => &[S::SystemAdmin, S::OrgAdmin],
    InvitationManage => &[S::SystemAdmin, S::OrgAdmin],
    /// Invite someone straight into a project in a role (not as organisation admin); which
    /// roles is the role-grant table's (`crate::grants`).
    InvitationToProject => &[S::OrgAdmin, S::Project(Owner), S::Project(Leader)],
    ProgrammeRead => &[S::OrgAdmin, S::OrgMember, S::ServiceRead, S::ServiceWrite],
    ProgrammeWrite => &[S::OrgAdmin, S::ServiceWrite],
    ProjectCreate => &[S::OrgAdmin, S::ServiceWrite],
    ProjectRead => PROJECT_READERS,
    ProjectUpdate => PROJECT_WRITERS,
    ProjectArchive => &[S::OrgAdmin, S::Project(Owner)],
    MembershipRead => PROJECT_READERS,
    MembershipWrite => PROJECT_WRITERS,
    ApiTokenManage => &[S::OrgAdmin],
    /// Manage webhook subscriptions and read their delivery log.
    WebhookManage => &[S::OrgAdmin],
    AuditRead => &[S::SystemAdmin, S::OrgAdmin],
    /// Read transition requests and the phase history.
    GateRead => PROJECT_READERS,
    /// Submit or withdraw a transition request.
    GateRequest => &[S::Project(Leader)],
    /// Recommend on an open transition request.
    GateRecommend => &[S::Project(SteeringGroup)],
    /// Decide a transition request.
    GateDecide => &[S::Project(Owner)],
    /// Read the phase plan (checklist, milestones, goals), readiness rounds and the planning
    /// tools (stakeholders, barriers, risks).
    PlanRead => PROJECT_READERS,
    /// Change the phase plan and the planning tools.
    PlanWrite => PROJECT_WRITERS,
    /// Open and close rounds of the readiness and the sustainability self-assessment.
    ReadinessManage => &[S::OrgAdmin, S::Project(Owner), S::Project(Leader)],
    /// Answer the readiness questionnaire and the sustainability self-assessment (as oneself).
    ReadinessRespond => EVERY_ROLE,
    /// Read the organisation's structure and units.
    StructureRead => ORG_READERS,
    /// Change the organisation's structure and units.
    StructureWrite => &[S::SystemAdmin, S::OrgAdmin, S::ServiceWrite],
    /// Read a project's scope, change agents and coverage.
    NetworkRead => PROJECT_READERS,
    /// Change a project's scope, its agents' status and units, and training records.
    NetworkWrite => PROJECT_WRITERS,
    /// File field reports (as oneself).
    ReportWrite => &[S::Project(ChangeAgent), S::Project(Leader)],
    /// Read every field report of a project (change agents read their own only).
    ReportReadAll => PROJECT_OVERSEERS,
    /// Read a project's meeting series and schedule.
    MeetingRead => PROJECT_READERS,
    /// Read the meetings (minutes, decisions) of every series, also of those one does not
    /// take part in (change agents read the series they take part in only).
    MeetingReadAll => PROJECT_OVERSEERS,
    /// Create and change meeting series.
    MeetingWrite => PROJECT_WRITERS,
    /// Read indicators, measurements, sustainability rounds, the fade risk and the dashboard.
    IndicatorRead => PROJECT_READERS,
    /// Define and change indicators and the fade-risk settings.
    IndicatorWrite => PROJECT_WRITERS,
    /// Post and correct measurements (an indicator's responsible member may, too).
    MeasurementWrite => &[
        S::OrgAdmin,
        S::ServiceWrite,
        S::ServiceMeasurements,
        S::Project(Owner),
        S::Project(Leader),
    ],
}

/// Whether any of `subjects` may do `action`.
pub fn allowed(subjects: &[Subject], action: Action) -> bool {
    action.subjects().iter().any(|s| subjects.contains(s))
}

/// The question the PWA asks: whether a person with `org_role` in the project's
/// organisation (`None` for another organisation's person) and `role` in the project
/// (`None` without one) may do `action`. A system admin asks nothing project-scoped.
pub fn can(org_role: Option<OrgRole>, role: Option<ProjectRole>, action: Action) -> bool {
    let org = org_role.map(|r| match r {
        OrgRole::Admin => S::OrgAdmin,
        OrgRole::Member => S::OrgMember,
    });
    let subjects: Vec<Subject> = org.into_iter().chain(role.map(S::Project)).collect();
    allowed(&subjects, action)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;

    #[test]
    fn every_action_is_listed_once() {
        for (i, a) in Action::ALL.iter().enumerate() {
            assert_eq!(Action::ALL.iter().position(|x| x == a), Some(i), "{a:?}");
            assert!(!a.subjects().is_empty(), "{a:?}");
        }
    }

    #[test]
    fn a_person_asks_with_their_organisation_role_and_project_role() {
        assert!(can(Some(OrgRole::Admin), None, A::PlanWrite));
        assert!(!can(Some(OrgRole::Member), None, A::PlanRead));
        assert!(can(Some(OrgRole::Member), Some(Leader), A::PlanWrite));
        assert!(!can(None, Some(ChangeAgent), A::PlanWrite));
        assert!(can(None, Some(ChangeAgent), A::ReadinessRespond));
        assert!(!can(Some(OrgRole::Admin), None, A::ReadinessRespond));
        for role in ProjectRole::ALL {
            assert_eq!(
                can(None, Some(role), A::MeetingReadAll),
                role != ChangeAgent,
                "{role:?}"
            );
        }
    }

    #[test]
    fn steering_group_and_change_agents_read_the_plan_and_answer_readiness_only() {
        for role in ProjectRole::ALL {
            let s = [S::OrgMember, S::Project(role)];
            let writer = matches!(role, Owner | Leader);
            assert!(allowed(&s, A::PlanRead), "{role:?}");
            assert!(allowed(&s, A::ReadinessRespond), "{role:?}");
            assert_eq!(allowed(&s, A::PlanWrite), writer, "{role:?}");
            assert_eq!(allowed(&s, A::ReadinessManage), writer, "{role:?}");
        }
        // A service account answers no questionnaire: readiness is people's judgement.
        assert!(!allowed(
            &[S::ServiceRead, S::ServiceWrite],
            A::ReadinessRespond
        ));
        assert!(allowed(&[S::ServiceWrite], A::PlanWrite));
        assert!(!allowed(&[S::ServiceRead], A::PlanWrite));
        assert!(!allowed(&[S::OrgMember], A::PlanRead));
    }

    #[test]
    fn change_agents_file_reports_and_read_only_their_own() {
        let agent = [S::OrgMember, S::Project(ChangeAgent)];
        assert!(allowed(&agent, A::ReportWrite));
        assert!(!allowed(&agent, A::ReportReadAll));
        assert!(
            allowed(&agent, A::NetworkRead),
            "the network summary is for everyone"
        );
        for role in [Owner, SteeringGroup, Leader] {
            assert!(
                allowed(&[S::OrgMember, S::Project(role)], A::ReportReadAll),
                "{role:?}"
            );
        }
        for role in [Owner, SteeringGroup] {
            assert!(
                !allowed(&[S::OrgMember, S::Project(role)], A::ReportWrite),
                "{role:?}"
            );
        }
        // Reports are people's own observations: no service account files them.
        assert!(!allowed(&[S::ServiceWrite, S::OrgAdmin], A::ReportWrite));
    }

    #[test]
    fn only_the_owner_and_org_admin_may_archive_a_project() {
        for role in ProjectRole::ALL {
            let expected = role == Owner;
            assert_eq!(
                allowed(&[S::OrgMember, S::Project(role)], A::ProjectArchive),
                expected,
                "{role:?}"
            );
        }
        assert!(allowed(&[S::OrgAdmin], A::ProjectArchive));
    }

    #[test]
    fn change_agents_and_steering_group_read_but_do_not_edit_a_project() {
        for role in [ChangeAgent, SteeringGroup] {
            let s = [S::OrgMember, S::Project(role)];
            assert!(allowed(&s, A::ProjectRead));
            assert!(allowed(&s, A::MembershipRead));
            assert!(!allowed(&s, A::ProjectUpdate));
            assert!(!allowed(&s, A::MembershipWrite));
        }
    }

    #[test]
    fn only_the_leader_requests_only_the_steering_group_recommends_only_the_owner_decides() {
        for role in ProjectRole::ALL {
            let s = [S::OrgMember, S::Project(role)];
            assert_eq!(allowed(&s, A::GateRequest), role == Leader, "{role:?}");
            assert_eq!(
                allowed(&s, A::GateRecommend),
                role == SteeringGroup,
                "{role:?}"
            );
            assert_eq!(allowed(&s, A::GateDecide), role == Owner, "{role:?}");
            assert!(allowed(&s, A::GateRead));
        }
        let admin = [S::OrgAdmin];
        assert!(
            !allowed(&admin, A::GateRequest)
                && !allowed(&admin, A::GateRecommend)
                && !allowed(&admin, A::GateDecide)
        );
    }

    #[test]
    fn owner_and_leader_define_indicators_everyone_in_the_project_reads_them() {
        for role in ProjectRole::ALL {
            let s = [S::OrgMember, S::Project(role)];
            let writer = matches!(role, Owner | Leader);
            assert!(allowed(&s, A::IndicatorRead), "{role:?}");
            assert_eq!(allowed(&s, A::IndicatorWrite), writer, "{role:?}");
            assert_eq!(allowed(&s, A::MeasurementWrite), writer, "{role:?}");
        }
    }

    #[test]
    fn a_plain_member_sees_no_project_without_a_role_in_it() {
        assert!(!allowed(&[S::OrgMember], A::ProjectRead));
    }

    #[test]
    fn a_system_admin_manages_tenants_but_does_not_read_their_projects() {
        let s = [S::SystemAdmin];
        assert!(allowed(&s, A::OrganisationCreate));
        assert!(!allowed(&s, A::ProjectRead));
        assert!(!allowed(&s, A::ProgrammeRead));
    }
}
