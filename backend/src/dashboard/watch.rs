//! The watcher: conditions that begin with the passing of time rather than with a request —
//! an indicator turning red, an agent falling silent, an action passing its due date, the
//! fade risk changing level. The periodic snapshot (claimed once per interval across
//! instances) runs it for each project inside its own transaction: it compares what it sees
//! with what it saw last (`watch_states`) and writes an outbox event for each condition that
//! began, together with the new state. So each beginning is one event, however many
//! instances run, and a condition that ends and begins again is a new event.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Map, Value};
use varig_types::{ActionStatus, ProjectDashboard, Rag, WebhookEventType as T};

use crate::entities::{meeting_action, project, watch_state};
use crate::error::AppError;
use crate::outbox::NewEvent;

/// How a key is compared with the last run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Present while the condition holds; an event when it appears.
    Condition,
    /// Always present; an event when its value changes (not on the first sight).
    Level,
}

/// One thing seen now.
#[derive(Debug, Clone, PartialEq)]
pub struct Seen {
    pub key: String,
    pub value: String,
    pub kind: Kind,
    pub event: NewEvent,
}

/// The events for what began since `before` (key to value as stored).
pub fn began(before: &BTreeMap<String, String>, seen: &[Seen]) -> Vec<NewEvent> {
    seen.iter()
        .filter_map(|s| {
            let fires = match (s.kind, before.get(&s.key)) {
                (Kind::Condition, None) => true,
                (Kind::Condition, Some(_)) => false,
                (Kind::Level, Some(was)) => *was != s.value,
                (Kind::Level, None) => false,
            };
            fires.then(|| {
                let mut e = s.event.clone();
                if s.kind == Kind::Level {
                    if let Some(was) = before.get(&s.key) {
                        e.data
                            .insert("previous_level".into(), Value::String(was.clone()));
                    }
                }
                e
            })
        })
        .collect()
}

fn object<T: serde::Serialize>(v: &T) -> Map<String, Value> {
    match serde_json::to_value(v) {
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// What holds for project `p` now.
async fn seen<C: ConnectionTrait>(
    db: &C,
    p: &project::Model,
    dash: &ProjectDashboard,
    now: DateTime<Utc>,
) -> Result<Vec<Seen>, AppError> {
    let event = |event_type, data| NewEvent {
        event_type,
        organisation_id: p.organisation_id.clone(),
        project_id: Some(p.id.clone()),
        data,
    };
    let mut out = vec![Seen {
        key: format!("fade:{}", p.id),
        value: dash.fade_risk.level.as_str().to_owned(),
        kind: Kind::Level,
        event: event(T::FadeRiskLevelChanged, object(&dash.fade_risk)),
    }];
    for tile in dash.indicators.iter().filter(|i| i.rag == Rag::Red) {
        out.push(Seen {
            key: format!("indicator:{}", tile.id),
            value: "red".into(),
            kind: Kind::Condition,
            event: event(T::IndicatorTurnedRed, object(tile)),
        });
    }
    for agent in crate::api::change_agents::views(db, p)
        .await?
        .into_iter()
        .filter(|a| a.silent)
    {
        out.push(Seen {
            key: format!("agent:{}", agent.id),
            value: "silent".into(),
            kind: Kind::Condition,
            event: event(T::ChangeAgentSilent, object(&agent)),
        });
    }
    let open: Vec<meeting_action::Model> = meeting_action::Entity::find()
        .filter(meeting_action::Column::ProjectId.eq(p.id.clone()))
        .filter(meeting_action::Column::Status.eq(ActionStatus::Open.as_str()))
        .filter(meeting_action::Column::DueDate.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter(|a| crate::meetings::actions::overdue(a.due_date, false, now))
        .collect();
    for action in crate::api::minutes::action_views(db, &open).await? {
        out.push(Seen {
            key: format!("action:{}", action.id),
            value: "overdue".into(),
            kind: Kind::Condition,
            event: event(T::ActionOverdue, object(&action)),
        });
    }
    Ok(out)
}

/// Compares project `p` now with the last run, writes the events of what began and the new
/// states, on `txn` (the snapshot's transaction).
pub async fn run<C: ConnectionTrait>(
    txn: &C,
    p: &project::Model,
    dash: &ProjectDashboard,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let seen = seen(txn, p, dash, now).await?;
    let before: BTreeMap<String, String> = watch_state::Entity::find()
        .filter(watch_state::Column::ProjectId.eq(p.id.clone()))
        .all(txn)
        .await?
        .into_iter()
        .map(|s| (s.key, s.value))
        .collect();
    crate::outbox::emit(txn, began(&before, &seen)).await?;
    watch_state::Entity::delete_many()
        .filter(watch_state::Column::ProjectId.eq(p.id.clone()))
        .exec(txn)
        .await?;
    if !seen.is_empty() {
        watch_state::Entity::insert_many(seen.iter().map(|s| watch_state::ActiveModel {
            key: Set(s.key.clone()),
            project_id: Set(p.id.clone()),
            value: Set(s.value.clone()),
            updated_at: Set(now),
        }))
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(key: &str, value: &str, kind: Kind) -> Seen {
        Seen {
            key: key.into(),
            value: value.into(),
            kind,
            event: NewEvent {
                event_type: T::IndicatorTurnedRed,
                organisation_id: "o".into(),
                project_id: Some("p".into()),
                data: Map::new(),
            },
        }
    }

    #[test]
    fn a_condition_fires_when_it_begins_and_again_only_after_it_ended() {
        let red = [seen("indicator:a", "red", Kind::Condition)];
        assert_eq!(began(&BTreeMap::new(), &red).len(), 1, "began");
        let stored: BTreeMap<String, String> =
            [("indicator:a".to_string(), "red".to_string())].into();
        assert!(began(&stored, &red).is_empty(), "still red: nothing new");
        assert!(began(&stored, &[]).is_empty(), "ended: nothing");
        assert_eq!(
            began(&BTreeMap::new(), &red).len(),
            1,
            "red again after it ended"
        );
    }

    #[test]
    fn a_level_fires_on_a_change_with_the_previous_level_and_not_on_first_sight() {
        let high = [seen("fade:p", "high", Kind::Level)];
        assert!(began(&BTreeMap::new(), &high).is_empty());
        let low: BTreeMap<String, String> = [("fade:p".to_string(), "low".to_string())].into();
        let e = began(&low, &high);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].data["previous_level"], "low");
        let same: BTreeMap<String, String> = [("fade:p".to_string(), "high".to_string())].into();
        assert!(began(&same, &high).is_empty());
    }
}
