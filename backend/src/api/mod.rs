//! The HTTP API: one `#[OpenApi]` struct per resource, combined into one service.

pub mod api_tokens;
pub mod audit_log;
pub mod auth;
mod describe;
pub mod health;
pub mod invitations;
pub mod memberships;
pub mod minutes;
pub mod organisations;
pub mod plan_items;
pub mod programmes;
pub mod projects;
mod rules;
pub mod sessions;
pub mod spec;
pub mod users;

/// Old paths that capabilities not yet moved still use (issue 14); removed once they move.
pub mod change_agents {
    pub use crate::network::service::agent_views as views;
}
/// Old path (see [`change_agents`]).
pub mod reports {
    pub use crate::reports::MAX_EXPORT;
}

use poem_openapi::{ContactObject, LicenseObject, OpenApiService, Tags};

use crate::state::AppState;

#[derive(Tags)]
pub enum ApiTags {
    /// Liveness and readiness.
    Health,
    /// Login, token refresh, logout, password change and the caller's profile.
    Auth,
    /// Municipalities and services (tenants).
    Organisations,
    /// People in an organisation.
    Users,
    /// Invitations by e-mail address with a one-time token.
    Invitations,
    /// The practices being implemented (tiltak).
    Programmes,
    /// Implementation projects and their phase.
    Projects,
    /// Who holds which role in a project.
    Memberships,
    /// Phase transitions: requests, recommendations, the owner's decision, phase history.
    Gates,
    /// The phase plan: checklist per phase, milestones, goals, readiness rounds.
    Plan,
    /// Planning tools: stakeholder analysis, barriers and facilitators, risk register.
    PlanningTools,
    /// The organisation's structure and units, each project's change-agent network and its
    /// coverage.
    Network,
    /// Field reports from change agents.
    Reports,
    /// The meeting cadence: series and their schedule.
    Meetings,
    /// Indicators and measurements, the sustainability self-assessment, the fade-risk
    /// warning and the dashboards.
    Indicators,
    /// Service-account tokens for third-party systems.
    ApiTokens,
    /// Signed event notifications to third-party systems: subscriptions and the delivery log.
    Webhooks,
    /// Every recorded change.
    Audit,
}

pub type Apis = (
    health::HealthApi,
    auth::AuthApi,
    sessions::SessionsApi,
    organisations::OrganisationsApi,
    users::UsersApi,
    invitations::InvitationsApi,
    programmes::ProgrammesApi,
    projects::ProjectsApi,
    memberships::MembershipsApi,
    crate::gates::http::GatesApi,
    api_tokens::ApiTokensApi,
    audit_log::AuditApi,
    crate::webhooks::http::WebhooksApi,
    PlanApis,
    NetworkApis,
    IndicatorApis,
);

/// Indicators, sustainability, fade risk and the dashboards.
pub type IndicatorApis = (
    crate::indicators::http::indicators::IndicatorsApi,
    crate::indicators::http::measurements::MeasurementsApi,
    crate::rounds::http::sustainability::SustainabilityApi,
    crate::dashboard::http::DashboardApi,
);

/// The change-agent network and field reports.
pub type NetworkApis = (
    crate::network::http::structure::StructureApi,
    crate::network::http::units::UnitsApi,
    crate::network::http::settings::NetworkApi,
    crate::network::http::agents::ChangeAgentsApi,
    crate::reports::http::ReportsApi,
    crate::meetings::http::meetings::MeetingsApi,
    crate::meetings::http::minutes::MinutesApi,
    crate::meetings::http::meeting_actions::ActionsApi,
    crate::meetings::http::adherence::AdherenceApi,
    crate::meetings::http::calendar::CalendarApi,
);

/// The phase plan and the planning tools (a nested tuple: poem-openapi's tuples are finite).
pub type PlanApis = (
    crate::plan::http::checklist::ChecklistApi,
    crate::plan::http::milestones::MilestonesApi,
    crate::plan::http::goals::GoalsApi,
    crate::rounds::http::readiness::ReadinessApi,
    crate::plan::http::stakeholders::StakeholdersApi,
    crate::plan::http::barriers::BarriersApi,
    crate::plan::http::risks::RisksApi,
);

pub const API_PREFIX: &str = "/api";

