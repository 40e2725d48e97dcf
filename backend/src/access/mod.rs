//! Who may do what: every permission of Varig in one table.
//!
//! A caller is a set of `Subject`s: their standing in the organisation (system admin,
//! organisation admin or member, or a service account's scopes) plus, for a project-scoped
//! action, their role in that project. An action is allowed when any subject is listed for it.

pub mod project;

pub use project::{my_roles, project_and_unit_for, project_for, role_in};
use varig_types::{OrgRole, ProjectRole, TokenScope};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    OrganisationCreate,
    OrganisationRead,
    OrganisationUpdate,
    OrganisationArchive,
    UserRead,
    UserManage,
    InvitationManage,
    /// Invite someone straight into a project in a role (not as organisation admin); which
    /// roles is the role-grant table's (`varig_types::grants`).
    InvitationToProject,
    ProgrammeRead,
    ProgrammeWrite,
    ProjectCreate,
    ProjectRead,
    ProjectUpdate,
    ProjectArchive,
    MembershipRead,
    MembershipWrite,
    ApiTokenManage,
    /// Manage webhook subscriptions and read their delivery log.
    WebhookManage,
    AuditRead,
    /// Read transition requests and the phase history.
    GateRead,
    /// Submit or withdraw a transition request.
    GateRequest,
    /// Recommend on an open transition request.
    GateRecommend,
    /// Decide a transition request.
    GateDecide,
    /// Read the phase plan (checklist, milestones, goals), readiness rounds and the planning
    /// tools (stakeholders, barriers, risks).
    PlanRead,
    /// Change the phase plan and the planning tools.
    PlanWrite,
    /// Open and close rounds of the readiness and the sustainability self-assessment.
    ReadinessManage,
    /// Answer the readiness questionnaire and the sustainability self-assessment (as oneself).
    ReadinessRespond,
    /// Read the organisation's structure and units.
    StructureRead,
    /// Change the organisation's structure and units.
    StructureWrite,
    /// Read a project's scope, change agents and coverage.
    NetworkRead,
    /// Change a project's scope, its agents' status and units, and training records.
    NetworkWrite,
    /// File field reports (as oneself).
    ReportWrite,
    /// Read every field report of a project (change agents read their own only).
    ReportReadAll,
    /// Read a project's meeting series and schedule.
    MeetingRead,
    /// Create and change meeting series.
    MeetingWrite,
    /// Read indicators, measurements, sustainability rounds, the fade risk and the dashboard.
    IndicatorRead,
    /// Define and change indicators and the fade-risk settings.
    IndicatorWrite,
    /// Post and correct measurements (an indicator's responsible member may, too).
    MeasurementWrite,
}

use Action as A;
use ProjectRole::{ChangeAgent, Leader, Owner, SteeringGroup};
use Subject as S;

const ALL_ROLES: [Subject; 4] = [
    S::Project(Owner),
    S::Project(SteeringGroup),
    S::Project(Leader),
    S::Project(ChangeAgent),
];

