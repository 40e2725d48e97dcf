//! Subscriptions as organisation admins manage them (checked, audited, in one transaction
//! each) and the outbox consumer that turns events into deliveries.

use std::net::IpAddr;
use std::sync::Arc;

use chrono::Utc;
use sea_orm::DatabaseTransaction;
use uuid::Uuid;
use varig_types::{
    DeliveryStatus, NewWebhookSubscription, WebhookDelivery, WebhookSubscription,
    WebhookSubscriptionPatch,
};

use super::repo;
use super::rules::{self, TargetError};
use crate::audit::{self, snapshot, Change};
use crate::auth::Principal;
use crate::domain::{field_error, Check};
use crate::entities::outbox_event as ev;
use crate::entities::webhook_delivery::{self as d, State};
use crate::entities::webhook_subscription as sub;
use crate::error::AppError;
use crate::ids::{check_if_match, new_id, parse_id};
use crate::outbox::dispatch::{Consumer, Handover};
use crate::state::AppState;

pub fn view(m: &sub::Model) -> WebhookSubscription {
    WebhookSubscription {
        id: parse_id(&m.id),
        organisation_id: parse_id(&m.organisation_id),
        url: m.url.clone(),
        description: m.description.clone(),
        event_types: rules::parse_types(&m.event_types),
        project_id: m.project_id.as_deref().map(parse_id),
        enabled: m.enabled,
        disabled_reason: m.disabled_reason.clone(),
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

pub fn delivery_view(m: &d::Model, e: &ev::Model) -> Option<WebhookDelivery> {
    Some(WebhookDelivery {
        id: parse_id(&m.id),
        subscription_id: parse_id(&m.subscription_id),
        status: match m.status {
            State::Pending => DeliveryStatus::Pending,
            State::Delivered => DeliveryStatus::Delivered,
            State::Failed => DeliveryStatus::Failed,
        },
        attempts: u32::try_from(m.attempts).unwrap_or_default(),
        last_attempt_at: m.last_attempt_at,
        last_status_code: m.last_status_code.and_then(|c| u16::try_from(c).ok()),
        last_error: m.last_error.clone(),
        next_attempt_at: (m.status == State::Pending).then_some(m.next_attempt_at),
        delivered_at: m.delivered_at,
        event: crate::outbox::to_api(e)?,
    })
}

pub fn state_of(s: DeliveryStatus) -> State {
    match s {
        DeliveryStatus::Pending => State::Pending,
        DeliveryStatus::Delivered => State::Delivered,
        DeliveryStatus::Failed => State::Failed,
    }
}

/// The addresses `host` resolves to now (none if it does not within five seconds).
pub async fn resolve(host: &str, port: u16) -> Vec<IpAddr> {
    if let Ok(ip) = host.parse::<IpAddr>() {
        return vec![ip];
    }
    let lookup = tokio::net::lookup_host((host, port));
    match tokio::time::timeout(std::time::Duration::from_secs(5), lookup).await {
        Ok(Ok(addrs)) => addrs.map(|a| a.ip()).collect(),
        _ => vec![],
    }
}

/// `raw` as a target the guard lets through, or the field error saying why not.
async fn checked_url(state: &AppState, raw: &str) -> Result<String, varig_types::FieldError> {
    let refuse = |e: TargetError| field_error("url", e.code(), e.message());
    if raw.trim().chars().count() > 2000 {
        return Err(field_error(
            "url",
            "too_long",
            "must be at most 2000 characters",
        ));
    }
    let target = rules::parse_target(raw).map_err(refuse)?;
    let addresses = resolve(&target.host, target.port).await;
    rules::check_addresses(
        &addresses,
        target.https,
        &state.settings.webhook_allowed_networks,
    )
    .map_err(refuse)?;
    Ok(target.url.to_string())
}

fn description(check: &mut Check, raw: &str) -> String {
    let d = raw.trim();
    if d.chars().count() > 200 {
        check.push(field_error(
            "description",
            "too_long",
            "must be at most 200 characters",
        ));
    }
    d.to_owned()
}

fn audit_change<'a>(
    action: &'a str,
    before: Option<&sub::Model>,
    after: &sub::Model,
) -> Change<'a> {
    Change {
        organisation_id: Some(after.organisation_id.clone()),
        action,
        entity_type: "webhook_subscription",
        entity_id: Some(after.id.clone()),
        before: before.map(view).as_ref().and_then(snapshot),
        after: snapshot(&view(after)),
    }
}

