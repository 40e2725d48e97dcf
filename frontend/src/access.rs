//! What the caller may do in a project, asked of the server's own permission table
//! (`varig_types::permissions`): the PWA offers an action only where the server would
//! allow it. The server decides; this only hides what it would refuse.

use varig_types::permissions::{self, Action};
use varig_types::{Me, OrgRole, Project, ProjectRole};

/// The caller's standing in one project: their organisation role there (none in another
/// organisation's project), their project role, and whether the project is archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    org_role: Option<OrgRole>,
    role: Option<ProjectRole>,
    archived: bool,
}

impl Standing {
    pub fn of(project: &Project, me: Option<&Me>) -> Self {
        let org_role = me
            .filter(|m| m.organisation_id == Some(project.organisation_id))
            .and_then(|m| m.org_role);
        Standing {
            org_role,
            role: project.my_role,
            archived: project.archived_at.is_some(),
        }
    }

    /// Whether the table allows `action`.
    pub fn can(self, action: Action) -> bool {
        permissions::can(self.org_role, self.role, action)
    }

    /// Whether the caller may change something by `action`: the table allows it and the
    /// project is not archived (an archived project is read-only).
    pub fn may_change(self, action: Action) -> bool {
        !self.archived && self.can(action)
    }

    /// The caller's role in the project.
    pub fn role(self) -> Option<ProjectRole> {
        self.role
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};
    use uuid::Uuid;
    use varig_types::{Phase, ProjectState};

    fn project(role: Option<ProjectRole>, archived: bool) -> Project {
        let at = DateTime::<Utc>::UNIX_EPOCH;
        serde_json::from_value(serde_json::json!({
            "id": Uuid::from_u128(2),
            "organisation_id": Uuid::nil(),
            "programme_id": Uuid::from_u128(3),
            "name": "BTI",
            "description": "",
            "phase": Phase::Prepare,
            "state": ProjectState::Active,
            "my_role": role,
            "created_at": at,
            "updated_at": at,
            "archived_at": archived.then_some(at),
            "version": 1
        }))
        .expect("a project")
    }

    fn me(org: Uuid, role: OrgRole) -> Me {
        Me {
            id: Uuid::nil(),
            email: "a@b.test".into(),
            name: "A".into(),
            organisation_id: Some(org),
            org_role: Some(role),
            system_admin: false,
            memberships: vec![],
        }
    }

    #[test]
    fn owner_leader_and_org_admin_change_the_plan_of_a_project_that_is_not_archived() {
        for role in ProjectRole::ALL {
            let writer = matches!(role, ProjectRole::Owner | ProjectRole::Leader);
            let s = Standing::of(&project(Some(role), false), None);
            assert_eq!(s.may_change(Action::PlanWrite), writer, "{role:?}");
            let archived = Standing::of(&project(Some(role), true), None);
            assert!(!archived.may_change(Action::PlanWrite), "{role:?}");
            assert!(archived.can(Action::ReadinessRespond), "{role:?}");
        }
        let admin = me(Uuid::nil(), OrgRole::Admin);
        assert!(Standing::of(&project(None, false), Some(&admin)).may_change(Action::PlanWrite));
        let elsewhere = me(Uuid::from_u128(1), OrgRole::Admin);
        assert!(!Standing::of(&project(None, false), Some(&elsewhere)).can(Action::PlanRead));
    }
}
