//! Who may do what. The permission table itself is `varig_types::permissions` (the PWA asks
//! the same table); here the server turns a caller into their organisation-level subjects.

pub mod project;

pub use project::{my_roles, project_and_unit_for, project_for, role_in};
pub use varig_types::permissions::{allowed, Action, Subject};
use varig_types::{OrgRole, TokenScope};

use Subject as S;

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
    use Action as A;

    #[test]
    fn a_write_token_neither_requests_recommends_nor_decides_a_transition() {
        let s = org_subjects(false, None, &[TokenScope::Write]);
        assert!(
            !allowed(&s, A::GateRequest)
                && !allowed(&s, A::GateRecommend)
                && !allowed(&s, A::GateDecide)
        );
    }

    #[test]
    fn a_measurements_token_writes_measurements_and_nothing_else() {
        let s = org_subjects(false, None, &[TokenScope::MeasurementsWrite]);
        assert!(allowed(&s, A::MeasurementWrite));
        for action in Action::ALL {
            if *action != A::MeasurementWrite {
                assert!(!allowed(&s, *action), "{action:?}");
            }
        }
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

    #[test]
    fn a_system_admin_and_an_org_admin_are_both() {
        let s = org_subjects(true, Some(OrgRole::Admin), &[]);
        assert_eq!(s, vec![S::SystemAdmin, S::OrgAdmin]);
    }
}
