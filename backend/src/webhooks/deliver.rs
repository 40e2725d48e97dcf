//! The sender: every instance claims due deliveries (`repo::claim_due`, `SKIP LOCKED` on
//! PostgreSQL, so one delivery is attempted by one instance at a time), signs each per
//! Standard Webhooks and posts it, then records the outcome and when to try again. A claim
//! is a lease: if the instance dies mid-attempt, another takes the delivery up when the
//! lease ends. Delivery is at least once; the event id is the receiver's de-duplication key.

use std::net::SocketAddr;
use std::time::Duration;

use chrono::Utc;
use sea_orm::DatabaseConnection;

use super::repo::{self, Outcome};
use super::rules;
use super::service::resolve;
use crate::config::Settings;
use crate::entities::outbox_event as ev;
use crate::entities::webhook_delivery::State;
use crate::entities::webhook_subscription as sub;

/// At most this many deliveries are attempted at once by one instance.
pub const PARALLEL: u64 = 16;

/// What one attempt came to.
#[derive(Debug)]
pub enum Attempt {
    Delivered(u16),
    Failed { status: Option<u16>, error: String },
}

/// Posts `event` to the subscription's address, connecting only to an address the guard
/// allows (resolved now, and the connection pinned to it, so a name that re-resolves to a
/// private address between check and call gets nowhere).
pub async fn attempt(settings: &Settings, s: &sub::Model, event: &ev::Model) -> Attempt {
    let failed = |error: String| Attempt::Failed {
        status: None,
        error,
    };
    // The body as the spec documents `WebhookEvent` (the same serialisation as the API's
    // answers, so the delivery log shows exactly what was sent).
    let body = crate::outbox::to_api(event)
        .and_then(|e| poem_openapi::types::ToJSON::to_json(&e))
        .and_then(|v| serde_json::to_vec(&v).ok());
    let Some(body) = body else {
        return failed("the event could not be read".into());
    };
    let target = match rules::parse_target(&s.url) {
        Ok(t) => t,
        Err(e) => return failed(format!("refused: the address {}", e.message())),
    };
    let addresses = resolve(&target.host, target.port).await;
    if let Err(e) =
        rules::check_addresses(&addresses, target.https, &settings.webhook_allowed_networks)
    {
        return failed(format!("refused: the address {}", e.message()));
    }
    let Some(ip) = addresses.first().copied() else {
        return failed("the host name does not resolve".into());
    };
    let timeout = Duration::from_secs(settings.webhook_timeout_secs);
    let client = match reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(timeout)
        .connect_timeout(timeout)
        .resolve(&target.host, SocketAddr::new(ip, target.port))
        .user_agent(concat!("Varig-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
    {
        Ok(c) => c,
        Err(e) => return failed(format!("could not prepare the request: {e}")),
    };
    let timestamp = Utc::now().timestamp();
    let Some(signature) = rules::signature(&s.secret, &event.id, timestamp, &body) else {
        return failed("the subscription's secret is unusable".into());
    };
    let sent = client
        .post(target.url.clone())
        .header("content-type", "application/json")
        .header("webhook-id", &event.id)
        .header("webhook-timestamp", timestamp.to_string())
        .header("webhook-signature", signature)
        .body(body)
        .send()
        .await;
    match sent {
        Ok(r) if r.status().is_success() => Attempt::Delivered(r.status().as_u16()),
        Ok(r) => Attempt::Failed {
            status: Some(r.status().as_u16()),
            error: format!("the receiver answered HTTP {}", r.status().as_u16()),
        },
        Err(e) if e.is_timeout() => failed(format!(
            "no answer within {} s",
            settings.webhook_timeout_secs
        )),
        Err(e) if e.is_connect() => failed("could not connect to the receiver".into()),
        Err(e) => failed(format!("the request failed: {e}")),
    }
}

/// Attempts one claimed delivery and records what came of it.
async fn deliver_one(db: &DatabaseConnection, settings: &Settings, id: &str) {
    let loaded = match repo::claimed(db, id).await {
        Ok(Some(l)) => l,
        Ok(None) => return,
        Err(e) => {
            tracing::warn!(error = %e, delivery = %id, "could not load a webhook delivery");
            return;
        }
    };
    let (delivery, s, event) = loaded;
    let now = Utc::now();
    let attempts = u32::try_from(delivery.attempts).unwrap_or(u32::MAX);
    let outcome = if !s.enabled || s.deleted_at.is_some() {
        Outcome {
            status: State::Failed,
            status_code: None,
            error: Some("not sent: the subscription is turned off".into()),
            next_attempt_at: None,
            at: now,
        }
    } else {
        match attempt(settings, &s, &event).await {
            Attempt::Delivered(code) => Outcome {
                status: State::Delivered,
                status_code: Some(code),
                error: None,
                next_attempt_at: None,
                at: Utc::now(),
            },
            Attempt::Failed { status, error } => {
                let next = rules::retry_after(attempts, &settings.webhook_retry_secs)
                    .and_then(|w| chrono::Duration::from_std(w).ok())
                    .map(|w| Utc::now() + w);
                Outcome {
                    status: if next.is_some() {
                        State::Pending
                    } else {
                        State::Failed
                    },
                    status_code: status,
                    error: Some(error),
                    next_attempt_at: next,
                    at: Utc::now(),
                }
            }
        }
    };
    // The outcome and, when every retry failed, turning the subscription off, together: the
    // admin never sees a failed delivery of a subscription that still looks healthy.
    let give_up = outcome.status == State::Failed && s.enabled && s.deleted_at.is_none();
    let reason = give_up.then(|| {
        format!(
            "Turned off by Varig on {}: event {} could not be delivered in {} attempts; the last: {}.",
            now.format("%Y-%m-%d %H:%M UTC"),
            event.id,
            attempts,
            outcome.error.as_deref().unwrap_or("unknown"),
        )
    });
    let recorded = async {
        let txn = crate::db::begin_write(db).await?;
        repo::record_outcome(&txn, id, &outcome).await?;
        if let Some(reason) = &reason {
            // Every retry failed (more than a day with the default schedule).
            repo::disable(&txn, &s.id, reason.clone()).await?;
        }
        txn.commit().await
    };
    match recorded.await {
        Ok(()) => {
            if let Some(reason) = reason {
                tracing::warn!(subscription = %s.id, %reason, "webhook subscription turned off");
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, delivery = %id, "could not record a webhook attempt; it is retried when its lease ends")
        }
    }
}

/// Attempts every due delivery once; how many were attempted.
pub async fn run_once(
    db: &DatabaseConnection,
    settings: &std::sync::Arc<Settings>,
) -> Result<usize, sea_orm::DbErr> {
    let now = Utc::now();
    // Held until one attempt surely ended (its timeout), with slack.
    let lease = now + chrono::Duration::seconds(2 * settings.webhook_timeout_secs as i64 + 30);
    let ids = repo::claim_due(db, now, lease, PARALLEL).await?;
    let count = ids.len();
    let mut set = tokio::task::JoinSet::new();
    for id in ids {
        let db = db.clone();
        let settings = settings.clone();
        set.spawn(async move { deliver_one(&db, &settings, &id).await });
    }
    while set.join_next().await.is_some() {}
    Ok(count)
}

/// Runs the sender for the life of the process.
pub fn spawn(db: DatabaseConnection, settings: std::sync::Arc<Settings>, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            loop {
                match run_once(&db, &settings).await {
                    // A full batch: more may be due.
                    Ok(n) if n as u64 >= PARALLEL => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "claiming webhook deliveries failed; retrying");
                        break;
                    }
                }
            }
        }
    });
}
