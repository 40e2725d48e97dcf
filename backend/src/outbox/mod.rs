//! The transactional outbox: domain events written in the same transaction as the change
//! that causes them, so an event exists exactly when its change was committed. Consumers
//! (webhooks today; e-mail and push later) take them from here in the background, never
//! inside a request (`dispatch`).
//!
//! Most events come from the audit log's changes (`audit::record` calls [`for_change`]):
//! what is audited is what happened, and mapping it here keeps one place that says which
//! change is which event. Field reports, which are not audited, add theirs in the report
//! writer's own grouped statement (`reports::writer`).

pub mod dispatch;
mod rules;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{ConnectionTrait, DbErr, Iterable, ModelTrait};
use varig_types::{WebhookEvent, WebhookEventType, WEBHOOK_EVENT_VERSION};

use crate::entities::outbox_event as ev;
use crate::ids::new_id;

pub use rules::events_of_change;

/// An event about to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEvent {
    pub event_type: WebhookEventType,
    pub organisation_id: String,
    pub project_id: Option<String>,
    pub data: serde_json::Map<String, serde_json::Value>,
}

impl NewEvent {
    pub fn into_row(self, at: DateTime<Utc>) -> ev::Model {
        ev::Model {
            id: new_id(),
            event_type: self.event_type.as_str().to_owned(),
            organisation_id: self.organisation_id,
            project_id: self.project_id,
            occurred_at: at,
            data: serde_json::Value::Object(self.data).to_string(),
            dispatched_at: None,
        }
    }
}

/// Writes `events` with one statement on `db` (pass the transaction of the change).
pub async fn emit<C: ConnectionTrait>(db: &C, events: Vec<NewEvent>) -> Result<(), DbErr> {
    let now = Utc::now();
    insert_rows(db, events.into_iter().map(|e| e.into_row(now)).collect()).await
}

/// Writes ready rows with one statement.
pub async fn insert_rows<C: ConnectionTrait>(db: &C, rows: Vec<ev::Model>) -> Result<(), DbErr> {
    if rows.is_empty() {
        return Ok(());
    }
    let mut insert = Query::insert();
    insert.into_table(ev::Entity).columns(ev::Column::iter());
    for row in &rows {
        insert
            .values(ev::Column::iter().map(|c| row.get(c).into()))
            .map_err(|e| DbErr::Custom(format!("outbox row: {e}")))?;
    }
    db.execute(db.get_database_backend().build(&insert)).await?;
    Ok(())
}

/// The events a recorded change stands for, written with it.
pub async fn for_change<C: ConnectionTrait>(
    db: &C,
    change: &crate::audit::Change<'_>,
    project_id: Option<&str>,
) -> Result<(), DbErr> {
    let events = events_of_change(change, project_id);
    if events.is_empty() {
        return Ok(());
    }
    emit(db, events).await
}

/// A stored event as the API and the webhook body show it; `None` (logged) if the row does
/// not read as one (an unknown type or broken JSON is never sent as a guess).
pub fn to_api(row: &ev::Model) -> Option<WebhookEvent> {
    let parsed = (|| {
        Some(WebhookEvent {
            id: row.id.parse().ok()?,
            type_: WebhookEventType::parse(&row.event_type)?,
            version: WEBHOOK_EVENT_VERSION,
            occurred_at: row.occurred_at,
            organisation_id: row.organisation_id.parse().ok()?,
            project_id: match &row.project_id {
                Some(p) => Some(p.parse().ok()?),
                None => None,
            },
            data: match serde_json::from_str(&row.data).ok()? {
                serde_json::Value::Object(map) => map.into_iter().collect(),
                _ => return None,
            },
        })
    })();
    if parsed.is_none() {
        tracing::error!(event = %row.id, event_type = %row.event_type, "an outbox event does not read as an event");
    }
    parsed
}
