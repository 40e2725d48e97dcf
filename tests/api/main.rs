//! Integration tests of the Varig API: each test spawns the application on port 0 with a
//! fresh database, once on SQLite and once on PostgreSQL (see `helpers`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[macro_use]
mod helpers;

mod access_matrix;
mod accounts;
mod contract;
mod dashboard_cache;
mod gates;
mod health;
mod indicators;
mod invitations;
mod meetings;
mod network;
mod planning;
mod receiver;
mod resources;
mod serving;
mod sessions;
mod tenancy;
mod trust_http;
mod trust_instances;
mod trust_roles;
mod trust_sessions;
mod webhooks;
mod wording;