/// The permission table.
pub const PERMISSIONS: &[(Action, &[Subject])] = &[
    (A::OrganisationCreate, &[S::SystemAdmin]),
    (
        A::OrganisationRead,
        &[
            S::SystemAdmin,
            S::OrgAdmin,
            S::OrgMember,
            S::ServiceRead,
            S::ServiceWrite,
        ],
    ),
    (A::OrganisationUpdate, &[S::SystemAdmin, S::OrgAdmin]),
    (A::OrganisationArchive, &[S::SystemAdmin]),
    (
        A::UserRead,
        &[
            S::SystemAdmin,
            S::OrgAdmin,
            S::OrgMember,
            S::ServiceRead,
            S::ServiceWrite,
        ],
    ),
    (A::UserManage, &[S::SystemAdmin, S::OrgAdmin]),
    (A::InvitationManage, &[S::SystemAdmin, S::OrgAdmin]),
    (
        A::InvitationToProject,
        &[S::OrgAdmin, S::Project(Owner), S::Project(Leader)],
    ),
    (
        A::ProgrammeRead,
        &[S::OrgAdmin, S::OrgMember, S::ServiceRead, S::ServiceWrite],
    ),
    (A::ProgrammeWrite, &[S::OrgAdmin, S::ServiceWrite]),
    (A::ProjectCreate, &[S::OrgAdmin, S::ServiceWrite]),
    (
        A::ProjectRead,
        &[
            S::OrgAdmin,
            S::ServiceRead,
            S::ServiceWrite,
            ALL_ROLES[0],
            ALL_ROLES[1],
            ALL_ROLES[2],
            ALL_ROLES[3],
        ],
    ),
    (
        A::ProjectUpdate,
        &[
            S::OrgAdmin,
            S::ServiceWrite,
            S::Project(Owner),
            S::Project(Leader),
        ],
    ),
    (A::ProjectArchive, &[S::OrgAdmin, S::Project(Owner)]),
    (
        A::MembershipRead,
        &[
            S::OrgAdmin,
            S::ServiceRead,
            S::ServiceWrite,
            ALL_ROLES[0],
            ALL_ROLES[1],
            ALL_ROLES[2],
            ALL_ROLES[3],
        ],
    ),
    (
        A::MembershipWrite,
        &[
            S::OrgAdmin,
            S::ServiceWrite,
            S::Project(Owner),
            S::Project(Leader),
        ],
    ),
    (A::ApiTokenManage, &[S::OrgAdmin]),
    (A::WebhookManage, &[S::OrgAdmin]),
    (A::AuditRead, &[S::SystemAdmin, S::OrgAdmin]),
    (
        A::GateRead,
        &[
            S::OrgAdmin,
            S::ServiceRead,
            S::ServiceWrite,
            ALL_ROLES[0],
            ALL_ROLES[1],
            ALL_ROLES[2],
            ALL_ROLES[3],
        ],
    ),
    (A::GateRequest, &[S::Project(Leader)]),
    (A::GateRecommend, &[S::Project(SteeringGroup)]),
    (A::GateDecide, &[S::Project(Owner)]),
    (
        A::PlanRead,
        &[
            S::OrgAdmin,
            S::ServiceRead,
            S::ServiceWrite,
            ALL_ROLES[0],
            ALL_ROLES[1],
            ALL_ROLES[2],
            ALL_ROLES[3],
        ],
    ),
    (
        A::PlanWrite,
        &[
            S::OrgAdmin,
            S::ServiceWrite,
            S::Project(Owner),
            S::Project(Leader),
        ],
    ),
    (
        A::ReadinessManage,
        &[S::OrgAdmin, S::Project(Owner), S::Project(Leader)],
    ),
    (A::ReadinessRespond, &ALL_ROLES),
    (
        A::StructureRead,
        &[
            S::SystemAdmin,
            S::OrgAdmin,
            S::OrgMember,
            S::ServiceRead,
            S::ServiceWrite,
        ],
    ),
    (
        A::StructureWrite,
        &[S::SystemAdmin, S::OrgAdmin, S::ServiceWrite],
    ),
    (
        A::NetworkRead,
        &[
            S::OrgAdmin,
            S::ServiceRead,
            S::ServiceWrite,
            ALL_ROLES[0],
            ALL_ROLES[1],
            ALL_ROLES[2],
            ALL_ROLES[3],
        ],
    ),
    (
        A::NetworkWrite,
        &[
            S::OrgAdmin,
            S::ServiceWrite,
            S::Project(Owner),
            S::Project(Leader),
        ],
    ),
    (
        A::ReportWrite,
        &[S::Project(ChangeAgent), S::Project(Leader)],
    ),
    (
        A::ReportReadAll,
        &[
            S::OrgAdmin,
            S::ServiceRead,
            S::ServiceWrite,
            S::Project(Owner),
            S::Project(SteeringGroup),
            S::Project(Leader),
        ],
    ),
    (
        A::MeetingRead,
        &[
            S::OrgAdmin,
            S::ServiceRead,
            S::ServiceWrite,
            ALL_ROLES[0],
            ALL_ROLES[1],
            ALL_ROLES[2],
            ALL_ROLES[3],
        ],
    ),
    (
        A::MeetingWrite,
        &[
            S::OrgAdmin,
            S::ServiceWrite,
            S::Project(Owner),
            S::Project(Leader),
        ],
    ),
    (
        A::IndicatorRead,
        &[
            S::OrgAdmin,
            S::ServiceRead,
            S::ServiceWrite,
            ALL_ROLES[0],
            ALL_ROLES[1],
            ALL_ROLES[2],
            ALL_ROLES[3],
        ],
    ),
    (
        A::IndicatorWrite,
        &[
            S::OrgAdmin,
            S::ServiceWrite,
            S::Project(Owner),
            S::Project(Leader),
        ],
    ),
    (
        A::MeasurementWrite,
        &[
            S::OrgAdmin,
            S::ServiceWrite,
            S::ServiceMeasurements,
            S::Project(Owner),
            S::Project(Leader),
        ],
    ),
];

