//! Database rows → API representations (the shared types).

use varig_types as t;

use crate::auth::parse_scopes;
use crate::entities::{
    api_token, audit, invitation, membership, organisation, programme, project, user,
};
use crate::ids::parse_id;

pub fn organisation(m: &organisation::Model) -> t::Organisation {
    t::Organisation {
        id: parse_id(&m.id),
        name: m.name.clone(),
        created_at: m.created_at,
        updated_at: m.updated_at,
        archived_at: m.archived_at,
        version: m.version,
    }
}

pub fn user(m: &user::Model) -> t::User {
    t::User {
        id: parse_id(&m.id),
        organisation_id: m.organisation_id.as_deref().map(parse_id),
        email: m.email.clone(),
        name: m.name.clone(),
        org_role: m.org_role.as_deref().and_then(t::OrgRole::parse),
        system_admin: m.system_admin,
        created_at: m.created_at,
        updated_at: m.updated_at,
        archived_at: m.archived_at,
        version: m.version,
    }
}

pub fn programme(m: &programme::Model) -> t::Programme {
    t::Programme {
        id: parse_id(&m.id),
        organisation_id: parse_id(&m.organisation_id),
        name: m.name.clone(),
        description: m.description.clone(),
        created_at: m.created_at,
        updated_at: m.updated_at,
        archived_at: m.archived_at,
        version: m.version,
    }
}

pub fn phase(s: &str) -> t::Phase {
    t::Phase::parse(s).unwrap_or_else(|| {
        tracing::error!(phase = %s, "unknown phase in database");
        t::Phase::Prepare
    })
}

pub fn project(m: &project::Model, my_role: Option<t::ProjectRole>) -> t::Project {
    t::Project {
        id: parse_id(&m.id),
        organisation_id: parse_id(&m.organisation_id),
        programme_id: parse_id(&m.programme_id),
        name: m.name.clone(),
        description: m.description.clone(),
        phase: phase(&m.phase),
        state: m.state,
        my_role,
        created_at: m.created_at,
        updated_at: m.updated_at,
        archived_at: m.archived_at,
        version: m.version,
    }
}

pub fn role(s: &str) -> t::ProjectRole {
    t::ProjectRole::parse(s).unwrap_or_else(|| {
        tracing::error!(role = %s, "unknown project role in database");
        t::ProjectRole::ChangeAgent
    })
}

pub fn membership(m: &membership::Model, u: Option<&user::Model>) -> t::Membership {
    t::Membership {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        user_id: parse_id(&m.user_id),
        user_name: u.map(|u| u.name.clone()).unwrap_or_default(),
        user_email: u.map(|u| u.email.clone()).unwrap_or_default(),
        role: role(&m.role),
        created_at: m.created_at,
        updated_at: m.updated_at,
        archived_at: m.archived_at,
        version: m.version,
    }
}

pub fn invitation(m: &invitation::Model) -> t::Invitation {
    t::Invitation {
        id: parse_id(&m.id),
        organisation_id: parse_id(&m.organisation_id),
        email: m.email.clone(),
        org_role: t::OrgRole::parse(&m.org_role).unwrap_or(t::OrgRole::Member),
        project_id: m.project_id.as_deref().map(parse_id),
        project_role: m.project_role.as_deref().map(role),
        invited_by: m.invited_by.as_deref().map(parse_id),
        created_at: m.created_at,
        expires_at: m.expires_at,
        accepted_at: m.accepted_at,
        revoked_at: m.revoked_at,
    }
}

pub fn api_token(m: &api_token::Model) -> t::ApiToken {
    t::ApiToken {
        id: parse_id(&m.id),
        organisation_id: parse_id(&m.organisation_id),
        name: m.name.clone(),
        scopes: parse_scopes(&m.scopes),
        prefix: m.prefix.clone(),
        created_by: m.created_by.as_deref().map(parse_id),
        created_at: m.created_at,
        last_used_at: m.last_used_at,
        revoked_at: m.revoked_at,
        expires_at: m.expires_at,
    }
}

pub fn audit_entry(m: &audit::Model) -> t::AuditEntry {
    let json = |s: &Option<String>| s.as_deref().and_then(|v| serde_json::from_str(v).ok());
    t::AuditEntry {
        id: parse_id(&m.id),
        organisation_id: m.organisation_id.as_deref().map(parse_id),
        actor_user_id: m.actor_user_id.as_deref().map(parse_id),
        actor_token_id: m.actor_token_id.as_deref().map(parse_id),
        action: m.action.clone(),
        entity_type: m.entity_type.clone(),
        entity_id: m.entity_id.as_deref().map(parse_id),
        before: json(&m.before),
        after: json(&m.after),
        at: m.at,
    }
}
