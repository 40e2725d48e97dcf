//! The audit log: every change, who made it, when, and the object before and after.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};
use serde::Serialize;

use crate::auth::Principal;
use crate::entities::audit;
use crate::ids::new_id;

/// One change to record. `before`/`after` are the API representations (never secrets).
pub struct Change<'a> {
    pub organisation_id: Option<String>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub fn snapshot<T: Serialize>(v: &T) -> Option<serde_json::Value> {
    serde_json::to_value(v).ok()
}

/// Records `change` on `db` (pass the transaction of the change itself), with the events it
/// stands for in the outbox (`outbox::rules`).
pub async fn record<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Principal>,
    change: Change<'_>,
) -> Result<(), DbErr> {
    record_in_project(db, actor, change, None).await
}

/// As [`record`], for an object that does not name its project itself (a measurement).
pub async fn record_in_project<C: ConnectionTrait>(
    db: &C,
    actor: Option<&Principal>,
    change: Change<'_>,
    project_id: Option<&str>,
) -> Result<(), DbErr> {
    crate::outbox::for_change(db, &change, project_id).await?;
    audit::Entity::insert(audit::ActiveModel {
        id: Set(new_id()),
        organisation_id: Set(change.organisation_id),
        actor_user_id: Set(actor.and_then(|a| a.user_id).map(|u| u.to_string())),
        actor_token_id: Set(actor.and_then(|a| a.token_id).map(|u| u.to_string())),
        action: Set(change.action.to_owned()),
        entity_type: Set(change.entity_type.to_owned()),
        entity_id: Set(change.entity_id),
        before: Set(change.before.map(|v| v.to_string())),
        after: Set(change.after.map(|v| v.to_string())),
        at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}
