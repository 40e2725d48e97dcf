//! Field reports between their rows and the API.

use chrono::{DateTime, Utc};
use uuid::Uuid;
use varig_types::{FieldReport, NewFieldReport, ReportBarrier};

use crate::entities::field_report as fr;
use crate::ids::{new_id, parse_id};

pub fn report(r: &fr::Model, agent_name: String, unit_name: String) -> FieldReport {
    FieldReport {
        id: parse_id(&r.id),
        project_id: parse_id(&r.project_id),
        agent_user_id: parse_id(&r.agent_user_id),
        agent_name,
        date: r.date,
        unit_id: parse_id(&r.unit_id),
        unit_name,
        activity: r.activity,
        people_reached: r.people_reached,
        stage: r.stage,
        resistance: r.resistance,
        barriers: serde_json::from_str::<Vec<ReportBarrier>>(&r.barriers).unwrap_or_default(),
        successes: r.successes.clone(),
        support_needed: r.support_needed.clone(),
        created_at: r.created_at,
    }
}

/// The row a new report is stored as.
pub fn model(
    body: &NewFieldReport,
    project: Uuid,
    author: String,
    now: DateTime<Utc>,
) -> fr::Model {
    fr::Model {
        id: body.id.to_string(),
        project_id: project.to_string(),
        received_id: new_id(),
        agent_user_id: author,
        date: body.date,
        unit_id: body.unit_id.to_string(),
        activity: body.activity,
        people_reached: body.people_reached,
        stage: body.stage,
        resistance: body.resistance,
        barriers: serde_json::json!(body.barriers).to_string(),
        successes: body.successes.trim().to_owned(),
        support_needed: body.support_needed.trim().to_owned(),
        created_at: now,
    }
}
