//! Webhooks: organisation admins subscribe a third-party system's address to events; the
//! outbox's events become deliveries (`service::Fanout`), which every instance's sender
//! signs and posts with retries (`deliver`).
//!
//! `http` (the operations), `service` (checked and audited changes, the outbox consumer),
//! `repo` (every statement), `rules` (pure: the SSRF guard, retries, signatures).

pub mod deliver;
pub mod http;
pub mod repo;
pub mod rules;
pub mod service;

use std::time::Duration;

use crate::state::AppState;

/// Starts this instance's outbox dispatcher and webhook sender (unless polling is off).
pub fn spawn(state: &AppState) {
    let every = state.settings.outbox_poll_ms;
    if every == 0 {
        return;
    }
    let every = Duration::from_millis(every);
    crate::outbox::dispatch::spawn(state.db.clone(), service::consumers(), every);
    deliver::spawn(state.db.clone(), state.settings.clone(), every);
}
