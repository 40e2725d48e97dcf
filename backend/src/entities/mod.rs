//! sea-orm entities, one per table. Server-only: the shared types crate never sees them.

pub mod api_token;
pub mod audit;
pub mod barrier;
pub mod calendar_feed;
pub mod change_agent;
pub mod checklist_item;
pub mod fade_risk_point;
pub mod fade_setting;
pub mod field_report;
pub mod gate_recommendation;
pub mod gate_request;
pub mod goal;
pub mod indicator;
pub mod invitation;
pub mod login_throttle;
pub mod measurement;
pub mod measurement_revision;
pub mod meeting;
pub mod meeting_action;
pub mod meeting_series;
pub mod membership;
pub mod milestone;
pub mod org_structure;
pub mod organisation;
pub mod outbox_event;
pub mod phase_stay;
pub mod programme;
pub mod project;
pub mod project_unit;
pub mod readiness_assessment;
pub mod readiness_response;
pub mod refresh_token;
pub mod risk;
pub mod server_setting;
pub mod session;
pub mod stakeholder;
pub mod sustainability_assessment;
pub mod sustainability_rating;
pub mod training_record;
pub mod unit;
pub mod user;
pub mod watch_state;
pub mod webhook_delivery;
pub mod webhook_subscription;

macro_rules! has_id {
    ($($m:ident),*) => {
        $(impl crate::store::HasId for $m::Model {
            fn id(&self) -> &str {
                &self.id
            }
        })*
    };
}

has_id!(
    indicator,
    measurement,
    measurement_revision,
    sustainability_assessment,
    calendar_feed,
    meeting,
    meeting_action,
    meeting_series,
    change_agent,
    field_report,
    project_unit,
    training_record,
    unit,
    barrier,
    checklist_item,
    goal,
    milestone,
    readiness_assessment,
    readiness_response,
    risk,
    stakeholder,
    api_token,
    audit,
    invitation,
    membership,
    organisation,
    programme,
    project,
    refresh_token,
    user
);

/// Entities whose id is a typed [`crate::ids::Id`]: their page cursor.
macro_rules! typed_id {
    ($($m:ident),*) => {
        $(impl crate::store::CursorId for $m::Model {
            fn cursor_id(&self) -> String {
                self.id.to_string()
            }
        })*
    };
}

typed_id!(gate_recommendation, gate_request, phase_stay);

/// A row that belongs to a project.
pub trait InProject {
    fn project_id(&self) -> &str;
}

macro_rules! in_project {
    ($($m:ident),*) => {
        $(impl InProject for $m::Model {
            fn project_id(&self) -> &str {
                &self.project_id
            }
        })*
    };
}

in_project!(
    indicator,
    measurement,
    sustainability_assessment,
    meeting,
    meeting_action,
    meeting_series,
    change_agent,
    field_report,
    training_record,
    barrier,
    checklist_item,
    goal,
    milestone,
    readiness_assessment,
    risk,
    stakeholder
);
