//! Rows of the meeting tables as API objects: actions (with the responsible person's name)
//! and meetings (recorded, or planned with the kind's standing agenda).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use varig_types::{ActionStatus, Meeting, MeetingAction, MeetingSeries, MeetingStatus};

use super::{actions as carry, agenda, recurrence, series};
use crate::entities::meeting as mt;
use crate::entities::meeting_action as ma;
use crate::error::AppError;
use crate::ids::parse_id;
use crate::plan::repo::names;

pub fn action_view(
    m: &ma::Model,
    names: &HashMap<String, String>,
    now: chrono::DateTime<Utc>,
) -> MeetingAction {
    let status = m.status;
    MeetingAction {
        id: parse_id(&m.id),
        project_id: parse_id(&m.project_id),
        series_id: parse_id(&m.series_id),
        meeting_date: m.meeting_date,
        title: m.title.clone(),
        responsible_id: m.responsible_id.as_deref().map(parse_id),
        responsible_name: m
            .responsible_id
            .as_ref()
            .and_then(|r| names.get(r).cloned()),
        due_date: m.due_date,
        status,
        overdue: carry::overdue(m.due_date, status == ActionStatus::Done, now),
        done_at: m.done_at,
        version: m.version,
    }
}

/// The actions `rows` as API objects, with the names of the people responsible.
pub async fn action_views<Db: ConnectionTrait>(
    db: &Db,
    rows: &[ma::Model],
) -> Result<Vec<MeetingAction>, AppError> {
    let n = names(
        db,
        rows.iter()
            .filter_map(|r| r.responsible_id.clone())
            .collect(),
    )
    .await?;
    let now = Utc::now();
    Ok(rows.iter().map(|r| action_view(r, &n, now)).collect())
}

/// When the meeting of `s` on `date` starts.
pub fn starts_at(s: &MeetingSeries, date: NaiveDate) -> chrono::DateTime<Utc> {
    let tz: chrono_tz::Tz = s.time_zone.parse().unwrap_or(chrono_tz::Europe::Oslo);
    let time = series::parse_time(&s.time_of_day).unwrap_or_default();
    recurrence::instant(date, time, tz)
}

/// The API view of the meeting on `date`: its recorded row, or the planned meeting with
/// the kind's standing agenda.
pub fn meeting_of(
    s: &MeetingSeries,
    date: NaiveDate,
    row: Option<&mt::Model>,
    carried_over: Vec<MeetingAction>,
    actions: Vec<MeetingAction>,
) -> Meeting {
    let mut m = Meeting {
        series_id: s.id,
        project_id: s.project_id,
        kind: s.kind,
        title: s.title.clone(),
        date,
        starts_at: starts_at(s, date),
        status: MeetingStatus::Planned,
        held_on: None,
        cancel_reason: None,
        agenda: agenda::standing(s.kind),
        attendance: vec![],
        decisions: vec![],
        minutes_published_at: None,
        carried_over,
        actions,
        version: 0,
    };
    if let Some(r) = row {
        m.status = r.status;
        m.held_on = r.held_on;
        m.cancel_reason = r.cancel_reason.clone();
        m.agenda = serde_json::from_str(&r.agenda).unwrap_or_default();
        m.attendance = serde_json::from_str(&r.attendance).unwrap_or_default();
        m.decisions = serde_json::from_str(&r.decisions).unwrap_or_default();
        m.minutes_published_at = r.minutes_published_at;
        m.version = r.version;
    }
    m
}