pub fn allowed(subjects: &[Subject], action: Action) -> bool {
    PERMISSIONS
        .iter()
        .filter(|(a, _)| *a == action)
        .any(|(_, who)| who.iter().any(|s| subjects.contains(s)))
}

/// The organisation-level subjects of a caller.
pub fn org_subjects(
    system_admin: bool,
    org_role: Option<OrgRole>,
    scopes: &[TokenScope],
) -> Vec<Subject> {
    let mut out = Vec::new();
    if system_admin {
        out.push(S::SystemAdmin);
    }
    match org_role {
        Some(OrgRole::Admin) => out.push(S::OrgAdmin),
        Some(OrgRole::Member) => out.push(S::OrgMember),
        None => {}
    }
    for scope in scopes {
        match scope {
            TokenScope::Read => out.push(S::ServiceRead),
            TokenScope::Write => {
                out.push(S::ServiceRead);
                out.push(S::ServiceWrite);
            }
            TokenScope::MeasurementsWrite => out.push(S::ServiceMeasurements),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_exactly_one_row() {
        let actions = [
            A::OrganisationCreate,
            A::OrganisationRead,
            A::OrganisationUpdate,
            A::OrganisationArchive,
            A::UserRead,
            A::UserManage,
            A::InvitationManage,
            A::InvitationToProject,
            A::ProgrammeRead,
            A::ProgrammeWrite,
            A::ProjectCreate,
            A::ProjectRead,
            A::ProjectUpdate,
            A::ProjectArchive,
            A::MembershipRead,
            A::MembershipWrite,
            A::ApiTokenManage,
            A::WebhookManage,
            A::AuditRead,
            A::GateRead,
            A::GateRequest,
            A::GateRecommend,
            A::GateDecide,
            A::PlanRead,
            A::PlanWrite,
            A::ReadinessManage,
            A::ReadinessRespond,
            A::StructureRead,
            A::StructureWrite,
            A::NetworkRead,
            A::NetworkWrite,
            A::ReportWrite,
            A::ReportReadAll,
            A::MeetingRead,
            A::MeetingWrite,
            A::IndicatorRead,
            A::IndicatorWrite,
            A::MeasurementWrite,
        ];
        for a in actions {
            assert_eq!(
                PERMISSIONS.iter().filter(|(x, _)| *x == a).count(),
                1,
                "{a:?}"
            );
        }
        assert_eq!(PERMISSIONS.len(), actions.len());
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
        for s in [
            vec![S::OrgAdmin],
            org_subjects(false, None, &[TokenScope::Write]),
        ] {
            assert!(
                !allowed(&s, A::GateRequest)
                    && !allowed(&s, A::GateRecommend)
                    && !allowed(&s, A::GateDecide)
            );
        }
    }

    #[test]
    fn a_measurements_token_writes_measurements_and_nothing_else() {
        let s = org_subjects(false, None, &[TokenScope::MeasurementsWrite]);
        assert!(allowed(&s, A::MeasurementWrite));
        for (action, _) in PERMISSIONS {
            if *action != A::MeasurementWrite {
                assert!(!allowed(&s, *action), "{action:?}");
            }
        }
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

    #[test]
    fn a_write_token_can_also_read_but_not_manage_users_or_tokens() {
        let s = org_subjects(false, None, &[TokenScope::Write]);
        assert!(allowed(&s, A::ProjectRead));
        assert!(allowed(&s, A::ProjectCreate));
        assert!(!allowed(&s, A::UserManage));
        assert!(!allowed(&s, A::ApiTokenManage));
        let r = org_subjects(false, None, &[TokenScope::Read]);
        assert!(!allowed(&r, A::ProjectCreate));
    }
}