pub fn service(state: AppState) -> OpenApiService<Apis, ()> {
    let apis = (
        health::HealthApi {
            state: state.clone(),
        },
        auth::AuthApi {
            state: state.clone(),
        },
        sessions::SessionsApi {
            state: state.clone(),
        },
        organisations::OrganisationsApi {
            state: state.clone(),
        },
        users::UsersApi {
            state: state.clone(),
        },
        invitations::InvitationsApi {
            state: state.clone(),
        },
        programmes::ProgrammesApi {
            state: state.clone(),
        },
        projects::ProjectsApi {
            state: state.clone(),
        },
        memberships::MembershipsApi {
            state: state.clone(),
        },
        crate::gates::http::GatesApi {
            state: state.clone(),
        },
        api_tokens::ApiTokensApi {
            state: state.clone(),
        },
        audit_log::AuditApi {
            state: state.clone(),
        },
        crate::webhooks::http::WebhooksApi {
            state: state.clone(),
        },
        (
            crate::plan::http::checklist::ChecklistApi {
                state: state.clone(),
            },
            crate::plan::http::milestones::MilestonesApi {
                state: state.clone(),
            },
            crate::plan::http::goals::GoalsApi {
                state: state.clone(),
            },
            crate::rounds::http::readiness::ReadinessApi {
                state: state.clone(),
            },
            crate::plan::http::stakeholders::StakeholdersApi {
                state: state.clone(),
            },
            crate::plan::http::barriers::BarriersApi {
                state: state.clone(),
            },
            crate::plan::http::risks::RisksApi {
                state: state.clone(),
            },
        ),
        (
            crate::network::http::structure::StructureApi {
                state: state.clone(),
            },
            crate::network::http::units::UnitsApi {
                state: state.clone(),
            },
            crate::network::http::settings::NetworkApi {
                state: state.clone(),
            },
            crate::network::http::agents::ChangeAgentsApi {
                state: state.clone(),
            },
            crate::reports::http::ReportsApi {
                state: state.clone(),
            },
            crate::meetings::http::meetings::MeetingsApi {
                state: state.clone(),
            },
            crate::meetings::http::minutes::MinutesApi {
                state: state.clone(),
            },
            crate::meetings::http::meeting_actions::ActionsApi {
                state: state.clone(),
            },
            crate::meetings::http::adherence::AdherenceApi {
                state: state.clone(),
            },
            crate::meetings::http::calendar::CalendarApi {
                state: state.clone(),
            },
        ),
        (
            crate::indicators::http::indicators::IndicatorsApi {
                state: state.clone(),
            },
            crate::indicators::http::measurements::MeasurementsApi {
                state: state.clone(),
            },
            crate::rounds::http::sustainability::SustainabilityApi {
                state: state.clone(),
            },
            crate::dashboard::http::DashboardApi { state },
        ),
    );
    OpenApiService::new(apis, "Varig API", env!("CARGO_PKG_VERSION"))
        .description(
            "Varig helps municipalities and public services carry a new practice from decision \
             to lasting routine: four phases (Prepare, Plan, Implement, Sustain) with \
             owner-approved gates, the project organisation and its roles. Errors are RFC 9457 \
             problem details with a stable `type` (`urn:varig:problem:<code>`). Lists use cursor \
             pagination in creation order. Writes to existing objects need `If-Match` with the \
             ETag from the last read.",
        )
        .contact(ContactObject::new().name("Varig developers"))
        .license(
            LicenseObject::new("AGPL-3.0-or-later")
                .url("https://spdx.org/licenses/AGPL-3.0-or-later.html"),
        )
        .server(API_PREFIX)
}

/// The spec as exported to `openapi/openapi.json`, pretty-printed with a final newline: the
/// served one with `./varig run`'s address as its base (`spec::finish`).
pub fn spec_json() -> String {
    spec::finish(&raw_spec(), spec::EXPORTED_BASE, false)
}

/// The spec a server reached at `public_url` serves at `/api/openapi.json`.
pub fn served_spec_json(public_url: &str) -> String {
    spec::finish(&raw_spec(), public_url, true)
}

/// poem-openapi's document, before `spec::finish`.
fn raw_spec() -> String {
    // The spec does not depend on runtime state, but the service needs a value of it.
    service(AppState::spec_only()).spec()
}
