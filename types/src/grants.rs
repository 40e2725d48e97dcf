//! Who may give or take which project role: one rule, asked by the server before any
//! membership or invitation changes and by the PWA to offer only the roles a caller may grant.
//!
//! - An organisation admin, or the project's owner, gives and takes every role (owner and
//!   steering group included).
//! - A project leader gives and takes the change-agent role only: never a role at or above
//!   their own.
//! - A service account with the `write` scope (an integration syncing staff) likewise gives
//!   and takes the change-agent role only.
//! - Nobody changes their own role or removes their own membership, and a project always
//!   keeps at least one owner (the server checks these two against the stored memberships).

use crate::ProjectRole;

/// A caller's standing when granting project roles (a caller may hold several).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Grantor {
    OrgAdmin,
    /// A service account with the `write` scope.
    Service,
    /// The caller's own role in the project.
    Project(ProjectRole),
}

/// The role-grant table: which roles each grantor may give or take.
pub const ROLE_GRANTS: &[(Grantor, &[ProjectRole])] = &[
    (Grantor::OrgAdmin, &ProjectRole::ALL),
    (Grantor::Project(ProjectRole::Owner), &ProjectRole::ALL),
    (
        Grantor::Project(ProjectRole::Leader),
        &[ProjectRole::ChangeAgent],
    ),
    (Grantor::Service, &[ProjectRole::ChangeAgent]),
];

/// Whether any of `grantors` may give (or take) `role`.
pub fn may_grant(grantors: &[Grantor], role: ProjectRole) -> bool {
    ROLE_GRANTS
        .iter()
        .filter(|(g, _)| grantors.contains(g))
        .any(|(_, roles)| roles.contains(&role))
}

/// The roles `grantors` may give, in the order of [`ProjectRole::ALL`] (for a role picker).
pub fn grantable_roles(grantors: &[Grantor]) -> Vec<ProjectRole> {
    ProjectRole::ALL
        .into_iter()
        .filter(|r| may_grant(grantors, *r))
        .collect()
}

/// Whether `grantors` may change a membership from `from` to `to` (they must be allowed to
/// take the old role and to give the new one).
pub fn may_change_role(grantors: &[Grantor], from: ProjectRole, to: ProjectRole) -> bool {
    may_grant(grantors, from) && may_grant(grantors, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ProjectRole::*;

    #[test]
    fn owner_and_org_admin_grant_every_role() {
        for g in [Grantor::OrgAdmin, Grantor::Project(Owner)] {
            assert_eq!(grantable_roles(&[g]), ProjectRole::ALL.to_vec(), "{g:?}");
        }
    }

    #[test]
    fn a_leader_grants_change_agents_only_and_never_a_role_at_or_above_their_own() {
        let leader = [Grantor::Project(Leader)];
        assert_eq!(grantable_roles(&leader), vec![ChangeAgent]);
        for role in [Owner, SteeringGroup, Leader] {
            assert!(!may_grant(&leader, role), "{role:?}");
        }
        assert!(!may_change_role(&leader, Leader, Owner));
        assert!(
            !may_change_role(&leader, Owner, ChangeAgent),
            "cannot demote the owner"
        );
        assert!(may_change_role(&leader, ChangeAgent, ChangeAgent));
    }

    #[test]
    fn steering_group_and_change_agents_grant_nothing() {
        for role in [SteeringGroup, ChangeAgent] {
            assert!(
                grantable_roles(&[Grantor::Project(role)]).is_empty(),
                "{role:?}"
            );
        }
        assert!(grantable_roles(&[]).is_empty());
    }

    #[test]
    fn a_leader_who_is_also_org_admin_grants_as_org_admin() {
        let both = [Grantor::Project(Leader), Grantor::OrgAdmin];
        assert!(may_grant(&both, Owner));
    }
}
