//! The change-agent network: the organisation's structure and units, each project's scope
//! of units and settings, its change agents (status, units, training) and how well they
//! cover the scope.
//!
//! `http/` (the operations, one file per resource), `service/` (checked and audited changes,
//! the composed reads other capabilities use: [`service::agent_views`],
//! [`service::coverage_of`]), `repo` (every statement), `views` (rows → API types), and the
//! pure rules: `rules` (structure and units), `machine` (an agent's way through the network,
//! silence), `coverage`.

pub mod coverage;
pub mod http;
pub mod machine;
pub mod repo;
pub mod rules;
pub mod service;
pub mod views;

/// Old paths the dashboard still uses until it moves (issue 14); removed once it does.
pub use machine as agents;
/// Old path (see [`agents`]).
pub mod store {
    pub use super::service::coverage_of;
}