pub async fn create(
    state: &AppState,
    who: &Principal,
    body: &NewWebhookSubscription,
) -> Result<(sub::Model, String), AppError> {
    let org = who.org()?;
    let mut check = Check::new();
    let url = check.take(checked_url(state, &body.url).await);
    let description = description(&mut check, &body.description);
    if let Some(p) = body.project_id {
        if !repo::project_in_org(&state.db, &org, &p.to_string()).await? {
            check.push(field_error(
                "project_id",
                "not_found",
                "no such project in the organisation",
            ));
        }
    }
    check.finish()?;
    let now = Utc::now();
    let secret = rules::new_secret();
    let model = sub::Model {
        id: new_id(),
        organisation_id: org,
        url: url.unwrap_or_default(),
        description,
        event_types: rules::store_types(&body.event_types),
        project_id: body.project_id.map(|p| p.to_string()),
        secret: secret.clone(),
        enabled: true,
        disabled_reason: None,
        created_by: who.user_id_str(),
        created_at: now,
        updated_at: now,
        version: 1,
        deleted_at: None,
    };
    let txn = crate::db::begin_write(&state.db).await?;
    repo::insert_subscription(&txn, &model).await?;
    audit::record(
        &txn,
        Some(who),
        audit_change("webhook.create", None, &model),
    )
    .await?;
    txn.commit().await?;
    Ok((model, secret))
}

pub async fn get(state: &AppState, who: &Principal, id: Uuid) -> Result<sub::Model, AppError> {
    repo::subscription(&state.db, &who.org()?, &id.to_string())
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn update(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
    patch: &WebhookSubscriptionPatch,
) -> Result<sub::Model, AppError> {
    let before = get(state, who, id).await?;
    let mut check = Check::new();
    let mut after = before.clone();
    if let Some(raw) = &patch.url {
        if let Some(url) = check.take(checked_url(state, raw).await) {
            after.url = url;
        }
    }
    if let Some(d) = &patch.description {
        after.description = description(&mut check, d);
    }
    if let Some(types) = &patch.event_types {
        after.event_types = rules::store_types(types);
    }
    if let Some(on) = patch.enabled {
        after.enabled = on;
        if on {
            after.disabled_reason = None;
        }
    }
    check.finish()?;
    let version = check_if_match(if_match, before.version)?;
    after.updated_at = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    let stored = repo::update_subscription(&txn, &after, version)
        .await?
        .ok_or(AppError::PreconditionFailed)?;
    audit::record(
        &txn,
        Some(who),
        audit_change("webhook.update", Some(&before), &stored),
    )
    .await?;
    txn.commit().await?;
    Ok(stored)
}

/// Deletes a subscription: it sends nothing more; its pending deliveries fail.
pub async fn delete(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    if_match: Option<&str>,
) -> Result<(), AppError> {
    let before = get(state, who, id).await?;
    check_if_match(if_match, before.version)?;
    let mut after = before.clone();
    after.enabled = false;
    after.deleted_at = Some(Utc::now());
    after.updated_at = Utc::now();
    let txn = crate::db::begin_write(&state.db).await?;
    repo::update_subscription(&txn, &after, before.version)
        .await?
        .ok_or(AppError::PreconditionFailed)?;
    audit::record(
        &txn,
        Some(who),
        audit_change("webhook.delete", Some(&before), &after),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// "Send again": the delivery goes back in the queue for an attempt now.
pub async fn retry(
    state: &AppState,
    who: &Principal,
    id: Uuid,
    delivery: Uuid,
) -> Result<WebhookDelivery, AppError> {
    let s = get(state, who, id).await?;
    if !s.enabled {
        return Err(AppError::State {
            code: varig_types::ProblemCode::WebhookDisabled,
            detail: "The subscription is turned off; turn it on before sending again.".into(),
        });
    }
    let txn = crate::db::begin_write(&state.db).await?;
    let (d, e) = repo::requeue(&txn, &s.id, &delivery.to_string(), Utc::now())
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    delivery_view(&d, &e).ok_or_else(|| AppError::Internal("unreadable outbox event".into()))
}

/// The outbox consumer of webhooks: one delivery per event and subscription that wants it.
pub struct Fanout;

impl Consumer for Fanout {
    fn name(&self) -> &'static str {
        "webhooks"
    }

    fn take<'a>(&'a self, txn: &'a DatabaseTransaction, events: &'a [ev::Model]) -> Handover<'a> {
        Box::pin(async move {
            let subs = repo::listeners(txn, events).await?;
            if subs.is_empty() {
                return Ok(());
            }
            let wanted: Vec<(Vec<varig_types::WebhookEventType>, &sub::Model)> = subs
                .iter()
                .map(|s| (rules::parse_types(&s.event_types), s))
                .collect();
            let mut pairs = Vec::new();
            for e in events {
                let Some(t) = varig_types::WebhookEventType::parse(&e.event_type) else {
                    tracing::error!(event = %e.id, event_type = %e.event_type, "unknown outbox event type; not sent");
                    continue;
                };
                for (types, s) in &wanted {
                    // A subscription gets what happened from its making on.
                    if s.organisation_id == e.organisation_id
                        && s.created_at <= e.occurred_at
                        && rules::wants(types, s.project_id.as_deref(), t, e.project_id.as_deref())
                    {
                        pairs.push((e, *s));
                    }
                }
            }
            repo::insert_deliveries(txn, &pairs, Utc::now()).await
        })
    }
}

pub fn consumers() -> Vec<Arc<dyn Consumer>> {
    vec![Arc::new(Fanout)]
}
